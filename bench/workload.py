"""Writes the one workload every language of `make bench` reads.

    python3 bench/workload.py [DIR]          (default: bench/build)

writes DIR/users.json (the catalog's ids and tree, the users' documents) and
DIR/queries.json (the queries and the subset), so that a benchmark can measure
its users' memory before it loads the queries.

Fixed seeds, so every run and every language sees the same users and queries:

- 1,000 users: exactly 5% admins (who also store a preset's levels: kept,
  deciding nothing, docs/reference.md#roles-and-capabilities), the rest a preset plus 0 to 4 random sub-section
  restrictions, each strictly lower than its area's level (so every document
  is valid in strict mode);
- 1,000,000 random (user, id, action) checks over the default catalog
  (39 ids, 4 actions), uniform;
- a seeded subset of the query indices, for peers too slow to time on all
  of them (they are still verified on all of them once);
- DIR/lenient.json: 1,000 more members whose documents need lenient
  clamping, as exports written by other tools do: a preset plus 1 to 4
  sub-sections stored at `edit` under an area the preset stores at `read`
  (each one lowered to `read`, with a warning, by a lenient load).

The catalog (ids, tree, presets) is read from core/catalog/default.json, the
data the core embeds; no rule is computed here. Standard library only.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "core" / "catalog" / "default.json"

SEED = 20260619
USERS = 1_000
ADMIN_SHARE = 0.05
MAX_RESTRICTIONS = 4
QUERIES = 1_000_000
SUBSET = 50_000
ACTIONS = ["view", "create", "edit", "delete"]
LOWER = {"edit": ["read", "none"], "read": ["none"]}
MAX_RAISES = 4


def tree(catalog: dict) -> tuple[list[str], dict[str, str | None]]:
    """Every full id in catalog order (depth-first, parents first), and each id's parent."""
    ids: list[str] = []
    parents: dict[str, str | None] = {}

    def walk(nodes: list[dict], parent: str | None) -> None:
        for node in nodes:
            full = node["id"] if parent is None else f"{parent}.{node['id']}"
            ids.append(full)
            parents[full] = parent
            walk(node.get("children") or [], full)

    walk(catalog["areas"], None)
    return ids, parents


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "build"
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    ids, parents = tree(catalog)
    presets = catalog["presets"]
    preset_names = list(presets)
    children = {i: [c for c in ids if parents[c] == i] for i in ids}

    rng = random.Random(SEED)
    admins = set(rng.sample(range(USERS), round(USERS * ADMIN_SHARE)))
    users = []
    for u in range(USERS):
        preset = rng.choice(preset_names)
        permissions = dict(presets[preset])
        if u in admins:
            doc = {"role": "admin", "permissions": permissions}
        else:
            # Sub-sections whose area stores read or edit (presets store areas only).
            eligible = [c for a, level in permissions.items() if level in LOWER for c in children[a]]
            for child in rng.sample(eligible, min(rng.randint(0, MAX_RESTRICTIONS), len(eligible))):
                permissions[child] = rng.choice(LOWER[permissions[parents[child]]])
            doc = {"role": "member", "permissions": permissions}
        users.append({"name": f"user-{u:04d}", "preset": preset, "doc": json.dumps(doc, separators=(",", ":"))})

    lrng = random.Random(SEED + 3)
    lenient = []
    for u in range(USERS):
        while True:
            permissions = dict(presets[lrng.choice(preset_names)])
            raisable = [c for a, level in permissions.items() if level == "read" for c in children[a]]
            if raisable:
                break
        for child in lrng.sample(raisable, min(lrng.randint(1, MAX_RAISES), len(raisable))):
            permissions[child] = "edit"
        doc = {"role": "member", "permissions": permissions}
        lenient.append({"name": f"lenient-{u:04d}", "doc": json.dumps(doc, separators=(",", ":"))})

    qrng = random.Random(SEED + 1)
    q_user = [qrng.randrange(USERS) for _ in range(QUERIES)]
    q_id = [qrng.randrange(len(ids)) for _ in range(QUERIES)]
    q_action = [qrng.randrange(len(ACTIONS)) for _ in range(QUERIES)]
    subset = sorted(random.Random(SEED + 2).sample(range(QUERIES), SUBSET))

    head = {"seed": SEED, "catalog_version": catalog.get("version"), "ids": ids, "parents": parents, "actions": ACTIONS}
    out.mkdir(parents=True, exist_ok=True)
    (out / "users.json").write_text(json.dumps({**head, "users": users}, separators=(",", ":")), encoding="utf-8")
    (out / "lenient.json").write_text(json.dumps({**head, "users": lenient}, separators=(",", ":")), encoding="utf-8")
    queries = {**head, "user": q_user, "id": q_id, "action": q_action, "subset": subset}
    (out / "queries.json").write_text(json.dumps(queries, separators=(",", ":")), encoding="utf-8")
    admins_n = sum(1 for x in users if x["doc"].startswith('{"role":"admin"'))
    print(f"workload: {USERS} users ({admins_n} admins), {QUERIES:,} queries, subset {SUBSET:,}, seed {SEED} -> {out}")


if __name__ == "__main__":
    main()
