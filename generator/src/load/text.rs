//! Bytes → JSON value plus position tree, with located errors for binary, empty, malformed and
//! non-mapping input.

use super::tree::{Duplicate, MAX_DEPTH};
use super::value::{JsonValue, YamlValue};
use super::{json_index, yaml_index};
use crate::diag::{Diagnostic, Diagnostics, Position, Severity};
use crate::source::{describe, Pos, Tree};
use serde_json::Value;

pub(crate) struct Parsed {
    pub value: Value,
    pub tree: Tree,
    pub duplicates: Vec<Duplicate>,
}

/// Parse one file's bytes; `file_id` numbers its nodes in the position tree.
pub(crate) fn parse(file: &str, file_id: u32, bytes: &[u8]) -> Result<Parsed, Diagnostics> {
    let fail = |pos: (usize, usize), message: String| {
        let mut all = Diagnostics::default();
        all.push(error(file, pos, message));
        Err(all)
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = line_column(bytes, e.valid_up_to());
            return fail(
                at,
                format!(
                    "the file is not UTF-8 text (byte 0x{:02X}): it looks binary, not YAML or JSON",
                    bytes[e.valid_up_to()]
                ),
            );
        }
    };
    if let Some(nul) = text.find('\0') {
        let at = line_column(bytes, nul);
        return fail(
            at,
            "the file contains a NUL character: it looks binary, not YAML or JSON".into(),
        );
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return fail(
            (1, 1),
            "the file is empty: expected an OpenAPI document".into(),
        );
    }
    let parsed = if looks_like_json(file, text) {
        // JSON is YAML too: a `.yaml` file holding flow-style YAML gets its second chance.
        parse_json(file, file_id, text).or_else(|json_error| match is_yaml_name(file) {
            true => parse_yaml(file, file_id, text).map_err(|_| json_error),
            false => Err(json_error),
        })?
    } else {
        parse_yaml(file, file_id, text)?
    };
    if !parsed.value.is_object() {
        let root = parsed.tree.root.map(|r| parsed.tree.nodes.get(r).pos);
        let pos = root.map_or((1, 1), |pos| (pos.line as usize, pos.column as usize));
        return fail(
            pos,
            format!(
                "the document is {}, not a mapping: an OpenAPI document is a mapping with `openapi`, `info` and `paths`",
                describe(&parsed.value)
            ),
        );
    }
    Ok(parsed)
}

fn looks_like_json(file: &str, text: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with(['{', '['])
}

fn is_yaml_name(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

fn parse_json(file: &str, file_id: u32, text: &str) -> Result<Parsed, Diagnostics> {
    let index = json_index::index(text, file_id);
    too_deep(file, index.too_deep)?;
    let JsonValue(value) = serde_json::from_str(text).map_err(|e| {
        let message = without_location(&e.to_string(), e.line(), e.column());
        let mut all = Diagnostics::default();
        all.push(error(
            file,
            (e.line(), e.column()),
            format!("invalid JSON: {message}"),
        ));
        all
    })?;
    Ok(Parsed {
        value,
        tree: index.tree,
        duplicates: index.duplicates,
    })
}

fn parse_yaml(file: &str, file_id: u32, text: &str) -> Result<Parsed, Diagnostics> {
    let index = yaml_index::index(text, file_id);
    too_deep(file, index.too_deep)?;
    let value = match serde_yaml::from_str::<YamlValue>(text) {
        Ok(YamlValue(value)) => value,
        Err(e) => {
            let mut all = Diagnostics::default();
            all.push(yaml_error(file, text, &e));
            return Err(all);
        }
    };
    if depth(&value) > MAX_DEPTH {
        let message = format!(
            "the document nests more than {MAX_DEPTH} levels deep through its YAML aliases"
        );
        return Err(one(error(file, (1, 1), message)));
    }
    Ok(Parsed {
        value,
        tree: index.tree,
        duplicates: index.duplicates,
    })
}

fn too_deep(file: &str, at: Option<Pos>) -> Result<(), Diagnostics> {
    let Some(at) = at else { return Ok(()) };
    let message = format!(
        "the document nests more than {MAX_DEPTH} levels deep here: no OpenAPI document needs that"
    );
    Err(one(error(
        file,
        (at.line as usize, at.column as usize),
        message,
    )))
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::default();
    all.push(d);
    all
}

/// How deeply `value` nests (YAML aliases can nest deeper than the text shows).
fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 0)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            Value::Object(map) => stack.extend(map.values().map(|i| (i, d + 1))),
            _ => {}
        }
    }
    deepest
}

fn yaml_error(file: &str, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let Some(loc) = e.location() else {
        if full.contains("more than one document") {
            let at = yaml_index::second_document(text).unwrap_or((1, 1));
            return error(file, at, "a second YAML document starts here: a spec is one document (remove the extra `---`)".into());
        }
        return error(file, (1, 1), format!("invalid YAML: {full}"));
    };
    let (line, column) = (loc.line(), loc.column());
    if let Some(tab) = indent_tab(text, line) {
        return error(
            file,
            (line, tab),
            "tab character in indentation: YAML indents with spaces only".into(),
        );
    }
    let message = without_location(&full, line, column);
    error(file, (line, column), format!("invalid YAML: {message}"))
}

/// The column of a tab among the leading whitespace of `line`, if any.
fn indent_tab(text: &str, line: usize) -> Option<usize> {
    let content = text.lines().nth(line.checked_sub(1)?)?;
    let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
    content[..indent].find('\t').map(|i| i + 1)
}

/// serde's messages end in " at line L column C", which the diagnostic already shows.
fn without_location(message: &str, line: usize, column: usize) -> String {
    message.replacen(&format!(" at line {line} column {column}"), "", 1)
}

fn error(file: &str, (line, column): (usize, usize), message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        position: Some(Position {
            line: line.max(1),
            column: column.max(1),
        }),
        pointer: "#".into(),
        message,
        hint: None,
    }
}

fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// The position of a duplicate key's second occurrence, for its diagnostic.
pub(crate) fn position(pos: Pos) -> Position {
    Position {
        line: pos.line as usize,
        column: pos.column as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(file: &str, bytes: &[u8]) -> String {
        match parse(file, 0, bytes) {
            Ok(_) => "ok".into(),
            Err(d) => d.iter().next().unwrap().to_string(),
        }
    }

    #[test]
    fn binary_empty_and_scalar_files_are_located() {
        assert_eq!(first("b.yaml", b"openapi: 3\n\xff\xfe"), "b.yaml:2:1: error: #: the file is not UTF-8 text (byte 0xFF): it looks binary, not YAML or JSON");
        assert_eq!(
            first("e.yaml", b" \n\n"),
            "e.yaml:1:1: error: #: the file is empty: expected an OpenAPI document"
        );
        assert_eq!(first("s.json", b"\n  \"text\""), "s.json:2:3: error: #: the document is a string, not a mapping: an OpenAPI document is a mapping with `openapi`, `info` and `paths`");
    }

    #[test]
    fn syntax_errors_lose_the_repeated_location() {
        assert_eq!(
            first("a.json", b"{\"a\": }"),
            "a.json:1:7: error: #: invalid JSON: expected value"
        );
        assert_eq!(
            first("a.yaml", b"a:\n  b: 1\n\tc: 2\n"),
            "a.yaml:3:1: error: #: tab character in indentation: YAML indents with spaces only"
        );
        assert_eq!(first("a.yaml", b"a: 1\n---\nb: 2\n"), "a.yaml:2:1: error: #: a second YAML document starts here: a spec is one document (remove the extra `---`)");
    }

    #[test]
    fn a_bom_is_skipped_and_flow_yaml_in_a_yaml_file_stays_yaml() {
        assert_eq!(first("a.json", "\u{feff}{\"a\": 1}".as_bytes()), "ok");
        assert_eq!(first("a.yaml", b"{a: 1}"), "ok");
    }
}
