//! Benchmarks of the review outputs (divan): the HTML page and `annotate`,
//! without the linting (findings are computed once, outside the timing).
//! Each at two sizes ten times apart: the time per byte must stay flat.
//!
//! - `html_page_kb`: the sample report repeated, as an HTML page;
//! - `html_one_paragraph_kb`: the same text as ONE paragraph (every finding
//!   and label in one block);
//! - `annotate_docx_kb`: reading a DOCX with its source map and writing
//!   every finding into it as a comment.

use std::io::{Cursor, Write};

use reportlint::cli::SAMPLE_REPORT;
use reportlint::render::{FileReport, html};
use reportlint::{Document, Linter};

fn main() {
    divan::main();
}

fn repeated(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + SAMPLE_REPORT.len());
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&SAMPLE_REPORT.replace("1860户", &format!("{}户", 1000 + i)));
        i += 1;
    }
    s
}

/// Time the page of `text` (linted once, outside the timing).
fn bench_page(bencher: divan::Bencher, text: String) {
    let doc = Document::from_text("bench.txt", text);
    let findings = Linter::builtin().lint(&doc).findings;
    let reports = [FileReport {
        doc: &doc,
        findings: &findings,
    }];
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .bench(|| html::render(divan::black_box(&reports), &[]).len());
}

#[divan::bench(args = [200, 2000])]
fn html_page_kb(bencher: divan::Bencher, kb: usize) {
    bench_page(bencher, repeated(kb * 1024));
}

#[divan::bench(args = [200, 2000])]
fn html_one_paragraph_kb(bencher: divan::Bencher, kb: usize) {
    bench_page(bencher, repeated(kb * 1024).split_whitespace().collect());
}

/// A DOCX of the text: one paragraph per line, each cut into three runs.
fn docx(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        body.push_str("<w:p>");
        let chars: Vec<char> = line.chars().collect();
        let third = chars.len() / 3 + 1;
        for piece in chars.chunks(third) {
            let s: String = piece.iter().collect();
            body.push_str("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">");
            body.push_str(&s.replace('&', "&amp;").replace('<', "&lt;"));
            body.push_str("</w:t></w:r>");
        }
        body.push_str("</w:p>");
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", o).unwrap();
    zip.write_all(br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", o).unwrap();
    zip.write_all(
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .as_bytes(),
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

#[divan::bench(args = [200, 2000])]
fn annotate_docx_kb(bencher: divan::Bencher, kb: usize) {
    let bytes = docx(&repeated(kb * 1024));
    let (doc, _) = reportlint::annotate::read("bench.docx", &bytes).unwrap();
    let findings = Linter::builtin().lint(&doc).findings;
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .bench(|| {
            let (doc, map) = reportlint::annotate::read("bench.docx", &bytes).unwrap();
            reportlint::annotate::annotate("bench.docx", &bytes, &doc, &map, &findings)
                .unwrap()
                .bytes
                .len()
        });
}
