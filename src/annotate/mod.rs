//! `reportlint annotate`: the findings of a DOCX written into a copy of it as
//! Word comments (批注), so that the people who write the report see them
//! where they work.
//!
//! Each finding becomes one `w:comment` by the author "reportlint" (message,
//! related numbers, help, rule id), anchored with `w:commentRangeStart` /
//! `w:commentRangeEnd` on exactly the runs of the finding's text (a run is
//! cut in two where the text starts or ends inside it, see [`anchor`]) and
//! followed by a `w:commentReference` run. The comments part, its
//! relationship and its content type are added or extended ([`parts`]).
//! Every other part of the package is copied byte for byte (compressed data
//! included), and the main part changes only by the inserted markers.

pub mod anchor;
pub mod command;
pub mod parts;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use miette::Diagnostic;
use thiserror::Error;

use crate::document::{Document, LoadError};
use crate::finding::Finding;
use crate::input::docx::SourceMap;
use parts::Comment;

/// The author of the comments.
pub const AUTHOR: &str = "reportlint";
const INITIALS: &str = "RL";
const CONTENT_TYPES: &str = "[Content_Types].xml";

#[derive(Debug, Error, Diagnostic)]
pub enum AnnotateError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Load(#[from] LoadError),
    #[error(
        "{path} is not a DOCX file ({what}); annotate writes comments into Word documents only"
    )]
    #[diagnostic(
        code(annotate::not_docx),
        help(
            "for Markdown, HTML or plain text, `reportlint check FILE --format html -o review.html` makes a review page with the findings shown in the text"
        )
    )]
    NotDocx { path: String, what: String },
    #[error("{path} cannot be annotated: {reason}")]
    #[diagnostic(code(annotate::package))]
    Package { path: String, reason: String },
}

/// The annotated package and what went into it.
#[derive(Debug)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    /// Comments written.
    pub written: usize,
    /// Indices of findings that could not be anchored (their text is in no Word run).
    pub unplaced: Vec<usize>,
}

/// The paragraphs of a finding's comment.
pub fn comment_text(doc: &Document, f: &Finding) -> Vec<String> {
    let mut out = vec![f.message.clone()];
    if !f.labels.is_empty() {
        let text = &doc.text;
        let related: Vec<String> = f
            .labels
            .iter()
            .filter_map(|l| {
                let s = text.get(l.span.start..l.span.end)?;
                Some(format!(
                    "{}「{}」",
                    l.message,
                    crate::render::html::quote(s, 30)
                ))
            })
            .collect();
        if !related.is_empty() {
            out.push(format!("相关：{}", related.join("；")));
        }
    }
    if let Some(h) = &f.help {
        out.push(format!("建议：{h}"));
    }
    out.push(format!(
        "{AUTHOR} {}（{}）",
        f.rule,
        crate::render::html::severity_name(f.severity)
    ));
    out
}

fn read_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let Ok(file) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut raw = Vec::new();
    file.take(crate::input::DEFAULT_MAX_SIZE)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&raw).to_vec();
    String::from_utf8(raw)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8"))
}

/// Write `findings` of `doc` (read from the DOCX `bytes`, with `map`) as
/// comments into a copy of the package.
pub fn annotate(
    path: &str,
    bytes: &[u8],
    doc: &Document,
    map: &SourceMap,
    findings: &[Finding],
) -> Result<Annotated, AnnotateError> {
    let bad = |reason: String| AnnotateError::Package {
        path: path.to_string(),
        reason,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a ZIP archive ({e})")))?;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?;
        if f.encrypted() {
            return Err(bad(
                "its parts are encrypted (protected with a password); save an unprotected copy first"
                    .into(),
            ));
        }
    }
    let content_types = read_entry(&mut zip, CONTENT_TYPES)
        .map_err(bad)?
        .ok_or_else(|| {
            bad(format!(
                "it has no {CONTENT_TYPES}, so it is not an Office package"
            ))
        })?;

    // The comments part: the one the main part already has, or a new one.
    let rels_name = parts::rels_of(&map.part);
    let rels_xml = read_entry(&mut zip, &rels_name).map_err(bad)?;
    let rels = rels_xml
        .as_deref()
        .map(parts::relationships)
        .unwrap_or_default();
    let existing = rels
        .iter()
        .find(|r| r.kind == parts::COMMENTS_REL && !r.external)
        .map(|r| parts::resolve(&map.part, &r.target));
    let comments_name = existing.clone().unwrap_or_else(|| {
        let dir = map.part.rsplit_once('/').map_or("", |(d, _)| d);
        let mut k = 0;
        loop {
            let file = if k == 0 {
                "comments.xml".to_string()
            } else {
                format!("comments{k}.xml")
            };
            let name = if dir.is_empty() {
                file
            } else {
                format!("{dir}/{file}")
            };
            if zip.index_for_name(&name).is_none() {
                return name;
            }
            k += 1;
        }
    });
    let comments_xml = read_entry(&mut zip, &comments_name).map_err(bad)?;

    // Ids after every id in use.
    let max = comments_xml
        .as_deref()
        .and_then(parts::max_comment_id)
        .max(parts::max_marker_id(&map.xml));
    let mut next = max.map_or(0, |m| m + 1);
    // The comments' date: now, or SOURCE_DATE_EPOCH for reproducible output.
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let date = parts::iso8601(secs);
    let mut plan = anchor::Plan::default();
    let mut comments = Vec::new();
    let mut unplaced = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if plan.comment(map, next, f.span) {
            comments.push(Comment {
                id: next,
                author: AUTHOR.into(),
                initials: INITIALS.into(),
                date: Some(date.clone()),
                paragraphs: comment_text(doc, f),
            });
            next += 1;
        } else {
            unplaced.push(i);
        }
    }

    // The parts that change.
    let mut changed: BTreeMap<String, String> = BTreeMap::new();
    if !comments.is_empty() {
        changed.insert(map.part.clone(), plan.apply(map));
        let part = match &comments_xml {
            Some(xml) => parts::extend_comments_part(xml, &comments).map_err(bad)?,
            None => parts::new_comments_part(&comments),
        };
        changed.insert(comments_name.clone(), part);
        if existing.is_none() {
            let id = parts::new_relationship_id(&rels);
            let target = comments_name
                .rsplit_once('/')
                .map_or(comments_name.as_str(), |(_, f)| f);
            changed.insert(
                rels_name.clone(),
                parts::add_comments_relationship(rels_xml.as_deref(), &id, target).map_err(bad)?,
            );
        }
        let part_name = format!("/{comments_name}");
        if !parts::has_override(&content_types, &part_name) {
            changed.insert(
                CONTENT_TYPES.to_string(),
                parts::add_comments_override(&content_types, &part_name).map_err(bad)?,
            );
        }
    }

    // The package: unchanged entries copied raw, changed ones rewritten in place.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 4096)));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(|e| bad(e.to_string()))?;
        let name = file.name().map_err(|e| bad(e.to_string()))?.into_owned();
        if let Some(content) = changed.remove(&name) {
            let mut options = deflate;
            if let Some(t) = file.last_modified() {
                options = options.last_modified_time(t);
            }
            drop(file);
            out.start_file(name.as_str(), options)
                .and_then(|()| out.write_all(content.as_bytes()).map_err(Into::into))
                .map_err(|e| bad(format!("cannot write {name}: {e}")))?;
        } else {
            out.raw_copy_file(file)
                .map_err(|e| bad(format!("cannot copy {name}: {e}")))?;
        }
    }
    for (name, content) in changed {
        out.start_file(name.as_str(), deflate)
            .and_then(|()| out.write_all(content.as_bytes()).map_err(Into::into))
            .map_err(|e| bad(format!("cannot write {name}: {e}")))?;
    }
    let bytes = out
        .finish()
        .map_err(|e| bad(format!("cannot finish the archive: {e}")))?
        .into_inner();
    Ok(Annotated {
        bytes,
        written: comments.len(),
        unplaced,
    })
}

/// Read a DOCX for annotating: its document and source map, or why not.
pub fn read(path: &str, bytes: &[u8]) -> Result<(Document, SourceMap), AnnotateError> {
    let not = |what: &str| AnnotateError::NotDocx {
        path: path.to_string(),
        what: what.to_string(),
    };
    if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        let format = crate::input::InputFormat::detect(path, bytes);
        return Err(not(match format {
            crate::input::InputFormat::Markdown => "it is Markdown",
            crate::input::InputFormat::Html => "it is HTML",
            _ if bytes.starts_with(b"%PDF") => "it is a PDF",
            _ => "it is not a ZIP package",
        }));
    }
    Ok(crate::input::docx::read_mapped(
        path.to_string(),
        bytes,
        Some(crate::input::DEFAULT_MAX_SIZE),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    /// A package with just a main part holding `body`.
    fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", o).unwrap();
        zip.write_all(br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#).unwrap();
        zip.start_file("word/document.xml", o).unwrap();
        zip.write_all(
            format!(
                r#"<w:document xmlns:w="{}"><w:body>{body}</w:body></w:document>"#,
                parts::W_NS
            )
            .as_bytes(),
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    const BODY: &str = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">  甲乙 &amp; 丙</w:t><w:tab/><w:t>丁</w:t></w:r></w:p>\
        <w:p><w:r><w:t>戊己</w:t></w:r><m:oMath xmlns:m=\"m\"><m:r><m:t>x</m:t></m:r></m:oMath><w:r><w:t>庚</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t> 12 </w:t></w:r></w:p><w:p><w:r><w:t>34</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";

    #[test]
    fn the_source_map_points_at_the_text() {
        let bytes = docx(BODY);
        let (doc, map) = read("t.docx", &bytes).unwrap();
        assert_eq!(doc.text, "  甲乙 & 丙\t丁\n戊己x庚\n12 34\n");
        let mut last = 0;
        for p in &map.pieces {
            assert!(p.text.start >= last, "pieces in order: {p:?}");
            last = p.text.end;
            if p.exact {
                assert_eq!(
                    &map.xml[p.xml.start..p.xml.end],
                    &doc.text[p.text.start..p.text.end]
                );
            }
        }
        // Every character comes from a piece but the line breaks and the
        // space joining the cell's two paragraphs.
        let covered: usize = map.pieces.iter().map(|p| p.text.len()).sum();
        assert_eq!(covered, doc.text.len() - 3 - 1);
        // The math run is not a Word run.
        let x = map
            .pieces
            .iter()
            .find(|p| &doc.text[p.text.start..p.text.end] == "x")
            .unwrap();
        assert!(!map.runs[x.run.unwrap()].word);
    }

    fn plan(body: &str, spans: &[Span]) -> (String, Vec<bool>) {
        let bytes = docx(body);
        let (_, map) = read("t.docx", &bytes).unwrap();
        let mut plan = anchor::Plan::default();
        let placed = spans
            .iter()
            .enumerate()
            .map(|(i, s)| plan.comment(&map, i as u32, *s))
            .collect();
        (plan.apply(&map), placed)
    }

    #[test]
    fn markers_cut_runs_only_where_they_must() {
        let t = "  甲乙 & 丙\t丁\n";
        let at = |s: &str| t.find(s).unwrap();
        // 乙 & 丙: starts and ends inside the text, around an entity.
        let (xml, placed) = plan(BODY, &[Span::new(at("乙"), at("\t"))]);
        assert_eq!(placed, [true]);
        assert!(xml.contains(
            "<w:t xml:space=\"preserve\">  甲</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">乙 &amp; 丙</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:tab/>"
        ), "{xml}");
        // The whole run: markers between runs, nothing cut.
        let (xml, _) = plan(BODY, &[Span::new(at("  "), at("\n"))]);
        assert!(xml.contains("<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">  甲乙 &amp; 丙</w:t><w:tab/><w:t>丁</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>"), "{xml}");
        // From one paragraph into the next; an empty span; the line break alone.
        let second = t.len();
        let (xml, placed) = plan(
            BODY,
            &[
                Span::new(at("丁"), second + "戊".len()),
                Span::new(at("丙"), at("丙")),
                Span::new(at("\n"), at("\n") + 1),
            ],
        );
        assert_eq!(placed, [true, true, false]);
        assert!(xml.contains("<w:tab/></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:rPr><w:b/></w:rPr><w:t>丁</w:t></w:r></w:p>"), "{xml}");
        assert!(
            xml.contains("<w:t>戊</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>"),
            "{xml}"
        );
        assert!(xml.contains("<w:commentRangeStart w:id=\"1\"/><w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>"), "{xml}");
    }
}
