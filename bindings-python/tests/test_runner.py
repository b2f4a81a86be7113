"""The conformance runner itself: it passes right cases, and it fails (with a
FAIL line and a non-zero exit) on a vector with a wrong expectation. The
shared vectors themselves run once, in `make test-python`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RUNNER


def run(*files: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def write(tmp_path: Path, cases: list[dict[str, object]]) -> Path:
    path = tmp_path / "vector.json"
    path.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    return path


def test_a_wrong_expectation_fails(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            {"name": "right", "preset": "knowledge_editor", "expect": {"levels": {"knowledge": "edit"}}},
            {"name": "wrong level", "preset": "knowledge_editor", "expect": {"levels": {"knowledge": "read"}}},
            {"name": "wrong error", "access": "{", "expect": {"error": "duplicate_key"}},
            {"name": "no error", "preset": "knowledge_editor", "expect": {"error": "unknown_area"}},
        ],
    )
    result = run(path)
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 1
    assert lines[-1] == "1 passed, 3 failed"
    assert f"FAIL {path}: wrong level: level(knowledge): expected \"read\", got ok <Level.EDIT: 'edit'>" in lines
    assert any(
        line.startswith(f"FAIL {path}: wrong error: expected error duplicate_key, got error invalid_json")
        for line in lines
    )
    assert any(line.startswith(f"FAIL {path}: no error: expected error unknown_area, got a set") for line in lines)


def test_every_expect_key_is_checked(tmp_path: Path) -> None:
    wrong: list[dict[str, object]] = [
        {"warnings": ["unknown_area"]},
        {"allowed": [["deployments", "view"]]},
        {"denied": [["knowledge", "view"]]},
        {"capabilities": {"users.manage": True}},
        {"explain": {"knowledge": "inherited"}},
        {"check_errors": {"knowledge": "unknown_area"}},
        {"document": {"role": "member", "permissions": {}}},
        {"visible": ["knowledge"]},
        {"compare": [{"to": {"preset": "full_developer"}, "within": False}]},
        {"compare": [{"to": {"preset": "full_developer"}, "escalations": []}]},
        {"compare": [{"to": {"access": {"role": "admin"}}, "role_change": None}]},
        {"compare": [{"to": {"access": '{"role":"admin"}'}, "capability_changes": []}]},
        {"query_errors": [{"call": "level", "args": ["knowledge"], "error": "unknown_area"}]},
    ]
    cases = [{"name": f"wrong {i}", "preset": "knowledge_editor", "expect": e} for i, e in enumerate(wrong)]
    result = run(write(tmp_path, cases))
    assert result.returncode == 1, result.stdout
    assert result.stdout.strip().splitlines()[-1] == f"0 passed, {len(wrong)} failed"


def test_unknown_keys_and_unreadable_files_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, [{"name": "typo", "preset": "knowledge_editor", "expect": {"level": {}}}])
    result = run(path)
    assert result.returncode == 2
    assert f"FAIL {path}: typo: malformed case: unknown expect key `level`" in result.stdout
    missing = tmp_path / "missing.json"
    result = run(missing)
    assert result.returncode == 2
    assert result.stdout.startswith(f"FAIL {missing}: cannot read")
    assert result.stdout.strip().splitlines()[-1] == "0 passed, 1 failed"


def test_no_files_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2 and "usage" in result.stderr


WS = [
    {"user": "ada", "role": "admin"},
    {"user": "bo", "role": "member", "permissions": {"deployments": "edit"}},
]


def test_every_workspace_expect_key_is_checked(tmp_path: Path) -> None:
    wrong: list[dict[str, object]] = [
        {"problems": [[1, "ada", "unknown_area", False]]},
        {"users": ["bo", "ada"]},
        {"who_can": [["deployments", "edit", ["ada"]]]},
        {"who_can": [["deployment", "edit", "unknown_action"]]},
        {"who_has": [["users.manage", "standard", ["ada", "bo"]]]},
        {"counts": {"deployments": [0, 1, 1]}},
        {"counts": {"nowhere": [0, 0, 0]}},
        {"dormant": {"bo": ["deployments.environments"]}},
        {"preset_matches": {"bo": ["operations_manager", True]}},
        {"preset_matches": {"bo": ["operations_manager", 0]}},  # 0 is not false in JSON
        {"error": "invalid_workspace"},
    ]
    cases = [{"name": f"wrong {i}", "workspace": WS, "expect": e} for i, e in enumerate(wrong)]
    cases.append(
        {
            "name": "wrong diff",
            "workspace": WS,
            "after": WS[:1],
            "expect": {"diff": {"added": [], "removed": [], "changed": []}},
        }
    )
    cases.append(
        {
            "name": "wrong problems",
            "workspace": '[{"role": "admin"}]',
            "expect": {"error": "invalid_workspace", "problems": []},
        }
    )
    cases.append({"name": "wrong code", "workspace": "[", "expect": {"error": "invalid_workspace"}})
    cases.append({"name": "unexpected", "workspace": "[", "format": "json", "expect": {}})
    result = run(write(tmp_path, cases))
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 1, result.stdout
    assert lines[-1] == f"0 passed, {len(cases)} failed"
    assert any(line.endswith('who_can(deployments, edit): expected ["ada"], got ["ada","bo"]') for line in lines)
    assert any(
        line.endswith('who_can(deployment, edit): expected "unknown_action", got "unknown_area"') for line in lines
    )
    assert any(
        'wrong diff: diff: expected {"added":[],"removed":[],"changed":[]}, got {"added":[],"removed":["bo"]' in line
        for line in lines
    )
    assert any(line.endswith('expected error "invalid_workspace", got a workspace') for line in lines)


def test_right_workspace_expectations_pass(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps(r) for r in WS) + '\n{"user": "bo", "role": "admin"}'
    cases: list[dict[str, object]] = [
        {
            "name": "right",
            "workspace": WS,
            "after": [WS[1]],
            "expect": {
                "problems": [],
                "users": ["ada", "bo"],
                "who_can": [["deployments", "edit", ["ada", "bo"]], ["deployments", "fly", "unknown_action"]],
                "who_has": [["users.manage", "gov", "unknown_cluster"]],
                "counts": {"deployments": [0, 0, 2], "nowhere": None},
                "dormant": {},
                "preset_matches": {"bo": ["operations_manager", False]},
                "diff": {"added": [], "removed": ["ada"], "changed": []},
            },
        },
        {
            "name": "lenient lines",
            "workspace": lines,
            "format": "jsonl",
            "mode": "lenient",
            "expect": {"problems": [[3, "bo", "duplicate_user", True]], "users": ["ada", "bo"]},
        },
        {
            "name": "strict lines",
            "workspace": lines,
            "format": "jsonl",
            "expect": {"error": "invalid_workspace", "problems": [[3, "bo", "duplicate_user", True]]},
        },
        {"name": "bad catalog", "workspace": [], "catalog": {"areas": []}, "expect": {"error": "invalid_catalog"}},
    ]
    result = run(write(tmp_path, cases))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == "4 passed, 0 failed"


@pytest.mark.parametrize(
    ("case", "why"),
    [
        ({"workspace": [], "bogus": 1}, "unknown key `bogus`"),
        ({"workspace": [], "expect": {"level": {}}}, "unknown expect key `level`"),
        ({"workspace": 5}, "`workspace` and `after` are a list of records or a string"),
        ({"workspace": [], "format": "csv"}, "`format` is `json` or `jsonl`"),
        ({"workspace": [], "mode": "loose"}, "`mode`"),
        ({"workspace": [], "catalog": 1}, "`catalog`"),
        ({"workspace": [], "expect": {"diff": {}}}, "`diff` needs `after`"),
        ({"workspace": [], "expect": {"who_can": [["flows"]]}}, "`who_can` items are [id, action, users]"),
        (
            {"workspace": [], "expect": {"who_has": [[1, "standard", []]]}},
            "`who_has` items are [capability, cluster, users]",
        ),
    ],
)
def test_malformed_workspace_cases_exit_2(tmp_path: Path, case: dict[str, object], why: str) -> None:
    path = write(tmp_path, [{"name": "m", **case}])
    result = run(path)
    assert result.returncode == 2, result.stdout
    assert f"FAIL {path}: m: malformed case: {why}" in result.stdout
