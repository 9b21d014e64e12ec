#include "GatewayTableModel.h"

#include "ui/common/PlainToolTip.h"

#include "core/probe/GatewayChooser.h"
#include "core/probe/LatencyProbe.h"

#include "StatusLook.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

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
    return column >= GatewayTableModel::Peers && column <= GatewayTableModel::Loss;
}

bool isFigure(int column)
{
    return column >= GatewayTableModel::Last && column <= GatewayTableModel::P90;
}

bool isDown(const LatencyProbe::Target* t)
{
    return t && t->verdict().state() == GatewayVerdict::State::Down;
}

// "40 s", "3 min", "2 h": how long ago, for a tooltip.
QString ago(qint64 atMs)
{
    const qint64 s = std::max<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - atMs) / 1000);
    if (s < 120)
        return GatewayTableModel::tr("%n s ago", nullptr, int(s));
    if (s < 7200)
        return GatewayTableModel::tr("%n min ago", nullptr, int(s / 60));
    return GatewayTableModel::tr("%n h ago", nullptr, int(s / 3600));
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

const LatencyProbe::Target* GatewayTableModel::targetOf(int row) const
{
    const int i = m_chooser->indexOf(m_urls[row]);
    return i < 0 ? nullptr : &m_chooser->probe()->target(i);
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
    case HistoryRole: {
        const LatencyProbe::Target* t = targetOf(row);
        if (index.column() != History || !t)
            return {};
        QList<double> points;
        for (const LatencyStats::Point& p : t->stats.history())
            points << p.ms.value_or(std::numeric_limits<double>::quiet_NaN());
        return QVariant::fromValue(points);
    }
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::DecorationRole:
        return decoration(row, index.column());
    case Qt::ForegroundRole:
        return foreground(row, index.column());
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
    const auto entry = m_chooser->directory()->find(url);
    switch (column) {
    case Use:
        if (url == m_markedCurrent)
            return m_markedPinned ? tr("In use (pinned)") : tr("In use");
        return url == m_markedRecommended ? tr("Recommended") : QString();
    case Name:
        return name(row);
    case Url:
        return url.toString();
    case Origin:
        return entry ? originText(entry->origin) : QString();
    case History:
        return {}; // drawn by LatencySparkline
    default:
        break;
    }
    const LatencyProbe::Target* t = targetOf(row);
    if (!t)
        return {}; // the probe has yet to follow the directory
    const LatencyStats& s = t->stats;
    if (isFigure(column) && isDown(t))
        return QStringLiteral("—"); // the old figures would read as the present ones
    switch (column) {
    case Kind: {
        const auto kind = t->kind ? t->kind : entry ? entry->kind : std::nullopt;
        if (kind == GatewayKind::Classic && t->dht.node && t->dht.node->speaksRest)
            return tr("classic + proxy"); // ours: fetches and watches go by REST
        return kind ? GatewayBackend::kindName(*kind) : tr("unknown");
    }
    case Status:
        return t->verdict().word();
    case Peers:
        return t->dht.node ? QString::number(t->dht.node->goodPeers) : QStringLiteral("—");
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
    default:
        return {};
    }
}

QVariant GatewayTableModel::decoration(int row, int column) const
{
    const QUrl& url = m_urls[row];
    if (column == Use)
        return url == m_markedCurrent       ? QVariant(StatusLook::inUseIcon())
               : url == m_markedRecommended ? QVariant(StatusLook::recommendedIcon())
                                            : QVariant();
    const LatencyProbe::Target* t = targetOf(row);
    if (column == Status && t)
        return StatusLook::icon(t->verdict());
    return {};
}

QVariant GatewayTableModel::foreground(int row, int column) const
{
    const LatencyProbe::Target* t = targetOf(row);
    if (!t)
        return {};
    const QPalette palette = QGuiApplication::palette();
    if (column == Status)
        return StatusLook::colour(t->verdict(), palette);
    if ((isNumeric(column) || column == Peers) && isDown(t))
        return StatusLook::greyed(palette);
    return {};
}

QVariant GatewayTableModel::sortValue(int row, int column) const
{
    const LatencyProbe::Target* t = targetOf(row);
    const LatencyStats* s = t ? &t->stats : nullptr;
    const auto number = [](std::optional<double> v) { return v ? *v : missing; };
    if (isFigure(column) && isDown(t))
        return missing;
    switch (column) {
    case Use:
        return m_urls[row] == m_markedCurrent ? 0 : m_urls[row] == m_markedRecommended ? 1 : 2;
    case Name:
        return name(row).toLower();
    case Url:
        return m_urls[row].toString();
    case Status: // by health, then median: healthy and fast first
        return t ? t->verdict().rank() * 1e9 + std::min(number(s->median()), 1e8) : 4e9;
    case Peers:
        return t && t->dht.node ? double(t->dht.node->goodPeers) : -1.0;
    case Last:
        return s ? number(s->last()) : missing;
    case Median:
    case History:
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

QString GatewayTableModel::figuresToolTip(const LatencyStats& s) const
{
    if (s.lastAnsweredAtMs() == 0)
        return tr("It has never answered.");
    return tr("Last answered %1; its figures then: median %2, min %3, p90 %4")
        .arg(ago(s.lastAnsweredAtMs()), milliseconds(s.median()), milliseconds(s.min()),
             milliseconds(s.p90()));
}

// The whole history, a line a minute: what the sparkline draws, in figures.
QString GatewayTableModel::historyText(const LatencyStats& s)
{
    QStringList lines;
    const QList<LatencyStats::Point>& points = s.history();
    for (qsizetype i = 0; i < points.size();) {
        const qint64 minute = points[i].atMs / 60000;
        QList<double> answered;
        int lost = 0;
        for (; i < points.size() && points[i].atMs / 60000 == minute; ++i) {
            if (points[i].ms)
                answered << *points[i].ms;
            else
                ++lost;
        }
        std::sort(answered.begin(), answered.end());
        const QString at =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(minute * 60000).time(), QLocale::ShortFormat);
        const QString median =
            answered.isEmpty() ? QStringLiteral("—") : milliseconds(answered[answered.size() / 2]);
        lines << tr("%1: median %2, %3 of %4 lost").arg(at, median).arg(lost).arg(answered.size() + lost);
    }
    return lines.isEmpty() ? tr("No sample yet.") : lines.join(u'\n');
}

QString GatewayTableModel::toolTip(int row, int column) const
{
    const QUrl& url = m_urls[row];
    QStringList lines{name(row), url.toString()};
    if (url == m_markedCurrent)
        lines << (m_chooser->isAutomatic() ? tr("In use, chosen automatically")
                                           : tr("In use, chosen by you"));
    if (url == m_markedRecommended)
        lines << tr("Recommended: the fastest healthy gateway");
    const LatencyProbe::Target* t = targetOf(row);
    if (!t)
        return plainToolTip(lines);
    const LatencyStats& s = t->stats;
    const GatewayVerdict verdict = t->verdict();
    if (column == Status) {
        if (!verdict.reason().isEmpty())
            lines << verdict.reason();
        if (t->dht.readEnded)
            lines << tr("Last DHT read: %1%2")
                         .arg(milliseconds(t->dht.readMs), t->dht.readSlow ? tr(" (slow)") : QString());
        lines << tr("Samples: %1; jitter: %2").arg(s.samples()).arg(milliseconds(s.jitter()));
    } else if (column == Peers && t->dht.node) {
        lines
            << tr("Good peers: %1; incoming: %2").arg(t->dht.node->goodPeers).arg(t->dht.node->incomingPeers);
        if (!t->dht.node->ours)
            lines << tr("A stock proxy refreshes these figures every 2 minutes.");
    } else if ((isFigure(column) || column == Loss) && isDown(t)) {
        lines << figuresToolTip(s);
    } else if (column == History) {
        lines << historyText(s);
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
    static const char* const titles[] = {QT_TR_NOOP("Use"),   QT_TR_NOOP("Name"),   QT_TR_NOOP("Kind"),
                                         QT_TR_NOOP("URL"),   QT_TR_NOOP("Status"), QT_TR_NOOP("Peers"),
                                         QT_TR_NOOP("Last"),  QT_TR_NOOP("Median"), QT_TR_NOOP("Min"),
                                         QT_TR_NOOP("P90"),   QT_TR_NOOP("Loss"),   QT_TR_NOOP("History"),
                                         QT_TR_NOOP("Origin")};
    static const char* const tips[] = {
        QT_TR_NOOP("The gateway in use, and the one recommended: the fastest healthy gateway"),
        QT_TR_NOOP("The gateway's name"),
        QT_TR_NOOP("classic (XML-RPC) or proxy (OpenDHT REST)"),
        QT_TR_NOOP("Where the gateway answers"),
        QT_TR_NOOP("Whether the gateway answers and its DHT works: its peers, a timed read of the DHT, "
                   "your puts through it"),
        QT_TR_NOOP("Good peers of the gateway's DHT node"),
        QT_TR_NOOP("The last round trip"),
        QT_TR_NOOP("Median of the recent round trips"),
        QT_TR_NOOP("Fastest recent round trip"),
        QT_TR_NOOP("90 % of the recent round trips were at least this fast"),
        QT_TR_NOOP("Share of recent probes that got no valid answer"),
        QT_TR_NOOP("Round trips of the last minutes (gaps: no valid answer)"),
        QT_TR_NOOP("Built in, added by you, discovered in the DHT, the browser's own local gateway, or "
                   "given with --gateway for this run only")};
    static_assert(sizeof(titles) / sizeof(titles[0]) == ColumnCount &&
                      sizeof(tips) / sizeof(tips[0]) == ColumnCount,
                  "a title and a tip per column");
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
    const bool nowPinned = !m_chooser->isAutomatic();
    // Pinning the gateway in use changes no URL, but its mark and tooltip.
    if (before == QList<QUrl>{nowCurrent, nowRecommended} && nowPinned == m_markedPinned)
        return;
    m_markedPinned = nowPinned;
    m_markedCurrent = nowCurrent;
    m_markedRecommended = nowRecommended;
    for (const QUrl& url : before + QList<QUrl>{nowCurrent, nowRecommended})
        updateRow(rowOf(url));
}
