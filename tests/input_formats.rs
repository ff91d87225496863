//! The same short report as plain text, Markdown, HTML and DOCX (and the
//! text in GBK and UTF-16) gives the same findings, and every finding points
//! at the right place in each source file.
//!
//! The DOCX fixture is written by a real DOCX writer (docx-rs):
//! `cargo test --test input_formats -- --ignored write_docx_fixture` rewrites it.

// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

use std::path::PathBuf;

use reportlint::document::LoadError;
use reportlint::input::{self, InputFormat, LoadOptions};
use reportlint::{Document, Linter};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// (rule, text under the span in what the user sees), in document order.
fn findings(doc: &Document) -> Vec<(String, String)> {
    Linter::builtin()
        .lint(doc)
        .findings
        .into_iter()
        .map(|f| {
            (
                f.rule,
                doc.source_text()[f.span.start..f.span.end].to_string(),
            )
        })
        .collect()
}

fn expected() -> Vec<(String, String)> {
    [
        ("magnitude/doubled", "62.51亿万元"),
        ("percent/rate-above-100", "103.5%"),
        ("table/total-row", "106,260"),
    ]
    .map(|(r, t)| (r.to_string(), t.to_string()))
    .to_vec()
}

#[test]
fn same_findings_in_every_format() {
    for (name, format) in [
        ("input_report.txt", InputFormat::Text),
        ("input_report.md", InputFormat::Markdown),
        ("input_report.html", InputFormat::Html),
        ("input_report.docx", InputFormat::Docx),
    ] {
        let doc = Document::load(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.format, format, "{name}");
        assert_eq!(doc.tables.len(), 1, "{name}: {:#?}", doc.tables);
        assert_eq!(findings(&doc), expected(), "{name}");
    }
}

/// The character at the reported line and column of each finding, read
/// straight from the file, starts the finding's text.
#[test]
fn lines_and_columns_point_into_each_source_file() {
    // (file, [(line, column) of each expected finding])
    let cases: [(&str, [(usize, usize); 3]); 3] = [
        ("input_report.txt", [(5, 71), (9, 23), (19, 38)]),
        ("input_report.md", [(9, 75), (13, 23), (28, 18)]),
        ("input_report.html", [(14, 91), (16, 26), (26, 36)]),
    ];
    for (name, positions) in cases {
        let raw = std::fs::read_to_string(fixture(name)).unwrap();
        let doc = Document::load(&fixture(name)).unwrap();
        let found = Linter::builtin().lint(&doc).findings;
        assert_eq!(found.len(), 3, "{name}");
        for ((f, (_, text)), &(line, column)) in found.iter().zip(expected()).zip(&positions) {
            let pos = doc.position(f.span.start);
            assert_eq!((pos.line, pos.column), (line, column), "{name}: {}", f.rule);
            let in_file: String = raw
                .lines()
                .nth(line - 1)
                .unwrap()
                .chars()
                .skip(column - 1)
                .collect();
            assert!(
                in_file.starts_with(&text),
                "{name}:{line}:{column} is {in_file:?}, not {text:?}"
            );
            for l in &f.labels {
                // Labels too point at real text of the file.
                let s = &raw[l.span.start..l.span.end];
                assert!(
                    !s.trim().is_empty() && !s.contains('<') && !s.contains('|'),
                    "{name}: label on {s:?}"
                );
            }
        }
    }
}

#[test]
fn docx_findings_say_where_they_are() {
    let doc = Document::load(&fixture("input_report.docx")).unwrap();
    assert!(doc.source.is_none());
    let found = Linter::builtin().lint(&doc).findings;
    let places: Vec<&str> = found
        .iter()
        .map(|f| doc.locator_at(f.span.start).unwrap())
        .collect();
    assert_eq!(places, ["第3段", "第5段", "表1 第5行 第3列"]);
    // Headings come from the paragraph styles.
    let heads: Vec<(&str, u8)> = doc
        .headings
        .iter()
        .map(|h| (doc.slice(h.span), h.level))
        .collect();
    assert_eq!(
        heads,
        [
            ("松溪区2025年国民经济和社会发展情况报告", 1),
            ("一、经济运行", 2),
            ("二、民生保障", 2),
            ("三、财政收支", 2)
        ]
    );
    assert_eq!(doc.tables[0].locator.as_deref(), Some("表1"));
    assert_eq!(doc.tables[0].unit.as_deref(), Some("万元"));
}

#[test]
fn markup_headings_are_reported() {
    for name in ["input_report.md", "input_report.html"] {
        let doc = Document::load(&fixture(name)).unwrap();
        let heads: Vec<&str> = doc.headings.iter().map(|h| doc.slice(h.span)).collect();
        assert_eq!(
            heads,
            [
                "松溪区2025年国民经济和社会发展情况报告",
                "一、经济运行",
                "二、民生保障",
                "三、财政收支"
            ],
            "{name}"
        );
        assert_eq!(doc.tables[0].unit.as_deref(), Some("万元"), "{name}");
    }
}

/// The report in GBK, UTF-16LE/BE with a byte-order mark and UTF-8 with one:
/// the same findings at the same lines and columns.
#[test]
fn legacy_and_utf16_encodings_give_the_same_findings() {
    let text = std::fs::read_to_string(fixture("input_report.txt")).unwrap();
    let utf8 = Document::load(&fixture("input_report.txt")).unwrap();
    let positions = |doc: &Document| -> Vec<(String, String, usize, usize)> {
        Linter::builtin()
            .lint(doc)
            .findings
            .into_iter()
            .map(|f| {
                let p = doc.position(f.span.start);
                (
                    f.rule,
                    doc.source_text()[f.span.start..f.span.end].to_string(),
                    p.line,
                    p.column,
                )
            })
            .collect()
    };
    let want = positions(&utf8);
    assert_eq!(want.len(), 3);
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        utf16le.extend(u.to_le_bytes());
        utf16be.extend(u.to_be_bytes());
    }
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend(text.as_bytes());
    for (label, bytes, enc) in [
        ("gbk", gbk.into_owned(), "GBK"),
        ("utf-16le", utf16le, "UTF-16LE"),
        ("utf-16be", utf16be, "UTF-16BE"),
        ("utf-8 bom", bom8, "UTF-8"),
    ] {
        let doc = Document::from_bytes("report.txt".into(), bytes.clone())
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(doc.encoding.map(|e| e.name()), Some(enc), "{label}");
        assert_eq!(positions(&doc), want, "{label}");
        assert_eq!(doc.lines.line_count(), utf8.lines.line_count(), "{label}");
        // Forcing the right encoding gives the same.
        let forced = LoadOptions::default().with_encoding_label(enc).unwrap();
        let doc = input::from_bytes("report.txt".into(), bytes, &forced).unwrap();
        assert_eq!(positions(&doc), want, "{label} forced");
    }
}

#[test]
fn unreadable_inputs_are_clear_errors() {
    let load = |name: &str, bytes: &[u8]| Document::from_bytes(name.into(), bytes.to_vec());
    // Binary files.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    assert!(matches!(load("a.txt", png), Err(LoadError::Binary { .. })));
    assert!(matches!(
        load("a.md", &[0u8; 64]),
        Err(LoadError::Binary { .. })
    ));
    // An old .doc, a damaged .docx, a .docx that is text, a ZIP without a document.
    let doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    assert!(matches!(
        load("a.docx", doc),
        Err(LoadError::BadDocx { .. })
    ));
    let docx = std::fs::read(fixture("input_report.docx")).unwrap();
    let e = load("a.docx", &docx[..docx.len() / 2]).unwrap_err();
    assert!(matches!(e, LoadError::BadDocx { .. }), "{e}");
    assert!(matches!(
        load("a.docx", "不是压缩包".as_bytes()),
        Err(LoadError::BadDocx { .. })
    ));
    // An empty ZIP archive (just the end-of-directory record).
    let zip = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    let e = load("a.docx", zip).unwrap_err();
    assert!(matches!(e, LoadError::BadDocx { .. }), "{e}");
    // Not decodable in any encoding we read: invalid UTF-16 after a BOM.
    let e = load("a.txt", b"\xFF\xFE\x00\xD8\x41\x00").unwrap_err();
    assert!(matches!(e, LoadError::Undecodable { .. }), "{e}");
    // Forced wrong encoding.
    let opts = LoadOptions::default().with_encoding_label("utf-8").unwrap();
    let gbk = encoding_rs::GBK.encode("就业率103.5%").0.into_owned();
    let e = input::from_bytes("a.txt".into(), gbk, &opts).unwrap_err();
    assert!(matches!(e, LoadError::Undecodable { offset: 0, .. }), "{e}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
}

/// Truncated and damaged versions of every fixture, read as every format:
/// errors are fine, panics are not.
#[test]
fn truncated_and_garbage_inputs_never_panic() {
    let linter = Linter::builtin();
    for name in [
        "input_report.txt",
        "input_report.md",
        "input_report.html",
        "input_report.docx",
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let step = (bytes.len() / 60).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            for format in InputFormat::ALL {
                let opts = LoadOptions::default().with_format(format);
                if let Ok(doc) = input::from_bytes(name.into(), bytes[..cut].to_vec(), &opts) {
                    let _ = linter.lint(&doc);
                }
                // A byte flipped in the middle.
                let mut flipped = bytes.clone();
                flipped[cut] ^= 0x5A;
                if let Ok(doc) = input::from_bytes(name.into(), flipped, &opts) {
                    let _ = linter.lint(&doc);
                }
            }
        }
    }
}

/// Format by extension, a forced format, and sniffing for unknown names.
#[test]
fn formats_are_chosen_by_extension_option_or_content() {
    let md = std::fs::read(fixture("input_report.md")).unwrap();
    let html = std::fs::read(fixture("input_report.html")).unwrap();
    let docx = std::fs::read(fixture("input_report.docx")).unwrap();
    let f = |name: &str, bytes: &[u8]| {
        Document::from_bytes(name.into(), bytes.to_vec())
            .unwrap()
            .format
    };
    assert_eq!(f("a.markdown", &md), InputFormat::Markdown);
    assert_eq!(f("a.HTM", &html), InputFormat::Html);
    assert_eq!(f("<stdin>", &html), InputFormat::Html);
    assert_eq!(f("<stdin>", &docx), InputFormat::Docx);
    assert_eq!(f("<stdin>", &md), InputFormat::Text);
    assert_eq!(f("report.txt", &docx), InputFormat::Docx);
    let forced = LoadOptions::default().with_format("md".parse().unwrap());
    let doc = input::from_bytes("<stdin>".into(), md, &forced).unwrap();
    assert_eq!(doc.format, InputFormat::Markdown);
    assert_eq!(findings(&doc), expected());
    assert!("pdf".parse::<InputFormat>().is_err());
}

// ---------------------------------------------------------------- the DOCX fixture

fn text_run(t: &str) -> docx_rs::Run {
    docx_rs::Run::new().add_text(t)
}

fn para(runs: &[&str]) -> docx_rs::Paragraph {
    runs.iter()
        .fold(docx_rs::Paragraph::new(), |p, r| p.add_run(text_run(r)))
}

fn cell(t: &str) -> docx_rs::TableCell {
    docx_rs::TableCell::new().add_paragraph(para(&[t]))
}

/// The report as a DOCX built with docx-rs: heading styles, a number split
/// across runs, a bold run, an empty paragraph, a table.
pub fn report_docx() -> Vec<u8> {
    use docx_rs::{Docx, Style, StyleType, Table, TableRow};
    let heading = |id: &str, name: &str, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .outline_lvl(level)
    };
    let rows = [
        ["项目", "预算数", "执行数"],
        ["税收", "52,300", "51,870"],
        ["非税收入", "18,600", "19,240"],
        ["上级补助", "30,150", "30,150"],
        ["合计", "101,050", "106,260"],
    ];
    let table = Table::new(
        rows.iter()
            .map(|r| TableRow::new(r.iter().map(|t| cell(t)).collect()))
            .collect(),
    );
    let docx = Docx::new()
        .add_style(heading("Title1", "Title", 0))
        .add_style(heading("Heading2", "heading 2", 1))
        .add_paragraph(para(&["松溪区2025年国民经济和社会发展情况报告"]).style("Title1"))
        .add_paragraph(para(&["一、经济运行"]).style("Heading2"))
        .add_paragraph(
            docx_rs::Paragraph::new()
                .add_run(text_run("2025年，全区经济运行"))
                .add_run(text_run("总体平稳").bold())
                .add_run(text_run("。全年实现地区生产总值412亿元，增长5.8%；一般公共预算收入36.2亿元，增长4.1%；完成固定资产投资62."))
                .add_run(text_run("51亿万元；社会消费品零售总额198.6亿元，增长7.2%。")),
        )
        .add_paragraph(docx_rs::Paragraph::new())
        .add_paragraph(para(&["二、民生保障"]).style("Heading2"))
        .add_paragraph(para(&[
            "全年新增城镇就业1.16万人，城区就业率达到103.5%，城乡居民基本养老保险参保率达到98.9%。",
            "新建幼儿园5所，新增学位2800个。",
        ]))
        .add_paragraph(para(&["三、财政收支"]).style("Heading2"))
        .add_paragraph(para(&["表1 松溪区2025年一般公共预算收入情况"]))
        .add_paragraph(para(&["单位：万元"]))
        .add_table(table)
        .add_paragraph(para(&["全年财政收支平衡，重点支出保障有力。"]));
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .expect("docx-rs writes to memory");
    out.into_inner()
}

#[test]
#[ignore = "rewrites tests/fixtures/input_report.docx"]
fn write_docx_fixture() {
    std::fs::write(fixture("input_report.docx"), report_docx()).unwrap();
}

/// A freshly written DOCX reads the same as the committed fixture.
#[test]
fn fresh_docx_reads_like_the_fixture() {
    let fresh = Document::from_bytes("fresh.docx".into(), report_docx()).unwrap();
    let fixture = Document::load(&fixture("input_report.docx")).unwrap();
    assert_eq!(fresh.text, fixture.text);
    assert_eq!(fresh.locators, fixture.locators);
    assert_eq!(findings(&fresh), expected());
}

/// Random documents built from the tokens that matter to the converters
/// (tags, entities, pipes, numbers, CJK, line breaks): never a panic, and the
/// blanked text always has the source's length.
#[test]
fn random_markup_never_panics() {
    const TOKENS: &[&str] = &[
        "<",
        ">",
        "</",
        "&",
        "&amp;",
        "&#",
        "&#x4E2D;",
        ";",
        "<!--",
        "-->",
        "'",
        "\"",
        "=",
        "<td>",
        "<th colspan=3>",
        "<tr>",
        "<table>",
        "</table>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<p>",
        "<h2>",
        "</h2>",
        "|",
        "---",
        "| --: |",
        "\n",
        "\r\n",
        "  ",
        "   ",
        "\t",
        "\u{3000}",
        "1,234",
        "-3.2",
        "(5.0)",
        "12.5%",
        "合计",
        "单位：万元",
        "中",
        "一、",
        "其中：",
        "`",
        "```",
        "*",
        "_",
        "[",
        "](",
        ")",
        "#",
        "> ",
        "A=B+C",
        "B",
        "公式",
        "\u{feff}",
    ];
    let linter = Linter::builtin();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..600 {
        let n = (next() % 80) as usize;
        let doc: String = (0..n)
            .map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize])
            .collect();
        for format in [InputFormat::Text, InputFormat::Markdown, InputFormat::Html] {
            let d = Document::from_source("r", doc.clone(), format);
            assert_eq!(d.text.len(), d.source_text().len());
            for t in &d.tables {
                for r in &t.rows {
                    for c in r.cells.iter().chain([&r.label]) {
                        assert!(
                            d.text.is_char_boundary(c.span.start)
                                && d.text.is_char_boundary(c.span.end)
                        );
                    }
                }
            }
            let _ = linter.lint(&d);
        }
    }
}
