"""What the benchmark scripts share: installing their peers, and timing curl."""
import shutil
import statistics
import subprocess


def need(program, package):
    """Benchmarks are not tests: they install their own peers (as root) when missing."""
    if shutil.which(program) is None:
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", package], check=True)


def curl_median_ms(url, rounds, *curl_args):
    """Median of curl's time_total over rounds runs (a new connection each)."""
    times = []
    for _ in range(rounds):
        out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_total}", *curl_args, url],
                             capture_output=True, text=True, check=True).stdout
        times.append(float(out) * 1000)
    return statistics.median(times)
