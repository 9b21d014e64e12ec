#!/usr/bin/env python3
"""Every %n text of the sources has finished English plural forms in
resources/translations/opendht-browser_en.ts, each keeping the source's placeholders: without
them the browser and the CLI would show "1 value(s)". Runs lupdate (as the update_translations
target does) on a copy of the .ts file and reads what it found.
Usage: check_translations.py LUPDATE"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
TS = os.path.join(ROOT, "resources/translations/opendht-browser_en.ts")
PLACEHOLDER = re.compile(r"%L?(?:n|\d+)")


def sources():
    for layer in ("core", "ui", "app"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, layer)):
            yield from (os.path.join(dirpath, f) for f in sorted(files) if f.endswith((".cpp", ".h")))


def problems_in(ts_path):
    problems, checked = [], 0
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.get("numerus") != "yes":
                continue
            checked += 1
            source = message.findtext("source")
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            where = "%s: \"%s\"" % (name, source)
            if translation.get("type") == "unfinished":
                problems.append(where + ": new or changed; fill its forms "
                                "(resources/translations/fill_english_plurals.py)")
                continue
            if len(forms) != 2 or not all(forms):
                problems.append(where + ": needs two English forms, has %d" % len(forms))
            for form in forms:
                if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                    problems.append(where + ": form \"%s\" lost or added a placeholder" % form)
    return problems, checked


def main(lupdate):
    with tempfile.TemporaryDirectory() as tmp:
        ts = os.path.join(tmp, os.path.basename(TS))
        shutil.copy(TS, ts)
        listing = os.path.join(tmp, "sources.lst")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(sources()) + "\n")
        run = subprocess.run([lupdate, "-pluralonly", "-no-obsolete", "-locations", "none",
                              "@" + listing, "-ts", ts], capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            print(run.stdout + run.stderr)
            return 1
        problems, checked = problems_in(ts)
    for p in problems:
        print(p)
    print("%d plural messages checked, %d problems" % (checked, len(problems)))
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
