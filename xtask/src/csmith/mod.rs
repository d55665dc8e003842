//! A Csmith for OpenAPI: from a seed, a valid spec built to stress the generated Rust (names
//! that are keywords, prelude or client-method names, that collide after case conversion or
//! are not ASCII; recursion through every container; unions with and without discriminators;
//! nullable, readOnly and writeOnly mixes; every parameter location and style). The same seed
//! gives the same spec, on every machine.

mod names;
mod ops;
mod schemas;

use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V30,
    V31,
}

/// The spec of `seed`.
pub fn spec(seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let version = if rng.chance(20) {
        Version::V31
    } else {
        Version::V30
    };
    let catalog = schemas::Catalog::plan(&mut rng, version);
    let (security, schemes) = security(&mut rng);
    // One spec in twenty has no operations (drawn apart, so the other seeds' specs stay).
    let paths = if Rng::new(!seed).chance(5) {
        Map::new()
    } else {
        ops::emit(&catalog, &mut rng, &schemes)
    };
    let mut components = Map::new();
    components.insert("schemas".into(), Value::Object(catalog.emit(&mut rng)));
    if !security.is_empty() {
        components.insert("securitySchemes".into(), Value::Object(security));
    }
    let openapi = match version {
        Version::V30 => "3.0.3",
        Version::V31 => "3.1.0",
    };
    json!({
        "openapi": openapi,
        "info": { "title": format!("fuzz {seed}"), "version": "1.0" },
        "servers": [{ "url": "https://fuzz.example.com/v1" }],
        "paths": paths,
        "components": components,
    })
}

/// Security schemes of every kind, or none; and their names.
fn security(rng: &mut Rng) -> (Map<String, Value>, Vec<String>) {
    let mut out = Map::new();
    if rng.chance(60) {
        return (out, Vec::new());
    }
    let all = [
        json!({ "type": "http", "scheme": "bearer" }),
        json!({ "type": "http", "scheme": "basic" }),
        json!({ "type": "apiKey", "in": "header", "name": "X-Api-Key" }),
        json!({ "type": "apiKey", "in": "query", "name": "api_key" }),
        json!({ "type": "apiKey", "in": "cookie", "name": "session" }),
    ];
    let mut taken = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let name = names::unique(names::key(rng), &mut taken);
        out.insert(name, rng.pick(&all).clone());
    }
    (out, taken)
}

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_one_spec_and_seeds_differ() {
        assert_eq!(spec(7), spec(7));
        assert_ne!(spec(7), spec(8));
    }

    #[test]
    fn generated_specs_generate() {
        for seed in 0..200 {
            let text = serde_json::to_string_pretty(&spec(seed)).unwrap();
            let doc = generator::load_bytes("fuzz.json", text.as_bytes());
            let doc = doc.unwrap_or_else(|d| panic!("seed {seed}: {d}"));
            let lowered = generator::lower::lower(&doc, &generator::Options::default());
            if let Err(d) = lowered {
                panic!("seed {seed} is refused:\n{d}\n{text}");
            }
        }
    }

    #[test]
    fn the_specs_cover_what_they_are_for() {
        let all: String = (0..50).map(|s| spec(s).to_string()).collect();
        for needle in [
            "\"discriminator\"",
            "\"oneOf\"",
            "\"anyOf\"",
            "\"allOf\"",
            "\"nullable\":true",
            "\"null\"",
            "\"readOnly\":true",
            "\"writeOnly\":true",
            "\"deepObject\"",
            "\"pipeDelimited\"",
            "\"spaceDelimited\"",
            "\"matrix\"",
            "\"label\"",
            "\"in\":\"cookie\"",
            "\"in\":\"header\"",
            "\"additionalProperties\":{\"$ref\"",
            "\"builder\"",
            "\"String\"",
            "café",
        ] {
            assert!(all.contains(needle), "no {needle} in 50 specs");
        }
    }
}
