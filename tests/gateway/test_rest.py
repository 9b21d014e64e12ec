"""The OpenDHT proxy REST API of opendht-gateway (issue 13): every route with curl and raw
sockets (chunked streams read line by line), the proxy's errors, values crossing with classic
clients (Python's xmlrpc.client) both ways, libopendht's own proxy client (`dhtnode
--proxyclient`) putting, getting and listening through the gateway, and a stock `dhtnode
--proxyserver` on the same DHT answering the same set of values."""

import base64
import json
import socket
import time
import unittest

from harness import (B, GatewayTestCase, call_body, connect, exchange, http_request, poll, sha1, values,
                     wait_values)
from rest import ChunkedStream, ProxyClientShell, curl, get_values, value_json

CLASSIC_TYPE = 0x4F43
EVENT_DEADLINE = 60.0  # generous: the machine is shared; nothing here waits for a wall-clock guess


def envelope_value(obj):
    return base64.b64decode(obj["data"])


class RestRoutes(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()
        cls.base = "http://127.0.0.1:%d" % cls.gw.http_port

    def setUp(self):
        self.key = sha1(self.id().encode())
        self.hex = self.key.hex()

    def post(self, body, path=None):
        return curl("-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body,
                    self.base + (path or "/key/" + self.hex))

    # --- node info --------------------------------------------------------------------------

    def test_node_info_has_the_proxy_fields_beside_ours(self):
        for path in ("/", "/node/info"):
            with self.subTest(path):
                status, headers, body = curl(self.base + path)
                self.assertEqual(status, 200)
                doc = json.loads(body)
                self.assertEqual(doc["node_id"], self.gw.node_id)
                self.assertEqual(doc["public_ip"], "127.0.0.1")
                for family in ("ipv4", "ipv6"):
                    self.assertEqual(set(doc[family]), {"good", "dubious", "incoming"})
                self.assertIsInstance(doc["ops"], int)
                self.assertIn("opendht-proxy-rest", doc["protocols"])
                self.assertEqual(doc["service"], "opendht-gateway")
                self.assertEqual(headers["access-control-allow-origin"], "*")

    def test_node_stats(self):
        status, _, body = curl(self.base + "/node/stats")
        self.assertEqual(status, 200)
        doc = json.loads(body)
        self.assertEqual(set(doc), {"listenCount", "nodeInfo", "pushListenersCount", "putCount", "requestRate",
                                    "totalPermanentPuts"})
        self.assertEqual(doc["nodeInfo"]["node_id"], self.gw.node_id)

    # --- get and put ------------------------------------------------------------------------

    def test_post_answers_the_stored_value_and_get_streams_it_in_chunks(self):
        status, headers, body = self.post('{"data":"aGVsbG8gb3BlbmRodA==","type":0,"id":123}')
        self.assertEqual((status, body), (200, b'{"data":"aGVsbG8gb3BlbmRodA==","id":"123","type":0}\n'))
        self.assertEqual(headers["content-type"], "application/json")
        s = ChunkedStream(self.gw.http_port, "/key/" + self.hex)
        self.assertEqual((s.status, s.response.header("Transfer-Encoding")), (200, "chunked"))
        self.assertEqual(s.lines(), [{"data": "aGVsbG8gb3BlbmRodA==", "id": "123", "type": 0}])
        s.close()

    def test_values_of_other_software_keep_what_they_carry(self):
        self.post(value_json(b"typed", 7, vtype=3, utype="text/plain", prio=2))
        (v,) = get_values(self.gw.http_port, self.hex)
        self.assertEqual(v, {"data": base64.b64encode(b"typed").decode(), "id": "7", "prio": 2, "type": 3,
                             "utype": "text/plain"})

    def test_key_forms_as_the_proxy_maps_them(self):
        text = "proxy-rest-" + self.hex[:8]
        self.post(value_json(b"by text", 1), "/key/" + text)
        hashed = sha1(text.encode()).hex()
        paths = ["/key/" + hashed, "/" + hashed, "/key/" + hashed + "/", "/key/" + hashed.upper(),
                 "/key/" + hashed + "zz", "/key/" + hashed + "?id=5"]
        for path in paths:
            with self.subTest(path):
                s = ChunkedStream(self.gw.http_port, path)
                self.assertEqual([v["data"] for v in s.lines()], [base64.b64encode(b"by text").decode()])
                s.close()

    def test_legacy_put_form_used_by_libopendht(self):
        status, _, body = self.post(value_json(b"legacy", 9), "/" + self.hex)
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["id"], "9")
        self.assertEqual([v["id"] for v in get_values(self.gw.http_port, self.hex)], ["9"])

    def test_ids_random_permanent_matched_by_content_and_downgrade(self):
        first = json.loads(self.post(value_json(b"no id"))[2])["id"]
        second = json.loads(self.post(value_json(b"no id"))[2])["id"]
        self.assertNotEqual(first, second)  # two plain puts without id: two values
        self.assertTrue(first.isdigit() and int(first) > 0)
        before = json.loads(curl(self.base + "/node/stats")[2])["totalPermanentPuts"]
        body = json.dumps({"data": base64.b64encode(b"kept").decode(), "permanent": True})
        p1, p2 = (json.loads(self.post(body)[2])["id"] for _ in range(2))
        self.assertEqual(p1, p2)  # a refresh: the same value
        self.assertEqual(json.loads(curl(self.base + "/node/stats")[2])["totalPermanentPuts"], before + 1)
        self.post(value_json(b"kept", p1))  # the proxy's downgrade: a plain re-POST
        self.assertEqual(json.loads(curl(self.base + "/node/stats")[2])["totalPermanentPuts"], before)
        self.assertEqual(sorted(v["id"] for v in get_values(self.gw.http_port, self.hex)),
                         sorted([first, second, p1]))

    def test_values_cross_with_classic_clients_both_ways(self):
        rpc = self.gw.rpc()
        self.assertEqual(rpc.put(B(self.key), B(b"from classic"), 3600, "t"), 0)
        self.post(value_json(b"from rest", 42))
        lines = get_values(self.gw.http_port, self.hex)
        classic = [v for v in lines if v["type"] == CLASSIC_TYPE]
        self.assertEqual(len(classic), 1)
        self.assertTrue(envelope_value(classic[0]).endswith(b"from classic"))  # the stored envelope
        # A classic client sees the raw value first, then the classic item.
        self.assertEqual(values(rpc, self.key), [b"from rest", b"from classic"])

    def test_a_classic_envelope_posted_is_a_classic_put(self):
        rpc = self.gw.rpc()
        rpc.put(B(self.key), B(b"template"), 3600, "t")
        (item,) = [v for v in get_values(self.gw.http_port, self.hex) if v["type"] == CLASSIC_TYPE]
        other = sha1(b"other " + self.key).hex()
        status, _, body = self.post(json.dumps({"data": item["data"], "type": CLASSIC_TYPE}), "/key/" + other)
        self.assertEqual(status, 200, body)
        self.assertEqual(values(rpc, bytes.fromhex(other)), [b"template"])
        # Forged: the envelope's value does not hash to its value hash.
        forged = bytearray(envelope_value(item))
        forged[-1] ^= 1
        status, _, body = self.post(json.dumps({"data": base64.b64encode(bytes(forged)).decode(),
                                                "type": CLASSIC_TYPE}))
        self.assertEqual(status, 400)
        self.assertEqual(values(rpc, self.key), [b"template"])

    def test_ten_thousand_values_in_one_get(self):
        s = connect(self.gw.http_port, timeout=60)
        try:
            f = s.makefile("rb")
            for i in range(10000):
                body = value_json(b"v%08d" % i, i + 1).encode()
                s.sendall(b"POST /key/%s HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s"
                          % (self.hex.encode(), len(body), body))
                if i % 100 == 99 or i == 9999:  # a few in flight, then read their answers
                    for _ in range(100):
                        status = f.readline()
                        self.assertIn(b" 200 ", status)
                        length = 0
                        while True:
                            line = f.readline()
                            if line == b"\r\n":
                                break
                            if line.lower().startswith(b"content-length:"):
                                length = int(line.split(b":")[1])
                        f.read(length)
        finally:
            s.close()
        lines = get_values(self.gw.http_port, self.hex)
        self.assertEqual(len(lines), 10000)
        self.assertEqual({v["id"] for v in lines}, {str(i + 1) for i in range(10000)})

    # --- listen -----------------------------------------------------------------------------

    def test_listen_streams_current_values_then_new_ones_then_expired(self):
        rpc = self.gw.rpc()
        self.post(value_json(b"before", 1))
        s = ChunkedStream(self.gw.http_port, "/key/%s/listen" % self.hex, timeout=EVENT_DEADLINE)
        try:
            self.assertEqual((s.status, s.response.header("Transfer-Encoding")), (200, "chunked"))
            self.assertEqual([v["id"] for v in s.next_objects(EVENT_DEADLINE)], ["1"])
            self.post(value_json(b"after", 2))
            self.assertEqual([v["id"] for v in s.next_objects(EVENT_DEADLINE)], ["2"])
            self.assertEqual(rpc.put(B(self.key), B(b"short"), 1, "t"), 0)
            (new,) = s.next_objects(EVENT_DEADLINE)
            self.assertTrue(envelope_value(new).endswith(b"short"))
            self.assertNotIn("expired", new)
            # The item ends after 1 s; the views drop ended items within 30 s.
            (gone,) = s.next_objects(EVENT_DEADLINE + 30)
            self.assertEqual((gone["id"], gone.get("expired")), (new["id"], True))
        finally:
            s.close()

    def test_listens_are_bounded_per_client(self):
        socks = []
        try:
            for i in range(32):
                socks.append(ChunkedStream(self.gw.http_port, "/key/%s/listen" % sha1(b"%d" % i).hex()))
                self.assertEqual(socks[-1].status, 200)
            status, _, body = curl(self.base + "/key/%s/listen" % self.hex)
            self.assertEqual((status, json.loads(body)), (503, {"err": "Too many listens"}))
        finally:
            for s in socks:
                s.close()
        # Closing them frees the slots.
        poll(lambda: json.loads(curl(self.base + "/node/stats")[2])["listenCount"] == 0, EVENT_DEADLINE,
             "the closed listens to be counted out")

    # --- errors, CORS, push -----------------------------------------------------------------

    def test_errors_as_the_proxy_words_them(self):
        cases = [
            ("POST", "", 400, b'{"err":"Missing parameters"}'),
            ("POST", '{"data": "abc', 400, b'{"err:":"Incorrect JSON"}'),
            ("POST", "[1,2,3]", 500, b'{"err":"Internal server error"}'),
            ("POST", '{"data":"YQ==","type":"abc"}', 500, b'{"err":"Internal server error"}'),
            ("POST", '{"data":"YQ==","owner":"not a key"}', 500, b'{"err":"Internal server error"}'),
            ("POST", "[" * 5000, 400, b'{"err:":"Incorrect JSON"}'),
            ("DELETE", None, 501, b""),
            ("PUT", None, 501, b""),
            ("PATCH", None, 501, b""),
        ]
        for method, body, status, answer in cases:
            with self.subTest(method=method, body=body):
                args = ["-X", method] + (["--data-binary", body] if body is not None else [])
                got = curl(*args, self.base + "/key/" + self.hex)
                self.assertEqual((got[0], got[2]), (status, answer))
        for path in ("/key/%s/xyz" % self.hex, "/node/xyz", "/key/%s/listen/x" % self.hex):
            with self.subTest(path):
                self.assertEqual(curl(self.base + path)[0], 501)
        # Trailing bytes after the object are ignored, as jsoncpp does for the proxy.
        self.assertEqual(self.post('{"data":"YQ==","id":"5"} xyz')[0], 200)

    def test_options_and_push(self):
        for method, path in (("OPTIONS", "/" + self.hex), ("GET", "/key/%s/options" % self.hex),
                             ("OPTIONS", "/key/" + self.hex)):
            with self.subTest(method=method, path=path):
                status, headers, body = curl("-X", method, self.base + path)
                self.assertEqual((status, body), (200, b""))
                self.assertEqual(headers["access-control-allow-methods"], "OPTIONS, GET, POST, LISTEN")
                self.assertEqual(headers["access-control-allow-origin"], "*")
        for method in ("SUBSCRIBE", "UNSUBSCRIBE"):
            with self.subTest(method):
                status, _, body = curl("-X", method, "--data-binary", '{"key":"t"}', self.base + "/key/" + self.hex)
                self.assertEqual(status, 501)
                self.assertIn("not offered", json.loads(body)["err"])

    def test_hostile_requests_get_closed_never_a_crash(self):
        big = b"x" * 70000
        self.assertEqual(exchange(self.gw.http_port, b"POST /key/%s HTTP/1.1\r\nContent-Length: %d\r\n\r\n"
                                  % (self.hex.encode(), len(big)) + big), b"")
        self.assertEqual(exchange(self.gw.http_port, b"POST /key/%s HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  b"5\r\nhello\r\n0\r\n\r\n" % self.hex.encode()), b"")
        # A request that never finishes arriving is closed (10 s from its first byte).
        s = connect(self.gw.http_port, timeout=EVENT_DEADLINE)
        s.sendall(b"POST /key/%s HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"data\"" % self.hex.encode())
        self.assertEqual(s.recv(100), b"")
        s.close()
        self.gw.check_alive()
        self.assertEqual(self.post(value_json(b"still here", 1))[0], 200)

    # --- the classic service beside it ------------------------------------------------------

    def test_classic_doors_unchanged(self):
        ping = call_body("ping").encode()
        for path in ("/", "/RPC2", "/" + self.hex, "/stats"):
            with self.subTest(path):
                got = curl("-X", "POST", "-H", "Content-Type: text/xml", "--data-binary", ping, self.base + path)
                self.assertEqual(got[0], 200)
                self.assertIn(b"<methodResponse>", got[2])
        self.assertEqual(json.loads(curl(self.base + "/stats")[2])["service"], "opendht-gateway")
        self.assertEqual(exchange(self.gw.http_port, http_request("", method="HEAD", content_length=False)), b"")


class LibopendhtProxyClient(GatewayTestCase):
    """Debian's `dhtnode --proxyclient`, the proxy client Jami uses, through our gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()
        cls.client = ProxyClientShell(cls.workdir, cls.gw.http_port)
        cls.procs.append(cls.client)

    def test_put_get_and_listen_cross_with_classic_clients(self):
        key = "libopendht-" + self.gw.node_id[:8]
        key20 = sha1(key.encode())
        rpc = self.gw.rpc()
        c = self.client
        c.send("p %s from-libopendht" % key)
        c.wait_for(r"Put: success", EVENT_DEADLINE)
        wait_values(self.gw, key20, [b"from-libopendht"], EVENT_DEADLINE)
        self.assertEqual(rpc.put(B(key20), B(b"from-classic"), 3600, "t"), 0)
        c.send("g %s" % key)
        c.wait_for(r"Get: found", EVENT_DEADLINE)
        c.wait_for(r"Get: completed", EVENT_DEADLINE)
        shown = "".join(c.seen[-6:])
        self.assertIn('"from-libopendht"', shown)
        self.assertIn(b"from-classic".hex(), shown)  # the envelope, shown as hex data
        c.send("l %s" % key)
        c.wait_for(r"Listening", EVENT_DEADLINE)
        self.assertEqual(rpc.put(B(key20), B(b"while listening"), 3600, "t"), 0)
        c.wait_for(b"while listening".hex(), EVENT_DEADLINE)


class RestBesideStockProxy(GatewayTestCase):
    """A stock `dhtnode --proxyserver` and our gateway on one DHT answer the same values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()
        cls.proxy = cls.start_proxy(bootstrap=cls.gw.dht_addr)

    def test_same_set_of_values_plain_permanent_and_classic(self):
        key20 = sha1(b"beside " + self.gw.node_id.encode())
        h = key20.hex()
        # A stock proxy answers 502 until its node has found the DHT.
        poll(lambda: self.proxy.post_value(h, b"plain via stock", "11")[0] == 200, EVENT_DEADLINE,
             "a put through the stock proxy")
        body = json.dumps({"data": base64.b64encode(b"permanent via ours").decode(), "id": "12",
                           "permanent": True})
        self.assertEqual(curl("-X", "POST", "--data-binary", body,
                              "http://127.0.0.1:%d/key/%s" % (self.gw.http_port, h))[0], 200)
        self.assertEqual(self.gw.rpc().put(B(key20), B(b"classic"), 3600, "t"), 0)
        # A signed value (libopendht's proxy client with an identity, through our gateway):
        # owner, sig and seq must come out of both exactly alike.
        # libopendht's client holds its operations while the proxy's node info shows no peer:
        # start it once our node knows the stock one, as its user would see it connected.
        def has_peer():
            info = json.loads(curl("http://127.0.0.1:%d/" % self.gw.http_port)[2])
            return info["ipv4"]["good"] + info["ipv6"]["good"] >= 1
        poll(has_peer, EVENT_DEADLINE, "our node to know the stock one")
        signer = ProxyClientShell(self.workdir, self.gw.http_port, name="signer", extra_args=["-i"])
        self.procs.append(signer)
        # A get first: once it completes, libopendht's client is connected to our gateway.
        signer.send("g %s" % h)
        signer.wait_for(r"Get: completed", EVENT_DEADLINE)
        signer.send("s %s signed-by-libopendht" % h)
        line = signer.wait_for(r"(?i)put signed.*(success|fail)", EVENT_DEADLINE)
        self.assertIn("success", line.lower(), signer.seen[-10:])

        seen = {}

        def same():
            seen["ours"] = {v["id"]: v for v in get_values(self.gw.http_port, h)}
            seen["stock"] = {v["id"]: v for v in self.proxy.get_values(h)}
            return len(seen["ours"]) == 4 and seen["ours"] == seen["stock"]
        try:
            poll(same, EVENT_DEADLINE, "both to answer the same four values", self.gw.check_alive,
                 interval=0.5)
        except AssertionError:
            print("ours:", json.dumps(seen.get("ours"), indent=1), "\nstock:", json.dumps(seen.get("stock"), indent=1))
            raise
        (signed,) = [v for v in get_values(self.gw.http_port, h) if "owner" in v]
        self.assertTrue(signed["owner"].startswith("-----BEGIN PUBLIC KEY-----"))
        self.assertEqual(base64.b64decode(signed["data"]), b"signed-by-libopendht")


if __name__ == "__main__":
    unittest.main()
