"""Run benchmarks and rewrite benchmarks/RESULTS.md.

Each `benchmarks/bench_<name>.py` has `run() -> str` returning a Markdown section. Results of
each section are kept in `benchmarks/results/<name>.md`; RESULTS.md is the machine header plus
every section, so one benchmark can be re-run without losing the others.

Usage: python -m benchmarks [name ...]
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["ingest", "arabic", "extract", "link", "collect", "search", "web"]


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            mem = fh.readline().split(":")[1].strip()
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"- machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}), memory {mem}\n"
        f"- Python {platform.python_version()} on {platform.platform()}\n"
    )


def main(argv: list[str]) -> int:
    names = argv or [n for n in ORDER if (HERE / f"bench_{n}.py").exists()]
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"== {name}", flush=True)
        section = module.run()
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        (out_dir / f"{name}.md").write_text(f"{section.rstrip()}\n\n_run {stamp}_\n", encoding="utf-8")
        print(section)
    parts = ["# Benchmark results\n", "Written by `make bench` (`python -m benchmarks`).\n", machine()]
    for name in ORDER:
        path = out_dir / f"{name}.md"
        if path.exists():
            parts.append(path.read_text(encoding="utf-8"))
    (HERE / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
