//! The names a generated spec draws from: the ones most likely to break generated Rust.

use super::Rng;

/// Rust keywords, strict, reserved and weak.
const KEYWORDS: &[&str] = &[
    "type", "match", "self", "Self", "crate", "super", "async", "await", "dyn", "fn", "impl",
    "mod", "move", "ref", "static", "struct", "trait", "union", "unsafe", "use", "where", "loop",
    "yield", "try", "abstract", "box", "macro", "enum", "let", "const", "extern", "final",
    "override", "priv", "typeof", "virtual", "do", "become", "gen", "in", "for", "if", "else",
    "true", "false", "as", "break", "continue", "return", "pub", "mut", "while",
];

/// Names of the prelude, std, serde and the generated crate's own items.
const PRELUDE: &[&str] = &[
    "String",
    "Result",
    "Box",
    "Option",
    "Vec",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "Error",
    "Value",
    "Map",
    "BTreeMap",
    "Client",
    "Request",
    "Response",
    "ApiResponse",
    "Pages",
    "Future",
    "IntoFuture",
    "Into",
    "From",
    "Iterator",
    "ToString",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Ord",
    "serde",
    "std",
    "core",
    "alloc",
    "runtime",
    "types",
    "client",
    "requests",
    "Unknown",
    "Unknown_",
    "Deserialize",
    "Serialize",
    "u8",
    "i64",
    "f64",
    "bool",
    "str",
];

/// Names the generated client, builders and types define themselves.
const METHODS: &[&str] = &[
    "builder",
    "new",
    "build",
    "send",
    "send_with_response",
    "items",
    "into_future",
    "with_response",
    "base_url",
    "timeout",
    "default",
    "clone",
    "fmt",
    "from",
    "into",
    "deserialize",
    "serialize",
    "security",
    "path_param",
    "header",
    "query",
    "body",
    "with_body",
    "additional_properties",
    "additionalProperties",
    "deserialize_some",
    "bytes_as_text",
];

/// Groups of names that are one name after case conversion.
const COLLIDING: &[&str] = &[
    "userId",
    "user_id",
    "UserId",
    "user-id",
    "USER_ID",
    "user.id",
    "userID",
    "ID",
    "id",
    "Id",
    "_id",
    "id_",
    "a_b",
    "aB",
    "a-b",
    "AB",
    "HTTPServer",
    "HttpServer",
    "http_server",
    "item2",
    "item_2",
    "Item2",
    "x",
    "X",
    "x_",
    "_x",
];

/// Names outside ASCII identifiers.
const ODD: &[&str] = &[
    "café",
    "naïve",
    "日本語",
    "Ωmega",
    "größe",
    "emoji😀",
    "1st",
    "2fa",
    "+1",
    "-1",
    "$ref",
    "@type",
    "a.b",
    "x-y-z",
    "_",
    "__",
    "with space",
    "trailing_",
    "snake_case",
    "camelCase",
    "PascalCase",
    "kebab-case",
    "SCREAMING_CASE",
    "a/b",
    "q?",
    "0",
];

/// Any name of any pool.
pub fn any(rng: &mut Rng) -> String {
    let pool = match rng.below(5) {
        0 => KEYWORDS,
        1 => PRELUDE,
        2 => METHODS,
        3 => COLLIDING,
        _ => ODD,
    };
    (*rng.pick(pool)).to_owned()
}

/// A name that may key `components` (`^[a-zA-Z0-9.\-_]+$`) and stand in a path template.
pub fn key(rng: &mut Rng) -> String {
    loop {
        let name = any(rng);
        let fits = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if fits && name.chars().any(|c| c.is_ascii_alphanumeric()) {
            return name;
        }
    }
}

/// `base`, or `base2`, `base3`… whichever `taken` does not hold yet; then taken.
pub fn unique(base: String, taken: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}
