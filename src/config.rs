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
                let options = serde_saphyr::render_options! { source_name: Some(name.as_str()) };
                serde_saphyr::miette::to_miette_report_with_options(&e, &text, &name, options)
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
    fn starter_config_parses_to_the_defaults() {
        let c: Config = serde_saphyr::from_str(STARTER).unwrap();
        assert!(c.builtin && c.rules.is_empty() && c.overrides.is_empty());
        assert_eq!(c.fail_on, Some(Severity::Warning));
    }
}
