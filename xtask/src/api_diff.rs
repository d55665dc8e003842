//! `cargo xtask api-diff`: what a spec change means for users of the generated crate, between a
//! git revision (or a file) and the working tree.

use crate::codegen::{DEFAULT_OUT, DEFAULT_SPEC};
use generator::diff::{self, Labels, Report};
use generator::model::record::Record;
use generator::names_lock;
use generator::{Diagnostics, Options};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The git revision whose copy of the spec is the base.
    #[arg(long, default_value = "HEAD")]
    pub base: String,
    /// Compare with this file instead of a git revision.
    #[arg(long, conflicts_with = "base")]
    pub base_file: Option<PathBuf>,
    /// The new spec, read from the working tree (default `spec/management.yaml`).
    #[arg(long)]
    pub spec: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Exit 1 when any change is breaking.
    #[arg(long)]
    pub deny_breaking: bool,
    /// Check the verdicts against the compiler: compile a probe written against the base's crate
    /// against the new crate, and run cargo-semver-checks on the two.
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

/// Where one side of the comparison comes from.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    /// `path` as committed at `rev` (read with `git show rev:./path` from the file's folder).
    Git {
        rev: String,
        path: PathBuf,
    },
}

impl Source {
    /// How messages name this side, e.g. `HEAD:spec/management.yaml`.
    pub fn label(&self, root: &Path) -> String {
        match self {
            Source::File(path) => shown(path, root),
            Source::Git { rev, path } => format!("{rev}:{}", shown(path, root)),
        }
    }
}

/// Why a side could not be turned into a model.
#[derive(Debug)]
pub enum Failure {
    Spec(Diagnostics),
    /// The file or the git revision could not be read.
    Io(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Spec(diags) => write!(f, "{diags}"),
            Failure::Io(message) => writeln!(f, "error: {message}"),
        }
    }
}

pub fn run(args: &Args, root: &Path) -> ExitCode {
    let spec = args.spec.clone().unwrap_or_else(|| root.join(DEFAULT_SPEC));
    let base = match &args.base_file {
        Some(file) => Source::File(file.clone()),
        None => Source::Git {
            rev: args.base.clone(),
            path: spec.clone(),
        },
    };
    let head = Source::File(spec);
    let options = Options::default();
    let out = args.spec.is_none().then(|| root.join(DEFAULT_OUT));
    let report = match compare(&base, &head, &options, out.as_deref(), root) {
        Ok(report) => report,
        Err(failures) => {
            failures.iter().for_each(|f| eprint!("{f}"));
            eprintln!("error: cannot compare the specs");
            return ExitCode::from(2);
        }
    };
    let labels = labels(&base, &head, root, args.spec.is_none());
    match args.format {
        Format::Markdown => print!("{}", report.markdown(&labels)),
        Format::Json => print!("{}", report.json(&labels)),
    }
    if args.verify && verify(&base, &head, out.as_deref(), root) != ExitCode::SUCCESS {
        return ExitCode::FAILURE;
    }
    if args.deny_breaking && report.has_breaking() {
        let n = report.count(diff::Class::Breaking);
        eprintln!("error: {n} breaking change(s), and --deny-breaking is set");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Load both sides (reporting every failure of both) and compare their models. Each side keeps
/// the names of the crate at `out` as recorded with it (in its `names.lock` at the base's revision,
/// or on disk); a side without a record takes the base's names, as `codegen` would.
pub fn compare(
    base: &Source,
    head: &Source,
    options: &Options,
    out: Option<&Path>,
    root: &Path,
) -> Result<Report, Vec<Failure>> {
    let with = |names: Option<Record>| Options {
        names,
        ..options.clone()
    };
    let old = record(base, out, root).and_then(|names| load(base, &with(names), root));
    let new = record(head, out, root).and_then(|names| {
        let names = names.or_else(|| old.as_ref().ok().map(|api| api.names.clone()));
        load(head, &with(names), root)
    });
    match (old, new) {
        (Ok(old), Ok(new)) => Ok(diff::compare(&old, &new)),
        (old, new) => Err([old.err(), new.err()].into_iter().flatten().collect()),
    }
}

/// The `names.lock` of the crate at `out` as `side` has it: on disk for a file, at the revision
/// for git (none when the revision has no record).
pub fn record(side: &Source, out: Option<&Path>, root: &Path) -> Result<Option<Record>, Failure> {
    let Some(out) = out else {
        return Ok(None);
    };
    match side {
        Source::File(_) => crate::codegen::read_record(out, root).map_err(Failure::Io),
        Source::Git { rev, .. } => {
            let file = out.join(names_lock::FILE);
            let Ok(bytes) = git_show(rev, &file) else {
                return Ok(None);
            };
            let label = format!("{rev}:{}", shown(&file, root));
            names_lock::parse(&label, &String::from_utf8_lossy(&bytes))
                .map(Some)
                .map_err(Failure::Spec)
        }
    }
}

/// The oracles on this one pair (see `crate::oracle`).
fn verify(base: &Source, head: &Source, out: Option<&Path>, root: &Path) -> ExitCode {
    let spec = |source: &Source| -> Result<crate::oracle::Spec, Failure> {
        let bytes = read(source, root)?;
        Ok(crate::oracle::Spec {
            label: source.label(root),
            bytes,
            names: record(source, out, root)?,
        })
    };
    let case = match (spec(base), spec(head)) {
        (Ok(old), Ok(new)) => crate::oracle::Case {
            name: format!("{} → {}", old.label, new.label),
            old,
            new,
            routine: false,
            names_edits: None,
        },
        (a, b) => {
            [a.err(), b.err()]
                .iter()
                .flatten()
                .for_each(|f| eprint!("{f}"));
            return ExitCode::from(2);
        }
    };
    match crate::oracle::check(&[case], true, root) {
        Ok(outcomes) => crate::oracle::summarise(&outcomes, true),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Read, load and lower one side. Specs read from git are loaded from memory under their
/// `rev:path` label, so diagnostics name the revision; the label keeps the file's extension.
pub fn load(
    source: &Source,
    options: &Options,
    root: &Path,
) -> Result<generator::model::Api, Failure> {
    let bytes = read(source, root)?;
    let doc = generator::load_bytes(&source.label(root), &bytes).map_err(Failure::Spec)?;
    let (api, _warnings) = generator::lower::lower(&doc, options).map_err(Failure::Spec)?;
    Ok(api)
}

fn read(source: &Source, root: &Path) -> Result<Vec<u8>, Failure> {
    match source {
        Source::File(path) => std::fs::read(path)
            .map_err(|e| Failure::Io(format!("cannot read {}: {e}", shown(path, root)))),
        Source::Git { rev, path } => git_show(rev, path),
    }
}

fn git_show(rev: &str, path: &Path) -> Result<Vec<u8>, Failure> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &format!("{rev}:./{name}")])
        .output()
        .map_err(|e| Failure::Io(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        return Err(Failure::Io(format!(
            "cannot read {} at {rev}: {}",
            path.display(),
            why.trim()
        )));
    }
    Ok(output.stdout)
}

/// The labels of a comparison; the version is the checked-in crate's when the spec is ours.
fn labels(base: &Source, head: &Source, root: &Path, default_spec: bool) -> Labels {
    let defaults = Options::default();
    let version = default_spec
        .then(|| crate_version(&root.join(DEFAULT_OUT).join("Cargo.toml")))
        .flatten();
    Labels {
        base: base.label(root),
        head: head.label(root),
        crate_name: defaults.crate_name,
        crate_version: version.unwrap_or(defaults.crate_version),
    }
}

/// The `[package]` version of a Cargo manifest, read without a TOML parser.
fn crate_version(manifest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if let Some(rest) = line.strip_prefix("version").filter(|_| in_package) {
            if let Some(value) = rest.trim_start().strip_prefix('=') {
                return Some(value.trim().trim_matches('"').to_owned());
            }
        }
    }
    None
}

/// What `codegen --check` prints after a drift report: the API changes since the spec that was
/// committed with the checked-in output (the last commit that touched `out`, else `HEAD`).
pub fn check_summary(root: &Path, spec: &Path, out: &Path, options: &Options) -> String {
    let rev = last_commit_touching(root, out).unwrap_or_else(|| "HEAD".to_owned());
    let base = Source::Git {
        rev: rev.clone(),
        path: spec.to_path_buf(),
    };
    let head = Source::File(spec.to_path_buf());
    match compare(&base, &head, options, Some(out), root) {
        Ok(report) if report.changes.is_empty() => format!(
            "\napi-diff: the spec's API is unchanged since {}; the drift comes from the generator or from edits to the output\n",
            base.label(root)
        ),
        Ok(report) => {
            let labels = Labels {
                base: base.label(root),
                head: head.label(root),
                crate_name: options.crate_name.clone(),
                crate_version: options.crate_version.clone(),
            };
            format!("\n{}", report.markdown(&labels))
        }
        Err(failures) => {
            let why: Vec<String> = failures.iter().map(|f| f.to_string().trim().to_owned()).collect();
            format!("\napi-diff: no summary of API changes ({})\n", why.join("; "))
        }
    }
}

fn last_commit_touching(root: &Path, out: &Path) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "-1", "--format=%h", "--"])
        .arg(out)
        .output()
        .ok()?;
    let rev = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (output.status.success() && !rev.is_empty()).then_some(rev)
}

/// `path` relative to the workspace when inside it, for labels.
fn shown(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use generator::diff::{Change, Class};

    /// A scratch git repository that is removed when dropped.
    struct Repo(PathBuf);

    impl Repo {
        fn new(name: &str) -> Repo {
            let dir = std::env::temp_dir().join(format!("api-diff-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let repo = Repo(dir);
            repo.git(&["init", "--quiet"]);
            repo
        }

        fn git(&self, args: &[&str]) {
            let status = Command::new("git")
                .arg("-C")
                .arg(&self.0)
                .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
                .args(args)
                .status()
                .unwrap();
            assert!(status.success(), "git {args:?}");
        }

        fn write(&self, path: &str, text: &str) -> PathBuf {
            let file = self.0.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, text).unwrap();
            file
        }

        fn commit(&self, message: &str) {
            self.git(&["add", "-A"]);
            self.git(&["commit", "--quiet", "-m", message]);
        }
    }

    impl Drop for Repo {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// One side of a fixture pair of `generator/tests/diff/` (a missing side is its base.yaml).
    fn fixture(case: &str, side: &str) -> String {
        let dir = crate::workspace_root().join("generator/tests/diff");
        let path = dir.join(case).join(format!("{side}.yaml"));
        let path = if path.exists() {
            path
        } else {
            dir.join("base.yaml")
        };
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Each side keeps the names its `names.lock` records: a rename in the working tree's record
    /// is breaking, and a side without a record takes the base's names.
    #[test]
    fn each_side_is_named_by_its_own_record() {
        let repo = Repo::new("names");
        let base_yaml = fixture("field-removed", "old");
        let spec = repo.write("spec/api.yaml", &base_yaml);
        let out = repo.0.join("out");
        let api = load(&Source::File(spec.clone()), &Options::default(), &repo.0).unwrap();
        let lock = names_lock::render(&api.names);
        repo.write("out/names.lock", &lock);
        repo.commit("base");
        let base = Source::Git {
            rev: "HEAD".into(),
            path: spec.clone(),
        };
        let head = Source::File(spec.clone());
        let same = compare(&base, &head, &Options::default(), Some(&out), &repo.0).unwrap();
        assert!(same.changes.is_empty(), "{:?}", same.changes);
        let renamed = lock.replace("nickname = \"nickname\"", "nickname = \"pet_nickname\"");
        assert_ne!(renamed, lock);
        repo.write("out/names.lock", &renamed);
        let report = compare(&base, &head, &Options::default(), Some(&out), &repo.0).unwrap();
        let change = &report.changes[0];
        assert_eq!(
            (change.change, change.class),
            (Change::RustRenamed, Class::Breaking)
        );
        assert_eq!(change.subject, "PetDto.nickname");
        std::fs::remove_file(out.join("names.lock")).unwrap();
        let unrecorded = compare(&base, &head, &Options::default(), Some(&out), &repo.0).unwrap();
        assert!(unrecorded.changes.is_empty(), "{:?}", unrecorded.changes);
    }

    #[test]
    fn a_required_request_field_in_the_working_tree_is_breaking_against_head() {
        let repo = Repo::new("head");
        let spec = repo.write("spec/api.yaml", &fixture("field-added-required", "old"));
        repo.commit("base");
        repo.write("spec/api.yaml", &fixture("field-added-required", "new"));
        let base = Source::Git {
            rev: "HEAD".into(),
            path: spec.clone(),
        };
        let report = compare(
            &base,
            &Source::File(spec),
            &Options::default(),
            None,
            &repo.0,
        )
        .unwrap();
        let change = &report.changes[0];
        assert_eq!(
            (change.change, change.class),
            (Change::FieldAddedRequired, Class::Breaking)
        );
        assert_eq!(change.operation.as_ref().unwrap().name, "update_pet");
        assert_eq!(change.subject, "UpdatePetDto.color");
        let labels = labels(
            &base,
            &Source::File(repo.0.join("spec/api.yaml")),
            &repo.0,
            false,
        );
        assert_eq!(labels.base, "HEAD:spec/api.yaml");
        assert!(report
            .markdown(&labels)
            .contains("UpdatePetDto.color` (string) added, required"));
    }

    #[test]
    fn the_check_summary_compares_with_the_spec_committed_with_the_output() {
        let repo = Repo::new("check");
        let spec = repo.write("spec/api.yaml", &fixture("field-added-required", "old"));
        repo.write("out/lib.rs", "// generated\n");
        repo.commit("spec and output");
        repo.write("spec/api.yaml", &fixture("field-added-required", "new"));
        repo.commit("spec only: the output is now stale");
        let summary = check_summary(&repo.0, &spec, &repo.0.join("out"), &Options::default());
        assert!(
            summary.contains("**breaking** (does not compile): request body `UpdatePetDto.color`"),
            "{summary}"
        );
        assert!(
            !summary.contains("HEAD:"),
            "the base is the output's commit: {summary}"
        );
    }

    #[test]
    fn the_check_summary_says_when_the_api_did_not_change() {
        let repo = Repo::new("same");
        let spec = repo.write("api.yaml", &fixture("field-added-required", "old"));
        repo.write("out/lib.rs", "// generated\n");
        repo.commit("base");
        let summary = check_summary(&repo.0, &spec, &repo.0.join("out"), &Options::default());
        assert!(summary.contains("API is unchanged"), "{summary}");
    }

    #[test]
    fn invalid_specs_on_both_sides_fail_with_located_diagnostics() {
        let repo = Repo::new("invalid");
        let base = repo.write("base.yaml", "openapi: 3.0.3\ninfo: [unclosed\n");
        let head = repo.write("head.yaml", "{\"openapi\": ");
        let failures = compare(
            &Source::File(base),
            &Source::File(head),
            &Options::default(),
            None,
            &repo.0,
        )
        .unwrap_err();
        let text: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[0].starts_with("base.yaml:"), "{}", text[0]);
        assert!(text[1].starts_with("head.yaml:1:"), "{}", text[1]);
    }

    #[test]
    fn an_unknown_revision_names_the_revision() {
        let repo = Repo::new("norev");
        let spec = repo.write("api.yaml", &fixture("field-added-required", "old"));
        repo.commit("base");
        let base = Source::Git {
            rev: "no-such-branch".into(),
            path: spec.clone(),
        };
        let failures = compare(
            &base,
            &Source::File(spec),
            &Options::default(),
            None,
            &repo.0,
        )
        .unwrap_err();
        assert!(
            failures[0].to_string().contains("at no-such-branch"),
            "{:?}",
            failures
        );
    }

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn the_base_is_head_unless_a_revision_or_a_file_is_given() {
        let args = Cli::parse_from(["api-diff"]).args;
        assert_eq!(
            (args.base.as_str(), args.format),
            ("HEAD", Format::Markdown)
        );
        let args = Cli::parse_from(["api-diff", "--base-file", "a.yaml", "--format", "json"]).args;
        assert_eq!(args.base_file, Some(PathBuf::from("a.yaml")));
        assert!(
            Cli::try_parse_from(["api-diff", "--base", "main", "--base-file", "a.yaml"]).is_err()
        );
    }

    #[test]
    fn the_crate_version_comes_from_the_package_section() {
        let repo = Repo::new("manifest");
        let manifest = repo.write(
            "Cargo.toml",
            "# header\n[package]\nname = \"x\"\nversion = \"0.4.2\"\n[dependencies]\nversion = \"9\"\n",
        );
        assert_eq!(crate_version(&manifest).as_deref(), Some("0.4.2"));
    }
}
