"""opendht-cli through both kinds of gateway (issue #5, first part): Debian `dhtnode
--proxyserver` processes and our gateway on one DHT. A key typed once reaches the same values,
with the same expiry, through either kind; the kind is detected from GET /."""

import hashlib
import json
import os
import subprocess
import threading
import unittest

from harness import B, GatewayTestCase, _kill_group, _spawn, poll, sha1

CLI = os.environ.get("ODB_CLI", os.path.join(os.path.dirname(__file__), "../../build/app/opendht-cli"))


def cli(*args, stdin=b""):
    r = subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=60)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def details_json(url, key):
    """The objects `opendht-cli details --format json` prints, one per value."""
    code, out, err = cli("details", "--gateway", url, "--format", "json", key)
    if code == 3:
        return []
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def details(url, key):
    """[(value text, ttl, removable)]"""
    return [(o.get("text"), o["ttl"], o["removable"]) for o in details_json(url, key)]


class ProxyAndGateway(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()
        cls.proxies = [cls.start_proxy(bootstrap=cls.gw.dht_addr) for _ in range(2)]

    def proxy_url(self, i=0):
        return "http://127.0.0.1:%d/" % self.proxies[i].http_port

    def test_kind_is_detected(self):
        code, out, err = cli("ping", "--gateway", self.proxy_url())
        self.assertEqual(code, 0, err)
        self.assertIn("OpenDHT proxy, node ", out)
        code, out, err = cli("ping", "--gateway", self.gw.url)
        self.assertEqual(code, 0, err)
        self.assertIn("XML: OpenDHT-Browser", out)

    def test_put_through_proxy_read_through_both_kinds(self):
        key = self.id()
        # A proxy answers 502 to puts until its node has found the DHT: retry until then.
        poll(lambda: cli("put", "--gateway", self.proxy_url(0), "--ttl", "2h", "--secret", "s", "--app", "my-app",
                         key, "via proxy")[0] == 0, 15, "a put through the proxy")
        (o,) = poll(lambda: details_json(self.proxy_url(1), key), 10, "the value with its details")
        self.assertEqual((o["application"], o["ttl_is_upper_bound"]), ("my-app", False))
        for url in (self.proxy_url(1), self.gw.url):
            got = poll(lambda: details(url, key), 10, "the value at %s" % url)
            (text, ttl, removable), = got
            self.assertEqual((text, removable), ("via proxy", True))
            self.assertTrue(7190 <= ttl <= 7200, ttl)

    def test_put_through_gateway_read_through_proxy(self):
        key = self.id()
        code, _, err = cli("put", "--gateway", self.gw.url, "--ttl", "10m", key, "via gateway")
        self.assertEqual(code, 0, err)
        got = poll(lambda: details(self.proxy_url(1), key), 10, "the value at the proxy")
        (text, ttl, removable), = got
        self.assertEqual((text, removable), ("via gateway", False))
        self.assertTrue(590 <= ttl <= 600, ttl)

    def test_raw_value_from_other_software_has_ttl_at_most_its_type(self):
        key = self.id()
        key_hex = hashlib.sha1(key.encode()).hexdigest()
        poll(lambda: self.proxies[0].post_value(key_hex, b"raw bytes", "77", 5)[0] == 200, 15,
             "a POST accepted by the proxy")
        (text, ttl, removable), = poll(lambda: details(self.proxy_url(1), key), 10, "the raw value")
        self.assertEqual((text, removable), ("raw bytes", False))
        self.assertLessEqual(ttl, 60)  # type 5 lives 1 minute on stock nodes
        (o,) = details_json(self.proxy_url(1), key)
        self.assertTrue(o["ttl_is_upper_bound"])  # nobody knows its expiry: "at most"
        code, out, _ = cli("details", "--gateway", self.proxy_url(1), key)
        self.assertEqual(code, 0)
        self.assertTrue(out.startswith("<="), out)

    def test_two_hundred_values_in_put_order(self):
        key = self.id()
        key_bytes = sha1(key.encode())
        rpc = self.gw.rpc()
        for i in range(200):
            self.assertEqual(rpc.put(B(key_bytes), B(b"value %03d" % i), 600, "t"), 0)
        expected = "".join("value %03d\n" % i for i in range(200))
        def all_there():
            code, out, _ = cli("get", "--gateway", self.proxy_url(0), key)
            return code == 0 and out == expected
        poll(all_there, 15, "200 values in order through the proxy")

    def test_watch_sees_puts_elsewhere_and_survives_a_proxy_restart(self):
        key = self.id()
        watcher = self.proxies[1]
        log = os.path.join(self.workdir, "watch.log")
        watch = _spawn([CLI, "watch", "--gateway", self.proxy_url(1), "--count", "3", key], log)
        self.addCleanup(_kill_group, watch)
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(watch.stdout), daemon=True)
        reader.start()

        def put(url, value):
            poll(lambda: cli("put", "--gateway", url, "--ttl", "10m", key, value)[0] == 0, 15, "put " + value)

        poll(lambda: b"watch: live" in open(log, "rb").read(), 10, "the watch to go live")
        put(self.proxy_url(0), "one")
        poll(lambda: len(lines) >= 1, 10, "the watch to print the first value")
        watcher.restart()
        put(self.gw.url, "two")
        put(self.proxy_url(0), "three")
        try:
            watch.wait(60)
        except subprocess.TimeoutExpired:
            self.fail("the watch printed %r, then nothing; its log: %r" % (lines, open(log, "rb").read()))
        reader.join(5)
        self.assertEqual(watch.returncode, 0)
        self.assertEqual(sorted(lines), [b"one\n", b"three\n", b"two\n"])  # each exactly once
        self.assertIn(b"trying again", open(log, "rb").read())  # it did lose the stream

    def test_proxy_cannot_remove_and_says_so(self):
        code, _, err = cli("rm", "--gateway", self.proxy_url(), "--secret", "s", "k", "v")
        self.assertEqual(code, 4, err)
        self.assertIn("proxies cannot remove values", err)


class ProxiesOnly(GatewayTestCase):
    """A DHT of Debian dhtnode proxies alone: the client needs no gateway of ours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        first = cls.start_proxy()
        cls.proxies = [first] + [cls.start_proxy(bootstrap=first.dht_addr) for _ in range(2)]

    def test_put_at_one_proxy_get_at_the_others(self):
        key = self.id()
        url = lambda p: "http://127.0.0.1:%d/" % p.http_port
        poll(lambda: cli("put", "--gateway", url(self.proxies[0]), "--ttl", "5m", key, "across")[0] == 0, 15,
             "a put through the first proxy")
        for p in self.proxies[1:]:
            (text, ttl, removable), = poll(lambda: details(url(p), key), 10, "the value at %s" % p)
            self.assertEqual((text, removable), ("across", False))
            self.assertTrue(290 <= ttl <= 300, ttl)

    def test_two_hundred_values_through_proxies_alone(self):
        key = self.id()
        url = lambda p: "http://127.0.0.1:%d/" % p.http_port
        for i in range(200):
            poll(lambda: cli("put", "--gateway", url(self.proxies[i % 2]), "--ttl", "5m", key,
                             "value %03d" % i)[0] == 0, 15, "put %d" % i)
        expected = ["value %03d" % i for i in range(200)]

        def all_there():
            code, out, _ = cli("get", "--gateway", url(self.proxies[2]), key)
            return code == 0 and out.splitlines() == expected
        poll(all_there, 15, "200 values in put order through the third proxy")


if __name__ == "__main__":
    unittest.main()
