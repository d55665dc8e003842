//! Compile times of generated crates, ours and progenitor's, with dependencies built beforehand:
//! each figure is the median time of `cargo check` / `cargo build --release` after touching
//! `src/lib.rs`, so only the generated crate itself is compiled, from scratch
//! (`CARGO_INCREMENTAL=0`, as cargo compiles a dependency) unless a crate asks for incremental.

use crate::Cli;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

/// The dependencies progenitor's generated code needs (as its README lists them).
const PROGENITOR_DEPS: &str = r#"bytes = "1"
chrono = { version = "0.4", default-features = false, features = ["serde"] }
futures-core = "0.3"
progenitor-client = "0.15"
regress = "0.10"
reqwest = { version = "0.13", default-features = false, features = ["json", "stream", "query", "form", "rustls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_urlencoded = "0.7"
uuid = { version = "1", features = ["serde", "v4"] }
"#;

pub struct Crate {
    label: String,
    dir: PathBuf,
    /// Extra `cargo` arguments (features).
    args: Vec<String>,
    /// Whether to time `cargo build --release` too.
    release: bool,
    /// Whether rustc may reuse its incremental cache of the previous (identical) compile.
    pub incremental: bool,
}

/// Medians over the timed runs.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub wall: Duration,
    /// User + system time of cargo and the rustc it ran: steadier than wall time on a busy machine.
    pub cpu: Duration,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let cli = Cli::parse(args)?;
    let work = PathBuf::from(cli.value("work").ok_or("--work DIR is required")?);
    let runs = cli.number("runs", 3)?.max(1);
    let mut crates = Vec::new();
    for spec in &cli.specs {
        let stem = stem(spec);
        let ours = work.join(format!("ours-{stem}"));
        let features = generate_ours(spec, &ours)?;
        crates.push(Crate::new(format!("ours, {stem}"), &ours, vec![], true));
        if let Some(feature) = features.first() {
            let args = vec![
                "--no-default-features".into(),
                "--features".into(),
                feature.clone(),
            ];
            let label = format!("ours, {stem}, only feature `{feature}`");
            crates.push(Crate::new(label, &ours, args, false));
        }
        let prog = work.join(format!("progenitor-{stem}"));
        match generate_progenitor(spec, &prog) {
            Ok(()) => crates.push(Crate::new(
                format!("progenitor, {stem}"),
                &prog,
                vec![],
                true,
            )),
            Err(e) => eprintln!("codegen-bench: progenitor, {stem}: {e}"),
        }
    }
    let target = work.join("target");
    let mut table = format!(
        "\nGenerated-crate compile times (s, median of {runs}; dependencies built first):\n\n\
         | crate | .rs files | .rs size | .rs lines | cargo check | cargo build --release |\n\
         |---|--:|--:|--:|--:|--:|\n"
    );
    for c in &crates {
        eprintln!("codegen-bench: compiling {}", c.label);
        let (files, bytes, lines) = rs_size(&c.dir.join("src"));
        let check = c.time(&target, &["check"], runs)?;
        let release = match c.release {
            true => secs(c.time(&target, &["build", "--release"], runs)?),
            false => "-".into(),
        };
        let _ = writeln!(
            table,
            "| {} | {files} | {:.0} KiB | {lines} | {} | {release} |",
            c.label,
            bytes as f64 / 1024.0,
            secs(check)
        );
    }
    print!("{table}");
    Ok(())
}

impl Crate {
    pub fn new(label: String, dir: &Path, args: Vec<String>, release: bool) -> Crate {
        Crate {
            label,
            dir: dir.to_path_buf(),
            args,
            release,
            incremental: false,
        }
    }

    /// Builds once untimed (dependencies), then times `runs` rebuilds of the crate alone.
    pub fn time(&self, target: &Path, cmd: &[&str], runs: usize) -> Result<Duration, String> {
        self.timing(target, cmd, runs).map(|t| t.wall)
    }

    /// [`Crate::time`], with the CPU time too.
    pub fn timing(&self, target: &Path, cmd: &[&str], runs: usize) -> Result<Timing, String> {
        self.cargo(target, cmd)?;
        let log = target.join(format!("timing-{}.log", std::process::id()));
        let (mut walls, mut cpus) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            touch(&self.dir.join("src/lib.rs"))?;
            let sample = crate::process::measure(&mut self.command(target, cmd), &log)
                .map_err(|e| format!("cargo {} failed for {}: {e}", cmd.join(" "), self.label))?;
            walls.push(sample.wall);
            cpus.push(sample.cpu);
        }
        let _ = std::fs::remove_file(&log);
        walls.sort();
        cpus.sort();
        Ok(Timing {
            wall: crate::process::median(&walls),
            cpu: crate::process::median(&cpus),
        })
    }

    fn command(&self, target: &Path, cmd: &[&str]) -> Command {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command
            .args(cmd)
            .args(&self.args)
            .arg("--quiet")
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", target)
            .env(
                "CARGO_INCREMENTAL",
                if self.incremental { "1" } else { "0" },
            );
        command
    }

    fn cargo(&self, target: &Path, cmd: &[&str]) -> Result<(), String> {
        let out = self
            .command(target, cmd)
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let head: Vec<&str> = stderr.lines().take(30).collect();
        Err(format!(
            "cargo {} failed for {}:\n{}",
            cmd.join(" "),
            self.label,
            head.join("\n")
        ))
    }
}

/// Our crate for `spec` in `dir`; returns its feature names.
fn generate_ours(spec: &Path, dir: &Path) -> Result<Vec<String>, String> {
    let options = generator::Options {
        crate_name: format!("ours-{}", stem(spec)),
        runtime: generator::RuntimeDep::Path(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime").to_owned(),
        ),
        ..generator::Options::default()
    };
    let output =
        generator::generate_file(spec, &options).map_err(|d| format!("generation failed: {d}"))?;
    let _ = std::fs::remove_dir_all(dir);
    for (path, text) in &output.files {
        write(&dir.join(path), text)?;
    }
    let api = output.api.as_ref().ok_or("no model")?;
    let features = generator::surface::Surface::new(api).features;
    Ok(features.list.into_iter().map(|(name, _)| name).collect())
}

/// progenitor's crate for `spec` in `dir`: its code as `src/lib.rs` and a manifest.
fn generate_progenitor(spec: &Path, dir: &Path) -> Result<(), String> {
    let input = crate::children::Input::new(spec)?;
    let doc = crate::children::parse_openapi(input.path())?;
    let settings = progenitor::GenerationSettings::default();
    let tokens = progenitor::Generator::new(&settings)
        .generate_tokens(&doc)
        .map_err(|e| e.to_string())?;
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(dir);
    let name = format!("progenitor-{}", stem(spec));
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{PROGENITOR_DEPS}\n[workspace]\n"
    );
    write(&dir.join("Cargo.toml"), &manifest)?;
    write(&dir.join("src/lib.rs"), &prettyplease::unparse(&file))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options().write(true).open(path);
    let file = file.map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(SystemTime::now())
        .map_err(|e| e.to_string())
}

/// Number of `.rs` files under `dir`, their bytes and lines.
pub fn rs_size(dir: &Path) -> (usize, u64, usize) {
    let mut total = (0, 0, 0);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return total;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (f, b, l) = rs_size(&path);
            total = (total.0 + f, total.1 + b, total.2 + l);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            total = (
                total.0 + 1,
                total.1 + text.len() as u64,
                total.2 + text.lines().count(),
            );
        }
    }
    total
}

pub fn stem(spec: &Path) -> String {
    let stem = spec.file_stem().unwrap_or_default().to_string_lossy();
    stem.to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}
