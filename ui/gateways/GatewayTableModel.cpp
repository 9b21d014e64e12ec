#include "GatewayTableModel.h"

#include <common/PlainToolTip.h>

#include <probe/GatewayChooser.h>
#include <probe/LatencyProbe.h>

#include <QFont>
#include <QLocale>

#include <limits>

namespace {

constexpr double missing = std::numeric_limits<double>::infinity();

QString milliseconds(std::optional<double> ms)
{
    if (!ms)
        return QStringLiteral("—");
    return GatewayTableModel::tr("%1 ms").arg(QLocale().toString(*ms, 'f', *ms < 10 ? 1 : 0));
}

bool isNumeric(int column)
{
    return column >= GatewayTableModel::Last && column <= GatewayTableModel::Loss;
}

} // namespace

GatewayTableModel::GatewayTableModel(GatewayChooser* chooser, QObject* parent)
    : QAbstractTableModel(parent)
    , m_chooser(chooser)
{
    followTargets();
    connect(chooser, &GatewayChooser::targetsChanged, this, &GatewayTableModel::followTargets);
    connect(chooser, &GatewayChooser::statsChanged, this, [this](int index) {
        updateRow(rowOf(m_chooser->probe()->target(index).url));
        updateMarks();
    });
    connect(chooser, &GatewayChooser::currentChanged, this, &GatewayTableModel::updateMarks);
    connect(chooser, &GatewayChooser::automaticChanged, this, &GatewayTableModel::updateMarks);
    connect(chooser->directory(), &GatewayDirectory::changed, this, [this] { // names, kinds
        if (!m_urls.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
}

int GatewayTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_urls.size());
}

int GatewayTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GatewayTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case UrlRole:
        return m_urls[row];
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::FontRole:
        if (m_markedCurrent == m_urls[row]) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return isNumeric(index.column()) ? int(Qt::AlignRight | Qt::AlignVCenter)
                                         : int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QString GatewayTableModel::name(int row) const
{
    const auto entry = m_chooser->directory()->find(m_urls[row]);
    return entry && !entry->name.isEmpty() ? entry->name : m_urls[row].authority();
}

QVariant GatewayTableModel::display(int row, int column) const
{
    const QUrl& url = m_urls[row];
    const int i = m_chooser->indexOf(url);
    const auto entry = m_chooser->directory()->find(url);
    if (column == Name) {
        if (url == m_markedCurrent)
            return tr("● %1 (in use)").arg(name(row));
        if (url == m_markedRecommended)
            return tr("%1 (recommended)").arg(name(row));
        return name(row);
    }
    if (column == Url)
        return url.toString();
    if (column == Origin)
        return entry ? originText(entry->origin) : QString();
    if (i < 0)
        return {}; // the probe has yet to follow the directory
    const LatencyProbe::Target& t = m_chooser->probe()->target(i);
    const LatencyStats& s = t.stats;
    switch (column) {
    case Kind: {
        const auto kind = t.kind ? t.kind : entry ? entry->kind : std::nullopt;
        return kind ? GatewayBackend::kindName(*kind) : tr("unknown");
    }
    case Last:
        return milliseconds(s.last());
    case Median:
        return milliseconds(s.median());
    case Min:
        return milliseconds(s.min());
    case P90:
        return milliseconds(s.p90());
    case Loss:
        return s.samples() == 0 ? QStringLiteral("—")
                                : tr("%1 %").arg(QLocale().toString(s.loss() * 100, 'f', 0));
    case Status:
        return s.status();
    default:
        return {};
    }
}

QVariant GatewayTableModel::sortValue(int row, int column) const
{
    const int i = m_chooser->indexOf(m_urls[row]);
    const LatencyStats* s = i >= 0 ? &m_chooser->probe()->target(i).stats : nullptr;
    const auto number = [](std::optional<double> v) { return v ? *v : missing; };
    switch (column) {
    case Name:
        return name(row).toLower();
    case Url:
        return m_urls[row].toString();
    case Last:
        return s ? number(s->last()) : missing;
    case Median:
        return s ? number(s->median()) : missing;
    case Min:
        return s ? number(s->min()) : missing;
    case P90:
        return s ? number(s->p90()) : missing;
    case Loss:
        return s && s->samples() > 0 ? s->loss() : missing;
    default:
        return display(row, column);
    }
}

QString GatewayTableModel::toolTip(int row, int column) const
{
    const QUrl& url = m_urls[row];
    QStringList lines{name(row), url.toString()};
    if (url == m_markedCurrent)
        lines << (m_chooser->isAutomatic() ? tr("In use, chosen automatically")
                                           : tr("In use, chosen by you"));
    else if (url == m_markedRecommended)
        lines << tr("Recommended: the fastest gateway that answers");
    const int i = m_chooser->indexOf(url);
    if (column == Status && i >= 0) {
        const LatencyStats& s = m_chooser->probe()->target(i).stats;
        lines << tr("Samples: %1; jitter: %2").arg(s.samples()).arg(milliseconds(s.jitter()));
    }
    return plainToolTip(lines);
}

QVariant GatewayTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole)
        return isNumeric(section) ? int(Qt::AlignRight | Qt::AlignVCenter)
                                  : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    static const char* const titles[] = {QT_TR_NOOP("Name"),  QT_TR_NOOP("Kind"),   QT_TR_NOOP("URL"),
                                         QT_TR_NOOP("Last"),  QT_TR_NOOP("Median"), QT_TR_NOOP("Min"),
                                         QT_TR_NOOP("P90"),   QT_TR_NOOP("Loss"),   QT_TR_NOOP("Status"),
                                         QT_TR_NOOP("Origin")};
    static const char* const tips[] = {
        QT_TR_NOOP("The gateway's name; the one in use is marked"),
        QT_TR_NOOP("classic (XML-RPC) or proxy (OpenDHT REST)"),
        QT_TR_NOOP("Where the gateway answers"),
        QT_TR_NOOP("The last round trip"),
        QT_TR_NOOP("Median of the recent round trips"),
        QT_TR_NOOP("Fastest recent round trip"),
        QT_TR_NOOP("90 % of the recent round trips were at least this fast"),
        QT_TR_NOOP("Share of recent probes that got no valid answer"),
        QT_TR_NOOP("What the last probe found"),
        QT_TR_NOOP("Built in, added by you, discovered in the DHT, the browser's own local gateway, or "
                   "given with --gateway for this run only")};
    return role == Qt::DisplayRole ? tr(titles[section]) : tr(tips[section]);
}

QString GatewayTableModel::originText(GatewayDirectory::Origin origin)
{
    switch (origin) {
    case GatewayDirectory::Origin::BuiltIn:
        return tr("built in");
    case GatewayDirectory::Origin::User:
        return tr("added by you");
    case GatewayDirectory::Origin::Discovered:
        return tr("discovered");
    case GatewayDirectory::Origin::Local:
        return tr("local");
    case GatewayDirectory::Origin::ThisRun:
        return tr("this run only");
    }
    return {};
}

// Rows follow the probe's targets with removals, insertions and moves, never a reset: the
// selection and the scroll position stay.
void GatewayTableModel::followTargets()
{
    QList<QUrl> targets;
    for (int i = 0; i < m_chooser->probe()->count(); ++i)
        targets << m_chooser->probe()->target(i).url;
    for (int row = int(m_urls.size()) - 1; row >= 0; --row) {
        if (!targets.contains(m_urls[row])) {
            beginRemoveRows({}, row, row);
            m_urls.removeAt(row);
            endRemoveRows();
        }
    }
    for (int i = 0; i < targets.size(); ++i) {
        if (m_urls.value(i) == targets[i])
            continue;
        const int at = int(m_urls.indexOf(targets[i]));
        if (at < 0) {
            beginInsertRows({}, i, i);
            m_urls.insert(i, targets[i]);
            endInsertRows();
        } else { // at > i: the rows before i are in place already
            beginMoveRows({}, at, at, {}, i);
            m_urls.move(at, i);
            endMoveRows();
        }
    }
    updateMarks();
}

void GatewayTableModel::updateRow(int row)
{
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void GatewayTableModel::updateMarks()
{
    const auto current = m_chooser->current();
    const QUrl nowCurrent = current ? current->url : QUrl();
    const int recommended = m_chooser->recommendedIndex();
    const QUrl nowRecommended = recommended >= 0 ? m_chooser->probe()->target(recommended).url : QUrl();
    const QList<QUrl> before{m_markedCurrent, m_markedRecommended};
    if (before == QList<QUrl>{nowCurrent, nowRecommended})
        return;
    m_markedCurrent = nowCurrent;
    m_markedRecommended = nowRecommended;
    for (const QUrl& url : before + QList<QUrl>{nowCurrent, nowRecommended})
        updateRow(rowOf(url));
}
