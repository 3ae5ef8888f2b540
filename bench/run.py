"""Benchmark: pubsvc's everyday commands, side by side with the tools a data repository would
otherwise run, in one run on one machine. Writes bench/results.md (and prints it).

    python bench/run.py [--repeat N]                      # the everyday commands on the shipped data
    python bench/run.py --national /tmp/nation [--national-repeat 3]   # and the country (see bench/README.md)

With ``--national DIR``, the synthetic national dataset is generated into DIR first when DIR does
not hold one (``bench/generate.py``), and the national section (``bench/national.py``) is added.

Each command runs N times (default 5) in a fresh process from an empty folder; the table gives
the median wall time and the largest peak memory (maximum resident set size) of the runs. The
alternatives do less than pubsvc: yamllint checks YAML syntax and style only, check-jsonschema
checks the plan files against pubsvc's JSON Schema (no value grammar, no catalog, no rules).
Install them with ``pip install '.[bench]'``; a tool that is not installed is reported as such.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted(str(p) for p in (ROOT / "data" / "plans").glob("*.yaml"))


def tool(name: str) -> str | None:
    """A console script beside this Python (a virtual environment's), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def cases() -> list[tuple[str, str, list[str] | None]]:
    """(job, what runs, command line or None when the tool is missing)."""
    pubsvc, yamllint, jsonschema = tool("pubsvc"), tool("yamllint"), tool("check-jsonschema")
    relaxed = "{extends: relaxed, rules: {line-length: disable}}"
    return [
        ("start-up", "python -c pass (the floor)", [sys.executable, "-c", "pass"]),
        ("start-up", "pubsvc --version", pubsvc and [pubsvc, "--version"]),
        (
            "check one plan",
            "pubsvc check guilin --no-cache (with Guangxi, the standard, 81 services)",
            pubsvc and [pubsvc, "check", "guilin", "--no-cache"],
        ),
        (
            "check one plan",
            "pubsvc check guilin, the files unchanged since the last run (the result cache)",
            pubsvc and [pubsvc, "check", "guilin"],
        ),
        (
            "check every shipped plan",
            "pubsvc check --no-cache (8 plans)",
            pubsvc and [pubsvc, "check", "--no-cache", *PLANS],
        ),
        ("validate the data folder", "pubsvc validate data/", pubsvc and [pubsvc, "validate", str(ROOT / "data")]),
        (
            "validate the data folder",
            "yamllint data/ (syntax and style only)",
            yamllint and [yamllint, "-d", relaxed, str(ROOT / "data")],
        ),
        (
            "validate the data folder",
            "check-jsonschema, plan schema (structure only)",
            jsonschema and [jsonschema, "--schemafile", str(ROOT / "schema" / "plan.schema.json"), *PLANS],
        ),
    ]


def measure(command: list[str], repeat: int) -> tuple[float, float, set[int]]:
    """Median seconds, peak MiB and the exit codes over ``repeat`` runs."""
    seconds, peaks, codes = [], [], set()
    with tempfile.TemporaryDirectory() as empty:
        for _ in range(repeat):
            start = time.perf_counter()
            env = {**os.environ, "PUBSVC_CACHE_DIR": str(Path(empty) / "cache")}  # the first run fills it
            process = subprocess.Popen(
                command, cwd=empty, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _pid, status, usage = os.wait4(process.pid, 0)
            seconds.append(time.perf_counter() - start)
            peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
            codes.add(os.waitstatus_to_exitcode(status))
    return statistics.median(seconds), max(peaks), codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--national", type=Path, help="a folder for the synthetic national dataset")
    parser.add_argument("--national-repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    lines = [
        "# Benchmark results",
        "",
        f"`python bench/run.py --repeat {args.repeat}` on {date.today().isoformat()}: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Median wall time of {args.repeat} runs in a "
        "fresh process each, and the largest peak memory (max RSS). Exit 1 for pubsvc check means it found an "
        "error (Guilin's missing national service item), not a failure of the run.",
        "",
        "| job | command | median | peak memory | exit |",
        "|---|---|---:|---:|---|",
    ]
    for job, what, command in cases():
        if command is None:
            lines.append(f"| {job} | {what} | not installed | | |")
            continue
        median, peak, codes = measure(command, args.repeat)
        lines.append(f"| {job} | {what} | {median:.2f} s | {peak:.0f} MiB | {', '.join(map(str, sorted(codes)))} |")
    if args.national is not None:
        from national import national_section

        if not (args.national / "manifest.json").is_file():
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "generate.py"), "--out", str(args.national)], check=True
            )
        lines += ["", *national_section(args.national, args.national_repeat, args.jobs)]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
