"""Docs are tests: the README's Python blocks and the package docstring run."""

from __future__ import annotations

import doctest
import pydoc
import re

import studio_permissions
from conftest import ROOT


import pytest


@pytest.mark.parametrize("readme", ["bindings-python/README.md", "README.md"])
def test_readme_python_blocks_run(readme: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the tours use paths from the repository root
    text = (ROOT / readme).read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, readme, "exec", dont_inherit=True), {})


def test_package_docstring_examples() -> None:
    result = doctest.testmod(studio_permissions, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0


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
