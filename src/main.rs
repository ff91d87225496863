use clap::Parser;

fn main() -> std::process::ExitCode {
    reportlint::cli::run(reportlint::cli::Cli::parse())
}
