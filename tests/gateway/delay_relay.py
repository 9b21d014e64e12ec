"""TEST-ONLY fixture: TCP relays on 127.0.0.1 that add a fixed delay to everything a real
gateway sends back (this machine has no network emulator).

Each connection has its own threads and blocking sockets, and what comes back waits in
time.sleep() until it is due: one asyncio loop serving every relay woke up to a millisecond late
(its timers are rounded up to the millisecond) and served the relays in turn, which added about
a millisecond of its own to each relay's figure (tests/bench/probe_bench.py, issue #6). Each relay
connects to the gateway from its own loopback address (127.0.0.2, 127.0.0.3, ...), as distinct
clients would, so that a hundred relays stay within the gateway's connections per address."""

import itertools
import queue
import socket
import threading
import time

_next_source = itertools.count()


def _source_address():
    n = next(_next_source) % (250 * 250)
    return "127.0.%d.%d" % (n // 250, n % 250 + 2)


def _low_delay(sock):
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)  # also wakes a thread blocked on it
    except OSError:
        pass
    sock.close()


class DelayRelay:
    def __init__(self, upstream_port, delay_ms):
        self.upstream_port, self.delay = upstream_port, delay_ms / 1000.0
        self._source = _source_address()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._sockets = set()
        self._closed = False
        self._start(self._accept)

    @staticmethod
    def _start(target, *args):
        threading.Thread(target=target, args=args, daemon=True).start()

    def _keep(self, sock):
        with self._lock:
            if not self._closed:
                self._sockets.add(sock)
                return True
        _close(sock)
        return False

    def _drop(self, sock):
        with self._lock:
            self._sockets.discard(sock)
        _close(sock)

    def _accept(self):
        while True:
            try:
                client = _low_delay(self._listener.accept()[0])
            except OSError:
                return  # closed
            try:
                upstream = _low_delay(socket.create_connection(("127.0.0.1", self.upstream_port),
                                                               source_address=(self._source, 0)))
            except OSError:
                client.close()  # the gateway is gone: the client sees the connection closed
                continue
            if not (self._keep(client) and self._keep(upstream)):
                _close(client)  # closed meanwhile
                _close(upstream)
                return
            line = queue.SimpleQueue()  # (due, bytes); b"" once the gateway has closed
            self._start(self._straight, client, upstream)
            self._start(self._receive, upstream, line)
            self._start(self._deliver, line, client, upstream)

    @staticmethod
    def _straight(client, upstream):
        try:
            while data := client.recv(65536):
                upstream.sendall(data)
            upstream.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def _receive(self, upstream, line):
        try:
            while data := upstream.recv(65536):
                line.put((time.monotonic() + self.delay, data))
        except OSError:
            pass
        line.put((time.monotonic() + self.delay, b""))

    def _deliver(self, line, client, upstream):
        try:
            while True:
                due, data = line.get()
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                if not data:
                    break
                client.sendall(data)
        except OSError:
            pass
        self._drop(client)
        self._drop(upstream)

    def close(self):
        with self._lock:
            self._closed = True
            sockets, self._sockets = list(self._sockets), set()
        _close(self._listener)
        for sock in sockets:
            _close(sock)
