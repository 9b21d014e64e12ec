#pragma once

#include "core/dht/DhtKey.h"
#include "ui/common/ElidingLabel.h"

#include <QHash>
#include <QMainWindow>
#include <QUrl>

#include <memory>

class ActiveGateway;
class BookmarksModel;
class WelcomePage;
class DockArrangement;
class GatewayBackend;
class GatewayChooser;
class GatewayDirectory;
class GatewayDock;
class KeyBar;
class KeyHistory;
class KeyTab;
class KeysDock;
class KeptPutKeeper;
class QuitNotice;
class PutPanel;
class QLabel;
class QScrollArea;
class QSettings;
class QTabWidget;
class StoredKeysPanel;

// The browser's window: the key bar over tabs of open keys, the side panel of keys (stored
// here, history, bookmarks), the put panel and the gateway latency table in docks, and a status bar naming
// the gateway in use, the local gateway's network and the last operation.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl gateway;              // use this gateway (pinned), for this run only
        bool localFallback = true; // start the embedded gateway when no gateway answers
        bool startLocal = false;   // start it at once
        bool restoreSession = true;
        QString network; // the local gateway's DhtNetwork for this run (empty: the chosen one)
        // Where the puts kept alive through proxies are stored, to be resumed at the next start
        // (KeptPutStore::userPath() for the browser); empty: kept while this window lives only.
        QString keptPuts;
    };

    explicit MainWindow(const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    KeyTab* currentTab() const;
    KeyTab* openKey(const DhtKey& key, bool newTab);
    QTabWidget* tabs() const { return m_tabs; }
    KeyBar* keyBar() const { return m_keyBar; }
    PutPanel* putPanel() const { return m_put; }
    GatewayDock* gatewayDock() const { return m_gatewayDock; }
    KeysDock* keysDock() const { return m_keysDock; }
    StoredKeysPanel* storedKeysPanel() const;
    ActiveGateway* activeGateway() const { return m_active; }
    KeptPutKeeper* keptPuts() const { return m_keeper; }
    GatewayChooser* chooser() const { return m_chooser; }
    QLabel* gatewayStatus() const { return m_gatewayLabel; }
    QLabel* operationStatus() const { return m_operationLabel; }
    QLabel* localGatewayStatus() const { return m_localLabel; }
    DockArrangement* dockArrangement() const { return m_docks; }
    QWidget* welcomePage() const;

protected:
    void closeEvent(QCloseEvent* event) override;

signals:
    // A line the status bar shows (what happened: a failover, a restart, an error).
    void messageShown(const QString& text);

private:
    void buildActions();
    void buildDocks();
    void connectTab(KeyTab* tab);
    void closeTab(int index);
    void openTypedKeyInNewTab();
    void showKey(const DhtKey& key);
    void currentTabChanged();
    void noteUnseen(KeyTab* tab, int count);
    void clearUnseen(KeyTab* tab);
    void goToNewValue();
    void backendChanged(GatewayBackend* backend);
    void updateGatewayStatus();
    void updateLocalStatus();
    void showOperation(const QString& text, qint64 ms, bool ok);
    void showMessage(const QString& text);
    void askApplicationName();
    void showKeptPuts();
    void saveSession();
    void restoreSession();

    std::unique_ptr<QSettings> m_gatewaySettings;
    GatewayDirectory* m_directory;
    GatewayChooser* m_chooser;
    KeptPutKeeper* m_keeper; // before m_active, whose proxy clients hand their puts to it
    ActiveGateway* m_active;
    QuitNotice* m_quitNotice;
    KeyHistory* m_history;
    BookmarksModel* m_bookmarks;
    KeyBar* m_keyBar;
    QTabWidget* m_tabs;
    QHash<KeyTab*, int> m_unseen; // values watches brought to tabs behind, not yet seen
    PutPanel* m_put = nullptr;
    GatewayDock* m_gatewayDock = nullptr;
    KeysDock* m_keysDock = nullptr;
    DockArrangement* m_docks = nullptr;
    WelcomePage* m_welcome = nullptr;
    QString m_lastGateway; // the gateway in use, as last announced
    QScrollArea* m_welcomeScroll = nullptr;
    ElidingLabel* m_gatewayLabel;
    ElidingLabel* m_operationLabel;
    ElidingLabel* m_localLabel;
};
