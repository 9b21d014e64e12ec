#include "GatewayDock.h"

#include "BenchmarkDialog.h"
#include "GatewayAddDialog.h"
#include "GatewayTableModel.h"
#include "LatencySparkline.h"

#include "core/probe/GatewayChooser.h"
#include "core/probe/LatencyProbe.h"
#include "ui/common/BrowserSettings.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

GatewayDock::GatewayDock(GatewayChooser* chooser, QWidget* parent)
    : QDockWidget(tr("Gateways"), parent)
    , m_chooser(chooser)
    , m_model(new GatewayTableModel(chooser, this))
    , m_sort(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_status(new QLabel)
    , m_message(new QLabel)
{
    setObjectName(QStringLiteral("gatewayDock"));
    m_sort->setSourceModel(m_model);
    m_sort->setSortRole(GatewayTableModel::SortRole);
    // Rows stay where they are while figures arrive (a row must not move under the mouse); the
    // order follows them on a calm timer, on a header click, and when rows come or go.
    m_sort->setDynamicSortFilter(false);
    m_resort.setInterval(resortIntervalMs);
    connect(&m_resort, &QTimer::timeout, this, &GatewayDock::resort);
    m_resort.start();

    m_view->setObjectName(QStringLiteral("gatewayTable"));
    m_view->setModel(m_sort);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    QHeaderView* header = m_view->horizontalHeader();
    header->setSortIndicator(GatewayTableModel::Status, Qt::AscendingOrder); // health, then median
    header->setStretchLastSection(true);
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("0000 ms")) * 3 / 2;
    for (int c = GatewayTableModel::Last; c <= GatewayTableModel::Loss; ++c)
        header->resizeSection(c, numberWidth);
    const int chars = fontMetrics().averageCharWidth();
    header->resizeSection(GatewayTableModel::Use, chars * 16);
    header->resizeSection(GatewayTableModel::Name, chars * 24);
    header->resizeSection(GatewayTableModel::Url, chars * 30);
    header->resizeSection(GatewayTableModel::Status, chars * 20);
    header->resizeSection(GatewayTableModel::Peers, chars * 7);
    header->resizeSection(GatewayTableModel::History, chars * 16);
    m_view->setItemDelegateForColumn(GatewayTableModel::History, new LatencySparkline(m_view));
    header->restoreState(browserSettings().value(Settings::Key::GatewaysTableHeader).toByteArray());
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());

    for (QLabel* label : {m_status, m_message}) {
        label->setTextFormat(Qt::PlainText); // names and errors come from gateways
        label->setWordWrap(true);
    }
    m_status->setObjectName(QStringLiteral("gatewayStatus"));
    m_message->setObjectName(QStringLiteral("gatewayMessage"));

    buildActions();
    auto* toolBar = new QToolBar;
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addActions(
        {m_use, m_automatic, m_add, m_edit, m_remove, m_undoRemove, m_pause, m_discover, m_benchmark});
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(m_view);
    layout->addWidget(m_status);
    layout->addWidget(m_message);
    setWidget(content);

    connect(m_view, &QTableView::doubleClicked, this, &GatewayDock::useRow);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &GatewayDock::updateActions);
    connect(chooser, &GatewayChooser::statsChanged, this, &GatewayDock::updateStatus);
    connect(chooser, &GatewayChooser::targetsChanged, this, &GatewayDock::updateStatus);
    connect(chooser, &GatewayChooser::probingChanged, this, &GatewayDock::updateStatus);
    connect(chooser, &GatewayChooser::automaticChanged, m_automatic, &QAction::setChecked);
    connect(chooser, &GatewayChooser::probingChanged, this, [this](bool on) { m_pause->setChecked(!on); });
    connect(chooser, &GatewayChooser::currentFailing, this, [this](const QUrl& url, const QString& status) {
        const auto entry = m_chooser->directory()->find(url);
        const QString name = entry ? entry->name : url.authority();
        // status is a word, or a word and why ("isolated: Its DHT has no peers…").
        say(m_chooser->isAutomatic()
                ? tr("\"%1\" is failing (%2), and no other gateway is healthy.").arg(name, status)
                : tr("\"%1\" is failing (%2). It stays in use, as you chose it: choose another gateway or "
                     "turn Automatic on.")
                      .arg(name, status));
    });
    connect(chooser, &GatewayChooser::noGatewayAnswers, this, [this] {
        m_noneAnswering = answering() == 0;
        say(m_noneAnswering ? tr("No gateway answers.")
                            : tr("No healthy gateway: those that answer are isolated, slow or failing."));
        m_noneSaid = true;
    });
    connect(chooser, &GatewayChooser::statsChanged, this, [this] {
        // Gone once untrue, so that it never contradicts the status line below the table.
        if (m_noneSaid && (healthy() > 0 || (m_noneAnswering && answering() > 0))) {
            m_noneSaid = false;
            say({});
        }
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &GatewayDock::resort);
    connect(chooser, &GatewayChooser::discovered, this, [this](int newCount) {
        say(tr("Discovery: %n new gateway(s).", nullptr, newCount));
        updateStatus();
    });
    connect(chooser, &GatewayChooser::discoveryFailed, this, [this](const QString& reason) {
        say(tr("Discovery failed: %1").arg(reason));
        updateStatus();
    });
    updateActions();
    updateStatus();
}

GatewayDock::~GatewayDock()
{
    browserSettings().setValue(Settings::Key::GatewaysTableHeader, m_view->horizontalHeader()->saveState());
}

void GatewayDock::buildActions()
{
    m_use = new QAction(tr("&Use This Gateway"), this);
    m_use->setObjectName(QStringLiteral("useGateway"));
    m_use->setToolTip(tr("Talk to the selected gateway from now on (turns Automatic off)"));
    m_use->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_use->setShortcutContext(Qt::WidgetShortcut); // Enter on a row of the table
    m_view->addAction(m_use);
    connect(m_use, &QAction::triggered, this, &GatewayDock::useSelected);

    m_automatic = new QAction(tr("A&utomatic"), this);
    m_automatic->setObjectName(QStringLiteral("automaticGateway"));
    m_automatic->setCheckable(true);
    m_automatic->setChecked(m_chooser->isAutomatic());
    m_automatic->setToolTip(tr("Use the fastest gateway that answers, and switch when it fails"));
    connect(m_automatic, &QAction::toggled, m_chooser, &GatewayChooser::setAutomatic);

    m_add = new QAction(tr("&Add…"), this);
    m_add->setObjectName(QStringLiteral("addGateway"));
    m_add->setToolTip(tr("Add a gateway by its URL (checked first)"));
    connect(m_add, &QAction::triggered, this, &GatewayDock::openAddDialog);

    m_edit = new QAction(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editGateway"));
    m_edit->setToolTip(tr("Change the selected gateway's name or URL (checked again)"));
    connect(m_edit, &QAction::triggered, this, &GatewayDock::editSelected);

    m_remove = new QAction(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeGateway"));
    m_remove->setToolTip(tr("Remove the selected gateway (one you added, or one discovered)"));
    connect(m_remove, &QAction::triggered, this, &GatewayDock::removeSelected);

    m_undoRemove = new QAction(tr("&Undo Remove"), this);
    m_undoRemove->setObjectName(QStringLiteral("undoRemoveGateway"));
    m_undoRemove->setToolTip(tr("Put back the gateway removed last"));
    m_undoRemove->setEnabled(false);
    connect(m_undoRemove, &QAction::triggered, this, [this] {
        if (!m_removed)
            return;
        if (m_chooser->directory()->add(*m_removed))
            say(tr("\"%1\" is back.").arg(m_removed->name));
        m_removed.reset();
        m_undoRemove->setEnabled(false);
        m_undoRemove->setText(tr("&Undo Remove"));
    });

    m_pause = new QAction(tr("&Pause Probing"), this);
    m_pause->setObjectName(QStringLiteral("pauseProbing"));
    m_pause->setCheckable(true);
    m_pause->setChecked(!m_chooser->isProbing());
    connect(m_pause, &QAction::toggled, m_chooser, [this](bool paused) { m_chooser->setProbing(!paused); });

    m_benchmark = new QAction(tr("&Benchmark Now…"), this);
    m_benchmark->setObjectName(QStringLiteral("benchmarkGateways"));
    m_benchmark->setToolTip(
        tr("Measure real gets on every gateway at once, and name the fastest healthy one"));
    connect(m_benchmark, &QAction::triggered, this, &GatewayDock::openBenchmark);

    m_discover = new QAction(tr("&Discover"), this);
    m_discover->setObjectName(QStringLiteral("discoverGateways"));
    m_discover->setToolTip(tr("Ask the DHT which gateways announce themselves"));
    connect(m_discover, &QAction::triggered, this, [this] {
        m_chooser->discover();
        updateStatus();
    });
}

BenchmarkDialog* GatewayDock::benchmarkDialog() const
{
    return m_benchmarkDialog;
}

void GatewayDock::openBenchmark()
{
    if (!m_benchmarkDialog) {
        m_benchmarkDialog = new BenchmarkDialog(m_chooser, this);
        m_benchmarkDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_benchmarkDialog->show(); // not modal: the table goes on while it measures
    m_benchmarkDialog->raise();
}

GatewayAddDialog* GatewayDock::addDialog() const
{
    return m_addDialog;
}

QUrl GatewayDock::selectedUrl() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QUrl() : rows.first().data(GatewayTableModel::UrlRole).toUrl();
}

void GatewayDock::useRow(const QModelIndex& proxyIndex)
{
    const QUrl url = proxyIndex.data(GatewayTableModel::UrlRole).toUrl();
    if (url.isEmpty())
        return;
    m_chooser->use(url);
    const auto entry = m_chooser->directory()->find(url);
    say(tr("Using \"%1\", as you chose (Automatic is off).").arg(entry ? entry->name : url.authority()));
    emit useRequested(url);
}

void GatewayDock::useSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        useRow(rows.first());
}

void GatewayDock::removeSelected()
{
    const QUrl url = selectedUrl();
    if (url.isEmpty())
        return;
    if (const QString why = m_chooser->directory()->whyNotRemovable(url); !why.isEmpty())
        return say(tr("Not removed: %1.").arg(why));
    const auto entry = m_chooser->directory()->find(url);
    if (!entry || !m_chooser->directory()->remove(url))
        return;
    // At once, as a file manager's delete to the bin: Undo Remove puts it back.
    m_removed = *entry;
    m_undoRemove->setEnabled(true);
    m_undoRemove->setText(tr("&Undo Remove of \"%1\"").arg(entry->name));
    say(tr("Removed \"%1\".").arg(entry->name));
}

void GatewayDock::editSelected()
{
    const QUrl url = selectedUrl();
    const auto entry = m_chooser->directory()->find(url);
    if (!entry)
        return;
    if (const QString why = m_chooser->directory()->whyNotRemovable(url); !why.isEmpty())
        return say(tr("Not editable: %1.").arg(why));
    if (m_addDialog)
        return openAddDialog(); // one at a time: the one open is raised
    openAddDialog();
    m_addDialog->edit(*entry);
    const bool pinned = !m_chooser->isAutomatic() && m_chooser->current() && m_chooser->current()->url == url;
    connect(m_addDialog, &GatewayAddDialog::added, this, [this, pinned](const QUrl& newUrl, const QString&) {
        if (pinned)
            m_chooser->use(newUrl); // the user's gateway, under its new URL
    });
}

void GatewayDock::openAddDialog()
{
    if (m_addDialog) {
        m_addDialog->raise();
        m_addDialog->activateWindow();
        return;
    }
    m_addDialog = new GatewayAddDialog(m_chooser, this);
    m_addDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_addDialog, &GatewayAddDialog::added, this,
            [this](const QUrl&, const QString& message) { say(message); });
    m_addDialog->open(); // window-modal, and the event loop keeps running
}

void GatewayDock::say(const QString& message)
{
    m_message->setText(message);
}

void GatewayDock::updateActions()
{
    const bool selected = !selectedUrl().isEmpty();
    m_use->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_edit->setEnabled(selected);
}

void GatewayDock::resort()
{
    m_sort->sort(m_view->horizontalHeader()->sortIndicatorSection(),
                 m_view->horizontalHeader()->sortIndicatorOrder());
}

int GatewayDock::answering() const
{
    const LatencyProbe* probe = m_chooser->probe();
    int n = 0;
    for (int i = 0; i < probe->count(); ++i)
        n += probe->target(i).stats.answers();
    return n;
}

int GatewayDock::healthy() const
{
    const LatencyProbe* probe = m_chooser->probe();
    int n = 0;
    for (int i = 0; i < probe->count(); ++i)
        n += probe->target(i).verdict().isHealthy();
    return n;
}

void GatewayDock::updateStatus()
{
    const LatencyProbe* probe = m_chooser->probe();
    int measured = 0;
    for (int i = 0; i < probe->count(); ++i)
        measured += probe->target(i).stats.samples() > 0;
    const int answering = this->answering();
    QString text;
    if (!m_chooser->isProbing())
        text = tr("paused");
    else if (probe->count() == 0)
        text = tr("no gateway in the list");
    else if (measured < probe->count())
        text = tr("probing %1 of %n gateway(s)…", nullptr, probe->count()).arg(measured);
    else if (answering == 0)
        text = tr("no gateway answers");
    else
        text = probe->count() == 1 ? tr("the gateway answers")
                                   : tr("%1 of %n gateway(s) answer", nullptr, probe->count()).arg(answering);
    if (const int good = healthy(); answering > 0 && good < answering)
        text += tr(", %n healthy", nullptr, good);
    if (m_chooser->isDiscovering())
        text += tr("; discovering…");
    m_status->setText(text);
}
