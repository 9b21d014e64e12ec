#!/usr/bin/env python3
"""Builds the three Debian packages and their -dbgsym packages with CPack from the built tree,
into --out (emptied first), for the other packaging tests (a ctest fixture)."""

import argparse
import os
import shutil
import sys

import debs


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cpack", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    try:
        debs.run([args.cpack, "-G", "DEB", "--config", os.path.join(args.build, "CPackConfig.cmake"),
                  "-B", args.out])
        built = [debs.find(args.out, p) for p in debs.PACKAGES]
        built += [debs.find(args.out, p + "-dbgsym", ".ddeb") for p in debs.PACKAGES]
    except RuntimeError as error:
        print("FAIL:", error)
        return 1
    for path in built:
        print(f"{os.path.basename(path)}: {os.path.getsize(path)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
