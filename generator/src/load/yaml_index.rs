//! Positions of the nodes of a YAML text, from saphyr's event parser (serde_yaml, which parses the
//! values, keeps none). An alias is located where it is written, the nodes inside what it stands
//! for where its anchor wrote them (see `anchors.rs`).

use super::tree::{Builder, Indexed};
use crate::source::Pos;
use saphyr_parser::{Event, Parser};

/// Index `text`, whose nodes get file number `file`. Stops quietly where saphyr, stricter in a few
/// corners than libyaml, gives up: the nodes before that point keep their positions.
pub(crate) fn index(text: &str, file: u32) -> Indexed {
    let mut tree = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(Ok((event, span))) = parser.next_event() {
        let pos = Pos::new(file, span.start.line(), span.start.col() + 1);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
            }
            Event::MappingStart(anchor, _) => tree.begin_map(pos, anchor),
            Event::SequenceStart(anchor, _) => tree.begin_seq(pos, anchor),
            Event::MappingEnd | Event::SequenceEnd => tree.end(),
            Event::Scalar(text, _, anchor, _) => tree.scalar(pos, &text, anchor),
            Event::Alias(anchor) => tree.alias(pos, anchor),
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    tree.finish()
}

/// Where the second document of a multi-document stream starts, for a precise error.
pub(crate) fn second_document(text: &str) -> Option<(usize, usize)> {
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(Ok((event, span))) = parser.next_event() {
        if let Event::DocumentStart(_) = event {
            documents += 1;
            if documents == 2 {
                return Some((span.start.line(), span.start.col() + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Positions;

    fn locate(text: &str, pointer: &str) -> (usize, usize) {
        let tree = index(text, 0).tree;
        let p = Positions::new("f.yaml", tree)
            .locate(pointer)
            .position
            .unwrap();
        (p.line, p.column)
    }

    #[test]
    fn block_and_flow_nodes_are_located() {
        let text = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      'x y': [1, {k: v}]\n200: ok\n";
        assert_eq!(locate(text, "#/openapi"), (1, 1));
        assert_eq!(locate(text, "#/paths/~1a/get"), (4, 5));
        assert_eq!(locate(text, "#/paths/~1a/get/x y"), (5, 7));
        assert_eq!(locate(text, "#/paths/~1a/get/x y/1/k"), (5, 19));
        assert_eq!(locate(text, "#/200"), (6, 1));
    }

    #[test]
    fn aliases_and_merged_keys_are_located_where_their_anchor_wrote_them() {
        let text = "base: &base\n  type: object\n  id: 1\nitem: &one x\n\
                    a:\n  <<: *base\n  id: 2\nb: *base\n*one : y\nc: {<<: [*base]}\n";
        assert_eq!(locate(text, "#/a/type"), (2, 3));
        assert_eq!(locate(text, "#/a/id"), (7, 3));
        assert_eq!(locate(text, "#/b"), (8, 1));
        assert_eq!(locate(text, "#/b/id"), (3, 3));
        assert_eq!(locate(text, "#/x"), (9, 1));
        assert_eq!(locate(text, "#/c/type"), (2, 3));
        assert_eq!(locate(text, "#/a/<<"), (5, 1));
    }

    #[test]
    fn a_billion_laughs_is_located_without_copying_it_all() {
        let mut text = String::from("l0: &l0 [x, x]\n");
        for i in 1..40 {
            text.push_str(&format!("l{i}: &l{i} [*l{}, *l{}]\n", i - 1, i - 1));
        }
        assert_eq!(locate(&text, "#/l39/1/0"), (40, 18));
        assert_eq!(locate(&text, "#/l2/1/0/1"), (1, 13));
    }

    #[test]
    fn duplicates_and_second_documents_are_found() {
        let dups = index("a: 1\nb:\n  c: 1\n  c: 2\n", 0).duplicates;
        assert_eq!(dups[0].pointer, "#/b/c");
        assert_eq!((dups[0].again.line, dups[0].again.column), (4, 3));
        assert_eq!(second_document("a: 1\n---\nb: 2\n"), Some((2, 1)));
        assert_eq!(second_document("a: 1\n"), None);
    }
}
