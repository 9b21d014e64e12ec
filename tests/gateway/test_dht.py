"""Several gateways forming one DHT: visibility, TTL, removal, crashes, churn, restart."""

import signal
import threading
import time
import unittest

from harness import B, GatewayTestCase, ZERO20, get_all, sha1, values, wait_values

VISIBLE_WITHIN = 5.0  # seconds for a put to show at another gateway
AFTER_CRASH_WITHIN = 30.0  # seconds for a get to succeed once gateways were killed


class DhtTestCase(GatewayTestCase):
    def setUp(self):
        self.key = sha1(self.id().encode())

    def wait_values(self, gw, expected, key=None, timeout=VISIBLE_WITHIN):
        wait_values(gw, self.key if key is None else key, expected, timeout)


class FiveGateways(DhtTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gws = cls.start_dht(5)

    def test_put_at_one_get_at_every_other(self):
        for i, origin in enumerate(self.gws):
            key = sha1(b"%s %d" % (self.key, i))
            self.assertEqual(origin.rpc().put(B(key), B(b"from gateway %d" % i), 600, "t"), 0)
            for other in self.gws:
                if other is not origin:
                    self.wait_values(other, [b"from gateway %d" % i], key)

    def test_order_is_the_same_everywhere(self):
        vals = [b"v%d" % i for i in range(10)]
        for i, v in enumerate(vals):
            self.assertEqual(self.gws[i % 5].rpc().put(B(self.key), B(v), 600, "t"), 0)
        for g in self.gws:
            self.wait_values(g, vals)

    def test_a_key_already_read_sees_later_puts_and_removals_at_once(self):
        # Gateways answer reads of a key from a view kept current by a DHT listen: what is put
        # or removed elsewhere after the first read must show up well before any resync (15 s).
        reader, writer = self.gws[4], self.gws[0]
        self.assertEqual(values(reader.rpc(), self.key), [])
        secret = b"s3cret"
        self.assertEqual(writer.rpc().put_removable(B(self.key), B(b"later"), "SHA", B(sha1(secret)), 600, "t"), 0)
        self.wait_values(reader, [b"later"], timeout=2)
        self.assertEqual(writer.rpc().rm(B(self.key), B(sha1(b"later")), "SHA", B(secret), 600, "t"), 0)
        self.wait_values(reader, [], timeout=2)

    def test_get_details_ttl_at_another_gateway(self):
        start = time.monotonic()
        self.assertEqual(self.gws[1].rpc().put(B(self.key), B(b"ttl"), 600, "t"), 0)
        self.wait_values(self.gws[3], [b"ttl"])
        (value, ttl, hash_type, secret_hash), = get_all(self.gws[3].rpc(), self.key, details=True)[0]
        elapsed = time.monotonic() - start
        self.assertEqual((value, hash_type, secret_hash), (b"ttl", "SHA", ZERO20))
        self.assertTrue(600 - elapsed - 1 <= ttl <= 600, "ttl %d after %.2f s" % (ttl, elapsed))

    def test_ttl_expiry_everywhere(self):
        start = time.monotonic()
        self.assertEqual(self.gws[2].rpc().put(B(self.key), B(b"short"), 5, "t"), 0)
        put_done = time.monotonic()
        for g in self.gws:
            self.wait_values(g, [b"short"], timeout=3)
        time.sleep(max(0.0, start + 4.2 - time.monotonic()))
        for g in self.gws:
            self.assertEqual(values(g.rpc(), self.key), [b"short"], "%s dropped it early" % g)
        time.sleep(max(0.0, put_done + 5.1 - time.monotonic()))
        for g in self.gws:
            self.assertEqual(values(g.rpc(), self.key), [], "%s still returns it after its TTL" % g)

    def test_rm_hides_value_at_every_gateway(self):
        rpc0 = self.gws[0].rpc()
        self.assertEqual(rpc0.put_removable(B(self.key), B(b"blue"), "SHA", B(sha1(b"secret")), 600, "t"), 0)
        self.assertEqual(rpc0.put(B(self.key), B(b"red"), 600, "t"), 0)
        for g in self.gws:
            self.wait_values(g, [b"blue", b"red"])
        self.assertEqual(self.gws[4].rpc().rm(B(self.key), B(sha1(b"blue")), "SHA", B(b"wrong"), 600, "t"), 0)
        self.assertEqual(self.gws[2].rpc().rm(B(self.key), B(sha1(b"blue")), "SHA", B(b"secret"), 600, "t"), 0)
        for g in self.gws:
            self.wait_values(g, [b"red"])


class AcceptingGatewayKilled(DhtTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gws = cls.start_dht(5)

    def test_value_survives_its_gateway(self):
        accepting = self.gws[2]
        rpc = accepting.rpc()
        self.assertEqual(rpc.put(B(self.key), B(b"plain"), 600, "t"), 0)
        self.assertEqual(rpc.put_removable(B(self.key), B(b"removable"), "SHA", B(sha1(b"s")), 600, "t"), 0)
        for g in self.gws:
            self.wait_values(g, [b"plain", b"removable"])
        accepting.kill()
        for g in self.gws:
            if g is not accepting:
                self.wait_values(g, [b"plain", b"removable"], timeout=AFTER_CRASH_WITHIN)


class Churn(DhtTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gws = cls.start_dht(8)

    def test_every_value_survives_three_crashes(self):
        items = [(sha1(b"churn %d" % i), b"value %d" % i) for i in range(100)]
        rpcs = [g.rpc() for g in self.gws]
        for i, (key, value) in enumerate(items):
            self.assertEqual(rpcs[i % 8].put(B(key), B(value), 600, "churn"), 0)
        for i, (key, value) in enumerate(items):
            self.wait_values(self.gws[(i + 3) % 8], [value], key)
        for victim in (0, 3, 6):  # the bootstrap and two others
            self.gws[victim].kill()
        survivors = [g for i, g in enumerate(self.gws) if i not in (0, 3, 6)]
        missing = []

        def check(g):
            rpc = g.rpc(timeout=AFTER_CRASH_WITHIN)
            for key, value in items:
                deadline = time.monotonic() + AFTER_CRASH_WITHIN
                while values(rpc, key) != [value]:
                    if time.monotonic() > deadline:
                        missing.append((g.name, value))
                        break
                    time.sleep(0.1)

        threads = [threading.Thread(target=check, args=(g,)) for g in survivors]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(missing, [])
        for g in survivors:
            g.check_alive()


class Restart(DhtTestCase):
    def test_state_dir_keeps_unexpired_values(self):
        gw = self.start_gateway(name="lone")
        rpc = gw.rpc()
        k1, k2, short = sha1(b"restart 1"), sha1(b"restart 2"), b"abc"
        start = time.monotonic()
        for key, value, ttl in ((k1, b"hour", 3600), (k1, b"ten minutes", 600), (k1, b"two seconds", 2),
                                (short, b"short key", 3600)):
            self.assertEqual(rpc.put(B(key), B(value), ttl, "t"), 0)
        self.assertEqual(rpc.put_removable(B(k2), B(b"kept"), "SHA", B(sha1(b"s1")), 3600, "t"), 0)
        self.assertEqual(rpc.put_removable(B(k2), B(b"removed"), "SHA", B(sha1(b"s2")), 3600, "t"), 0)
        self.assertEqual(rpc.rm(B(k2), B(sha1(b"removed")), "SHA", B(b"s2"), 3600, "t"), 0)
        self.assertEqual(gw.stop(signal.SIGTERM), 0)

        time.sleep(max(0.0, start + 2.2 - time.monotonic()))  # let "two seconds" expire
        gw = self.start_gateway(name="lone-again", state_dir=gw.state_dir)
        rpc = gw.rpc()
        elapsed = time.monotonic() - start
        got = get_all(rpc, k1, details=True)[0]
        self.assertEqual([d[0] for d in got], [b"hour", b"ten minutes"])
        for (value, ttl, _, _), full in zip(got, (3600, 600)):
            self.assertTrue(full - elapsed - 1 <= ttl <= full, "%r: ttl %d after %.1f s" % (value, ttl, elapsed))
        self.assertEqual(values(rpc, b"\0" * 17 + short), [b"short key"])
        self.assertEqual([(d[0], d[3]) for d in get_all(rpc, k2, details=True)[0]], [(b"kept", sha1(b"s1"))])
        self.assertEqual(rpc.put_removable(B(k2), B(b"removed"), "SHA", B(sha1(b"s2")), 60, "t"), 0)
        self.assertEqual(values(rpc, k2), [b"kept"], "the tombstone did not survive the restart")

    def test_sigint_stops_cleanly(self):
        gw = self.start_gateway(name="sigint")
        self.assertEqual(gw.rpc().put(B(self.key), B(b"v"), 60, "t"), 0)
        self.assertEqual(gw.stop(signal.SIGINT), 0)


if __name__ == "__main__":
    unittest.main()
