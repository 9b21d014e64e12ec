#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <QUrl>

class ClassicService;

// Keeps this gateway's announcement (see core/classic/GatewayAnnouncement.h) in the DHT while
// it runs, and takes it back when it stops.
class Announcer : public QObject
{
    Q_OBJECT
public:
    Announcer(ClassicService* service, const QUrl& url, const QString& nodeId, QObject* parent = nullptr);
    void start();
    // Removes the announcement; done() once the removal is stored.
    void withdraw(std::function<void()> done);

private:
    void put();

    ClassicService* m_service;
    QByteArray m_value;
    QByteArray m_secret; // random per run: only this run can take its announcement back
    QTimer m_refresh;
};
