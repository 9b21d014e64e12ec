#pragma once

#include <QMenu>

class ActiveGateway;
class QActionGroup;

// "Network of the Local Gateway": one exclusive, checkable action per DhtNetwork (objectName
// "localNetwork-<name>"), checked on the network the local gateway runs on now (which a
// --network run may have set), and the user's choice when triggered.
class LocalNetworkMenu : public QMenu
{
    Q_OBJECT
public:
    explicit LocalNetworkMenu(ActiveGateway* active, QWidget* parent = nullptr);

    QAction* actionFor(const QString& network) const;

private:
    void sync();

    ActiveGateway* m_active;
    QActionGroup* m_group;
};
