//! The package parts a comment needs besides the markers in the document:
//! the comments part (`word/comments.xml`), its relationship from the main
//! part, and its content type. Existing parts are extended, never rewritten:
//! the new elements are inserted before the root's end tag and every byte
//! around them is kept.

use crate::span::Cut;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
pub const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// Write `s` as XML character data or attribute value: `& < > "` escaped,
/// characters XML 1.0 forbids left out.
pub fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// `secs` seconds after 1970-01-01 as `YYYY-MM-DDTHH:MM:SSZ` (UTC), the
/// form of `w:date`.
pub fn iso8601(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since the epoch (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// One comment: its id, author, date and paragraphs of plain text.
#[derive(Debug, Clone)]
pub struct Comment {
    pub id: u32,
    pub author: String,
    pub initials: String,
    /// `w:date`, e.g. `2026-01-12T09:30:00Z`.
    pub date: Option<String>,
    pub paragraphs: Vec<String>,
}

impl Comment {
    /// The `w:comment` element; with `declare`, it declares the `w` prefix
    /// itself (to fit an existing comments part whatever its prefixes).
    pub fn xml(&self, out: &mut String, declare: bool) {
        out.push_str("<w:comment");
        if declare {
            out.push_str(&format!(" xmlns:w=\"{W_NS}\""));
        }
        out.push_str(&format!(" w:id=\"{}\" w:author=\"", self.id));
        escape(out, &self.author);
        out.push('"');
        if let Some(d) = &self.date {
            out.push_str(" w:date=\"");
            escape(out, d);
            out.push('"');
        }
        out.push_str(" w:initials=\"");
        escape(out, &self.initials);
        out.push_str("\">");
        for (k, p) in self.paragraphs.iter().enumerate() {
            out.push_str("<w:p>");
            if k == 0 {
                out.push_str("<w:r><w:annotationRef/></w:r>");
            }
            out.push_str("<w:r><w:t xml:space=\"preserve\">");
            escape(out, p);
            out.push_str("</w:t></w:r></w:p>");
        }
        out.push_str("</w:comment>");
    }
}

/// Where the root element of `xml` ends: the byte offset of its end tag, or
/// of the `/>` of an empty root (`true`).
fn root_end(xml: &str) -> Result<(usize, bool), String> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok((before, false));
                }
            }
            Event::Empty(_) if depth == 0 => {
                let after = reader.buffer_position() as usize;
                return Ok((after - 2, true));
            }
            Event::Eof => return Err("no root element".into()),
            _ => {}
        }
    }
}

/// Insert `content` as the last children of the root of `xml`.
fn append_to_root(xml: &str, content: &str, root_name: &str) -> Result<String, String> {
    let (at, empty) = root_end(xml)?;
    let mut out = String::with_capacity(xml.len() + content.len() + 32);
    out.push_str(xml.cut(..at));
    if empty {
        out.push('>');
        out.push_str(content);
        out.push_str(&format!("</{root_name}>"));
        out.push_str(xml.cut(at + 2..));
    } else {
        out.push_str(content);
        out.push_str(xml.cut(at..));
    }
    Ok(out)
}

/// The name of the root element of `xml`.
fn root_name(xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                return Some(String::from_utf8_lossy(e.name().as_ref().as_bytes()).into_owned());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// The largest `w:id` of the comments in a comments part.
pub fn max_comment_id(xml: &str) -> Option<u32> {
    let mut reader = Reader::from_str(xml);
    let mut max = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if local(e.name().as_ref().as_bytes()) == b"comment" =>
            {
                for a in e.attributes().flatten() {
                    if local(a.key.as_ref().as_bytes()) == b"id"
                        && let Ok(v) = a.value.trim().parse::<u32>()
                    {
                        max = max.max(Some(v));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return max,
            _ => {}
        }
    }
}

/// The largest `w:id` of comment markers and other annotations in the main
/// part (commentRangeStart/End, commentReference): new ids must not clash.
pub fn max_marker_id(xml: &str) -> Option<u32> {
    let mut max = None;
    for marker in [
        "commentRangeStart ",
        "commentRangeEnd ",
        "commentReference ",
    ] {
        let mut rest = xml;
        while let Some(i) = rest.find(marker) {
            rest = rest.cut(i + marker.len()..);
            let tag = rest.cut(..rest.find('>').unwrap_or(rest.len()));
            if let Some(j) = tag.find(":id=\"") {
                let v = tag.cut(j + 5..);
                if let Some(n) = v
                    .split('"')
                    .next()
                    .and_then(|n| n.trim().parse::<u32>().ok())
                {
                    max = max.max(Some(n));
                }
            }
        }
    }
    max
}

/// A new comments part holding `comments`.
pub fn new_comments_part(comments: &[Comment]) -> String {
    let mut out = String::from(XML_DECL);
    out.push_str(&format!("<w:comments xmlns:w=\"{W_NS}\">"));
    for c in comments {
        c.xml(&mut out, false);
    }
    out.push_str("</w:comments>");
    out
}

/// An existing comments part with `comments` added after the ones it has.
pub fn extend_comments_part(xml: &str, comments: &[Comment]) -> Result<String, String> {
    let mut content = String::new();
    for c in comments {
        c.xml(&mut content, true);
    }
    let root = root_name(xml).ok_or("the comments part has no root element")?;
    append_to_root(xml, &content, &root)
}

/// A relationship in a `.rels` part.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

/// The relationships of a `.rels` part.
pub fn relationships(xml: &str) -> Vec<Relationship> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if local(e.name().as_ref().as_bytes()) == b"Relationship" =>
            {
                let mut r = Relationship {
                    id: String::new(),
                    kind: String::new(),
                    target: String::new(),
                    external: false,
                };
                for a in e.attributes().flatten() {
                    let v = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match a.key.as_ref().as_bytes() {
                        b"Id" => r.id = v,
                        b"Type" => r.kind = v,
                        b"Target" => r.target = v,
                        b"TargetMode" => r.external = v == "External",
                        _ => {}
                    }
                }
                out.push(r);
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

/// A relationship id not used in `rels`: rId1, rId2 … past the largest.
pub fn new_relationship_id(rels: &[Relationship]) -> String {
    let n = rels
        .iter()
        .filter_map(|r| r.id.strip_prefix("rId").and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(0);
    let mut k = n + 1;
    while rels.iter().any(|r| r.id == format!("rId{k}")) {
        k += 1;
    }
    format!("rId{k}")
}

/// `.rels` part `xml` (or a new one) with a comments relationship to `target`.
pub fn add_comments_relationship(
    xml: Option<&str>,
    id: &str,
    target: &str,
) -> Result<String, String> {
    let mut rel = String::new();
    rel.push_str(&format!(
        "<Relationship Id=\"{id}\" Type=\"{COMMENTS_REL}\" Target=\""
    ));
    escape(&mut rel, target);
    rel.push_str("\"/>");
    match xml {
        Some(xml) => {
            let root = root_name(xml).ok_or("the relationships part has no root element")?;
            append_to_root(xml, &rel, &root)
        }
        None => Ok(format!(
            "{XML_DECL}<Relationships xmlns=\"{RELS_NS}\">{rel}</Relationships>"
        )),
    }
}

/// Whether `[Content_Types].xml` gives part `name` (`/word/comments.xml`) a content type.
pub fn has_override(xml: &str, name: &str) -> bool {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if local(e.name().as_ref().as_bytes()) == b"Override" =>
            {
                let part = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref().as_bytes() == b"PartName")
                    .and_then(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.into_owned())
                    });
                if part.is_some_and(|p| p.eq_ignore_ascii_case(name)) {
                    return true;
                }
            }
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

/// `[Content_Types].xml` with an override giving part `name` the comments type.
pub fn add_comments_override(xml: &str, name: &str) -> Result<String, String> {
    let mut o = String::from("<Override PartName=\"");
    escape(&mut o, name);
    o.push_str(&format!("\" ContentType=\"{COMMENTS_TYPE}\"/>"));
    let root = root_name(xml).ok_or("[Content_Types].xml has no root element")?;
    append_to_root(xml, &o, &root)
}

/// The part a relationship of part `source` (e.g. `word/document.xml`) points
/// to: its target resolved against the source's folder (`comments.xml` →
/// `word/comments.xml`, `/word/x.xml` → `word/x.xml`, `../a.xml` → `a.xml`).
pub fn resolve(source: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        source
            .rsplit_once('/')
            .map_or(Vec::new(), |(d, _)| d.split('/').collect())
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The `.rels` part of part `name`: `word/document.xml` → `word/_rels/document.xml.rels`.
pub fn rels_of(name: &str) -> String {
    match name.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{name}.rels"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_767_225_599), "2025-12-31T23:59:59Z");
        assert_eq!(iso8601(4_107_542_400), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn resolves_targets() {
        assert_eq!(
            resolve("word/document.xml", "comments.xml"),
            "word/comments.xml"
        );
        assert_eq!(resolve("word/document.xml", "/word/c.xml"), "word/c.xml");
        assert_eq!(
            resolve("word/document.xml", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
    }

    #[test]
    fn appends_to_an_empty_root() {
        assert_eq!(
            append_to_root("<?xml version=\"1.0\"?><a:x xmlns:a=\"u\"/>", "<b/>", "a:x").unwrap(),
            "<?xml version=\"1.0\"?><a:x xmlns:a=\"u\"><b/></a:x>"
        );
        assert_eq!(
            append_to_root("<x><c/></x>\r\n", "<b/>", "x").unwrap(),
            "<x><c/><b/></x>\r\n"
        );
    }

    #[test]
    fn finds_ids_and_relationships() {
        let rels = r#"<Relationships xmlns="x"><Relationship Id="rId3" Type="t" Target="a.xml"/><Relationship Id="rId9" Type="t" Target="b.xml" TargetMode="External"/></Relationships>"#;
        let r = relationships(rels);
        assert_eq!(r.len(), 2);
        assert!(r[1].external);
        assert_eq!(new_relationship_id(&r), "rId10");
        assert_eq!(
            max_comment_id(
                r#"<w:comments xmlns:w="u"><w:comment w:id="4"/><w:comment w:id="12"><w:p/></w:comment></w:comments>"#
            ),
            Some(12)
        );
        assert_eq!(
            max_marker_id(
                r#"<w:p><w:commentRangeStart w:id="7"/><w:r><w:commentReference w:id="30"/></w:r></w:p>"#
            ),
            Some(30)
        );
    }

    #[test]
    fn escapes_comment_text() {
        let c = Comment {
            id: 1,
            author: "a\"b".into(),
            initials: "RL".into(),
            date: None,
            paragraphs: vec!["x<y & \u{1}z".into()],
        };
        let mut s = String::new();
        c.xml(&mut s, false);
        assert!(s.contains("w:author=\"a&quot;b\""));
        assert!(s.contains(">x&lt;y &amp; z</w:t>"));
    }
}
