"""A put through a stock proxy whose TTL (20 minutes) is between one type lifetime and the
proxy's 24 hours ends at DHT level within one type lifetime of the TTL (issue #21), not at 24
hours: `opendht-cli put --keep` sends the downgrade at the TTL's end, and the value is then gone
from both proxies within 10 minutes. About 31 minutes: label soak."""

import hashlib
import os
import subprocess
import time
import unittest

from harness import GatewayTestCase, _kill_group, _spawn, poll
from relay import PostCountingRelay
from test_proxy_cli import CLI

TTL_S = 20 * 60
LIFETIME_S = 10 * 60  # USER_DATA, type 0
MARGIN_S = 90         # the proxies' maintenance rounds and this test's polling


class KeptPutEndsWithItsTtl(GatewayTestCase):
    def test_twenty_minute_put_is_downgraded_and_gone_within_ten_minutes(self):
        first = self.start_proxy()
        holder = self.start_proxy(bootstrap=first.dht_addr)
        relay = PostCountingRelay(self.workdir, holder.http_port)
        self.addCleanup(relay.kill)
        key = self.id()
        key_hex = hashlib.sha1(key.encode()).hexdigest()
        log = os.path.join(self.workdir, "keep.log")
        proc = None

        def started():
            nonlocal proc
            proc = _spawn([CLI, "put", "--gateway", relay.url, "--keep", "--ttl", "%ds" % TTL_S, key, "soak"], log,
                          stdout=subprocess.DEVNULL)
            self.addCleanup(_kill_group, proc)
            # The first POST answered 200 (then it keeps the put), or the CLI gave up (the proxy
            # had no DHT peer yet: 502) and is tried again.
            poll(lambda: proc.poll() is not None or any(p["permanent"] and p["status"] == 200 for p in relay.seen()),
                 60, "the first POST answered")
            return proc.poll() is None
        poll(started, 60, "a kept put through the proxy", interval=1)
        put_at = time.monotonic()
        poll(lambda: first.get_values(key_hex), 30, "the value at the other proxy")
        try:
            code = proc.wait(TTL_S + 120)
        except subprocess.TimeoutExpired:
            self.fail("--keep did not end with the TTL: " + open(log, errors="replace").read())
        downgraded_at = time.monotonic()
        self.assertEqual(code, 0, open(log, errors="replace").read())
        self.assertGreaterEqual(downgraded_at - put_at, TTL_S - 5)
        # The relay reports a POST after answering it: wait for the report of the downgrade.
        poll(lambda: [(p["permanent"], p["status"]) for p in relay.seen()][-1] == (False, 200), 60,
             "the relay's report of the downgrade")
        for p in (holder, first):
            poll(lambda: not p.get_values(key_hex), LIFETIME_S + MARGIN_S,
                 "the value gone from %s within a type lifetime of its TTL" % p, interval=5)
        self.assertLess(time.monotonic() - downgraded_at, LIFETIME_S + MARGIN_S)


if __name__ == "__main__":
    unittest.main()
