"""What a gateway lets others make it hold: views of keys that HTTP clients read, values that
other DHT nodes store on it, and the searches its DHT node keeps for an hour (--search-budget)."""

import json
import os
import random
import subprocess
import threading
import time
import unittest
import urllib.error
import urllib.request
import xmlrpc.client

from harness import RSS_SCALE, B, GatewayTestCase, poll, sha1, values

HERE = os.path.dirname(os.path.abspath(__file__))
DEBIAN_PYTHON = "/usr/bin/python3"  # python3-opendht lives there
RSS_BOUND_MIB = 200


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


class Views(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        peer = cls.start_gateway(name="peer")
        cls.gw = cls.start_gateway(bootstrap=[peer.dht_addr], name="reader")
        poll(lambda: cls.gw.peers() > 0, 20, "the gateways to meet", cls.gw.check_alive)

    def read_random_keys(self, source, count, connections=4):
        """count distinct random keys read from one source address; returns the seconds taken."""
        keys = [random.randbytes(20) for _ in range(count)]
        start, errors = time.monotonic(), []

        def reader(part):
            rpc = self.gw.rpc(timeout=120, source=source)
            for key in part:
                try:
                    self.assertEqual(values(rpc, key), [])
                except Exception as e:  # noqa: BLE001 - reported below
                    errors.append(e)
        threads = [threading.Thread(target=reader, args=(keys[i::connections],)) for i in range(connections)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        return time.monotonic() - start

    def test_random_keys_from_four_clients_stay_within_the_budget(self):
        threads = [threading.Thread(target=self.read_random_keys, args=("127.0.0.%d" % (2 + i), 500))
                   for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        views = self.gw.info()[2]["views"]
        self.assertLessEqual(views["keys"], views["max_keys"])
        self.assertLessEqual(views["bytes"], views["max_bytes"])
        self.assertLess(rss_mib(self.gw.proc.pid), RSS_SCALE * RSS_BOUND_MIB)
        self.gw.check_alive()

    def test_one_client_opens_new_views_at_a_bounded_rate(self):
        # 100 at once, then 50 a second: 350 new keys take at least 5 s whatever the machine.
        took = self.read_random_keys("127.0.0.20", 350, connections=8)
        self.assertGreaterEqual(took, 4.5, "350 new keys read in %.1f s" % took)
        # Meanwhile another client's reads are not held up by the first one's ration.
        other = self.gw.rpc(source="127.0.0.21")
        flood = threading.Thread(target=self.read_random_keys, args=("127.0.0.20", 400, 8))
        flood.start()
        try:
            time.sleep(0.5)
            start = time.monotonic()
            for _ in range(20):
                values(other, random.randbytes(20))
            self.assertLess(time.monotonic() - start, 3.0, "20 reads of another client took too long")
        finally:
            flood.join()


class Searches(GatewayTestCase):
    LIMIT = 100  # a client's most 25 keys; the last 10 kept for clients that brought none yet
    SHARE = 25

    def fill(self, rpc, tag, most):
        """Puts to new keys until one is refused (status 1): the keys accepted."""
        accepted = []
        for i in range(most + 1):
            key = sha1(b"search budget %s %d" % (tag, i))
            status = rpc.put(B(key), B(b"%s%d" % (tag, i)), 600, "t")
            if status == 1:
                return accepted
            self.assertEqual(status, 0)
            accepted.append(key)
        self.fail("no put refused past %d keys from %s" % (most, tag))

    def assertRefusedRead(self, rpc, key, words):
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            values(rpc, key)
        self.assertIn(words, refused.exception.faultString)

    def test_the_search_budget_is_shared_and_keeps_room_for_newcomers(self):
        # Each key searched costs libopendht memory for an hour: a client (an address) brings at
        # most a quarter of the budget, and once the gateway counts all but its last tenth, only
        # clients that brought few keys get new ones (none here, with a budget of 100). Past
        # that, a put to a new key is "over capacity" (1) and a read of one is refused with the
        # reason; keys searched already still work. Clients we did not write: xmlrpc.client, urllib.
        gw = self.start_gateway(extra_args=["--search-budget", str(self.LIMIT)])
        a = gw.rpc()
        first = self.fill(a, b"a", self.LIMIT)
        self.assertEqual(len(first), self.SHARE)  # the gateway had room: this is a's part
        mine = "looked up %d keys for your address" % self.SHARE
        self.assertRefusedRead(a, sha1(b"never searched"), mine)
        with self.assertRaises(urllib.error.HTTPError) as rest:
            urllib.request.urlopen("http://127.0.0.1:%d/key/%s" % (gw.http_port, sha1(b"nor this").hex()),
                                   timeout=30)
        self.assertEqual(rest.exception.code, 503)
        self.assertIn(mine.encode(), rest.exception.read())
        # The REST routes share the same parts: a put of a new key fails with status 1, a listen
        # of one is refused with the reason; a put to a key of a's is taken.
        status, body = gw.post_value(sha1(b"a REST key").hex(), b"r")
        self.assertEqual((status, json.loads(body)["status"]), (502, 1))
        status, body = gw.request("GET", "/key/%s/listen" % sha1(b"a listened key").hex())
        self.assertEqual(status, 503)
        self.assertIn(mine.encode(), body)
        self.assertEqual(gw.post_value(first[2].hex(), b"r")[0], 200)

        # Two more clients take their parts, a fourth what is left before the reserve (less the
        # gateway's own keys, which count too and are never refused).
        for source, tag in (("127.0.0.2", b"b"), ("127.0.0.3", b"c")):
            self.assertEqual(len(self.fill(gw.rpc(source=source), tag, self.LIMIT)), self.SHARE)
        d = gw.rpc(source="127.0.0.4")
        late = self.fill(d, b"d", self.LIMIT)
        self.assertLess(len(late), self.SHARE)
        self.assertRefusedRead(d, sha1(b"never searched"), "its limit being %d" % self.LIMIT)
        searches = gw.info()[2]["searches"]
        self.assertEqual((searches["limit"], searches["share"], searches["reserve"], searches["window_s"]),
                         (self.LIMIT, self.SHARE, self.LIMIT // 10, 3900))
        self.assertGreaterEqual(searches["keys"], self.LIMIT - self.LIMIT // 10)

        # A newcomer still gets a key of its own looked up, from the reserve; a second one is
        # refused (it brought one already).
        e = gw.rpc(source="127.0.0.5")
        self.assertEqual(values(e, sha1(b"a newcomer's key")), [])
        self.assertEqual(e.put(B(sha1(b"a newcomer's second key")), B(b"v"), 600, "t"), 1)

        # Keys searched already: read and put to by anyone, as before.
        self.assertEqual(values(e, first[0]), [b"a0"])
        self.assertEqual(d.put(B(first[1]), B(b"again"), 600, "t"), 0)
        self.assertEqual(sorted(values(a, first[1])), [b"a1", b"again"])
        gw.check_alive()


class Storage(GatewayTestCase):
    LIMIT = 1024 * 1024

    def test_a_flooding_peer_gets_no_more_than_the_storage_limit(self):
        if not os.access(DEBIAN_PYTHON, os.X_OK):
            raise unittest.SkipTest("no /usr/bin/python3")
        gw = self.start_gateway(extra_args=["--storage-limit", str(self.LIMIT)])
        own = gw.rpc()
        self.assertEqual(own.put(B(random.randbytes(20)), B(b"x" * 1000), 3600, "t"), 0)
        flood = subprocess.Popen([DEBIAN_PYTHON, os.path.join(HERE, "flood_peer.py"), str(self.network_id),
                                  gw.dht_addr, "200", "32000"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True)
        self.addCleanup(lambda: (flood.kill(), flood.wait(10), flood.stdin.close(), flood.stdout.close()))
        lines = []
        threading.Thread(target=lambda: lines.extend(iter(flood.stdout.readline, b"")), daemon=True).start()
        poll(lambda: any(l.startswith(b"done") for l in lines), 120, "the flooding peer to end its puts",
             gw.check_alive)
        # GET / shows the node's figures of the last second (read off the Qt thread): polled.
        stored = {}
        poll(lambda: stored.update(gw.info()[2]["stored_bytes"]) or stored["other"] > self.LIMIT // 2, 10,
             "the flood in GET /'s figures", gw.check_alive)
        self.assertGreater(int(lines[-1].split()[1]), 100, lines)  # it really stored on the gateway
        self.assertLessEqual(stored["other"], self.LIMIT, stored)
        self.assertGreater(stored["other"], self.LIMIT // 2, "the flood never reached the gateway: %r" % stored)
        self.assertEqual(stored["other_limit"], self.LIMIT)
        # The gateway's own items are not what gives way.
        self.assertEqual(gw.info()[2]["values"]["accepted"], 1)


if __name__ == "__main__":
    unittest.main()
