"""Writes BENCHMARKS.md from the results of the last `make bench` (bench/build/).

    python3 bench/report.py

Reads bench/build/results-python.json, bench/build/results-node.json and the
criterion estimates under target/criterion/ (only those written by this run),
plus the machine's facts. Standard library only. Exit status 1 if a result is
missing.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = HERE / "build"
CRITERION = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "criterion"
OUT = ROOT / "BENCHMARKS.md"

RUST_BENCHES = [
    ('check by id: `allowed("knowledge.faqs", Action::Edit)`', "allowed by id"),
    ('check by id, action as text: `allowed("knowledge.faqs", "edit")`', "allowed by id, action as text"),
    ("check by pre-resolved handle: `allowed_at(handle, Action::Edit)`", "allowed by handle"),
    ("parse and validate a 20-entry document", "parse 20-entry document"),
    ("`effective` (39 nodes, walked and counted)", "effective (39 nodes)"),
    ("`explain`", "explain"),
    ("`to_json` (canonical document)", "to_json"),
    ("workspace: load 100,000 users from JSON text", "workspace 100k users/load from JSON text"),
    ('workspace: `who_can("deployments.environments", "edit")` over 100,000 users', "workspace 100k users/who_can"),
]


def sh(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "unavailable"


def fmt_ns(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if ns >= 1e4:
        return f"{ns / 1e3:,.1f} µs"
    if ns >= 1e3:
        return f"{ns / 1e3:,.2f} µs"
    return f"{ns:,.1f} ns"


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    mem = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
    start = (BUILD / "loadavg-start").read_text().split()[:3] if (BUILD / "loadavg-start").exists() else ["?"] * 3
    end = (BUILD / "loadavg-end").read_text().split()[:3] if (BUILD / "loadavg-end").exists() else ["?"] * 3
    return {
        "nproc": sh("nproc"),
        "cpu": model.group(1).strip() if model else "unknown",
        "memory": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown",
        "kernel": platform.release(),
        "load_start": " ".join(start),
        "load_end": " ".join(end),
    }


def rust_results() -> list[tuple[str, float, float, float]]:
    started = float((BUILD / "criterion-started").read_text()) if (BUILD / "criterion-started").exists() else 0
    rows = []
    for label, name in RUST_BENCHES:
        est = CRITERION / name / "new" / "estimates.json"
        if not est.exists() or est.stat().st_mtime < started:
            raise SystemExit(f"report: no criterion result from this run for {name!r} ({est})")
        e = json.loads(est.read_text())["median"]
        ci = e["confidence_interval"]
        rows.append((label, e["point_estimate"], ci["lower_bound"], ci["upper_bound"]))
    return rows


def summarize(results: dict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for impl, meta in results["impls"].items():
        runs = [r for r in results["runs"] if r["impl"] == impl]
        samples = [x for r in runs for x in r["pass_ns"]]
        out[impl] = {
            "label": meta["label"],
            "slow": meta["slow"],
            "ns": statistics.median(samples),
            "min": min(samples),
            "max": max(samples),
            "samples": len(samples),
            "timed": runs[0]["timed_queries"],
            "verified": max(r["verified"] for r in runs),
            "build_ms": statistics.median(r["build_ms"] for r in runs),
            "users_mib": statistics.median(r["rss_users_kib"] for r in runs) / 1024,
            "peak_mib": max(r["maxrss_kib"] for r in runs) / 1024,
            "profile": next((r["profile_ns"] for r in runs if "profile_ns" in r), None),
        }
    return out


def table(lang: dict[str, dict], hand: str, baseline_mib: float) -> list[str]:
    h = lang[hand]["ns"]
    ours = lang["ours"]["ns"]
    lines = [
        "| implementation | ns per check (median) | range | timed on | verified on | ratio to hand-written | vs ours | build 1,000 users | users' memory | peak RSS |",
        "|---|---:|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for impl, s in lang.items():
        if impl == "profile":
            continue
        timed = (
            f"{s['timed']:,} queries × {s['samples']}"
            if not s["slow"]
            else f"subset of {s['timed']:,} × {s['samples']}"
        )
        vs = (
            "1×"
            if impl == "ours"
            else f"{s['ns'] / ours:,.1f}× slower"
            if s["ns"] >= ours
            else f"{ours / s['ns']:,.2f}× faster"
        )
        lines.append(
            f"| {s['label']} | {fmt_ns(s['ns'])} | {fmt_ns(s['min'])} – {fmt_ns(s['max'])} | {timed} | "
            f"{s['verified']:,} of 1,000,000 | **{s['ns'] / h:,.2f}×** | {vs} | {s['build_ms']:,.1f} ms | "
            f"{s['users_mib']:,.1f} MiB | {s['peak_mib']:,.0f} MiB |"
        )
    lines.append("")
    lines.append(
        f"Peak RSS includes the loaded workload: a process that only loads it peaks at {baseline_mib:,.0f} MiB. "
        '"Users\' memory" is the growth of the resident set while building the 1,000 users and checking each once '
        "on every id (so lazily built state is counted), before the queries are loaded; it is coarse (allocator "
        "arenas, page granularity)."
    )
    return lines


def profile_table(rows: dict[str, float]) -> list[str]:
    lines = ["| loop body | ns per iteration (median of 3 passes over 1,000,000) |", "|---|---:|"]
    for name, ns in rows.items():
        if not name.startswith("paired ratio"):
            lines.append(f"| {name} | {ns:,.1f} |")
    return lines


def perf_section(perf: dict) -> tuple[list[str], dict[str, float]]:
    if "rows" not in perf:
        return [f"(perf profile unavailable: {perf.get('error')})"], {}
    cats = {
        "interpreter (libpython)": 0.0,
        "pyo3 glue (argument extraction, trampoline)": 0.0,
        "our method `can` and the core": 0.0,
        "libc (memcmp, memmove)": 0.0,
        "other": 0.0,
    }
    lines = ["| share of samples | where | symbol |", "|---:|---|---|"]
    for r in perf["rows"]:
        sym, dso = r["symbol"], r["dso"]
        if dso.startswith("libpython"):
            cats["interpreter (libpython)"] += r["pct"]
        elif "_native" in dso and sym.startswith("pyo3::"):
            cats["pyo3 glue (argument extraction, trampoline)"] += r["pct"]
        elif "_native" in dso:
            cats["our method `can` and the core"] += r["pct"]
        elif dso.startswith("libc"):
            cats["libc (memcmp, memmove)"] += r["pct"]
        else:
            cats["other"] += r["pct"]
    for r in perf["rows"][:14]:
        sym = r["symbol"] if len(r["symbol"]) < 90 else r["symbol"][:87] + "…"
        lines.append(f"| {r['pct']:.1f} % | {r['dso']} | `{sym}` |")
    return lines, cats


def goal(ok: bool) -> str:
    return "met" if ok else "**missed**"


PER_REQUEST_PARTS = ("rust", "python", "node", "memory")
# The headline goals: ours ÷ the hand-written checker.
PYTHON_GOAL = 0.7
NODE_GOAL = 1.0


def fmt_figure(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return f"{value:,.{digits}f} {unit}"


def per_request_rows(folder: Path) -> dict[str, dict]:
    """The rows of every part's file in `folder`, by id, in the parts' order."""
    rows: dict[str, dict] = {}
    for part in PER_REQUEST_PARTS:
        f = folder / f"per-request-{part}.json"
        if f.exists():
            for row in json.loads(f.read_text())["rows"]:
                rows[row["id"]] = row
    return rows


def per_request_value(row: dict | None) -> float | None:
    """A row's figure against its goal: the ratio, or the absolute figure."""
    if row is None:
        return None
    return row["ours"] / row["reference"] if row.get("reference") else row["ours"]


def per_request_section() -> list[str]:
    """The per-request table: every goal, the figure before (the committed
    baseline) and after (this run), and whether it is met."""
    now = per_request_rows(BUILD)
    missing = [p for p in PER_REQUEST_PARTS if not (BUILD / f"per-request-{p}.json").exists()]
    if missing:
        raise SystemExit(f"report: per-request results missing for {', '.join(missing)}: run `make bench`")
    before = per_request_rows(HERE / "baseline")
    out = [
        "| goal | before | after | ours | reference | |",
        "|---|---:|---:|---|---|---|",
    ]
    for rid, row in now.items():
        ratio = row.get("reference") is not None
        unit = row["unit"]

        def shown(r: dict | None, ratio: bool = ratio, unit: str = unit) -> str:
            v = per_request_value(r)
            if v is None:
                return "–"
            return f"{v:.2f}×" if ratio else fmt_figure(v, unit)

        value = per_request_value(row)
        met = value is not None and value <= row["limit"]
        ours = f"{row['ours_label']}: {fmt_figure(row['ours'], unit)}"
        ref = f"{row['reference_label']}: {fmt_figure(row['reference'], unit)}" if ratio else "–"
        out.append(f"| {row['goal']} | {shown(before.get(rid))} | **{shown(row)}** | {ours} | {ref} | {goal(met)} |")
    out.append("")
    for label, folder in (("Before", HERE / "baseline"), ("After", BUILD)):
        machines = per_request_machines(folder)
        if machines:
            out.append(f"{label}, each part's machine and load average (1, 5, 15 min) when it started: {machines}.")
            out.append("")
    return out[:-1]


# What bounds a goal when a run misses it: the floor measured by hand
# (perf, callgrind), by row id. A missed row without a note points to the
# profile sections.
FLOORS = {
    "mem.py.load100k.path_vs_text": (
        "A load from a path reads the file's bytes and checks them as UTF-8, which a load of text already held "
        "skips. In process times of alternating loads of the 100,000-user export in one process (load average "
        "2.4), the path load took 178.9 ms of user time and 3.8 ms of system time, the text load 177.4 ms and "
        "none: the system time is the kernel's copy of the 23 MB from the page cache, the 1.5 ms more of user "
        "time the UTF-8 check and the window's line and column bookkeeping. `perf record` of 10 path loads puts "
        "the kernel's copy at 1.4 % of the samples (`_copy_to_iter`, `filemap_get_read_batch`), the UTF-8 check "
        "at 0.4 %, the bookkeeping at 1.1 %; callgrind counts 0.2 % more instructions than the text load "
        "(20,000 users: 524.1 M against 523.2 M) since the reader reads into the text's own buffer. That is the "
        "floor, about 3 %, of a reader that holds a window of the file and never its whole text. Node's text "
        "load first converts the JavaScript string to UTF-8, a copy of the same size, which is why its row "
        "sits at or under 1.0×."
    ),
    "py.to_records100k": (
        "Two dicts and two strings per user (the id and the email): 400,000 objects, every key, role, level "
        "and node id shared. At load 2.5 or under, 7 runs take 67 to 75 ms (wall time equal to the process's "
        "CPU time). In `perf record`, about a sixth of the samples is the kernel handing Python fresh pages (the "
        "previous records' memory went back to the system when they were freed) and a sixth the dicts' inserts "
        "and table growth; the rest is allocation and the strings. The cyclic collector is paused while the "
        "records are built (it would walk the growing list again and again). An absolute bound: under the load "
        "of other builds the same work takes longer in wall time."
    ),
}

# Rows whose bound is absolute (a time), which the machine's load moves.
ABSOLUTE_NOTE = (
    "An absolute bound, which the machine's load moves: see the load averages under the table. Alternating with "
    "the packages of the commit before this work, in one process per package, at load 1.7 to 1.9, a 100,000-user "
    "load took 0.20 to 0.25 s before and after in Node, 0.18 to 0.19 s in Python (`bench/memory/load.py` and "
    "`load.mjs` `--pair`)."
)


def floors_section(rows: dict[str, dict]) -> list[str]:
    """A paragraph per per-request goal this run missed: what bounds it."""
    out = []
    for rid, row in rows.items():
        value = per_request_value(row)
        if value is None or value <= row["limit"]:
            continue
        default = (
            ABSOLUTE_NOTE
            if rid.startswith("mem.") and row.get("reference") is None and row["unit"] == "s"
            else "See *Where the time goes* below for the per-call floors of this language."
        )
        note = FLOORS.get(rid, default)
        out.append(f"- **{short_name(rid)}** ({row['goal']}): {note}")
    return out


def per_request_machines(folder: Path) -> str:
    """Each part's machine line (its load average at its start), as one sentence."""
    parts = []
    for part in PER_REQUEST_PARTS:
        f = folder / f"per-request-{part}.json"
        if f.exists():
            parts.append(f"{part}: {json.loads(f.read_text()).get('machine', '?')}")
    return "; ".join(parts)


# The short name of each per-request goal in the verdict lines.
SHORT = {
    "rust.parse20": "rust parse + validate, 20 entries",
    "rust.effective": "rust effective, 39 nodes",
    "py.build1000.dict": "python build 1,000 users from dicts vs hand",
    "py.build1000.json": "python build 1,000 users from JSON vs hand",
    "py.build1000.lenient": "python lenient build 1,000 vs hand min loader",
    "py.from_dict_vs_json": "python from_dict vs from_json",
    "py.refusal": "python refused require vs PermissionError",
    "py.can": "python can vs dict (per request)",
    "py.to_records100k": "python to_records, 100,000 users",
    "node.build1000.object": "node build 1,000 users from objects vs hand",
    "node.build1000.json": "node build 1,000 users from JSON vs hand",
    "node.build1000.lenient": "node lenient build 1,000 vs hand min loader",
    "node.fromObject_vs_fromJson": "node fromObject vs fromJson",
    "node.refusal": "node refused require vs Error",
    "node.can": "node can vs Map (per request)",
}
LANGS = {"py": "python", "node": "node"}


def short_name(rid: str) -> str:
    """A per-request goal's name in the verdict lines."""
    if rid in SHORT:
        return SHORT[rid]
    parts = rid.split(".")
    if parts[0] == "mem" and len(parts) >= 3:
        lang = LANGS.get(parts[1], parts[1])
        if parts[2] == "load100k":
            rest = parts[3:] or ["text"]
            return {
                "text": f"{lang} load 100,000 users from text",
                "path": f"{lang} load 100,000 users from a path",
                "path_vs_text": f"{lang} load 100,000 users, path vs text",
            }.get(rest[0], rid)
        if len(parts) == 4:
            return f"{lang} peak RSS, {'JSON Lines' if parts[2] == 'jsonl' else 'JSON array'} from {parts[3]}"
    return rid


def verdict_line(ok: bool, name: str, value: str, goal_text: str) -> str:
    return f"{'MET' if ok else 'MISSED':<7} {name:<50} {value:>10}  goal {goal_text}"


def per_request_verdicts() -> list[tuple[bool, str]]:
    """One verdict line per per-request goal of this run."""
    out = []
    for rid, row in per_request_rows(BUILD).items():
        value = per_request_value(row)
        if value is None:
            continue
        ok = value <= row["limit"]
        # A figure that rounds to its bound gets a third digit, so that a miss
        # never reads as the bound itself.
        edge = round(value, 2) == row["limit"]
        if row.get("reference"):
            shown_value, bound = f"{value:.{3 if edge else 2}f}x", f"<= {row['limit']}x"
        else:
            shown_value = f"{value:.3f} {row['unit']}" if edge else fmt_figure(value, row["unit"])
            bound = f"<= {row['limit']} {row['unit']}"
        out.append((ok, verdict_line(ok, short_name(rid), shown_value, bound)))
    return out


def main() -> None:
    for f in ("results-python.json", "results-node.json"):
        if not (BUILD / f).exists():
            raise SystemExit(f"report: {BUILD / f} is missing: run `make bench`")
    py_raw = json.loads((BUILD / "results-python.json").read_text())
    node_raw = json.loads((BUILD / "results-node.json").read_text())
    py = summarize(py_raw)
    nd = summarize(node_raw)
    rust = rust_results()
    m = machine()
    started = float((BUILD / "started").read_text()) if (BUILD / "started").exists() else None
    total_min = (os.path.getmtime(BUILD / "results-node.json") - started) / 60 if started else None
    lock = (ROOT / "Cargo.lock").read_text()
    crit = re.search(r'name = "criterion"\nversion = "([^"]+)"', lock)
    rust_by_id = rust[0][1]

    pv, nv = py_raw["versions"], node_raw["versions"]
    py_ratio = py["ours"]["ns"] / py["handwritten"]["ns"]
    nd_ratio = nd["ours"]["ns"] / nd["handwritten"]["ns"]
    pyprof = py["profile"]["profile"] or {}
    ndprof = nd["profile"]["profile"] or {}
    perf_lines, cats = perf_section(py_raw.get("perf", {}))
    paired_key = "paired ratio ours / hand-written (median of alternating passes)"
    py_paired = pyprof.get(paired_key) if pyprof else None
    nd_paired = ndprof.get(paired_key) if ndprof else None

    # The verdict, one line per goal: the headline's, then the per-request table's.
    verdicts: list[tuple[bool, str]] = []

    def verdict(ok: bool, name: str, value: str, goal_text: str) -> None:
        verdicts.append((ok, verdict_line(ok, name, value, goal_text)))

    verdict(rust_by_id <= 30, "rust check by id (criterion)", fmt_ns(rust_by_id), "<= 30 ns")
    for lang, ratio, paired, bound, ref in (
        ("python", py_ratio, py_paired, PYTHON_GOAL, "dict"),
        ("node", nd_ratio, nd_paired, NODE_GOAL, "Map"),
    ):
        verdict(ratio <= bound, f"{lang} can vs {ref} (headline)", f"{ratio:.2f}x", f"<= {bound}x")
        if paired:
            verdict(paired <= bound, f"{lang} can vs {ref} (headline, paired)", f"{paired:.2f}x", f"<= {bound}x")
    for lang, d, peers in (
        ("python", py, [("pycasbin", "casbin", 100), ("cedarpy", "cedarpy", 100)]),
        ("node", nd, [("node-casbin", "casbin", 100), ("cedar-wasm", "cedar", 100), ("@casl/ability", "casl", 4)]),
    ):
        for label, key, need in peers:
            r = d[key]["ns"] / d["ours"]["ns"]
            verdict(r >= need, f"{lang} faster than {label}", f"{r:,.1f}x", f">= {need}x")
    verdicts.extend(per_request_verdicts())
    met = sum(ok for ok, _ in verdicts)

    L: list[str] = []
    w = L.append
    w("# Benchmarks")
    w("")
    w(
        "Is a check faster than what a team would write itself, and than the libraries it knows? "
        "One command answers it in the three languages, on one machine, in one run, on one workload. "
        "This page is written by that command; the figures below are from its last run."
    )
    w("")
    w("```sh")
    w(
        "make bench    # sets up bench/.venv and bench/node/node_modules (pinned peers), builds our packages, runs everything, writes this file"
    )
    w("```")
    w("")
    w(
        "Not part of `make test`. `BENCH_ROUNDS=N make bench` changes the number of rounds (default 3). "
        "Sources: `bench/` (`workload.py`, `python_bench.py`, `node/bench.mjs`, `report.py`, `bench.mk`)."
    )
    w("")
    w("## Verdict")
    w("")
    w(
        f"{met} of {len(verdicts)} goals met in this run (the headline's and the per-request table's; "
        "the tables below hold the figures and what each goal measures):"
    )
    w("")
    w("```text")
    L.extend(line for _, line in verdicts)
    w("```")
    w("")
    w("## Headline")
    w("")
    w("| language | ours | hand-written | ours ÷ hand-written | goal | casbin ÷ ours | Cedar ÷ ours | CASL ÷ ours |")
    w("|---|---:|---:|---:|---|---:|---:|---:|")
    w(
        f"| Rust | {fmt_ns(rust_by_id)} (criterion, by id) | – | – | ≤ 30 ns by id: {goal(rust_by_id <= 30)} | – | – | – |"
    )
    w(
        f"| Python | {fmt_ns(py['ours']['ns'])} | {fmt_ns(py['handwritten']['ns'])} | **{py_ratio:.2f}×** | ≤ 0.7×: {goal(py_ratio <= 0.7)} | "
        f"{py['casbin']['ns'] / py['ours']['ns']:,.0f}× | {py['cedarpy']['ns'] / py['ours']['ns']:,.0f}× | – |"
    )
    w(
        f"| Node | {fmt_ns(nd['ours']['ns'])} | {fmt_ns(nd['handwritten']['ns'])} | **{nd_ratio:.2f}×** | ≤ {NODE_GOAL}×: {goal(nd_ratio <= NODE_GOAL)} | "
        f"{nd['casbin']['ns'] / nd['ours']['ns']:,.0f}× | {nd['cedar']['ns'] / nd['ours']['ns']:,.0f}× | {nd['casl']['ns'] / nd['ours']['ns']:,.1f}× |"
    )
    w("")

    def per_round(raw: dict) -> str:
        out = []
        for r in range(1, raw["rounds"] + 1):
            o = [x for run in raw["runs"] if run["impl"] == "ours" and run["round"] == r for x in run["pass_ns"]]
            h = [x for run in raw["runs"] if run["impl"] == "handwritten" and run["round"] == r for x in run["pass_ns"]]
            if o and h:
                out.append(f"{statistics.median(o) / statistics.median(h):.2f}")
        return ", ".join(out)

    w(
        "How steady the ratios are on this shared machine: round by round (each round's own medians), Python "
        f"{per_round(py_raw)}, Node {per_round(node_raw)}; and measured in one process with the two loops "
        "alternating, 7 pairs of passes over the 1,000,000 queries, so that load from other processes falls on "
        "both alike (the median of the 7 ratios): Python "
        f"**{py_paired:.2f}×**, Node **{nd_paired:.2f}×**."
        if py_paired and nd_paired
        else ""
    )
    w("")
    w(
        "Every answer of every implementation was compared with ours on all 1,000,000 queries: 0 mismatches "
        "(the run fails and names the query otherwise). Python's and Node's ns per check include the benchmark "
        "loop's own cost (iterating the queries, indexing the user), the same for every row of a language; "
        "the profile sections below give that floor."
    )
    w("")
    w("## Goals")
    w("")
    w("| goal | measured | |")
    w("|---|---|---|")
    w(
        f"| Python: ≤ 0.7× the hand-written checker | {py_ratio:.2f}× | {goal(py_ratio <= 0.7)}"
        + (
            ""
            if py_ratio <= 0.7
            else f", by {py_ratio / 0.7 - 1:.0%} ({py['ours']['ns'] - 0.7 * py['handwritten']['ns']:,.0f} ns per check over the target); see *Where the Python goal is bounded*"
        )
        + " |"
    )
    if py_paired:
        w(
            f"| Python, paired measurement (alternating passes, one process) | {py_paired:.2f}× | {goal(py_paired <= 0.7)} |"
        )
    w(f"| Node: ≤ {NODE_GOAL}× the hand-written checker | {nd_ratio:.2f}× | {goal(nd_ratio <= NODE_GOAL)} |")
    if nd_paired:
        w(
            f"| Node, paired measurement (alternating passes, one process) | {nd_paired:.2f}× | {goal(nd_paired <= NODE_GOAL)} |"
        )
    w(f"| Rust: ≤ 30 ns per check by id | {fmt_ns(rust_by_id)} | {goal(rust_by_id <= 30)} |")
    for lang, d, peers in (
        ("Python", py, [("pycasbin", "casbin", 100), ("cedarpy", "cedarpy", 100)]),
        ("Node", nd, [("node-casbin", "casbin", 100), ("cedar-wasm", "cedar", 100), ("@casl/ability", "casl", 4)]),
    ):
        for label, key, need in peers:
            r = d[key]["ns"] / d["ours"]["ns"]
            w(f"| {lang}: ≥ {need}× faster than {label} | {r:,.1f}× | {goal(r >= need)} |")
    w(
        "| Rust: ≥ 100× faster than casbin and Cedar, ≥ 4× than CASL | – | not measured: no Rust peer is set as a goal (CASL has none); the Rust rows are the core's own criterion benches |"
    )
    w("")
    w("## Per request")
    w("")
    w(
        "What a service pays besides the check: loading a user's document on each request (or cache miss), "
        "refusing, and loading a whole export. *Before* is the committed baseline "
        "(`bench/baseline/per-request-*.json`): the same harness run on this machine against the packages built "
        "from the commit before the check, load and export paths were last reworked (the Rust rows: its core's "
        "criterion benches); *after* is this run. "
        "A ratio compares ours with the reference in the same process (alternating passes, so that load from "
        "other processes falls on both alike); an absolute figure is compared with its bound. This 2-core machine "
        "is shared with other builds: compare ratios across the two columns, and read an absolute figure (µs, "
        "ms, s) with the load averages under the table."
    )
    w("")
    for line in per_request_section():
        w(line)
    w("")
    missed = floors_section(per_request_rows(BUILD))
    if missed:
        w("### Goals this run missed, and what bounds them")
        w("")
        L.extend(missed)
        w("")
    w("## The run")
    w("")
    w(f"- Machine: {m['nproc']} cores, {m['cpu']}, {m['memory']} of memory, Linux {m['kernel']}.")
    busy = float(str(m["load_start"]).split()[0]) > 1.5
    load_note = (
        "other work shared this 2-core machine during the run, so every figure carries some noise"
        if busy
        else "about one core busy: the benchmark itself, nothing else running"
    )
    w(
        f"- Load average (1, 5, 15 min) at the start {m['load_start']}, at the end {m['load_end']}: {load_note}; "
        "the rounds are interleaved (each round runs every implementation once, each in a fresh process) "
        "so that noise falls on all rows alike."
    )
    if total_min:
        w(
            f"- Duration of the measured part (workload, Rust, Python, Node): {total_min:.1f} min "
            f"(Python {py_raw['seconds'] / 60:.1f} min, Node {node_raw['seconds'] / 60:.1f} min)."
        )
    w(
        f"- Rust: {sh('rustc', '--version')}, criterion {crit.group(1) if crit else '?'}, profile `bench` (release, thin LTO)."
    )
    w(
        f"- Python: CPython {pv['python']}; studio-permissions {pv['studio-permissions']} (abi3 release wheel); "
        f"casbin {pv['casbin']} (with simpleeval {pv['simpleeval']}); cedarpy {pv['cedarpy']}."
    )
    w(
        f"- Node: {nv['node']} (V8 {nv['v8']}); studio-permissions {nv['studio-permissions']} (napi release build); "
        f"@casl/ability {nv['@casl/ability']}; casbin {nv['casbin']}; @cedar-policy/cedar-wasm {nv['@cedar-policy/cedar-wasm']} (Cedar {nv['cedar']})."
    )
    w(
        "- The peers are pinned in `bench/requirements.txt` and `bench/node/package-lock.json`, installed into "
        "`bench/.venv` and `bench/node/node_modules` by `make bench`, never dependencies of our packages. Our Python "
        "package is the wheel that `pip install ./bindings-python` builds, installed into `bench/.venv`; our Node "
        "package is `bindings-node` built by `make build-node`."
    )
    w("")
    w("## The workload")
    w("")
    w("`bench/workload.py`, fixed seeds, written to `bench/build/` (not committed) and read by every language:")
    w("")
    w(
        "- 1,000 users: exactly 50 admins (5%), who also store a preset's levels (kept, deciding nothing: a peer "
        "that read them would fail verification); 950 members, each a random preset of the default catalog plus "
        "0 to 4 random sub-section restrictions strictly below their area's level (so every document is valid in "
        "strict mode). Each user is a JSON document, the same bytes in every language."
    )
    allowed = next(r["allowed"] for r in py_raw["runs"] if r["impl"] == "ours")
    w(
        "- 1,000,000 uniform random (user, id, action) checks over the default catalog: 39 ids × 4 actions; "
        f"{allowed / 10_000:.1f}% are allowed."
    )
    w(
        "- A seeded subset of 50,000 of those queries, on which the slow peers (casbin and Cedar, 9 to 100 µs a "
        "check) are timed."
    )
    w("")
    w("## Method")
    w("")
    w(
        "- Each implementation runs in a fresh process per round; 3 rounds, interleaved. A process builds the "
        '1,000 users from their JSON documents (timed: "build 1,000 users", the median of the rounds), checks '
        "each user once on every id, measures its resident-set growth, loads the queries, answers **every one of "
        "the 1,000,000 queries** and compares each answer with ours (`bench/build/expected.bin`, written by the "
        "Python run of our package; Node's run of ours is compared with it too). A mismatch prints the query, "
        "the user's document and both answers, and the benchmark exits non-zero. The slow peers are verified on "
        "all 1,000,000 queries in round 1 and by their count of allowed answers in every timed pass."
    )
    w(
        "- Timing: a plain loop over the queries, `for u, i, a in queries: if users[u].can(i, a): n += 1` "
        "(Node: the same over typed arrays). Ours and the hand-written checkers: 3 passes over all 1,000,000 "
        "queries per round, 9 samples. Slow peers: 1 pass over the 50,000-query subset per round, 3 samples. "
        'The figure is the median of the samples; "range" is their minimum and maximum.'
    )
    w(
        "- Ratios are taken between medians of the same run. Peak RSS is `ru_maxrss` (Python) or "
        "`process.resourceUsage().maxRSS` (Node) of each process."
    )
    w(
        "- Rust: `cargo bench -p studio-permissions-bench` (criterion: 100 samples after a warm-up; workspace benches "
        "10 samples), the median with its 95% confidence interval."
    )
    w("")
    w("## Rust (criterion)")
    w("")
    w("| operation | median | 95% interval |")
    w("|---|---:|---:|")
    for label, med, lo, hi in rust:
        w(f"| {label} | {fmt_ns(med)} | {fmt_ns(lo)} – {fmt_ns(hi)} |")
    w("")
    w(
        "These are the core's own benches (a fixed 20-entry document, one id): no Rust peer is set as a goal. "
        "The shared workload's million checks are verified in Python and Node, both of which call this core."
    )
    w("")
    w("## Python")
    w("")
    L.extend(table(py, "handwritten", py_raw["baseline_maxrss_kib"] / 1024))
    w("")
    w("## Node")
    w("")
    L.extend(table(nd, "handwritten", node_raw["baseline_maxrss_kib"] / 1024))
    w("")
    w("## How each implementation expresses the rules")
    w("")
    w(
        "- **Ours**: `AccessSet.from_json(doc)` / `AccessSet.fromJson(doc)` per user (strict parsing and "
        "validation by the core), then `.can(id, action)`. In Python each check is one pyo3 call into the core, "
        "which finds the id by the hash Python keeps in the string and by identity with the interned id, and "
        "answers by the node's handle; in Node `can` reads the set's allowed table that the core computed (one "
        "byte per node in catalog order: a bit per action, fetched once per set) through an id → index `Map` "
        "shared by every set, the action's bit by a switch, so a check does not cross into native code."
    )
    w(
        "- **Hand-written** (the baseline of each language): the fastest idiomatic checker with the same "
        "interface, written from the resolution rules (docs/reference.md#resolution): per user, the effective level of every id (a `dict` / `Map` id → 0, 1, "
        "2, resolved once in catalog order: a root's stored level or none; a child none under a none parent, "
        "else the lower of its parent's and its own stored level, else its parent's), then `can(id, action)` is "
        "one lookup, one lookup of the action's required level and a comparison, as a method of a per-user "
        "object (Python: a `__slots__` class; Node: a class over a `Map`). Unknown ids and actions raise, as ours "
        "does. It does not validate documents (ours does, in `build`)."
    )
    w(
        "- **casbin** (pycasbin `Enforcer`, node-casbin `enforceSync`): RBAC with domains. The model is "
        "`r = sub, obj, act`, `p = sub, act`, `g = _, _, _`, matcher `g(r.sub, p.sub, r.obj) && r.act == p.act`; "
        "five `p` rows say what a level allows (`read, view`; `edit, view|create|edit|delete`), and each user's "
        "**effective level** on each node is a grouping row `g, user, level, node` (admins: `edit` everywhere), "
        "expanded from our core's `effective()`, i.e. by the same rules (about 28,000 rows). Why not casbin's own "
        "inheritance (a `g2` node → area hierarchy with allow and deny rows per user): casbin evaluates the matcher "
        "once per `p` row of the whole model on every `enforce` (pycasbin's `FastEnforcer` can filter rows by one "
        "key, node-casbin cannot), so per-user `p` rows for 1,000 users make every check scan tens of thousands "
        "of rows; the grouping rows are hashed lookups in casbin's role manager, so the expansion is the fastest "
        "correct form of these rules in casbin."
    )
    w(
        "- **Cedar** (cedarpy `is_authorized`, cedar-wasm `statefulIsAuthorized`): inheritance is **native**. The "
        'catalog is an entity hierarchy (`Node::"knowledge.faqs"` has parent `Node::"knowledge"`); per user, '
        'per area it stores, `permit(principal == User::"u", action in [the actions its level allows], '
        'resource in Node::"area")`; per sub-section it stores, `forbid(... action in [the actions its level '
        'does not allow], resource in Node::"area.sub")`; an admin gets `permit(principal == User::"u", action, '
        "resource)`. Cedar's default deny and forbid-overrides-permit then give exactly the resolution rules (a none parent: no "
        "permit; a child: the lower of the two). Each user's policies are parsed once at build time (cedarpy "
        "`PolicySet.from_str`, cedar-wasm `preparsePolicySet`), and the catalog's entities once (cedarpy "
        "`Entities`; cedar-wasm takes the resource's chain, one or two entities, per call), which are the fastest "
        "forms these packages offer; per-user policy sets rather than one set of about 9,000 policies, because "
        "Cedar evaluates every policy of the set it is given."
    )
    w(
        "- **@casl/ability** (Node, `createMongoAbility`): per user a rule list, inheritance by CASL's own "
        "precedence: per stored area, `can([actions its level allows], [the area and its sub-sections])`; per "
        "stored sub-section, a later `cannot([actions its level does not allow], [the sub-section])`, which wins "
        "(later rules take precedence); admins `can('manage', 'all')`. Ids are CASL subject types. CASL has no "
        "subject hierarchy, so a rule names the subtree's ids (catalog structure, not computed levels)."
    )
    w("")
    w("## Where the time goes (profiles from the same run)")
    w("")
    w("### Python")
    w("")
    w("Decomposition: the same 1,000,000 queries in one process, each loop body alone (`profile` rows).")
    w("")
    L.extend(profile_table(pyprof))
    w("")
    w(
        "`perf record` of our check loop alone (attached to a process after it built the users; "
        f"{py_raw.get('perf', {}).get('passes', '?')} passes over the 1,000,000 queries), the heaviest symbols:"
    )
    w("")
    L.extend(perf_lines)
    if cats:
        w("")
        w(
            "By part: "
            + "; ".join(f"{k} {v:.0f} %" for k, v in cats.items() if v)
            + " (of the symbols listed above and below them, top 25)."
        )
    w("")
    if pyprof:
        keys = list(pyprof)
        empty, index, inline, noop, hand, ours_can, ours_role, ours_level = (pyprof[k] for k in keys[:8])
        target = 0.7 * hand
        w("### Where the Python goal is bounded")
        w("")
        w(
            f"The goal asks for ours ≤ 0.7× the hand-written checker; this run measured {py_ratio:.2f}×"
            + (" (met)." if py_ratio <= 0.7 else f", missing by {py_ratio / 0.7 - 1:.0%}.")
        )
        w("")
        try:
            loads = [float(x) for x in (m["load_start"] + " " + m["load_end"]).split()]
            busy = max(loads[0], loads[3]) > float(m["nproc"])
        except ValueError:
            busy = False
        if busy:
            w(
                f"**Caution**: the 1-minute load average reached {max(loads[0], loads[3]):.1f} on {m['nproc']} cores "
                "during this run (other builds), so the single passes below can be off by tens of ns each and do not "
                "always add up; the paired ratio above, whose two loops alternate in one process, is the robust "
                "figure. Rerun `make bench` on a quiet machine for a clean decomposition."
            )
            w("")
        w("In the profile process (its own medians, so slightly different from the table's):")
        w("")
        w(
            f"- The loop itself (iterate, unpack, index the user) costs {index:.0f} ns of every row; it is the same "
            "for every implementation, so it pulls every ratio towards 1."
        )
        w(
            f"- Above the loop, the hand-written checker costs {hand - index:.0f} ns: a pure-Python method call "
            f"({noop - index:.0f} ns, measured with a method that returns `True`) and two dict lookups and a "
            f"comparison ({hand - noop:.0f} ns; 1,000 users' dicts do not stay in the cache)."
        )
        w(
            f"- Above the loop, ours costs {ours_can - index:.0f} ns, of which the core's own work is about "
            f"{rust_by_id:.0f} ns (criterion, check by id, same run). The cheapest call into our extension, the "
            f"`role` getter (no argument, nothing to compute), already costs {ours_role - index:.0f} ns above the "
            f"loop; `level(id)` (one string argument and the lookup) {ours_level - index:.0f} ns."
        )
        if cats:
            glue = cats["pyo3 glue (argument extraction, trampoline)"] / 100 * ours_can
            body = cats["our method `can` and the core"] / 100 * ours_can
            libc = cats["libc (memcmp, memmove)"] / 100 * ours_can
            interp = cats["interpreter (libpython)"] / 100 * ours_can
            w(
                f"- The perf profile of ours' loop splits its {ours_can:.0f} ns per iteration into: the interpreter "
                f"≈ {interp:.0f} ns (the loop, and dispatching the call to a native method: "
                f"`_PyEval_EvalFrameDefault`); pyo3's glue ≈ {glue:.0f} ns (the trampoline, "
                f"`extract_arguments_fastcall`); our method ≈ {body:.0f} ns (the id found by the hash Python keeps "
                "in the string and by identity with the interned id, the action by identity with its interned name, "
                f"the core's answer by the node's handle; the one cache miss is the set's level); libc ≈ {libc:.0f} ns."
            )
        w(
            f"- For 0.7×, a check would have to take {target:.0f} ns per iteration here, {target - index:.0f} ns above "
            f"the loop, against {ours_can - index:.0f} ns measured"
            + (
                f": {ours_can - target:.0f} ns too many. The pyo3 crossing alone (the `role` getter) takes "
                f"{ours_role - index:.0f} ns of that budget, and the rest is pyo3's reading of two arguments and "
                "the lookup of the id by its cached hash: the goal is bounded by the cost of a Python → native "
                "call with two arguments, not by the rules."
                if ours_can > target
                else "."
            )
        )
        w("")
    if ndprof:
        w("### Node")
        w("")
        L.extend(profile_table(ndprof))
        w("")
        w(
            "Ours does not cross into native code per check (the napi row shows what one crossing costs here): "
            "a check is a lookup in one id → index `Map` shared by every set, keyed by interned ids, a switch "
            "for the action's bit, and a read of the set's 39-byte allowed table, against the hand-written "
            "checker's lookup in a `Map` of its own per user and a second `Map` lookup for the action. `can` "
            "is a getter of the class that gives the set's own function (made on first read), so that "
            "`const { can } = access` works; V8 inlines that function into the loop as it would a method."
        )
        w("")
    cli = BUILD / "cli.md"
    if cli.exists():
        w("## The command line (whole process)")
        w("")
        w(
            "`lint`, `diff` and `migrate` on 100,000-user exports, each timed from start to exit as a CI job runs "
            "it (`make bench-cli`, `cli/bench/lint_diff.py`). `migrate` moves the earlier export to the 2027 "
            "navigation of `examples/` and writes the migrated export."
        )
        w("")
        L.extend(cli.read_text(encoding="utf-8").rstrip("\n").split("\n"))
        w("")
    w("## Notes")
    w("")
    w(
        "- The slow peers are timed on a seeded subset of 50,000 queries (stated in the tables), and verified on "
        "all 1,000,000 in round 1. Their per-check times are so far from ours that the subset's sampling error "
        "does not move any ratio's first digit."
    )
    w(
        "- Build times include each peer's compilation of the rules: for casbin the parse by our core and the "
        "grouping rows; for Cedar generating and parsing the policies; for CASL building the abilities."
    )
    w("- The hand-written checkers trust their input; ours validates every document strictly in its build time.")
    w(
        "- pycasbin is slow on the first check of each (user, node) pair (its role manager builds per-domain state "
        "lazily: checking each of the 1,000 users once on each of the 39 ids takes about 15 s, ~0.4 ms a check); "
        "the figures above are its steady state, after that first pass."
    )
    w(
        "- `make bench` builds the Node addon with `make build-node`, which also fails when the generated "
        "`bindings-node/native/` files differ from the committed ones; on a work tree with uncommitted binding "
        "changes, `make bench BENCH_NODE_BUILD=bench-node-addon` builds the same release addon without that check."
    )
    OUT.write_text("\n".join(L) + "\n", encoding="utf-8")
    print(f"report: wrote {OUT}")
    print(f"report: {met} of {len(verdicts)} goals met")
    for _, line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
