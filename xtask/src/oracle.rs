//! api-diff's oracles. For each pair of specs, a probe crate written against the old crate's API
//! (`generator::emit_rust::probe_crate`) is compiled against the new crate: it must fail to
//! compile exactly when api-diff says some change does not compile. And cargo-semver-checks
//! compares the two crates' rustdoc: where it demands a major version, api-diff must say breaking.
//!
//! All crates of a run share one workspace and target dir under `target/oracle/`, so the
//! dependencies build once and the probes compile in one `cargo check`.

use generator::diff::{self, Report};
use generator::load::pairs;
use generator::model::record::Record;
use generator::surface::Surface;
use generator::Options;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders of spec pairs whose api-diff verdicts the oracles check (each case folder has an
    /// `old` and/or a `new` side; see `generator::load::pairs`).
    #[arg(long, default_values = ["generator/tests/diff"])]
    pub fixtures: Vec<PathBuf>,
    /// Folders of routine spec evolutions, which must moreover break nothing: api-diff says
    /// compatible, the probe compiles and cargo-semver-checks asks for no major version.
    #[arg(long, default_values = ["generator/tests/evolution"])]
    pub evolutions: Vec<PathBuf>,
    /// Only the cases whose name contains this (repeat it for several).
    #[arg(long)]
    pub case: Vec<String>,
    /// Skip the cargo-semver-checks cross-check.
    #[arg(long)]
    pub no_semver_checks: bool,
}

/// One spec of a run: how messages name it, its text, and the record of names it is generated
/// with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub label: String,
    pub bytes: Vec<u8>,
    pub names: Option<Record>,
}

/// One pair to check.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub old: Spec,
    pub new: Spec,
    /// A routine evolution: it must break nothing.
    pub routine: bool,
    /// Edits of the old side's record (a case's `new.names.lock`).
    pub names_edits: Option<Record>,
}

/// What the oracles found for one case.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    pub report: Report,
    /// The probe's compiler errors (or missing features); empty when it compiled.
    pub probe_errors: Vec<String>,
    /// `Some(true)` when cargo-semver-checks demands a major version.
    pub semver_major: Option<bool>,
    pub routine: bool,
}

impl Outcome {
    /// The probe agrees with api-diff: it fails to compile exactly when a change does not compile.
    pub fn probe_agrees(&self) -> bool {
        self.probe_errors.is_empty() != self.report.breaks_compilation()
    }

    /// Where cargo-semver-checks demands a major version, api-diff says breaking.
    pub fn semver_agrees(&self) -> bool {
        self.semver_major != Some(true) || self.report.has_breaking()
    }

    /// A routine evolution breaks nothing, by every judge.
    pub fn routine_holds(&self) -> bool {
        !self.routine
            || (!self.report.has_breaking()
                && self.probe_errors.is_empty()
                && self.semver_major != Some(true))
    }
}

pub fn run(args: &Args, root: &Path) -> ExitCode {
    let folders = args.fixtures.iter().map(|f| (f, false));
    let folders = folders.chain(args.evolutions.iter().map(|f| (f, true)));
    let mut cases = Vec::new();
    for (folder, routine) in folders {
        match read_cases(&root.join(folder), routine, &args.case, root) {
            Ok(found) => cases.extend(found),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    match check(&cases, !args.no_semver_checks, root) {
        Ok(outcomes) => summarise(&outcomes, !args.no_semver_checks),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The pairs under `folder` whose name contains one of `only` (all when it is empty).
fn read_cases(
    folder: &Path,
    routine: bool,
    only: &[String],
    root: &Path,
) -> Result<Vec<Case>, String> {
    let pairs = pairs::pairs(folder).map_err(|e| format!("reading {}: {e}", folder.display()))?;
    let read = |side: &pairs::Source| -> Result<Spec, String> {
        let path = side.path();
        let label = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        Ok(Spec {
            label,
            bytes: side.read()?,
            names: None,
        })
    };
    let wanted = pairs
        .into_iter()
        .filter(|p| only.is_empty() || only.iter().any(|c| p.name.contains(c.as_str())));
    wanted
        .map(|pair| {
            let name = match folder.file_name() {
                Some(f) => format!("{}/{}", f.to_string_lossy(), pair.name),
                None => pair.name.clone(),
            };
            Ok(Case {
                name,
                old: read(&pair.old)?,
                new: read(&pair.new)?,
                routine,
                names_edits: generator::names_lock::edits(&pair)?,
            })
        })
        .collect()
}

/// Prints a line per case and the totals; fails when an oracle disagrees with api-diff.
pub fn summarise(outcomes: &[Outcome], semver: bool) -> ExitCode {
    let mut disagreements = 0;
    for o in outcomes {
        let verdict = if o.report.breaks_compilation() {
            "does not compile"
        } else if o.report.has_breaking() {
            "misbehaves"
        } else {
            "compatible"
        };
        let probe = if o.probe_errors.is_empty() {
            "compiles"
        } else {
            "fails"
        };
        let semver_word = match o.semver_major {
            Some(true) => "major",
            Some(false) => "minor",
            None => "-",
        };
        let ok = o.probe_agrees() && o.semver_agrees() && o.routine_holds();
        disagreements += usize::from(!ok);
        println!(
            "{} {:<55} api-diff: {verdict:<16} probe: {probe:<8} semver-checks: {semver_word}",
            if ok { "ok  " } else { "FAIL" },
            o.name
        );
        if !o.probe_agrees() {
            for e in o.probe_errors.iter().take(5) {
                println!("       {e}");
            }
        }
    }
    let probes = outcomes.iter().filter(|o| o.probe_agrees()).count();
    println!(
        "oracle: {} pairs; the probe agrees with api-diff on {probes}{}",
        outcomes.len(),
        if semver {
            let judged = outcomes
                .iter()
                .filter(|o| o.semver_major == Some(true))
                .count();
            format!(
                "; cargo-semver-checks demands a major version on {judged}, all called breaking: {}",
                outcomes.iter().all(Outcome::semver_agrees)
            )
        } else {
            String::new()
        }
    );
    if disagreements == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: {disagreements} pair(s) where an oracle disagrees with api-diff");
        ExitCode::FAILURE
    }
}

/// `case` with its new side's record of names: its own, else the old side's (with the case's
/// edits), as `cargo xtask codegen` regenerates a crate.
fn with_records(case: &Case) -> Result<Case, String> {
    let mut case = case.clone();
    if case.new.names.is_none() {
        let mut names = load(&case.old)?.names;
        if let Some(edits) = &case.names_edits {
            names.overlay(edits);
        }
        case.new.names = Some(names);
    }
    Ok(case)
}

/// Run the oracles on `cases`.
pub fn check(cases: &[Case], semver: bool, root: &Path) -> Result<Vec<Outcome>, String> {
    let cases: Vec<Case> = cases.iter().map(with_records).collect::<Result<_, _>>()?;
    let cases = cases.as_slice();
    let dir = root.join("target/oracle");
    let _ = std::fs::remove_dir_all(dir.join("crates"));
    let _ = std::fs::remove_dir_all(dir.join("probes"));
    let started = Instant::now();
    let mut specs: Vec<&Spec> = Vec::new();
    let mut ids = Vec::new();
    for case in cases {
        let mut pair = [0; 2];
        for (slot, spec) in pair.iter_mut().zip([&case.old, &case.new]) {
            *slot = specs.iter().position(|s| *s == spec).unwrap_or_else(|| {
                specs.push(spec);
                specs.len() - 1
            });
        }
        ids.push((pair[0], pair[1]));
    }
    let apis: Vec<generator::model::Api> =
        specs.iter().map(|s| load(s)).collect::<Result<_, _>>()?;
    let mut members = Vec::new();
    let mut features = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let out = dir.join(format!("crates/spec-{i}"));
        write_crate(spec, &format!("spec-{i}"), &out, root)?;
        members.push(format!("crates/spec-{i}"));
        features.push(
            Surface::new(&apis[i])
                .features
                .list
                .iter()
                .map(|(n, _)| n.clone())
                .collect::<Vec<_>>(),
        );
    }
    for (c, &(old, new)) in ids.iter().enumerate() {
        let surface = Surface::new(&apis[old]);
        let files = generator::emit_rust::probe_crate(
            &surface,
            &format!("spec-{new}"),
            &format!("../../crates/spec-{new}"),
        );
        let files = files
            .into_iter()
            .map(|(path, text)| {
                (
                    path,
                    text.replace("name = \"probe\"", &format!("name = \"probe-{c}\"")),
                )
            })
            .collect();
        write_files(&dir.join(format!("probes/probe-{c}")), &files)?;
        members.push(format!("probes/probe-{c}"));
    }
    write_workspace(&dir, &members, root)?;
    eprintln!(
        "oracle: {} crates and {} probes written in {:.1?}",
        specs.len(),
        cases.len(),
        started.elapsed()
    );
    let started = Instant::now();
    let errors = cargo_check(&dir)?;
    eprintln!("oracle: cargo check in {:.1?}", started.elapsed());
    for (i, spec) in specs.iter().enumerate() {
        if let Some(e) = errors.get(&format!("spec-{i}")) {
            return Err(format!(
                "the crate generated from {} does not compile:\n{}",
                spec.label,
                e.join("\n")
            ));
        }
    }
    let rustdoc = if semver {
        let started = Instant::now();
        let docs = rustdoc_all(&dir, specs.len())?;
        eprintln!(
            "oracle: rustdoc JSON of {} crates in {:.1?}",
            specs.len(),
            started.elapsed()
        );
        Some(docs)
    } else {
        None
    };
    let started = Instant::now();
    let mut outcomes = Vec::new();
    for (c, (case, &(old, new))) in cases.iter().zip(&ids).enumerate() {
        let report = diff::compare(&apis[old], &apis[new]);
        let mut probe_errors = errors
            .get(&format!("probe-{c}"))
            .cloned()
            .unwrap_or_default();
        for missing in features[old].iter().filter(|f| !features[new].contains(f)) {
            probe_errors.push(format!(
                "the crate has no feature `{missing}`, which the probe enables"
            ));
        }
        let semver_major = match &rustdoc {
            Some(docs) => Some(semver_checks(&docs[old], &docs[new])?),
            None => None,
        };
        outcomes.push(Outcome {
            name: case.name.clone(),
            report,
            probe_errors,
            semver_major,
            routine: case.routine,
        });
    }
    if semver {
        eprintln!(
            "oracle: cargo-semver-checks on {} pairs in {:.1?}",
            cases.len(),
            started.elapsed()
        );
    }
    Ok(outcomes)
}

fn load(spec: &Spec) -> Result<generator::model::Api, String> {
    let doc = generator::load_bytes(&spec.label, &spec.bytes).map_err(|d| d.to_string())?;
    let options = Options {
        names: spec.names.clone(),
        ..Options::default()
    };
    let (api, _) = generator::lower::lower(&doc, &options).map_err(|d| d.to_string())?;
    Ok(api)
}

/// The crate generated from `spec`, as package `package` whose library is named `sdk` (so the
/// rustdoc of every version names the same crate, as cargo-semver-checks needs).
fn write_crate(spec: &Spec, package: &str, out: &Path, root: &Path) -> Result<(), String> {
    let options = Options {
        crate_name: package.to_owned(),
        workspace_member: true,
        docs: false,
        runtime: generator::RuntimeDep::Path(crate::codegen::runtime_path(out, root)),
        names: spec.names.clone(),
        ..Options::default()
    };
    let output =
        generator::generate_bytes(&spec.label, &spec.bytes, &options).map_err(|d| d.to_string())?;
    let mut files: BTreeMap<String, String> = output.files;
    if let Some(manifest) = files.get_mut("Cargo.toml") {
        *manifest = manifest.replacen("[lib]\n", "[lib]\nname = \"sdk\"\n", 1);
    }
    write_files(out, &files)
}

fn write_files(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    for (path, text) in files {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

/// The run's workspace, with the repository's lock file so the dependencies' versions match.
fn write_workspace(dir: &Path, members: &[String], root: &Path) -> Result<(), String> {
    let list: Vec<String> = members.iter().map(|m| format!("    {m:?},")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n",
        list.join("\n")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(())
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.env_remove("RUSTFLAGS");
    cmd
}

/// `cargo check` of the whole workspace, going on past errors: the error messages per package.
fn cargo_check(dir: &Path) -> Result<BTreeMap<String, Vec<String>>, String> {
    let output = cargo()
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json-diagnostic-short",
            "--quiet",
        ])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] != "compiler-message" || msg["message"]["level"] != "error" {
            continue;
        }
        let target = msg["target"]["name"].as_str().unwrap_or_default();
        let package = msg["package_id"].as_str().unwrap_or_default();
        let name = package_name(package).unwrap_or(target).to_owned();
        let text = msg["message"]["rendered"]
            .as_str()
            .unwrap_or_default()
            .trim()
            .to_owned();
        errors.entry(name).or_default().push(text);
    }
    if !output.status.success() && errors.is_empty() {
        return Err(format!(
            "cargo check failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(errors)
}

/// The package name in a cargo package id (`path+file:///…/x#name@0.1.0` or `…#0.1.0`).
fn package_name(id: &str) -> Option<&str> {
    let (url, fragment) = id.rsplit_once('#')?;
    match fragment.split_once('@') {
        Some((name, _)) => Some(name),
        None => url.rsplit('/').next(),
    }
}

/// The rustdoc JSON of every generated crate (one at a time: they share the library name).
fn rustdoc_all(dir: &Path, count: usize) -> Result<Vec<PathBuf>, String> {
    let docs = dir.join("rustdoc");
    std::fs::create_dir_all(&docs).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for i in 0..count {
        let status = cargo()
            .args([
                "rustdoc",
                "--quiet",
                "--lib",
                "-p",
                &format!("spec-{i}"),
                "--",
                "-Zunstable-options",
                "--output-format",
                "json",
            ])
            .env("RUSTC_BOOTSTRAP", "1")
            .current_dir(dir)
            .status()
            .map_err(|e| format!("cannot run cargo rustdoc: {e}"))?;
        if !status.success() {
            return Err(format!("rustdoc of spec-{i} failed"));
        }
        let file = docs.join(format!("spec-{i}.json"));
        std::fs::copy(dir.join("target/doc/sdk.json"), &file).map_err(|e| e.to_string())?;
        out.push(file);
    }
    Ok(out)
}

/// Whether cargo-semver-checks demands a major version from `old` to `new`.
fn semver_checks(old: &Path, new: &Path) -> Result<bool, String> {
    let output = cargo()
        .args([
            "semver-checks",
            "--release-type",
            "minor",
            "--baseline-rustdoc",
        ])
        .arg(old)
        .arg("--current-rustdoc")
        .arg(new)
        .output()
        .map_err(|e| {
            format!("cannot run cargo-semver-checks (`cargo install cargo-semver-checks`): {e}")
        })?;
    let text = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        return Ok(false);
    }
    if text.contains("requires new major version") {
        return Ok(true);
    }
    Err(format!("cargo-semver-checks failed:\n{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_ids_name_their_package() {
        assert_eq!(
            package_name("path+file:///w/target/oracle/probes/probe-3#0.0.0"),
            Some("probe-3")
        );
        assert_eq!(
            package_name("path+file:///w/crates/x#spec-1@0.1.0"),
            Some("spec-1")
        );
        assert_eq!(
            package_name("registry+https://github.com/rust-lang/crates.io-index#serde@1.0.0"),
            Some("serde")
        );
    }
}
