//! `reportlint annotate report.docx -o report.reviewed.docx`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{EXIT_ERROR, EXIT_FINDINGS, RuleArgs, eprint_report};
use crate::config::{self, Loaded};
use crate::finding::Severity;

/// What `--help` says after the options.
const AFTER_HELP: &str = "\
Only Word documents (.docx) are annotated. For Markdown, HTML and plain-text
reports there is no document to write comments into: make a review page
instead, with the findings highlighted in the text:

    reportlint check report.md --format html -o review.html

Exit codes as for `check`: 0 no finding at or above --fail-on, 1 findings
(the annotated copy is written), 2 the input could not be read or written.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct AnnotateArgs {
    /// The Word document (.docx) to annotate.
    pub input: PathBuf,
    /// Where to write the annotated copy [default: NAME.reviewed.docx beside
    /// the input]. The input itself is never overwritten without --in-place.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the comments into the input file itself (written to a temporary
    /// file first, then renamed over it).
    #[arg(long, conflicts_with = "output")]
    pub in_place: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Use this config file instead of discovering one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore config files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Lowest severity that makes the exit code 1 (default: the config's
    /// `fail_on`, else warning).
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<Severity>,
}

/// `report.docx` → `report.reviewed.docx`, beside it.
pub fn default_output(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    input.with_file_name(format!("{stem}.reviewed.docx"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn fail(message: String) -> ExitCode {
    crate::cli::say(format_args!("reportlint annotate: {message}"));
    ExitCode::from(EXIT_ERROR)
}

pub fn run(args: AnnotateArgs) -> ExitCode {
    let input = &args.input;
    let name = input.display().to_string();
    let out_path = if args.in_place {
        input.clone()
    } else {
        args.output.clone().unwrap_or_else(|| default_output(input))
    };
    if !args.in_place && same_file(input, &out_path) {
        return fail(format!(
            "{} is the input; use --in-place to write the comments into it, or -o for another file",
            out_path.display()
        ));
    }
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read {name}: {e}")),
    };
    let spinner = crate::progress::spinner(&format!("annotating {name}"), bytes.len() as u64);
    let (doc, map) = match super::read(&name, &bytes) {
        Ok(x) => x,
        Err(e) => {
            eprint_report(&miette::Report::new(e));
            return ExitCode::from(EXIT_ERROR);
        }
    };

    let config_path = if args.isolated {
        None
    } else {
        args.config.clone().or_else(|| config::find_for(input))
    };
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
    let setup = match crate::check::setup_for(&args.rules, loaded) {
        Ok(s) => s,
        Err(reports) => {
            for r in &reports {
                eprint_report(r);
            }
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let mut findings = setup.linter.lint(&doc).findings;
    setup.config.apply_overrides(input, &mut findings);
    crate::suppress::apply(
        &doc,
        &mut findings,
        setup.config.config.require_reason,
        &|id: &str| {
            setup
                .known
                .iter()
                .any(|k| crate::rules::load::id_matches(k, id))
        },
    );

    let annotated = match super::annotate(&name, &bytes, &doc, &map, &findings) {
        Ok(a) => a,
        Err(e) => {
            eprint_report(&miette::Report::new(e));
            return ExitCode::from(EXIT_ERROR);
        }
    };
    spinner.finish();
    if let Err(e) = crate::fix::write_atomic(&out_path, &annotated.bytes) {
        return fail(format!("cannot write {}: {e}", out_path.display()));
    }
    for &i in &annotated.unplaced {
        let f = &findings[i];
        crate::cli::say(format_args!(
            "{name}: {} ({}) could not be attached to the text (it is not in a Word run); see `reportlint check {name}`",
            f.rule,
            doc.locator_at(f.span.start).unwrap_or("?")
        ));
    }
    crate::cli::say(format_args!(
        "wrote {} comment{} to {}",
        annotated.written,
        if annotated.written == 1 { "" } else { "s" },
        out_path.display()
    ));
    let fail_on = args
        .fail_on
        .or(setup.config.config.fail_on)
        .unwrap_or(Severity::Warning);
    if findings.iter().any(|f| f.severity >= fail_on) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}
