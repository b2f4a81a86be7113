"""Runs the command line through its three entry points, the Rust binary,
``python -m studio_permissions`` and the npm package's ``bin``, over the
shared vectors and the example exports, and checks that each invocation gives
the same exit code and the same stdout, byte for byte (and, for ``report``,
the same HTML file).

    python tests/cli/same_output.py BINARY PYTHON

Prints one line per mismatch and ``N invocations, N mismatches`` last; exits
non-zero on any mismatch. Standard library only.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
VECTORS = sorted((ROOT / "tests" / "conformance" / "vectors").glob("*.json"))
NODE_BIN = ROOT / "bindings-node" / "bin" / "studio-permissions.js"
TIMEOUT = 300


def vector_documents(into: Path) -> tuple[list[Path], list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """Writes every default-catalog document of the vectors to a file.
    Returns the files, the pairs a case compares, and (file, id) pairs to
    explain."""
    docs: list[Path] = []
    pairs: list[tuple[Path, Path]] = []
    explains: list[tuple[Path, str]] = []
    for path in VECTORS:
        for n, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
            if case.get("catalog", "default") != "default" or "access" not in case:
                continue
            access = case["access"]
            text = access if isinstance(access, str) else json.dumps(access)
            doc = into / f"{path.stem}-{n}.json"
            doc.write_text(text, encoding="utf-8")
            if not text.strip():
                continue
            docs.append(doc)
            for m, compare in enumerate(case.get("expect", {}).get("compare", [])):
                if "access" in compare["to"]:
                    other = into / f"{path.stem}-{n}-to-{m}.json"
                    other.write_text(json.dumps(compare["to"]["access"]), encoding="utf-8")
                    pairs.append((doc, other))
            for node in case.get("expect", {}).get("levels", {}):
                explains.append((doc, node))
                break
    return docs, pairs, explains


def invocations(into: Path) -> list[list[str]]:
    docs, pairs, explains = vector_documents(into)
    october, november = str(DATA / "workspace-2026-10.json"), str(DATA / "workspace-2026-11.json")
    runs: list[list[str]] = []
    for fmt in ("text", "json", "junit"):
        runs.append(["lint", "--format", fmt, *map(str, docs)])
        runs.append(["lint", "--format", fmt, october, november])
    for before, after in pairs[:40]:
        runs.append(["diff", str(before), str(after), "--format", "json", "--fail-on", "escalation"])
    for doc, node in explains[:40]:
        runs.append(["explain", str(doc), node, "view"])
        runs.append(["explain", str(doc), node, "edit"])
    for fmt in ("text", "json", "markdown"):
        runs.append(["diff", october, november, "--format", fmt, "--fail-on", "escalation"])
        runs.append(["diff", november, october, "--format", fmt, "--fail-on", "any"])
    runs.append(["diff", october, november, "--cluster", "enterprise"])
    runs.append(["who-can", october, "deployments", "edit"])
    runs.append(["who-can", november, "knowledge.faqs", "view"])
    runs.append(["who-has", october, "users.manage"])
    runs.append(["who-has", november, "studio_assistant.use", "--cluster", "enterprise"])
    # An export with problems: every problem of every record, in each format.
    records = json.loads(Path(october).read_text(encoding="utf-8"))
    records[3]["permissions"] = {"analytcs": "read", "flows": "all"}
    records[7]["role"] = "owner"
    records[9]["user"] = records[8]["user"]
    records[11]["colour"] = "red"
    bad = into / "bad-export.json"
    bad.write_text("[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n", encoding="utf-8")
    lines = into / "bad-export.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for fmt in ("text", "json", "junit"):
        runs.append(["lint", "--format", fmt, str(bad), str(lines)])
    runs.append(["diff", october, str(bad)])
    # Migrations: every format, both export forms, a refused migration.
    nav = str(ROOT / "examples" / "catalogs" / "navigation-2027.json")
    mig = str(ROOT / "examples" / "migrations" / "default-to-2027.json")
    good_lines = into / "november.jsonl"
    good_lines.write_text(
        "\n".join(json.dumps(r) for r in json.loads(Path(november).read_text(encoding="utf-8"))) + "\n",
        encoding="utf-8",
    )
    for fmt in ("text", "markdown", "json", "html"):
        runs.append(["migrate", november, "--to-catalog", nav, "--migration", mig, "--format", fmt])
    runs.append(["migrate", str(good_lines), "--to-catalog", nav, "--migration", mig, "--fail-on", "reduction"])
    runs.append(["migrate", october, "--to-catalog", nav, "--migration", mig, "--all", "--fail-on", "any"])
    bad_migration = into / "bad-migration.json"
    bad_migration.write_text('{"map": {"knowlege": null}}', encoding="utf-8")
    runs.append(["migrate", november, "--to-catalog", nav, "--migration", str(bad_migration)])
    # Usage errors and unusable input: the same exit code from every entry.
    empty = into / "empty.json"
    empty.write_text("", encoding="utf-8")
    runs += [["lint", str(empty)], ["lint", str(into)], ["who-can", october, "analytic", "view"], ["--help"], []]
    return runs


def main() -> int:
    binary, python = sys.argv[1], sys.argv[2]
    entries = {
        "binary": [binary],
        "python": [python, "-m", "studio_permissions"],
        "node": ["node", str(NODE_BIN)],
    }
    mismatches = 0
    with tempfile.TemporaryDirectory(prefix="sp-same-output-") as tmp:
        into = Path(tmp)
        runs = invocations(into)
        for args in runs:
            results = {}
            for name, command in entries.items():
                r = subprocess.run([*command, *args], capture_output=True, timeout=TIMEOUT, check=False)
                results[name] = (r.returncode, r.stdout, r.stderr)
            first = results["binary"]
            for name, got in results.items():
                if got[:2] != first[:2]:
                    mismatches += 1
                    print(f"{name} differs from the binary on {args[:3]}: exit {got[0]} vs {first[0]}")
            if first[0] == 2 and not all(r[2] == first[2] for r in results.values()):
                mismatches += 1
                print(f"stderr differs on {args[:3]}")
        # `report` writes a file: the three files must be identical.
        pages = {}
        for name, command in entries.items():
            out = into / f"report-{name}.html"
            args = ["report", str(DATA / "workspace-2026-11.json"), "--before", str(DATA / "workspace-2026-10.json")]
            r = subprocess.run([*command, *args, "-o", str(out)], capture_output=True, timeout=TIMEOUT, check=False)
            pages[name] = (r.returncode, out.read_bytes() if out.exists() else b"")
        if len(set(pages.values())) != 1 or pages["binary"][0] != 0:
            mismatches += 1
            print("report: the three pages differ or one failed")
        # `migrate --output` writes the migrated export: the same bytes from each entry.
        exports = {}
        for name, command in entries.items():
            out = into / f"migrated-{name}.json"
            args = [
                "migrate",
                str(DATA / "workspace-2026-11.json"),
                "--to-catalog",
                str(ROOT / "examples" / "catalogs" / "navigation-2027.json"),
                "--migration",
                str(ROOT / "examples" / "migrations" / "default-to-2027.json"),
            ]
            r = subprocess.run([*command, *args, "-o", str(out)], capture_output=True, timeout=TIMEOUT, check=False)
            exports[name] = (r.returncode, out.read_bytes() if out.exists() else b"")
        if len(set(exports.values())) != 1 or exports["binary"][0] != 0 or not exports["binary"][1]:
            mismatches += 1
            print("migrate --output: the three exports differ or one failed")
    total = len(runs) + 2
    print(f"{total} invocations, {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
