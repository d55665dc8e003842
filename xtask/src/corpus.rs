//! `cargo xtask corpus DIR...`: generate a standalone crate from every spec under the folders,
//! `cargo check` them all with one shared target dir, and print a table of the results; with
//! `--prism`, then send every crate's example requests to Prism (see [`crate::prism`]).

use crate::{prism, write};
use generator::Options;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders (searched recursively) or single files of OpenAPI specs (.json, .yaml, .yml).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Where the crates go, one folder per spec [default: target/corpus].
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Only generate; skip `cargo check`.
    #[arg(long)]
    pub no_check: bool,
    /// Then send every example request of every crate that checks to Prism mocking its spec;
    /// fails if Prism's request validation refuses any.
    #[arg(long)]
    pub prism: bool,
    /// Also check the crates of the specs under this folder (or file) with the `test-util`
    /// feature, which adds the `mock` module; may be repeated.
    #[arg(long, value_name = "PATH")]
    pub test_util: Vec<PathBuf>,
}

/// One spec's way through the run.
struct Row {
    spec: String,
    crate_dir: PathBuf,
    operations: usize,
    types: usize,
    warnings: usize,
    generation: Duration,
    check: Option<Duration>,
    /// `None` while fine; the first lines of what went wrong otherwise.
    failure: Option<String>,
    /// The example harness's files, with `--prism`.
    harness: Option<BTreeMap<String, String>>,
    /// The names the generator's warnings quote (`'ghost'`), with `--prism`.
    warned: Vec<String>,
}

pub fn run(args: &Args, root: &Path) -> ExitCode {
    let out_dir = args
        .out_dir
        .clone()
        .unwrap_or_else(|| root.join("target/corpus"));
    let specs = match find_specs(&args.dirs) {
        Ok(specs) if !specs.is_empty() => specs,
        Ok(_) => {
            eprintln!("error: no .json, .yaml or .yml files under the given folders");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut rows = generate_all(&specs, &out_dir, args.prism);
    if !args.no_check {
        check_all(&mut rows, &out_dir, &args.test_util);
    }
    print!("{}", table(&rows));
    let failed = rows.iter().filter(|r| r.failure.is_some()).count();
    println!(
        "corpus: {} specs, {} ok, {failed} failed",
        rows.len(),
        rows.len() - failed
    );
    let mut prism_clean = true;
    if args.prism {
        let harnesses: Vec<prism::Harness> = rows
            .iter_mut()
            .filter(|r| r.failure.is_none())
            .filter_map(|r| {
                Some(prism::Harness {
                    spec: PathBuf::from(&r.spec),
                    package: r.crate_dir.file_name()?.to_string_lossy().into_owned(),
                    files: r.harness.take()?,
                    warned: std::mem::take(&mut r.warned),
                })
            })
            .collect();
        let (report, clean) = prism::run(&harnesses, &out_dir);
        print!("{report}");
        prism_clean = clean;
    }
    if failed == 0 && prism_clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Every spec file under the folders (or the files themselves), sorted within each folder.
fn find_specs(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut all = Vec::new();
    for dir in dirs {
        if dir.is_file() {
            all.push(dir.clone());
            continue;
        }
        let mut found = Vec::new();
        walk(dir, &mut found).map_err(|e| format!("reading {}: {e}", dir.display()))?;
        found.sort();
        all.extend(found);
    }
    Ok(all)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_spec(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_spec(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| matches!(e.to_str(), Some("json" | "yaml" | "yml")))
}

/// A crate name from a spec's file name: `management-openapi.2023-01-04.json` →
/// `management-openapi-2023-01-04`; unique among `taken`.
fn crate_name(spec: &Path, taken: &mut BTreeSet<String>) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let slug: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug.trim_matches('-').to_owned();
    let base = if slug.is_empty() || slug.starts_with(|c: char| c.is_ascii_digit()) {
        format!("spec-{slug}")
    } else {
        slug
    };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

fn generate_all(specs: &[PathBuf], out_dir: &Path, harness: bool) -> Vec<Row> {
    let mut taken = BTreeSet::new();
    specs
        .iter()
        .map(|spec| {
            let name = crate_name(spec, &mut taken);
            let row = generate_one(spec, &out_dir.join(&name), &name, harness);
            let status = if row.failure.is_some() {
                "FAILED"
            } else {
                "ok"
            };
            eprintln!("generated {} ({status})", row.spec);
            row
        })
        .collect()
}

fn generate_one(spec: &Path, crate_dir: &Path, name: &str, harness: bool) -> Row {
    let options = Options {
        crate_name: name.to_owned(),
        workspace_member: false,
        runtime: generator::RuntimeDep::Path(crate::codegen::runtime_path(
            crate_dir,
            &crate::workspace_root(),
        )),
        ..Options::default()
    };
    let started = Instant::now();
    let result = generator::generate_file(spec, &options);
    let mut row = Row {
        spec: spec.display().to_string(),
        crate_dir: crate_dir.to_owned(),
        operations: 0,
        types: 0,
        warnings: 0,
        generation: started.elapsed(),
        check: None,
        failure: None,
        harness: None,
        warned: Vec::new(),
    };
    match result {
        Ok(output) => {
            if let Some(api) = &output.api {
                row.operations = api.operations.len();
                row.types = api.types.len();
                row.harness = harness.then(|| {
                    let surface = generator::surface::Surface::new(api);
                    let path = format!("../../{name}");
                    generator::emit_rust::harness_crate(&surface, name, &path)
                });
            }
            row.warnings = output.warnings.iter().count();
            if harness {
                let messages = output.warnings.iter().map(|w| w.message.as_str());
                row.warned = messages.flat_map(prism::quoted).collect();
            }
            if let Err(e) = write::write(crate_dir, &output.files) {
                row.failure = Some(format!("writing {}: {e}", crate_dir.display()));
            }
        }
        Err(diags) => row.failure = Some(first_lines(&diags.to_string(), 10)),
    }
    row
}

/// `cargo check --all-targets` each generated crate in turn, all with one target dir (so the
/// dependencies build once) and the first crate's `Cargo.lock` (so they resolve alike); those of
/// specs under `test_util` again with that feature.
fn check_all(rows: &mut [Row], out_dir: &Path, test_util: &[PathBuf]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = out_dir.join(".target");
    let shared_lock = out_dir.join(".Cargo.lock");
    for row in rows.iter_mut().filter(|r| r.failure.is_none()) {
        let lock = row.crate_dir.join("Cargo.lock");
        if shared_lock.exists() && !lock.exists() {
            let _ = std::fs::copy(&shared_lock, &lock);
        }
        eprintln!("checking {}", row.crate_dir.display());
        let started = Instant::now();
        let check = |features: &[&str]| {
            let output = Command::new(&cargo)
                .args([
                    "check",
                    "--all-targets",
                    "--message-format=short",
                    "--quiet",
                ])
                .args(features)
                .current_dir(&row.crate_dir)
                .env("CARGO_TARGET_DIR", &target)
                .env_remove("RUSTFLAGS")
                .output();
            match output {
                Ok(out) => verdict(out.status.success(), &String::from_utf8_lossy(&out.stderr)),
                Err(e) => Some(format!("could not run {cargo}: {e}")),
            }
        };
        row.failure = check(&[]);
        row.check = Some(started.elapsed());
        let spec = Path::new(&row.spec);
        if row.failure.is_none() && test_util.iter().any(|dir| spec.starts_with(dir)) {
            row.failure = check(&["--features", "test-util"]).map(|f| format!("test-util: {f}"));
        }
        if row.failure.is_none() && !shared_lock.exists() {
            let _ = std::fs::copy(&lock, &shared_lock);
        }
    }
}

/// A crate passes when cargo succeeds and reports no warning at all.
fn verdict(success: bool, stderr: &str) -> Option<String> {
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning") || l.contains("error"))
        .collect();
    if success && problems.is_empty() {
        return None;
    }
    let shown = if problems.is_empty() {
        first_lines(stderr, 10)
    } else {
        first_lines(&problems.join("\n"), 10)
    };
    Some(shown)
}

fn first_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = lines[..lines.len().min(n)].join("\n");
    if lines.len() > n {
        let _ = write!(out, "\n… and {} more lines", lines.len() - n);
    }
    out
}

fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str("| spec | operations | types | warnings | generation | check | result |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---|\n");
    for r in rows {
        let check = r
            .check
            .map_or_else(|| "-".to_owned(), |d| format!("{:.1} s", d.as_secs_f64()));
        let result = if r.failure.is_some() { "FAILED" } else { "ok" };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} ms | {check} | {result} |",
            r.spec,
            r.operations,
            r.types,
            r.warnings,
            r.generation.as_millis()
        );
    }
    for r in rows {
        if let Some(failure) = &r.failure {
            let _ = writeln!(out, "\n{}:\n{failure}", r.spec);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_slugs_and_unique() {
        let mut taken = BTreeSet::new();
        let name = |p: &str, taken: &mut BTreeSet<String>| crate_name(Path::new(p), taken);
        assert_eq!(
            name("a/management-openapi.2023-01-04.json", &mut taken),
            "management-openapi-2023-01-04"
        );
        assert_eq!(name("v3.1/museum.yaml", &mut taken), "museum");
        assert_eq!(name("other/museum.yml", &mut taken), "museum-2");
        assert_eq!(name("3d.json", &mut taken), "spec-3d");
    }

    #[test]
    fn warnings_fail_a_crate_that_cargo_accepts() {
        assert_eq!(verdict(true, ""), None);
        assert_eq!(verdict(true, "    Finished `dev` profile\n"), None);
        let warned = verdict(true, "src/lib.rs:1:5: warning: unused import\n");
        assert!(warned.is_some_and(|w| w.contains("unused import")));
        assert!(verdict(false, "boom\n").is_some());
    }

    #[test]
    fn only_spec_files_are_found() {
        let dir = std::env::temp_dir().join(format!("corpus-find-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        for f in [
            "a.yaml",
            "nested/b.json",
            "nested/c.yml",
            "INDEX.md",
            ".hidden.yaml",
        ] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let found = find_specs(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(names, ["a.yaml", "nested/b.json", "nested/c.yml"]);
    }
}
