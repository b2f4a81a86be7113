//! The core reads bottom to top: each file of `core/src` imports only files
//! of its own layer or below (the table `LAYERS`), and no files import each
//! other in a circle, except the knot of the error, the vocabulary and the
//! explanation an error carries (at most `KNOT` files).
//!
//! Rust has no reflection, so this reads the sources. An import is any path
//! that starts with `crate::`, `super::` or `self::`, or a `use` of a child
//! module, in code (comments and string literals skipped) above the file's
//! `#[cfg(test)]` module: tests may use anything. A path resolves to the
//! deepest file it names (`crate::workspace::storage::User` is
//! `workspace/storage.rs`, `crate::workspace::User` is `workspace/mod.rs`);
//! a name the crate root re-exports (`crate::Level`) to the file its
//! `pub use` names. `mod` declarations are structure, not imports.
//!
//! `cargo test -p studio-permissions --profile test-release layers -- --nocapture`
//! prints the graph's circles and every file's imports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The largest circle allowed: the error names the explanation it carries,
/// which names the vocabulary, whose parse errors are errors.
const KNOT: usize = 3;

/// The layers, bottom first. A file may import files of its own layer and
/// of the layers below; a file missing here fails the test.
const LAYERS: &[(&str, &[&str])] = &[
    ("ground", &["limits.rs", "shown.rs", "render.rs"]),
    ("suggestions and problems", &["suggest.rs", "problem.rs"]),
    ("error and vocabulary", &["error.rs", "explain.rs", "vocab.rs"]),
    ("JSON", &["json/mod.rs", "json/items.rs", "stream.rs", "http.rs"]),
    ("catalog", &["catalog/mod.rs"]),
    ("resolution", &["resolve.rs"]),
    ("catalog loading", &["catalog/load.rs", "schema.rs"]),
    (
        "documents",
        &[
            "document/warning.rs",
            "document/mod.rs",
            "document/fast_path.rs",
            "document/entries.rs",
        ],
    ),
    ("access", &["access.rs"]),
    ("one set's questions", &["diff.rs", "view.rs", "validate.rs"]),
    ("workspace storage", &["workspace/storage.rs"]),
    (
        "workspace",
        &[
            "workspace/load.rs",
            "workspace/query.rs",
            "workspace/diff.rs",
            "workspace/export.rs",
            "workspace/codes.rs",
            "workspace/mod.rs",
        ],
    ),
    ("reviews of a workspace", &["diff_review.rs", "heat.rs"]),
    ("migration", &["migration.rs", "migration_review.rs"]),
    ("lint", &["lint.rs"]),
];

type Checked<T> = Result<T, String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, as a path relative to `core/src`.
fn files(dir: &Path, into: &mut Vec<String>) -> Checked<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            files(&path, into)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(src()).map_err(|e| e.to_string())?;
            into.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// The code of a file above its test module, with comments and the text of
/// string and character literals blanked (so `"crate::x"` is no import).
fn code(text: &str) -> String {
    let text = match text.find("\n#[cfg(test)]\n") {
        Some(at) => &text[..at],
        None => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = at(i);
        let ident_before = i > 0 && (at(i - 1).is_alphanumeric() || at(i - 1) == '_');
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && at(i) != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i += 2;
            while i < chars.len() && !(at(i) == '*' && at(i + 1) == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && !ident_before && (at(i + 1) == '"' || at(i + 1) == '#') {
            // A raw string: r"...", r#"..."#.
            let mut hashes = 0;
            let mut j = i + 1;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if at(j) == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && at(i) != '"' {
                i += if at(i) == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character literal ('x', '\n', '\''); a lifetime ('a) is code.
            i += 2;
            while i < chars.len() && at(i) != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The paths of a use tree that starts at `rest`: `a::b::{c, d::e}` gives
/// `a::b::c` and `a::b::d::e`. Inline paths (`crate::diff::summarize(`) end
/// at the first character that is not part of a path.
fn paths(rest: &str) -> Vec<Vec<String>> {
    fn tree(s: &[char], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        let mut path = prefix;
        loop {
            while s.get(*i).is_some_and(|c| c.is_whitespace()) {
                *i += 1;
            }
            match s.get(*i) {
                Some('{') => {
                    *i += 1;
                    loop {
                        tree(s, i, path.clone(), out);
                        while s.get(*i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                            *i += 1;
                        }
                        match s.get(*i) {
                            Some('}') => {
                                *i += 1;
                                return;
                            }
                            None => return,
                            _ => {}
                        }
                    }
                }
                Some(c) if c.is_alphanumeric() || *c == '_' => {
                    let start = *i;
                    while s.get(*i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
                        *i += 1;
                    }
                    path.push(s[start..*i].iter().collect());
                    if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
                        *i += 2;
                        continue;
                    }
                    out.push(path);
                    return;
                }
                _ => {
                    out.push(path);
                    return;
                }
            }
        }
    }
    let chars: Vec<char> = rest.chars().collect();
    let mut out = Vec::new();
    tree(&chars, &mut 0, Vec::new(), &mut out);
    out
}

/// The module folder a file's own child modules live in, and its parent's.
fn module_dirs(file: &str) -> (String, String) {
    let (dir, name) = file.rsplit_once('/').unwrap_or(("", file));
    let own = match name {
        "mod.rs" | "lib.rs" => dir.to_string(),
        _ => join(dir, name.trim_end_matches(".rs")),
    };
    let parent = own.rsplit_once('/').map_or(String::new(), |(p, _)| p.to_string());
    (own, parent)
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The file of a module folder (`workspace` is `workspace/mod.rs` or
/// `workspace.rs`; the root is `lib.rs`).
fn module_file(dir: &str, known: &BTreeSet<String>) -> Option<String> {
    if dir.is_empty() {
        return Some("lib.rs".into());
    }
    [format!("{dir}.rs"), format!("{dir}/mod.rs")]
        .into_iter()
        .find(|f| known.contains(f))
}

/// The deepest file `segments` names, starting in the module folder `dir`.
fn resolve(dir: &str, segments: &[String], known: &BTreeSet<String>) -> Option<String> {
    let mut dir = dir.to_string();
    let mut file = module_file(&dir, known)?;
    for segment in segments {
        match module_file(&join(&dir, segment), known) {
            Some(found) => {
                dir = join(&dir, segment);
                file = found;
            }
            None => break,
        }
    }
    Some(file)
}

struct Graph {
    /// Each file's imports (other files), by file.
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn graph() -> Checked<Graph> {
    let mut names = Vec::new();
    files(&src(), &mut names)?;
    let known: BTreeSet<String> = names.iter().cloned().collect();
    let read =
        |file: &str| std::fs::read_to_string(src().join(file)).map_err(|e| format!("core/src/{file}: {e}"));
    // What the crate root re-exports: a name to the path of its module.
    let mut reexports: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let root = code(&read("lib.rs")?);
    for statement in root.split(';') {
        let statement = statement.trim();
        let Some(tree) = statement.strip_prefix("pub use ") else {
            continue;
        };
        for path in paths(tree) {
            if let Some((name, module)) = path.split_last() {
                reexports.insert(name.clone(), module.to_vec());
            }
        }
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in names.iter().filter(|f| *f != "lib.rs") {
        let text = code(&read(file)?);
        let (own, parent) = module_dirs(file);
        let mut found = BTreeSet::new();
        let mut add = |target: Option<String>| {
            if let Some(target) = target.filter(|t| t != file && t != "lib.rs") {
                found.insert(target);
            }
        };
        // Every path that starts at the crate, the parent or the module itself.
        for (start, dir) in [
            ("crate::", ""),
            ("super::", parent.as_str()),
            ("self::", own.as_str()),
        ] {
            for (at, _) in text.match_indices(start) {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                for path in paths(&text[at + start.len()..]) {
                    let path = match path.first().and_then(|first| reexports.get(first)) {
                        Some(module) if dir.is_empty() && start == "crate::" => module.clone(),
                        _ => path,
                    };
                    add(resolve(dir, &path, &known));
                }
            }
        }
        // `use child::...;` names a child module without `self::`.
        for statement in text.split(';') {
            let statement = statement.trim_start();
            let tree = statement
                .strip_prefix("use ")
                .or_else(|| statement.strip_prefix("pub use "))
                .or_else(|| statement.strip_prefix("pub(crate) use "))
                .or_else(|| statement.strip_prefix("pub(super) use "));
            for path in tree.map(paths).unwrap_or_default() {
                let child = path
                    .first()
                    .and_then(|first| module_file(&join(&own, first), &known));
                if child.is_some() {
                    add(resolve(&own, &path, &known));
                }
            }
        }
        edges.insert(file.clone(), found);
    }
    Ok(Graph { edges })
}

/// The strongly connected components of the graph (Tarjan), largest first.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, node: &'g str) {
        let n = s.index.len();
        s.index.insert(node, n);
        s.low.insert(node, n);
        s.stack.push(node);
        s.on_stack.insert(node);
        let graph = s.graph;
        for next in graph.edges.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !s.index.contains_key(next) {
                visit(s, next);
                let low = s.low[node].min(s.low[next]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(next) {
                let low = s.low[node].min(s.index[next]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut component = Vec::new();
            while let Some(top) = s.stack.pop() {
                s.on_stack.remove(top);
                component.push(top.to_string());
                if top == node {
                    break;
                }
            }
            component.sort();
            s.out.push(component);
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for node in graph.edges.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    let mut out: Vec<Vec<String>> = state.out.into_iter().filter(|c| c.len() > 1).collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out
}

fn report(graph: &Graph, circles: &[Vec<String>]) {
    println!("circles (files that import each other):");
    for circle in circles {
        println!("  {} files: {}", circle.len(), circle.join(", "));
    }
    println!("imports, file by file:");
    for (file, imports) in &graph.edges {
        let list: Vec<&str> = imports.iter().map(String::as_str).collect();
        println!("  {file} -> {}", list.join(" "));
    }
}

#[test]
fn no_circle_is_larger_than_the_error_knot() {
    let graph = match graph() {
        Ok(graph) => graph,
        Err(e) => unreachable!("{e}"),
    };
    let circles = circles(&graph);
    report(&graph, &circles);
    let large: Vec<&Vec<String>> = circles.iter().filter(|c| c.len() > KNOT).collect();
    assert!(
        large.is_empty(),
        "core/src files that import each other in a circle of more than {KNOT}: {large:?}"
    );
}

#[test]
fn no_file_imports_a_file_above_it() {
    let graph = match graph() {
        Ok(graph) => graph,
        Err(e) => unreachable!("{e}"),
    };
    let layer: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, (_, files))| files.iter().map(move |f| (*f, i)))
        .collect();
    let unplaced: Vec<&String> = graph
        .edges
        .keys()
        .filter(|f| !layer.contains_key(f.as_str()))
        .collect();
    assert!(
        unplaced.is_empty(),
        "core/src files with no layer in tests/layers.rs LAYERS: {unplaced:?}"
    );
    let gone: Vec<&&str> = layer.keys().filter(|f| !graph.edges.contains_key(**f)).collect();
    assert!(
        gone.is_empty(),
        "tests/layers.rs LAYERS names files that do not exist: {gone:?}"
    );
    let mut upward = Vec::new();
    for (file, imports) in &graph.edges {
        let own = layer.get(file.as_str()).copied().unwrap_or(0);
        for import in imports {
            let theirs = layer.get(import.as_str()).copied().unwrap_or(0);
            if theirs > own {
                let name = |i: usize| LAYERS.get(i).map_or("?", |(name, _)| *name);
                upward.push(format!(
                    "{file} ({}) imports {import} ({})",
                    name(own),
                    name(theirs)
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that run upward:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_reader_finds_imports_in_code_only() {
    let text = "use crate::{a::B, c};\n// crate::d\nfn f() { crate::e::g(\"crate::h\", 'x'); }\n#[cfg(test)]\nmod tests { use crate::i; }";
    let code = code(text);
    assert!(!code.contains("crate::d") && !code.contains("crate::h") && !code.contains("crate::i"));
    assert_eq!(
        paths("{a::B, c::{d, e::F}, g}; rest"),
        [vec!["a", "B"], vec!["c", "d"], vec!["c", "e", "F"], vec!["g"]]
    );
    assert_eq!(paths("e::g(x)"), [vec!["e", "g"]]);
}

#[test]
fn circles_are_found_and_single_files_are_none() {
    let edge = |from: &str, to: &[&str]| (from.to_string(), to.iter().map(|t| t.to_string()).collect());
    let graph = Graph {
        edges: [
            edge("a.rs", &["b.rs"]),
            edge("b.rs", &["c.rs", "d.rs"]),
            edge("c.rs", &["a.rs"]),
            edge("d.rs", &[]),
        ]
        .into_iter()
        .collect(),
    };
    assert_eq!(circles(&graph), [vec!["a.rs", "b.rs", "c.rs"]]);
}
