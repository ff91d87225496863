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
    configure, eprint_report, read_input, rule_sources, severity_args,
};
use crate::config::{self, Loaded};
use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::lint::Linter;
use crate::render::{FileReport, concise, github, html, human, json, jsonl, junit, sarif, summary};
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
}

/// What one input produced.
struct FileResult {
    /// The input's name as shown to the user.
    name: String,
    doc: Option<Document>,
    findings: Vec<Finding>,
    error: Option<String>,
    fail_on: Severity,
    /// The fixed text, for --fix / --diff.
    fixed: Option<(String, usize)>,
    path: Option<PathBuf>,
}

/// Walk the command line's paths: files as given, folders recursively
/// (honouring .gitignore and .reportlintignore), sorted.
fn collect(args: &CheckArgs) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if args.sample {
        inputs.push(Input::Sample);
    }
    let mut files = Vec::new();
    for p in &args.paths {
        if p == Path::new("-") {
            inputs.push(Input::Stdin);
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
                    Err(e) => errors.push((p.display().to_string(), e.to_string())),
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
        eprintln!(
            "reportlint check: no files given (try `reportlint check --sample` or `reportlint check FILE...`)"
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
    let (inputs, mut errors) = collect(&args);

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
        Some(read_input(Path::new("-"), &opts).map(|mut d| {
            d.path = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into());
            d
        }))
    } else {
        None
    };

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
            let r = lint_one(
                &args,
                &opts,
                input,
                setup,
                stdin_doc.as_ref(),
                baseline.as_ref(),
            );
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
    finish(&args, results, &mut errors, &rules)
}

fn lint_one(
    args: &CheckArgs,
    opts: &crate::input::LoadOptions,
    input: &Input,
    setup: &Setup,
    stdin_doc: Option<&Result<Document, miette::Report>>,
    baseline: Option<&Baseline>,
) -> FileResult {
    let fail_on = args
        .fail_on
        .or(setup.config.config.fail_on)
        .unwrap_or(Severity::Warning);
    let loaded = match input {
        Input::Sample => Ok(Document::from_text(SAMPLE_PATH, SAMPLE_REPORT)),
        Input::Stdin => match stdin_doc.expect("read before linting") {
            Ok(d) => Ok(d.clone()),
            Err(e) => Err(e.to_string()),
        },
        Input::File(p) => read_input(p, opts).map_err(|e| {
            eprint_report(&e);
            e.to_string()
        }),
    };
    let doc = match loaded {
        Ok(d) => d,
        Err(message) => {
            return FileResult {
                name: input.display(&args.stdin_filename),
                doc: None,
                findings: Vec::new(),
                error: Some(message),
                fail_on,
                fixed: None,
                path: None,
            };
        }
    };
    let mut findings = setup.linter.lint(&doc).findings;
    setup
        .config
        .apply_overrides(&input.location(&args.stdin_filename), &mut findings);
    crate::suppress::apply(
        &doc,
        &mut findings,
        args.require_reason || setup.config.config.require_reason,
    );
    if let Some(b) = baseline {
        b.filter(&doc, &mut findings);
    }
    let mut fixed = None;
    let path = match input {
        Input::File(p) => Some(p.clone()),
        _ => None,
    };
    // Fixes are written back only where the text is the file's own bytes.
    let writable = doc.format != crate::input::InputFormat::Docx
        && doc.encoding.is_none_or(|e| e == encoding_rs::UTF_8);
    if (args.fix || args.diff)
        && writable
        && let Some((text, which)) =
            crate::fix::apply(doc.source_text(), &findings, args.unsafe_fixes)
    {
        let n = which.len();
        if args.fix {
            let mut i = 0;
            findings.retain(|_| {
                let keep = !which.contains(&i);
                i += 1;
                keep
            });
        }
        fixed = Some((text, n));
    }
    FileResult {
        name: input.display(&args.stdin_filename),
        doc: Some(doc),
        findings,
        error: None,
        fail_on,
        fixed,
        path,
    }
}

fn finish(
    args: &CheckArgs,
    mut results: Vec<FileResult>,
    errors: &mut Vec<(String, String)>,
    rules: &[crate::rules::RuleMeta],
) -> ExitCode {
    for r in &results {
        if let Some(e) = &r.error {
            errors.push((r.name.clone(), e.clone()));
        }
    }

    // Fixes: write them, or show them.
    let mut fixed_total = 0;
    let mut diffs = String::new();
    for r in results.iter_mut() {
        let (Some((text, n)), Some(doc)) = (&r.fixed, &r.doc) else {
            continue;
        };
        if args.diff {
            diffs.push_str(&crate::fix::unified_diff(
                &doc.path,
                doc.source_text(),
                text,
            ));
            fixed_total += n;
            continue;
        }
        let Some(p) = &r.path else { continue };
        let utf8 = doc.encoding.is_none_or(|e| e == encoding_rs::UTF_8);
        if doc.format == crate::input::InputFormat::Docx || !utf8 {
            // Writing back would need the original container or encoding.
            eprintln!(
                "{}: {n} fix{} not applied: fixes are written to UTF-8 text, Markdown and HTML files only",
                doc.path,
                if *n == 1 { "" } else { "es" }
            );
            continue;
        }
        let bom = std::fs::read(p).is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF"));
        let mut bytes = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend_from_slice(text.as_bytes());
        match crate::fix::write_atomic(p, &bytes) {
            Ok(()) => fixed_total += n,
            Err(e) => errors.push((doc.path.clone(), format!("cannot write fixes: {e}"))),
        }
    }
    if args.diff {
        print!("{diffs}");
        eprintln!(
            "{fixed_total} fixable finding{}",
            if fixed_total == 1 { "" } else { "s" }
        );
        return if !errors.is_empty() {
            ExitCode::from(EXIT_ERROR)
        } else if fixed_total > 0 {
            ExitCode::from(EXIT_FINDINGS)
        } else {
            ExitCode::SUCCESS
        };
    }
    if args.fix && fixed_total > 0 {
        eprintln!(
            "fixed {fixed_total} finding{}",
            if fixed_total == 1 { "" } else { "s" }
        );
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
                eprintln!(
                    "recorded {} findings in {}",
                    b.findings.len(),
                    path.display()
                );
                if errors.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(EXIT_ERROR)
                }
            }
            Err(e) => {
                eprintln!("reportlint: cannot write {}: {e}", path.display());
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
        None => Box::new(stdout.lock()),
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
        s.push_str(&summary_line(total, reports.len(), errors.len()));
        s.push('\n');
        out.write_all(s.as_bytes())
    } else {
        write_format(args, &reports, errors, rules, total, &mut out)
    };
    drop(out);
    let written = written.and_then(|()| match &args.output {
        Some(path) => crate::fix::write_atomic(path, &buffer),
        None => Ok(()),
    });
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("reportlint: cannot write output: {e}");
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
    errors: &[(String, String)],
    rules: &[crate::rules::RuleMeta],
    total: usize,
    out: &mut impl Write,
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
                out.write_all(human::render(r, &handler).as_bytes())?;
            }
            out.write_all(summary::render(reports, errors).as_bytes())?;
            writeln!(out, "{}", summary_line(total, reports.len(), errors.len()))
        }
        Format::Concise => {
            for r in reports {
                out.write_all(concise::render(r).as_bytes())?;
            }
            writeln!(out, "{}", summary_line(total, reports.len(), errors.len()))
        }
        Format::Json => {
            let doc = json::output(reports, errors);
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for r in reports {
                out.write_all(jsonl::render(r).as_bytes())?;
            }
            Ok(())
        }
        Format::Sarif => {
            let metas: Vec<&crate::rules::RuleMeta> = rules.iter().collect();
            let v = sarif::render(reports, errors, &metas);
            serde_json::to_writer_pretty(&mut *out, &v).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        Format::Github => {
            for r in reports {
                out.write_all(github::render(r).as_bytes())?;
            }
            for (path, message) in errors {
                writeln!(out, "::error file={path}::{}", message.replace('\n', " "))?;
            }
            Ok(())
        }
        Format::Junit => out.write_all(junit::render(reports, errors).as_bytes()),
        Format::Html => out.write_all(html::render(reports, errors).as_bytes()),
    }
}

pub fn summary_line(findings: usize, files: usize, errors: usize) -> String {
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
