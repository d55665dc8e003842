//! The maintainer's view of a spec change on the docs: `cargo xtask codegen --check` shows a
//! unified diff per touched page and names the page of a removed operation; `cargo xtask codegen`
//! then deletes that page.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn codegen(spec: &Path, out: &Path, check: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .arg("codegen")
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out);
    if check {
        command.arg("--check");
    }
    command.output().expect("xtask runs")
}

/// `spec` without the path item `path` (its lines up to the next path at the same indentation).
fn without_path(spec: &str, path: &str) -> String {
    let start = spec
        .find(&format!("\n  {path}:\n"))
        .expect("the path is in the spec")
        + 1;
    let end = spec[start + 1..]
        .find("\n  /")
        .map_or(spec.len(), |i| start + 1 + i + 1);
    format!("{}{}", &spec[..start], &spec[end..])
}

#[test]
fn check_diffs_touched_pages_and_codegen_deletes_the_page_of_a_removed_operation() {
    let dir = std::env::temp_dir().join(format!("xtask-docs-drift-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (spec, out) = (dir.join("spec.yaml"), dir.join("sdk"));
    let original = std::fs::read_to_string(workspace().join("spec/management.yaml")).unwrap();
    std::fs::write(&spec, &original).unwrap();
    assert!(codegen(&spec, &out, false).status.success());
    let docs = out.join("docs/management-client/user-profile");
    let removed_page = docs.join("unbind-email.md");
    assert!(removed_page.exists());

    let old_summary = "summary: Modify email";
    assert!(
        original.contains(old_summary),
        "the spec names update_email so"
    );
    let edited = without_path(&original, "/api/v3/unbind-email")
        .replace(old_summary, "summary: Change the email address");
    std::fs::write(&spec, edited).unwrap();
    let check = codegen(&spec, &out, true);
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{report}");
    let page = "docs/management-client/user-profile/update-email.md";
    for expected in [
        format!("--- a/{page}\n+++ b/{page}\n"),
        "-# Modify email\n+# Change the email address\n".to_owned(),
        format!("extra (no longer generated): {}", removed_page.display()),
    ] {
        assert!(
            report.contains(&expected),
            "missing {expected:?} in\n{report}"
        );
    }
    assert!(removed_page.exists(), "--check writes nothing");

    assert!(codegen(&spec, &out, false).status.success());
    assert!(!removed_page.exists(), "codegen deletes the page");
    let index = std::fs::read_to_string(docs.join("../README.md")).unwrap();
    assert!(!index.contains("unbind-email.md") && index.contains("Change the email address"));
    assert!(codegen(&spec, &out, true).status.success());
    let _ = std::fs::remove_dir_all(&dir);
}
