"""The demo: for each preset of the default catalog, the navigation tree and
three explained decisions. Prints the same bytes as examples/rust/demo.rs.

Run: python examples/python/demo.py
"""

from studio_permissions import AccessSet, ActionName, Catalog

# The three decisions explained for every preset: (action, id).
QUESTIONS: list[tuple[ActionName, str]] = [
    ("view", "analytics.kpis"),
    ("edit", "knowledge.faqs"),
    ("delete", "deployments.environments"),
]


def main() -> None:
    catalog = Catalog.default()
    lines: list[str] = []
    for name in catalog.presets:
        access = AccessSet.preset(name, catalog=catalog)
        levels = access.effective()
        lines.append(name)
        lines.append("  navigation:")
        for node in access.visible():
            indent = "  " * node.depth
            lines.append(f"    {indent}{node.id} ({node.name}): {levels[node.id]}")
        lines.append("  decisions:")
        for action, id in QUESTIONS:
            d = access.explain(id, action)
            verdict = "allowed" if d.allowed else "denied"
            lines.append(f"    {action} {id} -> {verdict}: level {d.level}, needs {d.required}, reason {d.reason}")
    # "\n" line ends on every platform, as Rust's println! writes them.
    with open(1, "w", encoding="utf-8", newline="\n", closefd=False) as out:
        out.write("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main()
