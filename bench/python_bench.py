"""The Python half of `make bench`: ours, a hand-written dict checker, pycasbin, cedarpy.

    bench/.venv/bin/python bench/python_bench.py [--rounds N] [--out FILE]

Runs with bench/.venv, which holds the peers and our package (installed from
the wheel that `pip wheel ./bindings-python` builds). Each implementation runs
in a fresh process per round (so its peak memory is its own), the rounds
interleaved: ours, hand-written, casbin, cedar, ours, ... Each process:

1. loads bench/build/users.json (bench/workload.py writes it);
2. builds the 1,000 users from their JSON documents (timed), checks each
   user once on every id (so lazily built state exists) and takes the growth
   of the resident set as the users' memory; then loads bench/build/queries.json;
3. answers every query and compares each answer with ours (the first run of
   ours writes bench/build/expected.bin, one byte per query); a mismatch names
   the query and exits 1. Slow peers (casbin, Cedar) are checked on all
   1,000,000 queries in round 1 only;
4. times passes over the queries in a plain loop
   `for u, i, a in queries: if user[u].can(i, a): n += 1`: three passes over
   all 1,000,000 for ours and the hand-written checker; one pass over the
   seeded subset of 50,000 for the slow peers, whose count of allowed answers
   must equal ours on that subset.

Prints a summary and writes the raw figures as JSON (bench/report.py turns
them into BENCHMARKS.md). Exit status 1 on any mismatch or failure.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILD = HERE / "build"
USERS = BUILD / "users.json"
QUERIES = BUILD / "queries.json"
EXPECTED = BUILD / "expected.bin"

# Every implementation, in the order each round runs them. `slow` ones are
# timed on the seeded subset (and verified on all queries in round 1).
IMPLS = {
    "ours": {"label": "studio_permissions (ours)", "slow": False},
    "handwritten": {"label": "hand-written dict checker", "slow": False},
    "casbin": {"label": "pycasbin", "slow": True},
    "cedarpy": {"label": "cedarpy", "slow": True},
    "profile": {"label": "per-call floor (profile)", "slow": False},
}
FAST_PASSES = 3
PERF_PASSES = 6
PAIRS = 7
SLOW_PASSES = 1

LEVEL = {"none": 0, "read": 1, "edit": 2}
REQUIRED = {"view": 1, "create": 2, "edit": 2, "delete": 2}


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


# ---------------------------------------------------------------- workload


class Workload:
    def __init__(self) -> None:
        w = json.loads(USERS.read_text(encoding="utf-8"))
        self.ids: list[str] = [sys.intern(i) for i in w["ids"]]
        self.parents: dict[str, str | None] = w["parents"]
        self.actions: list[str] = [sys.intern(a) for a in w["actions"]]
        self.users: list[dict] = w["users"]

    def load_queries(self) -> None:
        q = json.loads(QUERIES.read_text(encoding="utf-8"))
        if q["ids"] != self.ids or q["actions"] != self.actions:
            raise SystemExit("users.json and queries.json disagree: run bench/workload.py")
        ids, actions = self.ids, self.actions
        # One list of (user index, id, action) tuples; the strings are shared,
        # as a service's literals would be.
        self.queries = [(u, ids[i], actions[a]) for u, i, a in zip(q["user"], q["id"], q["action"])]
        self.subset_idx: list[int] = q["subset"]
        self.subset = [self.queries[k] for k in self.subset_idx]


# ---------------------------------------------------------------- implementations


def resolve(ids: list[str], parents: dict[str, str | None], doc: dict) -> dict[str, int]:
    """The resolution rules (docs/reference.md#resolution), by hand: the
    effective level of every id, for the hand-written checker."""
    if doc["role"] == "admin":
        return dict.fromkeys(ids, 2)
    stored = {k: LEVEL[v] for k, v in doc.get("permissions", {}).items()}
    eff: dict[str, int] = {}
    for n in ids:  # catalog order: parents first
        p = parents[n]
        if p is None:
            eff[n] = stored.get(n, 0)
        elif eff[p] == 0:
            eff[n] = 0
        else:
            eff[n] = min(eff[p], stored[n]) if n in stored else eff[p]
    return eff


class DictChecker:
    """The hand-written checker: per user a dict id -> level, then a lookup and a comparison.

    An unknown id or action raises KeyError (fails closed), as ours raises.
    """

    __slots__ = ("levels",)

    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels

    def can(self, id: str, action: str) -> bool:
        return self.levels[id] >= REQUIRED[action]

    def noop(self, id: str, action: str) -> bool:  # the profile's pure-Python call floor
        return True


CASBIN_MODEL = """
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.obj) && r.act == p.act
"""
# p rows: the level a role name stands for, and the actions it allows (docs/reference.md#levels-and-actions).
CASBIN_P = [["read", "view"], ["edit", "view"], ["edit", "create"], ["edit", "edit"], ["edit", "delete"]]

CEDAR_ACTIONS_ABOVE = {0: ["view", "create", "edit", "delete"], 1: ["create", "edit", "delete"], 2: []}
CEDAR_ACTIONS_UPTO = {0: [], 1: ["view"], 2: ["view", "create", "edit", "delete"]}


def cedar_policies(name: str, doc: dict, parents: dict[str, str | None]) -> str:
    """One user's Cedar policies, inheritance native (`resource in Node::"area"`).

    An admin: one permit for everything. A member: per area it stores, a permit
    of the actions its level allows over the area and its descendants; per
    sub-section it stores, a forbid of the actions its level does not allow
    over it and its descendants. Cedar's forbid-overrides-permit then gives
    min(parent, stored) down the chain, and no permit is `none` (docs/reference.md#resolution).
    """
    who = f'principal == User::"{name}"'
    if doc["role"] == "admin":
        return f"permit({who}, action, resource);"
    out = []
    for n, level in doc.get("permissions", {}).items():
        lv = LEVEL[level]
        acts = CEDAR_ACTIONS_UPTO[lv] if parents[n] is None else CEDAR_ACTIONS_ABOVE[lv]
        if not acts:
            continue
        effect = "permit" if parents[n] is None else "forbid"
        act_list = ", ".join(f'Action::"{a}"' for a in acts)
        out.append(f'{effect}({who}, action in [{act_list}], resource in Node::"{n}");')
    return "\n".join(out)


def build(impl: str, wl: Workload):
    """Builds the 1,000 users for `impl`; returns the per-user objects the loop calls."""
    if impl in ("ours", "profile"):
        from studio_permissions import AccessSet

        return [AccessSet.from_json(u["doc"]) for u in wl.users]
    if impl == "handwritten":
        return [DictChecker(resolve(wl.ids, wl.parents, json.loads(u["doc"]))) for u in wl.users]
    if impl == "casbin":
        import casbin

        from studio_permissions import AccessSet

        model = casbin.Model()
        model.load_model_from_text(CASBIN_MODEL)
        enforcer = casbin.Enforcer(model)
        grouping = []
        for u in wl.users:
            # The effective levels, computed by the same rules (our core).
            for n, level in AccessSet.from_json(u["doc"]).effective().items():
                if level != "none":
                    grouping.append([u["name"], str(level), n])
        enforcer.add_named_grouping_policies("g", grouping)
        enforcer.add_policies(CASBIN_P)
        return enforcer
    if impl == "cedarpy":
        import cedarpy

        return [
            cedarpy.PolicySet.from_str(cedar_policies(u["name"], json.loads(u["doc"]), wl.parents)) for u in wl.users
        ]
    raise SystemExit(f"unknown implementation {impl}")


def cedar_entities(wl: Workload):
    import cedarpy

    nodes = [
        {"uid": {"type": "Node", "id": n}, "attrs": {}, "parents": [] if p is None else [{"type": "Node", "id": p}]}
        for n, p in wl.parents.items()
    ]
    return cedarpy.Entities.from_json_str(json.dumps(nodes))


def make_runner(impl: str, wl: Workload, objs):
    """Returns (count(queries) -> int, answers(queries) -> bytearray) for `impl`.

    Each loop is written out per implementation, so no extra call layer is timed.
    """
    if impl in ("ours", "handwritten", "profile"):

        def count(queries):
            n = 0
            for u, i, a in queries:
                if objs[u].can(i, a):
                    n += 1
            return n

        def answers(queries):
            return bytearray(1 if objs[u].can(i, a) else 0 for u, i, a in queries)

        return count, answers
    if impl == "casbin":
        enforce = objs.enforce
        names = [u["name"] for u in wl.users]

        def count(queries):
            n = 0
            for u, i, a in queries:
                if enforce(names[u], i, a):
                    n += 1
            return n

        def answers(queries):
            return bytearray(1 if enforce(names[u], i, a) else 0 for u, i, a in queries)

        return count, answers
    if impl == "cedarpy":
        import cedarpy

        is_authorized = cedarpy.is_authorized
        allow = cedarpy.Decision.Allow
        entities = cedar_entities(wl)
        principals = [f'User::"{u["name"]}"' for u in wl.users]
        resources = {n: f'Node::"{n}"' for n in wl.ids}
        actions = {a: f'Action::"{a}"' for a in wl.actions}

        def one(u, i, a):
            request = {"principal": principals[u], "action": actions[a], "resource": resources[i]}
            return is_authorized(request, objs[u], entities).decision == allow

        def count(queries):
            n = 0
            for u, i, a in queries:
                if (
                    is_authorized(
                        {"principal": principals[u], "action": actions[a], "resource": resources[i]}, objs[u], entities
                    ).decision
                    == allow
                ):
                    n += 1
            return n

        def answers(queries):
            return bytearray(1 if one(u, i, a) else 0 for u, i, a in queries)

        return count, answers
    raise SystemExit(f"unknown implementation {impl}")


def profile(wl: Workload, ours) -> dict[str, float]:
    """Per-call costs on the same queries, one process: where a check's time goes."""
    hand = [DictChecker(resolve(wl.ids, wl.parents, json.loads(u["doc"]))) for u in wl.users]
    levels = [h.levels for h in hand]
    req = REQUIRED
    q = wl.queries
    rows: dict[str, float] = {}

    def timed(fn) -> float:
        samples = []
        for _ in range(FAST_PASSES):
            gc.collect()
            t = time.perf_counter_ns()
            fn()
            samples.append((time.perf_counter_ns() - t) / len(q))
        return statistics.median(samples)

    def empty():
        n = 0
        for u, i, a in q:
            n += 1

    def index_only():
        n = 0
        for u, i, a in q:
            if hand[u]:
                n += 1

    def inline():
        n = 0
        for u, i, a in q:
            if levels[u][i] >= req[a]:
                n += 1

    def noop():
        n = 0
        for u, i, a in q:
            if hand[u].noop(i, a):
                n += 1

    def handwritten():
        n = 0
        for u, i, a in q:
            if hand[u].can(i, a):
                n += 1

    def ours_can():
        n = 0
        for u, i, a in q:
            if ours[u].can(i, a):
                n += 1

    def ours_role():
        n = 0
        for u, i, a in q:
            if ours[u].role:
                n += 1

    def ours_level():
        n = 0
        for u, i, a in q:
            if ours[u].level(i):
                n += 1

    for name, fn in [
        ("empty loop (tuple unpack, counter)", empty),
        ("loop + users[u] index", index_only),
        ("inline lookup, no call: levels[u][i] >= REQUIRED[a]", inline),
        ("pure-Python method call that returns True (2 args)", noop),
        ("hand-written DictChecker.can", handwritten),
        ("ours AccessSet.can (pyo3)", ours_can),
        ("ours AccessSet.role (a pyo3 getter: no argument, returns a cached enum member)", ours_role),
        ("ours AccessSet.level(id) (pyo3, one str argument, returns a cached enum member)", ours_level),
    ]:
        rows[name] = timed(fn)
    # Paired passes, alternating, so that load from other processes falls on both alike.
    ratios = []
    for _ in range(PAIRS):
        gc.collect()
        t = time.perf_counter_ns()
        handwritten()
        t_hand = time.perf_counter_ns() - t
        gc.collect()
        t = time.perf_counter_ns()
        ours_can()
        ratios.append((time.perf_counter_ns() - t) / t_hand)
    rows["paired ratio ours / hand-written (median of alternating passes)"] = statistics.median(ratios)
    return rows


# ---------------------------------------------------------------- one process


def child(impl: str, rnd: int, verify_all: bool, write_expected: bool) -> dict:
    wl = Workload()
    slow = IMPLS[impl]["slow"]
    gc.collect()
    rss0 = rss_kib()
    t = time.perf_counter_ns()
    objs = build(impl, wl)
    build_ms = (time.perf_counter_ns() - t) / 1e6
    count, answers = make_runner(impl, wl, objs)
    # Every user once on every id: lazily built state exists before measuring.
    count([(u, i, "view") for u in range(len(wl.users)) for i in wl.ids])
    gc.collect()
    rss_users = rss_kib() - rss0
    wl.load_queries()
    count(wl.queries[:10_000] if not slow else wl.subset[:500])  # warm-up

    # Verification: every answer against ours (slow peers: round 1 only).
    got = answers(wl.queries) if (verify_all or not slow) else b""
    if write_expected:
        EXPECTED.write_bytes(bytes(got))
    expected = EXPECTED.read_bytes()
    if got and got != expected:
        if len(got) != len(expected):
            raise SystemExit(f"{impl}: {len(got)} answers, {len(expected)} expected")
        first = next(k for k, (g, e) in enumerate(zip(got, expected)) if g != e)
        u, i, a = wl.queries[first]
        mismatches = sum(1 for g, e in zip(got, expected) if g != e)
        print(
            f"MISMATCH {impl}: {mismatches} of {len(got):,} answers differ from ours; the first, query "
            f"#{first} (user {wl.users[u]['name']}, {i!r}, {a!r}): answered {bool(got[first])}, "
            f"ours {bool(expected[first])}; document {wl.users[u]['doc']}",
            file=sys.stderr,
        )
        sys.exit(1)
    verified = len(got)
    allowed = sum(got)
    timed_q = wl.subset if slow else wl.queries
    want = sum(expected[k] for k in wl.subset_idx) if slow else sum(expected)
    del got, expected

    passes = []
    for _ in range(SLOW_PASSES if slow else FAST_PASSES):
        gc.collect()
        t = time.perf_counter_ns()
        n = count(timed_q)
        passes.append((time.perf_counter_ns() - t) / len(timed_q))
        if n != want:
            print(f"MISMATCH {impl}: {n} allowed in a timed pass, ours {want}", file=sys.stderr)
            sys.exit(1)
    result = {
        "impl": impl,
        "round": rnd,
        "build_ms": build_ms,
        "pass_ns": passes,
        "timed_queries": len(timed_q),
        "verified": verified,
        "allowed": allowed,
        "rss_users_kib": rss_users,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    if impl == "profile":
        result["profile_ns"] = profile(wl, objs)
    return result


# ---------------------------------------------------------------- orchestrator


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "implementation": platform.python_implementation()}
    for dist in ("studio-permissions", "casbin", "cedarpy", "simpleeval"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "missing"
    return out


def perf_child() -> None:
    """Builds ours, says READY, waits for a line, then runs the timed loop (perf attaches meanwhile)."""
    wl = Workload()
    wl.load_queries()
    objs = build("ours", wl)
    count, _ = make_runner("ours", wl, objs)
    count(wl.queries)
    print("READY", flush=True)
    sys.stdin.readline()
    for _ in range(PERF_PASSES):
        count(wl.queries)


def perf_profile() -> dict:
    """`perf record` of ours' check loop alone (attached after the build): where the time goes, by symbol."""
    perf = shutil.which("perf")
    if perf is None:
        return {"error": "perf is not installed"}
    data = BUILD / "perf-python.data"
    proc = subprocess.Popen(
        [sys.executable, __file__, "--perf-child"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdin is not None
    if proc.stdout.readline().strip() != "READY":
        proc.kill()
        return {"error": "the profiled process did not start"}
    rec = subprocess.Popen(
        [perf, "record", "-q", "-F", "1999", "-o", str(data), "-p", str(proc.pid)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)
    proc.stdin.write("go\n")
    proc.stdin.flush()
    proc.wait()
    try:
        _, err = rec.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        rec.kill()
        return {"error": "perf record did not stop"}
    report = subprocess.run(
        [perf, "report", "-i", str(data), "--no-children", "--sort", "dso,sym", "--stdio", "-g", "none"],
        capture_output=True,
        text=True,
    )
    rows = []
    for line in report.stdout.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[0].endswith("%") and parts[2] == "[.]":
            rows.append({"pct": float(parts[0].rstrip("%")), "dso": parts[1], "symbol": parts[3].strip()})
    if not rows:
        return {"error": f"perf gave no samples: {err.strip()[:300]} {report.stderr.strip()[:300]}"}
    return {"passes": PERF_PASSES, "rows": rows[:25]}


def baseline_rss() -> int:
    """Peak RSS of a process that only loads the workload (the floor of every row)."""
    wl = Workload()
    wl.load_queries()
    del wl
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "3")))
    ap.add_argument("--out", type=Path, default=BUILD / "results-python.json")
    ap.add_argument("--child")
    ap.add_argument("--round", type=int, default=0)
    ap.add_argument("--verify-all", action="store_true")
    ap.add_argument("--write-expected", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--perf-child", action="store_true")
    ap.add_argument("--only", help="comma-separated implementations (default: all)")
    args = ap.parse_args()

    if args.perf_child:
        perf_child()
        return
    if args.baseline:
        print(json.dumps({"maxrss_kib": baseline_rss()}))
        return
    if args.child:
        print(json.dumps(child(args.child, args.round, args.verify_all, args.write_expected)))
        return

    impls = args.only.split(",") if args.only else list(IMPLS)
    if "ours" not in impls and not EXPECTED.exists():
        raise SystemExit("ours must run first: it writes the expected answers")
    runs: list[dict] = []
    started = time.time()

    def run(cmd_args: list[str]) -> dict:
        proc = subprocess.run([sys.executable, __file__, *cmd_args], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"python bench: {' '.join(cmd_args)} failed (exit {proc.returncode})")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    baseline = run(["--baseline"])["maxrss_kib"]
    for rnd in range(1, args.rounds + 1):
        for impl in impls:
            cmd = ["--child", impl, "--round", str(rnd)]
            if rnd == 1 and impl == "ours":
                cmd.append("--write-expected")
            if rnd == 1:
                cmd.append("--verify-all")
            t = time.time()
            r = run(cmd)
            runs.append(r)
            print(
                f"  python round {rnd} {impl:12s} build {r['build_ms']:9.2f} ms  "
                f"check {statistics.median(r['pass_ns']):10.1f} ns  verified {r['verified']:,} "
                f"({time.time() - t:.0f} s)",
                flush=True,
            )
    perf = perf_profile() if "ours" in impls else {"error": "ours not run"}
    print(f"  python perf profile of ours: {'ok' if 'rows' in perf else perf['error']}", flush=True)
    summary = {
        "language": "python",
        "perf": perf,
        "versions": versions(),
        "rounds": args.rounds,
        "baseline_maxrss_kib": baseline,
        "seconds": time.time() - started,
        "load_avg": os.getloadavg(),
        "impls": {k: v for k, v in IMPLS.items() if k in impls},
        "runs": runs,
    }
    args.out.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(f"python bench: 0 mismatches; results in {args.out}")


if __name__ == "__main__":
    main()
