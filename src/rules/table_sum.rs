//! `table-sum`: a table's totals equal the sum of their parts.
//!
//! - `check: row` — a total row (合计, 总计, 小计 …, by its label) equals the sum of
//!   the rows it totals, column by column. Which rows those are is read from
//!   the table: the rows since the previous total (or up to the next one, for a
//!   total written first), or only the top level of them (一、二、… numbering,
//!   the least indented rows), or the previous total plus the rows since
//!   (收入总计 = 收入合计 + 转移性收入 …). 其中/含 rows are never parts. A total
//!   is reported only when no reading adds up in this column while one of
//!   them adds up in another column of the same row (the structure is
//!   confirmed), or, in a flat list with a single reading, when the difference
//!   is small next to the total (a page of rows missing is not a typo).
//! - `check: column` — a total column (header 合计, 小计 …) equals the sum of
//!   the columns next to it; which ones is learnt from the rows (most rows must
//!   add up), and the rows that do not are reported.
//! - `check: formula` — header formulas such as `A=B+C`, `1=2+3`, `D=E-F` over
//!   columns labelled with letters or numbers (a 公式/栏次 header row) hold in
//!   every row.
//!
//! Independent rounding is tolerated: each part may be off by `rounding`
//! (default half) of a unit in the last decimal place shown, plus `tolerance`.

use crate::span::Cut;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::Deserialize;

use super::{Check, Context, RuleMeta, SpecError};
use crate::finding::Finding;
use crate::input::{Cell, Table};

pub const KIND: &str = "table-sum";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SumCheck {
    Row,
    Column,
    Formula,
}

fn default_totals() -> Vec<String> {
    ["合计", "总计", "小计", "共计", "总额", "汇总"]
        .map(String::from)
        .to_vec()
}
fn default_subitems() -> Vec<String> {
    ["其中", "含", "包括", "内："].map(String::from).to_vec()
}
fn default_skip_columns() -> Vec<String> {
    [
        "%",
        "％",
        "增长",
        "增减",
        "增幅",
        "比重",
        "占比",
        "比例",
        "率",
        "人均",
        "平均",
        "同比",
        "比上年",
        "为上年",
        "序号",
        "行次",
        "栏次",
        "编码",
        "代码",
        "排名",
        "名次",
    ]
    .map(String::from)
    .to_vec()
}
fn default_rounding() -> f64 {
    0.5
}
fn default_unconfirmed_share() -> f64 {
    0.1
}
fn default_min_rows() -> usize {
    3
}

rule_spec! {
    /// See docs/rules.md#table-sum.
    pub struct Spec {
        pub check: SumCheck,
        /// Labels of total rows and headers of total columns end with one of these.
        #[serde(default = "default_totals")]
        pub totals: Vec<String>,
        /// Rows whose label starts with one of these are details of the row above, not parts.
        #[serde(default = "default_subitems")]
        pub subitems: Vec<String>,
        /// Columns whose header contains one of these do not add up (growth, shares, serial numbers).
        #[serde(default = "default_skip_columns")]
        pub skip_columns: Vec<String>,
        /// Allowed difference per part, in units of the last decimal place shown.
        #[serde(default = "default_rounding")]
        pub rounding: f64,
        /// Allowed difference on top of rounding, in the table's unit.
        #[serde(default)]
        pub tolerance: f64,
        /// `row`: a total whose reading no other column confirms is reported only
        /// when the difference is at most this share of the total.
        #[serde(default = "default_unconfirmed_share")]
        pub unconfirmed_share: f64,
        /// `column`: how many rows must add up before a column total's parts are known.
        #[serde(default = "default_min_rows")]
        pub min_rows: usize,
    }
}

pub fn build(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let dec = |v: f64, what: &str| {
        if v.is_finite() && v >= 0.0 {
            Decimal::from_f64(v)
                .ok_or_else(|| SpecError::at(&spec.kind, format!("`{what}` is out of range")))
        } else {
            Err(SpecError::at(
                &spec.kind,
                format!("`{what}` must be a number at least 0"),
            ))
        }
    };
    if spec.totals.is_empty() && spec.check != SumCheck::Formula {
        return Err(SpecError::at(
            &spec.kind,
            "`totals` must name at least one total label (合计 …)",
        ));
    }
    Ok(Box::new(TableSum {
        check: spec.check,
        totals: spec.totals.iter().map(|t| norm(t)).collect(),
        subitems: spec.subitems.iter().map(|t| norm(t)).collect(),
        skip_columns: spec.skip_columns,
        rounding: dec(spec.rounding, "rounding")?,
        tolerance: dec(spec.tolerance, "tolerance")?,
        unconfirmed_share: dec(spec.unconfirmed_share, "unconfirmed_share")?,
        min_rows: spec.min_rows.max(2),
    }))
}

#[derive(Debug)]
struct TableSum {
    check: SumCheck,
    totals: Vec<String>,
    subitems: Vec<String>,
    skip_columns: Vec<String>,
    rounding: Decimal,
    tolerance: Decimal,
    unconfirmed_share: Decimal,
    min_rows: usize,
}

/// A label or header without white space.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !crate::input::table::is_space(*c))
        .collect()
}

/// Header text without column codes and formulas (`A=B+C`, `B`, `(1)`).
pub(crate) fn header_words(h: &str) -> String {
    h.split(crate::input::table::is_space)
        .filter(|t| !t.is_empty() && !crate::input::text_table::is_code_token(t))
        .collect()
}

/// Numbering level of a row label: 一、 (1), （一） (2), 1. / 1、 (3), （1） (4), ① (5).
fn numbering(label: &str) -> Option<u8> {
    const CN: &str = "一二三四五六七八九十百零〇";
    let l = label.trim_start_matches(crate::input::table::is_space);
    fn strip_cn(s: &str) -> Option<&str> {
        let r = s.trim_start_matches(|c| CN.contains(c));
        (r.len() < s.len()).then_some(r)
    }
    fn strip_num(s: &str) -> Option<&str> {
        let r = s.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
        (r.len() < s.len()).then_some(r)
    }
    if strip_cn(l).is_some_and(|r| r.starts_with(['、', '.', '．'])) {
        return Some(1);
    }
    if let Some(inner) = l.strip_prefix(['（', '(']) {
        if strip_cn(inner).is_some_and(|r| r.starts_with(['）', ')'])) {
            return Some(2);
        }
        if strip_num(inner).is_some_and(|r| r.starts_with(['）', ')'])) {
            return Some(4);
        }
    }
    if strip_num(l).is_some_and(|r| {
        r.starts_with(['、', '.', '．'])
            && !r
                .cut(r.chars().next().map_or(0, char::len_utf8)..)
                .starts_with(|c: char| c.is_ascii_digit())
    }) {
        return Some(3);
    }
    if l.starts_with(|c| ('①'..='⑳').contains(&c)) {
        return Some(5);
    }
    None
}

fn pow10(d: u32) -> Decimal {
    let mut p = Decimal::ONE;
    for _ in 0..d.min(20) {
        p /= Decimal::TEN;
    }
    p
}

/// A number formatted with `d` decimals, with thousands separators when asked.
fn fmt_number(v: Decimal, d: u32, commas: bool) -> String {
    let v = v.round_dp(d);
    let s = format!("{:.*}", d as usize, v);
    if !commas {
        return s;
    }
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The outcome of adding up parts for one total cell.
struct Sum {
    total: Decimal,
    sum: Decimal,
    decimals: u32,
    ok: bool,
    /// Parts with a value.
    parts: usize,
    /// The total is no larger than one of its (non-negative) parts: the column
    /// holds shares or averages, not amounts that add up.
    ratio_like: bool,
}

/// A part and its sign (formulas may subtract).
type Part<'a> = (bool, &'a Cell);

impl TableSum {
    fn is_total_label(&self, label: &str) -> bool {
        let l = norm(label);
        !l.is_empty()
            && !self.subitems.iter().any(|s| l.starts_with(s.as_str()))
            && self.totals.iter().any(|t| l.ends_with(t.as_str()))
    }

    fn is_subitem(&self, label: &str) -> bool {
        let l = norm(label);
        self.subitems.iter().any(|s| l.starts_with(s.as_str()))
    }

    /// Columns whose values can be added: not growth rates, shares or serial numbers.
    fn summable(&self, table: &Table, c: usize) -> bool {
        let h = table.header_text(c);
        if self.skip_columns.iter().any(|w| h.contains(w.as_str())) {
            return false;
        }
        let vals: Vec<&Cell> = table
            .rows
            .iter()
            .filter_map(|r| r.cells.get(c))
            .filter(|x| x.value.is_some())
            .collect();
        let pct = vals.iter().filter(|x| x.is_percent()).count();
        if pct * 2 > vals.len() {
            return false;
        }
        // A serial column: 1, 2, 3 …
        let serial = vals.len() >= 3
            && vals
                .iter()
                .enumerate()
                .all(|(i, x)| x.value == Some(Decimal::from(i as u64 + 1)));
        !serial
    }

    fn add(&self, total: &Cell, parts: &[Part<'_>]) -> Option<Sum> {
        let t = total.value?;
        let valued: Vec<&Part> = parts.iter().filter(|(_, c)| c.value.is_some()).collect();
        if valued.is_empty() {
            return None;
        }
        let mut sum = Decimal::ZERO;
        let mut decimals = total.decimals;
        for (neg, c) in &valued {
            let v = c.value.unwrap_or_default();
            sum = if *neg { sum - v } else { sum + v };
            decimals = decimals.max(c.decimals);
        }
        let tol =
            self.rounding * pow10(decimals) * Decimal::from(valued.len() as u64) + self.tolerance;
        let nonneg = valued
            .iter()
            .all(|(neg, c)| !neg && c.value.is_some_and(|v| v >= Decimal::ZERO));
        let max = valued
            .iter()
            .filter_map(|(_, c)| c.value)
            .max()
            .unwrap_or_default();
        Some(Sum {
            total: t,
            sum,
            decimals,
            ok: (sum - t).abs() <= tol,
            parts: valued.len(),
            ratio_like: nonneg && valued.len() >= 2 && t <= max,
        })
    }

    fn report(
        &self,
        rule: &RuleMeta,
        table: &Table,
        total: &Cell,
        parts: &[Part<'_>],
        s: &Sum,
        vars: &[(&str, &str)],
    ) -> Option<Finding> {
        if total.span.is_empty() {
            return None;
        }
        let commas = total.text.contains([',', '，']);
        let expected = fmt_number(s.sum, s.decimals, commas);
        let diff = fmt_number(s.total - s.sum, s.decimals, commas);
        let valued: Vec<&Part> = parts.iter().filter(|(_, c)| c.value.is_some()).collect();
        let term = |i: usize, (neg, c): &Part| {
            let t = c.text.trim();
            let t = if t.starts_with(['-', '－', '−', '(', '（']) && i > 0 {
                format!("({t})")
            } else {
                t.to_string()
            };
            match (i, neg) {
                (0, false) => t,
                (0, true) => format!("-{t}"),
                (_, false) => format!(" + {t}"),
                (_, true) => format!(" - {t}"),
            }
        };
        let mut shown = String::new();
        if valued.len() <= 6 {
            for (i, p) in valued.iter().enumerate() {
                shown.push_str(&term(i, p));
            }
        } else {
            for (i, p) in valued.iter().take(3).enumerate() {
                shown.push_str(&term(i, p));
            }
            let last = valued[valued.len() - 1];
            shown.push_str(if last.0 { " - … - " } else { " + … + " });
            shown.push_str(
                term(1, last)
                    .trim_start_matches([' ', '+', '-'])
                    .trim_start(),
            );
            shown.push_str(&format!("，共{}项", valued.len()));
        }
        let count = valued.len().to_string();
        let unit = table.unit.clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![
            ("expected", &expected),
            ("actual", total.text.as_str()),
            ("parts", &shown),
            ("difference", &diff),
            ("count", &count),
            ("unit", &unit),
        ];
        all.extend_from_slice(vars);
        let mut f = rule.finding(total.span, &all);
        for (neg, c) in valued.iter().take(4) {
            if !c.span.is_empty() && c.span != total.span {
                f = f.with_label(c.span, if *neg { "减数" } else { "组成部分" });
            }
        }
        Some(f.with_primary_label(format!("应为 {expected}")))
    }

    // ------------------------------------------------------------------ rows

    fn rows(&self, rule: &RuleMeta, table: &Table, out: &mut Vec<Finding>) {
        let totals: Vec<usize> = (0..table.rows.len())
            .filter(|&r| self.is_total_label(&table.rows[r].label.text))
            .collect();
        if totals.is_empty() {
            return;
        }
        let cols: Vec<usize> = (0..table.columns())
            .filter(|&c| self.summable(table, c))
            .collect();
        for (k, &t) in totals.iter().enumerate() {
            let prev = k.checked_sub(1).map(|i| totals[i]);
            let next = totals.get(k + 1).copied().unwrap_or(table.rows.len());
            let above: Vec<usize> = (prev.map_or(0, |p| p + 1)..t).collect();
            let below: Vec<usize> = (t + 1..next).collect();
            let mut cands: Vec<Vec<usize>> = Vec::new();
            let above_f = self.filtered(table, &above);
            let simple = if above_f.is_empty() && prev.is_none() {
                let below_f = self.filtered(table, &below);
                self.variants(table, &below_f, &mut cands)
            } else {
                let simple = self.variants(table, &above_f, &mut cands);
                if let Some(p) = prev {
                    let with_prev: Vec<Vec<usize>> = cands
                        .iter()
                        .map(|c| std::iter::once(p).chain(c.iter().copied()).collect())
                        .collect();
                    cands.extend(with_prev);
                }
                simple && prev.is_none()
            };
            cands.sort();
            cands.dedup();
            cands.retain(|c| c.len() >= 2);
            if cands.is_empty() {
                continue;
            }
            let row = &table.rows[t];
            // results[cand][col]
            let results: Vec<Vec<Option<Sum>>> = cands
                .iter()
                .map(|cand| {
                    cols.iter()
                        .map(|&c| {
                            let total = row.cells.get(c)?;
                            let parts: Vec<Part> = cand
                                .iter()
                                .filter_map(|&r| table.rows[r].cells.get(c))
                                .map(|x| (false, x))
                                .collect();
                            self.add(total, &parts)
                        })
                        .collect()
                })
                .collect();
            for (ci, &c) in cols.iter().enumerate() {
                let evaluable = results.iter().any(|r| r[ci].is_some());
                if !evaluable || results.iter().any(|r| r[ci].as_ref().is_some_and(|s| s.ok)) {
                    continue;
                }
                // A reading that adds up in another column confirms the structure.
                let confirmed = (0..cands.len())
                    .filter(|&k| results[k][ci].is_some())
                    .map(|k| {
                        (
                            k,
                            results[k]
                                .iter()
                                .filter(|s| s.as_ref().is_some_and(|s| s.ok))
                                .count(),
                        )
                    })
                    .filter(|&(_, n)| n > 0)
                    .max_by_key(|&(_, n)| n)
                    .map(|(k, _)| k);
                let chosen = match confirmed {
                    Some(k) => k,
                    None => {
                        let any_ok = results
                            .iter()
                            .any(|r| r.iter().any(|s| s.as_ref().is_some_and(|s| s.ok)));
                        let Some(s) = results[0][ci].as_ref() else {
                            continue;
                        };
                        let small =
                            (s.total - s.sum).abs() <= s.total.abs() * self.unconfirmed_share;
                        if any_ok || !simple || cands.len() != 1 || !small {
                            continue;
                        }
                        0
                    }
                };
                let Some(s) = results[chosen][ci].as_ref() else {
                    continue;
                };
                // A total of one figure, or one no larger than a part (a column of
                // shares or averages), is not checked.
                if s.parts < 2 || s.ratio_like {
                    continue;
                }
                let parts: Vec<Part> = cands[chosen]
                    .iter()
                    .filter_map(|&r| table.rows[r].cells.get(c))
                    .map(|x| (false, x))
                    .collect();
                let label = norm(&row.label.text);
                let column = header_words(table.header_text(c));
                let place = if column.is_empty() {
                    String::new()
                } else {
                    format!("「{column}」列的")
                };
                out.extend(self.report(
                    rule,
                    table,
                    &row.cells[c],
                    &parts,
                    s,
                    &[
                        ("label", &label),
                        ("row", &label),
                        ("column", &column),
                        ("where", &place),
                    ],
                ));
            }
        }
    }

    /// Rows of a range that can be parts: not 其中 rows, not blank-labelled
    /// header remnants.
    fn filtered(&self, table: &Table, range: &[usize]) -> Vec<usize> {
        range
            .iter()
            .copied()
            .filter(|&r| {
                let row = &table.rows[r];
                !self.is_subitem(&row.label.text) && row.cells.iter().any(|c| c.value.is_some())
            })
            .collect()
    }

    /// The readings of which rows are parts: all, the top numbering level, the
    /// least indented. Returns whether the range is flat (one reading only).
    fn variants(&self, table: &Table, rows: &[usize], out: &mut Vec<Vec<usize>>) -> bool {
        if rows.is_empty() {
            return true;
        }
        out.push(rows.to_vec());
        let levels: Vec<Option<u8>> = rows
            .iter()
            .map(|&r| numbering(&table.rows[r].label.text))
            .collect();
        let mut flat = true;
        if let Some(top) = levels.iter().flatten().min().copied() {
            let v: Vec<usize> = rows
                .iter()
                .zip(&levels)
                .filter(|(_, l)| **l == Some(top))
                .map(|(&r, _)| r)
                .collect();
            if v.len() != rows.len() {
                flat = false;
                out.push(v);
            }
            // Numbered top level plus unnumbered rows at the same indentation.
            let top_indent = rows
                .iter()
                .zip(&levels)
                .filter(|(_, l)| **l == Some(top))
                .map(|(&r, _)| table.rows[r].indent)
                .min()
                .unwrap_or(0);
            let v2: Vec<usize> = rows
                .iter()
                .zip(&levels)
                .filter(|(r, l)| {
                    **l == Some(top) || (l.is_none() && table.rows[**r].indent <= top_indent)
                })
                .map(|(&r, _)| r)
                .collect();
            if v2.len() != rows.len() {
                out.push(v2);
            }
        }
        let min_indent = rows
            .iter()
            .map(|&r| table.rows[r].indent)
            .min()
            .unwrap_or(0);
        let v: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| table.rows[r].indent <= min_indent + 1)
            .collect();
        if v.len() != rows.len() {
            flat = false;
            out.push(v);
        }
        flat
    }

    // ------------------------------------------------------------------ columns

    fn columns(&self, rule: &RuleMeta, table: &Table, out: &mut Vec<Finding>) {
        let n = table.columns();
        let has_formula = |c: usize| table.header_text(c).contains(['=', '＝']);
        let is_total = |c: usize| {
            let w = header_words(table.header_text(c));
            !w.is_empty() && self.totals.iter().any(|t| w.ends_with(t.as_str()))
        };
        let summable: Vec<bool> = (0..n).map(|c| self.summable(table, c)).collect();
        for c in 0..n {
            if !is_total(c) || has_formula(c) || !summable[c] {
                continue;
            }
            let mut cands: Vec<Vec<usize>> = Vec::new();
            let right: Vec<usize> = (c + 1..n)
                .take_while(|&k| summable[k] && !is_total(k))
                .collect();
            let left: Vec<usize> = (0..c)
                .rev()
                .take_while(|&k| summable[k] && !is_total(k))
                .collect();
            for len in 2..=right.len().min(8) {
                cands.push(right[..len].to_vec());
            }
            for len in 2..=left.len().min(8) {
                let mut v = left[..len].to_vec();
                v.reverse();
                cands.push(v);
            }
            if cands.is_empty() {
                continue;
            }
            let sums: Vec<Vec<Option<Sum>>> = cands
                .iter()
                .map(|cand| {
                    table
                        .rows
                        .iter()
                        .map(|row| {
                            let total = row.cells.get(c)?;
                            let parts: Vec<Part> = cand
                                .iter()
                                .filter_map(|&k| row.cells.get(k))
                                .map(|x| (false, x))
                                .collect();
                            self.add(total, &parts)
                        })
                        .collect()
                })
                .collect();
            let score = |k: usize| {
                sums[k]
                    .iter()
                    .filter(|s| s.as_ref().is_some_and(|s| s.ok))
                    .count()
            };
            let Some(best) = (0..cands.len()).max_by_key(|&k| (score(k), std::cmp::Reverse(k)))
            else {
                continue;
            };
            let ok = score(best);
            let evaluable = sums[best].iter().filter(|s| s.is_some()).count();
            if ok < self.min_rows || ok * 5 < evaluable * 3 {
                continue;
            }
            for (r, row) in table.rows.iter().enumerate() {
                let Some(s) = sums[best][r].as_ref() else {
                    continue;
                };
                if s.ok {
                    continue;
                }
                let parts: Vec<Part> = cands[best]
                    .iter()
                    .filter_map(|&k| row.cells.get(k))
                    .map(|x| (false, x))
                    .collect();
                let label = norm(&row.label.text);
                let column = header_words(table.header_text(c));
                out.extend(self.report(
                    rule,
                    table,
                    &row.cells[c],
                    &parts,
                    s,
                    &[("label", &column), ("row", &label), ("column", &column)],
                ));
            }
        }
    }

    // ------------------------------------------------------------------ formulas

    fn formulas(&self, rule: &RuleMeta, table: &Table, out: &mut Vec<Finding>) {
        let n = table.columns();
        // Each column's code, and the formulas.
        let mut codes: Vec<(String, usize)> = Vec::new();
        // (target column, formula as written, terms: (subtracted, code))
        type Formula = (usize, String, Vec<(bool, String)>);
        let mut formulas: Vec<Formula> = Vec::new();
        for c in 0..n {
            for tok in table.header_text(c).split(crate::input::table::is_space) {
                if !crate::input::text_table::is_code_token(tok) {
                    continue;
                }
                let tok: String = tok
                    .chars()
                    .filter(|ch| !matches!(ch, '(' | ')' | '（' | '）'))
                    .map(|ch| match ch {
                        '＝' => '=',
                        '＋' => '+',
                        '－' | '−' => '-',
                        ch => ch,
                    })
                    .collect();
                if let Some((lhs, rhs)) = tok.split_once('=') {
                    codes.push((lhs.to_string(), c));
                    let mut terms = Vec::new();
                    let mut neg = false;
                    let mut cur = String::new();
                    for ch in rhs.chars() {
                        if ch == '+' || ch == '-' {
                            terms.push((neg, std::mem::take(&mut cur)));
                            neg = ch == '-';
                        } else {
                            cur.push(ch);
                        }
                    }
                    terms.push((neg, cur));
                    formulas.push((c, tok.clone(), terms));
                } else {
                    codes.push((tok, c));
                }
            }
        }
        for (target, formula, terms) in &formulas {
            let resolved: Option<Vec<(bool, usize)>> = terms
                .iter()
                .map(|(neg, code)| {
                    let mut found = codes.iter().filter(|(k, _)| k == code).map(|&(_, c)| c);
                    let c = found.next()?;
                    // An ambiguous code (two columns share it) cannot be used.
                    found.next().is_none().then_some((*neg, c))
                })
                .collect();
            let Some(terms) = resolved else { continue };
            if terms.iter().any(|(_, c)| c == target) || terms.len() < 2 {
                continue;
            }
            let sums: Vec<Option<Sum>> = table
                .rows
                .iter()
                .map(|row| {
                    let total = row.cells.get(*target)?;
                    let parts: Vec<Part> = terms
                        .iter()
                        .filter_map(|&(neg, c)| row.cells.get(c).map(|x| (neg, x)))
                        .collect();
                    self.add(total, &parts)
                })
                .collect();
            let evaluable = sums.iter().flatten().count();
            let ok = sums.iter().flatten().filter(|s| s.ok).count();
            // Most rows must hold, else the columns were not read as meant.
            if evaluable >= 3 && ok * 2 < evaluable {
                continue;
            }
            for (r, row) in table.rows.iter().enumerate() {
                let Some(s) = sums[r].as_ref() else { continue };
                if s.ok {
                    continue;
                }
                let parts: Vec<Part> = terms
                    .iter()
                    .filter_map(|&(neg, c)| row.cells.get(c).map(|x| (neg, x)))
                    .collect();
                let label = norm(&row.label.text);
                let column = header_words(table.header_text(*target));
                let lhs = formula.split('=').next().unwrap_or("");
                out.extend(self.report(
                    rule,
                    table,
                    &row.cells[*target],
                    &parts,
                    s,
                    &[
                        ("label", &label),
                        ("row", &label),
                        ("column", &column),
                        ("formula", formula),
                        ("code", lhs),
                    ],
                ));
            }
        }
    }
}

impl Check for TableSum {
    fn check(&self, rule: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for table in &ctx.doc.tables {
            match self.check {
                SumCheck::Row => self.rows(rule, table, out),
                SumCheck::Column => self.columns(rule, table, out),
                SumCheck::Formula => self.formulas(rule, table, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_levels() {
        assert_eq!(numbering("一、税收收入"), Some(1));
        assert_eq!(numbering("（二）教育"), Some(2));
        assert_eq!(numbering("3.科技"), Some(3));
        assert_eq!(numbering("(4)其他"), Some(4));
        assert_eq!(numbering("增值税"), None);
        assert_eq!(numbering("1.5"), None);
    }

    #[test]
    fn formatting() {
        assert_eq!(
            fmt_number(Decimal::new(12345675, 1), 1, true),
            "1,234,567.5"
        );
        assert_eq!(fmt_number(Decimal::new(-1234, 0), 0, true), "-1,234");
        assert_eq!(fmt_number(Decimal::new(1234, 1), 2, false), "123.40");
    }
}
