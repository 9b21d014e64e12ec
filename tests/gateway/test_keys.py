"""GET /keys (issue 20): a gateway lists the keys it stores, in pages, each key exactly once with
its figures; --list-keys off|local|all says who may list (local: loopback clients only)."""

import base64
import hashlib
import http.client
import json
import subprocess
import time
import unittest

from harness import B, GATEWAY, GatewayTestCase, poll

KEYS = 5000
VALUES_PER_KEY = 4
CLASSIC_KEYS = 10
# The gateway's own presence among keepers (README, Keeping) is stored here too, once its
# keeper key is made.
PRESENCE = hashlib.sha1(b"opendht-gateway/keepers/v1").hexdigest()


def get(port, path, host="127.0.0.1", source=None, timeout=30.0):
    """GET path as (status, body bytes) on a fresh connection, optionally from a source address."""
    c = http.client.HTTPConnection(host, port, timeout=timeout,
                                   source_address=(source, 0) if source else None)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def lines_of(body):
    return [json.loads(line) for line in body.split(b"\n") if line.strip()]


def list_all(port, limit):
    """Every page of GET /keys: (key lines, number of pages, the totals of the end lines)."""
    keys, pages, totals, cursor = [], 0, set(), ""
    while True:
        status, body = get(port, "/keys?limit=%d%s" % (limit, "&cursor=" + cursor if cursor else ""))
        if status != 200:
            raise AssertionError("page %d: %d %r" % (pages, status, body[:300]))
        lines = lines_of(body)
        end = lines.pop()
        pages += 1
        keys += lines
        totals.add(end["total"])
        if len(lines) > limit:
            raise AssertionError("a page of %d keys for limit %d" % (len(lines), limit))
        if not end["next"]:
            return keys, pages, totals
        if end["next"] != lines[-1]["key"]:
            raise AssertionError("next %r is not the page's last key %r" % (end["next"], lines[-1]["key"]))
        cursor = end["next"]


def put_values(port, keys):
    """VALUES_PER_KEY REST puts a key, on one keep-alive connection. Returns {hex: data bytes}."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sizes = {}
    try:
        for k in keys:
            for v in range(VALUES_PER_KEY):
                data = b"value %d of %s" % (v, k.encode())
                body = json.dumps({"data": base64.b64encode(data).decode(), "type": 0})
                c.request("POST", "/key/" + k, body=body, headers={"Content-Type": "application/json"})
                r = c.getresponse()
                r.read()
                if r.status != 200:
                    raise AssertionError("POST /key/%s -> %d" % (k, r.status))
                sizes[k] = sizes.get(k, 0) + len(data)
    finally:
        c.close()
    return sizes


def own_address():
    """An IPv4 address of this machine other than loopback, or None."""
    try:
        out = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():
        fields = line.split()
        if "inet" in fields:
            address = fields[fields.index("inet") + 1].split("/")[0]
            if not address.startswith("127."):
                return address
    return None


class Listing(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()
        cls.started_ms = int(time.time() * 1000)
        cls.hexkeys = [hashlib.sha1(b"stored key %d" % i).hexdigest() for i in range(KEYS)]
        began = time.monotonic()
        cls.sizes = put_values(cls.gw.http_port, cls.hexkeys)
        cls.put_seconds = time.monotonic() - began
        rpc = cls.gw.rpc()
        cls.classic = [hashlib.sha1(b"classic %d" % i).hexdigest() for i in range(CLASSIC_KEYS)]
        for k in cls.classic:
            assert rpc.put(B(bytes.fromhex(k)), B(b"an item"), 3600, "test_keys") == 0

    def test_pages_list_each_key_exactly_once_with_its_figures(self):
        keys, pages, totals = list_all(self.gw.http_port, 777)
        listed = [k["key"] for k in keys]
        self.assertEqual(len(listed), len(set(listed)), "a key was listed twice")
        self.assertEqual(listed, sorted(listed), "keys are not in InfoHash order")
        ours = set(self.hexkeys) | set(self.classic)
        self.assertEqual(ours - set(listed), set(), "keys not listed")
        self.assertLessEqual(set(listed) - ours, {PRESENCE}, "keys listed that nobody stored")
        self.assertEqual(totals, {len(listed)})
        self.assertEqual(pages, -(-len(listed) // 777))
        now_ms = int(time.time() * 1000)
        by_key = {k["key"]: k for k in keys}
        for h in self.hexkeys:
            k = by_key[h]
            self.assertEqual((k["values"], k["bytes"], k["items"]), (VALUES_PER_KEY, self.sizes[h], 0), k)
            self.assertTrue(self.started_ms - 1000 <= k["newest_ms"] <= now_ms + 1000, k)
        for h in self.classic:
            self.assertEqual((by_key[h]["values"], by_key[h]["items"]), (1, 1), by_key[h])
        print("\n%d REST puts in %.1f s; %d pages listed" % (KEYS * VALUES_PER_KEY, self.put_seconds, pages))

    def test_limit_default_bound_and_bad_arguments(self):
        port = self.gw.http_port
        self.assertEqual(len(lines_of(get(port, "/keys")[1])), 1000 + 1)
        # Beyond the bound (10 000) a limit is the bound: here every key in one page.
        every = lines_of(get(port, "/keys?limit=50000")[1])
        self.assertEqual(len(every) - 1, every[-1]["total"])
        self.assertEqual(every[-1]["next"], "")
        self.assertEqual(get(port, "/keys/")[0], 200)  # a trailing slash, as on the proxy routes
        for bad in ("/keys?limit=0", "/keys?limit=many", "/keys?cursor=xyz", "/keys?cursor=" + "0" * 39):
            status, body = get(port, bad)
            self.assertEqual(status, 400, bad)
            self.assertIn("err", json.loads(body))
        # The last key as cursor: nothing after it, and the end.
        last = every[-2]["key"]
        self.assertEqual(lines_of(get(port, "/keys?cursor=" + last)[1]), [{"next": "", "total": len(every) - 1}])

    def test_node_info_counts_the_keys(self):
        listed = lines_of(get(self.gw.http_port, "/keys?limit=1")[1])[-1]["total"]

        def counted():
            doc = self.gw.info()[2]["stored_keys"]
            return doc if doc["count"] == listed else None
        # A count older than 5 s is retaken by a GET / for the next one.
        doc = poll(counted, 30, "GET / to count the %d keys listed" % listed, self.gw.check_alive, 0.5)
        self.assertEqual(doc["listing"], "local")
        self.assertLessEqual(doc["age_s"], 10)

    def test_the_proxy_routes_are_not_taken(self):
        # /key/{key} is still the proxy's get, and a path merely starting with "keys" the status.
        status, body = get(self.gw.http_port, "/key/" + self.hexkeys[0])
        self.assertEqual((status, len(lines_of(body))), (200, VALUES_PER_KEY))
        status, body = get(self.gw.http_port, "/keysfoo")
        self.assertEqual(json.loads(body)["service"], "opendht-gateway")


class Policy(GatewayTestCase):
    def test_off_refuses_with_a_sentence(self):
        gw = self.start_gateway(extra_args=["--list-keys", "off"])
        status, body = get(gw.http_port, "/keys")
        self.assertEqual(status, 403)
        self.assertIn("--list-keys off", json.loads(body)["err"])
        self.assertEqual(gw.info()[2]["stored_keys"]["listing"], "off")

    def test_a_bad_policy_stops_the_gateway_at_start(self):
        r = subprocess.run([GATEWAY, "--port", "0", "--list-keys", "everyone"], capture_output=True,
                           text=True, timeout=30)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--list-keys wants off, local or all", r.stderr)

    def test_local_serves_loopback_only_and_all_serves_others(self):
        local = self.start_gateway(extra_args=["--listen", "0.0.0.0"])
        self.assertEqual(get(local.http_port, "/keys")[0], 200)
        address = own_address()
        if address is None:
            self.skipTest("this machine has no IPv4 address but loopback: the non-loopback client "
                          "is not tried (the rule itself is unit.tst_keylistpolicy)")
        status, body = get(local.http_port, "/keys", host=address, source=address)
        self.assertEqual(status, 403, "a client from %s was not refused by --list-keys local" % address)
        self.assertIn("--list-keys local", json.loads(body)["err"])
        everyone = self.start_gateway(extra_args=["--listen", "0.0.0.0", "--list-keys", "all"])
        status, body = get(everyone.http_port, "/keys", host=address, source=address)
        self.assertEqual(status, 200, body)
        self.assertEqual(lines_of(body)[-1]["next"], "")


if __name__ == "__main__":
    unittest.main()
