//! `--format junit`: JUnit XML, one test case per file (failed when the file
//! has findings), for CI systems that show test reports.

use super::FileReport;

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

/// The whole document; `errors` are files that could not be read (`<error>`).
pub fn render(reports: &[FileReport<'_>], errors: &[(String, String)]) -> String {
    let failures = reports.iter().filter(|r| !r.findings.is_empty()).count();
    let tests = reports.len() + errors.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"reportlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
        errors.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"reportlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
        errors.len()
    ));
    for r in reports {
        let name = xml_escape(&r.doc.path);
        if r.findings.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"reportlint\"/>\n"
            ));
            continue;
        }
        out.push_str(&format!(
            "    <testcase name=\"{name}\" classname=\"reportlint\">\n"
        ));
        let n = r.findings.len();
        out.push_str(&format!(
            "      <failure message=\"{n} finding{}\" type=\"reportlint\">",
            if n == 1 { "" } else { "s" }
        ));
        for f in r.findings {
            let p = r.position(f.span.start);
            out.push_str(&xml_escape(&format!(
                "{}:{}:{}: {}[{}]: {}\n",
                r.doc.path,
                p.line,
                p.column,
                f.severity.as_str(),
                f.rule,
                f.message
            )));
        }
        out.push_str("</failure>\n    </testcase>\n");
    }
    for (path, message) in errors {
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"reportlint\">\n      <error message=\"{}\" type=\"input\"/>\n    </testcase>\n",
            xml_escape(path),
            xml_escape(message)
        ));
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
