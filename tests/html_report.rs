//! `--format html`: the review page. The structure is checked on the page as
//! written and, where Chromium is installed, on the DOM a real browser builds
//! from it after the page's script ran: every finding is highlighted at its
//! text, its related numbers are marked, and the counts match `--format json`.

#![allow(clippy::string_slice)] // tests slice exactly: a wrong span must fail

mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use regex::Regex;
use serde_json::Value;

fn reportlint() -> Command {
    let mut cmd = Command::cargo_bin("reportlint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `reportlint check ARGS --format html -o FILE`: the page and its path.
fn page(dir: &Path, args: &[&str]) -> (String, PathBuf) {
    let out = dir.join("review.html");
    let run = reportlint()
        .arg("check")
        .args(args)
        .args(["--format", "html", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.code().is_some_and(|c| c <= 2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "with -o nothing goes to stdout");
    (std::fs::read_to_string(&out).unwrap(), out)
}

fn json(args: &[&str]) -> Value {
    let run = reportlint()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&run.stdout).unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The highlighted pieces of a page: (classes, text).
fn marks(html: &str) -> Vec<(Vec<String>, String)> {
    let re = Regex::new(r#"(?s)<mark class="([^"]*)"[^>]*>([^<]*)</mark>"#).unwrap();
    re.captures_iter(html)
        .map(|c| {
            (
                c[1].split_whitespace().map(String::from).collect(),
                unescape(&c[2]),
            )
        })
        .collect()
}

/// The text of the pieces carrying `class`, in page order.
fn marked(marks: &[(Vec<String>, String)], class: &str) -> String {
    marks
        .iter()
        .filter(|(c, _)| c.iter().any(|x| x == class))
        .map(|(_, t)| t.as_str())
        .collect()
}

/// What the page should show for a span: its text without line breaks.
fn shown(text: &str, span: &Value) -> String {
    let (s, e) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    text[s..e].replace(['\n', '\r'], "")
}

/// Every finding of `json` is highlighted at its text and its labels are
/// marked; the counts of the page are the JSON summary's. `texts` maps a path
/// to the text the spans point into.
fn check_page(html: &str, json: &Value, texts: &BTreeMap<String, String>) {
    let findings = json["findings"].as_array().unwrap();
    let summary = &json["summary"];
    assert!(!findings.is_empty(), "a test page with findings");

    let total = Regex::new(r#"<aside id="panel" data-total="(\d+)""#).unwrap();
    assert_eq!(
        total.captures(html).expect("the panel")[1]
            .parse::<u64>()
            .unwrap(),
        summary["findings"].as_u64().unwrap()
    );
    let count = |attr: &str| {
        let re = Regex::new(&format!(r#"data-{attr}="([^"]+)" data-count="(\d+)""#)).unwrap();
        let mut m = BTreeMap::new();
        for c in re.captures_iter(html) {
            *m.entry(unescape(&c[1])).or_insert(0u64) += c[2].parse::<u64>().unwrap();
        }
        m
    };
    let expect = |key: &str| -> BTreeMap<String, u64> {
        summary[key]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect()
    };
    assert_eq!(count("rule"), expect("by_rule"), "findings per rule");
    assert_eq!(
        count("severity"),
        expect("by_severity"),
        "findings per severity"
    );
    assert_eq!(html.matches("<li class=\"fi ").count(), findings.len());

    let marks = marks(html);
    for (i, f) in findings.iter().enumerate() {
        let text = &texts[f["path"].as_str().unwrap()];
        assert_eq!(
            html.matches(&format!("id=\"f{i}\"")).count(),
            1,
            "anchor of {f}"
        );
        assert_eq!(
            marked(&marks, &format!("p{i}")),
            shown(text, &f["span"]),
            "highlight of finding {i}: {f}"
        );
        // The labels, in text order, non-overlapping in these documents.
        let mut labels: Vec<&Value> = f["labels"].as_array().unwrap().iter().collect();
        labels.sort_by_key(|l| l["span"]["start"].as_u64());
        let want: String = labels.iter().map(|l| shown(text, &l["span"])).collect();
        assert_eq!(marked(&marks, &format!("o{i}")), want, "labels of {f}");
        for j in 0..labels.len() {
            assert!(
                html.contains(&format!("id=\"f{i}-l{j}\"")),
                "label anchor {i}-{j}"
            );
        }
        // The list item names the rule and says the message.
        let msg = format!(
            "<span class=\"msg\">{}</span>",
            escape(f["message"].as_str().unwrap())
        );
        assert!(html.contains(&msg), "message of {f} in the panel");
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn sample_texts() -> BTreeMap<String, String> {
    BTreeMap::from([(
        reportlint::cli::SAMPLE_PATH.to_string(),
        reportlint::cli::SAMPLE_REPORT.to_string(),
    )])
}

#[test]
fn sample_page_shows_every_finding_at_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let (html, _) = page(dir.path(), &["--sample"]);
    check_page(&html, &json(&["--sample"]), &sample_texts());
    // Self-contained: no reference to anything outside the page.
    for outside in ["http:", "https:", "src=", "<link", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the page refers outside: {outside}"
        );
    }
    assert!(html.contains("Content-Security-Policy"));
    // Headings kept, line numbers in the gutter.
    assert!(html.contains("<h2 data-n=\"1\">清河区2026年政府工作报告</h2>"));
    assert!(html.contains("<h3 data-n=\"9\">一、2025年工作回顾</h3>"));
    assert!(html.contains("<h4 data-n=\"13\">（一）产业转型稳步推进</h4>"));
    // The recomputation-free rules say their help.
    assert!(html.contains("建议：数量级只能写一个，例如「亿元」"));
}

#[test]
fn relation_findings_show_the_recomputation_and_mark_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("relations.txt");
    let text = "全年地区生产总值372亿元。服务业增加值261亿元，占地区生产总值的比重为75%。\n\
                全年一般公共预算收入120亿元，比上年增加10亿元，增长12.5%。\n";
    std::fs::write(&p, text).unwrap();
    let arg = p.to_str().unwrap();
    let (html, _) = page(dir.path(), &[arg]);
    let v = json(&[arg]);
    let texts = BTreeMap::from([(arg.to_string(), text.to_string())]);
    check_page(&html, &v, &texts);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"relation/share") && rules.contains(&"relation/growth"),
        "{rules:?}"
    );
    assert!(
        html.contains("<p class=\"calc\">核算：按 261亿元 ÷ 372亿元 计算为 70.2%，文中为 75%</p>")
    );
    // The part and the whole are listed with their text.
    assert!(
        html.contains("data-j=\"0\">部分</a>：<q>261亿元</q>"),
        "{html}"
    );
    assert!(html.contains("data-j=\"1\">总体</a>：<q>372亿元</q>"));
}

#[test]
fn docx_page_shows_tables_and_paragraph_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let docx = fixture("input_report.docx");
    let arg = docx.to_str().unwrap();
    let (html, _) = page(dir.path(), &[arg]);
    let v = json(&[arg]);
    let doc = reportlint::Document::load(&docx).unwrap();
    check_page(&html, &v, &BTreeMap::from([(arg.to_string(), doc.text)]));
    assert!(html.contains("<p data-n=\"第3段\">"));
    // The total-row finding sits in a cell of a table.
    let i = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["rule"] == "table/total-row")
        .expect("the planted wrong total");
    let at = html.find(&format!("id=\"f{i}\"")).unwrap();
    let table = html[..at]
        .rfind("<table class=\"t\">")
        .expect("inside a table");
    assert!(!html[table..at].contains("</table>"));
    assert!(html[table..at].contains("<tr><td>合计</td><td>101,050</td><td>"));
}

#[test]
fn markup_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["input_report.md", "input_report.html"] {
        let f = fixture(name);
        let arg = f.to_str().unwrap();
        let (html, _) = page(dir.path(), &[arg]);
        let doc = reportlint::Document::load(&f).unwrap();
        check_page(
            &html,
            &json(&[arg]),
            &BTreeMap::from([(arg.to_string(), doc.text)]),
        );
        let main = &html[html.find("<main").unwrap()..];
        assert!(
            !main.contains("&lt;td") && !main.contains("&lt;p"),
            "{name}: tags shown"
        );
        assert!(
            !main.contains("># "),
            "{name}: a Markdown heading marker shown"
        );
        // Inline markup (bold) leaves no gap in the Chinese text.
        assert!(main.contains("全区经济运行总体平稳。"), "{name}: {main}");
    }
}

#[test]
fn several_files_make_one_page_with_a_file_list() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let a = "全年完成固定资产投资62.51亿万元，增长5.1%。\n";
    let b = "城区就业率达到103.5%。\n全年完成固定资产投资62.51亿万元。\n";
    std::fs::write(docs.join("a.txt"), a).unwrap();
    std::fs::write(docs.join("b.txt"), b).unwrap();
    std::fs::write(docs.join("c.txt"), b"\x00\x01\x02 not text \x00\x00").unwrap();
    let arg = docs.to_str().unwrap();
    let (html, _) = page(dir.path(), &[arg]);
    let v = json(&[arg]);
    let name = |f: &str| docs.join(f).display().to_string();
    let texts = BTreeMap::from([
        (name("a.txt"), a.to_string()),
        (name("b.txt"), b.to_string()),
    ]);
    check_page(&html, &v, &texts);
    assert!(html.contains("<a href=\"#file-0\">"));
    assert!(html.contains("<a href=\"#file-1\">"));
    assert!(html.contains("<section class=\"doc\" id=\"file-1\" data-findings=\"2\">"));
    let bad =
        Regex::new(r#"<li class="unreadable"><span class="path">[^<]*c\.txt</span>"#).unwrap();
    assert!(bad.is_match(&html), "the unreadable file is listed");
    assert_eq!(v["summary"]["errors"], 1);
}

const HOSTILE: &str = "<script>document.documentElement.setAttribute('data-pwned','1')</script>\
<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\">\
</mark></p></main><style>body{display:none}</style> 全年完成固定资产投资62.51亿万元。\n";

#[test]
fn document_text_and_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a<img src=x>.txt");
    std::fs::write(&p, HOSTILE).unwrap();
    let (html, _) = page(dir.path(), &[p.to_str().unwrap()]);
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    assert!(!html.contains("<img"));
    assert!(!html.contains("<style>body"));
    assert!(html.contains("&lt;script&gt;document.documentElement"));
    let texts = BTreeMap::from([(p.display().to_string(), HOSTILE.to_string())]);
    check_page(&html, &json(&[p.to_str().unwrap()]), &texts);
}

#[test]
fn html_goes_to_stdout_without_output_file() {
    let out = reportlint()
        .args(["check", "--sample", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.ends_with("</html>\n"));
}

// ------------------------------------------------------------ in a real browser

#[test]
fn chromium_runs_the_page_and_selects_a_finding() {
    let Some(chromium) = tools::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (html, file) = page(dir.path(), &["--sample"]);
    let v = json(&["--sample"]);
    let n = v["findings"].as_array().unwrap().len();

    // The DOM the browser built: same structure, script ran without error.
    let dom = tools::dump_dom(&chromium, &file, "");
    assert!(
        dom.contains(&format!("data-ready=\"{n}\"")),
        "the script did not finish"
    );
    check_page(&dom, &v, &sample_texts());
    assert_eq!(
        dom.matches("<mark ").count(),
        html.matches("<mark ").count()
    );

    // A link to a finding selects it: its text outlined, its details shown,
    // its related numbers tagged with their role.
    let i = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["rule"] == "magnitude/missing")
        .unwrap();
    let dom = tools::dump_dom(&chromium, &file, &format!("#f{i}"));
    let item = Regex::new(&format!(r#"<li class="([^"]*)" id="i{i}""#)).unwrap();
    let classes = &item.captures(&dom).expect("the item")[1];
    assert!(classes.split(' ').any(|c| c == "sel"), "{classes}");
    let detail_start = dom.find(&format!("id=\"i{i}\"")).unwrap();
    let detail = &dom[detail_start..];
    let detail = &detail[detail.find("<div class=\"detail\"").unwrap()..];
    assert!(
        detail.starts_with("<div class=\"detail\">"),
        "details shown: {}",
        &detail[..60]
    );
    let marks = marks(&dom);
    let cur: String = marks
        .iter()
        .filter(|(c, _)| c.iter().any(|x| x == "cur"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(cur, "57.3平方米");
    let tagged =
        Regex::new(r#"<a class="anchor tag" id="f\d+-l\d+" data-tag="同单位的数字">"#).unwrap();
    // The finding names the two same-unit figures of its sentence.
    assert_eq!(tagged.find_iter(&dom).count(), 2, "both peers tagged");
    assert!(dom.contains("第 3 / 4 处"));

    // What it looks like (saved for a person to look at; the test checks it is a picture).
    let png = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-sample.png");
    tools::screenshot(&chromium, &file, &format!("#f{i}"), &png, (1400, 900));
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 20_000);
    eprintln!("screenshot: {}", png.display());
}

#[test]
fn chromium_runs_no_script_from_the_document() {
    let Some(chromium) = tools::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("hostile.txt");
    std::fs::write(&p, HOSTILE).unwrap();
    let (_, file) = page(dir.path(), &[p.to_str().unwrap()]);
    let dom = tools::dump_dom(&chromium, &file, "#f0");
    assert!(dom.contains("data-ready=\"1\""));
    let attribute = Regex::new(r#"<[a-z]+[^>]* data-pwned="#).unwrap();
    assert!(!attribute.is_match(&dom), "a script of the document ran");
    assert!(!dom.contains("<img"));
    assert!(
        dom.contains("setAttribute('data-pwned','1')&lt;/script&gt;"),
        "shown as text"
    );
}

/// Keyboard navigation and filters, driven from a page that holds the review
/// page in a frame (file pages may reach each other with
/// --allow-file-access-from-files) and records what the review page shows.
#[test]
fn chromium_keyboard_and_filters() {
    let Some(chromium) = tools::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), &["--sample"]); // review.html
    let harness = dir.path().join("harness.html");
    std::fs::write(
        &harness,
        r#"<!DOCTYPE html><html><body><iframe id="f" src="review.html" style="width:1200px;height:800px"></iframe><pre id="out"></pre>
<script>
document.getElementById("f").onload = function () {
  var d = this.contentDocument, w = this.contentWindow, log = [];
  function key(k) { d.dispatchEvent(new w.KeyboardEvent("keydown", {key: k, bubbles: true})); }
  function state(what) {
    var sel = d.querySelector("li.fi.sel");
    var cur = Array.prototype.map.call(d.querySelectorAll("mark.cur"), function (m) { return m.textContent; }).join("");
    log.push(what + "|" + (sel ? sel.getAttribute("data-i") : "-") + "|" + cur + "|" + d.getElementById("where").textContent);
  }
  key("j"); state("j");
  key("j"); state("j");
  key("k"); state("k");
  key("n"); key("n"); key("n"); state("nnn");
  key("j"); state("j at the end");
  key("Escape"); state("Esc");
  d.querySelector('input[data-hide="s-error"]').click(); state("errors hidden");
  key("j"); state("j");
  key("j"); state("j");
  d.querySelector('input[data-hide="s-error"]').click();
  d.querySelector('a.go').click(); state("click");
  d.querySelector('mark[data-f="0"]').click(); state("click mark");
  document.getElementById("out").textContent = log.join("\n");
};
</script></body></html>"#,
    )
    .unwrap();
    let out = tools::open_page(
        &chromium,
        &harness,
        "",
        &["--allow-file-access-from-files".into(), "--dump-dom".into()],
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    let log = &dom[dom.find("<pre id=\"out\">").expect("the harness ran") + 14..];
    let log: Vec<&str> = log[..log.find("</pre>").unwrap()].lines().collect();
    // Findings in text order: 0 62.51亿万元, 1 103.5%, 2 57.3平方米 (warning), 3 the duplicate.
    let dup = "完成拆迁住户960户，全面完成28个项目的征收工作，土地出让收入18.9亿元。";
    let expected = [
        "j|0|62.51亿万元|第 1 / 4 处".to_string(),
        "j|1|103.5%|第 2 / 4 处".to_string(),
        "k|0|62.51亿万元|第 1 / 4 处".to_string(),
        format!("nnn|3|{dup}|第 4 / 4 处"),
        format!("j at the end|3|{dup}|第 4 / 4 处"),
        "Esc|-||共 4 处".to_string(),
        "errors hidden|-||显示 1 / 4 处".to_string(),
        "j|2|57.3平方米|第 3 / 4 处".to_string(),
        "j|2|57.3平方米|第 3 / 4 处".to_string(),
        // The panel lists errors first: duplicate/block is the first entry.
        format!("click|3|{dup}|第 4 / 4 处"),
        "click mark|0|62.51亿万元|第 1 / 4 处".to_string(),
    ];
    assert_eq!(log, expected);
}
