"""`Explanation` is the name of what `explain` returns, as in Rust and Node.

The former names still work for one minor version, and warn: the package's
`Decision` (the same class) and `PermissionDenied.decision` (the same object
as `.explanation`).
"""

from __future__ import annotations

import pickle
import warnings

import pytest

import studio_permissions as sp
from studio_permissions import AccessSet, Explanation, PermissionDenied

KE = AccessSet.from_dict({"role": "member", "permissions": {"knowledge": "edit", "knowledge.sources": "read"}})


def refused() -> PermissionDenied:
    with pytest.raises(PermissionDenied) as info:
        KE.require("knowledge.sources", "edit")
    return info.value


def test_explain_returns_an_explanation() -> None:
    e = KE.explain("knowledge.sources", "edit")
    assert type(e) is Explanation and Explanation.__name__ == "Explanation"
    assert repr(e).startswith("<Explanation denied: ")
    assert type(refused().explanation) is Explanation


def test_decision_is_a_deprecated_alias_of_explanation() -> None:
    with pytest.warns(DeprecationWarning, match=r"^Decision is renamed Explanation; ") as caught:
        decision = sp.Decision
    assert decision is Explanation
    assert caught[0].filename == __file__  # the warning names the user's line
    assert isinstance(KE.explain("knowledge", "view"), decision)
    with pytest.warns(DeprecationWarning, match="Decision is renamed Explanation"):
        from studio_permissions import Decision
    assert Decision is Explanation


def test_the_alias_is_not_exported_and_other_names_still_fail() -> None:
    assert "Decision" not in sp.__all__ and "Explanation" in sp.__all__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exec("from studio_permissions import *", {})  # `import *` does not warn
    with pytest.raises(AttributeError, match="has no attribute 'Decisions'"):
        sp.Decisions  # type: ignore[attr-defined]  # noqa: B018


def test_decision_is_a_deprecated_property_giving_the_explanation() -> None:
    e = refused()
    with pytest.warns(DeprecationWarning, match=r"^PermissionDenied\.decision is renamed explanation; ") as caught:
        d = e.decision
    assert caught[0].filename == __file__
    assert d is e.explanation and d == KE.explain("knowledge.sources", "edit")


def test_constructing_and_pickling_keep_working() -> None:
    explanation = KE.explain("analytics", "view")
    e = PermissionDenied("no", explanation)
    assert e.explanation is explanation and e.path == "analytics" and str(e) == "no"
    with pytest.warns(DeprecationWarning):
        assert e.decision is explanation
    again = pickle.loads(pickle.dumps(refused()))
    assert type(again) is PermissionDenied and again.explanation == KE.explain("knowledge.sources", "edit")
    assert again.args == (str(again), again.explanation)
    with pytest.warns(DeprecationWarning):
        assert again.decision is again.explanation
