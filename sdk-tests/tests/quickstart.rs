//! The README's app-developer quick start is `src/bin/quickstart.rs` word for word, and it runs
//! against Prism mocking `spec/management.yaml`; the guide's mock test is `guide_mock.rs`.

// Shared with the other Prism tests; this one uses part of it.
#[allow(dead_code)]
#[path = "support/prism.rs"]
mod prism;

use prism::{workspace_root, Prism};

const PROGRAM: &str = include_str!("../src/bin/quickstart.rs");

#[test]
fn the_readme_shows_the_quick_start_verbatim() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let block = format!("```rust\n{PROGRAM}```\n");
    assert!(
        readme.contains(&block),
        "README.md's quick start differs from sdk-tests/src/bin/quickstart.rs"
    );
}

#[test]
fn the_app_developer_guide_shows_the_mock_test_verbatim() {
    let guide = std::fs::read_to_string(workspace_root().join("docs/app-developers.md")).unwrap();
    let test = include_str!("guide_mock.rs");
    assert!(
        guide.contains(&format!("```rust\n{test}```\n")),
        "docs/app-developers.md's mock test differs from sdk-tests/tests/guide_mock.rs"
    );
}

#[test]
fn the_quick_start_runs_against_prism() {
    let Some(prism) = Prism::start("spec/management.yaml") else {
        return;
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quickstart"))
        .env("AUTHING_BASE_URL", &prism.url)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("user "), "{stdout}");
    assert!(stdout.contains("200: "), "{stdout}");
}
