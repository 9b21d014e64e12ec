"""Real processes for the gateway system tests: our opendht-gateway and Debian's dhtnode proxy.

Everything runs on 127.0.0.1 with free ports. Every process started here is killed by
GatewayTestCase's cleanup, at interpreter exit (atexit) and on SIGTERM/SIGHUP, each in its own
process group (and with PR_SET_PDEATHSIG, so even a SIGKILLed test runner leaves nothing behind).
Start processes from the main thread only (the death signal follows the thread that forked).

Run one file: cd tests/gateway && ODB_GATEWAY=../../build/gateway/opendht-gateway python3 -m unittest -v test_wire
Environment: ODB_GATEWAY (binary), ODB_DHTNODE (default: dhtnode on PATH), ODB_KEEP_LOGS=1 (keep the
temp dirs with each process's log), ODB_GATEWAY_LOG_LEVEL (default warn).
"""

import atexit
import base64
import ctypes
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import warnings
import weakref
import xmlrpc.client

# By default the gateway of this checkout's build/ (ctest always passes ODB_GATEWAY).
GATEWAY = os.environ.get(
    "ODB_GATEWAY",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "gateway", "opendht-gateway"))
DHTNODE = os.environ.get("ODB_DHTNODE", shutil.which("dhtnode") or "/usr/bin/dhtnode")
START_TIMEOUT = 20.0
# Set in the sanitizer build (ODB_SANITIZE, CMakeLists.txt here). AddressSanitizer's shadow memory,
# redzones and quarantine of freed blocks make the gateway's resident memory a few times larger
# (RSS_SCALE multiplies the tests' memory bounds), and every answer several times slower.
SANITIZED = os.environ.get("ODB_SANITIZED") == "1"
RSS_SCALE = 3 if SANITIZED else 1
# The HTTP address is 127.0.0.1 unless a test listens elsewhere (--listen 0.0.0.0 in extra_args).
READY_RE = re.compile(r"^opendht-gateway ready http=(?:127\.0\.0\.1|0\.0\.0\.0):(\d+) dht=(\d+) node=([0-9a-f]{40})$")
ZERO20 = bytes(20)

# Proxies and sockets are left to the garbage collector; their warnings would only hide results.
# (unittest resets the warning filters, so drop them where they are shown.)
_showwarning = warnings.showwarning


def _show_but_resource_warnings(message, category, *args, **kwargs):
    if not issubclass(category, ResourceWarning):
        _showwarning(message, category, *args, **kwargs)


warnings.showwarning = _show_but_resource_warnings

_live = set()  # every process still to be killed
_workdirs = set()  # temp dirs to remove at exit
_lock = threading.Lock()


def sha1(data):
    return hashlib.sha1(data).digest()


def B(data):
    return xmlrpc.client.Binary(data)


def random_network_id():
    return random.SystemRandom().randint(1000, 2**31 - 1)


def free_port(kind=socket.SOCK_STREAM, family=socket.AF_INET, host="127.0.0.1"):
    with socket.socket(family, kind) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def free_udp_port_all():
    """A UDP port free on 0.0.0.0 and :: (dhtnode binds both)."""
    for _ in range(50):
        port = free_port(socket.SOCK_DGRAM, host="0.0.0.0")
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s6:
                s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                s6.bind(("::", port))
            return port
        except OSError:
            continue
    raise RuntimeError("no free UDP port")


def _child_setup():
    # Die with the test runner even if it is SIGKILLed (Linux only; harmless elsewhere).
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _spawn(args, log_path, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL):
    log = open(log_path, "ab")
    proc = subprocess.Popen(args, stdin=stdin, stdout=stdout, stderr=log,
                            start_new_session=True, preexec_fn=_child_setup)
    log.close()
    with _lock:
        _live.add(proc)
    return proc


def _kill_group(proc, sig=signal.SIGKILL):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _forget(proc):
    with _lock:
        _live.discard(proc)


def kill_all():
    with _lock:
        procs = list(_live)
        _live.clear()
    for p in procs:
        _kill_group(p)
    for p in procs:
        try:
            p.wait(5)
        except Exception:
            pass
    if not os.environ.get("ODB_KEEP_LOGS"):
        for d in list(_workdirs):
            shutil.rmtree(d, ignore_errors=True)


def _on_signal(signum, _frame):
    kill_all()
    os._exit(128 + signum)


atexit.register(kill_all)
if threading.current_thread() is threading.main_thread():
    for _s in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(_s, _on_signal)


def _tail(path, n=3000):
    try:
        with open(path, "rb") as f:
            return f.read()[-n:].decode("utf-8", "replace")
    except OSError:
        return ""


class _Transport(xmlrpc.client.Transport):
    """xmlrpc.client transport with a timeout and an optional client source address."""

    def __init__(self, timeout, source=None):
        super().__init__()
        self._timeout, self._source = timeout, source

    def make_connection(self, host):
        if self._connection and host == self._connection[0]:
            return self._connection[1]
        self._connection = host, http.client.HTTPConnection(
            host, timeout=self._timeout,
            source_address=(self._source, 0) if self._source else None)
        return self._connection[1]


class Process:
    """Common part of a gateway and a dhtnode: a process in its own group, with a log file."""

    proc = None
    log_path = None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        """SIGKILL the whole process group (a crash, as far as the DHT is concerned)."""
        if self.proc is not None:
            _kill_group(self.proc)
            self.proc.wait(10)
            _forget(self.proc)

    def stop(self, sig=signal.SIGTERM, timeout=15.0):
        """Ask the process to stop; returns its exit code (SIGKILL after timeout, then raises)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError("%s did not stop within %.0f s after signal %d"
                                     % (self, timeout, sig))
        _forget(self.proc)
        _kill_group(self.proc)  # anything it left in its group
        return self.proc.returncode

    def log_tail(self):
        return _tail(self.log_path)

    def check_alive(self):
        if not self.alive():
            raise AssertionError("%s exited with %s\n%s" % (self, self.proc.poll(), self.log_tail()))

    # Both speak HTTP on 127.0.0.1:http_port (a gateway its REST routes too).
    def request(self, method, path, body=None, timeout=30.0):
        c = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=timeout)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            c.request(method, path, body=body, headers=headers)
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()

    def post_value(self, key_hex, data, value_id="123", vtype=0):
        body = json.dumps({"data": base64.b64encode(data).decode(), "id": value_id, "type": vtype})
        return self.request("POST", "/key/" + key_hex, body.encode())


class Gateway(Process):
    """One opendht-gateway process. Attributes: http_port, dht_port, node_id, url, state_dir.
    network_id None: no --network-id (the one of --network, given in extra_args, or 0)."""

    def __init__(self, workdir, network_id, bootstrap=(), state_dir=None, capacity=None,
                 extra_args=(), name="gw"):
        self.name = name
        self.network_id = network_id
        self.state_dir = state_dir or tempfile.mkdtemp(prefix=name + "-state-", dir=workdir)
        self.log_path = os.path.join(workdir, name + ".log")
        args = [GATEWAY, "--listen", "127.0.0.1", "--port", "0", "--dht-port", "0",
                "--state-dir", self.state_dir, "--log-level", os.environ.get("ODB_GATEWAY_LOG_LEVEL", "warn")]
        if network_id is not None:
            args += ["--network-id", str(network_id)]
        if "--dht-listen" not in extra_args:
            args += ["--dht-listen", "127.0.0.1"]  # tests stay on loopback unless they say otherwise
        for b in bootstrap:
            args += ["--bootstrap", b]
        if capacity is not None:
            args += ["--capacity", str(capacity)]
        args += list(extra_args)
        if not os.access(GATEWAY, os.X_OK):
            raise AssertionError("gateway binary not found (set ODB_GATEWAY): " + GATEWAY)
        self.proc = _spawn(args, self.log_path)
        self.ready_line = self._read_ready()
        m = READY_RE.match(self.ready_line)
        if not m:
            self.kill()
            raise AssertionError("bad ready line %r" % self.ready_line)
        self.http_port, self.dht_port, self.node_id = int(m[1]), int(m[2]), m[3]
        self.url = "http://127.0.0.1:%d/" % self.http_port
        self.dht_addr = "127.0.0.1:%d" % self.dht_port

    def __str__(self):
        return "%s(pid %s)" % (self.name, self.proc.pid if self.proc else "-")

    def _read_ready(self):
        lines = []

        def reader():
            first = self.proc.stdout.readline()
            lines.append(first.decode("utf-8", "replace").rstrip("\r\n"))
            for _ in iter(self.proc.stdout.readline, b""):  # keep the pipe drained
                pass
            self.proc.stdout.close()

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not lines and time.monotonic() < deadline and self.proc.poll() is None:
            t.join(0.02)
        if not lines or not lines[0]:
            code = self.proc.poll()
            self.kill()
            raise AssertionError("%s: no ready line within %.0f s (exit code %s)\n%s"
                                 % (self.name, START_TIMEOUT, code, self.log_tail()))
        return lines[0]

    def rpc(self, timeout=30.0, source=None):
        """A fresh xmlrpc.client proxy (HTTP/1.1 keep-alive), optionally from a source address."""
        return xmlrpc.client.ServerProxy(self.url, transport=_Transport(timeout, source))

    def info(self, timeout=10.0):
        """GET / as (status, headers, decoded JSON or None)."""
        c = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=timeout)
        try:
            c.request("GET", "/")
            r = c.getresponse()
            body = r.read()
            try:
                doc = json.loads(body)
            except ValueError:
                doc = None
            return r.status, r.getheaders(), doc
        finally:
            c.close()

    def peers(self):
        return peer_count(self.info()[2])


def peer_count(doc):
    """Number of peers in a GET / document (accepts a number, a list or good/dubious counts)."""
    p = (doc or {}).get("peers", 0)
    if isinstance(p, bool):
        return int(p)
    if isinstance(p, (int, float)):
        return int(p)
    if isinstance(p, list):
        return len(p)
    if isinstance(p, dict):
        total = 0
        for k, v in p.items():
            if isinstance(v, dict):
                total += peer_count({"peers": v})
            elif k in ("good", "total", "count", "ipv4", "ipv6") and isinstance(v, (int, float)):
                total += int(v)
        return total
    return 0


class DhtProxy(Process):
    """Debian's `dhtnode --proxyserver` on loopback. Attributes: http_port, dht_port."""

    def __init__(self, workdir, network_id, bootstrap=None, name="proxy"):
        self.name = name
        self.log_path = os.path.join(workdir, name + ".log")
        self.dht_port = free_udp_port_all()
        self.http_port = free_port()
        args = [DHTNODE, "-s", "-n", str(network_id), "-p", str(self.dht_port),
                "--proxyserver", str(self.http_port), "--proxy-addr", "127.0.0.1"]
        if bootstrap:
            args += ["-b", bootstrap]
        if not os.access(DHTNODE, os.X_OK):
            raise unittest.SkipTest("dhtnode not installed")
        self.args = args
        self.proc = _spawn(args, self.log_path, stdout=subprocess.DEVNULL)
        self.dht_addr = "127.0.0.1:%d" % self.dht_port
        poll(self._answers, START_TIMEOUT, "%s GET / answering" % name, self.check_alive)

    def restart(self):
        """Killed (SIGKILL) and started again on the same ports."""
        self.kill()
        self.proc = _spawn(self.args, self.log_path, stdout=subprocess.DEVNULL)
        poll(self._answers, START_TIMEOUT, "%s GET / answering again" % self.name, self.check_alive)

    def __str__(self):
        return "%s(pid %s)" % (self.name, self.proc.pid if self.proc else "-")

    def _answers(self):
        try:
            return self.request("GET", "/", timeout=2)[0] == 200
        except OSError:
            return False

    def get_values(self, key_hex):
        """GET /key/<hex>: a list of JSON objects, one per line."""
        status, body = self.request("GET", "/key/" + key_hex)
        if status != 200:
            raise AssertionError("GET /key/%s -> %d %r" % (key_hex, status, body))
        return [json.loads(line) for line in body.split(b"\n") if line.strip()]


def poll(predicate, timeout, what, keep_going=lambda: True, interval=0.05):
    """Call predicate until it returns a true value (returned) or the deadline passes (fail)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        keep_going()
        last = predicate()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError("timed out after %.1f s waiting for %s" % (timeout, what))
        time.sleep(interval)


def get_all(rpc, key, maxvals=100, details=False, max_pages=100000):
    """Follow the placemark until it is empty, as a client must. Returns (items, pages)."""
    method = rpc.get_details if details else rpc.get
    placemark, items, pages, seen = b"", [], [], set()
    for _ in range(max_pages):
        vals, pm = method(B(key), maxvals, B(placemark), "harness")
        vals = [(v[0].data, v[1], v[2], v[3].data) for v in vals] if details else [v.data for v in vals]
        items += vals
        pages.append(vals)
        placemark = pm.data
        if not placemark:
            return items, pages
        if placemark in seen:
            raise AssertionError("placemark repeated after %d pages" % len(pages))
        seen.add(placemark)
    raise AssertionError("more than %d pages" % max_pages)


def values(rpc, key, maxvals=100):
    return get_all(rpc, key, maxvals)[0]


def wait_values(gw, key, expected, timeout):
    """Poll gw's get until it returns exactly expected (a list of bytes)."""
    rpc, got = gw.rpc(), []

    def check():
        got[:] = values(rpc, key)
        return got == expected
    try:
        poll(check, timeout, "%s to return %r" % (gw, expected), gw.check_alive)
    except AssertionError as e:
        raise AssertionError("%s; last answer %r" % (e, got)) from None


# --- raw HTTP -------------------------------------------------------------------------------

def http_request(body, method="POST", path="/", version="HTTP/1.0", headers=None,
                 content_length=True, host="127.0.0.1"):
    """Bytes of one HTTP request with an XML-RPC body (str or bytes)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    lines = ["%s %s %s" % (method, path, version), "Host: %s" % host,
             "User-Agent: gateway-tests", "Content-Type: text/xml"]
    if content_length:
        lines.append("Content-Length: %d" % len(body))
    lines += list(headers or [])
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def call_body(method, *params, params_tag=True, decl='<?xml version="1.0"?>'):
    """An XML-RPC methodCall with already serialized <value>s."""
    ps = "".join("<param>%s</param>" % p for p in params)
    if params_tag:
        ps = "<params>%s</params>" % ps
    return "%s<methodCall><methodName>%s</methodName>%s</methodCall>" % (decl, method, ps)


def b64v(data):
    return "<value><base64>%s</base64></value>" % base64.b64encode(data).decode()


def intv(n):
    return "<value><int>%s</int></value>" % n


def strv(s):
    return "<value><string>%s</string></value>" % s


def connect(port, source=None, timeout=10.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                 source_address=(source, 0) if source else None)
    return s


def exchange(port, data, timeout=10.0):
    """Send data, read until the server closes. Returns all bytes received (b"" = closed silently).

    A connection reset counts as closed; a timeout (still open) raises AssertionError."""
    s = connect(port, timeout=timeout)
    out = b""
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            except socket.timeout:
                raise AssertionError("connection still open after %.0f s; got %r" % (timeout, out[:300]))
            if not chunk:
                break
            out += chunk
    finally:
        s.close()
    return out


class Response:
    def __init__(self, status_line, headers, body):
        self.status_line, self.headers, self.body = status_line, headers, body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


def parse_response(data):
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError("no complete HTTP head in %r" % data[:300])
    lines = head.decode("latin-1").split("\r\n")
    headers = [tuple(x.strip() for x in l.split(":", 1)) for l in lines[1:]]
    return Response(lines[0], headers, body)


def call(port, body, version="HTTP/1.1", **kw):
    """One request on a fresh connection, its response read by Content-Length (not by close)."""
    s = connect(port)
    try:
        s.sendall(http_request(body, version=version, **kw))
        return read_response(s)
    finally:
        s.close()


_readers = weakref.WeakKeyDictionary()  # socket -> its buffered reader (keeps pipelined bytes)


def read_response(sock):
    """Read exactly one response (by Content-Length) from a keep-alive socket."""
    f = _readers.setdefault(sock, sock.makefile("rb"))
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        line = f.readline()
        if not line:
            raise AssertionError("connection closed before a full head: %r" % head)
        head += line
    r = parse_response(head)
    n = int(r.header("Content-Length"))
    r.body = f.read(n)
    if len(r.body) != n:
        raise AssertionError("connection closed inside the body: %r" % r.body)
    return r


class GatewayTestCase(unittest.TestCase):
    """Base class: a temp dir and a network id per class; every process stopped at the end."""

    @classmethod
    def setUpClass(cls):
        cls.network_id = random_network_id()
        cls.workdir = tempfile.mkdtemp(prefix="gwtest-%s-" % cls.__name__)
        _workdirs.add(cls.workdir)
        cls.procs = []
        cls.addClassCleanup(cls._cleanup)

    @classmethod
    def _cleanup(cls):
        for p in cls.procs:
            if p.proc is not None:
                _kill_group(p.proc)
                try:
                    p.proc.wait(10)
                except subprocess.TimeoutExpired:
                    pass
                _forget(p.proc)
        if os.environ.get("ODB_KEEP_LOGS"):
            print("logs kept in", cls.workdir, file=sys.stderr)
        else:
            shutil.rmtree(cls.workdir, ignore_errors=True)

    @classmethod
    def start_gateway(cls, bootstrap=(), **kw):
        kw.setdefault("name", "gw%d" % len(cls.procs))
        g = Gateway(cls.workdir, cls.network_id, bootstrap=bootstrap, **kw)
        cls.procs.append(g)
        return g

    @classmethod
    def start_dht(cls, n, **kw):
        """n gateways, the first one bootstrap for the others; waits until all see a peer."""
        first = cls.start_gateway(**kw)
        gws = [first] + [cls.start_gateway(bootstrap=[first.dht_addr], **kw) for _ in range(n - 1)]
        wait_connected(gws)
        return gws

    @classmethod
    def start_proxy(cls, bootstrap=None):
        p = DhtProxy(cls.workdir, cls.network_id, bootstrap, name="proxy%d" % len(cls.procs))
        cls.procs.append(p)
        return p


def wait_connected(gws, timeout=20.0):
    for g in gws:
        poll(lambda: g.peers() > 0, timeout, "%s to report a peer in GET /" % g, g.check_alive)


def netopendht_body(method, params):
    """A request body exactly as Net::OpenDHT 0.33 builds it (spec 10.3, E7): XML::LibXML's
    indented output, `encoding="utf8"`, <param>s straight under <methodCall>, a trailing <params/>.
    params: ("base64", bytes) | ("base64text", str already encoded) | ("int", n) | ("str", s)."""
    out = ['<?xml version="1.0" encoding="utf8"?>', "<methodCall>",
           "  <methodName>%s</methodName>" % method]
    for kind, v in params:
        out.append("  <param>")
        if kind == "str":
            out.append("    <value>%s</value>" % v)
        else:
            if kind == "base64":
                v = perl_mime_b64(v)
            out += ["    <value>", "      <%s>%s</%s>" % (kind[:6], v, kind[:6]), "    </value>"]
        out.append("  </param>")
    out += ["  <params/>", "</methodCall>", ""]
    return "\n".join(out)


def perl_mime_b64(data):
    """MIME::Base64 with its final LF removed: a LF after every 76 characters but the last."""
    text = base64.b64encode(data).decode()
    return "\n".join(text[i:i + 76] for i in range(0, len(text), 76))
