//! Property tests: the invariants of `tests/invariants` (no panic, valid
//! spans, parseable outputs, baseline round trip, safe and settling fixes) on
//! generated documents. CI runs a bounded number of cases (PROPTEST_CASES,
//! default below); the cargo-fuzz targets in `fuzz/` run the same checks for
//! as long as one likes, and `long_property_loop` (ignored) does so on stable:
//!
//! ```sh
//! ROBUSTNESS_SECONDS=600 cargo test --release --test robustness -- --ignored
//! ```

#![allow(clippy::string_slice)]

mod invariants;

use proptest::prelude::*;
use reportlint::input::InputFormat;

/// Pieces of report text that reach the interesting paths: numbers with
/// magnitudes and units, percent signs (fixable), paragraph breaks,
/// duplicated sentences, Markdown and HTML markup, entities, comments and
/// suppression directives, multi-byte characters in every width.
const PIECES: &[&str] = &[
    "增长",
    "7.9",
    "%",
    "%%",
    "％",
    "62.51",
    "亿万元",
    "万",
    "亿元",
    "平方米",
    "68.9",
    "40",
    "比上年",
    "下降",
    "。",
    "，",
    "；",
    "：",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\r\n",
    "各项工作稳步推进。",
    "全年实现地区生产总值372亿元，增长7.9%。",
    "其中",
    "占",
    "合计",
    "|",
    "| 合计 | 12.5 |\n",
    "|---|---|\n",
    "**",
    "*",
    "#",
    "## ",
    "`",
    "```\n",
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<td>",
    "</td>",
    "<tr>",
    "<table>",
    "</table>",
    "&amp;",
    "&#x201D;",
    "&nbsp;",
    "<!--",
    "-->",
    "<!-- reportlint-disable-next-line magnitude -->",
    "reportlint-disable",
    "reportlint-enable",
    " -- ",
    "[链接](http://x.cn)",
    "a",
    "Z",
    "0",
    "1",
    "2024",
    "十八大",
    "第五届",
    "H7N9",
    "𝟘",
    "\u{feff}",
    "\u{200b}",
    "é",
    "…",
    "——",
    "（",
    "）",
    "%\u{3000}%",
    "9%</b>%",
    "5万万元",
];

fn document() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..120)
            .prop_map(|v| v.concat()),
        1 => any::<String>(),
        // A long paragraph repeated: the duplicate rules and long spans.
        1 => (prop::collection::vec(prop::sample::select(PIECES), 1..40), 1usize..4)
            .prop_map(|(v, n)| {
                let p = v.concat();
                vec![p; n].join("\n\n")
            }),
    ]
}

fn format() -> impl Strategy<Value = InputFormat> {
    prop::sample::select(vec![
        InputFormat::Text,
        InputFormat::Markdown,
        InputFormat::Html,
    ])
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(500),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn claim_grammar_on_any_text(text in document()) {
        invariants::claims(&text);
    }

    #[test]
    fn check_pipeline_on_documents(text in document(), f in format()) {
        let doc = reportlint::Document::from_source("p.txt", text, f);
        invariants::check_doc(&doc);
    }

    #[test]
    fn check_pipeline_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), f in 0u8..5) {
        invariants::check_bytes("p.txt", &bytes, invariants::format_of(f));
    }

    #[test]
    fn fixes_change_only_their_text_and_settle(text in document(), f in format()) {
        invariants::fix_round_trip(&text, f);
    }

    #[test]
    fn rule_files_from_arbitrary_yaml(text in rule_yaml()) {
        invariants::rule_file(&text);
    }
}

/// YAML that looks like a rule file, damaged at random.
fn rule_yaml() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "rules:\n",
        "  - id: a/b\n",
        "    kind: pattern\n",
        "    kind: magnitude\n",
        "    kind: duplicate\n",
        "    kind: nosuch\n",
        "    message: \"{match}\"\n",
        "    pattern: \"[0-9]+%%\"\n",
        "    pattern: \"(\"\n",
        "    pattern: \"\"\n",
        "    replace: \"$1\"\n",
        "    fix: unsafe\n",
        "    severity: error\n",
        "    severity: nosuch\n",
        "disable: [a]\n",
        "severity: {a/b: off}\n",
        "- \n",
        ": :\n",
        "&a [*a]\n",
        "{",
        "}",
        "[",
        "]",
        "'",
        "\"",
        "\t",
        "\u{feff}",
        "\n",
        "  ",
        "#x\n",
    ];
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PARTS), 0..30).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

/// The same properties for as long as `ROBUSTNESS_SECONDS` says (default 60),
/// with a simple deterministic generator: for long runs on stable Rust.
#[test]
#[ignore]
fn long_property_loop() {
    let seconds: u64 = std::env::var("ROBUSTNESS_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut runs = 0u64;
    while std::time::Instant::now() < deadline {
        let n = (next() % 200) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let f =
            [InputFormat::Text, InputFormat::Markdown, InputFormat::Html][(next() % 3) as usize];
        invariants::claims(&text);
        invariants::check_doc(&reportlint::Document::from_source("p", text.clone(), f));
        invariants::fix_round_trip(&text, f);
        let mut bytes = text.into_bytes();
        for _ in 0..(next() % 4) {
            if !bytes.is_empty() {
                let i = (next() % bytes.len() as u64) as usize;
                bytes[i] = next() as u8;
            }
        }
        invariants::check_bytes("p", &bytes, invariants::format_of(next() as u8));
        runs += 1;
    }
    eprintln!("long_property_loop: {runs} documents in {seconds} s, no failure");
}
