//! What the OpenAPI text says of single values, read by `load`, `check` and `lower` alike.

/// A URL or a relative reference (RFC 3986): no spaces or controls, and a scheme, if any, of
/// letters, digits, `+`, `-` and `.` starting with a letter.
pub(crate) fn is_url(text: &str) -> bool {
    if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((scheme, _)) = text.split_once(':') else {
        return true;
    };
    if scheme.contains(['/', '?', '#']) {
        return true;
    }
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether a header parameter named `name` is dropped, as OpenAPI says it is ignored: `Accept`
/// and `Content-Type` always (the client sets them), `Authorization` when the document declares
/// a security scheme (which sets it); without one it is the only way to send credentials, and
/// is kept.
pub(crate) fn ignored_header_param(name: &str, schemes_declared: bool) -> bool {
    let name = name.to_ascii_lowercase();
    name == "accept" || name == "content-type" || (name == "authorization" && schemes_declared)
}
