#!/usr/bin/python3
"""TEST-ONLY: an OpenDHT node bound to ::1 alone (no IPv4 socket), run by Debian's python3-opendht
under /usr/bin/python3, so that a gateway's IPv6 side meets a peer we did not write.

Usage: /usr/bin/python3 ipv6_peer.py NETWORK_ID
Prints its UDP port on one line, then answers lines on standard input until it closes (or it is
killed):
  get <40 hex>   one line: the data of every value the DHT holds under that InfoHash, in hex,
                 separated by spaces (an empty line: none)
"""

import sys

import opendht


def main():
    config = opendht.DhtConfig()
    config.setNetwork(int(sys.argv[1]))
    config.setRateLimit(-1, -1)  # every peer is on this host: per-address limits would throttle them all
    node = opendht.DhtRunner()
    node.run(port=0, ipv6="::1", config=config)
    print(node.getBound(10).getPort(), flush=True)  # 10: AF_INET6
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["get"]:
            found = node.get(opendht.InfoHash(words[1].encode()))
            print(" ".join(bytes(v.data).hex() for v in found), flush=True)
    node.join()


if __name__ == "__main__":
    main()
