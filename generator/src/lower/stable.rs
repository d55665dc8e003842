//! Names that stay put across regenerations. Lowering names items first come, first served; this
//! pass then gives every item its recorded name (`Options::names`), and each new item its own
//! name if still free, else the next free one, so adding to a spec never renames an item.

use super::operation::{param_base, RESERVED_METHODS};
use super::scalar::variant_base;
use crate::model::names::{enum_variant, feature_name, method_name, snake, Scope, FULL_SERDE};
use crate::model::record::{Names, Record};
use crate::model::{Api, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Gives `api`'s items their recorded names and returns the new record: `recorded` (less the
/// entries of removed items when `forget`) with every item's name in it. `type_bases` are the
/// names the types asked for, by index.
pub(super) fn stabilize(
    api: &mut Api,
    type_bases: &[String],
    recorded: Option<&Record>,
    forget: bool,
) -> Record {
    let empty = Record::default();
    let pins = recorded.unwrap_or(&empty);
    let mut out = Record::default();
    let methods = api.operations.iter_mut().map(|op| {
        let base = method_name(&op.name.wire);
        (op.name.wire.clone(), base, &mut op.name.rust)
    });
    out.methods = settle(methods.collect(), &pins.methods, forget, RESERVED_METHODS);
    let types = api.types.iter_mut().zip(type_bases);
    let types = types.map(|(t, base)| (t.pointer.clone(), base.clone(), &mut t.name.rust));
    out.types = settle(types.collect(), &pins.types, forget, &[]);
    for op in &mut api.operations {
        let params = op.params.iter_mut().map(|p| {
            let base = param_base(&p.name.wire, p.location);
            (p.name.wire.clone(), base, &mut p.name.rust)
        });
        let pinned = scope(&pins.params, &op.name.wire);
        let given = settle(params.collect(), pinned, forget, &[]);
        put(&mut out.params, &op.name.wire, given);
    }
    for def in &mut api.types {
        let owner = def.pointer.clone();
        let pinned = scope(&pins.variants, &owner);
        let given = match &mut def.kind {
            TypeKind::Struct(s) => {
                let reserved: &[&str] = match s.additional {
                    Some(_) => &["additional_properties"],
                    None => &[],
                };
                let fields = s.fields.iter_mut().map(|f| {
                    let base = snake(&f.name.wire);
                    (f.name.wire.clone(), base, &mut f.name.rust)
                });
                let pinned = scope(&pins.fields, &owner);
                let given = settle(fields.collect(), pinned, forget, reserved);
                put(&mut out.fields, &owner, given);
                continue;
            }
            TypeKind::Enum(e) => {
                let repr = e.repr;
                let values = e.variants.iter_mut().map(|v| {
                    let base = variant_base(repr, &v.name.wire);
                    (v.name.wire.clone(), base, &mut v.name.rust)
                });
                settle(values.collect(), pinned, forget, &[])
            }
            // Untagged variants are named from their types, not by the spec: they are not kept.
            TypeKind::Union(u) if u.variants.iter().all(|v| !v.name.wire.is_empty()) => {
                let tags = u.variants.iter_mut().map(|v| {
                    let base = enum_variant(&v.name.wire);
                    (v.name.wire.clone(), base, &mut v.name.rust)
                });
                settle(tags.collect(), pinned, forget, &[])
            }
            TypeKind::Union(_) | TypeKind::Alias(_) => continue,
        };
        put(&mut out.variants, &owner, given);
    }
    out.features = features(api, &pins.features, forget);
    if !forget {
        keep_removed(&mut out, pins);
    }
    out
}

fn scope<'r>(sections: &'r BTreeMap<String, Names>, owner: &str) -> &'r Names {
    static EMPTY: Names = Names::new();
    sections.get(owner).unwrap_or(&EMPTY)
}

fn put(sections: &mut BTreeMap<String, Names>, owner: &str, given: Names) {
    if !given.is_empty() {
        sections.insert(owner.to_owned(), given);
    }
}

/// An item to name: its spec identity, the name it asks for, and its name.
type Item<'a> = (String, String, &'a mut String);

/// Names `items` in one scope: a recorded name wins, then the name asked for if free, then the
/// next free one, in the items' order. Recorded names of removed items stay taken unless
/// `forget`; one that is reserved or already taken is dropped. Returns the names given.
fn settle(items: Vec<Item>, pins: &Names, forget: bool, reserved: &[&str]) -> Names {
    let present: BTreeSet<&str> = items.iter().map(|(key, ..)| key.as_str()).collect();
    let mut scope = Scope::with_taken(reserved.iter().copied());
    let mut usable = Names::new();
    for (key, name) in pins {
        if (forget && !present.contains(key.as_str())) || scope.is_taken(name) {
            continue;
        }
        scope.claim(name);
        usable.insert(key.clone(), name.clone());
    }
    let mut given = Names::new();
    let mut rest = Vec::new();
    for (key, base, rust) in items {
        match usable.remove(&key) {
            Some(pinned) => {
                *rust = pinned.clone();
                given.insert(key, pinned);
            }
            None => rest.push((key, base, rust)),
        }
    }
    for (key, base, rust) in rest {
        *rust = scope.claim(&base).0;
        given.entry(key).or_insert_with(|| rust.clone());
    }
    given
}

/// The feature of each operation's first tag: recorded, or made from the tag.
fn features(api: &Api, pins: &Names, forget: bool) -> Names {
    let tags: BTreeSet<&str> = api
        .operations
        .iter()
        .filter_map(|op| op.primary_tag())
        .collect();
    let mut taken = BTreeSet::from([FULL_SERDE.to_owned()]);
    let mut given = Names::new();
    for (tag, name) in pins {
        if (forget && !tags.contains(tag.as_str())) || !taken.insert(name.clone()) {
            continue;
        }
        if tags.contains(tag.as_str()) {
            given.insert(tag.clone(), name.clone());
        }
    }
    for op in &api.operations {
        let Some(tag) = op.primary_tag() else {
            continue;
        };
        if !given.contains_key(tag) {
            let name = feature_name(tag, &taken);
            taken.insert(name.clone());
            given.insert(tag.to_owned(), name);
        }
    }
    given
}

/// Entries of removed items stay in the record, so a re-added item gets its old name back.
fn keep_removed(out: &mut Record, pins: &Record) {
    let flat = [
        (&mut out.methods, &pins.methods),
        (&mut out.types, &pins.types),
        (&mut out.features, &pins.features),
    ];
    for (names, recorded) in flat {
        for (key, name) in recorded {
            names.entry(key.clone()).or_insert_with(|| name.clone());
        }
    }
    let nested = [
        (&mut out.params, &pins.params),
        (&mut out.fields, &pins.fields),
        (&mut out.variants, &pins.variants),
    ];
    for (sections, recorded) in nested {
        for (owner, names) in recorded {
            let kept = sections.entry(owner.clone()).or_default();
            for (key, name) in names {
                kept.entry(key.clone()).or_insert_with(|| name.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `settle` on items given as (key, base), with these pins; the names in item order.
    fn named(items: &[(&str, &str)], pins: &[(&str, &str)], forget: bool) -> (Vec<String>, Names) {
        let mut names: Vec<String> = items.iter().map(|(_, base)| base.to_string()).collect();
        let pins: Names = pins
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let list = items.iter().zip(names.iter_mut());
        let list = list.map(|((key, base), rust)| (key.to_string(), base.to_string(), rust));
        let given = settle(list.collect(), &pins, forget, &["reserved"]);
        (names, given)
    }

    #[test]
    fn recorded_names_win_and_new_items_take_what_is_left() {
        let (names, given) = named(&[("Tag", "tag"), ("tag", "tag")], &[("tag", "tag")], false);
        assert_eq!(names, ["tag2", "tag"]);
        assert_eq!(given.get("Tag").map(String::as_str), Some("tag2"));
        let (fresh, _) = named(&[("Tag", "tag"), ("tag", "tag")], &[], false);
        assert_eq!(
            fresh,
            ["tag", "tag2"],
            "without a record, first come first served"
        );
    }

    #[test]
    fn a_removed_items_name_is_freed_only_when_forgotten() {
        let pins = [("old", "tag")];
        let (kept, given) = named(&[("new", "tag")], &pins, false);
        assert_eq!(kept, ["tag2"]);
        assert!(
            !given.contains_key("old"),
            "the caller keeps removed entries"
        );
        let (freed, _) = named(&[("new", "tag")], &pins, true);
        assert_eq!(freed, ["tag"]);
    }

    #[test]
    fn a_recorded_name_that_is_reserved_or_taken_twice_is_dropped() {
        let pins = [("a", "reserved"), ("b", "x"), ("c", "x")];
        let (names, _) = named(&[("a", "a"), ("b", "b"), ("c", "c")], &pins, false);
        assert_eq!(names, ["a", "x", "c"]);
    }
}
