#pragma once
// A GatewayDirectory whose settings (the gateways and the chosen one) live in a directory of the test's own,
// holding the given gateways, and the built-in ones only when asked: whatever runs on this machine's default
// port must not take part otherwise. TEST-ONLY support.
#include "core/probe/GatewayDirectory.h"

#include <QList>
#include <QSettings>
#include <QTemporaryDir>
#include <QUrl>

class IsolatedDirectory
{
public:
    explicit IsolatedDirectory(const QList<QUrl>& urls, bool keepBuiltIn = false)
        : m_settings(m_dir.filePath(QStringLiteral("gateways.ini")), QSettings::IniFormat)
        , m_directory(&m_settings)
    {
        if (!keepBuiltIn) {
            const auto builtIn = m_directory.entries();
            for (const auto& e : builtIn)
                m_directory.remove(e.url);
        }
        for (const QUrl& url : urls)
            m_directory.add({url, url.authority(), {}, GatewayDirectory::Origin::User});
    }
    GatewayDirectory* directory() { return &m_directory; }
    // The store the directory uses, for a GatewayChooser's ChoiceStore.
    QSettings* settings() { return &m_settings; }

private:
    QTemporaryDir m_dir;
    QSettings m_settings;
    GatewayDirectory m_directory;
};
