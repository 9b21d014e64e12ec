"""The TEST-ONLY POST-counting relay (tests/fixtures/relay/post_counting_relay.py) as a process
of a GatewayTestCase: started in front of a real proxy, its POSTs collected as they come."""

import json
import os
import sys
import threading

from harness import _kill_group, _spawn, poll

SCRIPT = os.path.join(os.path.dirname(__file__), "../fixtures/relay/post_counting_relay.py")


class PostCountingRelay:
    def __init__(self, workdir, upstream_port, name="relay"):
        self.log_path = os.path.join(workdir, name + ".log")
        self.proc = _spawn([sys.executable, SCRIPT, str(upstream_port)], self.log_path)
        self.posts = []  # {"path", "permanent", "status"}, in the order answered
        self._port = []
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        poll(lambda: self._port, 20, "the relay's port line")
        self.port = self._port[0]
        self.url = "http://127.0.0.1:%d/" % self.port

    def _read(self):
        for line in self.proc.stdout:
            text = line.decode().strip()
            if text.startswith("relay port "):
                self._port.append(int(text.split()[-1]))
            elif text:
                with self._lock:
                    self.posts.append(json.loads(text))

    def seen(self):
        with self._lock:
            return list(self.posts)

    def kill(self):
        _kill_group(self.proc)
