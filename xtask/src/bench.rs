//! `cargo xtask bench`: builds the `bench/` workspace (its own, so progenitor stays out of the
//! normal build) in release mode and runs its measurements. Never part of `cargo xtask test`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A spec to measure (repeatable); default: corpus nexus and Authing specs, and `spec/`.
    #[arg(long)]
    pub spec: Vec<PathBuf>,
    /// Measured runs of our pipeline and of the parse floor, per spec.
    #[arg(long, default_value_t = 10)]
    pub iters: usize,
    /// Measured runs of progenitor, per spec.
    #[arg(long, default_value_t = 3)]
    pub progenitor_iters: usize,
    /// Also time `cargo check` / `cargo build --release` of generated crates, ours and progenitor's.
    #[arg(long)]
    pub compile: bool,
    /// Rebuilds timed per compile figure (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Also run the per-request criterion bench (generated call vs hand-written reqwest).
    #[arg(long)]
    pub request: bool,
}

/// The corpus specs the issue names, where present, then our own spec.
pub fn default_specs(root: &Path) -> Vec<PathBuf> {
    let corpus = root.join("../shared/corpus");
    let mut specs: Vec<PathBuf> = [
        "nexus.json",
        "authing/authentication-openapi.2023-01-04.json",
        "authing/management-openapi.2023-01-04.json",
    ]
    .iter()
    .map(|name| corpus.join(name))
    .filter(|path| path.is_file())
    .collect();
    specs.push(root.join(crate::codegen::DEFAULT_SPEC));
    specs
}

/// The specs whose generated crates are compiled: the Authing ones, else our own spec.
fn compile_specs(specs: &[PathBuf]) -> Vec<PathBuf> {
    let authing: Vec<PathBuf> = specs
        .iter()
        .filter(|s| s.to_string_lossy().contains("authing/"))
        .cloned()
        .collect();
    if authing.is_empty() {
        specs.to_vec()
    } else {
        authing
    }
}

pub fn run(args: &Args, root: &Path) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = root.join("bench/Cargo.toml");
    let specs = if args.spec.is_empty() {
        default_specs(root)
    } else {
        args.spec.clone()
    };
    let build = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--bin",
            "codegen-bench",
            "--manifest-path",
        ])
        .arg(&manifest)
        .status();
    if !build.is_ok_and(|s| s.success()) {
        eprintln!("error: building bench/ failed");
        return ExitCode::FAILURE;
    }
    let exe = root.join("bench/target/release/codegen-bench");
    let mut codegen = Command::new(&exe);
    codegen
        .arg("codegen")
        .args(["--iters", &args.iters.to_string()])
        .args(["--progenitor-iters", &args.progenitor_iters.to_string()])
        .args(&specs);
    let mut commands = vec![codegen];
    if args.compile {
        let mut compile = Command::new(&exe);
        compile
            .arg("compile")
            .arg("--work")
            .arg(root.join("target/bench-crates"))
            .args(["--runs", &args.runs.to_string()])
            .args(compile_specs(&specs));
        commands.push(compile);
    }
    if args.request {
        let mut request = Command::new(&cargo);
        request
            .args(["bench", "--bench", "request", "--manifest-path"])
            .arg(&manifest);
        commands.push(request);
    }
    for mut command in commands {
        if !command.status().is_ok_and(|s| s.success()) {
            eprintln!("error: {command:?} failed");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_spec_is_always_measured_and_only_authing_crates_are_compiled() {
        let root = crate::workspace_root();
        let specs = default_specs(&root);
        assert_eq!(specs.last(), Some(&root.join("spec/management.yaml")));
        let compiled = compile_specs(&specs);
        assert!(!compiled.is_empty());
        let corpus = [
            PathBuf::from("c/nexus.json"),
            PathBuf::from("c/authing/a.json"),
        ];
        assert_eq!(
            compile_specs(&corpus),
            vec![PathBuf::from("c/authing/a.json")]
        );
    }
}
