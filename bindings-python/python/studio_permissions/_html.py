"""Jupyter views (`_repr_html_`). Presentation only: every level, reason and
change shown here is an answer of the core, asked through the public API."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._types import Explanation, Level, Reason

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
