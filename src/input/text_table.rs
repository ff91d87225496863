//! Tables laid out with spaces, as PDF converters (`pdftotext -layout`) and
//! people write them in plain text:
//!
//! ```text
//!                                     单位：亿元
//!   地区        合计      一般债务    专项债务
//!   公式        A=B+C       B           C
//!   甲区         12.5       4.0         8.5
//!   乙区          7.4       3.1         4.3
//!   合计         19.9       7.1        12.8
//! ```
//!
//! A *data line* has at least two number fields, fields being separated by
//! runs of two or more spaces (or a tab, or an ideographic space). Consecutive
//! data lines form a table; up to two blank lines and up to two short text
//! lines (a label wrapped onto its own line) may sit between them. Number
//! fields are assigned to columns by where they end (numbers are right-aligned)
//! or start, counting characters or display width, whichever lines them up
//! best. The lines just above the first data line (up to a `单位：` line or the
//! table's title) are the header; their fields are assigned to the columns
//! they sit over. Two tables side by side (收入 | 支出, as in balance tables)
//! are split where a text field follows numbers on several lines.
//!
//! Everything is one pass over the lines plus work per table proportional to
//! its size.

use crate::input::table::{
    Cell, Row, Table, find_unit, is_code_label, is_placeholder, is_space, parse_number,
};
use crate::span::Cut;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Placeholder,
    Text,
}

#[derive(Debug, Clone, Copy)]
struct Field {
    start: usize,
    end: usize,
    /// Start and end column, in characters and in display width (CJK = 2).
    col: [usize; 2],
    col_end: [usize; 2],
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Data,
    /// A label and a single number (a row with the other cells blank): a row
    /// when it sits inside a table, never the start of one.
    Sparse,
    /// 栏次 1 2 3 / 公式 A=B+C: header, not data.
    Code,
    Other,
}

#[derive(Debug)]
struct Line {
    start: usize,
    end: usize,
    fields: Vec<Field>,
    kind: LineKind,
}

/// Lines longer than this are prose, not table rows (and are not split into fields).
const MAX_LINE_BYTES: usize = 4000;

/// Find the tables in plain text.
pub fn detect(text: &str) -> Vec<Table> {
    // Cheap rejection: no run of two spaces or tab anywhere means no table.
    if memchr::memmem::find(text.as_bytes(), b"  ").is_none()
        && memchr::memchr(b'\t', text.as_bytes()).is_none()
        && !text.contains('\u{3000}')
    {
        return Vec::new();
    }
    let lines = split_lines(text);
    let mut tables = Vec::new();
    for block in blocks(text, &lines) {
        build_tables(text, &lines, &block, &mut tables);
    }
    tables
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        if start > text.len() {
            break;
        }
        let mut end = nl;
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        let (fields, kind) = if end - start > MAX_LINE_BYTES {
            (Vec::new(), LineKind::Other)
        } else {
            let fields = fields(text, start, end);
            let kind = classify(text, &fields);
            (fields, kind)
        };
        out.push(Line {
            start,
            end,
            fields,
            kind,
        });
        start = nl + 1;
    }
    out
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Characters that continue a number as its unit (`2024 年`, `89.35 亿元`): a
/// number followed by a single space and one of these is one field.
fn unit_like(c: char) -> bool {
    "年月日时万亿千百元角分个件%％倍人户家平公米吨项次所座台辆名位岁天期季周届批套栋间张册部条辆只头".contains(c)
}

/// Split a line into fields at runs of two or more spaces, tabs and ideographic
/// spaces, then at single spaces between a number and a text.
fn fields(text: &str, start: usize, end: usize) -> Vec<Field> {
    let line = text.cut(start..end);
    let tabbed = line.contains('\t');
    // Raw fields: (byte start, byte end, col, col_end).
    let mut raw: Vec<(usize, usize, [usize; 2], [usize; 2])> = Vec::new();
    let mut col = [0usize; 2];
    let mut field: Option<(usize, [usize; 2])> = None;
    let mut last_end = (0usize, [0usize; 2]);
    let mut gap = 0usize; // spaces since the last non-space
    let mut hard_gap = false;
    for (i, c) in line.char_indices() {
        let w = if is_wide(c) { 2 } else { 1 };
        if c == ' ' || c == '\u{a0}' {
            gap += 1;
        } else if c == '\t' || c == '\u{3000}' || (c.is_whitespace() && c != ' ') {
            gap += 2;
            hard_gap = true;
        } else {
            if let Some((fs, fc)) = field
                && (gap >= 2 || hard_gap)
            {
                raw.push((fs, last_end.0, fc, last_end.1));
                field = None;
            }
            if field.is_none() {
                field = Some((i, col));
            }
            gap = 0;
            hard_gap = false;
            last_end = (i + c.len_utf8(), [col[0] + 1, col[1] + w]);
        }
        col[0] += 1;
        col[1] += w;
    }
    if let Some((fs, fc)) = field {
        raw.push((fs, last_end.0, fc, last_end.1));
    }
    let mut out = Vec::with_capacity(raw.len());
    for (k, (fs, fe, fc, fce)) in raw.into_iter().enumerate() {
        let (fc, fce) = if tabbed {
            // Tab-separated: positions mean nothing, the field's index does.
            ([k * 100; 2], [k * 100 + 1; 2])
        } else {
            (fc, fce)
        };
        split_tokens(line, fs, fe, fc, fce, start, &mut out);
    }
    out
}

/// A token or group of tokens: byte start and end in the field, start and
/// end columns, kind.
type Token = (usize, usize, [usize; 2], [usize; 2], Kind);

/// Split one raw field at single spaces between a number and a text
/// (`43,926,669 一、支出`), keeping `2024 年` and `89.35 亿元` together.
fn split_tokens(
    line: &str,
    fs: usize,
    fe: usize,
    fc: [usize; 2],
    _fce: [usize; 2],
    base: usize,
    out: &mut Vec<Field>,
) {
    let s = line.cut(fs..fe);
    let kind_of = |t: &str| {
        if parse_number(t).is_some() {
            Kind::Number
        } else if is_placeholder(t) {
            Kind::Placeholder
        } else {
            Kind::Text
        }
    };
    if !s.contains(' ') && !s.contains('\u{a0}') {
        let mut col_end = fc;
        for c in s.chars() {
            col_end[0] += 1;
            col_end[1] += if is_wide(c) { 2 } else { 1 };
        }
        out.push(Field {
            start: base + fs,
            end: base + fe,
            col: fc,
            col_end,
            kind: kind_of(s),
        });
        return;
    }
    // Tokens at single spaces, with their columns.
    let mut tokens: Vec<Token> = Vec::new();
    let mut col = fc;
    let mut tok: Option<(usize, [usize; 2])> = None;
    for (i, c) in s.char_indices() {
        let w = if is_wide(c) { 2 } else { 1 };
        if c == ' ' || c == '\u{a0}' {
            if let Some((ts, tc)) = tok.take() {
                tokens.push((ts, i, tc, col, kind_of(s.cut(ts..i))));
            }
        } else if tok.is_none() {
            tok = Some((i, col));
        }
        col[0] += 1;
        col[1] += w;
    }
    if let Some((ts, tc)) = tok {
        tokens.push((ts, s.len(), tc, col, kind_of(s.cut(ts..))));
    }
    // Group: a new field starts where a number meets a text, unless the text
    // reads as the number's unit.
    let mut group: Option<Token> = None;
    for t in tokens {
        group = Some(match group {
            None => t,
            Some(g) => {
                let number_then_text = g.4 == Kind::Number && t.4 == Kind::Text;
                let unit = number_then_text && s.cut(t.0..).starts_with(unit_like);
                let boundary = (g.4 == Kind::Text) != (t.4 == Kind::Text) && !unit;
                let both_numbers = g.4 != Kind::Text && t.4 != Kind::Text;
                if boundary || both_numbers {
                    out.push(Field {
                        start: base + fs + g.0,
                        end: base + fs + g.1,
                        col: g.2,
                        col_end: g.3,
                        kind: g.4,
                    });
                    t
                } else {
                    (g.0, t.1, g.2, t.3, Kind::Text)
                }
            }
        });
    }
    if let Some(g) = group {
        out.push(Field {
            start: base + fs + g.0,
            end: base + fs + g.1,
            col: g.2,
            col_end: g.3,
            kind: g.4,
        });
    }
}

fn is_year(t: &str) -> bool {
    t.len() == 4
        && t.starts_with(['1', '2'])
        && t.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Column codes and formulas in a header: `A`, `B`, `1`, `(2)`, `A=B+C`, `4=1+2-3`.
pub fn is_code_token(t: &str) -> bool {
    let t = t.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'));
    let code = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
            || (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
    };
    if let Some((lhs, rhs)) = t.split_once(['=', '＝']) {
        code(lhs) && rhs.split(['+', '-', '＋', '－', '−']).all(code)
    } else {
        code(t)
    }
}

fn classify(text: &str, fields: &[Field]) -> LineKind {
    if fields.is_empty() {
        return LineKind::Blank;
    }
    let first_text = fields
        .iter()
        .find(|f| f.kind == Kind::Text)
        .map(|f| text.cut(f.start..f.end));
    if first_text.is_some_and(is_code_label) {
        return LineKind::Code;
    }
    let codes = fields
        .iter()
        .filter(|f| is_code_token(text.cut(f.start..f.end)))
        .count();
    let texts = fields.iter().filter(|f| f.kind == Kind::Text).count();
    if codes >= 2
        && fields
            .iter()
            .any(|f| text.cut(f.start..f.end).contains('='))
        && codes + 1 >= fields.len()
    {
        return LineKind::Code;
    }
    let numbers: Vec<&str> = fields
        .iter()
        .filter(|f| f.kind == Kind::Number)
        .map(|f| text.cut(f.start..f.end))
        .collect();
    if numbers.len() >= 2
        && !numbers.iter().all(|n| is_year(n))
        && !(texts == 0 && codes == fields.len())
    {
        LineKind::Data
    } else if numbers.len() == 1
        && texts >= 1
        && fields.len() <= 4
        && fields[0].kind == Kind::Text
        && !is_year(numbers[0])
        && !text
            .cut(fields[0].start..fields.last().map_or(0, |f| f.end))
            .contains(['。', '；', '，'])
    {
        LineKind::Sparse
    } else {
        LineKind::Other
    }
}

#[derive(Debug)]
struct Block {
    /// Indices of the data lines.
    data: Vec<usize>,
}

/// Group data lines into tables.
fn blocks(text: &str, lines: &[Line]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur: Option<Block> = None;
    let (mut blanks, mut others) = (0usize, 0usize);
    let close = |cur: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(mut b) = cur.take() {
            // Trailing single-number lines after the last full row are not rows.
            while b
                .data
                .last()
                .is_some_and(|&i| lines[i].kind == LineKind::Sparse)
            {
                b.data.pop();
            }
            if b.data
                .iter()
                .filter(|&&i| lines[i].kind == LineKind::Data)
                .count()
                >= 2
            {
                out.push(b);
            }
        }
    };
    // Single-number rows just above the first full row (their other cells blank).
    let mut pending: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Data => {
                match cur.as_mut() {
                    Some(b) => b.data.push(i),
                    None => {
                        let mut data = std::mem::take(&mut pending);
                        data.push(i);
                        cur = Some(Block { data });
                    }
                }
                blanks = 0;
                others = 0;
            }
            LineKind::Sparse if cur.is_some() => {
                if let Some(b) = cur.as_mut() {
                    b.data.push(i);
                }
                blanks = 0;
                others = 0;
            }
            LineKind::Sparse => {
                pending.push(i);
                blanks = 0;
            }
            LineKind::Blank => {
                blanks += 1;
                if blanks > 1 {
                    pending.clear();
                }
                if blanks > 2 || blanks + others > 3 {
                    close(&mut cur, &mut out);
                }
            }
            LineKind::Code => {
                pending.clear();
                close(&mut cur, &mut out);
            }
            LineKind::Other => {
                pending.clear();
                let t = text.cut(line.start..line.end).trim_matches(is_space);
                let short =
                    t.chars().count() <= 24 && line.fields.len() <= 2 && !t.contains(['。', '；']);
                others += 1;
                if !short || others > 2 || blanks + others > 3 {
                    close(&mut cur, &mut out);
                }
            }
        }
    }
    close(&mut cur, &mut out);
    out
}

/// A column: the range it occupies, in the chosen metric.
#[derive(Debug, Clone, Copy)]
struct Column {
    start: usize,
    end: usize,
}

impl Column {
    fn center2(&self) -> usize {
        self.start + self.end
    }
}

/// Fields of one panel of one data line.
struct PanelRow<'a> {
    line: usize,
    label: Vec<&'a Field>,
    values: Vec<&'a Field>,
}

fn build_tables(text: &str, lines: &[Line], block: &Block, out: &mut Vec<Table>) {
    // Side-by-side tables: a text field after a number, on several lines.
    let mut mids: Vec<usize> = Vec::new();
    for &i in &block.data {
        let fs = &lines[i].fields;
        if let Some(first_num) = fs.iter().position(|f| f.kind == Kind::Number)
            && let Some(m) = fs[first_num..]
                .iter()
                .find(|f| f.kind == Kind::Text && f.end - f.start > 3)
        {
            mids.push(m.col[0]);
        }
    }
    let mut bounds: Vec<usize> = Vec::new();
    if mids.len() >= 2 && mids.len() * 4 >= block.data.len() {
        mids.sort_unstable();
        bounds.push(mids[0]);
        for w in mids.windows(2) {
            if w[1] > w[0] + 6 && bounds.len() < 3 {
                bounds.push(w[1]);
            }
        }
        // Only a boundary seen on two lines or more.
        bounds.retain(|&b| mids.iter().filter(|&&m| m >= b && m <= b + 6).count() >= 2);
    }
    // Labels of the right-hand table may start a little left of where most do;
    // numbers of the left-hand table end just before it.
    let panel_of = |f: &Field| {
        let slack = if f.kind == Kind::Text { 2 } else { 0 };
        bounds.iter().filter(|&&b| f.col[0] + slack >= b).count()
    };
    for panel in 0..=bounds.len() {
        let mut rows: Vec<PanelRow> = Vec::new();
        for &i in &block.data {
            let fs: Vec<&Field> = lines[i]
                .fields
                .iter()
                .filter(|f| panel_of(f) == panel)
                .collect();
            let Some(first_val) = fs.iter().position(|f| f.kind != Kind::Text) else {
                continue;
            };
            let values: Vec<&Field> = fs[first_val..].to_vec();
            if !values.iter().any(|f| f.kind == Kind::Number) {
                continue;
            }
            rows.push(PanelRow {
                line: i,
                label: fs[..first_val].to_vec(),
                values,
            });
        }
        if rows.len() >= 2
            && let Some(t) =
                build_panel(text, lines, block, &rows, &|f: &Field| panel_of(f) == panel)
        {
            out.push(t);
        }
    }
}

/// Merge neighbouring columns that no row uses both of and that sit close
/// together: one column whose total row a converter shifted by a few places.
fn merge_disjoint(
    mut cols: Vec<Column>,
    rows: &[PanelRow],
    key: &dyn Fn(&Field) -> usize,
) -> Vec<Column> {
    let mut i = 0;
    while i + 1 < cols.len() {
        let (a, b) = (cols[i], cols[i + 1]);
        let close = b.start <= a.end + 4;
        let together = close
            && rows.iter().any(|r| {
                let ks: Vec<usize> = r.values.iter().map(|f| key(f)).collect();
                ks.iter().any(|&k| a.start <= k && k <= a.end)
                    && ks.iter().any(|&k| b.start <= k && k <= b.end)
            });
        if close && !together {
            cols[i].end = b.end;
            cols.remove(i + 1);
        } else {
            i += 1;
        }
    }
    cols
}

/// Cluster positions (sorted) into columns where neighbours are at most 2 apart.
fn cluster(mut pos: Vec<(usize, usize)>) -> Vec<Column> {
    pos.sort_unstable();
    let mut cols: Vec<(Column, usize)> = Vec::new(); // (range of keys, last key)
    for (key, _) in pos {
        match cols.last_mut() {
            Some((c, last)) if key <= *last + 2 => {
                c.end = key;
                *last = key;
            }
            _ => cols.push((
                Column {
                    start: key,
                    end: key,
                },
                key,
            )),
        }
    }
    cols.into_iter().map(|(c, _)| c).collect()
}

fn build_panel(
    text: &str,
    lines: &[Line],
    block: &Block,
    rows: &[PanelRow],
    in_panel: &dyn Fn(&Field) -> bool,
) -> Option<Table> {
    let (header_lines, unit) = header_lines(text, lines, block.data[0]);
    // Try aligning by end (right-aligned numbers) and by start, in characters and
    // in display width; keep the one with the fewest clashes, then the fewest
    // columns, then the one the header lines up with best.
    // ((clashes, columns, header misfit), metric, by end, columns)
    type Layout = ((usize, usize, usize), usize, bool, Vec<Column>);
    let mut options: Vec<Layout> = Vec::new();
    for metric in 0..2 {
        for by_end in [true, false] {
            let key = |f: &Field| {
                if by_end {
                    f.col_end[metric]
                } else {
                    f.col[metric]
                }
            };
            let keys: Vec<(usize, usize)> = rows
                .iter()
                .flat_map(|r| r.values.iter().map(|f| (key(f), 0)))
                .collect();
            let cols = merge_disjoint(cluster(keys), rows, &key);
            if cols.is_empty() || cols.len() > 40 {
                continue;
            }
            let clashes = rows
                .iter()
                .filter(|r| {
                    let mut seen: Vec<usize> = r
                        .values
                        .iter()
                        .filter_map(|f| col_of(&cols, key(f)))
                        .collect();
                    let n = seen.len();
                    seen.dedup();
                    seen.len() != n
                })
                .count();
            let fit = header_fit(lines, &header_lines, rows, &cols, metric, by_end, in_panel);
            options.push(((clashes, cols.len(), fit), metric, by_end, cols));
        }
    }
    let ((clashes, _, _), metric, by_end, cols) = options.into_iter().min_by_key(|o| o.0)?;
    if clashes * 3 > rows.len() {
        return None;
    }
    let key = |f: &Field| {
        if by_end {
            f.col_end[metric]
        } else {
            f.col[metric]
        }
    };
    // The columns' full extent, for placing header fields.
    let mut extent: Vec<Column> = vec![
        Column {
            start: usize::MAX,
            end: 0
        };
        cols.len()
    ];
    for r in rows {
        for f in &r.values {
            if let Some(c) = col_of(&cols, key(f)) {
                extent[c].start = extent[c].start.min(f.col[metric]);
                extent[c].end = extent[c].end.max(f.col_end[metric]);
            }
        }
    }
    let n = cols.len();
    let mut table_rows = Vec::with_capacity(rows.len());
    for r in rows {
        let line = &lines[r.line];
        let mut cells: Vec<Cell> = (0..n).map(|_| Cell::empty(line.end)).collect();
        let mut seen = vec![false; n];
        let mut clash = false;
        for f in &r.values {
            if let Some(c) = col_of(&cols, key(f)) {
                clash |= seen[c];
                seen[c] = true;
                cells[c] = Cell::new(Span::new(f.start, f.end), text.cut(f.start..f.end));
            }
        }
        if clash {
            continue;
        }
        let (label, indent) = label_of(text, lines, block, r, metric);
        let row_start = r
            .label
            .first()
            .or(r.values.first())
            .map_or(line.start, |f| f.start);
        let row_end = r.values.last().map_or(line.end, |f| f.end);
        table_rows.push(Row {
            span: Span::new(row_start, row_end),
            label,
            cells,
            indent,
        });
    }
    if table_rows.len() < 2 {
        return None;
    }
    let label_end = extent.iter().map(|c| c.start).min().unwrap_or(0);
    // Per column: (header line, from a group line, text, span).
    let mut parts: Vec<Vec<(usize, bool, String, Span)>> = vec![Vec::new(); n];
    let mut corner: Option<(String, Span)> = None;
    for (hi, &h) in header_lines.iter().enumerate() {
        let data_fields: Vec<&Field> = lines[h]
            .fields
            .iter()
            .filter(|f| in_panel(f) && f.col_end[metric] > label_end)
            .collect();
        // A line of group headings (two or more, over at least twice as many
        // columns): each column takes the heading whose centre is nearest, if
        // not too far from it.
        let group = data_fields.len() >= 2 && 2 * data_fields.len() <= n;
        let mut covered_by: Vec<Vec<usize>> = vec![Vec::new(); data_fields.len()];
        if group {
            for (c, col) in extent.iter().enumerate() {
                let c2 = col.center2();
                let dist = |f: &Field| (f.col[metric] + f.col_end[metric]).abs_diff(c2);
                if let Some((k, f)) = data_fields.iter().enumerate().min_by_key(|(_, f)| dist(f))
                    && dist(f) <= 4 * (f.col_end[metric] - f.col[metric]) + 12
                {
                    covered_by[k].push(c);
                }
            }
        }
        for f in &lines[h].fields {
            if !in_panel(f) {
                continue;
            }
            let t = text.cut(f.start..f.end).trim_matches(is_space);
            if f.col_end[metric] <= label_end {
                match corner.as_mut() {
                    Some((s, sp)) => {
                        s.push(' ');
                        s.push_str(t);
                        *sp = sp.cover(Span::new(f.start, f.end));
                    }
                    None => corner = Some((t.to_string(), Span::new(f.start, f.end))),
                }
                continue;
            }
            let (fs, fe) = (f.col[metric], f.col_end[metric]);
            let mut covered: Vec<usize> = if group {
                let k = data_fields
                    .iter()
                    .position(|d| std::ptr::eq(*d, f))
                    .unwrap_or(0);
                std::mem::take(&mut covered_by[k])
            } else {
                let slack = ((fe - fs) / 2).max(1);
                (0..n)
                    .filter(|&c| {
                        let c2 = extent[c].center2();
                        c2 + 2 * slack >= 2 * fs && c2 <= 2 * (fe + slack)
                    })
                    .collect()
            };
            if covered.is_empty() && !group {
                let center = fs + fe;
                if let Some((c, d)) = (0..n)
                    .map(|c| (c, extent[c].center2().abs_diff(center)))
                    .min_by_key(|x| x.1)
                    && d <= 2 * (6 + fe - fs)
                {
                    covered.push(c);
                }
            }
            for c in covered {
                if parts[c].last().is_none_or(|p| p.2 != t) {
                    parts[c].push((hi, group, t.to_string(), Span::new(f.start, f.end)));
                }
            }
        }
    }
    group_by_formula(&mut parts);
    let header: Vec<Cell> = parts
        .into_iter()
        .enumerate()
        .map(|(c, ps)| {
            let text_joined = ps
                .iter()
                .map(|p| p.2.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let span = ps
                .iter()
                .rev()
                .find(|p| !is_code_token(&p.2))
                .or(ps.last())
                .map(|p| p.3)
                .unwrap_or_else(|| {
                    let at = table_rows[0].cells[c].span.start;
                    Span::new(at, at)
                });
            Cell {
                span,
                text: text_joined,
                value: None,
                decimals: 0,
            }
        })
        .collect();
    let corner = corner.map(|(t, s)| Cell::new(s, t));
    let start = header_lines
        .first()
        .map_or(table_rows[0].span.start, |&h| lines[h].start);
    let start = start.min(table_rows[0].span.start);
    let end = table_rows.last().map_or(start, |r| r.span.end);
    Some(Table {
        span: Span::new(start, end),
        unit,
        corner,
        header,
        rows: table_rows,
        locator: None,
    })
}

/// The header lines above the first data line `first` (top to bottom) and the
/// unit stated above them: up to a `单位：` line, the table's title, prose, a
/// data line or two blank lines.
fn header_lines(text: &str, lines: &[Line], first: usize) -> (Vec<usize>, Option<String>) {
    let mut header_lines: Vec<usize> = Vec::new();
    let mut unit = None;
    let mut blank_run = 0;
    let mut i = first;
    while i > 0 && first - i < 10 {
        i -= 1;
        let line = &lines[i];
        let t = text.cut(line.start..line.end).trim_matches(is_space);
        match line.kind {
            LineKind::Blank => {
                blank_run += 1;
                if blank_run >= 2 && !header_lines.is_empty() || blank_run >= 3 {
                    break;
                }
                continue;
            }
            LineKind::Data | LineKind::Sparse => break,
            _ => {}
        }
        blank_run = 0;
        if t.contains("单位") {
            unit = find_unit(t);
            break;
        }
        let single = line.fields.len() == 1;
        let title = single && (t.ends_with('表') || t.contains("情况表") || t.chars().count() > 30);
        if title || t.contains(['。', '；']) || t.starts_with('表') && single {
            unit = unit.or_else(|| find_unit(t));
            break;
        }
        header_lines.push(i);
        if header_lines.len() >= 6 {
            break;
        }
    }
    header_lines.reverse();
    (header_lines, unit)
}

/// How badly the header fields sit over the columns in a metric: the sum of
/// each field's distance to the nearest column (lower is better).
fn header_fit(
    lines: &[Line],
    header_lines: &[usize],
    rows: &[PanelRow],
    cols: &[Column],
    metric: usize,
    by_end: bool,
    in_panel: &dyn Fn(&Field) -> bool,
) -> usize {
    let key = |f: &Field| {
        if by_end {
            f.col_end[metric]
        } else {
            f.col[metric]
        }
    };
    let mut extent: Vec<(usize, usize)> = vec![(usize::MAX, 0); cols.len()];
    for r in rows {
        for f in &r.values {
            if let Some(c) = col_of(cols, key(f)) {
                extent[c].0 = extent[c].0.min(f.col[metric]);
                extent[c].1 = extent[c].1.max(f.col_end[metric]);
            }
        }
    }
    let label_end = extent.iter().map(|e| e.0).min().unwrap_or(0);
    // Fields left of the data count as a fixed cost, so that a metric cannot
    // win by pushing headings into the label area.
    let mut total = 0;
    for &h in header_lines {
        for f in lines[h].fields.iter().filter(|f| in_panel(f)) {
            if f.col_end[metric] <= label_end {
                total += 16;
                continue;
            }
            let center = f.col[metric] + f.col_end[metric];
            total += extent
                .iter()
                .map(|e| (e.0 + e.1).abs_diff(center))
                .min()
                .unwrap_or(0);
        }
    }
    total
}

/// A formula `A=B+C` says B and C are parts of A: they sit under A's group
/// heading, whatever the heading's position suggested (group headings are
/// centred over their columns, which a converter's character grid blurs).
fn group_by_formula(parts: &mut [Vec<(usize, bool, String, Span)>]) {
    let code_of = |ps: &[(usize, bool, String, Span)]| -> Option<(String, Option<String>)> {
        ps.iter().find(|p| is_code_token(&p.2)).map(|p| {
            let t: String =
                p.2.chars()
                    .filter(|c| !matches!(c, '(' | ')' | '（' | '）'))
                    .collect();
            match t.split_once(['=', '＝']) {
                Some((l, r)) => (l.to_string(), Some(r.to_string())),
                None => (t, None),
            }
        })
    };
    let codes: Vec<Option<(String, Option<String>)>> = parts.iter().map(|ps| code_of(ps)).collect();
    for (c, code) in codes.iter().enumerate() {
        let Some((_, Some(rhs))) = code else { continue };
        let groups: Vec<(usize, bool, String, Span)> =
            parts[c].iter().filter(|p| p.1).cloned().collect();
        if groups.is_empty() {
            continue;
        }
        for term in rhs.split(['+', '-', '＋', '－', '−']) {
            let Some(k) = codes
                .iter()
                .position(|x| x.as_ref().is_some_and(|(l, _)| l == term))
            else {
                continue;
            };
            if k == c {
                continue;
            }
            let col = &mut parts[k];
            col.retain(|p| !(p.1 && groups.iter().any(|g| g.0 == p.0)));
            col.extend(groups.iter().cloned());
            col.sort_by_key(|p| p.0);
        }
    }
}

fn col_of(cols: &[Column], key: usize) -> Option<usize> {
    let i = cols.partition_point(|c| c.end < key);
    (i < cols.len() && cols[i].start <= key).then_some(i)
}

/// A row's label: its text fields before the first number, else a short text
/// line just above it (a label the converter put on its own line).
fn label_of(
    text: &str,
    lines: &[Line],
    block: &Block,
    r: &PanelRow,
    metric: usize,
) -> (Cell, usize) {
    if let (Some(first), Some(last)) = (r.label.first(), r.label.last()) {
        let span = Span::new(first.start, last.end);
        return (
            Cell::new(span, text.cut(span.start..span.end).trim_matches(is_space)),
            first.col[metric],
        );
    }
    let line = &lines[r.line];
    if r.line > 0 && block.data.first() != Some(&r.line) {
        let prev = &lines[r.line - 1];
        if prev.kind == LineKind::Other
            && let (Some(f), Some(l)) = (prev.fields.first(), prev.fields.last())
        {
            let span = Span::new(f.start, l.end);
            return (
                Cell::new(span, text.cut(span.start..span.end).trim_matches(is_space)),
                f.col[metric],
            );
        }
    }
    let at = r.values.first().map_or(line.start, |f| f.start);
    (Cell::empty(at), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
表1 清河区债务情况表
                                   单位：亿元
  地区        合计      一般债务    专项债务
  公式        A=B+C       B           C
  甲区         12.5       4.0         8.5
  乙区          7.4       3.1         4.3
  合计         19.9       7.1        12.8

正文。
";

    #[test]
    fn detects_a_table_with_header_unit_and_codes() {
        let tables = detect(TABLE);
        assert_eq!(tables.len(), 1, "{tables:#?}");
        let t = &tables[0];
        assert_eq!(t.unit.as_deref(), Some("亿元"));
        let heads: Vec<&str> = t.header.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(heads, ["合计 A=B+C", "一般债务 B", "专项债务 C"]);
        assert_eq!(
            t.corner.as_ref().map(|c| c.text.as_str()),
            Some("地区 公式")
        );
        let labels: Vec<&str> = t.rows.iter().map(|r| r.label.text.as_str()).collect();
        assert_eq!(labels, ["甲区", "乙区", "合计"]);
        assert_eq!(t.rows[2].cells[2].text, "12.8");
        assert_eq!(
            &TABLE[t.rows[2].cells[2].span.start..t.rows[2].cells[2].span.end],
            "12.8"
        );
    }

    /// A line as pdftotext writes it: fields padded to fixed character columns.
    fn layout(cells: &[(&str, usize, bool)]) -> String {
        let mut out = String::new();
        for &(t, w, right) in cells {
            if right {
                out.push_str(&format!("{t:>w$}"));
            } else {
                out.push_str(&format!("{t:<w$}"));
            }
        }
        out.trim_end().to_string() + "\n"
    }

    #[test]
    fn sparse_rows_and_side_by_side_panels() {
        let row = |l1: &str, a: &str, b: &str, l2: &str, c: &str, d: &str| {
            layout(&[
                (l1, 14, false),
                (a, 8, true),
                (b, 10, true),
                (" ", 3, false),
                (l2, 14, false),
                (c, 8, true),
                (d, 10, true),
            ])
        };
        let text = [
            row("项  目", "预算数", "决算数", "项  目", "预算数", "决算数"),
            row("一、税收收入", "100", "90", "一、一般公共服务", "50", "40"),
            row(" 增值税", "60", "55", "二、教育支出", "70", "65"),
            row("二、非税收入", "20", "", "三、科技支出", "10", "5"),
            row("收入合计", "120", "110", "支出合计", "130", "110"),
        ]
        .concat();
        let tables = detect(&text);
        assert_eq!(tables.len(), 2, "{text}\n{tables:#?}");
        let (l, r) = (&tables[0], &tables[1]);
        assert_eq!(l.rows.len(), 4);
        assert_eq!(l.rows[2].cells[0].text, "20");
        assert!(l.rows[2].cells[1].value.is_none());
        assert_eq!(
            r.rows
                .iter()
                .map(|x| x.label.text.as_str())
                .collect::<Vec<_>>(),
            [
                "一、一般公共服务",
                "二、教育支出",
                "三、科技支出",
                "支出合计"
            ]
        );
        assert_eq!(
            r.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
            ["预算数", "决算数"]
        );
        assert_eq!(
            l.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
            ["预算数", "决算数"]
        );
        assert_eq!(l.rows[1].indent, 1);
    }

    #[test]
    fn prose_and_single_numbers_are_not_tables() {
        assert!(
            detect("全年实现地区生产总值486亿元，增长6.2%。\n一般公共预算收入41.3亿元。\n")
                .is_empty()
        );
        assert!(detect("  2024  2025\n  2023  2022\n").is_empty());
        assert!(detect("项目  金额\n甲  1\n乙  2\n").is_empty());
    }
}
