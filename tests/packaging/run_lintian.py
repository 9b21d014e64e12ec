#!/usr/bin/env python3
"""lintian on the three packages built by build_debs.py, as a Debian maintainer runs it before
an upload: no error and no warning (an override must say why, in packaging/debian); the
informational tags are printed for the log."""

import argparse
import subprocess
import sys

import debs


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--debs", required=True)
    args = parser.parse_args()
    try:
        packages = [debs.find(args.debs, p) for p in debs.PACKAGES]
    except RuntimeError as error:
        print("FAIL:", error)
        return 1
    done = subprocess.run(["lintian", "--fail-on", "error,warning", "--display-info", "--show-overrides",
                           *packages], capture_output=True, text=True)
    print(done.stdout + done.stderr)
    if done.returncode != 0:
        print(f"FAIL: lintian exited with {done.returncode}")
        return 1
    print("lintian: no error, no warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
