//! One Cargo feature per tag, and which generated items each feature gates.
//!
//! An operation belongs to the feature of its first tag; untagged operations are always compiled.
//! A named type is gated by the features of the operations that reach it (through fields, union
//! variants, aliases, arrays and maps); a type reached by an untagged operation, by every feature,
//! or by no operation at all (and whatever such a type reaches) is always compiled. Feature names
//! come from [`crate::model::names::feature_name`]; `Cargo.toml` names the tag above each.

use super::graph::{request_roots, response_roots, Graph};
use crate::model::{names, Api};
use std::collections::{BTreeMap, BTreeSet};

pub use crate::model::names::FULL_SERDE;

/// The features of one API and the gates they put on generated items.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// `(feature name, tag name)`, in first-use order.
    pub list: Vec<(String, String)>,
    /// Feature index of each operation (`None`: untagged, always compiled).
    op_feature: Vec<Option<usize>>,
    /// Features of each named type (`None`: always compiled).
    type_features: Vec<Option<BTreeSet<usize>>>,
}

impl Features {
    pub fn new(api: &Api, graph: &Graph) -> Self {
        let (list, op_feature) = feature_list(api);
        let type_features = type_gates(api, graph, &op_feature, list.len());
        Features {
            list,
            op_feature,
            type_features,
        }
    }

    /// The feature an operation needs, by operation index.
    pub fn of_operation(&self, index: usize) -> Option<&str> {
        let feature = (*self.op_feature.get(index)?)?;
        Some(&self.list[feature].0)
    }

    /// The `cfg` predicate that gates operation `index`, if any.
    pub fn operation_cfg(&self, index: usize) -> Option<String> {
        self.of_operation(index)
            .map(|name| format!("feature = {name:?}"))
    }

    /// The `cfg` predicate that gates named type `index`, if any.
    pub fn type_cfg(&self, index: usize) -> Option<String> {
        let set = self.type_features.get(index)?.as_ref()?;
        let preds: Vec<String> = set
            .iter()
            .map(|&f| format!("feature = {:?}", self.list[f].0))
            .collect();
        match preds.as_slice() {
            [one] => Some(one.clone()),
            _ => Some(format!("any({})", preds.join(", "))),
        }
    }
}

fn feature_list(api: &Api) -> (Vec<(String, String)>, Vec<Option<usize>>) {
    let mut list: Vec<(String, String)> = Vec::new();
    let mut by_tag: BTreeMap<&str, usize> = BTreeMap::new();
    let mut taken = BTreeSet::from([FULL_SERDE.to_owned(), super::mock::TEST_UTIL.to_owned()]);
    let op_feature = api
        .operations
        .iter()
        .map(|op| {
            let tag = op.primary_tag()?;
            let index = *by_tag.entry(tag).or_insert_with(|| {
                let name = match api.names.features.get(tag) {
                    Some(recorded) => recorded.clone(),
                    None => names::feature_name(tag, &taken),
                };
                taken.insert(name.clone());
                list.push((name, tag.to_owned()));
                list.len() - 1
            });
            Some(index)
        })
        .collect();
    (list, op_feature)
}

/// For each type, the features that reach it, or `None` when it is always compiled.
fn type_gates(
    api: &Api,
    graph: &Graph,
    op_feature: &[Option<usize>],
    count: usize,
) -> Vec<Option<BTreeSet<usize>>> {
    let n = api.types.len();
    let mut reached: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut always = vec![false; n];
    let mut seen_by_any = vec![false; n];
    for (op, feature) in api.operations.iter().zip(op_feature) {
        let mut roots = request_roots(op);
        roots.extend(response_roots(op));
        graph.mark(roots.iter().copied(), &mut seen_by_any);
        match feature {
            Some(f) => {
                let mut visited = vec![false; n];
                graph.mark(roots, &mut visited);
                for (i, _) in visited.iter().enumerate().filter(|(_, v)| **v) {
                    reached[i].insert(*f);
                }
            }
            None => graph.mark(roots, &mut always),
        }
    }
    let orphans: Vec<usize> = (0..n).filter(|&i| !seen_by_any[i]).collect();
    graph.mark(orphans, &mut always);
    reached
        .into_iter()
        .zip(always)
        .map(|(set, always)| (!always && !set.is_empty() && set.len() < count).then_some(set))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
tags: [{ name: User Profile }, { name: 用户管理 }]
paths:
  /a:
    post:
      operationId: a
      tags: [User Profile]
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/OnlyA' } } }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Shared' } } } } }
  /b:
    get:
      operationId: b
      tags: [用户管理]
      parameters: [{ name: q, in: query, schema: { type: string } }]
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Shared' } } } } }
  /c:
    get:
      operationId: c
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Untagged' } } } } }
components:
  schemas:
    OnlyA: { type: object, properties: { leaf: { $ref: '#/components/schemas/Leaf' } } }
    Leaf: { type: object, properties: { x: { type: string } } }
    Shared: { type: object, properties: { x: { type: string } } }
    Untagged: { type: object, properties: { x: { type: string } } }
    Orphan: { type: object, properties: { leaf: { $ref: '#/components/schemas/Leaf' } } }
    OrphanOnly: { type: object, properties: { y: { $ref: '#/components/schemas/OnlyB' } } }
    OnlyB: { type: object, properties: { x: { type: string } } }
"#;

    fn api() -> Api {
        let doc = crate::load_bytes("t.yaml", SPEC.as_bytes()).unwrap();
        crate::lower::lower(&doc, &crate::Options::default())
            .unwrap()
            .0
    }

    fn type_cfg(api: &Api, features: &Features, name: &str) -> Option<String> {
        let i = api.types.iter().position(|t| t.name.wire == name).unwrap();
        features.type_cfg(i)
    }

    #[test]
    fn operations_follow_their_first_tag_and_untagged_ones_are_ungated() {
        let api = api();
        let features = Features::new(&api, &Graph::new(&api));
        let names: Vec<&str> = features.list.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "user-profile");
        assert!(
            names[1].starts_with("tag-") && names[1].is_ascii(),
            "{names:?}"
        );
        assert_eq!(
            features.operation_cfg(0).as_deref(),
            Some("feature = \"user-profile\"")
        );
        assert_eq!(features.operation_cfg(2), None);
    }

    #[test]
    fn types_are_gated_by_the_features_that_reach_them() {
        let api = api();
        let f = Features::new(&api, &Graph::new(&api));
        let a = Some("feature = \"user-profile\"".to_owned());
        assert_eq!(type_cfg(&api, &f, "OnlyA"), a);
        // Reached by every feature, by an untagged operation, or from an orphan: always compiled.
        assert_eq!(type_cfg(&api, &f, "Shared"), None);
        assert_eq!(type_cfg(&api, &f, "Untagged"), None);
        assert_eq!(type_cfg(&api, &f, "Leaf"), None);
        assert_eq!(type_cfg(&api, &f, "OnlyB"), None);
    }
}
