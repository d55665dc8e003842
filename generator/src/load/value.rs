//! Text into `serde_json::Value`, every mapping and list allocated at its final size (serde_json's
//! own visitor grows them by doubling, which leaves a third of a large document's value unused).
//! From YAML, integers beyond 64 bits are kept as floats (serde_json would reject them as "JSON
//! number out of range", yet real specs carry `minimum: -9223372036854776000`), and merge keys
//! (`<<: *base`) are applied, as YAML 1.1 defines them.

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// A value read from JSON.
pub(crate) struct JsonValue(pub Value);

/// A value read from YAML.
pub(crate) struct YamlValue(pub Value);

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Exact::<false>::deserialize(deserializer).map(|v| JsonValue(v.0))
    }
}

impl<'de> Deserialize<'de> for YamlValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Exact::<true>::deserialize(deserializer).map(|v| YamlValue(v.0))
    }
}

/// A value read from YAML (`YAML`) or JSON.
struct Exact<const YAML: bool>(Value);

impl<'de, const YAML: bool> Deserialize<'de> for Exact<YAML> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ValueVisitor::<YAML>)
            .map(Exact)
    }
}

struct ValueVisitor<const YAML: bool>;

fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

impl<'de, const YAML: bool> Visitor<'de> for ValueVisitor<YAML> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if YAML {
            "any YAML value"
        } else {
            "any JSON value"
        })
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Exact::<YAML>::deserialize(d).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Exact::<YAML>(v)) = seq.next_element()? {
            items.push(v);
        }
        items.shrink_to_fit();
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Exact::<YAML>(v) = map.next_value()?;
            entries.push((key, v));
        }
        if !YAML {
            return Ok(Value::Object(entries.into_iter().collect()));
        }
        merge(entries).map(Value::Object).map_err(A::Error::custom)
    }
}

/// The key that merges other mappings into this one.
pub(crate) const MERGE_KEY: &str = "<<";

/// A mapping from its entries, the mappings named by a `<<` key merged in where the key stands:
/// keys written in the mapping win over merged ones, and earlier mappings in a `<<` list over
/// later ones. Keys given twice keep the last, as serde does (the index reports them).
fn merge(entries: Vec<(String, Value)>) -> Result<Map<String, Value>, &'static str> {
    if !entries.iter().any(|(k, _)| k == MERGE_KEY) {
        return Ok(entries.into_iter().collect());
    }
    let written: Vec<String> = entries
        .iter()
        .filter(|(k, _)| k != MERGE_KEY)
        .map(|(k, _)| k.clone())
        .collect();
    let mut out = Map::new();
    for (key, value) in entries {
        if key != MERGE_KEY {
            out.insert(key, value);
            continue;
        }
        let sources = match value {
            Value::Object(one) => vec![one],
            Value::Array(many) if many.iter().all(Value::is_object) => many
                .into_iter()
                .filter_map(|v| match v {
                    Value::Object(m) => Some(m),
                    _ => None,
                })
                .collect(),
            _ => return Err(
                "the merge key `<<` must be given a mapping, an alias of one, or a list of them",
            ),
        };
        for (k, v) in sources.into_iter().flatten() {
            if !written.contains(&k) && !out.contains_key(&k) {
                out.insert(k, v);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Value {
        serde_yaml::from_str::<YamlValue>(text).unwrap().0
    }

    #[test]
    fn integers_beyond_64_bits_become_floats() {
        let v = parse(
            "min: -9223372036854776000\nmax: 18446744073709551616\nok: 18446744073709551615\n",
        );
        assert_eq!(v["min"].as_f64(), Some(-9223372036854776000.0));
        assert_eq!(v["max"].as_f64(), Some(18446744073709551616.0));
        assert_eq!(v["ok"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn merge_keys_merge_where_written_and_written_keys_win() {
        let v = parse(
            "base: &base {type: object, a: 1, b: 2}\nmore: &more {b: 3, c: 4}\n\
             one: {x: 0, <<: *base, a: 9}\nmany: {<<: [*more, *base]}\n",
        );
        let one: Vec<(&String, &Value)> = v["one"].as_object().unwrap().iter().collect();
        let keys: Vec<&str> = one.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["x", "type", "b", "a"]);
        assert_eq!(v["one"]["a"], 9);
        assert_eq!(
            v["many"],
            serde_json::json!({"b": 3, "c": 4, "type": "object", "a": 1})
        );
        let err = serde_yaml::from_str::<YamlValue>("a:\n  <<: 3\n")
            .map(|v| v.0)
            .unwrap_err();
        assert!(err.to_string().contains("merge key"), "{err}");
    }

    #[test]
    fn json_reads_as_serde_json_reads_it_and_merges_nothing() {
        let text =
            r#"{"b": [1, 2.5, -9223372036854776000], "<<": {"x": 1}, "a": null, "b": "again"}"#;
        let JsonValue(v) = serde_json::from_str(text).unwrap();
        let plain: Value = serde_json::from_str(text).unwrap();
        assert_eq!(v, plain);
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["b", "<<", "a"]);
        assert_eq!(v["b"], "again");
    }

    #[test]
    fn scalar_keys_become_strings_and_the_last_duplicate_wins() {
        let v = parse("200: a\ntrue: b\nx: 1\nx: 2\n");
        assert_eq!(v["200"], "a");
        assert_eq!(v["true"], "b");
        assert_eq!(v["x"], 2);
    }
}
