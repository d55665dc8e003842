//! Positions of the nodes of a JSON text that serde_json has already accepted: one linear scan,
//! no recursion.

use super::tree::{Builder, Indexed};
use crate::source::Pos;

/// Index `text`, whose nodes get file number `file`. Lines and columns are 1-based; a column
/// counts characters, so a tab or a CJK character is one column.
pub(crate) fn index(text: &str, file: u32) -> Indexed {
    let mut scan = Scanner {
        bytes: text.as_bytes(),
        text,
        at: 0,
        line: 1,
        column: 1,
        file,
    };
    let mut tree = Builder::default();
    while let Some(b) = scan.skip_space() {
        let pos = scan.pos();
        match b {
            b'{' => {
                tree.begin_map(pos, 0);
                scan.bump();
            }
            b'[' => {
                tree.begin_seq(pos, 0);
                scan.bump();
            }
            b'}' | b']' => {
                tree.end();
                scan.bump();
            }
            b',' | b':' => scan.bump(),
            b'"' => {
                let text = scan.string();
                tree.scalar(pos, &text, 0);
            }
            _ => {
                scan.literal();
                tree.scalar(pos, "", 0);
            }
        }
    }
    tree.finish()
}

struct Scanner<'t> {
    bytes: &'t [u8],
    text: &'t str,
    at: usize,
    line: usize,
    column: usize,
    file: u32,
}

impl Scanner<'_> {
    fn pos(&self) -> Pos {
        Pos::new(self.file, self.line, self.column)
    }

    /// Step over one byte, counting a column per character (UTF-8 continuation bytes add none).
    fn bump(&mut self) {
        let Some(&b) = self.bytes.get(self.at) else {
            return;
        };
        self.at += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    fn skip_space(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.bump();
        }
        None
    }

    /// A string literal starting at the opening quote, unescaped.
    fn string(&mut self) -> String {
        let start = self.at;
        self.bump();
        let mut escaped = false;
        while let Some(&b) = self.bytes.get(self.at) {
            self.bump();
            match b {
                b'\\' => {
                    escaped = true;
                    self.bump();
                }
                b'"' => break,
                _ => {}
            }
        }
        let raw = self.text.get(start..self.at).unwrap_or_default();
        if escaped {
            serde_json::from_str(raw).unwrap_or_default()
        } else {
            raw.trim_matches('"').to_owned()
        }
    }

    /// A number, `true`, `false` or `null`.
    fn literal(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            if matches!(
                b,
                b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r' | b'"'
            ) {
                break;
            }
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Positions;

    fn locate(text: &str, pointer: &str) -> (usize, usize) {
        let tree = index(text, 0).tree;
        let p = Positions::new("f.json", tree)
            .locate(pointer)
            .position
            .unwrap();
        (p.line, p.column)
    }

    #[test]
    fn keys_are_located_at_their_opening_quote_and_items_at_their_start() {
        let text = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\"/a\": {\"get\": 1}},\n  \"tags\": [ {\"name\": \"x\"}, 12 ]\n}\n";
        assert_eq!(locate(text, "#"), (1, 1));
        assert_eq!(locate(text, "#/openapi"), (2, 3));
        assert_eq!(locate(text, "#/paths/~1a/get"), (3, 20));
        assert_eq!(locate(text, "#/tags/0/name"), (4, 14));
        assert_eq!(locate(text, "#/tags/1"), (4, 28));
    }

    #[test]
    fn tabs_escapes_and_wide_characters_count_one_column() {
        let text = "{\n\t\"描述\": \"é\\\"\", \"a\\/b\": [\t-9223372036854776000, 1e400]\n}";
        assert_eq!(locate(text, "#/描述"), (2, 2));
        assert_eq!(locate(text, "#/a~1b"), (2, 15));
        assert_eq!(locate(text, "#/a~1b/1"), (2, 47));
    }

    #[test]
    fn duplicate_keys_are_found() {
        let dups = index("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2}}", 0).duplicates;
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].pointer, "#/b/c");
        assert_eq!((dups[0].again.line, dups[0].again.column), (2, 16));
    }
}
