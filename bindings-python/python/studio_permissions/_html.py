"""Jupyter views (`_repr_html_`). Presentation only: every level, reason and
change shown here is an answer of the core, asked through the public API."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._types import Diff, Explanation, Level, LevelChange, Reason

if TYPE_CHECKING:
    from ._native import AccessSet

_COLOURS = {
    Level.NONE: ("#6b7280", "#f3f4f6"),
    Level.READ: ("#1d4ed8", "#dbeafe"),
    Level.EDIT: ("#047857", "#d1fae5"),
}

_MARKS = {
    Reason.ADMIN_ROLE: "admin role",
    Reason.PARENT_NONE: "hidden by parent",
    Reason.EXPLICIT: "explicit",
    Reason.INHERITED: "inherited",
    Reason.NOT_GRANTED: "not granted",
}

_TABLE = 'style="border-collapse:collapse;font-family:ui-monospace,monospace;font-size:12px"'
_CELL = 'style="padding:2px 10px;text-align:left;border-bottom:1px solid #e5e7eb"'


def _badge(level: Level) -> str:
    fg, bg = _COLOURS[level]
    return (
        f'<span style="color:{fg};background:{bg};padding:0 6px;border-radius:4px;'
        f'font-weight:600">{escape(level.value)}</span>'
    )


def access_set_html(access: AccessSet) -> str:
    """The area tree with each node's level and why it has it."""
    rows = []
    for node in access.catalog.nodes:
        decision = access.explain(node.id, "view")
        stored = decision.chain[-1].stored
        mark = _MARKS[decision.reason]
        if stored is not None and decision.reason is not Reason.EXPLICIT:
            mark += f" (stores {stored.value})"
        indent = "&nbsp;" * (4 * node.depth)
        rows.append(
            f"<tr><td {_CELL}>{indent}{escape(node.name)} "
            f'<span style="color:#9ca3af">{escape(node.id)}</span></td>'
            f"<td {_CELL}>{_badge(decision.level)}</td>"
            f'<td {_CELL}><span style="color:#4b5563">{escape(mark)}</span></td></tr>'
        )
    warnings = "".join(f'<li style="color:#b45309">{escape(w.code)}: {escape(w.message)}</li>' for w in access.warnings)
    return (
        f"<div><b>AccessSet</b> role <code>{escape(access.role.value)}</code>"
        f"{f'<ul>{warnings}</ul>' if warnings else ''}"
        f"<table {_TABLE}><tr><th {_CELL}>area</th><th {_CELL}>level</th><th {_CELL}>why</th></tr>"
        f"{''.join(rows)}</table></div>"
    )


def explanation_html(explanation: Explanation) -> str:
    """The verdict, the levels and the chain from the root."""
    verdict = '<b style="color:#047857">allowed</b>' if explanation.allowed else '<b style="color:#b91c1c">denied</b>'
    chain = "".join(
        f"<tr><td {_CELL}>{escape(link.id)}</td>"
        f"<td {_CELL}>{escape(link.stored.value) if link.stored is not None else '—'}</td>"
        f"<td {_CELL}>{_badge(link.level)}</td></tr>"
        for link in explanation.chain
    )
    return (
        f"<div>{verdict}: <code>{escape(explanation.action.value)}</code> on <code>{escape(explanation.id)}</code> "
        f"needs {_badge(explanation.required)}, the level is {_badge(explanation.level)} "
        f"(<i>{escape(explanation.reason.value)}</i>, role <code>{escape(explanation.role.value)}</code>)"
        f"<table {_TABLE}><tr><th {_CELL}>node</th><th {_CELL}>stores</th><th {_CELL}>level</th></tr>"
        f"{chain}</table></div>"
    )


_RED = "#b91c1c"
_BLUE = "#1d4ed8"
_GAIN = (
    '<span style="background:#b91c1c;color:#fff;border-radius:4px;padding:0 6px;font-size:11px;'
    'font-weight:600">capability gained</span>'
)
_LOSS = (
    '<span style="background:#1d4ed8;color:#fff;border-radius:4px;padding:0 6px;font-size:11px;'
    'font-weight:600">capability lost</span>'
)


def _level_rows(changes: tuple[LevelChange, ...]) -> str:
    rows = []
    for change in changes:
        colour = _RED if change.direction == "escalation" else _BLUE
        rows.append(
            f"<tr><td {_CELL}>{escape(change.id)}</td><td {_CELL}>{_badge(change.before)}</td>"
            f"<td {_CELL}>{_badge(change.after)}</td>"
            f'<td {_CELL}><span style="color:{colour}">{escape(change.direction)}</span></td></tr>'
        )
    return "".join(rows)


def _folded(rows: str, count: int, fold: bool) -> str:
    """Level rows under a table head; folded under a summary when a role change
    already says what they are."""
    table = (
        f"<table {_TABLE}><tr><th {_CELL}>node</th><th {_CELL}>before</th><th {_CELL}>after</th>"
        f"<th {_CELL}></th></tr>{rows}</table>"
    )
    if not count:
        return ""
    if fold:
        return f"<details><summary>{count} level changes</summary>{table}</details>"
    return table


def diff_html(diff: Diff) -> str:
    """Escalations first: capability gains at the very top, in red and
    labelled; a role change summed up in one line with its rows folded; then
    escalated nodes, then reductions."""
    if not diff:
        return "<div><b>Diff</b>: nothing differs</div>"
    gains = "".join(
        f'<div style="color:{_RED};background:#fef2f2;border-left:4px solid {_RED};padding:2px 8px;margin:2px 0">'
        f"{_GAIN} <code>{escape(c.name)}</code></div>"
        for c in diff.capabilities
        if c.after
    )
    losses = "".join(
        f'<div style="color:{_BLUE};padding:2px 8px;margin:2px 0">{_LOSS} <code>{escape(c.name)}</code></div>'
        for c in diff.capabilities
        if not c.after
    )
    ordered = diff.escalations + diff.reductions
    label = "role change: " if diff.role is not None else ""
    summary = f'<div class="sp-summary">{label}<b>{escape(diff.summary)}</b></div>' if diff.summary else ""
    return (
        f"<div><b>Diff</b> on cluster <code>{escape(diff.cluster.value)}</code>{gains}{summary}"
        f"{_folded(_level_rows(ordered), len(ordered), diff.role is not None)}{losses}</div>"
    )
