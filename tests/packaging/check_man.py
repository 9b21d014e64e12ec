#!/usr/bin/env python3
"""The manual pages in the packages built by build_debs.py, as `man -l` shows them: each renders
without a groff warning, names its program, and describes every option the program's --help
lists (the packaged program, run without a display: help2man ran it that way on the build),
and for opendht-cli every option of each command."""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import debs


def help_of(*command):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([*command, "--help"], capture_output=True, text=True, env=env, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} --help exited with {done.returncode}:\n{done.stderr}")
    return done.stdout


def options_of(*command):
    return sorted(set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", help_of(*command), re.M)))


def check_commands(cli, text, faults):
    """opendht-cli's page has a subsection per command holding that command's options."""
    listing = help_of(cli).split("Commands:", 1)[1].split("\n\n", 1)[0]
    sections = re.split(r"^   (?=\w)", text.split("\nCOMMANDS\n", 1)[-1], flags=re.M)
    for command in [line.split()[0] for line in listing.splitlines() if line.strip()]:
        section = next((s for s in sections if s.startswith(command + " ") or s.startswith(command + "\n")), None)
        if section is None:
            faults.append(f"opendht-cli: the page has no subsection for the command {command}")
            continue
        for option in options_of(cli, command):
            if option not in section and option not in ("--help", "--help-all"):  # said once
                faults.append(f"opendht-cli: the page does not describe {command} {option}")


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
    if package == "opendht-cli":
        check_commands(f"{root}/usr/bin/{package}", text, faults)
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
