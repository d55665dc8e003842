//! Authing's response envelopes: telling a failure reported with HTTP 200 from a success.

use std::borrow::Cow;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::error::{Error, Result};

/// How much of an envelope [`read_head`] reads.
#[derive(Clone, Copy, PartialEq)]
enum Until {
    /// Until `statusCode` is read.
    Status,
    /// Until `statusCode` and `requestId` are read.
    StatusAndId,
    /// All of it, so that a malformed body or a repeated field is no envelope.
    End,
}

/// An envelope's `statusCode` and `requestId`, borrowed from the body where possible.
#[derive(Default)]
struct Head<'a> {
    status_code: Option<Scalar<'a>>,
    request_id: Option<Scalar<'a>>,
    /// Whether reading stopped before the end (so the rest was not checked).
    partial: bool,
}

/// The head of an envelope, when the body is a JSON object (read as far as `until` says).
fn read_head(body: &[u8], until: Until) -> Option<Head<'_>> {
    // What Authing sends on success, told without parsing.
    let rest = body.strip_prefix(br#"{"statusCode":200"#);
    let next = rest.and_then(<[u8]>::first);
    if until == Until::Status && matches!(next, Some(b',' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
        return Some(Head {
            status_code: Some(Scalar::Integer(Some(200))),
            request_id: None,
            partial: true,
        });
    }
    let first = body.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first != b'{' {
        return None;
    }
    let mut head = Head::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    let visitor = HeadVisitor {
        head: &mut head,
        until,
    };
    // Stopping early leaves the map unfinished, which serde_json reports as an error.
    match de.deserialize_map(visitor).and_then(|()| de.end()) {
        Ok(()) => head.partial = false,
        Err(_) if head.partial => {}
        Err(_) => return None,
    }
    Some(head)
}

/// The top-level keys of an envelope; `Other` for any key the check ignores.
#[derive(Clone, Copy, PartialEq, Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum Key {
    StatusCode,
    ApiCode,
    Message,
    RequestId,
    #[serde(other)]
    Other,
}

struct HeadVisitor<'h, 'de> {
    head: &'h mut Head<'de>,
    until: Until,
}

impl<'de> Visitor<'de> for HeadVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; 4];
        while let Some(key) = map.next_key::<Key>()? {
            if key != Key::Other && std::mem::replace(&mut seen[key as usize], true) {
                return Err(de::Error::custom("a repeated envelope field"));
            }
            match key {
                Key::StatusCode => self.head.status_code = map.next_value()?,
                Key::RequestId => self.head.request_id = map.next_value()?,
                _ => drop(map.next_value::<IgnoredAny>()?),
            }
            let id_known = seen[Key::RequestId as usize] || self.until == Until::Status;
            if seen[Key::StatusCode as usize] && id_known && self.until != Until::End {
                self.head.partial = true;
                return Ok(());
            }
        }
        Ok(())
    }
}

/// Any JSON value, keeping only what the envelope check needs: whole numbers and strings.
enum Scalar<'a> {
    Integer(Option<i64>),
    Text(Cow<'a, str>),
    Other,
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Integer(Some(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::Integer(i64::try_from(v).ok()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Integer(whole(v)))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_owned())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

impl Head<'_> {
    fn status(&self) -> Option<i64> {
        match self.status_code {
            Some(Scalar::Integer(code)) => code,
            _ => None,
        }
    }
}

pub(super) fn envelope_request_id(body: &[u8]) -> Option<String> {
    match read_head(body, Until::End)?.request_id? {
        Scalar::Text(id) => Some(id.into_owned()),
        _ => None,
    }
}

/// [`Error::Business`] when the body is an object with a numeric `statusCode` other than 200;
/// else the request id from the header, or (if `want_id`) from the envelope's `requestId`.
///
/// A success is told from the body's start: reading stops at `statusCode` (and `requestId`).
/// A failure is reported only after reading the whole body, as a valid envelope.
pub(super) fn check_envelope<'a>(
    body: &'a [u8],
    header_request_id: Option<&'a str>,
    want_id: bool,
) -> Result<Option<Cow<'a, str>>> {
    let until = if want_id && header_request_id.is_none() {
        Until::StatusAndId
    } else {
        Until::Status
    };
    let mut head = read_head(body, until);
    if let Some(partial) = head.as_ref().filter(|h| h.partial) {
        if !matches!(partial.status(), None | Some(200)) {
            head = read_head(body, Until::End);
        }
    }
    let Some(head) = head else {
        return Ok(header_request_id.map(Cow::Borrowed));
    };
    let status = head.status();
    let request_id = match (header_request_id, head.request_id) {
        (Some(id), _) => Some(Cow::Borrowed(id)),
        (None, Some(Scalar::Text(id))) => Some(id),
        (None, _) => None,
    };
    match status {
        None | Some(200) => Ok(request_id),
        Some(status_code) => Err(Error::business(
            body,
            status_code,
            request_id.map(Cow::into_owned),
        )),
    }
}

/// A float without a fractional part, small enough to be exact, as an integer.
pub(super) fn whole(float: f64) -> Option<i64> {
    let whole = float.fract() == 0.0 && float.abs() < 9.0e15;
    whole.then_some(float as i64)
}

/// What an Authing envelope `{"statusCode", "apiCode", "message", "requestId", "data"}` says
/// besides its status: read only from failures.
#[derive(Deserialize)]
struct EnvelopeDetail {
    #[serde(rename = "apiCode")]
    api_code: Option<serde_json::Value>,
    message: Option<serde_json::Value>,
}

impl Error {
    /// The [`Error::Business`] for an envelope whose `statusCode` is `status_code`.
    pub(super) fn business(body: &[u8], status_code: i64, request_id: Option<String>) -> Error {
        let env: Option<EnvelopeDetail> = serde_json::from_slice(body).ok();
        let (api_code, message) = env.map_or((None, None), |env| (env.api_code, env.message));
        let message = match message {
            Some(serde_json::Value::String(text)) => text,
            Some(other) => other.to_string(),
            None => String::new(),
        };
        Error::Business {
            status_code,
            api_code: api_code.as_ref().and_then(integer),
            message,
            request_id,
        }
    }
}

/// A JSON number without a fractional part (`400` or `400.0`) as an integer.
fn integer(value: &serde_json::Value) -> Option<i64> {
    value.as_i64().or_else(|| whole(value.as_f64()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_errors_carry_codes() {
        let body = br#"{"statusCode":400,"apiCode":2004,"message":"no user","requestId":"env-1"}"#;
        match check_envelope(body, None, true) {
            Err(Error::Business {
                status_code: 400,
                api_code: Some(2004),
                message,
                request_id,
            }) => {
                assert_eq!(
                    (message.as_str(), request_id.as_deref()),
                    ("no user", Some("env-1"))
                );
            }
            other => panic!("expected Business, got {other:?}"),
        }
        let ok = br#"{"statusCode":200,"data":1,"requestId":"env-2"}"#;
        assert_eq!(
            check_envelope(ok, None, true).unwrap().as_deref(),
            Some("env-2")
        );
        assert_eq!(
            check_envelope(ok, Some("hdr-1"), true).unwrap().as_deref(),
            Some("hdr-1")
        );
        let float = check_envelope(br#"{"statusCode":400.0,"apiCode":7.0}"#, None, true);
        assert!(matches!(
            float,
            Err(Error::Business {
                status_code: 400,
                api_code: Some(7),
                ..
            })
        ));
        let nested = br#"{"data":{"a":[1,{"b":null}]},"statusCode":200,"requestId":"a\"b"}"#;
        let id = check_envelope(nested, None, true).unwrap();
        assert_eq!(id.as_deref(), Some("a\"b"));
        match check_envelope(
            br#"{"statusCode":500,"message":{"k":[1]},"apiCode":"7"}"#,
            None,
            true,
        ) {
            Err(Error::Business {
                status_code: 500,
                api_code: None,
                message,
                ..
            }) => assert_eq!(message, r#"{"k":[1]}"#),
            other => panic!("expected Business, got {other:?}"),
        }
        let duplicate = br#"{"statusCode":400,"message":"a","message":"b"}"#;
        assert!(check_envelope(duplicate, None, true).is_ok());
        assert!(check_envelope(br#"[400, 1]"#, None, true).is_ok());
        for body in [
            &br#"{"statusCode":200}"#[..],
            br#"{"statusCode":2001}"#,
            br#"{"statusCode":200.5,"#,
        ] {
            let quick = read_head(body, Until::Status).map(|h| h.status());
            let full = read_head(body, Until::End).map(|h| h.status());
            assert_eq!(quick.flatten(), full.flatten());
        }
        // Without wanting the id, a success is read no further than its status ...
        let cut = br#"{"statusCode":200,"requestId":"r","data":[tru"#;
        assert_eq!(check_envelope(cut, None, false).unwrap(), None);
        assert_eq!(
            check_envelope(cut, None, true).unwrap().as_deref(),
            Some("r")
        );
        // ... but a failure is reported only for a whole, valid envelope.
        assert!(check_envelope(br#"{"statusCode":400,"data":[tru"#, None, false).is_ok());
        let failed = br#"{"statusCode":400,"message":"no","requestId":"r"}"#;
        match check_envelope(failed, None, false) {
            Err(Error::Business { request_id, .. }) => assert_eq!(request_id.as_deref(), Some("r")),
            other => panic!("expected Business, got {other:?}"),
        }
        assert!(check_envelope(br#"{"statusCode":"400"}"#, None, true).is_ok());
    }
}
