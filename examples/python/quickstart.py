"""Quickstart: load a user's stored permissions, check them, change them.

Run: python examples/python/quickstart.py
"""

from studio_permissions import (
    AccessSet,
    Action,
    Level,
    PermissionDenied,
    UnknownAreaError,
)

# A document as a service stores it (docs/reference.md#document): a member who reads analytics,
# edits knowledge, but only reads its sources.
doc = {
    "role": "member",
    "permissions": {"analytics": "read", "knowledge": "edit", "knowledge.sources": "read"},
}
user = AccessSet.from_dict(doc)

# Checks: plain strings or the enums, whichever reads better.
assert user.can("knowledge.faqs", "edit")  # inherited from `knowledge`
assert not user.can("knowledge.sources", Action.EDIT)  # restricted below its parent
assert user.level("analytics.kpis") is Level.READ
assert user.level("deployments") < Level.READ  # never granted: hidden

# Guard an operation in one line: PermissionDenied is a PermissionError.
try:
    user.require("knowledge.sources", "delete")
except PermissionDenied as denied:
    print(denied)  # permission denied: `delete` on `knowledge.sources` needs `edit`, ...
    assert denied.explanation.reason == "explicit"

# A typo is an error, never a silent `False`.
try:
    user.can("knowlege.faqs", "view")
except UnknownAreaError as e:
    print(e)  # unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?

# Why? The chain from the area down to the sub-section.
decision = user.explain("knowledge.sources", "edit")
print(decision)
for link in decision.chain:
    print(f"  {link.id}: stores {link.stored}, effective {link.level}")

# Changes return new sets; the old one is untouched.
promoted = user.set("knowledge.sources", "edit").set("deployments", Level.READ)
print([change.id for change in user.diff(promoted).escalations][:3])
assert user.within(promoted) and not promoted.within(user)

# The navigation tree this user sees, and the canonical document to store.
print([node.id for node in promoted.visible()][:5])
print(promoted.to_json())

# Presets and admins.
reviewer = AccessSet.preset("read_only_reviewer")
assert not reviewer.capability("users.manage")
assert AccessSet.admin().capability("studio_assistant.use", cluster="enterprise")
