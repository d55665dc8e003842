//! Test inputs that live outside the repository (`../shared`, `tools/node_modules`): present on a
//! developer's machine most of the time, always present in CI.

use std::path::{Path, PathBuf};

/// `path` when it exists. When it does not, the test fails under `CI=true`, saying what is
/// missing and why it matters; elsewhere the skip is noted and `None` returned.
pub fn optional_input(path: &Path, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    let message = format!("{} is absent: {what}", path.display());
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{message}; CI must have every test input (CI=true)");
    }
    eprintln!("note: {message}; skipping (this fails under CI=true)");
    None
}
