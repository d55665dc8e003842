//! Rules across the document: tag names declared once, component
//! names spelled as OpenAPI allows, paths that differ only in their template names, and the
//! fields that must be URLs or an email address.

use super::{Checker, NodeKind};
use crate::grammar::is_url;
use crate::pointer::child;
use serde_json::{Map, Value};

pub(super) fn check(c: &mut Checker) {
    let Some(root) = c.root.as_object() else {
        return;
    };
    if let Some(tags) = root.get("tags").and_then(Value::as_array) {
        c.tags_once(tags);
    }
    if let Some(components) = root.get("components").and_then(Value::as_object) {
        c.component_keys(components);
        if let Some(schemas) = components.get("schemas").and_then(Value::as_object) {
            c.lone_discriminators(schemas);
        }
    }
    if let Some(paths) = root.get("paths").and_then(Value::as_object) {
        c.same_templates(paths);
        c.link_targets(paths);
    }
}

/// The fields of `kind` that hold a URL.
fn url_fields(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Info => &["termsOfService"],
        NodeKind::Contact | NodeKind::License | NodeKind::ExternalDocs => &["url"],
        NodeKind::SecurityScheme => &["openIdConnectUrl"],
        NodeKind::OAuthFlow => &["authorizationUrl", "tokenUrl", "refreshUrl"],
        _ => &[],
    }
}

impl<'v> Checker<'v> {
    /// URLs, the contact's email, and 3.1's license `identifier` beside `url`.
    pub(super) fn formats(&mut self, kind: NodeKind, pointer: &str, obj: &Map<String, Value>) {
        for key in url_fields(kind) {
            let Some(url) = obj.get(*key).and_then(Value::as_str) else {
                continue;
            };
            if !is_url(url) {
                let message = format!("`{key}` '{url}' is not a URL; kept as written");
                self.warn(&child(pointer, key), message);
            }
        }
        let email = obj.get("email").and_then(Value::as_str);
        if let Some(email) = email.filter(|e| kind == NodeKind::Contact && !is_email(e)) {
            let message = format!("`email` '{email}' is not an email address; kept as written");
            self.warn(&child(pointer, "email"), message);
        }
        let both = obj.contains_key("identifier") && obj.contains_key("url");
        if kind == NodeKind::License && both {
            let message = "`identifier` and `url` exclude each other in OpenAPI 3.1; both are kept";
            self.warn(&child(pointer, "identifier"), message);
        }
    }

    fn tags_once(&mut self, tags: &[Value]) {
        let names: Vec<Option<&str>> = tags.iter().map(|t| t.get("name")?.as_str()).collect();
        for (i, name) in names.iter().enumerate() {
            if let Some(name) = name.filter(|n| names[..i].contains(&Some(n))) {
                let at = child(&child("#/tags", &i.to_string()), "name");
                self.warn(
                    &at,
                    format!("tag '{name}' is declared twice; the first is used"),
                );
            }
        }
    }

    fn component_keys(&mut self, components: &Map<String, Value>) {
        for (section, entries) in components {
            let Some(entries) = entries.as_object().filter(|_| !section.starts_with("x-")) else {
                continue;
            };
            let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
            for name in entries
                .keys()
                .filter(|n| n.is_empty() || !n.chars().all(ok))
            {
                let at = child(&child("#/components", section), name);
                let message = format!("component name '{name}' has characters OpenAPI does not allow there (letters, digits, `.`, `-` and `_` only); its Rust name is cleaned");
                self.warn(&at, message);
            }
        }
    }

    /// A discriminator belongs beside `oneOf`, `anyOf` or `allOf`, or on a schema that others
    /// extend by `allOf`.
    fn lone_discriminators(&mut self, schemas: &Map<String, Value>) {
        let mut extended = Vec::new();
        all_of_targets(self.root, &mut extended, 0);
        for (name, schema) in schemas {
            let Some(schema) = schema
                .as_object()
                .filter(|s| s.contains_key("discriminator"))
            else {
                continue;
            };
            let composite = ["oneOf", "anyOf", "allOf"]
                .iter()
                .any(|k| schema.contains_key(*k));
            let target = crate::pointer::component("schemas", name);
            if !composite && !extended.contains(&target.as_str()) {
                let at = child(&child("#/components/schemas", name), "discriminator");
                let message = "a discriminator belongs beside `oneOf`, `anyOf` or `allOf`, and no schema extends this one by `allOf`; ignored";
                self.warn(&at, message);
            }
        }
    }

    /// Each link's `operationId` names an operation.
    fn link_targets(&mut self, paths: &Map<String, Value>) {
        let links = std::mem::take(&mut self.links);
        if links.is_empty() {
            return;
        }
        let ids: Vec<&str> = paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|item| item.values())
            .filter_map(|op| op.get("operationId")?.as_str())
            .collect();
        for (pointer, id) in links {
            if !ids.contains(&id.as_str()) {
                let message = format!("the link names operation '{id}', which no operation has");
                self.warn(&pointer, message);
            }
        }
    }

    /// Paths equal but for the names in their templates are one path.
    fn same_templates(&mut self, paths: &Map<String, Value>) {
        let mut seen: Vec<(String, &str)> = Vec::new();
        for path in paths.keys().filter(|p| p.starts_with('/')) {
            let shape = template_shape(path);
            match seen.iter().find(|(s, _)| *s == shape) {
                Some((_, first)) => {
                    let message = format!("path '{path}' is '{first}' with other template names: OpenAPI says they are the same path");
                    self.warn(&child("#/paths", path), message);
                }
                None => seen.push((shape, path)),
            }
        }
    }
}

/// The `$ref`s of every `allOf` part in `v`.
fn all_of_targets<'v>(v: &'v Value, out: &mut Vec<&'v str>, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(map) => {
            let parts = map.get("allOf").and_then(Value::as_array);
            out.extend(
                parts
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p.get("$ref")?.as_str()),
            );
            map.values().for_each(|x| all_of_targets(x, out, depth + 1));
        }
        Value::Array(items) => items.iter().for_each(|x| all_of_targets(x, out, depth + 1)),
        _ => {}
    }
}

/// `path` with each `{name}` written `{}`.
fn template_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if inside => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Something, `@`, and a domain with a dot or a name, without spaces.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    !local.is_empty() && !domain.is_empty() && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_emails() {
        for ok in ["https://example.com/tos", "/terms", "mailto:a@b.c", "x/y:z"] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in ["", "see our terms", "1http://x", "ht tp://x"] {
            assert!(!is_url(bad), "{bad}");
        }
        assert!(is_email("api@example.com"));
        assert!(!is_email("example.com") && !is_email("a b@c.d") && !is_email("@c.d"));
    }

    #[test]
    fn template_names_do_not_make_a_path() {
        assert_eq!(template_shape("/pets/{id}/toys/{toy}"), "/pets/{}/toys/{}");
    }
}
