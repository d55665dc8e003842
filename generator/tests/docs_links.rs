//! Every link in the generated docs resolves: relative links name a generated file (an operation's
//! page or a shared type's), `#anchor` links an anchor on their page, sidebar paths a page, and
//! the index and sidebar list every page. Run over `spec/`, the fixture specs in
//! `tests/docs_links/` and `tests/features/`, a spec whose schemas all reach each other (whose
//! pages link to type pages), and the corpus specs when `../shared/corpus` is present.
//!
//! The link scanner here is deliberately separate from the emitter's Markdown reading, so that
//! both have to agree on what a link is.

mod dense;
#[path = "common/input.rs"]
mod input;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Docs files keyed by path relative to the generated crate (`docs/…`).
type Files = BTreeMap<String, String>;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate(spec: &Path) -> Files {
    let output = generator::generate_file(spec, &generator::Options::default())
        .unwrap_or_else(|diags| panic!("{} must generate:\n{diags}", spec.display()));
    docs_only(output.files)
}

fn docs_only(files: Files) -> Files {
    files
        .into_iter()
        .filter(|(path, _)| path.starts_with("docs/"))
        .collect()
}

fn assert_links_resolve(name: &str, files: &Files) {
    assert!(
        files.keys().any(|p| p.ends_with("README.md")),
        "{name}: no index"
    );
    let broken = broken_links(files);
    assert!(
        broken.is_empty(),
        "{name}: {} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn spec_docs_links_resolve() {
    let files = generate(&workspace().join("spec/management.yaml"));
    assert_links_resolve("spec/", &files);
}

#[test]
fn fixture_docs_links_resolve_and_dangling_links_become_text() {
    let dir = workspace().join("generator/tests/docs_links");
    let links = generate(&dir.join("links.yaml"));
    assert_links_resolve("links.yaml", &links);
    let root = "docs/link-test-api-client";
    let list = &links[&format!("{root}/things/list-things.md")];
    for expected in [
        "Lists things. Next, [get one](../things/get-thing.md), or\n[delete it](../things/delete-thing.md). Gone: old,\n[tags](../README.md), [site page](https://api.example.com/docs/things), rustdoc,\nsection, diagram, [home](https://example.com/).",
        "| limit | number  | No                                     | 0                                           |                                            | `0`     ",
        "| flag  | boolean | No                                     | -                                           |                                            | `false` ",
        "\"shape\": {\n      \"type\": \"Circle\",\n      \"radius\": 0.5\n    },",
    ] {
        assert!(list.contains(expected), "missing {expected:?} in\n{list}");
    }
    let index = &links[&format!("{root}/README.md")];
    assert!(index.contains("Things. See [list things](things/list-things.md) and [a guide](https://api.example.com/guides/things.md)."));
    let zh = generate(&dir.join("zh.yaml"));
    assert_links_resolve("zh.yaml", &zh);
    let folder = "docs/api-client/用户资料";
    let update = &zh[&format!("{folder}/update-phone.md")];
    assert!(update.contains("见[发起验证请求](../用户资料/verify-phone.md)。\n又见不存在的接口和[发起修改手机号的验证请求](../用户资料/verify-phone.md)。"));
    assert!(update.contains("## 请求参数") && !update.contains("## 示例代码"));
    let verify = &zh[&format!("{folder}/verify-phone.md")];
    assert!(verify.contains("## 示例代码\n\n```rust\n"));
    assert!(verify.contains("<!-- prettier-ignore -->\n```js\n'Basic ' + Buffer"));
}

#[test]
fn type_page_links_resolve_on_a_densely_linked_spec() {
    let spec = dense::spec(60, 40);
    let output = generator::generate_bytes("dense.json", spec.as_bytes(), &Default::default())
        .unwrap_or_else(|diags| panic!("the dense spec must generate:\n{diags}"));
    let files = docs_only(output.files);
    let type_pages = files.keys().filter(|p| p.contains("/types/")).count();
    assert!(type_pages > 0, "no type pages");
    assert_links_resolve("dense spec", &files);
    let root = "docs/dense-graph-api-client";
    let readme = &files[&format!("{root}/README.md")];
    assert!(readme.contains("\n## Data structure\n\n- [`Node0`](types/Node0.md)\n"));
    let sidebar: serde_json::Value =
        serde_json::from_str(&files[&format!("{root}/sidebar.json")]).expect("JSON");
    let last = sidebar.as_array().and_then(|a| a.last()).expect("entries");
    assert_eq!(last["title"], "Data structure");
    assert_eq!(last["children"].as_array().map(Vec::len), Some(type_pages));
}

/// The feature fixtures and every corpus spec (when the shared corpus is present), generated in
/// memory: the same specs `cargo xtask corpus` writes to `target/corpus`.
#[test]
fn fixture_and_corpus_docs_links_resolve() {
    let dirs = [
        workspace().join("generator/tests/features"),
        workspace().join("../shared/corpus"),
    ];
    for dir in dirs {
        let what = "its specs' pages are checked for broken links";
        let Some(dir) = input::optional_input(&dir, what) else {
            continue;
        };
        let specs = spec_files(&dir).expect("the folder of specs is readable");
        for spec in specs {
            let files = generate(&spec);
            assert_links_resolve(&spec.display().to_string(), &files);
        }
    }
}

#[test]
fn the_checker_finds_broken_links() {
    let mut files = Files::new();
    let index = "[a](t/a.md) [b](t/b.md) [c](t/a.md#Nope) [d](https://x.y/z.md) `[e](f.md)`\n";
    files.insert("docs/c/README.md".into(), index.into());
    let page = "### <a id=\"X\"></a> X\n\n<a href=\"#X\">X</a> <a href=\"#Y\">Y</a>\n\n```\n[g](h.md)\n```\n[spaced](#tag/a b)\n\n### <a id=\"X\"></a> X\n";
    files.insert("docs/c/t/a.md".into(), page.into());
    files.insert(
        "docs/c/sidebar.json".into(),
        r#"[{"children": [{"path": "t/z.md"}]}]"#.into(),
    );
    let broken = broken_links(&files);
    assert_eq!(
        broken,
        [
            "docs/c/t/a.md: #X (duplicate anchor)",
            "docs/c/README.md: t/b.md (no such file)",
            "docs/c/README.md: t/a.md#Nope (no such anchor)",
            "docs/c/sidebar.json: t/z.md (no such file)",
            "docs/c/t/a.md: #Y (no such anchor)",
            "docs/c/sidebar.json: t/a.md is missing",
        ]
    );
}

fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            specs.extend(spec_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "json" || e == "yaml") {
            specs.push(path);
        }
    }
    specs.sort();
    Ok(specs)
}

/// Every link that does not resolve, as `file: destination (why)`; then every page that the
/// index or sidebar of its folder does not list, as `index: page is missing`.
fn broken_links(files: &Files) -> Vec<String> {
    let mut broken = Vec::new();
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".md")) {
        let mut seen = BTreeSet::new();
        for id in ids(text) {
            if !seen.insert(id) {
                broken.push(format!("{path}: #{id} (duplicate anchor)"));
            }
        }
    }
    for (path, text) in files {
        let dests = if path.ends_with(".md") {
            destinations(text)
        } else if path.ends_with("sidebar.json") {
            sidebar_paths(text)
        } else {
            continue;
        };
        for dest in dests {
            if let Err(why) = resolve(files, path, &dest) {
                broken.push(format!("{path}: {dest} ({why})"));
            }
        }
    }
    for (path, text) in files {
        let listed = match path.rsplit_once('/') {
            Some((dir, "README.md")) => (dir, destinations(text)),
            Some((dir, "sidebar.json")) => (dir, sidebar_paths(text)),
            _ => continue,
        };
        let (dir, dests) = listed;
        let dests: BTreeSet<String> = dests.into_iter().collect();
        let pages = files
            .keys()
            .filter(|p| p.ends_with(".md") && !p.ends_with("README.md"));
        for page in pages.filter_map(|p| p.strip_prefix(&format!("{dir}/"))) {
            if !dests.contains(page) {
                broken.push(format!("{path}: {page} is missing"));
            }
        }
    }
    broken
}

fn resolve(files: &Files, from: &str, dest: &str) -> Result<(), &'static str> {
    if leaves_the_site(dest) {
        return Ok(());
    }
    let (file, anchor) = dest.split_once('#').unwrap_or((dest, ""));
    let target = if file.is_empty() {
        from.to_owned()
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        normalise(&format!("{dir}/{file}")).ok_or("leaves the docs")?
    };
    let text = files.get(&target).ok_or("no such file")?;
    if anchor.is_empty() || anchors(text).contains(anchor) {
        Ok(())
    } else {
        Err("no such anchor")
    }
}

fn leaves_the_site(dest: &str) -> bool {
    let scheme = dest
        .split_once(':')
        .map(|(s, rest)| (s, rest.starts_with(':')));
    let absolute = scheme.is_some_and(|(s, rust_path)| {
        !rust_path
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    absolute || dest.starts_with("//")
}

fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn sidebar_paths(text: &str) -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => {
                if let Some(path) = map.get("path").and_then(|p| p.as_str()) {
                    out.push(path.to_owned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(text).expect("sidebar.json is JSON");
    let mut out = Vec::new();
    walk(&value, &mut out);
    out
}

/// The link destinations of a page: Markdown links and images outside code, and `href`s.
fn destinations(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines_outside_fences(page) {
        let line = without_code_spans(line);
        let mut rest = line.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            if let Some(dest) = link_destination(rest) {
                out.push(dest);
            }
        }
        let mut rest = line.as_str();
        while let Some(at) = rest.find("href=\"") {
            rest = &rest[at + 6..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].to_owned());
        }
    }
    out
}

/// The destination after `](`, if the parenthesis makes a link (no spaces unless in `<>`, then
/// an optional title, then `)`).
fn link_destination(after: &str) -> Option<String> {
    if let Some(angled) = after.strip_prefix('<') {
        return Some(angled[..angled.find('>')?].to_owned());
    }
    let mut depth = 0usize;
    for (i, c) in after.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(after[..i].to_owned()),
            ')' => depth -= 1,
            c if c.is_whitespace() => {
                let title = after[i..].trim_start();
                return title
                    .starts_with(['"', '\'', '('])
                    .then(|| after[..i].to_owned());
            }
            _ => {}
        }
    }
    None
}

/// The `id="…"` attributes of a page, in order.
fn ids(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in lines_outside_fences(page) {
        let mut rest = line;
        while let Some(at) = rest.find("id=\"") {
            rest = &rest[at + 4..];
            out.push(&rest[..rest.find('"').unwrap_or(rest.len())]);
        }
    }
    out
}

/// `id="…"` attributes and the GitHub-style slugs of headings.
fn anchors(page: &str) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = ids(page).into_iter().map(str::to_owned).collect();
    for line in lines_outside_fences(page) {
        if let Some(heading) = line.strip_prefix('#') {
            let text = heading.trim_start_matches('#').trim().to_lowercase();
            let slug: String = text
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect();
            out.insert(slug);
        }
    }
    out
}

/// The lines outside fenced code (fences inside quotes and list items included).
fn lines_outside_fences(page: &str) -> Vec<&str> {
    let mut fence: Option<(char, usize)> = None;
    let mut out = Vec::new();
    for line in page.lines() {
        let bare = line.trim_start().trim_start_matches(['>', ' ']).trim_end();
        let ch = bare.chars().next().filter(|&c| c == '`' || c == '~');
        let run = ch.map_or(0, |c| bare.chars().take_while(|&x| x == c).count());
        match (fence, ch) {
            (Some((open, len)), Some(c)) if c == open && run >= len && run == bare.len() => {
                fence = None;
            }
            (Some(_), _) => {}
            (None, Some(c)) if run >= 3 => fence = Some((c, run)),
            (None, _) => out.push(line),
        }
    }
    out
}

/// The line with its code spans blanked out.
fn without_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('`') {
        let run = rest[open..].chars().take_while(|&c| c == '`').count();
        let ticks = "`".repeat(run);
        let after = &rest[open + run..];
        match after.find(&ticks) {
            Some(close) => {
                out.push_str(&rest[..open]);
                rest = &after[close + run..];
            }
            None => {
                out.push_str(&rest[..open + run]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
