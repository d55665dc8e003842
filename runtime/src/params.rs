//! Parameters and form bodies to wire text: OpenAPI styles, explode and percent-encoding.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::Value;

use super::error::{Error, Result};

/// How a parameter value is laid out on the wire (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `a,b`: the default for path and header parameters.
    Simple,
    /// `.a.b` (explode) or `.a,b`, for path parameters.
    Label,
    /// `;id=a;id=b` (explode) or `;id=a,b`, for path parameters.
    Matrix,
    /// `id=a&id=b` (explode) or `id=a,b`: the default for query parameters.
    Form,
    /// `id=a%20b`, for query arrays.
    SpaceDelimited,
    /// `id=a|b`, for query arrays.
    PipeDelimited,
    /// `id[key]=value`, nested objects in brackets, for query objects.
    DeepObject,
}

/// Everything but RFC 3986 unreserved characters is escaped.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one URL component (a path segment, query name or value).
pub(super) fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Leaves text as it is (header values are not percent-encoded).
pub(super) fn raw(text: &str) -> String {
    text.to_owned()
}

pub(super) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(Error::encode)
}

/// A scalar as text: strings as they are, anything else as its JSON.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A path or header value in `simple`, `label` or `matrix` style; `None` for null.
pub(super) fn styled(
    name: &str,
    value: &Value,
    style: Style,
    explode: bool,
    enc: fn(&str) -> String,
) -> Option<String> {
    let name = enc(name);
    let text = match value {
        Value::Null => return None,
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| enc(&scalar(v)))
                .collect();
            match (style, explode) {
                (Style::Label, true) => format!(".{}", items.join(".")),
                (Style::Label, false) => format!(".{}", items.join(",")),
                (Style::Matrix, true) => items.iter().map(|i| format!(";{name}={i}")).collect(),
                (Style::Matrix, false) => format!(";{name}={}", items.join(",")),
                _ => items.join(","),
            }
        }
        Value::Object(map) => {
            let pairs: Vec<(String, String)> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (enc(k), enc(&scalar(v))))
                .collect();
            let join = |kv: &str, sep: &str| {
                let parts: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}{kv}{v}")).collect();
                parts.join(sep)
            };
            match (style, explode) {
                (Style::Label, true) => format!(".{}", join("=", ".")),
                (Style::Label, false) => format!(".{}", join(",", ",")),
                (Style::Matrix, true) => format!(";{}", join("=", ";")),
                (Style::Matrix, false) => format!(";{name}={}", join(",", ",")),
                (_, true) => join("=", ","),
                (_, false) => join(",", ","),
            }
        }
        other => {
            let v = enc(&scalar(other));
            match style {
                Style::Label => format!(".{v}"),
                Style::Matrix => format!(";{name}={v}"),
                _ => v,
            }
        }
    };
    Some(text)
}

/// Fills every `placeholder` in `path` with `text` (the encoded value of path parameter `name`),
/// refusing a segment that would come out as a dot-segment (`.` or `..`, also spelled with
/// `%2e`): URL parsing resolves those, so the request would leave the template's path.
pub(super) fn fill_path(path: &str, placeholder: &str, text: &str, name: &str) -> Result<String> {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    for segment in path[..end].split('/').filter(|s| s.contains(placeholder)) {
        let filled = segment.replace(placeholder, text);
        if is_dot_segment(&filled) {
            return Err(Error::encode(format!(
                "path parameter {name} would make the path segment {filled:?}, which URLs \
                 resolve as a dot-segment (the current or parent directory), so the request \
                 would go to another path"
            )));
        }
    }
    Ok(path.replace(placeholder, text))
}

/// Whether a path segment is one the WHATWG URL parser removes or resolves.
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | "%2e" | ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// Appends the encoded `name=value` pairs of one query parameter to `out`.
pub(super) fn query_pairs(
    name: &str,
    value: &Value,
    style: Style,
    explode: bool,
    out: &mut Vec<String>,
) {
    let key = encode(name);
    let delimiter = match style {
        Style::SpaceDelimited => "%20",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    match value {
        Value::Null => {}
        Value::Object(_) if style == Style::DeepObject => deep(&key, value, out),
        Value::Array(items) if !explode => {
            let items: Vec<String> = items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| encode(&scalar(v)))
                .collect();
            out.push(format!("{key}={}", items.join(delimiter)));
        }
        Value::Array(items) => items
            .iter()
            .filter(|v| !v.is_null())
            .for_each(|v| out.push(format!("{key}={}", encode(&scalar(v))))),
        Value::Object(map) if !explode => {
            let parts: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{}{delimiter}{}", encode(k), encode(&scalar(v))))
                .collect();
            out.push(format!("{key}={}", parts.join(delimiter)));
        }
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .for_each(|(k, v)| out.push(format!("{}={}", encode(k), encode(&scalar(v))))),
        other => out.push(format!("{key}={}", encode(&scalar(other)))),
    }
}

/// `prefix[key]=value` pairs, nesting objects; scalar arrays repeat the key.
fn deep(prefix: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                deep(&format!("{prefix}[{}]", encode(k)), v, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        deep(&format!("{prefix}[{i}]"), item, out)
                    }
                    _ => deep(prefix, item, out),
                }
            }
        }
        other => out.push(format!("{prefix}={}", encode(&scalar(other)))),
    }
}

/// An `application/x-www-form-urlencoded` body; nested objects go deepObject-style.
pub(super) fn form_body(value: &Value) -> Result<String> {
    let Value::Object(map) = value else {
        return Err(Error::encode("a form body must serialize to an object"));
    };
    let mut pairs = Vec::new();
    for (k, v) in map {
        deep(&encode(k), v, &mut pairs);
    }
    Ok(pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::super::request::{Method, Request};
    use super::*;
    use proptest::prelude::*;
    use reqwest::Url;
    use serde_json::json;

    fn query(value: Value, style: Style, explode: bool) -> String {
        let mut out = Vec::new();
        query_pairs("id", &value, style, explode, &mut out);
        out.join("&")
    }

    #[test]
    fn query_styles_follow_openapi() {
        let arr = json!([3, "a b", null]);
        assert_eq!(query(arr.clone(), Style::Form, true), "id=3&id=a%20b");
        assert_eq!(query(arr.clone(), Style::Form, false), "id=3,a%20b");
        assert_eq!(
            query(arr.clone(), Style::SpaceDelimited, false),
            "id=3%20a%20b"
        );
        assert_eq!(query(arr, Style::PipeDelimited, false), "id=3|a%20b");
        let obj = json!({"a": 1, "b": "x&y"});
        assert_eq!(query(obj.clone(), Style::Form, true), "a=1&b=x%26y");
        assert_eq!(query(obj.clone(), Style::Form, false), "id=a,1,b,x%26y");
        assert_eq!(query(obj, Style::DeepObject, true), "id[a]=1&id[b]=x%26y");
        assert_eq!(
            query(json!({"a": {"b": [1, 2]}}), Style::DeepObject, true),
            "id[a][b]=1&id[a][b]=2"
        );
        assert_eq!(query(json!(null), Style::Form, true), "");
        assert_eq!(query(json!(true), Style::Form, true), "id=true");
    }

    #[test]
    fn path_styles_follow_openapi() {
        let arr = json!(["a/b", 5]);
        let obj = json!({"a": 1, "b": 2});
        let s = |v: &Value, st, ex| styled("id", v, st, ex, encode).unwrap();
        assert_eq!(s(&json!("x y/z"), Style::Simple, false), "x%20y%2Fz");
        assert_eq!(s(&arr, Style::Simple, false), "a%2Fb,5");
        assert_eq!(s(&obj, Style::Simple, true), "a=1,b=2");
        assert_eq!(s(&obj, Style::Simple, false), "a,1,b,2");
        assert_eq!(s(&arr, Style::Label, true), ".a%2Fb.5");
        assert_eq!(s(&arr, Style::Matrix, true), ";id=a%2Fb;id=5");
        assert_eq!(s(&arr, Style::Matrix, false), ";id=a%2Fb,5");
        assert_eq!(s(&obj, Style::Matrix, true), ";a=1;b=2");
        assert_eq!(
            styled("id", &Value::Null, Style::Simple, false, encode),
            None
        );
        assert_eq!(
            styled("h", &json!(["a b", 1]), Style::Simple, false, raw).unwrap(),
            "a b,1"
        );
    }

    #[test]
    fn form_bodies_nest_deep_objects() {
        let body = json!({"name": "Zoë", "tags": ["a", "b"], "addr": {"city": "X"}, "skip": null});
        let text = form_body(&body).unwrap();
        let mut pairs: Vec<&str> = text.split('&').collect();
        pairs.sort_unstable();
        assert_eq!(pairs, ["addr[city]=X", "name=Zo%C3%AB", "tags=a", "tags=b"]);
        assert!(matches!(form_body(&json!([1])), Err(Error::Encode { .. })));
    }

    /// The URL a request for `template` with path parameter `id` goes to, or the error.
    fn sent(template: &'static str, value: &Value, style: Style, explode: bool) -> Result<Url> {
        let base_url = "https://music.example/v1";
        let mut req =
            Request::new(Method::GET, template).path_param_styled("id", value, style, explode);
        match req.take_error() {
            Some(err) => Err(err),
            None => req.target_url(&Url::parse(base_url).unwrap(), base_url, &[]),
        }
    }

    #[test]
    fn dot_segments_are_refused_and_other_values_stay_literal() {
        let path = |id: &str| {
            sent("/albums/{id}", &json!(id), Style::Simple, false).map(|u| u.path().to_owned())
        };
        for refused in ["..", "."] {
            let err = path(refused).unwrap_err();
            let text = err.to_string();
            assert!(matches!(err, Error::Encode { .. }), "{text}");
            assert!(
                text.contains("path parameter id") && text.contains("dot-segment"),
                "{text}"
            );
        }
        assert_eq!(path("a/../../me").unwrap(), "/v1/albums/a%2F..%2F..%2Fme");
        assert_eq!(path("%2e%2e").unwrap(), "/v1/albums/%252e%252e");
        assert_eq!(path("x?y=1#z").unwrap(), "/v1/albums/x%3Fy%3D1%23z");
    }

    #[test]
    fn every_style_refuses_a_dot_segment() {
        let refused = |template, value: Value, style, explode| {
            let result = sent(template, &value, style, explode);
            matches!(result, Err(Error::Encode { .. }))
        };
        assert!(
            refused("/a/{id}", json!("."), Style::Label, false),
            ". becomes .."
        );
        assert!(
            refused("/a/{id}", json!(""), Style::Label, false),
            "'' becomes ."
        );
        assert!(refused("/a/{id}", json!([""]), Style::Label, true));
        assert!(refused("/a/{id}", json!(["", ""]), Style::Label, true));
        assert!(refused("/a/{id}", json!([".."]), Style::Simple, false));
        assert!(refused("/a/{id}/b", json!(["."]), Style::Simple, true));
        assert!(refused("/a/{id}.{id}", json!(""), Style::Simple, false));
        assert!(refused("/a/{id}?q=1", json!(".."), Style::Simple, false));
        assert!(!refused("/a/{id}", json!([".", "."]), Style::Simple, false));
        assert!(!refused("/a/{id}", json!(".."), Style::Matrix, false));
        assert!(!refused("/a/{id}", json!(["..", "."]), Style::Matrix, true));
        assert!(!refused("/a/{id}.json", json!(".."), Style::Simple, false));
        assert!(!refused("/a/{id}", json!("..."), Style::Simple, false));
    }

    /// Text with many of the characters URLs treat specially, and any other.
    fn tricky() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec!['.', '%', '/', '?', '#', ';', '=', ',', ' ', '\\']);
        let hex = prop::sample::select(vec!["2e", "2E", "2f", "25", "3f"]);
        let piece = prop_oneof![
            3 => special.prop_map(String::from),
            1 => hex.prop_map(String::from),
            2 => any::<char>().prop_map(String::from),
            1 => "[a-z\\u{e9}\\u{4e2d}\\u{1f600}]{1,3}",
        ];
        prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn a_path_parameter_keeps_to_its_own_segment(value in tricky()) {
            for (style, prefix) in [(Style::Simple, ""), (Style::Label, "."), (Style::Matrix, ";id=")] {
                let segment = format!("{prefix}{}", encode(&value));
                match sent("/albums/{id}/tracks", &json!(value), style, false) {
                    Err(err) => {
                        let encode_error = matches!(err, Error::Encode { .. });
                        prop_assert!(encode_error);
                        prop_assert!(segment == "." || segment == "..", "{segment} refused");
                    }
                    Ok(url) => {
                        let segments: Vec<&str> = url.path_segments().unwrap().collect();
                        prop_assert_eq!(segments.len(), 4, "{}", url);
                        prop_assert_eq!(&segments[..2], ["v1", "albums"]);
                        prop_assert_eq!(segments[3], "tracks");
                        let own = segments[2].strip_prefix(prefix).unwrap();
                        let decoded = percent_encoding::percent_decode_str(own).decode_utf8().unwrap();
                        prop_assert_eq!(decoded, value.as_str());
                    }
                }
            }
        }
    }
}
