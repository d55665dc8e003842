//! The index page (`README.md`) and the docs site's `sidebar.json`: operations grouped by tag, then
//! the shared types that have a page of their own.

use super::lang::Texts;
use super::links::Links;
use super::prose::prose;
use super::render::{cell, code_span, heading, inline_code, Table};
use super::{json, Page};
use crate::model::Api;
use serde_json::{json, Value};

/// Pages grouped by their operation's first tag: declared tags in spec order, then undeclared
/// tags as operations first use them, then untagged operations under the default name.
pub fn groups<'p, 'a>(
    api: &Api,
    pages: &'p [Page<'a>],
    texts: &Texts,
) -> Vec<(String, Vec<&'p Page<'a>>)> {
    let mut names: Vec<&str> = api.tags.iter().map(|t| t.name.as_str()).collect();
    for page in pages {
        if let Some(tag) = page.op.primary_tag() {
            if !names.contains(&tag) {
                names.push(tag);
            }
        }
    }
    let mut groups: Vec<(String, Vec<&Page>)> = names
        .iter()
        .map(|&name| {
            let members = pages.iter().filter(|p| p.op.primary_tag() == Some(name));
            (name.to_owned(), members.collect())
        })
        .collect();
    let untagged: Vec<&Page> = pages
        .iter()
        .filter(|p| p.op.primary_tag().is_none())
        .collect();
    groups.push((texts.default_tag.to_owned(), untagged));
    groups.retain(|(_, members)| !members.is_empty());
    groups
}

/// A shared type's name and the path of its page, relative to the index.
pub type TypeEntry<'a> = (&'a str, &'a str);

/// `README.md`: a title, then per tag a table of its methods linking to their pages, then a list
/// of the types that have a page.
pub fn readme(
    api: &Api,
    pages: &[Page],
    types: &[TypeEntry],
    texts: &Texts,
    links: &Links,
) -> String {
    let mut blocks = vec![heading(
        1,
        &format!("{} {}", api.client.name, texts.reference_title),
    )];
    let about = Some(prose(&api.title, links));
    let version = Some(inline_code(api.version.trim()))
        .filter(|v| !v.is_empty())
        .map(|v| format!("{}{v}", texts.api_version));
    let description = api.description.as_deref().map(|d| prose(d, links));
    let intro = about.into_iter().chain(version).chain(description);
    blocks.extend(intro.filter(|block| !block.is_empty()));
    for (tag, members) in groups(api, pages, texts) {
        blocks.push(heading(2, &tag));
        let description = api
            .tags
            .iter()
            .find(|t| t.name == tag)
            .and_then(|t| t.description.as_deref());
        if let Some(text) = description
            .map(|d| prose(d, links))
            .filter(|d| !d.is_empty())
        {
            blocks.push(text);
        }
        let mut table = Table::new([texts.index_method, texts.index_request, texts.index_summary]);
        for page in members {
            let op = page.op;
            table.push(vec![
                format!("[{}]({})", code_span(&op.name.rust), page.path),
                code_span(&format!("{} {}", op.method.as_str(), op.path)),
                cell(op.summary.as_deref().unwrap_or(""), links),
            ]);
        }
        blocks.push(table.render());
    }
    if !types.is_empty() {
        blocks.push(heading(2, texts.data_structure));
        let items: Vec<String> = types
            .iter()
            .map(|(name, path)| format!("- [{}]({path})", code_span(name)))
            .collect();
        blocks.push(items.join("\n"));
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// `sidebar.json`: `[{title, children: [{title, path}]}]`, one entry per tag and one for the
/// types that have a page, paths relative to the index.
pub fn sidebar(api: &Api, pages: &[Page], types: &[TypeEntry], texts: &Texts) -> String {
    let mut entries: Vec<Value> = groups(api, pages, texts)
        .into_iter()
        .map(|(tag, members)| {
            let children: Vec<Value> = members
                .iter()
                .map(|page| json!({"title": super::title(page.op), "path": page.path}))
                .collect();
            json!({"title": tag, "children": children})
        })
        .collect();
    if !types.is_empty() {
        let children: Vec<Value> = types
            .iter()
            .map(|(name, path)| json!({"title": name, "path": path}))
            .collect();
        entries.push(json!({"title": texts.data_structure, "children": children}));
    }
    let mut out = json::pretty(&Value::Array(entries));
    out.push('\n');
    out
}
