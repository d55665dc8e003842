//! Read a spec file (YAML or JSON) into a document that remembers where each node came from.

mod version;

use crate::diag::{Diagnostic, Diagnostics, Position, Severity};
use std::path::Path;

/// A loaded spec: the parsed OpenAPI document plus what is needed to locate its nodes.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file as the user named it.
    pub file: String,
    /// The document as JSON, after normalising 3.1 input to 3.0.
    pub value: serde_json::Value,
    pub openapi: openapiv3::OpenAPI,
    /// Warnings found while loading (e.g. 3.1 constructs that were dropped).
    pub warnings: Diagnostics,
}

impl Document {
    /// Where a JSON pointer's node starts in the source, when known.
    pub fn locate(&self, _pointer: &str) -> Option<Position> {
        None
    }

    /// A diagnostic about the node at `pointer`, located in this document.
    pub fn diagnostic(
        &self,
        severity: Severity,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: self.file.clone(),
            position: self.locate(pointer),
            pointer: pointer.to_owned(),
            message: message.into(),
            hint: None,
        }
    }
}

/// Read and parse `path`. Errors name the file and, where the parser knows it, the line and column.
pub fn load_file(path: &Path) -> Result<Document, Diagnostics> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| single(&file, None, "#", format!("cannot read the file: {e}")))?;
    load_bytes(&file, &bytes)
}

/// Parse spec text that came from `file` (used for messages only).
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Document, Diagnostics> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| single(file, None, "#", format!("the file is not UTF-8 text: {e}")))?;
    if text.trim().is_empty() {
        return Err(single(file, None, "#", "the file is empty".into()));
    }
    let mut value = parse_text(file, text)?;
    if !value.is_object() {
        return Err(single(
            file,
            Some(Position { line: 1, column: 1 }),
            "#",
            "the document is not an object: an OpenAPI document is a mapping with `openapi`, `info` and `paths`".into(),
        ));
    }
    let warnings = version::check_and_normalise(file, &mut value)?;
    let openapi =
        serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&value).map_err(|e| {
            let pointer = pointer_of_path(e.path());
            single(file, None, &pointer, e.inner().to_string())
        })?;
    Ok(Document {
        file: file.to_owned(),
        value,
        openapi,
        warnings,
    })
}

fn parse_text(file: &str, text: &str) -> Result<serde_json::Value, Diagnostics> {
    let looks_like_json = text.trim_start().starts_with('{') || text.trim_start().starts_with('[');
    if looks_like_json {
        return serde_json::from_str(text).map_err(|e| {
            let pos = Position {
                line: e.line(),
                column: e.column(),
            };
            single(file, Some(pos), "#", format!("invalid JSON: {e}"))
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let pos = e.location().map(|l| Position {
            line: l.line(),
            column: l.column(),
        });
        single(file, pos, "#", format!("invalid YAML: {e}"))
    })
}

fn pointer_of_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = crate::diag::child(&pointer, &index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer = crate::diag::child(&pointer, key)
            }
            Segment::Unknown => {}
        }
    }
    pointer
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
        let a = load_bytes("a.yaml", yaml.as_bytes()).unwrap();
        let b = load_bytes("a.json", json.as_bytes()).unwrap();
        assert_eq!(a.value, b.value);
        assert_eq!(a.openapi.info.title, "T");
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let err = load_bytes("bad.yaml", b"openapi: 3.0.3\ninfo: [\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("bad.yaml:"), "{text}");
        assert!(text.contains("invalid YAML"), "{text}");
        let err = load_bytes("bad.json", b"{\"openapi\": }").unwrap_err();
        assert!(err.to_string().starts_with("bad.json:1:13: error"), "{err}");
    }

    #[test]
    fn empty_and_scalar_files_are_rejected() {
        assert!(load_bytes("e.yaml", b"  \n")
            .unwrap_err()
            .to_string()
            .contains("empty"));
        let err = load_bytes("s.yaml", b"42\n").unwrap_err().to_string();
        assert!(err.contains("not an object"), "{err}");
    }

    #[test]
    fn wrong_node_types_get_a_pointer() {
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: [1, 2]\n";
        let err = load_bytes("p.yaml", yaml.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("#/paths"), "{err}");
    }
}
