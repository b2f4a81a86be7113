"""Docs are tests: the README's Python blocks and the package docstring run."""

from __future__ import annotations

import doctest
import os
import pydoc
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, RUNNER

import studio_permissions


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


def test_the_reference_example_vector_passes(tmp_path: Path) -> None:
    """The conformance case shown in docs/reference.md is a real, passing case."""
    text = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```json\n(.*?)```", text, flags=re.S) if '"cases"' in b]
    assert len(blocks) == 1
    vector = tmp_path / "reference.json"
    vector.write_text(blocks[0], encoding="utf-8")
    done = subprocess.run([sys.executable, str(RUNNER), str(vector)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "1 passed, 0 failed"


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
