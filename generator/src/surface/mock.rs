//! What the crate's `mock` module (Cargo feature [`TEST_UTIL`]) holds for each operation: a type
//! with the call's inputs as the caller gave them, owned, for mock rules to match on; and the
//! status and media type each kind of result is answered with.

use super::ops::OpShape;
use super::returns::{Read, Returns};
use super::rust_type::RustType;
use crate::model::{Operation, StatusCode};

/// The Cargo feature that builds the client over an in-memory transport, for tests.
pub const TEST_UTIL: &str = "test-util";

/// The client builder's setter that sends every request to a mock.
pub const MOCK_SETTER: &str = "mock";

/// One operation's type in the `mock` module, named as its request builder.
#[derive(Debug, Clone, PartialEq)]
pub struct MockShape {
    /// Every input of the call, required ones first, as the builder has them.
    pub fields: Vec<MockField>,
    /// How a result travels back: the success response it comes as.
    pub reply: MockReply,
    /// What a rule answers with: the method's result, but for server-sent events their text
    /// (`data: …` lines), which the client then parses as it would the network's.
    pub output: RustType,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MockField {
    /// The argument's or setter's name.
    pub ident: String,
    /// The owned type the mock keeps (an optional input as an `Option`).
    pub ty: RustType,
    /// Whether the builder holds it as an `Option`, inside which `take` applies.
    pub optional: bool,
    /// How the builder's value becomes that.
    pub take: Take,
}

/// How a builder's field becomes the mock's owned value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// A number or a boolean: copied.
    Copy,
    /// `&str` to `String`.
    ToOwned,
    /// `&T` to `T`.
    Deref,
    /// Anything else owned: cloned.
    Clone,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MockReply {
    /// `()`: an empty response with this status.
    Empty(u16),
    /// One body type, sent with this status, read as `read` (`media` for bytes and text).
    Body {
        status: u16,
        read: Read,
        media: String,
    },
    /// The operation's enum, by name: each variant and its status, and the `Other` variant.
    Enum {
        name: String,
        variants: Vec<MockVariant>,
        other: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct MockVariant {
    pub ident: String,
    pub status: u16,
    /// How its body is read, and the body's media type.
    pub body: Option<(Read, String)>,
}

impl MockShape {
    pub fn new(op: &Operation, shape: &OpShape) -> MockShape {
        let args = shape.args.iter().map(|a| match &a.ty {
            RustType::Option(inner) => (&a.ident, &**inner, true),
            ty => (&a.ident, ty, false),
        });
        let setters = shape.setters.iter().map(|s| (&s.name, &s.ty, true));
        let fields = args
            .chain(setters)
            .map(|(ident, ty, optional)| {
                let (ty, take) = owned(ty);
                MockField {
                    ident: ident.clone(),
                    ty: if optional { RustType::option(ty) } else { ty },
                    optional,
                    take,
                }
            })
            .collect();
        let output = match &shape.returns {
            Returns::Body(body) if matches!(body.read, Read::Events { .. }) => {
                RustType::Prim("String")
            }
            returns => returns.ty(),
        };
        MockShape {
            fields,
            reply: reply(op, shape),
            output,
        }
    }
}

/// The owned type of a builder's value, and how to make it.
fn owned(ty: &RustType) -> (RustType, Take) {
    match ty {
        RustType::Str => (RustType::Prim("String"), Take::ToOwned),
        RustType::Ref(inner) => ((**inner).clone(), Take::Deref),
        RustType::Prim(name) if *name != "String" => (ty.clone(), Take::Copy),
        other => (other.clone(), Take::Clone),
    }
}

fn reply(op: &Operation, shape: &OpShape) -> MockReply {
    let media = |response: usize| {
        let body = op.responses[response].body.as_ref();
        body.map_or_else(String::new, |b| b.media_type.clone())
    };
    match &shape.returns {
        Returns::Unit => {
            let first = op.successes().first().map(|&i| op.responses[i].status);
            MockReply::Empty(first.map_or(200, |s| status(s, &[])))
        }
        Returns::Body(body) => MockReply::Body {
            status: status(op.responses[body.response].status, &[]),
            read: body.read,
            media: media(body.response),
        },
        Returns::Enum(e) => {
            let exact: Vec<u16> = e
                .variants
                .iter()
                .filter_map(|v| match v.status {
                    StatusCode::Code(code) => Some(code),
                    _ => None,
                })
                .collect();
            let variants = e.variants.iter().map(|v| MockVariant {
                ident: v.ident.clone(),
                status: status(v.status, &exact),
                body: v.body.as_ref().map(|(_, read)| (*read, media(v.response))),
            });
            MockReply::Enum {
                name: e.name.clone(),
                variants: variants.collect(),
                other: e.other,
            }
        }
    }
}

/// The status a reply for `status` is sent with: the code itself, or for a range (or
/// `default`) the first success code that no exact variant takes.
fn status(status: StatusCode, exact: &[u16]) -> u16 {
    match status {
        StatusCode::Code(code) if (200..300).contains(&code) => code,
        _ => (200..300).find(|c| !exact.contains(c)).unwrap_or(200),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_or_default_replies_with_a_success_no_exact_variant_takes() {
        assert_eq!(status(StatusCode::Code(201), &[201]), 201);
        assert_eq!(status(StatusCode::Range(2), &[200, 201]), 202);
        assert_eq!(status(StatusCode::Default, &[]), 200);
        // A non-2XX code is never a success the client returns.
        assert_eq!(status(StatusCode::Code(404), &[]), 200);
    }
}
