//! Where each node of a loaded document came from: file, line and column, found by JSON pointer.

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

/// One node of the position tree, mirroring the JSON value it locates. A mapping entry's position
/// is its key's; an item's or the root's is the value's own start.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub pos: Pos,
    pub kids: Kids,
}

#[derive(Debug, Clone, Default)]
pub(crate) enum Kids {
    #[default]
    Leaf,
    Map(Vec<(Box<str>, Node)>),
    Seq(Vec<Node>),
}

impl Node {
    pub fn leaf(pos: Pos) -> Node {
        Node {
            pos,
            kids: Kids::Leaf,
        }
    }

    fn child(&self, segment: &str) -> Option<&Node> {
        match &self.kids {
            Kids::Map(entries) => entries
                .iter()
                .rev()
                .find(|(k, _)| &**k == segment)
                .map(|(_, n)| n),
            Kids::Seq(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            Kids::Leaf => None,
        }
    }

    fn child_mut(&mut self, segment: &str) -> Option<&mut Node> {
        match &mut self.kids {
            Kids::Map(entries) => entries
                .iter_mut()
                .rev()
                .find(|(k, _)| &**k == segment)
                .map(|(_, n)| n),
            Kids::Seq(items) => segment
                .parse::<usize>()
                .ok()
                .and_then(move |i| items.get_mut(i)),
            Kids::Leaf => None,
        }
    }
}

/// A subtree copied from another file into this document (see `external.rs`): diagnostics under
/// `at` name `original` in that file instead.
#[derive(Debug, Clone)]
struct Graft {
    at: Vec<String>,
    original: String,
}

/// The position tree of a document and of the files bundled into it.
#[derive(Debug, Clone)]
pub struct Positions {
    files: Vec<String>,
    root: Option<Node>,
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
    pub(crate) fn new(file: &str, root: Option<Node>) -> Positions {
        Positions {
            files: vec![file.to_owned()],
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

    /// Put `node` (from another file, where it sits at `original`) at `at` in this tree.
    pub(crate) fn graft(&mut self, at: &str, node: Node, original: &str) {
        let segments = segments(at);
        self.grafts.push(Graft {
            at: segments.clone(),
            original: original.to_owned(),
        });
        let Some(root) = &mut self.root else { return };
        let mut here = root;
        let (last, parents) = match segments.split_last() {
            Some(split) => split,
            None => return,
        };
        for segment in parents {
            let pos = here.pos;
            if here.child(segment).is_none() {
                if let Kids::Leaf = here.kids {
                    here.kids = Kids::Map(Vec::new());
                }
                if let Kids::Map(entries) = &mut here.kids {
                    entries.push((segment.as_str().into(), Node::leaf(pos)));
                }
            }
            match here.child_mut(segment) {
                Some(next) => here = next,
                None => return,
            }
        }
        if let Kids::Leaf = here.kids {
            here.kids = Kids::Map(Vec::new());
        }
        if let Kids::Map(entries) = &mut here.kids {
            entries.push((last.as_str().into(), node));
        }
    }

    /// The subtree at `pointer`, if the source has that node.
    pub(crate) fn node(&self, pointer: &str) -> Option<&Node> {
        let mut here = self.root.as_ref()?;
        for segment in segments(pointer) {
            here = here.child(&segment)?;
        }
        Some(here)
    }

    /// Locate `pointer`: the deepest node on its path that the source has.
    pub fn locate(&self, pointer: &str) -> Located {
        let segments = segments(pointer);
        let mut position = None;
        let mut file = 0;
        if let Some(mut here) = self.root.as_ref() {
            position = Some(here.pos.position());
            file = here.pos.file;
            for segment in &segments {
                match here.child(segment) {
                    Some(next) => here = next,
                    None => break,
                }
                position = Some(here.pos.position());
                file = here.pos.file;
            }
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
    use super::*;

    fn at(line: usize, column: usize) -> Pos {
        Pos::new(0, line, column)
    }

    fn sample() -> Positions {
        let inner = Node {
            pos: at(2, 3),
            kids: Kids::Map(vec![("a/b".into(), Node::leaf(at(3, 5)))]),
        };
        let list = Node {
            pos: at(4, 3),
            kids: Kids::Seq(vec![Node::leaf(at(4, 10)), Node::leaf(at(5, 10))]),
        };
        let root = Node {
            pos: at(1, 1),
            kids: Kids::Map(vec![("paths".into(), inner), ("list".into(), list)]),
        };
        Positions::new("spec.yaml", Some(root))
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
    }

    #[test]
    fn grafted_subtrees_report_their_own_file_and_pointer() {
        let mut p = sample();
        let file = p.add_file("common.yaml");
        let pet = Node {
            pos: Pos::new(file, 7, 1),
            kids: Kids::Map(vec![("type".into(), Node::leaf(Pos::new(file, 8, 3)))]),
        };
        p.graft("#/components/schemas/Pet", pet, "#/Pet");
        let found = p.locate("#/components/schemas/Pet/type");
        assert_eq!(found.file, "common.yaml");
        assert_eq!(found.pointer, "#/Pet/type");
        assert_eq!(found.position, Some(Position { line: 8, column: 3 }));
        assert_eq!(p.locate("#/paths").file, "spec.yaml");
    }
}
