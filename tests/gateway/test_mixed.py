"""Our gateways and Debian's `dhtnode --proxyserver` in one DHT: values cross both ways."""

import base64
import unittest

from harness import B, GatewayTestCase, poll, sha1, wait_values

CLASSIC_TYPE = 0x4F43
WITHIN = 10.0


class MixedDht(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gws = cls.start_dht(2)
        cls.proxies = [cls.start_proxy(bootstrap=cls.gws[0].dht_addr),
                       cls.start_proxy(bootstrap=cls.gws[1].dht_addr)]

    def proxy_values(self, proxy, key20, wanted):
        """Poll a proxy's GET /key/<hex> until a value satisfies wanted(); returns it."""
        found = []

        def check():
            found[:] = proxy.get_values(key20.hex())
            return [v for v in found if wanted(v)]
        try:
            return poll(check, WITHIN, "%s to return the value" % proxy, proxy.check_alive)
        except AssertionError as e:
            raise AssertionError("%s; last answer %r" % (e, found)) from None

    def test_proxy_put_is_raw_bytes_in_classic_get(self):
        text = b"mixed: from the proxy"
        raw = b"\x00raw bytes \xff from a modern client"
        status, body = self.proxies[0].post_value(sha1(text).hex(), raw, value_id="123")
        self.assertEqual(status, 200, body)
        for g in self.gws:
            wait_values(g, sha1(text), [raw], WITHIN)

    def test_proxy_text_key_is_sha1_of_text(self):
        status, body = self.proxies[1].post_value("mixed-text-key", b"by text key", value_id="77")
        self.assertEqual(status, 200, body)
        wait_values(self.gws[0], sha1(b"mixed-text-key"), [b"by text key"], WITHIN)

    def test_classic_put_is_readable_through_proxies(self):
        key, value = sha1(b"mixed: from the gateway"), b"classic value \x00\x01"
        self.assertEqual(self.gws[1].rpc().put(B(key), B(value), 600, "t"), 0)
        for p in self.proxies:
            (v,) = self.proxy_values(p, key, lambda v: v.get("type") == CLASSIC_TYPE)
            data = base64.b64decode(v["data"])
            self.assertTrue(data.startswith(b"ODC2"), data)
            self.assertTrue(data.endswith(value), data)

    def test_short_classic_key_is_the_padded_infohash(self):
        self.assertEqual(self.gws[0].rpc().put(B(b"abc"), B(b"short key value"), 600, "t"), 0)
        (v,) = self.proxy_values(self.proxies[1], b"abc".rjust(20, b"\0"),
                                 lambda v: v.get("type") == CLASSIC_TYPE)
        self.assertTrue(base64.b64decode(v["data"]).endswith(b"short key value"))


if __name__ == "__main__":
    unittest.main()
