//! The command line: `reportlint check`, `claims`, `rules`, `rule`, `sample`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::claims;
use crate::document::Document;
use crate::finding::Severity;
use crate::lint::Linter;
use crate::rules::{RuleSet, RuleSource, load_rules};

/// The sample report bundled with reportlint (`check --sample`).
pub const SAMPLE_REPORT: &str = include_str!("../samples/sample_report.txt");
pub const SAMPLE_PATH: &str = "samples/sample_report.txt";

#[derive(Parser, Debug)]
#[command(
    name = "reportlint",
    version,
    about = "Lint numeric and structural mistakes in reports"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files and report findings.
    Check(CheckArgs),
    /// Show the numeric claims the grammar extracts from a file.
    Claims(ClaimsArgs),
    /// List the rules (built-in and from --rules); `rules explain ID` explains one.
    Rules {
        #[command(subcommand)]
        action: Option<RulesAction>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Explain one rule (same as `rules explain ID`).
    Rule {
        /// Rule id, e.g. magnitude/missing.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Print the effective configuration for a path.
    Config {
        /// File or folder whose configuration to show (default: the current folder).
        path: Option<PathBuf>,
    },
    /// Write a commented starter reportlint.yaml in the current folder.
    Init {
        /// Overwrite an existing reportlint.yaml.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of rule files or of the config file.
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Rules)]
        which: SchemaKind,
    },
    /// Print the bundled sample report.
    Sample,
}

#[derive(Subcommand, Debug)]
pub enum RulesAction {
    /// What a rule checks, why, and examples that fire and that do not.
    Explain {
        /// Rule id, e.g. magnitude/missing.
        id: String,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Rules,
    Config,
}

/// JSON Schemas for editors (YAML language server): `# yaml-language-server: $schema=...`.
pub const RULES_SCHEMA: &str = include_str!("../docs/schema/rules.schema.json");
pub const CONFIG_SCHEMA: &str = include_str!("../docs/schema/config.schema.json");

#[derive(clap::Args, Debug, Clone)]
pub struct RuleArgs {
    /// Extra rule file or folder of *.yaml files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Do not load the built-in rules.
    #[arg(long)]
    pub no_builtin: bool,
    /// Switch off a rule, or all rules under a prefix such as `magnitude` (repeatable).
    #[arg(long, value_name = "ID")]
    pub disable: Vec<String>,
    /// Change a rule's severity: ID=info|warning|error|off (repeatable).
    #[arg(long = "severity", value_name = "ID=LEVEL")]
    pub severity: Vec<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// miette diagnostics with the text around each finding (default).
    Human,
    /// One line per finding: `path:line:col: severity[rule]: message`.
    Concise,
    /// One JSON object (schema in docs/output.md).
    Json,
    /// One JSON finding per line.
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, one test case per file.
    Junit,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// How to read the inputs.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Force the text encoding (utf-8, gbk, gb18030, utf-16le, utf-16be ...);
    /// by default it is detected.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Force the input format (text, markdown, html, docx); by default it is
    /// chosen by the file extension.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<crate::input::InputFormat>,
}

impl InputArgs {
    pub fn options(&self) -> Result<crate::input::LoadOptions, miette::Report> {
        let mut opts = crate::input::LoadOptions::default();
        if let Some(label) = &self.encoding {
            opts = opts
                .with_encoding_label(label)
                .map_err(|e| miette::miette!(code = "usage", "--encoding {label}: {e}"))?;
        }
        if let Some(f) = self.input_format {
            opts = opts.with_format(f);
        }
        Ok(opts)
    }
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to lint (`-` reads standard input). Folders are walked
    /// recursively, honouring .gitignore and .reportlintignore.
    pub paths: Vec<PathBuf>,
    /// Lint the bundled sample report.
    #[arg(long)]
    pub sample: bool,
    /// The name to report for standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Use this config file for every input instead of discovering one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore config files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the exit code 1 (default: the config's
    /// `fail_on`, else warning).
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<Severity>,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Report suppression comments that give no reason.
    #[arg(long)]
    pub require_reason: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Apply safe fixes to the files.
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes that change what a number means.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Show the fixes as a unified diff; change nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    Table,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ClaimsArgs {
    /// File to read (`-` reads standard input).
    pub path: Option<PathBuf>,
    /// Read the bundled sample report.
    #[arg(long)]
    pub sample: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Table)]
    pub format: ClaimsFormat,
}

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or input error.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => crate::check::run(args),
        Command::Claims(args) => show_claims(args),
        Command::Rules { action, rules } => match action {
            None => list_rules(&rules, None),
            Some(RulesAction::Explain { id }) => list_rules(&rules, Some(&id)),
        },
        Command::Rule { id, rules } => list_rules(&rules, Some(&id)),
        Command::Config { path } => show_config(path.as_deref()),
        Command::Init { force } => init(force),
        Command::Schema { which } => {
            print!(
                "{}",
                match which {
                    SchemaKind::Rules => RULES_SCHEMA,
                    SchemaKind::Config => CONFIG_SCHEMA,
                }
            );
            ExitCode::SUCCESS
        }
        Command::Sample => {
            print!("{SAMPLE_REPORT}");
            ExitCode::SUCCESS
        }
    }
}

pub(crate) fn eprint_report(report: &miette::Report) {
    eprintln!("{report:?}");
}

/// The built-in rules (if `builtin`) and the rule files under `paths`: a file,
/// or every *.yaml / *.yml below a folder (sorted, so the order — and so which
/// definition wins — is stable).
pub(crate) fn rule_sources(
    builtin: bool,
    paths: &[PathBuf],
) -> Result<Vec<RuleSource>, Vec<miette::Report>> {
    let mut sources = if builtin {
        RuleSource::builtin()
    } else {
        Vec::new()
    };
    let mut errors = Vec::new();
    for path in paths {
        let mut files = Vec::new();
        collect_yaml(path, &mut files, &mut errors);
        for f in files {
            match std::fs::read_to_string(&f) {
                Ok(text) => sources.push(RuleSource {
                    name: f.display().to_string(),
                    text,
                }),
                Err(e) => errors.push(miette::miette!(
                    code = "rules::io",
                    "cannot read rule file {}: {e}",
                    f.display()
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

fn collect_yaml(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<miette::Report>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                errors.push(miette::miette!(
                    code = "rules::io",
                    "cannot read folder {}: {e}",
                    path.display()
                ));
                return;
            }
        };
        entries.sort();
        for p in entries {
            if p.is_dir() || p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                collect_yaml(&p, out, errors);
            }
        }
    } else if path.exists() {
        out.push(path.to_path_buf());
    } else {
        errors.push(miette::miette!(
            code = "rules::io",
            "rule file {} does not exist",
            path.display()
        ));
    }
}

/// Switch rules off and change severities (`origin` names where the settings
/// come from, for messages). Returns the problems found.
pub(crate) fn configure<'a>(
    set: &mut RuleSet,
    origin: &str,
    disable: &[String],
    severity: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<miette::Report> {
    let mut errors = Vec::new();
    for id in disable {
        if set.disable(id) == 0 {
            errors.push(miette::miette!(
                code = "usage",
                "{origin}: disable {id}: no rule has this id or prefix"
            ));
        }
    }
    for (id, level) in severity {
        match crate::config::parse_level(level) {
            Ok(level) => {
                if set.set_severity(id, level) == 0 {
                    errors.push(miette::miette!(
                        code = "usage",
                        "{origin}: severity {id}={level:?}: no rule has this id or prefix"
                    ));
                }
            }
            Err(e) => errors.push(miette::miette!(
                code = "usage",
                "{origin}: severity {id}: {e}"
            )),
        }
    }
    errors
}

/// `--severity ID=LEVEL` arguments as pairs (malformed ones are reported).
pub(crate) fn severity_args(args: &RuleArgs) -> (Vec<(&str, &str)>, Vec<miette::Report>) {
    let mut pairs = Vec::new();
    let mut errors = Vec::new();
    for spec in &args.severity {
        match spec.split_once('=') {
            Some((id, level)) => pairs.push((id, level)),
            None => errors.push(miette::miette!(
                code = "usage",
                "--severity {spec}: expected ID=LEVEL"
            )),
        }
    }
    (pairs, errors)
}

/// Load and configure the rules from the command line alone, or print why not.
fn linter(args: &RuleArgs) -> Result<Linter, ExitCode> {
    let fail = |errors: Vec<miette::Report>| {
        for e in &errors {
            eprint_report(e);
        }
        ExitCode::from(EXIT_ERROR)
    };
    let sources = rule_sources(!args.no_builtin, &args.rules).map_err(fail)?;
    let mut set = load_rules(&sources).map_err(fail)?;
    let (pairs, mut errors) = severity_args(args);
    errors.extend(configure(&mut set, "command line", &args.disable, pairs));
    if errors.is_empty() {
        Ok(Linter::new(set))
    } else {
        Err(fail(errors))
    }
}

pub(crate) fn read_input(
    path: &Path,
    opts: &crate::input::LoadOptions,
) -> Result<Document, miette::Report> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| miette::miette!(code = "input::io", "cannot read standard input: {e}"))?;
        Ok(crate::input::from_bytes("<stdin>".into(), bytes, opts)?)
    } else {
        Ok(crate::input::load(path, opts)?)
    }
}

fn show_claims(args: ClaimsArgs) -> ExitCode {
    let doc = match (&args.path, args.sample) {
        (_, true) => Document::from_text(SAMPLE_PATH, SAMPLE_REPORT),
        (Some(p), false) => match args.input.options().and_then(|o| read_input(p, &o)) {
            Ok(d) => d,
            Err(e) => {
                eprint_report(&e);
                return ExitCode::from(EXIT_ERROR);
            }
        },
        (None, false) => {
            eprintln!("reportlint claims: give a FILE or --sample");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let found = claims::extract(&doc.text, claims::UnitCatalog::builtin());
    let stdout = std::io::stdout();
    // Buffered: the line-buffered stdout costs a system call per line of JSON.
    let mut out = std::io::BufWriter::new(stdout.lock());
    let res = match args.format {
        ClaimsFormat::Json => {
            #[derive(serde::Serialize)]
            struct Out<'a> {
                path: &'a str,
                claims: &'a [claims::Claim],
            }
            serde_json::to_writer_pretty(
                &mut out,
                &Out {
                    path: &doc.path,
                    claims: &found,
                },
            )
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
        }
        ClaimsFormat::Table => claims_table(&doc, &found, &mut out),
    }
    .and_then(|_| out.flush());
    match res {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("reportlint: cannot write output: {e}");
            ExitCode::from(EXIT_ERROR)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn claims_table(
    doc: &Document,
    found: &[claims::Claim],
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<10} {:<22} {:>20} {:<8} {:<10} {:<18} {:<6} direction",
        "line:col", "text", "value", "unit", "dimension", "kind", "approx"
    )?;
    for c in found {
        let p = doc.position(c.span.start);
        let value = match c.range_end {
            Some(end) => format!("{}..{}", c.value.normalize(), end.normalize()),
            None => c.value.normalize().to_string(),
        };
        let kind = serde_json::to_value(c.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<10} {:<22} {:>20} {:<8} {:<10} {:<18} {:<6} {}",
            format!("{}:{}", p.line, p.column),
            c.text,
            value,
            c.unit.as_deref().unwrap_or("-"),
            c.dimension.as_deref().unwrap_or("-"),
            kind,
            c.approx.as_deref().unwrap_or("-"),
            c.direction_word.as_deref().unwrap_or("-"),
        )?;
    }
    writeln!(out, "{} claims", found.len())
}

fn list_rules(args: &RuleArgs, explain: Option<&str>) -> ExitCode {
    let linter = match linter(args) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let rules = &linter.rules.rules;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let Some(id) = explain else {
        for r in rules {
            let line = r.meta.description.as_deref().unwrap_or(&r.meta.message);
            let line = line.lines().next().unwrap_or("").trim();
            let _ = writeln!(
                out,
                "{:<28} {:<14} {:<8} {}",
                r.meta.id,
                r.meta.kind,
                r.meta.severity.as_str(),
                line
            );
        }
        return ExitCode::SUCCESS;
    };
    let Some(rule) = linter.rules.get(id) else {
        eprintln!("reportlint: no rule `{id}` (run `reportlint rules` to list them)");
        return ExitCode::from(EXIT_ERROR);
    };
    let m = &rule.meta;
    let _ = writeln!(out, "{} ({}, {})\n", m.id, m.kind, m.severity.as_str());
    if let Some(d) = &m.description {
        let _ = writeln!(out, "{}\n", d.trim());
    }
    let _ = writeln!(out, "Message: {}", m.message);
    if let Some(h) = &m.help {
        let _ = writeln!(out, "Help:    {h}");
    }
    let _ = writeln!(out, "Defined in {}", m.origin);
    if !m.examples.fires.is_empty() {
        let _ = writeln!(out, "\nReported:");
        for e in &m.examples.fires {
            let _ = writeln!(out, "  ✗ {}", e.trim());
        }
    }
    if !m.examples.passes.is_empty() {
        let _ = writeln!(out, "\nNot reported:");
        for e in &m.examples.passes {
            let _ = writeln!(out, "  ✓ {}", e.trim());
        }
    }
    ExitCode::SUCCESS
}

fn show_config(path: Option<&Path>) -> ExitCode {
    let path = path.unwrap_or(Path::new("."));
    let loaded = match crate::config::find_for(path) {
        Some(p) => match crate::config::Loaded::load(&p) {
            Ok(l) => l,
            Err(e) => {
                eprint_report(&e);
                return ExitCode::from(EXIT_ERROR);
            }
        },
        None => crate::config::Loaded::default_config(),
    };
    let source = loaded.path.as_ref().map_or_else(
        || "(no config file found: defaults)".to_string(),
        |p| p.display().to_string(),
    );
    let json = serde_json::json!({
        "config_file": source,
        "settings": loaded.config,
        "rule_files": loaded.rule_paths(),
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&json).expect("config serializes")
    );
    ExitCode::SUCCESS
}

fn init(force: bool) -> ExitCode {
    let path = Path::new(crate::config::FILE_NAMES[0]);
    if path.exists() && !force {
        eprintln!(
            "reportlint init: {} already exists (use --force to overwrite)",
            path.display()
        );
        return ExitCode::from(EXIT_ERROR);
    }
    match std::fs::write(path, crate::config::STARTER) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("reportlint init: cannot write {}: {e}", path.display());
            ExitCode::from(EXIT_ERROR)
        }
    }
}
