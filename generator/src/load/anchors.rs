//! YAML anchors, aliases and merge keys in the position tree: an alias is located where it is
//! written, and what it stands for where the anchor wrote it; keys merged by `<<` are located in
//! the mapping they were merged from. The values follow the same rules in `value.rs`.

use super::tree::MAX_DEPTH;
use super::value::MERGE_KEY;
use crate::source::{Node, Nodes, Pos, Shape};

/// How many nodes aliases may copy into one tree in all: a document of nested aliases (a
/// "billion laughs") would otherwise copy without end. Past it, aliases are located but not
/// what they stand for. (A copy shares the anchored node's children, so it costs nothing to
/// store; the budget bounds what walking the tree may meet.)
const COPY_BUDGET: usize = 1 << 18;

/// The nodes that anchors name, by anchor id.
#[derive(Default)]
pub(super) struct Anchors {
    nodes: Vec<Option<Anchored>>,
    copied: usize,
}

struct Anchored {
    node: Node,
    /// The text of an anchored scalar, for an alias used as a key.
    text: Option<Box<str>>,
    /// How many nodes it has, and how deep it nests.
    size: usize,
    depth: usize,
}

impl Anchors {
    /// Remember `node` (its children in `nodes`) under anchor `id` (0: no anchor).
    pub fn remember(&mut self, nodes: &Nodes, id: usize, node: Node, text: Option<&str>) {
        if id == 0 {
            return;
        }
        if self.nodes.len() <= id {
            self.nodes.resize_with(id + 1, || None);
        }
        let (size, depth) = measure(nodes, &node);
        self.nodes[id] = Some(Anchored {
            node,
            text: text.map(Into::into),
            size,
            depth,
        });
    }

    /// What alias `id`, written at `pos`, stands for: the anchored node, started at the alias.
    pub fn copy(&mut self, id: usize, pos: Pos) -> Node {
        let Some(anchored) = self.nodes.get(id).and_then(Option::as_ref) else {
            return Node::leaf(pos);
        };
        if self.copied + anchored.size > COPY_BUDGET || anchored.depth > MAX_DEPTH {
            return Node::leaf(pos);
        }
        self.copied += anchored.size;
        anchored.node.moved(pos)
    }

    /// The text of the scalar anchor `id` names, for an alias in a key's place.
    pub fn text(&self, id: usize) -> &str {
        self.nodes
            .get(id)
            .and_then(Option::as_ref)
            .and_then(|a| a.text.as_deref())
            .unwrap_or_default()
    }
}

/// How many nodes `node` has, and how deep it nests.
fn measure(nodes: &Nodes, node: &Node) -> (usize, usize) {
    nodes
        .kids(node)
        .iter()
        .map(|kid| measure(nodes, kid))
        .fold((1, 1), |(size, depth), (s, d)| (size + s, depth.max(d + 1)))
}

/// A mapping's entries with the `<<` entry replaced by the entries it merges in (the ones not
/// written in the mapping itself; of a list of mappings, the earlier wins).
pub(super) fn merge(nodes: &Nodes, entries: Vec<Node>) -> Vec<Node> {
    let key = |n: &Node| nodes.key(n.key);
    if !entries.iter().any(|n| key(n) == MERGE_KEY) {
        return entries;
    }
    let written: Vec<&str> = entries
        .iter()
        .map(key)
        .filter(|k| *k != MERGE_KEY)
        .collect();
    let mut out: Vec<Node> = Vec::with_capacity(entries.len());
    for node in &entries {
        if key(node) != MERGE_KEY {
            out.push(*node);
            continue;
        }
        let sources: Vec<&Node> = match node.shape {
            Shape::Map => vec![node],
            Shape::Seq => nodes
                .kids(node)
                .iter()
                .filter(|n| n.shape == Shape::Map)
                .collect(),
            Shape::Leaf => Vec::new(),
        };
        for n in sources.into_iter().flat_map(|s| nodes.kids(s)) {
            let k = key(n);
            if !written.contains(&k) && !out.iter().any(|o| key(o) == k) {
                out.push(*n);
            }
        }
    }
    out
}
