//! The OpenAPI 3.0 object model, shared by `load` and `check`: what each node is ([`NodeKind`]),
//! which field holds what (`fields.rs`), and a walk that finds every `$ref` with the kind of node
//! it stands for ([`ref_sites`]), which the loader needs to bundle other files in.

mod fields;
mod words;

pub(crate) use fields::{fields, required};
pub(crate) use words::{ignored_header_param, is_url};

use crate::pointer::child;
use serde_json::Value;

/// What a node is, as far as the walk is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    Root,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    MediaType,
    Encoding,
    Header,
    Example,
    Link,
    Callback,
    Components,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
    SecurityRequirement,
    Tag,
    ExternalDocs,
    Schema,
    Discriminator,
}

impl NodeKind {
    /// The `#/components/…` section a `$ref` in place of this node must point into.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            NodeKind::Schema => "schemas",
            NodeKind::Parameter => "parameters",
            NodeKind::RequestBody => "requestBodies",
            NodeKind::Response => "responses",
            NodeKind::Header => "headers",
            NodeKind::Example => "examples",
            NodeKind::Link => "links",
            NodeKind::Callback => "callbacks",
            NodeKind::SecurityScheme => "securitySchemes",
            NodeKind::PathItem => "pathItems",
            _ => return None,
        })
    }

    /// The kind of the components in `section`.
    pub fn of_section(section: &str) -> Option<NodeKind> {
        [
            NodeKind::Schema,
            NodeKind::Parameter,
            NodeKind::RequestBody,
            NodeKind::Response,
            NodeKind::Header,
            NodeKind::Example,
            NodeKind::Link,
            NodeKind::Callback,
            NodeKind::SecurityScheme,
        ]
        .into_iter()
        .find(|k| k.section() == Some(section))
    }

    /// "schema", "request body", … for messages.
    pub fn noun(self) -> &'static str {
        match self {
            NodeKind::RequestBody => "request body",
            NodeKind::SecurityScheme => "security scheme",
            NodeKind::PathItem => "path item",
            NodeKind::ServerVariable => "server variable",
            NodeKind::MediaType => "media type",
            NodeKind::OAuthFlow => "OAuth flow",
            NodeKind::OAuthFlows => "OAuth flows",
            NodeKind::SecurityRequirement => "security requirement",
            NodeKind::ExternalDocs => "external docs",
            other => match other {
                NodeKind::Schema => "schema",
                NodeKind::Parameter => "parameter",
                NodeKind::Response => "response",
                NodeKind::Header => "header",
                NodeKind::Example => "example",
                NodeKind::Link => "link",
                NodeKind::Callback => "callback",
                NodeKind::Operation => "operation",
                NodeKind::Server => "server",
                NodeKind::Tag => "tag",
                NodeKind::Discriminator => "discriminator",
                NodeKind::Encoding => "encoding",
                _ => "object",
            },
        }
    }
}

/// A `$ref` found where a node of `kind` belongs; `pointer` is the object holding it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefSite {
    pub pointer: String,
    pub kind: NodeKind,
    pub target: Value,
}

/// What a field must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Str,
    Bool,
    Uint,
    Num,
    Any,
    StrList,
    StrMap,
    Obj(NodeKind),
    MapOf(NodeKind),
    ListOf(NodeKind),
}

/// The `$ref`s in `node`, a node of `kind` at `pointer`, in the order the checker meets them. A
/// node of the wrong JSON type holds none.
pub(crate) fn ref_sites(node: &Value, kind: NodeKind, pointer: &str) -> Vec<RefSite> {
    let mut found = Vec::new();
    walk(node, kind, pointer, &mut found);
    found
}

fn walk(v: &Value, kind: NodeKind, pointer: &str, found: &mut Vec<RefSite>) {
    let Value::Object(obj) = v else {
        return;
    };
    if kind.section().is_some() {
        if let Some(target) = obj.get("$ref") {
            found.push(RefSite {
                pointer: pointer.to_owned(),
                kind,
                target: target.clone(),
            });
            return;
        }
    }
    for (key, expect) in fields(kind) {
        let (Some(x), Some(of)) = (obj.get(*key), expect.kind()) else {
            continue;
        };
        let at = child(pointer, key);
        match (expect, x) {
            (Expect::Obj(_), _) => walk(x, of, &at, found),
            (Expect::MapOf(_), Value::Object(map)) => {
                for (name, v) in map {
                    walk(v, of, &child(&at, name), found);
                }
            }
            (Expect::ListOf(_), Value::Array(items)) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, of, &child(&at, &i.to_string()), found);
                }
            }
            _ => {}
        }
    }
    for (key, of) in irregular_children(kind, obj) {
        walk(&obj[key], of, &child(pointer, key), found);
    }
}

/// The children the tables can't name: path items under `paths` and callbacks, responses by
/// status code, and a schema's `items` and `additionalProperties`.
pub(crate) fn irregular_children(
    kind: NodeKind,
    obj: &serde_json::Map<String, Value>,
) -> Vec<(&str, NodeKind)> {
    let keys = |keep: &dyn Fn(&str) -> bool, of: NodeKind| {
        obj.keys()
            .filter(|k| keep(k))
            .map(|k| (k.as_str(), of))
            .collect::<Vec<_>>()
    };
    match kind {
        NodeKind::Paths => keys(&|k| k.starts_with('/'), NodeKind::PathItem),
        NodeKind::Callback => keys(&|_| true, NodeKind::PathItem),
        NodeKind::Responses => keys(&|k| k == "default" || is_status(k), NodeKind::Response),
        NodeKind::Schema => ["items", "additionalProperties"]
            .into_iter()
            .filter(|k| obj.get(*k).is_some_and(Value::is_object))
            .map(|k| (k, NodeKind::Schema))
            .collect(),
        _ => Vec::new(),
    }
}

/// 100–599 or 1XX–5XX.
pub(crate) fn is_status(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3
        && (b'1'..=b'5').contains(&b[0])
        && (b[1..].iter().all(u8::is_ascii_digit) || b[1..].eq_ignore_ascii_case(b"XX"))
}

impl Expect {
    /// The kind of node this field holds, if it holds nodes.
    fn kind(self) -> Option<NodeKind> {
        match self {
            Expect::Obj(k) | Expect::MapOf(k) | Expect::ListOf(k) => Some(k),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loader bundles by this walk and the checker resolves by its own: they must meet the
    /// same `$ref`s, in the same order, as the same kinds of node.
    #[test]
    fn the_walk_meets_the_refs_the_checker_meets() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut specs = vec![root.join("../spec/management.yaml")];
        for dir in ["tests/features", "tests/bad", "tests/repairs"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let ext = path.extension().and_then(|e| e.to_str());
                if matches!(ext, Some("yaml" | "json")) {
                    specs.push(path);
                }
            }
        }
        let mut refs = 0;
        for spec in specs {
            let Ok(source) = crate::load::read_file(&spec) else {
                continue;
            };
            let walked = crate::check::walked_refs(&source.value);
            refs += walked.len();
            let found = ref_sites(&source.value, NodeKind::Root, "#");
            assert_eq!(found, walked, "{}", spec.display());
        }
        assert!(refs > 100, "only {refs} `$ref`s were compared");
    }
}
