#pragma once

#include "StoredKeyPage.h"

#include "core/net/HttpCall.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

// Every key a gateway stores, read page by page from its GET /keys (our opendht-gateway's
// route): keysArrived() for each page, progress as it goes, finished() once, at the end, after
// an error or after cancel(). A gateway that cannot list (a stock OpenDHT proxy, a classic
// gateway of others, one whose operator said --list-keys off) is told apart in failure().
// pause() stops it between pages (the page asked for already still comes), resume() goes on
// from the cursor: a listing nobody sees costs the gateway nothing meanwhile.
class KeyListing : public QObject
{
    Q_OBJECT
public:
    enum class Failure
    {
        None,
        CannotList, // the server has no such listing (404, 501, a get's answer, ...)
        Refused,    // it lists, but not to this client (403, with its reason)
        Malformed,  // a listing, but broken
        Network,    // no usable answer
        Cancelled
    };

    KeyListing(QNetworkAccessManager* nam, const QUrl& gateway, const HttpCall::Limits& limits,
               QObject* parent = nullptr);

    void setPageSize(int keys) { m_pageSize = keys; }
    void setMaxKeys(qint64 keys) { m_maxKeys = keys; } // 0: all
    void start();
    void cancel();
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    // A page is asked for and not in yet.
    bool isWaiting() const { return bool(m_call); }

    bool isFinished() const { return m_finished; }
    Failure failure() const { return m_failure; }
    QString errorString() const { return m_errorString; }
    qint64 listed() const { return m_listed; }
    qint64 total() const { return m_total; } // as the last page said

signals:
    void keysArrived(const QVector<StoredKeyInfo>& keys);
    void progress(qint64 listed, qint64 total);
    void finished();

private:
    void requestPage();
    void onPage();
    void fail(Failure failure, const QString& message);
    void finish();

    QNetworkAccessManager* m_nam;
    QUrl m_gateway;
    HttpCall::Limits m_limits;
    int m_pageSize = 1000;
    qint64 m_maxKeys = 0;
    QPointer<HttpCall> m_call;
    QByteArray m_cursor20;
    qint64 m_listed = 0;
    qint64 m_total = 0;
    bool m_finished = false;
    bool m_paused = false;
    bool m_pageDue = false; // the next page, held back by pause()
    Failure m_failure = Failure::None;
    QString m_errorString;
};
