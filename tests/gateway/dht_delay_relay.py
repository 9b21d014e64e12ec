"""TEST-ONLY fixture: a relay on 127.0.0.1 in front of a real gateway or proxy that delays only
the requests that make it read or write its DHT (a classic `get`/`put`, a proxy's /key/...),
so that it answers GET / and pings at once while its DHT looks slow, as a gateway whose DHT
lost its peers does. (Killing peers to the same effect takes minutes and gives no fixed delay.)

Requests are read whole (head and Content-Length body) and held before they go upstream; as
clients wait for each answer before the next request, holding a request delays its answer."""

import socket
import threading
import time


def _dht_touching(head, body):
    """A proxy's /key/... (GET, POST, LISTEN...), or a classic call other than ping."""
    request_line = head.split(b"\r\n", 1)[0]
    parts = request_line.split(b" ")
    path = parts[1] if len(parts) > 1 else b""
    if path.startswith(b"/key/"):
        return True
    return parts[0] == b"POST" and b"<methodName>ping</methodName>" not in body


def _read_request(sock, buffered):
    """(head, body, rest) of the next request, or None once the client closed."""
    while b"\r\n\r\n" not in buffered:
        data = sock.recv(65536)
        if not data:
            return None
        buffered += data
    head, rest = buffered.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        data = sock.recv(65536)
        if not data:
            return None
        rest += data
    return head, rest[:length], rest[length:]


class DhtDelayRelay:
    def __init__(self, upstream_port, delay_ms):
        self.upstream_port, self.delay = upstream_port, delay_ms / 1000.0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = "http://127.0.0.1:%d/" % self.port
        self._lock = threading.Lock()
        self._sockets = set()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _keep(self, *socks):
        with self._lock:
            if self._closed:
                return False
            self._sockets.update(socks)
            return True

    def _accept(self):
        while True:
            try:
                client = self._listener.accept()[0]
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            if not self._keep(client, upstream):
                client.close()
                upstream.close()
                return
            threading.Thread(target=self._requests, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._answers, args=(upstream, client), daemon=True).start()

    def _requests(self, client, upstream):
        buffered = b""
        try:
            while (request := _read_request(client, buffered)) is not None:
                head, body, buffered = request
                if _dht_touching(head, body):
                    time.sleep(self.delay)
                upstream.sendall(head + b"\r\n\r\n" + body)
            upstream.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    @staticmethod
    def _answers(upstream, client):
        try:
            while data := upstream.recv(65536):
                client.sendall(data)
        except OSError:
            pass
        for s in (client, upstream):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self):
        with self._lock:
            self._closed = True
            sockets, self._sockets = list(self._sockets), set()
        self._listener.close()
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
