//! Builds a position tree from a stream of parse events (JSON tokens or YAML events), and finds
//! duplicate keys on the way: serde keeps the last of them silently.

use super::anchors::{merge, Anchors};
use crate::source::{Key as KeyText, Node, Nodes, Pos, Shape, Tree};

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
    pub tree: Tree,
    pub duplicates: Vec<Duplicate>,
    pub too_deep: Option<Pos>,
}

enum Key {
    Expect,
    Have(KeyText, Pos),
    /// The key was not a scalar: its value is not indexed.
    Skip,
}

/// An open mapping or list: where it starts, its children so far (stored once it closes, side by
/// side), and its YAML anchor id (0: none).
struct Frame {
    pos: Pos,
    shape: Shape,
    kids: Vec<Node>,
    key: Key,
    anchor: usize,
}

/// How deeply a document may nest. Real specs stay under 20 levels; this keeps every recursive
/// pass (serde, check, lower, emit) far from the stack's end, even in a debug build's test thread.
pub(crate) const MAX_DEPTH: usize = 64;

#[derive(Default)]
pub(crate) struct Builder {
    nodes: Nodes,
    stack: Vec<Frame>,
    root: Option<Node>,
    duplicates: Vec<Duplicate>,
    /// Where nesting first went past [`MAX_DEPTH`].
    pub too_deep: Option<Pos>,
    anchors: Anchors,
}

impl Builder {
    fn open(&mut self, pos: Pos, shape: Shape, anchor: usize) {
        if self.stack.len() >= MAX_DEPTH && self.too_deep.is_none() {
            self.too_deep = Some(pos);
        }
        self.stack.push(Frame {
            pos,
            shape,
            kids: Vec::new(),
            key: Key::Expect,
            anchor,
        });
    }

    /// A mapping starts; `anchor` is its YAML anchor id (0: none).
    pub fn begin_map(&mut self, pos: Pos, anchor: usize) {
        self.open(pos, Shape::Map, anchor);
    }

    /// A sequence starts; `anchor` is its YAML anchor id (0: none).
    pub fn begin_seq(&mut self, pos: Pos, anchor: usize) {
        self.open(pos, Shape::Seq, anchor);
    }

    /// A scalar: a key when a mapping waits for one, else a value.
    pub fn scalar(&mut self, pos: Pos, text: &str, anchor: usize) {
        let node = Node::leaf(pos);
        self.anchors.remember(&self.nodes, anchor, node, Some(text));
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
        match self.stack.last() {
            Some(Frame {
                shape: Shape::Map,
                key: Key::Expect,
                ..
            }) => {}
            _ => return false,
        }
        let key = Key::Have(self.nodes.add_key(text), pos);
        if let Some(frame) = self.stack.last_mut() {
            frame.key = key;
        }
        true
    }

    /// Close the innermost mapping or sequence.
    pub fn end(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let kids = match frame.shape {
            Shape::Map => {
                let kept = self.dedup(frame.kids);
                merge(&self.nodes, kept)
            }
            _ => frame.kids,
        };
        let node = self.nodes.parent(frame.pos, frame.shape, &kids);
        self.anchors.remember(&self.nodes, frame.anchor, node, None);
        self.attach(node);
    }

    /// The tree (closing whatever a truncated stream left open) and the duplicate keys.
    pub fn finish(mut self) -> Indexed {
        while !self.stack.is_empty() {
            self.end();
        }
        let root = self.root.map(|node| self.nodes.push(node));
        self.nodes.shrink();
        Indexed {
            tree: Tree {
                nodes: self.nodes,
                root,
            },
            duplicates: self.duplicates,
            too_deep: self.too_deep,
        }
    }

    fn attach(&mut self, mut node: Node) {
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match frame.shape {
            Shape::Map => match std::mem::replace(&mut frame.key, Key::Expect) {
                Key::Expect => frame.key = Key::Skip,
                Key::Have(key, pos) => {
                    node.key = key;
                    node.pos = pos;
                    frame.kids.push(node);
                }
                Key::Skip => {}
            },
            _ => frame.kids.push(node),
        }
    }

    /// Keep the last entry of each key, as serde does, and record the others.
    fn dedup(&mut self, entries: Vec<Node>) -> Vec<Node> {
        let key = |i: usize| self.nodes.key(entries[i].key);
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
        let mut dropped = vec![false; entries.len()];
        let mut found = Vec::new();
        for run in order.chunk_by(|&a, &b| key(a) == key(b)) {
            let (first, later) = (run[0], &run[1..]);
            for &i in later {
                found.push((key(i).to_owned(), entries[first].pos, entries[i].pos));
            }
            for &i in &run[..run.len() - 1] {
                dropped[i] = true;
            }
        }
        if !found.is_empty() {
            let parent = self.pointer();
            for (key, first, again) in found {
                self.duplicates.push(Duplicate {
                    pointer: crate::pointer::child(&parent, &key),
                    key,
                    first,
                    again,
                });
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
            let segment = match (&frame.key, frame.shape) {
                (Key::Have(k, _), Shape::Map) => self.nodes.key(*k).to_owned(),
                (_, Shape::Map) => continue,
                _ => frame.kids.len().to_string(),
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
            tree,
            duplicates: dups,
            ..
        } = b.finish();
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].pointer, "#/paths/~1a");
        assert_eq!((dups[0].first.line, dups[0].again.line), (2, 4));
        let positions = crate::source::Positions::new("f", tree);
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
            tree,
            duplicates: dups,
            ..
        } = b.finish();
        assert!(dups.is_empty());
        let positions = crate::source::Positions::new("f", tree);
        assert_eq!(positions.locate("#/k/0").position.unwrap().line, 3);
    }
}
