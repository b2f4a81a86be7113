"""Writes vectors/migrations.json: the `migrate` cases, answered by a model of
catalog migrations written here, apart from the core (ids are strings, a
document is a dict, levels are found by walking up the dotted id). The three
runners must agree with it on every case.

    python tests/conformance/generate_migrations.py          # rewrite the file
    python tests/conformance/generate_migrations.py --check  # fail if it is stale

Seeded: the same file on every machine. Needs only the standard library.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "conformance" / "vectors" / "migrations.json"
DEFAULT = json.loads((ROOT / "core" / "catalog" / "default.json").read_text(encoding="utf-8"))
NAV_2027 = json.loads((ROOT / "examples" / "catalogs" / "navigation-2027.json").read_text(encoding="utf-8"))
DEFAULT_TO_2027 = json.loads((ROOT / "examples" / "migrations" / "default-to-2027.json").read_text(encoding="utf-8"))
LEVELS = ["none", "read", "edit"]
RANK = {name: i for i, name in enumerate(LEVELS)}

# ---- the model ---------------------------------------------------------------


def ids_of(catalog: dict) -> list[str]:
    """Every full id, depth-first, parents first."""
    out: list[str] = []

    def walk(nodes: list, prefix: str) -> None:
        for node in nodes:
            full = f"{prefix}{node['id']}"
            out.append(full)
            walk(node.get("children", []), full + ".")

    walk(catalog["areas"], "")
    return out


def parent(node: str) -> str | None:
    return node.rsplit(".", 1)[0] if "." in node else None


def member_level(stored: dict[str, str], node: str) -> str:
    own = stored.get(node)
    up = parent(node)
    if up is None:
        return own or "none"
    above = member_level(stored, up)
    if above == "none":
        return "none"
    return above if own is None else min(own, above, key=RANK.__getitem__)


def targets_of(a_ids: list[str], b_ids: list[str], mapping: dict) -> dict[str, list[str]]:
    out = {}
    for a in a_ids:
        if a in mapping:
            t = mapping[a]
            out[a] = [] if t is None else [t] if isinstance(t, str) else list(t)
        else:
            out[a] = [a]
    return out


def migrate(a_ids: list[str], b_ids: list[str], mapping: dict, role: str, stored: dict[str, str]) -> dict:
    targets = targets_of(a_ids, b_ids, mapping)
    old = {a: member_level(stored, a) for a in a_ids}
    sources = {b: [a for a in a_ids if b in targets[a]] for b in b_ids}
    want = {b: min((old[a] for a in sources[b]), key=RANK.__getitem__) for b in b_ids if sources[b]}
    children = {b: [c for c in b_ids if parent(c) == b] for b in b_ids}

    need: dict[str, str] = {}

    def need_of(b: str) -> str:
        if b not in need:
            candidates = [want[b]] if b in want else []
            candidates += [need_of(c) for c in children[b]]
            need[b] = max(candidates, key=RANK.__getitem__) if candidates else "none"
        return need[b]

    new: dict[str, str] = {}
    for b in b_ids:  # parents first
        own = want[b] if b in want else need_of(b)
        up = parent(b)
        cap = "edit" if up is None else new[up]
        new[b] = min(own, cap, key=RANK.__getitem__)
    document = {}
    for b in b_ids:
        up = parent(b)
        if (up is None and new[b] != "none") or (up is not None and new[b] != new[up]):
            document[b] = new[b]
    reductions = []
    for a in a_ids:
        if not targets[a]:
            continue
        ordered = [b for b in b_ids if b in targets[a]]
        lowest = min((new[b] for b in ordered), key=RANK.__getitem__)
        if RANK[lowest] < RANK[old[a]]:
            first = next(b for b in ordered if new[b] == lowest)
            reductions.append([a, "merged" if RANK[want[first]] < RANK[old[a]] else "clamped"])
    dropped = [a for a in a_ids if not targets[a] and old[a] != "none"]
    opened = [b for b in b_ids if not sources[b] and new[b] != "none"]
    return {
        "document": {"role": role, "permissions": document},
        "levels": {b: ("edit" if role == "admin" else new[b]) for b in b_ids},
        "reductions": reductions,
        "dropped": dropped,
        "opened": opened,
    }


# ---- generators --------------------------------------------------------------


def valid_document(rng: random.Random, ids: list[str], density: float) -> dict[str, str]:
    """A strict document: a child never above a parent that is not `none`."""
    stored: dict[str, str] = {}
    for node in ids:
        if rng.random() > density:
            continue
        up = parent(node)
        cap = "edit" if up is None or member_level(stored, up) == "none" else member_level(stored, up)
        stored[node] = rng.choice(LEVELS[: RANK[cap] + 1])
    return stored


def random_tree(rng: random.Random, prefix: str, size: int) -> dict:
    count = [0]

    def nodes(depth: int, n: int) -> list:
        out = []
        for k in range(n):
            if count[0] >= size:
                break
            count[0] += 1
            node: dict = {"id": f"{prefix}{k}" if depth == 0 else f"n{k}", "name": f"{prefix} {depth}.{k}"}
            if depth < 2:
                kids = nodes(depth + 1, rng.choice([0, 0, 1, 2, 3]))
                if kids:
                    node["children"] = kids
            out.append(node)
        return out

    return {"areas": nodes(0, rng.randint(1, 3)) or [{"id": f"{prefix}0", "name": prefix}]}


def random_map(rng: random.Random, a_ids: list[str], b_ids: list[str]) -> dict:
    mapping: dict = {}
    for a in a_ids:
        roll = rng.random()
        if a in b_ids and roll < 0.3:
            continue  # identity by default
        if roll < 0.45:
            mapping[a] = None if rng.random() < 0.5 else []
        elif roll < 0.8:
            mapping[a] = rng.choice(b_ids)
        else:
            mapping[a] = rng.sample(b_ids, k=min(len(b_ids), rng.randint(1, 3)))
    return mapping


def case(name: str, catalog, access, to_catalog, mapping, a_ids, b_ids, migration=None, ops=None, mode=None) -> dict:
    role = access.get("role", "member")
    stored = access.get("permissions", {})
    c: dict = {"name": name, "catalog": catalog}
    if mode:
        c["mode"] = mode
    c["access"] = access
    if ops:
        c["ops"] = ops
    c["migrate"] = {"to_catalog": to_catalog, "migration": migration if migration is not None else {"map": mapping}}
    c["expect"] = {"migrated": migrate(a_ids, b_ids, mapping, role, stored)}
    return c


def build_cases() -> list[dict]:
    rng = random.Random(20261207)
    cases: list[dict] = []
    a_ids, b_ids = ids_of(DEFAULT), ids_of(NAV_2027)
    mapping = DEFAULT_TO_2027["map"]

    # The default catalog to the 2027 navigation: every preset, admins, members.
    for preset, levels in DEFAULT["presets"].items():
        cases.append(
            {
                "name": f"2027: the {preset} preset",
                "catalog": "default",
                "preset": preset,
                "migrate": {"to_catalog": NAV_2027, "migration": DEFAULT_TO_2027},
                "expect": {"migrated": migrate(a_ids, b_ids, mapping, "member", levels)},
            }
        )
    cases.append(
        case(
            "2027: an admin with no stored level stays admin",
            "default",
            {"role": "admin"},
            NAV_2027,
            mapping,
            a_ids,
            b_ids,
            migration=DEFAULT_TO_2027,
        )
    )
    cases.append(
        case(
            "2027: a member with nothing stored sees nothing",
            "default",
            {"role": "member"},
            NAV_2027,
            mapping,
            a_ids,
            b_ids,
        )
    )
    cases.append(
        case(
            "2027: chat and widgets merge at the lower level",
            "default",
            {"role": "member", "permissions": {"messaging": "edit", "widgets": "read"}},
            NAV_2027,
            mapping,
            a_ids,
            b_ids,
        )
    )
    cases.append(
        case(
            "2027: the migration given as JSON text",
            "default",
            {"role": "member", "permissions": {"realtime_config": "edit", "account": "read"}},
            NAV_2027,
            mapping,
            a_ids,
            b_ids,
            migration=json.dumps(DEFAULT_TO_2027),
        )
    )
    for i in range(70):
        role = "admin" if i % 9 == 0 else "member"
        stored = valid_document(rng, a_ids, rng.choice([0.1, 0.3, 0.6]))
        cases.append(
            case(
                f"2027: random member {i}" if role == "member" else f"2027: random admin {i}",
                "default",
                {"role": role, "permissions": stored},
                NAV_2027,
                mapping,
                a_ids,
                b_ids,
            )
        )

    # Ops run before the migration.
    stored = {"knowledge": "edit", "widgets": "edit"}
    after = {"knowledge": "read", "widgets": "edit", "messaging": "read"}
    cases.append(
        case(
            "2027: ops apply before the migration",
            "default",
            {"role": "member", "permissions": stored},
            NAV_2027,
            mapping,
            a_ids,
            b_ids,
            ops=[{"set": "knowledge", "level": "read"}, {"set": "messaging", "level": "read"}],
        )
    )
    cases[-1]["expect"]["migrated"] = migrate(a_ids, b_ids, mapping, "member", after)

    # The identity migration onto the same catalog.
    for i in range(8):
        stored = valid_document(rng, a_ids, 0.4)
        cases.append(
            case(
                f"identity: random member {i}",
                "default",
                {"role": "member", "permissions": stored},
                "default",
                {},
                a_ids,
                a_ids,
            )
        )

    # Random trees with merges, splits, drops and identity defaults.
    for i in range(70):
        ca = random_tree(rng, rng.choice(["a", "x"]), rng.randint(2, 9))
        cb = random_tree(rng, rng.choice(["b", "x"]), rng.randint(2, 9))
        ta, tb = ids_of(ca), ids_of(cb)
        m = random_map(rng, ta, tb)
        for a in ta:  # every id needs a home
            if a not in m and a not in tb:
                m[a] = rng.choice(tb) if rng.random() < 0.7 else None
        stored = valid_document(rng, ta, 0.5)
        role = "admin" if i % 10 == 3 else "member"
        cases.append(case(f"random trees {i}", ca, {"role": role, "permissions": stored}, cb, m, ta, tb))

    # Moves under new parents that hold other content: clamps.
    for i in range(20):
        ca = random_tree(rng, "a", rng.randint(3, 9))
        cb = random_tree(rng, "b", rng.randint(3, 9))
        ta, tb = ids_of(ca), ids_of(cb)
        m = {a: rng.choice(tb) for a in ta}
        stored = valid_document(rng, ta, 0.7)
        cases.append(case(f"random moves {i}", ca, {"role": "member", "permissions": stored}, cb, m, ta, tb))

    # Versions.
    ok = {"from": DEFAULT["version"], "to": NAV_2027["version"], "map": mapping}
    cases.append(
        case(
            "versions that match are accepted",
            "default",
            {"role": "member", "permissions": {"voice": "read"}},
            NAV_2027,
            mapping,
            a_ids,
            b_ids,
            migration=ok,
        )
    )

    # Every fault.
    def fault(name: str, migration, to_catalog=NAV_2027, code: str = "invalid_migration") -> dict:
        return {
            "name": name,
            "catalog": "default",
            "access": {"role": "member", "permissions": {"knowledge": "edit"}},
            "migrate": {"to_catalog": to_catalog, "migration": migration},
            "expect": {"migrated": {"error": code}},
        }

    no_knowledge = {k: v for k, v in mapping.items() if k != "knowledge"}
    cases += [
        fault("fault: not an object", []),
        fault("fault: text that is not JSON", '{"map": {'),
        fault("fault: trailing characters", '{"map": {}} x'),
        fault("fault: a repeated key", '{"map": {"knowledge": "build.knowledge", "knowledge": null}}'),
        fault("fault: a repeated top-level key", '{"map": {}, "map": {}}'),
        fault("fault: NaN in the text", '{"map": {"knowledge": NaN}}'),
        fault("fault: an unknown field", {"map": mapping, "mappings": {}}),
        fault("fault: `from` does not match", {"from": "2026-01-01", "map": mapping}),
        fault("fault: `to` does not match", {"to": "2026-06-19", "map": mapping}),
        fault("fault: `from` is not a string", {"from": 20260619, "map": mapping}),
        fault(
            "fault: `to` against a catalog with no version",
            {"to": "2027-01-15", "map": mapping},
            to_catalog={k: v for k, v in NAV_2027.items() if k != "version"},
        ),
        fault("fault: `map` is not an object", {"map": [["knowledge", "build.knowledge"]]}),
        fault("fault: a key that is not a source id", {"map": {**mapping, "knowlege": "build.knowledge"}}),
        fault("fault: a key that is a target id", {"map": {**mapping, "build.knowledge": "build.knowledge"}}),
        fault("fault: a target that is not a target id", {"map": {**mapping, "knowledge": "build.knowlege"}}),
        fault("fault: a target that is a source id only", {"map": {**mapping, "knowledge": "knowledge"}}),
        fault("fault: a list with a repeat", {"map": {**mapping, "knowledge": ["build.knowledge", "build.knowledge"]}}),
        fault("fault: a list with a number", {"map": {**mapping, "knowledge": ["build.knowledge", 7]}}),
        fault("fault: a list with null", {"map": {**mapping, "knowledge": [None]}}),
        fault("fault: a target that is a number", {"map": {**mapping, "knowledge": 3}}),
        fault("fault: a target that is an object", {"map": {**mapping, "knowledge": {"id": "build.knowledge"}}}),
        fault("fault: a target that is a boolean", {"map": {**mapping, "knowledge": False}}),
        fault("fault: a source id left with no home", {"map": no_knowledge}),
        fault("fault: an empty migration between different trees", {}),
        fault(
            "fault: the target catalog is invalid", {"map": mapping}, to_catalog={"areas": []}, code="invalid_catalog"
        ),
        fault("fault: an empty target id", {"map": {**mapping, "knowledge": ""}}),
    ]
    return cases


def main() -> int:
    text = json.dumps({"cases": build_cases()}, indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(
                f"{OUT.relative_to(ROOT)} is stale: run python tests/conformance/generate_migrations.py",
                file=sys.stderr,
            )
            return 1
        print(f"{OUT.relative_to(ROOT)} is up to date ({len(json.loads(text)['cases'])} cases)")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(json.loads(text)['cases'])} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
