"""Clients of the OpenDHT proxy REST API for the gateway tests: curl, raw sockets that read
chunked streams line by line, and libopendht's own proxy client (`dhtnode --proxyclient`)
driven through its shell."""

import base64
import json
import os
import queue
import re
import socket
import subprocess
import threading
import time

from harness import DHTNODE, Process, _spawn, connect, parse_response


def hexkey(key20):
    return key20.hex()


def curl(*args, timeout=30):
    """curl -s -i ARGS: (status, headers dict with lower-case names, body bytes)."""
    r = subprocess.run(["curl", "-s", "-i", "--max-time", str(timeout), *args], capture_output=True,
                       timeout=timeout + 5)
    if not r.stdout:
        return None, {}, b""  # closed without an answer
    head, _, body = r.stdout.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    return int(lines[0].split()[1]), headers, body


def value_json(data, value_id=None, vtype=0, **extra):
    v = {"data": base64.b64encode(data).decode(), "type": vtype, **extra}
    if value_id is not None:
        v["id"] = str(value_id)
    return json.dumps(v)


class ChunkedStream:
    """One request on a raw socket whose answer is read chunk by chunk (GET /key, listen)."""

    def __init__(self, port, path, timeout=30.0, version="HTTP/1.1"):
        self.sock = connect(port, timeout=timeout)
        self.sock.sendall(("GET %s %s\r\nHost: x\r\n\r\n" % (path, version)).encode())
        self.file = self.sock.makefile("rb")
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            line = self.file.readline()
            if not line:
                raise AssertionError("closed before a full head: %r" % head)
            head += line
        self.response = parse_response(head)
        self.status = int(self.response.status_line.split()[1])
        self.pending = b""
        self.ended = False

    def chunk(self):
        """The next chunk's bytes; None at the terminating 0 chunk."""
        size_line = self.file.readline()
        if not size_line:
            raise AssertionError("closed inside a chunked stream")
        size = int(size_line.strip(), 16)
        data = self.file.read(size)
        if self.file.read(2) != b"\r\n":
            raise AssertionError("chunk not followed by CRLF")
        if size == 0:
            self.ended = True
            return None
        return data

    def lines(self):
        """Every JSON object until the stream ends, parsed line by line."""
        out = []
        while True:
            c = self.chunk()
            if c is None:
                break
            self.pending += c
            *whole, self.pending = self.pending.split(b"\n")
            out += [json.loads(l) for l in whole if l.strip()]
        if self.pending.strip():
            raise AssertionError("a partial line at the end: %r" % self.pending)
        return out

    def next_objects(self, timeout):
        """The objects of the next chunk(s) that complete at least one line."""
        self.sock.settimeout(timeout)
        while True:
            c = self.chunk()
            if c is None:
                raise AssertionError("the listen stream ended")
            self.pending += c
            *whole, self.pending = self.pending.split(b"\n")
            objs = [json.loads(l) for l in whole if l.strip()]
            if objs:
                return objs

    def close(self):
        self.file.close()  # the socket's file keeps it open otherwise
        self.sock.close()


def get_values(port, key_hex):
    s = ChunkedStream(port, "/key/" + key_hex)
    try:
        if s.status != 200:
            raise AssertionError("GET /key/%s -> %d" % (key_hex, s.status))
        return s.lines()
    finally:
        s.close()


class DhtnodeShell(Process):
    """A stock `dhtnode` driven through its shell: commands on stdin, its output read line by line."""

    def __init__(self, workdir, name, args):
        self.name = name
        self.log_path = os.path.join(workdir, name + ".log")
        self.proc = _spawn([DHTNODE, *args], self.log_path, stdout=subprocess.PIPE, stdin=subprocess.PIPE)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()

    def __str__(self):
        return "%s(pid %s)" % (self.name, self.proc.pid)

    def _read(self):
        for line in iter(self.proc.stdout.readline, b""):
            self.lines.put(line.decode("utf-8", "replace"))

    def send(self, command):
        self.proc.stdin.write((command + "\n").encode())
        self.proc.stdin.flush()

    def wait_for(self, pattern, timeout):
        """The first line matching pattern from now on (earlier lines are kept in seen)."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("%s: no line matching %r within %.0f s; got %r"
                                     % (self, pattern, timeout, self.seen[-20:]))
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                self.check_alive()
                continue
            self.seen.append(line)
            if rx.search(line):
                return line


class ProxyClientShell(DhtnodeShell):
    """libopendht's proxy client: `dhtnode --proxyclient HOST:PORT`, commands through its shell."""

    def __init__(self, workdir, port, name="proxyclient", extra_args=()):
        super().__init__(workdir, name, ["--proxyclient", "127.0.0.1:%d" % port, "-p", "0", *extra_args])
