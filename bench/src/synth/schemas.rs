//! The synthetic spec's `components/schemas`: a plan of kinds, then each schema with links to
//! others picked at random over the whole catalog (so cycles, self-links included, are common).

use super::{names, object, reference, Rng};
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The error body every operation's error responses share.
    Problem,
    Object,
    /// A member of the tagged union at the index, carrying the tag property `kind`.
    Variant(usize),
    /// `oneOf` with a discriminator over the variants that follow it; `true`: with a mapping.
    Tagged(bool),
    /// `oneOf` (or `anyOf` when `true`) without a discriminator.
    Untagged(bool),
    AllOf,
    Map,
    Enum,
    IntEnum,
}

/// Every schema's name and kind, by index.
pub struct Catalog {
    pub names: Vec<String>,
    pub kinds: Vec<Kind>,
}

impl Catalog {
    /// Kinds for `count` schemas; index 0 is the error body.
    pub fn plan(count: usize, rng: &mut Rng) -> Catalog {
        let mut kinds = vec![Kind::Problem];
        while kinds.len() < count {
            let here = kinds.len();
            let roll = rng.below(100);
            let variants = 2 + rng.below(3);
            match roll {
                0..=6 if here + variants < count => {
                    kinds.push(Kind::Tagged(!roll.is_multiple_of(3)));
                    kinds.extend((0..variants).map(|_| Kind::Variant(here)));
                }
                7..=11 => kinds.push(Kind::Untagged(roll == 11)),
                12..=21 => kinds.push(Kind::AllOf),
                22..=24 => kinds.push(Kind::Map),
                25..=34 => kinds.push(Kind::Enum),
                35..=37 => kinds.push(Kind::IntEnum),
                _ => kinds.push(Kind::Object),
            }
        }
        let names = (0..count)
            .map(|i| match i {
                0 => "Problem".to_owned(),
                i => names::schema(i - 1),
            })
            .collect();
        Catalog { names, kinds }
    }

    /// Indices of the schemas of `kind`.
    pub fn of(&self, kind: Kind) -> Vec<usize> {
        (0..self.kinds.len())
            .filter(|&i| self.kinds[i] == kind)
            .collect()
    }

    pub fn emit(&self, rng: &mut Rng) -> Map<String, Value> {
        let objects = self.of(Kind::Object);
        let mut out = Map::new();
        for (i, name) in self.names.iter().enumerate() {
            let schema = match self.kinds[i] {
                Kind::Problem => problem(),
                Kind::Object => Value::Object(self.object(i, rng)),
                Kind::Variant(union) => self.variant(i, union, rng),
                Kind::Tagged(mapping) => self.tagged(i, mapping),
                Kind::Untagged(any) => self.untagged(any, rng),
                Kind::AllOf => self.all_of(i, &objects, rng),
                Kind::Map => json!({
                    "type": "object",
                    "description": "Entries by key.",
                    "additionalProperties": self.link(rng),
                }),
                Kind::Enum => string_enum(i, rng),
                Kind::IntEnum => json!({
                    "type": "integer",
                    "format": "int32",
                    "description": "A numeric level.",
                    "enum": [1, 2, 3, 5, 8],
                }),
            };
            out.insert(name.clone(), schema);
        }
        out
    }

    /// A `$ref` to any schema but the error body.
    fn link(&self, rng: &mut Rng) -> Value {
        reference(&self.names[1 + rng.below(self.names.len() - 1)])
    }

    /// An object of 4 to 10 properties, at least two of them links; the first two are required.
    fn object(&self, i: usize, rng: &mut Rng) -> Map<String, Value> {
        let count = 4 + rng.below(7);
        let mut properties = Map::new();
        properties.insert(
            "id".into(),
            json!({ "type": "string", "format": "uuid", "readOnly": i.is_multiple_of(5) }),
        );
        for k in 1..count {
            let (name, schema) = self.property(i, k, rng);
            properties.insert(name, schema);
        }
        let required = properties.keys().take(2).cloned().collect();
        let mut schema = object(properties, required);
        let text = format!("A `{}` as the API returns it.", self.names[i]);
        schema.insert("description".into(), text.into());
        schema
    }

    /// The `k`th property of schema `i`: a link, an array, map or nullable link, or a scalar.
    fn property(&self, i: usize, k: usize, rng: &mut Rng) -> (String, Value) {
        let roll = if k <= 2 { rng.below(4) } else { rng.below(12) };
        let mut target = || 1 + rng.below(self.names.len() - 1);
        let (target, schema) = match roll {
            0 | 1 => {
                let t = target();
                (Some(t), reference(&self.names[t]))
            }
            2 => {
                let t = target();
                (
                    Some(t),
                    json!({ "type": "array", "items": reference(&self.names[t]) }),
                )
            }
            3 => {
                let t = target();
                let nullable = json!({ "nullable": true, "allOf": [reference(&self.names[t])] });
                (Some(t), nullable)
            }
            4 => (
                Some(i),
                json!({ "type": "array", "items": reference(&self.names[i]) }),
            ),
            5 => {
                let t = target();
                let map =
                    json!({ "type": "object", "additionalProperties": reference(&self.names[t]) });
                (Some(t), map)
            }
            _ => (None, scalar(k, rng)),
        };
        let name = names::property(k, target.map(|t| self.names[t].as_str()));
        let mut schema = schema;
        if let (Some(t), Value::Object(map)) = (target, &mut schema) {
            if !map.contains_key("$ref") {
                let text = format!("Linked `{}` entries.", self.names[t]);
                map.insert("description".into(), text.into());
            }
        }
        (name, schema)
    }

    fn variant(&self, i: usize, union: usize, rng: &mut Rng) -> Value {
        let mut properties = Map::new();
        properties.insert("kind".into(), json!({ "type": "string" }));
        for k in 1..2 + rng.below(4) {
            let (name, schema) = self.property(i, k, rng);
            properties.insert(name, schema);
        }
        let mut schema = object(properties, vec!["kind".into()]);
        let text = format!("One form of `{}`.", self.names[union]);
        schema.insert("description".into(), text.into());
        Value::Object(schema)
    }

    fn tagged(&self, i: usize, mapping: bool) -> Value {
        let variants: Vec<usize> = (i + 1..self.kinds.len())
            .take_while(|&v| self.kinds[v] == Kind::Variant(i))
            .collect();
        let one_of: Vec<Value> = variants
            .iter()
            .map(|&v| reference(&self.names[v]))
            .collect();
        let mut discriminator = json!({ "propertyName": "kind" });
        if mapping {
            let map: Map<String, Value> = variants
                .iter()
                .map(|&v| {
                    let tag = names::plural(&self.names[v]);
                    (
                        tag,
                        format!("#/components/schemas/{}", self.names[v]).into(),
                    )
                })
                .collect();
            discriminator["mapping"] = map.into();
        }
        json!({
            "description": "One of several forms, told apart by `kind`.",
            "oneOf": one_of,
            "discriminator": discriminator,
        })
    }

    fn untagged(&self, any: bool, rng: &mut Rng) -> Value {
        let key = if any { "anyOf" } else { "oneOf" };
        let parts = vec![self.link(rng), self.link(rng), json!({ "type": "string" })];
        json!({ "description": "Either form is accepted.", key: parts })
    }

    fn all_of(&self, i: usize, objects: &[usize], rng: &mut Rng) -> Value {
        let base = objects
            .get(rng.below(objects.len().max(1)))
            .map_or("Problem", |&b| self.names[b].as_str());
        let mut own = Map::new();
        for k in 1..3 + rng.below(3) {
            let (name, schema) = self.property(i, k + 20, rng);
            own.insert(name, schema);
        }
        json!({
            "description": format!("A `{base}` with more fields."),
            "allOf": [reference(base), { "type": "object", "properties": own }],
        })
    }
}

fn problem() -> Value {
    json!({
        "type": "object",
        "description": "What went wrong.",
        "required": ["code", "message"],
        "properties": {
            "code": { "type": "string", "example": "not_found" },
            "message": { "type": "string" },
            "requestId": { "type": "string", "nullable": true },
            "details": { "type": "array", "items": { "type": "string" } },
        },
    })
}

fn string_enum(i: usize, rng: &mut Rng) -> Value {
    let values = names::states(i, 3 + rng.below(6));
    json!({
        "type": "string",
        "description": "A state.",
        "enum": values,
        "default": values[0],
    })
}

/// A scalar property: string (some with formats, nullable or an example), integer, number or
/// boolean.
fn scalar(k: usize, rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => json!({ "type": "string", "format": "date-time", "description": "When it happened." }),
        1 => json!({ "type": "string", "nullable": true, "description": "Free text, or `null`." }),
        2 => json!({ "type": "integer", "format": "int64", "minimum": 0, "example": 42 }),
        3 => json!({ "type": "integer", "format": "int32" }),
        4 => json!({ "type": "number", "format": "double", "description": "A ratio in `[0, 1]`." }),
        5 => json!({ "type": "boolean", "default": false }),
        6 => json!({ "type": "string", "maxLength": 64, "example": format!("value-{k}") }),
        _ => json!({ "type": "string", "enum": ["low", "medium", "high"] }),
    }
}
