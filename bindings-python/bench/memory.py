"""Memory soak of the installed package flat RSS over

- 10,000,000 checks (`can`, `level`) on one set;
- 1,000,000 build-and-drop cycles of an `AccessSet` (parse, change, explain,
  diff, an error raised, a refusal raised, a lenient parse with warnings);
- 100,000 build-and-drop cycles of a `Catalog` and a `Workspace` (load,
  queries, users, a strict load that fails with every problem listed).

    make soak-python     (or: .venv/bin/python bindings-python/bench/memory.py [scale])

RSS is read from /proc/self/statm and printed as it is sampled, then a
summary: the RSS after warm-up and at the end of each phase, and the growth.
`scale` (default 1) multiplies every count, e.g. 0.01 for a quick look. The
cycles are the ones `tests/test_memory.py` measures for a leak in `make test`
(through `--leak-check`, below). Exits non-zero if any phase grew by more than
8 MiB over its second half (flat memory: what grows must stop growing).
"""

from __future__ import annotations

import gc
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

from studio_permissions import AccessSet, Catalog, PermissionDenied, PermissionsError, Workspace

E = TypeVar("E", bound=BaseException)
PAGE = os.sysconf("SC_PAGE_SIZE")
GROWTH_LIMIT = 8 << 20

DOC = '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read","deployments":"edit"}}'
LENIENT_DOC = '{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit","nowhere":"read"},"extra":1}'
PRESET = AccessSet.preset("knowledge_editor")
CATALOG_TEXT = (
    '{"version":"soak","areas":[{"id":"a","name":"A","children":[{"id":"b","name":"B"},{"id":"c","name":"C"}]},'
    '{"id":"d","name":"D"}],"presets":{"p":{"a":"read","a.c":"none"}},'
    '"capabilities":{"x.manage":{"roles":["admin"]},"x.use":{"roles":["admin","member"],"clusters":["enterprise"]}}}'
)
EXPORT = "\n".join(
    [
        '{"user":"ada","name":"Ada","email":"ada@example.com","role":"admin"}',
        '{"user":"bo","role":"member","permissions":{"a":"edit","a.b":"read"}}',
        '{"user":"cy","role":"member","permissions":{"a":"none","a.c":"edit","d":"read"}}',
    ]
)
BAD_EXPORT = '[{"user":"a","role":"owner"},{"user":"a","role":"member"},{"role":"member","permissions":{"zz":"read"}}]'


def rss() -> int:
    """The resident set size of this process, in bytes."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * PAGE


def raised(kind: type[E], fn: Callable[..., object], *args: object) -> E:
    """The error `fn(*args)` raises, which must be a `kind`."""
    try:
        fn(*args)
    except kind as e:
        return e
    raise AssertionError(f"{fn.__name__}{args} did not raise {kind.__name__}")


def set_cycle() -> None:
    """Build an `AccessSet` and everything it hands out, then drop it all."""
    s = AccessSet.from_json(DOC)
    t = s.set("analytics.kpis", "none").clear("knowledge.sources").with_role("admin").with_role("member")
    t.explain("knowledge.sources", "edit")
    t.diff(PRESET, "enterprise")
    t.to_dict()
    t.to_json()
    raised(PermissionsError, s.can, "knowlege.faqs", "view")
    raised(PermissionDenied, s.require, "flows", "delete").explanation  # noqa: B018
    raised(PermissionsError, s.set, "analytics.kpis", "edit")
    AccessSet.from_json(LENIENT_DOC, lenient=True).warnings  # noqa: B018 - builds the records


def workspace_cycle() -> None:
    """Build a `Catalog` and a `Workspace` on it, query them, then drop it all."""
    catalog = Catalog.from_json(CATALOG_TEXT)
    ws = Workspace.from_json_lines(EXPORT, catalog=catalog)
    ws.who_can("a.b", "edit")
    ws.who_has("x.use", "enterprise")
    ws.counts()
    ws.preset_matches()
    ws.diff(ws)
    for user in ws:
        user.access.level("a.c")
    raised(PermissionsError, Workspace.from_json, BAD_EXPORT).problems  # noqa: B018


def checks(count: int) -> Callable[[], None]:
    """`count` checks on one set: `can` and `level`, hits and misses."""
    s = AccessSet.from_json(DOC)
    pairs = [(n.id, a) for n in s.catalog.nodes for a in ("view", "edit")]
    rounds, rest = divmod(count, 2 * len(pairs))

    def run() -> None:
        can, level = s.can, s.level
        for _ in range(rounds):
            for node, action in pairs:
                can(node, action)
                level(node)
        for node, action in pairs[: rest // 2]:
            can(node, action)
            level(node)

    return run


def phase(name: str, total: int, samples: int, step: Callable[[int], None], warmup: int) -> dict[str, Any]:
    """Runs `step(n)` until `total` operations, sampling RSS `samples` times."""
    step(warmup)
    gc.collect()
    base = rss()
    start = time.perf_counter()
    chunk = total // samples
    sampled = []
    for i in range(samples):
        step(chunk)
        sampled.append(rss())
        print(f"  {name}: {(i + 1) * chunk:>11,} done, RSS {sampled[-1] / 2**20:7.1f} MiB", flush=True)
    gc.collect()
    return {
        "name": name,
        "total": chunk * samples,
        "base": base,
        "first": sampled[0],
        "middle": sampled[samples // 2 - 1],
        "end": rss(),
        "seconds": time.perf_counter() - start,
    }


def repeat(cycle: Callable[[], None]) -> Callable[[int], None]:
    def run(n: int) -> None:
        for _ in range(n):
            cycle()

    return run


def growth_per_cycle(step: Callable[[int], None], n: int, attempts: int = 3) -> dict[str, float]:
    """RSS bytes gained per cycle over 4n cycles after 2n of warm-up: the
    least of up to `attempts` measurements (a leak grows every time)."""
    best = float("inf")
    step(2 * n)
    for _ in range(attempts):
        gc.collect()
        before = rss()
        step(4 * n)
        gc.collect()
        best = min(best, (rss() - before) / (4 * n))
        if best < 4:
            break
    return {"rss": best}


KEPT: list[str] = []


def leaky(n: int) -> None:
    """A set cycle that keeps a 100-character string each time: the test's
    proof that the measure sees a leak of that size."""
    for i in range(n):
        set_cycle()
        KEPT.append("x" * 100 + str(i))


LEAK_CASES: dict[str, Callable[[int], None]] = {
    "checks": lambda n: checks(n)(),
    "set": lambda n: repeat(set_cycle)(n),
    "workspace": lambda n: repeat(workspace_cycle)(n),
    "leaky": leaky,
}


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--leak-check":
        # What tests/test_memory.py runs, in a fresh interpreter:
        # --leak-check CASE N [ATTEMPTS] prints the growth per cycle as JSON.
        attempts = int(sys.argv[4]) if len(sys.argv) > 4 else 3
        print(json.dumps(growth_per_cycle(LEAK_CASES[sys.argv[2]], int(sys.argv[3]), attempts)))
        return 0
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    print(
        f"Python {platform.python_version()} on {platform.machine()}, scale {scale}; RSS at start {rss() / 2**20:.1f} MiB"
    )
    n_checks, n_sets, n_ws = int(10_000_000 * scale), int(1_000_000 * scale), int(100_000 * scale)
    results = [
        phase("checks", n_checks, 10, lambda n: checks(n)(), warmup=200_000),
        phase("AccessSet cycles", n_sets, 10, repeat(set_cycle), warmup=20_000),
        phase("Catalog+Workspace cycles", n_ws, 10, repeat(workspace_cycle), warmup=2_000),
    ]
    print()
    print(
        "| phase | operations | RSS after warm-up | after 10% | after 50% | at the end | growth over the second half | time |"
    )
    print("|---|---|---|---|---|---|---|---|")
    failed = False
    mib = lambda b: f"{b / 2**20:.1f} MiB"  # noqa: E731
    for r in results:
        growth = r["end"] - r["middle"]
        failed |= growth > GROWTH_LIMIT
        print(
            f"| {r['name']} | {r['total']:,} | {mib(r['base'])} | {mib(r['first'])} | {mib(r['middle'])} | {mib(r['end'])} |"
            f" {growth / 2**20:+.2f} MiB | {r['seconds']:.1f} s |"
        )
    if failed:
        print(f"FAILED: a phase grew by more than {GROWTH_LIMIT >> 20} MiB over its second half", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
