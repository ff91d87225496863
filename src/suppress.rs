//! Suppression comments a writer leaves in the document:
//!
//! ```text
//! <!-- reportlint-disable-next-line magnitude/missing -- 面积确为68.9平方米 -->
//! <!-- reportlint-disable-line unit -->
//! <!-- reportlint-disable duplicate -->  …  <!-- reportlint-enable duplicate -->
//! ```
//!
//! The HTML comment is the Markdown/HTML form; in plain text the directive works
//! the same on a line of its own (`// reportlint-disable-next-line …`, `# …`).
//! Rule ids may be prefixes (`magnitude`) and are separated by spaces or commas;
//! no ids means every rule. Text after ` -- ` is the reason.

use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::rules::load::id_matches;
use crate::span::Cut;
use crate::span::Span;

pub const MISSING_REASON_RULE: &str = "suppression/missing-reason";
/// A directive names a rule id (or prefix) that no loaded rule has: a typo
/// would silently suppress nothing (ruff warns about unknown noqa codes too).
pub const UNKNOWN_RULE: &str = "suppression/unknown-rule";

/// Rule ids reportlint reports itself, outside the rule files: a directive
/// may name them.
pub const BUILTIN_IDS: &[&str] = &[
    MISSING_REASON_RULE,
    UNKNOWN_RULE,
    crate::input::UNCLOSED_COMMENT_RULE,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    NextLine,
    Line,
    Disable,
    Enable,
}

#[derive(Debug, Clone)]
struct Suppression {
    directive: Directive,
    /// 0-based line of the directive.
    line: usize,
    span: Span,
    ids: Vec<String>,
    reason: Option<String>,
}

impl Suppression {
    fn covers(&self, rule: &str) -> bool {
        self.ids.is_empty() || self.ids.iter().any(|p| id_matches(rule, p))
    }
}

/// Which rules `disable` … `enable` blocks switch off at a point of the text.
#[derive(Debug, Clone, Default)]
struct Disabled {
    /// A `disable` without ids is in force …
    all: bool,
    /// … except for these, re-enabled by name since.
    except: Vec<String>,
    /// Ids and prefixes disabled by name.
    ids: Vec<String>,
}

impl Disabled {
    fn apply(&mut self, s: &Suppression) {
        match (s.directive, s.ids.is_empty()) {
            (Directive::Disable, true) => {
                self.all = true;
                self.except.clear();
            }
            (Directive::Disable, false) => {
                for id in &s.ids {
                    self.except.retain(|e| e != id);
                    if !self.ids.contains(id) {
                        self.ids.push(id.clone());
                    }
                }
            }
            (Directive::Enable, true) => *self = Disabled::default(),
            (Directive::Enable, false) => {
                self.ids.retain(|id| !s.ids.contains(id));
                if self.all {
                    for id in &s.ids {
                        if !self.except.contains(id) {
                            self.except.push(id.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn covers(&self, rule: &str) -> bool {
        (self.all && !self.except.iter().any(|p| id_matches(rule, p)))
            || self.ids.iter().any(|p| id_matches(rule, p))
    }
}

const TOKEN: &str = "reportlint-";

fn parse(doc: &Document) -> Vec<Suppression> {
    let text = &doc.text;
    let mut out = Vec::new();
    for (pos, _) in text.match_indices(TOKEN) {
        let rest = text.cut(pos + TOKEN.len()..);
        let (directive, word) = if rest.starts_with("disable-next-line") {
            (Directive::NextLine, "disable-next-line")
        } else if rest.starts_with("disable-line") {
            (Directive::Line, "disable-line")
        } else if rest.starts_with("disable") {
            (Directive::Disable, "disable")
        } else if rest.starts_with("enable") {
            (Directive::Enable, "enable")
        } else {
            continue;
        };
        let after = rest.cut(word.len()..);
        if after.starts_with(|c: char| c.is_alphanumeric() || c == '-' && !after.starts_with("--"))
        {
            continue;
        }
        let line = doc.lines.line_of(pos);
        let line_end = doc.lines.line_end(text, line);
        let body_end = pos + TOKEN.len() + word.len();
        let mut body = text.cut(body_end..line_end.max(body_end));
        let mut end = line_end.max(body_end);
        if let Some(i) = body.find("-->") {
            end = body_end + i + 3;
            body = body.cut(..i);
        }
        let (ids, reason) = match body.find(" -- ").or_else(|| body.find("--")) {
            Some(i) => (
                body.cut(..i),
                Some(body.cut(i..).trim_start_matches([' ', '-']).trim()),
            ),
            None => (body, None),
        };
        let ids = ids
            .split([' ', ',', '\t', '，'])
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        out.push(Suppression {
            directive,
            line,
            span: Span::new(pos, end),
            ids,
            reason: reason.filter(|r| !r.is_empty()).map(String::from),
        });
    }
    out
}

/// Drop the findings that a directive suppresses. With `require_reason`, each
/// directive without a reason becomes a finding of its own. Each id that
/// `known` does not recognise (nor [`BUILTIN_IDS`]) is reported as
/// [`UNKNOWN_RULE`]; pass `&|_| true` to skip that check.
pub fn apply(
    doc: &Document,
    findings: &mut Vec<Finding>,
    require_reason: bool,
    known: &dyn Fn(&str) -> bool,
) {
    if !doc.text.contains(TOKEN) {
        return;
    }
    let sups = parse(doc);
    if sups.is_empty() {
        return;
    }
    // The line each next-line directive applies to: the next non-blank line.
    let text = &doc.text;
    let target_line = |s: &Suppression| -> usize {
        let mut l = s.line + 1;
        while l < doc.lines.line_count() {
            let (a, b) = (doc.lines.line_start(l), doc.lines.line_end(text, l));
            if !text.cut(a..b).trim().is_empty() {
                break;
            }
            l += 1;
        }
        l
    };
    let mut by_line: rustc_hash::FxHashMap<usize, Vec<&Suppression>> = Default::default();
    // Block directives, swept in order: after each one, the set of disabled
    // rules until the next. Looking a finding up is a binary search, so many
    // directives and findings stay near-linear.
    let mut blocks: Vec<(usize, Disabled)> = Vec::new();
    let mut state = Disabled::default();
    for s in &sups {
        match s.directive {
            Directive::NextLine => by_line.entry(target_line(s)).or_default().push(s),
            Directive::Line => by_line.entry(s.line).or_default().push(s),
            Directive::Disable | Directive::Enable => {
                state.apply(s);
                blocks.push((s.span.end, state.clone()));
            }
        }
    }
    findings.retain(|f| {
        let line = doc.lines.line_of(f.span.start);
        let by_line_hit = by_line
            .get(&line)
            .is_some_and(|v| v.iter().any(|s| s.covers(&f.rule)));
        let block_hit = || {
            let i = blocks.partition_point(|(at, _)| *at <= f.span.start);
            i > 0 && blocks[i - 1].1.covers(&f.rule)
        };
        !(by_line_hit || block_hit())
    });
    let mut added = false;
    for s in &sups {
        for id in &s.ids {
            let builtin = BUILTIN_IDS.iter().any(|b| id_matches(b, id));
            if builtin || known(id) {
                continue;
            }
            added = true;
            findings.push(Finding {
                rule: UNKNOWN_RULE.into(),
                severity: Severity::Warning,
                message: format!("抑制注释中的规则「{id}」不存在，这条注释不会抑制它"),
                span: s.span,
                primary_label: None,
                labels: Vec::new(),
                help: Some(
                    "运行 `reportlint rules` 查看规则 id；也可以写前缀，例如 magnitude".into(),
                ),
                fix: None,
            });
        }
    }
    if require_reason {
        added = true;
        for s in sups
            .iter()
            .filter(|s| s.directive != Directive::Enable && s.reason.is_none())
        {
            findings.push(Finding {
                rule: MISSING_REASON_RULE.into(),
                severity: Severity::Warning,
                message: "这条抑制注释没有写明理由".into(),
                span: s.span,
                primary_label: None,
                labels: Vec::new(),
                help: Some("在规则之后写「 -- 理由」，例如：reportlint-disable-next-line magnitude/missing -- 面积确为68.9平方米".into()),
                fix: None,
            });
        }
    }
    if added {
        findings.sort_by_key(|f| (f.span.start, f.span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    /// Rules reported on each line after suppression.
    fn reported(text: &str) -> Vec<(usize, String)> {
        let doc = Document::from_text("a.md", text);
        let mut findings = Linter::builtin().lint(&doc).findings;
        apply(&doc, &mut findings, false, &|_| true);
        findings
            .iter()
            .map(|f| (doc.position(f.span.start).line, f.rule.clone()))
            .collect()
    }

    const DOUBLED: &str = "投资62.51亿万元。";
    const RATE: &str = "就业率达到103.5%。";

    #[test]
    fn blocks_disable_and_enable_by_id_and_for_all() {
        let text = format!(
            "<!-- reportlint-disable -->\n{DOUBLED}{RATE}\n<!-- reportlint-enable percent -->\n{DOUBLED}{RATE}\n<!-- reportlint-enable -->\n{DOUBLED}\n"
        );
        assert_eq!(
            reported(&text),
            vec![
                (4, "percent/rate-above-100".into()),
                (6, "magnitude/doubled".into())
            ]
        );
        let text = format!(
            "<!-- reportlint-disable magnitude, percent/rate-above-100 -->\n{DOUBLED}{RATE}\n<!-- reportlint-enable magnitude -->\n{DOUBLED}{RATE}\n"
        );
        assert_eq!(reported(&text), vec![(4, "magnitude/doubled".into())]);
        // An unclosed block runs to the end; next-line and same-line directives.
        let text = format!(
            "{DOUBLED}\n// reportlint-disable-next-line magnitude/doubled -- 原文如此\n\n{DOUBLED}\n{DOUBLED} <!-- reportlint-disable-line -->\n<!-- reportlint-disable magnitude -->\n{DOUBLED}\n"
        );
        assert_eq!(reported(&text), vec![(1, "magnitude/doubled".into())]);
    }

    #[test]
    fn reasons_are_parsed() {
        let doc = Document::from_text(
            "a.md",
            "<!-- reportlint-disable-next-line unit, magnitude/missing -- 口径不同 -->\n<!-- reportlint-disable -->\n",
        );
        let sups = parse(&doc);
        assert_eq!(sups.len(), 2);
        assert_eq!(sups[0].ids, vec!["unit", "magnitude/missing"]);
        assert_eq!(sups[0].reason.as_deref(), Some("口径不同"));
        assert!(sups[1].ids.is_empty() && sups[1].reason.is_none());
    }
}

#[cfg(test)]
mod unknown_ids {
    use super::*;
    use crate::Linter;

    fn run(text: &str) -> Vec<(String, String)> {
        let doc = Document::from_text("a.md", text);
        let linter = Linter::builtin();
        let mut findings = linter.lint(&doc).findings;
        let ids: Vec<String> = linter
            .rules
            .rules
            .iter()
            .map(|r| r.meta.id.clone())
            .collect();
        apply(&doc, &mut findings, false, &|id| {
            ids.iter().any(|k| id_matches(k, id))
        });
        findings
            .iter()
            .map(|f| (f.rule.clone(), f.message.clone()))
            .collect()
    }

    #[test]
    fn unknown_rule_ids_in_directives_are_reported() {
        let found =
            run("<!-- reportlint-disable-next-line magnitude/doubeld -->\n投资62.51亿万元。\n");
        // The typo suppresses nothing, and is reported.
        assert!(
            found.iter().any(|(r, _)| r == "magnitude/doubled"),
            "{found:?}"
        );
        let unknown: Vec<_> = found.iter().filter(|(r, _)| r == UNKNOWN_RULE).collect();
        assert_eq!(unknown.len(), 1, "{found:?}");
        assert!(unknown[0].1.contains("magnitude/doubeld"));
    }

    #[test]
    fn known_ids_prefixes_and_builtin_ids_are_not_reported() {
        for (d, covers) in [
            ("magnitude/doubled", true),
            ("magnitude", true),
            ("", true),
            ("suppression/missing-reason", false),
            ("input", false),
        ] {
            let text = format!("<!-- reportlint-disable-next-line {d} -->\n投资62.51亿万元。\n");
            let found = run(&text);
            assert!(
                !found.iter().any(|(r, _)| r == UNKNOWN_RULE),
                "{d}: {found:?}"
            );
            let doubled = found.iter().any(|(r, _)| r == "magnitude/doubled");
            assert_eq!(doubled, !covers, "{d}: {found:?}");
        }
    }
}
