"""Put flood benchmark (not a test): wrk puts to random keys through 64 keep-alive connections
while another client pings 50 times a second; then, the puts' TTL over, what memory is given back.
The other client's pings are timed during the flood and while the items end (the gateway's
stalls, if any: the goal is none over 100 ms).

Usage: python3 tests/bench/flood_bench.py [--seconds 30] [--ttl 60] [--watch-minutes 0]
--watch-minutes M: after the ends, RSS once a minute for M minutes (libopendht keeps a key's
search 62 minutes after its last use: the gateway gives that memory back after 70).
Needs wrk (Debian package; installed with apt-get when missing, which needs root) and a built
build/gateway/opendht-gateway (or $ODB_GATEWAY). Every process is stopped at the end (harness).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gateway"))
import harness  # noqa: E402
from harness import Gateway, poll, random_network_id  # noqa: E402

PUT_LUA = r'''
local b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
math.randomseed(os.time() + math.floor(os.clock() * 1e6))
request = function()
  local k = {}
  for i = 1, 27 do local r = math.random(1, 64); k[#k + 1] = b64:sub(r, r) end
  local body = "<?xml version=\"1.0\"?><methodCall><methodName>put</methodName><params>" ..
    "<param><value><base64>" .. table.concat(k) .. "=</base64></value></param>" ..
    "<param><value><base64>dmFsdWUgb2YgYSBmbG9vZA==</base64></value></param>" ..
    "<param><value><int>TTL</int></value></param><param><value><string>wrk</string></value></param>" ..
    "</params></methodCall>"
  return wrk.format("POST", "/", {["Content-Type"] = "text/xml"}, body)
end
'''


def status_mib(pid, field):
    for line in open("/proc/%d/status" % pid):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0


def items_held(gw):
    """GET /'s count of items: retried while wrk's 64 connections from 127.0.0.1 (the most one
    address may hold) are still being closed by the gateway, which refuses a 65th."""
    for _ in range(100):
        try:
            return gw.info()[2]["values"]["items"]
        except ConnectionError:
            time.sleep(0.1)
    raise AssertionError("GET / refused for 10 s after the flood")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--ttl", type=int, default=60)
    ap.add_argument("--watch-minutes", type=int, default=0)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], check=True)
    work = tempfile.mkdtemp(prefix="flood-bench-")
    lua = os.path.join(work, "put.lua")
    open(lua, "w").write(PUT_LUA.replace("TTL", str(args.ttl)))
    # No client over its share, and room for every random key of the flood (past the default
    # --search-budget of 100 000 keys an hour).
    gw = Gateway(work, random_network_id(), capacity=1 << 34, extra_args=["--search-budget", "500000"])
    print("load average %.2f %.2f %.2f; RSS before %.1f MiB" % (os.getloadavg() + (status_mib(gw.proc.pid, "VmRSS"),)))
    pings, done = [], threading.Event()

    def pinger():
        rpc = gw.rpc(source="127.0.0.250")
        while not done.is_set():
            start = time.monotonic()
            rpc.ping()
            pings.append(time.monotonic() - start)
            time.sleep(0.02)

    def show_pings(when):
        got = sorted(pings)
        del pings[:]
        print("ping of another client %s: n %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
              % (when, len(got), 1000 * got[len(got) // 2], 1000 * got[int(len(got) * 0.99)], 1000 * got[-1]))
    t = threading.Thread(target=pinger)
    t.start()
    wrk = subprocess.run(["wrk", "-t2", "-c64", "-d%ds" % args.seconds, "--latency", "-s", lua, gw.url],
                         capture_output=True, text=True)
    for line in wrk.stdout.splitlines():
        if "Latency" in line or "%" in line or "Requests/sec" in line or "requests in" in line:
            print("wrk  " + line.strip())
    show_pings("during the flood")
    held = items_held(gw)
    print("items held %d; RSS %.1f MiB (peak %.1f MiB)" % (held, status_mib(gw.proc.pid, "VmRSS"),
                                                      status_mib(gw.proc.pid, "VmHWM")))
    poll(lambda: items_held(gw) == 0, args.ttl + 120, "every item to end", interval=1)
    time.sleep(35)  # the key views' sweep runs every 30 s
    done.set()
    t.join()
    show_pings("while the items end")
    print("after every TTL ended: items 0, RSS %.1f MiB" % status_mib(gw.proc.pid, "VmRSS"))
    for minute in range(1, args.watch_minutes + 1):
        time.sleep(60)
        print("%d min after: RSS %.1f MiB" % (minute, status_mib(gw.proc.pid, "VmRSS")), flush=True)
    harness.kill_all()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
