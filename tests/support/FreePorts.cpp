#include "FreePorts.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QUdpSocket>

quint16 freeTcpPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

// Bound on every address: a port free there is free on loopback too.
quint16 freeUdpPort()
{
    QUdpSocket s;
    s.bind(QHostAddress::Any, 0);
    return s.localPort();
}
