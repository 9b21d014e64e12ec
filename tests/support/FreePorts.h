#pragma once
// Free loopback ports for the processes a test starts: the kernel picks one, the socket closes,
// and the process binds it just after (a port can be taken in between, rarely; the fixtures
// then fail to start, loudly). TEST-ONLY support.
#include <QtGlobal>

quint16 freeTcpPort();
quint16 freeUdpPort();
