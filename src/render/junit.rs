//! `--format junit`: JUnit XML, one test case per file (failed when the file
//! has findings), for CI systems that show test reports.

use super::{FileReport, InputError};

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The whole document; `errors` are files that could not be read or whose
/// fixes could not be written (`<error>`). `files` counts every input once.
pub fn render(reports: &[FileReport<'_>], errors: &[InputError], files: usize) -> String {
    let mut out = Vec::new();
    let _ = write(reports, errors, files, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the document, one test case at a time.
pub fn write(
    reports: &[FileReport<'_>],
    errors: &[InputError],
    files: usize,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let failures = reports.iter().filter(|r| !r.findings.is_empty()).count();
    // A file linted whose fixes could not be written is one test case: its
    // findings (a failure) and the write error (an error element).
    let unread: Vec<&InputError> = errors
        .iter()
        .filter(|e| e.kind == super::ErrorKind::Read)
        .collect();
    let tests = files.max(reports.len() + unread.len());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"reportlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
        errors.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"reportlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
        errors.len()
    ));
    w.write_all(out.as_bytes())?;
    for r in reports {
        let mut out = String::new();
        let name = xml_escape(&r.doc.path);
        let write_error = errors
            .iter()
            .find(|e| e.kind == super::ErrorKind::Write && e.path == r.doc.path);
        if r.findings.is_empty() && write_error.is_none() {
            out.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"reportlint\"/>\n"
            ));
            w.write_all(out.as_bytes())?;
            continue;
        }
        out.push_str(&format!(
            "    <testcase name=\"{name}\" classname=\"reportlint\">\n"
        ));
        if let Some(e) = write_error {
            out.push_str(&format!(
                "      <error message=\"{}\" type=\"write\"/>\n",
                xml_escape(&e.message)
            ));
        }
        if !r.findings.is_empty() {
            let n = r.findings.len();
            out.push_str(&format!(
                "      <failure message=\"{n} finding{}\" type=\"reportlint\">",
                if n == 1 { "" } else { "s" }
            ));
            w.write_all(out.as_bytes())?;
            out.clear();
            for f in r.findings {
                let line = super::concise::line(r, f);
                w.write_all(xml_escape(&line).as_bytes())?;
            }
            out.push_str("</failure>\n");
        }
        out.push_str("    </testcase>\n");
        w.write_all(out.as_bytes())?;
    }
    for e in unread {
        w.write_all(
            format!(
                "    <testcase name=\"{}\" classname=\"reportlint\">\n      <error message=\"{}\" type=\"input\"/>\n    </testcase>\n",
                xml_escape(&e.path),
                xml_escape(&e.message)
            )
            .as_bytes(),
        )?;
    }
    w.write_all(b"  </testsuite>\n</testsuites>\n")
}
