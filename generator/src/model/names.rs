//! Wire names to Rust identifiers: casing, symbols, keywords and collisions.

use heck::{ToPascalCase, ToSnakeCase};
use std::collections::HashSet;

/// Words Rust reserves (2021 and 2024 editions, strict and reserved).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The Cargo feature that derives both serde traits on every type, whatever way it travels.
pub const FULL_SERDE: &str = "full-serde";

/// Type names the generated crate itself uses, which a schema must not shadow.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Result", "Vec", "String", "Box", "Error", "Value", "Client", "Self",
];

/// Prelude names that `types.rs` uses unqualified (`impl Into<String>`, `Some(..)`, `Ok(..)`),
/// which a type must not shadow. (It spells `std::convert::From` and `Default::default` out.)
const PRELUDE: &[&str] = &["Into", "Some", "None", "Ok", "Err"];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Spell out the symbols that carry meaning, so `+1` and `-1` stay apart; other symbols split words.
/// With `signs`, a `-` between a non-digit and a digit is a minus too (`Etc/GMT-1`).
fn words(wire: &str, signs: bool) -> String {
    let mut out = String::with_capacity(wire.len() + 8);
    let chars: Vec<char> = wire.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let before_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
        match ch {
            '+' => out.push_str(" plus "),
            '-' if i == 0 || (signs && before_digit && !after_digit) => out.push_str(" minus "),
            '@' if i == 0 => out.push_str(" at "),
            '$' if i == 0 => out.push_str(" dollar "),
            '*' => out.push_str(" star "),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// A snake_case identifier for a field, parameter, method or module. Never empty, never a keyword.
pub fn snake(wire: &str) -> String {
    let mut s = words(wire, false).to_snake_case();
    if s.is_empty() {
        s.push_str("value");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// A PascalCase identifier for a type or variant. Never empty, never a keyword.
pub fn pascal(wire: &str) -> String {
    let mut s = pascal_of(words(wire, false));
    if PRELUDE.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// The variant name of an enum value: like [`pascal`], but signs count (`GMT-1` ≠ `GMT1`).
pub fn enum_variant(wire: &str) -> String {
    pascal_of(words(wire, true))
}

fn pascal_of(words: String) -> String {
    let mut s = words.to_pascal_case();
    if s.is_empty() {
        s.push_str("Empty");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if is_keyword(&s) || RESERVED_TYPES.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// The method name for an operationId: a NestJS `XxxController_` prefix dropped, then snake_case
/// with acronyms squashed (`geneQRCode` → `gene_qr_code`).
pub fn method_name(operation_id: &str) -> String {
    let unprefixed = match operation_id.split_once("Controller_") {
        Some((controller, rest))
            if !rest.is_empty() && controller.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            rest
        }
        _ => operation_id,
    };
    snake(unprefixed)
}

/// A method name for an operation without an operationId, e.g. `get /pets/{id}` → `get_pets_id`.
pub fn method_name_from_route(method: &str, path: &str) -> String {
    snake(&format!("{method} {path}"))
}

/// The kebab-case file name of a page, from a snake_case method name.
pub fn kebab(snake_name: &str) -> String {
    snake_name.trim_matches('_').replace('_', "-")
}

/// The Cargo feature name of `tag`, given the names already taken. Feature names are ASCII so
/// every tool accepts them: an ASCII tag becomes its lowercase slug (`User Profile` →
/// `user-profile`). Any other tag, a tag whose slug is empty or `default`, and a tag whose slug is
/// taken becomes the slug of its ASCII letters and digits, if any, then the FNV-1a hash of its
/// UTF-8 name in 8 hex digits (`用户资料` → `tag-<hash>`), which stays the same when tags are
/// added, removed or reordered.
pub fn feature_name(tag: &str, taken: &std::collections::BTreeSet<String>) -> String {
    let slug = ascii_slug(tag);
    if tag.is_ascii() && !slug.is_empty() && slug != "default" && !taken.contains(&slug) {
        return slug;
    }
    let prefix = if slug.is_empty() { "tag" } else { &slug };
    let mut name = format!("{prefix}-{:08x}", fnv1a(tag.as_bytes()));
    while taken.contains(&name) {
        name.push('x');
    }
    name
}

/// Lowercase ASCII letters and digits, runs of anything else as one `-`, no `-` at either end.
fn ascii_slug(tag: &str) -> String {
    let mut out = String::new();
    for c in tag.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The folder of a tag: its first `/`-separated segment, lowercased, whitespace as `-`, and only
/// letters (any script), digits, `-` and `_` kept, so it is safe on disk and in a link.
pub fn tag_folder(tag: Option<&str>) -> String {
    let segment = tag.and_then(|t| t.split('/').next()).unwrap_or("");
    let folder: String = segment
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    if folder.chars().all(|c| c == '-' || c == '_') {
        "default".to_owned()
    } else {
        folder
    }
}

/// Hands out unique names in one scope. Collisions get a numeric suffix, first come first served,
/// so the result depends only on the order of the calls.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope in which these names are already taken.
    pub fn with_taken<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            taken: names.into_iter().map(str::to_owned).collect(),
        }
    }

    /// `base` if free, otherwise `base2`, `base3`, …; the flag says whether it collided.
    pub fn claim(&mut self, base: &str) -> (String, bool) {
        if self.taken.insert(base.to_owned()) {
            return (base.to_owned(), false);
        }
        // The `_` that kept `Default_` or `type_` from a name in use is not needed before a
        // number, and would break the casing (`Default_2`).
        let stem = match base.trim_end_matches('_') {
            "" => base,
            stem => stem,
        };
        let sep = if stem.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let mut n = 2usize;
        loop {
            let candidate = format!("{stem}{sep}{n}");
            if self.taken.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_follow_the_factory_rule() {
        let cases = [
            ("ProfileV3Controller_updatePhone", "update_phone"),
            ("SystemController_geneQRCode", "gene_qr_code"),
            (
                "V3ManagementController_getManagementToken",
                "get_management_token",
            ),
            ("find pet by id", "find_pet_by_id"),
            ("instance_create", "instance_create"),
            ("Controller_", "controller"),
            ("a/b#c-d", "a_b_c_d"),
            ("getHTTPResponse", "get_http_response"),
        ];
        for (wire, want) in cases {
            assert_eq!(method_name(wire), want, "{wire}");
        }
    }

    #[test]
    fn type_names_shadow_nothing_generated_code_names() {
        for (wire, want) in [
            ("into", "Into_"),
            ("Some", "Some_"),
            ("default", "Default"),
            ("from", "From"),
        ] {
            assert_eq!(pascal(wire), want);
        }
        // Enum variants live in their enum: `Into` shadows nothing there.
        assert_eq!(enum_variant("into"), "Into");
    }

    #[test]
    fn routes_name_operations_without_an_id() {
        assert_eq!(method_name_from_route("get", "/pets/{id}"), "get_pets_id");
        assert_eq!(method_name_from_route("post", "/"), "post");
    }

    #[test]
    fn symbols_keywords_and_digits_give_valid_identifiers() {
        let cases = [
            ("+1", "plus_1"),
            ("-1", "minus_1"),
            ("$ref", "dollar_ref"),
            ("@timestamp", "at_timestamp"),
            ("Parameter1.Name", "parameter1_name"),
            ("type", "type_"),
            ("async", "async_"),
            ("self", "self_"),
            ("stranger-things", "stranger_things"),
            ("", "value"),
            ("2fa", "_2fa"),
            ("属性", "value"),
        ];
        for (wire, want) in cases {
            assert_eq!(snake(wire), want, "{wire}");
        }
        assert_eq!(pascal("Etc/GMT+1"), "EtcGmtPlus1");
        assert_eq!(pascal("Etc/GMT-1"), "EtcGmt1");
        assert_eq!(pascal("2020-01-02"), "V20200102");
        assert_eq!(pascal("nullTime"), "NullTime");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(pascal("Result"), "Result_");
        assert_eq!(pascal("1"), "V1");
        assert_eq!(pascal("my.dotted-name"), "MyDottedName");
    }

    #[test]
    fn enum_values_keep_their_signs() {
        let cases = [
            ("Etc/GMT+1", "EtcGmtPlus1"),
            ("Etc/GMT-1", "EtcGmtMinus1"),
            ("-1", "Minus1"),
            ("2020-01-02", "V20200102"),
            ("stranger-things", "StrangerThings"),
            ("", "Empty"),
            ("ASC", "Asc"),
            ("self", "Self_"),
        ];
        for (wire, want) in cases {
            assert_eq!(enum_variant(wire), want, "{wire}");
        }
    }

    #[test]
    fn scopes_make_colliding_names_unique_in_call_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("NullTime"), ("NullTime".to_owned(), false));
        assert_eq!(scope.claim("NullTime"), ("NullTime2".to_owned(), true));
        assert_eq!(scope.claim("NullTime"), ("NullTime3".to_owned(), true));
        assert_eq!(scope.claim("V1"), ("V1".to_owned(), false));
        assert_eq!(scope.claim("V1"), ("V1_2".to_owned(), true));
        let mut taken = Scope::with_taken(["client", "Default_"]);
        assert_eq!(taken.claim("client").0, "client2");
        assert_eq!(taken.claim("Default_").0, "Default2");
    }

    #[test]
    fn page_names_are_kebab_case() {
        assert_eq!(kebab("update_phone"), "update-phone");
        assert_eq!(
            kebab("verify_update_phone_request"),
            "verify-update-phone-request"
        );
    }
    #[test]
    fn ascii_tags_become_feature_slugs_and_others_stable_hashes() {
        let none = std::collections::BTreeSet::new();
        assert_eq!(feature_name("User Profile", &none), "user-profile");
        assert_eq!(feature_name("  V2 / Users!! ", &none), "v2-users");
        let zh = feature_name("用户管理", &none);
        assert_eq!(zh, format!("tag-{:08x}", fnv1a("用户管理".as_bytes())));
        assert_ne!(zh, feature_name("用户管理/角色", &none));
        let mixed = feature_name("MFA 要素管理/API 列表", &none);
        assert_eq!(
            mixed,
            format!("mfa-api-{:08x}", fnv1a("MFA 要素管理/API 列表".as_bytes()))
        );
        assert!(feature_name("---", &none).starts_with("tag-"));
        assert!(feature_name("Default", &none).starts_with("default-"));
        let taken = std::collections::BTreeSet::from(["users".to_owned()]);
        assert!(feature_name("Users", &taken).starts_with("users-"));
    }
}
