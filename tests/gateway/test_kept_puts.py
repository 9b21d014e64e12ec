"""Puts through a stock OpenDHT proxy that outlive their 24 hours (issue #21), as opendht-cli
makes them: a TTL over 22 hours warns on stderr when the value will really leave the DHT and
offers a gateway of ours that speaks REST when one is known; --keep stays and refreshes (the
refresh interval shortened with the test hook ODB_TEST_KEEPER_REFRESH_MS) and sends the
downgrade on SIGINT. A TEST-ONLY relay in front of the proxy counts the POSTs."""

import hashlib
import os
import signal
import subprocess
import tempfile
import unittest

from harness import GatewayTestCase, _kill_group, _spawn, poll
from relay import PostCountingRelay
from test_proxy_cli import CLI

EVENT_DEADLINE = 60.0


class KeptPutsThroughProxy(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        first = cls.start_proxy()
        cls.proxy = cls.start_proxy(bootstrap=first.dht_addr)
        cls.relay = PostCountingRelay(cls.workdir, cls.proxy.http_port)
        cls.addClassCleanup(cls.relay.kill)

    def setUp(self):
        # The gateways this user knows, and the browser's data: this test's own.
        home = tempfile.mkdtemp(dir=self.workdir)
        self.env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"),
                        XDG_CACHE_HOME=os.path.join(home, "cache"), XDG_DATA_HOME=os.path.join(home, "data"))

    def cli(self, *args):
        r = subprocess.run([CLI, *args], capture_output=True, timeout=60, env=self.env)
        return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

    def posts_for(self, key):
        path = "/key/" + hashlib.sha1(key.encode()).hexdigest()
        return [p for p in self.relay.seen() if p["path"] == path]

    def wait_last_post(self, key, permanent):
        """The relay reports a POST after answering it: wait for the report of the last one."""
        try:
            poll(lambda: [p["permanent"] for p in self.posts_for(key)][-1:] == [permanent], EVENT_DEADLINE,
                 "the relay's report of a %s POST" % ("permanent" if permanent else "plain"))
        except AssertionError:
            self.fail("POSTs seen: %r" % self.posts_for(key))

    def put(self, *args):
        """A put through the relay, tried until the proxy has found its DHT peer (502 before)."""
        result = []
        poll(lambda: result.append(self.cli("put", "--gateway", self.relay.url, *args)) or result[-1][0] == 0,
             15, "a put through the proxy")
        return result[-1]

    def test_two_day_put_warns_when_it_really_ends(self):
        key = self.id()
        _, _, err = self.put("--ttl", "2d", key, "two days")
        self.assertIn("warning:", err)
        self.assertIn("leaves the DHT about", err)
        self.assertIn("tomorrow", err)  # 24 hours after the put, not in 2 days
        self.assertIn("--keep", err)
        self.wait_last_post(key, permanent=True)

    def test_warning_offers_a_gateway_of_ours(self):
        gw = self.start_gateway()
        code, _, err = self.cli("gateways", "add", gw.url)
        self.assertEqual(code, 0, err)
        _, _, err = self.put("--ttl", "3d", self.id(), "three days")
        self.assertIn("put it through %s instead" % gw.url, err)

    def test_ten_minutes_need_no_keeping(self):
        key = self.id()
        _, _, err = self.put("--ttl", "10m", key, "ten minutes")
        self.assertEqual(err, "")
        self.wait_last_post(key, permanent=False)

    def test_an_hour_notes_that_the_proxy_keeps_it_a_day(self):
        _, _, err = self.put("--ttl", "1h", self.id(), "an hour")
        self.assertIn("note:", err)
        self.assertIn("--keep", err)

    def test_a_ttl_under_the_proxys_day_outlives_it_rather_than_ending_early(self):
        # 23 hours: past the keeper's 22-hour refresh interval, yet within the 24 hours the proxy
        # holds a permanent put, so the value stays past its TTL: a note, no warning.
        _, _, err = self.put("--ttl", "23h", self.id(), "twenty-three hours")
        self.assertIn("note:", err)
        self.assertIn("keeps this value in the DHT until about", err)
        self.assertIn("tomorrow", err)
        self.assertNotIn("warning:", err)
        self.assertNotIn("leaves the DHT about", err)

    def test_keep_refreshes_and_downgrades_on_sigint(self):
        key = self.id()
        log = os.path.join(self.workdir, "keep.log")
        # env(1) execs the CLI, so the signal below reaches it; the hook makes refreshes come fast.
        variables = ["%s=%s" % (k, self.env[k]) for k in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")]
        proc = _spawn(["env", "ODB_TEST_KEEPER_REFRESH_MS=300", *variables, CLI, "put", "--gateway",
                       self.relay.url, "--keep", "--ttl", "2d", key, "kept"], log, stdout=subprocess.DEVNULL)
        self.addCleanup(_kill_group, proc)
        poll(lambda: sum(1 for p in self.posts_for(key) if p["permanent"] and p["status"] == 200) >= 3
             or proc.poll() is not None, EVENT_DEADLINE, "the first POST and two refreshes")
        self.assertIsNone(proc.poll(), open(log, errors="replace").read())
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(EVENT_DEADLINE)
        except subprocess.TimeoutExpired:
            self.fail("--keep did not stop on SIGINT: " + open(log, errors="replace").read())
        err = open(log, errors="replace").read()
        self.assertEqual(code, 0, err)
        # The relay reports a POST after answering it: its report of the downgrade may come last.
        try:
            poll(lambda: not self.posts_for(key)[-1]["permanent"], EVENT_DEADLINE, "the relay's report of the downgrade")
        except AssertionError:
            self.fail("no downgrade after SIGINT: %r" % self.posts_for(key))
        last = self.posts_for(key)[-1]
        self.assertEqual((last["permanent"], last["status"]), (False, 200), self.posts_for(key))
        self.assertIn("downgrade sent: the value leaves the DHT within 10 minutes", err)
        self.assertNotIn("warning:", err)  # it stayed: the TTL holds


if __name__ == "__main__":
    unittest.main()
