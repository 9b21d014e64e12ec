#!/usr/bin/env python3
"""Python's xmlrpc.client as a classic Open DHT client, for tst_cli's interop checks.

Keys are made as the classic clients made them, independently of our C++ code:
  text: SHA-1 of the UTF-8 text (put.py, get.py), hex: the bytes spelt, raw: the UTF-8 bytes
  (Net::OpenDHT).

Usage:
  xmlrpc_peer.py URL put MODE KEY VALUE_BASE64 TTL   put one value; prints the status
  xmlrpc_peer.py URL putmany MODE KEY COUNT TTL      put "value-0000".. one after the other
  xmlrpc_peer.py URL get MODE KEY                    every value (placemark paging), base64, one a line
  xmlrpc_peer.py - keybytes MODE KEY                 the key bytes in hex
"""

import base64
import hashlib
import sys
import xmlrpc.client


def key_bytes(mode, key):
    if mode == "text":
        return hashlib.sha1(key.encode("utf-8")).digest()
    if mode == "hex":
        return bytes.fromhex(key)
    if mode == "raw":
        return key.encode("utf-8")
    raise SystemExit("unknown key mode " + mode)


def main(argv):
    url, command, mode, key = argv[1:5]
    k = xmlrpc.client.Binary(key_bytes(mode, key))
    if command == "keybytes":
        print(k.data.hex())
        return 0
    gateway = xmlrpc.client.ServerProxy(url)
    if command == "put":
        value = base64.b64decode(argv[5])
        print(gateway.put(k, xmlrpc.client.Binary(value), int(argv[6]), "xmlrpc_peer.py"))
        return 0
    if command == "putmany":
        for i in range(int(argv[5])):
            status = gateway.put(k, xmlrpc.client.Binary(b"value-%04d" % i), int(argv[6]), "xmlrpc_peer.py")
            if status != 0:
                raise SystemExit("put %d answered %d" % (i, status))
        return 0
    if command == "get":
        placemark = xmlrpc.client.Binary(b"")
        while True:
            values, placemark = gateway.get(k, 100, placemark, "xmlrpc_peer.py")
            for v in values:
                print(base64.b64encode(v.data).decode("ascii"))
            if not placemark.data:
                return 0
    raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
