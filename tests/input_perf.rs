//! Reading stays linear in the input's size, for ordinary and for hostile
//! input (unclosed tags, quotes and comments, deep nesting, huge tables). A
//! quadratic step would take minutes on these 4 MB inputs; the bound is
//! generous so that a slow debug build on a busy machine still passes.
//! `cargo test --release --test input_perf -- --nocapture` prints the timings.

use std::time::{Duration, Instant};

use reportlint::input::{self, InputFormat, LoadOptions};
use reportlint::{Document, Linter};

/// 4 MB in release builds, 1 MB in debug builds (still minutes if quadratic).
const SIZE: usize = if cfg!(debug_assertions) {
    1 << 20
} else {
    4 << 20
};
const LIMIT: Duration = Duration::from_secs(60);

fn repeat(unit: &str) -> String {
    unit.repeat(SIZE / unit.len() + 1)
}

fn time(label: &str, format: InputFormat, text: String) -> Document {
    let t = Instant::now();
    let opts = LoadOptions::default().with_format(format);
    let doc = input::from_bytes(format!("big.{}", format.name()), text.into_bytes(), &opts)
        .expect("reads");
    let elapsed = t.elapsed();
    println!(
        "{label:<40} {:>6.1} MB/s",
        SIZE as f64 / 1e6 / elapsed.as_secs_f64()
    );
    assert!(elapsed < LIMIT, "{label}: {elapsed:?}");
    doc
}

#[test]
fn html_is_linear() {
    let page = "<div class=\"c\"><p>全年实现地区生产总值<b>412</b>亿元，增长5.8%&nbsp;&amp;。</p><br/>\n<table><tr><td>合计</td><td>1,234</td><td>5.6</td></tr></table><!-- c -->\n";
    time("html: ordinary page", InputFormat::Html, repeat(page));
    time("html: unclosed tags", InputFormat::Html, repeat("<a <b "));
    time(
        "html: unbalanced quotes",
        InputFormat::Html,
        repeat("<a href='x>文字 "),
    );
    time(
        "html: unclosed nav",
        InputFormat::Html,
        repeat("<nav>导航 <p>正文</p>"),
    );
    time(
        "html: unclosed comment",
        InputFormat::Html,
        format!("<p>a</p><!--{}", repeat("x")),
    );
    time(
        "html: many ampersands",
        InputFormat::Html,
        repeat("& &a &#1 &amp"),
    );
    time(
        "html: deep nesting",
        InputFormat::Html,
        repeat("<div><span>"),
    );
    time(
        "html: open table cells",
        InputFormat::Html,
        format!("<table>{}", repeat("<tr><td>1<td>2")),
    );
    time(
        "html: many script starts",
        InputFormat::Html,
        repeat("<script>x"),
    );
}

#[test]
fn markdown_is_linear() {
    let para = "全年实现**地区生产总值**412亿元，[增长](http://x/y)5.8%。`code`\n\n| 项目 | 数 |\n|---|---:|\n| 合计 | 1,234 |\n\n";
    time("markdown: ordinary", InputFormat::Markdown, repeat(para));
    time(
        "markdown: one huge paragraph",
        InputFormat::Markdown,
        repeat("增长5.8%，"),
    );
    time(
        "markdown: emphasis openers",
        InputFormat::Markdown,
        repeat("*a _b "),
    );
    time(
        "markdown: link openers",
        InputFormat::Markdown,
        repeat("[a]("),
    );
    time(
        "markdown: backticks",
        InputFormat::Markdown,
        repeat("`a ``b "),
    );
    time(
        "markdown: nested quotes",
        InputFormat::Markdown,
        repeat("> > > > 文字\n"),
    );
    time(
        "markdown: a long table",
        InputFormat::Markdown,
        format!("| a | b |\n|---|---|\n{}", repeat("| 合计 | 1.5 |\n")),
    );
}

#[test]
fn plain_text_tables_are_linear() {
    let doc = time(
        "text: one table of 100k rows",
        InputFormat::Text,
        format!(
            "项目          预算数      决算数\n{}合计   1   2\n",
            repeat("  甲区          12.5        11.0\n")
        ),
    );
    assert_eq!(doc.tables.len(), 1);
    time(
        "text: wide rows",
        InputFormat::Text,
        repeat(&"  1.5".repeat(300).add_line()),
    );
    time("text: one huge line", InputFormat::Text, repeat("  1  2"));
    let t = Instant::now();
    let found = Linter::builtin().lint(&doc).findings;
    println!(
        "{:<40} {:>6.1} s ({} findings)",
        "lint: the 100k-row table",
        t.elapsed().as_secs_f64(),
        found.len()
    );
    assert!(t.elapsed() < LIMIT);
}

trait AddLine {
    fn add_line(self) -> String;
}

impl AddLine for String {
    fn add_line(mut self) -> String {
        self.push('\n');
        self
    }
}
