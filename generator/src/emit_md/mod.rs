//! model → Markdown reference pages in the docs-factory format, and their indexes.

mod blocks;
mod cells;
mod index;
mod inline;
mod json;
mod lang;
mod links;
mod nested;
mod page;
mod prose;
mod render;
mod verbatim;
mod width;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod prettier_tests;
#[cfg(test)]
mod tests;

use crate::model::{Api, Operation};
use crate::surface::{Snippets, Surface};
use heck::ToKebabCase;
use lang::Texts;
use links::Links;
use std::collections::{BTreeMap, BTreeSet};

/// One operation's page and where it goes, relative to the client's docs folder.
#[derive(Debug, Clone)]
pub(crate) struct Page<'a> {
    /// Index of the operation in the API.
    pub index: usize,
    pub op: &'a Operation,
    /// `<tag-folder>/<method-kebab>.md`
    pub path: String,
}

/// Every docs file, keyed by path relative to the generated crate root: one page per operation
/// under `docs/<client-kebab>/<tag-folder>/`, plus `README.md` and `sidebar.json` beside them.
/// `snippets` holds the Rust examples the pages show.
pub fn emit(surface: &Surface, snippets: &Snippets) -> BTreeMap<String, String> {
    let api = surface.api;
    let texts = Texts::get(api.docs.language);
    let root = format!("docs/{}", client_folder(&api.client.name));
    let pages = pages(api);
    let links = Links::new(&pages);
    let page_links = links.seen_from_page();
    let mut files = BTreeMap::new();
    for page in &pages {
        let snippet = snippets.get(page.index);
        let text = page::render(surface, page.index, snippet, texts, &page_links);
        files.insert(format!("{root}/{}", page.path), text);
    }
    files.insert(
        format!("{root}/README.md"),
        index::readme(api, &pages, texts, &links),
    );
    files.insert(
        format!("{root}/sidebar.json"),
        index::sidebar(api, &pages, texts),
    );
    files
}

/// Page paths in operation order; a path already taken gets `-2`, `-3`, … before `.md`.
fn pages(api: &Api) -> Vec<Page<'_>> {
    let mut taken = BTreeSet::new();
    api.operations
        .iter()
        .enumerate()
        .map(|(index, op)| {
            let folder = tag_folder(op.primary_tag());
            let stem = match crate::model::names::kebab(&op.name.rust) {
                s if s.is_empty() => "operation".to_owned(),
                s => s,
            };
            let mut path = format!("{folder}/{stem}.md");
            let mut n = 2;
            while !taken.insert(path.clone()) {
                path = format!("{folder}/{stem}-{n}.md");
                n += 1;
            }
            Page { index, op, path }
        })
        .collect()
}

/// `ManagementClient` → `management-client`.
fn client_folder(client: &str) -> String {
    match client.to_kebab_case() {
        s if s.is_empty() => "client".to_owned(),
        s => s,
    }
}

/// The folder of a tag: its first `/`-separated segment, lowercased, whitespace as `-`, and only
/// letters (any script), digits, `-` and `_` kept, so it is safe on disk and in a link.
fn tag_folder(tag: Option<&str>) -> String {
    let segment = tag.and_then(|t| t.split('/').next()).unwrap_or("");
    let folder: String = segment
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    if folder.chars().all(|c| c == '-' || c == '_') {
        "default".to_owned()
    } else {
        folder
    }
}

/// A page's title: the summary, or the method name when there is none.
fn title(op: &Operation) -> &str {
    op.summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(&op.name.rust)
}
