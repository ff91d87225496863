//! `table-bound`: a declared inequality between two columns holds in every row
//! — 债务余额 ≤ 债务限额, 执行数 ≤ 预算数 ….
//!
//! `left` and `right` are words looked for in the column headers (a header
//! row over several columns counts for each of them). When several columns
//! match on a side (一般债务 and 专项债务 under both 限额 and 余额), a left column
//! is paired with the right column whose header is the same once the matched
//! word, years, parentheses and column codes are taken out; a single column
//! on each side is paired directly.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::table_sum::{header_words, norm};
use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::Finding;
use crate::input::Table;

pub const KIND: &str = "table-bound";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Op {
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
}

impl Op {
    fn holds(self, l: Decimal, r: Decimal, tol: Decimal) -> bool {
        match self {
            Op::Le => l <= r + tol,
            Op::Lt => l < r + tol,
            Op::Ge => l + tol >= r,
            Op::Gt => l + tol > r,
        }
    }
    fn as_str(self) -> &'static str {
        match self {
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Ge => "≥",
            Op::Gt => ">",
        }
    }
    /// The words for "should be …" in a message.
    fn words(self) -> &'static str {
        match self {
            Op::Le => "不应超过",
            Op::Lt => "应小于",
            Op::Ge => "不应低于",
            Op::Gt => "应大于",
        }
    }
}

rule_spec! {
    /// See docs/rules.md#table-bound.
    pub struct Spec {
        /// Words of the left column's header (any one matches).
        pub left: Spanned<Vec<String>>,
        /// `<=`, `<`, `>=` or `>`.
        pub op: Op,
        /// Words of the right column's header.
        pub right: Spanned<Vec<String>>,
        /// Allowed excess, in the table's unit.
        #[serde(default)]
        pub tolerance: f64,
        /// Skip rows whose label contains one of these.
        #[serde(default)]
        pub skip_rows: Vec<String>,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if spec.left.value.is_empty() {
        return Err(SpecError::at(
            &spec.left,
            "`left` needs at least one header word",
        ));
    }
    if spec.right.value.is_empty() {
        return Err(SpecError::at(
            &spec.right,
            "`right` needs at least one header word",
        ));
    }
    if !(spec.tolerance.is_finite() && spec.tolerance >= 0.0) {
        return Err(SpecError::at(
            &spec.kind,
            "`tolerance` must be a number at least 0",
        ));
    }
    Ok(Box::new(TableBound {
        left: spec.left.value.iter().map(|w| norm(w)).collect(),
        op: spec.op,
        right: spec.right.value.iter().map(|w| norm(w)).collect(),
        tolerance: Decimal::from_f64(spec.tolerance).unwrap_or_default(),
        skip_rows: spec.skip_rows,
    }))
}

#[derive(Debug)]
struct TableBound {
    left: Vec<String>,
    op: Op,
    right: Vec<String>,
    tolerance: Decimal,
    skip_rows: Vec<String>,
}

/// A header with `words`, years (2024年), parentheses and column codes taken out.
fn rest(header: &str, words: &[String]) -> String {
    let mut h = header_words(header);
    for w in words {
        h = h.replace(w.as_str(), "");
    }
    let mut out = String::new();
    let mut depth = 0usize;
    let chars: Vec<char> = h.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '0'..='9' => {
                // A year or other number, with a following 年.
                while i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
                    i += 1;
                }
                if chars.get(i + 1) == Some(&'年') {
                    i += 1;
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

impl TableBound {
    fn pairs(&self, table: &Table) -> Vec<(usize, usize)> {
        let n = table.columns();
        let has = |c: usize, words: &[String]| {
            let h = norm(table.header_text(c));
            words.iter().any(|w| h.contains(w.as_str()))
        };
        let left: Vec<usize> = (0..n)
            .filter(|&c| has(c, &self.left) && !has(c, &self.right))
            .collect();
        let right: Vec<usize> = (0..n)
            .filter(|&c| has(c, &self.right) && !has(c, &self.left))
            .collect();
        if left.is_empty() || right.is_empty() {
            return Vec::new();
        }
        if left.len() == 1 && right.len() == 1 {
            return vec![(left[0], right[0])];
        }
        let mut out = Vec::new();
        for &l in &left {
            let key = rest(table.header_text(l), &self.left);
            let mut matches = right
                .iter()
                .filter(|&&r| rest(table.header_text(r), &self.right) == key);
            if let (Some(&r), None) = (matches.next(), matches.next()) {
                out.push((l, r));
            }
        }
        out
    }
}

impl Check for TableBound {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for table in &ctx.doc.tables {
            for (l, r) in self.pairs(table) {
                let (lh, rh) = (
                    header_words(table.header_text(l)),
                    header_words(table.header_text(r)),
                );
                for row in &table.rows {
                    if self
                        .skip_rows
                        .iter()
                        .any(|w| row.label.text.contains(w.as_str()))
                    {
                        continue;
                    }
                    let (Some(lc), Some(rc)) = (row.cells.get(l), row.cells.get(r)) else {
                        continue;
                    };
                    let (Some(lv), Some(rv)) = (lc.value, rc.value) else {
                        continue;
                    };
                    if lc.span.is_empty() || self.op.holds(lv, rv, self.tolerance) {
                        continue;
                    }
                    let label = norm(&row.label.text);
                    let unit = table.unit.clone().unwrap_or_default();
                    let f = rule
                        .finding(
                            lc.span,
                            &[
                                ("row", &label),
                                ("left", &lh),
                                ("right", &rh),
                                ("left_value", &lc.text),
                                ("right_value", &rc.text),
                                ("op", self.op.as_str()),
                                ("should", self.op.words()),
                                ("unit", &unit),
                            ],
                        )
                        .with_primary_label(lh.clone());
                    out.push(if rc.span.is_empty() {
                        f
                    } else {
                        f.with_label(rc.span, rh.clone())
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rest() {
        let w = vec!["债务余额".to_string()];
        assert_eq!(rest("2024年债务余额（预算数） 一般债务 E", &w), "一般债务");
        let w = vec!["债务限额".to_string()];
        assert_eq!(rest("2024年债务限额 一般债务 B", &w), "一般债务");
        assert_eq!(rest("2024年债务限额 A=B+C", &w), "");
    }
}
