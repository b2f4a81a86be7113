"""Benchmark of the command line on two 100,000-user exports: `lint` and
`diff` (the budget is 2 s each), and `migrate` of the earlier export to the
2027 navigation (the goal: at most 3x `lint` of the same export), timed as a reviewer or a CI job runs them,
the whole process from start to exit. A benchmark, not a test: the figures
go to BENCHMARKS.md.

    python cli/bench/lint_diff.py BINARY [USERS] [ROUNDS]

The exports are generated with the example generator's seeded rules
(examples/data/generate.py) at the size asked, into build/cli-bench/.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "data"))

import generate  # noqa: E402  (the example generator, by path)

OUT = ROOT / "build" / "cli-bench"


def write(path: Path, records: list[dict[str, object]]) -> None:
    text = "[\n" + ",\n".join(json.dumps(r, separators=(",", ":")) for r in records) + "\n]\n"
    path.write_text(text, encoding="utf-8")


def exports(users: int) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    before, after = OUT / f"before-{users}.json", OUT / f"after-{users}.json"
    if not (before.exists() and after.exists()):
        rng = random.Random(generate.SEED)
        october = [generate.user(rng, n) for n in range(users)]
        november = generate.next_month(rng, october, users)
        write(before, october)
        write(after, november)
    return before, after


def timed(command: list[str], rounds: int) -> tuple[float, float, int]:
    times = []
    code = 0
    for _ in range(rounds):
        start = time.perf_counter()
        r = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
        code = r.returncode
    return statistics.median(times), min(times), code


def main() -> int:
    binary = sys.argv[1]
    users = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    before, after = exports(users)
    sizes = f"{before.stat().st_size / 1e6:.1f} MB and {after.stat().st_size / 1e6:.1f} MB"
    print(
        f"exports: {users} and {len(json.loads(after.read_text()))} users ({sizes}); "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; median of {rounds}"
    )
    print()
    print("| command | median s | best s | exit |")
    print("|---|---:|---:|---:|")
    cases = [
        ("lint BEFORE", ["lint", str(before)]),
        ("lint BEFORE AFTER", ["lint", str(before), str(after)]),
        ("lint --format json BEFORE AFTER", ["lint", "--format", "json", str(before), str(after)]),
        ("diff BEFORE AFTER", ["diff", str(before), str(after)]),
        (
            "diff --format markdown --fail-on escalation",
            ["diff", "--format", "markdown", "--fail-on", "escalation", str(before), str(after)],
        ),
        ("diff --format json", ["diff", "--format", "json", str(before), str(after)]),
    ]
    nav = ROOT / "examples" / "catalogs" / "navigation-2027.json"
    mig = ROOT / "examples" / "migrations" / "default-to-2027.json"
    migrated = OUT / f"migrated-{users}.json"
    review = ["migrate", str(before), "--to-catalog", str(nav), "--migration", str(mig)]
    cases += [
        ("migrate BEFORE (review only)", review),
        ("migrate BEFORE -o OUT", [*review, "-o", str(migrated)]),
        ("migrate BEFORE --format json --all", [*review, "--format", "json", "--all"]),
    ]
    medians = {}
    for label, args in cases:
        median, best, code = timed([binary, *args], rounds)
        medians[label] = median
        print(f"| `{label}` | {median:.2f} | {best:.2f} | {code} |")
    ratio = medians["migrate BEFORE -o OUT"] / medians["lint BEFORE"]
    verdict = "met" if ratio <= 3.0 else "missed"
    print()
    print(f"goal: migrate (writing the export) <= 3x lint of the same export: {ratio:.2f}x, {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
