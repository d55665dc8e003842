//! The one table that says which API changes break code using the generated crate, and why.

use serde::Serialize;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    RouteChanged,
    OperationDeprecated,
    ParameterAddedRequired,
    ParameterAddedOptional,
    ParameterRemoved,
    ParameterBecameRequired,
    ParameterBecameOptional,
    ParameterMoved,
    PathParametersReordered,
    RequestBodyAdded,
    RequestBodyRemoved,
    MediaTypeChanged,
    ResponseAdded,
    ResponseRemoved,
    FieldAddedRequired,
    FieldAddedOptional,
    FieldRemoved,
    FieldBecameRequired,
    FieldBecameOptional,
    NullableAdded,
    NullableRemoved,
    TypeChanged,
    TypeKindChanged,
    EnumValueAdded,
    EnumValueRemoved,
    UnionVariantAdded,
    UnionVariantRemoved,
    SerdeTraitRemoved,
    SecurityTightened,
    SecurityRelaxed,
    SecuritySchemeAdded,
    SecuritySchemeRemoved,
    SecuritySchemeChanged,
    ClientRenamed,
    ClientKindChanged,
    BaseUrlChanged,
}

impl Kind {
    /// The kebab-case id used in JSON and in the README table.
    pub fn id(self) -> String {
        let debug = format!("{self:?}");
        let mut id = String::new();
        for (i, c) in debug.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                id.push('-');
            }
            id.push(c.to_ascii_lowercase());
        }
        id
    }
}

/// Which way the data flows: values the caller builds, or values the caller reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Parameters and request bodies.
    Request,
    /// Success and error response bodies.
    Response,
    /// Not tied to a direction (operations, security, the client); in a rule: either side.
    Any,
}

/// The circumstance a rule needs, beyond the kind and side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    Always,
    /// The Rust type users write changes (e.g. `T` ↔ `Option<T>`, `String` → `i64`).
    RustTypeChanges,
    /// Only the spec changes; the Rust type stays the same.
    RustTypeSame,
    /// The struct derived `Default` before and after, so callers write `..Default::default()`.
    HasDefault,
    /// The struct has no `Default`: every struct literal names every field.
    NoDefault,
    /// The operation had no parameter struct: the method gains an argument.
    NewArgument,
    /// A path parameter becomes another kind of parameter or back: the signature changes.
    TouchesPath,
    /// Between query, header and cookie: the field stays in the parameter struct.
    NotPath,
    /// A string enum: a Rust enum whose variants code names and matches on.
    StringEnum,
    /// An integer or boolean enum: a type alias, its values only documented.
    ValueEnum,
    /// A generic client: the runtime picks credentials from the operation's security.
    GenericClient,
    /// An Authing client: the runtime always sends its own token.
    AuthingClient,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Breaking,
    Compatible,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Compatible => "compatible",
        }
    }
}

pub struct Rule {
    pub kind: Kind,
    pub side: Side,
    pub when: When,
    pub class: Class,
    pub why: &'static str,
}

const fn rule(kind: Kind, side: Side, when: When, class: Class, why: &'static str) -> Rule {
    Rule {
        kind,
        side,
        when,
        class,
        why,
    }
}

use Class::{Breaking as B, Compatible as C};
use Kind::*;
use Side::{Any, Request as Req, Response as Resp};
use When::*;

/// Every classification. A change matches the first row with its kind, its side (or `Any`) and
/// its circumstance (or `Always`).
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    rule(OperationAdded, Any, Always, C, "a new method; existing code is unaffected"),
    rule(OperationRemoved, Any, Always, B, "calls to the method no longer compile"),
    rule(OperationRenamed, Any, Always, B, "the method has a new name; calls to the old one no longer compile"),
    rule(RouteChanged, Any, Always, C, "the SDK sends the new request; calling code is unchanged"),
    rule(OperationDeprecated, Any, Always, C, "calls still compile, with a deprecation warning"),
    rule(ParameterAddedRequired, Req, Always, B, "callers must supply it: the call or the parameter struct literal no longer compiles"),
    rule(ParameterAddedOptional, Req, NewArgument, B, "the method gains a `params` argument"),
    rule(ParameterAddedOptional, Req, HasDefault, C, "the parameter struct derives `Default`; `..Default::default()` fills it"),
    rule(ParameterAddedOptional, Req, NoDefault, B, "the parameter struct has no `Default`, so its literals must name the new field"),
    rule(ParameterRemoved, Req, Always, B, "code that sets it no longer compiles"),
    rule(ParameterBecameRequired, Req, Always, B, "its Rust type changes from `Option<T>` to `T`, and callers must supply it"),
    rule(ParameterBecameOptional, Req, Always, B, "its Rust type changes from `T` to `Option<T>`"),
    rule(ParameterMoved, Req, TouchesPath, B, "it moves between the method's arguments and the parameter struct"),
    rule(ParameterMoved, Req, NotPath, C, "it stays a field of the parameter struct; the SDK sends it in the new place"),
    rule(PathParametersReordered, Req, Always, B, "positional arguments change order: calls compile but send values to the wrong place"),
    rule(RequestBodyAdded, Req, Always, B, "the method gains a `body` argument"),
    rule(RequestBodyRemoved, Req, Always, B, "the method loses its `body` argument"),
    rule(MediaTypeChanged, Any, Always, C, "the SDK encodes the same Rust value the new way"),
    rule(ResponseAdded, Resp, Always, C, "a new status code; the method's result type is unchanged"),
    rule(ResponseRemoved, Resp, Always, C, "a status code no longer documented; the method's result type is unchanged"),
    rule(FieldAddedRequired, Req, Always, B, "callers must set it: struct literals without it no longer compile"),
    rule(FieldAddedRequired, Resp, Always, C, "a new field to read; existing reads compile"),
    rule(FieldAddedOptional, Req, HasDefault, C, "the struct derives `Default`; `..Default::default()` fills it"),
    rule(FieldAddedOptional, Req, NoDefault, B, "the struct has no `Default`, so its literals must name the new field"),
    rule(FieldAddedOptional, Resp, Always, C, "a new field to read; existing reads compile"),
    rule(FieldRemoved, Any, Always, B, "code that reads or sets it no longer compiles"),
    rule(FieldBecameRequired, Any, RustTypeChanges, B, "its Rust type changes from `Option<T>` to `T`"),
    rule(FieldBecameRequired, Any, RustTypeSame, C, "it is nullable, so its Rust type stays `Option<T>`"),
    rule(FieldBecameOptional, Any, RustTypeChanges, B, "its Rust type changes from `T` to `Option<T>`"),
    rule(FieldBecameOptional, Any, RustTypeSame, C, "it is nullable, so its Rust type stays `Option<T>`"),
    rule(NullableAdded, Any, RustTypeChanges, B, "its Rust type changes from `T` to `Option<T>`"),
    rule(NullableAdded, Any, RustTypeSame, C, "it was optional, so its Rust type stays `Option<T>`"),
    rule(NullableRemoved, Any, RustTypeChanges, B, "its Rust type changes from `Option<T>` to `T`"),
    rule(NullableRemoved, Any, RustTypeSame, C, "it is optional, so its Rust type stays `Option<T>`"),
    rule(TypeChanged, Any, RustTypeChanges, B, "its Rust type changes"),
    rule(TypeChanged, Any, RustTypeSame, C, "only the spec's format changes; the Rust type is the same"),
    rule(TypeKindChanged, Any, Always, B, "the Rust type changes between struct, enum, union and alias"),
    rule(EnumValueAdded, Any, StringEnum, B, "the Rust enum gains a variant: a `match` without a `_` arm no longer compiles, and the value no longer arrives as `Unknown(..)`"),
    rule(EnumValueAdded, Any, ValueEnum, C, "the Rust type is a plain integer or boolean; only the docs change"),
    rule(EnumValueRemoved, Req, Always, B, "the server no longer accepts the value (a string enum also loses the variant)"),
    rule(EnumValueRemoved, Resp, StringEnum, B, "the Rust enum loses a variant: code naming it no longer compiles"),
    rule(EnumValueRemoved, Resp, ValueEnum, C, "the Rust type is a plain integer or boolean; the value just stops arriving"),
    rule(UnionVariantAdded, Any, Always, B, "the Rust enum gains a variant: a `match` without a `_` arm no longer compiles"),
    rule(UnionVariantRemoved, Any, Always, B, "the Rust enum loses a variant: code naming it no longer compiles"),
    rule(SerdeTraitRemoved, Any, Always, B, "the type now travels one way only, so it derives only that serde trait: code using the other no longer compiles without the crate's `full-serde` feature"),
    rule(SecurityTightened, Any, GenericClient, B, "a client configured for the old requirement no longer has the credentials the call needs"),
    rule(SecurityTightened, Any, AuthingClient, C, "the Authing runtime sends its token whatever the spec says"),
    rule(SecurityRelaxed, Any, Always, C, "every client that could call it still can"),
    rule(SecuritySchemeAdded, Any, Always, C, "a new way to authenticate; existing configuration still works"),
    rule(SecuritySchemeRemoved, Any, GenericClient, B, "a client configured with that scheme's credentials is rejected at build or call time"),
    rule(SecuritySchemeRemoved, Any, AuthingClient, C, "the Authing runtime does not use the spec's schemes"),
    rule(SecuritySchemeChanged, Any, GenericClient, B, "the builder method that supplies its credentials changes"),
    rule(SecuritySchemeChanged, Any, AuthingClient, C, "the Authing runtime does not use the spec's schemes"),
    rule(ClientRenamed, Any, Always, B, "the client struct has a new name"),
    rule(ClientKindChanged, Any, Always, B, "the client's builder and its credentials change"),
    rule(BaseUrlChanged, Any, Always, C, "only the default base URL changes"),
];

/// The class and the reason for a change, from the first matching row of [`RULES`].
pub fn classify(kind: Kind, side: Side, when: When) -> (Class, &'static str) {
    RULES
        .iter()
        .find(|r| {
            r.kind == kind
                && (r.side == side || r.side == Any)
                && (r.when == when || r.when == Always)
        })
        .map(|r| (r.class, r.why))
        .unwrap_or((B, "no rule covers this change, so it counts as breaking"))
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Req => "request",
            Resp => "response",
            Any => "any",
        }
    }
}

impl When {
    pub fn label(self) -> &'static str {
        match self {
            Always => "always",
            RustTypeChanges => "the Rust type changes",
            RustTypeSame => "the Rust type stays the same",
            HasDefault => "the struct derives `Default`",
            NoDefault => "the struct has no `Default`",
            NewArgument => "the method had no parameter struct",
            TouchesPath => "to or from a path parameter",
            NotPath => "between query, header and cookie",
            StringEnum => "string enum",
            ValueEnum => "integer or boolean enum",
            GenericClient => "generic client",
            AuthingClient => "Authing client",
        }
    }
}

/// [`RULES`] as a Markdown table, as the README shows it.
pub fn rules_markdown() -> String {
    let mut text =
        String::from("| change | side | when | class | why |\n| --- | --- | --- | --- | --- |\n");
    for r in RULES {
        text.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.kind.id(),
            r.side.label(),
            r.when.label(),
            r.class.as_str(),
            r.why
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_kebab_ids() {
        assert_eq!(FieldAddedRequired.id(), "field-added-required");
        assert_eq!(OperationAdded.id(), "operation-added");
    }

    #[test]
    fn the_side_and_the_circumstance_pick_the_row() {
        assert_eq!(classify(FieldAddedRequired, Req, Always).0, B);
        assert_eq!(classify(FieldAddedRequired, Resp, Always).0, C);
        assert_eq!(classify(FieldAddedOptional, Req, HasDefault).0, C);
        assert_eq!(classify(FieldAddedOptional, Req, NoDefault).0, B);
        assert_eq!(classify(FieldBecameOptional, Resp, RustTypeChanges).0, B);
        assert_eq!(classify(EnumValueAdded, Resp, ValueEnum).0, C);
    }

    #[test]
    fn an_unknown_combination_counts_as_breaking() {
        assert_eq!(classify(ParameterMoved, Req, Always).0, B);
    }

    #[test]
    fn no_row_is_shadowed_by_an_earlier_one() {
        for (i, r) in RULES.iter().enumerate() {
            let side = if r.side == Any { Req } else { r.side };
            let (class, why) = classify(r.kind, side, r.when);
            assert!(
                class == r.class && why == r.why,
                "row {i} ({}) is never used",
                r.kind.id()
            );
        }
    }
}
