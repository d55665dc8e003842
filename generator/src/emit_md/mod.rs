//! model → Markdown reference pages in the docs-factory format, and their indexes.

mod blocks;
mod cells;
mod graph;
mod index;
mod inline;
mod json;
mod lang;
mod layout;
mod links;
mod nested;
mod page;
mod paths;
mod prose;
mod render;
mod type_page;
mod verbatim;
mod width;

pub use render::{name_cell, Table};

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod prettier_tests;
#[cfg(test)]
mod tests;

use crate::model::{Operation, TypeId};
use crate::parallel::parallel_map;
use crate::surface::{Snippets, Surface};
use graph::Graph;
use lang::Texts;
use layout::Layout;
use links::Site;
use std::collections::{BTreeMap, BTreeSet};

/// One operation's page and where it goes, relative to the client's docs folder.
#[derive(Debug, Clone)]
pub(crate) struct Page<'a> {
    /// Index of the operation in the API.
    pub index: usize,
    pub op: &'a Operation,
    /// `<tag-folder>/<name>.md`, named as [`paths::pages`] says.
    pub path: String,
}

/// Every docs file, keyed by path relative to the generated crate root: one page per operation
/// under `docs/<client-kebab>/<tag-folder>/`, one per shared type that a page links to under
/// `docs/<client-kebab>/types/`, plus `README.md` and `sidebar.json` beside them.
/// `snippets` holds the Rust examples the pages show.
pub fn emit(surface: &Surface, snippets: &Snippets) -> BTreeMap<String, String> {
    let api = surface.api;
    let texts = Texts::get(api.docs.language);
    let root = format!("docs/{}", paths::client_folder(&api.client.name));
    let pages = paths::pages(api);
    let site = Site::new(&pages, paths::type_pages(api, &pages));
    let layout = plan(surface, texts, &pages, &site);
    // Every file is held until the caller writes it, beside all the others: each is kept at its
    // size, and the indexes are made first, while there is room for their working values.
    let mut files = BTreeMap::new();
    let mut put = |path: String, text: String| {
        files.insert(path, fitted(text));
    };
    let own_pages: Vec<(TypeId, &str)> = layout
        .own_pages
        .iter()
        .filter_map(|&id| Some((id, site.type_page(id)?)))
        .collect();
    let mut types: Vec<_> = own_pages
        .iter()
        .map(|&(id, path)| (api.type_def(id).name.rust.as_str(), path))
        .collect();
    types.sort_unstable_by_key(|&(_, path)| path);
    let index = site.seen_from_index();
    put(
        format!("{root}/README.md"),
        index::readme(api, &pages, &types, texts, &index),
    );
    put(
        format!("{root}/sidebar.json"),
        index::sidebar(api, &pages, &types, texts),
    );
    let made = parallel_map(
        pages.iter().zip(&layout.shown).collect(),
        |(page, shown)| {
            let here: BTreeSet<TypeId> = shown.iter().copied().collect();
            let links = site.seen_from_page(Some(&here));
            let snippet = snippets.get(page.index);
            let text = page::render(surface, page.index, snippet, texts, &links, shown);
            (format!("{root}/{}", page.path), fitted(text))
        },
    );
    made.into_iter().for_each(|(path, text)| put(path, text));
    let made = parallel_map(own_pages, |(id, path)| {
        let here = BTreeSet::from([id]);
        let text = type_page::render(surface, texts, &site.seen_from_page(Some(&here)), id);
        (format!("{root}/{path}"), fitted(text))
    });
    made.into_iter().for_each(|(path, text)| put(path, text));
    files
}

/// `text` holding no more memory than it needs: every file waits for the others in memory.
fn fitted(mut text: String) -> String {
    text.shrink_to_fit();
    text
}

/// Which structures each page shows, sized as the pages would print them with every structure
/// shown where it is used.
fn plan(surface: &Surface, texts: &Texts, pages: &[Page], site: &Site) -> Layout {
    let api = surface.api;
    let graph = Graph::new(surface);
    let roots: Vec<Vec<TypeId>> = pages
        .iter()
        .map(|page| {
            let mut out = Vec::new();
            for ty in page::roots(surface, page.index) {
                graph::sectioned(api, &ty, &mut out);
            }
            out
        })
        .collect();
    let everywhere = site.seen_from_page(None);
    // A section's blocks, and the blank line that sets it off on its page.
    let section_bytes = |id| {
        nested::section(surface, texts, &everywhere, id)
            .join("\n\n")
            .len()
            + 2
    };
    layout::plan(&graph, &roots, section_bytes)
}

/// A page's title: the summary, or the method name when there is none.
fn title(op: &Operation) -> &str {
    op.summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(&op.name.rust)
}
