//! The one table that says which API changes break code using the generated crate, and why.
//!
//! A rule's circumstance ([`When`]) is read off the two Rust surfaces, so the class follows what
//! the change does to the generated Rust: whether code written against the old crate (struct
//! literals, exhaustive `match`es, calls with typed arguments, results bound by type) still
//! compiles (the Cargo book's SemVer chapter, RFC 1105), and whether it still does what it did.

use serde::Serialize;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
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
    RequestBodyBecameRequired,
    RequestBodyBecameOptional,
    MediaTypeChanged,
    ResultChanged,
    ResultStreamed,
    ResultBuffered,
    ResponseAdded,
    ResponseRemoved,
    ErrorBodyChanged,
    FieldAddedRequired,
    FieldAddedOptional,
    FieldRemoved,
    FieldBecameRequired,
    FieldBecameOptional,
    NullableAdded,
    NullableRemoved,
    TypeChanged,
    TypeKindChanged,
    TypeAdded,
    TypeRemoved,
    EnumValueAdded,
    EnumValueRemoved,
    UnionVariantAdded,
    UnionVariantRemoved,
    TraitRemoved,
    ConstructorRemoved,
    FeatureAdded,
    FeatureRemoved,
    SecurityTightened,
    SecurityRelaxed,
    SecuritySchemeAdded,
    SecuritySchemeRemoved,
    SecuritySchemeChanged,
    BuilderSetterRemoved,
    ClientRenamed,
    ClientKindChanged,
    BaseUrlChanged,
    RustRenamed,
}

impl Change {
    /// The kebab-case id used in JSON and in the rules page.
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
    /// Not tied to a direction (operations, types, security, the client); in a rule: either side.
    Any,
}

/// The circumstance a rule needs, beyond the change and side, read off the Rust surfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    Always,
    /// The Rust type users write changes (e.g. `T` ↔ `Option<T>`, `String` → `i64`).
    RustTypeChanges,
    /// Only the spec changes; the Rust type stays the same.
    RustTypeSame,
    /// Callers make the struct with `new`, which takes its required fields.
    Constructor,
    /// The struct only travels in responses: it is deserialized, not made by callers.
    Received,
    /// Code outside the crate can `match` the enum without a `_` arm.
    Exhaustive,
    /// The enum is `#[non_exhaustive]`: every `match` outside the crate has a `_` arm.
    NonExhaustive,
    /// The method gains or loses an argument.
    NewArgument,
    /// The method's arguments keep their number and types.
    SameArguments,
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

/// What code written against the old crate does against the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// It no longer compiles.
    DoesNotCompile,
    /// It compiles, but a call now fails or sends something else.
    Misbehaves,
    /// It compiles and works as before.
    Unaffected,
}

impl Effect {
    pub fn class(self) -> Class {
        match self {
            Effect::Unaffected => Class::Compatible,
            _ => Class::Breaking,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Effect::DoesNotCompile => "does not compile",
            Effect::Misbehaves => "compiles, behaves differently",
            Effect::Unaffected => "unaffected",
        }
    }
}

pub struct Rule {
    pub change: Change,
    pub side: Side,
    pub when: When,
    pub effect: Effect,
    pub why: &'static str,
}

const fn rule(change: Change, side: Side, when: When, effect: Effect, why: &'static str) -> Rule {
    Rule {
        change,
        side,
        when,
        effect,
        why,
    }
}

use Change::*;
use Effect::{DoesNotCompile as NoBuild, Misbehaves as Wrong, Unaffected as Fine};
use Side::{Any, Request as Req, Response as Resp};
use When::*;

/// Every classification. A change matches the first row with its kind, its side (or `Any`) and
/// its circumstance (or `Always`).
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    rule(OperationAdded, Any, Always, Fine, "a new method; existing code is unaffected"),
    rule(OperationRemoved, Any, Always, NoBuild, "calls to the method no longer compile"),
    rule(OperationRenamed, Any, Always, NoBuild, "the method has a new name; calls to the old one no longer compile"),
    rule(RouteChanged, Any, Always, Fine, "the SDK sends the new request; calling code is unchanged"),
    rule(OperationDeprecated, Any, Always, Fine, "calls still compile, with a deprecation warning"),
    rule(ParameterAddedRequired, Req, Always, NoBuild, "callers must supply it: the method gains an argument"),
    rule(ParameterAddedOptional, Req, SameArguments, Fine, "a new setter on the request; the method's arguments stay the same"),
    rule(ParameterRemoved, Req, Always, NoBuild, "code that sets it no longer compiles"),
    rule(ParameterBecameRequired, Req, Always, NoBuild, "it moves from a setter of the request to an argument of the method"),
    rule(ParameterBecameOptional, Req, Always, NoBuild, "it moves from an argument of the method to a setter of the request"),
    rule(ParameterMoved, Req, NewArgument, NoBuild, "the method's arguments change"),
    rule(ParameterMoved, Req, SameArguments, Fine, "the method's arguments and the request's setters stay the same; the SDK sends it in the new place"),
    rule(PathParametersReordered, Req, RustTypeChanges, NoBuild, "positional arguments change order and their types no longer line up"),
    rule(PathParametersReordered, Req, RustTypeSame, Wrong, "positional arguments of the same type change order: calls compile but send values to the wrong place"),
    rule(RequestBodyAdded, Req, Always, NoBuild, "the method gains a `body` argument"),
    rule(RequestBodyRemoved, Req, Always, NoBuild, "the method loses its `body` argument"),
    rule(RequestBodyBecameRequired, Req, Always, NoBuild, "the `body` argument changes from `Option<T>` to `T`"),
    rule(RequestBodyBecameOptional, Req, Always, NoBuild, "the `body` argument changes from `T` to `Option<T>`"),
    rule(MediaTypeChanged, Any, Always, Fine, "the SDK encodes the same Rust value the new way"),
    rule(ResultChanged, Resp, Always, NoBuild, "the method's result type changes: code that names or uses the old one no longer compiles"),
    rule(ResultStreamed, Resp, Always, NoBuild, "the result, read whole before, becomes a stream of server-sent events (`EventStream<T>`): code that uses the awaited value as the body no longer compiles and must consume the events"),
    rule(ResultBuffered, Resp, Always, NoBuild, "the result, a stream of server-sent events before, is read whole: code that consumes the events (`.next()`) no longer compiles"),
    rule(ResponseAdded, Resp, Always, Fine, "a newly documented status; the method's result type is unchanged"),
    rule(ResponseRemoved, Resp, Always, Fine, "a status no longer documented; the method's result type is unchanged"),
    rule(ErrorBodyChanged, Resp, RustTypeChanges, Wrong, "`Error::decode_body::<Old>()` still compiles but no longer fits the body the server sends"),
    rule(FieldAddedRequired, Any, Constructor, NoBuild, "callers must set it: the struct's `new` gains an argument"),
    rule(FieldAddedRequired, Any, Received, Fine, "a new field to read; the struct is `#[non_exhaustive]`"),
    rule(FieldAddedOptional, Any, Always, Fine, "a new field with its own setter; the struct is `#[non_exhaustive]`"),
    rule(FieldRemoved, Any, Always, NoBuild, "code that reads or sets it no longer compiles"),
    rule(FieldBecameRequired, Any, RustTypeChanges, NoBuild, "its Rust type changes from `Option<T>` to `T`"),
    rule(FieldBecameRequired, Any, RustTypeSame, Fine, "it is nullable, so its Rust type stays `Option<T>`"),
    rule(FieldBecameOptional, Any, RustTypeChanges, NoBuild, "its Rust type changes from `T` to `Option<T>`"),
    rule(FieldBecameOptional, Any, RustTypeSame, Fine, "it is nullable, so its Rust type stays `Option<T>`"),
    rule(NullableAdded, Any, RustTypeChanges, NoBuild, "its Rust type changes (e.g. `T` to `Option<T>`, `Option<T>` to `Option<Option<T>>`)"),
    rule(NullableAdded, Any, RustTypeSame, Fine, "it was optional, so its Rust type stays `Option<T>`"),
    rule(NullableRemoved, Any, RustTypeChanges, NoBuild, "its Rust type changes (e.g. `Option<T>` to `T`)"),
    rule(NullableRemoved, Any, RustTypeSame, Fine, "it is optional, so its Rust type stays `Option<T>`"),
    rule(TypeChanged, Any, RustTypeChanges, NoBuild, "its Rust type changes"),
    rule(TypeChanged, Any, RustTypeSame, Fine, "only the spec's format changes; the Rust type is the same"),
    rule(TypeKindChanged, Any, Always, NoBuild, "the Rust type changes between struct, enum, union and alias"),
    rule(TypeAdded, Any, Always, Fine, "a new type; existing code is unaffected"),
    rule(TypeRemoved, Any, Always, NoBuild, "code that names the type no longer compiles"),
    rule(EnumValueAdded, Any, NonExhaustive, Fine, "the enum is `#[non_exhaustive]`, so every `match` already has a `_` arm; the value now arrives as its own variant, not as `Unknown(..)`"),
    rule(EnumValueRemoved, Any, Always, NoBuild, "the Rust enum loses a variant: code naming it no longer compiles"),
    rule(UnionVariantAdded, Any, NonExhaustive, Fine, "the enum is `#[non_exhaustive]`, so every `match` already has a `_` arm"),
    rule(UnionVariantRemoved, Any, Always, NoBuild, "the Rust enum loses a variant: code naming it no longer compiles"),
    rule(ConstructorRemoved, Any, Always, NoBuild, "the type no longer has `new`: code that makes it no longer compiles"),
    rule(TraitRemoved, Any, Always, NoBuild, "code that uses the trait (`Default`, or the serde trait of a way the type no longer travels, without the crate's `full-serde` feature) no longer compiles"),
    rule(FeatureAdded, Any, Always, Fine, "a new Cargo feature, on by default"),
    rule(FeatureRemoved, Any, Always, NoBuild, "a `Cargo.toml` that enables the feature no longer resolves"),
    rule(SecurityTightened, Any, GenericClient, Wrong, "a client configured for the old requirement no longer has the credentials the call needs"),
    rule(SecurityTightened, Any, AuthingClient, Fine, "the Authing runtime sends its token whatever the spec says"),
    rule(SecurityRelaxed, Any, Always, Fine, "every client that could call it still can"),
    rule(SecuritySchemeAdded, Any, Always, Fine, "a new way to authenticate; existing configuration still works"),
    rule(SecuritySchemeRemoved, Any, GenericClient, Wrong, "a client configured with that scheme's credentials is rejected at build or call time"),
    rule(SecuritySchemeRemoved, Any, AuthingClient, Fine, "the Authing runtime does not use the spec's schemes"),
    rule(SecuritySchemeChanged, Any, GenericClient, Wrong, "the credentials a client was configured with no longer fit the scheme"),
    rule(SecuritySchemeChanged, Any, AuthingClient, Fine, "the Authing runtime does not use the spec's schemes"),
    rule(BuilderSetterRemoved, Any, Always, NoBuild, "the client builder's setter is gone or takes other arguments: code that calls it no longer compiles"),
    rule(ClientRenamed, Any, Always, NoBuild, "the client struct has a new name"),
    rule(ClientKindChanged, Any, Always, NoBuild, "the client's builder and its credentials change"),
    rule(BaseUrlChanged, Any, Always, Fine, "only the default base URL changes"),
    rule(RustRenamed, Req, SameArguments, Fine, "a path parameter is a positional argument: its name is not part of the call"),
    rule(RustRenamed, Any, Always, NoBuild, "the item's Rust name changed (its entry in `names.lock` was edited, or the crate has no record): code that uses the old name no longer compiles"),
];

/// The effect and the reason for a change, from the first matching row of [`RULES`].
pub fn classify(change: Change, side: Side, when: When) -> (Effect, &'static str) {
    RULES
        .iter()
        .find(|r| {
            r.change == change
                && (r.side == side || r.side == Any)
                && (r.when == when || r.when == Always)
        })
        .map(|r| (r.effect, r.why))
        .unwrap_or((
            NoBuild,
            "no rule covers this change, so it counts as breaking",
        ))
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
            Constructor => "callers make the struct with `new`",
            Received => "the struct only travels in responses",
            Exhaustive => "the enum can be matched exhaustively",
            NonExhaustive => "the enum is `#[non_exhaustive]`",
            NewArgument => "the method's arguments change",
            SameArguments => "the method's arguments stay the same",
            GenericClient => "generic client",
            AuthingClient => "Authing client",
        }
    }
}

/// [`RULES`] as a Markdown page (`docs/api-diff-rules.md`).
pub fn rules_markdown() -> String {
    let mut text = String::from(
        "<!-- @generated by `cargo xtask codegen` from generator/src/diff/rules.rs — do not edit by hand. -->\n\n\
         # api-diff rules\n\n\
         `cargo xtask api-diff` compares the Rust surface generated from two versions of a spec and\n\
         classifies every difference by what it does to code written against the older crate:\n\
         it **does not compile**, it **compiles, behaves differently** (both breaking), or it is\n\
         **unaffected** (compatible). A change takes the first row that matches its kind, its side\n\
         (or `any`) and its circumstance (or `always`). The circumstances are read off the generated\n\
         Rust, and `cargo xtask api-diff --verify` checks the verdicts against the compiler.\n\n\
         | change | side | when | effect | why |\n| --- | --- | --- | --- | --- |\n",
    );
    for r in RULES {
        text.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.change.id(),
            r.side.label(),
            r.when.label(),
            r.effect.label(),
            r.why
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_have_kebab_ids() {
        assert_eq!(FieldAddedRequired.id(), "field-added-required");
        assert_eq!(OperationAdded.id(), "operation-added");
    }

    #[test]
    fn the_side_and_the_circumstance_pick_the_row() {
        assert_eq!(
            classify(ParameterAddedOptional, Req, NewArgument).0,
            NoBuild
        );
        assert_eq!(
            classify(FieldBecameOptional, Resp, RustTypeChanges).0,
            NoBuild
        );
        assert_eq!(
            classify(PathParametersReordered, Req, RustTypeSame).0,
            Wrong
        );
    }

    #[test]
    fn an_unknown_combination_counts_as_breaking() {
        assert_eq!(classify(EnumValueAdded, Resp, Exhaustive).0, NoBuild);
    }

    #[test]
    fn no_row_is_shadowed_by_an_earlier_one() {
        for (i, r) in RULES.iter().enumerate() {
            let side = if r.side == Any { Req } else { r.side };
            let (effect, why) = classify(r.change, side, r.when);
            assert!(
                effect == r.effect && why == r.why,
                "row {i} ({}) is never used",
                r.change.id()
            );
        }
    }
}
