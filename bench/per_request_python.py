"""Per-request figures of the Python package: loading a user's set, refusing, checking.

    python bench/per_request_python.py [--out FILE] [--repeats N]

Runs with the interpreter that has our release build installed (`make
bench-per-request-python` uses bench/.venv, as `make bench` does). Reads the
workload bench/workload.py writes to bench/build/, reuses the hand-written
loader and checker of bench/python_bench.py, and writes
bench/build/per-request-python.json: one row per goal, ours beside the
hand-written (or our own other) path, each figure the median of several
interleaved repeats in this one process.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from python_bench import DictChecker, Workload, resolve  # noqa: E402

from studio_permissions import AccessSet, PermissionDenied, Workspace  # noqa: E402

sys.path.insert(0, str(HERE.parent / "bindings-python" / "bench"))
from bench_workspace import export  # noqa: E402

OUT = HERE / "build" / "per-request-python.json"
LENIENT = HERE / "build" / "lenient.json"


def machine() -> str:
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    return f"{platform.machine()}, {os.cpu_count()} cpus, loadavg {load}"


def paired(ours, reference, repeats: int, per: int) -> tuple[float, float]:
    """Medians (in µs per unit of work) of `repeats` alternating runs of each callable."""
    a, b = [], []
    for _ in range(repeats):
        for fn, out in ((ours, a), (reference, b)):
            gc.collect()
            t = time.perf_counter_ns()
            fn()
            out.append((time.perf_counter_ns() - t) / per / 1000)
    return statistics.median(a), statistics.median(b)


def twenty_entry_document(wl: Workload) -> dict:
    """A strict-valid document storing 20 entries: every area `edit`, then
    sub-sections `read` in catalog order until there are 20."""
    permissions: dict[str, str] = {}
    for n in wl.ids:
        if wl.parents[n] is None:
            permissions[n] = "edit"
    for n in wl.ids:
        if len(permissions) == 20:
            break
        if wl.parents[n] is not None:
            permissions[n] = "read"
    return {"role": "member", "permissions": permissions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    reps = args.repeats
    started = machine()
    wl = Workload()
    texts = [u["doc"] for u in wl.users]
    dicts = [json.loads(t) for t in texts]
    ids, parents = wl.ids, wl.parents
    rows = []

    # -- building the 1,000 users ------------------------------------------------
    # µs per user is ms per 1,000 users.
    ours, ref = paired(
        lambda: [AccessSet.from_dict(d) for d in dicts],
        lambda: [DictChecker(resolve(ids, parents, d)) for d in dicts],
        reps,
        1000,
    )
    rows.append(
        {
            "id": "py.build1000.dict",
            "goal": "Python: build the 1,000 users of the bench workload from dicts ≤ 1.2× the hand-written loader",
            "ours_label": "AccessSet.from_dict × 1,000",
            "ours": round(ours, 3),
            "reference_label": "hand-written resolve + DictChecker × 1,000",
            "reference": round(ref, 3),
            "unit": "ms",
            "limit": 1.2,
        }
    )
    ours, ref = paired(
        lambda: [AccessSet.from_json(t) for t in texts],
        lambda: [DictChecker(resolve(ids, parents, json.loads(t))) for t in texts],
        reps,
        1000,
    )
    rows.append(
        {
            "id": "py.build1000.json",
            "goal": "Python: build the 1,000 users of the bench workload from JSON text ≤ 1.2× the hand-written loader",
            "ours_label": "AccessSet.from_json × 1,000",
            "ours": round(ours, 3),
            "reference_label": "json.loads + hand-written resolve + DictChecker × 1,000",
            "reference": round(ref, 3),
            "unit": "ms",
            "limit": 1.2,
        }
    )

    # -- 1,000 users whose documents need lenient clamping ---------------------
    # A preset plus sub-sections stored above their area (bench/workload.py):
    # ours clamps each with a warning; the hand-written loader takes the lower
    # level as it resolves (its `resolve` already does), and warns of nothing.
    lenient_dicts = [json.loads(u["doc"]) for u in json.loads(LENIENT.read_text(encoding="utf-8"))["users"]]
    if not all(AccessSet.from_dict(d, lenient=True).warnings for d in lenient_dicts):
        raise SystemExit("lenient.json: a document that needs no clamping: run bench/workload.py")
    ours, ref = paired(
        lambda: [AccessSet.from_dict(d, lenient=True) for d in lenient_dicts],
        lambda: [DictChecker(resolve(ids, parents, d)) for d in lenient_dicts],
        reps,
        1000,
    )
    rows.append(
        {
            "id": "py.build1000.lenient",
            "goal": "Python: build 1,000 users whose documents need lenient clamping (a preset plus 1 to 4 "
            "sub-sections above their area) from dicts ≤ 1.2× the hand-written loader that takes the lower level",
            "ours_label": "AccessSet.from_dict(lenient=True) × 1,000",
            "ours": round(ours, 3),
            "reference_label": "hand-written resolve (min of parent and stored) + DictChecker × 1,000",
            "reference": round(ref, 3),
            "unit": "ms",
            "limit": 1.2,
        }
    )

    # -- one 20-entry document: from_dict against our own from_json -------------
    doc = twenty_entry_document(wl)
    text = json.dumps(doc)
    AccessSet.from_dict(doc)  # a valid document: a failure here is a harness bug
    n = 2000
    ours, ref = paired(
        lambda: [AccessSet.from_dict(doc) for _ in range(n)],
        lambda: [AccessSet.from_json(text) for _ in range(n)],
        reps,
        n,
    )
    rows.append(
        {
            "id": "py.from_dict_vs_json",
            "goal": "Python from_dict ≤ 1.3× from_json (20-entry document)",
            "ours_label": "AccessSet.from_dict",
            "ours": round(ours, 3),
            "reference_label": "AccessSet.from_json",
            "reference": round(ref, 3),
            "unit": "µs",
            "limit": 1.3,
        }
    )

    # -- a refusal ----------------------------------------------------------------
    member = AccessSet.member()
    node = ids[0]

    def ours_refusal() -> None:
        for _ in range(n):
            try:
                member.require(node, "edit")
            except PermissionDenied:
                pass

    def plain_refusal() -> None:
        for _ in range(n):
            try:
                raise PermissionError(f"edit on {node} is not allowed")
            except PermissionError:
                pass

    ours, ref = paired(ours_refusal, plain_refusal, reps, n)
    rows.append(
        {
            "id": "py.refusal",
            "goal": "Python: refused require + except ≤ 1.5× raising and catching a plain PermissionError",
            "ours_label": "AccessSet.require refused + except PermissionDenied",
            "ours": round(ours, 3),
            "reference_label": "raise PermissionError + except",
            "reference": round(ref, 3),
            "unit": "µs",
            "limit": 1.5,
        }
    )

    # -- the benchmark loop of `make bench` ---------------------------------------
    wl.load_queries()
    q = wl.queries
    users = [AccessSet.from_json(t) for t in texts]
    hand = [DictChecker(resolve(ids, parents, d)) for d in dicts]

    def ours_loop() -> None:
        n = 0
        for u, i, a in q:
            if users[u].can(i, a):
                n += 1

    def hand_loop() -> None:
        n = 0
        for u, i, a in q:
            if hand[u].can(i, a):
                n += 1

    ours_loop()
    hand_loop()
    ours, ref = paired(ours_loop, hand_loop, max(5, reps // 2), len(q))
    rows.append(
        {
            "id": "py.can",
            "goal": "Python can ≤ 0.7× the dict checker in the benchmark loop (1,000,000 queries)",
            "ours_label": "AccessSet.can",
            "ours": round(ours * 1000, 2),
            "reference_label": "hand-written DictChecker.can",
            "reference": round(ref * 1000, 2),
            "unit": "ns",
            "limit": 0.7,
        }
    )

    # -- a 100,000-user workspace back to plain records --------------------------
    workspace = Workspace.from_json(export(100_000))
    times = []
    for _ in range(max(3, reps // 3)):
        gc.collect()
        t = time.perf_counter_ns()
        records = workspace.to_records()
        times.append((time.perf_counter_ns() - t) / 1e6)
        del records
    rows.append(
        {
            "id": "py.to_records100k",
            "goal": "Python: Workspace.to_records() of 100,000 users ≤ 100 ms",
            "ours_label": "Workspace.to_records(), 100,000 users",
            "ours": round(statistics.median(times), 1),
            "reference_label": None,
            "reference": None,
            "unit": "ms",
            "limit": 100,
        }
    )

    result = {"part": "python", "machine": started, "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for r in rows:
        value = r["ours"] / r["reference"] if r["reference"] else r["ours"]
        verdict = "met" if value <= r["limit"] else "missed"
        against = f"vs {r['reference']:>10} {r['unit']:<3} ratio {value:.2f}" if r["reference"] else ""
        print(f"{r['id']:<22} {r['ours']:>10} {r['unit']:<3} {against} (limit {r['limit']}) {verdict}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
