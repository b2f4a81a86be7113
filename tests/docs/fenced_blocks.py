"""The fenced blocks of the docs and their markers, read once for every test.

The docs are README.md, the two package READMEs and docs/*.md. A block is a
fence (a line of three backticks and a language, or none) up to the next line
that starts with three backticks. The line before the fence may mark it, in
one of four forms:

- ``<!-- snippet: not run (the reason) -->``: no test runs it; the reason
  says why, in more than 15 characters.
- ``<!-- snippet: run by <path> (what it runs on) -->``: the script at that
  path runs it as written (it finds the marker, and it reads the file).
- ``<!-- snippet: output of `command` -->``: the block is what the command
  prints.
- ``<!-- snippet: after "Heading" -->``: the block runs after the first block
  of its language under the first heading that contains that text (it uses
  its names).

A line that starts with ``<!-- snippet:`` in any other form, or a marker that
is not on the line just before a fence, is an error: a marker the tests would not understand never
passes for one they do.

The pytest test over the docs (bindings-python/tests/test_snippets.py)
imports this module; the Node test (bindings-node/test/snippets.test.mjs)
runs ``python3 tests/docs/fenced_blocks.py --json`` and reads the inventory it
prints; a script that runs a block finds it with
``python3 tests/docs/fenced_blocks.py --run-by <its path> [FILE]``. Standard library only, so that it runs without the project's venv.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FENCE = re.compile(r"```(\S*)\s*")
MARKER_START = "<!-- snippet:"
MARKER = re.compile(r"<!-- snippet: (.*?) -->\s*")
# The four forms, each with the one value it carries.
FORMS = {
    "not run": re.compile(r"not run \((.+)\)"),
    "run by": re.compile(r"run by (\S+) \(.+\)"),
    "output of": re.compile(r"output of `(.+)`"),
    "after": re.compile(r'after "(.+)"'),
}
MIN_REASON = 16


class MarkerError(ValueError):
    """A marker outside the grammar above, or one that marks no block."""


@dataclass
class Block:
    file: str
    line: int
    """1-based line of the opening fence."""
    language: str
    text: str
    """The lines between the fences, each ending with a newline."""
    marker: str | None = None
    """The marker's form: `not run`, `run by`, `output of` or `after`."""
    value: str | None = None
    """What the marker says: the reason, the script, the command or the heading."""
    after: int | None = None
    """For `after`: the line of the block this one runs after (same file)."""

    @property
    def name(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def not_run(self) -> str | None:
        return self.value if self.marker == "not run" else None

    @property
    def run_by(self) -> str | None:
        return self.value if self.marker == "run by" else None

    @property
    def output_of(self) -> str | None:
        return self.value if self.marker == "output of" else None


def docs(root: Path = ROOT) -> list[str]:
    """The files whose blocks are tests, relative to `root`."""
    return ["README.md", "bindings-python/README.md", "bindings-node/README.md"] + sorted(
        f"docs/{path.name}" for path in (root / "docs").glob("*.md")
    )


def parse_marker(line: str, where: str) -> tuple[str, str] | None:
    """The form and value of a marker line, None for a line that is no marker."""
    if not line.startswith(MARKER_START):
        return None
    marker = MARKER.fullmatch(line)
    if marker is None:
        raise MarkerError(f"{where}: a marker is a line of its own, `<!-- snippet: ... -->`: {line!r}")
    for form, pattern in FORMS.items():
        found = pattern.fullmatch(marker[1])
        if found is not None:
            if form == "not run" and len(found[1]) < MIN_REASON:
                raise MarkerError(f"{where}: say why the block is not run, in more than 15 characters")
            return form, found[1]
    raise MarkerError(f"{where}: not a marker: {line!r} (forms: {', '.join(FORMS)})")


def blocks_of(file: str, root: Path = ROOT) -> list[Block]:
    """Every fenced block of one Markdown file, in order, with its marker."""
    lines = (root / file).read_text(encoding="utf-8").split("\n")
    found: list[Block] = []
    marked: set[int] = set()
    i = 0
    while i < len(lines):
        fence = FENCE.fullmatch(lines[i])
        if fence is None:
            i += 1
            continue
        start, body = i, []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        block = Block(file, start + 1, fence[1], "\n".join(body) + "\n")
        if start > 0:
            parsed = parse_marker(lines[start - 1], f"{file}:{start}")
            if parsed is not None:
                block.marker, block.value = parsed
                marked.add(start - 1)
        found.append(block)
    # A marker that marks no block (a blank line between it and the fence).
    inside = {n for b in found for n in range(b.line - 1, b.line + b.text.count("\n") + 1)}
    for n, line in enumerate(lines):
        if n not in marked and n not in inside and line.startswith(MARKER_START):
            parse_marker(line, f"{file}:{n + 1}")
            raise MarkerError(f"{file}:{n + 1}: a marker goes on the line just before its block's fence")
    for block in found:
        if block.marker == "after":
            block.after = _after(block, found, lines)
    return found


def _after(block: Block, found: list[Block], lines: list[str]) -> int:
    heading = next(
        (n for n, line in enumerate(lines) if re.match(r"#+ ", line) and block.value in line),
        None,
    )
    first = (
        None
        if heading is None
        else next((b for b in found if b.line > heading + 1 and b.language == block.language), None)
    )
    if first is None or first is block:
        raise MarkerError(f'{block.name}: no {block.language} block under a heading with "{block.value}"')
    return first.line


def inventory(root: Path = ROOT) -> list[Block]:
    """Every block of every doc, file by file."""
    return [block for file in docs(root) for block in blocks_of(file, root)]


USAGE = """usage: fenced_blocks.py --json
         prints every block of the docs as JSON
       fenced_blocks.py --run-by PATH [FILE]
         prints the text of the one block marked `run by PATH` (in FILE, or in the docs)"""


def main(argv: list[str]) -> int:
    try:
        if argv == ["--json"]:
            blocks = inventory()
            json.dump({"docs": docs(), "blocks": [asdict(b) for b in blocks]}, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
            return 0
        if len(argv) in (2, 3) and argv[0] == "--run-by":
            files = argv[2:] or docs()
            ran = [b for file in files for b in blocks_of(file) if b.run_by == argv[1]]
            if len(ran) != 1:
                print(
                    f"fenced_blocks: {len(ran)} blocks marked `run by {argv[1]}` in {', '.join(files)}", file=sys.stderr
                )
                return 1
            sys.stdout.write(ran[0].text)
            return 0
    except MarkerError as err:
        print(err, file=sys.stderr)
        return 1
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
