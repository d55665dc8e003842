//! Where the spec's own Markdown links go in the docs: links that leave the site stay, Redoc-style
//! `#tag/…/operation/<operationId>` links go to that operation's page (or, when the id is stale,
//! to the one operation whose summary is the link's text), and links that could only dangle here
//! (relative paths of another site, unknown anchors) become their plain text.

use super::Page;
use crate::model::links::leaves_the_site;
use crate::model::TypeId;
use std::collections::{BTreeMap, BTreeSet};

/// Everything a link in one client's docs can point to: operation pages (by operationId and by
/// summary), the index's tag sections, and the pages of shared types.
#[derive(Debug, Default)]
pub struct Site<'a> {
    /// operationId → page path, relative to the client's docs folder.
    pages: BTreeMap<&'a str, &'a str>,
    /// Summary → page path, `None` when several operations share the summary.
    summaries: BTreeMap<&'a str, Option<&'a str>>,
    /// Tags that have a section in the index.
    tags: BTreeSet<&'a str>,
    /// Type → the path its own page would have, relative to the client's docs folder.
    types: BTreeMap<TypeId, String>,
}

/// The link targets of one client's docs, seen from one file of them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Links<'s> {
    site: Option<&'s Site<'s>>,
    /// The docs folder as seen from the file being rendered: `../` from a page, empty from the
    /// index.
    up: &'static str,
    /// The types whose sections the file shows; `None`: every type's (so links are anchors).
    shown: Option<&'s BTreeSet<TypeId>>,
}

impl<'a> Site<'a> {
    /// `types` gives the path of each type's own page, for the types that may need one.
    pub fn new(pages: &'a [Page<'a>], types: BTreeMap<TypeId, String>) -> Self {
        let mut summaries = BTreeMap::new();
        for page in pages {
            if let Some(summary) = page.op.summary.as_deref().map(str::trim) {
                let unique = !summaries.contains_key(summary);
                summaries.insert(summary, unique.then_some(page.path.as_str()));
            }
        }
        Self {
            pages: pages
                .iter()
                .map(|p| (p.op.name.wire.as_str(), p.path.as_str()))
                .collect(),
            summaries,
            tags: pages.iter().filter_map(|p| p.op.primary_tag()).collect(),
            types,
        }
    }

    /// Targets as seen from the index (`README.md`).
    pub fn seen_from_index(&self) -> Links<'_> {
        Links {
            site: Some(self),
            up: "",
            shown: None,
        }
    }

    /// Targets as seen from a page one folder down that shows the sections of `shown` (`None`:
    /// of every type).
    pub fn seen_from_page<'s>(&'s self, shown: Option<&'s BTreeSet<TypeId>>) -> Links<'s> {
        Links {
            site: Some(self),
            up: "../",
            shown,
        }
    }

    /// The path of a type's own page, relative to the client's docs folder.
    pub fn type_page(&self, id: TypeId) -> Option<&str> {
        self.types.get(&id).map(String::as_str)
    }
}

impl Links<'_> {
    /// The destination to print for a link the spec wrote as `[label](dest)`, or `None` to print
    /// only the link's text.
    pub fn resolve(&self, dest: &str, label: &str) -> Option<String> {
        if leaves_the_site(dest) {
            return Some(dest.to_owned());
        }
        let site = self.site?;
        let anchor = percent_decode(dest.strip_prefix('#')?);
        let operation = anchor
            .rsplit_once("/operation/")
            .map(|(_, id)| id)
            .or_else(|| anchor.strip_prefix("operation/"));
        if let Some(id) = operation {
            let by_summary = || site.summaries.get(label.trim()).copied().flatten();
            let path = site.pages.get(id).copied().or_else(by_summary)?;
            return Some(format!("{}{path}", self.up));
        }
        let tag = anchor.strip_prefix("tag/")?;
        site.tags
            .contains(tag)
            .then(|| format!("{}README.md", self.up))
    }

    /// Where a link to type `id` (named `name`) goes: its section's anchor when this file shows
    /// it, else its own page.
    pub fn type_href(&self, id: TypeId, name: &str) -> String {
        let elsewhere = self
            .shown
            .filter(|shown| !shown.contains(&id))
            .and(self.site)
            .and_then(|site| site.type_page(id));
        match elsewhere {
            Some(path) => format!("{}{path}", self.up),
            None => format!("#{name}"),
        }
    }
}

/// `%XX` escapes decoded; text that does not decode to UTF-8 is kept as it was.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{operation, seed_api};
    use super::*;
    use crate::model::HttpMethod;

    #[test]
    fn links_resolve_to_pages_or_fall_back_to_text() {
        let api = seed_api();
        let mut other = operation("Ctl_getThing", HttpMethod::Get, "/thing");
        other.tags = vec!["用户".into()];
        let ops = [&api.operations[0], &other];
        let pages: Vec<Page> = ops
            .iter()
            .zip(["user-information/update-phone.md", "用户/get-thing.md"])
            .enumerate()
            .map(|(index, (op, path))| Page {
                index,
                op,
                path: path.into(),
            })
            .collect();
        let site = Site::new(&pages, BTreeMap::new());
        let index = site.seen_from_index();
        let page = site.seen_from_page(None);
        let cases = [
            ("https://example.com/a?b", Some("https://example.com/a?b")),
            ("mailto:a@b.c", Some("mailto:a@b.c")),
            ("//cdn.example.com/x.png", Some("//cdn.example.com/x.png")),
            (
                "#tag/x/operation/Ctl_getThing",
                Some("../用户/get-thing.md"),
            ),
            ("#operation/Ctl_getThing", Some("../用户/get-thing.md")),
            ("#tag/%E7%94%A8%E6%88%B7", Some("../README.md")),
            ("#tag/x/operation/Missing", None),
            ("#tag/开发准备/错误处理", None),
            ("#section", None),
            ("../self-service/flows", None),
            ("omicron::api::Thing", None),
            ("/docs/page", None),
        ];
        for (dest, want) in cases {
            assert_eq!(page.resolve(dest, "text").as_deref(), want, "{dest}");
        }
        assert_eq!(
            index.resolve("#operation/Ctl_getThing", "").as_deref(),
            Some("用户/get-thing.md")
        );
        let stale = "#tag/x/operation/Old_id";
        let summary = "Modify mobile phone number";
        assert_eq!(
            page.resolve(stale, summary).as_deref(),
            Some("../user-information/update-phone.md")
        );
        assert_eq!(page.resolve("#section", summary), None);
    }

    #[test]
    fn types_link_to_their_section_here_or_to_their_own_page() {
        let api = seed_api();
        let pages = [Page {
            index: 0,
            op: &api.operations[0],
            path: "t/a.md".into(),
        }];
        let (here, away, unknown) = (TypeId(0), TypeId(1), TypeId(2));
        let site = Site::new(
            &pages,
            BTreeMap::from([
                (here, "types/Here.md".into()),
                (away, "types/Away.md".into()),
            ]),
        );
        let shown = BTreeSet::from([here]);
        let page = site.seen_from_page(Some(&shown));
        assert_eq!(page.type_href(here, "Here"), "#Here");
        assert_eq!(page.type_href(away, "Away"), "../types/Away.md");
        assert_eq!(page.type_href(unknown, "Gone"), "#Gone");
        assert_eq!(site.seen_from_page(None).type_href(away, "Away"), "#Away");
        assert_eq!(Links::default().type_href(away, "Away"), "#Away");
    }

    #[test]
    fn percent_escapes_decode_to_utf8_or_stay() {
        assert_eq!(percent_decode("a%20b%E7%94%A8"), "a b用");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%FF"), "%FF");
    }
}
