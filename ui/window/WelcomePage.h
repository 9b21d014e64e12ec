#pragma once

#include "core/dht/DhtKey.h"

#include <QWidget>

class KeyHistory;
class QVBoxLayout;

// What the window shows while no key is open (at the first start, say): what to type, the
// keys used lately to click through, an example, where the side panel of keys is, and once what
// the local gateway is.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int recentShown = 5;
    static QString exampleKey() { return QStringLiteral("opendht-browser/example"); }

    WelcomePage(KeyHistory* history, QWidget* parent = nullptr);

signals:
    void keyChosen(const DhtKey& key);

private:
    void fillRecent();

    KeyHistory* m_history;
    QVBoxLayout* m_recent;
};
