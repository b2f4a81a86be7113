"""The package's public names against ``docs/api.md``, both ways: every
Python name in the table exists, and every public name of ``Catalog``,
``AccessSet``, ``Workspace``, ``Diff``, ``WorkspaceDiff``, ``Migration`` and
``__all__`` has a row."""

from __future__ import annotations

from pathlib import Path

import pytest

import studio_permissions

API_TABLE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
CLASSES = {
    "Catalog": studio_permissions.Catalog,
    "AccessSet": studio_permissions.AccessSet,
    "Workspace": studio_permissions.Workspace,
    "Diff": studio_permissions.Diff,
    "WorkspaceDiff": studio_permissions.WorkspaceDiff,
    "Migration": studio_permissions.Migration,
}
SECTIONS = (*CLASSES, "Package")
# The protocols a class may implement, which make operations (`len(x)`,
# `id in x`, `==`, pickling, ...) though their names start with `_`.
PROTOCOLS = (
    "__len__",
    "__contains__",
    "__iter__",
    "__eq__",
    "__hash__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
)


def table_names(text: str, language: str) -> dict[str, set[str]]:
    """The names in `language`'s column, per section of the table."""
    names: dict[str, set[str]] = {}
    section = ""
    column: int | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            section, column = line[3:].strip(), None
            continue
        if not line.startswith("|") or section not in SECTIONS:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "operation":
            if language not in cells:
                raise ValueError(f"docs/api.md, section {section}: no `{language}` column")
            column = cells.index(language)
            names.setdefault(section, set())
            continue
        if all(set(c) <= set("-:") for c in cells):
            continue
        if column is None or column >= len(cells):
            raise ValueError(f"docs/api.md, section {section}: a row without a {language} cell: {line}")
        cell = cells[column]
        if not cell.startswith("—"):
            names[section].update(cell.split("`")[1::2])
    missing = [s for s in SECTIONS if s not in names]
    if missing:
        raise ValueError(f"docs/api.md: no `## {missing[0]}` table")
    return names


def public_names(cls: type) -> set[str]:
    own = {n for n in dir(cls) if not n.startswith("_")}
    return own | {n for n in PROTOCOLS if cls.__dict__.get(n) is not None}


def test_the_public_names_match_docs_api_md() -> None:
    table = table_names(API_TABLE.read_text(encoding="utf-8"), "Python")
    missing_in_package: list[str] = []
    missing_in_table: list[str] = []
    for section, cls in CLASSES.items():
        names = table[section]
        missing_in_package += [f"{section}: {n}" for n in sorted(names) if not hasattr(cls, n)]
        missing_in_table += [f"{section}: {n}" for n in sorted(public_names(cls) - names)]
    exported = set(studio_permissions.__all__)
    missing_in_package += [f"Package: {n}" for n in sorted(table["Package"] - exported)]
    missing_in_table += [f"Package: {n}" for n in sorted(exported - table["Package"])]
    assert not missing_in_package and not missing_in_table, (
        "docs/api.md and the package disagree.\n"
        f"  in the table's Python column but not in the package: {missing_in_package}\n"
        f"  public in the package but in no row of the table: {missing_in_table}"
    )


def test_the_table_parser_reads_names_and_skips_dashes() -> None:
    text = (
        "## Catalog\n| operation | Rust | Python | Node |\n|---|---|---|---|\n"
        "| a | `len` | `__len__`, `__iter__` | — (`ids.length`) |\n"
        "## AccessSet\n| operation | Python |\n|--|--|\n| b | `can` |\n"
        "## Workspace\n| operation | Python | Node |\n|--|--|--|\n"
        "## Diff\n| operation | Python |\n|--|--|\n## WorkspaceDiff\n| operation | Python |\n|--|--|\n"
        "## Migration\n| operation | Python |\n|--|--|\n| c | `apply` |\n"
        "## Package\n| operation | Node | Python |\n|--|--|--|\n"
    )
    names = table_names(text, "Python")
    assert names == {
        "Catalog": {"__len__", "__iter__"},
        "AccessSet": {"can"},
        "Workspace": set(),
        "Diff": set(),
        "WorkspaceDiff": set(),
        "Migration": {"apply"},
        "Package": set(),
    }
    with pytest.raises(ValueError, match="no `Node` column"):
        table_names(text, "Node")
    with pytest.raises(ValueError, match="no `## AccessSet` table"):
        table_names("## Catalog\n| operation | Python |\n", "Python")
