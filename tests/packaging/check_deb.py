#!/usr/bin/env python3
"""Builds the Debian package with CPack into a temporary directory and checks what apt would
install: its name, version and section, dependencies on the libraries the programs link and on
Qt's SVG plugin, and the programs, desktop entry, metainfo and icons under /usr."""

import argparse
import glob
import os
import subprocess
import sys
import tempfile

PROGRAMS = ["opendht-browser", "opendht-cli", "opendht-gateway"]
ICON_SIZES = [16, 24, 32, 48, 64, 128, 256]
# Packages a working install needs: linked libraries (found by dpkg-shlibdeps) and the SVG
# plugin (no linker sees it).
NEEDED = ["libqt6widgets6", "libqt6network6", "libopendht", "libqt6svg6"]


def run(command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def expected_paths(app_id):
    paths = [f"./usr/bin/{p}" for p in PROGRAMS]
    paths.append(f"./usr/share/applications/{app_id}.desktop")
    paths.append(f"./usr/share/metainfo/{app_id}.metainfo.xml")
    paths.append(f"./usr/share/icons/hicolor/scalable/apps/{app_id}.svg")
    paths += [f"./usr/share/icons/hicolor/{s}x{s}/apps/{app_id}.png" for s in ICON_SIZES]
    return paths


def check(deb, app_id, version):
    faults = []
    fields = {f: run(["dpkg-deb", "-f", deb, f]).strip()
              for f in ["Package", "Version", "Section", "Architecture", "Depends"]}
    arch = run(["dpkg", "--print-architecture"]).strip()
    for field, want in [("Package", "opendht-browser"), ("Version", version),
                        ("Section", "net"), ("Architecture", arch)]:
        if fields[field] != want:
            faults.append(f"{field}: {fields[field]!r}, expected {want!r}")
    depends = [d.strip().split(" ")[0] for d in fields["Depends"].split(",")]
    for package in NEEDED:
        if not any(d.startswith(package) for d in depends):
            faults.append(f"Depends lacks {package}: {fields['Depends']}")

    listed = {line.split()[-1] for line in run(["dpkg-deb", "-c", deb]).splitlines() if line}
    for path in expected_paths(app_id):
        if path not in listed:
            faults.append(f"not in the package: {path}")
    return faults


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cpack", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--version", required=True)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="odb-deb-") as out:
        try:
            run([args.cpack, "-G", "DEB", "--config", os.path.join(args.build, "CPackConfig.cmake"),
                 "-B", out])
            debs = glob.glob(os.path.join(out, "*.deb"))
            if len(debs) != 1:
                print(f"FAIL: expected one .deb, cpack wrote {debs}")
                return 1
            faults = check(debs[0], args.app_id, args.version)
        except RuntimeError as error:
            print("FAIL:", error)
            return 1
        name = os.path.basename(debs[0])
    for fault in faults:
        print("FAIL:", fault)
    if not faults:
        print(f"{name}: control fields, dependencies and files in place")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
