//! Throughput benchmarks (divan). `cargo bench` runs them; CI only builds them.
//!
//! - `sample_x{N}`: the bundled sample report repeated as paragraphs;
//! - `one_paragraph_{N}kb`: the sample's text joined into ONE huge paragraph,
//!   the worst case for anything quadratic within a paragraph;
//! - `short_lines_{N}`: many short distinct lines;
//! - `corpus`: all of ../shared/corpus/real when present.

use reportlint::cli::SAMPLE_REPORT;
use reportlint::{Document, Linter};

fn main() {
    divan::main();
}

fn repeated(n: usize) -> String {
    // Vary a number per copy so the copies are not all exact duplicates.
    (0..n)
        .map(|i| SAMPLE_REPORT.replace("1860户", &format!("{}户", 1000 + i)))
        .collect()
}

fn one_paragraph(bytes: usize) -> String {
    let flat: String = SAMPLE_REPORT.split_whitespace().collect();
    let mut s = String::with_capacity(bytes + flat.len());
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&flat.replace("1860户", &format!("{}户", i)));
        i += 1;
    }
    s
}

#[divan::bench(args = [1, 10, 100])]
fn sample_x(bencher: divan::Bencher, n: usize) {
    let linter = Linter::builtin();
    let doc = Document::from_text("bench.txt", repeated(n));
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .bench(|| linter.lint(divan::black_box(&doc)).findings.len());
}

#[divan::bench(args = [100, 1000, 10000])]
fn one_paragraph_kb(bencher: divan::Bencher, kb: usize) {
    let linter = Linter::builtin();
    let doc = Document::from_text("bench.txt", one_paragraph(kb * 1024));
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .bench(|| linter.lint(divan::black_box(&doc)).findings.len());
}

#[divan::bench(args = [10_000, 100_000, 1_000_000])]
fn short_lines(bencher: divan::Bencher, n: usize) {
    let linter = Linter::builtin();
    let text: String = (0..n)
        .map(|i| format!("第{}项：完成投资{}万元。\n", i, i % 977))
        .collect();
    let doc = Document::from_text("bench.txt", text);
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .bench(|| linter.lint(divan::black_box(&doc)).findings.len());
}

#[divan::bench(sample_count = 10)]
fn corpus(bencher: divan::Bencher) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let docs: Vec<Document> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| Document::load(&p).ok())
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let linter = Linter::builtin();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            docs.iter()
                .map(|d| linter.lint(d).findings.len())
                .sum::<usize>()
        });
}
