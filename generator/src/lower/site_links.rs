//! Site-relative links in spec text (`../../documentation/x`, `/docs/x`) are written for the
//! author's own site: they become absolute against `externalDocs.url`, else the first server's
//! origin. Links that then still stay on no site are the emitters' to drop to plain text.

use crate::model::{Api, TypeKind};
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// The URL site-relative links are read against: `externalDocs.url`, else the first server's
/// origin; `None` when neither is an absolute `http(s)` URL.
pub fn base(external_docs: Option<&str>, server: Option<&str>) -> Option<String> {
    let absolute = |u: &&str| u.starts_with("https://") || u.starts_with("http://");
    if let Some(docs) = external_docs.filter(absolute) {
        return Some(docs.to_owned());
    }
    let server = server.filter(absolute)?;
    let (scheme, rest) = server.split_once("://")?;
    let host = rest.split('/').next().unwrap_or(rest);
    Some(format!("{scheme}://{host}/"))
}

/// Every description in `api` with its site-relative links made absolute against `base`.
pub fn absolutize(api: &mut Api, base: &str) {
    let fix = |text: &mut Option<String>| {
        if let Some(t) = text.as_mut() {
            *t = absolute(t, base);
        }
    };
    fix(&mut api.description);
    api.tags.iter_mut().for_each(|t| fix(&mut t.description));
    for op in &mut api.operations {
        fix(&mut op.description);
        op.params.iter_mut().for_each(|p| fix(&mut p.description));
        if let Some(body) = op.body.as_mut() {
            fix(&mut body.description);
        }
        op.responses
            .iter_mut()
            .for_each(|r| fix(&mut r.description));
    }
    for ty in &mut api.types {
        fix(&mut ty.description);
        if let TypeKind::Struct(s) = &mut ty.kind {
            s.fields.iter_mut().for_each(|f| fix(&mut f.description));
        }
    }
}

fn link() -> &'static Regex {
    static LINK: OnceLock<Regex> = OnceLock::new();
    LINK.get_or_init(|| Regex::new(r"\]\(([^()\s]+)").expect("valid pattern"))
}

/// `text` with each inline link destination that is site-relative joined to `base`.
pub fn absolute(text: &str, base: &str) -> String {
    link()
        .replace_all(text, |c: &Captures| match join(base, &c[1]) {
            Some(url) => format!("]({url}"),
            None => c[0].to_owned(),
        })
        .into_owned()
}

/// `dest` read against `base`, when `dest` is a path on the author's site (`/x`, `./x`, `../x`).
fn join(base: &str, dest: &str) -> Option<String> {
    let (scheme, rest) = base.split_once("://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if let Some(rooted) = dest.strip_prefix('/').filter(|_| !dest.starts_with("//")) {
        return Some(format!("{scheme}://{host}/{rooted}"));
    }
    if !(dest.starts_with("./") || dest.starts_with("../")) {
        return None;
    }
    // The base's folder: everything up to its last `/`.
    let mut segments: Vec<&str> = path.split('/').collect();
    segments.pop();
    let mut rest = dest;
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            segments.pop();
            rest = r;
        } else {
            break;
        }
    }
    segments.push(rest);
    Some(format!("{scheme}://{host}/{}", segments.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_relative_links_join_the_docs_url_or_the_server_origin() {
        let docs = base(Some("https://dev.example.com/documentation/web-api"), None).unwrap();
        let text = "See [scopes](../../documentation/scopes), [x](/docs/x), [y](#y) and [z](https://z.io/a).";
        assert_eq!(
            absolute(text, &docs),
            "See [scopes](https://dev.example.com/documentation/scopes), [x](https://dev.example.com/docs/x), [y](#y) and [z](https://z.io/a)."
        );
        let origin = base(None, Some("https://api.example.com/v1")).unwrap();
        assert_eq!(origin, "https://api.example.com/");
        assert_eq!(
            absolute("[a](../guide/a) [b](/b)", &origin),
            "[a](https://api.example.com/guide/a) [b](https://api.example.com/b)"
        );
        assert_eq!(base(None, Some("/v1")), None);
        assert_eq!(base(None, None), None);
    }
}
