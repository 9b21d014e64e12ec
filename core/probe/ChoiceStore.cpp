#include "ChoiceStore.h"

#include <QSettings>

namespace {

const QString automaticKey = QStringLiteral("choice/automatic");
const QString manualKey = QStringLiteral("choice/manual");
const QString todayKey = QStringLiteral("choice/today");
const QString todayAtKey = QStringLiteral("choice/today_at"); // seconds since the epoch

// URLs as text, so that the file reads as the list's entries do (a QUrl would be a @Variant blob).
QUrl urlAt(const QSettings* settings, const QString& key)
{
    return QUrl(settings->value(key).toString());
}

} // namespace

ChoiceStore::ChoiceStore(QSettings* settings)
    : m_settings(settings)
{
}

bool ChoiceStore::automatic() const
{
    return m_settings->value(automaticKey, true).toBool();
}

QUrl ChoiceStore::manual() const
{
    return urlAt(m_settings, manualKey);
}

void ChoiceStore::setAutomatic(bool on)
{
    m_settings->setValue(automaticKey, on);
}

void ChoiceStore::setManual(const QUrl& url)
{
    m_settings->setValue(manualKey, url.toString());
}

void ChoiceStore::rememberChoice(const QUrl& url, const QDateTime& now)
{
    m_settings->setValue(todayKey, url.toString());
    m_settings->setValue(todayAtKey, now.toSecsSinceEpoch());
}

std::optional<QUrl> ChoiceStore::rememberedChoice(const QDateTime& now) const
{
    const auto at = choiceTime();
    if (!at || at->secsTo(now) >= choiceLifetimeSeconds || *at > now)
        return std::nullopt;
    return urlAt(m_settings, todayKey);
}

void ChoiceStore::forgetChoice()
{
    m_settings->remove(todayKey);
    m_settings->remove(todayAtKey);
}

std::optional<QDateTime> ChoiceStore::choiceTime() const
{
    bool ok = false;
    const qint64 at = m_settings->value(todayAtKey).toLongLong(&ok);
    if (!ok || at < 0 || !urlAt(m_settings, todayKey).isValid())
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(at, Qt::UTC);
}
