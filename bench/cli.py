"""How long the command line takes to answer, beside the interpreter alone.

    .venv/bin/python bench/cli.py [N] [--runs 9]

Runs, alternately, `python -c pass` (the floor: the interpreter's own start), `briefing
--help`, `briefing list --limit 20` and `briefing search sanctions` on the cached N-article
library (100,000 unless given; read only), each as a new process of the `briefing` script
beside this interpreter, and prints the median and the worst wall time of each with the
machine's load, and the median CPU time (user and system) of each: on a shared machine the
wall time grows with the load, the CPU time much less. Target: each command under 200 ms.
For where the time goes, run `python -X importtime -c "import briefing.cli"` (sorted by the
second column).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import ensure_library, ms, verdict

TARGET_S = 0.2
BYTECODE = Path(__file__).resolve().parent / "out" / "pycache"


def commands(library: Path) -> dict[str, list[str]]:
    script = str(Path(sys.executable).with_name("briefing"))
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "briefing --help": [script, "--help"],
        "briefing list --limit 20": [script, "--library", str(library), "list", "--limit", "20"],
        "briefing search sanctions": [script, "--library", str(library), "search", "sanctions"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    library = ensure_library(args.n)
    todo = commands(library)
    times: dict[str, list[float]] = {name: [] for name in todo}
    cpu: dict[str, list[float]] = {name: [] for name in todo}
    # The commands as installed: bytecode compiled once and kept (pip compiles on install;
    # these machines set PYTHONDONTWRITEBYTECODE, which would compile every module from
    # source in every run), in a cache under bench/out rather than beside the sources.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    for argv in todo.values():  # a warm-up each: the page cache, the .pyc files
        subprocess.run(argv, capture_output=True, check=True, env=env)
    for _ in range(args.runs):
        for label, argv in todo.items():
            used = _children_cpu()
            started = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True, env=env)
            times[label].append(time.perf_counter() - started)
            cpu[label].append(_children_cpu() - used)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.n:,} articles ({library.name}); load {load}; median and worst of {args.runs}")
    floor = statistics.median(times["python -c pass"])
    for label, samples in times.items():
        median = statistics.median(samples)
        mark = "" if label.startswith("python") else f"  {verdict(median < TARGET_S)}"
        print(
            f"  {label:<28} {ms(median):>6} ms  worst {ms(max(samples)):>6} ms"
            f"  (+{ms(median - floor)} ms over the interpreter)"
            f"  CPU {ms(statistics.median(cpu[label])):>6} ms{mark}"
        )
    print(f"target: each command under {TARGET_S * 1000:.0f} ms")


def _children_cpu() -> float:
    """User and system CPU seconds of the children waited for so far: on a loaded machine
    the wall time stretches with the queue for a CPU, this does not (much)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
