//! `cargo xtask codegen` as a user runs it: exit status 2 on spec errors and on denied warnings,
//! and a failing or checking run never touches the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn codegen(spec: &str, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .arg("--spec")
        .arg(workspace().join(spec))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("xtask runs")
}

/// Every file under `dir` with its bytes, to compare a tree before and after.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                all.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    all
}

fn seeded(name: &str) -> PathBuf {
    let out = temp(name).join("sdk");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("src/lib.rs"), "// hand-placed, must survive\n").unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\n").unwrap();
    out
}

#[test]
fn a_spec_with_errors_exits_2_and_leaves_the_output_as_it_was() {
    let out = seeded("errors");
    let before = snapshot(out.parent().unwrap());
    let run = codegen("generator/tests/bad/many-problems.yaml", &out, &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("many-problems.yaml:20:17: error: #/paths/"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        snapshot(out.parent().unwrap()),
        before,
        "no file changed, none added"
    );
}

#[test]
fn check_reports_drift_without_writing() {
    let out = seeded("check");
    let before = snapshot(out.parent().unwrap());
    let run = codegen("fuzz/seeds/minimal.yaml", &out, &["--check"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stdout).contains("stale: "));
    assert_eq!(snapshot(out.parent().unwrap()), before);
    let missing = temp("check-missing").join("sdk");
    assert_eq!(
        codegen("fuzz/seeds/minimal.yaml", &missing, &["--check"])
            .status
            .code(),
        Some(1)
    );
    assert!(!missing.exists(), "--check never creates the folder");
}

#[test]
fn deny_warnings_turns_warnings_into_errors() {
    let spec = "generator/tests/bad/unsupported-warnings.yaml";
    let out = seeded("deny");
    let before = snapshot(out.parent().unwrap());
    let denied = codegen(spec, &out, &["--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert_eq!(denied.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: #/paths/~1subscribe/post/callbacks: callbacks are not supported"),
        "{stderr}"
    );
    assert_eq!(snapshot(out.parent().unwrap()), before);
    let allowed = codegen(spec, &out, &[]);
    let stderr = String::from_utf8_lossy(&allowed.stderr);
    assert_eq!(allowed.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: #/components/schemas/Pet/xml"),
        "{stderr}"
    );
    assert!(out.join("src/lib.rs").is_file());
}

/// `names.lock` beside the crate in `--out`: an added property whose Rust name collides leaves the
/// existing field's name alone, `--check` fails on a stale record, and a removed item's name is
/// freed only by `--forget-removed-names`.
#[test]
fn the_record_of_names_keeps_them_until_told_to_forget() {
    let dir = temp("names");
    let out = dir.join("sdk");
    std::fs::create_dir_all(&dir).unwrap();
    let base = workspace().join("generator/tests/evolution/generic/base.yaml");
    let base = std::fs::read_to_string(base).unwrap();
    let fields =
        "        name:\n          type: string\n        tag:\n          type: string\n    PetDto:";
    assert!(base.contains(fields), "PatchPetDto's properties");
    let spec = dir.join("api.yaml");
    let run = |text: &str, extra: &[&str]| {
        std::fs::write(&spec, text).unwrap();
        let run = codegen(
            spec.to_str().unwrap(),
            &out,
            &[&["--no-docs"], extra].concat(),
        );
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        let lock = std::fs::read_to_string(out.join("names.lock")).unwrap_or_default();
        (run.status.code(), stderr, lock)
    };
    let (status, stderr, lock) = run(&base, &[]);
    assert_eq!(status, Some(0), "{stderr}");
    let scope = "[fields.\"#/components/schemas/PatchPetDto\"]\nname = \"name\"\ntag = \"tag\"\n";
    assert!(lock.contains(scope), "{lock}");

    let colliding = "        name:\n          type: string\n        Tag:\n          type: string\n        tag:\n          type: string\n    PetDto:";
    let added = base.replace(fields, colliding);
    let (status, stderr, lock) = run(&added, &[]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        lock.contains("Tag = \"tag2\"\nname = \"name\"\ntag = \"tag\"\n"),
        "{lock}"
    );
    let types = std::fs::read_to_string(out.join("src/types.rs")).unwrap_or_default();
    assert!(types.contains("pub tag2: Option<String>"), "{types}");
    assert_eq!(
        run(&added, &["--check"]).0,
        Some(0),
        "the record is up to date"
    );

    std::fs::write(out.join("names.lock"), lock.replace("Tag = \"tag2\"\n", "")).unwrap();
    let (status, _, stale) = run(&added, &["--check"]);
    assert_eq!(status, Some(1), "a record without the new field is stale");
    assert!(!stale.contains("Tag = "), "--check writes nothing");
    run(&added, &[]);

    let only_new =
        "        name:\n          type: string\n        Tag:\n          type: string\n    PetDto:";
    let (_, _, kept) = run(&base.replace(fields, only_new), &[]);
    assert!(
        kept.contains("Tag = \"tag2\"\nname = \"name\"\ntag = \"tag\"\n"),
        "{kept}"
    );
    let another = "        name:\n          type: string\n        Tag:\n          type: string\n        TAG:\n          type: string\n    PetDto:";
    let (status, stderr, freed) = run(&base.replace(fields, another), &["--forget-removed-names"]);
    assert_eq!(status, Some(0), "{stderr}");
    let scope = "[fields.\"#/components/schemas/PatchPetDto\"]\nTAG = \"tag\"\nTag = \"tag2\"\nname = \"name\"\n\n";
    assert!(
        freed.contains(scope),
        "the freed name is taken by a new item: {freed}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
