//! The table model every format produces, the number parser for cells, and
//! the builder that turns a grid of cells (Markdown, HTML, DOCX) into a
//! [`Table`]. Tables laid out with spaces are found by [`super::text_table`].
//!
//! Columns: `header[c]` heads `rows[r].cells[c]`; the label column (项目, 地区)
//! is separate: its heading is `corner`, each row's entry is `label`.

use crate::span::Cut;
use rust_decimal::Decimal;

use crate::span::Span;

/// One cell: where it is, its text, and its number if it holds one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Span of the cell's text (trimmed) in [`crate::Document::text`]; empty for
    /// an empty cell (then it sits where the cell is, or at the row's end).
    pub span: Span,
    pub text: String,
    /// The number in the cell: `1,234.5`, `-3.2`, `(3.2)` (negative), full-width
    /// digits, `12.5%` (value 12.5). `None` for text, a blank cell, `-`, `—` ….
    pub value: Option<Decimal>,
    /// Decimal places as written (1,234.5 → 1).
    pub decimals: u32,
}

impl Cell {
    /// A cell from its span and text; the value is parsed from the text.
    pub fn new(span: Span, text: impl Into<String>) -> Self {
        let text = text.into();
        let (value, decimals) = match parse_number(&text) {
            Some((v, d)) => (Some(v), d),
            None => (None, 0),
        };
        Cell {
            span,
            text,
            value,
            decimals,
        }
    }

    /// An empty cell at `at`.
    pub fn empty(at: usize) -> Self {
        Cell {
            span: Span::new(at, at),
            text: String::new(),
            value: None,
            decimals: 0,
        }
    }

    /// Blank, or a placeholder for "none" (`-`, `—`, `…`, `/`).
    pub fn is_blank(&self) -> bool {
        let t = self.text.trim_matches(is_space);
        t.is_empty() || is_placeholder(t)
    }

    /// The cell holds a percentage (`12.5%`).
    pub fn is_percent(&self) -> bool {
        self.value.is_some() && self.text.trim_end_matches(is_space).ends_with(['%', '％'])
    }
}

/// One body row: its label (the first column: 项目, 地区 …) and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// From the label to the last cell.
    pub span: Span,
    pub label: Cell,
    pub cells: Vec<Cell>,
    /// Indentation of the label in characters (plain-text tables; 0 elsewhere):
    /// sub-items are indented under their total.
    pub indent: usize,
}

/// A table: its header per column, its rows, and the unit its numbers are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The whole table, header included, in [`crate::Document::text`].
    pub span: Span,
    /// The unit stated for the table: 单位：亿元 above it or in its header → `亿元`.
    pub unit: Option<String>,
    /// The heading of the label column (项目, 地区), if any.
    pub corner: Option<Cell>,
    /// One heading per data column, the texts of several header rows joined by
    /// a space from top to bottom (`2024年债务限额 一般债务 B`); formula rows
    /// such as `A=B+C` are part of it. The span is that of the lowest non-empty
    /// header row's cell.
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    /// Where the table is in the original, when that is not a line of the text
    /// (DOCX: "表2").
    pub locator: Option<String>,
}

impl Table {
    /// Number of data columns.
    pub fn columns(&self) -> usize {
        self.header.len()
    }

    /// The header text of column `c`, or "" when the table has no header there.
    pub fn header_text(&self, c: usize) -> &str {
        self.header.get(c).map(|h| h.text.as_str()).unwrap_or("")
    }
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}' || c == '\u{a0}'
}

/// `-`, `—`, `–`, `－`, `——`, `…`, `/`: "nothing here" in Chinese tables.
pub fn is_placeholder(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 3
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '–' | '－' | '―' | '…' | '/' | '／' | '─' | '━' | '*' | '＊'
            )
        })
}

/// The value and decimal places of a cell that holds just a number:
/// `1,234.5`, `-3.2`, `−3.2`, `(3.2)` / `（3.2）` (negative), `+5`, `１２３．４`,
/// `12.5%`. Thousands separators must group by three. Anything else is `None`.
pub fn parse_number(s: &str) -> Option<(Decimal, u32)> {
    let t = s.trim_matches(is_space);
    if t.is_empty() || t.len() > 80 {
        return None;
    }
    let mut ascii = String::with_capacity(t.len());
    for c in t.chars() {
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' | '–' => '-',
            '＋' => '+',
            '（' => '(',
            '）' => ')',
            '％' => '%',
            c => c,
        };
        ascii.push(c);
    }
    let mut body = ascii.as_str();
    body = body.strip_suffix('%').unwrap_or(body).trim_end();
    let mut negative = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner.trim();
    }
    if let Some(rest) = body.strip_prefix('-') {
        negative = !negative;
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest.trim_start();
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() && frac.is_none() {
        return None;
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        groups.concat()
    } else {
        if int.is_empty() && frac.is_some() {
            "0".to_string()
        } else if int.bytes().all(|b| b.is_ascii_digit()) {
            int.to_string()
        } else {
            return None;
        }
    };
    let decimals = frac.map_or(0, |f| f.len() as u32);
    if digits.len() + decimals as usize > 27 {
        return None;
    }
    let joined = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let mut v: Decimal = joined.parse().ok()?;
    if negative {
        v = -v;
    }
    Some((v, decimals))
}

/// The unit a table states: `单位：万元`, `金额单位:亿元`, `（单位：人）` → `万元`, `亿元`, `人`.
pub fn find_unit(text: &str) -> Option<String> {
    let i = text.rfind("单位")?;
    let rest = text
        .cut(i + "单位".len()..)
        .trim_start_matches(|c: char| is_space(c) || c == '：' || c == ':');
    let unit: String = rest
        .chars()
        .take_while(|c| {
            !is_space(*c)
                && !matches!(
                    c,
                    '，' | ',' | '；' | ';' | '）' | ')' | '】' | ']' | '。' | '、' | '|'
                )
        })
        .take(8)
        .collect();
    (!unit.is_empty()).then_some(unit)
}

/// Labels of rows that number the columns rather than hold data: 栏次 1 2 3,
/// 公式 A=B+C. Such rows belong to the header.
pub fn is_code_label(label: &str) -> bool {
    let l: String = label.chars().filter(|c| !is_space(*c)).collect();
    matches!(
        l.as_str(),
        "栏次" | "行次" | "列次" | "栏号" | "公式" | "计算公式" | "序号" | "编号"
    )
}

/// One cell of a grid as a markup format gives it.
#[derive(Debug, Clone)]
pub struct GridCell {
    pub span: Span,
    pub text: String,
    /// A header cell (`<th>`, a Markdown header row, a DOCX repeated header row).
    pub header: bool,
    pub colspan: usize,
    pub rowspan: usize,
}

/// Build a [`Table`] from rows of cells. `before` is the text just above the
/// table (for `单位：…`); `span` covers the table. `None` when the grid holds no
/// row with a number (a layout table, a list of names).
pub fn from_grid(rows: &[Vec<GridCell>], span: Span, before: &str) -> Option<Table> {
    // Expand col- and rowspans into a rectangular grid of (cell, is_continuation).
    let mut grid: Vec<Vec<Option<(GridCell, bool)>>> = Vec::with_capacity(rows.len());
    let mut carried: Vec<Option<(GridCell, usize)>> = Vec::new();
    const MAX_COLUMNS: usize = 200;
    for row in rows {
        let mut out: Vec<Option<(GridCell, bool)>> = Vec::new();
        let mut cells = row.iter();
        let mut col = 0;
        loop {
            if col >= MAX_COLUMNS {
                break;
            }
            if let Some(Some((cell, left))) = carried.get_mut(col) {
                out.push(Some((cell.clone(), true)));
                *left -= 1;
                if *left == 0 {
                    carried[col] = None;
                }
                col += 1;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let span = cell.colspan.clamp(1, MAX_COLUMNS);
            for k in 0..span {
                if col >= MAX_COLUMNS {
                    break;
                }
                if cell.rowspan > 1 {
                    if carried.len() <= col {
                        carried.resize(col + 1, None);
                    }
                    carried[col] = Some((cell.clone(), cell.rowspan.min(10_000) - 1));
                }
                out.push(Some((cell.clone(), k > 0)));
                col += 1;
            }
        }
        // Columns still carried past the last cell of this row.
        while col < carried.len() {
            if let Some(Some((cell, left))) = carried.get_mut(col) {
                while out.len() < col {
                    out.push(None);
                }
                out.push(Some((cell.clone(), true)));
                *left -= 1;
                if *left == 0 {
                    carried[col] = None;
                }
            }
            col += 1;
        }
        grid.push(out);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    if width < 2 {
        return None;
    }
    let has_number = |row: &[Option<(GridCell, bool)>]| {
        row.iter()
            .skip(1)
            .flatten()
            .any(|(c, cont)| !cont && parse_number(&c.text).is_some())
    };
    let all_header = |row: &[Option<(GridCell, bool)>]| row.iter().flatten().all(|(c, _)| c.header);
    // Header rows: leading rows of header cells or without numbers, then code
    // rows (栏次 1 2 3, 公式 A=B+C).
    let mut n_header = 0;
    while n_header < grid.len() && n_header < 8 {
        let row = &grid[n_header];
        let first = row
            .first()
            .and_then(|c| c.as_ref())
            .map(|(c, _)| c.text.as_str())
            .unwrap_or("");
        if all_header(row) || !has_number(row) || is_code_label(first) {
            n_header += 1;
        } else {
            break;
        }
    }
    if n_header == grid.len() {
        return None;
    }
    // The label column: the first column mostly holding text (序号 columns of
    // 1, 2, 3 before it are dropped).
    let body = &grid[n_header..];
    let text_col = (0..width.min(3)).find(|&c| {
        let texts = body
            .iter()
            .filter(|r| {
                r.get(c).and_then(|x| x.as_ref()).is_some_and(|(cell, _)| {
                    !cell.text.trim_matches(is_space).is_empty()
                        && parse_number(&cell.text).is_none()
                })
            })
            .count();
        texts * 2 >= body.len()
    });
    let label_col = text_col.unwrap_or(0);
    if label_col + 1 >= width {
        return None;
    }
    let cell_of = |g: &Option<(GridCell, bool)>, at: usize, keep_continued: bool| -> Cell {
        match g {
            Some((c, cont)) if !*cont || keep_continued => {
                Cell::new(c.span, c.text.trim_matches(is_space))
            }
            _ => Cell::empty(at),
        }
    };
    let mut header = Vec::with_capacity(width - label_col - 1);
    for c in label_col + 1..width {
        let mut text = String::new();
        let mut span = None;
        let mut last_text: Option<&str> = None;
        for row in &grid[..n_header] {
            if let Some(Some((cell, _))) = row.get(c) {
                let t = cell.text.trim_matches(is_space);
                if t.is_empty() || last_text == Some(t) {
                    continue;
                }
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(t);
                last_text = Some(t);
                span = Some(cell.span);
            }
        }
        header.push(Cell {
            span: span.unwrap_or(Span::new(
                span_start(&grid, n_header),
                span_start(&grid, n_header),
            )),
            text,
            value: None,
            decimals: 0,
        });
    }
    let corner = grid[..n_header]
        .iter()
        .filter_map(|r| r.get(label_col).and_then(|x| x.as_ref()))
        .map(|(c, _)| c)
        .rfind(|c| !c.text.trim_matches(is_space).is_empty())
        .map(|c| Cell::new(c.span, c.text.trim_matches(is_space)));
    let mut out_rows = Vec::with_capacity(body.len());
    for row in body {
        let start = row
            .iter()
            .flatten()
            .map(|(c, _)| c.span.start)
            .min()
            .unwrap_or(span.start);
        let end = row
            .iter()
            .flatten()
            .map(|(c, _)| c.span.end)
            .max()
            .unwrap_or(start);
        let label = row
            .get(label_col)
            .map(|g| cell_of(g, start, false))
            .unwrap_or(Cell::empty(start));
        let cells = (label_col + 1..width)
            .map(|c| {
                row.get(c)
                    .map(|g| cell_of(g, end, false))
                    .unwrap_or(Cell::empty(end))
            })
            .collect();
        out_rows.push(Row {
            span: Span::new(start, end.max(start)),
            label,
            cells,
            indent: 0,
        });
    }
    let unit = header
        .iter()
        .chain(corner.iter())
        .find_map(|h| find_unit(&h.text))
        .or_else(|| find_unit(before));
    Some(Table {
        span,
        unit,
        corner,
        header,
        rows: out_rows,
        locator: None,
    })
}

fn span_start(grid: &[Vec<Option<(GridCell, bool)>>], n_header: usize) -> usize {
    grid.get(n_header)
        .and_then(|r| r.iter().flatten().next())
        .map(|(c, _)| c.span.start)
        .unwrap_or(0)
}

/// The last few non-blank lines of `text` before `offset` (at most 2,000
/// bytes), where a table's unit is stated.
pub(crate) fn text_before(text: &str, offset: usize, max_lines: usize) -> &str {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let mut start = offset;
    let mut end = offset;
    let mut lines = 0;
    while lines < max_lines && offset - start <= 2000 {
        let line_start = text.cut(..end).rfind('\n').map_or(0, |i| i + 1);
        if !text.cut(line_start..end).trim_matches(is_space).is_empty() {
            lines += 1;
        }
        start = line_start;
        if line_start == 0 {
            break;
        }
        end = line_start - 1; // the line break before: a character boundary
    }
    let mut s = start.max(offset.saturating_sub(2000));
    while !text.is_char_boundary(s) {
        s += 1;
    }
    text.cut(s..offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<(String, u32)> {
        parse_number(s).map(|(v, d)| (v.to_string(), d))
    }

    #[test]
    fn numbers_in_cells() {
        assert_eq!(num("1,234.5"), Some(("1234.5".into(), 1)));
        assert_eq!(num(" -3.2 "), Some(("-3.2".into(), 1)));
        assert_eq!(num("(3.2)"), Some(("-3.2".into(), 1)));
        assert_eq!(num("（3.20）"), Some(("-3.20".into(), 2)));
        assert_eq!(num("１２３．４"), Some(("123.4".into(), 1)));
        assert_eq!(num("－５"), Some(("-5".into(), 0)));
        assert_eq!(num("12.5%"), Some(("12.5".into(), 1)));
        assert_eq!(num("47,868,908"), Some(("47868908".into(), 0)));
        assert_eq!(num("1,23"), None);
        assert_eq!(num("—"), None);
        assert_eq!(num("-"), None);
        assert_eq!(num("合计"), None);
        assert_eq!(num("2024年"), None);
        assert_eq!(num("1.2.3"), None);
        assert_eq!(num(""), None);
        assert!(is_placeholder("—"));
        assert!(is_placeholder("--"));
        assert!(!is_placeholder("-3"));
    }

    #[test]
    fn text_before_a_table_in_the_middle_of_a_line() {
        let t = "标题\n单位：万元表";
        assert_eq!(text_before(t, t.len() - "表".len(), 3), "标题\n单位：万元");
        assert_eq!(text_before(t, t.len() - 1, 1), "单位：万元");
        assert_eq!(text_before("", 5, 3), "");
    }

    #[test]
    fn units() {
        assert_eq!(find_unit("单位：亿元").as_deref(), Some("亿元"));
        assert_eq!(
            find_unit("                 金额单位:万元\n").as_deref(),
            Some("万元")
        );
        assert_eq!(find_unit("（单位：万元）").as_deref(), Some("万元"));
        assert_eq!(find_unit("合计"), None);
    }

    fn gc(text: &str, at: usize) -> GridCell {
        GridCell {
            span: Span::new(at, at + text.len()),
            text: text.into(),
            header: false,
            colspan: 1,
            rowspan: 1,
        }
    }

    #[test]
    fn grid_with_spans() {
        let mut h1 = gc("地区", 0);
        h1.rowspan = 2;
        let mut h2 = gc("债务限额", 10);
        h2.colspan = 2;
        let rows = vec![
            vec![h1, h2],
            vec![gc("一般", 20), gc("专项", 30)],
            vec![gc("甲区", 40), gc("1.5", 50), gc("2.5", 60)],
        ];
        let t = from_grid(&rows, Span::new(0, 70), "单位：亿元\n").unwrap();
        assert_eq!(
            t.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
            ["债务限额 一般", "债务限额 专项"]
        );
        assert_eq!(t.corner.as_ref().unwrap().text, "地区");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].label.text, "甲区");
        assert_eq!(t.rows[0].cells[1].value, Some(Decimal::new(25, 1)));
        assert_eq!(t.unit.as_deref(), Some("亿元"));
    }
}
