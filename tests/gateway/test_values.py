"""Values of other software shown faithfully (issue 14): every field `opendht-cli details --format
json` prints, for values that stock OpenDHT software made. Producers: Debian's `dhtnode` shell (`p`,
`pp`, `s` signed, `e` encrypted, with identities from `-i`) and `python3-opendht` (user types,
msgpack payloads made with python3-msgpack). Readers: a stock `dhtnode --proxyserver` without an
identity (it cannot decrypt), a stock proxy with an identity (it decrypts what is meant for it), and
our gateway's REST API; all on one loopback DHT."""

import base64
import json
import os
import re
import subprocess
import unittest

from harness import GatewayTestCase, free_port, free_udp_port_all, get_all, poll, sha1
from rest import DhtnodeShell
from test_proxy_cli import cli

SYSTEM_PYTHON = "/usr/bin/python3"
DEADLINE = 90.0


class StockShell(DhtnodeShell):
    """A stock `dhtnode` of the DHT driven through its shell, optionally with an identity (-i) and a
    proxy server. Attributes: key_id (with -i: the 'Public key ID' it prints), http_port."""

    def __init__(self, workdir, network_id, bootstrap, name, identity=False, proxy=False):
        args = ["-n", str(network_id), "-p", str(free_udp_port_all()), "-b", bootstrap]
        if identity:
            args.append("-i")
        self.http_port = None
        if proxy:
            self.http_port = free_port()
            args += ["--proxyserver", str(self.http_port), "--proxy-addr", "127.0.0.1"]
        super().__init__(workdir, name, args)
        self.key_id = None
        if identity:
            self.key_id = re.search(r"Public key ID ([0-9a-f]{40})", self.wait_for(r"Public key ID", DEADLINE)).group(1)

    def put(self, command, timeout=DEADLINE):
        """A put command ('p KEY text', 's ...', 'e ...'), retried until the shell says it succeeded."""
        def done():
            self.send(command)
            line = self.wait_for(r"(?i)(put|value).*(success|fail|error)|Put.*(completed|done)", timeout)
            return "success" in line.lower() or "completed" in line.lower()
        poll(done, timeout, "%s: %s" % (self, command), interval=1.0)


# python3-opendht puts values with user types; msgpack payloads from python3-msgpack.
PY_PRODUCER = r"""
import sys, time, threading, msgpack, opendht as dht
host, port = sys.argv[1], int(sys.argv[2])
key = dht.InfoHash.get(sys.argv[3])
node = dht.DhtRunner()
cfg = dht.DhtConfig()
cfg.setNetwork(int(sys.argv[4]))
cfg.setRateLimit(-1, -1)  # every peer is on this host
node.run(port=0, config=cfg)
node.bootstrap(host, str(port))
payloads = [
    (b"plain text from python", "text/plain"),
    (msgpack.packb({"dev": bytes(range(20)), "pk": b"\x01" * 32}), "jami-device"),
    (msgpack.packb([1, [2, {"nested": b"\xff\x00"}], "x"]), "urfd-config-1"),
]
for data, utype in payloads:
    v = dht.Value(data)
    v.user_type = utype
    done = threading.Event()
    ok = []
    node.put(key, v, lambda s, n: (ok.append(s), done.set()))
    done.wait(60)
    print("put", utype, ok, flush=True)
node.shutdown()
"""


def values_of_classic(gw, key20):
    """Every value a classic XML-RPC get returns (Python's xmlrpc.client)."""
    return get_all(gw.rpc(), key20)[0]


def values_via(url, key_hex):
    code, out, err = cli("details", "--gateway", url, "--key-mode", "hex", "--format", "json", key_hex)
    if code == 3:
        return []
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


class ValuesOfOtherSoftware(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()
        cls.plain_proxy = cls.start_proxy(bootstrap=cls.gw.dht_addr)
        cls.producer = StockShell(cls.workdir, cls.network_id, cls.gw.dht_addr, "producer", identity=True)
        cls.procs.append(cls.producer)
        cls.reader = StockShell(cls.workdir, cls.network_id, cls.gw.dht_addr, "reader", identity=True, proxy=True)
        cls.procs.append(cls.reader)
        cls.urls = {"stock proxy": "http://127.0.0.1:%d" % cls.plain_proxy.http_port,
                    "our gateway": cls.gw.url,
                    "stock proxy with the recipient's identity": "http://127.0.0.1:%d" % cls.reader.http_port}

    def wait_values(self, url, key_hex, count):
        seen = {}

        def enough():
            seen["v"] = values_via(url, key_hex)
            return len(seen["v"]) >= count
        try:
            poll(enough, DEADLINE, "%d values under %s through %s" % (count, key_hex, url), interval=1.0)
        except AssertionError:
            print("seen through %s:" % url, json.dumps(seen.get("v"), indent=1))
            raise
        return seen["v"]

    def test_plain_permanent_signed_and_encrypted_from_the_dhtnode_shell(self):
        key = sha1(b"shell values " + str(self.network_id).encode()).hex()
        p = self.producer
        p.put("p %s plain-from-shell" % key)
        p.put("pp %s permanent-from-shell" % key)
        p.put("s %s signed-from-shell" % key)
        p.put("e %s %s for-the-reader-1" % (key, self.reader.key_id))
        p.put("e %s %s for-the-reader-2" % (key, self.reader.key_id))
        for where in ("stock proxy", "our gateway"):
            with self.subTest(through=where):
                values = self.wait_values(self.urls[where], key, 5)
                self.assertEqual(len(values), 5, values)
                by_text = {v.get("text"): v for v in values if not v["encrypted"]}
                self.assertEqual(set(by_text), {"plain-from-shell", "permanent-from-shell", "signed-from-shell"})
                for v in values:
                    self.assertTrue(v["id"].isdigit() and int(v["id"]) < 2 ** 64, v)
                    self.assertFalse(v["classic_item"])
                    self.assertTrue(v["ttl_is_upper_bound"])
                    self.assertFalse(v["removable"])
                plain = by_text["plain-from-shell"]
                self.assertEqual((plain["type"], plain["type_name"], plain["signed"]), (0, "user data", False))
                self.assertNotIn("owner", plain)
                self.assertEqual(plain["priority"], 0)  # printed also when 0
                self.assertIsNone(plain["signature_checked_by"])  # nothing to check
                # Permanent or not: a proxy serves a `pp` value as it serves a plain one; unknown.
                self.assertIn("permanent", by_text["permanent-from-shell"])
                self.assertIsNone(by_text["permanent-from-shell"]["permanent"])
                self.assertIsNone(plain["permanent"])
                signed = by_text["signed-from-shell"]
                self.assertTrue(signed["signed"])
                # The owner as libopendht names it: the id the producer printed at start.
                self.assertEqual(signed["owner"], p.key_id)
                self.assertTrue(signed["owner_pem"].startswith("-----BEGIN PUBLIC KEY-----"))
                self.assertEqual(signed["seq"], 0)
                self.assertEqual(signed.get("user_type"), "text/plain")
                # Checked by whoever served it: a proxy serves no value whose signature fails.
                self.assertEqual(signed["signature_checked_by"].rstrip("/"), self.urls[where].rstrip("/"))
                # Two encrypted values stay two: they differ by id, not by data (they have none).
                sealed = [v for v in values if v["encrypted"]]
                self.assertEqual(len(sealed), 2, values)
                self.assertNotEqual(sealed[0]["id"], sealed[1]["id"])
                for v in sealed:
                    self.assertEqual(v["size"], 0)
                    self.assertGreater(v["cypher_size"], 100)
                    self.assertFalse(v["decrypted_by_gateway"])
                    # Its type, user type, signature and priority are inside the ciphertext:
                    # unknown, never the made-up "type 0, user data, unsigned".
                    for field in ("type", "type_name", "user_type", "signed", "priority", "signature_checked_by"):
                        self.assertIn(field, v)
                        self.assertIsNone(v[field], field)
                    self.assertNotIn("owner", v)
        # A classic client can read no cypher: it gets the three readable values, no empty ones.
        classic = values_of_classic(self.gw, bytes.fromhex(key))
        self.assertEqual(sorted(classic), [b"permanent-from-shell", b"plain-from-shell", b"signed-from-shell"])
        # A proxy holding the recipient's identity serves them decrypted, with "to": marked so.
        values = self.wait_values(self.urls["stock proxy with the recipient's identity"], key, 5)
        opened = sorted((v for v in values if v["decrypted_by_gateway"]), key=lambda v: v["text"])
        self.assertEqual([v["text"] for v in opened], ["for-the-reader-1", "for-the-reader-2"], values)
        for v in opened:
            self.assertEqual(v["recipient"], self.reader.key_id)
            self.assertFalse(v["encrypted"])
            self.assertEqual(v["owner"], p.key_id)  # encrypted values are signed by their sender
            self.assertEqual(v["signature_checked_by"], self.urls["stock proxy with the recipient's identity"])

    def test_user_types_and_msgpack_from_python_opendht(self):
        if not os.access(SYSTEM_PYTHON, os.X_OK):
            self.skipTest("no /usr/bin/python3 with python3-opendht")
        key_text = "python values %d" % self.network_id
        host, port = self.gw.dht_addr.rsplit(":", 1)
        r = subprocess.run([SYSTEM_PYTHON, "-c", PY_PRODUCER, host, port, key_text, str(self.network_id)],
                           capture_output=True, timeout=200)
        self.assertEqual(r.returncode, 0, r.stderr.decode(errors="replace"))
        self.assertEqual(r.stdout.count(b"[True]"), 3, r.stdout)
        key = sha1(key_text.encode()).hex()
        for where in ("stock proxy", "our gateway"):
            with self.subTest(through=where):
                values = self.wait_values(self.urls[where], key, 3)
                utypes = {v.get("user_type"): v for v in values}
                self.assertEqual(set(utypes), {"text/plain", "jami-device", "urfd-config-1"})
                self.assertEqual(utypes["text/plain"]["text"], "plain text from python")
                self.assertTrue(base64.b64decode(utypes["jami-device"]["base64"]).startswith(b"\x82"))  # a 2-map

    def test_certificate_announced_by_an_identity(self):
        # A node started with -i announces its certificate (type 8) under its public key's id.
        for where in ("stock proxy", "our gateway"):
            with self.subTest(through=where):
                values = self.wait_values(self.urls[where], self.producer.key_id, 1)
                (cert,) = [v for v in values if v.get("type") == 8]
                self.assertEqual(cert["type_name"], "certificate")
                self.assertTrue(cert["ttl_is_upper_bound"])
                self.assertEqual(cert["ttl"], 7 * 86400)
                self.assertIn(b"-----BEGIN CERTIFICATE-----", base64.b64decode(cert["base64"]))

    def test_type_filter_skips_encrypted_values(self):
        # An encrypted value's outer type 0 says nothing: --type "user data" must not match it.
        key = sha1(b"typed and sealed " + str(self.network_id).encode()).hex()
        self.producer.put("p %s readable" % key)
        self.producer.put("e %s %s sealed" % (key, self.reader.key_id))
        for where in ("stock proxy", "our gateway"):
            with self.subTest(through=where):
                self.wait_values(self.urls[where], key, 2)
                code, out, err = cli("details", "--gateway", self.urls[where], "--key-mode", "hex", "--type",
                                     "user data", "--format", "json", key)
                self.assertEqual(code, 0, err)
                values = [json.loads(line) for line in out.splitlines()]
                self.assertEqual([v.get("text") for v in values], ["readable"], values)

    def test_classic_item_prints_its_secret_hash_and_is_not_permanent(self):
        key = "classic with a secret %d" % self.network_id
        code, _, err = cli("put", "--gateway", self.gw.url, "--secret", "s3cret", "--ttl", "1h", key, "removable")
        self.assertEqual(code, 0, err)
        code, out, err = cli("details", "--gateway", self.gw.url, "--format", "json", key)
        self.assertEqual(code, 0, err)
        (item,) = [json.loads(line) for line in out.splitlines()]
        self.assertTrue(item["removable"])
        self.assertEqual(item["secret_hash"], sha1(b"s3cret").hex())
        self.assertIs(item["permanent"], False)  # a classic item lives its exact TTL

    def test_type_filter(self):
        key = sha1(b"typed " + str(self.network_id).encode()).hex()
        self.producer.put("p %s a-user-data-value" % key)
        self.wait_values(self.urls["stock proxy"], key, 1)
        code, out, err = cli("details", "--gateway", self.urls["stock proxy"], "--key-mode", "hex", "--type",
                             "user data", "--format", "json", key)
        self.assertEqual(code, 0, err)
        self.assertEqual(len(out.splitlines()), 1)
        code, out, err = cli("details", "--gateway", self.urls["stock proxy"], "--key-mode", "hex", "--type",
                             "certificate", key)
        self.assertEqual(code, 3, out)
        self.assertIn("no value of type 8 certificate", err)
        code, _, err = cli("get", "--gateway", self.urls["stock proxy"], "--type", "no-such-type", key)
        self.assertEqual(code, 2)
        self.assertIn("is not a value type", err)


if __name__ == "__main__":
    unittest.main()
