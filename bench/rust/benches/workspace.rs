//! Workspace benchmarks (budgets in brackets): load and validate
//! 100,000 users from JSON text [≤ 1 s] and from a file read in parts (the
//! same reader over another source: it must keep pace with the text),
//! `who_can` over them [≤ 20 ms].

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use studio_permissions::{Catalog, Mode, Workspace};

/// 100,000 users: 5% admins, the rest a preset plus a sub-section restriction.
fn export(users: usize) -> String {
    let presets = [
        r#""analytics":"read","behavior":"read","knowledge":"read","voice":"read","messaging":"read","deployments":"read","account":"read""#,
        r#""analytics":"read","knowledge":"edit","behavior":"read","voice":"read","messaging":"read","deployments":"none","account":"none""#,
        r#""analytics":"edit","behavior":"edit","knowledge":"edit","flows":"edit","tools":"edit","voice":"edit","messaging":"edit","integrations":"edit","deployments":"edit","account":"read""#,
        r#""analytics":"edit","behavior":"read","knowledge":"read","voice":"read","messaging":"read","deployments":"edit","account":"edit""#,
    ];
    let restrictions = [
        r#","analytics.csat":"none""#,
        r#","knowledge.sources":"read""#,
        "",
        r#","voice.numbers":"none""#,
    ];
    let mut seed: u64 = 0x5eed;
    let mut out = String::from("[");
    for i in 0..users {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let pick = (seed >> 33) as usize;
        if i > 0 {
            out.push(',');
        }
        if pick % 20 == 0 {
            out.push_str(&format!(
                r#"{{"user":"user-{i:06}","email":"u{i}@example.com","role":"admin"}}"#
            ));
        } else {
            let preset = presets[pick % 4];
            let extra = if pick % 4 == 1 {
                ""
            } else {
                restrictions[(pick / 4) % 4]
            };
            out.push_str(&format!(
                r#"{{"user":"user-{i:06}","email":"u{i}@example.com","role":"member","permissions":{{{preset}{extra}}}}}"#
            ));
        }
    }
    out.push(']');
    out
}

fn benches(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let text = export(100_000);
    let mut group = c.benchmark_group("workspace 100k users");
    group.sample_size(10);
    group.bench_function("load from JSON text", |b| {
        b.iter(|| Workspace::from_json(&catalog, black_box(&text), Mode::Strict).map(|w| w.len()))
    });
    let path = std::env::temp_dir().join(format!("studio-permissions-bench-{}.json", std::process::id()));
    if std::fs::write(&path, &text).is_ok() {
        group.bench_function("load from a JSON file", |b| {
            b.iter(|| Workspace::from_path(&catalog, black_box(&path), Mode::Strict).map(|w| w.len()))
        });
        let _ = std::fs::remove_file(&path);
    }
    let Ok(ws) = Workspace::from_json(&catalog, &text, Mode::Strict) else {
        unreachable!()
    };
    group.bench_function("who_can", |b| {
        b.iter(|| {
            ws.who_can(black_box("deployments.environments"), "edit")
                .map(|u| u.len())
        })
    });
    group.finish();
}

criterion_group!(workspace, benches);
criterion_main!(workspace);
