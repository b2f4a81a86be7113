"""Per-call costs of the installed package, in a plain Python loop.

    make bench-python        (or: .venv/bin/python bindings-python/bench/bench_checks.py)

Prints a Markdown table; the numbers in bindings-python/README.md come from it.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import platform
import timeit

from studio_permissions import AccessSet

DOC = '{"role":"member","permissions":{"analytics":"read","knowledge":"edit","knowledge.sources":"read"}}'


def per_call_ns(stmt: str, env: dict[str, object], number: int) -> float:
    """The best of 7 runs of `number` calls, in ns per call (loop included)."""
    best = min(timeit.repeat(stmt, globals=env, number=number, repeat=7))
    return best / number * 1e9


def main() -> None:
    access = AccessSet.from_json(DOC)
    # The baseline of the goals: a hand-written dict-based checker of the same
    # rules, with the effective levels computed ahead (by the core, here).
    effective = {id: level.value for id, level in access.effective().items()}
    rank = {"none": 0, "read": 1, "edit": 2}
    required = {"view": 1, "create": 2, "edit": 2, "delete": 2}

    def dict_can(id: str, action: str) -> bool:
        return rank[effective[id]] >= required[action]

    env: dict[str, object] = {"access": access, "dict_can": dict_can, "AccessSet": AccessSet, "DOC": DOC}
    rows = [
        ("`can(id, action)`", per_call_ns("access.can('knowledge.sources', 'edit')", env, 2_000_000)),
        ("`level(id)`", per_call_ns("access.level('knowledge.sources')", env, 2_000_000)),
        ("`explain(id, action)`", per_call_ns("access.explain('knowledge.sources', 'edit')", env, 50_000)),
        ("`AccessSet.from_json(text)`", per_call_ns("AccessSet.from_json(DOC)", env, 100_000)),
        (
            "dict-based pure-Python check (baseline)",
            per_call_ns("dict_can('knowledge.sources', 'edit')", env, 2_000_000),
        ),
        ("empty loop (`pass`)", per_call_ns("pass", env, 2_000_000)),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()}, best of 7, loop overhead included")
    print()
    print("| call | ns per call |")
    print("|---|---|")
    for name, ns in rows:
        print(f"| {name} | {ns:,.0f} |")
    build_ms = (
        min(timeit.repeat("for _ in range(1000): AccessSet.from_json(DOC)", globals=env, number=1, repeat=7)) * 1e3
    )
    print(f"| building 1,000 sets from JSON text | {build_ms:.2f} ms |")


if __name__ == "__main__":
    main()
