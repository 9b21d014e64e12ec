#include "MainWindow.h"

#include "DockArrangement.h"
#include "HelpMenu.h"
#include "KeysDock.h"
#include "WelcomePage.h"

#include "KeyTab.h"
#include "LocalNetworkMenu.h"
#include "SessionState.h"
#include "ValuesTransfer.h"
#include "core/local/ActiveGateway.h"

#include "ui/common/PlainToolTip.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/GatewayDirectory.h"
#include "core/probe/LatencyProbe.h"
#include "ui/common/BrowserSettings.h"
#include "ui/common/ElidingLabel.h"
#include "ui/gateways/GatewayDock.h"
#include "ui/kept/KeptPutsDialog.h"
#include "ui/kept/QuitNotice.h"
#include "ui/keys/BookmarksModel.h"
#include "ui/keys/BookmarksPanel.h"
#include "ui/keys/KeyBar.h"
#include "ui/keys/KeyHistory.h"
#include "ui/put/PutPanel.h"
#include "ui/storedkeys/StoredKeysPanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent)
    , m_gatewaySettings(GatewayDirectory::openUserSettings())
    , m_directory(new GatewayDirectory(m_gatewaySettings.get(), this))
    , m_chooser(new GatewayChooser(m_directory, m_gatewaySettings.get(), this))
    , m_keeper(new KeptPutKeeper(this))
    , m_active(new ActiveGateway(m_chooser, &browserSettings(), this))
    , m_quitNotice(new QuitNotice(m_keeper, this))
    , m_history(new KeyHistory(this))
    , m_bookmarks(new BookmarksModel(this))
    , m_keyBar(new KeyBar(m_history, m_bookmarks, this))
    , m_tabs(new QTabWidget(this))
    , m_gatewayLabel(new ElidingLabel(this))
    , m_operationLabel(new ElidingLabel(this))
    , m_localLabel(new ElidingLabel(this))
{
    setWindowTitle(tr("OpenDHT Browser"));
    setObjectName(QStringLiteral("mainWindow"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    auto* newTab = new QToolButton(m_tabs);
    newTab->setText(QStringLiteral("+"));
    newTab->setToolTip(tr("Open the key in a new tab (Alt+Enter)"));
    newTab->setAccessibleName(tr("New tab"));
    connect(newTab, &QToolButton::clicked, this, &MainWindow::openTypedKeyInNewTab);
    m_tabs->setCornerWidget(newTab, Qt::TopRightCorner);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::currentTabChanged);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_keyBar);
    layout->addWidget(m_tabs, 1);
    m_welcome = new WelcomePage(m_history, central);
    // Scrolls in a short window rather than making the window taller.
    m_welcomeScroll = new QScrollArea(central);
    m_welcomeScroll->setWidget(m_welcome);
    m_welcomeScroll->setWidgetResizable(true);
    m_welcomeScroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_welcomeScroll, 1);
    setCentralWidget(central);
    connect(m_welcome, &WelcomePage::keyChosen, this, [this](const DhtKey& key) {
        m_history->add(key);
        openKey(key, false)->fetch();
    });

    connect(m_keyBar, &KeyBar::fetchRequested, this,
            [this](const DhtKey& key) { openKey(key, false)->fetch(); });
    connect(m_keyBar, &KeyBar::openInNewTabRequested, this,
            [this](const DhtKey& key) { openKey(key, true)->fetch(); });

    for (QLabel* label : {m_gatewayLabel, m_operationLabel, m_localLabel})
        label->setTextFormat(Qt::PlainText); // gateway names and errors are untrusted text
    m_localLabel->setObjectName(QStringLiteral("localGatewayStatus"));
    statusBar()->addWidget(m_operationLabel, 1);
    statusBar()->addPermanentWidget(m_localLabel);
    statusBar()->addPermanentWidget(m_gatewayLabel);

    buildDocks();
    buildActions();

    if (!options.keptPuts.isEmpty()) {
        QString error;
        if (!m_keeper->open(options.keptPuts, &error))
            showMessage(tr("Puts kept through proxies will not outlive this run: %1").arg(error));
    }
    m_active->setPutKeeper(m_keeper);
    connect(m_keeper, &KeptPutKeeper::problem, this, &MainWindow::showMessage);
    connect(m_active, &ActiveGateway::backendChanged, this, &MainWindow::backendChanged);
    connect(m_active, &ActiveGateway::message, this, &MainWindow::showMessage);
    connect(m_active, &ActiveGateway::localChanged, this, &MainWindow::updateLocalStatus);
    connect(m_chooser, &GatewayChooser::statsChanged, this, &MainWindow::updateGatewayStatus);
    connect(m_chooser, &GatewayChooser::currentFailing, this, [this](const QUrl& url, const QString& status) {
        showMessage(tr("The gateway you chose, %1, is failing (%2). Choose another in the gateway table.")
                        .arg(url.toString(), status));
    });

    if (options.restoreSession)
        restoreSession();
    else
        SessionState::resizeToDefault(this);
    m_active->setLocalFallback(options.localFallback && options.gateway.isEmpty());
    if (!options.network.isEmpty())
        m_active->useLocalNetwork(options.network); // the caller checked the name
    if (!options.gateway.isEmpty()) {
        // For this run only: a mistyped or dead URL must not stay in the shared list, nor
        // pinned for the next starts.
        if (!m_directory->find(options.gateway))
            m_directory->add({options.gateway, options.gateway.authority(), std::nullopt,
                              GatewayDirectory::Origin::ThisRun});
        m_chooser->useForThisRun(options.gateway);
    }
    m_chooser->start();
    if (options.startLocal)
        m_active->startLocal();
    updateGatewayStatus();
    updateLocalStatus();
    currentTabChanged();
}

MainWindow::~MainWindow()
{
    // Tabs hold calls of the backend: they go before it.
    while (m_tabs->count() > 0)
        delete m_tabs->widget(0);
    browserSettings().flush();
}

void MainWindow::buildDocks()
{
    m_put = new PutPanel(this);
    m_put->setApplication(m_active->application());
    auto* putDock = new QDockWidget(tr("Put a value"), this);
    putDock->setObjectName(QStringLiteral("putDock"));
    // Scrolls rather than squeezes its fields when the dock is short (a small window).
    auto* scroll = new QScrollArea(putDock);
    scroll->setWidget(m_put);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Never sideways: the panel's fields are as narrow as it allows, and the dock no narrower.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_put->minimumSizeHint().width() +
                            scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    putDock->setWidget(scroll);
    connect(m_put, &PutPanel::putRequested, this,
            [this](const QByteArray& value, int ttl, const QByteArray& secret) {
                KeyTab* tab = currentTab();
                if (!tab)
                    return;
                m_put->setBusy(true);
                tab->put(value, ttl, secret);
            });
    connect(m_put, &PutPanel::plainPutRequested, this, [this](const PlainValue& value, int ttl) {
        if (KeyTab* tab = currentTab()) {
            m_put->setBusy(true);
            tab->putPlain(value, ttl);
        }
    });

    m_gatewayDock = new GatewayDock(m_chooser, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_gatewayDock);

    // Beside the values, shown from the first start: on the local gateway "Stored here" is
    // every key there is, and elsewhere the history and bookmarks are the user's own index.
    m_keysDock = new KeysDock(m_history, m_bookmarks, this);
    DockArrangement::placeWide(this, m_keysDock, putDock);
    connect(m_keysDock, &KeysDock::openRequested, this, &MainWindow::showKey);
    // Bookmarks are managed on the panel's Bookmarks page, whichever button asks.
    connect(m_keyBar, &KeyBar::bookmarkRequested, m_keysDock, &KeysDock::addBookmark);
    connect(m_keyBar, &KeyBar::bookmarksRequested, m_keysDock, &KeysDock::showBookmarks);
    m_docks = new DockArrangement(this, putDock, m_gatewayDock, m_keysDock);
}

StoredKeysPanel* MainWindow::storedKeysPanel() const
{
    return m_keysDock->stored();
}

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newTab = file->addAction(tr("New &Tab"), this, &MainWindow::openTypedKeyInNewTab);
    newTab->setShortcut(QKeySequence::AddTab);
    QAction* close = file->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    close->setShortcut(QKeySequence::Close);
    (new ValuesTransfer(this))->addActions(file);
    file->addSeparator();
    file->addAction(tr("&Kept Puts…"), this, &MainWindow::showKeptPuts)
        ->setObjectName(QStringLiteral("keptPutsAction"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* focusKey = edit->addAction(tr("Go to &Key"), m_keyBar, &KeyBar::focusKey);
    focusKey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* find = edit->addAction(tr("&Filter Values"), this, [this] {
        if (KeyTab* tab = currentTab())
            tab->focusFilter();
    });
    find->setShortcut(QKeySequence::Find);
    edit->addSeparator();
    edit->addAction(tr("&Application Name…"), this, &MainWindow::askApplicationName);

    QMenu* view = menuBar()->addMenu(tr("&Key"));
    QAction* refresh = view->addAction(tr("&Fetch Again"), this, [this] {
        if (KeyTab* tab = currentTab())
            tab->fetch();
    });
    refresh->setShortcut(QKeySequence::Refresh);
    QAction* cancel = view->addAction(tr("&Cancel"), this, [this] {
        if (KeyTab* tab = currentTab())
            tab->cancel();
    });
    cancel->setShortcut(QKeySequence::Cancel);
    cancel->setShortcutContext(Qt::WindowShortcut);
    QAction* watch = view->addAction(tr("&Watch"), this, [this](bool on) {
        if (KeyTab* tab = currentTab())
            tab->setWatching(on);
    });
    watch->setCheckable(true);
    watch->setObjectName(QStringLiteral("watchAction"));
    QAction* goToNew = view->addAction(tr("Go to &New Value"), this, &MainWindow::goToNewValue);
    goToNew->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    goToNew->setObjectName(QStringLiteral("goToNewAction"));

    // The gateway table's own actions that need no row, and the local gateway's network.
    QMenu* gateway = menuBar()->addMenu(tr("&Gateway"));
    gateway->addActions({m_gatewayDock->automaticAction(), m_gatewayDock->addGatewayAction(),
                         m_gatewayDock->discoverAction(), m_gatewayDock->pauseAction()});
    gateway->addSeparator();
    gateway->addMenu(new LocalNetworkMenu(m_active, gateway));

    QMenu* panels = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        panels->addAction(dock->toggleViewAction());
    menuBar()->addMenu(new HelpMenu(this));
}

KeyTab* MainWindow::currentTab() const
{
    return qobject_cast<KeyTab*>(m_tabs->currentWidget());
}

void MainWindow::openTypedKeyInNewTab()
{
    const DhtKey key = m_keyBar->key();
    if (key.isValid())
        openKey(key, true)->fetch();
    m_keyBar->focusKey(); // ready for the next key
}

// A key chosen in the side panel: its tab if it is open already, else a new one (fetched as it
// comes in front).
void MainWindow::showKey(const DhtKey& key)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto* tab = qobject_cast<KeyTab*>(m_tabs->widget(i));
        if (tab && tab->key().infoHash() == key.infoHash() && tab->key().mode() == key.mode()) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    openKey(key, true);
}

KeyTab* MainWindow::openKey(const DhtKey& key, bool newTab)
{
    // Enter in the key bar shows the key in the current tab (unless it is open there already),
    // as a browser's address bar does; Alt+Enter and the + button open a new tab.
    KeyTab* current = currentTab();
    if (current && current->key().infoHash() == key.infoHash() && current->key().mode() == key.mode())
        return current;
    auto* tab = new KeyTab(key, m_tabs);
    connectTab(tab);
    tab->setBackend(m_active->backend());
    if (newTab || !current) {
        m_tabs->setCurrentIndex(m_tabs->addTab(tab, tab->title()));
    } else {
        const int index = m_tabs->currentIndex();
        m_tabs->insertTab(index, tab, tab->title());
        m_tabs->setCurrentIndex(index);
        m_tabs->removeTab(index + 1);
        current->deleteLater();
    }
    m_tabs->setTabToolTip(m_tabs->indexOf(tab), plainToolTip({key.input(), key.infoHashHex()}));
    return tab;
}

void MainWindow::connectTab(KeyTab* tab)
{
    connect(tab, &KeyTab::operationFinished, this, &MainWindow::showOperation);
    connect(tab, &KeyTab::gatewayCallEnded, m_chooser,
            [this](const QUrl& gateway, bool put, const GatewayError& error, qint64 ms) {
                using Op = LatencyProbe::Operation;
                m_chooser->noteOperation(gateway, put ? Op::Put : Op::Get, error, ms);
            });
    connect(tab, &KeyTab::message, this, &MainWindow::showMessage);
    // Key > Watch follows the tab in front, whichever way its watch was turned on or off.
    connect(tab, &KeyTab::watchingChanged, this, [this, tab](bool on) {
        QAction* watch = findChild<QAction*>(QStringLiteral("watchAction"));
        if (watch && tab == currentTab())
            watch->setChecked(on);
    });
    connect(tab, &KeyTab::newValuesArrived, this, [this, tab](int count) { noteUnseen(tab, count); });
    connect(tab, &KeyTab::putFinished, this, [this](bool ok, const QString& text) {
        m_put->setBusy(false);
        m_put->showResult(ok, text);
        if (ok)
            storedKeysPanel()->refreshSoon(); // the key just put is stored there now
    });
}

// A watch brought values to a tab behind: its title says how many, until it is in front.
void MainWindow::noteUnseen(KeyTab* tab, int count)
{
    if (tab == currentTab())
        return;
    const int unseen = m_unseen.value(tab) + count;
    m_unseen.insert(tab, unseen);
    m_tabs->setTabText(m_tabs->indexOf(tab), tr("%1 (%2 new)").arg(tab->title()).arg(unseen));
}

void MainWindow::clearUnseen(KeyTab* tab)
{
    if (m_unseen.remove(tab))
        m_tabs->setTabText(m_tabs->indexOf(tab), tab->title());
}

// The newest value a watch brought: in the tab in front, else in the first tab with unseen ones.
void MainWindow::goToNewValue()
{
    KeyTab* target = currentTab() && currentTab()->hasWatchedNew() ? currentTab() : nullptr;
    for (int i = 0; !target && i < m_tabs->count(); ++i) {
        auto* tab = qobject_cast<KeyTab*>(m_tabs->widget(i));
        if (tab && m_unseen.contains(tab))
            target = tab;
    }
    if (target) {
        m_tabs->setCurrentWidget(target);
        if (target->goToNewest())
            return;
    }
    showMessage(tr("No new value: a watched key shows here what arrives while you look elsewhere."));
}

void MainWindow::closeTab(int index)
{
    if (index < 0)
        return;
    QWidget* tab = m_tabs->widget(index);
    m_unseen.remove(static_cast<KeyTab*>(tab));
    m_tabs->removeTab(index);
    delete tab;
}

QWidget* MainWindow::welcomePage() const
{
    return m_welcome;
}

void MainWindow::currentTabChanged()
{
    KeyTab* tab = currentTab();
    // Hide first: both shown for a moment would make the window taller for good.
    (tab ? static_cast<QWidget*>(m_welcomeScroll) : m_tabs)->hide();
    (tab ? static_cast<QWidget*>(m_tabs) : m_welcomeScroll)->show();
    m_put->setTargetKey(tab ? tab->title() + QStringLiteral(" (") + tab->key().infoHashHex() + u')'
                            : QString());
    m_keysDock->bookmarks()->setCurrentKey(tab ? tab->key() : DhtKey());
    m_docks->setKeyOpen(tab != nullptr);
    if (!tab)
        return;
    clearUnseen(tab);
    m_keyBar->setKey(tab->key().input(), tab->key().mode());
    if (QAction* watch = findChild<QAction*>(QStringLiteral("watchAction")))
        watch->setChecked(tab->isWatching());
    if (tab->isStale() && !tab->isBusy() && m_active->backend())
        tab->fetch(); // never fetched, or through another gateway
}

void MainWindow::backendChanged(GatewayBackend* backend)
{
    storedKeysPanel()->setGateway(backend ? backend->gateway() : QUrl());
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto* tab = qobject_cast<KeyTab*>(m_tabs->widget(i)))
            tab->setBackend(backend);
    }
    m_put->setGateway(backend);
    m_put->setBusy(false);
    updateGatewayStatus();
    // Said in the status line, so that a failover is never silent; the other tabs fetch again
    // when shown.
    // By name: the local gateway restarted on another port is the same one, and says so itself.
    const auto current = m_chooser->current();
    const QString now = !backend || !current      ? QString()
                        : current->name.isEmpty() ? current->url.toString()
                                                  : current->name;
    if (!m_lastGateway.isEmpty() && now != m_lastGateway)
        showMessage(backend ? tr("Now using %1 (was %2)").arg(now, m_lastGateway)
                            : tr("No gateway in use (was %1)").arg(m_lastGateway));
    if (backend)
        m_lastGateway = now; // kept through a time without any: "was" names the last one used
    KeyTab* tab = currentTab();
    if (tab && backend && tab->isStale() && !tab->isBusy())
        tab->fetch();
}

void MainWindow::updateGatewayStatus()
{
    QString text = m_active->describe();
    const auto current = m_chooser->current();
    const LatencyProbe* probe = m_chooser->probe();
    for (int i = 0; current && i < probe->count(); ++i) {
        if (probe->target(i).url == current->url) {
            const auto median = probe->target(i).stats.median();
            text += median ? tr(" · %1 ms").arg(*median, 0, 'f', 1)
                           : tr(" · %1").arg(probe->target(i).stats.status());
        }
    }
    m_gatewayLabel->setFullText(text);
}

void MainWindow::updateLocalStatus()
{
    m_localLabel->setText(m_active->describeLocal());
    m_localLabel->setToolTip(plainToolTip(m_active->localDetails()));
}

void MainWindow::showOperation(const QString& text, qint64 ms, bool ok)
{
    m_operationLabel->setFullText(ok ? tr("%1 (%2 ms)").arg(text).arg(ms)
                                     : tr("%1: failed after %2 ms").arg(text).arg(ms));
}

void MainWindow::showMessage(const QString& text)
{
    m_operationLabel->setFullText(text);
    emit messageShown(text);
}

void MainWindow::askApplicationName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Application name"),
                                               tr("Name sent with every call (the classic \"application\"):"),
                                               QLineEdit::Normal, m_active->application(), &ok);
    if (ok && !name.trimmed().isEmpty()) {
        m_active->setApplication(name.trimmed());
        m_put->setApplication(name.trimmed());
    }
}

void MainWindow::showKeptPuts()
{
    if (auto* open = findChild<KeptPutsDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new KeptPutsDialog(m_keeper, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_quitNotice->allowClose(event))
        return;
    saveSession();
    event->accept();
}

void MainWindow::saveSession()
{
    SessionState::save(this);
    browserSettings().flush(); // on disk now, whatever happens after the window closed
}

void MainWindow::restoreSession()
{
    SessionState::restore(this);
}
