#include "GatewayDirectory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace {

const QStringList origins{QStringLiteral("builtin"), QStringLiteral("user"), QStringLiteral("discovered"),
                          QStringLiteral("local"), QStringLiteral("this-run")};

std::optional<GatewayKind> kindFromName(const QString& name)
{
    if (name == u"classic")
        return GatewayKind::Classic;
    if (name == u"proxy")
        return GatewayKind::Proxy;
    return std::nullopt;
}

QList<GatewayDirectory::Entry> builtIn()
{
    QList<GatewayDirectory::Entry> out;
    QFile file(QStringLiteral(":/opendht-browser/gateways.json"));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QJsonArray list =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("gateways")).toArray();
    for (const QJsonValue& v : list) {
        const QJsonObject o = v.toObject();
        const QUrl url(o.value(QStringLiteral("url")).toString());
        if (url.isValid())
            out.append({url, o.value(QStringLiteral("name")).toString(),
                        kindFromName(o.value(QStringLiteral("kind")).toString()),
                        GatewayDirectory::Origin::BuiltIn});
    }
    return out;
}

} // namespace

GatewayDirectory::GatewayDirectory(QSettings* settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
    load();
    addBuiltIns();
}

QString GatewayDirectory::originName(Origin origin)
{
    return origins.value(int(origin));
}

void GatewayDirectory::load()
{
    const int n = m_settings->beginReadArray(QStringLiteral("gateways"));
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        Entry e;
        e.url = m_settings->value(QStringLiteral("url")).toUrl();
        e.name = m_settings->value(QStringLiteral("name")).toString();
        e.kind = kindFromName(m_settings->value(QStringLiteral("kind")).toString());
        e.origin = Origin(
            std::max<qsizetype>(0, origins.indexOf(m_settings->value(QStringLiteral("origin")).toString())));
        if (e.origin == Origin::BuiltIn) { // its name is the program's, which may have changed
            for (const Entry& b : builtIn()) {
                if (b.url == e.url)
                    e.name = b.name;
            }
        }
        if (e.url.isValid() && isSaved(e.origin) && !find(e.url))
            m_entries.append(e);
    }
    m_settings->endArray();
}

void GatewayDirectory::addBuiltIns()
{
    for (const Entry& e : builtIn()) { // built-in gateways the user has not seen yet
        if (!find(e.url))
            m_entries.append(e);
    }
}

void GatewayDirectory::save()
{
    m_settings->remove(QStringLiteral("gateways")); // else a shorter array leaves old items behind
    const auto saved =
        std::count_if(m_entries.cbegin(), m_entries.cend(), [](const Entry& e) { return isSaved(e.origin); });
    m_settings->beginWriteArray(QStringLiteral("gateways"), int(saved));
    int i = 0;
    for (const Entry& e : std::as_const(m_entries)) {
        if (!isSaved(e.origin))
            continue; // see setLocalGateway() and Origin::ThisRun
        m_settings->setArrayIndex(i++);
        m_settings->setValue(QStringLiteral("url"), e.url);
        m_settings->setValue(QStringLiteral("name"), e.name);
        m_settings->setValue(QStringLiteral("kind"), e.kind ? GatewayBackend::kindName(*e.kind) : QString());
        m_settings->setValue(QStringLiteral("origin"), originName(e.origin));
    }
    m_settings->endArray();
    m_settings->sync();
    emit changed();
}

std::optional<GatewayDirectory::Entry> GatewayDirectory::find(const QUrl& url) const
{
    for (const Entry& e : m_entries) {
        if (e.url == url)
            return e;
    }
    return std::nullopt;
}

void GatewayDirectory::reload()
{
    // The CLI and other windows share the file: start each change from what it holds now, so
    // that saving the whole list does not undo what they wrote meanwhile.
    // The local and this run's entries are never in the file, and a built-in one removed here
    // stays removed.
    m_settings->sync();
    QList<Entry> kept;
    for (const Entry& e : std::as_const(m_entries)) {
        if (!isSaved(e.origin) || e.origin == Origin::BuiltIn)
            kept << e;
    }
    m_entries.clear();
    load();
    for (const Entry& e : std::as_const(kept)) {
        if (!find(e.url))
            m_entries.append(e);
    }
}

bool GatewayDirectory::add(const Entry& entry)
{
    reload();
    if (!entry.url.isValid())
        return false;
    const auto known = find(entry.url);
    if (known && (known->origin != Origin::ThisRun || !isSaved(entry.origin)))
        return false;
    m_entries.removeIf([&](const Entry& e) { return e.url == entry.url; });
    m_entries.append(entry);
    if (isSaved(entry.origin))
        save();
    else
        emit changed(); // nothing to write: the file would only be rewritten as it is
    return true;
}

bool GatewayDirectory::remove(const QUrl& url)
{
    reload();
    const auto n = m_entries.removeIf([&](const Entry& e) { return e.url == url; });
    if (n)
        save();
    return n > 0;
}

bool GatewayDirectory::replace(const QUrl& url, const Entry& entry)
{
    reload();
    const auto at =
        std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return e.url == url; });
    if (at == m_entries.end() || !entry.url.isValid() || (entry.url != url && find(entry.url)))
        return false;
    *at = entry;
    save();
    return true;
}

void GatewayDirectory::setKind(const QUrl& url, GatewayKind kind)
{
    reload();
    for (Entry& e : m_entries) {
        if (e.url == url && e.kind != kind) {
            e.kind = kind;
            save();
        }
    }
}

void GatewayDirectory::mergeDiscovered(const QList<QUrl>& announced)
{
    reload();
    const auto before = m_entries.size();
    m_entries.removeIf(
        [&](const Entry& e) { return e.origin == Origin::Discovered && !announced.contains(e.url); });
    bool changedAny = m_entries.size() != before;
    for (const QUrl& url : announced) {
        if (!find(url)) {
            m_entries.append({url, url.authority(), GatewayKind::Classic, Origin::Discovered});
            changedAny = true;
        }
    }
    if (changedAny)
        save();
}

void GatewayDirectory::setLocalGateway(const QUrl& url)
{
    reload();
    const auto before = m_entries.size();
    m_entries.removeIf([](const Entry& e) { return e.origin == Origin::Local; });
    bool changedAny = m_entries.size() != before;
    if (url.isValid() && !find(url)) {
        m_entries.append({url, tr("Local gateway"), GatewayKind::Classic, Origin::Local});
        changedAny = true;
    }
    if (changedAny)
        save();
}

QString GatewayDirectory::whyNotRemovable(const QUrl& url) const
{
    const auto e = find(url);
    if (!e)
        return tr("%1 is not in the list of gateways").arg(url.toDisplayString());
    if (e->origin == Origin::BuiltIn)
        return tr("\"%1\" is built in: it would come back at the next start").arg(e->name);
    if (e->origin == Origin::Local)
        return tr("\"%1\" is the browser's own embedded gateway: it goes when the browser stops")
            .arg(e->name);
    return {};
}

std::unique_ptr<QSettings> GatewayDirectory::openUserSettings()
{
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                       QStringLiteral("opendht-browser"), QStringLiteral("gateways"));
}
