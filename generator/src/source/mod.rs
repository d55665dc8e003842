//! A parsed spec before it is typed: its JSON value and where each node came from. `load` makes
//! it, `check` reads it; neither needs the other for that.

mod nodes;
mod positions;

pub(crate) use nodes::{Key, Node, NodeId, Nodes, Shape, Tree};
pub(crate) use positions::Pos;
pub use positions::{Located, Positions};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use serde_json::Value;

/// A parsed spec before its typed parse: the JSON value and where each node came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file as the user named it.
    pub file: String,
    /// The document as JSON: external `$ref`s bundled in, 3.1 input normalised to 3.0, and the
    /// unambiguous repairs made (each with a warning in `found`).
    pub value: Value,
    /// The `openapi` field as written.
    pub version: String,
    pub positions: Positions,
    /// What loading found that does not stop checking: duplicate keys, unresolvable external
    /// `$ref`s, skipped constructs, repairs.
    pub found: Diagnostics,
}

impl Source {
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

/// A diagnostic about the node at `pointer`, located by `positions`.
pub(crate) fn located(
    positions: &Positions,
    severity: Severity,
    pointer: &str,
    message: String,
) -> Diagnostic {
    let found = positions.locate(pointer);
    Diagnostic {
        severity,
        file: found.file,
        position: found.position,
        pointer: found.pointer,
        message,
        hint: None,
    }
}

/// Give diagnostics made without positions their file, position and pointer.
pub(crate) fn relocate(positions: &Positions, mut all: Diagnostics) -> Diagnostics {
    for d in all.iter_mut().filter(|d| d.position.is_none()) {
        let found = positions.locate(&d.pointer);
        d.file = found.file;
        d.position = found.position;
        d.pointer = found.pointer;
    }
    all
}

/// "a mapping", "a list", … for messages about a node of the wrong kind.
pub(crate) fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}
