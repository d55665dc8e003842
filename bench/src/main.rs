//! `codegen-bench`: times our generator stage by stage against the parse floor and progenitor,
//! each spec in child processes so peak memory is per spec; times the two CLIs as whole processes;
//! and times compiling generated crates.

mod check;
mod children;
mod compile;
mod process;
mod report;
mod stages;

use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static ALLOC: codegen_bench::alloc::Counting = codegen_bench::alloc::Counting;

const USAGE: &str = "usage:
  codegen-bench codegen [--iters N] [--progenitor-iters N] SPEC...
  codegen-bench compile --work DIR [--runs N] SPEC...
  codegen-bench process --work DIR --xtask PATH [--progenitor PATH] [--runs N]
                [--check-spec SPEC] [--check-runs N] [--scale-spec SPEC] SPEC...
  codegen-bench child (ours|whole|client|floor|progenitor) SPEC ITERS
  perf script | codegen-bench stages [--runs N]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("compile") => compile::run(&args[1..]),
        Some("process") => process::run(&args[1..]),
        Some("stages") => stages::run(&args[1..]),
        Some("child") => children::run(&args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("codegen-bench: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Options shared by the subcommands: `--name value` pairs, and the specs.
pub struct Cli {
    pub values: Vec<(String, String)>,
    pub specs: Vec<PathBuf>,
}

impl Cli {
    pub fn parse(args: &[String]) -> Result<Cli, String> {
        let mut cli = Cli {
            values: Vec::new(),
            specs: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.strip_prefix("--") {
                Some(name) => {
                    let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
                    cli.values.push((name.to_owned(), value.clone()));
                }
                None => cli.specs.push(PathBuf::from(arg)),
            }
        }
        if cli.specs.is_empty() {
            return Err(format!("no spec given\n{USAGE}"));
        }
        Ok(cli)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        let found = self.values.iter().rev().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }

    pub fn number(&self, name: &str, default: usize) -> Result<usize, String> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{name}: not a number: {v}")),
        }
    }
}

fn codegen(args: &[String]) -> Result<(), String> {
    let cli = Cli::parse(args)?;
    let iters = cli.number("iters", 10)?.max(1);
    let progenitor_iters = cli.number("progenitor-iters", 3)?.max(1);
    let load_before = loadavg();
    let mut rows = Vec::new();
    for spec in &cli.specs {
        eprintln!("codegen-bench: {}", spec.display());
        let size = std::fs::metadata(spec)
            .map_err(|e| format!("{}: {e}", spec.display()))?
            .len();
        rows.push(report::Row {
            spec: spec.clone(),
            size,
            ours: children::spawn("ours", spec, iters),
            whole: children::spawn("whole", spec, iters),
            client: children::spawn("client", spec, iters),
            floor: children::spawn("floor", spec, iters),
            progenitor: children::spawn("progenitor", spec, progenitor_iters),
        });
    }
    let load = format!("{load_before} / {}", loadavg());
    print!("{}", report::table(&rows, iters, progenitor_iters, &load));
    Ok(())
}

/// The 1-minute load average: figures taken while other work runs are noisy.
fn loadavg() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().next().unwrap_or("?").to_owned()
}
