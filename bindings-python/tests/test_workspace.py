"""Workspace: loading, problems, the review queries, the diff, the
records, pandas (with and without it) and the HTML views. Every answer is the
core's; these tests pin the translation and cross-check it against the
single-user API (`AccessSet`)."""

from __future__ import annotations

import errno
import json
import pickle
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import studio_permissions as sp
from studio_permissions import (
    AccessSet,
    Catalog,
    InvalidJsonError,
    InvalidWorkspaceError,
    Level,
    Matrix,
    PresetMatch,
    Problem,
    Role,
    User,
    UserChange,
    Workspace,
    WorkspaceDiff,
)

DATA = ROOT / "examples" / "data"

RECORDS: list[dict[str, object]] = [
    {"user": "ada", "name": "Ada", "email": "ada@example.com", "role": "admin"},
    {"user": "bo", "role": "member", "permissions": {"deployments": "edit", "knowledge": "read"}},
    {
        "user": "cy",
        "name": "Cy",
        "role": "member",
        "permissions": {
            "analytics": "read",
            "behavior": "read",
            "knowledge": "read",
            "voice": "read",
            "messaging": "read",
            "deployments": "read",
            "account": "read",
        },
    },
    {"user": "di", "role": "member", "permissions": {"analytics": "none", "analytics.kpis": "edit"}},
]

BAD = """[
  {"user": "a", "role": "member", "permissions": {"flows": "edit"}},
  {"user": "b", "role": "owner"},
  {"role": "member"},
  {"user": "a", "role": "admin"},
  {"user": "c", "role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit", "nowhere": "read"}, "extra": 1}
]"""


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.from_records(RECORDS)


@pytest.fixture(scope="module")
def october() -> Workspace:
    return Workspace.from_json((DATA / "workspace-2026-10.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def november() -> Workspace:
    return Workspace.from_json((DATA / "workspace-2026-11.json").read_bytes())


# ---- loading -----------------------------------------------------------------


def test_the_three_loaders_agree(ws: Workspace) -> None:
    text = json.dumps(RECORDS)
    lines = "\n".join(json.dumps(r) for r in RECORDS)
    for other in (
        Workspace.from_json(text),
        Workspace.from_json(text.encode()),
        Workspace.from_json_lines(lines),
        Workspace.from_json_lines(("\n\n" + lines + "\n").encode()),
    ):
        assert [u for u in other] == [u for u in ws]
        assert other.problems == ()
    assert len(ws) == 4 and ws.catalog == Catalog.default()
    assert repr(ws) == '<Workspace users=4 problems=0 catalog="2026-06-19">'


def test_users_are_records_with_the_cores_levels(ws: Workspace) -> None:
    ada, bo, cy, di = list(ws)
    assert isinstance(ada, User)
    assert (ada.id, ada.name, ada.email, ada.role) == ("ada", "Ada", "ada@example.com", Role.ADMIN)
    assert (bo.name, bo.email, bo.role) == (None, None, Role.MEMBER)
    assert bo.access == AccessSet.from_dict({"role": "member", "permissions": RECORDS[1]["permissions"]})
    for user in (ada, bo, cy, di):
        assert user.levels == user.access.effective()
        assert list(user.levels) == [n.id for n in ws.catalog.nodes]
    assert di.levels["analytics.kpis"] is Level.NONE and di.access.stored("analytics.kpis") is Level.EDIT
    assert bo.can("deployments.environments", "edit") and not bo.can("knowledge", "edit")
    assert ws.user("cy") == cy and hash(ws.user("cy")) == hash(cy)
    assert "cy" in ws and "zed" not in ws and 3 not in ws
    with pytest.raises(KeyError):
        ws.user("zed")


def test_iteration_is_lazy_and_complete_past_a_chunk() -> None:
    records = [{"user": f"u{i:04d}", "role": "member", "permissions": {"flows": "read"}} for i in range(700)]
    big = Workspace.from_records(records)
    ids = [u.id for u in big]
    assert ids == [r["user"] for r in records]
    it = iter(big)
    assert iter(it) is it and next(it).id == "u0000"
    assert big.user("u0699").id == "u0699"


def test_strict_loading_reports_every_problem_and_loads_nothing() -> None:
    with pytest.raises(sp.InvalidWorkspaceError) as info:
        Workspace.from_json(BAD)
    e = info.value
    assert isinstance(e, sp.PermissionsError) and isinstance(e, ValueError)
    assert e.code == "invalid_workspace" and e.path == "b"
    assert str(e) == (
        "invalid workspace: 4 problems; the first: line 3, user `b`: "
        "unknown role `owner`: expected `admin` or `member` (unknown_role)"
    )
    assert isinstance(e.problems, list)
    assert e.problems == [
        Problem(3, "b", "unknown_role", "role", "unknown role `owner`: expected `admin` or `member`", True, 2),
        Problem(4, None, "invalid_document", "user", "invalid document: missing field `user`", True, 3),
        Problem(5, "a", "duplicate_user", "user", "user `a` appears more than once", True, 4),
        Problem(6, "c", "invalid_document", "extra", "invalid document: unknown field `extra`", True, 5),
    ]
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is sp.InvalidWorkspaceError
    assert str(again) == str(e) and again.problems == e.problems and again.path == "b"


def test_lenient_loading_keeps_the_rest_and_the_problems() -> None:
    w = Workspace.from_json(BAD, lenient=True)
    assert [u.id for u in w] == ["a", "c"]
    assert [(p.line, p.user, p.code, p.fatal) for p in w.problems] == [
        (3, "b", "unknown_role", True),
        (4, None, "invalid_document", True),
        (5, "a", "duplicate_user", True),
        (6, "c", "unknown_field", False),
        (6, "c", "unknown_area", False),
        (6, "c", "subsection_exceeds_parent", False),
    ]
    assert w.problems[5].message == (
        "lowered `knowledge.faqs` from `edit` to `read`: its parent `knowledge` is only `read`"
    )
    assert w.user("c").levels["knowledge.faqs"] is Level.READ


def test_json_lines_report_their_line_numbers() -> None:
    text = '{"user":"x","role":"admin"}\n\n{"user":"y","role":"member"}\nnot json\n{"user":"y","role":"admin"}\n'
    w = Workspace.from_json_lines(text, lenient=True)
    assert [u.id for u in w] == ["x", "y"]
    assert [(p.line, p.user, p.code) for p in w.problems] == [(4, None, "invalid_json"), (5, "y", "duplicate_user")]
    with pytest.raises(sp.InvalidWorkspaceError) as info:
        Workspace.from_json_lines(text)
    assert [p.line for p in info.value.problems] == [4, 5]


def test_text_that_is_not_an_array_is_invalid_json() -> None:
    for text in ("{", '{"user": "a", "role": "admin"}', "", "[1,"):
        with pytest.raises(sp.InvalidJsonError):
            Workspace.from_json(text)
    assert len(Workspace.from_json("[]")) == 0
    assert len(Workspace.from_json_lines("")) == 0


def test_from_records_is_judged_as_json_dumps_text() -> None:
    with pytest.raises(sp.InvalidDocumentError) as info:
        Workspace.from_records([{"user": "a", "role": "member", "permissions": {"flows": float("nan")}}])
    assert str(info.value) == "invalid document: the value has no JSON text"
    assert info.value.__cause__ is not None
    with pytest.raises(sp.InvalidJsonError):
        Workspace.from_records({"user": "a", "role": "admin"})
    with pytest.raises(sp.InvalidWorkspaceError) as bad:
        Workspace.from_records([{"user": "a", "role": "member", "permissions": {1: "read"}}])
    assert bad.value.problems[0].code == "unknown_area" and bad.value.problems[0].path == "1"
    enums = Workspace.from_records([{"user": "a", "role": Role.MEMBER, "permissions": {"flows": Level.READ}}])
    assert enums.user("a").levels["flows"] is Level.READ


def test_wrong_argument_types_and_undecodable_text() -> None:
    for call in (
        lambda: Workspace.from_json(1),
        lambda: Workspace.from_json_lines(None),
        lambda: Workspace.from_json("[]", lenient=1),
        lambda: Workspace.from_json("[]", catalog="default"),
        lambda: Workspace.from_records([], catalog=1),
        lambda: Workspace.from_records([]).who_can(1, "view"),
        lambda: Workspace.from_records([]).diff([]),
        lambda: Workspace.from_records([]).user(None),
    ):
        with pytest.raises(TypeError):
            call()


def test_text_without_a_utf8_form_is_invalid_json_where_it_stands() -> None:
    # Bytes that are not UTF-8 and a str with an unpaired surrogate are the
    # core's `invalid_json`, placed like any other fault (Node gives the same).
    with pytest.raises(InvalidJsonError) as bad_bytes:
        Workspace.from_json(b'[{"user": "\xff", "role": "admin"}]')
    assert (bad_bytes.value.code, str(bad_bytes.value)) == (
        "invalid_json",
        "invalid JSON at line 1, column 12: the text is not valid UTF-8",
    )
    with pytest.raises(InvalidJsonError) as lone:
        Workspace.from_json('[{"user": "\ud800", "role": "admin"}]')
    assert str(lone.value) == "invalid JSON at line 1, column 18: unpaired surrogate in a string escape"
    # JSON Lines: only the line is a problem; the other users load.
    w = Workspace.from_json_lines(b'\xff\n{"user":"c","role":"member"}', lenient=True)
    assert [u.id for u in w] == ["c"]
    assert [(p.line, p.code, p.message) for p in w.problems] == [
        (1, "invalid_json", "invalid JSON at line 1, column 1: the text is not valid UTF-8")
    ]
    lines = '{"user":"a","role":"admin"}\n{"user":"b","name":"\udc00","role":"member"}\n{"user":"c","role":"member"}'
    w = Workspace.from_json_lines(lines, lenient=True)
    assert [u.id for u in w] == ["a", "c"]
    assert [(p.line, p.code, p.message) for p in w.problems] == [
        (2, "invalid_json", "invalid JSON at line 2, column 27: unpaired surrogate in a string escape")
    ]
    with pytest.raises(InvalidWorkspaceError) as strict:
        Workspace.from_json_lines(lines)
    assert [(p.line, p.code) for p in strict.value.problems] == [(2, "invalid_json")]


# ---- loading from a file -----------------------------------------------------


def test_from_path_gives_the_answer_of_the_files_text(tmp_path: Path, small_catalog: Catalog) -> None:
    # A JSON array (any name but *.jsonl / *.ndjson) and JSON Lines, as str or
    # PathLike: the same users and problems as loading the text.
    array, lines = tmp_path / "export.json", tmp_path / "export.JSONL"
    array.write_text(BAD, encoding="utf-8")
    lines.write_text("\n".join(json.dumps(r) for r in json.loads(BAD)) + "\n", encoding="utf-8")
    for path, load in ((array, Workspace.from_json), (lines, Workspace.from_json_lines)):
        for name in (path, str(path)):
            lenient = Workspace.from_path(name, lenient=True)
            assert list(lenient) == list(load(path.read_text(encoding="utf-8"), lenient=True))
            assert lenient.problems == load(path.read_text(encoding="utf-8"), lenient=True).problems
            with pytest.raises(InvalidWorkspaceError) as strict:
                Workspace.from_path(name)
            with pytest.raises(InvalidWorkspaceError) as text:
                load(path.read_text(encoding="utf-8"))
            assert strict.value.problems == text.value.problems and str(strict.value) == str(text.value)
    october = DATA / "workspace-2026-10.json"
    assert list(Workspace.from_path(october)) == list(Workspace.from_json(october.read_bytes()))
    small = tmp_path / "small.ndjson"
    small.write_text('{"user":"a","role":"member","permissions":{"a":"edit"}}\n', encoding="utf-8")
    loaded = Workspace.from_path(small, catalog=small_catalog)
    assert loaded.catalog == small_catalog and len(loaded) == 1


def test_from_path_refuses_what_the_text_refuses(tmp_path: Path) -> None:
    # Not UTF-8: `invalid_json` with the message loading the bytes gives,
    # even after a syntax fault (the whole file is not JSON text).
    cases = [
        b'[{"user": "\xff", "role": "admin"}]',
        b'[{"user": "a", "role": "admin"} x\n \xff]',
        b'[{"user": "a", "role": "admin"},\n {"user": "b", "role": ',
        b"{}",
        b"",
    ]
    for i, raw in enumerate(cases):
        path = tmp_path / f"bad-{i}.json"
        path.write_bytes(raw)
        with pytest.raises(InvalidJsonError) as from_file:
            Workspace.from_path(path)
        with pytest.raises(InvalidJsonError) as from_bytes:
            Workspace.from_json(raw)
        assert str(from_file.value) == str(from_bytes.value)
    assert str(from_file.value) == "invalid JSON at line 1, column 1: expected a JSON array of records"
    lines = tmp_path / "bad.jsonl"
    lines.write_bytes(b'\xff\n{"user":"c","role":"member"}')
    w = Workspace.from_path(lines, lenient=True)
    assert [u.id for u in w] == ["c"]
    assert [(p.line, p.message) for p in w.problems] == [
        (1, "invalid JSON at line 1, column 1: the text is not valid UTF-8")
    ]


def test_from_path_raises_the_os_error_open_raises(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError) as info:
        Workspace.from_path(missing)
    assert (info.value.errno, info.value.filename) == (errno.ENOENT, str(missing))
    assert str(info.value) == str(pytest.raises(FileNotFoundError, open, missing).value)
    with pytest.raises(IsADirectoryError) as folder:
        Workspace.from_path(str(tmp_path))
    assert (folder.value.errno, folder.value.filename) == (errno.EISDIR, str(tmp_path))
    assert not isinstance(info.value, sp.PermissionsError)
    for wrong in (1, None, b"\xff"):
        with pytest.raises(TypeError):
            Workspace.from_path(wrong)  # type: ignore[arg-type]


def test_a_custom_catalog(small_catalog: Catalog) -> None:
    w = Workspace.from_records(
        [
            {"user": "r", "role": "member", "permissions": {"a": "read", "a.y": "none"}},
            {"user": "e", "role": "member", "permissions": {"a": "edit", "a.x.deep": "read", "b": "edit"}},
            {"user": "z", "role": "admin"},
        ],
        catalog=small_catalog,
    )
    assert w.catalog == small_catalog
    assert w.who_can("a.x.deep", "view") == ["r", "e", "z"]
    assert w.who_can("a.x.deep", "edit") == ["z"]
    assert w.who_has("reports.view", "enterprise") == ["r", "e", "z"]
    assert w.who_has("reports.view") == []
    assert [(m.user, m.preset, m.exact) for m in w.preset_matches()] == [
        ("r", "a_reader", True),
        ("e", "a_reader", False),
    ]
    with pytest.raises(sp.UnknownAreaError):
        w.who_can("knowledge", "view")
    with pytest.raises(sp.InvalidCatalogError):
        w.diff(Workspace.from_records([]))


# ---- queries -------------------------------------------------------------------


def test_who_can_and_who_has(ws: Workspace) -> None:
    assert ws.who_can("deployments.environments", "edit") == ["ada", "bo"]
    assert ws.who_can("knowledge.faqs", "view") == ["ada", "bo", "cy"]
    assert ws.who_can("flows", "view") == ["ada"]
    assert ws.who_has("users.manage") == ["ada"]
    assert ws.who_has("studio_assistant.use", "standard") == []
    assert ws.who_has("studio_assistant.use", "enterprise") == ["ada"]


@pytest.mark.parametrize(
    ("call", "cls", "message"),
    [
        (
            lambda w: w.who_can("deployment", "edit"),
            sp.UnknownAreaError,
            "unknown area `deployment`: did you mean `deployments`?",
        ),
        (lambda w: w.who_can("deployments", "fly"), sp.UnknownActionError, "unknown action `fly`"),
        (lambda w: w.who_can("deploymentz", "fly"), sp.UnknownAreaError, "unknown area `deploymentz`"),
        (lambda w: w.who_has("users.manag", "gov"), sp.UnknownCapabilityError, "unknown capability `users.manag`"),
        (lambda w: w.who_has("users.manage", "gov"), sp.UnknownClusterError, "unknown cluster `gov`"),
    ],
)
def test_query_errors_left_to_right(ws: Workspace, call: object, cls: type[Exception], message: str) -> None:
    with pytest.raises(cls) as info:
        call(ws)  # type: ignore[operator]
    assert str(info.value).startswith(message)


def test_who_can_agrees_with_each_users_access_set(october: Workspace) -> None:
    users = list(october)
    for node in ("deployments", "deployments.environments", "knowledge.faqs", "account", "flows"):
        for action in ("view", "edit"):
            assert october.who_can(node, action) == [u.id for u in users if u.access.can(node, action)]
    assert october.who_has("users.manage") == [u.id for u in users if u.access.capability("users.manage")]


def test_counts_dormant_and_preset_matches(ws: Workspace) -> None:
    counts = ws.counts()
    assert list(counts) == [n.id for n in ws.catalog.nodes]
    assert counts["deployments"] == {Level.NONE: 1, Level.READ: 1, Level.EDIT: 2}
    assert counts["analytics.kpis"] == {Level.NONE: 2, Level.READ: 1, Level.EDIT: 1}
    assert counts["flows"]["none"] == 3
    assert ws.dormant() == {"di": ("analytics.kpis",)}
    matches = ws.preset_matches()
    assert all(isinstance(m, PresetMatch) for m in matches)
    assert [(m.user, m.preset, m.exact) for m in matches] == [
        ("bo", "operations_manager", False),
        ("cy", "read_only_reviewer", True),
        ("di", "knowledge_editor", False),
    ]
    assert matches[1].differences == ()
    # The differences are the core's diff from the preset to the member.
    bo = ws.user("bo").access
    assert matches[0].differences == AccessSet.preset("operations_manager").diff(bo).levels


def test_matrix_is_every_users_levels(ws: Workspace) -> None:
    m = ws.matrix()
    assert isinstance(m, Matrix) and repr(m) == "<Matrix 4 users x 39 nodes>"
    assert m.users == ("ada", "bo", "cy", "di")
    assert m.nodes == tuple(n.id for n in ws.catalog.nodes)
    for user, row in zip(ws, m.levels):
        assert row == tuple(user.levels.values())


def test_to_records_round_trips(october: Workspace) -> None:
    records = october.to_records()
    assert records[0] == json.loads((DATA / "workspace-2026-10.json").read_text(encoding="utf-8"))[0]
    again = Workspace.from_records(records)
    assert list(again) == list(october)
    assert Workspace.from_records(Workspace.from_json(BAD, lenient=True).to_records()).problems == ()


# ---- diff ----------------------------------------------------------------------


def test_diff_puts_escalations_first() -> None:
    before = Workspace.from_records(
        [
            {"user": "a", "role": "member", "permissions": {"knowledge": "edit"}},
            {"user": "b", "role": "member", "permissions": {"flows": "read"}},
            {"user": "c", "role": "admin"},
            {"user": "gone", "role": "member"},
        ]
    )
    after = Workspace.from_records(
        [
            {"user": "new", "role": "member"},
            {"user": "a", "role": "member", "permissions": {"knowledge": "read"}},
            {"user": "b", "role": "member", "permissions": {"flows": "edit"}},
            {"user": "c", "role": "member", "permissions": {"flows": "edit"}},
        ]
    )
    d = before.diff(after)
    assert isinstance(d, WorkspaceDiff) and d
    assert d.added == ("new",) and d.removed == ("gone",)
    assert [c.user for c in d.changed] == ["b", "a", "c"]
    assert [c.user for c in d.escalated] == ["b"]
    b, a, c = d.changed
    assert isinstance(b, UserChange) and b.role is None and b.reductions == ()
    assert [(x.id, x.before, x.after, x.direction) for x in b.escalations] == [
        ("flows", Level.READ, Level.EDIT, "escalation")
    ]
    assert [x.id for x in a.reductions] == ["knowledge", "knowledge.faqs", "knowledge.sources", "knowledge.variants"]
    assert c.role == (Role.ADMIN, Role.MEMBER) and c.escalations == ()
    assert repr(d) == "<WorkspaceDiff added=1 removed=1 changed=3 escalated=1>"
    assert not before.diff(before)


def test_the_example_snapshots(october: Workspace, november: Workspace) -> None:
    assert len(october) == 600 and october.problems == ()
    d = october.diff(november)
    assert d.escalated and d.added and d.removed
    first_reduction_only = next(i for i, c in enumerate(d.changed) if not c.escalations)
    assert all(c.escalations for c in d.changed[:first_reduction_only])
    assert not any(c.escalations for c in d.changed[first_reduction_only:])


# ---- pandas ----------------------------------------------------------------------


def test_to_pandas(ws: Workspace) -> None:
    pd = pytest.importorskip("pandas")
    df = ws.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.index) == ["ada", "bo", "cy", "di"] and df.index.name == "user"
    capabilities = [f"{c.name}@{k}" for c in ws.catalog.capabilities for k in ("standard", "enterprise")]
    assert list(df.columns) == ["name", "email", "role", *(n.id for n in ws.catalog.nodes), *capabilities]
    assert df.loc["ada", "name"] == "Ada" and df.loc["ada", "role"] == "admin"
    assert df.loc["di", "analytics.kpis"] == "none"
    # Levels are ordered categoricals: comparisons follow none < read < edit.
    assert list(df.index[df["deployments"] >= "read"]) == ["ada", "bo", "cy"]
    assert list(df.index[df["deployments"] >= "edit"]) == ws.who_can("deployments", "edit")


def test_to_pandas_without_pandas(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(ImportError, match=r"to_pandas\(\) needs pandas, which is not installed") as info:
        ws.to_pandas()
    assert info.value.name == "pandas"
    # Everything else works without it.
    assert ws.to_records() and ws.matrix().users


# ---- HTML ------------------------------------------------------------------------


def test_workspace_html_is_a_heat_table(ws: Workspace) -> None:
    html = ws._repr_html_()
    assert html.startswith('<div class="sp-heat"><style>')
    assert html.count("<tbody><tr>") == 1 and html.count('<td class="u">ada</td>') == 1
    # Users as rows, node columns grouped by area, one cell per user and node.
    assert html.count('<td class="l0">') + html.count('<td class="l1">') + html.count('<td class="l2">') == 4 * 39
    assert '<th colspan="9">Analytics</th>' in html
    assert '<th colspan="1">Flows</th>' in html
    assert html.count("users at edit") == 1 and "<tfoot>" in html
    counts = ws.counts()
    edit_row = html.split("users at edit</td>")[1].split("</tr>")[0]
    assert edit_row == "".join(f"<td>{counts[n.id][Level.EDIT]}</td>" for n in ws.catalog.nodes)


def test_workspace_html_escapes_and_truncates() -> None:
    records = [{"user": f"<u{i}>", "name": "<script>x</script>", "role": "admin"} for i in range(1003)]
    html = Workspace.from_records(records)._repr_html_()
    assert "<script>x" not in html and "&lt;script&gt;" in html and "&lt;u0&gt;" in html
    assert "and 3 more users" in html and "&lt;u1000&gt;" not in html
    assert "<td>1003</td>" in html  # the summary counts every user


def test_the_notebook_heat_table_is_the_reports() -> None:
    """One renderer: the fragment Jupyter shows is the one the command line's report embeds."""
    import subprocess
    import tempfile

    path = DATA / "workspace-2026-10.json"
    fragment = Workspace.from_path(path)._repr_html_()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.html"
        subprocess.run(
            [sys.executable, "-m", "studio_permissions", "report", str(path), "-o", str(out)], check=True, timeout=120
        )
        assert fragment in out.read_text(encoding="utf-8")


def test_workspace_html_lists_problems() -> None:
    html = Workspace.from_json(BAD, lenient=True)._repr_html_()
    assert "6 problems" in html and "duplicate_user" in html and "(loaded)" in html


def test_diff_html(october: Workspace, november: Workspace) -> None:
    d = october.diff(november)
    html = d._repr_html_()
    assert html.startswith('<div class="sp-diff">')
    assert f"{len(d.escalated)} with escalations" in html
    first = d.changed[0]
    assert html.index(first.user) < html.index(d.changed[-1].user)
    assert "#b91c1c" in html and "&lt;" not in html
    assert Workspace.from_records([]).diff(Workspace.from_records([]))._repr_html_().count("none") == 2


def test_a_diff_of_20000_promotions_renders_a_bounded_fragment() -> None:
    members = [{"user": f"u{i:05}", "role": "member"} for i in range(20_000)]
    admins = [{"user": f"u{i:05}", "role": "admin"} for i in range(20_000)]
    diff = Workspace.from_records(members).diff(Workspace.from_records(admins))
    assert len(diff.changed) == 20_000
    html = diff._repr_html_()
    assert len(html) < 2_000_000, len(html)
    assert "and 19800 more changed users" in html
    assert html.count("capability or admin gained") == 200


# ---- threads -------------------------------------------------------------------


def test_shared_across_threads(october: Workspace) -> None:
    expected = october.who_can("deployments", "edit")
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                results.append(october.who_can("deployments", "edit"))
                Workspace.from_json_lines("\n".join(json.dumps(r) for r in october.to_records()[:50]))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 200 and all(r == expected for r in results)


# ---- property: a workspace answers as its users' access sets do ---------------

IDS = [n.id for n in Catalog.default().nodes]
DOCS = st.fixed_dictionaries(
    {"role": st.sampled_from(["member", "member", "member", "admin"])},
    optional={
        "permissions": st.dictionaries(st.sampled_from(IDS), st.sampled_from(["none", "read", "edit"]), max_size=8)
    },
)


@settings(max_examples=60, deadline=None)
@given(st.lists(DOCS, max_size=12), st.sampled_from(IDS), st.sampled_from(["view", "edit"]))
def test_workspace_agrees_with_access_sets(docs: list[dict[str, object]], node: str, action: str) -> None:
    records = [{"user": f"u{i}", **doc} for i, doc in enumerate(docs)]
    w = Workspace.from_records(records, lenient=True)
    sets = [AccessSet.from_dict(doc, lenient=True) for doc in docs]
    assert [u.id for u in w] == [r["user"] for r in records]
    assert [u.access for u in w] == sets
    assert [p.code for p in w.problems] == [warning.code for s in sets for warning in s.warnings]
    assert all(not p.fatal for p in w.problems)
    assert w.who_can(node, action) == [r["user"] for r, s in zip(records, sets) if s.can(node, action)]
    assert w.who_has("users.manage") == [r["user"] for r, s in zip(records, sets) if s.capability("users.manage")]
    for level in Level:
        assert w.counts()[node][level] == sum(s.level(node) is level for s in sets)


def test_a_one_line_export_numbers_its_records() -> None:
    # Python's default `json.dump` puts every record on line 1.
    text = json.dumps([{"user": "a", "role": "member"}, {"user": "b", "role": "boss"}, {"user": "a", "role": "admin"}])
    with pytest.raises(sp.InvalidWorkspaceError) as info:
        Workspace.from_json(text)
    assert [(p.line, p.record, p.code) for p in info.value.problems] == [
        (1, 2, "unknown_role"),
        (1, 3, "duplicate_user"),
    ]


def test_to_records_leaves_the_garbage_collector_as_it_found_it(october: Workspace) -> None:
    import gc

    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            assert october.to_records()
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
