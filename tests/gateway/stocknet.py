"""Peers we did not write, on loopback, for our gateways to join: a DHT of stock Debian
`dhtnode` processes, and an IPv6-only node of Debian's python3-opendht (ipv6_peer.py).

Each stock node is `dhtnode -s -n NETID -p PORT [-b HOST:PORT]`, bootstrapped to a random earlier
one, so the nodes form one DHT the way independent peers would. Everything is started through
harness's spawn (own process group, PR_SET_PDEATHSIG) and appended to the test class's procs, so
GatewayTestCase's cleanup kills it even when a test fails.
"""

import json
import os
import random
import select
import subprocess
import unittest

from harness import DHTNODE, START_TIMEOUT, Process, _spawn, poll

SYSTEM_PYTHON = os.environ.get("ODB_SYSTEM_PYTHON", "/usr/bin/python3")  # Debian's, with python3-opendht
IPV6_PEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ipv6_peer.py")


def udp_ports(pid):
    """{(4 or 6, port)}: the UDP sockets process pid holds, from /proc."""
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            link = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    found = set()
    for family, table in ((4, "/proc/net/udp"), (6, "/proc/net/udp6")):
        with open(table) as f:
            next(f)
            for row in map(str.split, f):
                if row[9] in inodes:  # local_address is row[1], "hex ip:hex port"
                    found.add((family, int(row[1].rsplit(":", 1)[1], 16)))
    return found


class StockNode(Process):
    """One stock `dhtnode -s` (no proxy, no identity). Attributes: dht_port, dht_addr.

    It gets `-p 0` and the kernel picks its port (the same for IPv4 and IPv6), read back from
    /proc: a port picked for it beforehand could be taken by a test running beside this one, and
    dhtnode would then quietly run on IPv6 alone."""

    def __init__(self, workdir, network_id, bootstrap=None, name="stock"):
        if not os.access(DHTNODE, os.X_OK):
            raise unittest.SkipTest("dhtnode not installed")
        self.name = name
        self.log_path = os.path.join(workdir, name + ".log")
        args = [DHTNODE, "-s", "-n", str(network_id), "-p", "0"]
        if bootstrap:
            args += ["-b", bootstrap]
        self.proc = _spawn(args, self.log_path, stdout=subprocess.DEVNULL)
        # Bound, before anyone bootstraps to it.
        ports = poll(lambda: {p for f, p in udp_ports(self.proc.pid) if f == 4}, START_TIMEOUT,
                     "%s to bind its UDP port" % name, self.check_alive, interval=0.01)
        self.dht_port = ports.pop()
        self.dht_addr = "127.0.0.1:%d" % self.dht_port

    def __str__(self):
        return "%s(pid %s, udp %d)" % (self.name, self.proc.pid if self.proc else "-", self.dht_port)


class StockNet:
    """n stock dhtnodes in one DHT; each bootstraps to a random earlier one."""

    def __init__(self, case, n, network_id=None, rng=None, prefix="stock"):
        self.rng = rng or random.Random()
        self.network_id = case.network_id if network_id is None else network_id
        self.nodes = []
        for i in range(n):
            boot = self.rng.choice(self.nodes).dht_addr if self.nodes else None
            node = StockNode(case.workdir, self.network_id, boot, "%s%d" % (prefix, i))
            case.procs.append(node)
            self.nodes.append(node)

    def alive(self):
        return [x for x in self.nodes if x.alive()]

    def bootstrap(self):
        """The address of a random live node, for a gateway or proxy to join through."""
        return self.rng.choice(self.alive()).dht_addr

    def kill(self, count):
        """SIGKILL count random live nodes (a crash: no goodbye to their peers); returns them."""
        victims = self.rng.sample(self.alive(), count)
        for v in victims:
            v.kill()
        return victims


def good_peers(observer):
    """Good peers an observer sees: a gateway (GET / is current) or a stock proxy (GET / is a
    snapshot refreshed 3 s after start, then every 2 minutes)."""
    if hasattr(observer, "info"):
        doc = observer.info()[2] or {}
        return int((doc.get("peers") or {}).get("good", 0))
    status, body = observer.request("GET", "/", timeout=5)
    doc = json.loads(body) if status == 200 else {}
    return sum(int((doc.get(f) or {}).get("good", 0)) for f in ("ipv4", "ipv6"))


def wait_joined(observers, min_good, timeout=60.0):
    """Wait until every observer sees at least min_good good peers: a gateway that sees a full
    bucket (8) of a stock DHT has found more of it than its bootstrap node."""
    for o in observers:
        poll(lambda: good_peers(o) >= min_good, timeout, "%s to see %d good peers" % (o, min_good),
             o.check_alive, interval=0.2)


class Ipv6Peer(Process):
    """An OpenDHT node bound to ::1 only, run by Debian's python3-opendht (ipv6_peer.py).
    Attributes: dht_port, dht_addr ("[::1]:port")."""

    def __init__(self, workdir, network_id, name="ipv6-peer"):
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import opendht"], capture_output=True)
        if probe.returncode != 0:
            raise unittest.SkipTest("python3-opendht missing under " + SYSTEM_PYTHON)
        self.name = name
        self.log_path = os.path.join(workdir, name + ".log")
        self.proc = _spawn([SYSTEM_PYTHON, IPV6_PEER, str(network_id)], self.log_path, stdin=subprocess.PIPE)
        self.dht_port = int(self._line(START_TIMEOUT))
        self.dht_addr = "[::1]:%d" % self.dht_port

    def __str__(self):
        return "%s(pid %s)" % (self.name, self.proc.pid if self.proc else "-")

    def _line(self, timeout):
        """One line of its standard output (AssertionError if none comes in time)."""
        out = b""
        while not out.endswith(b"\n"):
            ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise AssertionError("%s: no answer within %.0f s\n%s" % (self, timeout, self.log_tail()))
            out += chunk
        return out.decode().strip()

    def close(self):
        """Closes its standard input (it then stops) and output."""
        for f in (self.proc.stdin, self.proc.stdout):
            f.close()

    def get(self, key20, timeout=30.0):
        """The data of every value the DHT holds under key20, as this peer finds it."""
        self.proc.stdin.write(b"get %s\n" % key20.hex().encode())
        self.proc.stdin.flush()
        return [bytes.fromhex(h) for h in self._line(timeout).split()]
