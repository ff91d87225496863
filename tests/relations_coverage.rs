//! Coverage of the relation rules on the real corpus: how many relations of
//! each kind reportlint recognised and checked, and in how many documents,
//! next to the findings per 100,000 characters. Not run by default:
//!
//! ```sh
//! cargo test --release --test relations_coverage -- --ignored --nocapture
//! ```

mod common;

use std::collections::BTreeMap;

use reportlint::relations::coverage;
use reportlint::{Document, Linter};

#[test]
#[ignore = "reads the shared corpus; run with --ignored --nocapture"]
fn relation_coverage_on_the_corpus() {
    let Some(paths) = common::real_files() else {
        return;
    };
    let linter = Linter::builtin();
    coverage::enable();
    let mut checked: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut findings: BTreeMap<String, usize> = BTreeMap::new();
    let mut chars = 0usize;
    for p in &paths {
        let text = std::fs::read_to_string(p).expect("UTF-8 corpus file");
        chars += text.chars().count();
        let doc = Document::from_text(p.display().to_string(), text);
        let linted = linter.lint(&doc);
        for f in linted
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("relation/"))
        {
            *findings.entry(f.rule.clone()).or_default() += 1;
        }
        let counts = coverage::take();
        if std::env::var_os("RELATIONS_COVERAGE_DOCS").is_some() {
            println!(
                "{}: {counts:?}",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        for (label, n) in counts {
            let e = checked.entry(label).or_default();
            e.0 += n;
            e.1 += 1;
        }
    }
    println!("{} documents, {} characters", paths.len(), chars);
    println!("\nrelations recognised and checked:");
    println!("{:<40} {:>9} {:>10}", "relation", "instances", "documents");
    for (label, (n, docs)) in &checked {
        println!("{label:<40} {n:>9} {docs:>10}");
    }
    println!("\nfindings:");
    let per = |n: usize| n as f64 * 100_000.0 / chars as f64;
    let mut total = 0;
    for (rule, n) in &findings {
        total += n;
        println!("{rule:<40} {n:>5}  {:.3} per 100k chars", per(*n));
    }
    println!(
        "{:<40} {total:>5}  {:.3} per 100k chars",
        "all relation rules",
        per(total)
    );
}

/// One number of a recognised relation changed, as a writer's slip would.
struct Injection {
    kind: &'static str,
    rule: &'static str,
    /// Byte span of the numeral to replace, and its replacement.
    span: reportlint::Span,
    replacement: String,
}

/// `number` (as written, ASCII digits) scaled by `factor`, with as many
/// decimals as written.
fn scaled(number: &str, factor: f64) -> Option<String> {
    if !number
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    let v: f64 = number.parse().ok()?;
    let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
    Some(format!("{:.*}", decimals, v * factor))
}

fn injections(linted: &reportlint::lint::Linted) -> Vec<Injection> {
    let facts = &linted.facts;
    let claims = &linted.claims;
    let mut out = Vec::new();
    let mut push = |kind, rule, fact: usize, factor: f64| {
        let c = &claims[facts.facts[fact].claim];
        if let Some(r) = scaled(&c.number, factor) {
            out.push(Injection {
                kind,
                rule,
                span: c.number_span,
                replacement: r,
            });
        }
    };
    for g in &facts.growths {
        push(
            "growth: rate of X，增加Y，增长Z%",
            "relation/growth",
            g.rate,
            1.5,
        );
    }
    for (i, f) in facts.facts.iter().enumerate() {
        if f.role == reportlint::relations::Role::Share
            && f.base.as_deref().is_some_and(|b| !b.is_empty())
        {
            push("share: 占…比重", "relation/share", i, 1.3);
        }
        if f.key == "第一产业增加值" && f.role == reportlint::relations::Role::Level {
            push("sum: 第一产业增加值 of GDP", "relation/sum", i, 1.3);
        }
        if f.key.ends_with("自然增长率") && f.role == reportlint::relations::Role::Level {
            push("difference: 自然增长率", "relation/difference", i, 1.5);
        }
    }
    for s in &facts.sums {
        push(
            "sum: total of 加上…合计 / 合计",
            "relation/sum-text",
            s.total,
            1.05,
        );
    }
    for r in &facts.ratios {
        let t = &r.terms[0];
        out.push(Injection {
            kind: "ratio: first term of a：b：c",
            rule: "relation/ratio-sum",
            span: t.span,
            replacement: format!(
                "{:.*}",
                t.decimals as usize,
                t.value.to_string().parse::<f64>().unwrap_or(0.0) + 2.0
            ),
        });
    }
    out
}

#[test]
#[ignore = "reads the shared corpus; run with --ignored --nocapture"]
fn injected_errors_are_found() {
    let Some(paths) = common::real_files() else {
        return;
    };
    let linter = Linter::builtin();
    // kind -> (injected, found)
    let mut tally: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).expect("UTF-8 corpus file");
        let doc = Document::from_text(p.display().to_string(), text.clone());
        let linted = linter.lint(&doc);
        let before = |rule: &str, l: &reportlint::lint::Linted| {
            l.findings.iter().filter(|f| f.rule == rule).count()
        };
        for inj in injections(&linted) {
            let mut t = text.clone();
            t.replace_range(inj.span.start..inj.span.end, &inj.replacement);
            let after = linter.lint(&Document::from_text("x.txt", t));
            let e = tally.entry(inj.kind).or_default();
            e.0 += 1;
            if before(inj.rule, &after) > before(inj.rule, &linted) {
                e.1 += 1;
            }
        }
    }
    println!("\ninjected errors (one number of a recognised relation changed):");
    println!("{:<36} {:>8} {:>6}", "relation", "injected", "found");
    for (k, (n, f)) in &tally {
        println!("{k:<36} {n:>8} {f:>6}");
    }
}
