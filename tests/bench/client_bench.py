#!/usr/bin/env python3
"""Benchmark of the classic client (issue #4), printing figures; not a test.

In one run, against one lone opendht-gateway and one key holding 10 000 values:
  1. fetchAll with our client (tests/bench/client_bench.cpp) against Python's xmlrpc.client
     paging the same key as get.py does (target: ours >= 5x faster);
  2. the time of a single get with our client (keep-alive, stated) against curl posting the
     same body (target: <= 1.1x curl's time_total).
Usage: tests/bench/client_bench.py [--build DIR] [--values N]
"""
import argparse, base64, hashlib, http.client, os, re, signal, statistics, subprocess, sys, tempfile
import threading, time, xmlrpc.client

from benchlib import curl_median_ms, need  # noqa: E402 (beside this script)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start_gateway(build):
    proc = subprocess.Popen([os.path.join(build, "gateway/opendht-gateway"), "--port", "0", "--dht-port", "0",
                             "--network-id", str(os.getpid() % 100000 + 7)],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    line = proc.stdout.readline()
    m = re.search(r"http=([\d.]+):(\d+)", line)
    if not m:
        proc.kill()
        sys.exit("gateway did not start: " + line)
    return proc, int(m.group(2))


def put_values(port, key, count, threads=4):
    def worker(start):
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/" % port)
        for i in range(start, count, threads):
            assert proxy.put(xmlrpc.client.Binary(key), xmlrpc.client.Binary(b"v%08d" % i), 3600, "bench") == 0
    ts = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def python_fetch_all(port, key):
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/" % port)
    values, pm = [], b""
    while True:
        vals, pm = proxy.get(xmlrpc.client.Binary(key), 100, xmlrpc.client.Binary(pm), "get.py")
        values += [v.data for v in vals]
        pm = pm.data
        if not pm:
            return values


def ours(build, port, key, what, rounds):
    out = subprocess.run([os.path.join(build, "tests/bench/odb_client_bench"), "--gateway",
                          "http://127.0.0.1:%d/" % port, "--key-hex", key.hex(), "--rounds", str(rounds), what],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"median_ms=([\d.]+)", out).group(1)), out.strip()


def curl_get(port, key, rounds):
    body = xmlrpc.client.dumps((xmlrpc.client.Binary(key), 10, xmlrpc.client.Binary(b""), "curl"), "get").encode()
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(body)
    try:
        return curl_median_ms("http://127.0.0.1:%d/" % port, rounds, "-H", "Content-Type: text/xml",
                              "--data-binary", "@" + f.name)
    finally:
        os.unlink(f.name)


def main():
    need("curl", "curl")
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--values", type=int, default=10000)
    args = ap.parse_args()
    proc, port = start_gateway(args.build)
    try:
        key = hashlib.sha1(b"client-bench").digest()
        t = time.perf_counter()
        put_values(port, key, args.values)
        print("put %d values in %.1f s" % (args.values, time.perf_counter() - t))
        ours_ms, line = ours(args.build, port, key, "fetchall", 5)
        print("ours   :", line)
        py = []
        for _ in range(5):
            t = time.perf_counter()
            n = len(python_fetch_all(port, key))
            py.append((time.perf_counter() - t) * 1000)
        assert n == args.values, n
        py_ms = statistics.median(py)
        print("python : fetch all values=%d median_ms=%.3f (xmlrpc.client, maxvals 100, keep-alive)" % (n, py_ms))
        print("fetchAll %d values: ours %.1f ms, Python %.1f ms -> ours is %.2fx faster (target >= 5x)"
              % (args.values, ours_ms, py_ms, py_ms / ours_ms))
        get_ms, line = ours(args.build, port, key, "get", 500)
        print("ours   :", line, "(keep-alive)")
        curl_ms = curl_get(port, key, 200)
        print("curl   : get median time_total %.3f ms (new connection each)" % curl_ms)
        print("single get: ours %.3f ms, curl %.3f ms -> ours/curl = %.2f (target <= 1.1)"
              % (get_ms, curl_ms, get_ms / curl_ms))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


if __name__ == "__main__":
    main()
