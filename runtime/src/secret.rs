//! Secrets that never show in logs: a redacting string newtype and `Debug` helpers.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A secret string (a key, password or token): `Debug` and `Display` print `***`.
///
/// It serializes as the plain string, so it can sit in request bodies.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself; read it only to send it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Stands in for a secret field in a hand-written `Debug`: prints `***`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// What `Debug` shows for an optional secret: `None`, or `Some(***)`.
pub fn redact_option<T>(value: &Option<T>) -> Option<Redacted> {
    value.as_ref().map(|_| Redacted)
}

/// Whether a field name says it holds a secret (secret, token, password, pass code).
pub(super) fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["secret", "token", "password", "passcode"]
        .iter()
        .any(|word| lower.contains(word))
}

/// JSON text (possibly cut short) with the string values of secret-named keys as `"***"`,
/// for quoting bodies in errors.
pub(super) fn mask_json_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let close = quoted_end(rest);
        let name = &rest[..close];
        out.push_str(name);
        rest = &rest[close..];
        let Some(after) = rest.strip_prefix('"') else {
            break;
        };
        out.push('"');
        rest = after;
        let value = rest.trim_start().strip_prefix(':').map(str::trim_start);
        if let Some(value) = value.filter(|v| v.starts_with('"') && is_secret_name(name)) {
            out.push_str(&rest[..rest.len() - value.len()]);
            out.push_str("\"***\"");
            let inner = &value[1..];
            rest = inner.get(quoted_end(inner) + 1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// Where the quoted string whose content starts `text` ends: its closing quote (a backslash
/// escapes the next character), or the end of `text`. JSON strings and `Link` headers' quoted
/// parameters both read this way.
pub(crate) fn quoted_end(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints_its_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s} {:?}", Some(&s)), "*** *** Some(***)");
        assert_eq!(s.expose(), "hunter2");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"hunter2\"");
    }

    #[test]
    fn redact_option_keeps_presence_only() {
        assert_eq!(format!("{:?}", redact_option(&Some("pw"))), "Some(***)");
        assert_eq!(format!("{:?}", redact_option::<String>(&None)), "None");
    }

    #[test]
    fn json_secrets_are_masked_even_in_cut_bodies() {
        let body = r#"{"data":{"access_token" : "eyJ.x\"y", "expires_in":"7200","note":"token"}}"#;
        assert_eq!(
            mask_json_secrets(body),
            r#"{"data":{"access_token" : "***", "expires_in":"7200","note":"token"}}"#
        );
        assert_eq!(
            mask_json_secrets(r#"{"passCode":"12"#),
            r#"{"passCode":"***""#
        );
        assert_eq!(
            mask_json_secrets(r#"{"updatePhoneTok"#),
            r#"{"updatePhoneTok"#
        );
        let plain = r#"["token", {"tokenExpiresIn": 60}, "a:b"]"#;
        assert_eq!(mask_json_secrets(plain), plain);
    }
}
