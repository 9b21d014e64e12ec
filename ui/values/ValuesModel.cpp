#include "ValuesModel.h"

#include "ui/common/PlainToolTip.h"

#include "ValueFields.h"
#include "ValueFormat.h"

#include "core/dht/DhtValueType.h"

#include <QFont>
#include <QGuiApplication>
#include <QHash>
#include <QLocale>
#include <QPalette>

#include <cstdlib>
#include <limits>

namespace {

// A row is one value by DhtValue::identity(), the one definition for the table, the tab and the watch.
using Identity = QByteArray;

QString shortId(const QByteArray& hex)
{
    return hex.size() > 16 ? QString::fromLatin1(hex.left(16)) + u'…' : QString::fromLatin1(hex);
}

QColor blend(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

ValuesModel::ValuesModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    m_timer.setInterval(1000);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer's 5 % would skip or repeat seconds
    connect(&m_timer, &QTimer::timeout, this, &ValuesModel::tick);
}

void ValuesModel::clear()
{
    setValues({});
}

void ValuesModel::setValues(const QList<DhtValue>& values)
{
    beginResetModel();
    m_rows.clear();
    m_nextIndex = 1;
    const qint64 now = nowMs();
    m_rows.reserve(values.size());
    for (const DhtValue& v : values)
        m_rows.append(makeRow(v, now, false));
    endResetModel();
    updateTimer();
}

void ValuesModel::appendValues(const QList<DhtValue>& values)
{
    if (values.isEmpty())
        return;
    const qint64 now = nowMs();
    beginInsertRows({}, count(), count() + int(values.size()) - 1);
    for (const DhtValue& v : values)
        m_rows.append(makeRow(v, now, false));
    endInsertRows();
    updateTimer();
}

void ValuesModel::mergeValues(const QList<DhtValue>& current, bool highlightNew)
{
    // Where each identity occurs in current, in order; rows take them one by one.
    QHash<Identity, QList<qsizetype>> positions;
    for (qsizetype i = 0; i < current.size(); ++i)
        positions[current[i].identity()].append(i);
    QHash<Identity, qsizetype> taken;
    QList<bool> matched(current.size(), false);
    QList<bool> gone(m_rows.size(), false);
    const qint64 now = nowMs();
    for (qsizetype r = 0; r < m_rows.size(); ++r) {
        const Identity id = m_rows[r].value.identity();
        const auto it = positions.constFind(id);
        qsizetype& next = taken[id];
        if (it == positions.cend() || next >= it->size()) {
            gone[r] = true;
            continue;
        }
        const qsizetype p = it->at(next++);
        matched[p] = true;
        refresh(m_rows[r], current[p], now);
    }
    removeMarked(gone);
    if (!m_rows.isEmpty()) // the fresh TTLs
        emit dataChanged(index(0, 0), index(count() - 1, ColumnCount - 1));
    QList<Row> fresh;
    for (qsizetype i = 0; i < current.size(); ++i) {
        if (!matched[i])
            fresh.append(makeRow(current[i], now, highlightNew));
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, count(), count() + int(fresh.size()) - 1);
        m_rows.append(fresh);
        endInsertRows();
    }
    updateTimer();
}

QDateTime ValuesModel::expiresAt(int row) const
{
    const qint64 ms = m_rows[row].expiresMs;
    return ms < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms);
}

void ValuesModel::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

void ValuesModel::setTimerEnabled(bool enabled)
{
    m_timerEnabled = enabled;
    updateTimer();
}

ValuesModel::Row ValuesModel::makeRow(const DhtValue& value, qint64 nowMs, bool highlight)
{
    Row row;
    row.value = value;
    row.index = m_nextIndex++;
    row.expiresMs = value.ttlLeft < 0 ? -1 : expiryMs(value, nowMs);
    row.newUntilMs = highlight ? nowMs + m_highlightMs : 0;
    row.shownNew = highlight;
    row.shownExpired = row.expiresMs >= 0 && row.expiresMs <= nowMs;
    return row;
}

// A classic item's TTL is exact. A value of other software lives at most its type's lifetime
// after its last store or refresh: counted from when this model first saw it, or from now if
// that bound has passed (the value is still listed, so it was refreshed since).
qint64 ValuesModel::expiryMs(const DhtValue& value, qint64 nowMs)
{
    if (!value.ttlIsUpperBound)
        return nowMs + qint64(value.ttlLeft) * 1000;
    const qint64 boundMs =
        qint64(value.hasId ? DhtValueType::lifetimeSeconds(value.type) : value.ttlLeft) * 1000;
    const QByteArray id = value.identity();
    auto it = m_firstSeenMs.find(id);
    if (it == m_firstSeenMs.end() || *it + boundMs <= nowMs) {
        if (m_firstSeenMs.size() > 4 * count() + 10000) // values long gone are forgotten
            m_firstSeenMs.clear();
        it = m_firstSeenMs.insert(id, nowMs);
    }
    return *it + boundMs;
}

void ValuesModel::refresh(Row& row, const DhtValue& fresh, qint64 nowMs)
{
    if (!fresh.application.isEmpty())
        row.value.application = fresh.application;
    if (fresh.seq() > row.value.seq()) { // a signed value's update: same id, new content, stored anew
        const qint32 ttl = row.value.ttlLeft;
        row.value = fresh;
        row.value.ttlLeft = ttl;
        m_firstSeenMs.remove(fresh.identity());
        if (fresh.ttlLeft >= 0)
            row.expiresMs = -1; // taken from the fresh value below
    }
    // A gateway that does not report TTLs (or a watch) says nothing new about the expiry; nor
    // does a TTL within the rounding of whole seconds of the one counting down (so merging the
    // model's own values back never stretches them).
    if (fresh.ttlLeft < 0)
        return;
    row.value.ttlIsUpperBound = fresh.ttlIsUpperBound;
    const qint64 expiresMs = expiryMs(fresh, nowMs);
    if (row.expiresMs >= 0 && std::abs(expiresMs - row.expiresMs) < 2000)
        return;
    row.value.ttlLeft = fresh.ttlLeft;
    row.expiresMs = expiresMs;
    row.shownExpired = row.expiresMs <= nowMs;
}

qint64 ValuesModel::nowMs() const
{
    return m_now().toMSecsSinceEpoch();
}

qint64 ValuesModel::secondsLeft(const Row& row, qint64 nowMs) const
{
    const qint64 ms = row.expiresMs - nowMs;
    return ms <= 0 ? 0 : (ms + 999) / 1000; // 0.2 s left still shows as 1 s, not "expired"
}

void ValuesModel::tick()
{
    if (m_rows.isEmpty())
        return;
    const qint64 now = nowMs();
    QList<bool> remove(m_rows.size(), false);
    int removing = 0;
    qsizetype firstChanged = -1, lastChanged = -1;
    for (qsizetype r = 0; r < m_rows.size(); ++r) {
        Row& row = m_rows[r];
        const bool expiredNow = row.expiresMs >= 0 && row.expiresMs <= now;
        const bool newNow = now < row.newUntilMs;
        if (row.expiresMs >= 0) // valueAt() tells the TTL left now, not the one at arrival
            row.value.ttlLeft = qint32(secondsLeft(row, now));
        if (row.expiresMs >= 0 && row.expiresMs + graceMs <= now && !row.value.ttlIsUpperBound) {
            remove[r] = true;
            ++removing;
        } else if (expiredNow != row.shownExpired || newNow != row.shownNew) {
            row.shownExpired = expiredNow;
            row.shownNew = newNow;
            firstChanged = firstChanged < 0 ? r : firstChanged;
            lastChanged = r;
        }
    }
    // Only the TTL column changes on an ordinary tick; whole rows only where a state changed.
    emit dataChanged(index(0, Ttl), index(count() - 1, Ttl), {Qt::DisplayRole, Qt::ToolTipRole, SortRole});
    if (firstChanged >= 0)
        emit dataChanged(index(int(firstChanged), 0), index(int(lastChanged), ColumnCount - 1));
    if (removing > 0) {
        removeMarked(remove);
        emit expired(removing);
    }
    updateTimer();
}

void ValuesModel::removeMarked(const QList<bool>& remove)
{
    // From the end, so that the rows before a run keep their numbers.
    for (qsizetype r = remove.size() - 1; r >= 0; --r) {
        if (!remove[r])
            continue;
        qsizetype first = r;
        while (first > 0 && remove[first - 1])
            --first;
        beginRemoveRows({}, int(first), int(r));
        m_rows.remove(first, r - first + 1);
        endRemoveRows();
        r = first;
    }
}

void ValuesModel::updateTimer()
{
    if (m_timerEnabled && !m_rows.isEmpty()) {
        if (!m_timer.isActive()) // a restart would postpone the tick at every page of a fetch
            m_timer.start();
    } else {
        m_timer.stop();
    }
}

int ValuesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

int ValuesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

// Everything is worked out here, for the rows a view asks about, never ahead for all rows.
QVariant ValuesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole:
        if (column == Index || column == Id || column == Size || column == Ttl || column == Seq)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (row.shownExpired)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::BackgroundRole:
        return background(row);
    case Qt::FontRole:
        if (row.shownNew) {
            QFont bold = QGuiApplication::font();
            bold.setBold(true);
            return bold;
        }
        return {};
    case SortRole:
        return sortKey(row, column);
    case BytesRole:
        return row.value.data;
    case IsNewRole:
        return row.shownNew;
    case SecretHashRole:
        return row.value.secretHash;
    case SearchTextRole:
        return QString(display(row, Type).toString() + u' ' + QString::fromLatin1(row.value.ownerId()));
    case ExpiresAtRole:
        return expiresAt(index.row());
    default:
        return {};
    }
}

QVariant ValuesModel::display(const Row& row, int column) const
{
    switch (column) {
    case Index: // a mark besides the colour, for those who cannot tell the tint
        return row.shownNew ? QStringLiteral("● %1").arg(row.index) : QString::number(row.index);
    case Id:
        return row.value.hasId ? QString::number(row.value.id) : QString();
    case Type: {
        if (!row.value.hasId)
            return QString();
        const QString type = row.value.isEncrypted() ? tr("encrypted") : DhtValueType::label(row.value.type);
        const QByteArray user = row.value.userType();
        return user.isEmpty() ? type : type + QStringLiteral(" · ") + ValueFormat::preview(user, 40);
    }
    case Size:
        return tr("%1 B", "bytes").arg(QLocale().toString(shownBytes(row.value)));
    case Preview:
        return preview(row.value);
    case Ttl:
        if (row.expiresMs < 0)
            return tr("unknown", "time to live");
        if (row.value.ttlIsUpperBound && row.expiresMs <= nowMs())
            return tr("refreshed?", "time to live of a value whose longest lifetime passed");
        return ValueFormat::ttlText(secondsLeft(row, nowMs()), row.value.ttlIsUpperBound);
    case Flags:
        return flags(row.value);
    case Owner:
        return shortId(row.value.ownerId());
    case Seq:
        return row.value.meta && !row.value.meta->ownerPem.isEmpty() ? QString::number(row.value.seq())
                                                                     : QString();
    case Application:
        return row.value.application;
    default:
        return {};
    }
}

QString ValuesModel::flags(const DhtValue& value) const
{
    QStringList out;
    if (value.removable())
        out << tr("removable");
    if (value.isSigned())
        out << tr("signed");
    if (value.isEncrypted())
        out << tr("encrypted");
    if (value.meta && value.meta->decryptedByGateway())
        out << tr("decrypted");
    if (value.permanent().value_or(false))
        out << tr("permanent");
    return out.join(QStringLiteral(", "));
}

// An encrypted value has no data to preview: what it is, and its ciphertext's size, instead of
// an empty cell; a value the gateway decrypted says so before its data.
QString ValuesModel::preview(const DhtValue& value) const
{
    const QString encryption = ValueFields::encryption(value);
    if (value.isEncrypted())
        return tr("%1 (%2 of ciphertext)").arg(encryption, ValueFormat::byteCount(value.meta->cypher.size()));
    if (!encryption.isEmpty())
        return tr("%1: %2").arg(encryption, ValueFormat::preview(value.data));
    return ValueFormat::preview(value.data);
}

qint64 ValuesModel::shownBytes(const DhtValue& value)
{
    return value.isEncrypted() ? value.meta->cypher.size() : value.data.size();
}

QVariant ValuesModel::sortKey(const Row& row, int column) const
{
    switch (column) {
    case Index:
        return row.index;
    case Size:
        return shownBytes(row.value);
    case Preview:
        return preview(row.value);
    case Ttl: // unknown lives longest
        return row.expiresMs < 0 ? std::numeric_limits<qint64>::max() : secondsLeft(row, nowMs());
    case Id:
        return row.value.hasId ? row.value.id : 0;
    case Type:
        return row.value.hasId ? int(row.value.type) : -1;
    case Seq:
        return row.value.seq();
    case Application:
        return row.value.application;
    default:
        return display(row, column);
    }
}

// Tooltips are rich text: every piece of the value or from the gateway is escaped.
QVariant ValuesModel::toolTip(const Row& row, int column) const
{
    switch (column) {
    case Preview: {
        const QString encryption = ValueFields::encryption(row.value);
        if (row.value.isEncrypted())
            return plainToolTip({encryption});
        return plainToolTip(encryption.isEmpty()
                                ? QStringList{ValueFormat::preview(row.value.data, 300)}
                                : QStringList{encryption, ValueFormat::preview(row.value.data, 300)});
    }
    case Ttl:
        return ttlToolTip(row);
    case Flags:
        return flagsToolTip(row.value);
    case Owner:
        return row.value.ownerId().isEmpty()
                   ? QVariant()
                   : plainToolTip({tr("Signed by the key %1").arg(QString::fromLatin1(row.value.ownerId()))});
    case Type:
        return row.value.userType().isEmpty()
                   ? QVariant()
                   : plainToolTip({tr("User type: %1").arg(QString::fromUtf8(row.value.userType()))});
    case Application:
        return row.value.application.isEmpty() ? QVariant() : plainToolTip({row.value.application});
    default:
        return {};
    }
}

QVariant ValuesModel::flagsToolTip(const DhtValue& value) const
{
    QStringList lines;
    lines << (value.removable()
                  ? tr("Put with a secret: whoever holds it can remove the value before it expires.")
                  : tr("Put without a secret: nobody can remove it; it stays until its TTL runs out."));
    if (value.isSigned())
        lines << tr("Signed; signature checked by: %1.").arg(ValueFields::signatureChecker(value));
    if (value.isEncrypted())
        lines << tr("Encrypted for another identity: only its ciphertext is known.");
    if (value.meta && value.meta->decryptedByGateway())
        lines << tr("Decrypted by the gateway (encrypted for %1).")
                     .arg(QString::fromLatin1(value.meta->recipientHex));
    if (value.permanent().value_or(false))
        lines << tr("Permanent: kept alive in the DHT by whoever put it.");
    return plainToolTip(lines);
}

QVariant ValuesModel::ttlToolTip(const Row& row) const
{
    if (row.expiresMs < 0)
        return tr("The gateway did not say how long this value lives.");
    if (row.value.ttlIsUpperBound && row.expiresMs <= nowMs())
        return tr("A value of this type lives at most %1 after its last store or refresh, and that long "
                  "has passed since this browser first saw it: it has been refreshed since. Fetch again "
                  "to know whether it is still there.")
            .arg(ValueFormat::ttlText(DhtValueType::lifetimeSeconds(row.value.type), false));
    const QString when =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.expiresMs).toLocalTime(), QLocale::LongFormat);
    if (row.expiresMs <= nowMs())
        return plainToolTip({tr("Expired at %1").arg(when)});
    if (row.value.ttlIsUpperBound)
        return plainToolTip(
            {tr("Expires at the latest at %1 (put by another kind of client: only an upper bound is known)")
                 .arg(when)});
    return plainToolTip({tr("Expires at %1").arg(when)});
}

QVariant ValuesModel::background(const Row& row) const
{
    if (!row.shownNew)
        return {};
    // A warm tint unlike the selection's colour (the palette's Highlight, mostly a blue), so that
    // a new value never looks selected; blended into the base so that it suits dark themes too.
    return blend(QGuiApplication::palette().color(QPalette::Base), newTint(), 0.45);
}

QColor ValuesModel::newTint()
{
    return QColor(255, 200, 64); // amber
}
QVariant ValuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Index:
            return tr("#", "order of arrival");
        case Size:
            return tr("Size");
        case Preview:
            return tr("Value");
        case Ttl:
            return tr("TTL", "time left to live");
        case Id:
            return tr("Id", "value id");
        case Type:
            return tr("Type");
        case Flags:
            return tr("Flags");
        case Owner:
            return tr("Owner");
        case Seq:
            return tr("Seq", "sequence number");
        case Application:
            return tr("Application");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Index:
            return tr("Order in which the values arrived");
        case Ttl:
            return tr("Time the value has left to live; hover a value for the exact expiry");
        case Id:
            return tr("The value's 64-bit id in the DHT");
        case Type:
            return tr("The OpenDHT value type, and the user type its producer gave");
        case Flags:
            return tr("Removable (put with a secret), signed, encrypted, decrypted by the gateway, permanent "
                      "(where the gateway tells)");
        case Owner:
            return tr("The key id of who signed the value");
        case Seq:
            return tr("The signed value's sequence number: a higher one replaces it");
        case Application:
            return tr("The application that put the value, where the gateway says");
        }
    }
    return {};
}
