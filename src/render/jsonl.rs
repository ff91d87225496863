//! `--format jsonl`: one finding per line (the objects of the JSON format's
//! `findings` array), for large corpora and streaming.

use std::io::Write;

use super::{FileReport, json};

pub fn write(report: &FileReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    for f in report.findings {
        serde_json::to_writer(&mut *out, &json::JsonFinding::new(report, f))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub fn render(report: &FileReport<'_>) -> String {
    let mut out = Vec::new();
    let _ = write(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
