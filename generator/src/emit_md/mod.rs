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
mod paths;
mod prose;
mod render;
mod sample;
mod verbatim;
mod width;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod prettier_tests;
#[cfg(test)]
mod tests;

use crate::model::{Api, Operation};
use lang::Texts;
use links::Links;
use std::collections::BTreeMap;

/// One operation's page and where it goes, relative to the client's docs folder.
#[derive(Debug, Clone)]
pub(crate) struct Page<'a> {
    pub op: &'a Operation,
    /// `<tag-folder>/<name>.md`, named as [`paths::pages`] says.
    pub path: String,
}

/// Every docs file, keyed by path relative to the generated crate root: one page per operation
/// under `docs/<client-kebab>/<tag-folder>/`, plus `README.md` and `sidebar.json` beside them.
/// `examples` holds the Rust snippets the pages show.
pub fn emit(api: &Api, examples: &crate::emit_rust::Examples) -> BTreeMap<String, String> {
    let texts = Texts::get(api.docs.language);
    let root = format!("docs/{}", paths::client_folder(&api.client.name));
    let pages = paths::pages(api);
    let links = Links::new(&pages);
    let page_links = links.seen_from_page();
    let mut files = BTreeMap::new();
    for page in &pages {
        let text = page::render(api, page.op, examples.get(page.op), texts, &page_links);
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

/// A page's title: the summary, or the method name when there is none.
fn title(op: &Operation) -> &str {
    op.summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(&op.name.rust)
}
