"""opendht-gateway started the way its packaged systemd unit starts it, without systemd (not PID 1
on build machines): the unit's Environment= defaults, overridden by the packaged
/etc/default/opendht-gateway as an operator edits it, expanded into the unit's ExecStart as
systemd expands it, with the state directory systemd gives it (StateDirectory=). That gateway
serves a put and a get through Python's xmlrpc.client, stops cleanly on SIGTERM (systemd's stop),
and, started again the same way, still returns the value.

Run: cd tests/packaging && ODB_DEBS=<dir of the built packages> python3 -m unittest -v test_service
"""

import os
import re
import shlex
import signal
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gateway"))
import harness  # noqa: E402  (tests/gateway: processes stopped however the test ends)

import debs  # noqa: E402

UNIT = "/lib/systemd/system/opendht-gateway.service"
# What an operator of a test machine changes: ports the system picks and a DHT on loopback.
OPERATOR_EDITS = {"PORT": "0", "DHT_PORT": "0", "DHT_LISTEN": "127.0.0.1"}


def service_section(path):
    """The [Service] settings of a unit file, a list per key (keys may repeat)."""
    settings, section = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                section = line
                continue
            key, value = line.split("=", 1)
            if section == "[Service]":
                settings.setdefault(key, []).append(value)
    return settings


def environment_file(path):
    """KEY=VALUE lines as systemd reads them (comments skipped, shell quoting removed)."""
    env = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, value = line.split("=", 1)
                env[key] = " ".join(shlex.split(value))
    return env


def expand(command, env):
    """systemd's ExecStart expansion: ${X} is one word, a word $X is X split at white space."""
    words = []
    for word in command.split():
        whole = re.fullmatch(r"\$(\w+)", word)
        if whole:
            words += env.get(whole[1], "").split()
        else:
            words.append(re.sub(r"\$\{(\w+)\}", lambda m: env.get(m[1], ""), word))
    return words


class ServiceGateway(harness.Gateway):
    """The gateway from exactly this command line (the harness stops it however the test ends)."""

    def __init__(self, workdir, args, name):
        self.name = name
        self.network_id = None
        self.log_path = os.path.join(workdir, name + ".log")
        self.proc = harness._spawn(args, self.log_path)
        self.ready_line = self._read_ready()
        m = harness.READY_RE.match(self.ready_line)
        if not m:
            self.kill()
            raise AssertionError("bad ready line %r" % self.ready_line)
        self.http_port, self.dht_port, self.node_id = int(m[1]), int(m[2]), m[3]
        self.url = "http://127.0.0.1:%d/" % self.http_port


class TestService(harness.GatewayTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = debs.unpack(debs.find(os.environ["ODB_DEBS"], "opendht-gateway"),
                               os.path.join(cls.workdir, "root"))
        cls.unit = service_section(cls.root + UNIT)

    def test_unit_runs_the_gateway_as_a_service(self):
        u = self.unit
        self.assertEqual(u.get("DynamicUser"), ["yes"])
        self.assertEqual(u.get("StateDirectory"), ["opendht-gateway"])
        self.assertEqual(u.get("EnvironmentFile"), ["-/etc/default/opendht-gateway"])
        self.assertEqual(u.get("Restart"), ["on-failure"])
        self.assertIn("--state-dir ${STATE_DIRECTORY}", u["ExecStart"][0])

    def command(self, config, state_dir):
        """The unit's command line with this configuration file and state directory."""
        env = {}
        for line in self.unit["Environment"]:
            env.update(a.split("=", 1) for a in shlex.split(line))
        env.update(environment_file(config))
        env["STATE_DIRECTORY"] = state_dir  # what StateDirectory= sets
        (command,) = self.unit["ExecStart"]
        args = expand(command, env)
        self.assertEqual(args[0], "/usr/bin/opendht-gateway")
        return [self.root + args[0]] + args[1:]

    def operator_config(self):
        """The packaged /etc/default/opendht-gateway with OPERATOR_EDITS made in it."""
        with open(self.root + "/etc/default/opendht-gateway", encoding="utf-8") as f:
            text = f.read()
        for key, value in OPERATOR_EDITS.items():
            text, n = re.subn(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
            self.assertEqual(n, 1, f"/etc/default/opendht-gateway sets {key} once")
        path = os.path.join(self.workdir, "opendht-gateway.default")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_serves_stops_on_sigterm_and_keeps_its_values(self):
        config = self.operator_config()
        state_dir = os.path.join(self.workdir, "var-lib-opendht-gateway")
        os.mkdir(state_dir, 0o700)
        args = self.command(config, state_dir)
        for option, value in [("--listen", "127.0.0.1"), ("--network", "local"), ("--state-dir", state_dir),
                              ("--capacity", "268435456"), ("--dht-listen", "127.0.0.1")]:
            self.assertEqual(args[args.index(option) + 1], value, args)

        key, value = harness.sha1(b"service key"), b"kept across a systemctl restart"
        first = ServiceGateway(self.workdir, args, "service")
        self.procs.append(first)
        rpc = first.rpc()
        self.assertEqual(rpc.put(harness.B(key), harness.B(value), 3600, "test_service"), 0)
        self.assertEqual(harness.values(rpc, key), [value])
        self.assertEqual(first.stop(signal.SIGTERM, timeout=60), 0, first.log_tail())
        self.assertTrue(os.path.exists(os.path.join(state_dir, "items.sqlite")))

        again = ServiceGateway(self.workdir, args, "service-again")
        self.procs.append(again)
        self.assertEqual(again.node_id, first.node_id)
        self.assertEqual(harness.values(again.rpc(), key), [value])
        self.assertEqual(again.stop(signal.SIGTERM, timeout=60), 0, again.log_tail())


if __name__ == "__main__":
    unittest.main()
