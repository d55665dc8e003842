//! Relative external `$ref`s (`common.yaml#/components/schemas/Error`, `./pet.json`): each target
//! is read, copied into this document's components with its positions (so diagnostics name its own
//! file, line and pointer), and the `$ref` rewritten to the copy. Path items are copied in place.
//! Remote URLs are an error: nothing is fetched.

use super::text;
use crate::diag::{closest, Diagnostic, Diagnostics, Severity};
use crate::grammar::{ref_sites, NodeKind, RefSite};
use crate::pointer::{child, escape, segments};
use crate::source::{located, NodeId, Positions};
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};
use std::path::{Component, Path, PathBuf};

const MAX_FILES: usize = 64;
const MAX_COPIES: usize = 10_000;
const MAX_BYTES: u64 = 64 << 20;

/// Bundle every external `$ref` reachable from `value` (read from `path`, if from a file).
pub(crate) fn bundle(
    value: &mut Value,
    positions: &mut Positions,
    path: Option<&Path>,
) -> Diagnostics {
    if !has_external_ref(value) {
        return Diagnostics::default();
    }
    let mut b = Bundler {
        root: path.map(normalise),
        files: BTreeMap::new(),
        copies: BTreeMap::new(),
        found: Diagnostics::default(),
    };
    let mut queue: VecDeque<(RefSite, Option<PathBuf>)> = ref_sites(value, NodeKind::Root, "#")
        .into_iter()
        .filter(|s| s.target.as_str().is_some_and(|t| !t.starts_with('#')))
        .map(|s| (s, None))
        .collect();
    let mut steps = 0;
    while let Some((site, from)) = queue.pop_front() {
        steps += 1;
        if steps > MAX_COPIES {
            b.error(
                positions,
                &site,
                "too many external `$ref`s to bundle".into(),
                None,
            );
            break;
        }
        queue.extend(b.follow(value, positions, &site, from.as_deref()));
    }
    b.found
}

struct Loaded {
    value: Value,
    /// Its root in the document's position tree.
    root: Option<NodeId>,
}

struct Bundler {
    root: Option<PathBuf>,
    /// Each file read, or `None` when reading or parsing it failed (already reported).
    files: BTreeMap<PathBuf, Option<Loaded>>,
    /// (file, fragment, section) → the component name its copy got.
    copies: BTreeMap<(PathBuf, String, &'static str), String>,
    found: Diagnostics,
}

impl Bundler {
    /// Resolve one `$ref` written in `from` (`None`: the root document); returns the `$ref`s of
    /// whatever it copied in.
    fn follow(
        &mut self,
        value: &mut Value,
        positions: &mut Positions,
        site: &RefSite,
        from: Option<&Path>,
    ) -> Vec<(RefSite, Option<PathBuf>)> {
        let Some(target) = site.target.as_str() else {
            return Vec::new();
        };
        let (file_part, fragment) = target.split_once('#').unwrap_or((target, ""));
        if file_part.contains("://") || file_part.starts_with("//") {
            let hint = "download it beside the spec and refer to it by a relative path".to_owned();
            self.error(
                positions,
                site,
                format!("remote `$ref` '{target}' is not fetched"),
                Some(hint),
            );
            return Vec::new();
        }
        let Some(base) = from.map(Path::to_path_buf).or_else(|| self.root.clone()) else {
            self.error(positions, site, format!("external `$ref` '{target}' cannot be followed: the spec was not read from a file"), None);
            return Vec::new();
        };
        let file = if file_part.is_empty() {
            base.clone()
        } else {
            normalise(&base.parent().unwrap_or(Path::new("")).join(file_part))
        };
        if Some(&file) == self.root.as_ref() {
            set_ref(value, &site.pointer, format!("#{fragment}"));
            return Vec::new();
        }
        let Some(section) = site.kind.section() else {
            return Vec::new();
        };
        if let Some(name) = self
            .copies
            .get(&(file.clone(), fragment.to_owned(), section))
        {
            set_ref(value, &site.pointer, local_ref(section, name));
            return Vec::new();
        }
        // A `$ref` left unresolved in a copy keeps its file, so `check` doesn't report it again.
        let unresolved = |value: &mut Value| {
            if from.is_some() {
                set_ref(
                    value,
                    &site.pointer,
                    format!("{}#{fragment}", file.display()),
                );
            }
        };
        if !self.load(positions, site, &file) {
            unresolved(value);
            return Vec::new();
        }
        let Some(Some(loaded)) = self.files.get(&file) else {
            return Vec::new();
        };
        let Some(content) = loaded.value.pointer(fragment).cloned() else {
            let message = format!("no '#{fragment}' in '{}'", file.display());
            let hint = missing_hint(&loaded.value, fragment);
            self.error(positions, site, message, hint);
            unresolved(value);
            return Vec::new();
        };
        let fragment_pointer = format!("#{fragment}");
        let node = loaded
            .root
            .and_then(|r| positions.find(r, &fragment_pointer));
        let at = if site.kind == NodeKind::PathItem {
            set_node(value, &site.pointer, content.clone());
            site.pointer.clone()
        } else {
            let name = free_name(value, section, &name_for(fragment, &file), &content);
            self.copies
                .insert((file.clone(), fragment.to_owned(), section), name.clone());
            set_node(
                value,
                &format!("#/components/{section}/{}", escape(&name)),
                content.clone(),
            );
            set_ref(value, &site.pointer, local_ref(section, &name));
            format!("#/components/{section}/{}", escape(&name))
        };
        if let Some(node) = node {
            positions.graft(&at, node, &fragment_pointer);
        }
        ref_sites(&content, site.kind, &at)
            .into_iter()
            .map(|s| (s, Some(file.clone())))
            .collect()
    }

    /// Read and parse `file` once; false when it can't be had (reported at `site`).
    fn load(&mut self, positions: &mut Positions, site: &RefSite, file: &Path) -> bool {
        if let Some(done) = self.files.get(file) {
            return done.is_some();
        }
        if self.files.len() >= MAX_FILES {
            self.error(
                positions,
                site,
                format!("more than {MAX_FILES} files are referenced"),
                None,
            );
            return false;
        }
        let name = file.display().to_string();
        let bytes =
            std::fs::metadata(file).and_then(|m| match m.is_file() && m.len() <= MAX_BYTES {
                true => std::fs::read(file),
                false => Err(std::io::Error::other(
                    "not a regular file of at most 64 MiB",
                )),
            });
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                self.error(positions, site, format!("cannot read '{name}': {e}"), None);
                self.files.insert(file.to_path_buf(), None);
                return false;
            }
        };
        let id = positions.add_file(&name);
        match text::parse(&name, id, &bytes) {
            Ok(parsed) => {
                self.found
                    .extend(super::duplicates(positions, parsed.duplicates));
                let loaded = Loaded {
                    value: parsed.value,
                    root: positions.absorb(parsed.tree),
                };
                self.files.insert(file.to_path_buf(), Some(loaded));
                true
            }
            Err(errors) => {
                self.found.extend(errors);
                self.files.insert(file.to_path_buf(), None);
                false
            }
        }
    }

    fn error(
        &mut self,
        positions: &Positions,
        site: &RefSite,
        message: String,
        hint: Option<String>,
    ) {
        let mut d: Diagnostic = located(
            positions,
            Severity::Error,
            &child(&site.pointer, "$ref"),
            message,
        );
        d.hint = hint;
        self.found.push(d);
    }
}

/// Whether any `$ref` names another file or a URL: the walk below is needed only then.
fn has_external_ref(value: &Value) -> bool {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if map
                    .get("$ref")
                    .and_then(Value::as_str)
                    .is_some_and(|r| !r.starts_with('#'))
                {
                    return true;
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

fn local_ref(section: &str, name: &str) -> String {
    format!("#/components/{section}/{}", escape(name))
}

/// A component name for a copy: the fragment's last segment, else the file's stem.
fn name_for(fragment: &str, file: &Path) -> String {
    segments(&format!("#{fragment}"))
        .pop()
        .filter(|s| !s.is_empty())
        .or_else(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "External".into())
}

/// `base`, or `base2`, `base3`, … if a different component already has the name.
fn free_name(value: &Value, section: &str, base: &str, content: &Value) -> String {
    let taken = |name: &str| {
        value
            .pointer(&format!("/components/{section}/{}", escape(name)))
            .filter(|existing| *existing != content)
            .is_some()
    };
    let mut name = base.to_owned();
    let mut n = 2;
    while taken(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

fn missing_hint(value: &Value, fragment: &str) -> Option<String> {
    let (parent, last) = fragment.rsplit_once('/')?;
    let keys: Vec<String> = value
        .pointer(parent)?
        .as_object()?
        .keys()
        .cloned()
        .collect();
    closest(last, &keys).map(|c| format!("did you mean '#{parent}/{c}'?"))
}

fn set_ref(value: &mut Value, pointer: &str, target: String) {
    if let Some(Value::Object(obj)) = value.pointer_mut(pointer.trim_start_matches('#')) {
        obj.insert("$ref".into(), Value::String(target));
    }
}

/// Put `content` at `pointer`, creating the mappings on the way.
fn set_node(value: &mut Value, pointer: &str, content: Value) {
    let mut here = value;
    for segment in segments(pointer) {
        if !here.is_object() && !here.is_array() {
            *here = Value::Object(Default::default());
        }
        here = match here {
            Value::Object(obj) => obj.entry(segment).or_insert(Value::Null),
            Value::Array(items) => {
                match segment.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                    Some(item) => item,
                    None => return,
                }
            }
            _ => return,
        };
    }
    *here = content;
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise_lexically() {
        assert_eq!(
            normalise(Path::new("spec/./a/../common.yaml")),
            PathBuf::from("spec/common.yaml")
        );
        assert_eq!(
            normalise(Path::new("../x.yaml")),
            PathBuf::from("../x.yaml")
        );
    }

    #[test]
    fn copies_are_named_after_the_fragment_or_the_file() {
        assert_eq!(
            name_for("/components/schemas/Pet", Path::new("c.yaml")),
            "Pet"
        );
        assert_eq!(name_for("", Path::new("dir/error-body.yaml")), "error-body");
        let doc = serde_json::json!({"components": {"schemas": {"Pet": {"type": "string"}}}});
        assert_eq!(
            free_name(
                &doc,
                "schemas",
                "Pet",
                &serde_json::json!({"type": "string"})
            ),
            "Pet"
        );
        assert_eq!(
            free_name(&doc, "schemas", "Pet", &serde_json::json!({})),
            "Pet2"
        );
    }
}
