//! JSON pointers (RFC 6901) as diagnostics and `$ref`s write them: `#/components/schemas/a~1b`.
//! The one place that escapes, unescapes and splits them.

/// Escape one segment: `~` → `~0`, `/` → `~1`.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Undo [`escape`]: `~1` → `/`, then `~0` → `~` (in that order, so `~01` stays `~1`).
pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Append a segment to a pointer.
pub fn child(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape(segment))
}

/// The unescaped segments of a `#/a/b~1c` pointer (`#` alone has none; `#/` has one, empty).
pub fn segments(pointer: &str) -> Vec<String> {
    let body = pointer.strip_prefix('#').unwrap_or(pointer);
    let body = body.strip_prefix('/').unwrap_or(body);
    if body.is_empty() && !pointer.ends_with('/') {
        return Vec::new();
    }
    body.split('/').map(unescape).collect()
}

/// `#/components/<section>/<name>`, the name escaped.
pub fn component(section: &str, name: &str) -> String {
    child(&format!("#/components/{section}"), name)
}

/// The component name (unescaped) a local `$ref` names in `section`, if it names a whole
/// component there: `#/components/schemas/a~1b` → `a/b`.
pub fn component_name(reference: &str, section: &str) -> Option<String> {
    let rest = reference.strip_prefix("#/components/")?;
    let (found, name) = rest.split_once('/')?;
    (found == section && !name.contains('/')).then(|| unescape(name))
}

/// The last segment of a pointer or `$ref`, unescaped: the name a mapping target or a
/// reference ends in (`#/components/schemas/a~0b` → `a~b`; `Pet` → `Pet`).
pub fn last_name(reference: &str) -> String {
    unescape(reference.rsplit('/').next().unwrap_or(reference))
}

/// A pointer that a walk extends on the way into a node and cuts back on the way out, so that
/// visiting a node costs no allocation: `let mark = at.push("items"); …; at.pop(mark);`.
#[derive(Debug, Clone, Default)]
pub struct Cursor(String);

impl Cursor {
    pub fn new(root: &str) -> Cursor {
        Cursor(root.to_owned())
    }

    /// Append a segment (escaped); returns the mark to [`pop`](Cursor::pop) back to.
    pub fn push(&mut self, segment: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        for c in segment.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        mark
    }

    /// Append a list index.
    pub fn push_index(&mut self, index: usize) -> usize {
        use std::fmt::Write as _;
        let mark = self.0.len();
        let _ = write!(self.0, "/{index}");
        mark
    }

    pub fn pop(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_escape_and_unescape_both_ways() {
        assert_eq!(child("#/paths", "/api/v3/a~b"), "#/paths/~1api~1v3~1a~0b");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(escape("~1"), "~01");
        for raw in ["a/b", "a~b", "~1", "/~0/", ""] {
            assert_eq!(unescape(&escape(raw)), raw);
        }
    }

    #[test]
    fn a_cursor_grows_and_shrinks_as_a_walk_goes() {
        let mut at = Cursor::new("#");
        let outer = at.push("paths");
        let inner = at.push("/a~b");
        let item = at.push_index(3);
        assert_eq!(at.as_str(), "#/paths/~1a~0b/3");
        at.pop(item);
        at.pop(inner);
        assert_eq!(at.as_str(), child("#", "paths"));
        at.pop(outer);
        assert_eq!(at.as_str(), "#");
    }

    #[test]
    fn pointers_split_into_unescaped_segments() {
        assert_eq!(segments("#"), Vec::<String>::new());
        assert_eq!(segments("#/a~1b/c~0d"), ["a/b", "c~d"]);
        assert_eq!(segments("#/"), [""]);
        assert_eq!(segments("/x"), ["x"]);
    }

    #[test]
    fn component_references_name_unescaped_components() {
        let a_slash_b = "#/components/schemas/a~1b";
        assert_eq!(component("schemas", "a/b"), a_slash_b);
        assert_eq!(component_name(a_slash_b, "schemas").as_deref(), Some("a/b"));
        assert_eq!(
            component_name("#/components/parameters/a~0b", "parameters").as_deref(),
            Some("a~b")
        );
        assert_eq!(component_name(a_slash_b, "parameters"), None);
        assert_eq!(
            component_name("#/components/schemas/A/properties/x", "schemas"),
            None
        );
        assert_eq!(last_name(a_slash_b), "a/b");
        assert_eq!(last_name("Pet"), "Pet");
    }
}
