"""Jupyter views (`_repr_html_`). Presentation only: every level, reason and
change shown here is an answer of the core, asked through the public API."""

from __future__ import annotations

from html import escape
from itertools import islice
from typing import TYPE_CHECKING

from ._types import Decision, Diff, Level, LevelChange, Reason, WorkspaceDiff

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
    warnings = "".join(
        f'<li style="color:#b45309">{escape(w.code)}: {escape(w.message)}</li>' for w in access.warnings
    )
    return (
        f'<div><b>AccessSet</b> role <code>{escape(access.role.value)}</code>'
        f"{f'<ul>{warnings}</ul>' if warnings else ''}"
        f"<table {_TABLE}><tr><th {_CELL}>area</th><th {_CELL}>level</th><th {_CELL}>why</th></tr>"
        f"{''.join(rows)}</table></div>"
    )


def decision_html(decision: Decision) -> str:
    """The verdict, the levels and the chain from the root."""
    verdict = (
        '<b style="color:#047857">allowed</b>' if decision.allowed else '<b style="color:#b91c1c">denied</b>'
    )
    chain = "".join(
        f"<tr><td {_CELL}>{escape(link.id)}</td>"
        f"<td {_CELL}>{escape(link.stored.value) if link.stored is not None else '—'}</td>"
        f"<td {_CELL}>{_badge(link.level)}</td></tr>"
        for link in decision.chain
    )
    return (
        f"<div>{verdict}: <code>{escape(decision.action.value)}</code> on <code>{escape(decision.id)}</code> "
        f"needs {_badge(decision.required)}, the level is {_badge(decision.level)} "
        f"(<i>{escape(decision.reason.value)}</i>, role <code>{escape(decision.role.value)}</code>)"
        f"<table {_TABLE}><tr><th {_CELL}>node</th><th {_CELL}>stores</th><th {_CELL}>level</th></tr>"
        f"{chain}</table></div>"
    )


def diff_html(diff: Diff) -> str:
    """Each change, escalations in red, reductions in blue."""
    if not diff:
        return "<div><b>Diff</b>: nothing differs</div>"
    rows = []
    if diff.role is not None:
        rows.append(
            f"<tr><td {_CELL}>role</td><td {_CELL}>{escape(diff.role[0].value)}</td>"
            f"<td {_CELL}>{escape(diff.role[1].value)}</td><td {_CELL}></td></tr>"
        )
    for change in diff.levels:
        colour = "#b91c1c" if change.direction == "escalation" else "#1d4ed8"
        rows.append(
            f"<tr><td {_CELL}>{escape(change.id)}</td><td {_CELL}>{_badge(change.before)}</td>"
            f"<td {_CELL}>{_badge(change.after)}</td>"
            f'<td {_CELL}><span style="color:{colour}">{escape(change.direction)}</span></td></tr>'
        )
    for cap in diff.capabilities:
        rows.append(
            f"<tr><td {_CELL}>capability {escape(cap.name)}</td><td {_CELL}>{cap.before}</td>"
            f"<td {_CELL}>{cap.after}</td><td {_CELL}></td></tr>"
        )
    return (
        f"<div><b>Diff</b> on cluster <code>{escape(diff.cluster.value)}</code>"
        f"<table {_TABLE}><tr><th {_CELL}>what</th><th {_CELL}>before</th><th {_CELL}>after</th>"
        f"<th {_CELL}></th></tr>{''.join(rows)}</table></div>"
    )


# ---- workspaces --------------------------------------------------------------

# Rows of the heat table beyond which the rest are summarised in one line
# (the summary rows still count every user).
MAX_ROWS = 1000
# Entries of a diff's added/removed lists shown before eliding the rest.
MAX_LISTED = 50

_HEAT_STYLE = (
    "<style>"
    ".sp-ws table{border-collapse:collapse;font-family:ui-monospace,monospace;font-size:11px}"
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
        f'{"</b>" if n.parent is None else ""}</th>'
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
        f'<table><thead><tr><th rowspan="2">user</th><th rowspan="2">name</th><th rowspan="2">role</th>'
        f"{head_areas}</tr><tr>{head_nodes}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody><tfoot>{summary}</tfoot></table></div>"
    )


def _changes(changes: tuple[LevelChange, ...], colour: str) -> str:
    return "<br>".join(
        f'<span style="color:{colour}">{escape(c.id)}</span> {_badge(c.before)} \u2192 {_badge(c.after)}'
        for c in changes
    )


def _listed(ids: tuple[str, ...]) -> str:
    shown = ", ".join(f"<code>{escape(i)}</code>" for i in ids[:MAX_LISTED])
    more = f" \u2026 and {len(ids) - MAX_LISTED} more" if len(ids) > MAX_LISTED else ""
    return (shown + more) or "none"


def workspace_diff_html(diff: WorkspaceDiff) -> str:
    """Users added and removed, then each changed user: escalations (red)
    first, as the core orders them, then reductions (blue)."""
    rows = []
    for change in diff.changed:
        role = "" if change.role is None else f"{escape(change.role[0].value)} \u2192 {escape(change.role[1].value)}"
        rows.append(
            f"<tr><td {_CELL}><code>{escape(change.user)}</code></td><td {_CELL}>{role}</td>"
            f"<td {_CELL}>{_changes(change.escalations, '#b91c1c')}</td>"
            f"<td {_CELL}>{_changes(change.reductions, '#1d4ed8')}</td></tr>"
        )
    table = (
        f"<table {_TABLE}><tr><th {_CELL}>user</th><th {_CELL}>role</th><th {_CELL}>escalations</th>"
        f"<th {_CELL}>reductions</th></tr>{''.join(rows)}</table>"
        if rows
        else ""
    )
    return (
        f"<div><b>WorkspaceDiff</b>: {len(diff.added)} added, {len(diff.removed)} removed, "
        f'{len(diff.changed)} changed (<b style="color:#b91c1c">{len(diff.escalated)} with escalations</b>)'
        f"<div>added: {_listed(diff.added)}</div><div>removed: {_listed(diff.removed)}</div>{table}</div>"
    )
