"""A plain value of type 5 (ICE candidates: a stock node keeps one 1 minute after its last store)
put by opendht-cli with a TTL of 3 minutes (issue #19): kept alive past its type's lifetime (still
read by python3-opendht at 2.5 minutes), downgraded at the TTL's end, and gone within a minute
after the 3. About 4 minutes: soak-labelled."""

import os
import subprocess
import tempfile
import time
import unittest

from harness import GatewayTestCase, _kill_group, _spawn, poll
from plain import python_values, wait_python_value
from test_plain_puts import EVENT_DEADLINE, EXPIRY_SLACK, key_hex
from test_proxy_cli import CLI

TTL = 180.0
LIFETIME = 60.0


class PlainValueKeptToItsTtl(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.start_proxy()
        cls.proxy = cls.start_proxy(bootstrap=cls.first.dht_addr)

    def test_a_type_5_value_lives_its_3_minute_ttl_and_ends_within_a_minute_after(self):
        home = tempfile.mkdtemp(dir=self.workdir)
        variables = ["%s=%s" % (k, os.path.join(home, k)) for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME")]
        key = self.id()
        log = os.path.join(self.workdir, "soak-cli.log")
        url = "http://127.0.0.1:%d/" % self.proxy.http_port
        for _ in range(int(EVENT_DEADLINE / 2)):  # until the proxy's node has its peer (502 before)
            started = time.monotonic()
            proc = _spawn(["env", *variables, CLI, "put", "--plain", "--type", "ICE candidates", "--user-type",
                           "soak", "--ttl", "3m", "--gateway", url, key, "ice for 3 minutes"], log,
                          stdout=subprocess.DEVNULL)
            self.addCleanup(_kill_group, proc)
            poll(lambda: "kept for its TTL" in open(log).read() or proc.poll() is not None, EVENT_DEADLINE,
                 "opendht-cli to keep the put")
            if proc.poll() is None:
                break
            time.sleep(2)
        self.assertIsNone(proc.poll(), open(log).read())
        wait_python_value(self.network_id, self.first.dht_addr, key_hex(key), 5, b"ice for 3 minutes",
                          EVENT_DEADLINE)
        # Past twice its type's lifetime: still there, as the TTL asks.
        time.sleep(max(0.0, started + 150 - time.monotonic()))
        seen = python_values(self.network_id, self.first.dht_addr, key_hex(key), 5)
        self.assertIn((b"ice for 3 minutes", "soak"), seen, "at 2.5 minutes")
        # At the TTL's end the CLI downgrades and exits by itself.
        self.assertEqual(proc.wait(TTL + EVENT_DEADLINE), 0, open(log).read())
        self.assertIn("downgrade sent: the value leaves the DHT within 1 minute", open(log).read())
        poll(lambda: (b"ice for 3 minutes", "soak") not in python_values(self.network_id, self.first.dht_addr,
                                                                        key_hex(key), 5),
             started + TTL + LIFETIME + EXPIRY_SLACK - time.monotonic(),
             "the value to be gone within a minute after its TTL", interval=2.0)
        print("gone %.0f s after the put (TTL %d s)" % (time.monotonic() - started, TTL))


if __name__ == "__main__":
    unittest.main()
