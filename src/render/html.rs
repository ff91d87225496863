//! `--format html`: one self-contained review page for the people who write
//! the reports.
//!
//! The page holds each document's text (paragraphs, headings, DOCX tables as
//! tables) with every finding highlighted in place and the numbers it relates
//! to (labels) marked, a side panel listing the findings by severity and rule
//! with counts and filters, and a small script for selection and keyboard
//! navigation. Styles and script are embedded (`html/review.css`,
//! `html/review.js`); nothing is fetched (a Content-Security-Policy forbids
//! it) and fonts are the system's.
//!
//! The document is untrusted text: everything that comes from it, from a file
//! name or from a rule file is written through [`escape`]; the script only
//! reads the page with `textContent` and sets classes.
//!
//! Rendering is one sweep over the text with the start and end points of all
//! highlights sorted once (O(n log n) in the findings, linear in the text);
//! overlapping highlights become flat, non-overlapping `<mark>` pieces, each
//! naming at most [`MAX_OWNERS`] of the findings it belongs to, so the page
//! stays linear in size even when hundreds of findings point at one total.

use crate::span::Cut;
use std::collections::{BTreeMap, BTreeSet};

use super::{ErrorKind, FileReport, InputError};
use crate::finding::{Finding, Severity};
use crate::input::InputFormat;
use crate::segment::Segments;

const CSS: &str = include_str!("html/review.css");
const JS: &str = include_str!("html/review.js");

/// Findings (or labels) named on one piece of highlighted text.
pub const MAX_OWNERS: usize = 8;

/// Severities from the most serious down, with their names on the page.
const SEVERITIES: [(Severity, &str); 3] = [
    (Severity::Error, "错误"),
    (Severity::Warning, "警告"),
    (Severity::Info, "提示"),
];

/// The name of a severity on the page and in comments: 错误, 警告, 提示.
pub fn severity_name(s: Severity) -> &'static str {
    SEVERITIES
        .iter()
        .find(|(x, _)| *x == s)
        .map_or("", |(_, n)| n)
}

/// Write `s` with `& < > " '` escaped, for text and attribute values alike.
/// Control characters other than tab and line breaks (which HTML does not
/// allow) become U+FFFD.
pub fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(&mut out, s);
    out
}

/// The recomputation in a relation finding's message ("按 261亿元 ÷ 372亿元
/// 计算为 70.2%，文中为 75%"): the part after the first "：" when it says how
/// the figure was computed.
pub fn recomputation(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('：')?;
    (rest.contains("计算")).then_some(rest.trim())
}

/// The largest char boundary of `s` at or before `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or after `i`.
fn ceil(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A short quote of `s` (at most `n` characters, then "…").
pub fn quote(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", s.cut(..i)),
        None => s.to_string(),
    }
}

/// The whole page for a run over `reports`; `errors` are the files that could
/// not be read.
pub fn render(reports: &[FileReport<'_>], errors: &[InputError]) -> String {
    let total_text: usize = reports.iter().map(|r| r.doc.text.len()).sum();
    let mut out = String::with_capacity(total_text + total_text / 4 + 64 * 1024);

    // Rules in id order get small numbers for classes (r0, r1 …).
    let mut rule_counts: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    let mut sev_counts = [0usize; 3];
    for f in reports.iter().flat_map(|r| r.findings) {
        let e = rule_counts.entry(&f.rule).or_insert((0, f.severity));
        e.0 += 1;
        e.1 = e.1.max(f.severity);
        sev_counts[sev_slot(f.severity)] += 1;
    }
    let rule_index: BTreeMap<&str, usize> = rule_counts
        .keys()
        .enumerate()
        .map(|(k, r)| (*r, k))
        .collect();
    let total: usize = sev_counts.iter().sum();

    let title = match reports {
        [one] => format!("reportlint 审阅：{}", one.doc.path),
        _ => format!("reportlint 审阅：{} 个文件", reports.len() + errors.len()),
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; \
         base-uri 'none'; form-action 'none'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"reportlint ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n<title>");
    escape(&mut out, &title);
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    // Filters: hiding rule k un-highlights its marks and hides its list items.
    for k in 0..rule_index.len() {
        out.push_str(&format!(
            ".hide-r{k} mark.r{k}{{background:transparent;box-shadow:none}}\
             .hide-r{k} mark.lr{k}{{text-decoration:none}}\
             .hide-r{k} li.r{k}{{display:none}}\n"
        ));
    }
    out.push_str("</style>\n</head>\n<body>\n");

    panel(
        &mut out,
        reports,
        errors,
        &rule_counts,
        &rule_index,
        sev_counts,
        total,
    );

    out.push_str("<main id=\"docs\">\n");
    let mut base = 0;
    for (k, r) in reports.iter().enumerate() {
        document(&mut out, k, r, base, &rule_index);
        base += r.findings.len();
    }
    if reports.is_empty() {
        out.push_str("<p class=\"empty\">没有可以显示的文件。</p>\n");
    }
    out.push_str("</main>\n<script>\n");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

fn sev_slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The side panel: totals, navigation, filters, files, findings by severity and rule.
fn panel(
    out: &mut String,
    reports: &[FileReport<'_>],
    errors: &[InputError],
    rule_counts: &BTreeMap<&str, (usize, Severity)>,
    rule_index: &BTreeMap<&str, usize>,
    sev_counts: [usize; 3],
    total: usize,
) {
    out.push_str(&format!(
        "<aside id=\"panel\" data-total=\"{total}\">\n<header>\n<h1>reportlint 审阅</h1>\n\
         <p class=\"totals\"><b>{total}</b> 处问题"
    ));
    for (s, name) in SEVERITIES {
        let n = sev_counts[sev_slot(s)];
        if n > 0 {
            out.push_str(&format!(
                " · <span class=\"sev s-{}\">{name} {n}</span>",
                s.as_str()
            ));
        }
    }
    out.push_str(&format!(
        "</p>\n<div class=\"nav\"><button type=\"button\" id=\"prev\" title=\"上一个（k 或 p）\">↑ 上一个</button>\
         <button type=\"button\" id=\"next\" title=\"下一个（j 或 n）\">↓ 下一个</button>\
         <span id=\"where\" aria-live=\"polite\">共 {total} 处</span></div>\n\
         <p class=\"keys\">键盘：<kbd>j</kbd>/<kbd>n</kbd> 下一个，<kbd>k</kbd>/<kbd>p</kbd> 上一个，<kbd>Esc</kbd> 取消选择</p>\n</header>\n"
    ));

    // Filters.
    if total > 0 {
        out.push_str(
            "<details class=\"filters\" open>\n<summary>筛选</summary>\n<div class=\"fsev\">",
        );
        for (s, name) in SEVERITIES {
            let n = sev_counts[sev_slot(s)];
            if n > 0 {
                out.push_str(&format!(
                    "<label><input type=\"checkbox\" checked data-hide=\"s-{0}\"> \
                     <span class=\"sev s-{0}\">{name}</span> <span class=\"n\">{n}</span></label>",
                    s.as_str()
                ));
            }
        }
        out.push_str("</div>\n<div class=\"frule\">");
        for (rule, (n, s)) in rule_counts {
            let k = rule_index[rule];
            out.push_str(&format!(
                "<label><input type=\"checkbox\" checked data-hide=\"r{k}\"> <code class=\"s-{}\">",
                s.as_str()
            ));
            escape(out, rule);
            out.push_str(&format!("</code> <span class=\"n\">{n}</span></label>"));
        }
        out.push_str("</div>\n</details>\n");
    }

    // Files (when there are several, or some could not be read).
    if reports.len() > 1 || !errors.is_empty() {
        out.push_str("<details class=\"files\" open>\n<summary>文件</summary>\n<ol>\n");
        for (k, r) in reports.iter().enumerate() {
            out.push_str(&format!(
                "<li data-findings=\"{}\"><a href=\"#file-{k}\">",
                r.findings.len()
            ));
            escape(out, &r.doc.path);
            out.push_str(&format!(
                "</a> <span class=\"n\">{}</span></li>\n",
                r.findings.len()
            ));
        }
        for e in errors {
            out.push_str("<li class=\"unreadable\"><span class=\"path\">");
            escape(out, &e.path);
            out.push_str(match e.kind {
                ErrorKind::Read => "</span> <span class=\"why\">无法读取：",
                ErrorKind::Write => "</span> <span class=\"why\">修改未能写入：",
            });
            escape(out, e.message.lines().next().unwrap_or(""));
            out.push_str("</span></li>\n");
        }
        out.push_str("</ol>\n</details>\n");
    }

    // Findings by severity, then rule.
    out.push_str("<div id=\"findings\">\n");
    if total == 0 {
        out.push_str("<p class=\"clean\">没有发现问题。</p>\n");
    }
    let multi = reports.len() > 1;
    // (severity slot, rule) → the findings, in document order.
    let mut groups: BTreeMap<(usize, &str), Vec<Entry>> = BTreeMap::new();
    let mut base = 0;
    for (fk, r) in reports.iter().enumerate() {
        for (i, f) in r.findings.iter().enumerate() {
            groups
                .entry((sev_slot(f.severity), f.rule.as_str()))
                .or_default()
                .push((base + i, fk, f));
        }
        base += r.findings.len();
    }
    for (s, name) in SEVERITIES {
        let count = sev_counts[sev_slot(s)];
        if count == 0 {
            continue;
        }
        out.push_str(&format!(
            "<details class=\"sevgroup s-{0}\" data-severity=\"{0}\" data-count=\"{count}\" open>\n\
             <summary><span class=\"sev s-{0}\">{name}</span> <span class=\"n\">{count}</span></summary>\n",
            s.as_str()
        ));
        for ((_, rule), list) in groups.range((sev_slot(s), "")..(sev_slot(s) + 1, "")) {
            let n = list.len();
            out.push_str(&format!(
                "<details class=\"rulegroup\" data-rule=\"{}\" data-count=\"{n}\" open>\n<summary><code>",
                esc(rule)
            ));
            escape(out, rule);
            out.push_str(&format!(
                "</code> <span class=\"n\">{n}</span></summary>\n<ol>\n"
            ));
            for &(i, fk, f) in list {
                item(out, i, fk, &reports[fk], f, rule_index[rule], multi);
            }
            out.push_str("</ol>\n</details>\n");
        }
        out.push_str("</details>\n");
    }
    out.push_str("</div>\n</aside>\n");
}

/// A finding in the panel: its global index, its file's index, the finding.
type Entry<'a> = (usize, usize, &'a Finding);

/// One finding in the panel: a link to it, and its details (shown when selected).
fn item(
    out: &mut String,
    i: usize,
    file: usize,
    report: &FileReport<'_>,
    f: &Finding,
    rule: usize,
    multi: bool,
) {
    let doc = report.doc;
    let text = &doc.text;
    let sev = f.severity.as_str();
    out.push_str(&format!(
        "<li class=\"fi s-{sev} r{rule}\" id=\"i{i}\" data-i=\"{i}\" data-s=\"{sev}\" data-r=\"{rule}\" data-file=\"{file}\">\
         <a class=\"go\" href=\"#f{i}\">"
    ));
    out.push_str("<span class=\"loc\">");
    if multi {
        escape(out, file_name(&doc.path));
        out.push(' ');
    }
    escape(out, &place(report, f.span.start));
    out.push_str("</span> <span class=\"msg\">");
    escape(out, &f.message);
    out.push_str("</span></a>\n<div class=\"detail\" hidden>\n");
    let (s, e) = (
        floor(text, f.span.start),
        ceil(text, f.span.end.max(f.span.start)),
    );
    out.push_str("<p class=\"quote\">原文：<q>");
    escape(out, &quote(text.cut(s..e.max(s)), 60));
    out.push_str("</q></p>\n");
    if let Some(calc) = recomputation(&f.message) {
        out.push_str("<p class=\"calc\">核算：");
        escape(out, calc);
        out.push_str("</p>\n");
    }
    if !f.labels.is_empty() {
        out.push_str("<ul class=\"labels\">\n");
        for (j, l) in f.labels.iter().enumerate() {
            let (ls, le) = (
                floor(text, l.span.start),
                ceil(text, l.span.end.max(l.span.start)),
            );
            out.push_str(&format!(
                "<li><a href=\"#f{i}-l{j}\" data-j=\"{j}\">{}</a>：<q>",
                esc(&l.message)
            ));
            escape(out, &quote(text.cut(ls..le.max(ls)), 40));
            out.push_str("</q> <span class=\"loc\">");
            escape(out, &place(report, l.span.start));
            out.push_str("</span></li>\n");
        }
        out.push_str("</ul>\n");
    }
    if let Some(h) = &f.help {
        out.push_str("<p class=\"help\">建议：");
        escape(out, h);
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"rule\">规则 <code>");
    escape(out, &f.rule);
    out.push_str("</code>（说明：<code>reportlint rule ");
    escape(out, &f.rule);
    out.push_str("</code>）</p>\n</div>\n</li>\n");
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Where an offset is, in the reader's terms: 第12段 / 表2 第3行 第4列 for
/// DOCX, 第19行第34列 otherwise.
fn place(report: &FileReport<'_>, offset: usize) -> String {
    if let Some(at) = report.doc.locator_at(offset) {
        return at.to_string();
    }
    let p = report.position(offset);
    format!("第{}行第{}列", p.line, p.column)
}

/// A highlight boundary: `(position, 0 = end / 1 = start, what)`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Event {
    pos: usize,
    start: bool,
    /// Global finding index.
    finding: usize,
    /// Label index + 1, or 0 for the finding's own span.
    label: usize,
}

/// A DOCX table cell's place, from its locator `表2 第3行 第4列`.
fn cell_of(locator: &str) -> Option<(usize, usize)> {
    let rest = locator.strip_prefix('表')?;
    let (t, rest) = rest.split_once(" 第")?;
    let (r, _) = rest.split_once('行')?;
    Some((t.parse().ok()?, r.parse().ok()?))
}

/// The state of the sweep over one document.
struct Sweep<'a> {
    findings: &'a [Finding],
    base: usize,
    rule_of: Vec<usize>,
    /// Active findings: (start, global index).
    primaries: BTreeSet<(usize, usize)>,
    /// Active labels: (start, global finding index, label index).
    labels: BTreeSet<(usize, usize, usize)>,
    sev: [usize; 3],
    /// Anchors waiting for the next block (their point fell between blocks).
    pending: Vec<String>,
}

impl Sweep<'_> {
    fn finding(&self, global: usize) -> &Finding {
        &self.findings[global - self.base]
    }

    /// Apply one event; anchors for starts are written to `out` or kept pending.
    fn apply(&mut self, e: Event, out: &mut String, in_block: bool) {
        let findings = self.findings;
        let f = &findings[e.finding - self.base];
        if e.start {
            let anchor = if e.label == 0 {
                format!("f{}", e.finding)
            } else {
                format!("f{}-l{}", e.finding, e.label - 1)
            };
            if in_block {
                out.push_str(&format!("<a class=\"anchor\" id=\"{anchor}\"></a>"));
            } else {
                self.pending.push(anchor);
            }
        }
        let start = if e.label == 0 {
            f.span.start
        } else {
            f.labels[e.label - 1].span.start
        };
        match (e.label, e.start) {
            (0, true) => {
                self.primaries.insert((start, e.finding));
                self.sev[sev_slot(f.severity)] += 1;
            }
            (0, false) => {
                self.primaries.remove(&(start, e.finding));
                self.sev[sev_slot(f.severity)] -= 1;
            }
            (l, true) => {
                self.labels.insert((start, e.finding, l - 1));
            }
            (l, false) => {
                self.labels.remove(&(start, e.finding, l - 1));
            }
        }
    }

    fn flush_pending(&mut self, out: &mut String) {
        for a in self.pending.drain(..) {
            out.push_str(&format!("<a class=\"anchor\" id=\"{a}\"></a>"));
        }
    }

    /// The opening tag for text under the current highlights, if any.
    fn open_mark(&self) -> Option<String> {
        if self.primaries.is_empty() && self.labels.is_empty() {
            return None;
        }
        let mut class = String::new();
        let mut data = String::new();
        if let Some(&(_, inner)) = self.primaries.last() {
            let sev = SEVERITIES
                .iter()
                .find(|(s, _)| self.sev[sev_slot(*s)] > 0)
                .map_or("info", |(s, _)| s.as_str());
            class.push_str(&format!("m s-{sev} r{}", self.rule_of[inner - self.base]));
            for &(_, i) in self.primaries.iter().rev().take(MAX_OWNERS) {
                class.push_str(&format!(" p{i}"));
            }
            data.push_str(&format!(" data-f=\"{inner}\""));
        }
        if let Some(&(_, owner, _)) = self.labels.last() {
            let f = self.finding(owner);
            if !class.is_empty() {
                class.push(' ');
            }
            class.push_str(&format!(
                "lab ls-{} lr{}",
                f.severity.as_str(),
                self.rule_of[owner - self.base]
            ));
            let mut seen = Vec::new();
            for &(_, o, _) in self.labels.iter().rev() {
                if seen.len() == MAX_OWNERS {
                    break;
                }
                if !seen.contains(&o) {
                    seen.push(o);
                    class.push_str(&format!(" o{o}"));
                }
            }
            data.push_str(&format!(" data-l=\"{owner}\""));
        }
        Some(format!("<mark class=\"{class}\"{data}>"))
    }
}

/// One document's section: its text with the highlights.
fn document(
    out: &mut String,
    k: usize,
    report: &FileReport<'_>,
    base: usize,
    rule_index: &BTreeMap<&str, usize>,
) {
    let doc = report.doc;
    let text = doc.text.as_str();
    let collapse = matches!(doc.format, InputFormat::Markdown | InputFormat::Html);
    // The source of a markup format (same length as the text), to tell markup
    // blanked to spaces from the source's own spaces.
    let source = doc.source.as_deref().filter(|s| s.len() == text.len());
    out.push_str(&format!(
        "<section class=\"doc\" id=\"file-{k}\" data-findings=\"{}\">\n<h1 class=\"path\">",
        report.findings.len()
    ));
    escape(out, &doc.path);
    out.push_str(&format!(
        " <span class=\"n\">{} 处</span></h1>\n<div class=\"text fmt-{}\">\n",
        report.findings.len(),
        doc.format.name()
    ));

    // Highlight boundaries, sorted: ends before starts at one position.
    let mut events = Vec::with_capacity(report.findings.len() * 4);
    let mut push = |span: crate::span::Span, finding: usize, label: usize| {
        let s = floor(text, span.start);
        let e = ceil(text, span.end).max(s);
        events.push(Event {
            pos: s,
            start: true,
            finding,
            label,
        });
        events.push(Event {
            pos: e,
            start: false,
            finding,
            label,
        });
    };
    for (i, f) in report.findings.iter().enumerate() {
        push(f.span, base + i, 0);
        for (j, l) in f.labels.iter().enumerate() {
            push(l.span, base + i, j + 1);
        }
    }
    events.sort_unstable();
    let mut sweep = Sweep {
        findings: report.findings,
        base,
        rule_of: report
            .findings
            .iter()
            .map(|f| rule_index.get(f.rule.as_str()).copied().unwrap_or(0))
            .collect(),
        primaries: BTreeSet::new(),
        labels: BTreeSet::new(),
        sev: [0; 3],
        pending: Vec::new(),
    };

    // Heading levels of lines, from the segmenter (explicit headings included).
    let segments = Segments::for_document(doc);
    let mut paragraphs = segments.paragraphs.iter().peekable();

    let mut ev = 0;
    let mut table: Option<(usize, usize)> = None; // (table, row) open
    let mut line_no = 0;
    let mut line_start = 0;
    while line_start <= text.len() {
        line_no += 1;
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |i| line_start + i);
        let content_end = if text.cut(..line_end).ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        let line = text.cut(line_start..content_end);
        let cell = doc.locator(line_no).and_then(cell_of);
        let blank = line.trim_matches(crate::input::table::is_space).is_empty();

        // Events before the line's content (in the previous line break).
        while ev < events.len() && events[ev].pos < line_start {
            sweep.apply(events[ev], out, false);
            ev += 1;
        }
        let mut heading = None;
        while let Some(p) = paragraphs.peek() {
            if p.span.start < line_start {
                paragraphs.next();
            } else {
                if p.span.start < line_end.max(line_start + 1) {
                    heading = p.heading;
                }
                break;
            }
        }

        if blank && cell.is_none() {
            // Nothing to show; still pass the events inside the line.
            while ev < events.len() && events[ev].pos <= content_end {
                sweep.apply(events[ev], out, false);
                ev += 1;
            }
        } else {
            // Open the block.
            let close;
            match cell {
                Some((t, r)) => {
                    match table {
                        Some((ot, or)) if ot == t => {
                            if or != r {
                                out.push_str("</tr>\n<tr>");
                            }
                        }
                        Some(_) => out.push_str("</tr>\n</table>\n<table class=\"t\">\n<tr>"),
                        None => out.push_str("<table class=\"t\">\n<tr>"),
                    }
                    table = Some((t, r));
                    out.push_str("<td>");
                    close = "</td>".to_string();
                }
                None => {
                    if table.take().is_some() {
                        out.push_str("</tr>\n</table>\n");
                    }
                    let gutter = doc
                        .locator(line_no)
                        .map_or_else(|| line_no.to_string(), str::to_string);
                    match heading {
                        Some(level) => {
                            let h = (level as usize + 1).min(6);
                            out.push_str(&format!("<h{h} data-n=\"{}\">", esc(&gutter)));
                            close = format!("</h{h}>\n");
                        }
                        None => {
                            out.push_str(&format!("<p data-n=\"{}\">", esc(&gutter)));
                            close = "</p>\n".to_string();
                        }
                    }
                }
            }
            sweep.flush_pending(out);
            let mut pos = line_start;
            let mut last_space = true;
            loop {
                // Events at the current position.
                while ev < events.len() && events[ev].pos <= pos && events[ev].pos <= content_end {
                    sweep.apply(events[ev], out, true);
                    ev += 1;
                }
                if pos >= content_end {
                    break;
                }
                let next = if ev < events.len() {
                    events[ev].pos.min(content_end)
                } else {
                    content_end
                };
                let piece = text.cut(pos..next);
                let mark = sweep.open_mark();
                if let Some(m) = &mark {
                    out.push_str(m);
                }
                if collapse {
                    // Markup blanked to spaces is left out; white space of the
                    // source shows as one space.
                    for (i, c) in piece.char_indices() {
                        let at = pos + i;
                        let markup = c == ' '
                            && source.is_some_and(|s| !s.as_bytes()[at].is_ascii_whitespace());
                        let space = c == ' ' || c == '\t';
                        if markup || (space && last_space) {
                            continue;
                        }
                        last_space = space;
                        escape_char(out, if space { ' ' } else { c });
                    }
                } else {
                    escape(out, piece);
                }
                if mark.is_some() {
                    out.push_str("</mark>");
                }
                pos = next;
            }
            out.push_str(&close);
        }
        line_start = line_end + 1;
    }
    // Whatever remains (spans ending at the very end).
    while ev < events.len() {
        sweep.apply(events[ev], out, false);
        ev += 1;
    }
    if table.is_some() {
        out.push_str("</tr>\n</table>\n");
    }
    if !sweep.pending.is_empty() {
        out.push_str("<p class=\"end\">");
        sweep.flush_pending(out);
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</section>\n");
}

fn escape_char(out: &mut String, c: char) {
    let mut buf = [0u8; 4];
    escape(out, c.encode_utf8(&mut buf));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::finding::Label;
    use crate::span::Span;

    fn finding(rule: &str, span: Span, labels: &[(Span, &str)]) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Warning,
            message: "m".into(),
            span,
            primary_label: None,
            labels: labels
                .iter()
                .map(|(s, m)| Label {
                    span: *s,
                    message: m.to_string(),
                })
                .collect(),
            help: None,
            fix: None,
        }
    }

    fn page(doc: &Document, findings: &[Finding]) -> String {
        render(&[FileReport { doc, findings }], &[])
    }

    #[test]
    fn escapes_document_text_and_names() {
        let text = "<script>alert(1)</script> & \"x\" 'y' \u{1}。";
        let doc = Document::from_text("<b>a.txt</b>", text);
        let f = finding("x/<y>", Span::new(0, 8), &[]);
        let html = page(&doc, &[f]);
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<b>a.txt"));
        assert!(!html.contains("x/<y>"));
        assert!(html.contains("&lt;script&gt;</mark>alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39; \u{fffd}。</p>"));
        // The only <script> is ours.
        assert_eq!(html.matches("<script>").count(), 1);
    }

    /// The body of the block for 1-based line `n`.
    fn block(html: &str, n: usize) -> &str {
        let start = html.find(&format!("<p data-n=\"{n}\">")).unwrap();
        let body = &html[start..];
        &body[..body.find("</p>").unwrap() + 4]
    }

    #[test]
    fn overlapping_spans_become_flat_pieces() {
        //          0123456789
        let text = "aaabbbcccd。";
        let doc = Document::from_text("t.txt", text);
        let fs = [
            finding("r/a", Span::new(0, 6), &[(Span::new(8, 10), "部分")]),
            finding("r/b", Span::new(3, 9), &[]),
        ];
        let html = page(&doc, &fs);
        assert_eq!(
            block(&html, 1),
            "<p data-n=\"1\"><a class=\"anchor\" id=\"f0\"></a>\
             <mark class=\"m s-warning r0 p0\" data-f=\"0\">aaa</mark>\
             <a class=\"anchor\" id=\"f1\"></a>\
             <mark class=\"m s-warning r1 p1 p0\" data-f=\"1\">bbb</mark>\
             <mark class=\"m s-warning r1 p1\" data-f=\"1\">cc</mark>\
             <a class=\"anchor\" id=\"f0-l0\"></a>\
             <mark class=\"m s-warning r1 p1 lab ls-warning lr0 o0\" data-f=\"1\" data-l=\"0\">c</mark>\
             <mark class=\"lab ls-warning lr0 o0\" data-l=\"0\">d</mark>。</p>"
        );
    }

    #[test]
    fn a_span_over_several_lines_is_cut_at_each_line() {
        let text = "甲乙。\n\n丙丁。\n";
        let doc = Document::from_text("t.txt", text);
        let f = finding("r/a", Span::new(3, text.len() - 1), &[]);
        let html = page(&doc, &[f]);
        assert_eq!(
            block(&html, 1),
            "<p data-n=\"1\">甲<a class=\"anchor\" id=\"f0\"></a><mark class=\"m s-warning r0 p0\" data-f=\"0\">乙。</mark></p>"
        );
        assert_eq!(
            block(&html, 3),
            "<p data-n=\"3\"><mark class=\"m s-warning r0 p0\" data-f=\"0\">丙丁。</mark></p>"
        );
    }

    #[test]
    fn a_span_starting_between_lines_anchors_on_the_next_block() {
        let text = "甲。\n\n乙。\n";
        let doc = Document::from_text("t.txt", text);
        let f = finding("r/a", Span::new(7, 10), &[]);
        let html = page(&doc, &[f]);
        assert_eq!(
            block(&html, 3),
            "<p data-n=\"3\"><a class=\"anchor\" id=\"f0\"></a><mark class=\"m s-warning r0 p0\" data-f=\"0\">乙</mark>。</p>"
        );
    }

    #[test]
    fn recomputation_is_the_computed_clause() {
        assert_eq!(
            recomputation(
                "服务业增加值的比重与数值不符：按 261亿元 ÷ 372亿元 计算为 70.2%，文中为 75%"
            ),
            Some("按 261亿元 ÷ 372亿元 计算为 70.2%，文中为 75%")
        );
        assert_eq!(recomputation("「62.51亿万元」的数量级「亿万」重复"), None);
    }

    #[test]
    fn many_findings_on_one_span_name_a_bounded_number_of_owners() {
        let text = "合计100亿元。";
        let doc = Document::from_text("t.txt", text);
        let fs: Vec<Finding> = (0..50)
            .map(|_| finding("r/a", Span::new(0, text.len()), &[]))
            .collect();
        let html = page(&doc, &fs);
        let mark = &html[html.find("<mark").unwrap()..];
        let mark = &mark[..mark.find('>').unwrap()];
        assert_eq!(mark.matches(" p").count(), MAX_OWNERS);
    }
}
