"""opendht-cli on our gateway (issue 13, client side): GET / says the gateway speaks both
protocols, so fetches, plain puts and watches go through the REST API (no XML-RPC call is
made: the gateway's `calls` count stays), while puts with a secret and rm stay classic; classic
clients still see everything; a watch lives across the gateway killed and restarted, each value
printed once."""

import hashlib
import os
import subprocess
import threading
import unittest

from harness import B, Gateway, GatewayTestCase, _kill_group, _spawn, free_port, poll, values
from test_proxy_cli import CLI, cli

EVENT_DEADLINE = 60.0


class CliOverRest(GatewayTestCase):
    def calls(self, gw):
        return gw.info()[2]["calls"]

    def test_fetch_and_plain_put_use_rest_secrets_and_rm_stay_classic(self):
        gw = self.start_gateway()
        key = self.id()
        before = self.calls(gw)
        code, _, err = cli("put", "--gateway", gw.url, "--ttl", "1h", key, "plain")
        self.assertEqual(code, 0, err)
        code, out, err = cli("get", "--gateway", gw.url, key)
        self.assertEqual((code, out), (0, "plain\n"), err)
        self.assertEqual(self.calls(gw), before, "a fetch or a plain put went through XML-RPC")
        self.assertEqual(cli("put", "--gateway", gw.url, "--ttl", "1h", "--secret", "s", key, "removable")[0], 0)
        self.assertEqual(self.calls(gw), before + 1)
        self.assertEqual(cli("rm", "--gateway", gw.url, "--secret", "s", key, "removable")[0], 0)
        self.assertEqual(self.calls(gw), before + 2)
        self.assertEqual(cli("get", "--gateway", gw.url, key)[1], "plain\n")
        # A classic client sees the item put through REST, as an item.
        self.assertEqual(values(gw.rpc(), hashlib.sha1(key.encode()).digest()), [b"plain"])
        # --kind classic: the classic protocol only.
        code, out, _ = cli("get", "--gateway", gw.url, "--kind", "classic", key)
        self.assertEqual((code, out), (0, "plain\n"))
        self.assertGreater(self.calls(gw), before + 2)  # its pages went through XML-RPC

    def test_watch_across_a_gateway_killed_and_restarted_prints_each_value_once(self):
        port = free_port()
        gw = self.start_gateway(extra_args=["--port", str(port)])
        key = self.id()
        log = os.path.join(self.workdir, "watch.log")
        watch = _spawn([CLI, "watch", "--gateway", gw.url, "--count", "3", key], log)
        self.addCleanup(_kill_group, watch)
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(watch.stdout), daemon=True)
        reader.start()
        poll(lambda: b"watch: live" in open(log, "rb").read(), EVENT_DEADLINE, "the watch to go live")
        self.assertEqual(cli("put", "--gateway", gw.url, "--ttl", "1h", key, "one")[0], 0)
        poll(lambda: len(lines) >= 1, EVENT_DEADLINE, "the watch to print the first value")
        gw.kill()
        again = Gateway(self.workdir, self.network_id, state_dir=gw.state_dir, extra_args=["--port", str(port)],
                        name="gw-again")
        self.procs.append(again)
        self.assertEqual(again.rpc().put(B(hashlib.sha1(key.encode()).digest()), B(b"two"), 3600, "t"), 0)
        self.assertEqual(cli("put", "--gateway", again.url, "--ttl", "1h", key, "three")[0], 0)
        try:
            watch.wait(EVENT_DEADLINE)
        except subprocess.TimeoutExpired:
            self.fail("the watch printed %r, then nothing; its log: %r" % (lines, open(log, "rb").read()))
        reader.join(EVENT_DEADLINE)  # the exit comes before the reader has taken the last lines off the pipe
        self.assertEqual(watch.returncode, 0)
        self.assertEqual(sorted(lines), [b"one\n", b"three\n", b"two\n"])  # each exactly once
        self.assertEqual(self.calls(again), 1)  # only the classic put: the watch listened


if __name__ == "__main__":
    unittest.main()
