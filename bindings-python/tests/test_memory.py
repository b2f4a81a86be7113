"""Memory: a leak of a fixed size per cycle fails.

The cycles are those of `bench/memory.py` (the soak of `make soak-python`,
10 million checks and a million build-and-drop cycles). Each is measured in a
fresh interpreter (`bench/memory.py --leak-check CASE N`), so that memory an
earlier test freed cannot hide a leak: run 2N times to warm up, then 4N
times, and the RSS growth over the 4N cycles, divided by 4N, must stay under
a small bound. A leaked `AccessSet`, error, document string or workspace
(hundreds of bytes each) fails; the allocator's noise (a page now and then)
does not. A memory assertion, not a timed one; the least of up to three
measurements counts, as a real leak grows every time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "memory.py"


def growth_per_cycle(case: str, n: int, attempts: int = 3) -> float:
    out = subprocess.run(
        [sys.executable, str(BENCH), "--leak-check", case, str(n), str(attempts)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return float(json.loads(out.stdout)["rss"])


@pytest.mark.parametrize(
    ("case", "n", "bound"),
    [("checks", 100_000, 1.0), ("set", 4_000, 32.0), ("workspace", 4_000, 32.0)],
)
def test_no_leak_per_cycle(case: str, n: int, bound: float) -> None:
    per_cycle = growth_per_cycle(case, n)
    assert per_cycle < bound, f"{case}: RSS grew {per_cycle:.1f} bytes per cycle over {4 * n:,} cycles"


def test_the_measure_catches_a_small_fixed_leak() -> None:
    # A 100-character string kept per cycle (about 150 bytes with its list
    # slot) must fail the bound above.
    per_cycle = growth_per_cycle("leaky", 4_000, attempts=1)
    assert per_cycle > 32.0, f"a string kept per cycle measured as {per_cycle:.1f} bytes"
