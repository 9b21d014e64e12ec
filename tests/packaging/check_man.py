#!/usr/bin/env python3
"""The manual pages in the packages built by build_debs.py, as `man -l` shows them: each renders
without a groff warning, names its program, and describes every option the program's --help
lists (the packaged program, run without a display: help2man ran it that way on the build)."""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import debs


def options_of(program):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([program, "--help"], capture_output=True, text=True, env=env, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{program} --help exited with {done.returncode}:\n{done.stderr}")
    return sorted(set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", done.stdout, re.M)))


def check(root, package, faults):
    page = f"{root}/usr/share/man/man1/{package}.1.gz"
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    done = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True, env=env,
                          timeout=60)
    if done.returncode != 0 or done.stderr.strip():
        faults.append(f"{package}: man -l exited with {done.returncode}:\n{done.stderr}")
        return
    text = re.sub(r".\x08", "", done.stdout)  # overstrike bold and underline, should any be left
    if not re.search(rf"^NAME\n\s+{package}\s+-\s+\S", text, re.M):  # justified: any spaces
        faults.append(f"{package}: the page's NAME is not '{package} - ...':\n{text[:400]}")
    for option in options_of(f"{root}/usr/bin/{package}"):
        if option not in text:
            faults.append(f"{package}: the page does not describe {option}")
    print(f"{package}(1): {len(text.splitlines())} lines")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--debs", required=True)
    args = parser.parse_args()
    faults = []
    with tempfile.TemporaryDirectory(prefix="odb-man-") as tmp:
        try:
            for package in debs.PACKAGES:
                check(debs.unpack(debs.find(args.debs, package), os.path.join(tmp, package)), package, faults)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            faults.append(str(error))
    for fault in faults:
        print("FAIL:", fault)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
