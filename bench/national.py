"""The national-scale section of the benchmark (``python bench/run.py --national DIR``): the
synthetic country of ``bench/generate.py``, side by side with the alternatives, in one run.

Measured, each ``--repeat`` times in a fresh process (min / median / max wall time; peak memory is
the largest sum of the resident memory of the process and its workers, sampled every 50 ms):

1. ``pubsvc validate`` on every plan file, against ``check-jsonschema`` with the schema from
   ``pubsvc schema`` and against a parse-only floor: PyYAML's C loader reading every file and
   nothing else, on one core and on as many processes as pubsvc uses;
2. ``pubsvc check`` over the whole hierarchy with the national table of actual values: wall time,
   peak memory and time per plan at 300, 1,000 and all plans (each subset with the rows of its own
   plans only, so that no plan outside it is read), and at all plans the yearly report
   (``pubsvc report --all``) taking turns with the check;
3. cold start: ``pubsvc check guilin.yaml`` against ``python -c "import typer, pydantic, yaml, rich"``,
   with the result cache (as it runs by default) and without (``--no-cache``), the three taking
   turns so that a slow spell of a shared machine does not fall on one of them only;
4. the findings of the full check against the manifest: every expected finding found, and no
   error or warning beyond them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import tool  # noqa: E402  (the console scripts beside this Python)

SCHEMA_SAMPLE = 300

FLOOR = """
import sys, yaml
from multiprocessing import Pool
def load(path):
    with open(path, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
files = sys.argv[2:]
if int(sys.argv[1]) == 1:
    for path in files: load(path)
else:
    with Pool(int(sys.argv[1])) as pool: pool.map(load, files, chunksize=32)
"""


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and every process below it."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{current}/task/{current}/children") as children:
                stack += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run(command: list[str], repeat: int, cwd: Path, env: dict | None = None) -> dict:
    """Wall seconds (min, median, max), the peak resident memory of the process tree, exit codes."""
    return _summary([_once(command, cwd, env) for _ in range(repeat)])


def run_interleaved(commands: list[list[str]], repeat: int, cwd: Path, env: dict | None = None) -> list[dict]:
    """:func:`run` for each command, taking turns (one run of each, ``repeat`` times), so that a
    slow spell of a shared machine falls on every command alike and their ratio holds."""
    samples: list[list[tuple[float, int, int]]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, taken in zip(commands, samples, strict=True):
            taken.append(_once(command, cwd, env))
    return [_summary(taken) for taken in samples]


def _once(command: list[str], cwd: Path, env: dict | None) -> tuple[float, int, int]:
    """(wall seconds, peak resident bytes of the process tree, exit code) of one run."""
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return seconds, peak[0], code


def _summary(samples: list[tuple[float, int, int]]) -> dict:
    seconds = [taken[0] for taken in samples]
    return {
        "min": min(seconds),
        "median": statistics.median(seconds),
        "max": max(seconds),
        "peak_mib": max(taken[1] for taken in samples) / 2**20,
        "codes": sorted({taken[2] for taken in samples}),
    }


def subset_actuals(source: Path, plans: set[str], target: Path) -> None:
    with source.open(encoding="utf-8", newline="") as inp, target.open("w", encoding="utf-8", newline="") as out:
        reader, writer = csv.reader(inp), csv.writer(out)
        writer.writerow(next(reader))
        writer.writerows(row for row in reader if row[0] in plans)


def row(name: str, measured: dict, extra: str = "") -> str:
    codes = ", ".join(map(str, measured["codes"]))
    return (
        f"| {name} | {seconds(measured['min'])} | {seconds(measured['median'])} | {seconds(measured['max'])} "
        f"| {measured['peak_mib']:.0f} MiB | {codes} | {extra} |"
    )


def seconds(value: float) -> str:
    """Two decimals under ten seconds (a cold start), one above (a batch)."""
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def manifest_check(report: dict, manifest: dict) -> tuple[list[str], list[str], int]:
    """(expected findings missing, unexpected errors/warnings, findings compared)."""
    found = {(f["plan"], f["indicator"], f["rule"], f["severity"]) for f in report["findings"] if not f["waived"]}
    expected = {(e["plan"], e["indicator"], e["rule"], e["severity"]) for e in manifest["findings"]}
    ids = set(manifest["files"]) if "files" in manifest else {plan["id"] for plan in report["plans"]}
    missing = sorted(" ".join(map(str, e)) for e in expected - found)
    extra = sorted(" ".join(map(str, f)) for f in found - expected if f[3] in ("error", "warning") and f[0] in ids)
    return missing, extra, len(expected)


def national_section(data: Path, repeat: int, jobs_count: int) -> list[str]:
    """The Markdown lines of the national section."""
    data = data.resolve()
    args = argparse.Namespace(repeat=repeat, jobs=jobs_count)
    pubsvc, jsonschema = tool("pubsvc"), tool("check-jsonschema")
    plans = sorted((data / "plans").glob("*.yaml"))
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    actuals = data / "actuals.csv"
    work = Path(tempfile.mkdtemp(prefix="pubsvc-bench-"))
    jobs = ["--jobs", str(args.jobs)]
    size = sum(p.stat().st_size for p in plans) / 1e6
    lines = [
        "## At national scale",
        "",
        f"{len(plans)} plan files ({size:.0f} MB of YAML) and {actuals.stat().st_size / 1e6:.0f} MB of actual "
        f"values from `python bench/generate.py --out DIR`. Wall time over {args.repeat} runs in a fresh process "
        "each; peak memory is the largest sum of the resident memory of the process and its workers.",
        "",
        "| job | min | median | max | peak memory | exit | note |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    files = [str(p) for p in plans]

    # 1. validate against check-jsonschema and the parse-only floor
    schema = work / "plan.schema.json"
    subprocess.run([pubsvc, "schema", "--output", str(schema)], check=True)
    validate = run([pubsvc, "validate", str(data / "plans"), *jobs], args.repeat, work)
    lines.append(row(f"pubsvc validate, {len(plans)} plans, {args.jobs} processes", validate))
    floor_one = run([sys.executable, "-c", FLOOR, "1", *files], 1, work)
    floor_n = run([sys.executable, "-c", FLOOR, str(args.jobs), *files], args.repeat, work)
    lines.append(row("floor: PyYAML C loader only, 1 process (run once)", floor_one))
    lines.append(row(f"floor: PyYAML C loader only, {args.jobs} processes", floor_n))
    # check-jsonschema takes about a third of a second a file: it runs once, on the first
    # SCHEMA_SAMPLE files, beside pubsvc validate on the same files.
    sample = files[:SCHEMA_SAMPLE]
    if jsonschema:
        schema_run = run([jsonschema, "--schemafile", str(schema), *sample], 1, work)
        validate_sample = run([pubsvc, "validate", *sample, *jobs], args.repeat, work)
        lines.append(
            row(f"check-jsonschema, plan schema (structure only), first {len(sample)} files, run once", schema_run)
        )
        lines.append(row(f"pubsvc validate, the same {len(sample)} files, {args.jobs} processes", validate_sample))
    else:
        schema_run = validate_sample = None
        lines.append("| check-jsonschema | not installed | | | | | |")

    # 2. check the hierarchy with actual values, at 300, 1,000 and all plans
    per_plan = {}
    for count in (300, 1000, len(plans)):
        chosen = plans[:count]
        if count == len(plans):
            table, command = actuals, [pubsvc, "check", "--all", "--data-dir", str(data), "--actuals", str(actuals)]
        else:
            id_of = {Path(name).name: plan_id for plan_id, name in manifest["files"].items()}
            ids = {id_of.get(p.name, p.stem) for p in chosen}
            table = work / f"actuals-{count}.csv"
            subset_actuals(actuals, ids, table)
            command = [pubsvc, "check", "--data-dir", str(data), "--actuals", str(table), *map(str, chosen)]
        if count == len(plans):
            # The yearly report of the whole country, taking turns with the check on the same data.
            book = [pubsvc, "report", "--all", "--data-dir", str(data), "--actuals", str(actuals)]
            measured, report_run = run_interleaved(
                [[*command, *jobs], [*book, "--out", str(work / "report"), *jobs]], args.repeat, work
            )
        else:
            measured = run([*command, *jobs], args.repeat, work)
        per_plan[count] = measured["median"] / count
        note = f"{per_plan[count] * 1000:.1f} ms a plan"
        label = "all plans (`--all`: and the 8 shipped ones)" if count == len(plans) else f"{count} plans"
        lines.append(row(f"pubsvc check, {label}, with actual values, {args.jobs} processes", measured, note))
    full = measured
    lines.append(
        row(
            f"pubsvc report, all plans (`--all`), with actual values, {args.jobs} processes, taking turns with the check",
            report_run,
            f"{report_run['median'] / full['median']:.2f} × the check",
        )
    )

    # 3. cold start: a new process each time, as a shell starts one. Python writes its bytecode as
    # on a user's machine (PYTHONDONTWRITEBYTECODE, set on some build machines, would make every run
    # compile pubsvc's changed modules again), and the result cache lives in the run's own folder.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PUBSVC_CACHE_DIR"] = str(work / "cache")
    one_plan = [pubsvc, "check", "guilin.yaml"]
    subprocess.run(one_plan, cwd=work, env=env, capture_output=True)  # bytecode and the cache entry
    bare, cold, fresh = run_interleaved(
        [[sys.executable, "-c", "import typer, pydantic, yaml, rich"], one_plan, [*one_plan, "--no-cache"]],
        args.repeat * 7,
        work,
        env,
    )
    lines.append(row('python -c "import typer, pydantic, yaml, rich"', bare))
    lines.append(row("pubsvc check guilin.yaml (cold process, the result cache on as by default)", cold))
    lines.append(row("pubsvc check guilin.yaml --no-cache (cold process, checked afresh)", fresh))

    # 4. the findings against the manifest
    report_file = work / "report.json"
    subprocess.run(
        [
            pubsvc,
            "check",
            str(data / "plans"),
            "--data-dir",
            str(data),
            "--actuals",
            str(actuals),
            *jobs,
            "--format",
            "json",
            "--output",
            str(report_file),
            "--no-fail",
        ],
        check=True,
    )
    report = json.loads(report_file.read_text(encoding="utf-8"))
    missing, extra, expected = manifest_check(report, manifest)

    ratio = lambda a, b: a["median"] / b["median"]  # noqa: E731
    lines += [
        "",
        "## Against the goals",
        "",
        f"- Whole national check with actual values: median {full['median']:.0f} s, peak {full['peak_mib']:.0f} MiB "
        f"on {args.jobs} processes (goal: under 60 s and 1 GiB; under 20 s if the floor allows it).",
        f"- The yearly report of the whole country (`pubsvc report --all`) / the check on the same data: "
        f"{ratio(report_run, full):.2f} (goal: at most 2), peak {report_run['peak_mib']:.0f} MiB.",
        f"- Time per plan at all plans / at 300: {per_plan[len(plans)] / per_plan[300]:.2f} (goal: at most 1.2).",
        f"- validate / floor ({args.jobs} processes): {ratio(validate, floor_n):.2f} (goal: at most 2); "
        + (
            f"validate / check-jsonschema on the same {len(sample)} files: "
            f"{ratio(validate_sample, schema_run):.2f} (goal: at most 0.5)."
            if schema_run
            else "check-jsonschema not installed."
        ),
        f"- Cold one-plan check / bare imports: {ratio(cold, bare):.2f} with the result cache, as it runs by "
        f"default (goal: at most 1.5); {ratio(fresh, bare):.2f} checked afresh (`--no-cache`: reading and "
        "validating five files, building the models).",
        f"- Findings: {expected - len(missing)} of the manifest's {expected} found; {len(missing)} missing; "
        f"{len(extra)} error or warning findings on synthetic plans beyond the manifest.",
    ]
    for title, items in (("Missing", missing), ("Beyond the manifest", extra)):
        if items:
            lines += ["", f"{title} (first 20):", "", *(f"- {item}" for item in items[:20])]
    lines += ["", *parser_comparison(plans[:200])]
    return lines


PARSERS = """
import sys, time, yaml
from pathlib import Path
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
size = sum(len(t.encode()) for t in texts) / 1e6
def timed(name, parse):
    best = min(_once(parse) for _ in range(3))
    print(f"{name}\t{best:.2f}\t{size / best:.1f}")
def _once(parse):
    start = time.perf_counter()
    for text in texts:
        parse(text)
    return time.perf_counter() - start
def events(text):
    loader = yaml.CSafeLoader(text)
    while loader.get_event():
        pass
timed("PyYAML C loader (yaml.load with CSafeLoader)", lambda t: yaml.load(t, Loader=yaml.CSafeLoader))
timed("PyYAML C parser, events only (no data built)", events)
from pubsvc_cli.loading import parse_document
timed("pubsvc loader (positions of every key and value, exact decimals, duplicate keys)", lambda t: parse_document(t, "f"))
try:
    import ryml
    timed("rapidyaml: parse into its tree only (no Python data, no positions asked)", lambda t: ryml.parse_in_arena(t.encode()))
except ImportError:
    print("rapidyaml\tnot installed\t")
try:
    import yaml_rs
    timed("yaml-rs: loads to Python data (floats, no positions)", yaml_rs.loads)
except ImportError:
    print("yaml-rs\tnot installed\t")
"""


def parser_comparison(sample: list[Path]) -> list[str]:
    """Parsers side by side on the same files, in one process each (best of three)."""
    out = subprocess.run(
        [sys.executable, "-c", PARSERS, *map(str, sample)], capture_output=True, text=True, check=True
    ).stdout
    size = sum(p.stat().st_size for p in sample) / 1e6
    lines = [
        f"### Parsers on the same {len(sample)} plan files ({size:.1f} MB), one process",
        "",
        "| parser | seconds | MB/s |",
        "|---|---:|---:|",
    ]
    for line in out.splitlines():
        name, seconds, rate = (line.split("\t") + ["", ""])[:3]
        lines.append(f"| {name} | {seconds} | {rate} |")
    return lines
