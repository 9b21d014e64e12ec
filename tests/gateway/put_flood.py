"""A put flood from one source address: CONNECTIONS keep-alive connections from SOURCE, each
putting a small value to a random key again as soon as the previous put is answered, until
SECONDS have passed or PUTS puts were answered. A process of its own, so that the flood never
holds the interpreter lock of the test that times another client meanwhile.

Usage: python3 put_flood.py PORT SOURCE CONNECTIONS SECONDS PUTS TTL
Prints "puts N statuses {status: count}" at the end (status -1: an answer that was not 200).
"""

import base64
import os
import re
import selectors
import socket
import sys
import time

BODY = ('<?xml version="1.0"?><methodCall><methodName>put</methodName><params>'
        '<param><value><base64>%s</base64></value></param>'
        '<param><value><base64>dmFsdWUgb2YgYSBmbG9vZA==</base64></value></param>'
        '<param><value><int>%d</int></value></param><param><value><string>flood</string></value></param>'
        '</params></methodCall>')
STATUS = re.compile(rb"<int>(-?\d+)</int>|<i4>(-?\d+)</i4>")


def request(ttl):
    body = (BODY % (base64.b64encode(os.urandom(20)).decode(), ttl)).encode()
    return (b"POST / HTTP/1.1\r\nHost: gateway\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n"
            % len(body)) + body


def answer(buffer):
    """(status, rest of the buffer) once a whole answer is in, else None."""
    head_end = buffer.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    m = re.search(rb"(?i)content-length:\s*(\d+)", buffer[:head_end])
    end = head_end + 4 + int(m.group(1) if m else 0)
    if len(buffer) < end:
        return None
    if not buffer.startswith(b"HTTP/1.1 200"):
        return -1, buffer[end:]
    s = STATUS.search(buffer[head_end:end])
    return (int(s.group(1) or s.group(2)) if s else -1), buffer[end:]


def main():
    port, source, connections, seconds, puts, ttl = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:7])
    sel = selectors.DefaultSelector()
    for _ in range(connections):
        s = socket.socket()
        s.bind((source, 0))
        s.connect(("127.0.0.1", int(port)))
        s.sendall(request(ttl))
        sel.register(s, selectors.EVENT_READ, bytearray())
    done, statuses, sent = 0, {}, connections
    deadline = time.monotonic() + seconds
    while sel.get_map() and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=1):
            data = key.fileobj.recv(65536)
            if not data:  # closed by the gateway: this connection is through
                sel.unregister(key.fileobj)
                continue
            key.data.extend(data)
            got = answer(bytes(key.data))
            if got is None:
                continue
            status, rest = got
            key.data[:] = rest
            done += 1
            statuses[status] = statuses.get(status, 0) + 1
            if sent < puts and time.monotonic() < deadline:
                key.fileobj.sendall(request(ttl))
                sent += 1
            else:
                sel.unregister(key.fileobj)
    print("puts %d statuses %s" % (done, statuses), flush=True)


if __name__ == "__main__":
    main()
