//! `reportlint check`: collect the inputs, find each one's configuration, lint
//! them in parallel, apply overrides, suppressions, baselines and fixes, then
//! print the findings in the chosen format.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::baseline::Baseline;
use crate::cli::{
    CheckArgs, Color, EXIT_ERROR, EXIT_FINDINGS, Format, RuleArgs, SAMPLE_PATH, SAMPLE_REPORT,
    configure, eprint_report, read_input, rule_sources, say, severity_args,
};
use crate::config::{self, Loaded};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::lint::Linter;
use crate::render::{
    FileReport, InputError, concise, github, html, human, json, jsonl, junit, sarif, summary,
    summary_line,
};
use crate::rules::load_rules;

/// File extensions linted when walking a folder.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "docx"];

#[derive(Debug, Clone)]
enum Input {
    Sample,
    Stdin,
    File(PathBuf),
}

impl Input {
    fn display(&self, stdin_name: &Option<String>) -> String {
        match self {
            Input::Sample => SAMPLE_PATH.to_string(),
            Input::Stdin => stdin_name.clone().unwrap_or_else(|| "<stdin>".into()),
            Input::File(p) => p.display().to_string(),
        }
    }
    /// The path used to find the config and match overrides.
    fn location(&self, stdin_name: &Option<String>) -> PathBuf {
        match self {
            Input::File(p) => p.clone(),
            Input::Stdin => stdin_name
                .as_ref()
                .map_or_else(|| PathBuf::from("."), PathBuf::from),
            Input::Sample => PathBuf::from("."),
        }
    }
}

/// A configuration and the linter built from it.
pub(crate) struct Setup {
    pub(crate) config: Loaded,
    pub(crate) linter: Linter,
    /// Every rule id loaded, before the config switched any off (a
    /// suppression comment may name a rule that is off).
    pub(crate) known: Vec<String>,
}

/// What `--fix` / `--diff` made of one file.
enum FixOutcome {
    /// The fixed text (after up to [`crate::fix::MAX_ROUNDS`] rounds of fix
    /// and re-lint), its document and its remaining findings.
    Fixed {
        doc: Box<Document>,
        findings: Vec<Finding>,
        count: usize,
    },
    /// There are fixes, but this input cannot be written back.
    NotWritable { count: usize, reason: String },
}

/// What one input produced.
struct FileResult {
    /// The document as read and its findings (`None` when it could not be read).
    doc: Option<Document>,
    findings: Vec<Finding>,
    /// Why it could not be read, with the full report for stderr.
    error: Option<(InputError, miette::Report)>,
    fail_on: Severity,
    fix: Option<FixOutcome>,
    path: Option<PathBuf>,
}

/// Walk the command line's paths: files as given, folders recursively
/// (honouring .gitignore and .reportlintignore), sorted.
fn collect(args: &CheckArgs) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if args.sample {
        inputs.push(Input::Sample);
    }
    let mut files = Vec::new();
    for p in &args.paths {
        if p == Path::new("-") {
            // Standard input is one input, however often it is named.
            if !inputs.iter().any(|i| matches!(i, Input::Stdin)) {
                inputs.push(Input::Stdin);
            }
        } else if p.is_dir() {
            let walker = ignore::WalkBuilder::new(p)
                .require_git(false)
                .add_custom_ignore_filename(".reportlintignore")
                .build();
            for entry in walker {
                match entry {
                    Ok(e) => {
                        let path = e.path();
                        let wanted = e.file_type().is_some_and(|t| t.is_file())
                            && path.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                                EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(x))
                            });
                        if wanted {
                            files.push(path.to_path_buf());
                        }
                    }
                    Err(e) => errors.push(InputError::read(p.display().to_string(), e.to_string())),
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    files.sort();
    files.dedup();
    inputs.extend(files.into_iter().map(Input::File));
    (inputs, errors)
}

pub(crate) fn setup_for(args: &RuleArgs, config: Loaded) -> Result<Setup, Vec<miette::Report>> {
    let mut paths = config.rule_paths();
    paths.extend(args.rules.iter().cloned());
    let sources = rule_sources(config.config.builtin && !args.no_builtin, &paths)?;
    let mut set = load_rules(&sources)?;
    let known = set.rules.iter().map(|r| r.meta.id.clone()).collect();
    let origin = config
        .path
        .as_ref()
        .map_or_else(|| "defaults".to_string(), |p| p.display().to_string());
    let mut errors = configure(
        &mut set,
        &origin,
        &config.config.disable,
        config
            .config
            .severity
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str())),
    );
    let (pairs, e) = severity_args(args);
    errors.extend(e);
    errors.extend(configure(&mut set, "command line", &args.disable, pairs));
    if errors.is_empty() {
        Ok(Setup {
            config,
            linter: Linter::new(set),
            known,
        })
    } else {
        Err(errors)
    }
}

pub fn run(args: CheckArgs) -> ExitCode {
    if let Some(n) = args.threads {
        // Fails only if a pool was already built, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    if args.paths.is_empty() && !args.sample {
        say(
            "reportlint check: no files given (try `reportlint check --sample` or `reportlint check FILE...`)",
        );
        return ExitCode::from(EXIT_ERROR);
    }
    let baseline = match &args.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b),
            Err(e) => {
                eprint_report(&e);
                return ExitCode::from(EXIT_ERROR);
            }
        },
        None => None,
    };
    let opts = match args.input.options() {
        Ok(o) => o,
        Err(e) => {
            eprint_report(&e);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let (inputs, walk_errors) = collect(&args);

    // One setup per distinct config file.
    let mut setups: FxHashMap<Option<PathBuf>, Arc<Setup>> = FxHashMap::default();
    let mut assigned = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let config_path = if args.isolated {
            None
        } else if let Some(c) = &args.config {
            Some(c.clone())
        } else {
            config::find_for(&input.location(&args.stdin_filename))
        };
        if !setups.contains_key(&config_path) {
            let loaded = match &config_path {
                Some(p) => match Loaded::load(p) {
                    Ok(l) => l,
                    Err(e) => {
                        eprint_report(&e);
                        return ExitCode::from(EXIT_ERROR);
                    }
                },
                None => Loaded::default_config(),
            };
            match setup_for(&args.rules, loaded) {
                Ok(s) => {
                    setups.insert(config_path.clone(), Arc::new(s));
                }
                Err(reports) => {
                    for r in &reports {
                        eprint_report(r);
                    }
                    return ExitCode::from(EXIT_ERROR);
                }
            }
        }
        assigned.push(Arc::clone(&setups[&config_path]));
    }

    let stdin_doc = if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        Some(read_input(Path::new("-"), &name, &opts))
    } else {
        None
    };
    // Standard input is read once; the one input that names it takes it.
    let stdin_doc = std::sync::Mutex::new(stdin_doc);

    let progress = crate::progress::Progress::for_files(
        inputs.iter().filter_map(|i| match i {
            Input::File(p) => Some(p.as_path()),
            _ => None,
        }),
        inputs
            .iter()
            .filter(|i| !matches!(i, Input::File(_)))
            .count(),
    );
    let results: Vec<FileResult> = inputs
        .par_iter()
        .zip(assigned.par_iter())
        .map(|(input, setup)| {
            // A bug must not take the other files down: a panic while linting
            // one input is reported as that input's error (exit code 2).
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                lint_one(
                    &args,
                    &opts,
                    input,
                    setup,
                    &stdin_doc,
                    baseline.as_ref(),
                )
            }))
            .unwrap_or_else(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let message = format!(
                    "internal error while linting {}: {what} (this is a bug in reportlint; please report it)",
                    input.display(&args.stdin_filename)
                );
                FileResult {
                    doc: None,
                    findings: Vec::new(),
                    error: Some((
                        InputError::read(input.display(&args.stdin_filename), message.clone()),
                        miette::miette!(code = "internal", "{message}"),
                    )),
                    fail_on: Severity::Warning,
                    fix: None,
                    path: None,
                }
            });
            progress.inc();
            r
        })
        .collect();
    progress.finish();

    // Every rule that ran, once (configs may differ per file), for SARIF.
    let mut rules: Vec<crate::rules::RuleMeta> = Vec::new();
    let mut configs: Vec<&Arc<Setup>> = setups.values().collect();
    configs.sort_by_key(|s| s.config.path.clone());
    for s in configs {
        for r in &s.linter.rules.rules {
            if !rules.iter().any(|m| m.id == r.meta.id) {
                rules.push(r.meta.clone());
            }
        }
    }
    finish(&args, results, walk_errors, &rules)
}

/// Lint one document: rules, per-path overrides, suppressions, baseline.
fn findings_for(
    args: &CheckArgs,
    input: &Input,
    setup: &Setup,
    doc: &Document,
    baseline: Option<&Baseline>,
) -> Vec<Finding> {
    let mut findings = setup.linter.lint(doc).findings;
    setup
        .config
        .apply_overrides(&input.location(&args.stdin_filename), &mut findings);
    crate::suppress::apply(
        doc,
        &mut findings,
        args.require_reason || setup.config.config.require_reason,
        &|id: &str| {
            setup
                .known
                .iter()
                .any(|k| crate::rules::load::id_matches(k, id))
        },
    );
    if let Some(b) = baseline {
        b.filter(doc, &mut findings);
    }
    findings
}

/// Why fixes cannot be written back to this input, if they cannot.
fn not_writable(input: &Input, doc: &Document) -> Option<String> {
    if !matches!(input, Input::File(_)) {
        return Some(
            "standard input and the sample are not written back (see them with --diff)".into(),
        );
    }
    if doc.format == crate::input::InputFormat::Docx {
        return Some("fixes are not written to DOCX files".into());
    }
    match doc.encoding {
        Some(e) if e != encoding_rs::UTF_8 => Some(format!(
            "the file is {} and fixes are written to UTF-8 files only (convert it, e.g. `iconv -f {} -t UTF-8`)",
            e.name(),
            e.name()
        )),
        _ => None,
    }
}

fn lint_one(
    args: &CheckArgs,
    opts: &crate::input::LoadOptions,
    input: &Input,
    setup: &Setup,
    stdin_doc: &std::sync::Mutex<Option<Result<Document, miette::Report>>>,
    baseline: Option<&Baseline>,
) -> FileResult {
    let fail_on = args
        .fail_on
        .or(setup.config.config.fail_on)
        .unwrap_or(Severity::Warning);
    let name = input.display(&args.stdin_filename);
    let loaded = match input {
        Input::Sample => Ok(Document::from_text(SAMPLE_PATH, SAMPLE_REPORT)),
        Input::Stdin => stdin_doc
            .lock()
            .ok()
            .and_then(|mut d| d.take())
            .unwrap_or_else(|| {
                Err(miette::miette!(
                    code = "internal",
                    "standard input was already taken by another input"
                ))
            }),
        Input::File(p) => read_input(p, &name, opts),
    };
    let path = match input {
        Input::File(p) => Some(p.clone()),
        _ => None,
    };
    let doc = match loaded {
        Ok(d) => d,
        Err(report) => {
            return FileResult {
                error: Some((InputError::read(name, report.to_string()), report)),
                doc: None,
                findings: Vec::new(),
                fail_on,
                fix: None,
                path,
            };
        }
    };
    let findings = findings_for(args, input, setup, &doc, baseline);
    let mut fix = None;
    if args.fix || args.diff {
        if let Some(reason) = not_writable(input, &doc) {
            if let Some((_, which)) = crate::fix::apply(&doc, &findings, args.unsafe_fixes) {
                fix = Some(FixOutcome::NotWritable {
                    count: which.len(),
                    reason,
                });
            }
        } else {
            // Fix, re-lint, and fix again what the first round left (overlapping
            // fixes, fixes that make a new finding), until nothing changes.
            let mut count = 0;
            let mut current: Option<(Document, Vec<Finding>)> = None;
            for _ in 0..crate::fix::MAX_ROUNDS {
                let (d, f) = current.as_ref().map_or((&doc, &findings), |(d, f)| (d, f));
                let Some((text, which)) = crate::fix::apply(d, f, args.unsafe_fixes) else {
                    break;
                };
                count += which.len();
                let mut next = crate::input::from_text(name.clone(), text, d.format);
                next.encoding = d.encoding;
                let next_findings = findings_for(args, input, setup, &next, baseline);
                current = Some((next, next_findings));
            }
            if let Some((doc, findings)) = current {
                fix = Some(FixOutcome::Fixed {
                    doc: Box::new(doc),
                    findings,
                    count,
                });
            }
        }
    }
    FileResult {
        doc: Some(doc),
        findings,
        error: None,
        fail_on,
        fix,
        path,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn finish(
    args: &CheckArgs,
    mut results: Vec<FileResult>,
    walk_errors: Vec<InputError>,
    rules: &[crate::rules::RuleMeta],
) -> ExitCode {
    let files = results.len() + walk_errors.len();
    let mut errors: Vec<InputError> = Vec::new();
    for e in &walk_errors {
        say(format_args!("reportlint: {}: {}", e.path, e.message));
    }
    errors.extend(walk_errors);
    for r in &results {
        if let Some((e, report)) = &r.error {
            eprint_report(report);
            errors.push(e.clone());
        }
    }

    // Fixes: write them, or show them.
    let mut fixed_total = 0;
    let mut diffs = String::new();
    for r in results.iter_mut() {
        let Some(doc) = &r.doc else { continue };
        match r.fix.take() {
            None => {}
            Some(FixOutcome::NotWritable { count, reason }) => {
                say(format_args!(
                    "{}: {} not applied: {reason}",
                    doc.path,
                    plural(count, "fix", "fixes")
                ));
            }
            Some(FixOutcome::Fixed {
                doc: fixed,
                findings,
                count,
            }) => {
                if args.diff {
                    diffs.push_str(&crate::fix::unified_diff(
                        &doc.path,
                        doc.source_text(),
                        fixed.source_text(),
                    ));
                    fixed_total += count;
                    continue;
                }
                let Some(p) = &r.path else { continue };
                match crate::fix::write_fixed(
                    p,
                    doc.source_text().as_bytes(),
                    fixed.source_text().as_bytes(),
                ) {
                    Ok(()) => {
                        fixed_total += count;
                        r.doc = Some(*fixed);
                        r.findings = findings;
                    }
                    Err(e) => {
                        let message = format!(
                            "cannot write fixes to {}: {e}; the file is unchanged",
                            doc.path
                        );
                        say(format_args!("reportlint: {message}"));
                        errors.push(InputError::write(doc.path.clone(), message));
                    }
                }
            }
        }
    }
    if args.diff {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let written = out.write_all(diffs.as_bytes()).and_then(|_| out.flush());
        if let Err(e) = written
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            say(format_args!("reportlint: cannot write output: {e}"));
            return ExitCode::from(EXIT_ERROR);
        }
        say(format_args!(
            "{}",
            plural(fixed_total, "fixable finding", "fixable findings")
        ));
        return if !errors.is_empty() {
            ExitCode::from(EXIT_ERROR)
        } else if fixed_total > 0 {
            ExitCode::from(EXIT_FINDINGS)
        } else {
            ExitCode::SUCCESS
        };
    }
    if args.fix && fixed_total > 0 {
        say(format_args!(
            "fixed {}",
            plural(fixed_total, "finding", "findings")
        ));
    }

    if let Some(path) = &args.write_baseline {
        let mut b = Baseline::new();
        for r in &results {
            if let Some(doc) = &r.doc {
                b.record(doc, &r.findings);
            }
        }
        return match b.write(path) {
            Ok(()) => {
                say(format_args!(
                    "recorded {} in {}",
                    plural(b.findings.len(), "finding", "findings"),
                    path.display()
                ));
                if errors.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(EXIT_ERROR)
                }
            }
            Err(e) => {
                say(format_args!(
                    "reportlint: cannot write {}: {e}",
                    path.display()
                ));
                ExitCode::from(EXIT_ERROR)
            }
        };
    }

    let reports: Vec<FileReport> = results
        .iter()
        .filter_map(|r| {
            r.doc.as_ref().map(|doc| FileReport {
                doc,
                findings: &r.findings,
            })
        })
        .collect();
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();

    // With -o FILE the report is written to memory, then to the file atomically.
    let mut buffer = Vec::new();
    let stdout = std::io::stdout();
    let mut out: Box<dyn Write> = match &args.output {
        Some(_) => Box::new(&mut buffer),
        None => Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock())),
    };
    let written = if args.statistics {
        let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        for f in reports.iter().flat_map(|r| r.findings) {
            let e = counts.entry(&f.rule).or_insert((0, f.severity.as_str()));
            e.0 += 1;
        }
        let mut rows: Vec<_> = counts.into_iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        let mut s = String::new();
        for (rule, (n, sev)) in rows {
            s.push_str(&format!("{n:>6}  {rule:<30} {sev}\n"));
        }
        s.push_str(&summary_line(total, files, &errors));
        s.push('\n');
        out.write_all(s.as_bytes())
    } else {
        write_format(args, &reports, &errors, rules, total, files, &mut out)
    }
    .and_then(|_| out.flush());
    drop(out);
    let written = written.and_then(|()| match &args.output {
        Some(path) => crate::fix::write_atomic(path, &buffer),
        None => Ok(()),
    });
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        say(format_args!("reportlint: cannot write output: {e}"));
        return ExitCode::from(EXIT_ERROR);
    }
    if !errors.is_empty() {
        ExitCode::from(EXIT_ERROR)
    } else if results
        .iter()
        .any(|r| r.findings.iter().any(|f| f.severity >= r.fail_on))
    {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_format(
    args: &CheckArgs,
    reports: &[FileReport<'_>],
    errors: &[InputError],
    rules: &[crate::rules::RuleMeta],
    total: usize,
    files: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    args.output.is_none()
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let handler = human::handler(color, true);
            for r in reports {
                human::write(r, &handler, out)?;
            }
            out.write_all(summary::render(reports, errors).as_bytes())?;
            writeln!(out, "{}", summary_line(total, files, errors))
        }
        Format::Concise => {
            for r in reports {
                concise::write(r, out)?;
            }
            writeln!(out, "{}", summary_line(total, files, errors))
        }
        Format::Json => json::write(reports, errors, files, out),
        Format::Jsonl => {
            for r in reports {
                jsonl::write(r, out)?;
            }
            Ok(())
        }
        Format::Sarif => {
            let metas: Vec<&crate::rules::RuleMeta> = rules.iter().collect();
            sarif::write(reports, errors, &metas, out)
        }
        Format::Github => {
            for r in reports {
                github::write(r, out)?;
            }
            github::write_errors(errors, out)
        }
        Format::Junit => junit::write(reports, errors, files, out),
        Format::Html => out.write_all(html::render(reports, errors).as_bytes()),
    }
}
