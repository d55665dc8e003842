//! A synthetic OpenAPI 3.0 spec for the scale bench: many operations over many tags, and schemas
//! that reference each other densely (objects with several refs, arrays and maps of refs, `allOf`,
//! `oneOf` with and without discriminators, enums, nullable refs, cycles). Deterministic: the same
//! options give the same bytes.

mod names;
mod paths;
mod schemas;

use serde_json::{json, Map, Value};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Operations, at least this many (resources have five each; the last may have fewer).
    pub ops: usize,
    /// Named schemas under `components/schemas`, exactly this many (at least 16).
    pub schemas: usize,
    /// Operations per tag.
    pub ops_per_tag: usize,
    /// Seeds the choices (property kinds, link targets); any value gives a valid spec.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ops: 420,
            schemas: 520,
            ops_per_tag: 15,
            seed: 13,
        }
    }
}

/// The spec as a JSON value.
pub fn spec(options: &Options) -> Value {
    let mut rng = Rng::new(options.seed);
    let catalog = schemas::Catalog::plan(options.schemas.max(16), &mut rng);
    let components = catalog.emit(&mut rng);
    let paths = paths::emit(&catalog, options, &mut rng);
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Synthetic Scale API",
            "version": "1.0.0",
            "description": "A generated spec whose schemas reference each other densely.",
        },
        "servers": [{ "url": "https://api.synthetic.example.com" }],
        "security": [{ "bearerAuth": [] }],
        "tags": tags(options),
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearerAuth": { "type": "http", "scheme": "bearer" },
            },
        },
    })
}

/// The spec as pretty-printed JSON, ending with a newline.
pub fn spec_text(options: &Options) -> String {
    let mut text = serde_json::to_string_pretty(&spec(options)).expect("a JSON value prints");
    text.push('\n');
    text
}

fn tags(options: &Options) -> Vec<Value> {
    (0..paths::tag_count(options))
        .map(|t| {
            let name = names::tag(t);
            json!({ "name": name, "description": format!("Operations on the {name} area.") })
        })
        .collect()
}

/// splitmix64: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// A `$ref` to a named schema.
fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn object(properties: Map<String, Value>, required: Vec<String>) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    if !required.is_empty() {
        schema.insert("required".into(), required.into());
    }
    schema.insert("properties".into(), properties.into());
    schema
}

#[cfg(test)]
mod tests;
