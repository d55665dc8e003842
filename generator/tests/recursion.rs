//! Types that hold themselves: the `tests/features/recursion/types.rs` snapshot (kept equal to
//! the generator's output by `tests/features.rs`) compiles here, and a value three levels deep of
//! each recursive shape reads from JSON and writes back the same JSON.
#![allow(dead_code, unexpected_cfgs)]

use serde_json::{from_value, json, to_value, Value};
use std::collections::BTreeMap;

mod features {
    pub mod recursion {
        pub mod types;
    }
}
use features::recursion::types::*;

/// `wire` reads as `value`, and `value` writes `wire`.
fn decodes<T>(wire: Value, value: T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let read: T = from_value(wire.clone()).unwrap_or_else(|e| panic!("{wire} reads: {e}"));
    assert_eq!(read, value);
    assert_eq!(to_value(&read).unwrap(), wire, "writes back");
}

fn map<T>(entries: impl IntoIterator<Item = (&'static str, T)>) -> BTreeMap<String, T> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

#[test]
fn a_map_of_itself() {
    let leaf = MapTree(BTreeMap::new());
    let value = MapTree(map([
        ("a", MapTree(map([("b", leaf.clone())]))),
        ("c", leaf),
    ]));
    decodes(json!({"a": {"b": {}}, "c": {}}), value);
}

#[test]
fn an_array_of_itself() {
    let leaf = ArrayTree(Vec::new());
    let value = ArrayTree(vec![ArrayTree(vec![leaf.clone(), leaf.clone()]), leaf]);
    decodes(json!([[[], []], []]), value);
}

#[test]
fn a_nullable_array_of_itself() {
    let value = NullableSelf(Some(vec![
        NullableSelf(Some(vec![NullableSelf(None)])),
        NullableSelf(Some(Vec::new())),
    ]));
    decodes(json!([[null], []]), value);
}

#[test]
fn a_nullable_link_to_itself() {
    let value = Linked::new(1).with_next(Some(
        Linked::new(2).with_next(Some(Linked::new(3).with_next(None))),
    ));
    decodes(
        json!({"value": 1, "next": {"value": 2, "next": {"value": 3, "next": null}}}),
        value,
    );
}

#[test]
fn a_one_of_that_holds_itself_directly_and_through_an_object() {
    let value = Expr::Array(vec![
        Expr::Integer(1),
        Expr::Negation(Box::new(Negation::new(Expr::Array(vec![Expr::Integer(2)])))),
    ]);
    decodes(json!([1, {"not": [2]}]), value);
}

#[test]
fn an_any_of_with_a_map_of_itself() {
    let value = AnyNode::Map(map([
        (
            "a",
            AnyNode::Map(map([("b", AnyNode::String("leaf".into()))])),
        ),
        ("c", AnyNode::String("x".into())),
    ]));
    decodes(json!({"a": {"b": "leaf"}, "c": "x"}), value);
}

#[test]
fn all_of_with_a_parent_and_children_of_itself() {
    let grandchild = Category::new("grandchild");
    let child = Category::new("child").with_children(vec![grandchild]);
    let value = Category::new("root")
        .with_parent(Category::new("up"))
        .with_children(vec![child]);
    decodes(
        json!({
            "name": "root",
            "parent": {"name": "up"},
            "children": [{"name": "child", "children": [{"name": "grandchild"}]}]
        }),
        value,
    );
}

#[test]
fn mutual_recursion_through_a_map_and_an_array() {
    let value = Forest(map([(
        "oak",
        Grove(vec![Forest(map([("elm", Grove(Vec::new()))]))]),
    )]));
    decodes(json!({"oak": [{"elm": []}]}), value);
}

#[test]
fn a_chain_of_aliases_back_to_the_head() {
    let head = |items: Vec<ChainHead>| ChainHead(ChainMiddle(ChainTail(items)));
    let value = head(vec![head(vec![head(Vec::new())]), head(Vec::new())]);
    decodes(json!([[[]], []]), value);
}

#[test]
fn an_object_whose_other_properties_are_itself() {
    let mut inner = ObjectMap::new().with_label("two");
    inner
        .additional_properties
        .insert("deeper".into(), ObjectMap::new().with_label("three"));
    let mut value = ObjectMap::new().with_label("one");
    value.additional_properties.insert("child".into(), inner);
    decodes(
        json!({"label": "one", "child": {"label": "two", "deeper": {"label": "three"}}}),
        value,
    );
}

#[test]
fn a_message_with_every_shape_reads_whole() {
    let wire = json!({
        "mapTree": {"a": {"b": {}}},
        "arrayTree": [[[]]],
        "nullableSelf": [[null]],
        "linked": {"value": 1, "next": {"value": 2, "next": {"value": 3}}},
        "expr": [1, {"not": [2]}],
        "anyNode": {"a": {"b": "c"}},
        "category": {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]},
        "forest": {"a": [{"b": []}]},
        "grove": [{"a": [{}]}],
        "chain": [[[]]],
        "objectMap": {"a": {"b": {"label": "c"}}}
    });
    let shapes: Shapes = from_value(wire.clone()).unwrap();
    assert_eq!(to_value(&shapes).unwrap(), wire);
}
