"""opendht-cli probe --benchmark (issue #15, item 4): real gets on gateways behind TEST-ONLY
DelayRelays of known delays, at once; the conclusion names the fastest and how much faster it is
than the one in use; the CSV export parses back."""

import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from delay_relay import DelayRelay
from harness import SANITIZED, GatewayTestCase

CLI = os.environ.get("ODB_CLI", os.path.join(os.path.dirname(__file__), "../../build/app/opendht-cli"))
FAST, SLOW = 50, 150  # ms added by the relays

HOME = tempfile.mkdtemp(prefix="probe-bench-home-")  # the CLI's settings and cache, not the user's
ENV = dict(os.environ, XDG_CONFIG_HOME=os.path.join(HOME, "config"), XDG_CACHE_HOME=os.path.join(HOME, "cache"))


def benchmark(*args):
    r = subprocess.run([CLI, "probe", "--benchmark", "--interval", "0", "--timeout", "5s", *args],
                       capture_output=True, timeout=120, env=ENV)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


class Benchmark(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw = cls.start_gateway()
        cls.fast, cls.slow = DelayRelay(cls.gw.http_port, FAST), DelayRelay(cls.gw.http_port, SLOW)
        cls.addClassCleanup(cls.fast.close)
        cls.addClassCleanup(cls.slow.close)
        cls.fast_url = "http://127.0.0.1:%d/" % cls.fast.port
        cls.slow_url = "http://127.0.0.1:%d/" % cls.slow.port

    def test_the_fastest_is_named_with_its_ratio_to_the_one_in_use(self):
        code, out, err = benchmark("--json", "--rounds", "6", "--gateway", self.slow_url, self.slow_url, self.fast_url)
        self.assertEqual(code, 0, err)
        lines = [json.loads(line) for line in out.splitlines()]
        rows, conclusion = {r["url"]: r for r in lines[:-1]}, lines[-1]
        self.assertEqual((rows[self.fast_url]["gets"], rows[self.slow_url]["gets"]), (6, 6))
        self.assertEqual(conclusion["fastest"], self.fast_url)
        self.assertEqual(conclusion["in_use"], self.slow_url)
        expected = rows[self.slow_url]["median_ms"] / rows[self.fast_url]["median_ms"]
        self.assertAlmostEqual(conclusion["ratio"], expected, delta=expected * 0.01)
        # The relays' delays dominate: the ratio is theirs, within 10 % (25 % under the sanitizers,
        # whose gateway adds 10 to 20 ms of its own to both medians).
        tolerance = 0.25 if SANITIZED else 0.10
        self.assertAlmostEqual(conclusion["ratio"], SLOW / FAST, delta=SLOW / FAST * tolerance, msg=conclusion)
        self.assertTrue(any("Fastest healthy gateway" in l for l in conclusion["conclusion"]), conclusion)
        self.assertTrue(any("times as fast as" in l for l in conclusion["conclusion"]), conclusion)

    def test_csv_export_parses_back_and_puts_are_measured(self):
        path = os.path.join(HOME, "bench.csv")
        code, out, err = benchmark("--rounds", "3", "--puts", "--csv", path, self.fast_url, self.slow_url)
        self.assertEqual(code, 0, err)
        self.assertIn("Fastest healthy gateway", out)
        with open(path, newline="") as f:
            rows = {r["url"]: r for r in csv.DictReader(f)}
        self.assertEqual(set(rows), {self.fast_url, self.slow_url})
        for url, delay in ((self.fast_url, FAST), (self.slow_url, SLOW)):
            r = rows[url]
            self.assertEqual((r["kind"], r["gets"], r["puts"], r["get_failures"], r["put_failures"]),
                             ("classic", "3", "3", "0", "0"), r)
            self.assertGreaterEqual(float(r["median_ms"]), delay)
            self.assertGreaterEqual(float(r["put_median_ms"]), delay)
            self.assertEqual(r["health"], "this computer only")


def tearDownModule():
    shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
