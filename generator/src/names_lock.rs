//! `names.lock`: the record of the Rust name given to every item the spec names (see
//! [`model::record`](crate::model::record)), as TOML, one name a line in a stable order, so that a
//! name change reads as a one-line diff.

use crate::diag::{Diagnostic, Diagnostics, Position, Severity};
use crate::model::names::{is_keyword, FULL_SERDE};
use crate::model::record::{Case, Record};
use crate::pointer::child;
use std::collections::BTreeMap;

/// The record's file name, beside the crate's `Cargo.toml`.
pub const FILE: &str = "names.lock";

const HEADER: &str = "\
# The Rust name of every item of the spec, kept by `cargo xtask codegen` so that adding to the
# spec never renames what users call. Entries of removed items stay (a re-added item gets its
# name back) until `cargo xtask codegen --forget-removed-names`. Editing a name here renames the
# item, which breaks code that uses it. See docs/maintainers.md.

";

/// The record as the file holds it.
pub fn render(record: &Record) -> String {
    let body = toml::to_string(record).expect("a record of strings is always TOML");
    format!("{HEADER}{body}")
}

/// The record in `text` (`file` names it in messages): an error, located, for text that is not a
/// record, and for a name that is not an identifier of its kind or is given twice in one scope.
pub fn parse(file: &str, text: &str) -> Result<Record, Diagnostics> {
    let mut found = Diagnostics::default();
    let record: Record = match toml::from_str(text) {
        Ok(record) => record,
        Err(e) => {
            let at = e.span().map(|s| position(text, s.start));
            found.push(diagnostic(file, at, "#".into(), e.message().trim()));
            return Err(found);
        }
    };
    for (section, owner, names, case) in record.scopes() {
        let scope = match owner {
            "" => child("#", section),
            owner => child(&child("#", section), owner),
        };
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, name) in names {
            let problem = if let Some(why) = invalid(name, case) {
                Some(format!("`{name}` is not {why}"))
            } else {
                seen.insert(name, key)
                    .map(|first| format!("`{name}` is already the name of `{first}`"))
            };
            if let Some(message) = problem {
                let at = locate(text, key, name);
                found.push(diagnostic(file, at, child(&scope, key), &message));
            }
        }
    }
    if found.is_empty() {
        Ok(record)
    } else {
        Err(found)
    }
}

/// Why `name` cannot be a name of this case, if it cannot.
fn invalid(name: &str, case: Case) -> Option<&'static str> {
    let Some(first) = name.chars().next() else {
        return Some("a name");
    };
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    match case {
        Case::Feature => {
            let ok = name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            (!ok || name == "default" || name == FULL_SERDE).then_some("a free feature name")
        }
        Case::Snake => {
            let ok = (first.is_ascii_lowercase() || first == '_')
                && name.chars().all(|c| word(c) && !c.is_ascii_uppercase())
                && name != "_";
            (!ok || is_keyword(name)).then_some("a snake_case identifier")
        }
        Case::Pascal => {
            let ok = first.is_ascii_uppercase() && name.chars().all(word);
            (!ok || is_keyword(name)).then_some("a PascalCase identifier")
        }
    }
}

fn diagnostic(
    file: &str,
    position: Option<Position>,
    pointer: String,
    message: &str,
) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        position,
        pointer,
        message: message.to_owned(),
        hint: Some(format!(
            "fix the entry in {FILE}, or delete it to name the item afresh"
        )),
    }
}

/// Where the entry `key = "name"` starts (the first line with that value if the key is spelled
/// otherwise).
fn locate(text: &str, key: &str, name: &str) -> Option<Position> {
    let value = format!("= {}", serde_json::Value::from(name));
    let keys = [
        format!("{key} "),
        format!("{} ", serde_json::Value::from(key)),
    ];
    let starts = || {
        text.split_inclusive('\n').scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line.trim_end()))
        })
    };
    let entry = starts().find(|(_, line)| {
        line.ends_with(&value) && keys.iter().any(|k| line.starts_with(k.as_str()))
    });
    let (start, _) = entry.or_else(|| starts().find(|(_, line)| line.ends_with(&value)))?;
    Some(position(text, start))
}

fn position(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

/// The edits of a fixture pair's `new.names.lock`, if it has one.
pub fn edits(pair: &crate::load::pairs::Pair) -> Result<Option<Record>, String> {
    let Some((label, text)) = pair.names_edits()? else {
        return Ok(None);
    };
    parse(&label, &text).map(Some).map_err(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let mut record = Record::default();
        record.methods.insert("getUser".into(), "get_user".into());
        record
            .types
            .insert("#/components/schemas/User".into(), "User".into());
        let fields = record
            .fields
            .entry("#/components/schemas/User".into())
            .or_default();
        fields.insert("userId".into(), "user_id".into());
        fields.insert("user_id".into(), "user_id2".into());
        record
            .features
            .insert("User Profile".into(), "user-profile".into());
        let text = render(&record);
        assert!(text.contains("[fields.\"#/components/schemas/User\"]\nuserId = \"user_id\"\n"));
        assert_eq!(parse("names.lock", &text).unwrap(), record);
    }

    #[test]
    fn bad_records_get_located_errors() {
        let text = "[methods]\ngetUser = \"get_user\"\nlistUsers = \"get_user\"\n\n[types]\n\"#/x\" = \"not-a-type\"\n";
        let found = parse("names.lock", text).unwrap_err().to_string();
        assert!(found.contains("names.lock:3:1: error: #/methods/listUsers: `get_user` is already the name of `getUser`"), "{found}");
        assert!(
            found.contains(
                "names.lock:6:1: error: #/types/#~1x: `not-a-type` is not a PascalCase identifier"
            ),
            "{found}"
        );
        let found = parse("names.lock", "[methods]\nx = 1\n")
            .unwrap_err()
            .to_string();
        assert!(found.starts_with("names.lock:2:5: error: #: "), "{found}");
        let found = parse("names.lock", "[colours]\n").unwrap_err().to_string();
        assert!(found.contains("unknown field `colours`"), "{found}");
    }
}
