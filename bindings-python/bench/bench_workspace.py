"""Workspace costs of the installed package (budgets in brackets).

    make bench-python        (or: .venv/bin/python bindings-python/bench/bench_workspace.py)

The 100,000-user export is the one of the core's benchmark
(bench/rust/benches/workspace.rs, the same generator and seed, so the same text):
5% admins, the rest on a preset with a sub-section restriction. Prints a
Markdown table; the numbers in bindings-python/README.md come from it. Not a
test: nothing here asserts a time.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from studio_permissions import Workspace

ROOT = Path(__file__).resolve().parents[2]
PRESETS = [
    '"analytics":"read","behavior":"read","knowledge":"read","voice":"read","messaging":"read",'
    '"deployments":"read","account":"read"',
    '"analytics":"read","knowledge":"edit","behavior":"read","voice":"read","messaging":"read",'
    '"deployments":"none","account":"none"',
    '"analytics":"edit","behavior":"edit","knowledge":"edit","flows":"edit","tools":"edit","voice":"edit",'
    '"messaging":"edit","integrations":"edit","deployments":"edit","account":"read"',
    '"analytics":"edit","behavior":"read","knowledge":"read","voice":"read","messaging":"read",'
    '"deployments":"edit","account":"edit"',
]
RESTRICTIONS = [',"analytics.csat":"none"', ',"knowledge.sources":"read"', "", ',"voice.numbers":"none"']
MASK = (1 << 64) - 1


def records(users: int | None = None) -> Iterator[str]:
    """The core benchmark's records, one JSON object each, in order; endless
    when `users` is None (the memory benchmark takes as many as fill its size)."""
    seed = 0x5EED
    i = 0
    while users is None or i < users:
        seed = (seed * 6364136223846793005 + 1442695040888963407) & MASK
        pick = seed >> 33
        if pick % 20 == 0:
            yield f'{{"user":"user-{i:06}","email":"u{i}@example.com","role":"admin"}}'
        else:
            extra = "" if pick % 4 == 1 else RESTRICTIONS[(pick // 4) % 4]
            yield (
                f'{{"user":"user-{i:06}","email":"u{i}@example.com","role":"member",'
                f'"permissions":{{{PRESETS[pick % 4]}{extra}}}}}'
            )
        i += 1


def export(users: int) -> str:
    """The core benchmark's export, byte for byte."""
    return "[" + ",".join(records(users)) + "]"


def best_ms(call: Callable[[], object], repeat: int) -> float:
    """The best of `repeat` runs, in ms."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main() -> None:
    text = export(100_000)
    big = Workspace.from_json(text)
    data = ROOT / "examples" / "data"
    october = Workspace.from_json((data / "workspace-2026-10.json").read_text(encoding="utf-8"))
    november = Workspace.from_json((data / "workspace-2026-11.json").read_text(encoding="utf-8"))
    five_hundred = Workspace.from_records(october.to_records()[:500])
    can_users = len(big.who_can("deployments.environments", "edit"))
    rows = [
        (
            f"`Workspace.from_json` of 100,000 users ({len(text) / 1e6:.1f} MB) [≤ 1 s]",
            best_ms(lambda: Workspace.from_json(text), 5),
        ),
        (
            f"`who_can('deployments.environments', 'edit')` over 100,000 users ({can_users:,} ids) [≤ 20 ms]",
            best_ms(lambda: big.who_can("deployments.environments", "edit"), 20),
        ),
        (
            "`who_can('flows', 'edit')` over 100,000 users (a short answer)",
            best_ms(lambda: big.who_can("flows", "edit"), 20),
        ),
        ("`counts()` over 100,000 users", best_ms(big.counts, 10)),
        ("`_repr_html_()` of 500 users of the example [≤ 1 s]", best_ms(five_hundred._repr_html_, 10)),
        ("`_repr_html_()` of the 600-user example", best_ms(october._repr_html_, 10)),
        ("`october.diff(november)` (the two examples)", best_ms(lambda: october.diff(november), 10)),
        ("`october.diff(november)._repr_html_()`", best_ms(lambda: october.diff(november)._repr_html_(), 10)),
        (
            "`user(id)` of the last of 100,000 users (after the first lookup)",
            best_ms(lambda: big.user("user-099999"), 20),
        ),
        ("iterating 100,000 `User` records", best_ms(lambda: sum(1 for _ in big), 3)),
        ("`to_records()` of 100,000 users", best_ms(big.to_records, 3)),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()}, best of N runs")
    print()
    print("| workspace call | ms |")
    print("|---|---|")
    for name, ms in rows:
        print(f"| {name} | {ms:,.1f} |" if ms >= 1 else f"| {name} | {ms:.3f} |")
    print(f"| core memory per user beyond the strings (`bytes_per_user`) [≤ 128] | {big.bytes_per_user} B |")


if __name__ == "__main__":
    main()
