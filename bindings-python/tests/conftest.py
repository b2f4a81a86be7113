"""Shared fixtures: the repository paths and a few access sets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studio_permissions import AccessSet, Catalog

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "python"
VECTORS = ROOT / "tests" / "conformance" / "vectors"
RUNNER = ROOT / "tests" / "conformance" / "run.py"

if str(EXAMPLES) not in sys.path:
    sys.path.insert(0, str(EXAMPLES))


@pytest.fixture
def catalog() -> Catalog:
    return Catalog.default()


@pytest.fixture
def editor() -> AccessSet:
    """knowledge edit with sources restricted to read; analytics read."""
    return AccessSet.from_dict(
        {"role": "member", "permissions": {"analytics": "read", "knowledge": "edit", "knowledge.sources": "read"}}
    )


SMALL_CATALOG = """{
  "version": "test-1",
  "areas": [
    {"id": "a", "name": "A", "description": "area a",
     "children": [{"id": "x", "name": "X", "children": [{"id": "deep", "name": "Deep"}]},
                  {"id": "y", "name": "Y"}]},
    {"id": "b", "name": "B"}
  ],
  "presets": {"a_reader": {"a": "read", "a.y": "none"}},
  "capabilities": {"users.manage": {"roles": ["admin"]},
                   "reports.view": {"roles": ["admin", "member"], "clusters": ["enterprise"]}}
}"""


@pytest.fixture
def small_catalog() -> Catalog:
    return Catalog.from_json(SMALL_CATALOG)
