//! Rust files made of parts: each part's tokens are made and formatted (syn + prettyplease) on a
//! pool of threads, and a file's text is its parts' texts in order.
//!
//! prettyplease prints each top-level item on its own, ending in a line break, so printing a file
//! part by part (and each part [`CHUNK`] items at a time) gives the text of printing it at once;
//! the tests check that. Tokens cannot cross threads, so a part is a function that makes them on
//! the thread that formats them.

use super::gates::{self, Gates};
use super::{Clock, HEADER};
use crate::parallel::parallel_map;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;
use std::time::Instant;

/// Makes the tokens of some top-level items; a file's first part may begin with inner attributes.
pub type Part<'a> = Box<dyn Fn() -> TokenStream + Sync + 'a>;

/// A Rust file to make: its path in the crate, its parts, and the `cfg` gates of its items.
pub struct RustFile<'a> {
    pub path: String,
    pub parts: Vec<Part<'a>>,
    pub gates: Gates,
}

impl<'a> RustFile<'a> {
    pub fn new(path: &str, parts: Vec<Part<'a>>, gates: Gates) -> Self {
        RustFile {
            path: path.to_owned(),
            parts,
            gates,
        }
    }
}

/// Top-level items parsed and printed at once: a large file's syntax tree is never whole in
/// memory, and a part's chunks free their trees as they go.
const CHUNK: usize = 64;

/// Each file's path and formatted text, in the order given. With a clock, runs on this thread
/// and times making tokens apart from formatting them; the text is the same.
pub fn format_files(files: &[RustFile], clock: Option<&mut Clock>) -> Vec<(String, String)> {
    let jobs: Vec<(usize, usize)> = files
        .iter()
        .enumerate()
        .flat_map(|(f, file)| (0..file.parts.len()).map(move |p| (f, p)))
        .collect();
    let run = |(f, p): (usize, usize), clock: Option<&mut Clock>| format_part(&files[f], p, clock);
    let texts: Vec<Result<String, String>> = match clock {
        Some(clock) => jobs.into_iter().map(|job| run(job, Some(clock))).collect(),
        None => parallel_map(jobs, |job| run(job, None)),
    };
    let mut texts = texts.into_iter();
    files
        .iter()
        .map(|file| {
            let parts: Vec<_> = texts.by_ref().take(file.parts.len()).collect();
            let text = match parts.into_iter().collect::<Result<Vec<String>, String>>() {
                Ok(parts) => join(parts),
                Err(error) => fallback(&error, file),
            };
            (file.path.clone(), text)
        })
        .collect()
}

fn format_part(file: &RustFile, index: usize, clock: Option<&mut Clock>) -> Result<String, String> {
    let started = Instant::now();
    let mut tokens = (file.parts[index])();
    if index == 0 {
        tokens = quote! {
            #![cfg_attr(rustfmt, rustfmt::skip)]
            #tokens
        };
    }
    let made = Instant::now();
    let mut out = String::new();
    for chunk in chunks(tokens) {
        let mut syntax = syn::parse2::<syn::File>(chunk).map_err(|e| e.to_string())?;
        gates::apply(&mut syntax, &file.gates);
        out.push_str(&prettyplease::unparse(&syntax));
    }
    out.shrink_to_fit();
    if let Some(clock) = clock {
        clock.emit += made - started;
        clock.format += made.elapsed();
    }
    Ok(out)
}

/// The header and `parts`, in one string of the final size; each part is freed once copied.
fn join(parts: Vec<String>) -> String {
    let mut text =
        String::with_capacity(HEADER.len() + parts.iter().map(String::len).sum::<usize>());
    text.push_str(HEADER);
    for part in parts {
        text.push_str(&part);
    }
    text
}

/// `tokens` cut into runs of [`CHUNK`] items. An item ends at a top-level `;`, or at a top-level
/// `{ .. }` not followed by `;` (`use a::{b, c};` and `const X: T = T { .. };` end at the `;`).
/// Inner attributes stay with the first item.
fn chunks(tokens: TokenStream) -> impl Iterator<Item = TokenStream> {
    let mut trees = tokens.into_iter().peekable();
    std::iter::from_fn(move || {
        let mut chunk = TokenStream::new();
        let mut items = 0;
        while let Some(tree) = trees.next() {
            let ends = match &tree {
                TokenTree::Punct(p) => p.as_char() == ';',
                TokenTree::Group(g) => {
                    g.delimiter() == Delimiter::Brace
                        && !matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
                }
                _ => false,
            };
            chunk.extend([tree]);
            items += usize::from(ends);
            if items == CHUNK {
                break;
            }
        }
        (!chunk.is_empty()).then_some(chunk)
    })
}

/// A whole file of a side crate (a test harness, a probe): formatted, or, should the tokens not
/// parse, a `compile_error!` that names the problem.
pub(super) fn side_file(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => format!("compile_error!({:?});\n", e.to_string()),
    }
}

/// Tokens that do not parse are a bug in this generator, not in the spec: keep them raw, so the
/// compiler names the problem.
fn fallback(error: &str, file: &RustFile) -> String {
    let tokens: TokenStream = file.parts.iter().map(|part| part()).collect();
    format!("{HEADER}compile_error!({error:?});\n{tokens}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::format_ident;

    /// What [`format_files`] would print for `file` if it parsed and printed it all at once.
    fn whole(file: &RustFile) -> String {
        let tokens: TokenStream = file.parts.iter().map(|part| part()).collect();
        let tokens = quote! {
            #![cfg_attr(rustfmt, rustfmt::skip)]
            #tokens
        };
        let syntax = syn::parse2::<syn::File>(tokens).unwrap();
        format!("{HEADER}{}", prettyplease::unparse(&syntax))
    }

    fn item(i: usize) -> TokenStream {
        let name = format_ident!("T{i}");
        match i % 5 {
            0 => quote!(
                use std::{fmt, io};
            ),
            1 => quote!(#[derive(Debug)] pub struct #name { a: u8 }),
            2 => quote!(pub const #name: S = S { a: 1 };),
            3 => quote!(impl #name { pub fn f(&self) -> u8 { let x = { 1 }; x } }),
            _ => quote!(/// Docs.
                pub type #name = [u8; 3];),
        }
    }

    #[test]
    fn printing_in_parts_and_chunks_gives_the_text_of_printing_at_once() {
        let first: Part = Box::new(|| {
            let items = (0..CHUNK * 2 + 7).map(item);
            quote! {
                //! A file.
                #![allow(dead_code)]
                #(#items)*
            }
        });
        let second: Part = Box::new(|| (1000..1010).map(item).collect());
        let file = RustFile::new("a.rs", vec![first, second], Gates::new());
        assert!(chunks((file.parts[0])()).count() > 2);
        let formatted = format_files(std::slice::from_ref(&file), None);
        assert_eq!(formatted, vec![("a.rs".to_owned(), whole(&file))]);
        let mut clock = Clock::default();
        let serial = format_files(std::slice::from_ref(&file), Some(&mut clock));
        assert_eq!(serial, formatted);
        assert!(clock.format > std::time::Duration::ZERO);
    }

    #[test]
    fn the_real_files_print_the_same_in_parts() {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/management.yaml");
        let doc = crate::load_file(std::path::Path::new(spec)).unwrap();
        let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        let surface = crate::surface::Surface::new(&api);
        let snippets = super::super::snippets(&surface);
        let mut files = super::super::rust_files(&surface, &snippets);
        assert!(files.iter().any(|f| f.parts.len() > 2));
        for file in &mut files {
            file.gates = Gates::new();
        }
        for (file, (path, text)) in files.iter().zip(format_files(&files, None)) {
            assert_eq!(path, file.path);
            assert_eq!(text, whole(file), "{path}");
        }
    }

    #[test]
    fn tokens_that_do_not_parse_are_kept_raw_behind_a_compile_error() {
        let broken: Part = Box::new(|| quote!(pub struct {}));
        let file = RustFile::new("bad.rs", vec![broken], Gates::new());
        let (_, text) = &format_files(&[file], None)[0];
        assert!(
            text.starts_with(&format!("{HEADER}compile_error!(")),
            "{text}"
        );
        assert!(text.contains("pub struct { }"), "{text}");
    }
}
