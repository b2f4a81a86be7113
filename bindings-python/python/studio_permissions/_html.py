"""Jupyter views (`_repr_html_`). Presentation only: every level, reason and
change shown here is an answer of the core, asked through the public API."""

from __future__ import annotations

from html import escape
from itertools import islice
from typing import TYPE_CHECKING

from ._types import Diff, Explanation, Level, LevelChange, Reason

if TYPE_CHECKING:
    from ._native import AccessSet, Workspace

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


# ---- workspaces --------------------------------------------------------------

# Rows of the heat table beyond which the rest are summarised in one line
# (the summary rows still count every user).
MAX_ROWS = 1000

_HEAT_STYLE = (
    "<style>"
    ".sp-ws .scroll{overflow:auto;max-width:100%;max-height:70vh}"
    ".sp-ws table{border-collapse:separate;border-spacing:0;font-family:ui-monospace,monospace;font-size:11px}"
    ".sp-ws thead th{position:sticky;top:0;z-index:2;background:#f9fafb}"
    ".sp-ws thead tr+tr th{top:1.7em}"
    ".sp-ws td.u:first-child,.sp-ws th.u{position:sticky;left:0;z-index:1;background:#fff}"
    ".sp-ws thead th.u{z-index:3;background:#f9fafb}"
    ".sp-ws th,.sp-ws td{padding:1px 4px;border:1px solid #e5e7eb;text-align:center}"
    ".sp-ws td.u{text-align:left;white-space:nowrap}"
    ".sp-ws th.n{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:400;max-height:9em}"
    ".sp-ws th.a{background:#f9fafb}"
    ".sp-ws td.l0{background:#f3f4f6;color:#9ca3af}"
    ".sp-ws td.l1{background:#dbeafe;color:#1d4ed8}"
    ".sp-ws td.l2{background:#a7f3d0;color:#065f46;font-weight:600}"
    ".sp-ws tfoot td{background:#fffbeb;font-weight:600}"
    "</style>"
)
_HEAT_CELL = {
    Level.NONE: '<td class="l0">\u00b7</td>',
    Level.READ: '<td class="l1">R</td>',
    Level.EDIT: '<td class="l2">E</td>',
}


def workspace_html(workspace: Workspace) -> str:
    """A heat table: users as rows, nodes as columns grouped by area, each
    cell coloured by the user's effective level, then summary rows counting
    the users at each level per node."""
    catalog = workspace.catalog
    nodes = catalog.nodes
    matrix = workspace.matrix()
    counts = workspace.counts()
    # Areas and the runs of columns under them (catalog order is depth-first).
    groups: list[tuple[str, int]] = []
    for node in nodes:
        if node.parent is None:
            groups.append((node.name, 1))
        else:
            name, span = groups[-1]
            groups[-1] = (name, span + 1)
    head_areas = "".join(f'<th class="a" colspan="{span}">{escape(name)}</th>' for name, span in groups)
    head_nodes = "".join(
        f'<th class="n" title="{escape(n.id)}">{"<b>" if n.parent is None else ""}{escape(n.name)}'
        f"{'</b>' if n.parent is None else ''}</th>"
        for n in nodes
    )
    rows: list[str] = []
    for index, user in enumerate(islice(workspace, MAX_ROWS)):
        cells = "".join(_HEAT_CELL[level] for level in matrix.levels[index])
        rows.append(
            f'<tr><td class="u">{escape(user.id)}</td><td class="u">{escape(user.name or "")}</td>'
            f'<td class="u">{escape(user.role.value)}</td>{cells}</tr>'
        )
    hidden = len(matrix.users) - min(len(matrix.users), MAX_ROWS)
    if hidden:
        rows.append(
            f'<tr><td class="u" colspan="{3 + len(nodes)}">\u2026 and {hidden} more users '
            "(the summary below counts every user)</td></tr>"
        )
    summary = "".join(
        f'<tr><td class="u" colspan="3">users at {level.value}</td>'
        + "".join(f"<td>{counts[n.id][level]}</td>" for n in nodes)
        + "</tr>"
        for level in (Level.EDIT, Level.READ, Level.NONE)
    )
    problems = workspace.problems
    notes = ""
    if problems:
        listed = "".join(
            f'<li style="color:#b45309">line {p.line}{f" ({escape(p.user)})" if p.user else ""}: '
            f"{escape(p.code)}: {escape(p.message)}{'' if p.fatal else ' (loaded)'}</li>"
            for p in problems[:10]
        )
        more = f"<li>\u2026 {len(problems) - 10} more</li>" if len(problems) > 10 else ""
        notes = f"<ul>{listed}{more}</ul>"
    version = f", catalog <code>{escape(catalog.version)}</code>" if catalog.version else ""
    return (
        f'<div class="sp-ws">{_HEAT_STYLE}<b>Workspace</b>: {len(matrix.users)} users '
        f"{len(problems)} problems{version}. "
        f'Levels: <span style="background:#a7f3d0;padding:0 4px">E edit</span> '
        f'<span style="background:#dbeafe;padding:0 4px">R read</span> '
        f'<span style="background:#f3f4f6;padding:0 4px">\u00b7 none</span>{notes}'
        f'<div class="scroll"><table><thead><tr><th class="u" rowspan="2">user</th><th rowspan="2">name</th>'
        f'<th rowspan="2">role</th>'
        f"{head_areas}</tr><tr>{head_nodes}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody><tfoot>{summary}</tfoot></table></div></div>"
    )
