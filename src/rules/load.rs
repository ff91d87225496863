//! Loading rule files: YAML → per-kind specs → rules. Every mistake is a miette
//! report pointing into the YAML file.

use crate::span::Cut;
use std::collections::BTreeMap;
use std::fmt;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use thiserror::Error;

use super::{Check, Common, KINDS, Rule, RuleMeta, SpecError, deserialize_kind};
use crate::finding::Severity;
use crate::knowledge::Knowledge;

/// The built-in rule files, embedded in the binary.
const BUILTIN: &[(&str, &str)] = &[
    (
        "builtin:rules/duplicate.yaml",
        include_str!("../../rules/duplicate.yaml"),
    ),
    (
        "builtin:rules/magnitude.yaml",
        include_str!("../../rules/magnitude.yaml"),
    ),
    (
        "builtin:rules/unit-required.yaml",
        include_str!("../../rules/unit-required.yaml"),
    ),
    (
        "builtin:rules/percent-range.yaml",
        include_str!("../../rules/percent-range.yaml"),
    ),
    (
        "builtin:rules/pattern.yaml",
        include_str!("../../rules/pattern.yaml"),
    ),
    (
        "builtin:rules/tables.yaml",
        include_str!("../../rules/tables.yaml"),
    ),
    (
        "builtin:rules/relations.yaml",
        include_str!("../../rules/relations.yaml"),
    ),
];

/// One rule file's name (for messages) and text.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

impl RuleSource {
    pub fn builtin() -> Vec<RuleSource> {
        BUILTIN
            .iter()
            .map(|(name, text)| RuleSource {
                name: name.to_string(),
                text: text.to_string(),
            })
            .collect()
    }
}

/// The loaded rules with the files' settings applied, and the knowledge they
/// use: the built-in knowledge extended by every file's `knowledge:` section.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub knowledge: Knowledge,
}

impl Default for RuleSet {
    /// No rules, the built-in knowledge.
    fn default() -> Self {
        RuleSet {
            rules: Vec::new(),
            knowledge: Knowledge::builtin().clone(),
        }
    }
}

impl RuleSet {
    /// Switch off every rule whose id is `pattern` or starts with `pattern/`.
    /// Returns how many rules matched.
    pub fn disable(&mut self, pattern: &str) -> usize {
        let before = self.rules.len();
        self.rules.retain(|r| !id_matches(&r.meta.id, pattern));
        before - self.rules.len()
    }

    /// Set the severity of matching rules (`None` switches them off).
    pub fn set_severity(&mut self, pattern: &str, severity: Option<Severity>) -> usize {
        match severity {
            None => self.disable(pattern),
            Some(s) => {
                let mut n = 0;
                for r in self
                    .rules
                    .iter_mut()
                    .filter(|r| id_matches(&r.meta.id, pattern))
                {
                    r.meta.severity = s;
                    n += 1;
                }
                n
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.meta.id == id)
    }
}

/// `magnitude` matches `magnitude/missing`; `magnitude/missing` matches itself.
pub fn id_matches(id: &str, pattern: &str) -> bool {
    let pattern = pattern.trim_end_matches('/');
    id == pattern || (id.starts_with(pattern) && id.cut(pattern.len()..).starts_with('/'))
}

/// A rule file mistake, shown with the YAML source.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(rules::invalid))]
pub struct RuleFileError {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("{label}")]
    at: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

/// Load rule files in order; a rule with the id of an earlier one replaces it,
/// so a user's file can redefine a built-in rule. Settings (`disable`,
/// `severity`) are applied after all files are read.
pub fn load_rules(sources: &[RuleSource]) -> Result<RuleSet, Vec<miette::Report>> {
    let mut errors = Vec::new();
    let mut set = RuleSet::default();
    let mut settings: Vec<(RuleSource, Spanned<String>, Option<Severity>)> = Vec::new();
    for source in sources {
        match load_file(source) {
            Ok((rules, file_settings, knowledge)) => {
                if let Some(k) = knowledge {
                    set.knowledge.extend(k);
                }
                for rule in rules {
                    match set.rules.iter_mut().find(|r| r.meta.id == rule.meta.id) {
                        Some(slot) => *slot = rule,
                        None => set.rules.push(rule),
                    }
                }
                settings.extend(
                    file_settings
                        .into_iter()
                        .map(|(p, s)| (source.clone(), p, s)),
                );
            }
            Err(e) => errors.extend(e),
        }
    }
    for (source, pattern, severity) in settings {
        if set.set_severity(&pattern.value, severity) == 0 {
            errors.push(error_at(
                &source,
                &pattern.referenced,
                format!("no rule matches `{}`", pattern.value),
                "unknown rule id",
                Some("run `reportlint rules` to list the rule ids".into()),
            ));
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileProbe {
    #[serde(default)]
    rules: Vec<Spanned<Probe>>,
    /// Rule ids (or prefixes such as `magnitude`) to switch off.
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    /// Rule id (or prefix) → `info`, `warning`, `error` or `off`.
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    /// Knowledge the rules use (see `crate::knowledge`).
    #[serde(default)]
    knowledge: Option<Knowledge>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    kind: Option<Spanned<String>>,
}

type Settings = Vec<(Spanned<String>, Option<Severity>)>;

type Loaded = (Vec<Rule>, Settings, Option<Knowledge>);

fn load_file(source: &RuleSource) -> Result<Loaded, Vec<miette::Report>> {
    let text = source.text.as_str();
    let saphyr_error = |e: serde_saphyr::Error| {
        let hint = crate::config::looks_like_config(text).then(|| {
            "this looks like a reportlint config file (reportlint.yaml), not a rule file: pass it with --config".to_string()
        });
        vec![crate::config::yaml_report(&e, text, &source.name, hint)]
    };
    // Pass 1: the file's shape, each rule's kind, the settings.
    let probe: FileProbe = if text.trim().is_empty() {
        FileProbe {
            rules: Vec::new(),
            disable: Vec::new(),
            severity: BTreeMap::new(),
            knowledge: None,
        }
    } else {
        serde_saphyr::from_str(text).map_err(saphyr_error)?
    };
    let mut errors = Vec::new();
    let mut kinds = Vec::with_capacity(probe.rules.len());
    for entry in &probe.rules {
        match &entry.value.kind {
            None => errors.push(error_at(
                source,
                &entry.referenced,
                "this rule has no `kind`".into(),
                "kind missing",
                Some(format!("add `kind:` with one of: {}", KINDS.join(", "))),
            )),
            Some(k) => match KINDS.iter().find(|&&name| name == k.value) {
                Some(&name) => kinds.push(name),
                None => errors.push(error_at(
                    source,
                    &k.referenced,
                    format!("unknown rule kind `{}`", k.value),
                    "unknown kind",
                    Some(format!("the kinds are: {}", KINDS.join(", "))),
                )),
            },
        }
    }
    let knowledge = probe.knowledge;
    let mut settings: Settings = probe.disable.into_iter().map(|p| (p, None)).collect();
    for (id, level) in probe.severity {
        let severity = match level.value.as_str() {
            "off" => None,
            other => match other.parse::<Severity>() {
                Ok(s) => Some(s),
                Err(msg) => {
                    errors.push(error_at(
                        source,
                        &level.referenced,
                        msg,
                        "not a severity",
                        Some("use info, warning, error or off".into()),
                    ));
                    continue;
                }
            },
        };
        settings.push((Spanned::new(id, level.referenced, level.defined), severity));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Pass 2: each rule deserialized strictly as the spec of its kind.
    let pending = serde_saphyr::with_deserializer_from_str(text, |de| {
        FileSeed { kinds: &kinds }.deserialize(de)
    })
    .map_err(saphyr_error)?;

    let mut rules: Vec<Rule> = Vec::with_capacity(pending.len());
    for p in pending {
        let Pending {
            kind,
            common,
            build,
        } = p;
        if rules.iter().any(|r| r.meta.id == common.id.value) {
            errors.push(error_at(
                source,
                &common.id.referenced,
                format!("duplicate rule id `{}`", common.id.value),
                "defined twice in this file",
                None,
            ));
            continue;
        }
        if let Some(msg) = invalid_id(&common.id.value) {
            errors.push(error_at(
                source,
                &common.id.referenced,
                msg,
                "invalid id",
                Some(
                    "ids look like `magnitude/missing`: lowercase words joined by `-` and `/`"
                        .into(),
                ),
            ));
            continue;
        }
        match build() {
            Ok(check) => rules.push(Rule {
                meta: RuleMeta {
                    id: common.id.value,
                    kind,
                    severity: common.severity.unwrap_or(Severity::Warning),
                    message: common.message.value,
                    help: common.help,
                    description: common.description,
                    examples: common.examples,
                    origin: source.name.clone(),
                },
                check,
            }),
            Err(e) => errors.push(error_at(source, &e.location, e.message, "here", e.help)),
        }
    }
    if errors.is_empty() {
        Ok((rules, settings, knowledge))
    } else {
        Err(errors)
    }
}

fn invalid_id(id: &str) -> Option<String> {
    let ok = !id.is_empty()
        && id.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        });
    (!ok).then(|| format!("invalid rule id `{id}`"))
}

fn error_at(
    source: &RuleSource,
    loc: &Location,
    message: String,
    label: &str,
    help: Option<String>,
) -> miette::Report {
    miette::Report::new(RuleFileError {
        message: format!("{}: {message}", source.name),
        src: NamedSource::new(source.name.clone(), source.text.clone()),
        at: location_span(&source.text, loc),
        label: label.to_string(),
        help,
    })
}

/// Byte span of a YAML location (saphyr gives byte offsets for string input;
/// fall back to line and column otherwise).
fn location_span(text: &str, loc: &Location) -> SourceSpan {
    let span = loc.span();
    if let (Some(off), Some(len)) = (span.byte_offset(), span.byte_len()) {
        return SourceSpan::new((off as usize).into(), len as usize);
    }
    let line = loc.line().saturating_sub(1) as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let col = loc.column().saturating_sub(1) as usize;
    let off = text
        .cut(start..)
        .char_indices()
        .nth(col)
        .map(|(i, _)| start + i)
        .unwrap_or(text.len());
    SourceSpan::new(off.into(), 0)
}

/// A rule deserialized as its kind's spec, not yet built.
pub(crate) struct Pending {
    pub kind: &'static str,
    pub common: Common,
    pub build: Box<dyn FnOnce() -> Result<Box<dyn Check>, SpecError>>,
}

struct FileSeed<'a> {
    kinds: &'a [&'static str],
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = Vec<Pending>;
    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = Vec<Pending>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a rule file (a mapping with `rules:` and/or `knowledge:`)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "rules" {
                out = map.next_value_seed(ListSeed { kinds: self.kinds })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

struct ListSeed<'a> {
    kinds: &'a [&'static str],
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = Vec<Pending>;
    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = Vec<Pending>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rules")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(self.kinds.len());
        loop {
            let Some(&kind) = self.kinds.get(out.len()) else {
                // The probe saw this many rules; anything else is not a rule.
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                break;
            };
            match seq.next_element_seed(EntrySeed { kind })? {
                Some(p) => out.push(p),
                None => break,
            }
        }
        Ok(out)
    }
}

struct EntrySeed {
    kind: &'static str,
}

impl<'de> DeserializeSeed<'de> for EntrySeed {
    type Value = Pending;
    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        deserialize_kind(self.kind, de)?
            .ok_or_else(|| de::Error::custom(format!("unknown rule kind `{}`", self.kind)))
    }
}
