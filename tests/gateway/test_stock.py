"""Our gateways inside a DHT of 100 stock Debian dhtnodes (OpenDHT 2.4.12), which we did not
write: items put at one gateway are found by the others through stock storing nodes, read back
through a stock proxy by our proxy client, expire on time, are removed everywhere, announce their
gateway; and an attacker writing through the stock proxy can neither remove nor replace them."""

import json
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import unittest

from harness import SANITIZED, B, GatewayTestCase, ZERO20, free_port, get_all, poll, sha1, values, wait_values
from stocknet import StockNet, wait_joined

CLI = os.environ.get("ODB_CLI", os.path.join(os.path.dirname(__file__), "../../build/app/opendht-cli"))
CLASSIC_TYPE = 0x4F43
STOCK_NODES = 100
ITEMS = 100
SHORT_TTL = 6
EVENT_DEADLINE = 20.0  # generous: for events the issue gives no figure for
# The figure: a put at A returned by B, C and D within 3 s. Not under the sanitizers, whose
# gateway takes about 4.5 s for the 100 puts alone: there each item must come, within EVENT_DEADLINE.
VISIBLE_WITHIN = EVENT_DEADLINE if SANITIZED else 3.0

HOME = tempfile.mkdtemp(prefix="stock-home-")  # the CLI's settings and cache, away from the user's
ENV = dict(os.environ, XDG_CONFIG_HOME=os.path.join(HOME, "config"), XDG_CACHE_HOME=os.path.join(HOME, "cache"))


def cli(*args):
    r = subprocess.run([CLI, *args], capture_output=True, timeout=120, env=ENV)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def envelope(kind, secret_hash, value_hash, data, ttl=600, put_time_us=None, app=b"attacker"):
    """A stored-form-2 envelope (gateway/README.md, Stored format), as anyone can write one."""
    if put_time_us is None:
        put_time_us = int(time.time() * 1e6)
    return (b"ODC2" + bytes([kind]) + struct.pack(">QI", put_time_us, ttl) + secret_hash + value_hash
            + bytes(4) + bytes([len(app)]) + app + data)


def removal(secret_hash, value_hash, secret, ttl=600):
    return envelope(0, secret_hash, value_hash, secret, ttl)


class StockDht(GatewayTestCase):
    """100 stock dhtnodes, 4 announcing gateways A-D (each joined through a stock node) and one
    stock `dhtnode --proxyserver`."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.net = StockNet(cls, STOCK_NODES)
        cls.gws = [cls.start_announcing(name) for name in "ABCD"]
        cls.A, cls.B, cls.C, cls.D = cls.gws
        cls.proxy = cls.start_proxy(bootstrap=cls.net.bootstrap())
        wait_joined(cls.gws, 8)
        wait_joined([cls.proxy], 1)
        cls.proxy_url = "http://127.0.0.1:%d/" % cls.proxy.http_port

    @classmethod
    def start_announcing(cls, name):
        port = free_port()
        return cls.start_gateway(bootstrap=[cls.net.bootstrap()], name="gw" + name,
                                 extra_args=["--port", str(port), "--announce", "http://127.0.0.1:%d/" % port])

    def setUp(self):
        self.key = sha1(self.id().encode())

    def everywhere(self, expected, key=None, gws=None, timeout=EVENT_DEADLINE):
        for g in gws or self.gws:
            wait_values(g, key or self.key, expected, timeout)

    def post(self, data, value_id, vtype=CLASSIC_TYPE, key=None):
        """POST /key/<hex> at the stock proxy, as any OpenDHT client may; 200 = in the DHT."""
        status, body = self.proxy.post_value((key or self.key).hex(), data, str(value_id), vtype)
        self.assertEqual(status, 200, body)

    def proxy_client_get(self, key):
        """Values of key as OUR proxy client reads them through the stock proxy (bytes, in order)."""
        code, out, err = cli("get", "--kind", "proxy", "--gateway", self.proxy_url, "--key-mode", "hex",
                             "--format", "hex", key.hex())
        if code == 3:
            return []
        self.assertEqual(code, 0, err)
        return [bytes.fromhex(line) for line in out.split()]

    # --- visibility -----------------------------------------------------------------------

    def test_items_put_at_a_are_returned_by_b_c_d_and_through_the_stock_proxy(self):
        items = [(sha1(b"%s %d" % (self.key, i)), b"item %d \x00\xff" % i + os.urandom(8)) for i in range(ITEMS)]
        before = self.A.info()[2]
        rpc, sent = self.A.rpc(), []
        for key, value in items:
            sent.append(time.monotonic())
            self.assertEqual(rpc.put(B(key), B(value), 600, "stock"), 0)
        # A keeps each item (its GET / counts them, envelope bytes included) from its answer on.
        after = self.A.info()[2]
        self.assertEqual(after["values"]["accepted"] - before["values"]["accepted"], ITEMS)
        self.assertEqual(after["stored_bytes"]["items"] - before["stored_bytes"]["items"],
                         sum(62 + len(b"stock") + len(v) for _, v in items))
        print("\n%d puts at A answered in %.0f ms; B, C and D read from then on" % (ITEMS, 1000 * (time.monotonic() - sent[0])))
        readers = [self.B, self.C, self.D]
        for g, found in zip(readers, returned_within(readers, items, sent, VISIBLE_WITHIN)):
            lat = sorted(found.values())
            print("%s returned %d of %d items within %.0f s of their put (p50 %.0f ms, max %.0f ms)"
                  % (g.name, len(found), ITEMS, VISIBLE_WITHIN, 1000 * lat[len(lat) // 2] if lat else -1,
                     1000 * lat[-1] if lat else -1))
            self.assertGreaterEqual(len(found), ITEMS - 1, "%s missed %s" % (
                g.name, [i for i in range(ITEMS) if i not in found]))
        # The same items through the stock proxy's GET /key/<hash>, decoded by our proxy client.
        # As DHT nodes, the other gateways store some of them (8 copies of each in 105 nodes).
        poll(lambda: sum(g.info()[2]["values"]["other"] for g in readers) > 0, EVENT_DEADLINE,
             "B, C or D to store an item of A's as a DHT node")
        got = parallel(lambda kv: poll(lambda: self.proxy_client_get(kv[0]) == [kv[1]], EVENT_DEADLINE,
                                       "item through the proxy") and True, items, catch=AssertionError)
        print("our proxy client through the stock proxy: %d of %d items" % (sum(got), ITEMS))
        self.assertGreaterEqual(sum(got), ITEMS - 1)

    def test_expiry_within_one_second_of_the_ttl_everywhere(self):
        keys = [sha1(b"%s %d" % (self.key, i)) for i in range(4)]
        rpc, sent = self.A.rpc(), []
        for key in keys:
            sent.append(time.monotonic())
            self.assertEqual(rpc.put(B(key), B(b"short-lived"), SHORT_TTL, "stock"), 0)
        watches = [(g, k, s) for g in self.gws for k, s in zip(keys, sent)]
        lives = parallel(lambda w: lifetime(w[0], w[1], b"short-lived", w[2]), watches, threads=len(watches))
        for (g, _, _), (first, last, gone) in zip(watches, lives):
            self.assertIsNotNone(first, "%s never returned the item" % g.name)
            self.assertGreaterEqual(last, SHORT_TTL - 1, "%s dropped it %.2f s after its put" % (g.name, last))
            self.assertLessEqual(gone, SHORT_TTL + 1, "%s still had it %.2f s after its put" % (g.name, gone))
        print("\nTTL %d s: last seen %.2f-%.2f s, gone by %.2f-%.2f s after the put (4 gateways x %d keys)"
              % (SHORT_TTL, min(l[1] for l in lives), max(l[1] for l in lives), min(l[2] for l in lives),
                 max(l[2] for l in lives), len(keys)))

    def test_rm_at_b_hides_the_item_at_a_c_d(self):
        secret = b"stock secret"
        self.assertEqual(self.A.rpc().put_removable(B(self.key), B(b"blue"), "SHA", B(sha1(secret)), 600, "t"), 0)
        self.assertEqual(self.A.rpc().put(B(self.key), B(b"red"), 600, "t"), 0)
        self.everywhere([b"blue", b"red"])
        self.assertEqual(self.B.rpc().rm(B(self.key), B(sha1(b"blue")), "SHA", B(secret), 600, "t"), 0)
        self.everywhere([b"red"])

    def test_announcements_are_found_by_discovery(self):
        everyone = sorted(g.url for g in self.gws)

        def discovered():
            code, out, err = cli("probe", "--json", "--rounds", "1", "--interval", "0", "--timeout", "2s",
                                 "--discover", "--gateway", self.D.url, self.D.url)
            self.assertEqual(code, 0, err)
            return sorted(r["url"] for r in map(json.loads, out.splitlines()) if r["status"] == "ok")
        poll(lambda: discovered() == everyone, EVENT_DEADLINE, "all four gateways discovered through D")

    # --- an attacker writing through the stock proxy -------------------------------------------

    def victims(self, secret=b"victim secret"):
        """A removable item and a plain one at A, read by A and B (C and D read later, afresh)."""
        self.assertEqual(self.A.rpc().put_removable(B(self.key), B(b"removable"), "SHA", B(sha1(secret)), 600,
                                                    "victim"), 0)
        self.assertEqual(self.A.rpc().put(B(self.key), B(b"plain"), 600, "victim"), 0)
        self.everywhere([b"removable", b"plain"], gws=[self.A, self.B])
        return sha1(secret)

    def after_attack(self, expected):
        """Forgeries were POSTed (200: stored in the DHT); a raw marker POSTed after them shows
        that they reached the views of A and B; C and D read the key for the first time now,
        from a lookup that returns the forgeries too. Every one must show exactly expected."""
        self.post(b"marker", 99, vtype=0)
        self.everywhere([b"marker"] + expected)
        self.assertEqual(self.proxy_client_get(self.key), [b"marker"] + expected)

    def test_forged_removals_through_the_proxy_hide_nothing(self):
        secret_hash = self.victims()
        self.post(removal(secret_hash, sha1(b"removable"), b"wrong secret"), 1)
        self.post(removal(ZERO20, sha1(b"plain"), b""), 2)
        # A removal that proves its own secret, naming the plain item's value: another identity.
        self.post(removal(sha1(b"mine"), sha1(b"plain"), b"mine"), 3)
        self.after_attack([b"removable", b"plain"])

    def test_forged_puts_with_the_victims_identity_are_not_served(self):
        secret_hash = self.victims()
        # Later and longer than the victims': believed, they would replace them.
        week = 604800
        self.post(envelope(1, secret_hash, sha1(b"removable"), b"forged data", week), 1)
        self.post(envelope(1, ZERO20, sha1(b"plain"), b"forged plain", week), 2)
        self.after_attack([b"removable", b"plain"])
        for g in self.gws:  # the victims' own TTLs, not the forgeries' week
            for value in (b"removable", b"plain"):
                self.assertLessEqual(ttl_of(g, self.key, value), 600, "%s: %r" % (g.name, value))

    def test_authentic_envelopes_through_the_proxy_count(self):
        # The control of the two tests above: the same path honours what proves itself, so
        # those tests would see a gateway that believed forgeries.
        secret = b"victim secret"
        secret_hash = self.victims(secret)
        self.post(removal(secret_hash, sha1(b"removable"), secret), 1)
        self.post(envelope(1, ZERO20, sha1(b"from the proxy"), b"from the proxy"), 2)
        self.after_attack([b"plain", b"from the proxy"])

    def test_rm_with_a_short_ttl_keeps_the_item_hidden(self):
        secret = b"short rm"
        self.victims(secret)
        self.assertEqual(self.B.rpc().rm(B(self.key), B(sha1(b"removable")), "SHA", B(secret), 3, "t"), 0)
        start = time.monotonic()
        self.everywhere([b"plain"])
        for at in (4, 8, 11, 15):  # past the removal's TTL, well past it
            time.sleep(max(0.0, start + at - time.monotonic()))
            for g in self.gws:
                self.assertEqual(values(g.rpc(), self.key), [b"plain"], "%s, %d s after the rm" % (g.name, at))
        self.assertEqual(self.proxy_client_get(self.key), [b"plain"])

    def test_a_re_put_of_a_removed_identity_does_not_bring_it_back(self):
        secret = b"re-put"
        secret_hash = self.victims(secret)
        week = 604800
        self.assertEqual(self.C.rpc().put_removable(B(self.key), B(b"removable"), "SHA", B(secret_hash), week,
                                                    "t"), 0)
        for g in self.gws:  # the week-long re-put is the item everywhere (it expires last)
            poll(lambda: ttl_of(g, self.key, b"removable") > 600, EVENT_DEADLINE, "the re-put at %s" % g.name)
        self.assertEqual(self.B.rpc().rm(B(self.key), B(sha1(b"removable")), "SHA", B(secret), 60, "t"), 0)
        self.assertEqual(self.D.rpc().put_removable(B(self.key), B(b"removable"), "SHA", B(secret_hash), week,
                                                    "t"), 0)
        # Put after D's re-put: once every gateway shows it, they have the re-put too.
        self.assertEqual(self.D.rpc().put(B(self.key), B(b"after"), 600, "t"), 0)
        self.everywhere([b"plain", b"after"])
        self.assertEqual(self.proxy_client_get(self.key), [b"plain", b"after"])


def ttl_of(gw, key, value):
    """The remaining TTL gw's get_details gives value (0: not shown)."""
    return next((d[1] for d in get_all(gw.rpc(), key, details=True)[0] if d[0] == value), 0)


def returned_within(gws, items, sent, within, threads=24):
    """For each gateway, {item index: seconds from sending its put to the first get that
    returned it}, for the items it returned within that many seconds. All gateways are read at
    once, so that none waits for another's turn."""
    found, lock = [{} for _ in gws], threading.Lock()

    def watch(task):
        g, i = task
        rpc, (key, value) = gws[g].rpc(), items[i]
        while time.monotonic() < sent[i] + within:
            if value in values(rpc, key):
                with lock:
                    found[g][i] = time.monotonic() - sent[i]
                return
            time.sleep(0.02)
    parallel(watch, [(g, i) for i in range(len(items)) for g in range(len(gws))], threads=threads)
    return found


def lifetime(gw, key, value, sent, step=0.05):
    """(first seen, last seen, first seen gone) in seconds after the put was sent; polls gw."""
    rpc, first, last = gw.rpc(), None, None
    deadline = sent + SHORT_TTL + EVENT_DEADLINE
    while time.monotonic() < deadline:
        t = time.monotonic() - sent
        here = value in values(rpc, key)
        if here:
            first, last = first if first is not None else t, t
        elif first is not None:
            return first, last, t
        time.sleep(step)
    return first, last, float("inf")


def parallel(fn, args, threads=8, catch=()):
    """[fn(a) for a in args] on a few threads (False where fn raised one of catch)."""
    args, results, errors = list(args), {}, []
    todo = iter(range(len(args)))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                i = next(todo, None)
            if i is None:
                return
            try:
                results[i] = fn(args[i])
            except catch:
                results[i] = False
            except BaseException as e:  # re-raised in the main thread
                errors.append(e)
                return
    ts = [threading.Thread(target=worker) for _ in range(min(threads, len(args)))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(args))]


def tearDownModule():
    shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
