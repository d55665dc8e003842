//! OpenAPI 3.x → a Rust SDK crate and Markdown reference pages.
//!
//! The pipeline is `load` (bytes → [`source::Source`], a document with positions, unambiguous
//! repairs made) → `check` (every structural problem, located) → `lower` (document →
//! [`model::Api`]) → `surface` (the facts of the generated API, computed once) → `emit_rust` and
//! `emit_md` (surface → files), wired once in [`pipeline`]. JSON pointers are spelled by
//! [`pointer`](mod@pointer) alone.
//! Nothing here touches the disk except `load` reading the spec; callers decide where the returned
//! files go.
//!
//! Memory: each stage's input is dropped once the next stage has what it needs (see `load` for the
//! spec's forms), so the peak is at the end, where the model, the surface and every file are held
//! together; whatever is held there is kept at its size.

pub mod check;
pub mod diag;
pub mod diff;
pub mod emit_md;
pub mod emit_rust;
mod grammar;
pub mod load;
pub mod lower;
pub mod model;
pub mod names_lock;
mod parallel;
pub mod pipeline;
pub mod pointer;
pub mod runtime_src;
pub mod source;
pub mod surface;
#[cfg(test)]
#[path = "../tests/common/input.rs"]
mod test_input;
pub mod timed;

use std::collections::BTreeMap;
use std::path::Path;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use model::Language;
use pipeline::Watch;

/// What the caller can choose; everything else comes from the spec.
#[derive(Debug, Clone)]
pub struct Options {
    /// Overrides the client name from the spec (`--client-name`).
    pub client_name: Option<String>,
    /// Overrides the docs language from the spec.
    pub language: Option<Language>,
    /// The generated crate's package name.
    pub crate_name: String,
    pub crate_version: String,
    /// `true` when the crate is a member of an enclosing workspace; otherwise its
    /// `Cargo.toml` declares its own (empty) workspace so it builds anywhere.
    pub workspace_member: bool,
    /// Whether to emit the Markdown reference pages under `docs/` (`--no-docs` turns them off).
    pub docs: bool,
    /// Where the generated crate gets the `sdk-runtime` crate from.
    pub runtime: RuntimeDep,
    /// The crate's `names.lock` so far: every item keeps the Rust name it records. `None`: fresh
    /// names, first come, first served.
    pub names: Option<model::record::Record>,
    /// Drop the recorded names of items the spec no longer has (`--forget-removed-names`).
    pub forget_removed_names: bool,
}

/// Where a generated crate gets `sdk-runtime` from: the `sdk-runtime` line of its `Cargo.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDep {
    /// A folder holding the runtime crate, relative to the generated crate or absolute.
    Path(String),
    /// A git repository whose workspace has the runtime crate, at `rev` (a commit, tag or
    /// branch) or at its default branch.
    Git { url: String, rev: Option<String> },
    /// A registry, by version requirement (e.g. `0.1`).
    Version(String),
    /// A copy of the runtime's sources inside the generated crate, at `sdk-runtime/`, so that
    /// the crate builds wherever it is copied.
    Vendor,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            client_name: None,
            language: None,
            crate_name: "generated-client".into(),
            crate_version: "0.1.0".into(),
            workspace_member: false,
            docs: true,
            runtime: RuntimeDep::Version(runtime_src::VERSION.to_owned()),
            names: None,
            forget_removed_names: false,
        }
    }
}

/// The generated files, keyed by path relative to the crate root, plus warnings.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: BTreeMap<String, String>,
    pub warnings: Diagnostics,
    pub api: Option<model::Api>,
}

/// Load, check, lower and emit one spec file. On any error nothing is returned but the
/// diagnostics: every problem `check` finds, errors first, each located.
pub fn generate_file(path: &Path, options: &Options) -> Result<Output, Diagnostics> {
    pipeline::run(
        pipeline::Input::File(path),
        options,
        &mut Watch::plain(&mut |_| {}),
    )
}

/// [`generate_file`] for spec text in memory (`file` names it in messages); external file
/// `$ref`s are not followed.
pub fn generate_bytes(file: &str, bytes: &[u8], options: &Options) -> Result<Output, Diagnostics> {
    let input = pipeline::Input::Bytes { file, bytes };
    pipeline::run(input, options, &mut Watch::plain(&mut |_| {}))
}

/// Read, check and type a spec file: everything [`generate_file`] does before lowering.
pub fn load_file(path: &Path) -> Result<load::Document, Diagnostics> {
    pipeline::document(pipeline::Input::File(path), &mut Watch::plain(&mut |_| {}))
}

/// [`load_file`] for text already in memory; external file `$ref`s are not followed.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<load::Document, Diagnostics> {
    let input = pipeline::Input::Bytes { file, bytes };
    pipeline::document(input, &mut Watch::plain(&mut |_| {}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_docs_the_crate_is_the_same_and_no_page_is_made() {
        let spec = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/management.yaml"
        ));
        let with = generate_file(spec, &Options::default()).unwrap().files;
        let options = Options {
            docs: false,
            ..Options::default()
        };
        let without = generate_file(spec, &options).unwrap().files;
        let (docs, code): (BTreeMap<_, _>, BTreeMap<_, _>) = with
            .into_iter()
            .partition(|(path, _)| path.starts_with("docs/"));
        assert!(docs.len() > 10);
        assert_eq!(without, code);
    }
}
