#!/usr/bin/env python3
"""What a Debian maintainer checks in the three packages built by build_debs.py: each one's
control fields and dependencies (a server for gateway users, a window for browser users, and
neither pulls in the other's libraries), its exact file list (nothing of the others, nothing of
the build machine), conffiles and maintainer scripts, the copyright and changelog, programs
stripped with their symbols in the matching -dbgsym package."""

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile

import debs

ICON_SIZES = [16, 24, 32, 48, 64, 128, 256]
DEP5 = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"


def expected_files(package, app_id):
    short = package.split("-", 1)[1]
    paths = {f"/usr/bin/{package}", f"/usr/share/man/man1/{package}.1.gz",
             f"/usr/share/doc/{package}/copyright", f"/usr/share/doc/{package}/changelog.gz"}
    if short == "browser":
        paths |= {f"/usr/share/applications/{app_id}.desktop",
                  f"/usr/share/metainfo/{app_id}.metainfo.xml",
                  f"/usr/share/icons/hicolor/scalable/apps/{app_id}.svg"}
        paths |= {f"/usr/share/icons/hicolor/{s}x{s}/apps/{app_id}.png" for s in ICON_SIZES}
    if short == "gateway":
        paths |= {"/lib/systemd/system/opendht-gateway.service", "/etc/default/opendht-gateway",
                  "/usr/share/doc/opendht-gateway/README.md"}
    return paths


# Libraries (from dpkg-shlibdeps) each package must and must not depend on. SQLite: the browser
# keeps its proxy puts in it across restarts, and `opendht-cli kept` reads them (issue 21).
NEEDS = {
    "opendht-browser": ["libqt6widgets6", "libqt6network6", "libqt6svg6", "libsqlite3-0"],
    "opendht-cli": ["libqt6network6", "libsqlite3-0"],
    "opendht-gateway": ["libqt6network6", "libopendht2", "libsqlite3-0"],
}
NOT_NEEDED = {
    "opendht-browser": ["libopendht2"],
    "opendht-cli": ["libqt6widgets6", "libqt6gui6", "libopendht2"],
    "opendht-gateway": ["libqt6widgets6", "libqt6gui6"],
}
SCRIPTS = {"opendht-gateway": ["conffiles", "postinst", "postrm", "prerm"]}


def depends_names(deb):
    return [d.strip().split(" ")[0] for d in debs.field(deb, "Depends").split(",") if d.strip()]


def check_control(deb, package, version, faults):
    arch = debs.run(["dpkg", "--print-architecture"]).strip()
    for name, want in [("Package", package), ("Version", version), ("Architecture", arch),
                       ("Section", "net"), ("Priority", "optional"), ("Source", "opendht-browser")]:
        got = debs.field(deb, name)
        if got != want:
            faults.append(f"{package}: {name}: {got!r}, expected {want!r}")
    maintainer = debs.field(deb, "Maintainer")
    if not re.fullmatch(r"[^<>@]+ <[^<>@\s]+@[^<>@\s]+\.[a-z]+>", maintainer) or "localhost" in maintainer:
        faults.append(f"{package}: Maintainer {maintainer!r} is not a name and a reachable address")
    depends = depends_names(deb)
    for lib in NEEDS[package]:
        if lib not in depends:
            faults.append(f"{package}: Depends lacks {lib}: {depends}")
    for lib in NOT_NEEDED[package]:
        if lib in depends:
            faults.append(f"{package}: Depends on {lib}, which it does not use")


def check_files(deb, package, version, app_id, build_dirs, faults):
    listed, wanted = debs.files(deb), expected_files(package, app_id)
    for path in sorted(wanted - listed):
        faults.append(f"{package}: not in the package: {path}")
    for path in sorted(listed - wanted):
        faults.append(f"{package}: unexpected file: {path}")
    with tempfile.TemporaryDirectory(prefix="odb-deb-") as tmp:
        root = debs.unpack(deb, os.path.join(tmp, "root"))
        for path in sorted(listed):
            local = root + path
            if os.path.islink(local) or not os.path.isfile(local):
                continue
            with open(local, "rb") as f:
                data = f.read()
            if path.endswith(".gz"):
                data = gzip.decompress(data)
            for d in build_dirs:
                if d.encode() in data:
                    faults.append(f"{package}: {path} names the build machine's {d}")
        check_scripts(deb, package, os.path.join(tmp, "control"), faults)
        check_docs(root, package, version, faults)
        program = root + f"/usr/bin/{package}"
        if os.path.isfile(program):
            sections = debs.run(["readelf", "-SW", program])
            if ".debug_info" in sections or ".symtab" in sections:
                faults.append(f"{package}: /usr/bin/{package} is not stripped")
            return build_id(program)
    return None


def check_scripts(deb, package, directory, faults):
    present = [f for f in debs.control_files(deb, directory) if f not in ("control", "md5sums")]
    if present != SCRIPTS.get(package, []):
        faults.append(f"{package}: control files {present}, expected {SCRIPTS.get(package, [])}")
    if "conffiles" in present:
        with open(os.path.join(directory, "conffiles")) as f:
            conffiles = f.read().split()
        if conffiles != ["/etc/default/opendht-gateway"]:
            faults.append(f"{package}: conffiles {conffiles}")
    for script in ("postinst", "prerm", "postrm"):
        if script in present:
            done = subprocess.run(["sh", "-n", os.path.join(directory, script)], capture_output=True, text=True)
            if done.returncode != 0:
                faults.append(f"{package}: {script} is not valid sh: {done.stderr}")


def check_docs(root, package, version, faults):
    doc = f"{root}/usr/share/doc/{package}"
    try:
        with open(f"{doc}/copyright", encoding="utf-8") as f:
            copyright_text = f.read()
        if not copyright_text.startswith(DEP5 + "\n") or "\nLicense: Expat\n" not in copyright_text:
            faults.append(f"{package}: copyright is not a DEP-5 file naming the Expat license")
        with open(f"{doc}/changelog.gz", "rb") as f:
            head = f.read(8)
        if head[4:8] != b"\0\0\0\0":
            faults.append(f"{package}: changelog.gz carries a timestamp (gzip -n)")
        top = debs.run(["dpkg-parsechangelog", "-l", f"{doc}/changelog.gz", "-S", "Version"]).strip()
        if top != version:
            faults.append(f"{package}: the changelog's latest version is {top}")
    except (OSError, RuntimeError) as error:
        faults.append(f"{package}: {error}")


def build_id(elf):
    match = re.search(r"Build ID: ([0-9a-f]+)", debs.run(["readelf", "-nW", elf]))
    return match[1] if match else None


def check_dbgsym(ddeb, package, program_build_id, version, faults):
    name = debs.field(ddeb, "Package")
    if name != package + "-dbgsym":
        faults.append(f"{ddeb}: Package {name}")
    if f"{package} (= {version})" not in debs.field(ddeb, "Depends"):
        faults.append(f"{name}: does not depend on {package} (= {version})")
    if not program_build_id:
        faults.append(f"{package}: /usr/bin/{package} has no build id")
        return
    want = f"/usr/lib/debug/.build-id/{program_build_id[:2]}/{program_build_id[2:]}.debug"
    if want not in debs.files(ddeb):
        faults.append(f"{name}: lacks {want} (the symbols of /usr/bin/{package})")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--debs", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    # (A directory name this short could match any bytes.)
    build_dirs = [d for d in {os.path.realpath(args.build), os.path.realpath(args.source)} if len(d) > 6]

    faults, debs_of = [], {}
    try:
        for package in debs.PACKAGES:
            deb = debs_of[package] = debs.find(args.debs, package)
            check_control(deb, package, args.version, faults)
            program_build_id = check_files(deb, package, args.version, args.app_id, build_dirs, faults)
            check_dbgsym(debs.find(args.debs, package + "-dbgsym", ".ddeb"), package, program_build_id,
                         args.version, faults)
    except RuntimeError as error:
        faults.append(str(error))
    for fault in faults:
        print("FAIL:", fault)
    if not faults:
        for package in debs.PACKAGES:
            print(f"{package}: {len(debs.files(debs_of[package]))} files, Depends: "
                  f"{', '.join(depends_names(debs_of[package]))}")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
