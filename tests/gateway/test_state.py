"""What a gateway keeps on disk: state dirs of the first stored form migrated, and acknowledged
puts that survive a SIGKILL."""

import json
import random
import re
import sqlite3
import threading
import os
import shutil
import subprocess
import struct
import sys
import time
import unittest

from harness import GATEWAY, B, GatewayTestCase, get_all, sha1, values

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def age_fixture(state_dir, shift_us):
    """Move the put time of every ODC1 envelope in a copied values file forward (same length)."""
    path = os.path.join(state_dir, "values")
    data = bytearray(open(path, "rb").read())
    at, moved = data.find(b"ODC1"), 0
    while at >= 0:
        (put_time,) = struct.unpack(">Q", data[at + 5:at + 13])
        data[at + 5:at + 13] = struct.pack(">Q", put_time + shift_us)
        moved += 1
        at = data.find(b"ODC1", at + 4)
    open(path, "wb").write(bytes(data))
    return moved


class Migration(GatewayTestCase):
    def test_first_form_state_dir_is_migrated_whole(self):
        manifest = json.load(open(os.path.join(DATA, "state-v1.json")))
        state = os.path.join(self.workdir, "state-v1")
        shutil.copytree(os.path.join(DATA, "state-v1"), state)
        shift = time.time() - manifest["created_unix"]
        self.assertGreater(age_fixture(state, int(shift * 1e6)), 25)
        node_id = open(os.path.join(state, "node-id")).read().strip()

        gw = self.start_gateway(state_dir=state, name="migrated")
        self.assertEqual(gw.node_id, node_id, "the node must keep its place in the DHT")
        rpc = gw.rpc()
        for key_hex, expected in manifest["values"].items():
            key = bytes.fromhex(key_hex)
            if isinstance(expected[0], list):  # removable values, with their secret hash
                got = [[d[0].hex(), d[3].hex()] for d in get_all(rpc, key, details=True)[0]]
            else:
                got = [v.hex() for v in values(rpc, key)]
            self.assertEqual(got, expected, "key %s" % key_hex)
        # Remaining TTLs are what they were when the fixture was made, less its few seconds.
        k1 = bytes.fromhex(next(iter(manifest["ttls_at_creation"])))
        then = dict(manifest["ttls_at_creation"][k1.hex()])
        for value, ttl, _, _ in get_all(rpc, k1, details=True)[0]:
            self.assertLessEqual(abs(ttl - then[value.hex()]), 5, value)
        self.assertTrue(os.path.exists(os.path.join(state, "values.v1")), "the old file is kept aside")
        self.assertFalse(os.path.exists(os.path.join(state, "values")))

        # Migrated items are items like any other: removable with their secret, kept on restart.
        k2 = sha1(b"migrate 2")
        self.assertEqual(rpc.rm(B(k2), B(sha1(b"kept removable")), "SHA", B(b"s1"), 3600, "t"), 0)
        self.assertEqual(values(rpc, k2), [b"second removable"])
        self.assertEqual(gw.stop(), 0)
        gw = self.start_gateway(state_dir=state, name="migrated-again")
        self.assertEqual(values(gw.rpc(), k2), [b"second removable"])
        self.assertEqual(len(values(gw.rpc(), sha1(b"migrate many"))), 20)


class LedgerSize(GatewayTestCase):
    def test_a_put_flood_leaves_the_ledger_small(self):
        """The ledger's WAL is checkpointed and starts over during a flood: a checkpoint from a
        connection of its own never caught up with the commits (5 GB of WAL in a minute)."""
        gw = self.start_gateway(name="wal", capacity=1 << 34, extra_args=["--search-budget", "500000"])
        floods = [subprocess.Popen(
            [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "put_flood.py"),
             str(gw.http_port), source, "8", "300", "15000", "3600"], stdout=subprocess.PIPE, text=True)
            for source in ("127.0.0.2", "127.0.0.3")]
        try:
            results = [f.communicate(timeout=400)[0] for f in floods]
        finally:
            for f in floods:
                if f.poll() is None:
                    f.kill()
                    f.wait()
        kept = sum(int(m) for r in results for m in re.findall(r"\b0: (\d+)", r))
        self.assertGreaterEqual(kept, 29000, "the flood was not kept: %s" % results)
        wal = os.path.getsize(os.path.join(gw.state_dir, "items.sqlite-wal"))
        self.assertLess(wal, 64 << 20, "a WAL of %.0f MiB after %d puts" % (wal / 2**20, kept))
        gw.kill()  # and every one of them is in the ledger
        with sqlite3.connect(os.path.join(gw.state_dir, "items.sqlite")) as db:
            self.assertEqual(db.execute("SELECT count(*) FROM items").fetchone()[0], kept)


class CrashSafety(GatewayTestCase):
    def test_acknowledged_puts_survive_sigkill(self):
        gw = self.start_gateway(name="crash")
        rpc = gw.rpc()
        key = sha1(b"crash safety")
        sent = [b"acknowledged %03d" % i for i in range(200)]
        for v in sent:
            self.assertEqual(rpc.put(B(key), B(v), 3600, "t"), 0)
        gw.kill()  # right after the last answer
        gw = self.start_gateway(state_dir=gw.state_dir, name="crash-again")
        self.assertEqual(values(gw.rpc(), key), sent)

    def test_acknowledged_puts_survive_kills_in_the_middle_of_a_stream(self):
        # Hardening issue, item 5: killed while puts stream in, the gateway lost about half of
        # those it had acknowledged. Here it is killed at a random moment, 5 times.
        gw = self.start_gateway(name="stream")
        key, acknowledged = sha1(b"stream of puts"), []
        for round_ in range(5):
            stop = threading.Event()

            def putter():
                rpc = gw.rpc(timeout=5)
                i = 0
                while not stop.is_set():
                    value = b"round %d put %04d" % (round_, i)
                    try:
                        if rpc.put(B(key), B(value), 3600, "t") == 0:
                            acknowledged.append(value)
                    except Exception:  # noqa: BLE001 - the gateway was killed mid-call
                        return
                    i += 1
            t = threading.Thread(target=putter)
            t.start()
            time.sleep(random.uniform(0.2, 0.8))  # a random moment within the stream
            gw.kill()
            stop.set()
            t.join()
            gw = self.start_gateway(state_dir=gw.state_dir, name="stream-%d" % round_)
        got = set(values(gw.rpc(), key))
        lost = [v for v in acknowledged if v not in got]
        print("\ncrash loop: %d puts acknowledged over 5 kills, %d lost" % (len(acknowledged), len(lost)))
        self.assertGreater(len(acknowledged), 50)
        self.assertEqual(lost, [])



class BadStateDirs(GatewayTestCase):
    """A state dir the gateway cannot write stops it at start with a sentence (hardening issue,
    item 6)."""

    def test_a_state_dir_that_cannot_be_written_is_refused(self):
        p = subprocess.run([GATEWAY, "--port", "0", "--dht-listen", "127.0.0.1", "--state-dir", "/proc/no-such-dir"],
                           capture_output=True, text=True, timeout=30)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("cannot open /proc/no-such-dir/items.sqlite", p.stderr)


PAGE = 4096  # the ledger's SQLite page size (SQLite's default)
SALVAGE_RE = re.compile(r"items\.sqlite is damaged \((.*?)\): kept aside as (\S+?)( \(its header mended to read "
                        r"it\))?; (\d+) item\(s\) read back and kept(?:; (\d+) item\(s\) lost, their rows failing "
                        r"their check, under the key\(s\) ([0-9a-f, ]+))?(?:; the items not read back under keys "
                        r"beginning (.*) are lost)?")


class DamagedLedger(GatewayTestCase):
    """Hardening issue, item 6: a damaged ledger is kept aside, every item that still reads is
    kept, and stderr says how many were kept and under which keys the lost ones were."""

    ITEMS = 400

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        gw = cls.start_gateway(name="source")
        rpc = gw.rpc()
        rng = random.Random(12)
        cls.items = {}
        for i in range(cls.ITEMS):
            key = bytes(rng.getrandbits(8) for _ in range(20))
            value = b"value %04d " % i + b"x" * 100
            assert rpc.put(B(key), B(value), 3600, "t") == 0
            cls.items[key] = value
        assert gw.stop() == 0
        cls.source = gw.state_dir
        ledger = os.path.join(cls.source, "items.sqlite")
        # Everything in the file itself, so that damaging it damages rows (the WAL is folded in).
        with sqlite3.connect(ledger) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cls.ledger_bytes = open(ledger, "rb").read()

    def damaged_copy(self, name, damage):
        state = os.path.join(self.workdir, name)
        shutil.copytree(self.source, state)
        path = os.path.join(state, "items.sqlite")
        data = damage(bytearray(self.ledger_bytes))
        open(path, "wb").write(data)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return state, bytes(data)

    def start_salvaging(self, name, damage):
        """Starts a gateway on a damaged copy; returns what it said, parsed, and what it keeps."""
        state, damaged = self.damaged_copy(name, damage)
        gw = self.start_gateway(state_dir=state, name=name)
        said = SALVAGE_RE.search(open(gw.log_path).read())
        self.assertIsNotNone(said, "no sentence about the damage:\n" + gw.log_tail())
        aside = said[2]
        self.assertTrue(aside.startswith(os.path.join(state, "items.sqlite.damaged-")), aside)
        self.assertEqual(open(aside, "rb").read(), damaged, "the damaged file is kept as it was")
        rpc = gw.rpc()
        kept = {}
        for key, value in self.items.items():
            got = values(rpc, key)
            self.assertIn(got, ([], [value]), "only what was put comes back")
            if got:
                kept[key] = value
        self.assertEqual(len(kept), int(said[4]), "the count said is the count kept")
        lost = [k for k in self.items if k not in kept]
        failed = said[6].split(", ") if said[6] else []
        ranges = []
        for r in (said[7].split(", ") if said[7] else []):
            lo, _, hi = r.partition(" to ")
            ranges.append((int(lo, 16), int(hi or lo, 16)))
        for key in lost:  # every lost item is named: by its key, or by a range its key is in
            prefix = int.from_bytes(key[:2], "big")
            self.assertTrue(key.hex() in failed or any(lo <= prefix <= hi for lo, hi in ranges),
                            "item %s lost without a word: %s" % (key.hex(), said[0]))
        self.assertEqual(gw.stop(), 0)
        # The fresh ledger is sound: a restart keeps the same items and says nothing.
        again = self.start_gateway(state_dir=state, name=name + "-again")
        self.assertIsNone(SALVAGE_RE.search(open(again.log_path).read()))
        rpc = again.rpc()
        self.assertEqual({k: v for k, v in self.items.items() if values(rpc, k)}, kept)
        self.assertEqual(again.stop(), 0)
        return said, kept, lost, ranges

    def test_a_page_overwritten(self):
        pages = len(self.ledger_bytes) // PAGE
        page = pages // 2  # a leaf in the middle: neither the header page nor the table's root
        rng = random.Random(3)

        def overwrite(data):
            data[page * PAGE:(page + 1) * PAGE] = bytes(rng.getrandbits(8) for _ in range(PAGE))
            return data
        said, kept, lost, ranges = self.start_salvaging("page", overwrite)
        self.assertGreater(len(lost), 0)
        self.assertLess(len(lost), self.ITEMS // 4, "one page holds a few rows, not a quarter of them")
        self.assertTrue(ranges, said[0])

    def test_truncated(self):
        said, kept, lost, _ = self.start_salvaging("truncated", lambda d: d[:len(d) * 6 // 10 // PAGE * PAGE])
        self.assertGreater(len(kept), 0)
        self.assertGreater(len(lost), 0)

    def test_a_wrong_header(self):
        def header(data):
            data[0:16] = b"garbage garbage!"
            data[16:18] = b"\x00\x03"  # no page size
            return data
        said, kept, lost, _ = self.start_salvaging("header", header)
        self.assertIsNotNone(said[3], "says the header was mended")
        self.assertEqual(lost, [])

    def test_a_row_changed(self):
        def one_byte(data):
            at = data.find(b"value 0123 ")
            data[at + 6] ^= 0x01  # still a valid record for SQLite: only the row's check sees it
            return data
        said, kept, lost, ranges = self.start_salvaging("row", one_byte)
        changed = next(k for k, v in self.items.items() if v.startswith(b"value 0123 "))
        self.assertEqual(lost, [changed])
        self.assertEqual(said[6], changed.hex())
        self.assertEqual(ranges, [])

    def test_not_a_database_at_all(self):
        said, kept, lost, ranges = self.start_salvaging("garbage", lambda d: bytearray(b"not a database " * 100))
        self.assertEqual(kept, {})
        self.assertEqual(ranges, [(0, 0xffff)])


if __name__ == "__main__":
    unittest.main()
