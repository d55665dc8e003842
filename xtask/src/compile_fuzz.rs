//! `cargo xtask fuzz --compile`: specs from [`crate::csmith`], one per seed, each generated
//! into a crate of one temporary workspace (one target dir, one lockfile) that `cargo check`
//! compiles at once. A crate that fails, or that cargo warns about, is minimised into a spec
//! under [`FOUND`], which the corpus step then compiles for good.

mod minimise;

use crate::{csmith, write};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Where the minimised failures go: the corpus step compiles every spec there.
pub const FOUND: &str = "generator/tests/compile-fuzz";

pub struct Run {
    pub seed: u64,
    pub count: usize,
    pub minimise: bool,
}

/// What went wrong with one seed's crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub seed: u64,
    /// The generator refused the spec, or panicked, rather than the crate failing to compile.
    pub generation: bool,
    pub message: String,
}

pub fn run(run: &Run, root: &Path) -> ExitCode {
    let started = Instant::now();
    let work = root.join("target/compile-fuzz");
    let dir = work.join("run");
    let _ = std::fs::remove_dir_all(&dir);
    let mut failures = Vec::new();
    let mut members = BTreeMap::new();
    for seed in (0..run.count as u64).map(|i| run.seed.wrapping_add(i)) {
        let name = format!("fuzz-{seed}");
        match generate(&csmith::spec(seed), &dir.join(&name), &name) {
            Ok(()) => {
                members.insert(name, seed);
            }
            Err(message) => failures.push(Failure {
                seed,
                generation: true,
                message,
            }),
        }
    }
    eprintln!(
        "compile-fuzz: {} crates generated from seeds {}..{}; checking them",
        members.len(),
        run.seed,
        run.seed.wrapping_add(run.count as u64)
    );
    let names: Vec<&str> = members.keys().map(String::as_str).collect();
    match check(&dir, &names, root) {
        Ok(failed) => failures.extend(failed.into_iter().map(|(name, message)| Failure {
            seed: members[&name],
            generation: false,
            message,
        })),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    failures.sort_by_key(|f| f.seed);
    let compiled = run.count - failures.len();
    println!(
        "compile-fuzz: seeds {}..{}: {} crates, {compiled} compiled clean, {} failed ({:.0} s)",
        run.seed,
        run.seed.wrapping_add(run.count as u64),
        run.count,
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    for f in &failures {
        let what = if f.generation {
            "generation"
        } else {
            "cargo check"
        };
        println!(
            "\nseed {} ({what}; `cargo xtask fuzz --compile --seed {} --count 1`):\n{}",
            f.seed, f.seed, f.message
        );
        if run.minimise {
            match minimise::minimise(f, &work, root) {
                Ok(path) => println!("minimised into {}", path.display()),
                Err(e) => println!("not minimised: {e}"),
            }
        }
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The crate of `spec` at `dir`, a member of the workspace around it, with the spec beside it
/// as `<dir>.json`. The generator runs in a child process (this program, [`generate_here`]), so
/// that a stack overflow is a failure of this seed rather than the end of the run; its
/// refusal, panic or crash is an error.
pub fn generate(spec: &serde_json::Value, dir: &Path, name: &str) -> Result<(), String> {
    let text = serde_json::to_string_pretty(spec).map_err(|e| e.to_string())?;
    let spec_file = dir.with_file_name(format!("{name}.json"));
    if let Some(parent) = spec_file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&spec_file, text).map_err(|e| format!("{}: {e}", spec_file.display()))?;
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(me)
        .args(["fuzz", "--compile", "--generate-one"])
        .arg(&spec_file)
        .output()
        .map_err(|e| format!("could not run the generator: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => Ok(()),
        Some(_) => Err(first_lines(&stderr, 8)),
        None => Err(format!(
            "the generator crashed ({}): {}",
            output.status,
            stderr
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default()
        )),
    }
}

/// Generates the crate of the spec at `spec_file` (`<dir>.json`) into `<dir>`, named after it;
/// what the child process of [`generate`] does.
pub fn generate_here(spec_file: &Path, root: &Path) -> ExitCode {
    let dir = spec_file.with_extension("");
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    let options = generator::Options {
        crate_name: name.unwrap_or_default(),
        workspace_member: true,
        runtime: generator::RuntimeDep::Path(crate::codegen::runtime_path(&dir, root)),
        ..generator::Options::default()
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        generator::generate_file(spec_file, &options)
    }));
    let output = match result {
        Ok(Ok(output)) => output,
        Ok(Err(diags)) => {
            eprintln!("{diags}");
            return ExitCode::FAILURE;
        }
        Err(_) => {
            eprintln!("the generator panicked");
            return ExitCode::FAILURE;
        }
    };
    match write::write(&dir, &output.files) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("writing {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

/// `cargo check --workspace --all-targets` over `members` of a workspace made at `dir`; per
/// crate that failed or was warned about, what cargo said of it. The target dir and lockfile
/// are the corpus step's (see `corpus.rs`), so the dependencies build once for both.
pub fn check(
    dir: &Path,
    members: &[&str],
    root: &Path,
) -> Result<BTreeMap<String, String>, String> {
    let mut members = members.to_vec();
    let mut broken = BTreeMap::new();
    loop {
        let (failed, stderr) = check_once(dir, &members, root)?;
        // A manifest cargo cannot read stops the whole workspace: that crate fails, the others
        // are checked again without it.
        let unreadable = stderr
            .lines()
            .filter(|l| l.contains("manifest at"))
            .find_map(|l| members.iter().position(|m| l.contains(&format!("/{m}/"))));
        match unreadable {
            Some(i) => {
                broken.insert(members.remove(i).to_owned(), first_lines(&stderr, 6));
            }
            None if failed.is_empty() && !stderr.is_empty() && stderr.contains("error") => {
                return Err(format!("cargo check failed:\n{}", first_lines(&stderr, 20)));
            }
            None => return Ok(failed.into_iter().chain(broken).collect()),
        }
    }
}

/// One `cargo check` of the workspace of `members` at `dir`: the problems per member, and
/// cargo's output when it failed.
fn check_once(
    dir: &Path,
    members: &[&str],
    root: &Path,
) -> Result<(BTreeMap<String, String>, String), String> {
    let target = root.join("target/corpus/.target");
    if members.is_empty() {
        return Ok((BTreeMap::new(), String::new()));
    }
    let mut manifest = String::from("[workspace]\nresolver = \"2\"\nmembers = [\n");
    for m in members {
        let _ = writeln!(manifest, "    \"{m}\",");
    }
    manifest.push_str("]\n");
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(io)?;
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        let corpus = root.join("target/corpus/.Cargo.lock");
        let from = if corpus.exists() {
            corpus
        } else {
            root.join("Cargo.lock")
        };
        std::fs::copy(from, &lock).map_err(io)?;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(&cargo)
        .args([
            "check",
            "--workspace",
            "--all-targets",
            "--message-format=short",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("could not run {cargo}: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let failed = attribute(&stderr, members);
    let stderr = if output.status.success() {
        String::new()
    } else {
        stderr
    };
    Ok((failed, stderr))
}

/// Cargo's problem lines per member: `fuzz-3/src/types.rs:1:2: error…` and
/// ``error: could not compile `fuzz-3` ``.
fn attribute(stderr: &str, members: &[&str]) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for line in stderr.lines() {
        if !(line.contains("error") || line.contains("warning")) {
            continue;
        }
        let member = members
            .iter()
            .find(|m| line.starts_with(&format!("{m}/")) || line.contains(&format!("`{m}`")));
        if let Some(m) = member {
            let text = out.entry((*m).to_owned()).or_default();
            if text.lines().count() < 12 {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    out
}

/// What each problem of a failure is, without where or what it names: `error[E0404]: expected
/// trait, found struct ``: not a trait`, or `warning: unused import: ```.
pub fn signatures(message: &str) -> Vec<String> {
    let problems = message
        .lines()
        .filter(|l| l.contains(": error") || l.contains(": warning"));
    let lines: Vec<&str> = problems.collect();
    let lines = if lines.is_empty() {
        message.lines().take(1).collect()
    } else {
        lines
    };
    lines
        .iter()
        .map(|line| {
            let from = [": error", ": warning"]
                .iter()
                .filter_map(|k| line.find(k).map(|i| i + 2))
                .min()
                .unwrap_or(0);
            let unquoted = line[from..].split('`').step_by(2);
            unquoted.collect::<Vec<_>>().join("``").trim().to_owned()
        })
        .collect()
}

/// The first of [`signatures`].
pub fn signature(message: &str) -> String {
    signatures(message).into_iter().next().unwrap_or_default()
}

fn first_lines(text: &str, n: usize) -> String {
    text.lines().take(n).collect::<Vec<_>>().join("\n")
}

/// Today's seed: the days since 1970, so each day's short run tries new specs and anyone can
/// run the same ones again.
pub fn today() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map(|d| d.as_secs() / 86_400 * 1_000)
        .unwrap_or_default()
}

/// The file a seed's minimised spec is saved to.
pub fn found_path(root: &Path, seed: u64) -> PathBuf {
    root.join(FOUND).join(format!("seed-{seed}.yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_put_on_the_crate_cargo_names() {
        let stderr = "\
    Checking fuzz-1 v0.1.0
fuzz-2/src/types.rs:3:5: error[E0391]: cycle detected when expanding type alias `types::T`
error: could not compile `fuzz-2` (lib) due to 1 previous error
fuzz-10/src/lib.rs:1:1: warning: unused import: `x`
warning: `fuzz-10` (lib) generated 1 warning
";
        let failed = attribute(stderr, &["fuzz-1", "fuzz-2", "fuzz-10"]);
        assert_eq!(failed.keys().collect::<Vec<_>>(), ["fuzz-10", "fuzz-2"]);
        assert!(failed["fuzz-2"].contains("E0391"));
        assert_eq!(
            signature(&failed["fuzz-2"]),
            "error[E0391]: cycle detected when expanding type alias ``"
        );
        assert_eq!(signature(&failed["fuzz-10"]), "warning: unused import: ``");
    }
}
