//! Where each node of a loaded document came from: file, line and column, found by JSON pointer.

use super::nodes::{NodeId, Nodes, Shape, Tree};
use crate::diag::Position;
use crate::pointer::{child, segments};

/// A node's start in one of the loaded files (`file` indexes [`Positions::files`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub file: u32,
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(file: u32, line: usize, column: usize) -> Pos {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Pos {
            file,
            line: clamp(line),
            column: clamp(column),
        }
    }

    fn position(self) -> Position {
        Position {
            line: self.line as usize,
            column: self.column as usize,
        }
    }
}

/// A subtree copied from another file into this document (see `external.rs`): diagnostics under
/// `at` name `original` in that file instead, and are located in `node`'s subtree when it could be
/// put at `at`.
#[derive(Debug, Clone)]
struct Graft {
    at: Vec<String>,
    node: Option<NodeId>,
    original: String,
}

/// The position tree of a document and of the files bundled into it (`nodes.rs` says how it is
/// kept small).
#[derive(Debug, Clone)]
pub struct Positions {
    files: Vec<String>,
    nodes: Nodes,
    root: Option<NodeId>,
    grafts: Vec<Graft>,
}

/// Where a pointer leads: the file, the position of the nearest node that exists, and the pointer
/// as it reads in that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: String,
    pub position: Option<Position>,
    pub pointer: String,
}

impl Positions {
    pub(crate) fn new(file: &str, tree: Tree) -> Positions {
        let Tree { nodes, root } = tree;
        Positions {
            files: vec![file.to_owned()],
            nodes,
            root,
            grafts: Vec::new(),
        }
    }

    /// Register another file; its nodes carry the returned index.
    pub(crate) fn add_file(&mut self, name: &str) -> u32 {
        if let Some(i) = self.files.iter().position(|f| f == name) {
            return i as u32;
        }
        self.files.push(name.to_owned());
        (self.files.len() - 1) as u32
    }

    pub(crate) fn file_name(&self, file: u32) -> &str {
        self.files
            .get(file as usize)
            .map_or(self.files[0].as_str(), String::as_str)
    }

    /// Keep another file's tree (its nodes carry its file index); returns its root, from which
    /// [`Positions::find`] goes.
    pub(crate) fn absorb(&mut self, tree: Tree) -> Option<NodeId> {
        let root = self.nodes.absorb(tree);
        self.nodes.shrink();
        root
    }

    /// The node at `pointer` below `from`, if the source has it.
    pub(crate) fn find(&self, from: NodeId, pointer: &str) -> Option<NodeId> {
        segments(pointer)
            .iter()
            .try_fold(from, |id, segment| self.nodes.child(id, segment))
    }

    /// Put `node` (from another file, where it sits at `original`) at `at` in this tree. It goes
    /// where the document's own tree can hold it: a missing mapping on the way is as good as an
    /// empty one, a list is not.
    pub(crate) fn graft(&mut self, at: &str, node: NodeId, original: &str) {
        let at = segments(at);
        let node = self.holds(&at).then_some(node);
        self.grafts.push(Graft {
            at,
            node,
            original: original.to_owned(),
        });
    }

    /// Whether a node can be put at `at`: its parent is a mapping (or a scalar, or missing)
    /// below the root.
    fn holds(&self, at: &[String]) -> bool {
        let (Some(mut here), Some((_, parents))) = (self.root, at.split_last()) else {
            return false;
        };
        for segment in parents {
            match self.nodes.child(here, segment) {
                Some(next) => here = next,
                None => return self.nodes.get(here).shape != Shape::Seq,
            }
        }
        self.nodes.get(here).shape != Shape::Seq
    }

    /// Where the walk for `segments` starts: the graft deepest on its path (the latest of equal
    /// ones), else the root; with how many segments that node stands for.
    fn start(&self, segments: &[String]) -> Option<(NodeId, usize)> {
        let graft = self
            .grafts
            .iter()
            .filter_map(|g| Some((g.node?, g.at.len())).filter(|_| segments.starts_with(&g.at)))
            .max_by_key(|(_, depth)| *depth);
        graft.or(self.root.map(|r| (r, 0)))
    }

    /// Whether the source has the node at `pointer`.
    pub(crate) fn has(&self, pointer: &str) -> bool {
        let segments = segments(pointer);
        let Some((from, depth)) = self.start(&segments) else {
            return false;
        };
        segments[depth..]
            .iter()
            .try_fold(from, |id, segment| self.nodes.child(id, segment))
            .is_some()
    }

    /// Locate `pointer`: the deepest node on its path that the source has.
    pub fn locate(&self, pointer: &str) -> Located {
        let segments = segments(pointer);
        let mut position = None;
        let mut file = 0;
        if let Some((mut here, depth)) = self.start(&segments) {
            let mut pos = self.nodes.get(here).pos;
            for segment in &segments[depth..] {
                match self.nodes.child(here, segment) {
                    Some(next) => here = next,
                    None => break,
                }
                pos = self.nodes.get(here).pos;
            }
            position = Some(pos.position());
            file = pos.file;
        }
        Located {
            file: self.file_name(file).to_owned(),
            position,
            pointer: self.original_pointer(pointer, &segments),
        }
    }

    fn original_pointer(&self, pointer: &str, segments: &[String]) -> String {
        let graft = self
            .grafts
            .iter()
            .filter(|g| segments.starts_with(&g.at))
            .max_by_key(|g| g.at.len());
        match graft {
            Some(g) => segments[g.at.len()..]
                .iter()
                .fold(g.original.clone(), |p, s| child(&p, s)),
            None => pointer.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::nodes::Node;
    use super::*;

    fn at(line: usize, column: usize) -> Pos {
        Pos::new(0, line, column)
    }

    fn keyed(nodes: &mut Nodes, key: &str, mut node: Node) -> Node {
        node.key = nodes.add_key(key);
        node
    }

    fn sample() -> Positions {
        let mut nodes = Nodes::default();
        let ab = keyed(&mut nodes, "a/b", Node::leaf(at(3, 5)));
        let inner = nodes.parent(at(2, 3), Shape::Map, &[ab]);
        let inner = keyed(&mut nodes, "paths", inner);
        let items = [Node::leaf(at(4, 10)), Node::leaf(at(5, 10))];
        let list = nodes.parent(at(4, 3), Shape::Seq, &items);
        let list = keyed(&mut nodes, "list", list);
        let root = nodes.parent(at(1, 1), Shape::Map, &[inner, list]);
        let root = Some(nodes.push(root));
        Positions::new("spec.yaml", Tree { nodes, root })
    }

    /// `common.yaml`'s tree: `Pet: {type: …}` at lines 7 and 8.
    fn common(p: &mut Positions) -> NodeId {
        let file = p.add_file("common.yaml");
        let mut nodes = Nodes::default();
        let typ = keyed(&mut nodes, "type", Node::leaf(Pos::new(file, 8, 3)));
        let pet = nodes.parent(Pos::new(file, 7, 1), Shape::Map, &[typ]);
        let pet = keyed(&mut nodes, "Pet", pet);
        let root = nodes.parent(Pos::new(file, 1, 1), Shape::Map, &[pet]);
        let root = Some(nodes.push(root));
        let root = p.absorb(Tree { nodes, root }).unwrap();
        p.find(root, "#/Pet").unwrap()
    }

    #[test]
    fn pointers_find_nodes_and_fall_back_to_the_nearest_ancestor() {
        let p = sample();
        let pos = |ptr: &str| p.locate(ptr).position.map(|p| (p.line, p.column));
        assert_eq!(pos("#"), Some((1, 1)));
        assert_eq!(pos("#/paths/a~1b"), Some((3, 5)));
        assert_eq!(pos("#/list/1"), Some((5, 10)));
        assert_eq!(pos("#/paths/missing/deeper"), Some((2, 3)));
        assert_eq!(pos("#/list/x"), Some((4, 3)));
        assert!(p.has("#/list/1") && !p.has("#/list/2") && !p.has("#/paths/a"));
    }

    #[test]
    fn grafted_subtrees_report_their_own_file_and_pointer() {
        let mut p = sample();
        let pet = common(&mut p);
        p.graft("#/components/schemas/Pet", pet, "#/Pet");
        let found = p.locate("#/components/schemas/Pet/type");
        assert_eq!(found.file, "common.yaml");
        assert_eq!(found.pointer, "#/Pet/type");
        assert_eq!(found.position, Some(Position { line: 8, column: 3 }));
        assert!(p.has("#/components/schemas/Pet/type"));
        assert!(!p.has("#/components/schemas"));
        let missing = p.locate("#/components/schemas/Cat");
        assert_eq!(
            (missing.file.as_str(), missing.position),
            ("spec.yaml", Some(Position { line: 1, column: 1 }))
        );
        assert_eq!(p.locate("#/paths").file, "spec.yaml");
    }

    #[test]
    fn a_graft_under_a_list_renames_its_pointer_but_is_located_in_the_document() {
        let mut p = sample();
        let pet = common(&mut p);
        p.graft("#/list/Pet", pet, "#/Pet");
        let found = p.locate("#/list/Pet/type");
        assert_eq!(found.file, "spec.yaml");
        assert_eq!(found.pointer, "#/Pet/type");
        assert_eq!(found.position, Some(Position { line: 4, column: 3 }));
        p.graft("#/paths/a~1b", pet, "#/Pet");
        assert_eq!(
            p.locate("#/paths/a~1b/type").position,
            Some(Position { line: 8, column: 3 })
        );
    }
}
