//! `synth`: writes the synthetic scale spec (OpenAPI 3.0 JSON) to stdout or `--out FILE`.
//!
//! `cargo run --release --manifest-path bench/Cargo.toml --bin synth -- --ops 420 --schemas 520`

use codegen_bench::synth::{spec_text, Options};
use std::process::ExitCode;

const USAGE: &str =
    "usage: synth [--ops N] [--schemas N] [--ops-per-tag N] [--seed N] [--out FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synth: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let mut options = Options::default();
    let mut out = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {value}"))
        };
        match flag.as_str() {
            "--ops" => options.ops = number()? as usize,
            "--schemas" => options.schemas = number()? as usize,
            "--ops-per-tag" => options.ops_per_tag = number()? as usize,
            "--seed" => options.seed = number()?,
            "--out" => out = Some(value.clone()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let text = spec_text(&options);
    match out {
        Some(path) => std::fs::write(&path, text).map_err(|e| format!("{path}: {e}")),
        None => {
            use std::io::Write as _;
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| e.to_string())
        }
    }
}
