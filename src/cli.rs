//! The command line: `reportlint check`, `claims`, `rules`, `rule`, `sample`.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::claims;
use crate::document::Document;
use crate::finding::Severity;
use crate::lint::Linter;
use crate::render::{FileReport, human, json};
use crate::rules::{RuleSource, load_rules};

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
    /// List the rules (built-in and from --rules).
    Rules(RuleArgs),
    /// Explain one rule: what it checks, with examples.
    Rule {
        /// Rule id, e.g. magnitude/missing.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Print the bundled sample report.
    Sample,
}

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
    Human,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files to lint (`-` reads standard input).
    pub paths: Vec<PathBuf>,
    /// Lint the bundled sample report.
    #[arg(long)]
    pub sample: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_name = "LEVEL", default_value = "warning")]
    pub fail_on: Severity,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
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
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Table)]
    pub format: ClaimsFormat,
}

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or input error.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Claims(args) => show_claims(args),
        Command::Rules(args) => list_rules(&args, None),
        Command::Rule { id, rules } => list_rules(&rules, Some(&id)),
        Command::Sample => {
            print!("{SAMPLE_REPORT}");
            ExitCode::SUCCESS
        }
    }
}

fn eprint_report(report: &miette::Report) {
    eprintln!("{report:?}");
}

/// Rule files named by `--rules`: a file, or every *.yaml / *.yml below a folder
/// (sorted, so the order — and so which definition wins — is stable).
fn rule_sources(args: &RuleArgs) -> Result<Vec<RuleSource>, Vec<miette::Report>> {
    let mut sources = if args.no_builtin {
        Vec::new()
    } else {
        RuleSource::builtin()
    };
    let mut errors = Vec::new();
    for path in &args.rules {
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

/// Load and configure the rules, or print why not.
fn linter(args: &RuleArgs) -> Result<Linter, ExitCode> {
    let fail = |errors: Vec<miette::Report>| {
        for e in &errors {
            eprint_report(e);
        }
        ExitCode::from(EXIT_ERROR)
    };
    let sources = rule_sources(args).map_err(fail)?;
    let mut set = load_rules(&sources).map_err(fail)?;
    let mut errors = Vec::new();
    for id in &args.disable {
        if set.disable(id) == 0 {
            errors.push(miette::miette!(
                code = "usage",
                "--disable {id}: no rule has this id or prefix"
            ));
        }
    }
    for spec in &args.severity {
        let Some((id, level)) = spec.split_once('=') else {
            errors.push(miette::miette!(
                code = "usage",
                "--severity {spec}: expected ID=LEVEL"
            ));
            continue;
        };
        let level = match level {
            "off" => None,
            l => match l.parse::<Severity>() {
                Ok(s) => Some(s),
                Err(e) => {
                    errors.push(miette::miette!(code = "usage", "--severity {spec}: {e}"));
                    continue;
                }
            },
        };
        if set.set_severity(id, level) == 0 {
            errors.push(miette::miette!(
                code = "usage",
                "--severity {spec}: no rule has this id or prefix"
            ));
        }
    }
    if errors.is_empty() {
        Ok(Linter::new(set))
    } else {
        Err(fail(errors))
    }
}

fn read_input(path: &Path) -> Result<Document, miette::Report> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| miette::miette!(code = "input::io", "cannot read standard input: {e}"))?;
        Ok(Document::from_bytes("<stdin>".into(), bytes)?)
    } else {
        Ok(Document::load(path)?)
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let linter = match linter(&args.rules) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if args.paths.is_empty() && !args.sample {
        eprintln!(
            "reportlint check: no files given (try `reportlint check --sample` or `reportlint check FILE...`)"
        );
        return ExitCode::from(EXIT_ERROR);
    }
    let mut docs = Vec::new();
    let mut errors: Vec<(String, String)> = Vec::new();
    if args.sample {
        docs.push(Document::from_text(SAMPLE_PATH, SAMPLE_REPORT));
    }
    for path in &args.paths {
        match read_input(path) {
            Ok(doc) => docs.push(doc),
            Err(report) => {
                eprint_report(&report);
                errors.push((path.display().to_string(), report.to_string()));
            }
        }
    }
    let results: Vec<_> = docs.iter().map(|d| linter.lint(d).findings).collect();
    let reports: Vec<FileReport> = docs
        .iter()
        .zip(&results)
        .map(|(doc, findings)| FileReport { doc, findings })
        .collect();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let handler = human::handler(color, true);
            let mut res = Ok(());
            for r in &reports {
                res = res.and_then(|_| out.write_all(human::render(r, &handler).as_bytes()));
            }
            let total: usize = results.iter().map(Vec::len).sum();
            res.and_then(|_| writeln!(out, "{}", summary_line(total, reports.len(), errors.len())))
        }
        Format::Json => {
            let doc = json::output(&reports, &errors);
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
    };
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("reportlint: cannot write output: {e}");
        return ExitCode::from(EXIT_ERROR);
    }
    if !errors.is_empty() {
        ExitCode::from(EXIT_ERROR)
    } else if results.iter().flatten().any(|f| f.severity >= args.fail_on) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary_line(findings: usize, files: usize, errors: usize) -> String {
    let mut s = format!(
        "{findings} finding{} in {files} file{}",
        if findings == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    );
    if errors > 0 {
        s.push_str(&format!(
            "; {errors} file{} could not be read",
            if errors == 1 { "" } else { "s" }
        ));
    }
    s
}

fn show_claims(args: ClaimsArgs) -> ExitCode {
    let doc = match (&args.path, args.sample) {
        (_, true) => Document::from_text(SAMPLE_PATH, SAMPLE_REPORT),
        (Some(p), false) => match read_input(p) {
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
    let mut out = stdout.lock();
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
    };
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
