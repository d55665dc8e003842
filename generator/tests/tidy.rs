//! The import rules between the generator's stages, read off its sources (test code aside): the
//! model imports nothing of ours, the surface only the model, the emitters and api-diff only the
//! surface and the model (and small shared utilities), and nothing but `load` touches the disk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each stage (a folder of `src/`) and the modules of ours it may name as `crate::…`; beside these
/// every stage may name its own modules and the crate root's types (`crate::Options`).
const RULES: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("source", &["diag", "pointer"]),
    ("grammar", &["pointer"]),
    ("load", &["source", "diag", "pointer", "grammar"]),
    ("check", &["source", "diag", "pointer", "grammar"]),
    ("lower", &["load", "model", "diag", "pointer", "grammar"]),
    ("surface", &["model", "pointer"]),
    (
        "emit_rust",
        &["surface", "model", "parallel", "runtime_src", "pointer"],
    ),
    ("emit_md", &["surface", "model", "parallel"]),
    ("diff", &["surface", "model"]),
];

/// Crates only some stages may use: the typed OpenAPI document and YAML are the loader's (and
/// lowering's), tokens and formatting the Rust emitter's.
const CRATES: &[(&str, &[&str])] = &[
    ("openapiv3", &["load", "lower"]),
    ("serde_yaml", &["load"]),
    ("saphyr_parser", &["load"]),
    ("quote", &["emit_rust"]),
    ("syn", &["emit_rust"]),
    ("proc_macro2", &["emit_rust"]),
    ("prettyplease", &["emit_rust"]),
];

/// What touching the disk looks like.
const DISK: &[&str] = &["std::fs", "fs::", "File::", "OpenOptions", "read_dir("];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file (relative to `src/`) with its text, test code left out: files declared as
/// `#[cfg(test)] mod x;` and every `#[cfg(test)] mod x { … }` (which the code keeps at the end).
fn sources() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    collect(&src(), &mut files);
    let mut tests = BTreeSet::new();
    for (path, text) in &files {
        let dir = Path::new(path).parent().unwrap();
        let stem = Path::new(path).file_stem().unwrap().to_string_lossy();
        let dir = match stem.as_ref() {
            "mod" | "lib" => dir.to_path_buf(),
            _ => dir.join(stem.as_ref()),
        };
        for module in test_modules(text) {
            match module {
                TestModule::Named(name) => {
                    tests.insert(dir.join(format!("{name}.rs")).display().to_string());
                    tests.insert(dir.join(&name).join("mod.rs").display().to_string());
                }
                TestModule::At(file) => {
                    let here = Path::new(path).parent().unwrap();
                    tests.insert(normalise(&here.join(file)));
                }
            }
        }
    }
    files
        .into_iter()
        .filter(|(path, _)| !tests.contains(path))
        .map(|(path, text)| {
            let code = match text.find("#[cfg(test)]\nmod tests {") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            (path, code)
        })
        .collect()
}

fn collect(dir: &Path, files: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(src()).unwrap().display().to_string();
            files.insert(relative, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// A module declared under `#[cfg(test)]` without a body: by name, or at a `#[path]`.
#[derive(Debug, PartialEq)]
enum TestModule {
    Named(String),
    At(String),
}

/// The modules a file declares under `#[cfg(test)]` without a body.
fn test_modules(text: &str) -> Vec<TestModule> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() != "#[cfg(test)]" {
            continue;
        }
        let after = lines[i + 1..].iter().map(|l| l.trim());
        let attrs: Vec<&str> = after.clone().take_while(|l| l.starts_with("#[")).collect();
        let declared = after.clone().find(|l| !l.starts_with("#["));
        let name = declared
            .and_then(|l| l.strip_prefix("pub ").or(Some(l)))
            .and_then(|l| l.strip_prefix("mod "))
            .and_then(|l| l.strip_suffix(';'));
        let at = attrs.iter().find_map(|a| {
            let quoted = a.strip_prefix("#[path = \"")?.strip_suffix("\"]")?;
            Some(quoted.to_owned())
        });
        match (name, at) {
            (Some(_), Some(file)) => found.push(TestModule::At(file)),
            (Some(name), None) => found.push(TestModule::Named(name.to_owned())),
            _ => {}
        }
    }
    found
}

/// `a/b/../c.rs` as `a/c.rs`.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// The modules of ours a text names: `crate::x` and each `x` of `crate::{x, y::z}`.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let words: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                group.split(',').map(str::trim).collect()
            }
            None => vec![rest],
        };
        for word in words {
            let end = word
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(word.len());
            let name = &word[..end];
            if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                names.insert(name.to_owned());
            }
        }
    }
    names
}

/// Whether `needle` occurs in `text` not as the tail of a longer name (`refs::`, `RustFile::`).
fn has_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The stage a file belongs to: its first folder, or its own name for a file of `src/`.
fn stage(path: &str) -> &str {
    let first = path.split(['/', '\\']).next().unwrap();
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The modules declared in `lib.rs`: names outside this list are not ours (`crate::types` and
/// `crate::runtime` inside `quote!` are the generated crate's).
fn our_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("pub ").unwrap_or(l.trim());
            l.strip_prefix("mod ")?.strip_suffix(';').map(str::to_owned)
        })
        .collect()
}

#[test]
fn stages_import_only_the_stages_before_them() {
    let files = sources();
    let ours = our_modules(&files["lib.rs"]);
    let mut broken = Vec::new();
    for (path, text) in &files {
        let stage = stage(path);
        let Some((_, allowed)) = RULES.iter().find(|(s, _)| *s == stage) else {
            continue;
        };
        for name in named_modules(text) {
            let root_item = !ours.contains(&name);
            let public_fn = root_item && files["lib.rs"].contains(&format!("pub fn {name}("));
            if name != stage && (public_fn || !root_item) && !allowed.contains(&name.as_str()) {
                broken.push(format!("{path} names `crate::{name}`"));
            }
        }
        for (krate, users) in CRATES {
            let used =
                text.contains(&format!("{krate}::")) || text.contains(&format!("use {krate}"));
            if used && !users.contains(&stage) {
                broken.push(format!("{path} uses the `{krate}` crate"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn nothing_but_load_touches_the_disk() {
    let mut broken = Vec::new();
    for (path, text) in sources() {
        if stage(&path) == "load" {
            continue;
        }
        for needle in DISK {
            if has_word(&text, needle) {
                broken.push(format!("{path} has `{needle}`"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The rules above read what they should: a broken import and a disk read are both seen.
#[test]
fn the_rules_see_what_they_forbid() {
    let text = "use crate::{model::Api, surface};\nfn f() { crate::load::read_file(p); }\n";
    let names: Vec<String> = named_modules(text).into_iter().collect();
    assert_eq!(names, ["load", "model", "surface"]);
    assert_eq!(stage("emit_md/page.rs"), "emit_md");
    assert_eq!(stage("timed.rs"), "timed");
    let lib = "pub mod check;\nmod grammar;\n#[cfg(test)]\nmod test_input;\n";
    assert_eq!(test_modules(lib), [TestModule::Named("test_input".into())]);
    let file = "#[cfg(test)]\n#[path = \"example_tests.rs\"]\nmod tests;\n";
    assert_eq!(
        test_modules(file),
        [TestModule::At("example_tests.rs".into())]
    );
    assert_eq!(normalise(Path::new("a/../tests/x.rs")), "tests/x.rs");
    assert!(our_modules(lib).contains("grammar"));
    assert!(has_word("let f = std::fs::read(p);", "fs::"));
    assert!(!has_word("refs::check(); RustFile::new()", "fs::"));
    assert!(!has_word("RustFile::new()", "File::"));
    let sources = sources();
    assert!(sources.contains_key("load/mod.rs"));
    assert!(sources["load/mod.rs"].contains("std::fs"));
    assert!(!sources.contains_key("surface/tests.rs"));
    assert!(!sources.contains_key("emit_rust/example_tests.rs"));
    assert!(!sources["runtime_src.rs"].contains("read_dir("));
}
