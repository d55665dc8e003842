//! `components/schemas`: objects, enums, arrays, maps, aliases and unions, whose properties and
//! items refer to any schema (so recursion runs through every container), with nullable,
//! readOnly and writeOnly mixed in.

use super::{names, Rng, Version};
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Object,
    Enum,
    Array,
    Map,
    /// A `$ref` (or a nullable `allOf` of one) to a schema of a lower index, so `$ref`s alone
    /// never make a cycle.
    Alias,
    OneOf,
    AnyOf,
    /// `allOf` of objects (never of another `allOf`) and an inline object.
    AllOf,
    /// A `oneOf` by the discriminator property; its variants follow it.
    Tagged {
        property: String,
        variants: Vec<usize>,
    },
    /// A variant of a tagged union: an object with the discriminator as a required string.
    Variant {
        property: String,
    },
    Scalar,
}

pub struct Catalog {
    pub names: Vec<String>,
    pub kinds: Vec<Kind>,
    pub version: Version,
}

impl Catalog {
    pub fn plan(rng: &mut Rng, version: Version) -> Catalog {
        let mut catalog = Catalog {
            names: Vec::new(),
            kinds: Vec::new(),
            version,
        };
        let count = 3 + rng.below(9);
        for _ in 0..count {
            let kind = match rng.below(20) {
                0..=5 => Kind::Object,
                6 => Kind::Enum,
                7 | 8 => Kind::Array,
                9 | 10 => Kind::Map,
                11 | 12 => Kind::Alias,
                13 => Kind::OneOf,
                14 => Kind::AnyOf,
                15 | 16 => Kind::AllOf,
                17 | 18 => Kind::Tagged {
                    property: names::any(rng),
                    variants: Vec::new(),
                },
                _ => Kind::Scalar,
            };
            catalog.add(rng, kind);
        }
        catalog
    }

    fn add(&mut self, rng: &mut Rng, kind: Kind) -> usize {
        names::unique(names::key(rng), &mut self.names);
        self.kinds.push(kind.clone());
        let index = self.kinds.len() - 1;
        if let Kind::Tagged { property, .. } = kind {
            let count = 1 + rng.below(3);
            let variants: Vec<usize> = (0..count)
                .map(|_| {
                    self.add(
                        rng,
                        Kind::Variant {
                            property: property.clone(),
                        },
                    )
                })
                .collect();
            self.kinds[index] = Kind::Tagged { property, variants };
        }
        index
    }

    pub fn reference(&self, i: usize) -> Value {
        json!({ "$ref": format!("#/components/schemas/{}", self.names[i]) })
    }

    pub fn emit(&self, rng: &mut Rng) -> Map<String, Value> {
        (0..self.names.len())
            .map(|i| (self.names[i].clone(), self.schema(rng, i)))
            .collect()
    }

    fn schema(&self, rng: &mut Rng, i: usize) -> Value {
        match &self.kinds[i] {
            Kind::Object => self.object(rng, None),
            Kind::Variant { property } => self.object(rng, Some(property)),
            Kind::Enum => enumeration(rng),
            Kind::Array => json!({ "type": "array", "items": self.ty(rng, 1) }),
            Kind::Map => json!({ "type": "object", "additionalProperties": self.ty(rng, 1) }),
            Kind::Scalar => {
                let ty = scalar(rng);
                self.nullable(rng, ty)
            }
            Kind::Alias if i == 0 => {
                let ty = scalar(rng);
                self.nullable(rng, ty)
            }
            Kind::Alias => {
                let target = self.reference(rng.below(i));
                if rng.chance(30) && self.version == Version::V30 {
                    json!({ "nullable": true, "allOf": [target] })
                } else {
                    target
                }
            }
            Kind::OneOf | Kind::AnyOf => {
                let count = 1 + rng.below(4);
                let variants: Vec<Value> = (0..count).map(|_| self.ty(rng, 1)).collect();
                let key = if self.kinds[i] == Kind::OneOf {
                    "oneOf"
                } else {
                    "anyOf"
                };
                json!({ key: variants })
            }
            Kind::AllOf => {
                let objects: Vec<usize> = (0..self.kinds.len())
                    .filter(|&j| self.kinds[j] == Kind::Object)
                    .collect();
                let mut parts: Vec<Value> = Vec::new();
                for _ in 0..rng.below(3).min(objects.len()) {
                    parts.push(self.reference(*rng.pick(&objects)));
                }
                if parts.is_empty() || rng.chance(60) {
                    parts.push(self.object(rng, None));
                }
                json!({ "allOf": parts })
            }
            Kind::Tagged { property, variants } => {
                let refs: Vec<Value> = variants.iter().map(|&v| self.reference(v)).collect();
                let mut discriminator = json!({ "propertyName": property });
                if rng.chance(50) {
                    let mapping: Map<String, Value> = variants
                        .iter()
                        .map(|&v| {
                            let path = format!("#/components/schemas/{}", self.names[v]);
                            (format!("{}-{v}", names::any(rng)), Value::String(path))
                        })
                        .collect();
                    discriminator["mapping"] = Value::Object(mapping);
                }
                json!({ "oneOf": refs, "discriminator": discriminator })
            }
        }
    }

    /// An object of a few properties; a tagged union's variant also has the tag, required.
    pub fn object(&self, rng: &mut Rng, tag: Option<&String>) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        if let Some(tag) = tag {
            properties.insert(tag.clone(), json!({ "type": "string" }));
            required.push(Value::String(tag.clone()));
        }
        for _ in 0..rng.below(6) {
            let name = names::any(rng);
            if properties.contains_key(&name) {
                continue;
            }
            let mut ty = self.ty(rng, 1);
            if let Value::Object(map) = &mut ty {
                if rng.chance(12) {
                    map.insert("readOnly".into(), Value::Bool(true));
                } else if rng.chance(10) {
                    map.insert("writeOnly".into(), Value::Bool(true));
                }
            }
            if rng.chance(40) {
                required.push(Value::String(name.clone()));
            }
            properties.insert(name, ty);
        }
        let mut object = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            object["required"] = Value::Array(required);
        }
        if rng.chance(15) {
            object["additionalProperties"] = if rng.chance(50) {
                Value::Bool(true)
            } else {
                self.ty(rng, 2)
            };
        }
        object
    }

    /// A type at nesting `depth`: a reference to any schema, a scalar, an array, a map, an
    /// inline object or union, maybe nullable.
    pub fn ty(&self, rng: &mut Rng, depth: usize) -> Value {
        let deep = depth >= 3;
        let ty = match rng.below(if deep { 2 } else { 9 }) {
            0 | 4 => {
                let target = rng.below(self.names.len());
                return self.maybe_null_ref(rng, target);
            }
            1 => scalar(rng),
            2 => json!({ "type": "array", "items": self.ty(rng, depth + 1) }),
            3 => json!({ "type": "object", "additionalProperties": self.ty(rng, depth + 1) }),
            5 => json!({}),
            6 => self.object(rng, None),
            7 => enumeration(rng),
            _ => {
                let key = if rng.chance(50) { "oneOf" } else { "anyOf" };
                let variants: Vec<Value> = (0..1 + rng.below(3))
                    .map(|_| self.ty(rng, depth + 1))
                    .collect();
                json!({ key: variants })
            }
        };
        self.nullable(rng, ty)
    }

    fn maybe_null_ref(&self, rng: &mut Rng, target: usize) -> Value {
        let reference = self.reference(target);
        if rng.chance(15) && self.version == Version::V30 {
            json!({ "nullable": true, "allOf": [reference] })
        } else {
            reference
        }
    }

    /// `ty`, made nullable one time in five: `nullable: true` in 3.0, a `null` type in 3.1.
    fn nullable(&self, rng: &mut Rng, mut ty: Value) -> Value {
        if !rng.chance(20) {
            return ty;
        }
        match (self.version, ty.get("type").cloned()) {
            (Version::V30, _) => ty["nullable"] = Value::Bool(true),
            (Version::V31, Some(Value::String(t))) => ty["type"] = json!([t, "null"]),
            _ => {}
        }
        ty
    }
}

pub fn scalar(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => json!({ "type": "string" }),
        1 => json!({ "type": "string", "format": "date-time" }),
        2 => json!({ "type": "string", "format": "uuid" }),
        3 => json!({ "type": "string", "format": "binary" }),
        4 => json!({ "type": "string", "format": "byte" }),
        5 => json!({ "type": "string", "format": "date", "minLength": 1 }),
        6 => json!({ "type": "integer", "format": "int32", "minimum": 0 }),
        7 => json!({ "type": "integer" }),
        8 => json!({ "type": "number", "format": "float" }),
        9 => json!({ "type": "number", "maximum": 10 }),
        10 => json!({ "type": "boolean" }),
        _ => json!({ "type": "string", "format": "password" }),
    }
}

pub fn enumeration(rng: &mut Rng) -> Value {
    if rng.chance(25) {
        let mut values: Vec<i64> = (0..1 + rng.below(4))
            .map(|_| rng.below(50) as i64)
            .collect();
        values.sort();
        values.dedup();
        return json!({ "type": "integer", "enum": values });
    }
    let mut values: Vec<String> = Vec::new();
    for _ in 0..1 + rng.below(5) {
        let value = names::any(rng);
        if !values.contains(&value) {
            values.push(value);
        }
    }
    json!({ "type": "string", "enum": values })
}
