"""Peak memory of a workspace load, and the time of a 100,000-user load.

    make bench-per-request-memory
    (or: .venv/bin/python bench/memory/per_request_memory.py [--mb 200] [--repeats 3]
         [--node-package DIR/index.js])

Writes a seeded export of about `--mb` MB (the records of the core's
workspace benchmark, bindings-python/bench/bench_workspace.py) as a JSON
array and as JSON Lines under bench/build/memory/, then loads each in a fresh
process per case (bench/memory/load.py, bench/memory/load.mjs): Python and
Node, from text already in memory and, where the package has it, from the
file's path. A case reports its peak RSS over the RSS just before the load
(the text already read); the row is that growth against the input's size.
Then the median time of loading the 100,000-user export. Prints a table and
writes bench/build/per-request-memory.json. Not a test: nothing asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "bindings-python" / "bench"))

from bench_workspace import export, records  # noqa: E402

OUT = ROOT / "bench" / "build"
MB = 1e6
LIMIT = 2.5
LOAD_LIMIT = 0.3


def write_exports(folder: Path, size: int) -> dict[str, Path]:
    """The JSON array and JSON Lines forms of the first records that fill `size` bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"array": folder / f"export-{size}.json", "jsonl": folder / f"export-{size}.jsonl"}
    if all(p.exists() for p in paths.values()):
        return paths
    chosen, total = [], 0
    for record in records():
        if total >= size:
            break
        chosen.append(record)
        total += len(record) + 1
    paths["array"].write_text("[" + ",".join(chosen) + "]", encoding="utf-8")
    paths["jsonl"].write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return paths


def has_path_loader() -> dict[str, bool]:
    py = subprocess.run(
        [sys.executable, "-c", "from studio_permissions import Workspace; print(hasattr(Workspace, 'from_path'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    node = subprocess.run(
        [
            "node",
            "-e",
            "console.log(typeof require(process.env.BENCH_NODE_PACKAGE ?? './bindings-node/index.js')"
            ".Workspace.fromPath === 'function')",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return {"py": py.stdout.strip() == "True", "node": node.stdout.strip() == "true"}


def run(lang: str, *args: str) -> dict[str, float]:
    command = (
        [sys.executable, str(HERE / "load.py")] if lang == "py" else ["node", "--expose-gc", str(HERE / "load.mjs")]
    )
    done = subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{lang} {' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    with open("/proc/loadavg", encoding="ascii") as f:
        load = " ".join(f.read().split()[:3])
    return f"{platform.machine()}, {os.cpu_count()} cores, load {load}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT / "per-request-memory.json")
    # Another build of the Node package (for the before column); Python's is
    # the interpreter this runs with.
    parser.add_argument("--node-package", default=None)
    args = parser.parse_args()
    if args.node_package:
        os.environ["BENCH_NODE_PACKAGE"] = str(Path(args.node_package).resolve())
    started = machine()
    paths = write_exports(OUT / "memory", int(args.mb * MB))
    small = OUT / "memory" / "export-100000.json"
    if not small.exists():
        small.write_text(export(100_000), encoding="utf-8")
    with_path = has_path_loader()
    langs = {"py": "Python", "node": "Node"}
    forms = {"array": "JSON array", "jsonl": "JSON Lines"}
    calls = {
        ("py", "array"): "Workspace.from_json(text)",
        ("py", "jsonl"): "Workspace.from_json_lines(text)",
        ("node", "array"): "Workspace.fromJson(text)",
        ("node", "jsonl"): "Workspace.fromJsonLines(text)",
    }
    path_call = {"py": "Workspace.from_path(path)", "node": "Workspace.fromPath(path)"}
    rows = []
    for lang, lang_name in langs.items():
        for form, form_name in forms.items():
            for source in ("text", "path"):
                if source == "path" and not with_path[lang]:
                    continue
                size = paths[form].stat().st_size
                cases = [run(lang, form, source, str(paths[form])) for _ in range(args.repeats)]
                growth = statistics.median(c["growth"] for c in cases)
                label = calls[(lang, form)] if source == "text" else path_call[lang]
                rows.append(
                    {
                        "id": f"mem.{lang}.{form}.{source}",
                        "goal": f"{lang_name}: peak RSS growth of a {size / MB:.0f} MB {form_name} export "
                        f"({int(cases[0]['users']):,} users) loaded from {source} ≤ {LIMIT}× the input",
                        "ours_label": f"{label}: peak RSS growth",
                        "ours": round(growth / MB, 1),
                        "reference_label": "input size",
                        "reference": round(size / MB, 1),
                        "unit": "MB",
                        "limit": LIMIT,
                    }
                )
        # The 100,000-user export from its text and from its path, the two
        # alternating in each process (so load from other processes falls on
        # both alike); each figure the median over the processes.
        pairs = [run(lang, "--pair", str(small), "6") for _ in range(args.repeats)] if with_path[lang] else []
        for source in ("text", "path"):
            if source == "path" and not with_path[lang]:
                continue
            if pairs:
                seconds = statistics.median(p[source] for p in pairs)
            else:
                seconds = statistics.median(
                    run(lang, "--time", source, str(small), "5")["seconds"] for _ in range(args.repeats)
                )
            label = (calls[(lang, "array")] if source == "text" else path_call[lang]) + ", 100,000 users"
            rows.append(
                {
                    "id": f"mem.{lang}.load100k" + ("" if source == "text" else ".path"),
                    "goal": f"{lang_name}: load 100,000 users ({small.stat().st_size / MB:.1f} MB JSON array) "
                    f"from {source} ≤ {LOAD_LIMIT} s",
                    "ours_label": label,
                    "ours": round(seconds, 3),
                    "reference_label": None,
                    "reference": None,
                    "unit": "s",
                    "limit": LOAD_LIMIT,
                }
            )
        if pairs:
            rows.append(
                {
                    "id": f"mem.{lang}.load100k.path_vs_text",
                    "goal": f"{lang_name}: load 100,000 users from a path ≤ 1.0× from the same text "
                    "(alternating in one process)",
                    "ours_label": f"{path_call[lang]}, 100,000 users",
                    "ours": round(statistics.median(p["path"] for p in pairs), 3),
                    "reference_label": f"{calls[(lang, 'array')]}, the same export",
                    "reference": round(statistics.median(p["text"] for p in pairs), 3),
                    "unit": "s",
                    "limit": 1.0,
                }
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"part": "memory", "machine": started, "rows": rows}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"{started}; median of {args.repeats} fresh processes per row")
    print("| row | ours | reference | ratio | limit |")
    print("|---|---|---|---|---|")
    for r in rows:
        ratio = f"{r['ours'] / r['reference']:.2f}×" if r["reference"] else "—"
        ref = f"{r['reference']} {r['unit']}" if r["reference"] else "—"
        print(f"| {r['id']} | {r['ours']} {r['unit']} | {ref} | {ratio} | {r['limit']} |")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
