//! Rustdoc from spec text: one `#[doc]` attribute per line.

use crate::model::Field;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for `text`, or for `fallback` when the spec has no text.
pub fn doc_attrs(text: Option<&str>, fallback: &str) -> TokenStream {
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(fallback);
    lines(text)
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
        .map_or_else(|| format!("The `{}` property.", f.name.wire), str::to_owned);
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
