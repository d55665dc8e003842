//! `cargo xtask test`: install what the checks need, then run them all and sum up.

use std::path::Path;
use std::process::{Command, ExitCode};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Skip the npm-based checks (prettier, redocly, Prism end-to-end tests).
    #[arg(long)]
    pub no_npm: bool,
}

struct Step {
    name: &'static str,
    program: String,
    args: Vec<String>,
    dir: Option<&'static str>,
    /// Skipped, with a note, when this folder does not exist when the step's turn comes.
    needs: Option<&'static str>,
    env: Vec<(&'static str, &'static str)>,
}

fn step(name: &'static str, program: &str, args: &[&str]) -> Step {
    Step {
        name,
        program: program.to_owned(),
        args: args.iter().map(|a| a.to_string()).collect(),
        dir: None,
        needs: None,
        env: Vec::new(),
    }
}

pub fn run(args: &Args, root: &Path) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut steps = vec![
        step("rustfmt", &cargo, &["fmt", "--all", "--check"]),
        step(
            "codegen --check --deny-warnings",
            &cargo,
            &["xtask", "codegen", "--check", "--deny-warnings"],
        ),
    ];
    if !args.no_npm {
        let mut install = step(
            "npm ci (tools/)",
            "npm",
            &["ci", "--no-audit", "--no-fund", "--loglevel=error"],
        );
        install.dir = Some("tools");
        steps.push(install);
        steps.push(step(
            "redocly lint spec/",
            "tools/node_modules/.bin/redocly",
            &["lint", "--format=stylish", "spec/management.yaml"],
        ));
        steps.push(step(
            "prettier --check generated docs",
            "tools/node_modules/.bin/prettier",
            &[
                "--check",
                "--log-level=warn",
                "generated-client/docs/**/*.md",
            ],
        ));
    } else {
        // Nothing installs Prism then: the e2e tests skip instead of failing.
        std::env::set_var("SDK_TESTS_SKIP_PRISM", "1");
    }
    steps.push(step(
        "clippy -D warnings",
        &cargo,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ));
    steps.push(step(
        "clippy sdk-runtime alone (generic clients' runtime, without `authing`)",
        &cargo,
        &[
            "clippy",
            "-p",
            "sdk-runtime",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ));
    let mut docs = step(
        "rustdoc -D warnings (generated-client, sdk-runtime, generator)",
        &cargo,
        &[
            "doc",
            "--no-deps",
            "-p",
            "generated-client",
            "-p",
            "sdk-runtime",
            "-p",
            "generator",
        ],
    );
    docs.env.push(("RUSTDOCFLAGS", "-D warnings"));
    steps.push(docs);
    steps.push(step("cargo test", &cargo, &["test", "--workspace"]));
    steps.push(step(
        "cargo package -p sdk-runtime (publishable as is)",
        &cargo,
        &["package", "-p", "sdk-runtime", "--allow-dirty", "--quiet"],
    ));
    // The bench is a workspace of its own, never run here; checking it keeps it building as the
    // generated API changes.
    steps.push(step(
        "cargo check bench/ (its own workspace)",
        &cargo,
        &[
            "check",
            "--manifest-path",
            "bench/Cargo.toml",
            "--all-targets",
            "--locked",
        ],
    ));
    steps.push(step(
        "install cargo-semver-checks 0.51",
        &cargo,
        &[
            "install",
            "cargo-semver-checks",
            "--version",
            "0.51.0",
            "--locked",
            "--quiet",
        ],
    ));
    steps.push(step(
        "oracle: compile probe + cargo-semver-checks on every api-diff fixture pair",
        &cargo,
        &["xtask", "oracle"],
    ));
    steps.push(step(
        "fuzz 60 s (load → check → lower → emit)",
        &cargo,
        &["xtask", "fuzz", "--seconds", "60"],
    ));
    steps.push(corpus_step(&cargo, root, !args.no_npm));
    // After the corpus, whose target dir and lockfile they share. The findings are not sent to
    // Prism: some have no operation, which Prism refuses to mock.
    steps.push(step(
        "corpus: the compile-fuzz findings",
        &cargo,
        &["xtask", "corpus", crate::compile_fuzz::FOUND],
    ));
    steps.push(step(
        "compile fuzz: 6 generated specs (seeds 100..106), each crate checked",
        &cargo,
        // A fixed seed, so that a run fails only for a change of ours; `cargo xtask fuzz
        // --compile` without `--seed` explores new specs every day.
        &[
            "xtask",
            "fuzz",
            "--compile",
            "--seed",
            "100",
            "--count",
            "6",
            "--no-minimise",
        ],
    ));
    if !args.no_npm {
        steps.push(corpus_docs_prettier_step());
    }
    let (mut failed, mut skipped) = (Vec::new(), Vec::new());
    for s in &steps {
        eprintln!("==> {}", s.name);
        if let Some(folder) = s.needs.filter(|f| !root.join(f).is_dir()) {
            eprintln!("note: {folder}/ does not exist; skipping");
            skipped.push(s.name);
            continue;
        }
        let status = Command::new(&s.program)
            .args(&s.args)
            .envs(s.env.iter().copied())
            .current_dir(root.join(s.dir.unwrap_or(".")))
            .status();
        match status {
            Ok(st) if st.success() => {}
            Ok(st) => {
                eprintln!("FAILED: {} ({st})", s.name);
                failed.push(s.name);
            }
            Err(e) => {
                eprintln!("FAILED: {} (could not start {}: {e})", s.name, s.program);
                failed.push(s.name);
            }
        }
    }
    let passed = steps.len() - failed.len() - skipped.len();
    eprintln!();
    if !failed.is_empty() {
        eprintln!("failed steps: {}", failed.join(", "));
    }
    if !skipped.is_empty() {
        eprintln!("skipped steps: {}", skipped.join(", "));
    }
    println!(
        "xtask: {passed} passed, {} failed, {} skipped",
        failed.len(),
        skipped.len()
    );
    // A step that did not run checked nothing: the run passes only when every step passed.
    if failed.is_empty() && skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The docs the corpus step generated, through prettier: nothing may change. (`--ignore-path`
/// names no file on purpose: by default prettier skips what `.gitignore` lists, `target/` too.)
fn corpus_docs_prettier_step() -> Step {
    let mut check = step(
        "prettier --check corpus docs",
        "tools/node_modules/.bin/prettier",
        &[
            "--check",
            "--log-level=warn",
            "--ignore-path=target/corpus/.no-prettierignore",
            "target/corpus/*/docs/**/*.md",
        ],
    );
    check.needs = Some("target/corpus");
    check
}

/// Every feature fixture (also with the `test-util` feature), plus the
/// shared corpus of real specs when it is there (always under `CI=true`, where its absence fails
/// the step), generated and checked with one shared target dir; with `prism`, also `spec/`, and
/// every example request of every crate sent to Prism, which must refuse none.
fn corpus_step(cargo: &str, root: &Path, prism: bool) -> Step {
    let mut args = vec![
        "xtask",
        "corpus",
        "generator/tests/features",
        "--test-util",
        "generator/tests/features",
    ];
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if ci || root.join("../shared/corpus").is_dir() {
        args.push("../shared/corpus");
    } else {
        eprintln!("note: ../shared/corpus is absent; the corpus step covers the fixtures only");
    }
    let name = if prism {
        args.extend(["spec/management.yaml", "--prism"]);
        "corpus (generate + cargo check + every example against Prism)"
    } else {
        "corpus (generate + cargo check)"
    };
    step(name, cargo, &args)
}
