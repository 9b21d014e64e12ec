#!/usr/bin/env python3
"""The gateway's systemd unit as packaged, checked by systemd itself without starting it (systemd
is not PID 1 on build machines): `systemd-analyze verify` in the unpacked package (the program,
its man page and the machine's targets in place), and `systemd-analyze security` whose exposure
score must stay below --max-exposure (printed for the record)."""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

import debs

UNIT = "/lib/systemd/system/opendht-gateway.service"


def analyze(root, *command):
    env = dict(os.environ, MANPATH=f"{root}/usr/share/man", SYSTEMD_COLORS="0", LC_ALL="C.UTF-8")
    return subprocess.run(["systemd-analyze", *command, f"--root={root}", root + UNIT],
                          capture_output=True, text=True, env=env, timeout=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--debs", required=True)
    parser.add_argument("--max-exposure", type=float, required=True)
    args = parser.parse_args()
    if not shutil.which("systemd-analyze"):
        print("FAIL: systemd-analyze not installed (package systemd, see packaging/setup)")
        return 1
    faults = []
    with tempfile.TemporaryDirectory(prefix="odb-unit-") as root:
        debs.unpack(debs.find(args.debs, "opendht-gateway"), root)
        # The targets the unit orders itself against, as on the machine that installs it.
        for target in glob.glob("/lib/systemd/system/*.target"):
            shutil.copy(target, root + "/lib/systemd/system/")

        verify = analyze(root, "verify")
        if verify.returncode != 0 or verify.stdout.strip() or verify.stderr.strip():
            faults.append(f"systemd-analyze verify ({verify.returncode}):\n{verify.stdout}{verify.stderr}")

        security = analyze(root, "security", "--offline=yes")
        match = re.search(r"Overall exposure level for \S+: ([0-9.]+) (\w+)", security.stdout)
        if not match:
            faults.append(f"systemd-analyze security gave no score:\n{security.stdout}{security.stderr}")
        else:
            print(f"systemd-analyze security: exposure {match[1]} {match[2]}")
            if float(match[1]) > args.max_exposure:
                print(security.stdout)
                faults.append(f"exposure {match[1]} is above {args.max_exposure}")
    for fault in faults:
        print("FAIL:", fault)
    if not faults:
        print("systemd-analyze verify: no complaint")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
