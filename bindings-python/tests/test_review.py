"""Review tooling in Python: capability changes in workspace diffs, every
problem of a document at once (``AccessSet.validate``), records placed by
position, the review HTML, capability columns in pandas, and the command
line through ``python -m studio_permissions``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from studio_permissions import (
    AccessSet,
    Catalog,
    Cluster,
    ClusterCapabilityChange,
    DocumentProblem,
    PermissionsError,
    Workspace,
    WorkspaceDiff,
)

DATA = ROOT / "examples" / "data"
VECTORS = sorted((ROOT / "tests" / "conformance" / "vectors").glob("*.json"))


def test_a_promotion_carries_every_capability_on_every_cluster() -> None:
    before = Workspace.from_records(
        [
            {"user": "ann", "role": "member", "permissions": {"flows": "read"}},
            {"user": "bob", "role": "member", "permissions": {"flows": "edit"}},
        ]
    )
    after = Workspace.from_records(
        [{"user": "ann", "role": "member"}, {"user": "bob", "role": "admin", "permissions": {"flows": "edit"}}]
    )
    diff = before.diff(after)
    assert [c.user for c in diff.changed] == ["bob", "ann"]
    bob = diff.changed[0]
    assert bob.escalates and bob in diff.escalated
    assert bob.capabilities[:2] == (
        ClusterCapabilityChange("users.manage", Cluster.STANDARD, False, True, "escalation"),
        ClusterCapabilityChange("users.manage", Cluster.ENTERPRISE, False, True, "escalation"),
    )
    assert bob.capabilities_gained == ("users.manage", "billing.manage", "projects.manage", "studio_assistant.use")
    assert bob.summary.startswith("member \u2192 admin: every area to edit; gains `users.manage`")
    ann = diff.changed[1]
    assert not ann.escalates and ann.capabilities == () and ann.summary == "1 area down"
    # A demotion loses them all, and is no escalation.
    back = after.diff(before).changed
    demoted = next(c for c in back if c.user == "bob")
    assert not demoted.escalates and demoted.capabilities_lost == bob.capabilities_gained


def _documents() -> list[tuple[Catalog, str]]:
    out = []
    for path in VECTORS:
        for case in json.loads(path.read_text())["cases"]:
            spec = case.get("catalog")
            try:
                catalog = Catalog.from_json(json.dumps(spec)) if isinstance(spec, dict) else Catalog.default()
            except PermissionsError:
                continue
            docs: list[Any] = [case["access"]] if "access" in case else []
            docs += [c["to"]["access"] for c in case.get("expect", {}).get("compare", []) if "access" in c["to"]]
            out += [(catalog, d if isinstance(d, str) else json.dumps(d)) for d in docs]
    return out


def test_validate_agrees_with_the_strict_parse_on_every_shared_vector() -> None:
    documents = _documents()
    assert len(documents) > 300
    faulty = 0
    for catalog, text in documents:
        problems = AccessSet.validate(text, catalog=catalog)
        assert all(isinstance(p, DocumentProblem) for p in problems)
        try:
            AccessSet.from_json(text, catalog=catalog)
        except PermissionsError as e:
            faulty += 1
            assert problems, text
            assert (problems[0].code, problems[0].path, problems[0].message) == (e.code, e.path, str(e)), text
        else:
            assert problems == [], text
        assert AccessSet.validate(text.encode(), catalog=catalog) == problems
    assert faulty > 50


def test_validate_lists_every_problem_of_a_dict_in_table_then_document_order() -> None:
    doc = {"role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit", "analytcs": "read"}, "x": 1}
    problems = AccessSet.validate(doc)
    assert [(p.code, p.path) for p in problems] == [
        ("invalid_document", "x"),
        ("unknown_area", "analytcs"),
        ("subsection_exceeds_parent", "knowledge.faqs"),
    ]
    assert str(problems[1]) == "unknown area `analytcs`: did you mean `analytics`?"
    assert [p.code for p in AccessSet.validate({"role": float("nan")})] == ["invalid_document"]
    assert [p.code for p in AccessSet.validate("{")] == ["invalid_json"]
    assert AccessSet.validate({"role": "admin"}) == []
    # Lenient parsing is unchanged by validate.
    assert AccessSet.from_dict(doc, lenient=True).warnings


def test_from_records_places_problems_by_position() -> None:
    records = [{"user": "a", "role": "member"}, {"user": "b", "role": "boss"}, {"role": "member"}]
    w = Workspace.from_records(records, lenient=True)
    assert [(p.line, p.code) for p in w.problems] == [(2, "unknown_role"), (3, "invalid_document")]


def test_diff_html_puts_capability_gains_first_in_red() -> None:
    html = AccessSet.preset("knowledge_editor").diff(AccessSet.admin(), "enterprise")._repr_html_()
    top = html.index("capability gained")
    assert top < html.index("member \u2192 admin") < html.index("<details>")
    assert 'class="gain"' in html[top - 60 : top] and ".sp-diff li.gain{color:#b91c1c" in html
    for name in ("users.manage", "studio_assistant.use"):
        assert html.index(name) < html.index("<details>")
    assert "every area to edit" in html


def test_workspace_diff_html_and_heat_table() -> None:
    before = Workspace.from_json((DATA / "workspace-2026-10.json").read_bytes())
    after = Workspace.from_json((DATA / "workspace-2026-11.json").read_bytes())
    diff = before.diff(after)
    html = diff._repr_html_()
    promoted = next(c for c in diff.changed if c.role is not None and c.escalates)
    first_gain = html.index("capability or admin gained")
    assert first_gain < html.index(f"<code>{promoted.user}</code>")
    assert "gains <code>users.manage</code> (standard, enterprise)" in html
    assert "member \u2192 admin: gains <code>users.manage</code> (standard, enterprise)" in html
    heat = after._repr_html_()
    assert "position:sticky" in heat and "overflow:auto" in heat


REVIEWS = ROOT / "tests" / "reviews" / "markdown.json"


@pytest.mark.parametrize(
    "case",
    [c for c in json.loads(REVIEWS.read_text(encoding="utf-8"))["cases"] if c["limit"] == 200],
    ids=lambda c: c["name"],
)
def test_workspace_diff_markdown_is_the_cores_bytes(case: dict[str, Any]) -> None:
    # The bytes Rust's `WorkspaceDiff::to_markdown(200)` gives (core/tests/review.rs).
    diff = Workspace.from_records(case["before"]).diff(Workspace.from_records(case["after"]))
    assert diff.to_markdown() == case["markdown"]


def test_workspace_diff_markdown_is_the_command_lines_comment() -> None:
    before, after = DATA / "workspace-2026-10.json", DATA / "workspace-2026-11.json"
    markdown = Workspace.from_path(before).diff(Workspace.from_path(after)).to_markdown()
    assert markdown.startswith("## Access review\n\n**51 users gain access.**")
    assert _cli("diff", str(before), str(after), "--format", "markdown").stdout == markdown
    # A diff made by hand has no review of the core's.
    with pytest.raises(ValueError, match="made by Workspace.diff"):
        WorkspaceDiff((), (), ()).to_markdown()


def test_to_pandas_has_a_column_per_capability_and_cluster() -> None:
    pytest.importorskip("pandas")
    w = Workspace.from_json((DATA / "workspace-2026-10.json").read_bytes())
    df = w.to_pandas()
    for c in w.catalog.capabilities:
        for cluster in Cluster:
            column = f"{c.name}@{cluster.value}"
            assert df[column].dtype == bool
            assert list(df.index[df[column]]) == w.who_has(c.name, cluster.value)
    assert not df["studio_assistant.use@standard"].any()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio_permissions", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_python_m_runs_the_command_line(tmp_path: Path) -> None:
    r = _cli("lint", str(DATA / "workspace-2026-10.json"))
    assert (r.returncode, r.stdout, r.stderr) == (0, "no problems in 1 file\n", "")
    r = _cli(
        "diff", str(DATA / "workspace-2026-10.json"), str(DATA / "workspace-2026-11.json"), "--fail-on", "escalation"
    )
    assert r.returncode == 1 and r.stdout.startswith("60 changed")
    empty = tmp_path / "empty.json"
    empty.write_text("")
    r = _cli("lint", str(empty))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == f"studio-permissions: {empty}: is empty\n"
    r = _cli("--help")
    assert r.returncode == 0 and "Usage: studio-permissions [OPTIONS] <COMMAND>" in r.stdout


def test_a_file_name_that_is_not_utf8_is_opened_as_given(tmp_path: Path) -> None:
    name = tmp_path / "caf\udce9.json"  # the bytes b"caf\xe9.json", as sys.argv holds them
    try:
        name.write_text('{"role":"admin"}', encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system refuses the name")
    r = subprocess.run(
        [sys.executable, "-m", "studio_permissions", "lint", str(name)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (r.returncode, r.stdout) == (0, b"no problems in 1 file\n"), r.stderr
    missing = str(tmp_path / "gone\udce9.json")
    r = subprocess.run(
        [sys.executable, "-m", "studio_permissions", "lint", missing], capture_output=True, timeout=120, check=False
    )
    assert r.returncode == 2 and b"no such file" in r.stderr and b"Traceback" not in r.stderr


def test_every_notebook_view_shows_hostile_names_escaped() -> None:
    """The shared list of hostile names, through every `_repr_html_` of a workspace review."""
    import json
    import re

    from studio_permissions import Catalog, Migration

    names = json.loads((ROOT / "tests" / "messages" / "hostile-names.json").read_text(encoding="utf-8"))["names"]
    before = Workspace.from_records(
        [{"user": n, "role": "member", "permissions": {"messaging": "edit"}} for n in names]
    )
    after = Workspace.from_records([{"user": n, "role": "admin"} for n in names])
    nav = Catalog.from_json((ROOT / "examples" / "catalogs" / "navigation-2027.json").read_text(encoding="utf-8"))
    migration = Migration.from_json(
        (ROOT / "examples" / "migrations" / "default-to-2027.json").read_text(encoding="utf-8"),
        source=Catalog.default(),
        target=nav,
    )
    hidden = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]")
    views = {
        "heat table": before._repr_html_(),
        "workspace diff": before.diff(after)._repr_html_(),
        "migration": before.migrate(migration)._repr_html_(),
        "set diff": before.access(names[0]).diff(after.access(names[0]))._repr_html_(),
    }
    for view, html in views.items():
        assert not hidden.search(html), (view, hidden.findall(html))
        assert "<script>" not in html, view
        # No Markdown left in HTML: names sit in <code>, not in backticks.
        assert not re.search(r"`[a-z_.]+`", html), view
