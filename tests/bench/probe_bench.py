#!/usr/bin/env python3
"""Benchmark of LatencyProbe (issue #6), printing figures; not a test.

100 test-only relays (tests/gateway/delay_relay.py), each adding its own delay (0 to 198 ms, 2 ms
apart), in front of one real opendht-gateway; one probe round of all 100 should end within the
slowest delay + 50 ms, and each median should be within 2 ms of the relay's delay plus the direct
figure. Prints the round time, the worst error and the CPU time used, and the load average of
the machine before the run: figures taken with a load above 1.5 (of 2 cores) say little.
Usage: tests/bench/probe_bench.py [--build DIR] [--rounds N]
"""
import argparse, os, re, signal, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "gateway"))
from delay_relay import DelayRelay  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "..", "build"))
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    gw = subprocess.Popen([os.path.join(args.build, "gateway/opendht-gateway"), "--port", "0", "--dht-port", "0",
                           "--network-id", str(os.getpid() + 11)], stdout=subprocess.PIPE, text=True,
                          start_new_session=True)
    relays = []
    load = os.getloadavg()[0]
    try:
        port = int(re.search(r"http=[\d.]+:(\d+)", gw.stdout.readline()).group(1))
        delays = [2 * i for i in range(100)]
        relays = [DelayRelay(port, d) for d in delays]
        direct = "http://127.0.0.1:%d/" % port
        urls = [direct] + ["http://127.0.0.1:%d/" % r.port for r in relays]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("\n".join(urls))
        out = subprocess.run([os.path.join(args.build, "tests/bench/odb_client_bench"), "--urls-file", f.name,
                              "--rounds", str(args.rounds), "probe"], capture_output=True, text=True,
                             check=True).stdout
        os.unlink(f.name)
        head = out.splitlines()[0]
        medians = dict(re.findall(r"median (\S+) ([\d.-]+)", out))
        base = float(medians[direct])
        errors = [float(medians[u]) - (base + d) for u, d in zip(urls[1:], delays)]
        worst = max(range(len(errors)), key=lambda i: abs(errors[i]))
        slowest = float(re.search(r"slowest_round_ms=([\d.]+)", head).group(1))
        met = lambda ok: "met" if ok else "NOT met"
        print("load average before the run %.2f%s" % (load, " (busy machine: figures unreliable)" if load > 1.5 else ""))
        print(head)
        print("direct median %.3f ms; median error %+.3f ms; worst median error %+.3f ms (relay of %d ms; target "
              "within 2: %s); slowest round %.1f ms (target <= %d + 50: %s)"
              % (base, sorted(errors)[len(errors) // 2], errors[worst], delays[worst], met(abs(errors[worst]) <= 2),
                 slowest, max(delays), met(slowest <= max(delays) + 50)))
    finally:
        for r in relays:
            r.close()
        os.killpg(gw.pid, signal.SIGTERM)
        gw.wait(10)


if __name__ == "__main__":
    main()
