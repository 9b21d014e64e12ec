#!/usr/bin/env python3
"""Benchmark of the proxy client (issue #5), printing figures; not a test.

In one run, on a loopback DHT of 3 Debian `dhtnode --proxyserver` processes:
  1. fetching a key holding 1 000 values through a proxy: our client
     (tests/bench/client_bench.cpp, keep-alive) against curl on the same URL (target <= 1.1x);
  2. watch delivery latency: a watch through proxy A, puts through proxy B with our client,
     put sent -> value seen, p50 and p99.
Usage: tests/bench/proxy_bench.py [--build DIR]
"""
import argparse, base64, hashlib, http.client, json, os, random, re, signal, socket, statistics, subprocess
import sys, time

from benchlib import curl_median_ms, need  # noqa: E402 (beside this script)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_proxies(n, netid):
    procs, ports = [], []
    boot = None
    for i in range(n):
        udp, http_port = free_port(socket.SOCK_DGRAM), free_port()
        args = ["dhtnode", "-s", "-n", str(netid), "-p", str(udp), "--proxyserver", str(http_port),
                "--proxy-addr", "127.0.0.1"] + (["-b", boot] if boot else [])
        procs.append(subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, start_new_session=True))
        boot = boot or "127.0.0.1:%d" % udp
        ports.append(http_port)
    for port in ports:
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
    return procs, ports


def post(port, key_hex, i, conn):
    body = json.dumps({"data": base64.b64encode(b"value %04d" % i).decode(), "id": str(i + 1), "type": 0})
    conn.request("POST", "/key/" + key_hex, body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    r.read()
    return r.status


def bench(build, *args):
    out = subprocess.run([os.path.join(build, "tests/bench/odb_client_bench"), *args], capture_output=True,
                         text=True, check=True).stdout
    return out.strip()


def main():
    need("curl", "curl")
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = ap.parse_args()
    procs, ports = start_proxies(3, random.randint(1000, 10**9))
    try:
        time.sleep(2)
        key_hex = hashlib.sha1(b"proxy-bench").hexdigest()
        conn = http.client.HTTPConnection("127.0.0.1", ports[0], timeout=30)
        for i in range(1000):
            while post(ports[0], key_hex, i, conn) != 200:
                time.sleep(0.2)
        url = "http://127.0.0.1:%d/key/%s" % (ports[1], key_hex)
        time.sleep(1)
        line = bench(args.build, "--kind", "proxy", "--gateway", "http://127.0.0.1:%d/" % ports[1], "--key-hex",
                     key_hex, "--rounds", "20", "fetchall")
        ours = float(re.search(r"median_ms=([\d.]+)", line).group(1))
        values = int(re.search(r"values=(\d+)", line).group(1))
        theirs = curl_median_ms(url, 20)
        print("ours : %s (keep-alive)" % line)
        print("curl : GET %s median time_total %.3f ms (new connection each)" % (url, theirs))
        print("fetch of %d values through a proxy: ours %.2f ms, curl %.2f ms -> ours/curl = %.2f (target <= 1.1)"
              % (values, ours, theirs, ours / theirs))
        wkey = hashlib.sha1(b"proxy-bench-watch").hexdigest()
        print("watch: " + bench(args.build, "--kind", "proxy", "--gateway", "http://127.0.0.1:%d/" % ports[2],
                                "--other", "http://127.0.0.1:%d/" % ports[0], "--key-hex", wkey, "--rounds", "100",
                                "watch") + " (put through proxy A, seen by a watch through proxy B)")
    finally:
        for p in procs:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


if __name__ == "__main__":
    main()
