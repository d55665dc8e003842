//! Builds a position tree from a stream of parse events (JSON tokens or YAML events), and finds
//! duplicate keys on the way: serde keeps the last of them silently.

use super::anchors::{merge, Anchors};
use crate::source::{Kids, Node, Pos};

/// A key given twice in one mapping: `pointer` names it, `again` is where the later one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub pointer: String,
    pub key: String,
    pub first: Pos,
    pub again: Pos,
}

/// A finished index: the tree, the duplicate keys, and where nesting went too deep.
pub(crate) struct Indexed {
    pub root: Option<Node>,
    pub duplicates: Vec<Duplicate>,
    pub too_deep: Option<Pos>,
}

enum Key {
    Expect,
    Have(Box<str>, Pos),
    /// The key was not a scalar: its value is not indexed.
    Skip,
}

enum Frame {
    Map {
        pos: Pos,
        entries: Vec<(Box<str>, Node)>,
        key: Key,
        anchor: usize,
    },
    Seq {
        pos: Pos,
        items: Vec<Node>,
        anchor: usize,
    },
}

/// How deeply a document may nest. Real specs stay under 20 levels; this keeps every recursive
/// pass (serde, check, lower, emit) far from the stack's end, even in a debug build's test thread.
pub(crate) const MAX_DEPTH: usize = 64;

#[derive(Default)]
pub(crate) struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    duplicates: Vec<Duplicate>,
    /// Where nesting first went past [`MAX_DEPTH`].
    pub too_deep: Option<Pos>,
    anchors: Anchors,
}

impl Builder {
    fn deeper(&mut self, pos: Pos) {
        if self.stack.len() >= MAX_DEPTH && self.too_deep.is_none() {
            self.too_deep = Some(pos);
        }
    }

    /// A mapping starts; `anchor` is its YAML anchor id (0: none).
    pub fn begin_map(&mut self, pos: Pos, anchor: usize) {
        self.deeper(pos);
        self.stack.push(Frame::Map {
            pos,
            entries: Vec::new(),
            key: Key::Expect,
            anchor,
        });
    }

    /// A sequence starts; `anchor` is its YAML anchor id (0: none).
    pub fn begin_seq(&mut self, pos: Pos, anchor: usize) {
        self.deeper(pos);
        self.stack.push(Frame::Seq {
            pos,
            items: Vec::new(),
            anchor,
        });
    }

    /// A scalar: a key when a mapping waits for one, else a value.
    pub fn scalar(&mut self, pos: Pos, text: &str, anchor: usize) {
        let node = Node::leaf(pos);
        self.anchors.remember(anchor, &node, Some(text));
        if !self.take_key(pos, text) {
            self.attach(node);
        }
    }

    /// An alias of anchor `anchor`, written at `pos`.
    pub fn alias(&mut self, pos: Pos, anchor: usize) {
        let text = self.anchors.text(anchor).to_owned();
        if !self.take_key(pos, &text) {
            let node = self.anchors.copy(anchor, pos);
            self.attach(node);
        }
    }

    /// Take `text` as the key the innermost mapping waits for, if it waits for one.
    fn take_key(&mut self, pos: Pos, text: &str) -> bool {
        if let Some(Frame::Map {
            key: key @ Key::Expect,
            ..
        }) = self.stack.last_mut()
        {
            *key = Key::Have(text.into(), pos);
            return true;
        }
        false
    }

    /// Close the innermost mapping or sequence.
    pub fn end(&mut self) {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq { pos, items, anchor }) => {
                let kids = Kids::Seq(items);
                (Node { pos, kids }, anchor)
            }
            Some(Frame::Map {
                pos,
                entries,
                anchor,
                ..
            }) => {
                let kids = Kids::Map(merge(self.dedup(entries)));
                (Node { pos, kids }, anchor)
            }
            None => return,
        };
        self.anchors.remember(anchor, &node, None);
        self.attach(node);
    }

    /// The tree (closing whatever a truncated stream left open) and the duplicate keys.
    pub fn finish(mut self) -> Indexed {
        while !self.stack.is_empty() {
            self.end();
        }
        Indexed {
            root: self.root,
            duplicates: self.duplicates,
            too_deep: self.too_deep,
        }
    }

    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match std::mem::replace(key, Key::Expect) {
                Key::Expect => *key = Key::Skip,
                Key::Have(name, pos) => entries.push((
                    name,
                    Node {
                        pos,
                        kids: node.kids,
                    },
                )),
                Key::Skip => {}
            },
        }
    }

    /// Keep the last entry of each key, as serde does, and record the others.
    fn dedup(&mut self, entries: Vec<(Box<str>, Node)>) -> Vec<(Box<str>, Node)> {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| entries[a].0.cmp(&entries[b].0).then(a.cmp(&b)));
        let mut dropped = vec![false; entries.len()];
        for run in order.chunk_by(|&a, &b| entries[a].0 == entries[b].0) {
            let (first, later) = (run[0], &run[1..]);
            for &i in later {
                self.duplicates.push(Duplicate {
                    pointer: crate::pointer::child(&self.pointer(), &entries[i].0),
                    key: entries[i].0.to_string(),
                    first: entries[first].1.pos,
                    again: entries[i].1.pos,
                });
            }
            for &i in &run[..run.len() - 1] {
                dropped[i] = true;
            }
        }
        entries
            .into_iter()
            .zip(dropped)
            .filter(|(_, d)| !d)
            .map(|(e, _)| e)
            .collect()
    }

    /// The pointer of the innermost open container (the one just popped is no longer on the stack).
    fn pointer(&self) -> String {
        let mut pointer = String::from("#");
        for frame in &self.stack {
            let segment = match frame {
                Frame::Map {
                    key: Key::Have(k, _),
                    ..
                } => k.to_string(),
                Frame::Map { .. } => continue,
                Frame::Seq { items, .. } => items.len().to_string(),
            };
            pointer = crate::pointer::child(&pointer, &segment);
        }
        pointer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Pos {
        Pos::new(0, line, 1)
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_are_reported_with_their_pointer() {
        let mut b = Builder::default();
        b.begin_map(at(1), 0);
        b.scalar(at(1), "paths", 0);
        b.begin_map(at(2), 0);
        for (line, key) in [(2, "/a"), (3, "/b"), (4, "/a")] {
            b.scalar(at(line), key, 0);
            b.scalar(at(line), "v", 0);
        }
        b.end();
        b.end();
        let Indexed {
            root,
            duplicates: dups,
            ..
        } = b.finish();
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].pointer, "#/paths/~1a");
        assert_eq!((dups[0].first.line, dups[0].again.line), (2, 4));
        let positions = crate::source::Positions::new("f", root);
        let found = positions.locate("#/paths/~1a").position.unwrap();
        assert_eq!(found.line, 4);
    }

    #[test]
    fn non_scalar_keys_are_skipped_and_truncated_streams_close() {
        let mut b = Builder::default();
        b.begin_map(at(1), 0);
        b.begin_seq(at(1), 0);
        b.end();
        b.scalar(at(1), "ignored value", 0);
        b.scalar(at(2), "k", 0);
        b.begin_seq(at(2), 0);
        b.scalar(at(3), "item", 0);
        let Indexed {
            root,
            duplicates: dups,
            ..
        } = b.finish();
        assert!(dups.is_empty());
        let positions = crate::source::Positions::new("f", root);
        assert_eq!(positions.locate("#/k/0").position.unwrap().line, 3);
    }
}
