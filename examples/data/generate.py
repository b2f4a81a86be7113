"""Generate two synthetic workspace exports a month apart.

    python examples/data/generate.py

Writes workspace-2026-10.json and workspace-2026-11.json beside this file:
600 users (about 5% admins), members on a preset with 0 to 3 sub-section
restrictions, a few custom members that match no preset, a few dormant
sub-sections; between the snapshots some users leave, some join, a handful
are escalated and some are reduced. The seed is fixed, so the files are
reproducible byte for byte; they are committed so the notebook needs no step.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SEED = 20261127
HERE = Path(__file__).resolve().parent

PRESETS = {
    "read_only_reviewer": {
        "analytics": "read",
        "behavior": "read",
        "knowledge": "read",
        "voice": "read",
        "messaging": "read",
        "deployments": "read",
        "account": "read",
    },
    "knowledge_editor": {
        "analytics": "read",
        "knowledge": "edit",
        "behavior": "read",
        "voice": "read",
        "messaging": "read",
        "deployments": "none",
        "account": "none",
    },
    "full_developer": {
        "analytics": "edit",
        "behavior": "edit",
        "knowledge": "edit",
        "flows": "edit",
        "tools": "edit",
        "voice": "edit",
        "messaging": "edit",
        "integrations": "edit",
        "deployments": "edit",
        "account": "read",
    },
    "operations_manager": {
        "analytics": "edit",
        "behavior": "read",
        "knowledge": "read",
        "voice": "read",
        "messaging": "read",
        "deployments": "edit",
        "account": "edit",
    },
}
SUBSECTIONS = {
    "analytics": [
        "conversations",
        "kpis",
        "custom_metrics",
        "dashboards",
        "polyscore",
        "smart_analyst",
        "agent_analysis",
        "csat",
    ],
    "behavior": ["general", "language", "guardrails", "models"],
    "knowledge": ["faqs", "sources", "variants"],
    "voice": ["agent", "handoffs", "audio_library", "numbers", "advanced"],
    "messaging": ["chat", "sms"],
    "deployments": ["environments", "ab_testing", "compare_versions", "project_history"],
}
FIRST = [
    "Ada",
    "Bo",
    "Cy",
    "Dee",
    "Eli",
    "Fay",
    "Gus",
    "Hal",
    "Ivy",
    "Jo",
    "Kai",
    "Lu",
    "Mo",
    "Nia",
    "Oz",
    "Pia",
    "Quin",
    "Rae",
    "Sol",
    "Tia",
    "Uma",
    "Vic",
    "Wen",
    "Xia",
    "Yul",
    "Zoe",
]
LAST = [
    "Abe",
    "Berg",
    "Chen",
    "Diaz",
    "Egan",
    "Fox",
    "Gray",
    "Hale",
    "Ito",
    "Jain",
    "Kerr",
    "Lund",
    "Moss",
    "Nash",
    "Ode",
    "Park",
    "Quay",
    "Ruiz",
    "Shaw",
    "Tran",
]
LOWER = {"edit": "read", "read": "none"}


def restrict(rng: random.Random, perms: dict[str, str]) -> None:
    """Lower up to three sub-sections below their area's level (never above)."""
    areas = [a for a in SUBSECTIONS if perms.get(a) in LOWER]
    for _ in range(rng.randint(0, 3) if areas else 0):
        area = rng.choice(areas)
        perms[f"{area}.{rng.choice(SUBSECTIONS[area])}"] = LOWER[perms[area]]


def member(rng: random.Random) -> dict[str, object]:
    roll = rng.random()
    if roll < 0.04:  # custom: matches no preset
        perms = {"flows": "edit", "testing": rng.choice(["read", "edit"]), "widgets": "read"}
    elif roll < 0.07:  # a dormant sub-section under a hidden area
        perms = dict(PRESETS["knowledge_editor"])
        perms["deployments.environments"] = "read"
    else:
        perms = dict(PRESETS[rng.choice(sorted(PRESETS))])
        restrict(rng, perms)
    return {"role": "member", "permissions": perms}


def user(rng: random.Random, n: int) -> dict[str, object]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    record: dict[str, object] = {
        "user": f"u{n:04d}",
        "name": f"{first} {last}",
        "email": f"{first}.{last}.{n}@example.com".lower(),
    }
    record.update({"role": "admin"} if rng.random() < 0.05 else member(rng))
    return record


def next_month(rng: random.Random, users: list[dict[str, object]], start: int) -> list[dict[str, object]]:
    after = []
    for record in users:
        if rng.random() < 0.03:
            continue  # left the workspace
        record = json.loads(json.dumps(record))
        perms = record.get("permissions")
        roll = rng.random()
        if record["role"] == "member" and isinstance(perms, dict):
            if roll < 0.02:
                record["role"] = "admin"  # promoted
            elif roll < 0.06:
                perms["deployments"] = "edit"  # escalated on an area
                for key in [k for k in perms if k.startswith("deployments.")]:
                    del perms[key]
            elif roll < 0.12:
                restrict(rng, perms)  # tightened
        after.append(record)
    after.extend(user(rng, start + i) for i in range(25))
    return after


def main() -> None:
    rng = random.Random(SEED)
    october = [user(rng, n) for n in range(600)]
    november = next_month(rng, october, 600)
    for name, data in [("workspace-2026-10.json", october), ("workspace-2026-11.json", november)]:
        text = "[\n" + ",\n".join(json.dumps(r, separators=(",", ":")) for r in data) + "\n]\n"
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {name}: {len(data)} users")


if __name__ == "__main__":
    main()
