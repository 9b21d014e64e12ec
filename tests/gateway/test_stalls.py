"""No stall for other clients under a put flood (hardening issue, item 9): while 64 connections
from four addresses put as fast as the gateway answers for a minute (ODB_STALL_FLOOD_SECONDS),
and then while their items end, another client's pings are answered within a limit. A speed budget, so labelled bench (outside the
default run, like ui.tst_storedpaging): it is meant to hold on an idle machine and says little on one
whose cores are shared with builds. The flood is bounded (puts and seconds); every process is
stopped at the end (harness).

The limit (ODB_STALL_LIMIT_MS, default 100: the issue's goal) is on the slowest ping less the
latest wake-up of this process's own 20 ms sleeps over the same time: on 2 cores shared with
builds every process waits for a core now and then (a sleep woke up to 15-143 ms late at load
10-17), and that is the machine, not the gateway. The figures are printed.
"""

import os
import subprocess
import sys
import time
import unittest

from harness import GatewayTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["127.0.0.%d" % n for n in range(2, 6)]
CONNECTIONS = 16  # per address: 64 in all, as flood_bench's wrk
# The attack run's 60 s by default: long enough for the gateway's tables to pass 260 000 entries.
FLOOD_SECONDS = int(os.environ.get("ODB_STALL_FLOOD_SECONDS", "60"))
PUTS_PER_SOURCE = 400000
TTL = 30
LIMIT_MS = float(os.environ.get("ODB_STALL_LIMIT_MS", "100"))


def summary(times):
    """times: (seconds taken, seconds since the phase began, what was asked) for each answer."""
    got = sorted(times)
    slowest = ", ".join("%s %.1f ms at %.1f s" % (what, 1000 * took, at) for took, at, what in got[-3:][::-1])
    return "n %d, p50 %.1f ms, p99 %.1f ms, slowest %s" % (
        len(got), 1000 * got[len(got) // 2][0], 1000 * got[int(len(got) * 0.99)][0], slowest)


class PutFloodStallTest(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Nobody over its share, and room for 450 000 keys of the flood (random keys, past the
        # default --search-budget of 100 000): every put is kept until a client reaches a quarter
        # of the budget (about 35 s into the flood on a quiet machine), refused from then on.
        # At log level info, the gateway says when it gives freed memory back.
        cls.gw = cls.start_gateway(capacity=1 << 34,
                                   extra_args=["--search-budget", "500000", "--log-level", "info"])

    def trims(self):
        with open(self.gw.log_path, errors="replace") as log:
            return [line.strip() for line in log if "kept at the peak are gone" in line]

    def pings_until(self, done, what, timeout):
        """Another client's ping every 20 ms, and GET / every second (what a monitor polls),
        until done(GET /'s document): each answer's time (see summary), and how late this
        process's own 20 ms sleeps woke up (the machine's scheduling delay, which no gateway can
        avoid)."""
        rpc = self.gw.rpc(timeout=30, source="127.0.0.250")
        times, late, last_info = [], [0.0], 0.0
        began = time.monotonic()
        deadline = began + timeout
        while True:
            self.assertLess(time.monotonic(), deadline, "no %s within %d s" % (what, timeout))
            start = time.monotonic()
            rpc.ping()
            times.append((time.monotonic() - start, start - began, "ping"))
            if start - last_info >= 1:
                last_info = time.monotonic()
                doc = self.gw.info()[2]
                times.append((time.monotonic() - last_info, last_info - began, "GET /"))
                if done(doc):
                    return times, max(late)
            slept = time.monotonic()
            time.sleep(0.02)
            late.append(time.monotonic() - slept - 0.02)

    def test_other_clients_are_answered_in_time_during_a_put_flood_and_its_ends(self):
        flooders = [subprocess.Popen(
            [sys.executable, os.path.join(HERE, "put_flood.py"), str(self.gw.http_port), source,
             str(CONNECTIONS), str(FLOOD_SECONDS), str(PUTS_PER_SOURCE), str(TTL)],
            stdout=subprocess.PIPE, text=True) for source in SOURCES]
        try:
            during, late_during = self.pings_until(lambda _: all(f.poll() is not None for f in flooders),
                                                   "end of the flood", FLOOD_SECONDS + 60)
            results = [f.communicate(timeout=60)[0].strip() for f in flooders]
        finally:
            for f in flooders:
                if f.poll() is None:
                    f.kill()
                    f.wait()
        puts = sum(int(r.split()[1]) for r in results)
        held = self.gw.info()[2]["values"]["items"]
        print("\nflood: %d puts in %d s from %d addresses (%s); items held %d"
              % (puts, FLOOD_SECONDS, len(SOURCES), "; ".join(results), held), file=sys.stderr)
        self.assertGreater(held, 10000, "too small a flood to say anything")
        # A trim holds each of glibc's arenas in turn, and during a flood the memory it gives back
        # is taken again at once: it waits for the puts to calm down.
        self.assertEqual(self.trims(), [], "the heap was trimmed during the flood")
        gone = []  # when the last item ended: then 8 s more, for the heap's trim 5 s after

        def ended(doc):
            if not gone and doc["values"]["items"] == 0:
                gone.append(time.monotonic())
            return gone and time.monotonic() - gone[0] > 8
        ending, late_ending = self.pings_until(ended, "end of every item", TTL + 120)
        print("another client during the flood: %s (a 20 ms sleep here woke up to %.1f ms late)"
              % (summary(during), 1000 * late_during), file=sys.stderr)
        print("another client while the items end: %s (a 20 ms sleep here woke up to %.1f ms late)"
              % (summary(ending), 1000 * late_ending), file=sys.stderr)
        self.assertTrue(self.trims(), "no memory given back after every item ended")
        # A stall of the gateway's is what the machine's own delay does not explain.
        self.assertLess(1000 * (max(during)[0] - late_during), LIMIT_MS,
                        "stalled during the flood: " + summary(during))
        self.assertLess(1000 * (max(ending)[0] - late_ending), LIMIT_MS,
                        "stalled while the items end: " + summary(ending))


if __name__ == "__main__":
    unittest.main()
