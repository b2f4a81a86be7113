"""Per-request figures of the Rust core: parse + validate of a 20-entry
document and `effective`, from the criterion benches in bench/rust/benches/checks.rs.

Runs only those two benches (criterion: a warm-up, then 100 samples), reads
the medians criterion wrote under target/criterion/<bench>/new/estimates.json
and writes bench/build/per-request-rust.json (shape: docs in bench/bench.mk).
Usage: python3 bench/per_request_rust.py [OUT]
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRITERION = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "criterion"

# (row id, goal, label, criterion bench name, limit in µs)
ROWS = [
    (
        "rust.parse20",
        "Rust parse + validate of a 20-entry document ≤ 1.5 µs (criterion median, strict, builtin catalog)",
        "AccessSet::parse (20 entries)",
        "parse 20-entry document",
        1.5,
    ),
    (
        "rust.effective",
        "Rust `effective` walked and counted (39 nodes) stays ≤ 200 ns (criterion median)",
        "AccessSet::effective (39 nodes)",
        "effective (39 nodes)",
        0.2,
    ),
]


def machine() -> str:
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return f"{platform.machine()}, {os.cpu_count()} cpus, loadavg {load}"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "build" / "per-request-rust.json"
    at_start = machine()
    started = time.time()
    names = "|".join(name.replace("(", r"\(").replace(")", r"\)") for _, _, _, name, _ in ROWS)
    subprocess.run(
        ["cargo", "bench", "-p", "studio-permissions-bench", "--bench", "checks", "--", f"^({names})$"],
        cwd=ROOT,
        check=True,
    )
    rows = []
    for row_id, goal, label, name, limit in ROWS:
        est = CRITERION / name / "new" / "estimates.json"
        if not est.exists() or est.stat().st_mtime < started:
            raise SystemExit(f"per_request_rust: criterion wrote no result for {name!r} in this run ({est})")
        median_ns = json.loads(est.read_text())["median"]["point_estimate"]
        rows.append(
            {
                "id": row_id,
                "goal": goal,
                "ours_label": label,
                "ours": round(median_ns / 1000, 4),
                "reference_label": None,
                "reference": None,
                "unit": "µs",
                "limit": limit,
            }
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"part": "rust", "machine": at_start, "rows": rows}, indent=2, ensure_ascii=False) + "\n")
    for row in rows:
        verdict = "met" if row["ours"] <= row["limit"] else "missed"
        print(f"{row['id']}: {row['ours']} µs (goal ≤ {row['limit']} µs): {verdict}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
