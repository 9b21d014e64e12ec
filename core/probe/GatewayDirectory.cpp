#include "GatewayDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSettings>

namespace {

const QStringList origins{QStringLiteral("builtin"), QStringLiteral("user"), QStringLiteral("discovered"),
                          QStringLiteral("local")};

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

GatewayDirectory::GatewayDirectory(QSettings* settings, const QString& cacheFile, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_cacheFile(cacheFile)
{
    load();
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
        if (e.url.isValid() && !find(e.url))
            m_entries.append(e);
    }
    m_settings->endArray();
    for (const Entry& e : builtIn()) { // built-in gateways the user has not seen yet
        if (!find(e.url))
            m_entries.append(e);
    }
}

void GatewayDirectory::save()
{
    m_settings->beginWriteArray(QStringLiteral("gateways"), int(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries[i];
        m_settings->setArrayIndex(i);
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

bool GatewayDirectory::add(const Entry& entry)
{
    if (!entry.url.isValid() || find(entry.url))
        return false;
    m_entries.append(entry);
    save();
    return true;
}

bool GatewayDirectory::remove(const QUrl& url)
{
    const auto n = m_entries.removeIf([&](const Entry& e) { return e.url == url; });
    if (n)
        save();
    return n > 0;
}

void GatewayDirectory::setKind(const QUrl& url, GatewayKind kind)
{
    for (Entry& e : m_entries) {
        if (e.url == url && e.kind != kind) {
            e.kind = kind;
            save();
        }
    }
}

void GatewayDirectory::mergeDiscovered(const QList<QUrl>& announced)
{
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

void GatewayDirectory::rememberChoice(const QUrl& url, const QDateTime& now)
{
    QDir().mkpath(QFileInfo(m_cacheFile).absolutePath());
    QSaveFile file(m_cacheFile);
    if (!file.open(QIODevice::WriteOnly))
        return;
    const QJsonObject o{{QStringLiteral("url"), url.toString()},
                        {QStringLiteral("chosen_at"), now.toSecsSinceEpoch()}};
    file.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    file.commit();
}

std::optional<QUrl> GatewayDirectory::rememberedChoice(const QDateTime& now) const
{
    QFile file(m_cacheFile);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    const qint64 at = o.value(QStringLiteral("chosen_at")).toInteger(-1);
    const QUrl url(o.value(QStringLiteral("url")).toString());
    if (at < 0 || !url.isValid() || now.toSecsSinceEpoch() - at >= choiceLifetimeSeconds ||
        at > now.toSecsSinceEpoch())
        return std::nullopt; // expired (or from the future: a clock set back)
    return url;
}

void GatewayDirectory::forgetChoice()
{
    QFile::remove(m_cacheFile);
}
