//! Measures the orders of magnitude of the indicators of the knowledge's
//! `scales:` table in a folder of reports, per level, next to the ranges the
//! table gives: `cargo run --release --example scales -- ../shared/corpus/real`.
//!
//! For every `.txt` file: the document's level (from its title and scope
//! words), and every figure stated as the level of an indicator whose name
//! ends with one of the table's names, in the table's unit, with or without
//! 万/亿. Prints, per indicator and level, how many figures, the smallest,
//! median and largest power of ten, and the table's range; `!` marks figures
//! outside it (a figure far below is a candidate typo: read it). For an
//! indicator without a range yet, its three smallest figures and its largest
//! are listed. The range suggested from the measurement is a tenfold
//! margin on each side: [⌊smallest⌋ − 1, ⌈largest⌉ + 1].

use std::collections::BTreeMap;

use reportlint::relations::{Role, Source};
use reportlint::{Document, Linter};

/// One figure measured: log10 of its value, its file and its text.
type Seen = (f64, String, String);

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: scales FOLDER");
        std::process::exit(2);
    };
    let linter = Linter::new(Default::default());
    let scales = &linter.rules.knowledge.scales;
    // Per-head values, prices and rates are not the indicator's total.
    let small = linter.rules.knowledge.words.matcher(&[
        "per-capita",
        "unit-value",
        "denominators",
        "per-period",
        "not-unit-value",
    ]);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut seen: BTreeMap<(usize, String), Vec<Seen>> = BTreeMap::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(level) = scales.level_of(&text) else {
            println!("{name}: no level");
            continue;
        };
        let doc = Document::from_text(name.clone(), text);
        let linted = linter.lint(&doc);
        for f in &linted.facts.facts {
            if f.role != Role::Level
                || f.source != Source::Direct
                || f.earlier
                || small.find_iter(&f.key).any(|w| w.class < 3)
            {
                continue;
            }
            let c = &linted.claims[f.claim];
            let (Some(unit), true) = (c.unit.as_deref(), c.is_quantity()) else {
                continue;
            };
            let best = scales
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, s)| s.unit == unit)
                .flat_map(|(i, s)| s.names.iter().map(move |n| (i, n)))
                .filter(|(_, n)| f.key.ends_with(n.as_str()))
                .max_by_key(|(i, n)| (n.len(), *i));
            let Some((i, _)) = best else { continue };
            let v: f64 = c.value.to_string().parse().unwrap_or(0.0);
            if v > 0.0 {
                seen.entry((i, level.to_string())).or_default().push((
                    v.log10(),
                    name.clone(),
                    c.text.clone(),
                ));
            }
        }
    }
    for ((i, level), mut values) in seen {
        let s = &scales.indicators[i];
        values.sort_by(|a, b| a.0.total_cmp(&b.0));
        let n = values.len();
        let range = s.orders.get(&level);
        let outside = |v: f64| range.is_some_and(|r| v < r[0] || v > r[1]);
        // The suggested range: a tenfold margin below the smallest and above
        // the largest figure measured.
        let suggest = [values[0].0.floor() - 1.0, values[n - 1].0.ceil() + 1.0];
        println!(
            "{:<24} {:<3} {:<9} n={:<4} min {:5.2}  median {:5.2}  max {:5.2}   measured {:?}  table {:?}",
            s.names[0],
            s.unit,
            level,
            n,
            values[0].0,
            values[n / 2].0,
            values[n - 1].0,
            suggest,
            range
        );
        for (k, (v, file, text)) in values.iter().enumerate() {
            let low = k < 3 || k + 1 == n;
            if outside(*v) || (low && range.is_none()) {
                let mark = if outside(*v) { '!' } else { ' ' };
                println!("    {mark} {v:5.2} {text} ({file})");
            }
        }
    }
}
