#include "Settings.h"

#include <QDir>
#include <QSettings>

namespace {

struct Entry
{
    Settings::Key key;
    const char* name;
};

// The table: one line a key. Defaults that are not a plain "nothing" are in defaultValue().
constexpr Entry entries[] = {
    {Settings::Key::WindowGeometry, "window/geometry"},
    {Settings::Key::WindowState, "window/state"},
    {Settings::Key::WindowKeysPage, "window/keysPage"},
    {Settings::Key::SessionTabs, "session/tabs"},
    {Settings::Key::SessionCurrent, "session/current"},
    {Settings::Key::ValuesHeader, "values/header"},
    {Settings::Key::ValuesSplitter, "values/splitter"},
    {Settings::Key::ValuesHiddenColumns, "values/hiddenColumns"},
    {Settings::Key::ViewerMode, "viewer/mode"},
    {Settings::Key::ViewerSaveDirectory, "viewer/saveDirectory"},
    {Settings::Key::PutTtlSeconds, "put/ttlSeconds"},
    {Settings::Key::PutFileDirectory, "put/fileDirectory"},
    {Settings::Key::PutPlainType, "put/plainType"},
    {Settings::Key::PutUserType, "put/userType"},
    {Settings::Key::PutApplication, "put/application"},
    {Settings::Key::LocalGatewayNetwork, "localGateway/network"},
    {Settings::Key::TransferDirectory, "transfer/directory"},
    {Settings::Key::KeysMode, "keys/mode"},
    {Settings::Key::KeysHistory, "keys/history"},
    {Settings::Key::KeysBookmarks, "keys/bookmarks"},             // records(): a QSettings array
    {Settings::Key::GatewaysTableHeader, "gateways/tableHeader"}, // not "gateways/header": other columns
};

} // namespace

Settings::Settings(QObject* parent)
    : Settings(std::make_unique<QSettings>(), parent)
{
}

Settings::Settings(const QString& iniFile, QObject* parent)
    : Settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat), parent)
{
}

Settings::Settings(std::unique_ptr<QSettings> store, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
{
    m_write.setSingleShot(true);
    m_write.setInterval(writeDelayMs);
    connect(&m_write, &QTimer::timeout, this, &Settings::flush);
}

Settings::~Settings()
{
    flush();
}

QString Settings::name(Key key)
{
    for (const Entry& e : entries) {
        if (e.key == key)
            return QString::fromLatin1(e.name);
    }
    Q_UNREACHABLE();
    return {};
}

QVariant Settings::defaultValue(Key key)
{
    switch (key) {
    case Key::WindowKeysPage:
    case Key::SessionCurrent:
    case Key::PutTtlSeconds: // 0: none remembered, the slider's own default
    case Key::PutPlainType:  // user data
        return 0;
    case Key::ViewerSaveDirectory:
    case Key::PutFileDirectory:
    case Key::TransferDirectory:
        return QDir::homePath();
    case Key::PutApplication:
        return QStringLiteral("opendht-browser");
    default:
        return {};
    }
}

QString Settings::fileName() const
{
    return m_store->fileName();
}

std::optional<QVariant> Settings::stored(const QString& name) const
{
    if (const auto pending = m_pending.constFind(name); pending != m_pending.cend())
        return *pending;
    if (removalPending(name) || !m_store->contains(name))
        return std::nullopt;
    return m_store->value(name);
}

// Whether a name above this one is to be removed (and with it, this one).
bool Settings::removalPending(const QString& name) const
{
    for (qsizetype slash = name.indexOf(u'/'); slash > 0; slash = name.indexOf(u'/', slash + 1)) {
        const auto pending = m_pending.constFind(name.left(slash));
        if (pending != m_pending.cend() && !pending->has_value())
            return true;
    }
    return false;
}

void Settings::put(const QString& name, std::optional<QVariant> value)
{
    if (!value) { // what was set under it goes with it
        const QString under = name + u'/';
        m_pending.removeIf([&](decltype(m_pending)::iterator it) { return it.key().startsWith(under); });
    }
    m_pending.insert(name, std::move(value));
    if (!m_write.isActive()) // from the first change of a burst: a write at most every delay
        m_write.start();
}

QVariant Settings::value(Key key) const
{
    return stored(name(key)).value_or(defaultValue(key));
}

bool Settings::contains(Key key) const
{
    return stored(name(key)).has_value();
}

void Settings::setValue(Key key, const QVariant& value)
{
    put(name(key), value);
}

void Settings::remove(Key key)
{
    put(name(key), std::nullopt);
}

QVariant Settings::value(Key key, const QString& sub) const
{
    return stored(name(key) + u'/' + sub).value_or(QVariant());
}

void Settings::setValue(Key key, const QString& sub, const QVariant& value)
{
    put(name(key) + u'/' + sub, value);
}

void Settings::remove(Key key, const QString& sub)
{
    put(name(key) + u'/' + sub, std::nullopt);
}

QList<QVariantHash> Settings::records(Key key, const QStringList& fields) const
{
    QList<QVariantHash> records;
    const int size = value(key, QStringLiteral("size")).toInt();
    for (int i = 1; i <= size; ++i) { // QSettings counts from 1
        QVariantHash record;
        for (const QString& field : fields)
            record.insert(field, value(key, QStringLiteral("%1/%2").arg(i).arg(field)));
        records.append(record);
    }
    return records;
}

void Settings::setRecords(Key key, const QList<QVariantHash>& records)
{
    remove(key); // a shorter list must not keep the old tail
    for (int i = 0; i < records.size(); ++i) {
        const QVariantHash& record = records.at(i);
        for (auto it = record.cbegin(); it != record.cend(); ++it)
            setValue(key, QStringLiteral("%1/%2").arg(i + 1).arg(it.key()), it.value());
    }
    setValue(key, QStringLiteral("size"), int(records.size()));
}

void Settings::flush()
{
    m_write.stop();
    if (m_pending.isEmpty())
        return;
    // Removals first: a name set after its parent was removed is to stay.
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (!it.value())
            m_store->remove(it.key());
    }
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it.value())
            m_store->setValue(it.key(), *it.value());
    }
    m_pending.clear();
    m_store->sync();
}
