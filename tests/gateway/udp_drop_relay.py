"""TEST-ONLY fixture: a lossy link. A UDP relay on 127.0.0.1 in front of a real DHT node that
drops the first `drop` datagrams sent to it and passes everything after, both ways, so that a
peer's first request to the node is lost the way a datagram is lost on a real network. (No real
peer loses packets on loopback; and dropping by count, not time, stays exact under load.)

The node sees every peer through the relay's one upstream socket: one relay serves one peer."""

import socket
import threading


class UdpDropRelay:
    def __init__(self, upstream_port, drop):
        self._upstream_addr = ("127.0.0.1", upstream_port)
        self._front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._front.bind(("127.0.0.1", 0))
        self._back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._back.bind(("127.0.0.1", 0))
        self.port = self._front.getsockname()[1]
        self.addr = "127.0.0.1:%d" % self.port
        self._lock = threading.Lock()
        self._to_drop = drop
        self.dropped = 0
        self.passed = 0
        self._client = None  # where the node's answers go: the last sender
        threading.Thread(target=self._forward, daemon=True).start()
        threading.Thread(target=self._backward, daemon=True).start()

    def _forward(self):
        while True:
            try:
                data, sender = self._front.recvfrom(65536)
            except OSError:
                return  # closed
            with self._lock:
                self._client = sender
                drop = self._to_drop > 0
                if drop:
                    self._to_drop -= 1
                    self.dropped += 1
                else:
                    self.passed += 1
            if not drop:
                self._send(self._back, data, self._upstream_addr)

    def _backward(self):
        while True:
            try:
                data, _ = self._back.recvfrom(65536)
            except OSError:
                return
            with self._lock:
                client = self._client
            if client:
                self._send(self._front, data, client)

    @staticmethod
    def _send(sock, data, addr):
        try:
            sock.sendto(data, addr)
        except OSError:
            pass

    def counts(self):
        with self._lock:
            return self.dropped, self.passed

    def close(self):
        for s in (self._front, self._back):
            s.close()
