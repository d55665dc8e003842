//! `cargo xtask bench`: builds the `bench/` workspace (its own, so progenitor stays out of the
//! normal build) and our CLI in release mode, installs the cargo-progenitor CLI into `bench/target`
//! if missing, writes the synthetic scale spec, and runs the measurements. Never part of
//! `cargo xtask test`.

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
    /// Whole-process runs of each CLI, per spec (after one warm-up).
    #[arg(long, default_value_t = 10)]
    pub process_runs: usize,
    /// Timed `cargo check` runs of each generated authentication crate.
    #[arg(long, default_value_t = 5)]
    pub check_runs: usize,
    /// Operations in the synthetic scale spec.
    #[arg(long, default_value_t = 420)]
    pub synth_ops: usize,
    /// Schemas in the synthetic scale spec.
    #[arg(long, default_value_t = 520)]
    pub synth_schemas: usize,
    /// Measured runs on the synthetic spec, in process and whole process (it is slow with docs).
    #[arg(long, default_value_t = 3)]
    pub synth_runs: usize,
}

/// The cargo-progenitor release the issue compares against, installed under `bench/target`.
pub const PROGENITOR_VERSION: &str = "0.15.1";

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
    let bench_build = cargo_command(&cargo, &["build", "--release", "--bins", "--manifest-path"]);
    let xtask_build = cargo_command(
        &cargo,
        &["build", "--release", "-p", "xtask", "--manifest-path"],
    );
    for (mut build, manifest) in [
        (bench_build, manifest.clone()),
        (xtask_build, root.join("Cargo.toml")),
    ] {
        if !build.arg(&manifest).status().is_ok_and(|s| s.success()) {
            eprintln!("error: building {} failed", manifest.display());
            return ExitCode::FAILURE;
        }
    }
    let progenitor = progenitor_cli(&cargo, root);
    let synthetic = root.join("target/bench/synthetic.json");
    if let Err(e) = write_synthetic(root, args, &synthetic) {
        eprintln!("error: writing the synthetic spec: {e}");
        return ExitCode::FAILURE;
    }
    let specs = if args.spec.is_empty() {
        default_specs(root)
    } else {
        args.spec.clone()
    };
    let commands = plan(
        args,
        root,
        &cargo,
        &specs,
        &synthetic,
        progenitor.as_deref(),
    );
    for mut command in commands {
        if !command.status().is_ok_and(|s| s.success()) {
            eprintln!("error: {command:?} failed");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// The measurements to run, in order: in process (known specs, then the synthetic one with fewer
/// runs), whole process likewise, then compile times and the per-request bench when asked for.
fn plan(
    args: &Args,
    root: &Path,
    cargo: &str,
    specs: &[PathBuf],
    synthetic: &Path,
    progenitor: Option<&Path>,
) -> Vec<Command> {
    let exe = root.join("bench/target/release/codegen-bench");
    let codegen = |specs: &[PathBuf], iters: usize, progenitor_iters: usize| {
        let mut command = Command::new(&exe);
        command
            .arg("codegen")
            .args(["--iters", &iters.to_string()])
            .args(["--progenitor-iters", &progenitor_iters.to_string()])
            .args(specs);
        command
    };
    let process = |runs: usize| {
        let mut command = Command::new(&exe);
        command
            .arg("process")
            .arg("--work")
            .arg(root.join("target/bench-process"))
            .arg("--xtask")
            .arg(root.join("target/release/xtask"))
            .args(["--runs", &runs.to_string()]);
        if let Some(progenitor) = progenitor {
            command.arg("--progenitor").arg(progenitor);
        }
        command
    };
    let mut known = process(args.process_runs);
    known.args(["--check-runs", &args.check_runs.to_string()]);
    if let Some(check) = check_spec(specs) {
        known.arg("--check-spec").arg(check);
    }
    known.args(specs);
    let scale = &[synthetic.to_path_buf()];
    let mut scaled = process(args.synth_runs);
    scaled.arg("--scale-spec").arg(synthetic).arg(synthetic);
    let runs = args.synth_runs;
    let mut commands = vec![
        codegen(specs, args.iters, args.progenitor_iters),
        codegen(scale, runs, runs.min(args.progenitor_iters)),
        known,
        scaled,
    ];
    if args.compile {
        let mut compile = Command::new(&exe);
        compile
            .arg("compile")
            .arg("--work")
            .arg(root.join("target/bench-crates"))
            .args(["--runs", &args.runs.to_string()])
            .args(compile_specs(specs));
        commands.push(compile);
    }
    if args.request {
        let mut request = Command::new(cargo);
        request
            .args(["bench", "--bench", "request", "--manifest-path"])
            .arg(root.join("bench/Cargo.toml"));
        commands.push(request);
    }
    commands
}

fn cargo_command(cargo: &str, args: &[&str]) -> Command {
    let mut command = Command::new(cargo);
    command.args(args);
    command
}

/// The cargo-progenitor CLI under `bench/target`, installed there first if missing; `None` (and
/// the comparisons without it) when it cannot be installed.
fn progenitor_cli(cargo: &str, root: &Path) -> Option<PathBuf> {
    let install_root = root.join(format!("bench/target/progenitor-{PROGENITOR_VERSION}"));
    let exe = install_root.join("bin/cargo-progenitor");
    if exe.is_file() {
        return Some(exe);
    }
    eprintln!(
        "cargo-progenitor {PROGENITOR_VERSION} is missing; installing it into {}",
        install_root.display()
    );
    let status = cargo_command(
        cargo,
        &[
            "install",
            "cargo-progenitor",
            "--locked",
            "--version",
            PROGENITOR_VERSION,
            "--root",
        ],
    )
    .arg(&install_root)
    .status();
    if status.is_ok_and(|s| s.success()) && exe.is_file() {
        return Some(exe);
    }
    eprintln!("warning: `cargo install cargo-progenitor` failed; measuring without it");
    None
}

/// Writes the synthetic scale spec with the `synth` binary of `bench/`.
fn write_synthetic(root: &Path, args: &Args, out: &Path) -> Result<(), String> {
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let status = Command::new(root.join("bench/target/release/synth"))
        .args(["--ops", &args.synth_ops.to_string()])
        .args(["--schemas", &args.synth_schemas.to_string()])
        .arg("--out")
        .arg(out)
        .status()
        .map_err(|e| e.to_string())?;
    match status.success() {
        true => Ok(()),
        false => Err(format!("synth: {status}")),
    }
}

/// The spec whose two generated crates are `cargo check`ed: the Authing authentication spec.
fn check_spec(specs: &[PathBuf]) -> Option<&PathBuf> {
    specs
        .iter()
        .find(|s| s.to_string_lossy().contains("authing/authentication"))
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

    #[test]
    fn the_authentication_crates_are_the_ones_checked() {
        let specs = [
            PathBuf::from("c/nexus.json"),
            PathBuf::from("c/authing/management-openapi.json"),
            PathBuf::from("c/authing/authentication-openapi.json"),
        ];
        assert_eq!(check_spec(&specs), Some(&specs[2]));
        assert_eq!(check_spec(&specs[..2]), None);
    }
}
