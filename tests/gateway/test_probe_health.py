"""opendht-cli probe judges gateways by what their DHT does (issue #15), against real processes:
our gateways in one DHT, a stock `dhtnode --proxyserver` joined to them, an isolated one that
never had a peer, a "zombie" whose only peer was SIGKILLed, and gateways behind the TEST-ONLY
DhtDelayRelay, which delays only the requests that touch the DHT ("slow DHT")."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from dht_delay_relay import DhtDelayRelay
from harness import GatewayTestCase, poll, wait_connected
from stocknet import StockNode, good_peers

CLI = os.environ.get("ODB_CLI", os.path.join(os.path.dirname(__file__), "../../build/app/opendht-cli"))
SLOW_DHT_MS = 3000  # DhtCheck::defaultSlowMs: a read over this is "slow DHT"

HOME = tempfile.mkdtemp(prefix="probe-health-home-")  # the CLI's settings and cache, not the user's
ENV = dict(os.environ, XDG_CONFIG_HOME=os.path.join(HOME, "config"), XDG_CACHE_HOME=os.path.join(HOME, "cache"))


def probe(*urls, rounds=3):
    r = subprocess.run([CLI, "probe", "--json", "--rounds", str(rounds), "--interval", "0", "--timeout", "2s",
                        *urls], capture_output=True, timeout=120, env=ENV)
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    return r.returncode, {row["url"]: row for row in rows}, r.stderr.decode()


class ProbeHealth(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a, cls.b = cls.start_dht(2)  # ours, each the other's peer: health "ok"
        cls.healthy_proxy = cls.start_proxy(bootstrap=cls.a.dht_addr)
        cls.isolated = cls.start_proxy()  # no bootstrap: never had a peer
        peer = StockNode(cls.workdir, cls.network_id, name="zombie-peer")
        cls.procs.append(peer)
        cls.zombie = cls.start_proxy(bootstrap=peer.dht_addr)
        poll(lambda: good_peers(cls.healthy_proxy) > 0 and good_peers(cls.zombie) > 0, 30,
             "the proxies to report their peers")
        peer.kill()  # SIGKILL: no goodbye; the zombie still says good:1 for up to 2 minutes
        wait_connected([cls.a, cls.b])

    @staticmethod
    def url(proxy):
        return "http://127.0.0.1:%d/" % proxy.http_port

    def test_the_isolated_and_the_zombie_are_named_and_never_chosen(self):
        urls = [self.a.url, self.b.url, self.url(self.healthy_proxy), self.url(self.isolated), self.url(self.zombie)]
        code, rows, err = probe(*urls)
        self.assertEqual(code, 0, err)
        self.assertEqual(set(rows), set(urls))
        isolated, zombie = rows[self.url(self.isolated)], rows[self.url(self.zombie)]
        # Both answer HTTP at once: the round trip alone would have rated them "ok".
        self.assertEqual((isolated["status"], zombie["status"]), ("ok", "ok"))
        self.assertEqual((isolated["health"], isolated["healthy"]), ("isolated", False), isolated)
        self.assertEqual((isolated["good_peers"], isolated["incoming_peers"]), (0, 0))
        self.assertIn("no peers", isolated["reason"])
        # The zombie's node info may still show its dead peer; its reads of the DHT give it away.
        self.assertIn(zombie["health"], ("slow DHT", "isolated"), zombie)
        self.assertFalse(zombie["healthy"])
        if zombie["health"] == "slow DHT":
            self.assertGreaterEqual(zombie["dht_read_ms"], SLOW_DHT_MS)
        for url in urls[:3]:
            self.assertEqual((rows[url]["health"], rows[url]["healthy"]), ("ok", True), rows[url])
        chosen = [url for url, row in rows.items() if row["chosen"]]
        self.assertEqual(len(chosen), 1, rows)
        self.assertIn(chosen[0], urls[:3])
        # Healthy first: the three healthy gateways lead the report.
        self.assertEqual(set(list(rows)[:3]), set(urls[:3]))

    def test_only_unhealthy_gateways_means_none_is_chosen(self):
        code, rows, err = probe(self.url(self.isolated), rounds=2)
        self.assertEqual(code, 5, err)  # ExitNetwork: nothing to use
        self.assertFalse(rows[self.url(self.isolated)]["chosen"])

    def test_a_dht_slower_than_its_pings_is_slow_dht(self):
        classic = DhtDelayRelay(self.a.http_port, SLOW_DHT_MS + 1000)
        proxy = DhtDelayRelay(self.healthy_proxy.http_port, SLOW_DHT_MS + 1000)
        self.addCleanup(classic.close)
        self.addCleanup(proxy.close)
        code, rows, err = probe(classic.url, proxy.url, self.b.url)
        self.assertEqual(code, 0, err)
        for url in (classic.url, proxy.url):
            row = rows[url]
            self.assertEqual(row["status"], "ok", row)  # its pings and GET / are as quick as ever
            self.assertLess(row["median_ms"], 500, row)
            self.assertEqual((row["health"], row["healthy"]), ("slow DHT", False), row)
            self.assertFalse(row["chosen"])
        self.assertTrue(rows[self.b.url]["chosen"])


def tearDownModule():
    shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
