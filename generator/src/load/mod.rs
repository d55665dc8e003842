//! Read a spec file (YAML or JSON) into a document that remembers where each node came from.
//!
//! Loading is two steps, which the pipeline (`pipeline.rs`) runs around the checker:
//! [`read_file`] parses the text (with a position for every node, YAML merge keys applied),
//! bundles relative external `$ref`s in (walking by `crate::grammar`), normalises the version and
//! repairs what can mean only one thing (`schemas.rs`), each repair a warning; then, once `check`
//! has found nothing wrong, [`finish`] builds the typed openapiv3 document. `pairs` reads
//! api-diff's folders of spec pairs.
//!
//! Memory: the spec is held in one form at a time, each kept small for the stage that holds it.
//! The text is dropped once parsed. The JSON value that `check` and the repairs read is allocated
//! at its final size (`value.rs`), beside a position tree of fixed-size records
//! (`source/nodes.rs`, about the text's size). [`finish`] consumes the value as it types it, and
//! the typed document keeps its path items as compact JSON until lowering reaches each
//! (`typed.rs`): lowering then holds the typed components, the compact paths, the position tree
//! and the model as it grows. On the synthetic scale spec each of these stages peaks under 6× the
//! text, below what emitting the files holds.

mod anchors;
mod external;
mod fit;
mod json_index;
pub mod pairs;
mod respell;
mod schemas;
mod text;
mod tree;
mod typed;
mod value;
mod version;
mod yaml_index;

pub use crate::source::{Located, Positions, Source};

use crate::diag::{Diagnostic, Diagnostics, Position, Severity};
use crate::source::{located, relocate};
use std::path::Path;

/// A path item typed from the compact JSON the document keeps, or serde's message.
pub type TypedPathItem = Result<openapiv3::ReferenceOr<openapiv3::PathItem>, String>;

/// A loaded spec: the parsed OpenAPI document plus what is needed to locate its nodes.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file as the user named it.
    pub file: String,
    /// The document typed, after normalising 3.1 input to 3.0, but for its path items (its
    /// `paths` is empty: see [`Document::path_items`]). Its JSON is dropped once typed.
    openapi: openapiv3::OpenAPI,
    paths: typed::PathItems,
    /// Warnings found while loading and checking (e.g. 3.1 constructs that were dropped).
    pub warnings: Diagnostics,
    positions: Positions,
}

impl Document {
    pub fn info(&self) -> &openapiv3::Info {
        &self.openapi.info
    }

    pub fn servers(&self) -> &[openapiv3::Server] {
        &self.openapi.servers
    }

    /// The document's `externalDocs.url`, where its site-relative links point.
    pub fn external_docs_url(&self) -> Option<&str> {
        self.openapi.external_docs.as_ref().map(|d| d.url.as_str())
    }

    pub fn components(&self) -> Option<&openapiv3::Components> {
        self.openapi.components.as_ref()
    }

    /// The document-wide security requirements, if given.
    pub fn security(&self) -> Option<&[openapiv3::SecurityRequirement]> {
        self.openapi.security.as_deref()
    }

    pub fn tags(&self) -> &[openapiv3::Tag] {
        &self.openapi.tags
    }

    /// Each path and its item, in order, typed one at a time as the iteration reaches it (the
    /// document keeps them as compact JSON; see `typed.rs`). An item that does not type is a bug:
    /// `finish` typed each one already.
    pub fn path_items(&self) -> impl Iterator<Item = (&str, TypedPathItem)> {
        self.paths.iter()
    }

    /// Where a JSON pointer's node starts in the source (or its nearest ancestor that exists).
    pub fn locate(&self, pointer: &str) -> Option<Position> {
        self.positions.locate(pointer).position
    }

    pub fn positions(&self) -> &Positions {
        &self.positions
    }

    /// A diagnostic about the node at `pointer`, located in the file it came from.
    pub fn diagnostic(
        &self,
        severity: Severity,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        located(&self.positions, severity, pointer, message.into())
    }
}

/// Parse `path`, following relative `$ref`s to other files beside it.
pub fn read_file(path: &Path) -> Result<Source, Diagnostics> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| single(&file, None, "#", format!("cannot read the file: {e}")))?;
    read(&file, &bytes, Some(path))
}

/// Parse spec text that came from `file` (used for messages only).
pub fn read_bytes(file: &str, bytes: &[u8]) -> Result<Source, Diagnostics> {
    read(file, bytes, None)
}

fn read(file: &str, bytes: &[u8], path: Option<&Path>) -> Result<Source, Diagnostics> {
    let parsed = text::parse(file, 0, bytes)?;
    let mut positions = Positions::new(file, parsed.tree);
    let mut found = duplicates(&positions, parsed.duplicates);
    let mut value = parsed.value;
    let version = value
        .get("openapi")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if value.get("swagger").is_none() {
        found.extend(external::bundle(&mut value, &mut positions, path));
    }
    let webhooks = value.get("webhooks").is_some();
    match version::check_and_normalise(file, &mut value) {
        Ok(warnings) => found.extend(relocate(&positions, warnings)),
        Err(errors) => return Err(relocate(&positions, errors).sorted()),
    }
    if webhooks && !found.iter().any(|d| d.pointer == "#/webhooks") {
        let message = "webhooks are not supported; skipped".into();
        found.push(located(
            &positions,
            Severity::Warning,
            "#/webhooks",
            message,
        ));
    }
    Ok(Source {
        file: file.to_owned(),
        value,
        version,
        positions,
        found,
    })
}

/// Build the typed document, unless `found` (from `check`) holds errors.
pub fn finish(source: Source, found: Diagnostics) -> Result<Document, Diagnostics> {
    if found.has_errors() {
        return Err(found.sorted());
    }
    let Source {
        file,
        value,
        positions,
        ..
    } = source;
    let (openapi, paths) = typed::type_document(value).map_err(|e| {
        let mut all = found.clone();
        all.push(located(&positions, Severity::Error, &e.pointer, e.message));
        all.sorted()
    })?;
    Ok(Document {
        file,
        openapi,
        paths,
        warnings: found,
        positions,
    })
}

fn duplicates(positions: &Positions, found: Vec<tree::Duplicate>) -> Diagnostics {
    let mut all = Diagnostics::default();
    for d in found {
        all.push(Diagnostic {
            severity: Severity::Error,
            file: positions.file_name(d.again.file).to_owned(),
            position: Some(text::position(d.again)),
            pointer: d.pointer,
            message: format!("duplicate key '{}'", d.key),
            hint: Some(format!(
                "first given at line {}, column {}; the last one would win silently",
                d.first.line, d.first.column
            )),
        });
    }
    all
}

pub(crate) fn single(
    file: &str,
    position: Option<Position>,
    pointer: &str,
    message: String,
) -> Diagnostics {
    let mut all = Diagnostics::default();
    all.push(Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        position,
        pointer: pointer.to_owned(),
        message,
        hint: None,
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_json_give_the_same_document() {
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
        let json = r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{}}"#;
        let a = read_bytes("a.yaml", yaml.as_bytes()).unwrap();
        let b = read_bytes("a.json", json.as_bytes()).unwrap();
        assert_eq!(a.value, b.value);
        let typed = crate::load_bytes("a.yaml", yaml.as_bytes()).unwrap();
        assert_eq!(typed.info().title, "T");
    }

    #[test]
    fn every_node_is_located_in_yaml_and_json() {
        let yaml = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\n";
        let json = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\", \"version\": \"1\"},\n  \"paths\": {}\n}";
        let a = crate::load_bytes("a.yaml", yaml.as_bytes()).unwrap();
        assert_eq!(
            a.locate("#/info/version"),
            Some(Position { line: 4, column: 3 })
        );
        let b = crate::load_bytes("a.json", json.as_bytes()).unwrap();
        assert_eq!(
            b.locate("#/info/version"),
            Some(Position {
                line: 3,
                column: 26
            })
        );
        let d = b.diagnostic(Severity::Warning, "#/paths/~1gone", "x");
        assert_eq!(d.to_string(), "a.json:4:3: warning: #/paths/~1gone: x");
    }

    #[test]
    fn integers_beyond_i64_are_valid() {
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    N: {type: integer, minimum: -9223372036854776000}\n";
        let doc = crate::load_bytes("n.yaml", yaml.as_bytes()).unwrap_or_else(|d| panic!("{d}"));
        assert!(doc.components().unwrap().schemas.contains_key("N"));
        let source = read_bytes("n.yaml", yaml.as_bytes()).unwrap();
        let n = &source.value["components"]["schemas"]["N"]["minimum"];
        assert_eq!(n.as_f64(), Some(-9223372036854776000.0));
    }

    #[test]
    fn version_errors_are_located() {
        let err = crate::load_bytes("s.yaml", b"info: {}\nswagger: '2.0'\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "s.yaml:2:1: error: #/swagger: Swagger 2.0 is not supported: convert the spec to OpenAPI 3 first\n"
        );
    }
}
