"""Items outlive the gateway that accepted them past the 10 minutes a stock node keeps a value
nobody refreshes: a mixed DHT, the accepting gateway SIGKILLed, the items read 12 minutes later.
Slow (about 13 minutes): ctest label `soak`, outside the default run (`packaging/test -L soak`)."""

import time
import unittest

from harness import B, GatewayTestCase, poll, sha1, values
from stocknet import StockNet

ITEMS = 50
TTL = 30 * 60
WAIT = 12 * 60  # past the 10 minutes a stock node keeps a value after its last refresh


class AcceptingGatewayGone(GatewayTestCase):
    def test_items_stay_readable_twelve_minutes_after_their_gateway_died(self):
        net = StockNet(self, 40)
        gws = [self.start_gateway(bootstrap=[net.bootstrap()], name=n) for n in "ABCD"]
        for g in gws:
            poll(lambda: g.info()[2]["keeper"]["others"] == 3, 60, "%s to know the others" % g, g.check_alive)
        accepting, others = gws[0], gws[1:]
        items = [(sha1(b"soak %d %f" % (i, time.time())), b"soak value %d" % i) for i in range(ITEMS)]
        rpc = accepting.rpc()
        for key, value in items:
            self.assertEqual(rpc.put(B(key), B(value), TTL, "soak"), 0)
        # Each item has two backups among B, C and D: 2 x ITEMS backups in all.
        poll(lambda: sum(g.info()[2]["values"]["backups"] for g in others) == 2 * ITEMS, 30,
             "the backups to be taken", accepting.check_alive)
        accepting.kill()
        killed = time.monotonic()
        time.sleep(WAIT)
        seen = {}
        for g in others:
            rpc = g.rpc()
            seen[g.name] = sum(values(rpc, key) == [value] for key, value in items)
        # A gateway that never saw these keys finds them in the DHT, not in its memory.
        fresh = self.start_gateway(bootstrap=[net.bootstrap()], name="fresh")
        poll(lambda: fresh.peers() > 0, 30, "the fresh gateway to join", fresh.check_alive)
        seen["fresh"] = sum(values(fresh.rpc(), key) == [value] for key, value in items)
        print("\nsoak: %.0f s after the accepting gateway was killed, of %d items: %s"
              % (time.monotonic() - killed, ITEMS, seen))
        self.assertEqual(seen, {name: ITEMS for name in seen})


if __name__ == "__main__":
    unittest.main()
