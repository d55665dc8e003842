//! A generated crate copied out of this repository builds with `sdk-runtime` taken each way
//! `codegen --runtime` offers: `path=` (absolute), `git=` (a local repository), `version=` (a
//! registry, patched to a path here since the runtime is not published) and `vendor` (the
//! default outside this workspace). The runtime is checked with warnings denied, with and
//! without its `authing` feature.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    dir.canonicalize().unwrap_or(dir)
}

fn temp() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-portable-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(command: &mut Command) -> String {
    let output = command.output().expect("the command runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

/// Generates `spec` into `out` with `--runtime runtime` (none: the default).
fn generate(spec: &str, out: &Path, runtime: Option<&str>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .arg("codegen")
        .arg("--spec")
        .arg(workspace().join(spec))
        .arg("--out")
        .arg(out)
        .arg("--no-docs");
    if let Some(runtime) = runtime {
        command.arg("--runtime").arg(runtime);
    }
    run(&mut command);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `cargo check` in `dir`, with this workspace's lock file (so that no newer dependency is
/// fetched) and one target dir for every crate of the test.
fn check(dir: &Path) {
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo)
        .arg("check")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace().join("target/portable"))
        .env("RUSTFLAGS", "-D warnings"));
}

/// A git repository holding a copy of the runtime crate; its URL and commit.
///
/// Its place and dates are fixed, so that the same sources give the same URL and commit and
/// cargo's git cache does not grow with every run.
fn runtime_repository() -> (String, String) {
    let dir = workspace().join("target/portable/runtime-git");
    let dir = dir.as_path();
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let runtime = workspace().join("runtime");
    for file in ["Cargo.toml", "README.md"] {
        std::fs::copy(runtime.join(file), dir.join(file)).unwrap();
    }
    copy_tree(&runtime.join("src"), &dir.join("src"));
    let git = |args: &[&str]| {
        run(Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .env("GIT_AUTHOR_DATE", "2000-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2000-01-01T00:00:00Z")
            .current_dir(dir))
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "runtime"]);
    let commit = git(&["rev-parse", "HEAD"]).trim().to_owned();
    (format!("file://{}", dir.display()), commit)
}

#[test]
fn a_copied_crate_builds_with_the_runtime_from_anywhere() {
    let tmp = temp();
    let runtime_dir = workspace().join("runtime");
    let (url, commit) = runtime_repository();
    let cases = [
        ("path", Some(format!("path={}", runtime_dir.display()))),
        ("git", Some(format!("git={url},rev={commit}"))),
        ("version", Some("version=0.1".to_owned())),
        ("vendor", None),
    ];
    for (name, runtime) in cases {
        let generated = tmp.join(format!("generated-{name}"));
        generate(
            "generator/tests/features/security.yaml",
            &generated,
            runtime.as_deref(),
        );
        let copied = tmp.join("elsewhere").join(name);
        copy_tree(&generated, &copied);
        let manifest_path = copied.join("Cargo.toml");
        let mut manifest = std::fs::read_to_string(&manifest_path).unwrap();
        assert!(!manifest.contains("authing"), "{manifest}");
        if name == "version" {
            manifest.push_str(&format!(
                "\n[patch.crates-io]\nsdk-runtime = {{ path = {:?} }}\n",
                runtime_dir.display().to_string()
            ));
            std::fs::write(&manifest_path, &manifest).unwrap();
        }
        if name == "vendor" {
            assert!(manifest.contains(r#"path = "sdk-runtime""#), "{manifest}");
            assert!(copied.join("sdk-runtime/src/lib.rs").is_file());
        }
        check(&copied);
    }
    let authing = tmp.join("elsewhere/authing");
    generate("generator/tests/features/authing.yaml", &authing, None);
    let manifest = std::fs::read_to_string(authing.join("Cargo.toml")).unwrap();
    assert!(manifest.contains(r#"features = ["authing"]"#), "{manifest}");
    check(&authing);
    let _ = std::fs::remove_dir_all(&tmp);
}
