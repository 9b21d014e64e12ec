"""Byte shape of replies on raw sockets: spec section 4.6 and the examples of section 13."""

import base64
import re
import time
import unittest

from harness import (GatewayTestCase, b64v, call_body, connect, exchange, intv, netopendht_body,
                     parse_response, read_response, sha1, strv)

DECL = b'<?xml version="1.0" encoding="ISO-8859-1"?>'
OK_BODY = DECL + b"<methodResponse><params><param><value><int>0</int></value></param></params></methodResponse>"
GET_HEAD = DECL + b"<methodResponse><params><param><value><array><data><value><array><data>"
GET_TAIL = (b"</data></array></value><value><base64></base64></value></data></array></value></param>"
            b"</params></methodResponse>")
HEADER_NAMES = ["Date", "Server", "Connection", "Content-Type", "Content-Length"]
DATE_RE = (r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
           r"\d\d:\d\d:\d\d GMT$")

COLORS = "+L1pZ1mAW5CY+eE75n0rJIx2GdA="  # SHA-1("colors")


def b64e(data):
    return "<base64>%s</base64>" % base64.b64encode(data).decode()


def python_style(method, *params):
    """The request bodies of section 13 (xmlrpclib layout, one element per line)."""
    lines = ['<?xml version="1.0"?>', "<methodCall>", "<methodName>%s</methodName>" % method, "<params>"]
    lines += ["<param><value>%s</value></param>" % p for p in params]
    return "\n".join(lines + ["</params>", "</methodCall>", ""]).encode()


def python_request(body, host="127.0.0.1:5851", ua="xmlrpclib.py/1.0.1 (by www.pythonware.com)"):
    return (b"POST / HTTP/1.0\r\nHost: %s\r\nUser-Agent: %s\r\nContent-Type: text/xml\r\n"
            b"Content-Length: %d\r\n\r\n" % (host.encode(), ua.encode(), len(body))) + body


E1 = python_style("put", "<base64>%s</base64>" % COLORS, "<base64>cmVk</base64>", "<int>3600</int>",
                  "<string>put.py</string>")
E2 = python_style("put_removable", "<base64>%s</base64>" % COLORS, "<base64>Ymx1ZQ==</base64>",
                  "<string>SHA</string>", "<base64>p6hsuveBdFmc4vNkZlIrNrzKpyg=</base64>",
                  "<int>3600</int>", "<string>put.py</string>")
E3 = python_style("get", "<base64>%s</base64>" % COLORS, "<int>10</int>", "<base64></base64>",
                  "<string>get.py</string>")
E4 = E3.replace(b"<methodName>get<", b"<methodName>get_details<")
E5 = python_style("rm", "<base64>%s</base64>" % COLORS, "<base64>TJqCznLKJRnzjQrwq7tM7Ln87Kk=</base64>",
                  "<string>SHA</string>", "<base64>ZG9udHRlbGw=</base64>", "<int>3600</int>",
                  "<string>rm.py</string>")
E3_REPLY = GET_HEAD + b"<value><base64>cmVk\n</base64></value><value><base64>Ymx1ZQ==\n</base64></value>" + GET_TAIL
E4_REPLY_RE = re.escape(
    DECL + b"<methodResponse><params><param><value><array><data><value><array><data><value><array><data>"
    b"<value><base64>cmVk\n</base64></value><value><int>TTL</int></value><value>SHA</value><value><base64>"
    b"AAAAAAAAAAAAAAAAAAAAAAAAAAA=\n</base64></value></data></array></value><value><array><data><value>"
    b"<base64>Ymx1ZQ==\n</base64></value><value><int>TTL</int></value><value>SHA</value><value><base64>"
    b"p6hsuveBdFmc4vNkZlIrNrzKpyg=\n</base64></value></data></array></value></data></array></value><value>"
    b"<base64></base64></value></data></array></value></param></params></methodResponse>").replace(b"TTL", b"(\\d+)")
E6_REPLY = GET_HEAD + GET_TAIL


def fault(text):
    return (DECL + b"<methodResponse><fault><value><struct><member><name>faultString</name><value>"
            + text + b"</value></member><member><name>faultCode</name><value><int>0</int></value>"
            b"</member></struct></value></fault></methodResponse>")


class Wire(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()

    def send(self, request):
        """One HTTP/1.0 exchange; checks the head of section 4.1 and returns the body."""
        data = exchange(self.gw.http_port, request)
        r = parse_response(data)
        self.assertEqual(r.status_line, "HTTP/1.0 200 OK")
        self.assertEqual([k for k, _ in r.headers], HEADER_NAMES)
        self.assertRegex(r.header("Date"), DATE_RE)
        self.assertEqual(r.header("Server"), "bamboo")
        self.assertEqual(r.header("Connection"), "close")
        self.assertEqual(r.header("Content-Type"), "text/xml")
        self.assertEqual(int(r.header("Content-Length")), len(r.body))  # and nothing after it
        return r.body

    def test_e1_put_reply(self):
        self.assertEqual(len(E1), 325)
        data = exchange(self.gw.http_port, python_request(E1))
        head = data[:-135]
        self.assertRegex(head.decode("latin-1"),
                         r"^HTTP/1\.0 200 OK\r\nDate: [^\r\n]+\r\nServer: bamboo\r\nConnection: close\r\n"
                         r"Content-Type: text/xml\r\nContent-Length: 135\r\n\r\n$")
        self.assertEqual(data[-135:], OK_BODY)
        self.assertEqual(len(OK_BODY), 135)

    def test_e2_to_e5_colors(self):
        self.assertEqual(self.send(python_request(E1)), OK_BODY)
        self.assertEqual(self.send(python_request(E2)), OK_BODY)
        self.assertEqual(self.send(python_request(E3)), E3_REPLY)
        self.assertEqual(len(E3_REPLY), 304)
        body = self.send(python_request(E4))
        m = re.fullmatch(E4_REPLY_RE, body)
        self.assertIsNotNone(m, body)
        for ttl in m.groups():
            self.assertTrue(3590 < int(ttl) <= 3600, ttl)
        self.assertEqual(self.send(python_request(E5)), OK_BODY)
        self.assertEqual(self.send(python_request(E3)),
                         GET_HEAD + b"<value><base64>cmVk\n</base64></value>" + GET_TAIL)

    def test_e6_no_values(self):
        body = python_style("get", b64e(sha1(b"empty")), "<int>10</int>", "<base64></base64>",
                            "<string>get.py</string>")
        self.assertEqual(self.send(python_request(body)), E6_REPLY)
        self.assertEqual(len(E6_REPLY), 226)

    def test_e7_netopendht_put(self):
        body = netopendht_body("put", [("base64", b"simple.t: key4711"), ("base64", b"value0.5"),
                                       ("int", 20), ("str", "simple.t")]).encode()
        self.assertEqual(len(body), 399)
        req = python_request(body, host="opendht.nyuld.net:5851", ua="Net::OpenDHT 0.33")
        self.assertEqual(self.send(req), OK_BODY)

    def test_e8_netopendht_paging(self):
        key = b"simple.t: key4712"
        for v in (b"1", b"2"):
            self.send(python_request(netopendht_body("put", [("base64", key), ("base64", v), ("int", 60),
                                                              ("str", "simple.t")]).encode()))
        get = lambda pm: python_request(netopendht_body("get", [("base64", key), ("int", 1), ("base64text", pm),
                                                                 ("str", "simple.t")]).encode())
        before = time.time()
        body = self.send(get(""))
        self.assertEqual(len(body), 369)
        m = re.fullmatch(re.escape(GET_HEAD + b"<value><base64>MQ==\n</base64></value></data></array></value>"
                                   b"<value><base64>") + rb"([A-Za-z0-9+/]{76})\n([A-Za-z0-9+/=]{28})\n"
                         + re.escape(b"</base64></value></data></array></value></param></params></methodResponse>"),
                         body)
        self.assertIsNotNone(m, body)
        pm = base64.b64decode(m[1] + m[2])
        put_us = int.from_bytes(pm[0:8], "big")
        self.assertLess(abs(put_us / 1e6 - before), 10)
        self.assertEqual(int.from_bytes(pm[8:12], "big"), 60)
        self.assertEqual(pm[12:32], key.rjust(20, b"\0"))
        self.assertEqual(pm[32:52], bytes(20))
        self.assertEqual(pm[52:72], sha1(b"1"))
        self.assertEqual(pm[72:77], b"\x01\x7f\x00\x00\x01")  # put flag, client 127.0.0.1
        body = self.send(get((m[1] + b"\n" + m[2]).decode()))
        self.assertEqual(body, GET_HEAD + b"<value><base64>Mg==\n</base64></value>" + GET_TAIL)
        self.assertEqual(len(body), 263)

    def test_e9_key_too_long(self):
        body = python_style("put", "<base64>eHh4eHh4eHh4eHh4eHh4eHh4eHh4</base64>", "<base64>cmVk</base64>",
                            "<int>3600</int>", "<string>put.py</string>")
        reply = self.send(python_request(body))
        self.assertEqual(reply, fault(b"java.lang.Exception: key is longer than 20 bytes"))
        self.assertEqual(len(reply), 293)

    def test_e10_unknown_method(self):
        reply = self.send(python_request(E3.replace(b"<methodName>get<", b"<methodName>get_all<")))
        self.assertEqual(reply, fault(b"java.lang.Exception: no such handler: get_all"))
        self.assertEqual(len(reply), 290)

    def test_e11_ping_and_text_escaping(self):
        for ua, shown in (("Net::OpenDHT 0.33", b"Net::OpenDHT 0.33"), ("a<b>&c", b"a&lt;b&gt;&amp;c")):
            with self.subTest(ua=ua):
                s = connect(self.gw.http_port)
                port = s.getsockname()[1]
                s.sendall(python_request(b'<?xml version="1.0"?><methodCall><methodName>ping</methodName>'
                                         b"<params></params></methodCall>", ua=ua))
                r = read_response(s)
                s.close()
                self.assertEqual(r.body, DECL + b"<methodResponse><params><param><value>127.0.0.1:%d, XML: %s"
                                 b"</value></param></params></methodResponse>" % (port, shown))

    def test_base64_lines_of_76_with_trailing_lf(self):
        for n in (0, 1, 57, 100, 1024):  # 57 and 1024 bytes: exactly 1 and 18 full lines
            with self.subTest(bytes=n):
                key = sha1(b"b64 %d" % n)
                value = bytes((i * 7 + n) % 256 for i in range(n))
                self.send(python_request(python_style("put", b64e(key), b64e(value), "<int>60</int>",
                                                      "<string>t</string>")))
                text = base64.b64encode(value)
                lines = b"".join(text[i:i + 76] + b"\n" for i in range(0, len(text), 76))
                reply = self.send(python_request(python_style("get", b64e(key), "<int>10</int>",
                                                              "<base64></base64>", "<string>t</string>")))
                self.assertEqual(reply, GET_HEAD + b"<value><base64>" + lines + b"</base64></value>" + GET_TAIL)

    def test_http11_reply_head(self):
        s = connect(self.gw.http_port)
        try:
            body = call_body("put", b64v(sha1(b"http11")), b64v(b"v"), intv(60), strv("t")).encode()
            s.sendall(python_request(body).replace(b"HTTP/1.0\r\n", b"HTTP/1.1\r\n", 1))
            r = read_response(s)
        finally:
            s.close()
        self.assertEqual(r.status_line, "HTTP/1.1 200 OK")
        self.assertEqual([k for k, _ in r.headers], HEADER_NAMES)
        self.assertEqual(r.header("Connection").lower(), "keep-alive")
        self.assertEqual(r.body, OK_BODY)

    def bounded_exchange(self, data, limit=64 * 1024):
        """Like exchange(), but gives up once limit bytes came back (a reply that never ends)."""
        s = connect(self.gw.http_port)
        got = b""
        try:
            s.sendall(data)
            while len(got) <= limit:
                try:
                    chunk = s.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                got += chunk
        finally:
            s.close()
        return got

    def test_content_length_near_two_to_the_63_is_closed_unanswered(self):
        # Such a length once overflowed the size check: the same request was served again and
        # again (issue "Hardening", item 1). A length beyond what may arrive closes at once.
        for method, body in (("GET", b""), ("POST", call_body("ping").encode())):
            for length in (2**63 - 1, 2**63 - 60, 64 * 1024 + 1):
                head = ("%s / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % (method, length)).encode()
                self.assertEqual(self.bounded_exchange(head + body), b"", "%s %d" % (method, length))
        self.assertEqual(self.gw.rpc().ping()[:10], "127.0.0.1:")


if __name__ == "__main__":
    unittest.main()
