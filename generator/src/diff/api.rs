//! Client-wide changes (name, kind, base URL, security schemes) and each operation's security.

use super::ops::at;
use super::rules::{Change, Side, When};
use super::{At, Cx};
use crate::model::{Api, ClientKind, Operation, SecurityKind, SecurityRequirement};
use std::collections::BTreeSet;

fn client_at(place: &str) -> At {
    At {
        tag: None,
        operation: None,
        place: place.to_owned(),
        side: Side::Any,
    }
}

fn client_when(api: &Api) -> When {
    match api.client.kind {
        ClientKind::Generic => When::GenericClient,
        _ => When::AuthingClient,
    }
}

pub(crate) fn compare_client(cx: &mut Cx) {
    let (old, new) = (cx.old.api, cx.new.api);
    let here = client_at("client");
    if old.client.name != new.client.name {
        let detail = format!("renamed from `{}`", old.client.name);
        cx.push(
            &here,
            Change::ClientRenamed,
            When::Always,
            &new.client.name,
            detail,
        );
    }
    if old.client.kind != new.client.kind {
        let detail = format!("kind {:?} → {:?}", old.client.kind, new.client.kind);
        cx.push(
            &here,
            Change::ClientKindChanged,
            When::Always,
            &new.client.name,
            detail,
        );
    }
    if old.base_url != new.base_url {
        let url = |u: &Option<String>| u.as_deref().map_or("none".to_owned(), |u| format!("`{u}`"));
        let detail = format!(
            "default base URL {} → {}",
            url(&old.base_url),
            url(&new.base_url)
        );
        cx.push(
            &here,
            Change::BaseUrlChanged,
            When::Always,
            &new.client.name,
            detail,
        );
    }
    compare_schemes(cx);
    compare_builder(cx);
    compare_features(cx);
}

/// The client builder's setters: one gone, or taking other arguments, breaks code that calls it.
fn compare_builder(cx: &mut Cx) {
    let (old, new) = (&cx.old.client, &cx.new.client);
    if old.builder != new.builder || old.runtime != new.runtime {
        return;
    }
    let here = client_at("client builder");
    let signature = |s: &crate::surface::BuilderSetter| format!("{}({:?})", s.name, s.args);
    let changes: Vec<(Change, String, String)> = old
        .setters
        .iter()
        .filter_map(|o| match new.setters.iter().find(|n| n.name == o.name) {
            None => Some((
                Change::BuilderSetterRemoved,
                o.name.clone(),
                "removed".to_owned(),
            )),
            Some(n) if signature(n) != signature(o) => {
                let args = |s: &crate::surface::BuilderSetter| {
                    s.args
                        .iter()
                        .map(|(a, _)| a.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let detail = format!("takes `({})` instead of `({})`", args(n), args(o));
                Some((Change::BuilderSetterRemoved, o.name.clone(), detail))
            }
            Some(_) => None,
        })
        .collect();
    let name = new.builder.clone();
    for (change, setter, detail) in changes {
        cx.push(
            &here,
            change,
            When::Always,
            format!("{name}::{setter}"),
            detail,
        );
    }
}

/// The crate's Cargo features, one per tag: removing one breaks a `Cargo.toml` that enables it.
fn compare_features(cx: &mut Cx) {
    let names = |s: &crate::surface::Features| -> BTreeSet<String> {
        s.list.iter().map(|(name, _)| name.clone()).collect()
    };
    let (before, after) = (names(&cx.old.features), names(&cx.new.features));
    let here = client_at("Cargo feature");
    for gone in before.difference(&after) {
        cx.push(&here, Change::FeatureRemoved, When::Always, gone, "removed");
    }
    for added in after.difference(&before) {
        cx.push(&here, Change::FeatureAdded, When::Always, added, "added");
    }
}

fn compare_schemes(cx: &mut Cx) {
    let (old, new) = (cx.old.api, cx.new.api);
    let when = client_when(new);
    let here = client_at("security scheme");
    for s in &old.security_schemes {
        match new
            .security_schemes
            .iter()
            .find(|n| n.name.wire == s.name.wire)
        {
            None => cx.push(
                &here,
                Change::SecuritySchemeRemoved,
                when,
                &s.name.wire,
                "removed",
            ),
            Some(n) if !same_credentials(&s.kind, &n.kind) => {
                let detail = format!("{} → {}", scheme_word(&s.kind), scheme_word(&n.kind));
                cx.push(
                    &here,
                    Change::SecuritySchemeChanged,
                    when,
                    &s.name.wire,
                    detail,
                );
            }
            Some(_) => {}
        }
    }
    for s in &new.security_schemes {
        if !old
            .security_schemes
            .iter()
            .any(|o| o.name.wire == s.name.wire)
        {
            let detail = format!("added ({})", scheme_word(&s.kind));
            cx.push(
                &here,
                Change::SecuritySchemeAdded,
                When::Always,
                &s.name.wire,
                detail,
            );
        }
    }
}

/// Whether callers supply the same credential: an API key's header name is the runtime's business.
fn same_credentials(a: &SecurityKind, b: &SecurityKind) -> bool {
    matches!(
        (a, b),
        (SecurityKind::Bearer, SecurityKind::Bearer)
            | (SecurityKind::Basic, SecurityKind::Basic)
            | (SecurityKind::ApiKey { .. }, SecurityKind::ApiKey { .. })
    )
}

fn scheme_word(kind: &SecurityKind) -> &'static str {
    match kind {
        SecurityKind::Bearer => "bearer token",
        SecurityKind::Basic => "basic auth",
        SecurityKind::ApiKey { .. } => "API key",
    }
}

/// Alternatives of one operation's security, each a set of scheme names; none means anonymous.
fn alternatives(api: &Api, op: &Operation) -> Vec<BTreeSet<String>> {
    let list: &[SecurityRequirement] = op.security.as_deref().unwrap_or(&api.default_security);
    if list.is_empty() {
        return vec![BTreeSet::new()];
    }
    list.iter()
        .map(|r| r.schemes.iter().cloned().collect())
        .collect()
}

pub(crate) fn compare_security(cx: &mut Cx, old: &Operation, new: &Operation) {
    let before = alternatives(cx.old.api, old);
    let after = alternatives(cx.new.api, new);
    if before == after {
        return;
    }
    // Tightened when some old way of calling has no new alternative it already satisfies.
    let tightened = before
        .iter()
        .any(|had| !after.iter().any(|needs| needs.is_subset(had)));
    let (kind, when) = if tightened {
        (Change::SecurityTightened, client_when(cx.new.api))
    } else {
        (Change::SecurityRelaxed, When::Always)
    };
    let detail = format!("{} → {}", spell(&before), spell(&after));
    cx.push(&at(new, "security", Side::Any), kind, when, "", detail);
}

fn spell(alternatives: &[BTreeSet<String>]) -> String {
    let ways: Vec<String> = alternatives
        .iter()
        .map(|set| {
            if set.is_empty() {
                "anonymous".to_owned()
            } else {
                let names: Vec<String> = set.iter().map(|s| format!("`{s}`")).collect();
                names.join(" + ")
            }
        })
        .collect();
    ways.join(" or ")
}
