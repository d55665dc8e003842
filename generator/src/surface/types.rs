//! The Rust shape of each named type: its fields with their presence, boxing and Rust type, its
//! variants, the traits it implements and the feature that gates it.

use super::graph::{Graph, Usage};
use super::rust_type::RustType;
use crate::model::*;

/// How a struct field is present on the wire, which decides its Rust type and serde attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there, never null: `T`.
    Required,
    /// Always sent, may be null: `Option<T>`.
    Nullable,
    /// May be left out (or, outside requests, be null): `Option<T>`, skipped when `None`.
    Optional,
    /// May be left out or be null, and in a request the two differ (e.g. a PATCH that clears a
    /// value): `Option<Option<T>>`: `None` leaves it out, `Some(None)` sends `null`.
    TriState,
}

impl Presence {
    /// Whether the Rust type is an `Option`.
    pub fn is_optional(self) -> bool {
        self != Presence::Required
    }
}

/// Whether a serde trait is always implemented, or only with the crate's `full-serde` feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    Always,
    FullSerde,
}

/// The traits a type implements beyond `Clone`, `Debug` and `PartialEq`, which all have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traits {
    pub default: bool,
    /// `Eq`, `Hash`, `PartialOrd` and `Ord`.
    pub ord: bool,
    pub copy: bool,
    pub serialize: Derive,
    pub deserialize: Derive,
}

#[derive(Debug, Clone)]
pub struct TypeShape {
    /// The Rust name, in the crate's `types` module.
    pub name: String,
    pub usage: Usage,
    pub traits: Traits,
    /// The `cfg` predicate that gates the type, if any.
    pub gate: Option<String>,
    pub kind: ShapeKind,
}

#[derive(Debug, Clone)]
pub enum ShapeKind {
    Struct(StructShape),
    Enum(EnumShape),
    Union(UnionShape),
    /// `pub type Name = T;`
    Alias(RustType),
    /// `pub struct Name(pub T);`, serialized as `T`: an alias whose type holds itself, which a
    /// Rust `type` cannot (see [`Graph::newtype`]).
    Newtype(RustType),
}

/// Every struct is `#[non_exhaustive]`: code outside the crate reads its `pub` fields but makes
/// values as [`Construct`] says, so a new field never breaks it.
#[derive(Debug, Clone)]
pub struct StructShape {
    /// In the order of the model's fields.
    pub fields: Vec<FieldShape>,
    /// The value type of the flattened `additional_properties` map.
    pub additional: Option<RustType>,
    /// `Debug` is written by hand to print secret fields as `***`.
    pub redacted: bool,
    pub construct: Construct,
}

/// How code outside the crate makes a value of a struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Construct {
    /// `Name::new(..)` takes the required fields (these indices, in field order), so leaving one
    /// out does not compile; every field also has a `with_*` setter. Types some request sends.
    New(Vec<usize>),
    /// Deserialized from a response, or `Default` (where the type has it) plus `with_*` setters,
    /// e.g. in tests. Types only responses hold: a new field of any kind breaks no one.
    Received,
}

#[derive(Debug, Clone)]
pub struct FieldShape {
    pub ident: String,
    pub wire: String,
    pub presence: Presence,
    pub boxed: bool,
    /// The field's declared type, `Option` and `Box` included.
    pub ty: RustType,
    pub secret: bool,
    /// The setter, `with_<field>`.
    pub setter: String,
    /// What the constructor and the setter take: the field's type without the `Option` its
    /// presence adds and without `Box` (`impl Into<String>` where it is `String`).
    pub value: RustType,
    /// The setter stores `Some(value)` (else the value itself).
    pub some: bool,
    /// Bytes (`format: binary`, 3.1's `contentMediaType`) that travel as a JSON string, its
    /// UTF-8: JSON has no bytes, and serde would write an array of numbers. A tri-state field
    /// (rare with bytes) keeps serde's way.
    pub bytes_as_text: bool,
}

#[derive(Debug, Clone)]
pub struct EnumShape {
    pub repr: EnumRepr,
    /// `(Rust variant, wire value)` in spec order.
    pub variants: Vec<(String, String)>,
    /// The variant that keeps values this version does not know.
    pub unknown: String,
    /// Code outside the crate can `match` it without a `_` arm.
    pub exhaustive: bool,
}

#[derive(Debug, Clone)]
pub struct UnionShape {
    /// The discriminator property of a tagged union.
    pub tag: Option<String>,
    pub variants: Vec<UnionVariantShape>,
    /// A tagged union's variant for unknown tags.
    pub unknown: Option<String>,
    pub exhaustive: bool,
}

#[derive(Debug, Clone)]
pub struct UnionVariantShape {
    pub ident: String,
    /// The discriminator value (tagged unions).
    pub wire: String,
    /// `None`: a unit variant (a tagged variant that carries nothing but its tag).
    pub payload: Option<RustType>,
    pub boxed: bool,
}

/// The shape of every named type, in model order.
pub fn shapes(api: &Api, graph: &Graph, gate: impl Fn(usize) -> Option<String>) -> Vec<TypeShape> {
    let multipart = multipart_bodies(api);
    api.types
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let usage = graph.usage[i];
            let kind = match &def.kind {
                TypeKind::Struct(s) => {
                    let files = multipart[i];
                    ShapeKind::Struct(structure(api, graph, i, s, usage, files))
                }
                TypeKind::Enum(e) => ShapeKind::Enum(enumeration(e)),
                TypeKind::Union(u) => ShapeKind::Union(union(api, graph, i, u)),
                TypeKind::Alias(ty) if graph.newtype[i] => {
                    let inner = RustType::of(api, ty);
                    ShapeKind::Newtype(if graph.needs_box(i, ty) {
                        inner.boxed_inside_option()
                    } else {
                        inner
                    })
                }
                TypeKind::Alias(ty) => ShapeKind::Alias(RustType::of(api, ty)),
            };
            TypeShape {
                name: def.name.rust.clone(),
                usage,
                traits: traits(&kind, usage),
                gate: gate(i),
                kind,
            }
        })
        .collect()
}

fn traits(kind: &ShapeKind, usage: Usage) -> Traits {
    let by_usage = |yes: bool| {
        if yes {
            Derive::Always
        } else {
            Derive::FullSerde
        }
    };
    match kind {
        ShapeKind::Enum(e) => Traits {
            default: false,
            ord: true,
            copy: e.repr != EnumRepr::String,
            serialize: Derive::Always,
            deserialize: Derive::Always,
        },
        // Callers make a struct with `Default` where nothing is required; a struct only responses
        // hold is read, or made from JSON, so that a new field of any kind breaks no one.
        ShapeKind::Struct(s) => Traits {
            default: s.construct != Construct::Received
                && s.fields.iter().all(|f| f.presence.is_optional()),
            ord: false,
            copy: false,
            serialize: by_usage(usage.sent || !usage.received),
            deserialize: by_usage(usage.received || !usage.sent),
        },
        ShapeKind::Union(_) | ShapeKind::Alias(_) | ShapeKind::Newtype(_) => Traits {
            default: false,
            ord: false,
            copy: false,
            serialize: by_usage(usage.sent || !usage.received),
            deserialize: by_usage(usage.received || !usage.sent),
        },
    }
}

/// Per type, whether some operation sends it as its `multipart/form-data` body.
fn multipart_bodies(api: &Api) -> Vec<bool> {
    let mut bodies = vec![false; api.types.len()];
    let multipart = api.operations.iter().filter_map(|op| op.body.as_ref());
    for body in multipart.filter(|b| b.kind == BodyKind::Multipart) {
        if let Ty::Named(id) = body.ty.non_null() {
            bodies[id.0] = true;
        }
    }
    bodies
}

/// `files`: the struct is a multipart body, whose binary fields are file parts (`FilePart`:
/// bytes, a file or a stream, with a file name and a media type of their own).
fn structure(
    api: &Api,
    graph: &Graph,
    id: usize,
    s: &Struct,
    usage: Usage,
    files: bool,
) -> StructShape {
    let mut fields: Vec<FieldShape> = s
        .fields
        .iter()
        .map(|f| field(api, graph, id, f, usage.sent, files))
        .collect();
    // `_id` and `id_` are two fields but would be one setter.
    let mut setters: Vec<String> = Vec::new();
    for f in &mut fields {
        let (mut name, mut n) = (f.setter.clone(), 2);
        while setters.contains(&name) {
            name = format!("{}{n}", f.setter);
            n += 1;
        }
        setters.push(name.clone());
        f.setter = name;
    }
    // Types some request sends (or that no operation uses) are made by callers.
    let construct = if usage.sent {
        let required = fields.iter().enumerate();
        Construct::New(
            required
                .filter(|(_, f)| !f.presence.is_optional())
                .map(|(i, _)| i)
                .collect(),
        )
    } else {
        Construct::Received
    };
    StructShape {
        fields,
        additional: s.additional.as_ref().map(|ty| RustType::of(api, ty)),
        redacted: s.fields.iter().any(|f| f.secret),
        construct,
    }
}

fn field(
    api: &Api,
    graph: &Graph,
    owner: usize,
    f: &Field,
    in_request: bool,
    files: bool,
) -> FieldShape {
    let presence = presence(api, graph, f, in_request);
    let boxed = graph.needs_box(owner, &f.ty);
    let file = files && matches!(f.ty.non_null(), Ty::Binary);
    let mut ty = match &f.ty {
        Ty::Nullable(_) if file => RustType::option(RustType::FilePart),
        _ if file => RustType::FilePart,
        other => RustType::of(api, other),
    };
    if boxed {
        ty = ty.boxed_inside_option();
    }
    let wrapped = matches!(presence, Presence::Optional | Presence::TriState)
        && !nullable(api, graph, &f.ty)
        || presence == Presence::TriState;
    if wrapped {
        ty = RustType::option(ty);
    }
    // The setter takes what the field holds less one `Option` (a value for an optional field,
    // `Option<T>` for a tri-state one), so its signature follows the field's type alone.
    let (value, some) = match &ty {
        RustType::Option(inner) if presence != Presence::Required => (unboxed(inner), true),
        other => (unboxed(other), false),
    };
    FieldShape {
        ident: f.name.rust.clone(),
        wire: f.name.wire.clone(),
        presence,
        boxed,
        ty,
        secret: f.secret,
        setter: setter_name(&f.name.rust),
        value,
        some,
        bytes_as_text: matches!(f.ty.non_null(), Ty::Binary)
            && presence != Presence::TriState
            && !file,
    }
}

/// `with_` and the field's name without the underscores that kept it from a keyword or a
/// digit (`with_type` for `type_`, `with_1st` for `_1st`).
fn setter_name(field: &str) -> String {
    match field.trim_matches('_') {
        "" => "with_value".to_owned(),
        name => format!("with_{name}"),
    }
}

/// `ty` without `Box`: `Box<T>` is `T`, `Option<Box<T>>` is `Option<T>`.
fn unboxed(ty: &RustType) -> RustType {
    match ty {
        RustType::Box(inner) => (**inner).clone(),
        RustType::Option(inner) => RustType::option(unboxed(inner)),
        other => other.clone(),
    }
}

/// The presence of field `f` of a type that is (or is not) part of some request.
/// `readOnly` and `writeOnly` fields are only sent one way, so they are never required.
fn presence(api: &Api, graph: &Graph, f: &Field, in_request: bool) -> Presence {
    let required = f.required && !f.read_only && !f.write_only;
    match (required, nullable(api, graph, &f.ty)) {
        (true, false) => Presence::Required,
        (true, true) => Presence::Nullable,
        (false, true) if in_request => Presence::TriState,
        (false, _) => Presence::Optional,
    }
}

/// Whether `ty` may be null, also through named aliases (a component with `nullable: true`),
/// so that its Rust type is already an `Option`. A newtype is not an `Option`.
pub fn nullable(api: &Api, graph: &Graph, ty: &Ty) -> bool {
    let mut ty = ty;
    for _ in 0..api.types.len() + 1 {
        match ty {
            Ty::Nullable(_) => return true,
            Ty::Named(id) if graph.newtype[id.0] => return false,
            Ty::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Alias(target) => ty = target,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

fn enumeration(e: &Enum) -> EnumShape {
    let variants: Vec<(String, String)> = e
        .variants
        .iter()
        .map(|v| (v.name.rust.clone(), v.name.wire.clone()))
        .collect();
    EnumShape {
        repr: e.repr,
        unknown: unknown_name(variants.iter().map(|(rust, _)| rust.as_str())),
        variants,
        exhaustive: false,
    }
}

/// `Unknown`, or `Unknown_`… when a known value already took the name.
fn unknown_name<'a>(taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut unknown = String::from("Unknown");
    while taken.clone().any(|name| name == unknown) {
        unknown.push('_');
    }
    unknown
}

fn union(api: &Api, graph: &Graph, id: usize, u: &Union) -> UnionShape {
    let tagged = u.discriminator.is_some();
    let variants: Vec<UnionVariantShape> = u
        .variants
        .iter()
        .map(|v| {
            let boxed = graph.needs_box(id, &v.ty);
            let payload = (!(tagged && is_unit(api, &v.ty))).then(|| {
                let ty = RustType::of(api, &v.ty);
                if boxed {
                    ty.boxed_inside_option()
                } else {
                    ty
                }
            });
            UnionVariantShape {
                ident: v.name.rust.clone(),
                wire: v.name.wire.clone(),
                payload,
                boxed,
            }
        })
        .collect();
    UnionShape {
        tag: u.discriminator.as_ref().map(|d| d.property.clone()),
        unknown: tagged.then(|| unknown_name(variants.iter().map(|v| v.ident.as_str()))),
        variants,
        exhaustive: false,
    }
}

/// A tagged-union variant whose type is an object with no properties carries nothing but its
/// tag, so it is a unit variant.
fn is_unit(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => matches!(
            &api.type_def(*id).kind,
            TypeKind::Struct(s) if s.fields.is_empty() && s.additional.is_none()
        ),
        _ => false,
    }
}
