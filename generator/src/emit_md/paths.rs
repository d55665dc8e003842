//! Where each page goes: folders per client and tag, operation pages named as the docs factory
//! names them (Authing clients: after the path; other clients: after the method), and the pages
//! of shared types.

use super::Page;
use crate::model::{names, Api, ClientKind, Operation, TypeId};
use heck::ToKebabCase;
use std::collections::{BTreeMap, BTreeSet};

/// The folder of the type pages, beside the tag folders.
const TYPES_FOLDER: &str = "types";

/// Page paths in operation order, unique (also on case-insensitive file systems): the stem a
/// page is named by ([`stem`]) and, on a clash, the HTTP method, then `-2`, `-3`, … before `.md`.
/// Of the operations that share a stem in one folder (Authing: the methods of one path), the
/// first that is not deprecated keeps the bare stem, or the first if all are; the others are
/// `<stem>-<method>.md`.
pub fn pages(api: &Api) -> Vec<Page<'_>> {
    let wanted: Vec<(String, String)> = api
        .operations
        .iter()
        .map(|op| (names::tag_folder(op.primary_tag()), stem(api, op)))
        .collect();
    let mut owner: BTreeMap<&(String, String), usize> = BTreeMap::new();
    for (i, key) in wanted.iter().enumerate() {
        let current = owner.entry(key).or_insert(i);
        if api.operations[*current].deprecated && !api.operations[i].deprecated {
            *current = i;
        }
    }
    let mut taken = BTreeSet::new();
    let mut pages = Vec::with_capacity(wanted.len());
    for (i, (op, key)) in api.operations.iter().zip(&wanted).enumerate() {
        let (folder, stem) = key;
        let stem = if owner[key] == i {
            stem.clone()
        } else {
            format!("{stem}-{}", op.method.as_str().to_lowercase())
        };
        let path = claim(&mut taken, folder, &stem);
        pages.push(Page { index: i, op, path });
    }
    pages
}

/// The name of an operation's page without `.md`. Authing clients follow the docs factory: the
/// path without its `/api/v3/` prefix (or its leading `/`), each run of characters other than
/// letters, digits, `-` and `_` as one `-` (`/api/v3/get-security-info` → `get-security-info`,
/// `/oidc/.well-known/jwks.json` → `oidc-well-known-jwks-json`). Other clients, and paths with
/// nothing left, use the method name in kebab case.
fn stem(api: &Api, op: &Operation) -> String {
    let by_path = match api.client.kind {
        ClientKind::AuthingManagement | ClientKind::AuthingAuthentication => path_stem(&op.path),
        ClientKind::Generic => String::new(),
    };
    if !by_path.is_empty() {
        return by_path;
    }
    match names::kebab(&op.name.rust) {
        s if s.is_empty() => "operation".to_owned(),
        s => s,
    }
}

fn path_stem(path: &str) -> String {
    let rest = path.strip_prefix("/api/v3/").unwrap_or(path);
    rest.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// `folder/stem.md`, or with `-2`, `-3`, … when a path that differs at most in case is taken.
fn claim(taken: &mut BTreeSet<String>, folder: &str, stem: &str) -> String {
    let mut path = format!("{folder}/{stem}.md");
    let mut n = 2;
    while !taken.insert(path.to_lowercase()) {
        path = format!("{folder}/{stem}-{n}.md");
        n += 1;
    }
    path
}

/// The path of each type's own page, should it need one: `types/<RustName>.md`, unique as
/// [`pages`] makes them and apart from `pages` (a tag may be called `types`).
pub fn type_pages(api: &Api, pages: &[Page]) -> BTreeMap<TypeId, String> {
    let mut taken = pages.iter().map(|p| p.path.to_lowercase()).collect();
    api.types
        .iter()
        .enumerate()
        .map(|(i, def)| (TypeId(i), claim(&mut taken, TYPES_FOLDER, &def.name.rust)))
        .collect()
}

/// `ManagementClient` → `management-client`.
pub fn client_folder(client: &str) -> String {
    match client.to_kebab_case() {
        s if s.is_empty() => "client".to_owned(),
        s => s,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{empty_api, operation};
    use super::*;
    use crate::model::HttpMethod::{Get, Post};
    use crate::model::{HttpMethod, Operation};

    fn paths_of(kind: ClientKind, ops: Vec<Operation>) -> Vec<String> {
        let mut api = empty_api();
        api.client.kind = kind;
        api.operations = ops;
        pages(&api).into_iter().map(|p| p.path).collect()
    }

    fn op(id: &str, method: HttpMethod, path: &str, deprecated: bool) -> Operation {
        let mut op = operation(id, method, path);
        op.deprecated = deprecated;
        op
    }

    #[test]
    fn authing_pages_are_named_after_the_path() {
        let ops = || {
            vec![
                op("getSecurityLevel", Get, "/api/v3/get-security-info", false),
                op("oidcJwks", Get, "/oidc/.well-known/jwks.json", false),
                op(
                    "finishLogin",
                    Post,
                    "/interaction/oidc/{interactionKey}/login",
                    false,
                ),
                op("validateToken", Post, "/api/v2/oidc/validate_token", false),
                op("root", Get, "/api/v3/", false),
                op("用户", Get, "/用户/资料", false),
            ]
        };
        assert_eq!(
            paths_of(ClientKind::AuthingManagement, ops()),
            [
                "default/get-security-info.md",
                "default/oidc-well-known-jwks-json.md",
                "default/interaction-oidc-interactionKey-login.md",
                "default/api-v2-oidc-validate_token.md",
                "default/root.md",
                "default/用户-资料.md",
            ]
        );
        assert_eq!(
            paths_of(ClientKind::Generic, ops())[..2],
            ["default/get-security-level.md", "default/oidc-jwks.md"]
        );
    }

    #[test]
    fn methods_of_one_path_give_the_bare_name_to_the_first_current_one() {
        let kind = ClientKind::AuthingAuthentication;
        let legacy_get = vec![
            op("listUsersLegacy", Get, "/api/v3/list-users", true),
            op("listUsers", Post, "/api/v3/list-users", false),
        ];
        assert_eq!(
            paths_of(kind, legacy_get),
            ["default/list-users-get.md", "default/list-users.md"]
        );
        let both_current = vec![
            op("meGet", Get, "/oidc/me", false),
            op("mePost", Post, "/oidc/me", false),
        ];
        assert_eq!(
            paths_of(kind, both_current),
            ["default/oidc-me.md", "default/oidc-me-post.md"]
        );
        let clashes = vec![
            op("a", Get, "/a/b", false),
            op("b", Get, "/a-b", false),
            op("c", Get, "/A-B-get", false),
        ];
        assert_eq!(
            paths_of(kind, clashes),
            [
                "default/a-b.md",
                "default/a-b-get.md",
                "default/A-B-get-2.md"
            ]
        );
    }

    #[test]
    fn type_pages_keep_clear_of_each_other_and_of_operation_pages() {
        let mut api = empty_api();
        for name in ["Node", "NODE", "Types"] {
            api.types
                .push(super::super::fixtures::struct_def(name, vec![]));
        }
        let mut tagged = operation("x", Get, "/api/v3/Node");
        tagged.tags = vec!["types".into()];
        api.operations = vec![tagged];
        let pages = pages(&api);
        assert_eq!(pages[0].path, "types/Node.md");
        let types: Vec<String> = type_pages(&api, &pages).into_values().collect();
        assert_eq!(
            types,
            ["types/Node-2.md", "types/NODE-3.md", "types/Types.md"]
        );
    }

    #[test]
    fn tag_folders_are_safe_names() {
        assert_eq!(
            names::tag_folder(Some("User information/Modify email")),
            "user-information"
        );
        assert_eq!(names::tag_folder(Some("用户资料")), "用户资料");
        assert_eq!(names::tag_folder(Some("A: <b>?")), "a-b");
        assert_eq!(names::tag_folder(Some("../..")), "default");
        assert_eq!(names::tag_folder(None), "default");
        assert_eq!(client_folder("ManagementClient"), "management-client");
    }
}
