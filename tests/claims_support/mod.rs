//! The table-driven harness for claim-extraction tests (tests/grammar.rs,
//! tests/claim_forms.rs): expected claims built with [`q`], [`pct`] ... and
//! checked field by field.
#![allow(dead_code)]
// Tests slice spans directly: a wrong span must fail, not be rounded.
#![allow(clippy::string_slice)]

pub use reportlint::claims::{
    Bound, Claim, ClaimKind, ClaimKind::*, Direction, UnitCatalog, extract,
};

pub fn claims(text: &str) -> Vec<Claim> {
    extract(text, UnitCatalog::builtin())
}

// ------------------------------------------------------------------ expectations

/// One expected claim. Build with [`q`], [`pct`] ... and the methods below.
#[derive(Debug, Clone)]
pub struct Exp {
    text: &'static str,
    value: &'static str,
    kind: ClaimKind,
    unit: Option<&'static str>,
    dimension: Option<&'static str>,
    magnitude: Option<&'static str>,
    approx: Option<&'static str>,
    bound: Option<Bound>,
    direction: Option<(Direction, &'static str)>,
    range_end: Option<&'static str>,
    number: Option<&'static str>,
    scalar: Option<(&'static str, u32)>,
    start: Option<usize>,
}

pub fn exp(text: &'static str, value: &'static str, kind: ClaimKind) -> Exp {
    Exp {
        text,
        value,
        kind,
        unit: None,
        dimension: None,
        magnitude: None,
        approx: None,
        bound: None,
        direction: None,
        range_end: None,
        number: None,
        scalar: None,
        start: None,
    }
}

/// A quantity.
pub fn q(text: &'static str, value: &'static str) -> Exp {
    exp(text, value, Quantity)
}
pub fn pct(text: &'static str, value: &'static str) -> Exp {
    exp(text, value, Percent)
}
pub fn permille(text: &'static str, value: &'static str) -> Exp {
    exp(text, value, PerMille)
}
pub fn points(text: &'static str, value: &'static str) -> Exp {
    exp(text, value, PercentagePoints)
}
pub fn times(text: &'static str, value: &'static str) -> Exp {
    exp(text, value, Multiple)
}
pub fn permille_points(text: &'static str, value: &'static str) -> Exp {
    exp(text, value, PerMillePoints)
}

impl Exp {
    pub fn unit(mut self, u: &'static str) -> Self {
        self.unit = Some(u);
        self
    }
    /// Also check the unit's dimension.
    pub fn dim(mut self, d: &'static str) -> Self {
        self.dimension = Some(d);
        self
    }
    pub fn mag(mut self, m: &'static str) -> Self {
        self.magnitude = Some(m);
        self
    }
    pub fn approx(mut self, a: &'static str) -> Self {
        self.approx = Some(a);
        self
    }
    /// A one-sided comparison (also sets `approx` to the word).
    pub fn bound(mut self, word: &'static str, b: Bound) -> Self {
        self.approx = Some(word);
        self.bound = Some(b);
        self
    }
    pub fn up(mut self, word: &'static str) -> Self {
        self.direction = Some((Direction::Increase, word));
        self
    }
    pub fn down(mut self, word: &'static str) -> Self {
        self.direction = Some((Direction::Decrease, word));
        self
    }
    pub fn range(mut self, end: &'static str) -> Self {
        self.range_end = Some(end);
        self
    }
    /// Also check `Claim::number`.
    pub fn num(mut self, n: &'static str) -> Self {
        self.number = Some(n);
        self
    }
    /// Also check `Claim::scalar` (as a string, trailing zeros kept) and `decimals`.
    pub fn scalar(mut self, s: &'static str, decimals: u32) -> Self {
        self.scalar = Some((s, decimals));
        self
    }
    /// Also check the span's start byte.
    pub fn at(mut self, start: usize) -> Self {
        self.start = Some(start);
        self
    }

    fn mismatches(&self, c: &Claim) -> Vec<String> {
        let mut bad = Vec::new();
        let mut check = |what: &str, want: String, got: String| {
            if want != got {
                bad.push(format!("{what}: want {want}, got {got}"));
            }
        };
        check("text", self.text.into(), c.text.clone());
        check("value", self.value.into(), c.value.normalize().to_string());
        check("kind", format!("{:?}", self.kind), format!("{:?}", c.kind));
        check(
            "unit",
            format!("{:?}", self.unit),
            format!("{:?}", c.unit.as_deref()),
        );
        check(
            "magnitude",
            format!("{:?}", self.magnitude),
            format!("{:?}", c.magnitude.as_deref()),
        );
        check(
            "approx",
            format!("{:?}", self.approx),
            format!("{:?}", c.approx.as_deref()),
        );
        check(
            "bound",
            format!("{:?}", self.bound),
            format!("{:?}", c.bound),
        );
        check(
            "direction",
            format!("{:?}", self.direction),
            format!(
                "{:?}",
                c.direction
                    .map(|d| (d, c.direction_word.as_deref().unwrap_or("")))
            ),
        );
        check(
            "range_end",
            format!("{:?}", self.range_end),
            format!(
                "{:?}",
                c.range_end.map(|v| v.normalize().to_string()).as_deref()
            ),
        );
        if let Some(d) = self.dimension {
            check(
                "dimension",
                format!("{d:?}"),
                format!("{:?}", c.dimension.as_deref().unwrap_or("")),
            );
        }
        if let Some(n) = self.number {
            check("number", n.into(), c.number.clone());
        }
        if let Some((sc, dp)) = self.scalar {
            check("scalar", sc.into(), c.scalar.to_string());
            check("decimals", dp.to_string(), c.decimals.to_string());
        }
        if let Some(s) = self.start {
            check("span.start", s.to_string(), c.span.start.to_string());
        }
        bad
    }
}

/// Compare all claims of `text` with `expected`; returns failure descriptions.
pub fn check_case(text: &str, expected: &[Exp]) -> Vec<String> {
    let got = claims(text);
    let mut failures = Vec::new();
    let got_texts: Vec<&str> = got.iter().map(|c| c.text.as_str()).collect();
    let want_texts: Vec<&str> = expected.iter().map(|e| e.text).collect();
    if got_texts != want_texts {
        failures.push(format!(
            "{text}\n    claims: want {want_texts:?}\n            got  {got_texts:?}"
        ));
        return failures;
    }
    for (e, c) in expected.iter().zip(&got) {
        let bad = e.mismatches(c);
        if !bad.is_empty() {
            failures.push(format!(
                "{text}\n    claim {:?}: {}",
                e.text,
                bad.join("; ")
            ));
        }
        // Invariants of every claim.
        assert_eq!(&text[c.span.start..c.span.end], c.text);
        assert!(c.span.contains(c.number_span), "{c:?}");
    }
    failures
}

pub fn run_cases(cases: Vec<(&'static str, Vec<Exp>)>) {
    let n = cases.len();
    let failures: Vec<String> = cases
        .into_iter()
        .flat_map(|(text, expected)| check_case(text, &expected))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Like [`run_cases`], but every expected claim must also give its numeral as
/// written ([`Exp::num`]), its scalar and decimals ([`Exp::scalar`]) and, when it
/// has a unit, the unit's dimension ([`Exp::dim`]): every field is checked.
pub fn run_strict(cases: Vec<(&'static str, Vec<Exp>)>) {
    for (text, exps) in &cases {
        for e in exps {
            assert!(
                e.number.is_some() && e.scalar.is_some(),
                "{text}: {:?} must give .num() and .scalar()",
                e.text
            );
            assert!(
                e.unit.is_none() || e.dimension.is_some(),
                "{text}: {:?} must give .dim()",
                e.text
            );
        }
    }
    run_cases(cases);
}

/// Each (sentence, substring): the substring must not overlap any claim.
pub fn run_negatives(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for &(text, needle) in cases {
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        let (s, e) = (at, at + needle.len());
        for c in claims(text) {
            if c.span.start < e && s < c.span.end {
                failures.push(format!(
                    "{text}\n    {needle:?} overlaps claim {:?}",
                    c.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} negative cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
