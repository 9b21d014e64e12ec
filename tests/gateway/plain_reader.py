"""A reader of plain OpenDHT values through python3-opendht (run by /usr/bin/python3): joins the
DHT through BOOTSTRAP, asks the values of one type under a key (a query the storing nodes
answer, so the type is theirs, not ours) and prints them as one JSON list of
{"data": base64, "user_type": str, "id": str}.

Usage: /usr/bin/python3 plain_reader.py NETWORK_ID HOST:PORT KEY_HEX TYPE
"""

import base64
import json
import sys

import opendht as dht


def main():
    network, bootstrap, key_hex, vtype = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    config = dht.DhtConfig()
    config.setNetwork(network)
    config.setRateLimit(-1, -1)  # everyone is 127.0.0.1 here
    node = dht.DhtRunner()
    node.run(port=0, ipv4="127.0.0.1", config=config)
    host, port = bootstrap.rsplit(":", 1)
    node.bootstrap(host, port)
    values = node.get(dht.InfoHash(key_hex.encode()), where=dht.Where().valueType(vtype))
    print(json.dumps([{"data": base64.b64encode(bytes(v.data)).decode(), "user_type": v.user_type,
                       "id": str(v.id)} for v in values]), flush=True)
    node.join()


if __name__ == "__main__":
    main()
