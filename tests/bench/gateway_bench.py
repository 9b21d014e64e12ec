#!/usr/bin/env python3
"""Benchmark of opendht-gateway against Debian's `dhtnode --proxyserver`, on 127.0.0.1 only.

  1. GET throughput and latency (wrk), ours vs the proxy: same DHT, same key, same 10 values.
  2. Put -> visible at another gateway of an 8-gateway DHT (p50/p90/p99/max).
  3. Resident memory of one lone gateway (and one lone proxy) holding 100 000 values.

Not part of the test suite. Needs dhtnode and wrk (installed with apt-get when missing, as root).
Usage: gateway_bench.py [--quick] [--sections 123] [--keep-logs]. See README.md next to it.
"""

import argparse, atexit, base64, ctypes, http.client, json, os, platform, random, re, shutil
import signal, socket, subprocess, sys, tempfile, threading, time

GATEWAY_SRC = os.environ.get(  # by default the gateway of this checkout's build/
    "ODB_GATEWAY",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "gateway", "opendht-gateway"))
GATEWAY = GATEWAY_SRC   # replaced by a copy in WORK, so that a rebuild during the run changes nothing
DHTNODE = shutil.which("dhtnode") or "/usr/bin/dhtnode"
HOST = "127.0.0.1"
READY_RE = re.compile(r"opendht-gateway ready http=127\.0\.0\.1:(\d+) dht=(\d+) node=[0-9a-f]{40}")
B64_RE = re.compile(rb"<base64>(.*?)</base64>", re.S)
WORK = None       # temp dir: logs, wrk scripts, the gateway binary
_procs = []       # every process still to stop (gateways, dhtnodes, wrk)

# --- processes: each in its own group, SIGKILLed if we die, stopped at the end ---------------------

def _child_setup():
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass

def spawn(args, name, stdout=None):
    """Start args in a new session; stderr (and stdout unless given) go to WORK/name.log."""
    with open(os.path.join(WORK, name + ".log"), "ab") as log:
        p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=stdout or log, stderr=log,
                             start_new_session=True, preexec_fn=_child_setup)
    p.name = name
    _procs.append(p)
    return p

def stop(p, timeout=10.0):
    """SIGTERM the process group; SIGKILL it if still there after timeout."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(p.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            p.wait(timeout)
            break
        except subprocess.TimeoutExpired:
            print("  ! %s (pid %d) still running %.0f s after SIGTERM: SIGKILL" % (p.name, p.pid, timeout))
    if p in _procs:
        _procs.remove(p)

def stop_all():
    for p in list(reversed(_procs)):
        stop(p)

def _on_signal(signum, _frame):
    raise SystemExit(128 + signum)   # unwinds through the finally blocks, as Ctrl+C does

atexit.register(stop_all)
signal.signal(signal.SIGINT, signal.default_int_handler)   # even when started with SIGINT ignored
for _s in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_s, _on_signal)

def free_port(kind=socket.SOCK_STREAM, host=HOST):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((host, 0))
        return s.getsockname()[1]

def free_udp_port_all():
    """A UDP port free on 0.0.0.0 and :: (dhtnode binds both)."""
    for _ in range(50):
        port = free_port(socket.SOCK_DGRAM, "0.0.0.0")
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s6:
                s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                s6.bind(("::", port))
            return port
        except OSError:
            continue
    raise RuntimeError("no free UDP port")

def poll(pred, timeout, what, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise RuntimeError("timed out after %.0f s waiting for %s" % (timeout, what))
        time.sleep(interval)

def wait_up(proc, pred, what, timeout=20):
    """poll(pred) while proc runs; connection errors count as 'not yet'."""
    def check():
        if proc.poll() is not None:
            raise RuntimeError("%s exited (%s), see %s.log" % (proc.name, proc.returncode, proc.name))
        try:
            return pred()
        except OSError:
            return False
    return poll(check, timeout, proc.name + what)

def cpu_s(pid):
    """User + system CPU seconds used so far by pid."""
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

def proc_kb(pid, field="VmRSS"):
    with open("/proc/%d/status" % pid) as f:
        return next(int(l.split()[1]) for l in f if l.startswith(field + ":"))

def request(port, method, path="/", body=None, close=False, ctype="text/xml", timeout=10.0):
    """One request on a fresh connection (Connection: close if asked). Returns (status, body)."""
    c = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Content-Type": ctype} if body else {}
        if close:
            headers["Connection"] = "close"
        c.request(method, path, body, headers)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()

class Conn:
    """One keep-alive HTTP/1.1 connection, reopened once on error."""

    def __init__(self, port, timeout=30.0):
        self.port, self.timeout, self.c = port, timeout, None

    def request(self, method, path="/", body=None, ctype="text/xml"):
        for attempt in (0, 1):
            try:
                if self.c is None:
                    self.c = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                self.c.request(method, path, body, {"Content-Type": ctype} if body else {})
                r = self.c.getresponse()
                return r.status, r.read()
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt:
                    raise

    def close(self):
        if self.c is not None:
            self.c.close()
            self.c = None

class Gateway:
    def __init__(self, name, netid, bootstrap=None, state_dir=None):
        self.name = name
        args = [GATEWAY, "--listen", HOST, "--dht-listen", HOST, "--port", "0", "--dht-port", "0",
                "--network-id", str(netid), "--log-level", "warn"]
        if bootstrap:
            args += ["--bootstrap", bootstrap]
        if state_dir:  # the ledger: every acknowledged put is written to it first
            args += ["--state-dir", state_dir]
        out = os.path.join(WORK, name + ".out")
        with open(out, "wb") as f:
            self.proc = spawn(args, name, stdout=f)
        self.pid = self.proc.pid
        m = wait_up(self.proc, lambda: READY_RE.search(open(out).read()), "'s ready line")
        self.port, self.dht_addr = int(m[1]), "%s:%s" % (HOST, m[2])
        self.conn = Conn(self.port)

    def info(self):
        return json.loads(request(self.port, "GET", "/")[1])

    def put(self, key, value, ttl=3600):
        st, body = self.conn.request("POST", "/", put_body(key, value, ttl))
        if st != 200 or b"<int>0</int>" not in body:
            raise RuntimeError("%s put -> %d %r" % (self.name, st, body[:300]))

    def read_all(self, key):
        """All values of key, following the placemark."""
        vals, pm = [], b""
        while True:
            page, pm = parse_get(self.conn.request("POST", "/", get_body(key, pm))[1])
            vals += page
            if not pm:
                return vals

class Proxy:
    def __init__(self, name, netid, bootstrap=None):
        self.name, self.port = name, free_port()
        args = [DHTNODE, "-s", "-n", str(netid), "-p", str(free_udp_port_all()),
                "--proxyserver", str(self.port), "--proxy-addr", HOST]
        self.proc = spawn(args + (["-b", bootstrap] if bootstrap else []), name)
        self.pid = self.proc.pid
        wait_up(self.proc, lambda: request(self.port, "GET", "/", timeout=2)[0] == 200, " GET / answering")

    def lines(self, key_hex):
        st, body = request(self.port, "GET", "/key/" + key_hex, timeout=30)
        if st != 200:
            raise RuntimeError("%s GET /key -> %d %r" % (self.name, st, body[:300]))
        return [json.loads(l) for l in body.split(b"\n") if l.strip()]

def start_dht(n, netid):
    gws = [Gateway("gw0", netid)]
    gws += [Gateway("gw%d" % i, netid, gws[0].dht_addr) for i in range(1, n)]
    for g in gws:
        poll(lambda: sum(g.info()["peers"].values()) > 0, 20, g.name + " to see a peer")
    return gws

# --- XML-RPC -------------------------------------------------------------------------------------

def xml_call(method, *params):
    ps = "".join("<param><value>%s</value></param>" % p for p in params)
    return ('<?xml version="1.0"?><methodCall><methodName>%s</methodName><params>%s</params>'
            "</methodCall>" % (method, ps)).encode()

def b64x(data):
    return "<base64>%s</base64>" % base64.b64encode(data).decode()

def put_body(key, value, ttl, app="bench"):
    return xml_call("put", b64x(key), b64x(value), "<int>%d</int>" % ttl, "<string>%s</string>" % app)

def get_body(key, placemark=b"", maxvals=10, app="bench"):
    return xml_call("get", b64x(key), "<int>%d</int>" % maxvals, b64x(placemark),
                    "<string>%s</string>" % app)

def parse_get(body):
    """A get reply -> (values, placemark): every <base64> but the last is a value."""
    if b"<fault>" in body or b"<methodResponse>" not in body:
        raise RuntimeError("bad get reply %r" % body[:300])
    items = [base64.b64decode(b"".join(m.split())) for m in B64_RE.findall(body)]
    return items[:-1], items[-1]

def proxy_values(lines):
    """Classic values in the proxy's JSON lines (the gateways' envelopes, README 'Stored format')."""
    out = []
    for l in lines:
        d = base64.b64decode(l["data"])
        out.append(d[62 + d[61]:] if d[:4] == b"ODC1" else d)
    return sorted(out)

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]

# --- wrk -----------------------------------------------------------------------------------------

def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("wrk is missing: run as root, or apt-get install -y --no-install-recommends wrk")
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    print("installing wrk:", " ".join(cmd), flush=True)
    if subprocess.call(cmd, stdout=subprocess.DEVNULL) != 0:
        subprocess.call(["apt-get", "update"], stdout=subprocess.DEVNULL)
        subprocess.check_call(cmd, stdout=subprocess.DEVNULL)

def lua_script(name, method, bodies, close):
    """A wrk script: method, Content-Type, optional Connection: close, the bodies sent in turn."""
    lines = ['wrk.method = "%s"' % method]
    if bodies:
        lines.append('wrk.headers["Content-Type"] = "text/xml"')
        lines.append("local bodies, i = {%s}, 0" % ", ".join("[[%s]]" % b.decode() for b in bodies))
        lines.append("wrk.body = bodies[1]")
        if len(bodies) > 1:
            lines.append("request = function() i = i %% %d + 1; "
                         "return wrk.format(nil, nil, nil, bodies[i]) end" % len(bodies))
    if close:
        lines.append('wrk.headers["Connection"] = "close"')
    path = os.path.join(WORK, name + ".lua")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path

def wrk_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(m[1]) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[m[2]]

def run_wrk(url, script, conns, seconds, server_pid):
    cpu0, t0 = cpu_s(server_pid), time.monotonic()
    p = spawn(["wrk", "-t1", "-c%d" % conns, "-d%ds" % seconds, "--latency", "--timeout", "5s",
               "-s", script, url], "wrk", stdout=subprocess.PIPE)
    try:
        out = p.communicate(timeout=seconds + 30)[0].decode()
    finally:
        stop(p)
    cpu = 100 * (cpu_s(server_pid) - cpu0) / (time.monotonic() - t0)
    try:
        r = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
             "p50": wrk_ms(re.search(r"\s50%\s+(\S+)", out)[1]),
             "p99": wrk_ms(re.search(r"\s99%\s+(\S+)", out)[1]),
             "max": wrk_ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out)[1]),
             "n": int(re.search(r"(\d+) requests in", out)[1]), "cpu": cpu}
    except TypeError:
        raise RuntimeError("cannot parse wrk output:\n" + out)
    errs = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    r["err"] = "; ".join(x for x in (errs and errs[1], non2xx and "non-2xx " + non2xx[1]) if x) or "-"
    return r

# --- 1. GET throughput and latency ---------------------------------------------------------------

def section_get(args, netid):
    print("\n== 1. GET throughput/latency, ours (gw0) vs dhtnode --proxyserver; DHT of 4 gateways + the proxy")
    gws = start_dht(4, netid)
    proxy = Proxy("proxy", netid, gws[0].dht_addr)
    key, values = os.urandom(20), [os.urandom(100) for _ in range(10)]
    want, t0 = sorted(values), time.monotonic()
    for v in values:
        gws[1].put(key, v)
    poll(lambda: sorted(gws[0].read_all(key)) == want, 30, "gw0 to return the 10 values", 0.1)
    poll(lambda: proxy_values(proxy.lines(key.hex())) == want, 30, "the proxy to return the 10 values", 0.1)
    print("10 values of 100 B put through gw1: all 10 at gw0 and at the proxy after %.2f s" % (time.monotonic() - t0))
    p1 = get_body(key)
    page1, pm = parse_get(gws[0].conn.request("POST", "/", p1)[1])
    p2 = get_body(key, pm)
    print("ours: get(maxvals=10) gives %d values + a placemark (page limit 1063 B, 139 B per 100-byte value);"
          " page 2 gives %d. 'ours p1+p2' alternates the two requests (a full read = 2 requests)."
          % (len(page1), len(parse_get(gws[0].conn.request("POST", "/", p2)[1])[0])))
    # (name, server, path, method, bodies, values expected from one pass over the bodies)
    targets = [("ours get p1", gws[0], "/", "POST", [p1], sorted(page1)),
               ("ours p1+p2", gws[0], "/", "POST", [p1, p2], want),
               ("proxy GET", proxy, "/key/" + key.hex(), "GET", [], want)]
    res = {}
    for close in (False, True):
        mode = "close" if close else "keep-alive"
        for name, server, path, method, bodies, expect in targets:
            why = check_target(server.port, path, bodies, close, expect)
            if why:
                print("  %-12s %-10s NOT TIMED: %s" % (name, mode, why))
                continue
            for c in (1, 8):
                script = lua_script("%s-%s" % (name.replace(" ", "_"), mode), method, bodies, close)
                url = "http://%s:%d%s" % (HOST, server.port, path)
                res[name, mode, c] = r = run_wrk(url, script, c, args.wrk_seconds, server.pid)
                print("  %-12s %-10s c=%d %7.0f req/s  p50 %6.3f  p99 %8.3f  max %8.3f ms  server CPU %3.0f%%"
                      "  n=%d  errors: %s" % (name, mode, c, r["rps"], r["p50"], r["p99"], r["max"], r["cpu"],
                                              r["n"], r["err"]), flush=True)
    print("\n%-12s %-10s %2s %8s %8s %8s %9s %9s %5s"
          % ("target", "conn", "c", "req/s", "reads/s", "p50 ms", "p99 ms", "max ms", "CPU%"))
    for (name, mode, c), r in sorted(res.items(), key=lambda i: (i[0][1] == "close", i[0][2], i[0][0])):
        reads = r["rps"] / 2 if name == "ours p1+p2" else r["rps"]
        print("%-12s %-10s %2d %8.0f %8.0f %8.3f %9.3f %9.3f %5.0f"
              % (name, mode, c, r["rps"], reads, r["p50"], r["p99"], r["max"], r["cpu"]))
    print("reads/s: complete reads of the 10 values (ours get p1 returns only 7); latencies are per request,\n"
          "with wrk's coordinated-omission correction (one stall of S ms adds ~S/interval samples);\n"
          "CPU%: the target process only (one core = 100)")
    print("\nratios ours/proxy (issue's target: req/s >= 3x at a lower p99, i.e. p99 ratio < 1):")
    for mode in ("keep-alive", "close"):
        for c in (1, 8):
            px, a, b = (res.get((n, mode, c)) for n in ("proxy GET", "ours get p1", "ours p1+p2"))
            if not (px and a and b):
                print("  %-10s c=%d  n/a (a target was not timed)" % (mode, c))
                continue
            print("  %-10s c=%d  get p1: req/s x%.3g, p99 x%.3g | full read: reads/s x%.3g, p99 per request x%.3g"
                  % (mode, c, a["rps"] / px["rps"], a["p99"] / px["p99"], b["rps"] / 2 / px["rps"], b["p99"] / px["p99"]))
    for p in [proxy] + gws:
        stop(p.proc)

def check_target(port, path, bodies, close, expect):
    """Send the target's requests once, as wrk will; None if they return the expected values."""
    try:
        if not bodies:
            st, body = request(port, "GET", path, close=close)
            got = proxy_values([json.loads(l) for l in body.split(b"\n") if l.strip()])
        else:
            got = []
            for b in bodies:
                st, reply = request(port, "POST", path, b, close=close)
                got += parse_get(reply)[0]
            got.sort()
    except (http.client.HTTPException, OSError, RuntimeError, ValueError) as e:
        return "no valid answer (%s: %s)" % (type(e).__name__, e)
    if st != 200 or got != expect:
        return "HTTP %d, %d values instead of the %d expected" % (st, len(got), len(expect))
    return None

# --- 2. put -> visible elsewhere -----------------------------------------------------------------

def section_visibility(args, netid):
    n, rounds = 8, args.rounds
    print("\n== 2. put through A -> visible at B (%d gateways, %d rounds, new key each, 5 s deadline)" % (n, rounds))
    gws = start_dht(n, netid)
    time.sleep(1.0)
    puts, seen, gets, misses = [], [], [], 0
    for r in range(rounds):
        a = r % n
        b = (a + 1 + (r // n) % (n - 1)) % n      # every other gateway in turn
        key, value = os.urandom(20), os.urandom(100)
        body = get_body(key)
        t0 = time.perf_counter()
        gws[a].put(key, value)
        puts.append(time.perf_counter() - t0)
        while True:
            t1 = time.perf_counter()
            reply = gws[b].conn.request("POST", "/", body)[1]
            now = time.perf_counter()
            gets.append(now - t1)
            if value in parse_get(reply)[0]:
                seen.append(now - t0)
                break
            if now > t0 + 5.0:
                misses += 1
                break
    fmt = lambda xs: "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms" % tuple(1000 * pct(xs, p) for p in (50, 90, 99, 100))
    print("put reply at A       : " + fmt(puts))
    if seen:
        print("put sent -> seen at B: %s   (target p50 <= 5, p99 <= 50)" % fmt(seen))
    print("each get at B        : " + fmt(gets))
    print("misses (> 5 s): %d of %d; gets sent to B: %d (%.2f per round)" % (misses, rounds, len(gets), len(gets) / rounds))
    for g in gws:
        stop(g.proc)

# --- 3. memory -----------------------------------------------------------------------------------

def run_parallel(port, workers, jobs, do_one):
    """do_one(conn, job) over jobs in `workers` threads, one keep-alive connection each.
    Returns (seconds, failures)."""
    chunks, fails = [jobs[i::workers] for i in range(workers)], [0] * workers

    def work(i):
        conn = Conn(port)
        for job in chunks[i]:
            try:
                fails[i] += not do_one(conn, job)
            except Exception:
                fails[i] += 1
        conn.close()
    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, sum(fails)

def print_memory(pid, before, total):
    after = proc_kb(pid)
    print("          VmRSS before %.1f MiB, after %.1f MiB: +%.1f MiB = %.0f B per value; VmHWM %.1f MiB"
          % (before / 1024, after / 1024, (after - before) / 1024, (after - before) * 1024 / total,
             proc_kb(pid, "VmHWM") / 1024))

def section_memory(args, netid):
    keys, per_key = args.keys, 100
    total = keys * per_key
    print("\n== 3. memory holding %d values (%d keys x %d values of 100 B, TTL 3600; 4 threads, keep-alive;"
          " the gateway %s --state-dir)"
          % (total, keys, per_key, "without" if args.no_state_dir else "with"))
    jobs = [(k.to_bytes(20, "big"), j) for k in range(1, keys + 1) for j in range(per_key)]
    value = lambda k, j: (b"v%d-%d-" % (int.from_bytes(k, "big"), j)).ljust(100, b".")

    gw = Gateway("lone-gw", netid, state_dir=None if args.no_state_dir else os.path.join(WORK, "lone-gw-state"))
    time.sleep(1.0)
    before, cpu0 = proc_kb(gw.pid), cpu_s(gw.pid)

    def gw_put(conn, job):
        st, body = conn.request("POST", "/", put_body(job[0], value(*job), 3600))
        return st == 200 and b"<int>0</int>" in body
    secs, fails = run_parallel(gw.port, 4, jobs, gw_put)
    cpu = cpu_s(gw.pid) - cpu0
    try:
        held = poll(lambda: gw.info()["values"]["items"] >= total and gw.info(), 30, "GET / values >= %d" % total,
                    0.5)
    except RuntimeError as e:
        held = gw.info()
        print("  ! " + str(e))
    print("gateway : %d puts in %.1f s = %.0f puts/s (gateway CPU %.0f%%), %d failed; GET /: values %d,"
          " stored_bytes %d" % (total, secs, total / secs, 100 * cpu / secs, fails, held["values"]["items"],
                                held["stored_bytes"]["items"]))
    print_memory(gw.pid, before, total)
    stop(gw.proc)
    if args.no_proxy_memory:
        return

    px = Proxy("lone-proxy", netid)
    time.sleep(1.0)
    before, statuses, cpu0 = proc_kb(px.pid), {}, cpu_s(px.pid)

    def px_put(conn, job):
        body = json.dumps({"data": base64.b64encode(value(*job)).decode(), "id": str(job[1] + 1), "type": 0})
        st = conn.request("POST", "/key/" + job[0].hex(), body.encode(), "application/json")[0]
        statuses[st] = statuses.get(st, 0) + 1
        return st in (200, 502)   # a lone node answers 502 "Put failed" but keeps the value locally
    secs, fails = run_parallel(px.port, 4, jobs, px_put)
    cpu = cpu_s(px.pid) - cpu0
    rss_after_puts = proc_kb(px.pid)
    held = sum(len(px.lines(k.hex())) for k in sorted(set(j[0] for j in jobs)))
    print("proxy   : %d POSTs in %.1f s = %.0f puts/s (dhtnode CPU %.0f%%), HTTP statuses %s (502 = 'Put failed':"
          " no peer, kept locally); GET /key over all keys: %d values"
          % (total, secs, total / secs, 100 * cpu / secs, statuses, held))
    print("          (VmRSS right after the puts: %.1f MiB)" % (rss_after_puts / 1024))
    print_memory(px.pid, before, total)
    stop(px.proc)

# --- main ----------------------------------------------------------------------------------------

def print_machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    print("machine : nproc %d, %s, %.1f GiB RAM, Linux %s, load average %s"
          % (len(os.sched_getaffinity(0)), model, mem / 2**20, platform.release(), load()))
    dv = subprocess.run([DHTNODE, "--version"], capture_output=True, text=True).stdout.split("\n")[0] \
        if os.access(DHTNODE, os.X_OK) else "not found"
    wv = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" Copyright")[0]
    print("versions: dhtnode: %s; %s; Python %s" % (dv, wv, platform.python_version()))
    gw = Gateway("version-gw", random.randint(1000, 2**31 - 1))
    info = gw.info()
    stop(gw.proc)
    st = os.stat(GATEWAY_SRC)
    print("          opendht-gateway: GET / service %s version %s (%s, %d bytes, built %s)"
          % (info.get("service"), info.get("version"), GATEWAY_SRC, st.st_size,
             time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(st.st_mtime))))

def load():
    return "%.2f %.2f %.2f" % os.getloadavg()

def report_logs():
    """What the processes wrote on stderr (gateways at level warn)."""
    print("\nprocess logs (stderr; gateways at --log-level warn):")
    for name in sorted(os.listdir(WORK)):
        path = os.path.join(WORK, name)
        if name.endswith(".log") and not name.startswith("wrk") and os.path.getsize(path):
            lines = open(path, errors="replace").read().splitlines()
            print("  %s: %d lines, first: %s" % (name, len(lines), lines[:3]))

def main():
    global WORK, GATEWAY
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="shorter runs: 2 s per wrk run, 50 rounds, 20 000 values")
    ap.add_argument("--sections", default="123", help="sections to run (default 123)")
    ap.add_argument("--no-proxy-memory", action="store_true", help="skip the proxy in section 3")
    ap.add_argument("--no-state-dir", action="store_true",
                    help="section 3's gateway without --state-dir (no ledger: what the ledger costs)")
    ap.add_argument("--keep-logs", action="store_true", help="keep the temp dir with the logs")
    args = ap.parse_args()
    args.wrk_seconds, args.rounds, args.keys = (2, 50, 200) if args.quick else (5, 200, 1000)
    if not os.access(GATEWAY_SRC, os.X_OK):
        sys.exit("gateway binary not found: %s (set ODB_GATEWAY)" % GATEWAY_SRC)
    ensure_wrk()
    WORK = tempfile.mkdtemp(prefix="gateway-bench-")
    GATEWAY = shutil.copy2(GATEWAY_SRC, os.path.join(WORK, "opendht-gateway"))
    netid = random.SystemRandom().randint(1000, 2**31 - 1)
    try:
        print_machine()
        print("network id %d, logs in %s%s" % (netid, WORK, "" if args.keep_logs else " (removed at the end)"))
        if os.getloadavg()[0] > 0.5:
            print("WARNING: the machine is busy (load average %s): the figures will be noisy" % load())
        for s, fn in (("1", section_get), ("2", section_visibility), ("3", section_memory)):
            if s in args.sections:
                t0 = time.monotonic()
                fn(args, netid)
                print("(section %s: %.0f s, load average now %s)" % (s, time.monotonic() - t0, load()))
        report_logs()
    except KeyboardInterrupt:
        print("\ninterrupted")
        return 130
    finally:
        stop_all()
        if not args.keep_logs:
            shutil.rmtree(WORK, ignore_errors=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
