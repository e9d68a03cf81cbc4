"""End-to-end ingest on real data: ../shared/pages + all ANT multi-source articles.

Runs the CLI in a child process (as a user would) and reads its wall time and peak memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))


def _run(args: list[str], db: Path) -> tuple[float, str, float]:
    """(wall seconds, the CLI's summary line, peak RSS in MB) of one CLI run.

    RSS is sampled from outside every 50 ms: the child's own ru_maxrss would include this
    process's memory, which Linux carries across fork and exec.
    """
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "--db", str(db), "--quiet", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.05)
    out, err = proc.communicate()
    secs = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(err[-2000:])
    return secs, out.strip().splitlines()[-1], peak / 2**20


def _count(db: Path) -> int:
    import sqlite3

    return sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def run() -> str:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        ant = [str(p) for p in sorted((SHARED / "corpora" / "ant-multisource").glob("*.jsonl.gz"))]
        secs, summary, peak = _run(["ingest", str(SHARED / "pages"), *ant], db)
        n = _count(db)
        rows.append(("pages + ANT multi-source (ingest, extract, analyze, index, link)", n, secs, n / secs, peak))
        db2 = Path(tmp) / "bench2.db"
        secs2, _, peak2 = _run(["ingest", "--no-link", *ant], db2)
        n2 = _count(db2)
        rows.append(("ANT multi-source without linking (analyze + index only)", n2, secs2, n2 / secs2, peak2))
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
