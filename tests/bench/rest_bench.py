#!/usr/bin/env python3
"""Benchmark of opendht-gateway's OpenDHT proxy REST API (issue 13), printing figures; not a test.

In one run, on 127.0.0.1 only, our gateway and a stock `dhtnode --proxyserver` in one DHT:
  1. the same key holding 10 000 values of 9 bytes, fetched whole: our client via REST on our
     gateway, our client via classic paging, Python's xmlrpc.client paging (get.py's way), curl
     GET /key on the stock proxy and on ours (goals: REST >= 10x Python's paging, >= 3x the proxy);
  2. wrk GET /key/{key} holding 10 values, ours vs the stock proxy, keep-alive, 1 and 8
     connections (goal: >= 5x the proxy's requests per second at a lower p99);
  3. watch latency: a POST at one gateway seen through another's listen (p50/p99), ours (two
     gateways) and stock (two proxies), and our client's watch (REST) through our gateways.
Usage: ODB_GATEWAY=build/gateway/opendht-gateway tests/bench/rest_bench.py [--build DIR] [--quick]
"""
import argparse, base64, json, os, random, re, shutil, socket, statistics, subprocess, sys, tempfile
import threading, time, xmlrpc.client

import gateway_bench as gb  # processes, wrk and the stock proxy, shared with the gateway benchmark

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def rest_post(conn, key_hex, data, value_id, failed_ok=False):
    """POST one plain value. failed_ok: a stock proxy's 502 "Put failed" (its announce failed; it
    still holds the value itself, proxy-rest.md section 6) is counted, not fatal."""
    body = json.dumps({"data": base64.b64encode(data).decode(), "id": str(value_id), "type": 0})
    st, reply = conn.request("POST", "/key/" + key_hex, body.encode(), "application/json")
    if st == 502 and failed_ok:
        return False
    if st != 200:
        raise RuntimeError("POST -> %d %r" % (st, reply[:200]))
    return True


def python_paging(port, key):
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/" % port)
    values, pm, pages = [], b"", 0
    while True:
        vals, pm = proxy.get(xmlrpc.client.Binary(key), 100, xmlrpc.client.Binary(pm), "get.py")
        values += [v.data for v in vals]
        pages += 1
        pm = pm.data
        if not pm:
            return values, pages


def timed(fn, rounds):
    times, result = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def curl_get_ms(port, key_hex, rounds):
    times, size = [], 0
    for _ in range(rounds):
        out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_total} %{size_download}",
                              "http://127.0.0.1:%d/key/%s" % (port, key_hex)], capture_output=True, text=True,
                             check=True).stdout.split()
        times.append(float(out[0]) * 1000)
        size = int(out[1])
    return statistics.median(times), size


def ours_fetch(build, port, key, kind, rounds):
    out = subprocess.run([os.path.join(build, "tests/bench/odb_client_bench"), "--gateway",
                          "http://127.0.0.1:%d/" % port, "--kind", kind, "--key-hex", key.hex(), "--rounds",
                          str(rounds), "fetchall"], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"median_ms=([\d.]+)", out)[1]), int(re.search(r"values=(\d+)", out)[1])


def section_fetch(args, netid):
    print("\n== 1. one key holding %d values of 9 bytes, fetched whole (median of %d rounds)"
          % (args.values, args.rounds))
    gw = gb.Gateway("gw", netid)
    proxy = gb.Proxy("proxy", netid, gw.dht_addr)
    key = os.urandom(20)
    h = key.hex()
    t0 = time.monotonic()
    # Classic items (as the classic figures were measured), put through our gateway by 4
    # xmlrpc.client threads; the stock proxy's node stores their DHT values as any node does.
    def worker(start):
        rpc = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/" % gw.port)
        for i in range(start, args.values, 4):
            assert rpc.put(xmlrpc.client.Binary(key), xmlrpc.client.Binary(b"v%08d" % i), 3600, "bench") == 0
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    gb.poll(lambda: len(gb.Conn(gw.port).request("GET", "/key/" + h)[1].splitlines()) == args.values, 120,
            "our gateway to return every value", 0.5)
    # The stock proxy: the same number of 9-byte values POSTed to it under a key of its own (a
    # stock node rate-limits the 10 000 announces of our gateway's items: 1024 a second a peer).
    hp = os.urandom(20).hex()
    conn = gb.Conn(proxy.port)
    failed = sum(not rest_post(conn, hp, b"v%08d" % i, i + 1, failed_ok=True) for i in range(args.values))
    conn.close()
    if failed:
        print("  (the stock proxy answered 502 to %d of its puts; it holds them all the same)" % failed)
    gb.poll(lambda: len(proxy.lines(hp)) == args.values, 120, "the proxy to return every value", 0.5)
    print("  %d classic puts through our gateway, %d plain values posted to the proxy: %.1f s"
          % (args.values, args.values, time.monotonic() - t0))
    rows = []
    rest_ms, n = ours_fetch(args.build, gw.port, key, "classic-rest", args.rounds)
    rows.append(("our client, REST on our gateway", rest_ms, n, 1))
    classic_ms, n = ours_fetch(args.build, gw.port, key, "classic", args.rounds)
    rows.append(("our client, classic paging", classic_ms, n, None))
    py_ms, (vals, pages) = timed(lambda: python_paging(gw.port, key), args.rounds)
    rows.append(("Python xmlrpc.client paging", py_ms, len(vals), pages))
    px_ms, px_bytes = curl_get_ms(proxy.port, hp, args.rounds)
    rows.append(("curl GET /key, stock proxy", px_ms, args.values, 1))
    ours_curl_ms, ours_bytes = curl_get_ms(gw.port, h, args.rounds)
    rows.append(("curl GET /key, our gateway", ours_curl_ms, args.values, 1))
    for name, ms, n, requests in rows:
        print("  %-34s %9.2f ms  %6d values  %s" % (name, ms, n, "%d requests" % requests if requests else ""))
    print("  bodies: stock proxy %d bytes (plain values), ours %d bytes (the classic items' envelopes)"
          % (px_bytes, ours_bytes))
    print("  ratios: REST vs Python paging x%.1f (goal >= 10), REST vs stock proxy (curl) x%.1f (goal >= 3),"
          " REST vs our classic paging x%.1f" % (py_ms / rest_ms, px_ms / rest_ms, classic_ms / rest_ms))
    gb.stop(proxy.proc)
    gb.stop(gw.proc)


def section_wrk(args, netid):
    print("\n== 2. wrk GET /key/{key} holding 10 values of 100 bytes, ours vs the stock proxy (%d s a run)"
          % args.wrk_seconds)
    gw = gb.Gateway("gw-wrk", netid)
    proxy = gb.Proxy("proxy-wrk", netid, gw.dht_addr)
    key_hex = os.urandom(20).hex()
    conn = gb.Conn(proxy.port)
    for i in range(10):
        rest_post(conn, key_hex, os.urandom(100), i + 1)
    gb.poll(lambda: len(gb.Conn(gw.port).request("GET", "/key/" + key_hex)[1].splitlines()) == 10, 60,
            "our gateway to return the 10 values", 0.2)
    script = gb.lua_script("rest-get", "GET", [], False)
    res = {}
    for name, server in (("ours", gw), ("stock proxy", proxy)):
        for c in (1, 8):
            r = res[name, c] = gb.run_wrk("http://127.0.0.1:%d/key/%s" % (server.port, key_hex), script, c,
                                          args.wrk_seconds, server.pid)
            print("  %-12s c=%d %8.0f req/s  p50 %7.3f  p99 %8.3f  max %8.3f ms  server CPU %3.0f%%  errors: %s"
                  % (name, c, r["rps"], r["p50"], r["p99"], r["max"], r["cpu"], r["err"]), flush=True)
    for c in (1, 8):
        a, b = res["ours", c], res["stock proxy", c]
        print("  c=%d: ours/proxy req/s x%.1f (goal >= 5), p99 x%.2f (goal < 1)" % (c, a["rps"] / b["rps"],
                                                                                    a["p99"] / b["p99"]))
    gb.stop(proxy.proc)
    gb.stop(gw.proc)


class Listen:
    """A raw GET /key/{key}/listen; lines() gives (arrival time, object) as they come."""

    def __init__(self, port, key_hex):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(("GET /key/%s/listen HTTP/1.1\r\nHost: x\r\n\r\n" % key_hex).encode())
        self.buf, self.head = b"", False

    def wait_id(self, value_id, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            # Chunk framing stripped crudely: every JSON line starts with '{'.
            for line in self.buf.split(b"\n"):
                line = line.strip()
                if line.startswith(b"{") and line.endswith(b"}") and json.loads(line).get("id") == str(value_id):
                    self.buf = b""
                    return time.perf_counter()
            if time.monotonic() > deadline:
                raise RuntimeError("listen: id %s not seen" % value_id)
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            self.buf += self.sock.recv(65536)

    def close(self):
        self.sock.close()


def watch_rounds(listen_port, post_port, rounds):
    key_hex = os.urandom(20).hex()
    listen = Listen(listen_port, key_hex)
    conn = gb.Conn(post_port)
    rest_post(conn, key_hex, b"first", 1)  # the listen is live once it sees a value
    listen.wait_id(1)
    ms = []
    for i in range(rounds):
        vid = 1000 + i
        t0 = time.perf_counter()
        rest_post(conn, key_hex, b"w%d" % i, vid)
        ms.append((listen.wait_id(vid) - t0) * 1000)
    listen.close()
    conn.close()
    return ms


def section_watch(args, netid):
    print("\n== 3. watch latency: POST at one, seen through another's listen (%d rounds)" % args.rounds)
    gws = gb.start_dht(2, netid)
    p0 = gb.Proxy("proxy-a", netid, gws[0].dht_addr)
    p1 = gb.Proxy("proxy-b", netid, gws[0].dht_addr)
    for name, a, b in (("ours (gw1 -> gw0)", gws[1], gws[0]), ("stock (proxy-b -> proxy-a)", p1, p0)):
        # Stock proxies answer 502 until their node has found the DHT.
        gb.poll(lambda: gb.request(a.port, "POST", "/key/" + "00" * 19 + "01",
                                   json.dumps({"data": "eA==", "id": "1"}).encode(), ctype="application/json")[0]
                == 200, 30, name + " to take puts", 0.2)
        ms = watch_rounds(b.port, a.port, args.rounds)
        print("  %-28s p50 %7.2f  p99 %7.2f  max %7.2f ms" % (name, gb.pct(ms, 50), gb.pct(ms, 99), max(ms)),
              flush=True)
    out = subprocess.run([os.path.join(args.build, "tests/bench/odb_client_bench"), "--gateway",
                          "http://127.0.0.1:%d/" % gws[0].port, "--other", "http://127.0.0.1:%d/" % gws[1].port,
                          "--kind", "classic-rest", "--key-hex", os.urandom(20).hex(), "--rounds",
                          str(args.rounds), "watch"], capture_output=True, text=True).stdout.strip()
    print("  our client's watch (REST listen at gw0, put at gw1): " + out)
    for p in (p0, p1, *gws):
        gb.stop(p.proc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--quick", action="store_true", help="2 s wrk runs, 5 rounds, 2 000 values")
    ap.add_argument("--sections", default="123")
    args = ap.parse_args()
    args.values, args.rounds, args.wrk_seconds = (2000, 5, 2) if args.quick else (10000, 11, 5)
    gb.GATEWAY_SRC = os.environ.get("ODB_GATEWAY", os.path.join(args.build, "gateway/opendht-gateway"))
    gb.ensure_wrk()
    gb.WORK = tempfile.mkdtemp(prefix="rest-bench-")
    gb.GATEWAY = shutil.copy2(gb.GATEWAY_SRC, os.path.join(gb.WORK, "opendht-gateway"))
    netid = random.SystemRandom().randint(1000, 2**31 - 1)
    try:
        gb.print_machine()
        if os.getloadavg()[0] > 0.5:
            print("WARNING: the machine is busy (load average %s): the figures will be noisy" % gb.load())
        for s, fn in (("1", section_fetch), ("2", section_wrk), ("3", section_watch)):
            if s in args.sections:
                fn(args, netid)
    finally:
        gb.stop_all()
        shutil.rmtree(gb.WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
