#pragma once

#include <QDateTime>
#include <QUrl>

#include <optional>

class QSettings;

// Everything the gateway choice keeps between runs, in the one store the caller gives (the
// browser and opendht-cli give the gateways' settings, GatewayDirectory::openUserSettings(),
// so that they share it): automatic or manual, the user's gateway, and the automatic choice of
// the day, as Net::OpenDHT kept it, so that a restart within the day starts on it before any
// probe. Core never finds a store of its own (by organisation name or otherwise).
class ChoiceStore
{
public:
    static constexpr qint64 choiceLifetimeSeconds = 86400;

    explicit ChoiceStore(QSettings* settings); // not owned

    bool automatic() const;
    QUrl manual() const;
    // Both at once: the user chose a gateway, or automatic mode (manual stays as it was then).
    void setAutomatic(bool on);
    void setManual(const QUrl& url);

    void rememberChoice(const QUrl& url, const QDateTime& now = QDateTime::currentDateTimeUtc());
    // The choice of the day, unless a day has passed since (or it is from the future: a clock
    // set back).
    std::optional<QUrl> rememberedChoice(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    void forgetChoice();
    // When the remembered choice was made, expired or not (nothing when none is remembered).
    std::optional<QDateTime> choiceTime() const;

private:
    QSettings* m_settings;
};
