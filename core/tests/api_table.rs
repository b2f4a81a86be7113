//! The crate's public names against `docs/api.md`, both ways: every Rust name
//! in the table exists, and every public method of `Catalog`, `AccessSet`,
//! `Workspace`, `Diff`, `WorkspaceDiff` and `Migration`, and every name the
//! crate root exports, has a row. Rust has no
//! reflection, so the check reads the sources, which `cargo fmt` keeps in one
//! shape: an `impl` block opens at column 0 and closes at a `}` line, its
//! public items start with four spaces and `pub fn` or `pub const`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SECTIONS: [&str; 7] = [
    "Catalog",
    "AccessSet",
    "Workspace",
    "Diff",
    "WorkspaceDiff",
    "Migration",
    "Package",
];

type Checked<T> = Result<T, String>;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The names of one language's column, per section of the table.
fn table_names(text: &str, language: &str) -> Checked<BTreeMap<String, BTreeSet<String>>> {
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut section = String::new();
    let mut column = None;
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title.trim().to_string();
            column = None;
            continue;
        }
        if !line.starts_with('|') || !SECTIONS.contains(&section.as_str()) {
            continue;
        }
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        if cells.first() == Some(&"operation") {
            column = cells.iter().position(|c| *c == language);
            if column.is_none() {
                return Err(format!("docs/api.md, section {section}: no `{language}` column"));
            }
            names.entry(section.clone()).or_default();
            continue;
        }
        if cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':')) {
            continue;
        }
        let Some(cell) = column.and_then(|i| cells.get(i)) else {
            return Err(format!(
                "docs/api.md, section {section}: a row without a {language} cell: {line}"
            ));
        };
        let entry = names.entry(section.clone()).or_default();
        if !cell.starts_with('—') {
            entry.extend(code_spans(cell));
        }
    }
    match SECTIONS.iter().find(|s| !names.contains_key(**s)) {
        Some(section) => Err(format!("docs/api.md: no `## {section}` table")),
        None => Ok(names),
    }
}

fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// What the sources declare: inherent public items and implemented traits per type.
#[derive(Default)]
struct Declared {
    items: BTreeMap<String, BTreeSet<String>>,
    traits: BTreeMap<String, BTreeSet<String>>,
}

/// The last path segment of a type or trait, without generics: `std::fmt::Display` → `Display`.
fn bare(name: &str) -> String {
    let name = name.split('<').next().unwrap_or(name).trim();
    name.rsplit("::").next().unwrap_or(name).trim().to_string()
}

fn ident(rest: &str) -> String {
    rest.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn read(path: &Path) -> Checked<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every `.rs` file under `dir`, its folders included (`workspace/`, ...).
fn rust_files(dir: &Path) -> Checked<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    Ok(files)
}

fn declared() -> Checked<Declared> {
    let mut found = Declared::default();
    let mut files = rust_files(&repo().join("core/src"))?;
    files.sort();
    for file in files {
        let text = read(&file)?;
        let mut inherent: Option<String> = None;
        let mut derives: Vec<String> = Vec::new();
        for line in text.lines() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            if let Some(ty) = &inherent {
                if line == "}" {
                    inherent = None;
                } else if let Some(rest) = line.strip_prefix("    pub fn ") {
                    found.items.entry(ty.clone()).or_default().insert(ident(rest));
                } else if let Some(rest) = line.strip_prefix("    pub const ") {
                    found.items.entry(ty.clone()).or_default().insert(ident(rest));
                }
                continue;
            }
            if let Some(list) = line.strip_prefix("#[derive(") {
                derives = list.trim_end_matches(")]").split(',').map(bare).collect();
            } else if let Some(rest) = line
                .strip_prefix("pub struct ")
                .or_else(|| line.strip_prefix("pub enum "))
            {
                let ty = ident(rest);
                found.traits.entry(ty).or_default().extend(derives.drain(..));
            } else if let Some(header) = line.strip_prefix("impl") {
                let header = header.split('{').next().unwrap_or(header).trim();
                // Skip the impl's own generics: `impl<'w> User<'w>`.
                let header = match header.strip_prefix('<') {
                    Some(rest) => rest.split_once('>').map_or(rest, |(_, after)| after).trim(),
                    None => header,
                };
                match header.split_once(" for ") {
                    Some((tr, ty)) => {
                        found.traits.entry(bare(ty)).or_default().insert(bare(tr));
                    }
                    None => inherent = Some(bare(header)),
                }
            }
        }
    }
    Ok(found)
}

/// The names `lib.rs` exports: `pub use` items and `pub mod` modules.
fn exports() -> Checked<BTreeSet<String>> {
    let text = read(&repo().join("core/src/lib.rs"))?;
    let mut names = BTreeSet::new();
    let mut statement = String::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("pub mod ") {
            names.insert(ident(rest));
        }
        if line.starts_with("pub use ") || !statement.is_empty() {
            statement.push_str(line);
            if line.trim_end().ends_with(';') {
                let body = statement.trim_start_matches("pub use ").trim_end_matches(';');
                let list = match body.split_once('{') {
                    Some((_, list)) => list.trim_end_matches('}').to_string(),
                    None => bare(body),
                };
                names.extend(
                    list.split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(String::from),
                );
                statement.clear();
            }
        }
    }
    Ok(names)
}

#[test]
fn the_public_names_match_docs_api_md() -> Checked<()> {
    let table = table_names(&read(&repo().join("docs/api.md"))?, "Rust")?;
    let declared = declared()?;
    let exported = exports()?;
    let mut missing_in_code = Vec::new();
    let mut missing_in_table = Vec::new();
    for (section, names) in &table {
        let exists = |name: &str| -> bool {
            if let Some(tr) = name.strip_prefix("impl ") {
                return declared.traits.get(section).is_some_and(|t| t.contains(tr));
            }
            if let Some((ty, item)) = name.split_once("::") {
                return declared.items.get(ty).is_some_and(|items| items.contains(item));
            }
            match section.as_str() {
                "Package" => exported.contains(name),
                ty => declared.items.get(ty).is_some_and(|items| items.contains(name)),
            }
        };
        missing_in_code.extend(
            names
                .iter()
                .filter(|n| !exists(n))
                .map(|n| format!("{section}: `{n}`")),
        );
        let public: &BTreeSet<String> = match section.as_str() {
            "Package" => &exported,
            ty => declared
                .items
                .get(ty)
                .ok_or_else(|| format!("no `impl {ty}` found in core/src"))?,
        };
        missing_in_table.extend(
            public
                .iter()
                .filter(|n| !names.contains(*n))
                .map(|n| format!("{section}: `{n}`")),
        );
    }
    assert!(
        missing_in_code.is_empty() && missing_in_table.is_empty(),
        "docs/api.md and the crate disagree.\n  in the table's Rust column but not in the crate: {missing_in_code:?}\n  \
         public in the crate but in no row of the table: {missing_in_table:?}"
    );
    Ok(())
}

#[test]
fn the_table_parser_reads_names_and_skips_dashes() -> Checked<()> {
    let text = "## Catalog\n\n| operation | Rust | Python | Node | returns |\n|---|---|---|---|---|\n\
                | a | `len`, `is_empty` | `__len__` | — (`ids.length`) | an `int` |\n\
                ## AccessSet\n| operation | Node | Rust |\n|---|---|---|\n| b | `can` | `allowed` |\n\
                ## Workspace\n| operation | Rust | Node |\n|--|--|--|\n\
                ## Diff\n| operation | Rust | Node |\n|--|--|--|\n## WorkspaceDiff\n| operation | Rust | Node |\n|--|--|--|\n\
                ## Migration\n| operation | Rust | Node |\n|--|--|--|\n| c | `apply` | `apply` |\n## Package\n| operation | Node | Rust |\n|--|--|--|\n";
    let rust = table_names(text, "Rust")?;
    let names = |s: &str| {
        rust.get(s)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .collect::<Vec<_>>()
    };
    assert_eq!(names("Catalog"), ["is_empty", "len"]);
    assert_eq!(names("AccessSet"), ["allowed"]);
    assert_eq!(names("Migration"), ["apply"]);
    assert!(table_names(text, "Node")?
        .get("Catalog")
        .is_some_and(BTreeSet::is_empty));
    assert!(
        table_names(text, "Python").is_err(),
        "a section without the column is an error"
    );
    assert!(
        table_names("## Catalog\n", "Rust").is_err(),
        "a missing section is an error"
    );
    assert_eq!(bare("std::fmt::Display"), "Display");
    assert_eq!(bare("User<'w>"), "User");
    Ok(())
}
