"""A stock OpenDHT node (python3-opendht, run by /usr/bin/python3) that stores other people's
values on its peers: it joins a DHT and puts COUNT values of SIZE bytes under random keys.

Usage: /usr/bin/python3 flood_peer.py NETWORK_ID HOST:PORT COUNT SIZE
Prints "joined" after its first stored put, "done N" after N, and waits for stdin to close.
"""

import os
import sys
import time

import opendht as dht


def main():
    network, bootstrap, count, size = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    config = dht.DhtConfig()
    config.setNetwork(network)
    config.setRateLimit(-1, -1)  # everyone is 127.0.0.1 here
    node = dht.DhtRunner()
    node.run(port=0, ipv4="127.0.0.1", config=config)
    host, port = bootstrap.rsplit(":", 1)
    node.bootstrap(host, port)
    done, deadline = 0, time.monotonic() + 60
    while done < count and time.monotonic() < deadline:
        # put() waits for the DHT's answer: false until the node has joined.
        if node.put(dht.InfoHash.getRandom(), dht.Value(os.urandom(size))):
            done += 1
            if done == 1:
                print("joined", flush=True)
    print("done %d" % done, flush=True)
    sys.stdin.read()
    node.join()


if __name__ == "__main__":
    main()
