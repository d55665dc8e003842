//! `cargo check` of the crates that the two CLIs write for one spec (ours with default features,
//! cargo-progenitor's as it writes it), dependencies built first: the median time of checking
//! the generated crate alone after touching `src/lib.rs`, from scratch (`CARGO_INCREMENTAL=0`,
//! as cargo compiles a dependency) and, apart, reusing rustc's incremental cache.

use crate::compile::{rs_size, stem, Crate, Timing};
use crate::process::{met, ms, progenitor_argv};
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The two crates' figures.
pub struct Checked {
    runs: usize,
    ours: Row,
    progenitor: Result<Row, String>,
}

struct Row {
    label: String,
    /// From scratch.
    check: Timing,
    /// Reusing the incremental cache of an identical compile.
    incremental: Timing,
    /// `.rs` bytes and lines.
    size: (u64, usize),
}

pub fn run(
    spec: &Path,
    xtask: &Path,
    progenitor: Option<&Path>,
    work: &Path,
    runs: usize,
) -> Result<Checked, String> {
    let dir = work.join("check");
    let target = dir.join("target");
    let stem = stem(spec);
    let ours = dir.join(format!("ours-{stem}"));
    let mut argv: Vec<OsString> = vec![xtask.into(), "codegen".into(), "--spec".into()];
    argv.extend([spec.into(), "--out".into(), ours.as_os_str().to_owned()]);
    generate(&argv, &ours)?;
    let ours = time(
        format!("ours, {stem}, default features"),
        &ours,
        &target,
        runs,
    )?;
    let progenitor = match progenitor {
        Some(exe) => {
            let out = dir.join(format!("progenitor-{stem}"));
            generate(&progenitor_argv(exe, spec, &out), &out)
                .and_then(|()| standalone(&out))
                .and_then(|()| time(format!("cargo-progenitor, {stem}"), &out, &target, runs))
        }
        None => Err("cargo-progenitor not installed".into()),
    };
    Ok(Checked {
        runs,
        ours,
        progenitor,
    })
}

fn time(label: String, dir: &Path, target: &Path, runs: usize) -> Result<Row, String> {
    eprintln!("codegen-bench: cargo check, {label}");
    let mut krate = Crate::new(label.clone(), dir, Vec::new(), false);
    let check = krate.timing(target, &["check"], runs)?;
    krate.incremental = true;
    let incremental = krate.timing(target, &["check"], runs)?;
    let (_, bytes, lines) = rs_size(&dir.join("src"));
    Ok(Row {
        label,
        check,
        incremental,
        size: (bytes, lines),
    })
}

/// Runs a generator's command line into a fresh `out`.
fn generate(argv: &[OsString], out: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(out);
    let done = Command::new(&argv[0]).args(&argv[1..]).output();
    let done = done.map_err(|e| format!("cannot start {}: {e}", argv[0].to_string_lossy()))?;
    if done.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&done.stderr);
    Err(format!(
        "{}: {}",
        done.status,
        stderr.lines().next().unwrap_or("")
    ))
}

/// cargo-progenitor's manifest declares no workspace; under this repository's `target/`, cargo
/// would take the crate for a stray member of ours, so it gets an empty `[workspace]` table.
fn standalone(dir: &Path) -> Result<(), String> {
    let path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if text.lines().any(|l| l.trim() == "[workspace]") {
        return Ok(());
    }
    std::fs::write(&path, format!("{text}\n[workspace]\n")).map_err(|e| e.to_string())
}

impl Checked {
    pub fn table(&self) -> String {
        let mut out = format!(
            "\n`cargo check` of the generated crate (s, median of {} after touching src/lib.rs; \
             dependencies built first; CPU = user + system of cargo and rustc):\n\n\
             | crate | .rs size | .rs lines | from scratch | CPU | incremental, nothing changed | CPU |\n\
             |---|--:|--:|--:|--:|--:|--:|\n",
            self.runs
        );
        for row in [Ok(&self.ours), self.progenitor.as_ref()] {
            match row {
                Ok(r) => out.push_str(&format!(
                    "| {} | {} KiB | {} | {} | {} | {} | {} |\n",
                    r.label,
                    r.size.0 / 1024,
                    r.size.1,
                    secs(r.check.wall),
                    secs(r.check.cpu),
                    secs(r.incremental.wall),
                    secs(r.incremental.cpu),
                )),
                Err(e) => out.push_str(&format!("| cargo-progenitor | fails: {e} | | | | | |\n")),
            }
        }
        out
    }

    /// Met only when both wall and CPU time are at most half: rustc checks a crate on one
    /// thread, so on a busy machine the wall time of either side can stretch alone.
    pub fn target_row(&self) -> String {
        let Ok(p) = &self.progenitor else {
            return String::new();
        };
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        let x = ratio(self.ours.check.wall, p.check.wall);
        let cpu = ratio(self.ours.check.cpu, p.check.cpu);
        format!(
            "| `cargo check` of the generated crate ≤ 0.5× progenitor's (wall and CPU) | {x:.2}× \
             ({} vs {} ms); CPU {cpu:.2}×; incremental {:.2}× | {} |\n",
            ms(self.ours.check.wall),
            ms(p.check.wall),
            ratio(self.ours.incremental.wall, p.incremental.wall),
            met(x <= 0.5 && cpu <= 0.5)
        )
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}
