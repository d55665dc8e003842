//! The synthetic spec is deterministic, as large as asked, densely linked, and valid for us.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

const SMALL: Options = Options {
    ops: 42,
    schemas: 60,
    ops_per_tag: 10,
    seed: 7,
};

fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.trim_start_matches("#/components/schemas/").to_owned());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn the_same_options_give_the_same_bytes_and_the_seed_changes_them() {
    assert_eq!(spec_text(&SMALL), spec_text(&SMALL));
    let other = Options { seed: 8, ..SMALL };
    assert_ne!(spec_text(&SMALL), spec_text(&other));
}

#[test]
fn the_counts_asked_for_are_met() {
    let spec = spec(&Options::default());
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    assert_eq!(schemas.len(), 520);
    let ops: usize = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    assert_eq!(ops, 420);
    let tags: BTreeSet<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|op| op["tags"][0].as_str().unwrap())
        .collect();
    assert_eq!(tags.len(), 28);
}

#[test]
fn every_ref_resolves_and_links_are_dense_with_cycles() {
    let spec = spec(&Options::default());
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let graph: BTreeMap<&str, Vec<String>> = schemas
        .iter()
        .map(|(name, schema)| {
            let mut out = Vec::new();
            refs(schema, &mut out);
            (name.as_str(), out)
        })
        .collect();
    let edges: usize = graph.values().map(Vec::len).sum();
    assert!(edges >= 3 * schemas.len() / 2, "{edges} links");
    for target in graph.values().flatten() {
        assert!(schemas.contains_key(target), "dangling {target}");
    }
    let on_cycle = graph
        .keys()
        .filter(|&&name| reaches(&graph, name, name))
        .count();
    assert!(
        on_cycle >= schemas.len() / 4,
        "{on_cycle} schemas on a cycle"
    );
    for key in [
        "oneOf",
        "anyOf",
        "allOf",
        "discriminator",
        "enum",
        "additionalProperties",
    ] {
        let text = serde_json::to_string(schemas).unwrap();
        assert!(text.contains(&format!("\"{key}\"")), "no {key}");
    }
}

fn reaches(graph: &BTreeMap<&str, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = graph[from].iter().map(String::as_str).collect();
    while let Some(next) = stack.pop() {
        if next == to {
            return true;
        }
        if seen.insert(next) {
            stack.extend(graph[next].iter().map(String::as_str));
        }
    }
    false
}

#[test]
fn our_generator_takes_it_without_a_diagnostic() {
    let text = spec_text(&SMALL);
    let options = generator::Options::default();
    let output = generator::generate_bytes("synthetic.json", text.as_bytes(), &options)
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(output.warnings.is_empty(), "{}", output.warnings);
    let pages = output.files.keys().filter(|p| p.ends_with(".md")).count();
    assert!(pages > SMALL.ops, "{pages} pages");
}
