//! `cargo xtask codegen`: spec → crate and docs, written atomically or checked for drift.

use crate::write;
use generator::model::record::Record;
use generator::{names_lock, Language, Options, RuntimeDep};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 with a diff when the output on disk is stale.
    #[arg(long)]
    pub check: bool,
    /// The spec to generate from (YAML or JSON).
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// Where the crate goes; a standalone crate unless it is this workspace's `generated-client`.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The client struct's name, overriding the spec.
    #[arg(long)]
    pub client_name: Option<String>,
    /// Docs language (`en` or `zh-CN`), overriding the spec.
    #[arg(long, value_parser = parse_language)]
    pub language: Option<Language>,
    /// The generated crate's package name.
    #[arg(long)]
    pub crate_name: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Generate the crate only, without the Markdown reference pages under `docs/`.
    #[arg(long)]
    pub no_docs: bool,
    /// Where the crate gets `sdk-runtime`: `path=DIR` (a folder; a relative one is taken from
    /// the current directory), `git=URL[,rev=REV]`, `version=REQ` (a registry), or `vendor` (a
    /// copy inside the crate). Default: this workspace's `runtime/` by a relative path when
    /// the output is inside the workspace, else `vendor`.
    #[arg(long, value_name = "SOURCE", value_parser = parse_runtime)]
    pub runtime: Option<RuntimeArg>,
    /// Drop the names that the crate's `names.lock` keeps for items the spec no longer has, so
    /// new items may take them.
    #[arg(long)]
    pub forget_removed_names: bool,
}

/// The `--runtime` choice, before a path is made relative to the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeArg {
    Path(PathBuf),
    Git { url: String, rev: Option<String> },
    Version(String),
    Vendor,
}

fn parse_runtime(s: &str) -> Result<RuntimeArg, String> {
    let usage = "use path=DIR, git=URL[,rev=REV], version=REQ or vendor";
    if s == "vendor" {
        return Ok(RuntimeArg::Vendor);
    }
    let (key, value) = s
        .split_once('=')
        .filter(|(_, value)| !value.is_empty())
        .ok_or_else(|| format!("invalid runtime source {s:?}: {usage}"))?;
    match key {
        "path" => Ok(RuntimeArg::Path(PathBuf::from(value))),
        "version" => Ok(RuntimeArg::Version(value.to_owned())),
        "git" => {
            let (url, rev) = match value.rsplit_once(",rev=") {
                Some((url, rev)) if !rev.is_empty() => (url, Some(rev.to_owned())),
                Some(_) => return Err(format!("invalid runtime source {s:?}: empty rev")),
                None => (value, None),
            };
            Ok(RuntimeArg::Git {
                url: url.to_owned(),
                rev,
            })
        }
        other => Err(format!("unknown runtime source {other:?}: {usage}")),
    }
}

fn parse_language(s: &str) -> Result<Language, String> {
    match s.to_ascii_lowercase().as_str() {
        "en" => Ok(Language::En),
        "zh" | "zh-cn" => Ok(Language::ZhCn),
        other => Err(format!("unknown language {other:?}: use `en` or `zh-CN`")),
    }
}

pub const DEFAULT_SPEC: &str = "spec/management.yaml";
pub const DEFAULT_OUT: &str = "generated-client";

/// The spec, the output folder and the options that `args` ask for, with the names recorded in
/// the output folder's `names.lock` (an error, located, when it cannot be read).
pub fn plan(args: &Args, root: &Path) -> Result<(PathBuf, PathBuf, Options), String> {
    let default_target = args.spec.is_none() && args.out.is_none();
    let spec = args.spec.clone().unwrap_or_else(|| root.join(DEFAULT_SPEC));
    let out = args.out.clone().unwrap_or_else(|| root.join(DEFAULT_OUT));
    let crate_name = args.crate_name.clone().unwrap_or_else(|| {
        if default_target {
            "generated-client".to_owned()
        } else {
            crate_name_for(&out)
        }
    });
    let options = Options {
        client_name: args.client_name.clone(),
        language: args.language,
        crate_name,
        crate_version: "0.1.0".into(),
        workspace_member: default_target,
        docs: !args.no_docs,
        runtime: runtime_dep(args.runtime.as_ref(), &out, root),
        names: read_record(&out, root)?,
        forget_removed_names: args.forget_removed_names,
    };
    Ok((spec, out, options))
}

/// The record of names in the crate at `out`, if it has one.
pub fn read_record(out: &Path, root: &Path) -> Result<Option<Record>, String> {
    let file = out.join(names_lock::FILE);
    match std::fs::read_to_string(&file) {
        Ok(text) => names_lock::parse(&display_path(&file, root).to_string_lossy(), &text)
            .map(Some)
            .map_err(|d| d.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("error: cannot read {}: {e}\n", file.display())),
    }
}

/// The `sdk-runtime` dependency of the crate at `out`: as `--runtime` says, else this
/// workspace's runtime by a relative path when `out` is inside the workspace, else vendored.
fn runtime_dep(arg: Option<&RuntimeArg>, out: &Path, root: &Path) -> RuntimeDep {
    match arg {
        None if absolute(out).starts_with(absolute(root)) => {
            RuntimeDep::Path(runtime_path(out, root))
        }
        None | Some(RuntimeArg::Vendor) => RuntimeDep::Vendor,
        Some(RuntimeArg::Path(dir)) if dir.is_absolute() => {
            RuntimeDep::Path(dir.to_string_lossy().into_owned())
        }
        Some(RuntimeArg::Path(dir)) => RuntimeDep::Path(relative_path(out, dir)),
        Some(RuntimeArg::Git { url, rev }) => RuntimeDep::Git {
            url: url.clone(),
            rev: rev.clone(),
        },
        Some(RuntimeArg::Version(req)) => RuntimeDep::Version(req.clone()),
    }
}

/// The path from the crate at `out` to this workspace's `runtime/` crate, relative when both are
/// on one tree (`../runtime` for `generated-client`), with `/` between parts on every system.
pub fn runtime_path(out: &Path, root: &Path) -> String {
    relative_path(out, &root.join("runtime"))
}

/// `p` made absolute (against the current directory) without `.` and `..` parts.
fn absolute(p: &Path) -> PathBuf {
    let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut clean = PathBuf::new();
    for part in p.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// The path from the folder `from` to `to`, relative when both are on one tree, with `/`
/// between parts on every system.
fn relative_path(from: &Path, to: &Path) -> String {
    let (from, to) = (absolute(from), absolute(to));
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = std::iter::repeat_n("..".to_owned(), from.components().count() - common);
    let downs = to
        .components()
        .skip(common)
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

pub fn run(args: &Args, root: &Path) -> ExitCode {
    let (spec, out, options) = match plan(args, root) {
        Ok(plan) => plan,
        Err(message) => {
            eprint!("{message}");
            eprintln!("error: generation failed; nothing was written");
            return ExitCode::from(2);
        }
    };
    let output = match generator::generate_file(&display_path(&spec, root), &options) {
        Ok(output) => output,
        Err(diags) => {
            eprint!("{diags}");
            eprintln!("error: generation failed; nothing was written");
            return ExitCode::from(2);
        }
    };
    let mut warnings = output.warnings.clone();
    if args.deny_warnings && !warnings.is_empty() {
        warnings.deny_warnings();
        eprint!("{warnings}");
        eprintln!("error: warnings denied; nothing was written");
        return ExitCode::from(2);
    }
    eprint!("{warnings}");
    let mut trees = vec![(out.clone(), output.files)];
    if args.spec.is_none() && args.out.is_none() {
        match crate::project_docs::pages(root) {
            Ok(pages) => trees.push((root.join(crate::project_docs::FOLDER), pages)),
            Err(e) => {
                eprintln!("error: the project's pages: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let mut status = ExitCode::SUCCESS;
    for (dir, files) in &trees {
        let done = if args.check {
            let summary = || crate::api_diff::check_summary(root, &spec, &out, &options);
            check(dir, files, summary)
        } else {
            write_tree(dir, files)
        };
        if done != ExitCode::SUCCESS {
            status = done;
        }
    }
    status
}

fn write_tree(dir: &Path, files: &std::collections::BTreeMap<String, String>) -> ExitCode {
    match write::write(dir, files) {
        Ok(true) => {
            eprintln!("wrote {} files to {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        Ok(false) => {
            eprintln!("{} is up to date", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

/// On drift, `summary` says what the spec change means for users (see `api_diff::check_summary`).
fn check(
    out: &Path,
    files: &std::collections::BTreeMap<String, String>,
    summary: impl FnOnce() -> String,
) -> ExitCode {
    match write::check(out, files) {
        Ok(drift) if drift.is_clean() => {
            eprintln!("{} is up to date", out.display());
            ExitCode::SUCCESS
        }
        Ok(drift) => {
            print!("{}", drift.report(out));
            print!("{}", summary());
            eprintln!(
                "error: {} is stale; run `cargo xtask codegen` and commit the result",
                out.display()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: reading {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// The spec path as the user should see it in messages: relative to the workspace when inside it.
fn display_path(spec: &Path, root: &Path) -> PathBuf {
    match spec.strip_prefix(root) {
        Ok(rel) if std::env::current_dir().is_ok_and(|d| d == root) => rel.to_path_buf(),
        _ => spec.to_path_buf(),
    }
}

/// A package name from the output folder's name.
fn crate_name_for(out: &Path) -> String {
    let base: String = out
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let base = base.trim_matches('-');
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("sdk-{base}")
    } else {
        base.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn default_args() -> Args {
        Cli::parse_from(["codegen"]).args
    }

    #[test]
    fn the_runtime_is_found_relative_to_the_crate() {
        let root = Path::new("/w/repo");
        assert_eq!(
            runtime_path(&root.join("generated-client"), root),
            "../runtime"
        );
        assert_eq!(
            runtime_path(&root.join("target/corpus/nexus"), root),
            "../../../runtime"
        );
        assert_eq!(
            runtime_path(Path::new("/tmp/sdk"), root),
            "../../w/repo/runtime"
        );
        assert_eq!(runtime_path(&root.join("x/../y"), root), "../runtime");
    }

    /// `cargo test` fails when the checked-in crate is stale, like `codegen --check`.
    #[test]
    fn generated_client_is_up_to_date() {
        let root = crate::workspace_root();
        let (spec, out, options) = plan(&default_args(), &root).unwrap();
        let output = generator::generate_file(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
        let drift = write::check(&out, &output.files).unwrap();
        assert!(
            drift.is_clean(),
            "{}\nrun `cargo xtask codegen`",
            drift.report(&out)
        );
    }

    #[test]
    fn editing_a_description_makes_the_check_name_the_page_and_the_code() {
        let root = crate::workspace_root();
        let (spec, out, options) = plan(&default_args(), &root).unwrap();
        let text = std::fs::read_to_string(&spec).unwrap();
        let needle = "Token used to temporarily modify the phone number";
        assert!(text.contains(needle), "the spec describes updatePhoneToken");
        let edited = std::env::temp_dir().join(format!("edited-spec-{}.yaml", std::process::id()));
        std::fs::write(
            &edited,
            text.replace(needle, "A token that changes the phone number"),
        )
        .unwrap();
        let output = generator::generate_file(&edited, &options).unwrap();
        let drift = write::check(&out, &output.files).unwrap();
        let stale: Vec<&str> = drift.stale.iter().map(|(p, _)| p.as_str()).collect();
        assert!(
            stale.iter().any(|p| p.ends_with("update-phone.md")),
            "{stale:?}"
        );
        assert!(stale.iter().any(|p| p.ends_with(".rs")), "{stale:?}");
        assert!(
            drift.report(&out).contains("+| updatePhoneToken"),
            "the diff shows the new row"
        );
    }

    #[test]
    fn runtime_sources_parse_and_default_by_where_the_crate_goes() {
        let parsed = |s: &str| parse_runtime(s);
        assert_eq!(parsed("vendor"), Ok(RuntimeArg::Vendor));
        assert_eq!(
            parsed("git=https://g.example/r.git,rev=v1.2"),
            Ok(RuntimeArg::Git {
                url: "https://g.example/r.git".into(),
                rev: Some("v1.2".into())
            })
        );
        assert_eq!(
            parsed("git=file:///tmp/a,b"),
            Ok(RuntimeArg::Git {
                url: "file:///tmp/a,b".into(),
                rev: None
            })
        );
        assert_eq!(parsed("version=0.1"), Ok(RuntimeArg::Version("0.1".into())));
        for bad in ["path=", "git=u,rev=", "crates", "svn=x"] {
            assert!(parsed(bad).is_err(), "{bad}");
        }
        let root = Path::new("/w/repo");
        assert_eq!(
            runtime_dep(None, &root.join("target/corpus/x"), root),
            RuntimeDep::Path("../../../runtime".into())
        );
        assert_eq!(
            runtime_dep(None, Path::new("/tmp/sdk"), root),
            RuntimeDep::Vendor
        );
        let dir = RuntimeArg::Path(PathBuf::from("/opt/rt"));
        assert_eq!(
            runtime_dep(Some(&dir), Path::new("/tmp/sdk"), root),
            RuntimeDep::Path("/opt/rt".into())
        );
    }

    #[test]
    fn output_folders_name_their_crates() {
        assert_eq!(crate_name_for(Path::new("/tmp/Pet Store")), "pet-store");
        assert_eq!(crate_name_for(Path::new("out/3d")), "sdk-3d");
    }
}
