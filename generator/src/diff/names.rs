//! Rust renames: an item both records name (`names.lock`, [`Api::names`]) whose Rust name
//! differs. Methods are left to `ops`, which reports a renamed method by its route.

use super::ops::at;
use super::rules::{Change, Side, When};
use super::{At, Cx};
use crate::model::record::Names;
use crate::model::{Api, ParamLocation};
use std::collections::BTreeMap;

pub(crate) fn compare_names(cx: &mut Cx) {
    let (old, new) = (cx.old.api, cx.new.api);
    let scopes: BTreeMap<(&str, &str), &Names> = new
        .names
        .scopes()
        .into_iter()
        .map(|(section, owner, names, _)| ((section, owner), names))
        .collect();
    for (section, owner, names, _) in old.names.scopes() {
        if section == "methods" {
            continue;
        }
        let Some(now) = scopes.get(&(section, owner)) else {
            continue;
        };
        for (key, was) in names {
            let Some(is) = now.get(key).filter(|is| *is != was) else {
                continue;
            };
            let (here, when) = place(new, section, owner, key);
            let subject = match owner_name(new, section, owner) {
                Some(owner) => format!("{owner}.{key}"),
                None => key.clone(),
            };
            let detail = format!("Rust name `{was}` → `{is}`");
            cx.push(&here, Change::RustRenamed, when, subject, detail);
        }
    }
}

/// Where a renamed item is, and whether it is only a positional argument (a path parameter).
fn place(api: &Api, section: &str, owner: &str, key: &str) -> (At, When) {
    let label = match section {
        "types" => "type",
        "features" => "feature",
        "params" => "parameter",
        "fields" => "field",
        _ => "variant",
    };
    let op = api.operations.iter().find(|op| op.name.wire == owner);
    match op.filter(|_| section == "params") {
        Some(op) => {
            let param = op.params.iter().find(|p| p.name.wire == key);
            let path = param.is_some_and(|p| p.location == ParamLocation::Path);
            let when = if path {
                When::SameArguments
            } else {
                When::Always
            };
            (at(op, label, Side::Request), when)
        }
        None => {
            let here = At {
                tag: None,
                operation: None,
                place: label.to_owned(),
                side: Side::Any,
            };
            (here, When::Always)
        }
    }
}

/// The Rust name of the scope's owner: the type of a field or variant.
fn owner_name<'a>(api: &'a Api, section: &str, owner: &str) -> Option<&'a str> {
    if !matches!(section, "fields" | "variants") {
        return None;
    }
    let def = api.types.iter().find(|t| t.pointer == owner)?;
    Some(&def.name.rust)
}
