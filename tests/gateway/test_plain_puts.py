"""Plain OpenDHT values put by opendht-cli (issue #19) for other software: the bytes as they are,
with the chosen value type and user type, read back by a stock dhtnode's shell and by
python3-opendht, through a stock `dhtnode --proxyserver` and through our gateway's REST API; a
gateway that speaks only XML-RPC refuses them with the reason; --once warns when the value ends
before its TTL; a kept put stopped with Ctrl+C ends within one type lifetime."""

import hashlib
import os
import signal
import subprocess
import tempfile
import time
import unittest

from harness import GatewayTestCase, _kill_group, _spawn, poll
from plain import ShellReader, python_values, shell_shows, wait_python_value
from test_proxy_cli import CLI

EVENT_DEADLINE = 60.0
# A stock node's expiry runs on its own scheduler: a little more than the lifetime, under load.
EXPIRY_SLACK = 20.0


def key_hex(key):
    return hashlib.sha1(key.encode()).hexdigest()


class PlainPutsByTheCli(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.start_proxy()
        cls.proxy = cls.start_proxy(bootstrap=cls.first.dht_addr)
        cls.proxy_url = "http://127.0.0.1:%d/" % cls.proxy.http_port
        cls.gw = cls.start_gateway(bootstrap=[cls.first.dht_addr])
        cls.shell = ShellReader(cls.workdir, cls.network_id, cls.first.dht_addr)
        cls.procs.append(cls.shell)

    def setUp(self):
        home = tempfile.mkdtemp(dir=self.workdir)
        self.env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"),
                        XDG_CACHE_HOME=os.path.join(home, "cache"), XDG_DATA_HOME=os.path.join(home, "data"))

    def variables(self):
        """This test's data directories, for env(1), which execs the CLI (a signal reaches it)."""
        return ["%s=%s" % (k, self.env[k]) for k in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")]

    def cli(self, *args):
        r = subprocess.run([CLI, *args], capture_output=True, timeout=60, env=self.env)
        return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

    def put(self, *args):
        """A put, tried until the gateway's DHT node has found its peers (502 before)."""
        result = []
        poll(lambda: result.append(self.cli("put", *args)) or result[-1][0] == 0, EVENT_DEADLINE,
             "a plain put: %r" % (result[-1:],), interval=0.5)
        return result[-1]

    def test_a_plain_value_is_read_by_dhtnode_and_python_with_its_type_and_user_type(self):
        key = self.id()
        code, out, err = self.put("--plain", "--type", "IM message", "--user-type", "text/plain", "--ttl", "5m",
                                  "--gateway", self.proxy_url, key, "hello other software")
        self.assertEqual(err, "")  # 5 minutes: one POST lives the TTL of an IM message, no warning
        lines = []
        poll(lambda: lines.append(self.shell.get(key_hex(key), EVENT_DEADLINE)) or
             shell_shows(lines[-1], "hello other software", "text/plain"), EVENT_DEADLINE,
             "dhtnode's g to show the value", interval=1.0)
        index = self.shell.query_type(key_hex(key), 3, EVENT_DEADLINE)
        self.assertTrue(any("ValueType:3," in l and "UserType:text/plain" in l for l in index), index)
        self.assertEqual(self.shell.query_type(key_hex(key), 0, EVENT_DEADLINE), [])  # not user data
        user_type = wait_python_value(self.network_id, self.first.dht_addr, key_hex(key), 3,
                                      b"hello other software", EVENT_DEADLINE)
        self.assertEqual(user_type, "text/plain")

    def test_binary_bytes_through_our_gateway_arrive_as_they_are(self):
        key = self.id()
        data = bytes(range(256))
        path = os.path.join(self.workdir, "binary")
        with open(path, "wb") as f:
            f.write(data)
        self.put("--plain", "--type", "0", "--user-type", "urfd-config-1", "--ttl", "10m", "--file", path,
                 "--gateway", self.gw.url, key)
        user_type = wait_python_value(self.network_id, self.first.dht_addr, key_hex(key), 0, data,
                                      EVENT_DEADLINE)
        self.assertEqual(user_type, "urfd-config-1")

    def test_a_gateway_that_speaks_only_xmlrpc_refuses_with_the_reason(self):
        code, out, err = self.cli("put", "--plain", "--kind", "classic", "--gateway", self.gw.url, self.id(), "x")
        self.assertNotEqual(code, 0)
        self.assertIn("speaks only the classic Open DHT protocol", err)
        self.assertIn("plain OpenDHT values need an OpenDHT proxy or opendht-gateway", err)

    def test_bad_plain_options_are_refused_before_anything_is_sent(self):
        code, _, err = self.cli("put", "--plain", "--type", "70000", "--gateway", self.proxy_url, "k", "v")
        self.assertEqual(code, 2)
        self.assertIn('--type "70000" is not a value type', err)
        code, _, err = self.cli("put", "--user-type", "text/plain", "--gateway", self.proxy_url, "k", "v")
        self.assertEqual(code, 2)
        self.assertIn("--user-type goes with --plain", err)

    def test_once_warns_when_the_value_ends_before_its_ttl(self):
        key = self.id()
        code, out, err = self.put("--plain", "--once", "--type", "5", "--ttl", "3m", "--gateway", self.proxy_url,
                                  key, "ice once")
        self.assertIn("warning: a single POST of a value of type 5 ICE candidates lives", err)
        self.assertIn("before its TTL ends at", err)
        wait_python_value(self.network_id, self.first.dht_addr, key_hex(key), 5, b"ice once", EVENT_DEADLINE)

    def test_a_kept_put_stopped_with_ctrl_c_ends_within_one_type_lifetime(self):
        key = self.id()
        log = os.path.join(self.workdir, "kept-stopped.log")
        proc = None
        for _ in range(int(EVENT_DEADLINE / 2)):  # until the proxy's node has its peer
            proc = _spawn(["env", *self.variables(), CLI, "put", "--plain", "--type", "5", "--user-type", "ice",
                           "--ttl", "1h", "--gateway", self.proxy_url, key, "kept ice"], log,
                          stdout=subprocess.DEVNULL)
            self.addCleanup(_kill_group, proc)
            try:
                poll(lambda: "kept for its TTL" in open(log).read() or proc.poll() is not None, EVENT_DEADLINE,
                     "opendht-cli to keep the put")
            except AssertionError:
                self.fail(open(log).read())
            if proc.poll() is None:
                break
            time.sleep(2)
        self.assertIn("leaves the DHT between", open(log).read())
        wait_python_value(self.network_id, self.first.dht_addr, key_hex(key), 5, b"kept ice", EVENT_DEADLINE)
        proc.send_signal(signal.SIGINT)
        stopped = time.monotonic()
        self.assertEqual(proc.wait(EVENT_DEADLINE), 0, open(log).read())
        self.assertIn("downgrade sent: the value leaves the DHT within 1 minute", open(log).read())
        poll(lambda: b"kept ice" not in [d for d, _ in python_values(self.network_id, self.first.dht_addr,
                                                                     key_hex(key), 5)],
             60 + EXPIRY_SLACK + EVENT_DEADLINE / 2, "the stopped value to leave the DHT", interval=2.0)
        self.assertLess(time.monotonic() - stopped, 60 + EXPIRY_SLACK + EVENT_DEADLINE / 2)


if __name__ == "__main__":
    unittest.main()
