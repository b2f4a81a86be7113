#!/usr/bin/env python3
"""Writes the fuzz seed corpora from the conformance vectors.

    python3 fuzz/seed_corpus.py [OUT_DIR]      (default: fuzz/corpus)

For every case of tests/conformance/vectors/*.json:

- `access` (an object or list: compact JSON in file order; a string: its
  text) -> OUT/document/
- an inline `catalog` (compact JSON in file order) -> OUT/catalog/, and the
  default catalog's own text;
- `workspace` and `after` (a list: a JSON array and the same records as JSON
  Lines; a string: its text) -> OUT/workspace/;
- the case's start and `ops` on the default catalog, encoded in the input
  layout of fuzz_targets/changes.rs -> OUT/changes/, plus one input per
  preset that runs every query once;
- the shapes of the adversarial audit (`audit_shapes`): deep and wide
  catalogs, ids near and past the length limit, near-miss and hostile ids,
  long user ids, non-UTF-8 lines, a 128-step change chain.

It also writes OUT/document.dict and OUT/workspace.dict (libFuzzer
dictionaries: the field names, levels, roles and every id of the default
catalog and the fuzz targets' three-level one) and OUT/catalog.dict.

The committed minimized findings in fuzz/regressions/<target>/ are copied in
too, so every run starts from them. Files are named by the SHA-1 of their
content, so running the script twice writes the same corpus. Only the
standard library is used.
"""

import hashlib
import json
import pathlib
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
VECTORS = ROOT / "tests" / "conformance" / "vectors"
DEFAULT_CATALOG = ROOT / "core" / "catalog" / "default.json"
TARGETS = ("document", "catalog", "workspace", "changes", "migration")
LEVELS = {"none": 0, "read": 1, "edit": 2}


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def catalog_order(catalog):
    """Full ids in catalog order (depth-first, parents first)."""
    ids = []

    def walk(node, prefix):
        full = node["id"] if prefix is None else prefix + "." + node["id"]
        ids.append(full)
        for child in node.get("children") or []:
            walk(child, full)

    for area in catalog["areas"]:
        walk(area, None)
    return ids


class Corpus:
    def __init__(self, out):
        self.out = out
        self.counts = {t: 0 for t in TARGETS}
        self.seen = set()

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        name = hashlib.sha1(data).hexdigest()
        if (target, name) in self.seen:
            return
        self.seen.add((target, name))
        path = self.out / target / name
        path.write_bytes(data)
        self.counts[target] += 1


def encode_changes(case, ids, presets):
    """The case's start and ops as a `changes` input, or None if it does not fit."""
    preset = case.get("preset")
    access = case.get("access")
    ops = bytearray()
    role_admin = False
    if preset is not None:
        if preset not in presets:
            return None
        start = presets.index(preset) + 1
    else:
        start = 0
        if not isinstance(access, dict):
            return None
        role_admin = access.get("role") == "admin"
        perms = access.get("permissions") or {}
        if not isinstance(perms, dict):
            return None
        # Stored entries as `set` operations in catalog order: a valid document
        # has no child above its parent, so each one is accepted in that order.
        for node_id in ids:
            level = perms.get(node_id)
            if isinstance(level, str) and level in LEVELS:
                ops += bytes([0 | (LEVELS[level] << 3), ids.index(node_id)])
    head = (start << 2) | (2 if role_admin else 0)
    for op in case.get("ops") or []:
        if "set" in op:
            node = ids.index(op["set"]) if op["set"] in ids else len(ids)
            x = LEVELS.get(op.get("level"), 3)
            ops += bytes([0 | (x << 3), node])
        elif "clear" in op:
            node = ids.index(op["clear"]) if op["clear"] in ids else len(ids)
            ops += bytes([1, node])
        elif "role" in op:
            x = {"admin": 0, "member": 1}.get(op["role"], 2)
            ops += bytes([2 | (x << 3), 0])
    # Then compare with the start, explain the first node, re-parse.
    ops += bytes([4, 0, 4 | (1 << 3), 0, 5, 0, 7, 0])
    return bytes([head]) + bytes(ops)


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else FUZZ / "corpus"
    for target in TARGETS:
        (out / target).mkdir(parents=True, exist_ok=True)
    corpus = Corpus(out)

    default_text = DEFAULT_CATALOG.read_text(encoding="utf-8")
    default = json.loads(default_text)
    ids = catalog_order(default)
    presets = list(default.get("presets", {}))
    corpus.add("catalog", default_text)
    corpus.add("catalog", compact(default))

    for path in sorted(VECTORS.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
        for case in cases:
            access = case.get("access")
            if isinstance(access, str):
                corpus.add("document", access)
            elif access is not None:
                corpus.add("document", compact(access))
            for cmp in (case.get("expect") or {}).get("compare") or []:
                other = (cmp.get("to") or {}).get("access")
                if other is not None:
                    corpus.add("document", other if isinstance(other, str) else compact(other))
            migrate = case.get("migrate") or {}
            if migrate.get("to_catalog") is not None and case.get("catalog", "default") == "default":
                m = migrate.get("migration")
                corpus.add("migration", m if isinstance(m, str) else compact(m))
            catalog = case.get("catalog")
            if isinstance(catalog, dict):
                corpus.add("catalog", compact(catalog))
            elif isinstance(catalog, str) and catalog != "default":
                corpus.add("catalog", catalog)
            for key in ("workspace", "after"):
                records = case.get(key)
                if isinstance(records, str):
                    corpus.add("workspace", records)
                elif isinstance(records, list):
                    corpus.add("workspace", compact(records))
                    corpus.add("workspace", json.dumps(records, indent=1))
                    corpus.add("workspace", "\n".join(compact(r) for r in records) + "\n")
            if catalog in (None, "default"):
                encoded = encode_changes(case, ids, presets)
                if encoded is not None:
                    corpus.add("changes", encoded)

    # Every preset and both roles, with every kind of operation once.
    for start in range(len(presets) + 1):
        for admin in (0, 2):
            for tree3 in (0, 1):
                head = (start << 2) | admin | tree3
                body = bytes([3, 0, 0 | (1 << 3), 1, 1, 0, 2, 0, 4, 0, 5 | (1 << 3), 2, 6, 1, 6 | (1 << 3), 3, 7, 0])
                corpus.add("changes", bytes([head]) + body)

    audit_shapes(corpus, ids)

    regressions = FUZZ / "regressions"
    for target in TARGETS:
        folder = regressions / target
        if folder.is_dir():
            for item in sorted(folder.iterdir()):
                if item.is_file():
                    corpus.add(target, item.read_bytes())

    words = ['"role"', '"permissions"', '"admin"', '"member"', '"none"', '"read"', '"edit"', "{", "}", ":", ","]
    tree3 = ["a", "a.b", "a.b.c", "a.b.d", "a.e", "f", "f.g", "f.g.h", "k"]
    words += [f'"{i}"' for i in ids + tree3]
    words += ['"\\u0000"', '"\\ud800"', "1e400", "\\u00e9"]
    write_dict(out / "document.dict", words)
    write_dict(out / "workspace.dict", words + ['"user"', '"name"', '"email"', "[", "]", "\n", "\r\n"])
    write_dict(
        out / "catalog.dict",
        [
            '"areas"',
            '"id"',
            '"name"',
            '"description"',
            '"children"',
            '"presets"',
            '"capabilities"',
            '"version"',
            '"roles"',
            '"clusters"',
            '"admin"',
            '"member"',
            '"standard"',
            '"enterprise"',
            '"none"',
            '"read"',
            '"edit"',
            "[]",
            "{}",
            "[",
            "]",
            "{",
            "}",
            ":",
            ",",
        ],
    )

    for target in TARGETS:
        print(f"{target}: {corpus.counts[target]} seeds in {out / target}")


def audit_shapes(corpus, ids):
    """The shapes of the adversarial audit, cut to libFuzzer's 8 KB: deep and
    wide catalogs, ids near and past the 1,024-byte limit, near-miss and
    hostile ids, a long change chain, and an oversized-looking array record."""

    def chain(depth, seg):
        node = None
        for level in reversed(range(depth)):
            node = {"id": f"{seg}{level}", "name": ""} | ({"children": [node]} if node else {})
        return node

    corpus.add("catalog", compact({"areas": [chain(30, "d")]}))
    corpus.add("catalog", compact({"areas": [chain(31, "d")]}))
    corpus.add("catalog", compact({"areas": [{"id": f"r{i}", "name": ""} for i in range(250)]}))
    corpus.add(
        "catalog", compact({"areas": [{"id": "a" * 1000, "name": "", "children": [{"id": "b" * 20, "name": ""}]}]})
    )
    corpus.add(
        "catalog", compact({"areas": [{"id": "a" * 1000, "name": "", "children": [{"id": "b" * 30, "name": ""}]}]})
    )
    corpus.add(
        "catalog",
        compact({"areas": [{"id": "a", "name": ""}], "presets": {f"p{i}": {"a": "read"} for i in range(200)}}),
    )
    near = [i.upper() for i in ids[:10]] + [i.rsplit(".", 1)[-1] for i in ids] + [i + "x" for i in ids[:10]]
    corpus.add("document", compact({"role": "member", "permissions": {n: "read" for n in near}}))
    hostile = "knowledge\x1b[2J\x1b]0;pwned\x07\nINFO granted admin"
    corpus.add("document", compact({"role": "member", "permissions": {hostile: "read", "a\u202eb": "edit"}}))
    corpus.add("document", compact({"role": "member", "permissions": {"k" * 3000: "read"}}))
    corpus.add("document", compact({"role": "member", "permissions": {"nodf%08d" % j: "read" for j in range(250)}}))
    records = [{"user": "u" * 2000 + "%03d" % i, "role": "member"} for i in range(3)]
    corpus.add("workspace", "\n".join(compact(r) for r in records))
    corpus.add("workspace", compact(records))
    corpus.add("workspace", b"\xff\n" + compact({"user": "a", "role": "admin"}).encode())
    corpus.add("workspace", '[{"user":"big","role":"member","x":[1,,2]},{"user":"ok","role":"admin"}]')
    # 128 operations (the layout's most): set, clear and role in turn.
    ops = []
    for i in range(128):
        kind, x = i % 3, (i // 3) % 3
        ops += [kind | (x << 3), i % 40]
    corpus.add("changes", bytes([0]) + bytes(ops))


def write_dict(path, words):
    """A libFuzzer dictionary: one quoted token a line, with `\\`, `\\"` and
    `\\xNN` escapes."""
    lines = []
    for word in words:
        escaped = "".join(
            "\\\\" if c == "\\" else '\\"' if c == '"' else c if " " <= c <= "~" else f"\\x{ord(c):02X}" for c in word
        )
        lines.append(f'"{escaped}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
