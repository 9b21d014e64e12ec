#!/usr/bin/env python3
"""Python's xmlrpc.client as another classic client, for tst_valuestransfer's checks.

Usage:
  classic_details.py URL put KEY VALUE_BASE64 TTL APP   put one value under the text key (SHA-1)
  classic_details.py URL putremovable KEY VALUE_BASE64 TTL SECRET   the same, removable with SECRET
  classic_details.py URL details KEY                    every value: "BASE64 TTL" one a line
"""

import base64
import hashlib
import sys
import xmlrpc.client


def main(argv):
    url, command, key = argv[1:4]
    k = xmlrpc.client.Binary(hashlib.sha1(key.encode("utf-8")).digest())
    gateway = xmlrpc.client.ServerProxy(url)
    if command == "put":
        value = base64.b64decode(argv[4])
        status = gateway.put(k, xmlrpc.client.Binary(value), int(argv[5]), argv[6])
        print(status)
        return 0 if status == 0 else 1
    if command == "putremovable":
        value = base64.b64decode(argv[4])
        secret_hash = xmlrpc.client.Binary(hashlib.sha1(argv[6].encode("utf-8")).digest())
        status = gateway.put_removable(k, xmlrpc.client.Binary(value), "SHA", secret_hash, int(argv[5]),
                                       "classic_details.py")
        print(status)
        return 0 if status == 0 else 1
    placemark = xmlrpc.client.Binary(b"")
    while True:
        values, placemark = gateway.get_details(k, 100, placemark, "classic_details.py")
        for value in values:
            print(base64.b64encode(value[0].data).decode("ascii"), value[1])
        if not placemark.data:
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
