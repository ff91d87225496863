//! `reportlint annotate`: findings as Word comments in a copy of the DOCX.
//!
//! The round trip is checked part by part: every part but the main document,
//! the comments part, its relationship and the content types is copied byte
//! for byte; the main document equals the original once the inserted comment
//! markers are taken out and the runs they cut are joined (compared as a
//! canonical tree in which each character carries its run's properties); each
//! comment reads back with its author, message, help and rule, anchored on
//! exactly the text of its finding. Where LibreOffice is installed, the
//! annotated file converts to PDF and LibreOffice's own reading of it (flat
//! ODF) shows the comments on the same text.

#![allow(clippy::string_slice)] // tests slice exactly: a wrong span must fail

mod tools;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use assert_cmd::Command;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

fn reportlint() -> Command {
    let mut cmd = Command::cargo_bin("reportlint").unwrap();
    // Comments are dated; a fixed date makes the output reproducible.
    cmd.env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1767225600");
    cmd
}

// ------------------------------------------------------------------ fixtures

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A main part written the way Word writes one: run ids, `w:t` without
/// `xml:space` where it needs none, entities, a formatting change inside the
/// run properties, page-break marks, a hyperlink, a tab, an existing comment,
/// a tracked insertion and deletion, a table. Each planted figure sits across
/// or inside runs so that comment ranges must cut them.
fn word_like_body() -> String {
    let mut b = String::new();
    b.push_str(r#"<w:p w:rsidR="00A1B2C3"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>一、经济运行</w:t></w:r></w:p>"#);
    // A doubled magnitude starting inside a bold run with a tracked format
    // change and ending with the next run (which starts with a page-break mark).
    b.push_str(r#"<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:r w:rsidRPr="00D4E5F6"><w:rPr><w:rFonts w:hint="eastAsia"/><w:b/><w:rPrChange w:id="90" w:author="张三" w:date="2025-01-06T09:00:00Z"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>全年完成固定资产投资62.</w:t></w:r><w:r><w:rPr><w:color w:val="C00000"/></w:rPr><w:lastRenderedPageBreak/><w:t>51亿万元</w:t></w:r><w:r><w:t xml:space="preserve">，增长5.1%。研发 &amp; 创新投入保持增长。</w:t></w:r></w:p>"#);
    // A doubled magnitude after a space in a w:t that does not preserve space.
    b.push_str(r#"<w:p><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>一般公共预算收入为 12.5亿万元，比上年有所增长。</w:t></w:r></w:p>"#);
    // A rate above 100% inside a tracked insertion, next to a tracked deletion.
    b.push_str(r#"<w:p><w:r><w:t>城区就业率</w:t></w:r><w:ins w:id="91" w:author="李四" w:date="2025-01-07T10:00:00Z"><w:r><w:t>达到103.5%</w:t></w:r></w:ins><w:del w:id="92" w:author="李四" w:date="2025-01-07T10:00:00Z"><w:r><w:delText>为98.0%</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>"#);
    // A missing magnitude after a paragraph that already has a comment.
    b.push_str(r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>全年开工安置房40万平方米，竣工90万平方米。</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r><w:r><w:t>开竣工安置房68.9平方米。</w:t></w:r></w:p>"#);
    // A share that does not match, the figure inside a hyperlink, a tab before it.
    b.push_str(r#"<w:p><w:r><w:t>全年地区生产总值372亿元。</w:t></w:r></w:p>"#);
    b.push_str(r#"<w:p><w:r><w:t>服务业增加值261亿元</w:t><w:tab/><w:t>，占地区生产总值的比重为</w:t></w:r><w:hyperlink r:id="rId9" w:history="1"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>75%</w:t></w:r></w:hyperlink><w:r><w:t>。</w:t></w:r></w:p>"#);
    // A table whose total row does not add up.
    b.push_str(r#"<w:p><w:r><w:t>表1 一般公共预算收入情况</w:t></w:r></w:p><w:p><w:r><w:t>单位：万元</w:t></w:r></w:p>"#);
    b.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>"#);
    for row in [
        ["项目", "预算数", "执行数"],
        ["税收", "52,300", "51,870"],
        ["非税收入", "18,600", "19,240"],
        ["上级补助", "30,150", "30,150"],
        ["合计", "101,050", "106,260"],
    ] {
        b.push_str("<w:tr>");
        for c in row {
            b.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"#
            ));
        }
        b.push_str("</w:tr>");
    }
    b.push_str("</w:tbl>");
    b.push_str(r#"<w:p><w:r><w:t>全年财政收支平衡。</w:t></w:r><w:r><w:br/><w:t>以上数据为快报数。</w:t></w:r></w:p>"#);
    b.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#);
    b
}

const EXISTING_COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="王五" w:date="2025-01-05T08:00:00Z" w:initials="WW"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>请核对开工面积。</w:t></w:r></w:p></w:comment></w:comments>"#;

/// A minimal but complete package around `body`: content types, package and
/// document relationships, styles, an image, and optionally a comments part.
fn package(body: &str, comments: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>"#,
    );
    if let Some(c) = comments {
        types.push_str(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#);
        rels.push_str(r#"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#);
        parts.push(("word/comments.xml", c.as_bytes().to_vec()));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>"#
    );
    // Not a real picture: bytes that must come through untouched.
    let image: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut all: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", types.into_bytes()),
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec()),
        ("word/document.xml", document.into_bytes()),
        ("word/_rels/document.xml.rels", rels.into_bytes()),
        ("word/styles.xml", styles.into_bytes()),
        ("word/media/image1.png", image),
    ];
    all.extend(parts);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in all {
        let method = if name.ends_with(".png") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        zip.start_file(
            name,
            zip::write::SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The same kind of report written by docx-rs (another writer's habits: its
/// own comment parts, insertions and deletions, styles).
fn docx_rs_report() -> Vec<u8> {
    use docx_rs::{Comment, Delete, Docx, Insert, Paragraph, Run};
    let comment = Comment::new(1)
        .author("赵六")
        .date("2025-01-05T08:00:00Z")
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("数据来源？")));
    let docx = Docx::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("全年完成固定资产投资6"))
                .add_run(Run::new().add_text("2.51亿").italic())
                .add_run(Run::new().add_text("万元，增长5.1%。")),
        )
        .add_paragraph(
            Paragraph::new()
                .add_comment_start(comment)
                .add_run(Run::new().add_text("城区就业率"))
                .add_comment_end(1)
                .add_insert(Insert::new(Run::new().add_text("达到103.5%")).author("李四"))
                .add_delete(
                    Delete::new()
                        .add_run(Run::new().add_delete_text("为98.0%"))
                        .author("李四"),
                )
                .add_run(Run::new().add_text("。")),
        );
    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).unwrap();
    out.into_inner()
}

// ------------------------------------------------------------ reading packages

/// The entries of a ZIP: name → (bytes, compression method), in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, zip::CompressionMethod)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().unwrap().to_string(), v, f.compression())
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> Option<String> {
    entries(bytes)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, b, _)| String::from_utf8(b).unwrap())
}

/// An XML element tree (enough to compare documents).
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Elem {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
    Text(String),
}

fn parse(xml: &str) -> Node {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Node::Elem {
        name: "#root".into(),
        attrs: vec![],
        children: vec![],
    }];
    let elem = |e: &quick_xml::events::BytesStart| Node::Elem {
        name: String::from_utf8(e.name().as_ref().as_bytes().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| {
                (
                    String::from_utf8(a.key.as_ref().as_bytes().to_vec()).unwrap(),
                    a.value.to_string(),
                )
            })
            .collect(),
        children: vec![],
    };
    let push = |stack: &mut Vec<Node>, n: Node| {
        if let Some(Node::Elem { children, .. }) = stack.last_mut() {
            children.push(n);
        }
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => stack.push(elem(&e)),
            Event::Empty(e) => {
                let n = elem(&e);
                push(&mut stack, n);
            }
            Event::End(_) => {
                let n = stack.pop().unwrap();
                push(&mut stack, n);
            }
            Event::Text(t) => push(&mut stack, Node::Text(t.xml10_content().to_string())),
            Event::GeneralRef(r) => push(&mut stack, Node::Text(format!("&{};", r.as_ref()))),
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap()
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Take out the comment markers with ids in `ours` and the reference runs
/// holding only one of them.
fn strip(node: Node, ours: &BTreeSet<String>) -> Option<Node> {
    match node {
        Node::Elem {
            name,
            attrs,
            children,
        } => {
            let id = attr(&attrs, "w:id").map(str::to_string);
            let marker = matches!(
                name.as_str(),
                "w:commentRangeStart" | "w:commentRangeEnd" | "w:commentReference"
            );
            if marker && id.is_some_and(|i| ours.contains(&i)) {
                return None;
            }
            let had = children.len();
            let children: Vec<Node> = children
                .into_iter()
                .filter_map(|c| strip(c, ours))
                .collect();
            if name == "w:r" && had > 0 && children.is_empty() {
                return None; // the reference run of one of ours
            }
            Some(Node::Elem {
                name,
                attrs,
                children,
            })
        }
        t => Some(t),
    }
}

/// A canonical form in which cutting a run in two changes nothing: every
/// character and every other run child carries its run's attributes and
/// properties; `xml:space` is ignored; white space between elements is dropped.
fn canon(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Text(t) => {
            if !t.trim().is_empty() {
                out.push(format!("text {t}"));
            }
        }
        Node::Elem {
            name,
            attrs,
            children,
        } if name == "w:r" => {
            let props = children
                .iter()
                .find(|c| matches!(c, Node::Elem { name, .. } if name == "w:rPr"))
                .map(|c| format!("{c:?}"))
                .unwrap_or_default();
            let key = format!("{attrs:?}{props}");
            for c in children {
                match c {
                    Node::Elem { name, children, .. } if name == "w:t" => {
                        for t in children {
                            if let Node::Text(t) = t {
                                for ch in t.chars() {
                                    out.push(format!("char {ch} {key}"));
                                }
                            }
                        }
                    }
                    Node::Elem { name, .. } if name == "w:rPr" => {}
                    Node::Text(t) if t.trim().is_empty() => {}
                    c => out.push(format!("item {c:?} {key}")),
                }
            }
        }
        Node::Elem {
            name,
            attrs,
            children,
        } => {
            let mut attrs = attrs.clone();
            attrs.sort();
            out.push(format!("<{name} {attrs:?}>"));
            for c in children {
                canon(c, out);
            }
            out.push(format!("</{name}>"));
        }
    }
}

fn canonical(xml: &str, ours: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    canon(&strip(parse(xml), ours).unwrap(), &mut out);
    out
}

/// Comments of a comments part: id → (author, paragraphs).
fn comments(xml: &str) -> BTreeMap<String, (String, Vec<String>)> {
    let mut out = BTreeMap::new();
    let root = parse(xml);
    fn texts(n: &Node, acc: &mut String) {
        match n {
            Node::Text(t) => acc.push_str(t),
            Node::Elem { children, .. } => children.iter().for_each(|c| texts(c, acc)),
        }
    }
    fn walk(n: &Node, out: &mut BTreeMap<String, (String, Vec<String>)>) {
        if let Node::Elem {
            name,
            attrs,
            children,
        } = n
        {
            if name.ends_with(":comment") {
                let paras = children
                    .iter()
                    .map(|p| {
                        let mut s = String::new();
                        texts(p, &mut s);
                        s
                    })
                    .collect();
                out.insert(
                    attr(attrs, "w:id").unwrap().to_string(),
                    (attr(attrs, "w:author").unwrap().to_string(), paras),
                );
            } else {
                children.iter().for_each(|c| walk(c, out));
            }
        }
    }
    walk(&root, &mut out);
    out
}

/// The text each comment range covers (w:t characters, tabs, breaks).
fn anchored(xml: &str) -> BTreeMap<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut open: BTreeSet<String> = BTreeSet::new();
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref().as_bytes() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref().as_bytes() == b"w:t" => in_t = false,
            Event::Empty(e) => {
                let name = e.name().as_ref().as_bytes().to_vec();
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref().as_bytes() == b"w:id")
                    .map(|a| a.value.to_string());
                match (name.as_slice(), id) {
                    (b"w:commentRangeStart", Some(id)) => {
                        out.entry(id.clone()).or_default();
                        open.insert(id);
                    }
                    (b"w:commentRangeEnd", Some(id)) => {
                        open.remove(&id);
                    }
                    (b"w:tab", _) | (b"w:br", _) => {
                        let c = if name == b"w:tab" { "\t" } else { " " };
                        for id in &open {
                            out.get_mut(id).unwrap().push_str(c);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t => {
                for id in &open {
                    out.get_mut(id).unwrap().push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_t => {
                let c = match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    _ => "?",
                };
                for id in &open {
                    out.get_mut(id).unwrap().push_str(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

// ------------------------------------------------------------------ the runs

struct Run {
    dir: tempfile::TempDir,
    input: PathBuf,
    output: PathBuf,
    original: Vec<u8>,
    annotated: Vec<u8>,
    json: Value,
}

/// Write `bytes` as NAME.docx, `check --format json` it and `annotate` it.
fn run(name: &str, bytes: Vec<u8>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(format!("{name}.docx"));
    std::fs::write(&input, &bytes).unwrap();
    let out = reportlint()
        .args(["check", "--format", "json", "--isolated"])
        .arg(&input)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let output = dir.path().join(format!("{name}.reviewed.docx"));
    let a = reportlint()
        .args(["annotate", "--isolated"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let n = json["findings"].as_array().unwrap().len();
    assert_eq!(
        a.status.code(),
        Some(if n > 0 { 1 } else { 0 }),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let stderr = String::from_utf8_lossy(&a.stderr);
    assert!(stderr.contains(&format!("wrote {n} comment")), "{stderr}");
    assert_eq!(
        std::fs::read(&input).unwrap(),
        bytes,
        "the input is untouched"
    );
    Run {
        annotated: std::fs::read(&output).unwrap(),
        dir,
        input,
        output,
        original: bytes,
        json,
    }
}

/// Everything the round trip must keep, and every comment in place.
fn check_round_trip(r: &Run, comments_part: &str) {
    let findings = r.json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let text = reportlint::Document::load(&r.input).unwrap().text;

    // Parts other than the four that carry comments: byte for byte, same order.
    let before = entries(&r.original);
    let after = entries(&r.annotated);
    let carriers = [
        "word/document.xml",
        comments_part,
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    let names = |e: &[(String, Vec<u8>, zip::CompressionMethod)]| -> Vec<String> {
        e.iter().map(|(n, _, _)| n.clone()).collect()
    };
    let (nb, na) = (names(&before), names(&after));
    assert_eq!(&na[..nb.len()], &nb[..], "entries kept in order");
    for (name, bytes, method) in &before {
        if carriers.contains(&name.as_str()) {
            continue;
        }
        let (_, b, m) = after.iter().find(|(n, _, _)| n == name).unwrap();
        assert_eq!(b, bytes, "{name} changed");
        assert_eq!(m, method, "{name} recompressed");
    }

    // The comments: ours are the new ids; the ones there before are kept as they were.
    let old_comments = part(&r.original, comments_part)
        .map(|x| comments(&x))
        .unwrap_or_default();
    let new_part = part(&r.annotated, comments_part).expect("a comments part");
    let all = comments(&new_part);
    if let Some(old) = part(&r.original, comments_part) {
        let root_end = old.rfind("</").unwrap();
        assert!(
            new_part.starts_with(&old[..root_end]),
            "old comments kept in front"
        );
        assert!(new_part.ends_with(&old[root_end..]));
    }
    for (id, c) in &old_comments {
        assert_eq!(all.get(id), Some(c), "comment {id} kept");
    }
    let ours: BTreeSet<String> = all
        .keys()
        .filter(|k| !old_comments.contains_key(*k))
        .cloned()
        .collect();
    assert_eq!(ours.len(), findings.len(), "one comment per finding");

    // The main part: the original once our markers are out and cut runs joined.
    let doc_before = part(&r.original, "word/document.xml").unwrap();
    let doc_after = part(&r.annotated, "word/document.xml").unwrap();
    assert_eq!(
        canonical(&doc_after, &ours),
        canonical(&doc_before, &BTreeSet::new())
    );

    // Each comment: author, message, help, rule; on exactly its finding's text.
    let ranges = anchored(&doc_after);
    let mut ids: Vec<&String> = ours.iter().collect();
    ids.sort_by_key(|i| i.parse::<u32>().unwrap());
    for (f, id) in findings.iter().zip(ids) {
        let (author, paras) = &all[id];
        assert_eq!(author, "reportlint");
        assert_eq!(paras[0], f["message"].as_str().unwrap());
        if let Some(h) = f["help"].as_str() {
            assert!(paras.contains(&format!("建议：{h}")), "{paras:?}");
        }
        assert!(paras.last().unwrap().contains(f["rule"].as_str().unwrap()));
        let (s, e) = (
            f["span"]["start"].as_u64().unwrap() as usize,
            f["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(ranges[id], text[s..e].replace('\n', ""), "range of {f}");
    }

    // The relationship and the content type of the comments part.
    let rels = part(&r.annotated, "word/_rels/document.xml.rels").unwrap();
    let target = comments_part.strip_prefix("word/").unwrap();
    assert_eq!(
        rels.matches("relationships/comments\"").count(),
        1,
        "one comments relationship: {rels}"
    );
    assert!(rels.contains(&format!("Target=\"{target}\"")));
    let types = part(&r.annotated, "[Content_Types].xml").unwrap();
    assert!(types.contains(&format!(
        "PartName=\"/{comments_part}\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\""
    )));

    // reportlint reads the annotated copy as it read the original.
    let again = reportlint()
        .args(["check", "--format", "json", "--isolated"])
        .arg(&r.output)
        .output()
        .unwrap();
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    let strip_path = |v: &Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["rule"].clone(), f["span"].clone(), f["message"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip_path(&again), strip_path(&r.json));
    assert_eq!(
        reportlint::Document::load(&r.output).unwrap().text,
        text,
        "same text"
    );
}

fn rules(json: &Value) -> BTreeSet<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn word_like_document_with_comments_and_tracked_changes_round_trips() {
    let r = run(
        "report",
        package(&word_like_body(), Some(EXISTING_COMMENTS)),
    );
    let rules = rules(&r.json);
    for want in [
        "magnitude/doubled",
        "percent/rate-above-100",
        "magnitude/missing",
        "relation/share",
        "table/total-row",
    ] {
        assert!(rules.contains(want), "{want} not planted well: {rules:?}");
    }
    check_round_trip(&r, "word/comments.xml");
    // New ids follow the existing comment's.
    let all = comments(&part(&r.annotated, "word/comments.xml").unwrap());
    assert!(all.contains_key("0") && all.contains_key("1"));
    // Related numbers are named in the comment.
    assert!(
        all.values().any(|(_, p)| p
            .iter()
            .any(|t| t.starts_with("相关：") && t.contains("「261亿元」"))),
        "{all:?}"
    );
    let xml = part(&r.annotated, "word/comments.xml").unwrap();
    assert!(xml.contains("w:author=\"reportlint\" w:date=\"2026-01-01T00:00:00Z\""));
    // The w:t cut after a space now preserves it.
    let doc = part(&r.annotated, "word/document.xml").unwrap();
    assert!(
        doc.contains("<w:t xml:space=\"preserve\">一般公共预算收入为 </w:t>"),
        "{doc}"
    );
}

#[test]
fn document_without_comments_gets_a_comments_part() {
    let r = run("plain", package(&word_like_body().replace(
        r#"<w:commentRangeStart w:id="0"/>"#, "").replace(r#"<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>"#, ""), None));
    check_round_trip(&r, "word/comments.xml");
    let rels = part(&r.annotated, "word/_rels/document.xml.rels").unwrap();
    // A fresh relationship id after rId9.
    assert!(rels.contains("Id=\"rId10\""), "{rels}");
}

#[test]
fn docx_rs_document_round_trips() {
    let r = run("docxrs", docx_rs_report());
    // docx-rs writes word/comments.xml and points to it.
    check_round_trip(&r, "word/comments.xml");
    assert!(rules(&r.json).contains("magnitude/doubled"));
}

#[test]
fn annotating_twice_adds_comments_with_new_ids() {
    let r = run("twice", package(&word_like_body(), Some(EXISTING_COMMENTS)));
    let second = r.dir.path().join("twice.2.docx");
    reportlint()
        .args(["annotate", "--isolated"])
        .arg(&r.output)
        .arg("-o")
        .arg(&second)
        .assert()
        .code(1);
    let bytes = std::fs::read(&second).unwrap();
    let all = comments(&part(&bytes, "word/comments.xml").unwrap());
    let n = r.json["findings"].as_array().unwrap().len();
    assert_eq!(all.len(), 1 + 2 * n, "ids are unique, nothing overwritten");
}

#[test]
fn the_input_is_only_overwritten_in_place() {
    let r = run("inplace", package(&word_like_body(), None));
    // -o naming the input itself is refused.
    reportlint()
        .args(["annotate", "--isolated"])
        .arg(&r.input)
        .arg("-o")
        .arg(&r.input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--in-place"));
    assert_eq!(std::fs::read(&r.input).unwrap(), r.original);
    // The default output sits beside the input.
    std::fs::remove_file(&r.output).unwrap();
    reportlint()
        .args(["annotate", "--isolated"])
        .arg(&r.input)
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&r.output).unwrap(), r.annotated);
    // --in-place replaces the input with the annotated copy, leaving no temporary file.
    reportlint()
        .args(["annotate", "--isolated", "--in-place"])
        .arg(&r.input)
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&r.input).unwrap(), r.annotated);
    let left: Vec<_> = std::fs::read_dir(r.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_clean_document_is_copied_unchanged() {
    let body = r#"<w:p><w:r><w:t>全年实现地区生产总值372亿元，增长7.9%。</w:t></w:r></w:p>"#;
    let r = run("clean", package(body, None));
    assert_eq!(entries(&r.annotated), entries(&r.original));
}

#[test]
fn non_docx_and_encrypted_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "notes.md",
            "# 标题\n\n全年完成投资62.51亿万元。\n".into(),
            "--format html",
        ),
        (
            "notes.txt",
            "全年完成投资62.51亿万元。\n".into(),
            "--format html",
        ),
        ("report.docx", b"%PDF-1.7\n".to_vec(), "not a DOCX"),
        (
            "broken.docx",
            b"PK\x03\x04 not really a zip".to_vec(),
            "not a readable DOCX",
        ),
        (
            "old.doc",
            {
                let mut v = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
                v.extend(std::iter::repeat_n(0u8, 600));
                v
            },
            "old binary Word .doc",
        ),
        (
            "secret.docx",
            {
                let mut v = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
                v.extend(std::iter::repeat_n(0u8, 600));
                v.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
                v.extend(std::iter::repeat_n(0u8, 100));
                v
            },
            "encrypted",
        ),
    ];
    for (name, bytes, says) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let out = reportlint().arg("annotate").arg(&p).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        // miette wraps long messages: compare the words.
        let flat: Vec<&str> = stderr
            .split_whitespace()
            .filter(|w| !matches!(*w, "│" | "×" | "help:"))
            .collect();
        assert!(flat.join(" ").contains(says), "{name}: {stderr}");
        let written: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("reviewed"))
            .collect();
        assert!(written.is_empty(), "{name}: {written:?}");
    }
}

#[test]
fn help_says_what_serves_markdown_and_text() {
    reportlint()
        .args(["annotate", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("--format html"))
        .stdout(predicates::str::contains("--in-place"));
}

// ----------------------------------------------------------------- LibreOffice

/// LibreOffice converts the annotated copy to PDF, and its own reading of it
/// (flat ODF) has each comment, by reportlint, on its finding's text.
#[test]
fn libreoffice_opens_the_annotated_copy() {
    let Some(soffice) = tools::soffice() else {
        return;
    };
    let r = run("lo", package(&word_like_body(), Some(EXISTING_COMMENTS)));
    let out_dir = r.dir.path().join("lo");
    let profile = r.dir.path().join("profile");
    let convert = |to: &str| {
        let out = tools::run_with_timeout(
            std::process::Command::new(&soffice)
                .env("HOME", r.dir.path())
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    profile.display()
                ))
                .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
                .arg(&out_dir)
                .arg(&r.output),
            std::time::Duration::from_secs(300),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    convert("pdf");
    let pdf = std::fs::read(out_dir.join("lo.reviewed.pdf")).expect("a PDF");
    assert!(pdf.starts_with(b"%PDF") && pdf.len() > 1000);
    convert("fodt");
    let fodt = std::fs::read_to_string(out_dir.join("lo.reviewed.fodt")).unwrap();
    let findings = r.json["findings"].as_array().unwrap();
    let text = reportlint::Document::load(&r.input).unwrap().text;
    // Each annotation: <office:annotation office:name="N">…</office:annotation>TEXT<office:annotation-end office:name="N"/>
    let re = regex::Regex::new(
        r#"(?s)<office:annotation office:name="([^"]+)"[^>]*>(.*?)</office:annotation>(.*?)<office:annotation-end office:name="([^"]+)"/>"#,
    )
    .unwrap();
    let tags = regex::Regex::new(r"<[^>]+>").unwrap();
    let mut seen = Vec::new();
    for c in re.captures_iter(&fodt) {
        assert_eq!(c[1], c[4]);
        let body = &c[2];
        if body.contains("<dc:creator>reportlint</dc:creator>") {
            let anchored = tags.replace_all(&c[3], "").to_string();
            seen.push((tags.replace_all(body, "").to_string(), anchored));
        }
    }
    assert_eq!(seen.len(), findings.len(), "{fodt}");
    for f in findings {
        let (s, e) = (
            f["span"]["start"].as_u64().unwrap() as usize,
            f["span"]["end"].as_u64().unwrap() as usize,
        );
        let want = text[s..e].replace(['\n', '\t'], "");
        let msg = f["message"]
            .as_str()
            .unwrap()
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            seen.iter()
                .any(|(body, at)| body.contains(&msg) && at.replace('\t', "") == want),
            "{msg} on {want}: {seen:?}"
        );
    }
    // The comment that was there before is still there.
    assert!(fodt.contains("<dc:creator>王五</dc:creator>"));
}
