//! The one way generated files reach the disk: compare with what is there, or swap in atomically.

use similar::TextDiff;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How the files on disk differ from the generated ones.
#[derive(Debug, Default)]
pub struct Drift {
    pub stale: Vec<(String, String)>,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

impl Drift {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    /// Unified diffs of stale files, then the missing and extra ones.
    pub fn report(&self, out: &Path) -> String {
        let mut text = String::new();
        for (path, diff) in &self.stale {
            text.push_str(&format!("stale: {}\n{diff}", out.join(path).display()));
        }
        for path in &self.missing {
            text.push_str(&format!("missing: {}\n", out.join(path).display()));
        }
        for path in &self.extra {
            text.push_str(&format!(
                "extra (no longer generated): {}\n",
                out.join(path).display()
            ));
        }
        text
    }
}

/// Files a generated directory may hold that are not ours: build output and lock files.
fn is_ignored(relative: &str) -> bool {
    relative.starts_with("target/") || relative == "Cargo.lock"
}

/// Compare `files` with the contents of `out`.
pub fn check(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Drift> {
    let on_disk = list(out)?;
    let mut drift = Drift::default();
    for (path, want) in files {
        match fs::read(out.join(path)) {
            Ok(bytes) => {
                let have = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
                if &have != want {
                    let diff = TextDiff::from_lines(&have, want)
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{path}"), &format!("b/{path}"))
                        .to_string();
                    drift.stale.push((path.clone(), diff));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => drift.missing.push(path.clone()),
            Err(e) => return Err(e),
        }
    }
    drift.extra = on_disk
        .into_iter()
        .filter(|p| !files.contains_key(p))
        .collect();
    Ok(drift)
}

/// Make `out` hold exactly `files` (keeping ignored ones). The new tree is built beside `out` and
/// renamed into place, so a failure or kill midway leaves `out` as it was. Returns whether anything
/// changed.
pub fn write(out: &Path, files: &BTreeMap<String, String>) -> io::Result<bool> {
    if out.exists() && check(out, files)?.is_clean() {
        return Ok(false);
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = stage(&staging, files).and_then(|()| {
        if out.exists() {
            carry_ignored(out, &staging)?;
            fs::rename(out, &backup)?;
        }
        fs::rename(&staging, out)
    });
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        if backup.exists() && !out.exists() {
            fs::rename(&backup, out)?;
        }
        return Err(e);
    }
    let _ = fs::remove_dir_all(&backup);
    Ok(true)
}

fn stage(staging: &Path, files: &BTreeMap<String, String>) -> io::Result<()> {
    for (path, text) in files {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(target, text)?;
    }
    Ok(())
}

/// Move build output (`target/`, `Cargo.lock`) into the new tree so a rebuild is not needed.
fn carry_ignored(out: &Path, staging: &Path) -> io::Result<()> {
    for name in ["target", "Cargo.lock"] {
        let from = out.join(name);
        if from.exists() {
            fs::rename(&from, staging.join(name))?;
        }
    }
    Ok(())
}

/// Every file under `root`, relative, with `/` separators, except ignored ones.
fn list(root: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    if root.exists() {
        walk(root, root, &mut out)?;
    }
    out.retain(|p| !is_ignored(p));
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path: PathBuf = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") && dir == root {
                continue;
            }
            walk(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn write_then_check_is_clean_and_idempotent() {
        let out = temp("idem").join("crate");
        let want = files(&[("src/lib.rs", "fn a() {}\n"), ("docs/a.md", "# A\n")]);
        assert!(write(&out, &want).unwrap());
        assert!(check(&out, &want).unwrap().is_clean());
        assert!(!write(&out, &want).unwrap(), "a second run changes nothing");
    }

    #[test]
    fn check_reports_stale_missing_and_extra_files() {
        let out = temp("drift").join("crate");
        write(&out, &files(&[("a.md", "old\n"), ("gone.md", "x\n")])).unwrap();
        let drift = check(&out, &files(&[("a.md", "new\n"), ("b.md", "b\n")])).unwrap();
        assert_eq!(drift.stale.len(), 1);
        assert!(
            drift.stale[0].1.contains("-old\n+new"),
            "{}",
            drift.stale[0].1
        );
        assert_eq!(drift.missing, ["b.md"]);
        assert_eq!(drift.extra, ["gone.md"]);
        let report = drift.report(&out);
        assert!(report.contains("stale: ") && report.contains("extra (no longer generated)"));
    }

    /// Every file under `dir` with its contents.
    fn snapshot(dir: &Path) -> BTreeMap<String, String> {
        list(dir)
            .unwrap()
            .into_iter()
            .map(|p| {
                let text = fs::read_to_string(dir.join(&p)).unwrap();
                (p, text)
            })
            .collect()
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_old_tree_and_no_staging() {
        let root = temp("fail");
        let out = root.join("crate");
        write(
            &out,
            &files(&[("src/lib.rs", "old\n"), ("docs/a.md", "a\n")]),
        )
        .unwrap();
        let before = snapshot(&out);
        // `a` is both a file and a folder: staging fails after writing some files.
        let clash = files(&[
            ("a", "file\n"),
            ("a/b.rs", "under a file\n"),
            ("src/lib.rs", "new\n"),
        ]);
        assert!(write(&out, &clash).is_err());
        assert_eq!(snapshot(&out), before, "the old tree is untouched");
        let left: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            left,
            ["crate"],
            "no staging or backup folder is left behind"
        );
    }

    #[test]
    fn check_never_writes() {
        let out = temp("check-only").join("crate");
        write(&out, &files(&[("a.md", "old\n")])).unwrap();
        let before = snapshot(&out);
        let drift = check(&out, &files(&[("a.md", "new\n"), ("b.md", "b\n")])).unwrap();
        assert!(!drift.is_clean());
        assert_eq!(snapshot(&out), before);
        let missing = temp("check-missing").join("crate");
        assert_eq!(
            check(&missing, &files(&[("a.md", "a\n")])).unwrap().missing,
            ["a.md"]
        );
        assert!(!missing.exists());
    }

    #[test]
    fn write_removes_pages_no_longer_generated_and_keeps_build_output() {
        let out = temp("prune").join("crate");
        write(&out, &files(&[("a.md", "a\n"), ("b.md", "b\n")])).unwrap();
        fs::create_dir_all(out.join("target")).unwrap();
        fs::write(out.join("target/keep"), "x").unwrap();
        write(&out, &files(&[("a.md", "a\n")])).unwrap();
        assert!(!out.join("b.md").exists());
        assert!(out.join("target/keep").exists());
    }
}
