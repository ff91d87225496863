//! `reportlint.yaml` (or `.reportlint.yaml`): found from each linted file's
//! folder upwards, like ruff and typos; the nearest one applies to the file.
//!
//! ```yaml
//! builtin: true                 # load the built-in rules (default true)
//! rules: [house-rules.yaml]     # extra rule files or folders, relative to this file
//! disable: [unit/missing]       # ids or prefixes
//! severity:
//!   magnitude/missing: error    # info | warning | error | off
//! fail_on: warning              # lowest severity that fails the run
//! require_reason: false         # suppression comments must give a reason
//! overrides:
//!   - paths: ["drafts/**"]      # globs relative to this file's folder
//!     disable: [duplicate]
//!     severity: { percent: warning }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::finding::{Finding, Severity};
use crate::rules::load::id_matches;

pub const FILE_NAMES: &[&str] = &["reportlint.yaml", ".reportlint.yaml"];

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Default, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub paths: Vec<String>,
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "yes")]
    pub builtin: bool,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    #[serde(default)]
    pub fail_on: Option<Severity>,
    #[serde(default)]
    pub require_reason: bool,
    #[serde(default)]
    pub overrides: Vec<Override>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            builtin: true,
            rules: Vec::new(),
            disable: Vec::new(),
            severity: BTreeMap::new(),
            fail_on: None,
            require_reason: false,
            overrides: Vec::new(),
        }
    }
}

/// A config file as loaded: where it is, what it says, its compiled globs.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// `None` for the default configuration (no file found).
    pub path: Option<PathBuf>,
    pub config: Config,
    globs: Vec<GlobSet>,
}

pub fn parse_level(s: &str) -> Result<Option<Severity>, String> {
    match s {
        "off" => Ok(None),
        other => other.parse().map(Some),
    }
}

impl Loaded {
    pub fn default_config() -> Self {
        Loaded {
            path: None,
            config: Config::default(),
            globs: Vec::new(),
        }
    }

    pub fn load(path: &Path) -> Result<Self, miette::Report> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            miette::miette!(code = "config::io", "cannot read {}: {e}", path.display())
        })?;
        let name = path.display().to_string();
        let config: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            serde_saphyr::from_str(&text).map_err(|e| {
                let hint = looks_like_rule_file(&text).then(|| {
                    "this looks like a rule file, not a config: list it under `rules:` in reportlint.yaml, or pass it with --rules".to_string()
                });
                yaml_report(&e, &text, &name, hint)
            })?
        };
        let mut problems = Vec::new();
        for (id, level) in config
            .severity
            .iter()
            .chain(config.overrides.iter().flat_map(|o| o.severity.iter()))
        {
            if let Err(e) = parse_level(level) {
                problems.push(format!("severity of `{id}`: {e}"));
            }
        }
        let mut globs = Vec::new();
        for o in &config.overrides {
            let mut b = GlobSetBuilder::new();
            for p in &o.paths {
                match Glob::new(p) {
                    Ok(g) => {
                        b.add(g);
                    }
                    Err(e) => problems.push(format!("override path `{p}`: {e}")),
                }
            }
            match b.build() {
                Ok(set) => globs.push(set),
                Err(e) => problems.push(e.to_string()),
            }
        }
        if !problems.is_empty() {
            return Err(miette::miette!(
                code = "config::invalid",
                "{}: {}",
                name,
                problems.join("; ")
            ));
        }
        Ok(Loaded {
            path: Some(path.to_path_buf()),
            config,
            globs,
        })
    }

    /// The folder the config's relative paths start from.
    pub fn dir(&self) -> PathBuf {
        match &self.path {
            Some(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => PathBuf::from("."),
        }
    }

    /// Rule files named by the config, resolved against its folder.
    pub fn rule_paths(&self) -> Vec<PathBuf> {
        let dir = self.dir();
        self.config.rules.iter().map(|r| dir.join(r)).collect()
    }

    /// Apply the per-path overrides to one file's findings.
    pub fn apply_overrides(&self, file: &Path, findings: &mut Vec<Finding>) {
        if self.config.overrides.is_empty() {
            return;
        }
        let dir = self.dir();
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let (file, dir) = (abs(file), abs(&dir));
        let rel = file.strip_prefix(&dir).unwrap_or(&file);
        for (o, globs) in self.config.overrides.iter().zip(&self.globs) {
            if !globs.is_match(rel) {
                continue;
            }
            findings.retain(|f| !o.disable.iter().any(|p| id_matches(&f.rule, p)));
            for (id, level) in &o.severity {
                let level = parse_level(level).expect("validated on load");
                match level {
                    None => findings.retain(|f| !id_matches(&f.rule, id)),
                    Some(s) => findings
                        .iter_mut()
                        .filter(|f| id_matches(&f.rule, id))
                        .for_each(|f| f.severity = s),
                }
            }
        }
    }
}

/// A YAML error as a miette report pointing into the file, in reportlint's
/// words for the parser's resource limits (a file too large or too deeply
/// nested), with `hint` as its help when given.
pub fn yaml_report(
    e: &serde_saphyr::Error,
    text: &str,
    name: &str,
    hint: Option<String>,
) -> miette::Report {
    if let serde_saphyr::Error::Budget { breach, .. } = e.without_snippet() {
        use serde_saphyr::budget::BudgetBreach as B;
        let what = match breach {
            B::Nodes { nodes } => format!("more than {} values", nodes.saturating_sub(1)),
            B::Depth { depth } => format!("nested {depth} levels deep"),
            B::Events { events } => format!("more than {} parser events", events.saturating_sub(1)),
            B::Aliases { .. } | B::AliasAnchorRatio { .. } => "too many aliases (*name)".into(),
            B::Anchors { .. } => "too many anchors (&name)".into(),
            B::Documents { .. } => "too many YAML documents".into(),
            B::ScalarBytes { .. } | B::InputBytes { .. } => "too much text".into(),
            _ => "beyond the YAML reader's limits".into(),
        };
        return miette::miette!(
            code = "yaml::too_large",
            help =
                "reportlint reads YAML up to fixed limits, against runaway files; split the file",
            "{name}: the YAML is too large or too complex: {what}"
        );
    }
    let options = serde_saphyr::render_options! { source_name: Some(name) };
    let report = serde_saphyr::miette::to_miette_report_with_options(e, text, name, options);
    match hint {
        Some(help) => miette::Report::new(Hinted {
            inner: report,
            help,
        }),
        None => report,
    }
}

/// A report with our help in place of (or in addition to) its own.
#[derive(Debug)]
struct Hinted {
    inner: miette::Report,
    help: String,
}

impl std::fmt::Display for Hinted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.inner, f)
    }
}

impl std::error::Error for Hinted {}

impl miette::Diagnostic for Hinted {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.code()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.inner.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.inner.labels()
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        self.inner.related()
    }
}

/// Whether YAML text reads as a config file (for the hint when it is given
/// as a rule file). An empty mapping does not count.
pub fn looks_like_config(text: &str) -> bool {
    const KEYS: &[&str] = &[
        "builtin",
        "disable",
        "severity",
        "fail_on",
        "require_reason",
        "overrides",
        "rules",
    ];
    serde_saphyr::from_str::<Config>(text).is_ok()
        && serde_saphyr::from_str::<BTreeMap<String, serde::de::IgnoredAny>>(text)
            .is_ok_and(|m| !m.is_empty() && m.keys().all(|k| KEYS.contains(&k.as_str())))
}

/// Whether YAML text reads as a rule file: `rules:` is a list of mappings
/// with a `kind` (for the hint when one is given as a config).
pub fn looks_like_rule_file(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Shape {
        rules: Vec<BTreeMap<String, serde::de::IgnoredAny>>,
    }
    serde_saphyr::from_str::<Shape>(text)
        .is_ok_and(|s| !s.rules.is_empty() && s.rules.iter().all(|r| r.contains_key("kind")))
}

/// The nearest config file for a path: its folder, then each parent.
pub fn find_for(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let c = d.join(name);
            if c.is_file() {
                return Some(c);
            }
        }
        dir = d.parent();
    }
    None
}

/// The starter config written by `reportlint init`.
pub const STARTER: &str = r#"# reportlint configuration. reportlint uses the nearest reportlint.yaml (or
# .reportlint.yaml) found from each linted file's folder upwards.
# Editors with a YAML language server can validate this file against the
# schema printed by `reportlint schema config`.

# Load the built-in rules (`reportlint rules` lists them).
builtin: true

# Extra rule files or folders, relative to this file.
rules: []

# Rules to switch off: ids (magnitude/missing) or prefixes (magnitude).
disable: []

# Severity per rule id or prefix: info, warning, error or off.
severity: {}
#  magnitude/missing: error

# Lowest severity that makes `reportlint check` exit with code 1.
fail_on: warning

# Require a reason in suppression comments:
#   <!-- reportlint-disable-next-line magnitude/missing -- 面积确为68.9平方米 -->
require_reason: false

# Settings for some files only (globs relative to this file's folder).
overrides: []
#  - paths: ["drafts/**"]
#    disable: [duplicate]
#    severity: { percent: warning }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_and_rule_files_are_told_apart() {
        assert!(looks_like_config(STARTER));
        assert!(looks_like_config("rules: [house.yaml]\ndisable: [unit]\n"));
        let rule_file = "rules:\n  - id: a/b\n    kind: pattern\n    message: x\n    pattern: y\n";
        assert!(!looks_like_config(rule_file));
        assert!(looks_like_rule_file(rule_file));
        assert!(!looks_like_rule_file(STARTER));
        assert!(!looks_like_config("{}"));
        assert!(!looks_like_config("title: 报告\n"));
    }

    #[test]
    fn budget_errors_are_in_words_not_debug_text() {
        let text = format!("disable: [{}]\n", "a,".repeat(300_000));
        let e = serde_saphyr::from_str::<Config>(&text).unwrap_err();
        let report = yaml_report(&e, &text, "big.yaml", None);
        let msg = format!("{report}");
        assert!(
            msg.contains("big.yaml") && msg.contains("too large"),
            "{msg}"
        );
        assert!(!msg.contains('{') && !msg.contains("Nodes"), "{msg}");
    }

    #[test]
    fn starter_config_parses_to_the_defaults() {
        let c: Config = serde_saphyr::from_str(STARTER).unwrap();
        assert!(c.builtin && c.rules.is_empty() && c.overrides.is_empty());
        assert_eq!(c.fail_on, Some(Severity::Warning));
    }
}
