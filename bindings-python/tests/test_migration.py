"""Catalog migrations from Python: the example migration of the 2026-11
export to the 2027 navigation, every loader fault, wrong argument types, and
the records the report hands to Jupyter and pandas."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import studio_permissions as sp
from studio_permissions import AccessSet, Catalog, Level, Migration, Workspace

ROOT = Path(__file__).resolve().parents[2]
NAV_2027 = (ROOT / "examples" / "catalogs" / "navigation-2027.json").read_text(encoding="utf-8")
MIGRATION = (ROOT / "examples" / "migrations" / "default-to-2027.json").read_text(encoding="utf-8")
EXPORT = ROOT / "examples" / "data" / "workspace-2026-11.json"


@pytest.fixture(scope="module")
def target() -> Catalog:
    return Catalog.from_json(NAV_2027)


@pytest.fixture(scope="module")
def migration(target: Catalog) -> Migration:
    return Migration.from_json(MIGRATION, source=Catalog.default(), target=target)


def test_loading_from_text_bytes_and_dict_gives_the_same_migration(target: Catalog, migration: Migration) -> None:
    from_bytes = Migration.from_json(MIGRATION.encode(), source=Catalog.default(), target=target)
    from_dict = Migration.from_dict(json.loads(MIGRATION), source=Catalog.default(), target=target)
    access = AccessSet.preset("knowledge_editor")
    answers = {m.apply(access).access.to_json() for m in (migration, from_bytes, from_dict)}
    assert len(answers) == 1
    assert migration.source == Catalog.default() and migration.target == target
    assert repr(migration) == "<Migration 2026-06-19 -> 2027-01-15>"


def test_reviewer_questions(migration: Migration) -> None:
    assert migration.can_reduce()
    assert migration.sources("channels.chat") == ["messaging", "messaging.chat", "widgets"]
    assert migration.targets("account") == ["configure.general", "configure.apis"]
    assert migration.nodes_without_source() == ["build", "channels", "configure"]
    with pytest.raises(sp.UnknownAreaError, match="did you mean `channels.chat`"):
        migration.sources("channels.chta")


def test_apply_merges_at_the_lower_level_and_says_why(migration: Migration) -> None:
    access = AccessSet.from_dict({"role": "member", "permissions": {"messaging": "edit", "widgets": "read"}})
    out = migration.apply(access)
    assert out.access.level("channels.chat") is Level.READ
    assert out.access.level("build.sms") is Level.EDIT
    assert out.reductions == [("messaging", "merged"), ("messaging.chat", "merged")]
    assert out.details[0].reason == "merged into `channels.chat` with `widgets` (read)"
    assert out.details[0].before is Level.EDIT and out.details[0].after is Level.READ
    assert out.dropped == [] and out.opened == ["build", "channels"]
    assert not out.keeps_everything
    assert out.access.catalog == migration.target


def test_the_identity_migration_keeps_every_level() -> None:
    catalog = Catalog.default()
    identity = Migration.from_dict({}, source=catalog, target=catalog)
    assert not identity.can_reduce()
    for name in ("read_only_reviewer", "knowledge_editor", "full_developer", "operations_manager"):
        access = AccessSet.preset(name)
        out = identity.apply(access)
        assert out.access.effective() == access.effective() and out.keeps_everything


@pytest.mark.parametrize(
    ("migration_text", "path", "words"),
    [
        ("[]", None, "expected an object, found an array"),
        ('{"map": {', None, "invalid JSON"),
        ('{"map": {}, "map": {}}', None, "duplicate key `map`"),
        ('{"mapping": {}}', "mapping", "unknown field `mapping`"),
        ('{"from": "2026-01-01"}', "from", "but the source catalog's version is `2026-06-19`"),
        ('{"map": {"knowlege": null}}', "knowlege", "did you mean `knowledge`?"),
        ('{"map": {"knowledge": "build.knowlege"}}', "knowledge", "did you mean `build.knowledge`?"),
        ('{"map": {"knowledge": ["build.flows", "build.flows"]}}', "knowledge", "repeat `build.flows`"),
        ('{"map": {}}', "analytics.kpis", "`analytics.kpis` has no home"),
    ],
)
def test_every_fault_is_invalid_migration_naming_its_id(
    target: Catalog, migration_text: str, path: str | None, words: str
) -> None:
    with pytest.raises(sp.InvalidMigrationError) as caught:
        Migration.from_json(migration_text, source=Catalog.default(), target=target)
    assert caught.value.code == "invalid_migration" and caught.value.path == path
    assert words in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_value_with_no_json_text_and_wrong_types(target: Catalog, migration: Migration) -> None:
    with pytest.raises(sp.InvalidMigrationError, match="has no JSON text"):
        Migration.from_dict({"map": {"knowledge": float("nan")}}, source=Catalog.default(), target=target)
    with pytest.raises(TypeError, match="source must be a Catalog"):
        Migration.from_json("{}", source="default", target=target)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="migration text must be str or bytes"):
        Migration.from_json(3, source=Catalog.default(), target=target)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="access must be an AccessSet"):
        migration.apply({"role": "admin"})  # type: ignore[arg-type]
    with pytest.raises(sp.InvalidMigrationError, match="another catalog"):
        migration.apply(AccessSet.admin(catalog=target))
    with pytest.raises(TypeError, match="migration must be a Migration"):
        Workspace.from_json("[]").migrate("m")  # type: ignore[arg-type]


def test_a_migration_is_immutable_and_copies_are_itself(migration: Migration) -> None:
    assert copy.copy(migration) is migration and copy.deepcopy(migration) is migration


def test_the_example_workspace_migrates_user_by_user(migration: Migration, target: Catalog) -> None:
    ws = Workspace.from_path(EXPORT)
    out = ws.migrate(migration)
    assert out.workspace.catalog == target
    assert [(u.id, u.name, u.email, u.role) for u in out.workspace] == [(u.id, u.name, u.email, u.role) for u in ws]
    losses = {loss.user: loss for loss in out.report.losses}
    for user in ws:
        one = migration.apply(ws.access(user.id))
        assert out.workspace.access(user.id) == one.access
        assert (user.id in losses) == (not one.keeps_everything)
        if user.id in losses:
            assert [(r.id, r.cause) for r in losses[user.id].reductions] == one.reductions
    report = out.report
    assert report.users == len(ws) and report.unchanged == len(ws) - len(report.losses)
    assert (report.source_version, report.target_version) == ("2026-06-19", "2027-01-15")
    assert report.to_dict()["users"] == len(ws)
    html = out._repr_html_()
    assert html.startswith('<div class="sp-migration">') and "`" not in html
    assert "<code>channels.chat</code>" in html


def test_the_report_as_a_dataframe(migration: Migration) -> None:
    pd = pytest.importorskip("pandas")
    out = Workspace.from_path(EXPORT).migrate(migration)
    frame = out.report.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["user", "id", "cause", "before", "after", "target", "reason"]
    expected = sum(len(loss.reductions) + len(loss.dropped) for loss in out.report.losses)
    assert len(frame) == expected > 0
    assert set(frame["cause"]) <= {"merged", "clamped", "dropped"}


def test_hostile_user_ids_are_escaped_in_the_html(migration: Migration) -> None:
    records = [{"user": "mallory\u202e<script>", "role": "member", "permissions": {"messaging": "edit"}}]
    html = Workspace.from_records(records).migrate(migration).report._repr_html_()
    assert "<script>" not in html and "\u202e" not in html
    assert "mallory\\u{202e}&lt;script&gt;" in html
