"""The level order and the direction of a change come from the core.

`Level` compares by the core's order (`_native.LEVEL_ORDER`), and the
escalations and reductions of a diff are the core's own lists, not a
re-sorting of the changes by their direction strings in Python.
"""

from __future__ import annotations

import pytest

from studio_permissions import AccessSet, Level, Workspace
from studio_permissions._native import LEVEL_ORDER


def test_levels_compare_and_rank_in_the_core_order() -> None:
    assert LEVEL_ORDER == ("none", "read", "edit")
    assert [level.rank for level in map(Level, LEVEL_ORDER)] == [0, 1, 2]
    assert sorted([Level.EDIT, Level.NONE, Level.READ]) == [Level(n) for n in LEVEL_ORDER]
    assert Level.READ < "edit" and Level.EDIT >= Level.READ and not Level.NONE > "none"
    with pytest.raises(TypeError):
        assert Level.READ < "write"


def test_a_diff_carries_the_core_partition() -> None:
    a = AccessSet.from_dict({"role": "member", "permissions": {"knowledge": "read", "analytics": "edit"}})
    b = AccessSet.from_dict({"role": "member", "permissions": {"knowledge": "edit", "analytics": "read"}})
    d = a.diff(b)
    assert {c.id for c in d.escalations} >= {"knowledge"} and {c.id for c in d.reductions} >= {"analytics"}
    assert all(c.after > c.before and c.direction == "escalation" for c in d.escalations)
    assert all(c.after < c.before and c.direction == "reduction" for c in d.reductions)
    assert sorted(d.escalations + d.reductions, key=d.levels.index) == list(d.levels)
    assert a.diff(a).escalations == () == a.diff(a).reductions


def test_a_workspace_change_carries_the_core_verdicts() -> None:
    before = Workspace.from_records(
        [
            {"user": "u", "role": "member", "permissions": {"knowledge": "read"}},
            {"user": "v", "role": "admin"},
        ]
    )
    after = Workspace.from_records(
        [
            {"user": "u", "role": "member", "permissions": {"knowledge": "edit"}},
            {"user": "v", "role": "member"},
        ]
    )
    diff = after.diff(before)
    by_user = {c.user: c for c in before.diff(after).changed}
    assert by_user["u"].escalates and by_user["u"].escalations and not by_user["u"].reductions
    assert not by_user["v"].escalates and by_user["v"].reductions and by_user["v"].capabilities_lost
    assert by_user["v"].capabilities_gained == ()
    back = {c.user: c for c in diff.changed}
    assert back["v"].escalates and back["v"].capabilities_gained == by_user["v"].capabilities_lost
    assert [c.user for c in diff.escalated] == [c.user for c in diff.changed if c.escalates]
