"""Helpers shared by the benchmark scripts: paths, the cached libraries, timing figures.

The scripts are run by hand (see bench/README.md); nothing here is part of the test run.
"""

from __future__ import annotations

import math
import resource
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# These machines set PYTHONDONTWRITEBYTECODE: a bench would compile every module it imports
# from source, the lazily imported ones in the middle of what it measures (GUI stalls of
# 50-90 ms in search_typing.py were that). The benches run as an installed copy does, its
# bytecode compiled once and kept, here under bench/out rather than beside the sources.
sys.dont_write_bytecode = False
sys.pycache_prefix = str(BENCH / "out" / "pycache")
ROOT = BENCH.parent
OUT = BENCH / "out"  # gitignored: built libraries, grep folders, scratch databases
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_TEXT = CORPUS / "text"
CORPUS_HTML = CORPUS / "html"
MIGRATIONS = ROOT / "db"  # the numbered schema scripts, applied in order by migration_sql()

# Bump when build_library.py generates different articles, so stale caches are not reused.
GENERATOR_VERSION = 1
DEFAULT_SIZES = (10_000, 100_000)


def migration_sql() -> list[str]:
    """The library schema's scripts in order (db/001_*.sql, 002, ...), as a library gets them."""
    return [path.read_text("utf-8") for path in sorted(MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql"))]


def library_path(n: int) -> Path:
    return OUT / f"library-{n}-g{GENERATOR_VERSION}.sqlite"


def ensure_library(n: int) -> Path:
    """The cached library of `n` articles, built first (in a child process) if missing.

    A child process keeps the build's memory out of the caller's peak-RSS figure.
    """
    path = library_path(n)
    if not path.exists():
        print(f"[{path.name} missing: building it with build_library.py {n}]", flush=True)
        subprocess.run([sys.executable, str(BENCH / "build_library.py"), str(n)], check=True)
    return path


def remove_database(path: Path) -> None:
    """Delete an SQLite file and its write-ahead log and shared memory, if there."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def p50(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    """A duration in milliseconds, with precision that suits its size."""
    value = seconds * 1000
    if value < 10:
        return f"{value:.2f}"
    if value < 100:
        return f"{value:.1f}"
    return f"{value:.0f}"


def peak_rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"
