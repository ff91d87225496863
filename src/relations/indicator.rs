//! Indicators: the noun phrase a figure measures, read from the text right
//! before it, with the period and scope words around it.
//!
//! The text between the previous figure (or the start of the statement) and a
//! figure is its *gap*; the part of the gap after the last clause separator
//! (，；：) is its *head*. From the head, in this order:
//!
//! 1. the claim's direction word (比上年增长, 同比下降 …) is cut off the end;
//! 2. connectors are cut off the end (为, 达到, 分别为, 均为 …), remembering
//!    分别 (the figures that follow pair with a list of names) and 均 (one
//!    figure for every name);
//! 3. period and scope words are cut off the start (其中, 全年, 年末, 2025年,
//!    上年, 全市 …; 其中 marks a part of a total, 上年 a previous-period figure);
//! 4. what is left is the indicator's name; its *key* is the name normalised
//!    for comparison (no 的, spaces, quotes or brackets; GDP and 生产总值 read as
//!    地区生产总值, 规上 as 规模以上).
//!
//! A list of names (A、B和C, 第一、二、三产业增加值, 城镇、农村居民人均可支配收入,
//! 三次产业增加值) is split and expanded by [`split_list`].

use crate::span::Cut;

/// Clause separators: a name never spans one.
pub fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '\n' | '\r' | '。')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    Plain,
    Respectively,
    All,
}

/// What the end of a head said besides the name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TailFlags {
    /// 分别: the figures that follow pair with a list of names, in order.
    pub respectively: bool,
    /// 均: the figure holds for every name in a list.
    pub all: bool,
}

/// Cuts connectors off the end of `head`.
pub fn strip_tail(mut head: &str) -> (&str, TailFlags) {
    let mut flags = TailFlags::default();
    'outer: loop {
        if let Some(h) = strip_footnote(head) {
            head = h;
            continue;
        }
        // Cheap test first: every tail word ends with one of these.
        let Some(last) = head.chars().next_back() else {
            break;
        };
        let candidates: &[(&str, Tail)] = match last {
            '为' => &[
                ("分别为", Tail::Respectively),
                ("均为", Tail::All),
                ("为", Tail::Plain),
            ],
            '是' => &[
                ("分别是", Tail::Respectively),
                ("均是", Tail::All),
                ("是", Tail::Plain),
            ],
            '达' => &[
                ("分别达", Tail::Respectively),
                ("均达", Tail::All),
                ("达", Tail::Plain),
            ],
            '到' => &[
                ("分别达到", Tail::Respectively),
                ("均达到", Tail::All),
                ("达到", Tail::Plain),
            ],
            '现' => &[("实现", Tail::Plain)],
            '成' => &[("完成", Tail::Plain)],
            '破' => &[("突破", Tail::Plain)],
            '别' => &[("分别", Tail::Respectively)],
            '均' => &[("均", Tail::All)],
            '了' | '：' | ':' | ' ' | '\u{3000}' | '\t' => {
                head = head.cut(..head.len() - last.len_utf8());
                continue;
            }
            _ => break,
        };
        for (w, t) in candidates {
            if let Some(h) = head.strip_suffix(w) {
                match t {
                    Tail::Respectively => flags.respectively = true,
                    Tail::All => flags.all = true,
                    _ => {}
                }
                head = h;
                continue 'outer;
            }
        }
        break;
    }
    (head, flags)
}

/// A footnote marker at the end: [2], ［2］, ②, ※, *.
fn strip_footnote(head: &str) -> Option<&str> {
    if let Some(h) = head.strip_suffix(['※', '*', '＊']) {
        return Some(h);
    }
    let last = head.chars().next_back()?;
    if ('\u{2460}'..='\u{2473}').contains(&last)
        || ('\u{2070}'..='\u{2079}').contains(&last)
        || matches!(last, '¹' | '²' | '³')
    {
        return Some(head.cut(..head.len() - last.len_utf8()));
    }
    let (open, close) = match last {
        ']' => ('[', ']'),
        '］' => ('［', '］'),
        _ => return None,
    };
    let inner_end = head.len() - close.len_utf8();
    let open_at = head.cut(..inner_end).rfind(open)?;
    let inner = head.cut(open_at + open.len_utf8()..inner_end);
    (!inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit()))
        .then(|| head.cut(..open_at))
}

/// Period and scope words found at the start of a head.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lead {
    /// The period the figure belongs to: "" (the report's year or not said),
    /// "上年", "2024", "上半年" …
    pub period: String,
    /// 其中: the figure is a part of the total before it.
    pub part: bool,
    /// A word that starts a new subject was cut (全年, 年末, 全市, 拥有 …).
    pub restart: bool,
    /// The administrative scope named: "" (none), "全" (the whole area: 全市,
    /// 全省 …) or "本级" (市本级, 省级 …).
    pub scope: &'static str,
}

/// Scope words for the government's own level: cut, kept as the scope "本级".
const OWN_LEVEL: &[&str] = &[
    "市本级",
    "州本级",
    "区本级",
    "县本级",
    "省本级",
    "盟本级",
    "旗本级",
    "本级",
];
/// 市级, 省级 … are the government's own level only before a fund or budget
/// name (市级一般公共预算收入); otherwise they qualify a name (省级龙头企业).
const LEVEL_WORDS: &[&str] = &["省级", "市级", "州级", "县级", "区级"];
const FUNDS: &[&str] = &[
    "一般公共预算",
    "政府性基金",
    "国有资本",
    "社会保险基金",
    "财政",
    "政府债务",
    "地方政府",
];

fn strip_own_level(head: &str) -> Option<&str> {
    if let Some(h) = OWN_LEVEL.iter().find_map(|w| head.strip_prefix(w)) {
        return Some(h);
    }
    let h = LEVEL_WORDS.iter().find_map(|w| head.strip_prefix(w))?;
    FUNDS.iter().any(|f| h.starts_with(f)).then_some(h)
}

/// The scope a statement starts with (after a year): "全", "本级" or "".
pub fn leading_scope(t: &str) -> &'static str {
    let mut lead = Lead::default();
    let t = t.trim_start();
    let t = strip_year(t, &mut lead).unwrap_or(t);
    if strip_own_level(t).is_some() {
        "本级"
    } else if WHOLE.iter().any(|w| t.starts_with(w)) {
        "全"
    } else {
        ""
    }
}

/// Period words that mean "this year" in a yearly report: dropped.
const CURRENT: &[&str] = &[
    "全年",
    "年末",
    "年底",
    "年初",
    "本年度",
    "本年末",
    "本年",
    "当年",
    "今年",
    "年度",
    "年内",
];
/// Scope words that mean the whole area: dropped.
const WHOLE: &[&str] = &[
    "全市",
    "全省",
    "全区",
    "全县",
    "全州",
    "全盟",
    "全镇",
    "全乡",
    "全国",
    "全辖区",
    "全地区",
];
/// Verbs and fillers that may start a head: dropped.
const FILLERS: &[&str] = &[
    "初步核算",
    "据初步核算",
    "经初步核算",
    "拥有",
    "共有",
    "现有",
    "实现",
    "完成",
    "累计实现",
    "另外",
    "此外",
    "同时",
    "截至目前",
    "截止目前",
    "目前",
];
/// Previous-period words: kept as the period.
const PREVIOUS: &[&str] = &[
    "上年末",
    "上年底",
    "上年同期",
    "上年",
    "去年末",
    "去年底",
    "去年",
    "前一年",
    "上一年",
];
/// Sub-year periods: kept as the period.
const PARTIAL: &[&str] = &[
    "上半年",
    "下半年",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "前三季度",
    "1-6月",
    "1—6月",
    "前三季",
];

/// Cuts period and scope words off the start of `head`.
pub fn strip_lead(mut head: &str) -> (&str, Lead) {
    let mut lead = Lead::default();
    loop {
        let before = head.len();
        head = head.trim_start_matches([
            ' ', '\u{3000}', '\t', '，', ',', '、', '…', '—', '·', '.', '．',
        ]);
        // Cheap test first: every lead word starts with one of these.
        if !head.chars().next().is_some_and(could_lead) {
            break;
        }
        if let Some(h) = head.strip_prefix("其中") {
            lead.part = true;
            head = h;
        }
        if let Some(h) = strip_year(head, &mut lead) {
            head = h;
        }
        for w in PREVIOUS {
            if let Some(h) = head.strip_prefix(w)
                && !["结转", "结余", "专项"].iter().any(|x| h.starts_with(x))
            {
                lead.period = "上年".into();
                head = h;
                break;
            }
        }
        for w in PARTIAL {
            if let Some(h) = head.strip_prefix(w) {
                lead.period = (*w).into();
                head = h;
                break;
            }
        }
        if let Some(h) = strip_own_level(head) {
            head = h;
            lead.scope = "本级";
            lead.restart = true;
        }
        for w in WHOLE {
            if let Some(h) = head.strip_prefix(w) {
                head = h;
                lead.scope = "全";
                lead.restart = true;
                break;
            }
        }
        for list in [CURRENT, FILLERS] {
            for w in list {
                if let Some(h) = head.strip_prefix(w) {
                    head = h;
                    lead.restart = true;
                    break;
                }
            }
        }
        if let Some(h) = head.strip_prefix("的") {
            head = h;
        }
        if head.len() == before {
            break;
        }
    }
    (head, lead)
}

/// Whether a lead word (其中, 全年, 2025年, 上年, 市本级, 拥有 …) may start with `c`.
fn could_lead(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '其' | '全'
                | '年'
                | '本'
                | '当'
                | '今'
                | '上'
                | '去'
                | '前'
                | '下'
                | '一'
                | '二'
                | '三'
                | '四'
                | '第'
                | '截'
                | '到'
                | '初'
                | '据'
                | '经'
                | '拥'
                | '共'
                | '现'
                | '实'
                | '完'
                | '累'
                | '另'
                | '此'
                | '同'
                | '目'
                | '市'
                | '州'
                | '区'
                | '县'
                | '省'
                | '盟'
                | '旗'
                | '的'
                | '1'
        )
}

/// 2025年, 2025年末, 2025年底, 截至2025年底, 二〇二五年 → the period "2025".
fn strip_year<'a>(head: &'a str, lead: &mut Lead) -> Option<&'a str> {
    let h = head
        .strip_prefix("截至")
        .or_else(|| head.strip_prefix("截止"))
        .or_else(|| head.strip_prefix("到"))
        .unwrap_or(head);
    let digits: String = h.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        return None;
    }
    let rest = h.cut(4..).strip_prefix('年')?;
    let rest = ["年末", "年底", "末", "底", "度", "全年"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    lead.period = digits;
    Some(rest)
}

/// The normalised form of a name, for comparing names: no 的, white space,
/// quotes, brackets or bracketed text; GDP/生产总值 → 地区生产总值, 规上 → 规模以上,
/// a leading 地方 before 一般公共预算 dropped.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    // Which rewrites may apply (cheap: one pass, no substring searches).
    let (mut latin, mut gui, mut verb, mut gdp, mut di) = (false, false, false, false, false);
    for c in name.chars() {
        match c {
            'G' => latin = true,
            '规' => gui = true,
            '完' | '实' => verb = true,
            '总' => gdp = true,
            '地' => di = true,
            _ => {}
        }
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '的' | ' ' | '\u{3000}' | '\t' | '“' | '”' | '"' | '‘' | '’' | '\'' | '《' | '》'
            | '「' | '」' => {}
            '\u{2460}'..='\u{2473}'
            | '\u{00B9}'
            | '\u{00B2}'
            | '\u{00B3}'
            | '\u{2070}'..='\u{2079}'
            | '*'
            | '※' => {}
            _ => out.push(c),
        }
    }
    let mut k = out;
    for (on, from, to) in [
        (latin, "GDP", "地区生产总值"),
        (gui, "规上", "规模以上"),
        (verb, "完成", ""),
        (verb, "实现", ""),
    ] {
        if on && k.contains(from) {
            k = k.replace(from, to);
        }
    }
    if (gdp || latin) && k.contains("生产总值") && !k.contains("地区生产总值") {
        k = k
            .replace("国内生产总值", "生产总值")
            .replace("国民生产总值", "生产总值")
            .replace("生产总值", "地区生产总值");
    }
    if matches!(k.as_str(), "第一产业" | "第二产业" | "第三产业") {
        k.push_str("增加值");
    }
    if di
        && let Some(rest) = k.strip_prefix("地方")
        && (rest.starts_with("一般公共预算") || rest.starts_with("政府性基金"))
    {
        k = rest.to_string();
    }
    k
}

/// Whether a name looks like an indicator: at least two CJK characters (or a
/// Latin acronym), no digits, not too long to be a noun phrase.
pub fn plausible_name(name: &str) -> bool {
    let mut cjk = 0;
    let mut n = 0;
    let mut latin = 0;
    for c in name.chars() {
        n += 1;
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            return false;
        }
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    let comparison = ["比", "较", "为", "占", "按", "与", "同比", "环比"]
        .iter()
        .any(|w| name.starts_with(w));
    (cjk >= 2 || latin >= 2) && n <= 30 && !comparison
}

/// Chinese ordinal digits used in 第一、二、三产业.
fn ordinal_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The names of a list "A、B和C" when it has exactly `n` of them, expanded:
/// 第一、二、三产业增加值 → 第一产业增加值, 第二产业增加值, 第三产业增加值;
/// 三次产业增加值 (n = 3) → the same; 城镇、农村居民人均可支配收入 →
/// 城镇居民人均可支配收入, 农村居民人均可支配收入. `None` when the list does not
/// have `n` names (`n = 0`: any number).
pub fn split_list(list: &str, n: usize) -> Option<Vec<String>> {
    let list = list.trim();
    if n == 3 || n == 0 {
        for head in ["三次产业", "三大产业", "一二三产业", "一、二、三产业"] {
            if let Some(rest) = list.strip_prefix(head) {
                return Some(
                    ["第一产业", "第二产业", "第三产业"]
                        .iter()
                        .map(|p| format!("{p}{rest}"))
                        .collect(),
                );
            }
        }
    }
    let mut items: Vec<&str> = list.split('、').map(str::trim).collect();
    if n != 0 && items.len() + 1 == n {
        let last = items.pop()?;
        let cut = ["和", "及", "与", "以及"]
            .iter()
            .filter_map(|w| last.rfind(w).map(|i| (i, w.len())))
            .max_by_key(|&(i, _)| i)?;
        let (a, b) = (last.cut(..cut.0), last.cut(cut.0 + cut.1..));
        if a.is_empty() || b.is_empty() {
            return None;
        }
        items.push(a);
        items.push(b);
    } else if n == 0
        && let Some(last) = items.pop()
    {
        match ["和", "及", "与"]
            .iter()
            .filter_map(|w| last.rfind(w).map(|i| (i, w.len())))
            .max_by_key(|&(i, _)| i)
        {
            Some((i, l)) if i > 0 && i + l < last.len() => {
                items.push(last.cut(..i));
                items.push(last.cut(i + l..));
            }
            _ => items.push(last),
        }
    }
    if (n != 0 && items.len() != n) || items.len() < 2 || items.iter().any(|s| s.is_empty()) {
        return None;
    }
    Some(expand(&items))
}

fn expand(items: &[&str]) -> Vec<String> {
    let last = items[items.len() - 1];
    let firsts = &items[..items.len() - 1];
    // 第一、二、三产业增加值 / 一、二、三产业.
    let ord = |s: &str| {
        let s = s.strip_prefix('第').unwrap_or(s);
        s.chars().count() == 1 && s.chars().all(ordinal_digit)
    };
    if firsts.iter().all(|s| ord(s)) && last.chars().next().is_some_and(ordinal_digit) {
        let first_char_len = last.chars().next().map_or(0, char::len_utf8);
        let suffix = last.cut(first_char_len..);
        if !suffix.is_empty() {
            let di = items[0].starts_with('第');
            let mut out: Vec<String> = firsts
                .iter()
                .map(|s| {
                    let d = s.strip_prefix('第').unwrap_or(s);
                    format!("{}{d}{suffix}", if di { "第" } else { "" })
                })
                .collect();
            out.push(format!(
                "{}{last}",
                if di && !last.starts_with('第') {
                    "第"
                } else {
                    ""
                }
            ));
            return out;
        }
    }
    // 城镇、农村居民人均可支配收入: short names of equal length, then a longer one.
    let len0 = items[0].chars().count();
    // Names that already end like the last one are complete (出生率、死亡率和自然增长率).
    let complete = firsts
        .iter()
        .any(|s| s.chars().next_back() == last.chars().next_back());
    if len0 <= 4
        && !complete
        && firsts.iter().all(|s| s.chars().count() == len0)
        && last.chars().count() > len0 + 1
    {
        let cut = last.char_indices().nth(len0).map_or(last.len(), |(i, _)| i);
        let suffix = last.cut(cut..);
        let mut out: Vec<String> = firsts.iter().map(|s| format!("{s}{suffix}")).collect();
        out.push(last.to_string());
        return out;
    }
    items.iter().map(|s| s.to_string()).collect()
}

/// Whether `key` names the indicator `name`: equal, or `name` with a
/// qualifier in front (全体居民人均可支配收入 names 人均可支配收入). Returns the
/// qualifier.
pub fn qualifier<'k>(key: &'k str, name: &str) -> Option<&'k str> {
    key.strip_suffix(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_and_leads() {
        assert_eq!(strip_tail("比重分别为").0, "比重");
        assert!(strip_tail("比重分别为").1.respectively);
        assert!(strip_tail("均为").1.all);
        let (h, l) = strip_lead("其中，全年第一产业增加值");
        assert_eq!(h, "第一产业增加值");
        assert!(l.part);
        let (h, l) = strip_lead("截至2025年底全市政府债务余额");
        assert_eq!((h, l.period.as_str()), ("政府债务余额", "2025"));
        let (h, l) = strip_lead("上年末存款余额");
        assert_eq!((h, l.period.as_str()), ("存款余额", "上年"));
    }

    #[test]
    fn keys() {
        assert_eq!(key("GDP"), "地区生产总值");
        assert_eq!(key("全年的生产总值"), "全年地区生产总值");
        assert_eq!(key("人均生产总值②"), "人均地区生产总值");
        assert_eq!(key("第一产业"), "第一产业增加值");
        assert_eq!(key("规上工业增加值（现价）"), "规模以上工业增加值");
        assert_eq!(key("地方一般公共预算收入"), "一般公共预算收入");
    }

    #[test]
    fn lists() {
        assert_eq!(
            split_list("第一、二、三产业增加值", 3).unwrap(),
            ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
        );
        assert_eq!(
            split_list("三次产业增加值", 3).unwrap(),
            ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
        );
        assert_eq!(
            split_list("城镇、农村居民人均可支配收入", 2).unwrap(),
            ["城镇居民人均可支配收入", "农村居民人均可支配收入"]
        );
        assert_eq!(
            split_list("出生率、死亡率和自然增长率", 3).unwrap(),
            ["出生率", "死亡率", "自然增长率"]
        );
        assert_eq!(split_list("出口和进口", 2).unwrap(), ["出口", "进口"]);
        assert!(split_list("出口和进口", 3).is_none());
    }
}
