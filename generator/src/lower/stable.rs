//! Names that stay put across regenerations. Lowering names items first come, first served; this
//! pass then gives every item its recorded name (`Options::names`), and each new item its own
//! name if still free, else the next free one, so adding to a spec never renames an item.

use super::operation::RESERVED_METHODS;
use crate::model::names::{feature_name, Scope, FULL_SERDE};
use crate::model::record::{Names, Record};
use crate::model::{Api, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Gives `api`'s items their recorded names and returns the new record: `recorded` (less the
/// entries of removed items when `forget`) with every item's name in it.
pub(super) fn stabilize(api: &mut Api, recorded: Option<&Record>, forget: bool) -> Record {
    let empty = Record::default();
    let pins = recorded.unwrap_or(&empty);
    let mut out = Record::default();
    let methods = api
        .operations
        .iter_mut()
        .map(|op| (op.name.wire.clone(), &mut op.name.rust));
    out.methods = settle(methods.collect(), &pins.methods, forget, RESERVED_METHODS);
    let types = api
        .types
        .iter_mut()
        .map(|t| (t.pointer.clone(), &mut t.name.rust));
    out.types = settle(types.collect(), &pins.types, forget, &[]);
    for op in &mut api.operations {
        let params = op
            .params
            .iter_mut()
            .map(|p| (p.name.wire.clone(), &mut p.name.rust));
        let given = settle(
            params.collect(),
            scope(&pins.params, &op.name.wire),
            forget,
            &[],
        );
        put(&mut out.params, &op.name.wire, given);
    }
    for def in &mut api.types {
        let owner = def.pointer.clone();
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let reserved: &[&str] = match s.additional {
                    Some(_) => &["additional_properties"],
                    None => &[],
                };
                let fields = s
                    .fields
                    .iter_mut()
                    .map(|f| (f.name.wire.clone(), &mut f.name.rust));
                let given = settle(
                    fields.collect(),
                    scope(&pins.fields, &owner),
                    forget,
                    reserved,
                );
                put(&mut out.fields, &owner, given);
            }
            TypeKind::Enum(e) => {
                let values = e
                    .variants
                    .iter_mut()
                    .map(|v| (v.name.wire.clone(), &mut v.name.rust));
                let given = settle(values.collect(), scope(&pins.variants, &owner), forget, &[]);
                put(&mut out.variants, &owner, given);
            }
            // Untagged variants are named from their types, not by the spec: they are not kept.
            TypeKind::Union(u) if u.variants.iter().all(|v| !v.name.wire.is_empty()) => {
                let tags = u
                    .variants
                    .iter_mut()
                    .map(|v| (v.name.wire.clone(), &mut v.name.rust));
                let given = settle(tags.collect(), scope(&pins.variants, &owner), forget, &[]);
                put(&mut out.variants, &owner, given);
            }
            TypeKind::Union(_) | TypeKind::Alias(_) => {}
        }
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

/// Names `items` (spec identity, name from lowering) in one scope: a recorded name wins, then the
/// item's own name if free, then the next free one. Recorded names of removed items stay taken
/// unless `forget`; one that is reserved or already taken is dropped. Returns the names given.
fn settle(
    items: Vec<(String, &mut String)>,
    pins: &Names,
    forget: bool,
    reserved: &[&str],
) -> Names {
    let present: BTreeSet<&str> = items.iter().map(|(key, _)| key.as_str()).collect();
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
    for (key, rust) in items {
        match usable.remove(&key) {
            Some(pinned) => {
                *rust = pinned.clone();
                given.insert(key, pinned);
            }
            None => rest.push((key, rust)),
        }
    }
    for (key, rust) in rest {
        *rust = scope.claim(rust).0;
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
