//! Criterion benchmarks of the hot paths (budgets in brackets):
//! a check by id [≤ 30 ns], by handle [≤ 3 ns], parsing a 20-entry document
//! [≤ 1.5 µs], `effective` [≤ 200 ns]. Results are written in README.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use studio_permissions::{AccessSet, Action, Catalog, Level, Mode};

const DOC20: &str = r#"{"role":"member","permissions":{"analytics":"edit","analytics.kpis":"read","analytics.csat":"none","behavior":"read","behavior.models":"none","knowledge":"edit","knowledge.faqs":"edit","knowledge.sources":"read","flows":"edit","tools":"read","testing":"read","voice":"read","voice.numbers":"none","messaging":"read","messaging.sms":"none","integrations":"read","deployments":"edit","deployments.environments":"read","widgets":"none","account":"read"}}"#;

fn benches(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let set = match AccessSet::parse(&catalog, DOC20, Mode::Strict) {
        Ok(set) => set,
        Err(e) => unreachable!("{e}"),
    };
    let Ok(handle) = catalog.node("knowledge.faqs") else {
        unreachable!()
    };

    c.bench_function("allowed by id", |b| {
        b.iter(|| set.can(black_box("knowledge.faqs"), black_box(Action::Edit)))
    });
    c.bench_function("allowed by id, action as text", |b| {
        b.iter(|| set.can(black_box("knowledge.faqs"), black_box("edit")))
    });
    c.bench_function("allowed by handle", |b| {
        b.iter(|| set.allowed_at(black_box(handle), black_box(Action::Edit)))
    });
    // A thousand checks per iteration, so the harness's own cost (the floor
    // below) is spread thin: divide the time by 1,000 for one check.
    let handles: Vec<_> = catalog
        .nodes()
        .iter()
        .filter_map(|n| catalog.node(n.id()).ok())
        .collect();
    let batch: Vec<_> = (0..1000)
        .map(|i| (handles[i * 7 % handles.len()], Action::ALL[i % 4]))
        .collect();
    c.bench_function("1,000 checks by handle", |b| {
        b.iter(|| {
            black_box(&batch)
                .iter()
                .filter(|(h, a)| set.allowed_at(*h, *a).unwrap_or(false))
                .count()
        })
    });
    let ids: Vec<(&str, Action)> = batch
        .iter()
        .map(|(h, a)| (catalog.nodes()[h.index()].id(), *a))
        .collect();
    c.bench_function("1,000 checks by id", |b| {
        b.iter(|| {
            black_box(&ids)
                .iter()
                .filter(|(id, a)| set.can(id, *a).unwrap_or(false))
                .count()
        })
    });
    // The floor of this harness on this machine: returning the same type
    // with no work, so the handle figure can be read against it.
    c.bench_function("floor: return Ok(bool)", |b| {
        b.iter(|| -> studio_permissions::Result<bool> { Ok(black_box(true)) })
    });
    c.bench_function("parse 20-entry document", |b| {
        b.iter(|| AccessSet::parse(&catalog, black_box(DOC20), Mode::Strict))
    });
    c.bench_function("effective (39 nodes)", |b| {
        b.iter(|| {
            black_box(&set)
                .effective()
                .filter(|(_, l)| *l >= Level::Read)
                .count()
        })
    });
    c.bench_function("explain", |b| {
        b.iter(|| set.explain(black_box("knowledge.faqs"), Action::Edit))
    });
    c.bench_function("to_json", |b| b.iter(|| black_box(&set).to_json()));
}

criterion_group!(checks, benches);
criterion_main!(checks);
