"""Docs are tests: the package docstring runs and the reference's links resolve
(every fenced block of the docs: test_snippets.py)."""

from __future__ import annotations

import doctest
import os
import pydoc
import re
from pathlib import Path

from conftest import ROOT

import studio_permissions


def test_package_docstring_examples() -> None:
    result = doctest.testmod(studio_permissions, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0


def test_every_link_into_the_reference_names_a_section() -> None:
    """Every link from code and docs into a section of docs/reference.md resolves."""
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    sections = set(re.findall(r'<a id="([a-z0-9-]+)"', reference))
    local = set(re.findall(r"\]\(#([a-z0-9-]+)\)", reference))
    skip = {".git", ".venv", "node_modules", "build", "dist"}
    broken: list[str] = [f"docs/reference.md: #{a}" for a in sorted(local - sections)]
    links = 0
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.startswith("target")]
        for name in files:
            if not name.endswith((".md", ".rs", ".py", ".pyi", ".js", ".mjs", ".ts", ".mk")):
                continue
            path = Path(folder) / name
            for anchor in re.findall(r"reference\.md#([a-z0-9-]+)", path.read_text(encoding="utf-8")):
                links += 1
                if anchor not in sections:
                    broken.append(f"{path.relative_to(ROOT)}: #{anchor}")
    assert links > 20 and not broken, broken


def test_the_fastapi_module_docstring_runs() -> None:
    import studio_permissions.fastapi

    result = doctest.testmod(studio_permissions.fastapi, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0


def test_help_reads_as_product_docs() -> None:
    from studio_permissions import AccessSet, Catalog

    for obj in (AccessSet, Catalog, studio_permissions):
        text = pydoc.render_doc(obj, renderer=pydoc.plaintext)
        assert "SPEC" not in text and "§" not in text and not re.search(r"issue \d", text), obj
    assert "same_access" in (AccessSet.__doc__ or "")
