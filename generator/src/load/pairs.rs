//! Folders of spec pairs, as api-diff's fixtures and its oracles read them. A case is a folder
//! with an `old` and/or a `new` side; a missing side is the `base.yaml` nearest above it. A side is
//! a spec (`old.yaml`, `new.yaml`), or a JSON Patch (RFC 6902, written in YAML: `new.patch.yaml`)
//! applied to that base, so a one-line change of a large spec is a one-line fixture. The new side
//! is generated with the old side's `names.lock`, as `cargo xtask codegen` would; a case's
//! `new.names.lock` holds edits of that record (a rename through the record).

use serde_json::Value;
use std::path::{Path, PathBuf};

const NAMES_EDITS: &str = "new.names.lock";

/// One case: the two specs to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The case folder relative to the root, with `/` between parts (e.g. `authing/x`).
    pub name: String,
    pub dir: PathBuf,
    pub old: Source,
    pub new: Source,
    /// `new.names.lock`: names laid over the old side's record before the new side is generated.
    pub names: Option<PathBuf>,
}

impl Pair {
    /// The label and text of `new.names.lock`, if the case has one (read by
    /// `names_lock::edits`).
    pub fn names_edits(&self) -> Result<Option<(String, String)>, String> {
        let Some(path) = &self.names else {
            return Ok(None);
        };
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Some((path.display().to_string(), text)))
    }
}

/// Where one side's spec comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    /// `base` with the JSON Patch in `patch` applied.
    Patched {
        base: PathBuf,
        patch: PathBuf,
    },
}

impl Source {
    /// The file that names this side in messages.
    pub fn path(&self) -> &Path {
        match self {
            Source::File(path) | Source::Patched { patch: path, .. } => path,
        }
    }

    /// The spec's text: the file as it is, or the patched base as JSON.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
        match self {
            Source::File(path) => read(path),
            Source::Patched { base, patch } => {
                let parse = |p: &Path| -> Result<Value, String> {
                    serde_yaml::from_slice(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))
                };
                let mut doc = parse(base)?;
                apply(&mut doc, &parse(patch)?).map_err(|e| format!("{}: {e}", patch.display()))?;
                serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())
            }
        }
    }
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
        let base = nearest_base(root, &d);
        let base = base.as_deref();
        if let (Some(old), Some(new)) = (side(&d, "old", base), side(&d, "new", base)) {
            let name = d.strip_prefix(root).unwrap_or(&d);
            let name = name
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let names = Some(d.join(NAMES_EDITS)).filter(|p| p.exists());
            out.push(Pair {
                name,
                dir: d.clone(),
                old,
                new,
                names,
            });
        }
        collect(root, &d, out)?;
    }
    Ok(())
}

/// The side named `name` of case folder `dir`: its own spec, its patch of the base, or the base
/// (`None` when the folder has neither side of its own, or no base).
fn side(dir: &Path, name: &str, base: Option<&Path>) -> Option<Source> {
    let own = dir.join(format!("{name}.yaml"));
    let patch = dir.join(format!("{name}.patch.yaml"));
    let has_own = |d: &Path| {
        [
            "old.yaml",
            "new.yaml",
            "old.patch.yaml",
            "new.patch.yaml",
            NAMES_EDITS,
        ]
        .iter()
        .any(|f| d.join(f).exists())
    };
    if !has_own(dir) {
        return None;
    }
    if own.exists() {
        Some(Source::File(own))
    } else if patch.exists() {
        Some(Source::Patched {
            base: base?.to_path_buf(),
            patch,
        })
    } else {
        base.map(|b| Source::File(b.to_path_buf()))
    }
}

/// The `base.yaml` in `dir`'s parent or the nearest folder above it, not above `root`.
fn nearest_base(root: &Path, dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root))
        .map(|a| a.join("base.yaml"))
        .find(|b| b.exists())
}

/// Applies a JSON Patch's `add`, `replace` and `remove` operations.
fn apply(doc: &mut Value, patch: &Value) -> Result<(), String> {
    let ops = patch
        .as_array()
        .ok_or("a JSON Patch is a list of operations")?;
    for op in ops {
        let kind = op["op"].as_str().ok_or("an operation without `op`")?;
        let path = op["path"].as_str().ok_or("an operation without `path`")?;
        let (parent, last) = path
            .rsplit_once('/')
            .ok_or_else(|| format!("`{path}` is not a JSON pointer"))?;
        let last = crate::pointer::unescape(last);
        let target = doc
            .pointer_mut(parent)
            .ok_or_else(|| format!("nothing at `{parent}`"))?;
        let value = || {
            op.get("value")
                .cloned()
                .ok_or(format!("`{kind}` needs a `value`"))
        };
        match (kind, target) {
            ("add" | "replace", Value::Object(map)) => {
                map.insert(last, value()?);
            }
            ("add", Value::Array(items)) if last == "-" => items.push(value()?),
            ("remove", Value::Object(map)) => {
                map.shift_remove(&last)
                    .ok_or(format!("nothing to remove at `{path}`"))?;
            }
            (kind, _) => return Err(format!("cannot `{kind}` at `{path}`")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_take_their_missing_side_from_the_nearest_base() {
        let root = std::env::temp_dir().join(format!("pairs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let write = |path: &str, text: &str| {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        };
        for file in ["base.yaml", "a/new.yaml", "b/old.yaml", "b/new.yaml"] {
            write(file, "");
        }
        write("nested/base.yaml", "paths: {}\ninfo: {title: T}\n");
        write("nested/c/new.patch.yaml", "- {op: add, path: /paths/~1pets, value: {}}\n- {op: replace, path: /info/title, value: U}\n");
        write("nested/empty/readme.txt", "");
        let found = pairs(&root).unwrap();
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "nested/c"]);
        assert_eq!(found[0].old, Source::File(root.join("base.yaml")));
        assert_eq!(found[1].old, Source::File(root.join("b/old.yaml")));
        assert_eq!(found[2].old, Source::File(root.join("nested/base.yaml")));
        let patched: Value = serde_json::from_slice(&found[2].new.read().unwrap()).unwrap();
        assert_eq!(
            patched,
            serde_json::json!({"paths": {"/pets": {}}, "info": {"title": "U"}})
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_patch_that_does_not_apply_is_an_error_not_a_panic() {
        let mut doc = serde_json::json!({"a": [1]});
        let bad = serde_json::json!([{"op": "remove", "path": "/a/nothing"}]);
        assert!(apply(&mut doc, &bad).is_err());
        let bad = serde_json::json!([{"op": "add", "path": "/missing/x", "value": 1}]);
        assert!(apply(&mut doc, &bad).is_err());
        let ok = serde_json::json!([{"op": "add", "path": "/a/-", "value": 2}]);
        apply(&mut doc, &ok).unwrap();
        assert_eq!(doc, serde_json::json!({"a": [1, 2]}));
    }
}
