#pragma once

#include "core/backend/GatewayBackend.h"
#include "core/dht/DhtKey.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QDialog;
class QInputDialog;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSplitter;
class QTableView;
class QToolButton;
class ValueFilterProxy;
class ValueViewer;
class ValuesModel;
class ValuesStatus;

// One open key: its values in a table (fetched page by page, with progress and cancel), the
// selected value in a viewer, a filter, and a watch that keeps the key live. Every network
// call goes through the GatewayBackend the window gives it.
class KeyTab : public QWidget
{
    Q_OBJECT
public:
    KeyTab(const DhtKey& key, QWidget* parent = nullptr);
    ~KeyTab() override;

    DhtKey key() const { return m_key; }
    // A new backend (or none): calls under way on the old one are cancelled, a watch restarts.
    void setBackend(GatewayBackend* backend);

    void fetch();
    void cancel();
    bool isBusy() const { return !m_fetch.isNull() || !m_put.isNull() || !m_remove.isNull(); }
    void setWatching(bool on);
    bool isWatching() const { return m_watching; }
    // Whether a fetch has ever finished in this tab (restored tabs fetch when first shown).
    bool hasFetched() const { return m_fetched; }
    // Whether what it shows is not from the gateway now in use (fetched through another one, or
    // never): fetched again when it is next shown.
    bool isStale() const { return !m_fetched || m_fetchedGeneration != m_backendGeneration; }
    void put(const QByteArray& value, int ttlSeconds, const QByteArray& secret);
    // A plain OpenDHT value (issue #19); its end is said in the put's result.
    void putPlain(const PlainValue& value, int ttlSeconds);
    void removeSelected();
    void copySelected();
    void focusFilter();
    // Selects the newest value a watch brought, and shows it; false when none is in the table.
    bool goToNewest();
    bool hasWatchedNew() const { return !m_newest.isEmpty(); }

    ValuesModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    ValueViewer* viewer() const { return m_viewer; }
    QLabel* stateLabel() const { return m_state; }
    QLabel* watchStateLabel() const { return m_watchState; }
    QSplitter* splitter() const { return m_splitter; }
    QString title() const;

signals:
    // A call ended: what it was, how long it took, and the outcome in words.
    void operationFinished(const QString& text, qint64 ms, bool ok);
    // The same for the gateway's health (issue #15): which gateway, a put or a fetch, the error.
    void gatewayCallEnded(const QUrl& gateway, bool put, const GatewayError& error, qint64 ms);
    void putFinished(bool ok, const QString& text);
    void busyChanged(bool busy);
    void watchingChanged(bool on);
    void message(const QString& text);
    // The watch brought count values the table did not have (see goToNewest).
    void newValuesArrived(int count);

private:
    void buildLayout();
    void sizeColumns();
    void onFetchFinished();
    void flushPending();
    void onPutFinished(GatewayCall* call, const QByteArray& value, int ttlSeconds, const QByteArray& secret);
    bool canRemove(const DhtValue& value);
    void askSecret(const DhtValue& value);
    void confirmRemove(const DhtValue& value, const QByteArray& secret);
    void onSecretTyped(const QByteArray& id, quint64 generation, const QByteArray& secret);
    void startRemove(const DhtValue& value, const QByteArray& secret);
    int rowOf(const QByteArray& id) const;
    void reportRemoval();
    void startWatch();
    void stopWatch();
    void selectionChanged();
    int selectedRow() const;

    static constexpr int flushIntervalMs = 100;

    DhtKey m_key;
    QList<DhtValue> m_pending;    // fetched, not yet in the table
    QList<DhtValue> m_fetchedAll; // everything the running fetch brought so far
    bool m_progressive = false;   // the running fetch fills an empty table as pages come
    QTimer m_flush;
    int m_fetchedPages = 0;
    QPointer<GatewayBackend> m_backend;
    quint64 m_backendGeneration = 0; // counts setBackend() calls: which backend an answer is for
    QPointer<GatewayCall> m_fetch;
    QPointer<GatewayCall> m_put;
    QPointer<GatewayCall> m_remove;
    QPointer<GatewayWatch> m_watch;
    QPointer<QDialog> m_secretPrompt; // open while Remove asks for a secret or a confirmation
    bool m_watching = false;
    bool m_fetched = false;
    quint64 m_fetchedGeneration = 0; // m_backendGeneration when the last fetch ended
    QByteArray m_newest;             // identity of the newest value a watch brought
    QByteArray m_removed;            // identity of a value whose removal a fetch is checking
    // Secrets of values put from this window (by DhtValue::identity()), so Remove needs no
    // retyping (this session only).
    QHash<QByteArray, QByteArray> m_secrets;

    ValuesModel* m_model;
    ValuesStatus* m_status; // the text of m_state
    ValueFilterProxy* m_proxy;
    QTableView* m_view;
    ValueViewer* m_viewer;
    QSplitter* m_splitter;
    QLabel* m_state;
    QLabel* m_watchState;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QToolButton* m_watchButton;
    QLineEdit* m_filter;
};
