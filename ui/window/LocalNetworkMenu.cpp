#include "LocalNetworkMenu.h"

#include "core/local/ActiveGateway.h"

#include "core/net/DhtNetwork.h"

#include <QActionGroup>

LocalNetworkMenu::LocalNetworkMenu(ActiveGateway* active, QWidget* parent)
    : QMenu(tr("&Network of the Local Gateway"), parent)
    , m_active(active)
    , m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("localNetworkMenu"));
    m_group->setExclusive(true);
    for (const DhtNetwork& network : DhtNetwork::all()) {
        // A title is text, not a mnemonic: an "&" in it is shown as it is.
        QString text = network.title;
        QAction* action = addAction(text.replace(u'&', QStringLiteral("&&")));
        action->setObjectName(QStringLiteral("localNetwork-") + network.name);
        action->setData(network.name);
        action->setCheckable(true);
        action->setToolTip(network.bootstrap.isEmpty()
                               ? tr("The local gateway keeps its values alone, on this computer")
                               : tr("The local gateway joins %1 through %2")
                                     .arg(network.title, network.bootstrap.join(QStringLiteral(", "))));
        m_group->addAction(action);
    }
    setToolTipsVisible(true);
    connect(m_group, &QActionGroup::triggered, this,
            [this](QAction* action) { m_active->chooseLocalNetwork(action->data().toString()); });
    connect(m_active, &ActiveGateway::localChanged, this, &LocalNetworkMenu::sync);
    sync();
}

QAction* LocalNetworkMenu::actionFor(const QString& network) const
{
    for (QAction* action : m_group->actions()) {
        if (action->data().toString() == network)
            return action;
    }
    return nullptr;
}

void LocalNetworkMenu::sync()
{
    if (QAction* action = actionFor(m_active->localNetwork()))
        action->setChecked(true);
}
