#include "StoredKeysPanel.h"

#include "KnownKeys.h"
#include "StoredKeysFilter.h"
#include "StoredKeysModel.h"

#include "core/keys/KeyListing.h"
#include "ui/keys/BookmarksModel.h"
#include "ui/keys/KeyHistory.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {

constexpr int pageKeys = 1000;
constexpr auto afterPutDelay = std::chrono::milliseconds(500);

// The key every opendht-gateway puts its presence under at start (gateway/README.md,
// gateway/KeeperRegistry.cpp): a fresh gateway stores it, and nothing else.
KnownKeys::Key registryKey()
{
    return KnownKeys::Key::parse(QStringLiteral("opendht-gateway/keepers/v1"), KnownKeys::Key::Mode::Text);
}

// Said in the words of the window's first-start page (WelcomePage): the same steps.
QString emptyText(const QString& gateway)
{
    return StoredKeysPanel::tr(
               "Nothing is stored on %1 yet. To put a first value: type a key above and press "
               "Enter, then write the value in the panel “Put a value” and press Put. The key "
               "is listed here then.")
        .arg(gateway);
}

} // namespace

StoredKeysPanel::StoredKeysPanel(KeyHistory* history, BookmarksModel* bookmarks, QWidget* parent)
    : QWidget(parent)
    , m_history(history)
    , m_bookmarks(bookmarks)
    , m_nam(new QNetworkAccessManager(this))
    , m_model(new StoredKeysModel(this))
    , m_filter(new StoredKeysFilter(this))
    , m_pageSize(pageKeys)
{
    setObjectName(QStringLiteral("storedKeysPanel"));
    m_filter->setSourceModel(m_model);
    buildLayout();
}

// Listed when first shown, not at start: a hidden panel (or a page behind) costs the gateway
// nothing.
void StoredKeysPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    followActive();
}

void StoredKeysPanel::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    followActive();
}

void StoredKeysPanel::setOnScreen(bool onScreen)
{
    if (onScreen == m_onScreen)
        return;
    m_onScreen = onScreen;
    followActive();
}

bool StoredKeysPanel::isPaused() const
{
    return m_listing && m_listing->isPaused() && !m_listing->isWaiting();
}

// Active: listed if stale (never, another gateway, a put since), else a listing paused goes
// on. Not active: a listing pauses after the page in flight.
void StoredKeysPanel::followActive()
{
    if (!isActive()) {
        if (m_listing)
            m_listing->pause();
        return;
    }
    if (!m_listedOnce && m_gateway.isValid())
        refresh();
    else if (m_listing)
        m_listing->resume();
}

void StoredKeysPanel::buildLayout()
{
    QWidget* body = this;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* top = new QHBoxLayout;
    m_filterEdit = new QLineEdit(body);
    m_filterEdit->setPlaceholderText(tr("Filter by hash prefix or known key"));
    m_filterEdit->setClearButtonEnabled(true);
    m_refresh = new QPushButton(tr("&Refresh"), body);
    m_refresh->setToolTip(tr("List again the keys the gateway in use stores"));
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_refresh);
    m_status = new QLabel(body);
    m_status->setTextFormat(Qt::PlainText); // gateways' error texts are not ours to render
    m_status->setWordWrap(true);
    m_view = new QTableView(body);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // A few rows at least, no more: tabbed below the values in a small window, the panel must
    // not make the window taller than the other docks do.
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 3);
    // Fixed row heights and column widths: nothing measures 100 000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(StoredKeysModel::KeyColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSortIndicator(StoredKeysModel::KeyColumn, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &StoredKeysFilter::setFilterText);
    connect(m_refresh, &QPushButton::clicked, this, &StoredKeysPanel::refresh);
    // Enter (activated) too; opening a key open already only shows its tab again.
    connect(m_view, &QAbstractItemView::clicked, this, &StoredKeysPanel::open);
    connect(m_view, &QAbstractItemView::activated, this, &StoredKeysPanel::open);
    m_status->setText(tr("No gateway in use yet."));
}

void StoredKeysPanel::open(const QModelIndex& index)
{
    const KnownKeys::Key key = m_model->keyAt(m_filter->mapToSource(index).row());
    if (key.isValid())
        emit openRequested(key);
}

void StoredKeysPanel::setGateway(const QUrl& gateway)
{
    if (gateway == m_gateway)
        return;
    m_gateway = gateway;
    m_listedOnce = false;
    if (isActive())
        refresh();
    else if (m_listing)
        m_listing->cancel();
}

void StoredKeysPanel::refreshSoon()
{
    if (!isActive()) {
        m_listedOnce = false; // stale: listed again when next shown
        return;
    }
    auto* timer = findChild<QTimer*>(QStringLiteral("afterPut"));
    if (!timer) {
        timer = new QTimer(this);
        timer->setObjectName(QStringLiteral("afterPut"));
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this] {
            if (isActive())
                refresh();
            else
                m_listedOnce = false; // hidden meanwhile: listed when next shown
        });
    }
    timer->start(afterPutDelay);
}

void StoredKeysPanel::refresh()
{
    if (m_listing) { // replaced: its late pages must not come in
        m_listing->disconnect(this);
        m_listing->disconnect(m_model);
        m_listing->cancel();
        m_listing->deleteLater();
        emit listingFinished();
    }
    m_model->clear();
    KnownKeys known;
    known.addHistory(*m_history);
    known.addBookmarks(*m_bookmarks);
    known.addGatewayOwn(registryKey());
    m_model->setKnown(known);
    if (!m_gateway.isValid()) {
        m_status->setText(tr("No gateway in use yet."));
        return;
    }
    m_listedOnce = true;
    m_listing = new KeyListing(m_nam, m_gateway, HttpCall::Limits(), this);
    m_listing->setPageSize(m_pageSize);
    connect(m_listing, &KeyListing::keysArrived, m_model, &StoredKeysModel::appendKeys);
    connect(m_listing, &KeyListing::progress, this, &StoredKeysPanel::showProgress);
    connect(m_listing, &KeyListing::finished, this, &StoredKeysPanel::onFinished);
    m_status->setText(tr("Listing the keys %1 stores...").arg(m_gateway.authority()));
    if (!isActive())
        m_listing->pause(); // asked for while not on screen: it starts when shown
    m_listing->start();
}

void StoredKeysPanel::showProgress(qint64 listed, qint64 total)
{
    m_status->setText(tr("Listing the keys %1 stores: %2 of %3...")
                          .arg(m_gateway.authority(), QLocale().toString(listed), QLocale().toString(total)));
}

void StoredKeysPanel::onFinished()
{
    KeyListing* listing = m_listing;
    if (!listing)
        return;
    m_listing = nullptr;
    listing->deleteLater();
    using F = KeyListing::Failure;
    switch (listing->failure()) {
    case F::None: {
        // The gateway's own records are its doing, not the user's: alone, the store is empty.
        const qint64 keys = listing->listed() - m_model->gatewayOwnRows();
        if (keys <= 0)
            m_status->setText(emptyText(m_gateway.authority()));
        else
            m_status->setText(tr("%Ln key(s) stored on %1.", nullptr, int(keys)).arg(m_gateway.authority()));
        break;
    }
    case F::CannotList:
    case F::Refused:
        m_status->setText(
            tr("This gateway does not show the keys it stores. %1").arg(listing->errorString()));
        break;
    case F::Cancelled:
        break;
    case F::Malformed:
    case F::Network:
        m_status->setText(tr("The keys could not be listed: %1").arg(listing->errorString()));
        break;
    }
    emit listingFinished();
}
