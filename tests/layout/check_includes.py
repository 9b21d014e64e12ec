#!/usr/bin/env python3
"""The include graph follows the architecture: app -> ui -> core, gateway -> core, and no cycle
between the folders of core (or of ui). Reads every #include of the sources and of the tests: an
include of ours names its library ("core/dht/DhtKey.h", "ui/keys/...", "gateway/Gateway.h",
"support/...") unless it is a file beside the includer, and none climbs out of its folder. Prints each arrow against the layers, each cycle and each include of ours
without its library, and fails when there is one."""

import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
LAYERS = {"app": 3, "gateway": 2, "ui": 2, "core": 1}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)


def owner_of(include):
    """The (layer, folder) whose file a prefixed include names, else None."""
    parts = include.split("/")
    if parts[0] in LAYERS and len(parts) > 1 and os.path.isfile(os.path.join(ROOT, include)):
        return parts[0], parts[1] if len(parts) > 2 else ""
    return None  # a sibling, or Qt's, libopendht's, the standard library's


def unprefixed(include):
    """An include of ours written without its library (e.g. "dht/DhtKey.h")."""
    return any(os.path.isfile(os.path.join(ROOT, layer, include)) for layer in LAYERS)


# Tests include by library too ("support/...", "hostile/...", "fixtures/...", "core/..."), never
# by a path that climbs out of their folder: a test linking what it includes sees it by name.


def test_problems():
    """Includes in tests/ that climb out of their folder or name ours without its library."""
    problems = []
    for dirpath, _, files in os.walk(os.path.join(ROOT, "tests")):
        for name in files:
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, ROOT)
            text = open(path, encoding="utf-8").read()
            for quote, include in INCLUDE.findall(text):
                if ".." in include.split("/"):
                    problems.append("%s includes %s: a path that climbs out of its folder; include "
                                    "it by the name its library exports" % (rel, include))
                elif not (quote == '"' and os.path.isfile(os.path.join(dirpath, include))) \
                        and owner_of(include) is None and unprefixed(include):
                    problems.append("%s includes %s without its library" % (rel, include))
    return problems


def main():
    problems, edges = test_problems(), {}
    for layer in LAYERS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, layer)):
            here = os.path.relpath(dirpath, os.path.join(ROOT, layer)).split(os.sep)[0]
            for name in files:
                if not name.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(dirpath, name)
                text = open(path, encoding="utf-8").read()
                for quote, include in INCLUDE.findall(text):
                    if ".." in include.split("/"):
                        problems.append("%s includes %s: a path that climbs out of its folder hides "
                                        "which library it reaches" % (os.path.relpath(path, ROOT), include))
                        continue
                    beside = quote == '"' and os.path.isfile(os.path.join(dirpath, include))
                    found = None if beside else owner_of(include)
                    if found is None:
                        if not beside and unprefixed(include):
                            problems.append("%s includes %s without its library" % (
                                os.path.relpath(path, ROOT), include))
                        continue
                    to_layer, to_folder = found
                    if to_layer != layer and LAYERS[to_layer] >= LAYERS[layer]:
                        problems.append("%s includes %s/%s: against app -> ui -> core, gateway -> core" % (
                            os.path.relpath(path, ROOT), to_layer, to_folder))
                    if to_layer == layer and to_folder != here:
                        edges.setdefault((layer, here), set()).add((layer, to_folder))
    # Cycles between folders of one layer (depth-first search).
    state = {}

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                problems.append("cycle: " + " -> ".join("%s/%s" % n for n in cycle))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2
    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    for p in problems:
        print(p)
    print("%d folder arrows checked, %d problems" % (sum(len(v) for v in edges.values()), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
