"""The Debian packages CPack built (build_debs.py), as the tests read them: paths, control
fields, file lists, and the packages unpacked into a temporary root as dpkg would install them."""

import glob
import os
import subprocess

PACKAGES = ["opendht-browser", "opendht-cli", "opendht-gateway"]


def run(command, env=None):
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def find(directory, package, suffix=".deb"):
    """The one file <package>_<version>_<arch><suffix> in directory."""
    found = glob.glob(os.path.join(directory, f"{package}_*{suffix}"))
    if len(found) != 1:
        raise RuntimeError(f"expected one {package}_*{suffix} in {directory}, found {found}")
    return found[0]


def field(deb, name):
    return run(["dpkg-deb", "-f", deb, name]).strip()


def files(deb):
    """Every regular file and symbolic link in the package, as absolute paths."""
    paths = set()
    for line in run(["dpkg-deb", "-c", deb]).splitlines():
        if not line or line.startswith("d"):
            continue
        path = line.split(None, 5)[5].split(" -> ")[0]
        paths.add(path[1:] if path.startswith("./") else path)
    return paths


def control_files(deb, directory):
    """The control archive (control, md5sums, conffiles, maintainer scripts) in directory."""
    run(["dpkg-deb", "-e", deb, directory])
    return sorted(os.listdir(directory))


def unpack(deb, root):
    run(["dpkg-deb", "-x", deb, root])
    return root
