"""Readers of plain OpenDHT values for the tests of `opendht-cli put --plain` (issue #19): the
value as other software sees it, through a stock `dhtnode` shell (`g` shows the data and user
type, `q KEY WHERE value_type=N` the type the storing nodes hold) and through python3-opendht
(plain_reader.py under /usr/bin/python3)."""

import base64
import json
import os
import re
import subprocess

from harness import poll
from rest import DhtnodeShell

SYSTEM_PYTHON = "/usr/bin/python3"
READER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plain_reader.py")


class ShellReader(DhtnodeShell):
    """A stock dhtnode of the DHT (no proxy), read through its shell."""

    def __init__(self, workdir, network_id, bootstrap, name="shell-reader"):
        super().__init__(workdir, name, ["-n", str(network_id), "-p", "0", "-b", bootstrap])

    def get(self, key_hex, timeout):
        """The lines `g` printed for the key's values."""
        start = len(self.seen)
        self.send("g %s" % key_hex)
        self.wait_for(r"Get: completed", timeout)
        return [l.strip() for l in self.seen[start:] if l.strip().startswith("Value[")]

    def query_type(self, key_hex, vtype, timeout):
        """The index lines `q KEY WHERE value_type=vtype` printed: what the storing nodes hold."""
        start = len(self.seen)
        self.send("q %s WHERE value_type=%d" % (key_hex, vtype))
        self.wait_for(r"Query: completed", timeout)
        return [l.strip() for l in self.seen[start:] if l.strip().startswith("Index[")]


def python_values(network_id, bootstrap, key_hex, vtype, timeout=60):
    """The values of type vtype under the key as python3-opendht reads them: [(bytes, user_type)]."""
    r = subprocess.run([SYSTEM_PYTHON, READER, str(network_id), bootstrap, key_hex, str(vtype)],
                       capture_output=True, timeout=timeout)
    if r.returncode != 0:
        raise AssertionError("plain_reader.py failed: %s" % r.stderr.decode("utf-8", "replace"))
    return [(base64.b64decode(v["data"]), v["user_type"]) for v in json.loads(r.stdout)]


def wait_python_value(network_id, bootstrap, key_hex, vtype, data, timeout):
    """Until python3-opendht reads data as a value of type vtype; returns its user type."""
    seen = {}

    def found():
        seen["v"] = python_values(network_id, bootstrap, key_hex, vtype)
        return [u for d, u in seen["v"] if d == data]
    try:
        return poll(found, timeout, "python3-opendht to read %r as type %d" % (data, vtype), interval=1.0)[0]
    except AssertionError:
        raise AssertionError("python3-opendht read %r" % seen.get("v"))


def shell_shows(lines, data, user_type):
    """Whether `g` showed data (text) with that user type."""
    rx = re.compile(r'data\(%s\):"%s"' % (re.escape(user_type), re.escape(data)))
    return any(rx.search(l) for l in lines)
