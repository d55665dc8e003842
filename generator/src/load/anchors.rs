//! YAML anchors, aliases and merge keys in the position tree: an alias is located where it is
//! written, and what it stands for where the anchor wrote it; keys merged by `<<` are located in
//! the mapping they were merged from. The values follow the same rules in `yaml_value.rs`.

use super::tree::MAX_DEPTH;
use super::yaml_value::MERGE_KEY;
use crate::source::{Kids, Node, Pos};

/// How many nodes aliases may copy into one tree in all: a document of nested aliases (a
/// "billion laughs") would otherwise copy without end. Past it, aliases are located but not
/// what they stand for.
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
    /// Remember `node` under anchor `id` (0: no anchor).
    pub fn remember(&mut self, id: usize, node: &Node, text: Option<&str>) {
        if id == 0 {
            return;
        }
        if self.nodes.len() <= id {
            self.nodes.resize_with(id + 1, || None);
        }
        let (size, depth) = measure(node);
        self.nodes[id] = Some(Anchored {
            node: node.clone(),
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
        Node {
            pos,
            kids: anchored.node.kids.clone(),
        }
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
fn measure(node: &Node) -> (usize, usize) {
    let kids: Vec<&Node> = match &node.kids {
        Kids::Leaf => Vec::new(),
        Kids::Map(entries) => entries.iter().map(|(_, n)| n).collect(),
        Kids::Seq(items) => items.iter().collect(),
    };
    kids.into_iter()
        .map(measure)
        .fold((1, 1), |(size, depth), (s, d)| (size + s, depth.max(d + 1)))
}

/// A mapping's entries with the `<<` entry replaced by the entries it merges in (the ones not
/// written in the mapping itself; of a list of mappings, the earlier wins).
pub(super) fn merge(entries: Vec<(Box<str>, Node)>) -> Vec<(Box<str>, Node)> {
    if !entries.iter().any(|(k, _)| &**k == MERGE_KEY) {
        return entries;
    }
    let written: Vec<Box<str>> = entries
        .iter()
        .filter(|(k, _)| &**k != MERGE_KEY)
        .map(|(k, _)| k.clone())
        .collect();
    let mut out: Vec<(Box<str>, Node)> = Vec::with_capacity(entries.len());
    for (key, node) in entries {
        if &*key != MERGE_KEY {
            out.push((key, node));
            continue;
        }
        let sources: Vec<Vec<(Box<str>, Node)>> = match node.kids {
            Kids::Map(one) => vec![one],
            Kids::Seq(many) => many
                .into_iter()
                .filter_map(|n| match n.kids {
                    Kids::Map(m) => Some(m),
                    _ => None,
                })
                .collect(),
            Kids::Leaf => Vec::new(),
        };
        for (k, n) in sources.into_iter().flatten() {
            if !written.contains(&k) && !out.iter().any(|(o, _)| *o == k) {
                out.push((k, n));
            }
        }
    }
    out
}
