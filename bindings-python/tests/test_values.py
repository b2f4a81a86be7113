"""Value semantics (immutable, hashable, ==, pickle, copy), threads, enums,
and the Jupyter views."""

from __future__ import annotations

import copy
import pickle
import threading

import pytest
from conftest import SMALL_CATALOG

from studio_permissions import (
    AccessSet,
    Action,
    Catalog,
    Cluster,
    InvalidLevelError,
    Level,
    Reason,
    Role,
    UnknownActionError,
    UnknownClusterError,
    UnknownRoleError,
)


def test_equality_is_by_canonical_document_and_catalog(editor: AccessSet, small_catalog: Catalog) -> None:
    same = AccessSet.from_json(editor.to_json())
    assert same == editor and hash(same) == hash(editor)
    assert editor != editor.set("flows", "read")
    assert editor != editor.with_role("admin")
    assert editor != "not a set" and editor != editor.to_json()
    a = AccessSet.admin(catalog=small_catalog)
    b = AccessSet.admin(catalog=Catalog.from_json(SMALL_CATALOG))
    assert a == b and hash(a) == hash(b)
    assert a != AccessSet.admin()
    # Warnings are not part of the value.
    lenient = AccessSet.from_json('{"role":"member","x":1}', lenient=True)
    assert lenient == AccessSet.member() and lenient.warnings


def test_usable_as_dict_keys_and_in_sets(editor: AccessSet) -> None:
    seen = {editor, AccessSet.from_dict(editor.to_dict()), AccessSet.admin()}
    assert len(seen) == 2
    assert {editor: "x"}[AccessSet.from_json(editor.to_json())] == "x"


def test_immutable(editor: AccessSet) -> None:
    with pytest.raises(AttributeError):
        editor.role = Role.ADMIN  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        editor.extra = 1  # type: ignore[attr-defined]
    d = editor.to_dict()
    d["role"] = "admin"
    assert editor.role is Role.MEMBER  # to_dict is a copy
    e = editor.effective()
    e["flows"] = Level.EDIT
    assert editor.level("flows") is Level.NONE


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trips(editor: AccessSet, small_catalog: Catalog, protocol: int) -> None:
    for value in (editor, AccessSet.admin(), AccessSet.preset("a_reader", catalog=small_catalog)):
        again = pickle.loads(pickle.dumps(value, protocol))
        assert again == value and again.to_json() == value.to_json() and again.catalog == value.catalog
    for cat in (small_catalog, Catalog.default()):
        assert pickle.loads(pickle.dumps(cat, protocol)) == cat


def test_pickle_keeps_lenient_warnings() -> None:
    s = AccessSet.from_json(
        '{"role":"member","permissions":{"knowledge":"read","knowledge.faqs":"edit","nope":"read"}}', lenient=True
    )
    again = pickle.loads(pickle.dumps(s))
    assert again == s and again.warnings == s.warnings and len(s.warnings) == 2


def test_copy_and_deepcopy_are_the_same_immutable_value(editor: AccessSet, catalog: Catalog) -> None:
    assert copy.copy(editor) is editor
    assert copy.deepcopy(editor) is editor
    assert copy.deepcopy({"k": [editor]})["k"][0] == editor
    assert copy.copy(catalog) is catalog and copy.deepcopy(catalog) is catalog


def test_records_are_frozen_values(editor: AccessSet) -> None:
    d = editor.explain("knowledge.sources", "view")
    assert d == editor.explain("knowledge.sources", "view") and hash(d) == hash(
        editor.explain("knowledge.sources", "view")
    )
    with pytest.raises(AttributeError):
        d.allowed = False  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(d)) == d
    diff = editor.diff(AccessSet.admin())
    assert pickle.loads(pickle.dumps(diff)) == diff


def test_shared_across_threads(editor: AccessSet) -> None:
    expected = {(n, a): editor.can(n, a) for n in editor.effective() for a in Action}
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        try:
            barrier.wait()
            for _ in range(200):
                for (node, action), want in expected.items():
                    assert editor.can(node, action) is want
                editor.set("flows", "read").clear("flows")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_level_is_an_ordered_str_enum() -> None:
    assert list(Level) == [Level.NONE, Level.READ, Level.EDIT]
    assert Level.NONE < Level.READ < Level.EDIT and max(Level) is Level.EDIT
    assert Level.READ >= "read" and "edit" > Level.READ
    assert Level("read") is Level.READ and str(Level.EDIT) == "edit" and Level.READ.rank == 1
    assert sorted(["edit", Level.NONE, "read"], key=Level) == ["none", "read", "edit"]
    with pytest.raises(TypeError):
        _ = Level.READ < "write"
    with pytest.raises(TypeError):
        _ = Level.READ < 1


def test_enum_parsing_goes_through_the_core() -> None:
    with pytest.raises(InvalidLevelError, match="invalid level `Read`"):
        Level("Read")
    with pytest.raises(UnknownActionError):
        Action("publish")
    with pytest.raises(UnknownRoleError):
        Role("owner")
    with pytest.raises(UnknownClusterError):
        Cluster("gov")
    assert {Action(a) for a in ("view", "create", "edit", "delete")} == set(Action)
    assert Reason("parent_none") is Reason.PARENT_NONE


def test_reprs_are_short(editor: AccessSet) -> None:
    assert repr(editor) == "<AccessSet member analytics=read knowledge=edit knowledge.sources=read>"
    assert repr(AccessSet.preset("full_developer")).endswith("…+6>")
    assert repr(AccessSet.admin()) == "<AccessSet admin (stores nothing)>"


def test_access_set_html_marks_every_node(editor: AccessSet) -> None:
    html = editor._repr_html_()
    assert html.count("<tr>") == len(editor.catalog) + 1
    assert "explicit" in html and "inherited" in html and "not granted" in html
    hidden = AccessSet.preset("knowledge_editor")._repr_html_()
    assert "hidden by parent" in hidden
    assert "#047857" in html  # edit is green
    lenient = AccessSet.from_json('{"role":"member","x":1}', lenient=True)._repr_html_()
    assert "unknown_field" in lenient


def test_html_escapes_catalog_text() -> None:
    cat = Catalog.from_json('{"areas":[{"id":"a","name":"<script>x</script>"}]}')
    html = AccessSet.admin(catalog=cat)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_explanation_and_diff_html(editor: AccessSet) -> None:
    html = editor.explain("knowledge.sources", "edit")._repr_html_()
    assert "denied" in html and "knowledge.sources" in html and "explicit" in html
    diff_html = editor.diff(AccessSet.admin(), "enterprise")._repr_html_()
    assert "escalation" in diff_html and "studio_assistant.use" in diff_html and "role" in diff_html
    assert "nothing differs" in editor.diff(editor)._repr_html_()


def test_record_reprs_are_short(editor: AccessSet) -> None:
    assert repr(editor.explain("knowledge.sources", "edit")) == (
        "<Explanation denied: edit on knowledge.sources needs edit, level read (explicit)>"
    )
    assert repr(editor.diff(AccessSet.admin())) == (
        "<Diff on standard: 36 escalations; 0 reductions; role member -> admin; "
        "capabilities users.manage, billing.manage, projects.manage>"
    )
    assert repr(editor.diff(editor)) == "<Diff on standard: 0 escalations; 0 reductions>"


def test_every_immutable_object_copies_as_itself(editor: AccessSet, catalog: Catalog) -> None:
    from studio_permissions import PermissionDenied, Workspace

    # Migration's own test is in test_migration.py.
    workspace = Workspace.from_json('[{"user": "a", "role": "member"}]')
    for value in (editor, catalog, workspace):
        assert copy.copy(value) is value
        assert copy.deepcopy(value) is value
        assert copy.deepcopy({"k": [value]})["k"][0] is value
    # A refusal's reason is immutable too: the error deep-copies.
    with pytest.raises(PermissionDenied) as info:
        editor.require("deployments", "edit")
    again = copy.deepcopy(info.value)
    assert type(again) is PermissionDenied and str(again) == str(info.value)


def test_a_check_answers_the_same_for_every_kind_of_string(editor: AccessSet, small_catalog: Catalog) -> None:
    """`can` and `level` find an id by identity with the interned id, by its
    text, or (a str subclass, an enum member) through the core: one answer."""

    class Named(str):
        def __hash__(self) -> int:
            return 0

        def __eq__(self, other: object) -> bool:
            return True

    for node in editor.catalog.ids:
        built = "".join(list(node))  # equal text, another object
        assert built is not node or len(node) < 2
        for action in Action:
            want = editor.explain(node, action.value).allowed
            for id_ in (node, built, Named(node)):
                for act in (action.value, action, "".join(list(action.value)), Named(action.value)):
                    assert editor.can(id_, act) is want, (id_, act)
        assert editor.level(built) == editor.level(Named(node)) == editor.level(node)
    # Another catalog's index answers for its own sets.
    small = AccessSet.admin(catalog=small_catalog)
    for node in small_catalog.ids:
        assert small.can(node, "edit") and small.level(node) == Level.EDIT
    with pytest.raises(UnknownActionError):
        editor.can("flows", "Edit")
