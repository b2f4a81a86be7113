"""A refused `require` raises `PermissionDenied` whose reason is built when read.

The exception carries a `Refusal`; its message and `Explanation` must be the
core's, equal to what `explain` gives, however and however often they are read.
"""

from __future__ import annotations

import pickle

import pytest

from studio_permissions import AccessSet, PermissionDenied, Reason, UnknownActionError, UnknownAreaError

KE = AccessSet.from_dict({"role": "member", "permissions": {"knowledge": "edit", "knowledge.sources": "read"}})


def refused(access: AccessSet, id: str, action: str) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as info:
        access.require(id, action)
    return info.value


def test_the_reason_read_late_is_the_reason_of_the_refusal() -> None:
    e = refused(KE, "knowledge.sources", "edit")
    d = e.explanation
    assert d == KE.explain("knowledge.sources", "edit") and not d.allowed and d.reason is Reason.EXPLICIT
    assert e.explanation is d  # built once
    assert e.path == "knowledge.sources"
    assert str(e) == "permission denied: `edit` on `knowledge.sources` needs `edit`, the level is `read` (explicit)"
    assert str(e.args[0]) == str(e) and repr(e) == f"PermissionDenied({str(e)!r})"


def test_str_first_then_explanation_and_pickle() -> None:
    e = refused(AccessSet.member(), "analytics", "view")
    assert str(e).startswith("permission denied: `view` on `analytics`")
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is PermissionDenied and str(again) == str(e) and again.explanation == e.explanation
    assert again.path == "analytics" and again.args == (str(e), e.explanation)


def test_every_refusal_is_its_own() -> None:
    a = refused(KE, "knowledge.sources", "delete")
    b = refused(KE, "analytics", "view")
    assert (a.path, b.path) == ("knowledge.sources", "analytics")
    assert a.explanation.action.value == "delete" and b.explanation.reason is Reason.NOT_GRANTED


def test_allowed_returns_none_and_bad_arguments_raise_before_any_refusal() -> None:
    assert KE.require("knowledge.faqs", "delete") is None
    with pytest.raises(UnknownAreaError):
        KE.require("knowlege", "Edit")
    with pytest.raises(UnknownActionError):
        KE.require("analytics", "Edit")


def test_a_constructed_refusal_keeps_its_message_and_explanation() -> None:
    d = KE.explain("analytics", "view")
    e = PermissionDenied("no", d)
    assert str(e) == "no" and e.explanation is d and e.path == "analytics"
    assert isinstance(e, PermissionError)
