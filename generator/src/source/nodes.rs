//! The position tree's storage, built to stay small beside the document it locates: every node of
//! every loaded file in one flat list of fixed-size records (no allocation per node), the
//! children of a mapping or list side by side in it, and every mapping key in one string.
//!
//! A node is 32 bytes and a key costs its text; a tree of boxed nodes with a `Box<str>` per key
//! cost about four times as much, as much as the JSON text itself. Children ranges are never
//! changed once written, so several nodes may share one (a YAML alias shares its anchor's).

use super::positions::Pos;

/// A node's index in [`Nodes`].
pub(crate) type NodeId = u32;

/// What a node holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Leaf,
    Map,
    Seq,
}

/// A run of text in [`Nodes`]' key string: a mapping entry's key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Key {
    start: u32,
    len: u32,
}

/// One node: where it starts, its key if it is a mapping entry, and its children, which are the
/// `len` nodes from `first` on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub pos: Pos,
    pub key: Key,
    first: u32,
    len: u32,
    pub shape: Shape,
}

impl Node {
    pub fn leaf(pos: Pos) -> Node {
        Node {
            pos,
            key: Key::default(),
            first: 0,
            len: 0,
            shape: Shape::Leaf,
        }
    }

    /// This node's children started at `pos` instead (what an alias stands for, where written).
    pub fn moved(self, pos: Pos) -> Node {
        Node {
            pos,
            key: Key::default(),
            ..self
        }
    }
}

/// The nodes and keys of one or more trees.
#[derive(Debug, Clone, Default)]
pub(crate) struct Nodes {
    list: Vec<Node>,
    keys: String,
}

/// One file's tree: its nodes, and the root's index among them, if the file had any node.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    pub nodes: Nodes,
    pub root: Option<NodeId>,
}

impl Nodes {
    pub fn get(&self, id: NodeId) -> &Node {
        &self.list[id as usize]
    }

    pub fn key(&self, key: Key) -> &str {
        let start = key.start as usize;
        self.keys.get(start..start + key.len as usize).unwrap_or("")
    }

    /// Store a mapping key's text.
    pub fn add_key(&mut self, text: &str) -> Key {
        let start = self.keys.len();
        self.keys.push_str(text);
        Key {
            start: index(start),
            len: index(text.len()),
        }
    }

    /// The children of `node`, in order.
    pub fn kids(&self, node: &Node) -> &[Node] {
        let first = node.first as usize;
        self.list
            .get(first..first + node.len as usize)
            .unwrap_or(&[])
    }

    /// A mapping or list of `shape` starting at `pos` whose children are `kids`, stored now.
    pub fn parent(&mut self, pos: Pos, shape: Shape, kids: &[Node]) -> Node {
        let first = index(self.list.len());
        self.list.extend_from_slice(kids);
        Node {
            pos,
            key: Key::default(),
            first,
            len: index(kids.len()),
            shape,
        }
    }

    /// Store `node` on its own (a root); returns its index.
    pub fn push(&mut self, node: Node) -> NodeId {
        self.list.push(node);
        index(self.list.len() - 1)
    }

    /// The child of `id` that `segment` names: a key (the last entry with it), or a list index.
    pub fn child(&self, id: NodeId, segment: &str) -> Option<NodeId> {
        let node = self.get(id);
        let kids = self.kids(node);
        let found = match node.shape {
            Shape::Map => kids.iter().rposition(|n| self.key(n.key) == segment),
            Shape::Seq => segment.parse::<usize>().ok().filter(|&i| i < kids.len()),
            Shape::Leaf => None,
        };
        found.map(|i| node.first + index(i))
    }

    /// Append `tree`'s nodes; returns its root's index here.
    pub fn absorb(&mut self, tree: Tree) -> Option<NodeId> {
        let (offset, key_offset) = (index(self.list.len()), index(self.keys.len()));
        self.keys.push_str(&tree.nodes.keys);
        self.list.extend(tree.nodes.list.into_iter().map(|mut n| {
            n.first += offset;
            n.key.start += key_offset;
            n
        }));
        tree.root.map(|r| r + offset)
    }

    /// Give back what growing left unused: the tree is complete.
    pub fn shrink(&mut self) {
        self.list.shrink_to_fit();
        self.keys.shrink_to_fit();
    }
}

/// An index into the lists; a document of more than 4 G nodes or key bytes cannot be read anyway
/// (the source is held in memory, and the JSON value is several times larger).
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_are_found_by_key_and_by_index_and_survive_absorbing() {
        let at = |line| Pos::new(0, line, 1);
        let mut nodes = Nodes::default();
        let mut a = Node::leaf(at(2));
        a.key = nodes.add_key("a");
        let mut b = Node::leaf(at(3));
        b.key = nodes.add_key("b");
        let list = nodes.parent(at(4), Shape::Seq, &[Node::leaf(at(5))]);
        let mut list = list;
        list.key = nodes.add_key("list");
        let root = nodes.parent(at(1), Shape::Map, &[a, b, list]);
        let root = nodes.push(root);
        let find = |nodes: &Nodes, root, path: &[&str]| {
            let id = path.iter().try_fold(root, |id, s| nodes.child(id, s))?;
            Some(nodes.get(id).pos.line)
        };
        assert_eq!(find(&nodes, root, &["b"]), Some(3));
        assert_eq!(find(&nodes, root, &["list", "0"]), Some(5));
        assert_eq!(find(&nodes, root, &["list", "1"]), None);
        assert_eq!(find(&nodes, root, &["c"]), None);
        let mut all = Nodes::default();
        all.add_key("padding");
        all.push(Node::leaf(at(9)));
        let moved = all.absorb(Tree {
            nodes,
            root: Some(root),
        });
        assert_eq!(find(&all, moved.unwrap(), &["list", "0"]), Some(5));
        assert_eq!(find(&all, moved.unwrap(), &["a"]), Some(2));
    }
}
