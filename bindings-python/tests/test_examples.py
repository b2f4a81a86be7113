"""The examples run: the quickstart's assertions hold, the demo prints the
expected shape (root `make demo` compares it byte for byte with Rust)."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLES


def run(script: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_quickstart_runs() -> None:
    out = run("quickstart.py")
    assert "unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?" in out


def test_demo_prints_every_preset() -> None:
    out = run("demo.py")
    lines = out.splitlines()
    assert lines[0] == "read_only_reviewer" and lines[1] == "  navigation:"
    assert "    edit knowledge.faqs -> allowed: level edit, needs edit, reason inherited" in lines
    assert out.endswith("\n") and "\r" not in out
