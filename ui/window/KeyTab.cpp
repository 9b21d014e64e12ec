#include "KeyTab.h"

#include "SelectionRemoval.h"

#include "core/dht/DhtLimits.h"
#include "core/dht/DhtValueType.h"
#include "core/kept/KeptPutText.h"
#include "core/util/Duration.h"
#include "ui/values/ColumnChooser.h"
#include "ui/values/ValueFilterProxy.h"
#include "ui/values/ValueFormat.h"
#include "ui/values/ValueViewer.h"
#include "ui/values/ValuesModel.h"
#include "ui/values/ValuesStatus.h"

#include <QAction>
#include <QCryptographicHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QLabel* plainLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // keys and gateway errors are untrusted text
    return label;
}

QString gatewayName(const GatewayBackend* backend)
{
    return backend ? backend->gateway().toString() : QString();
}

} // namespace

KeyTab::KeyTab(const DhtKey& key, QWidget* parent)
    : QWidget(parent)
    , m_key(key)
    , m_model(new ValuesModel(this))
    , m_status(new ValuesStatus(m_model, this))
    , m_proxy(new ValueFilterProxy(this))
{
    m_proxy->setSourceModel(m_model);
    m_flush.setSingleShot(true);
    m_flush.setInterval(flushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &KeyTab::flushPending);
    buildLayout();
    m_state->setText(m_status->text());
    connect(m_status, &ValuesStatus::textChanged, m_state, &QLabel::setText);
}

KeyTab::~KeyTab()
{
    // Calls and watches belong to the backend, which outlives this tab: end ours now.
    setBackend(nullptr);
}

void KeyTab::buildLayout()
{
    m_state = plainLabel(this);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // the number of values under a key is never known in advance
    m_progress->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop fetching (Esc); the values fetched so far stay"));
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, this, &KeyTab::cancel);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter values (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 18);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ValueFilterProxy::setFilterText);
    // "n of N" while a filter hides rows: counted after the proxy has filtered.
    const auto countShown = [this] { m_status->setFilter(m_filter->text(), m_proxy->rowCount()); };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, countShown);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, countShown);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, countShown);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, countShown);
    connect(m_filter, &QLineEdit::textChanged, this, countShown);
    m_watchButton = new QToolButton(this);
    m_watchButton->setText(tr("Watch"));
    m_watchButton->setCheckable(true);
    m_watchButton->setToolTip(tr("Keep this key live: new values appear as they are put"));
    connect(m_watchButton, &QToolButton::toggled, this, &KeyTab::setWatching);
    m_watchState = plainLabel(this);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_state, 1);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancel);
    bar->addWidget(m_filter);
    bar->addWidget(m_watchButton);
    bar->addWidget(m_watchState);

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // arrival order until the user sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    sizeColumns();
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setAccessibleName(tr("Values under the key"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &KeyTab::selectionChanged);

    auto* copy = new QAction(tr("Copy value"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut); // Ctrl+C in text fields stays theirs
    connect(copy, &QAction::triggered, this, &KeyTab::copySelected);
    auto* remove = new QAction(tr("Remove value…"), m_view);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &KeyTab::removeSelected);
    m_viewer = new ValueViewer(this);
    m_viewer->followModel(m_model);
    m_viewer->followSelection(m_view->selectionModel());
    m_view->addActions({copy, m_viewer->copyAction(ValueViewer::Format::Hex),
                        m_viewer->copyAction(ValueViewer::Format::Base64),
                        m_viewer->copyAction(ValueViewer::Format::Command), m_viewer->saveAction(), remove});
    connect(m_viewer, &ValueViewer::message, this, &KeyTab::message);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_viewer);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({620, 380});
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);
}

void KeyTab::sizeColumns()
{
    // Widths from the font, never from the contents: measuring 10 000 rows would stall the UI.
    QHeaderView* header = m_view->horizontalHeader();
    const int em = fontMetrics().averageCharWidth();
    const struct
    {
        int column;
        int chars;
    } widths[] = {{ValuesModel::Index, 5},  {ValuesModel::Id, 20},  {ValuesModel::Type, 10},
                  {ValuesModel::Size, 7},   {ValuesModel::Ttl, 12}, {ValuesModel::Flags, 10},
                  {ValuesModel::Owner, 17}, {ValuesModel::Seq, 4},  {ValuesModel::Application, 10}};
    for (const auto& w : widths)
        header->resizeSection(w.column, em * w.chars + 16);
    // Every field has a column (the header's menu shows and hides them). Shown at first: what
    // tells values apart at a glance. Hidden: what most values leave empty (owner, seq), the
    // long id, and the application, which values of other software never have and the user's
    // own puts share.
    new ColumnChooser(header, Settings::Key::ValuesHiddenColumns,
                      {ValuesModel::Id, ValuesModel::Owner, ValuesModel::Seq, ValuesModel::Application});
    header->setSectionResizeMode(ValuesModel::Preview, QHeaderView::Stretch);
    header->setStretchLastSection(false);
}

bool KeyTab::goToNewest()
{
    for (int row = m_model->count() - 1; row >= 0; --row) {
        if (m_model->valueAt(row).identity() != m_newest)
            continue;
        const QModelIndex shown = m_proxy->mapFromSource(m_model->index(row, 0));
        if (!shown.isValid()) // hidden by the filter: shown again, since the user asked for it
            m_filter->clear();
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        m_view->selectRow(index.row());
        m_view->scrollTo(index);
        m_view->setFocus();
        return true;
    }
    return false;
}

QString KeyTab::title() const
{
    QString text = m_key.input();
    if (text.size() > 24)
        text = text.left(11) + QStringLiteral("…") + text.right(11);
    return m_key.mode() == DhtKey::Mode::Text ? text : DhtKey::modeName(m_key.mode()) + u':' + text;
}

void KeyTab::setBackend(GatewayBackend* backend)
{
    if (backend == m_backend && backend)
        return;
    const bool wasFetching = !m_fetch.isNull();
    const bool wasPutting = !m_put.isNull();
    for (QPointer<GatewayCall>* call : {&m_fetch, &m_put, &m_remove}) {
        if (!call->isNull()) {
            (*call)->disconnect(this);
            (*call)->cancel();
            (*call)->deleteLater();
            *call = nullptr;
        }
    }
    m_progress->hide();
    m_cancel->hide();
    stopWatch();
    m_backend = backend;
    ++m_backendGeneration; // a secret asked of the old backend is not for this one
    emit busyChanged(false);
    if (wasPutting) // else the put panel would wait for an answer that never comes
        emit putFinished(false,
                         tr("The put was cancelled before the gateway answered (the gateway changed or "
                            "the tab closed): it may or may not be stored; fetch the key to see."));
    m_status->setGatewayChanged(gatewayName(backend));
    if (!backend)
        return;
    if (wasFetching)
        fetch();
    if (m_watching)
        startWatch();
}

void KeyTab::fetch()
{
    if (!m_backend) {
        m_status->setWaitingForGateway();
        return;
    }
    if (m_fetch) {
        m_fetch->disconnect(this);
        m_fetch->cancel();
        m_fetch->deleteLater();
    }
    // A first fetch fills the table page by page; a refetch keeps the rows shown until it has
    // the whole list and then merges it, so that a cancelled or failed refetch loses nothing and
    // a watch's list meanwhile is not doubled by the pages.
    m_progressive = m_model->count() == 0;
    m_pending.clear();
    m_fetchedAll.clear();
    m_fetch = m_backend->fetchValues(m_key);
    m_status->setFetching(gatewayName(m_backend));
    m_progress->show();
    m_cancel->show();
    // Pages come every fraction of a millisecond; the table and the progress line take them
    // in batches, so that the window repaints a few times a second instead of once a page.
    connect(m_fetch, &GatewayCall::pageArrived, this, [this](const QList<DhtValue>& page) {
        m_fetchedAll += page;
        if (!m_progressive)
            return;
        m_pending += page;
        if (!m_flush.isActive())
            m_flush.start();
    });
    connect(m_fetch, &GatewayCall::progress, this, [this](int, int pages) { m_fetchedPages = pages; });
    connect(m_fetch, &GatewayCall::finished, this, &KeyTab::onFetchFinished);
    emit busyChanged(true);
}

void KeyTab::flushPending()
{
    m_flush.stop();
    if (!m_pending.isEmpty())
        m_model->appendValues(std::exchange(m_pending, {}));
    if (m_fetch)
        m_status->setPages(m_fetchedPages);
}

void KeyTab::cancel()
{
    if (m_fetch)
        m_fetch->cancel(); // finished() follows, with the values fetched so far
}

void KeyTab::onFetchFinished()
{
    GatewayCall* call = m_fetch;
    m_fetch = nullptr;
    flushPending();
    call->deleteLater();
    if (call->ok())
        m_model->mergeValues(std::exchange(m_fetchedAll, {}), !m_progressive);
    m_fetchedAll.clear();
    m_progress->hide();
    m_cancel->hide();
    const int count = m_model->count();
    const qint64 ms = call->elapsedMs();
    if (call->error().kind == GatewayError::Kind::Cancelled)
        m_status->setCancelled();
    else if (call->error().isError())
        m_status->setFailed(call->error().message);
    else
        m_status->setFetched(gatewayName(m_backend));
    m_fetched = true;
    m_fetchedGeneration = m_backendGeneration;
    if (m_backend)
        emit gatewayCallEnded(m_backend->gateway(), false, call->error(), ms);
    if (!m_view->selectionModel()->hasSelection() && m_proxy->rowCount() > 0)
        m_view->selectRow(0); // the viewer shows something at once
    emit operationFinished(tr("Fetch of %1: %2").arg(title(), ValuesStatus::valueCount(count)), ms,
                           call->ok());
    if (!m_removed.isEmpty() && call->ok())
        reportRemoval(); // after the fetch's own line, so that this is what the status bar says
    emit busyChanged(isBusy());
}

void KeyTab::put(const QByteArray& value, int ttlSeconds, const QByteArray& secret)
{
    if (!m_backend) {
        emit putFinished(false, tr("No gateway to put to yet."));
        return;
    }
    GatewayCall* call = m_backend->putValue(m_key, value, ttlSeconds, secret);
    m_put = call;
    connect(call, &GatewayCall::finished, this,
            [this, call, value, ttlSeconds, secret] { onPutFinished(call, value, ttlSeconds, secret); });
    emit busyChanged(true);
}

void KeyTab::putPlain(const PlainValue& value, int ttlSeconds)
{
    if (!m_backend) {
        emit putFinished(false, tr("No gateway to put to yet."));
        return;
    }
    const QDateTime at = QDateTime::currentDateTime();
    GatewayCall* call = m_backend->putPlainValue(m_key, value, ttlSeconds);
    m_put = call;
    connect(call, &GatewayCall::finished, this, [this, call, value, ttlSeconds, at] {
        m_put = nullptr;
        call->deleteLater();
        emit busyChanged(isBusy());
        if (m_backend)
            emit gatewayCallEnded(m_backend->gateway(), true, call->error(), call->elapsedMs());
        if (!call->ok())
            return emit putFinished(false, call->error().message);
        const PlainValue::End end = value.end(at, ttlSeconds);
        emit putFinished(true, tr("Stored %1 under %2 as a plain value of type %3 (%4 ms): it ends %5")
                                   .arg(ValueFormat::byteCount(value.data.size()), title(),
                                        DhtValueType::label(value.type))
                                   .arg(call->elapsedMs())
                                   .arg(KeptPutText::between(end.earliest, end.latest, at)));
        fetch(); // the value as the gateway has it now, with its type
    });
    emit busyChanged(true);
}

void KeyTab::onPutFinished(GatewayCall* call, const QByteArray& value, int ttlSeconds,
                           const QByteArray& secret)
{
    m_put = nullptr;
    call->deleteLater();
    const qint64 ms = call->elapsedMs();
    emit busyChanged(isBusy());
    if (m_backend)
        emit gatewayCallEnded(m_backend->gateway(), true, call->error(), ms);
    if (!call->ok()) {
        emit putFinished(false, call->error().message);
        emit operationFinished(tr("Put under %1 failed").arg(title()), ms, false);
        return;
    }
    DhtValue stored;
    stored.data = value;
    stored.ttlLeft = ttlSeconds;
    if (!secret.isEmpty()) {
        stored.secretHash = QCryptographicHash::hash(secret, QCryptographicHash::Sha1);
        m_secrets.insert(stored.identity(), secret);
    }
    QList<DhtValue> all;
    all.reserve(m_model->count() + 1);
    for (int row = 0; row < m_model->count(); ++row)
        all << m_model->valueAt(row);
    all << stored;
    m_model->mergeValues(all, true);
    const QString text = tr("Stored %1 under %2 for %3 (%4 ms)")
                             .arg(ValueFormat::byteCount(value.size()), title(), Duration::format(ttlSeconds))
                             .arg(ms);
    emit putFinished(true, text);
    emit operationFinished(tr("Put under %1").arg(title()), ms, true);
}

int KeyTab::selectedRow() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void KeyTab::selectionChanged()
{
    const int row = selectedRow();
    if (row < 0) {
        m_viewer->clear();
        return;
    }
    if (m_backend)
        m_viewer->setContext(m_key, m_backend->gateway(), m_backend->kind());
    m_viewer->setValue(m_model->valueAt(row));
}

void KeyTab::copySelected()
{
    if (selectedRow() >= 0)
        m_viewer->copyAs(ValueViewer::CopyFormat::Text);
}

void KeyTab::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void KeyTab::removeSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_backend || m_remove || m_secretPrompt)
        return;
    if (const QModelIndexList rows = m_view->selectionModel()->selectedRows(); rows.size() > 1) {
        QList<DhtValue> values;
        QList<QByteArray> secrets;
        for (const QModelIndex& index : rows) {
            values << m_model->valueAt(m_proxy->mapToSource(index).row());
            secrets << m_secrets.value(values.constLast().identity());
        }
        auto* removal = new SelectionRemoval(m_backend, m_key, values, secrets, this);
        connect(removal, &SelectionRemoval::finished, this, [this](int sent, const QString& text) {
            emit message(text);
            if (sent > 0)
                fetch(); // rm answers 0 whether or not it matched: only a fetch tells
        });
        removal->start();
        return;
    }
    const DhtValue value = m_model->valueAt(row);
    if (!canRemove(value))
        return;
    const QByteArray secret = m_secrets.value(value.identity());
    if (secret.isEmpty())
        askSecret(value); // typing the secret is the confirmation
    else
        confirmRemove(value, secret);
}

void KeyTab::confirmRemove(const DhtValue& value, const QByteArray& secret)
{
    // The secret is known (put from this window): ask first, as there is no undo. open(), for
    // the reasons askSecret() gives; the answer is checked again as a typed secret is.
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove value"),
                                tr("Remove this value of %1 under %2? This cannot be undone.")
                                    .arg(ValueFormat::byteCount(value.data.size()), title()),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemove"));
    box->setTextFormat(Qt::PlainText); // the tab's title is the key, typed by anyone
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_secretPrompt = box;
    const QByteArray id = value.identity();
    connect(box, &QMessageBox::finished, this, [this, box, id, secret, generation = m_backendGeneration] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes)
            onSecretTyped(id, generation, secret);
    });
    box->open();
}

bool KeyTab::canRemove(const DhtValue& value)
{
    if (!value.removable()) {
        emit message(
            tr("This value was put without a secret: nobody can remove it; it goes when its TTL ends."));
        return false;
    }
    if (!m_backend->capabilities().remove) {
        emit message(tr("A %1 gateway cannot remove values; use a classic gateway.")
                         .arg(GatewayBackend::kindName(m_backend->kind())));
        return false;
    }
    return true;
}

void KeyTab::askSecret(const DhtValue& value)
{
    // open(), never exec(): a nested event loop would let the gateway change (and its backend
    // go) under this function. The answer comes back here as a signal, and is checked again.
    auto* prompt = new QInputDialog(this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    prompt->setWindowTitle(tr("Remove value"));
    prompt->setLabelText(tr("Secret the value was put with:"));
    prompt->setTextEchoMode(QLineEdit::Password);
    m_secretPrompt = prompt;
    const QByteArray id = value.identity();
    connect(prompt, &QInputDialog::textValueSelected, this,
            [this, id, generation = m_backendGeneration](const QString& typed) {
                onSecretTyped(id, generation, typed.toUtf8());
            });
    prompt->open();
}

void KeyTab::onSecretTyped(const QByteArray& id, quint64 generation, const QByteArray& secret)
{
    if (secret.isEmpty())
        return;
    if (generation != m_backendGeneration || !m_backend) {
        emit message(tr("The gateway changed while the secret was asked: nothing was removed. Select "
                        "the value and remove it again."));
        return;
    }
    const int row = rowOf(id);
    if (row < 0) {
        emit message(tr("The value went from the table while the secret was asked: nothing was removed."));
        return;
    }
    const DhtValue value = m_model->valueAt(row);
    if (canRemove(value))
        startRemove(value, secret);
}

void KeyTab::startRemove(const DhtValue& value, const QByteArray& secret)
{
    // rm's TTL must outlive the value; a minute more than it has left, within the week.
    const int ttl = std::clamp(value.ttlLeft + 60, 60, int(DhtLimits::maxTtlSeconds));
    m_remove = m_backend->removeValue(m_key, value.data, secret, ttl);
    GatewayCall* call = m_remove;
    const QByteArray removed = value.identity();
    connect(call, &GatewayCall::finished, this, [this, call, removed] {
        m_remove = nullptr;
        call->deleteLater();
        emit operationFinished(tr("Remove under %1").arg(title()), call->elapsedMs(), call->ok());
        if (!call->ok()) {
            emit message(call->error().message);
            emit busyChanged(isBusy());
            return;
        }
        m_secrets.remove(removed);
        m_removed = removed;
        emit message(tr("Removal accepted; fetching the key again to check"));
        fetch();
    });
    emit busyChanged(true);
}

int KeyTab::rowOf(const QByteArray& id) const
{
    for (int row = 0; row < m_model->count(); ++row) {
        const DhtValue& v = m_model->valueAt(row);
        if (v.identity() == id)
            return row;
    }
    return -1;
}

void KeyTab::reportRemoval()
{
    // Classic gateways answer 0 to rm whether or not anything matched: only a fresh fetch tells.
    const bool stillThere = rowOf(m_removed) >= 0;
    m_removed.clear();
    emit message(stillThere ? tr("The gateway accepted the removal, but the value is still there: "
                                 "the secret is probably not the one it was put with.")
                            : tr("Value removed."));
}

void KeyTab::setWatching(bool on)
{
    if (on == m_watching)
        return;
    m_watching = on;
    {
        const QSignalBlocker block(m_watchButton);
        m_watchButton->setChecked(on);
    }
    if (on)
        startWatch();
    else
        stopWatch();
    emit watchingChanged(on);
}

void KeyTab::startWatch()
{
    stopWatch();
    if (!m_backend) {
        m_watchState->setText(tr("waiting for a gateway"));
        return;
    }
    m_watch = m_backend->watch(m_key);
    connect(m_watch, &GatewayWatch::changed, this, [this](const QList<DhtValue>& values) {
        m_model->mergeValues(values, true);
        m_status->setWatched(gatewayName(m_backend)); // a watch brings the whole list
    });
    connect(m_watch, &GatewayWatch::newValues, this, [this](const QList<DhtValue>& values) {
        m_newest = values.constLast().identity();
        emit message(tr("%1 new under %2").arg(ValuesStatus::valueCount(int(values.size())), title()));
        emit newValuesArrived(int(values.size()));
    });
    connect(m_watch, &GatewayWatch::stateChanged, this,
            [this](GatewayWatch::State state, const QString& reason) {
                switch (state) {
                case GatewayWatch::State::Connecting:
                    m_watchState->setText(tr("connecting"));
                    break;
                case GatewayWatch::State::Live:
                    m_watchState->setText(tr("live"));
                    break;
                case GatewayWatch::State::Reconnecting:
                    m_watchState->setText(tr("reconnecting: %1").arg(reason));
                    break;
                }
            });
    m_watchState->setText(tr("connecting"));
}

void KeyTab::stopWatch()
{
    if (m_watch) {
        m_watch->disconnect(this);
        m_watch->stop();
        m_watch->deleteLater();
    }
    m_watch = nullptr;
    m_watchState->setText(m_watching ? m_watchState->text() : QString());
}
