//! `--format jsonl`: one finding per line (the objects of the JSON format's
//! `findings` array), for large corpora and streaming.

use super::{FileReport, json};

pub fn render(report: &FileReport<'_>) -> String {
    let mut out = String::new();
    for f in json::findings(report) {
        out.push_str(&serde_json::to_string(&f).expect("findings serialize"));
        out.push('\n');
    }
    out
}
