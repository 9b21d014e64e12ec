#!/usr/bin/env python3
"""Fills the English plural forms that `cmake --build build --target update_translations` left
unfinished in opendht-browser_en.ts: "%n value(s)" becomes "%n value" and "%n values". A source
whose singular needs more than dropping "(s)" gets its forms from SINGULAR (or a fix by hand in
the .ts file); finished forms are left as they are. Run it, then read the diff:
    resources/translations/fill_english_plurals.py resources/translations/opendht-browser_en.ts
"""

import re
import sys
import xml.etree.ElementTree as ET

# Words whose plural is not the singular plus "s".
IRREGULAR = {"entry(s)": ("entry", "entries")}

# Sources written in the plural, or whose sentence changes around the count: the singular form.
SINGULAR = {
    "Forget all %n keys of the history?": "Forget the %n key of the history?",
    "longer than %n bytes: not a value's record": "longer than %n byte: not a value's record",
    "%n fields where the header names %1": "%n field where the header names %1",
    "Measuring %n gateways…": "Measuring %n gateway…",
    "Fastest healthy gateway: %1, median %2 over %n gets.": "Fastest healthy gateway: %1, median %2 over %n get.",
    "%n put without a secret (nobody can remove them)": "%n put without a secret (nobody can remove it)",
    "The browser keeps %n put(s) alive through proxies. If it does not run again before %1, the first of "
    "them leaves the DHT before its TTL ends.":
    "The browser keeps %n put alive through proxies. If it does not run again before %1, it leaves the "
    "DHT before its TTL ends.",
    "  %n line(s) that are not a value's record": "  %n line that is not a value's record",
    "%n value(s) came from another key in the file: they were put under this one.":
    "%n value came from another key in the file: it was put under this one.",
    "%n value(s) had a secret: they were put without one (a file holds only its hash), so they cannot be "
    "removed.":
    "%n value had a secret: it was put without one (a file holds only its hash), so it cannot be removed.",
    "Copied %n opendht-cli command(s) that put these values again, one a line":
    "Copied %n opendht-cli command that puts this value again",
}


def forms(source):
    one, many = source, source
    for word, (a, b) in IRREGULAR.items():
        one, many = one.replace(word, a), many.replace(word, b)
    one = re.sub(r"(\w)\(s\)", r"\1", one)
    many = re.sub(r"(\w)\(s\)", r"\1s", many)
    return SINGULAR.get(source, one), many


def main(path):
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation.get("type") != "unfinished":
            continue
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type")
        translation.text = "\n            "
        for i, form in enumerate(forms(message.find("source").text)):
            element = ET.SubElement(translation, "numerusform")
            element.text = form
            element.tail = "\n            " if i == 0 else "\n        "
        filled += 1
    text = ET.tostring(tree.getroot(), encoding="unicode")
    # Quotes escaped as lupdate writes them, so that its next run changes nothing.
    text = re.sub(r">([^<]*)<", lambda m: ">" + m.group(1).replace("'", "&apos;").replace('"', "&quot;") + "<",
                  text)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n")
    print("%s: %d plural messages filled" % (path, filled))


if __name__ == "__main__":
    main(sys.argv[1])
