#!/usr/bin/env python3
"""Benchmark of opendht-gateway inside a DHT of stock Debian dhtnodes, against a stock
`dhtnode --proxyserver` doing the same; prints figures, not a test.

One DHT on 127.0.0.1: 100 stock dhtnodes, 4 gateways A-D and 2 proxies P1, P2, each joined
through a random stock node (tests/gateway/stocknet.py). Then:
  1. put at A -> visible at B (p50/p99 over --rounds rounds); POST at P1 -> GET at P2 shows it;
  2. put reply time at A, POST reply time at P1 (p50/p99), all peers alive;
  3. RSS and CPU of every gateway and proxy while the DHT idles for --idle seconds (/proc);
  4. gateway D and 20 stock nodes SIGKILLed; the put and POST reply times again.
and a table of the figures with the ratio ours/proxy.
Usage: tests/bench/stock_bench.py [--rounds 200] [--idle 60] [--keep-logs]; see README.md beside it.
"""
import argparse, base64, http.client, json, os, platform, subprocess, sys, tempfile, time, types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(HERE, "..", "gateway"))
os.environ.setdefault("ODB_GATEWAY", os.path.join(ROOT, "build", "gateway", "opendht-gateway"))

from benchlib import need  # noqa: E402 (beside this script)
import harness  # noqa: E402 (tests/gateway: every process in its own group, killed at exit)
from harness import B, DhtProxy, Gateway, values  # noqa: E402
from stocknet import StockNet, wait_joined  # noqa: E402

MISS_AFTER = 10.0  # seconds: a value not visible by then counts as a miss
DEAD_GATEWAYS, DEAD_STOCK = 1, 20


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))] if xs else float("nan")


def ms(xs):
    """'p50 / p99 / max' in ms."""
    return "%.1f / %.1f / %.1f" % (1000 * pct(xs, 50), 1000 * pct(xs, 99), 1000 * max(xs or [float("nan")]))


def load():
    return "%.2f %.2f %.2f" % os.getloadavg()


class KeepAlive:
    """One HTTP/1.1 keep-alive connection to a stock proxy, as a client that reuses it."""

    def __init__(self, port, timeout=30.0):
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(self, method, path, body=None):
        self.c.request(method, path, body, {"Content-Type": "application/json"} if body else {})
        r = self.c.getresponse()
        return r.status, r.read()


def post_body(data, value_id):
    return json.dumps({"data": base64.b64encode(data).decode(), "id": str(value_id), "type": 0}).encode()


def proxy_has(conn, key, data):
    status, body = conn.request("GET", "/key/" + key.hex())
    want = base64.b64encode(data).decode()
    return status == 200 and any(json.loads(l).get("data") == want for l in body.split(b"\n") if l.strip())


def rand_item():
    return os.urandom(20), os.urandom(100)


def until(pred, deadline):
    """Calls pred back to back until it holds (True) or the deadline passes (False)."""
    while time.monotonic() < deadline:
        if pred():
            return True
    return False


def visibility_ours(a, b, rounds):
    """Seconds from sending a put at a to b's first get that returns it; misses."""
    ra, rb, times, misses = a.rpc(), b.rpc(), [], 0
    for _ in range(rounds):
        key, value = rand_item()
        t0 = time.monotonic()
        if ra.put(B(key), B(value), 600, "bench") != 0:
            raise RuntimeError("put refused at %s" % a)
        if until(lambda: value in values(rb, key), t0 + MISS_AFTER):
            times.append(time.monotonic() - t0)
        else:
            misses += 1
    return times, misses


def visibility_proxy(p1, p2, rounds):
    """Seconds from sending a POST at p1 to p2's first GET that returns it; misses."""
    c1, c2, times, misses = KeepAlive(p1.http_port), KeepAlive(p2.http_port), [], 0
    for i in range(rounds):
        key, value = rand_item()
        t0 = time.monotonic()
        status, body = c1.request("POST", "/key/" + key.hex(), post_body(value, i + 1))
        if status != 200:
            raise RuntimeError("POST at %s -> %d %r" % (p1, status, body[:200]))
        if until(lambda: proxy_has(c2, key, value), t0 + MISS_AFTER):
            times.append(time.monotonic() - t0)
        else:
            misses += 1
    return times, misses


def put_times_ours(gw, rounds):
    rpc, times = gw.rpc(), []
    for _ in range(rounds):
        key, value = rand_item()
        t0 = time.monotonic()
        status = rpc.put(B(key), B(value), 600, "bench")
        times.append(time.monotonic() - t0)
        if status != 0:
            raise RuntimeError("put at %s answered %d" % (gw, status))
    return times


def put_times_proxy(proxy, rounds, first_id):
    """POST reply times; a 502 (the DHT put failed) counts with its time, and is counted."""
    conn, times, failed = KeepAlive(proxy.http_port, timeout=60), [], 0
    for i in range(rounds):
        key, value = rand_item()
        t0 = time.monotonic()
        status, _ = conn.request("POST", "/key/" + key.hex(), post_body(value, first_id + i))
        times.append(time.monotonic() - t0)
        failed += status != 200
    return times, failed


def cpu_s(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def proc_mib(pid, field):
    with open("/proc/%d/status" % pid) as f:
        return next(int(l.split()[1]) for l in f if l.startswith(field + ":")) / 1024.0


def idle(procs, seconds):
    """{name: (CPU % of one core over the idle time, VmRSS MiB at its end, VmHWM MiB)}."""
    before = {p.name: cpu_s(p.proc.pid) for p in procs}
    t0 = time.monotonic()
    time.sleep(seconds)  # the measurement itself: nothing is asked of them meanwhile
    wall = time.monotonic() - t0
    return {p.name: (100 * (cpu_s(p.proc.pid) - before[p.name]) / wall, proc_mib(p.proc.pid, "VmRSS"),
                     proc_mib(p.proc.pid, "VmHWM")) for p in procs}


def print_machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    print("machine : nproc %d, %s, %.1f GiB RAM, Linux %s, load average %s"
          % (len(os.sched_getaffinity(0)), model, mem / 2**20, platform.release(), load()))
    dv = subprocess.run([harness.DHTNODE, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    print("versions: dhtnode %s; gateway %s; Python %s" % (dv, harness.GATEWAY, platform.python_version()))


def ratio(a, b):
    return "%.3g" % (a / b) if b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--idle", type=float, default=60.0, help="seconds of idle measurement (default 60)")
    ap.add_argument("--stock", type=int, default=100, help="stock dhtnodes (default 100)")
    ap.add_argument("--keep-logs", action="store_true")
    args = ap.parse_args()
    need("dhtnode", "dhtnode")
    if args.keep_logs:
        os.environ["ODB_KEEP_LOGS"] = "1"
    print_machine()
    if os.getloadavg()[0] > 1.0:
        print("WARNING: the machine is busy (load average %s): the figures will be noisy" % load())
    here = types.SimpleNamespace(network_id=harness.random_network_id(), procs=[],
                                 workdir=tempfile.mkdtemp(prefix="stock-bench-"))
    harness._workdirs.add(here.workdir)
    t0 = time.monotonic()
    net = StockNet(here, args.stock)
    gws = [Gateway(here.workdir, here.network_id, [net.bootstrap()], name="gw" + n) for n in "ABCD"]
    proxies = [DhtProxy(here.workdir, here.network_id, net.bootstrap(), name="proxy%d" % i) for i in (1, 2)]
    wait_joined(gws, 8)
    wait_joined(proxies, 1)
    A, B_, D = gws[0], gws[1], gws[3]
    P1, P2 = proxies
    print("DHT: %d stock dhtnodes + 4 gateways + 2 proxies, network id %d, up in %.0f s; logs in %s"
          % (args.stock, here.network_id, time.monotonic() - t0, here.workdir))
    f = {}
    print("\n1. visible elsewhere, %d rounds (a miss: not visible within %.0f s)" % (args.rounds, MISS_AFTER))
    f["vis_ours"] = visibility_ours(A, B_, args.rounds)
    print("   ours : put at A -> get at B returns it   p50/p99/max ms %s, misses %d" % (ms(f["vis_ours"][0]),
                                                                                       f["vis_ours"][1]))
    f["vis_proxy"] = visibility_proxy(P1, P2, args.rounds)
    print("   proxy: POST at P1 -> GET at P2 returns it p50/p99/max ms %s, misses %d (load %s)"
          % (ms(f["vis_proxy"][0]), f["vis_proxy"][1], load()))
    print("\n2. put reply time, all peers alive, %d puts" % args.rounds)
    f["put_ours"] = put_times_ours(A, args.rounds)
    f["put_proxy"] = put_times_proxy(P1, args.rounds, 10**6)
    print("   ours : put at A   p50/p99/max ms %s" % ms(f["put_ours"]))
    print("   proxy: POST at P1 p50/p99/max ms %s, %d not 200 (load %s)" % (ms(f["put_proxy"][0]),
                                                                          f["put_proxy"][1], load()))
    print("\n3. idle for %.0f s (CPU %% of one core, VmRSS and VmHWM MiB)" % args.idle)
    f["idle"] = idle(gws + proxies, args.idle)
    for name, (cpu, rss, hwm) in sorted(f["idle"].items()):
        print("   %-7s CPU %5.2f %%  RSS %6.1f  HWM %6.1f" % (name, cpu, rss, hwm))
    print("   (load %s)" % load())
    print("\n4. gateway D and %d stock nodes SIGKILLed; at once %d puts again" % (DEAD_STOCK, args.rounds))
    D.kill()
    net.kill(DEAD_STOCK)
    f["dead_ours"] = put_times_ours(A, args.rounds)
    print("   ours : put at A   p50/p99/max ms %s" % ms(f["dead_ours"]))
    f["dead_proxy"] = put_times_proxy(P1, args.rounds, 2 * 10**6)
    print("   proxy: POST at P1 p50/p99/max ms %s, %d not 200 (load %s)" % (ms(f["dead_proxy"][0]),
                                                                          f["dead_proxy"][1], load()))
    print_table(f, [g.name for g in gws], [p.name for p in proxies])
    harness.kill_all()
    return 0


def print_table(f, gw_names, proxy_names):
    def mean(names, i):
        return sum(f["idle"][n][i] for n in names) / len(names)
    rows = []
    for label, ours, theirs in (("put -> visible elsewhere", f["vis_ours"][0], f["vis_proxy"][0]),
                                ("put reply, peers alive", f["put_ours"], f["put_proxy"][0]),
                                ("put reply, 1 gateway + 20 stock dead", f["dead_ours"], f["dead_proxy"][0])):
        for p in (50, 99):
            a, b = 1000 * pct(ours, p), 1000 * pct(theirs, p)
            rows.append(("%s p%d ms" % (label, p), "%.1f" % a, "%.1f" % b, ratio(a, b)))
    for label, i in (("idle CPU % of a core (mean)", 0), ("idle VmRSS MiB (mean)", 1), ("VmHWM MiB (mean)", 2)):
        a, b = mean(gw_names, i), mean(proxy_names, i)
        rows.append((label, "%.2f" % a, "%.2f" % b, ratio(a, b)))
    print("\n| figure | ours | proxy | ours/proxy |\n|---|---|---|---|")
    for r in rows:
        print("| %s | %s | %s | %s |" % r)


if __name__ == "__main__":
    sys.exit(main())
