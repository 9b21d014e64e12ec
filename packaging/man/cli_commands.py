#!/usr/bin/env python3
"""Writes help2man's include file for opendht-cli: the hand-written sections of opendht-cli.h2m
and a COMMANDS section made from each command's own --help (help2man reads only the top-level
--help, which lists the commands but not their options)."""

import argparse
import re
import subprocess

COMMON = {"-h, --help", "--help-all"}  # every command's, and described once in OPTIONS


def roff(text):
    text = text.replace("\\", "\\\\").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def help_of(cli, *args):
    return subprocess.run([cli, *args, "--help"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def entries(block):
    """(term, description) pairs of a Qt help block: a term, two spaces or more, text that may
    go on in further lines indented alike."""
    found = []
    for line in block.splitlines():
        m = re.match(r"^  (\S.*?)(?:\s{2,}(\S.*))?$", line)
        if m and not line.startswith("   "):
            found.append([m[1], m[2] or ""])
        elif found and line.strip():
            found[-1][1] += " " + line.strip()
    return found


def command_section(cli, command):
    text = help_of(cli, command)
    lines = text.splitlines()
    out = [f'.SS "{roff(" ".join(lines[1].split("  ")[0].split()))}"', roff(lines[1].split("  ", 1)[1].strip())]
    for title in ("Options:", "Arguments:"):
        if title not in text:
            continue
        block = text.split(title, 1)[1].split("\n\n", 1)[0]
        for term, description in entries(block):
            if term in COMMON:
                continue
            term = re.sub(r"(--?[\w-]+)", lambda m: f"\\fB{roff(m[1])}\\fR", term)
            out += [".TP", term, roff(description)]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    top = help_of(args.cli)
    listing = top.split("Commands:", 1)[1].split("\n\n", 1)[0]
    commands = [line.split()[0] for line in listing.splitlines() if line.strip()]
    section = ["[COMMANDS]", roff("Each command takes the options below, and -h or --help.")]
    for command in commands:
        section += command_section(args.cli, command)
    with open(args.base, encoding="utf-8") as f:
        base = f.read()
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(section) + "\n\n" + base)


if __name__ == "__main__":
    main()
