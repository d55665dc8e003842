//! The record of the Rust name given to every item the spec names, kept across regenerations so
//! that adding to a spec never renames what users already call (`names.lock`, beside the crate).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One scope's names: the item's spec identity → its Rust name.
pub type Names = BTreeMap<String, String>;

/// Every scope's names. Keys are spec identities: an operation's `operationId` (or, without one,
/// its made-up name), a schema's JSON pointer, a property's or parameter's wire name, an enum
/// value or discriminator value, a tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Operation → method name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub methods: Names,
    /// Schema pointer → type name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: Names,
    /// Tag → Cargo feature.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: Names,
    /// Operation → parameter wire name → field, argument and setter name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, Names>,
    /// Schema pointer → property wire name → field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Names>,
    /// Schema pointer → enum value or discriminator value → variant name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variants: BTreeMap<String, Names>,
}

/// What a scope's names are: they decide which identifiers a recorded name may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Snake,
    Pascal,
    Feature,
}

impl Record {
    /// `edits` laid over this record: each name they give replaces this record's.
    pub fn overlay(&mut self, edits: &Record) {
        let flat = [
            (&mut self.methods, &edits.methods),
            (&mut self.types, &edits.types),
            (&mut self.features, &edits.features),
        ];
        for (names, given) in flat {
            names.extend(given.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let nested = [
            (&mut self.params, &edits.params),
            (&mut self.fields, &edits.fields),
            (&mut self.variants, &edits.variants),
        ];
        for (sections, given) in nested {
            for (owner, names) in given {
                let names = names.iter().map(|(k, v)| (k.clone(), v.clone()));
                sections.entry(owner.clone()).or_default().extend(names);
            }
        }
    }

    /// Every scope, with its section, owner (empty for the one-scope sections) and case.
    pub fn scopes(&self) -> Vec<(&'static str, &str, &Names, Case)> {
        let mut out = vec![
            ("methods", "", &self.methods, Case::Snake),
            ("types", "", &self.types, Case::Pascal),
            ("features", "", &self.features, Case::Feature),
        ];
        let nested = [
            ("params", &self.params, Case::Snake),
            ("fields", &self.fields, Case::Snake),
            ("variants", &self.variants, Case::Pascal),
        ];
        for (section, map, case) in nested {
            out.extend(
                map.iter()
                    .map(|(owner, names)| (section, owner.as_str(), names, case)),
            );
        }
        out
    }
}
