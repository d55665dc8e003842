//! `cargo xtask fuzz`: install cargo-fuzz if it is missing, then fuzz load → check → lower → emit
//! for a bounded time, starting from the seed specs in `fuzz/seeds/`.

use std::path::Path;
use std::process::{Command, ExitCode};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How long to fuzz.
    #[arg(long, default_value_t = 60)]
    pub seconds: u64,
    /// Instead: generate valid specs of many kinds, one per seed, and `cargo check` the crate of
    /// each; minimise every failure into `generator/tests/compile-fuzz/`.
    #[arg(long)]
    pub compile: bool,
    /// With --compile: the first seed [default: today's, the days since 1970 times 1000].
    #[arg(long, requires = "compile")]
    pub seed: Option<u64>,
    /// With --compile: how many specs (seeds from --seed on).
    #[arg(long, default_value_t = 20, requires = "compile")]
    pub count: usize,
    /// With --compile: report failures without minimising them.
    #[arg(long, requires = "compile")]
    pub no_minimise: bool,
    /// With --compile: only generate the crate of this spec (`<dir>.json` → `<dir>/`); how the
    /// run calls the generator in a child process.
    #[arg(long, requires = "compile", hide = true)]
    pub generate_one: Option<std::path::PathBuf>,
}

pub const TARGET: &str = "load_lower_emit";

pub fn run(args: &Args, root: &Path) -> ExitCode {
    if let Some(spec) = &args.generate_one {
        return crate::compile_fuzz::generate_here(spec, root);
    }
    if args.compile {
        let run = crate::compile_fuzz::Run {
            seed: args.seed.unwrap_or_else(crate::compile_fuzz::today),
            count: args.count,
            minimise: !args.no_minimise,
        };
        return crate::compile_fuzz::run(&run, root);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    if !installed(&cargo) {
        eprintln!("cargo-fuzz is missing; installing it from crates.io");
        let status = Command::new(&cargo)
            .args(["install", "cargo-fuzz", "--locked"])
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("error: `cargo install cargo-fuzz` failed");
            return ExitCode::FAILURE;
        }
    }
    let fuzz = root.join("fuzz");
    let work = fuzz.join("corpus").join(TARGET);
    if let Err(e) = std::fs::create_dir_all(&work) {
        eprintln!("error: creating {}: {e}", work.display());
        return ExitCode::FAILURE;
    }
    let status = Command::new(&cargo)
        .args(fuzz_args(args.seconds))
        .current_dir(root)
        // cargo-fuzz passes `-Z` flags; this lets the stable toolchain accept them.
        .env("RUSTC_BOOTSTRAP", "1")
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(s) => {
            eprintln!("error: the fuzzer failed ({s}); the crashing input is under fuzz/artifacts/{TARGET}/");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: could not start cargo fuzz: {e}");
            ExitCode::FAILURE
        }
    }
}

fn installed(cargo: &str) -> bool {
    Command::new(cargo)
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `cargo fuzz run` with debug assertions (overflow checks), the seeds as a read-only corpus and
/// a bounded run; new inputs go to the git-ignored `fuzz/corpus/`.
fn fuzz_args(seconds: u64) -> Vec<String> {
    let work = format!("fuzz/corpus/{TARGET}");
    [
        "fuzz",
        "run",
        "--fuzz-dir",
        "fuzz",
        "--debug-assertions",
        TARGET,
        &work,
        "fuzz/seeds",
        "--",
        &format!("-max_total_time={seconds}"),
        "-timeout=20",
        "-rss_limit_mb=4096",
        "-max_len=65536",
        "-print_final_stats=1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_is_bounded_and_starts_from_the_seeds() {
        let args = fuzz_args(60);
        assert!(args.contains(&"-max_total_time=60".to_owned()));
        let target = args.iter().position(|a| a == TARGET).unwrap();
        assert_eq!(args[target + 2], "fuzz/seeds");
        let root = crate::workspace_root();
        let seeds = std::fs::read_dir(root.join("fuzz/seeds")).unwrap().count();
        assert!(seeds >= 10, "the seed corpus is kept in the repo");
        assert!(root
            .join(format!("fuzz/fuzz_targets/{TARGET}.rs"))
            .is_file());
    }
}
