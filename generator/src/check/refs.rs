//! `$ref`s: each must name an existing component of the right kind, and no chain of bare `$ref`s
//! may loop. Also discriminator mappings and security requirement names, which name components too.

use super::{Checker, NodeKind, RefSite};
use crate::diag::{closest, Severity};
use crate::pointer::{child, unescape};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn check(c: &mut Checker) {
    let sites = std::mem::take(&mut c.refs);
    for site in &sites {
        c.reference(site);
    }
    c.cycles(&sites);
    for (pointer, target) in std::mem::take(&mut c.mappings) {
        c.mapping_target(&pointer, &target);
    }
    for (pointer, name) in std::mem::take(&mut c.security) {
        if c.component(NodeKind::SecurityScheme, &name).is_none() {
            let hint = c.nearest(NodeKind::SecurityScheme, &name);
            let message =
                format!("no security scheme '{name}' in #/components/securitySchemes; ignored");
            c.report(Severity::Warning, &pointer, message).hint = hint;
        }
    }
    c.refs = sites;
}

/// The (unescaped) component name a local `$ref` names in `kind`'s section, if it names one.
pub(crate) fn component_name(kind: NodeKind, target: &str) -> Option<String> {
    crate::pointer::component_name(target, kind.section()?)
}

impl<'v> Checker<'v> {
    /// The component `name` (unescaped) of `kind`'s section.
    pub(super) fn component(&self, kind: NodeKind, name: &str) -> Option<&'v Value> {
        self.root.get("components")?.get(kind.section()?)?.get(name)
    }

    fn names(&self, kind: NodeKind) -> Vec<String> {
        let section = kind
            .section()
            .and_then(|s| self.root.get("components")?.get(s));
        section
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn nearest(&self, kind: NodeKind, name: &str) -> Option<String> {
        let names = self.names(kind);
        closest(name, &names).map(|c| format!("did you mean '{c}'?"))
    }

    fn reference(&mut self, site: &RefSite) {
        let at = child(&site.pointer, "$ref");
        let Some(target) = site.target.as_str() else {
            self.error(
                &at,
                format!(
                    "`$ref` must be a string, found {}",
                    crate::source::describe(&site.target)
                ),
            );
            return;
        };
        if !target.starts_with('#') || site.kind == NodeKind::PathItem {
            return;
        }
        let (kind, section) = (site.kind, site.kind.section().unwrap_or_default());
        let noun = kind.noun();
        let prefix = format!("#/components/{section}/");
        if let Some(rest) = target.strip_prefix(prefix.as_str()) {
            if let Some((whole, _)) = rest.split_once('/') {
                *self.error(
                    &at,
                    format!("'{target}' points inside a {noun}: a `$ref` names a whole component"),
                ) = Some(format!("refer to '{prefix}{whole}'"));
                return;
            }
            let name = unescape(rest);
            if self.component(kind, &name).is_none() {
                let hint = self.nearest(kind, &name);
                *self.error(&at, format!("no {noun} '{name}' in #/components/{section}")) = hint;
            }
            return;
        }
        let found = self.root.pointer(target.trim_start_matches('#'));
        let elsewhere = target
            .strip_prefix("#/components/")
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(s, _)| NodeKind::of_section(s));
        let last = crate::pointer::last_name(target);
        let hint = self.component(kind, &last).map(|_| {
            format!(
                "did you mean '{}'?",
                crate::pointer::component(section, &last)
            )
        });
        let message = match (elsewhere, found) {
            (Some(other), Some(_)) => {
                format!("'{target}' is a {}, but a {noun} belongs here", other.noun())
            }
            (Some(other), None) => format!(
                "'{target}' is in #/components/{}, but a {noun} belongs here (and it does not exist)",
                other.section().unwrap_or_default()
            ),
            (None, _) => format!("'{target}' is not in #/components/{section}: a {noun} `$ref` must point there"),
        };
        *self.error(&at, message) = hint;
    }

    /// Chains of components that are nothing but a `$ref` to the next, ending where they began.
    fn cycles(&mut self, sites: &[RefSite]) {
        let mut aliases: BTreeMap<(&str, String), (String, &str)> = BTreeMap::new();
        for site in sites {
            let Some(section) = site.kind.section() else {
                continue;
            };
            let prefix = format!("#/components/{section}/");
            let Some(name) = site.pointer.strip_prefix(prefix.as_str()) else {
                continue;
            };
            let target = site
                .target
                .as_str()
                .and_then(|t| component_name(site.kind, t));
            if let (false, Some(target)) = (name.contains('/'), target) {
                aliases.insert((section, unescape(name)), (target, &site.pointer));
            }
        }
        let mut reported: BTreeSet<(&str, String)> = BTreeSet::new();
        for ((section, start), (_, pointer)) in &aliases {
            if reported.contains(&(*section, start.clone())) {
                continue;
            }
            let mut chain = vec![start.clone()];
            while let Some((next, _)) = aliases.get(&(*section, chain[chain.len() - 1].clone())) {
                if next == start {
                    chain.push(next.clone());
                    reported.extend(chain.iter().map(|n| (*section, n.clone())));
                    let noun = NodeKind::of_section(section).map_or("component", NodeKind::noun);
                    *self.error(
                        &child(pointer, "$ref"),
                        format!(
                            "`$ref` cycle with nothing in between: {}",
                            chain.join(" → ")
                        ),
                    ) = Some(format!(
                        "a {noun} must be defined somewhere along the chain"
                    ));
                    break;
                }
                if chain.contains(next) || chain.len() > 64 {
                    break;
                }
                chain.push(next.clone());
            }
        }
    }

    fn mapping_target(&mut self, pointer: &str, target: &str) {
        let name = match target.strip_prefix("#/components/schemas/") {
            Some(name) => unescape(name),
            None if !target.contains('/') && !target.starts_with('#') => target.to_owned(),
            None => return,
        };
        if self.component(NodeKind::Schema, &name).is_none() {
            let hint = self.nearest(NodeKind::Schema, &name);
            *self.error(pointer, format!("discriminator mapping to a missing schema: no schema '{name}' in #/components/schemas")) = hint;
        }
    }
}
