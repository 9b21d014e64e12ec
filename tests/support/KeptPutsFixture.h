#pragma once
// What each test of kept puts starts from (tests/client tst_keptputs and tst_plainputs,
// tests/ui tst_keptputsview and tst_plainput): the stock proxy with the TEST-ONLY relay in front
// of it, a data directory of the test's own with the browser's store in it, and a put tried
// again until the proxy's node has found its peer. TEST-ONLY support.
#include "StockRelay.h"

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>

class GatewayCall;

namespace keptputs {

// Two stock nodes and the relay before the second; each stopped by the destructor.
class RelayedProxy
{
public:
    // Starts the nodes and the relay; false if the relay never listened.
    bool start();
    // A new relay before the same proxy, its count of POSTs at zero; false if it never listened.
    bool restartRelay();
    StockProxy& stock() { return *m_stock; }
    Relay& relay() { return *m_relay; }
    QUrl url() const { return m_relay->url(); } // the relay's: where the code under test puts

private:
    std::unique_ptr<StockProxy> m_stock;
    std::unique_ptr<Relay> m_relay;
};

// A data directory of the test's own (XDG_DATA_HOME for opendht-cli).
class KeptHome
{
public:
    bool isValid() const { return m_dir.isValid(); }
    // Where the browser keeps its puts under this data directory.
    QString storePath() const;
    // What `opendht-cli kept` prints with this data directory (a sentence in <> if it failed).
    QString cliKept() const;

private:
    QTemporaryDir m_dir;
};

// Makes a put (put() returns its call) until one succeeds: a stock proxy answers 502 until its
// node has found its peer. False if a call never finished or 60 were refused.
bool putUntilAccepted(const std::function<GatewayCall*()>& put);

} // namespace keptputs
