"""Put flood benchmark (not a test): wrk puts to random keys through 64 keep-alive connections
while another client pings 50 times a second; then, the puts' TTL over, what memory is given back.

Usage: python3 tests/bench/flood_bench.py [--seconds 30] [--ttl 60]
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--ttl", type=int, default=60)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], check=True)
    work = tempfile.mkdtemp(prefix="flood-bench-")
    lua = os.path.join(work, "put.lua")
    open(lua, "w").write(PUT_LUA.replace("TTL", str(args.ttl)))
    gw = Gateway(work, random_network_id(), capacity=1 << 34)  # no client is over its share here
    print("load average %.2f %.2f %.2f; RSS before %.1f MiB" % (os.getloadavg() + (status_mib(gw.proc.pid, "VmRSS"),)))
    pings, done = [], threading.Event()

    def pinger():
        rpc = gw.rpc(source="127.0.0.250")
        while not done.is_set():
            start = time.monotonic()
            rpc.ping()
            pings.append(time.monotonic() - start)
            time.sleep(0.02)
    t = threading.Thread(target=pinger)
    t.start()
    wrk = subprocess.run(["wrk", "-t2", "-c64", "-d%ds" % args.seconds, "--latency", "-s", lua, gw.url],
                         capture_output=True, text=True)
    done.set()
    t.join()
    for line in wrk.stdout.splitlines():
        if "Latency" in line or "%" in line or "Requests/sec" in line or "requests in" in line:
            print("wrk  " + line.strip())
    pings.sort()
    print("ping of another client during the flood: n %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
          % (len(pings), 1000 * pings[len(pings) // 2], 1000 * pings[int(len(pings) * 0.99)], 1000 * pings[-1]))
    held = gw.info()[2]["values"]["items"]
    print("items held %d; RSS %.1f MiB (peak %.1f MiB)" % (held, status_mib(gw.proc.pid, "VmRSS"),
                                                      status_mib(gw.proc.pid, "VmHWM")))
    poll(lambda: gw.info()[2]["values"]["items"] == 0, args.ttl + 120, "every item to end", interval=1)
    time.sleep(35)  # the key views' sweep runs every 30 s
    print("after every TTL ended: items 0, RSS %.1f MiB" % status_mib(gw.proc.pid, "VmRSS"))
    harness.kill_all()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
