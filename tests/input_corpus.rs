//! The table rules over the real budget, final-accounts and debt reports in
//! ../shared/corpus/real (skipped when that folder is missing): no panics, few
//! findings. `TABLES_VERBOSE=1 cargo test --test input_corpus -- --nocapture`
//! prints every finding and a summary of the tables found.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

use std::path::{Path, PathBuf};

use reportlint::rules::{RuleSource, load_rules};
use reportlint::{Document, Linter};

fn corpus_files() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".txt")
                && (name.contains("budget")
                    || name.contains("final_accounts")
                    || name.contains("debt"))
        })
        .collect();
    paths.sort();
    Some(paths)
}

fn table_linter() -> Linter {
    let mut set = load_rules(&RuleSource::builtin()).expect("built-in rules load");
    set.rules.retain(|r| r.meta.id.starts_with("table/"));
    assert!(set.rules.len() >= 4);
    Linter::new(set)
}

/// Findings of the table rules per 100,000 characters of the budget reports.
/// Measured and hand-checked (see docs/inputs.md); the bound leaves room for
/// small changes but catches a detector that starts reading prose as tables.
const MAX_TABLE_FINDINGS_PER_100K: f64 = 4.0;

#[test]
fn table_rules_on_budget_reports_are_quiet() {
    let Some(paths) = corpus_files() else { return };
    let verbose = std::env::var_os("TABLES_VERBOSE").is_some();
    let linter = table_linter();
    let (mut chars, mut findings, mut tables, mut rows) = (0usize, 0usize, 0usize, 0usize);
    let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
    for path in &paths {
        let doc = Document::load(path).unwrap();
        chars += doc.text.chars().count();
        tables += doc.tables.len();
        rows += doc.tables.iter().map(|t| t.rows.len()).sum::<usize>();
        let found = linter.lint(&doc).findings;
        for f in &found {
            assert!(
                doc.text.is_char_boundary(f.span.start) && doc.text.is_char_boundary(f.span.end)
            );
            *by_rule.entry(f.rule.clone()).or_default() += 1;
            if verbose {
                let pos = doc.position(f.span.start);
                println!(
                    "{}:{}:{} {} {}",
                    path.file_name().unwrap().to_string_lossy(),
                    pos.line,
                    pos.column,
                    f.rule,
                    f.message
                );
            }
        }
        findings += found.len();
        if verbose {
            println!(
                "== {}: {} tables, {} rows, {} findings",
                path.file_name().unwrap().to_string_lossy(),
                doc.tables.len(),
                doc.tables.iter().map(|t| t.rows.len()).sum::<usize>(),
                found.len()
            );
        }
    }
    let per_100k = findings as f64 * 100_000.0 / chars.max(1) as f64;
    println!(
        "{} files, {chars} chars, {tables} tables, {rows} rows, {findings} table findings ({per_100k:.2} per 100k chars): {by_rule:?}",
        paths.len()
    );
    assert!(
        per_100k <= MAX_TABLE_FINDINGS_PER_100K,
        "{per_100k:.2} per 100k: {by_rule:?}"
    );
}

/// `TABLES_DUMP=file.txt cargo test --test input_corpus dump -- --nocapture --ignored`
#[test]
#[ignore]
fn dump() {
    let Some(paths) = corpus_files() else { return };
    let want = std::env::var("TABLES_DUMP").unwrap_or_default();
    for path in paths.iter().filter(|p| p.to_string_lossy().contains(&want)) {
        let doc = Document::load(path).unwrap();
        for t in &doc.tables {
            let pos = doc.position(t.span.start);
            println!(
                "--- table at line {} unit {:?} corner {:?}",
                pos.line,
                t.unit,
                t.corner.as_ref().map(|c| &c.text)
            );
            println!(
                "    header: {:?}",
                t.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>()
            );
            for r in &t.rows {
                println!(
                    "    [{}] {:<20} {:?}",
                    r.indent,
                    r.label.text,
                    r.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()
                );
            }
        }
    }
}

/// Change one digit of a number in place: the digit two places before the
/// last (hundreds, or tenths of a one-decimal figure), +1.
fn mutate(number: &str) -> Option<(usize, char)> {
    let digits: Vec<(usize, char)> = number
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .collect();
    let &(i, c) = digits.get(digits.len().checked_sub(3)?)?;
    let d = c.to_digit(10)?;
    Some((i, char::from_digit((d + 1) % 10, 10)?))
}

/// Recall on real tables: plant a wrong figure (one digit changed, hundreds
/// of units of the last place) in the first amount of every total row, one
/// at a time, and count how many the rules then report at that cell. Totals
/// whose parts cannot be told from the table (balance tables, totals of rows
/// that continue over a page break) are missed by design: few false alarms
/// come first.
#[test]
fn planted_errors_in_real_tables_are_caught() {
    let Some(paths) = corpus_files() else { return };
    let linter = table_linter();
    let (mut planted, mut caught) = (0usize, 0usize);
    for path in &paths {
        let doc = Document::load(path).unwrap();
        for t in &doc.tables {
            // The table alone, from the start of its first line.
            let start = doc.text[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
            let end = doc.text[t.span.end..]
                .find('\n')
                .map_or(doc.text.len(), |i| t.span.end + i);
            let region = &doc.text[start..end];
            let base = linter
                .lint(&Document::from_text("t.txt", region))
                .findings
                .len();
            for total in t.rows.iter().filter(|r| {
                let l: String = r.label.text.split_whitespace().collect();
                l.ends_with("合计") || l.ends_with("总计") || l.ends_with("小计")
            }) {
                let Some(cell) = total
                    .cells
                    .iter()
                    .find(|c| c.value.is_some() && !c.is_percent() && c.text.len() >= 3)
                else {
                    continue;
                };
                let Some((i, d)) = mutate(&cell.text) else {
                    continue;
                };
                let at = cell.span.start - start + i;
                let mut changed = region.to_string();
                changed.replace_range(at..at + 1, &d.to_string());
                let after = linter.lint(&Document::from_text("t.txt", changed)).findings;
                planted += 1;
                if after.len() > base && after.iter().any(|f| f.span.start <= at && at < f.span.end)
                {
                    caught += 1;
                } else if std::env::var_os("TABLES_VERBOSE").is_some() {
                    println!(
                        "missed {} {} {}",
                        path.file_name().unwrap().to_string_lossy(),
                        total.label.text,
                        cell.text
                    );
                }
            }
        }
    }
    println!("planted {planted} wrong totals in real tables, caught {caught}");
    if planted > 0 {
        assert!(caught * 3 >= planted, "caught only {caught} of {planted}");
    }
}

/// `TABLES_FILE=path cargo test --test input_corpus dump_file -- --nocapture --ignored`
#[test]
#[ignore]
fn dump_file() {
    let Ok(path) = std::env::var("TABLES_FILE") else {
        return;
    };
    let doc = Document::load(Path::new(&path)).unwrap();
    for t in &doc.tables {
        println!(
            "--- unit {:?} corner {:?}",
            t.unit,
            t.corner.as_ref().map(|c| &c.text)
        );
        println!(
            "    header: {:?}",
            t.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>()
        );
        for r in &t.rows {
            println!(
                "    [{}] {:<20} {:?}",
                r.indent,
                r.label.text,
                r.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()
            );
        }
    }
}
