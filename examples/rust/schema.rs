//! Prints the JSON Schema of the access document: for the default catalog,
//! or for the catalog in the JSON file given as the only argument.
//!
//! `cargo run -q -p studio-permissions-examples --bin schema [catalog.json]`

use studio_permissions::Catalog;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = match std::env::args().nth(1) {
        Some(path) => std::sync::Arc::new(Catalog::from_json(&std::fs::read_to_string(path)?)?),
        None => Catalog::builtin(),
    };
    println!("{}", catalog.document_schema_json());
    Ok(())
}
