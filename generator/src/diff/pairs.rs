//! Folders of spec pairs, as api-diff's fixtures and its oracles read them: a case is a folder
//! holding `old.yaml` and/or `new.yaml`; a missing side is the `base.yaml` nearest above it.

use std::path::{Path, PathBuf};

/// One case: the two specs to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The case folder relative to the root, with `/` between parts (e.g. `authing/x`).
    pub name: String,
    pub dir: PathBuf,
    pub old: PathBuf,
    pub new: PathBuf,
}

/// Every case under `root`, in path order.
pub fn pairs(root: &Path) -> std::io::Result<Vec<Pair>> {
    let mut out = Vec::new();
    collect(root, root, &mut out)?;
    Ok(out)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<Pair>) -> std::io::Result<()> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let (old, new) = (d.join("old.yaml"), d.join("new.yaml"));
        if old.exists() || new.exists() {
            let base = || nearest_base(root, &d);
            let side = |own: PathBuf| if own.exists() { Some(own) } else { base() };
            if let (Some(old), Some(new)) = (side(old), side(new)) {
                let name = d.strip_prefix(root).unwrap_or(&d);
                let name = name
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push(Pair {
                    name,
                    dir: d.clone(),
                    old,
                    new,
                });
            }
        }
        collect(root, &d, out)?;
    }
    Ok(())
}

/// The `base.yaml` in `dir`'s parent or the nearest folder above it, not above `root`.
fn nearest_base(root: &Path, dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root))
        .map(|a| a.join("base.yaml"))
        .find(|b| b.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_take_their_missing_side_from_the_nearest_base() {
        let root = std::env::temp_dir().join(format!("pairs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let write = |path: &str| {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "").unwrap();
        };
        for file in [
            "base.yaml",
            "a/new.yaml",
            "b/old.yaml",
            "b/new.yaml",
            "nested/base.yaml",
        ] {
            write(file);
        }
        write("nested/c/new.yaml");
        write("nested/empty/readme.txt");
        let found = pairs(&root).unwrap();
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "nested/c"]);
        assert_eq!(found[0].old, root.join("base.yaml"));
        assert_eq!(found[1].old, root.join("b/old.yaml"));
        assert_eq!(found[2].old, root.join("nested/base.yaml"));
        assert_eq!(found[2].new, root.join("nested/c/new.yaml"));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
