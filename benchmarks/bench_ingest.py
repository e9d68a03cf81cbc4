"""End-to-end ingest on real data: ../shared/pages + all ANT multi-source articles.

Runs the CLI in a child process (as a user would) and reads its wall time and peak memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))


def _run(args: list[str], db: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "--db", str(db), "--quiet", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return time.perf_counter() - start, proc.stdout.strip().splitlines()[-1]


def _count(db: Path) -> int:
    import sqlite3

    return sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def run() -> str:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        secs, summary = _run(["ingest", str(SHARED / "pages"), *map(str, sorted((SHARED / "corpora" / "ant-multisource").glob("*.jsonl.gz")))], db)
        n = _count(db)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows.append(("pages + ANT multi-source (ingest, extract, analyze, index, link)", n, secs, n / secs, peak_mb))
        db2 = Path(tmp) / "bench2.db"
        secs2, _ = _run(["ingest", "--no-link", *map(str, sorted((SHARED / "corpora" / "ant-multisource").glob("*.jsonl.gz")))], db2)
        n2 = _count(db2)
        rows.append(("ANT multi-source without linking (analyze + index only)", n2, secs2, n2 / secs2,
                     resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))  # fmt: skip
    lines = [
        "## Ingest, end to end (`marsad ingest`, one process, one core)",
        "",
        "| input | articles stored | wall s | articles/s | peak RSS MB |",
        "|---|---|---|---|---|",
    ]
    for name, count, secs, rate, peak in rows:
        lines.append(f"| {name} | {count:,} | {secs:.1f} | {rate:,.0f} | {peak:,.0f} |")
    lines.append("")
    lines.append(f"Last CLI summary line: `{summary}`")
    return "\n".join(lines)
