//! The demo: for each preset of the default catalog, the navigation tree and
//! three explained decisions. The Python and Node demos print the same bytes.
//!
//! Run: `cargo run -q --release -p studio-permissions-examples --bin demo`

use studio_permissions::{AccessSet, Catalog};

/// The three decisions explained for every preset: (action, id).
const QUESTIONS: [(&str, &str); 3] = [
    ("view", "analytics.kpis"),
    ("edit", "knowledge.faqs"),
    ("delete", "deployments.environments"),
];

fn main() -> Result<(), studio_permissions::Error> {
    let catalog = Catalog::builtin();
    for preset in catalog.presets() {
        let set = AccessSet::preset(&catalog, preset.name())?;
        println!("{}", preset.name());
        println!("  navigation:");
        for (node, level) in set
            .effective()
            .filter(|(_, level)| *level >= studio_permissions::Level::Read)
        {
            let indent = "  ".repeat(node.depth());
            println!("    {indent}{} ({}): {level}", node.id(), node.name());
        }
        println!("  decisions:");
        for (action, id) in QUESTIONS {
            let e = set.explain(id, action)?;
            let verdict = if e.allowed { "allowed" } else { "denied" };
            println!(
                "    {action} {id} -> {verdict}: level {}, needs {}, reason {}",
                e.level, e.required, e.reason
            );
        }
    }
    Ok(())
}
