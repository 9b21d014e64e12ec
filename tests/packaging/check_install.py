#!/usr/bin/env python3
"""Installs the built project into a temporary root (DESTDIR, prefix /usr) and checks that every
file is where the freedesktop specifications look for it: the programs in bin, the desktop entry
in share/applications, the metainfo in share/metainfo, the icons in the hicolor theme; that the
names in the files agree (Exec is an installed program, Icon an installed icon, the launchable the
desktop file); and that appstreamcli accepts the tree as a whole."""

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PROGRAMS = ["opendht-browser", "opendht-cli", "opendht-gateway"]
ICON_SIZES = [16, 24, 32, 48, 64, 128, 256]


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def desktop_entry(path):
    entry = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                key, value = line.rstrip("\n").split("=", 1)
                entry[key] = value
    return entry


def check(root, app_id):
    usr = os.path.join(root, "usr")
    share = os.path.join(usr, "share")
    faults = []

    def need(path, what):
        if not os.path.isfile(path):
            faults.append(f"missing {what}: {os.path.relpath(path, root)}")
            return False
        return True

    for program in PROGRAMS:
        path = os.path.join(usr, "bin", program)
        if need(path, "program") and not os.access(path, os.X_OK):
            faults.append(f"not executable: {os.path.relpath(path, root)}")

    icon_dir = os.path.join(share, "icons", "hicolor")
    need(os.path.join(icon_dir, "scalable", "apps", app_id + ".svg"), "scalable icon")
    for size in ICON_SIZES:
        png = os.path.join(icon_dir, f"{size}x{size}", "apps", app_id + ".png")
        if need(png, f"{size}x{size} icon") and png_size(png) != (size, size):
            faults.append(f"{os.path.relpath(png, root)} is {png_size(png)}, not {size}x{size}")

    desktop = os.path.join(share, "applications", app_id + ".desktop")
    if need(desktop, "desktop entry"):
        entry = desktop_entry(desktop)
        program = entry.get("Exec", "").split(" ")[0]
        if program not in PROGRAMS:
            faults.append(f"Exec={entry.get('Exec')} is not an installed program")
        if entry.get("Icon") != app_id:
            faults.append(f"Icon={entry.get('Icon')} is not the installed icon {app_id}")

    metainfo = os.path.join(share, "metainfo", app_id + ".metainfo.xml")
    if need(metainfo, "AppStream metainfo"):
        component = ET.parse(metainfo).getroot()
        if component.findtext("id") != app_id:
            faults.append(f"metainfo id {component.findtext('id')} is not {app_id}")
        if component.findtext("launchable") != app_id + ".desktop":
            faults.append(f"launchable {component.findtext('launchable')} is not the desktop file")
        # The metainfo is in the opendht-browser package, which holds only that program.
        provided = sorted(b.text for b in component.iter("binary"))
        if provided != ["opendht-browser"]:
            faults.append(f"metainfo provides {provided}, its package only opendht-browser")

    # The whole tree as a software centre reads it (desktop entry, metainfo and icon together).
    tree = subprocess.run(["appstreamcli", "validate-tree", "--no-net", root],
                          capture_output=True, text=True)
    if tree.returncode != 0:
        faults.append("appstreamcli validate-tree failed:\n" + tree.stdout + tree.stderr)
    return faults


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cmake", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--app-id", required=True)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="odb-install-") as root:
        env = dict(os.environ, DESTDIR=root)
        install = subprocess.run([args.cmake, "--install", args.build, "--prefix", "/usr"],
                                 env=env, capture_output=True, text=True)
        if install.returncode != 0:
            print(install.stdout + install.stderr)
            print("FAIL: cmake --install failed (is the whole project built?)")
            return 1
        faults = check(root, args.app_id)
    for fault in faults:
        print("FAIL:", fault)
    if not faults:
        print("installed tree: programs, desktop entry, metainfo and icons in place")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
