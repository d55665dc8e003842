//! The project's task runner: `codegen` (spec → crate and docs), `test` (every check), `corpus`
//! (generate and compile many specs), `api-diff` (what a spec change does to users), `oracle`
//! (api-diff checked against the compiler), `fuzz` and `bench`.

mod api_diff;
mod bench;
mod codegen;
mod compile_fuzz;
mod corpus;
mod csmith;
mod fuzz;
mod oracle;
mod prism;
mod project_docs;
mod spec_rules_page;
mod test;
mod write;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "xtask",
    about = "Generate the SDK and run the project's checks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate `generated-client/` from `spec/` (or any spec with --spec/--out).
    Codegen(codegen::Args),
    /// Generate a crate from every spec under the folders and `cargo check` them all.
    Corpus(corpus::Args),
    /// Install the test tools and run every check: format, drift, clippy, tests, docs.
    Test(test::Args),
    /// Fuzz load → check → lower → emit for a bounded time (installs cargo-fuzz if missing).
    Fuzz(fuzz::Args),
    /// Measure codegen stages, memory, compile times and per-request overhead (release build).
    Bench(bench::Args),
    /// List the API changes between the spec at a git revision (or a file) and the working tree.
    ApiDiff(api_diff::Args),
    /// Check api-diff's verdicts on every fixture pair against a compile probe and cargo-semver-checks.
    Oracle(oracle::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    match cli.command {
        Command::Codegen(args) => codegen::run(&args, &root),
        Command::Corpus(args) => corpus::run(&args, &root),
        Command::Test(args) => test::run(&args, &root),
        Command::Fuzz(args) => fuzz::run(&args, &root),
        Command::Bench(args) => bench::run(&args, &root),
        Command::ApiDiff(args) => api_diff::run(&args, &root),
        Command::Oracle(args) => oracle::run(&args, &root),
    }
}

/// The workspace root: xtask's manifest dir's parent.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
