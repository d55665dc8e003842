//! The wire format of generated types: the `types.rs` snapshots of the feature fixtures (kept
//! equal to the generator's output by `tests/features.rs`) are compiled here, and their values
//! serialize to exactly the JSON the fixture specs describe, and read it back, each in the
//! directions its operations use it.
// The generated types are only partly used by these tests; `full-serde` is a feature of the
// generated crates, off here, so each type has the serde traits its operations need.
#![allow(dead_code, unexpected_cfgs)]

use serde_json::{from_value, json, to_value, Value};

/// The snapshots, at `tests/features/<name>/types.rs`.
mod features {
    pub mod schemas {
        pub mod types;
    }
    pub mod enums {
        pub mod types;
    }
    pub mod unions {
        pub mod types;
    }
    pub mod names {
        pub mod types;
    }
    pub mod openapi31 {
        pub mod types;
    }
}

/// `value` serializes to `wire`, and `wire` reads back as `value`: for types sent and received.
fn round_trip<T>(value: &T, wire: Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    writes(value, wire.clone());
    reads(value, wire);
}

/// `value` serializes to `wire` (types only sent derive only `Serialize`).
fn writes<T: serde::Serialize + std::fmt::Debug>(value: &T, wire: Value) {
    assert_eq!(to_value(value).unwrap(), wire, "{value:?} serializes");
}

/// `wire` reads as `value` (types only received derive only `Deserialize`).
fn reads<T>(value: &T, wire: Value)
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(&from_value::<T>(wire).unwrap(), value, "reads back");
}

#[test]
fn discriminated_unions_write_the_tag_the_spec_names() {
    use features::unions::types::*;
    let circle = Circle {
        kind: "stale".into(),
        radius: 1.5,
    };
    round_trip(
        &Shape::Circle(Circle {
            kind: "circle".into(),
            ..circle.clone()
        }),
        json!({"kind": "circle", "radius": 1.5}),
    );
    // The tag comes from the variant, whatever the variant's own `kind` field says.
    assert_eq!(
        to_value(Shape::Round(circle)).unwrap(),
        json!({"kind": "round", "radius": 1.5})
    );
    assert_eq!(
        from_value::<Shape>(json!({"kind": "square", "side": 2.0})).unwrap(),
        Shape::Square(Square {
            kind: "square".into(),
            side: 2.0
        })
    );
    let unknown = json!({"kind": "hexagon", "sides": 6});
    round_trip(&Shape::Unknown(unknown.clone()), unknown);
}

#[test]
fn implicit_tags_come_from_schema_names_and_one_value_properties() {
    use features::unions::types::*;
    let lion = Lion {
        species: Some("Lion".into()),
        roar: Some(true),
    };
    reads(
        &Animal::Lion(lion),
        json!({"species": "Lion", "roar": true}),
    );
    reads(&State::Running, json!({"state": "running"}));
    reads(
        &State::Failed(StateFailed {
            reason: "disk".into(),
        }),
        json!({"state": "failed", "reason": "disk"}),
    );
    // A base schema with a discriminator is the union of the schemas that extend it.
    let cat = Cat {
        pet_type: "Cat".into(),
        name: "Tom".into(),
        lives: Some(9),
    };
    writes(
        &Pet::Cat(cat),
        json!({"petType": "Cat", "name": "Tom", "lives": 9}),
    );
}

#[test]
fn untagged_unions_try_each_variant_and_keep_anything_last() {
    use features::unions::types::*;
    reads(&Value_::String("s".into()), json!("s"));
    reads(&Value_::Integer(5), json!(5));
    reads(&Value_::Array(vec!["a".into()]), json!(["a"]));
    reads(&Value_::Any(json!({"x": 1})), json!({"x": 1}));
    reads(
        &Either::Labelled(EitherLabelled {
            label: Some("l".into()),
        }),
        json!({"label": "l"}),
    );
    round_trip(&Mode::Slow, json!("slow"));
    reads::<MaybeShape>(&None, json!(null));
    reads(
        &Checked {
            a: Some("x".into()),
            b: None,
        },
        json!({"a": "x"}),
    );
}

#[test]
fn enums_keep_values_they_do_not_know() {
    use features::enums::types::*;
    round_trip(&TimeZone::EtcGmtPlus1, json!("Etc/GMT+1"));
    round_trip(&TimeZone::EtcGmtMinus1, json!("Etc/GMT-1"));
    round_trip(&TimeZone::Empty, json!(""));
    round_trip(&TimeZone::Unknown("Etc/GMT+5".into()), json!("Etc/GMT+5"));
    round_trip(&Order::Asc, json!("ASC"));
    round_trip(&Order::Asc2, json!("asc"));
    round_trip(&Order::Unknown_("UNKNOWN".into()), json!("UNKNOWN"));
    round_trip(&Level::Minus1, json!(-1));
    round_trip(&Level::Unknown(42), json!(42));
    assert_eq!(Level::from(10), Level::V10);
    round_trip(&Flag::True, json!(true));
    round_trip(&Flag::Unknown(false), json!(false));
    round_trip::<Maybe>(&None, json!(null));
    round_trip::<Maybe>(&Some(MaybeValue::Yes), json!("yes"));
    assert_eq!(Level::Unknown(7).to_string(), "7");
}

#[test]
fn absent_and_null_differ_where_a_request_can_clear_a_value() {
    use features::schemas::types::*;
    writes(&ThingPatch::default(), json!({}));
    writes(
        &ThingPatch {
            note: Some(None),
            ..ThingPatch::default()
        },
        json!({"note": null}),
    );
    writes(
        &ThingPatch {
            note: Some(Some("n".into())),
            name: Some("x".into()),
            ..ThingPatch::default()
        },
        json!({"name": "x", "note": "n"}),
    );
}

#[test]
fn objects_keep_their_wire_shape() {
    use features::schemas::types::*;
    let tree = Tree {
        value: 1,
        left: Some(Box::new(Tree {
            value: 2,
            left: None,
            right: None,
            children: None,
        })),
        right: None,
        children: Some(vec![]),
    };
    round_trip(
        &tree,
        json!({"value": 1, "left": {"value": 2}, "children": []}),
    );
    let mut counts = std::collections::BTreeMap::new();
    counts.insert("apples".to_owned(), 3);
    round_trip(
        &Counted {
            tag: "fruit".into(),
            additional_properties: counts,
        },
        json!({"tag": "fruit", "apples": 3}),
    );
    // A required `readOnly` id may be left out of a request; a required nullable note is sent.
    let thing: Thing = from_value(json!({"name": "n", "sizes": [1], "note": null})).unwrap();
    assert_eq!((thing.id.clone(), thing.note.clone()), (None, None));
    assert_eq!(
        to_value(&thing).unwrap(),
        json!({"name": "n", "sizes": [1], "note": null})
    );
    reads(
        &Extended {
            id: "1".into(),
            kind: BaseKind::B,
            extra: None,
        },
        json!({"id": "1", "kind": "b"}),
    );
}

#[test]
fn odd_property_names_stay_exact_on_the_wire() {
    use features::names::types::*;
    let odd = OddNamesV2 {
        plus_1: Some(1),
        minus_1: Some(-1),
        dollar_ref: Some("#/x".into()),
        at_timestamp: Some("t".into()),
        parameter1_name: Some("p".into()),
        type_: Some("k".into()),
        asc: Some("A".into()),
        asc2: Some("a".into()),
        additional_properties2: Some("own".into()),
        ..OddNamesV2::default()
    };
    round_trip(
        &odd,
        json!({
            "+1": 1, "-1": -1, "$ref": "#/x", "@timestamp": "t", "Parameter1.Name": "p",
            "type": "k", "ASC": "A", "asc": "a", "additional_properties": "own"
        }),
    );
}

#[test]
fn bytes_travel_as_the_json_string_they_are() {
    use features::openapi31::types::*;
    let event: Event =
        from_value(json!({"kind": "event", "name": "n", "photo": "<svg/>"})).unwrap();
    assert_eq!(event.photo.as_deref(), Some(&b"<svg/>"[..]));
    assert_eq!(to_value(&event).unwrap()["photo"], json!("<svg/>"));
    let bare: Event = from_value(json!({"kind": "event", "name": "n"})).unwrap();
    assert_eq!(bare.photo, None);
    assert!(to_value(&bare).unwrap().get("photo").is_none());
}
