"""Docs are tests: every fenced block of README.md, the two package READMEs
and docs/*.md is run or checked, or says on the line before its fence why it
cannot be (``<!-- snippet: not run (the reason) -->``), or names the script
that runs it as written (``<!-- snippet: run by path (what it runs on) -->``).
One reader finds the blocks and their markers for this test and the Node one:
``tests/docs/fenced_blocks.py``, where the markers' grammar is written.

- ``python``: run, from the repository root (so the examples' paths resolve);
  one marked ``<!-- snippet: after "Heading" -->`` runs after the block it names.
- ``js``: run by the Node tests (``bindings-node/test/snippets.test.mjs``).
- ``rust``: the root README's tour is a doc test of the core (``core/src/lib.rs``).
- ``json``: parsed, and judged by what it shows: a document, a catalog, a
  migration, an export record, a view, a conformance vector.
- ``console``: each ``$ command`` runs in a folder holding the files the docs
  name (the example exports, catalog and migration, and ``tests/docs/``), with
  ``studio-permissions`` on ``PATH`` as this package's command line; its
  output (stdout and stderr, as a terminal shows them) must be the lines that
  follow, where a line that starts with ``...`` stands for any number of
  lines, and one that ends with ``...`` for the rest of a long line.
- ``markdown``: an output, marked ``<!-- snippet: output of `command` -->``,
  compared in the same way.
- ``yaml``: a GitHub Actions workflow, validated against the workflow schema.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, RUNNER

from studio_permissions import AccessSet, Catalog, Migration, Workspace

# The one reader of the docs' blocks and markers, shared with the Node test.
_reader = importlib.util.spec_from_file_location("fenced_blocks", ROOT / "tests/docs/fenced_blocks.py")
assert _reader is not None and _reader.loader is not None
fenced_blocks = importlib.util.module_from_spec(_reader)
sys.modules["fenced_blocks"] = fenced_blocks  # dataclasses look their module up by name
_reader.loader.exec_module(fenced_blocks)
Block = fenced_blocks.Block

# Each language and how it is checked; any other needs a not-run marker.
CHECKED = {"python", "js", "json", "console", "markdown", "yaml", "rust"}

BLOCKS: list[Block] = fenced_blocks.inventory(ROOT)
BY_LINE = {(b.file, b.line): b for b in BLOCKS}


def of(language: str) -> list[Block]:
    return [b for b in BLOCKS if b.language == language and b.not_run is None and b.run_by is None]


def test_every_block_is_checked_or_says_why_not() -> None:
    assert len(BLOCKS) > 40
    unchecked = []
    for block in BLOCKS:
        if block.not_run is not None:
            assert len(block.not_run) > 15, f"{block.name}: say why it is not run"
        elif block.run_by is not None:
            script = (ROOT / block.run_by).read_text(encoding="utf-8")
            assert block.file in script, f"{block.name}: {block.run_by} does not read {block.file}"
        elif block.language not in CHECKED:
            unchecked.append(f"{block.name} ({block.language or 'no language'})")
    assert not unchecked, "run these blocks, or mark them <!-- snippet: not run (why) -->: " + ", ".join(unchecked)


def test_the_reader_refuses_a_marker_outside_its_grammar(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    good = '# Use\n\n```python\nx = 1\n```\n\n<!-- snippet: after "Use" -->\n```python\nprint(x)\n```\n'
    (tmp_path / "README.md").write_text(good, encoding="utf-8")
    first, second = fenced_blocks.blocks_of("README.md", tmp_path)
    assert (second.marker, second.value, second.after) == ("after", "Use", first.line)
    for marker in [
        "<!-- snippet: skip -->",
        "<!-- snippet: not run (short) -->",
        '<!-- snippet: after "Nowhere" -->',
        "<!-- snippet: not run (a reason long enough) --> and more",
    ]:
        (tmp_path / "README.md").write_text(f"{marker}\n```js\nf();\n```\n", encoding="utf-8")
        with pytest.raises(fenced_blocks.MarkerError):
            fenced_blocks.blocks_of("README.md", tmp_path)
    # A marker separated from its fence marks nothing: an error, not a run block.
    (tmp_path / "README.md").write_text(
        "<!-- snippet: not run (a reason long enough) -->\n\n```js\nf();\n```\n", encoding="utf-8"
    )
    with pytest.raises(fenced_blocks.MarkerError, match="just before"):
        fenced_blocks.blocks_of("README.md", tmp_path)


def test_the_node_test_reads_the_same_inventory() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests/docs/fenced_blocks.py"), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["docs"] == fenced_blocks.docs(ROOT)
    assert [(b["file"], b["line"], b["language"]) for b in printed["blocks"]] == [
        (b.file, b.line, b.language) for b in BLOCKS
    ]


def test_the_only_rust_block_is_the_core_doc_test() -> None:
    rust = of("rust")
    assert [b.file for b in rust] == ["README.md"]
    assert '#[doc = include_str!("../../README.md")]' in (ROOT / "core/src/lib.rs").read_text(encoding="utf-8")


@pytest.mark.parametrize("block", of("python"), ids=lambda b: b.name)
def test_python_blocks_run(block: Block, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = block.text if block.after is None else BY_LINE[block.file, block.after].text + block.text
    exec(compile(text, block.name, "exec", dont_inherit=True), {})


NAV_2027 = ROOT / "examples/catalogs/navigation-2027.json"
MIGRATION_2027 = ROOT / "examples/migrations/default-to-2027.json"


@pytest.mark.parametrize("block", of("json"), ids=lambda b: b.name)
def test_json_blocks_are_what_they_show(block: Block, tmp_path: Path) -> None:
    value = json.loads(block.text)
    text = json.dumps(value)
    if "cases" in value:  # a conformance vector: it passes
        vector = tmp_path / "vector.json"
        vector.write_text(block.text, encoding="utf-8")
        done = subprocess.run([sys.executable, str(RUNNER), str(vector)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and done.stdout.strip().endswith("passed, 0 failed"), done.stdout + done.stderr
    elif "areas" in value:
        Catalog.from_json(text)
    elif "map" in value:
        # A few entries: over the example migration, they still make one.
        whole = json.loads(MIGRATION_2027.read_text("utf-8"))
        whole["map"].update(value["map"])
        target = Catalog.from_json(NAV_2027.read_text("utf-8"))
        Migration.from_json(
            json.dumps({**whole, **{k: v for k, v in value.items() if k != "map"}}),
            source=Catalog.default(),
            target=target,
        )
    elif "user" in value:
        assert len(Workspace.from_json_lines(text)) == 1
    elif "view" in value:
        # The view of a set of the default catalog: some set gives exactly it.
        access = AccessSet.from_dict(view_document(value))
        assert access.view() == value
    else:
        AccessSet.from_json(block.text)  # a stored document, strictly


def view_document(view: dict[str, object]) -> dict[str, object]:
    """The smallest document with the view's levels (catalog order)."""
    ids = [node.id for node in Catalog.default()]
    levels = str(view["levels"])
    names = {"0": "none", "1": "read", "2": "edit"}
    access = AccessSet.from_dict({"role": str(view["role"])})
    for id, digit in zip(ids, levels, strict=True):
        if access.level(id).value != names[digit]:
            access = access.set(id, names[digit])
    return access.to_dict()


# The files the command-line docs name, in one folder.
SANDBOX_FILES = {
    "exports/2026-10.json": "examples/data/workspace-2026-10.json",
    "exports/2026-11.json": "examples/data/workspace-2026-11.json",
    "navigation-2027.json": "examples/catalogs/navigation-2027.json",
    "default-to-2027.json": "examples/migrations/default-to-2027.json",
}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(
        ROOT / "tests/docs", folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    for name, source in SANDBOX_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, folder / name)
    bin_dir = folder / ".bin"
    bin_dir.mkdir()
    command = bin_dir / "studio-permissions"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m studio_permissions "$@"\n', encoding="utf-8")
    command.chmod(0o755)
    return folder


def run_commands(commands: list[str], folder: Path) -> list[str]:
    """Each command's output lines (stdout and stderr interleaved, as on a
    terminal), run in one shell so that `$?` is the previous command's."""
    script = ["exec 2>&1"]
    for i, command in enumerate(commands):
        script += [command, f"__rc=$?; echo '@@snippet {i}'; (exit $__rc)"]
    env = {**os.environ, "PATH": f"{folder / '.bin'}:{os.environ['PATH']}", "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )
    outputs, current = [], []
    for line in done.stdout.splitlines():
        if re.fullmatch(r"@@snippet \d+", line):
            outputs.append(current)
            current = []
        else:
            current.append(line)
    assert len(outputs) == len(commands), done.stdout
    return outputs


def matches(expected: list[str], actual: list[str]) -> bool:
    """`expected` with each line that starts with `...` (after any indent or
    list dash) standing for any number of lines, and a line that ends with
    `...` for any line that starts with the rest."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if re.match(r"\s*(- )?\.\.\.", head):
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    line = actual[0]
    same = line.startswith(head[:-3]) if head.endswith("...") else line == head
    return same and matches(rest, actual[1:])


def console_session(text: str) -> tuple[list[str], list[list[str]]]:
    commands: list[str] = []
    outputs: list[list[str]] = []
    lines = text.rstrip("\n").split("\n")
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), f"output before any command: {lines[i]!r}"
        command = lines[i][2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1] + lines[i].strip()
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        commands.append(command)
        outputs.append(output)
    return commands, outputs


@pytest.mark.parametrize("block", of("console"), ids=lambda b: b.name)
def test_console_blocks_print_what_they_show(block: Block, sandbox: Path) -> None:
    commands, expected = console_session(block.text)
    actual = run_commands(commands, sandbox)
    for command, want, got in zip(commands, expected, actual, strict=True):
        assert matches(want, got), (
            f"{block.name}: $ {command}\nexpected:\n" + "\n".join(want) + "\ngot:\n" + "\n".join(got)
        )


@pytest.mark.parametrize("block", of("markdown"), ids=lambda b: b.name)
def test_markdown_outputs_are_what_the_command_prints(block: Block, sandbox: Path) -> None:
    command = block.output_of
    assert command is not None, f"{block.name}: mark it <!-- snippet: output of `command` -->"
    (got,) = run_commands([command], sandbox)
    want = block.text.rstrip("\n").split("\n")
    assert matches(want, got), f"{block.name}\nexpected:\n" + "\n".join(want) + "\ngot:\n" + "\n".join(got)


@pytest.mark.parametrize("block", of("yaml"), ids=lambda b: b.name)
def test_yaml_blocks_are_valid_workflows(block: Block, tmp_path: Path) -> None:
    workflow = tmp_path / "workflow.yml"
    workflow.write_text(block.text, encoding="utf-8")
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_wrong_output_line_fails_the_match() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "  ...", "d"], ["a", "d"])
    assert not matches(["a", "...", "d"], ["a", "b", "c", "e"])
    assert not matches(["a"], ["a", "b"])
    assert matches(['{"a":1,...'], ['{"a":1,"b":2}']) and not matches(['{"a":2,...'], ['{"a":1,"b":2}'])
