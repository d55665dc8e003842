//! Rustdoc from spec text: one `#[doc]` attribute per line.

use crate::model::links::leaves_the_site;
use crate::model::Field;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for `text`, or for `fallback` when the spec has no text.
pub fn doc_attrs(text: Option<&str>, fallback: &str) -> TokenStream {
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| fallback.to_owned(), spec_text);
    lines(&text)
}

/// Spec text as rustdoc can show it: a link that goes to no site (a path on the author's site
/// that lowering could not make absolute, an anchor of another renderer) becomes its text, as
/// on the pages.
pub fn spec_text(text: &str) -> String {
    static LINK: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let link = LINK.get_or_init(|| {
        regex::Regex::new(r#"!?\[([^\[\]]*)\]\(([^()\s]+)(?:\s+"[^"]*")?\)"#)
            .expect("valid pattern")
    });
    link.replace_all(text, |c: &regex::Captures| {
        if leaves_the_site(&c[2]) {
            c[0].to_owned()
        } else {
            c[1].to_owned()
        }
    })
    .into_owned()
}

/// `#[doc]` attributes for each line of `text`. Code fences without a language are marked
/// `text`, so rustdoc shows them as written instead of compiling them.
pub fn lines(text: &str) -> TokenStream {
    let mut in_fence = false;
    let attrs = text.lines().map(|line| {
        let trimmed = line.trim_start();
        let line = if trimmed.starts_with("```") {
            let opens_bare = !in_fence && trimmed.trim_end() == "```";
            in_fence = !in_fence;
            if opens_bare {
                format!(" {}text", line.trim_end())
            } else {
                format!(" {}", line.trim_end())
            }
        } else {
            format!(" {}", line.trim_end())
        };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// A field's doc: its description, then what the schema says about it.
pub fn field_doc(f: &Field, tri_state: bool) -> TokenStream {
    let mut text = f
        .description
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| format!("The `{}` property.", f.name.wire), spec_text);
    let mut notes = Vec::new();
    if f.read_only {
        notes.push("Read-only: sent by the server only.".to_owned());
    }
    if f.write_only {
        notes.push("Write-only: never returned by the server.".to_owned());
    }
    if f.deprecated {
        notes.push("Deprecated.".to_owned());
    }
    if tri_state {
        notes.push("`None` leaves it out; `Some(None)` sends `null`.".to_owned());
    }
    if let Some(default) = &f.default {
        notes.push(format!("Default (when left out): `{}`", compact(default)));
    }
    if let Some(example) = &f.example {
        notes.push(format!("Example: `{}`", compact(example)));
    }
    if !notes.is_empty() {
        text.push_str("\n\n");
        text.push_str(&notes.join("\n"));
    }
    lines(&text)
}

fn compact(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.replace('`', "'"),
        other => other.to_string().replace('`', "'"),
    }
}

/// The opening of spec text for a one-line doc: its first sentence (of its first paragraph, lines
/// joined), cut only where no `**` or code span is open, and with none left open.
pub fn brief(text: &str) -> String {
    let para = text.trim().split("\n\n").next().unwrap_or_default();
    let para = spec_text(&para.lines().map(str::trim).collect::<Vec<_>>().join(" "));
    let open = |s: &str| s.matches("**").count() % 2 == 1 || s.matches('`').count() % 2 == 1;
    let ends = para.char_indices().filter_map(|(i, c)| {
        let end = i + c.len_utf8();
        let next = para[end..].chars().next();
        let stops = matches!(c, '。' | '！' | '？')
            || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace));
        stops.then_some(end)
    });
    let cut = ends
        .map(|end| &para[..end])
        .find(|s| !open(s))
        .unwrap_or(&para);
    if open(cut) {
        cut.replace("**", "").replace('`', "")
    } else {
        cut.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{brief, spec_text};

    #[test]
    fn briefs_end_at_a_sentence_with_nothing_left_open() {
        assert_eq!(
            brief("The token has **expired\nor was revoked**. Ask for a new one.\n\nMore."),
            "The token has **expired or was revoked**."
        );
        assert_eq!(brief("Version 1.2 is gone. Use 2."), "Version 1.2 is gone.");
        assert_eq!(
            brief("Half **open and `never` closed"),
            "Half open and never closed"
        );
        assert_eq!(brief("See [docs](/x) please"), "See docs please");
        assert_eq!(brief("请求过多。请稍后再试。"), "请求过多。");
    }

    #[test]
    fn links_to_no_site_become_their_text() {
        let text = "Read [the guide](../../documentation/guide), [x](/docs/x), \
                    [y](#tag/y) or [the site](https://example.com/a \"title\"). ![logo](logo.png)";
        assert_eq!(
            spec_text(text),
            "Read the guide, x, y or [the site](https://example.com/a \"title\"). logo"
        );
    }
}
