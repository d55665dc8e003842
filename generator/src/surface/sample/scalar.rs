//! Sample strings and numbers that meet their constraints: the spec's value where it does, else a
//! placeholder of the format (`user@example.com`, `2024-01-01`, …) within the lengths and
//! pattern, or the number nearest zero within the bounds that is a multiple of `multipleOf`.

use super::pattern::Pattern;
use crate::model::{Constraints, IntFormat, StringFormat};
use serde_json::{Number, Value};
use std::sync::OnceLock;

/// Strings are padded to a `minLength` of at most this many more characters (past it, the
/// length is not met).
const MAX_PAD: usize = 4096;

/// The placeholder of a plain string.
pub const PLAIN: &str = "string";

/// A value and whether it meets every constraint (when no value can, the nearest one).
pub type Met = (Value, bool);

/// The format's name: the one the spec wrote, else the one the type keeps.
pub fn format_name(format: StringFormat, c: &Constraints) -> Option<&str> {
    c.format.as_deref().or(match format {
        StringFormat::Plain => None,
        StringFormat::DateTime => Some("date-time"),
        StringFormat::Date => Some("date"),
        StringFormat::Uuid => Some("uuid"),
        StringFormat::Byte => Some("byte"),
        StringFormat::Password => Some("password"),
    })
}

/// A value of a format that validators know (and of some that specs use), if it is one.
pub fn placeholder(format: &str) -> Option<&'static str> {
    Some(match format {
        "date-time" => "2024-01-01T00:00:00Z",
        "date" => "2024-01-01",
        "time" => "12:00:00Z",
        "duration" => "P1D",
        "email" | "idn-email" => "user@example.com",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" | "ip" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "uri" | "url" | "iri" | "uri-reference" | "iri-reference" | "uriref" => {
            "https://example.com"
        }
        "uri-template" => "https://example.com/{id}",
        "json-pointer" => "/a",
        "relative-json-pointer" => "0",
        "uuid" | "uuid4" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "byte" => "c2FtcGxl",
        "password" => "password",
        "regex" => "^.*$",
        _ => return None,
    })
}

/// Whether `text` is of the format (formats no validator checks accept anything).
pub fn is_format(format: &str, text: &str) -> bool {
    match format {
        "ipv6" => text.parse::<std::net::Ipv6Addr>().is_ok(),
        "duration" if text.eq_ignore_ascii_case("p") || text.ends_with(['T', 't']) => false,
        _ => FORMATS
            .iter()
            .position(|(name, _)| *name == format)
            .is_none_or(|i| format_check(i).is_match(text.as_bytes())),
    }
}

/// Writes a check's regular expression.
type Source = fn() -> String;

/// The formats checked by a regular expression (ASCII, any case), and the expression.
const FORMATS: [(&str, Source); 13] = {
    const DATE: &str = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])";
    const TIME: &str = r"([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?";
    const ZONE: &str = r"(z|[+-]([01]\d|2[0-3]):?[0-5]\d)";
    const LABEL: &str = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    const OCTET: &str = r"(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)";
    [
        ("date-time", || format!(r"^{DATE}[t ]{TIME}{ZONE}$")),
        ("date", || format!("^{DATE}$")),
        ("time", || format!("^{TIME}{ZONE}?$")),
        ("email", || {
            format!(r"^[a-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{LABEL}(\.{LABEL})*$")
        }),
        ("hostname", || format!(r"^{LABEL}(\.{LABEL})*\.?$")),
        ("ipv4", || format!(r"^{OCTET}(\.{OCTET}){{3}}$")),
        ("uuid", || {
            "^(urn:uuid:)?[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$".into()
        }),
        ("byte", || {
            "^([a-z0-9+/]{4})*([a-z0-9+/]{2}==|[a-z0-9+/]{3}=)?$".into()
        }),
        ("uri", || r"^[a-z][a-z0-9+.-]*:[^\s]*$".into()),
        ("url", || r"^(https?|ftp)://[^\s/$.?#][^\s]*$".into()),
        ("uri-reference", || r"^[^\s]*$".into()),
        ("duration", || {
            r"^p((\d+y)?(\d+m)?(\d+w)?(\d+d)?)(t(\d+h)?(\d+m)?(\d+(\.\d+)?s)?)?$".into()
        }),
        ("json-pointer", || "^(/([^~/]|~[01])*)*$".into()),
    ]
};

/// The compiled check of `FORMATS[i]`, made the first time a value of that format is checked.
/// Byte-wise and ASCII-only, which keeps each small (Unicode classes multiply the automaton).
fn format_check(i: usize) -> &'static regex::bytes::Regex {
    static COMPILED: [OnceLock<regex::bytes::Regex>; FORMATS.len()] =
        [const { OnceLock::new() }; FORMATS.len()];
    COMPILED[i].get_or_init(|| {
        regex::bytes::RegexBuilder::new(&(FORMATS[i].1)())
            .unicode(false)
            .case_insensitive(true)
            .build()
            .expect("a valid check")
    })
}

/// Whether `text` meets the format, lengths and pattern (a pattern the regex crates cannot read
/// is taken as met).
pub fn string_meets(text: &str, format: Option<&str>, c: &Constraints) -> bool {
    let n = text.chars().count() as u64;
    format.is_none_or(|f| is_format(f, text))
        && c.min_length.is_none_or(|min| n >= min)
        && c.max_length.is_none_or(|max| n <= max)
        && c.pattern
            .as_deref()
            .and_then(Pattern::cached)
            .is_none_or(|p| p.is_match(text))
}

/// A string: `given` if it meets the constraints, else the format's placeholder (`fallback`, e.g.
/// a path parameter's name, for a format without one) as it is or fitted to the lengths, else
/// one made from the pattern.
pub fn string(format: StringFormat, c: &Constraints, given: Option<&str>, fallback: &str) -> Met {
    let format = format_name(format, c);
    let preferred = format.and_then(placeholder).unwrap_or(fallback);
    let candidates = given
        .into_iter()
        .chain([preferred])
        .map(str::to_owned)
        .chain(fitted(preferred, c));
    for candidate in candidates {
        if string_meets(&candidate, format, c) {
            return (Value::String(candidate), true);
        }
    }
    let pattern = c.pattern.as_deref().and_then(Pattern::cached);
    let min = c.min_length.unwrap_or(0) as usize;
    let max = c.max_length.map(|m| m as usize);
    match pattern.and_then(|p| p.sample(min, max)) {
        Some(made) if format.is_none_or(|f| is_format(f, &made)) => (Value::String(made), true),
        _ => (Value::String(given.unwrap_or(preferred).to_owned()), false),
    }
}

/// `text` cut to the maximum length or padded to the minimum (an e-mail address in its local
/// part, so that it stays one).
fn fitted(text: &str, c: &Constraints) -> Option<String> {
    let n = text.chars().count();
    if let Some(max) = c.max_length.map(|m| m as usize).filter(|&m| n > m) {
        return Some(text.chars().take(max).collect());
    }
    let missing = (c.min_length? as usize).checked_sub(n).filter(|&m| m > 0)?;
    if missing > MAX_PAD {
        return None;
    }
    let pad: String = "x".repeat(missing);
    Some(match text.split_once('@') {
        Some((local, domain)) => format!("{local}{pad}@{domain}"),
        None => format!("{text}{pad}"),
    })
}

/// The range of integers a format holds.
fn int_range(format: IntFormat) -> (i128, i128) {
    match format {
        IntFormat::I8 => (i8::MIN.into(), i8::MAX.into()),
        IntFormat::I16 => (i16::MIN.into(), i16::MAX.into()),
        IntFormat::I32 => (i32::MIN.into(), i32::MAX.into()),
        IntFormat::I64 => (i64::MIN.into(), i64::MAX.into()),
        IntFormat::U8 => (0, u8::MAX.into()),
        IntFormat::U16 => (0, u16::MAX.into()),
        IntFormat::U32 => (0, u32::MAX.into()),
        IntFormat::U64 => (0, u64::MAX.into()),
    }
}

/// An integer: `given` if it meets the format's range, the bounds and `multipleOf`, else the one
/// nearest zero that does.
pub fn integer(format: IntFormat, c: &Constraints, given: Option<&Value>) -> Met {
    let (mut lo, mut hi) = int_range(format);
    if let Some(min) = c.minimum {
        let bound = min.ceil() as i128;
        lo = lo.max(bound + i128::from(c.exclusive_minimum && min == min.ceil()));
    }
    if let Some(max) = c.maximum {
        let bound = max.floor() as i128;
        hi = hi.min(bound - i128::from(c.exclusive_maximum && max == max.floor()));
    }
    let step = c
        .multiple_of
        .filter(|m| *m >= 1.0 && m.fract() == 0.0)
        .map_or(1, |m| m as i128);
    let meets = |n: i128| lo <= n && n <= hi && n % step == 0;
    let given = given
        .and_then(Value::as_number)
        .and_then(|n| n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)));
    if let Some(n) = given.filter(|&n| meets(n)) {
        return (int_value(n), true);
    }
    let nearest = if lo > 0 {
        lo + (step - lo % step) % step
    } else if hi < 0 {
        hi - hi.rem_euclid(step)
    } else {
        0
    };
    (int_value(nearest), meets(nearest))
}

fn int_value(n: i128) -> Value {
    match (i64::try_from(n), u64::try_from(n)) {
        (Ok(n), _) => Value::from(n),
        (_, Ok(n)) => Value::from(n),
        _ => Value::from(0),
    }
}

/// A number: `given` if it is within the bounds and a multiple of `multipleOf`, else the one
/// nearest zero that is (whole where it can be).
pub fn number(c: &Constraints, given: Option<&Value>) -> Met {
    let above = |x: f64| {
        c.minimum.is_none_or(|min| {
            if c.exclusive_minimum {
                x > min
            } else {
                x >= min
            }
        })
    };
    let below = |x: f64| {
        c.maximum.is_none_or(|max| {
            if c.exclusive_maximum {
                x < max
            } else {
                x <= max
            }
        })
    };
    let multiple = |x: f64| {
        c.multiple_of
            .filter(|m| *m > 0.0)
            .is_none_or(|m| ((x / m) - (x / m).round()).abs() < 1e-9)
    };
    let meets = |x: f64| above(x) && below(x) && multiple(x);
    if let Some(x) = given.and_then(Value::as_f64).filter(|&x| meets(x)) {
        return (given.cloned().unwrap_or_default(), meets(x));
    }
    let step = c.multiple_of.filter(|m| *m > 0.0).unwrap_or(1.0);
    let candidates = [
        Some(0.0),
        c.minimum.map(|min| (min / step).ceil() * step),
        c.minimum.map(|min| ((min / step).floor() + 1.0) * step),
        c.maximum.map(|max| (max / step).floor() * step),
        c.maximum.map(|max| ((max / step).ceil() - 1.0) * step),
        c.minimum.zip(c.maximum).map(|(a, b)| (a + b) / 2.0),
    ];
    match candidates.into_iter().flatten().find(|&x| meets(x)) {
        Some(x) => (float_value(x), true),
        None => (Value::from(0), false),
    }
}

fn float_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        return Value::from(x as i64);
    }
    Number::from_f64(x).map_or(Value::from(0), Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn c() -> Constraints {
        Constraints::default()
    }

    fn text(met: Met) -> (String, bool) {
        (met.0.as_str().unwrap_or_default().to_owned(), met.1)
    }

    #[test]
    fn formats_get_placeholders_their_checks_accept() {
        for format in [
            "date-time",
            "date",
            "time",
            "duration",
            "email",
            "hostname",
            "ipv4",
            "ipv6",
            "uri",
            "url",
            "uuid",
            "byte",
            "json-pointer",
        ] {
            let value = placeholder(format).unwrap();
            assert!(is_format(format, value), "{format}: {value}");
        }
        assert!(!is_format("date-time", "today"));
        assert!(!is_format("uuid", "id"));
        assert!(!is_format("email", "someone"));
        assert!(!is_format("ipv4", "256.0.0.1"));
        assert!(!is_format("date", "2024-13-01"));
        assert!(is_format("unknown-format", "anything"));
    }

    #[test]
    fn given_strings_stay_when_they_meet_the_constraints() {
        let uuid = Constraints {
            format: Some("uuid".into()),
            ..c()
        };
        let id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
        assert_eq!(
            text(string(StringFormat::Plain, &uuid, Some("id"), PLAIN)),
            (id.into(), true)
        );
        let fine = "0b8a9d3c-2f5e-4a7b-9c1d-6e0f2a3b4c5d";
        assert_eq!(
            text(string(StringFormat::Plain, &uuid, Some(fine), PLAIN)).0,
            fine
        );
        let short = Constraints {
            max_length: Some(3),
            ..c()
        };
        assert_eq!(
            text(string(StringFormat::Plain, &short, None, PLAIN)),
            ("str".into(), true)
        );
        let long = Constraints {
            min_length: Some(20),
            format: Some("email".into()),
            ..c()
        };
        let (made, met) = text(string(StringFormat::Plain, &long, None, PLAIN));
        assert!(
            met && made.chars().count() == 20 && made.ends_with("@example.com"),
            "{made}"
        );
        let pattern = Constraints {
            pattern: Some("^[0-9]{3}$".into()),
            ..c()
        };
        assert_eq!(
            text(string(StringFormat::Plain, &pattern, Some("12"), "id")),
            ("012".into(), true)
        );
        let named = text(string(StringFormat::Plain, &c(), None, "petId"));
        assert_eq!(named, ("petId".into(), true));
        let never = Constraints {
            pattern: Some("^a$".into()),
            min_length: Some(2),
            ..c()
        };
        assert!(!string(StringFormat::Plain, &never, None, PLAIN).1);
    }

    #[test]
    fn integers_keep_to_format_bounds_and_steps() {
        let at_least_one = Constraints {
            minimum: Some(1.0),
            ..c()
        };
        assert_eq!(
            integer(IntFormat::I64, &at_least_one, Some(&json!(0))),
            (json!(1), true)
        );
        assert_eq!(
            integer(IntFormat::I64, &at_least_one, Some(&json!(7))),
            (json!(7), true)
        );
        let above_five_by_four = Constraints {
            minimum: Some(5.0),
            exclusive_minimum: true,
            multiple_of: Some(4.0),
            ..c()
        };
        assert_eq!(
            integer(IntFormat::I32, &above_five_by_four, None),
            (json!(8), true)
        );
        let negative = Constraints {
            maximum: Some(-3.0),
            multiple_of: Some(2.0),
            ..c()
        };
        assert_eq!(integer(IntFormat::I64, &negative, None), (json!(-4), true));
        assert_eq!(
            integer(IntFormat::U8, &c(), Some(&json!(300))),
            (json!(0), true)
        );
        let empty = Constraints {
            minimum: Some(3.0),
            maximum: Some(2.0),
            ..c()
        };
        assert!(!integer(IntFormat::I64, &empty, None).1);
    }

    #[test]
    fn numbers_keep_to_bounds_and_steps() {
        let positive = Constraints {
            minimum: Some(0.0),
            exclusive_minimum: true,
            maximum: Some(0.5),
            ..c()
        };
        assert_eq!(number(&positive, None), (json!(0.25), true));
        let halves = Constraints {
            minimum: Some(1.2),
            multiple_of: Some(0.5),
            ..c()
        };
        assert_eq!(number(&halves, Some(&json!(1.3))), (json!(1.5), true));
        assert_eq!(number(&c(), Some(&json!(2.5))), (json!(2.5), true));
        assert_eq!(number(&c(), None), (json!(0), true));
    }
}
