"""A gateway's health and its answers when its DHT is sick or absent: put latency with dead peers,
a dead bootstrap (status 2 within about 1 s; joining, then isolated), a lone gateway, dual stack
with an IPv6-only peer we did not write (and an IPv4 bootstrap whose first ping is lost), bad
--bootstrap values, and the named networks."""

import subprocess
import tempfile
import time
import unittest

import harness
from harness import SANITIZED, B, GATEWAY, Gateway, GatewayTestCase, free_udp_port_all, poll, sha1, random_network_id
from stocknet import Ipv6Peer, StockNet, StockNode, wait_joined
from udp_drop_relay import UdpDropRelay

JOIN_WITHIN = 60.0  # generous: how long a gateway may take to find its peers
ISOLATED_AFTER = 30  # gateway/README.md: isolated = bootstrap given, no good peer 30 s after start


def health(gw):
    return gw.info()[2]


def dead_bootstrap():
    """host:port of a UDP port nobody listens on."""
    return "127.0.0.1:%d" % free_udp_port_all()


def timed_put(rpc, key, value=b"v", ttl=600):
    """(status, seconds) of one classic put."""
    start = time.monotonic()
    status = rpc.put(B(key), B(value), ttl, "health")
    return status, time.monotonic() - start


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


class DeadPeers(GatewayTestCase):
    def test_put_latency_when_peers_died(self):
        # 5 gateways in a DHT of 40 stock nodes; then 2 gateways and 20 stock nodes crash, and a
        # survivor's routing table still lists them: a put must not wait for them.
        net = StockNet(self, 40)
        gws = [self.start_gateway(bootstrap=[net.bootstrap()]) for _ in range(5)]
        wait_joined(gws, 8)
        for g in gws[3:]:
            g.kill()
        net.kill(20)
        rpc = gws[0].rpc()
        times = []
        for i in range(200):
            status, took = timed_put(rpc, sha1(b"%s %d" % (self.id().encode(), i)))
            self.assertEqual(status, 0)
            times.append(took)
        p50, p99 = percentile(times, 50), percentile(times, 99)
        print("\n200 puts with 2 of 5 gateways and 20 of 40 stock nodes dead: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
              % (1000 * p50, 1000 * p99, 1000 * max(times)))
        # The figure; three times it under the sanitizers (p99 112 ms there on a loaded machine).
        self.assertLessEqual(p99, 0.300 if SANITIZED else 0.100)


class Joining(GatewayTestCase):
    def test_a_dead_bootstrap_answers_2_within_about_a_second(self):
        gw = self.start_gateway(bootstrap=[dead_bootstrap()])
        self.assertEqual(health(gw)["health"], "joining")
        status, took = timed_put(gw.rpc(), sha1(b"nobody to take it"))
        print("\nput at a gateway whose only bootstrap is dead: status %d after %.2f s" % (status, took))
        self.assertEqual(status, 2)
        self.assertLess(took, 3.0)  # it waits 1 s for a peer; the rest is slack for a busy machine
        self.assertEqual(health(gw)["health"], "joining")

    def test_a_gateway_whose_peers_all_died_is_isolated_and_answers_2(self):
        # Dead peers stay "dubious" in the routing table for a minute or more: they take nothing.
        net = StockNet(self, 3)
        gw = self.start_gateway(bootstrap=[net.bootstrap()])
        wait_joined([gw], 2)
        self.assertEqual(gw.rpc().put(B(sha1(b"while joined")), B(b"v"), 600, "t"), 0)
        net.kill(3)
        poll(lambda: health(gw)["health"] == "isolated", JOIN_WITHIN, "the gateway to say isolated",
             gw.check_alive)
        status, took = timed_put(gw.rpc(), sha1(b"after they died"))
        print("\nput after every peer died: status %d after %.2f s (%s)" % (status, took, health(gw)["ipv4"]))
        self.assertEqual(status, 2)
        self.assertLess(took, 3.0)

    def test_a_lone_gateway_answers_0_and_says_lone(self):
        gw = self.start_gateway()
        self.assertEqual(gw.rpc().put(B(sha1(b"alone")), B(b"kept alone"), 600, "t"), 0)
        doc = health(gw)
        self.assertEqual((doc["health"], doc["bootstrap"]), ("lone", []))
        self.assertEqual(harness.values(gw.rpc(), sha1(b"alone")), [b"kept alone"])


class DualStack(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.peer = Ipv6Peer(cls.workdir, cls.network_id)
        cls.procs.append(cls.peer)
        cls.addClassCleanup(cls.peer.close)  # before the kill (cleanups run last first): it exits by itself
        cls.stock = StockNode(cls.workdir, cls.network_id, name="stock-v4")
        cls.procs.append(cls.stock)
        cls.v6 = cls.start_gateway(bootstrap=[cls.peer.dht_addr], extra_args=["--dht-listen", "all"])
        cls.both = cls.start_gateway(bootstrap=[cls.peer.dht_addr, cls.stock.dht_addr],
                                     extra_args=["--dht-listen", "all"])

    def test_joins_an_ipv6_only_peer(self):
        doc = poll(lambda: (lambda d: d if d["ipv6"]["good"] >= 1 else None)(health(self.v6)), JOIN_WITHIN,
                   "an IPv6 peer in GET /", self.v6.check_alive)
        self.assertEqual(doc["health"], "ok")
        self.assertEqual(doc["bootstrap"], [self.peer.dht_addr])

    def test_counts_both_families(self):
        doc = poll(lambda: (lambda d: d if d["ipv6"]["good"] >= 1 and d["ipv4"]["good"] >= 1 else None)(
            health(self.both)), JOIN_WITHIN, "a good peer of each family in GET /", self.both.check_alive)
        self.assertEqual(doc["peers"]["good"], doc["ipv4"]["good"] + doc["ipv6"]["good"])

    def test_a_put_is_readable_through_the_ipv6_only_peer(self):
        for gw in (self.v6, self.both):
            key, value = sha1(("%s %s" % (self.id(), gw.name)).encode()), b"across IPv6 \x00\x01"
            poll(lambda: health(gw)["ipv6"]["good"] >= 1, JOIN_WITHIN, "the IPv6 peer", gw.check_alive)
            self.assertEqual(gw.rpc().put(B(key), B(value), 600, "t"), 0)
            found = poll(lambda: [d for d in self.peer.get(key) if d.endswith(value)], JOIN_WITHIN,
                         "the value put at %s through the IPv6-only peer" % gw.name, self.peer.check_alive)
            self.assertTrue(found[0].startswith(b"ODC2"), found)


class LostBootstrapPing(GatewayTestCase):
    def test_a_lost_first_ping_to_the_ipv4_bootstrap_is_sent_again(self):
        # libopendht bootstraps only while both families are disconnected: once the IPv6 peer
        # answered, an IPv4 bootstrap node whose first ping (3 attempts) was lost is never asked
        # again by a stock node, and on a DHT of its own (nobody else to name IPv4 peers) the
        # gateway would stay IPv6-only. The gateway asks again (gateway/FamilyRebootstrap).
        peer = Ipv6Peer(self.workdir, self.network_id)
        self.procs.append(peer)
        self.addCleanup(peer.close)
        stock = StockNode(self.workdir, self.network_id, name="stock-v4")
        self.procs.append(stock)
        relay = UdpDropRelay(stock.dht_port, drop=3)
        self.addCleanup(relay.close)
        gw = self.start_gateway(bootstrap=[peer.dht_addr, relay.addr], extra_args=["--dht-listen", "all"])
        try:
            doc = poll(lambda: (lambda d: d if d["ipv4"]["good"] >= 1 else None)(health(gw)), JOIN_WITHIN,
                       "an IPv4 peer after the lost ping", gw.check_alive)
        except AssertionError as e:
            raise AssertionError("%s (datagrams the relay dropped, passed: %s)" % (e, relay.counts()))
        self.assertGreaterEqual(doc["ipv6"]["good"], 1)
        self.assertEqual(relay.counts()[0], 3, "the first ping's 3 attempts were dropped")


class BootstrapValues(GatewayTestCase):
    def test_a_host_without_port_means_4222(self):
        # (Random network id: whatever may listen on this host's 4222 ignores these pings.)
        gw = self.start_gateway(bootstrap=["localhost", "[::1]"])
        self.assertEqual(health(gw)["bootstrap"], ["localhost:4222", "[::1]:4222"])

    def test_bad_values_fail_at_start_naming_them(self):
        for bad in ("nonexistent.invalid:4222", "[::1", "host:99999"):
            r = subprocess.run([GATEWAY, "--port", "0", "--dht-port", "0", "--dht-listen", "127.0.0.1",
                                "--bootstrap", bad], capture_output=True, timeout=60,
                               preexec_fn=harness._child_setup)
            err = r.stderr.decode("utf-8", "replace")
            self.assertEqual(r.returncode, 2, "%s: %s" % (bad, err))
            self.assertIn(bad, err)


class NamedNetworks(GatewayTestCase):
    def start_named(self, *extra, bootstrap=()):
        """A gateway without --network-id: the network's own id applies."""
        gw = Gateway(self.workdir, None, bootstrap=bootstrap, extra_args=list(extra), name="named%d" % len(self.procs))
        self.procs.append(gw)
        return gw

    def test_public_with_a_named_bootstrap_joins_a_public_like_dht(self):
        net = StockNet(self, 10, network_id=0)  # stock nodes on network 0, the public one, on loopback
        name = "localhost:%d" % net.nodes[0].dht_port
        gw = self.start_named("--network", "public", bootstrap=[name])
        doc = poll(lambda: (lambda d: d if d["health"] == "ok" else None)(health(gw)), JOIN_WITHIN,
                   "health ok", gw.check_alive)
        self.assertEqual((doc["network"], doc["network_id"], doc["bootstrap"]), ("public", 0, [name]))
        self.assertEqual(gw.rpc().put(B(sha1(b"public-like")), B(b"v"), 600, "t"), 0)

    def test_ham_dht_alone_is_joining_and_refuses_puts(self):
        gw = self.start_named("--network", "ham-dht")
        doc = health(gw)
        self.assertEqual((doc["network"], doc["network_id"], doc["health"]), ("ham-dht", 59973, "joining"))
        self.assertEqual(doc["bootstrap"], ["xrf757.openquad.net:17171"])
        status, took = timed_put(gw.rpc(), sha1(b"ham"))
        self.assertEqual(status, 2, "a put with no peer at all")
        self.assertLess(took, 3.0)


# A gateway with a dead bootstrap, started with the module: Isolated runs last (load_tests), when
# it is already about 30 s old, so that checking "isolated" costs little.
EARLY = {}


def setUpModule():
    workdir = tempfile.mkdtemp(prefix="gwtest-early-")
    harness._workdirs.add(workdir)
    gw = Gateway(workdir, random_network_id(), bootstrap=[dead_bootstrap()], name="early")
    unittest.addModuleCleanup(gw.kill)
    EARLY.update(gw=gw, started=time.monotonic(), first=health(gw)["health"])


class Isolated(unittest.TestCase):
    def test_isolated_30_s_after_start_without_a_peer(self):
        gw = EARLY["gw"]
        self.assertEqual(EARLY["first"], "joining")
        doc = poll(lambda: (lambda d: d if d["health"] == "isolated" else None)(health(gw)),
                   ISOLATED_AFTER + JOIN_WITHIN, "health isolated", gw.check_alive, interval=0.5)
        self.assertGreaterEqual(time.monotonic() - EARLY["started"], ISOLATED_AFTER - 1)
        self.assertGreaterEqual(doc["uptime_s"], ISOLATED_AFTER - 1)


def load_tests(loader, tests, pattern):
    suite = unittest.TestSuite()
    for case in (DeadPeers, Joining, DualStack, LostBootstrapPing, BootstrapValues, NamedNetworks, Isolated):
        suite.addTests(loader.loadTestsFromTestCase(case))
    return suite


if __name__ == "__main__":
    unittest.main()
