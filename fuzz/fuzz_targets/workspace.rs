//! Arbitrary bytes as a workspace export: a JSON array of records and JSON
//! Lines, each strictly and leniently, against the default catalog and a
//! three-level one.
//!
//! Beyond "no panic":
//! - strict success implies lenient success with the same users (ids, roles,
//!   levels) and no problems, so lenient never has fewer users than strict;
//! - strict failing on a record (`invalid_workspace`, which lists at least one
//!   problem) implies lenient success; any other strict failure is a fault of
//!   the whole text, and lenient fails with the same code;
//! - lenient problems are in line order; user ids are unique and non-empty;
//! - each user's access set has the user's levels, and its canonical text
//!   re-parses strictly to an equal set;
//! - `who_can`, `counts`, `preset_matches` and `diff` agree with the users;
//! - bytes that are UTF-8 give the same answer through the text and the byte
//!   entry points.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use studio_permissions::{AccessSet, Action, Error, Level, Mode, Result, Role, Workspace};
use studio_permissions_test_support::{default_fixture, tree3_fixture, Fixture};

fn summary(w: &Result<Workspace>) -> std::result::Result<Vec<(String, Role, Vec<Level>)>, String> {
    match w {
        Ok(w) => Ok(w
            .users()
            .map(|u| (u.id().to_string(), u.role(), u.levels().to_vec()))
            .collect()),
        Err(e) => Err(e.to_string()),
    }
}

fn check(f: &Fixture, w: &Workspace) {
    let catalog = &f.catalog;
    let mut ids = HashSet::new();
    for u in w.users() {
        assert!(!u.id().is_empty());
        assert!(ids.insert(u.id()), "user {} twice", u.id());
        assert_eq!(u.levels().len(), catalog.len());
        let access = u.access();
        assert_eq!(access.levels(), u.levels());
        assert_eq!(access.role(), u.role());
        match AccessSet::parse(catalog, &access.to_json(), Mode::Strict) {
            Ok(again) => assert_eq!(again, access),
            Err(e) => panic!("user {}: canonical text refused: {e}", u.id()),
        }
        assert_eq!(w.user(u.id()).map(|x| x.index()), Some(u.index()));
    }
    assert!(
        w.problems().windows(2).all(|p| p[0].line <= p[1].line),
        "problems out of line order"
    );
    let counts = w.counts();
    for (i, c) in counts.iter().enumerate() {
        assert_eq!(c.iter().sum::<usize>(), w.len());
        let at_read = w.users().filter(|u| u.levels()[i] >= Level::Read).count();
        assert_eq!(c[1] + c[2], at_read);
    }
    for id in f.ids.iter().take(3) {
        let who = w
            .who_can(id, Action::Edit)
            .unwrap_or_else(|e| panic!("who_can({id}): {e}"));
        let i = catalog.get(id).map(|n| n.index()).unwrap_or_default();
        let want: Vec<usize> = w
            .users()
            .filter(|u| u.levels()[i] == Level::Edit)
            .map(|u| u.index())
            .collect();
        assert_eq!(who.iter().map(|u| u.index()).collect::<Vec<_>>(), want);
    }
    let members = w.users().filter(|u| u.role() == Role::Member).count();
    let matches = w.preset_matches();
    assert_eq!(
        matches.len(),
        if catalog.presets().is_empty() { 0 } else { members }
    );
    for m in &matches {
        assert_eq!(m.exact, m.differences.is_empty());
    }
    let _ = w.dormant();
    match w.diff(w) {
        Ok(d) => assert!(d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty()),
        Err(e) => panic!("diff with itself: {e}"),
    }
}

fn pair(f: &Fixture, load: impl Fn(Mode) -> Result<Workspace>) {
    let strict = load(Mode::Strict);
    let lenient = load(Mode::Lenient);
    match (&strict, &lenient) {
        (Ok(s), Ok(l)) => {
            assert!(s.problems().is_empty());
            assert!(
                l.problems().is_empty(),
                "strict loaded what lenient found problems in"
            );
            assert_eq!(summary(&strict), summary(&lenient));
            assert!(l.len() >= s.len());
        }
        (Ok(_), Err(e)) => panic!("strict loaded what lenient refused: {e}"),
        (Err(Error::InvalidWorkspace { problems }), l) => {
            assert!(!problems.is_empty());
            assert!(problems.iter().all(|p| p.fatal || p.code != "duplicate_user"));
            assert!(
                l.is_ok(),
                "a record fault failed a lenient load: {:?}",
                l.as_ref().err()
            );
        }
        (Err(s), Ok(_)) => panic!("strict failed on the whole text ({s}) but lenient loaded"),
        (Err(s), Err(l)) => assert_eq!(s.code(), l.code()),
    }
    for w in [&strict, &lenient].into_iter().flatten() {
        check(f, w);
    }
}

fn run(f: &Fixture, data: &[u8]) {
    let catalog = &f.catalog;
    pair(f, |mode| Workspace::from_json_bytes(catalog, data, mode));
    pair(f, |mode| Workspace::from_json_lines_bytes(catalog, data, mode));
    if let Ok(text) = std::str::from_utf8(data) {
        for mode in [Mode::Strict, Mode::Lenient] {
            let a = summary(&Workspace::from_json(catalog, text, mode));
            let b = summary(&Workspace::from_json_bytes(catalog, data, mode));
            assert_eq!(a, b, "from_json and from_json_bytes differ ({mode:?})");
            let a = Workspace::from_json_lines(catalog, text, mode);
            let b = Workspace::from_json_lines_bytes(catalog, data, mode);
            assert_eq!(
                summary(&a),
                summary(&b),
                "from_json_lines and from_json_lines_bytes differ ({mode:?})"
            );
            if let (Ok(a), Ok(b)) = (&a, &b) {
                assert_eq!(a.problems(), b.problems());
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    run(default_fixture(), data);
    run(tree3_fixture(), data);
});
