"""Classic Open DHT conformance of one gateway, driven by Python's own xmlrpc.client
(spec: docs/classic-protocol.md sections 2, 4, 5, 6, 7, 13)."""

import base64
import re
import threading
import time
import unittest
import xmlrpc.client
from xmlrpc.client import Fault

from harness import (B, GatewayTestCase, ZERO20, b64v, call, call_body, exchange, get_all, http_request,
                     intv, netopendht_body, parse_response, poll, read_response, connect, sha1,
                     strv, values)

WEEK = 604800
NO_SUCH_METHOD = "java.lang.NoSuchMethodException:"


class Conformance(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()

    def setUp(self):
        self.rpc = self.gw.rpc()
        self.key = sha1(self.id().encode())  # a key of its own for every test

    def put(self, value, ttl=3600, key=None):
        return self.rpc.put(B(self.key if key is None else key), B(value), ttl, "test")

    def put_rm(self, value, secret, ttl=3600, key=None):
        return self.rpc.put_removable(B(self.key if key is None else key), B(value), "SHA",
                                      B(sha1(secret)), ttl, "test")

    def rm(self, value, secret, ttl=3600, key=None):
        return self.rpc.rm(B(self.key if key is None else key), B(sha1(value)), "SHA", B(secret),
                           ttl, "test")

    def values(self, key=None, maxvals=100):
        return values(self.rpc, self.key if key is None else key, maxvals)

    def details(self, key=None):
        return get_all(self.rpc, self.key if key is None else key, 100, details=True)[0]

    def assertFault(self, text, method, *args, prefix=False):
        with self.assertRaises(Fault) as cm:
            method(*args)
        self.assertEqual(cm.exception.faultCode, 0)
        if prefix:
            self.assertTrue(cm.exception.faultString.startswith(text), cm.exception.faultString)
        else:
            self.assertEqual(cm.exception.faultString, text)

    def assertClosedSilently(self, request, timeout=5.0):
        self.assertEqual(exchange(self.gw.http_port, request, timeout), b"")
        self.assertRegex(self.gw.rpc().ping(), r"^127\.0\.0\.1:\d+, XML: ")  # still serving

    # --- methods -------------------------------------------------------------------------

    def test_put_then_get(self):
        for v in (b"one", b"two", b"\x00\xff binary \n"):
            status = self.put(v)
            self.assertIs(type(status), int)
            self.assertEqual(status, 0)
        self.assertEqual(self.values(), [b"one", b"two", b"\x00\xff binary \n"])

    def test_get_unknown_key_is_empty(self):
        self.assertEqual(self.rpc.get(B(self.key), 10, B(b""), "t"), [[], B(b"")])

    def test_get_details_fields(self):
        self.assertEqual(self.put(b"red", ttl=3600), 0)
        self.assertEqual(self.put_rm(b"blue", b"donttell", ttl=1800), 0)
        (red, blue) = self.details()
        self.assertEqual((red[0], red[2], red[3]), (b"red", "SHA", ZERO20))
        self.assertEqual((blue[0], blue[2], blue[3]), (b"blue", "SHA", sha1(b"donttell")))
        self.assertTrue(3598 <= red[1] <= 3600, red[1])
        self.assertTrue(1798 <= blue[1] <= 1800, blue[1])

    def test_plain_and_removable_copies_are_two_items(self):
        self.put(b"same")
        self.put_rm(b"same", b"s1")
        self.put_rm(b"same", b"s2")
        self.assertEqual([(d[0], d[3]) for d in self.details()],
                         [(b"same", ZERO20), (b"same", sha1(b"s1")), (b"same", sha1(b"s2"))])

    def test_rm_with_right_secret_removes(self):
        self.put_rm(b"blue", b"donttell")
        self.put(b"red")
        self.assertEqual(self.rm(b"blue", b"donttell"), 0)
        self.assertEqual(self.values(), [b"red"])

    def test_rm_with_wrong_secret_answers_0_and_keeps_value(self):
        self.put_rm(b"blue", b"donttell")
        self.assertEqual(self.rm(b"blue", b"wrong"), 0)
        self.assertEqual(self.rm(b"no such value", b"donttell"), 0)
        self.assertEqual(self.values(), [b"blue"])

    def test_plain_put_cannot_be_removed(self):
        self.put(b"red")
        self.assertEqual(self.rm(b"red", b""), 0)
        self.assertEqual(self.values(), [b"red"])

    def test_tombstone_drops_later_put_of_same_item(self):
        self.put_rm(b"blue", b"donttell")
        self.rm(b"blue", b"donttell", ttl=3600)
        self.assertEqual(self.put_rm(b"blue", b"donttell"), 0)
        self.assertEqual(self.values(), [])
        self.assertEqual(self.put_rm(b"blue", b"other secret"), 0)  # another item: stored
        self.assertEqual(self.values(), [b"blue"])

    def test_ping(self):
        self.assertRegex(self.rpc.ping(), r"^127\.0\.0\.1:\d+, XML: Python-xmlrpc/")

    # --- faults, spec 4.5 rows 1-8 ---------------------------------------------------------

    def test_faults(self):
        k, v, r = self.key, b"v", self.rpc
        key21, h21 = b"k" * 21, b"h" * 21
        E = "java.lang.Exception: "
        cases = [
            ("put key", E + "key is longer than 20 bytes", r.put, B(key21), B(v), 60, "t"),
            ("put key before value", E + "key is longer than 20 bytes",
             r.put, B(key21), B(b"x" * 1025), 60, "t"),
            ("put value", E + "value is longer than 1024 bytes", r.put, B(k), B(b"x" * 1025), 60, "t"),
            ("put_removable key", E + "key is longer than 20 bytes",
             r.put_removable, B(key21), B(v), "SHA", B(sha1(b"s")), 60, "t"),
            ("put_removable value", E + "value is longer than 1024 bytes",
             r.put_removable, B(k), B(b"x" * 1025), "SHA", B(sha1(b"s")), 60, "t"),
            ("put_removable hash type", E + 'unknown secret hash algorithm: "SHA1"',
             r.put_removable, B(k), B(v), "SHA1", B(h21), 60, "t"),
            ("put_removable hash type is case-sensitive", E + 'unknown secret hash algorithm: "sha"',
             r.put_removable, B(k), B(v), "sha", B(sha1(b"s")), 60, "t"),
            ("put_removable secret hash", E + "secret hash is longer than 20 bytes",
             r.put_removable, B(k), B(v), "SHA", B(h21), 60, "t"),
            ("rm key", E + "key is longer than 20 bytes",
             r.rm, B(key21), B(sha1(v)), "SHA", B(b"s"), 60, "t"),
            ("rm value hash", E + "value_hash is longer than 20 bytes",
             r.rm, B(k), B(h21), "MD5", B(b"s"), 60, "t"),
            ("rm hash type", E + 'unknown secret hash algorithm: "MD5"',
             r.rm, B(k), B(sha1(v)), "MD5", B(b"s" * 41), 60, "t"),
            ("rm secret", E + "secret is longer than 40 bytes",
             r.rm, B(k), B(sha1(v)), "SHA", B(b"s" * 41), 60, "t"),
            ("get key", E + "key is longer than 20 bytes", r.get, B(key21), 10, B(b"p" * 78), "t"),
            ("get placemark", E + "placemark is longer than 77 bytes", r.get, B(k), 10, B(b"p" * 78), "t"),
            ("get_details key", E + "key is longer than 20 bytes",
             r.get_details, B(key21), 10, B(b""), "t"),
            ("get_details placemark", E + "placemark is longer than 77 bytes",
             r.get_details, B(k), 10, B(b"p" * 78), "t"),
            ("unknown method", E + "no such handler: get_all", r.get_all, B(k), 10, B(b""), "t"),
            ("dotted method name", E + "no such handler: opendht.get", r.opendht.get, B(k), 10, B(b""), "t"),
            ("method name not trimmed", E + "no such handler:  put ", getattr(r, " put "), B(k), B(v), 60, "t"),
        ]
        for name, text, method, *args in cases:
            with self.subTest(name):
                self.assertFault(text, method, *args)
        self.assertEqual(self.values(), [])  # nothing was stored by a faulty put

    def test_wrong_parameter_types_and_counts(self):
        k, v, r = B(self.key), B(b"v"), self.rpc
        cases = [
            ("put ttl as string", r.put, k, v, "3600", "t"),
            ("put key as string", r.put, "key", v, 3600, "t"),
            ("put three params", r.put, k, v, 3600),
            ("put five params", r.put, k, v, 3600, "t", "extra"),
            ("put ttl as double", r.put, k, v, 3600.0, "t"),
            ("put ttl as boolean", r.put, k, v, True, "t"),
            ("get maxvals as string", r.get, k, "10", B(b""), "t"),
            ("get placemark as string", r.get, k, 10, "", "t"),
            ("get no params", r.get),
            ("get_details array key", r.get_details, [k], 10, B(b""), "t"),
            ("put_removable hash as string", r.put_removable, k, v, "SHA", "hash", 60, "t"),
            ("rm without application", r.rm, k, B(sha1(b"v")), "SHA", B(b"s"), 60),
            ("rm struct secret", r.rm, k, B(sha1(b"v")), "SHA", {"a": 1}, 60, "t"),
            ("ping with a param", r.ping, 1),
        ]
        for name, method, *args in cases:
            with self.subTest(name):
                self.assertFault(NO_SUCH_METHOD, method, *args, prefix=True)
        self.assertEqual(self.values(), [])

    def test_empty_key_and_malformed_short_placemark_are_faults(self):
        with self.assertRaises(Fault):
            self.rpc.put(B(b""), B(b"v"), 60, "t")
        self.put(b"v")
        with self.assertRaises(Fault):
            self.rpc.get(B(self.key), 10, B(b"short placemark"), "t")

    def test_limits_are_inclusive(self):
        key20 = b"\xff" * 20  # no leading zero: stays 20 bytes
        self.assertEqual(self.put(b"x" * 1024, key=key20), 0)
        self.assertEqual(self.rpc.put_removable(B(key20), B(b"y"), "SHA", B(sha1(b"s" * 40)), 60, "t"), 0)
        self.assertEqual(self.rpc.rm(B(key20), B(sha1(b"y")), "SHA", B(b"s" * 40), 60, "t"), 0)
        self.assertEqual(self.values(key20), [b"x" * 1024])

    # --- TTL, empty values, keys ---------------------------------------------------------

    def test_ttl_is_clamped_to_a_week(self):
        for ttl in (WEEK + 1, 2**31 - 1):
            with self.subTest(ttl=ttl):
                key = sha1(self.key + b"%d" % ttl)
                self.assertEqual(self.put(b"long", ttl=ttl, key=key), 0)
                (d,) = self.details(key)
                self.assertTrue(WEEK - 2 <= d[1] <= WEEK, d[1])

    def test_ttl_zero_or_negative_is_accepted_and_never_returned(self):
        self.assertEqual(self.put(b"zero", ttl=0), 0)
        self.assertEqual(self.put(b"negative", ttl=-5), 0)
        self.assertEqual(self.put(b"alive", ttl=60), 0)
        self.assertEqual(self.values(), [b"alive"])

    def test_empty_value(self):
        self.assertEqual(self.put(b""), 0)
        self.assertEqual(self.values(), [b""])
        self.assertEqual(self.rpc.get(B(self.key), 10, B(b""), "t")[0], [B(b"")])

    def test_all_zero_key_cannot_be_stored_and_says_so(self):
        # The number 0 is no libopendht InfoHash: "try again" rather than a silent loss.
        self.assertEqual(self.put(b"never", key=b"\0"), 2)
        self.assertEqual(self.put(b"never", key=bytes(20)), 2)
        self.assertEqual(self.values(key=b"\0"), [])

    def test_short_key_is_the_zero_padded_key(self):
        short = self.key[-6:].lstrip(b"\0") or b"\x01"
        self.put(b"via short key", key=short)
        self.put(b"via padded key", key=b"\0" * (20 - len(short)) + short)
        self.put(b"via one zero", key=b"\0" + short)
        expected = [b"via short key", b"via padded key", b"via one zero"]
        for k in (short, b"\0" + short, b"\0" * (20 - len(short)) + short):
            self.assertEqual(self.values(k), expected)

    # --- order, refresh -------------------------------------------------------------------

    def test_oldest_put_first(self):
        vals = [b"%02d" % i for i in range(15)]
        for v in vals:
            self.put(v)
        self.assertEqual(self.values(), vals)

    def test_refresh_moves_value_to_the_end_without_duplicate(self):
        for v in (b"A", b"B", b"C"):
            self.put(v, ttl=3600)
        self.assertEqual(self.put(b"A", ttl=3600), 0)  # expires later: replaces
        self.assertEqual(self.values(), [b"B", b"C", b"A"])
        self.assertEqual(self.put(b"B", ttl=10), 0)  # expires earlier: dropped
        self.assertEqual(self.values(), [b"B", b"C", b"A"])
        self.assertGreater(self.details()[0][1], 3500)

    # --- paging ---------------------------------------------------------------------------

    def test_maxvals_zero_returns_nothing_and_ends(self):
        self.put(b"v")
        self.assertEqual(self.rpc.get(B(self.key), 0, B(b""), "t"), [[], B(b"")])
        self.assertEqual(self.rpc.get_details(B(self.key), 0, B(b""), "t"), [[], B(b"")])

    def test_maxvals_counts_its_low_16_bits(self):
        self.put(b"v")
        self.assertEqual(self.rpc.get(B(self.key), 65536, B(b""), "t"), [[], B(b"")])
        self.assertEqual(self.rpc.get(B(self.key), -1, B(b""), "t"), [[B(b"v")], B(b"")])
        self.assertEqual(self.rpc.get(B(self.key), 65537, B(b""), "t"), [[B(b"v")], B(b"")])

    def test_maxvals_limits_a_page(self):
        vals = [b"%02d" % i for i in range(12)]
        for v in vals:
            self.put(v)
        items, pages = get_all(self.rpc, self.key, maxvals=5)
        self.assertEqual(items, vals)
        self.assertEqual([len(p) for p in pages if p], [5, 5, 2])

    def test_page_budget_small_values(self):
        vals = [b"value-%04d" % i for i in range(50)]  # 10 bytes: 49 budget bytes each
        for v in vals:
            self.put(v)
        items, pages = get_all(self.rpc, self.key, maxvals=1000)
        self.assertEqual(items, vals)
        self.assertEqual([len(p) for p in pages if p], [21, 21, 8])
        placemark = self.rpc.get(B(self.key), 1000, B(b""), "t")[1].data
        self.assertEqual(len(placemark), 77)

    def test_page_budget_one_kib_value_per_page(self):
        vals = [bytes([65 + i]) * 1024 for i in range(3)]
        for v in vals:
            self.put(v)
        items, pages = get_all(self.rpc, self.key, maxvals=1000)
        self.assertEqual(items, vals)
        self.assertEqual([len(p) for p in pages if p], [1, 1, 1])
        items, pages = get_all(self.rpc, self.key, maxvals=1000, details=True)
        self.assertEqual([len(p) for p in pages if p], [1, 1, 1])

    def test_ten_thousand_values_page_through_in_put_order(self):
        threads, per = 4, 2500
        times = {}  # value -> (start, end) of its put

        def putter(t):
            rpc = self.gw.rpc()
            for i in range(per):
                v = b"%d-%04d" % (t, i)
                start = time.monotonic()
                status = rpc.put(B(self.key), B(v), 3600, "bulk")
                times[v] = (start, time.monotonic(), status)

        workers = [threading.Thread(target=putter, args=(t,)) for t in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        self.assertEqual(len(times), threads * per)
        self.assertEqual({s for (_, _, s) in times.values()}, {0})
        items, pages = get_all(self.rpc, self.key, maxvals=1000)
        self.assertEqual(len(items), len(set(items)), "a value came back twice")
        self.assertEqual(set(items), set(times))
        for t in range(threads):  # each connection's puts in order
            mine = [v for v in items if v.startswith(b"%d-" % t)]
            self.assertEqual(mine, sorted(mine))
        latest_start = 0.0  # nothing may come after a value whose put had begun after it ended
        for v in items:
            start, end, _ = times[v]
            self.assertGreaterEqual(end, latest_start, "%r is out of put order" % v)
            latest_start = max(latest_start, start)
        self.assertTrue(all(len(p) <= 23 for p in pages))  # 6 bytes + 39 each: 23 fit in 1063

    # --- request shapes -------------------------------------------------------------------

    def test_netopendht_request_shape(self):
        """E7/E8: params straight under methodCall, a trailing <params/>, encoding="utf8", and
        paging by sending back the placemark text minus its final LF."""
        key = self.key[:17]

        def post(body):
            r = parse_response(exchange(self.gw.http_port, http_request(
                body, headers=["User-Agent: Net::OpenDHT 0.33"])))
            self.assertEqual(r.status_line, "HTTP/1.0 200 OK")
            return r.body.decode("latin-1")

        for v in (b"1", b"2", b"v" * 100):
            body = post(netopendht_body("put", [("base64", key), ("base64", v), ("int", 20),
                                                ("str", "simple.t")]))
            self.assertIn("<param><value><int>0</int></value></param>", body)
        got, placemark, pages = [], "", 0
        while True:
            pages += 1
            self.assertLess(pages, 10)
            body = post(netopendht_body("get", [("base64", key), ("int", 1),
                                                ("base64text", placemark), ("str", "simple.t")]))
            parsed, = xmlrpc.client.loads(body)[0]
            got += [x.data for x in parsed[0]]
            placemark = re.search(r"<value><base64>([^<]*)</base64></value></data></array></value>"
                                  r"</param></params></methodResponse>$", body)[1]
            if not placemark:
                break
            placemark = placemark[:-1]  # the final LF goes, the one after column 76 stays
            self.assertIn("\n", placemark)
        self.assertEqual(got, [b"1", b"2", b"v" * 100])

    def test_lenient_request_reading(self):
        cases = [
            ("i4", call_body("put", b64v(self.key), b64v(b"i4"), "<value><i4>60</i4></value>", strv("t"))),
            ("untyped string", call_body("put", b64v(self.key), b64v(b"untyped"), intv(60), "<value>t</value>")),
            ("empty application", call_body("put", b64v(self.key), b64v(b"empty"), intv(60), "<value/>")),
            ("spaces around int", call_body("put", b64v(self.key), b64v(b"spaces"), intv(" 60 "), strv("t"))),
            ("line breaks in base64", call_body("put", "<value><base64>\n%s\n</base64></value>" % "\n".join(
                base64.b64encode(self.key).decode()), b64v(b"breaks"), intv(60), strv("t"))),
            ("no <params>", call_body("put", b64v(self.key), b64v(b"noparams"), intv(60), strv("t"),
                                      params_tag=False)),
        ]
        for name, body in cases:
            with self.subTest(name):
                self.assertIn(b"<value><int>0</int></value>", call(self.gw.http_port, body).body)
        self.assertEqual(self.values(), [b"i4", b"untyped", b"empty", b"spaces", b"breaks", b"noparams"])

    def test_post_on_any_path_and_lowercase_content_length(self):
        body = call_body("ping").encode()
        for path in ("/", "/RPC2", "/any/path?x=1"):
            with self.subTest(path):
                self.assertIn(b"XML: gateway-tests", call(self.gw.http_port, body, path=path).body)
        s = connect(self.gw.http_port)
        s.sendall((b"POST / HTTP/1.1\r\ncontent-length: %d\r\n\r\n" % len(body)) + body)
        self.assertIn(b"XML: unknown", read_response(s).body)
        s.close()

    def test_requests_closed_without_any_reply(self):
        put = lambda ttl: call_body("put", b64v(self.key), b64v(b"v"), ttl, strv("t"))
        req = lambda *a, **kw: lambda version: http_request(*a, version=version, **kw)
        ok = call_body("ping")
        bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % (i - 1 if i > 1 else "")) * 10)
                          for i in range(1, 10))
                + ']><methodCall><methodName>put</methodName><params><param><value><string>&lol9;'
                  '</string></value></param></params></methodCall>')
        xxe = ('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               '<methodCall><methodName>ping</methodName><params><param><value>&x;</value></param>'
               '</params></methodCall>')
        cases = [
            ("empty int", req(put("<value><int></int></value>"))),
            ("fractional int", req(put(intv("1.5")))),
            ("non-numeric int", req(put(intv("abc")))),
            ("int beyond 32 bits", req(put(intv("4294967296")))),
            ("truncated XML", req(put(intv(60))[:-20])),
            ("not XML", req("hello, gateway")),
            ("no Content-Length", req(ok, content_length=False)),
            ("body over 64 KiB", req(call_body("put", b64v(self.key), b64v(b"v"), intv(60),
                                               strv("a" * 70000)))),
            ("huge Content-Length", req(ok, headers=["Content-Length: 1000000000"], content_length=False)),
            ("entity bomb", req(bomb)),
            ("external entity", req(xxe)),
            ("plain DTD", req('<?xml version="1.0"?><!DOCTYPE methodCall>' + ok[21:])),
            ("10000-deep nesting", req(call_body(
                "put", "<value><array><data>" * 3334 + "</data></array></value>" * 3334))),
            ("100-deep nesting", req(call_body(
                "put", "<value><array><data>" * 34 + "</data></array></value>" * 34))),
            ("HEAD", req("", method="HEAD", content_length=False)),
            ("PUT", req(ok, method="PUT")),
        ]
        for name, request in cases:
            for version in ("HTTP/1.1", "HTTP/1.0"):  # 1.1: a reply would not be cut by a close
                with self.subTest(name, version=version):
                    self.assertClosedSilently(request(version))
        self.assertEqual(self.values(), [])

    def test_shallow_nesting_is_a_fault_not_a_close(self):
        nested = "<value><array><data>" * 3 + "</data></array></value>" * 3
        r = call(self.gw.http_port, call_body("put", b64v(self.key), nested, intv(60), strv("t")))
        with self.assertRaises(Fault) as cm:
            xmlrpc.client.loads(r.body)
        self.assertTrue(cm.exception.faultString.startswith(NO_SUCH_METHOD))

    # --- HTTP ---------------------------------------------------------------------------

    def test_get_root_is_json_about_the_gateway(self):
        status, headers, doc = self.gw.info()
        self.assertEqual(status, 200)
        self.assertIsInstance(doc, dict)
        for field in ("version", "node_id", "peers", "ipv4", "ipv6", "values", "stored_bytes", "health"):
            self.assertIn(field, doc)
        self.assertEqual(doc["node_id"], self.gw.node_id)
        self.assertEqual((doc["network"], doc["bootstrap"], doc["health"]), ("local", [], "lone"))
        before = doc["values"]["items"]
        self.assertIsInstance(before, int)
        self.put(b"counted", ttl=3600)
        after = self.gw.info()[2]
        self.assertEqual(after["values"]["items"], before + 1)
        self.assertEqual(after["values"]["accepted"], before + 1)
        self.assertGreaterEqual(after["stored_bytes"]["items"], 62 + len(b"counted"))

    def test_http11_keep_alive(self):
        s = connect(self.gw.http_port)
        try:
            for i in range(5):
                s.sendall(http_request(call_body("put", b64v(self.key), b64v(b"ka%d" % i), intv(60),
                                                 strv("t")), version="HTTP/1.1"))
                r = read_response(s)
                self.assertEqual(r.status_line, "HTTP/1.1 200 OK")
                self.assertEqual(r.header("Connection").lower(), "keep-alive")
                self.assertIn(b"<int>0</int>", r.body)
            pipelined = [http_request(call_body("put", b64v(self.key), b64v(v), intv(60), strv("t")),
                                      version="HTTP/1.1") for v in (b"p1", b"p2")]
            s.sendall(b"".join(pipelined))  # two requests in one write: two replies, in order
            self.assertEqual([b"<int>0</int>" in read_response(s).body for _ in pipelined], [True, True])
            s.sendall(http_request(call_body("ping"), version="HTTP/1.1", headers=["Connection: close"]))
            r = read_response(s)
            self.assertEqual(r.header("Connection").lower(), "close")
            self.assertEqual(s.recv(100), b"")
        finally:
            s.close()
        self.assertEqual(self.values(), [b"ka%d" % i for i in range(5)] + [b"p1", b"p2"])

    def test_http10_one_request_per_connection(self):
        r = parse_response(exchange(self.gw.http_port, http_request(call_body("ping"))))
        self.assertEqual(r.status_line, "HTTP/1.0 200 OK")
        self.assertEqual(r.header("Connection").lower(), "close")
        self.assertEqual(int(r.header("Content-Length")), len(r.body))


class FairShare(GatewayTestCase):
    """--capacity 20000: a week-long put of 1024 bytes with a 1-byte application name costs its
    envelope (1087 bytes) and the 1024 bytes a kept item costs besides, 2111 byte-weeks, so a lone
    client may hold 9 of them; once two clients hold values, each may hold 10000 byte-weeks (4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway(capacity=20000)

    def test_two_clients(self):
        a, b = self.gw.rpc(source="127.0.0.1"), self.gw.rpc(source="127.0.0.2")
        self.assertRegex(b.ping(), r"^127\.0\.0\.2:")
        key = sha1(b"fair share")
        big = lambda tag, i: (b"%s%04d" % (tag, i)).ljust(1024, b".")

        a_status = [a.put(B(key), B(big(b"a", i)), WEEK, "a") for i in range(12)]
        self.assertEqual(a_status, [0] * 9 + [1] * 3)
        b_status = [b.put(B(key), B(big(b"b", i)), WEEK, "b") for i in range(3)]
        self.assertEqual(b_status, [0] * 3)
        self.assertEqual(a.put(B(key), B(b"small"), 60, "a"), 1)  # now over its half
        b_status = [b.put(B(key), B(big(b"b", i)), WEEK, "b") for i in range(3, 6)]
        self.assertEqual(b_status, [0] + [1] * 2)

        got = values(b, key)
        self.assertEqual(got, [big(b"a", i) for i in range(9)] + [big(b"b", i) for i in range(4)])

    def test_the_application_name_is_charged_too(self):
        # Hardening issue, item 4: tiny values with 255-byte names were charged as tiny.
        def until_refused(gw, app):
            rpc, n = gw.rpc(), 0
            while rpc.put(B(sha1(b"%s %d" % (app.encode(), n))), B(b"x"), WEEK, app) == 0:
                n += 1
            return n
        short = until_refused(self.start_gateway(capacity=20000, name="short-names"), "a")
        long = until_refused(self.start_gateway(capacity=20000, name="long-names"), "n" * 255)
        self.assertEqual((short, long), (20000 // (62 + 1 + 1 + 1024), 20000 // (62 + 255 + 1 + 1024)))

    def test_a_share_survives_a_restart(self):
        # Hardening issue, item 4: after a restart with the same --state-dir a client had a fresh
        # share, and could hold twice the capacity.
        gw = self.start_gateway(capacity=20000, name="restarted")
        rpc = gw.rpc(source="127.0.0.5")
        statuses = [rpc.put(B(sha1(b"kept %d" % i)), B(b"x" * 1024), WEEK, "a") for i in range(10)]
        self.assertEqual(statuses, [0] * 9 + [1])
        self.assertEqual(gw.stop(), 0)
        gw = self.start_gateway(capacity=20000, name="restarted-again", state_dir=gw.state_dir)
        self.assertEqual(gw.rpc(source="127.0.0.5").put(B(sha1(b"one more")), B(b"x" * 1024), WEEK, "a"), 1)
        self.assertEqual(gw.rpc(source="127.0.0.6").put(B(sha1(b"another")), B(b"x"), WEEK, "b"), 0)


if __name__ == "__main__":
    unittest.main()
