// signed_producer: a stock producer of a signed value's update, for tests (TEST-ONLY).
//
// python3-opendht 2.4.12 has no putSigned and dhtnode's shell `s` draws a new value id each
// time, so neither can replace a signed value by a higher seq. libopendht itself can: given a
// value whose id is fixed, DhtRunner::putSigned looks the value up (its own announce and the DHT)
// and stores it with seq = the old seq + 1, signed. This program only drives it, as the tests'
// Python scripts drive python3-opendht: it joins a DHT, generates an identity, putSigned DATA_A
// under VALUE_ID, waits for a line on stdin (or its end), putSigned DATA_B under the same id,
// and exits. What it prints, one line each:
//   owner <40 hex>            the identity's key id (what a proxy's "owner" hashes to)
//   put <seq> <data> ok|failed
// Usage: signed_producer NETWORK BOOTSTRAP_PORT KEY_HEX VALUE_ID DATA_A DATA_B
// Exit: 0 when both puts succeeded, 1 when one failed, 2 on bad arguments.
#include <opendht/dhtrunner.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <string>
#include <thread>

namespace {

constexpr auto deadline = std::chrono::seconds(60);

// Until the node knows good peers: a put made before that fails (no node stores it).
bool waitConnected(dht::DhtRunner& node)
{
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (node.getNodesStats(AF_INET).good_nodes > 0)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

// One putSigned, waited for; libopendht sets the seq (and signs). Prints it.
bool putSigned(dht::DhtRunner& node, const dht::InfoHash& key, dht::Value::Id id, const std::string& data)
{
    auto value = std::make_shared<dht::Value>(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    value->id = id;
    auto done = std::make_shared<std::promise<bool>>();
    auto result = done->get_future();
    node.putSigned(key, value, [done](bool ok) { done->set_value(ok); });
    const bool ok = result.wait_for(deadline) == std::future_status::ready && result.get();
    std::cout << "put " << value->seq << ' ' << data << (ok ? " ok" : " failed") << std::endl;
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 7) {
        std::cerr << "usage: signed_producer NETWORK BOOTSTRAP_PORT KEY_HEX VALUE_ID DATA_A DATA_B\n";
        return 2;
    }
    const dht::InfoHash key(argv[3]);
    char* end = nullptr;
    const dht::Value::Id id = std::strtoull(argv[4], &end, 10);
    if (!key || !end || *end || id == dht::Value::INVALID_ID) {
        std::cerr << "signed_producer: KEY_HEX wants 40 hex digits, VALUE_ID a nonzero decimal number\n";
        return 2;
    }

    dht::DhtRunner::Config config;
    auto& node = config.dht_config.node_config;
    node.network = dht::NetId(std::strtoul(argv[1], nullptr, 10));
    // Every peer of a loopback DHT is 127.0.0.1: the per-address rate limit would throttle them all.
    node.max_req_per_sec = -1;
    node.max_peer_req_per_sec = -1;
    config.dht_config.id = dht::crypto::generateIdentity("signed_producer", {}, 2048);
    config.threaded = true;
    std::cout << "owner " << config.dht_config.id.first->getPublicKey().getId().toString() << std::endl;

    dht::DhtRunner runner;
    runner.run(0, config);
    runner.bootstrap("127.0.0.1", argv[2]);
    bool ok = waitConnected(runner);
    if (!ok)
        std::cerr << "signed_producer: no DHT node answered\n";
    ok = ok && putSigned(runner, key, id, argv[5]);
    if (ok) {
        std::string line;
        std::getline(std::cin, line); // the test has seen the first one (or nobody is waiting)
        ok = putSigned(runner, key, id, argv[6]);
    }
    runner.shutdown();
    runner.join();
    return ok ? 0 : 1;
}
