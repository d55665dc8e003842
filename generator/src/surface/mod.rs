//! What the generated crate's API is, computed once from the model: every fact about the emitted
//! API that more than one part of the generator needs. emit_rust turns it into tokens, emit_md
//! shows what it says, and api-diff compares two of them, so the code, the pages and the change
//! report cannot disagree.
//!
//! - [`graph`]: the type graph, which way each type travels, which fields must be boxed;
//! - [`types`]: each named type's Rust shape (fields, presence, variants, traits, gate);
//! - [`ops`] and [`returns`]: each method's arguments, request builder setters, result and errors;
//! - [`features`]: one Cargo feature per tag and what it gates;
//! - [`client`]: the client's builder and its typed credential setters;
//! - [`pages`]: how each paging operation walks its pages;
//! - [`mock`]: each operation's inputs and result as the `test-util` mock module has them;
//! - [`sample`] and [`example`]: sample values, each operation's example call, and the call of
//!   the crate docs' program ([`Quickstart`]);
//! - [`rust_type`]: the Rust spelling of a type.

pub mod client;
pub mod example;
pub mod features;
pub mod graph;
pub mod mock;
pub mod ops;
pub mod pages;
pub mod returns;
pub mod rust_type;
pub mod sample;
pub mod types;

#[cfg(test)]
mod streams_tests;
#[cfg(test)]
mod tests;

pub use client::{Builder, BuilderSetter, ClientShape, Forward, Param as SetterParam};
pub use example::Example;
pub use features::{Features, FULL_SERDE};
pub use graph::{Graph, Usage};
pub use mock::{MockField, MockReply, MockShape, MockVariant, Take, MOCK_SETTER, TEST_UTIL};
pub use ops::{Arg, ErrorShape, Input, OpShape, Setter, STREAM_METHOD};
pub use pages::{PageShape, PagerShape, Slot, Step};
pub use returns::{BodyShape, Read, ResponseEnum, Returns, StatusVariant};
pub use rust_type::RustType;
pub use types::{
    Construct, Derive, EnumShape, FieldShape, Presence, ShapeKind, StructShape, Traits, TypeShape,
    UnionShape, UnionVariantShape,
};

use crate::model::{Api, Field, HttpMethod, Operation, TypeDef, TypeId, TypeKind};

/// The generated API of one spec.
#[derive(Debug, Clone)]
pub struct Surface<'a> {
    pub api: &'a Api,
    pub client: ClientShape,
    pub graph: Graph,
    pub features: Features,
    /// Parallel to `api.types`.
    pub types: Vec<TypeShape>,
    /// Parallel to `api.operations`.
    pub ops: Vec<OpShape>,
    /// Parallel to `api.operations`: the example of each operation that shows one.
    pub examples: Vec<Option<Example>>,
    /// Parallel to `api.operations`: the pager of each operation that pages.
    pub pages: Vec<Option<PageShape>>,
    /// Parallel to `api.operations`: each operation's type in the `mock` module.
    pub mocks: Vec<MockShape>,
    /// The call of the crate docs' complete program, when some operation shows an example.
    pub quickstart: Option<Quickstart>,
}

/// The operation the crate docs' complete program calls, and the name of the example target
/// that compiles it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quickstart {
    pub operation: usize,
    pub example: String,
    /// The example target of the `mock` module's complete test, which makes the same call.
    pub mock_example: String,
}

impl Quickstart {
    /// The first valid example of a `GET` that is not deprecated (reading is the safest thing to
    /// try first), else the first valid example; named `quickstart` unless a method is.
    fn choose(api: &Api, ops: &[OpShape], examples: &[Option<Example>]) -> Option<Quickstart> {
        let shown: Vec<usize> = (0..ops.len())
            .filter(|&i| examples[i].as_ref().is_some_and(|e| e.valid))
            .collect();
        let reads = |&&i: &&usize| {
            let op = &api.operations[i];
            op.method == HttpMethod::Get && !op.deprecated
        };
        let operation = *shown.iter().find(reads).or(shown.first())?;
        let free = |name: &str| {
            let mut name = name.to_owned();
            while ops.iter().any(|o| o.method == name) {
                name.push('_');
            }
            name
        };
        Some(Quickstart {
            operation,
            example: free("quickstart"),
            mock_example: free("mock_test"),
        })
    }
}

impl<'a> Surface<'a> {
    /// The fields of struct `id`, each with its Rust shape (presence, type, setter); none for
    /// other kinds of type.
    pub fn fields(&self, id: TypeId) -> impl Iterator<Item = (&'a Field, &FieldShape)> {
        let model = match self.api.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Struct(s)) => &s.fields[..],
            _ => &[],
        };
        let shapes = match self.types.get(id.0).map(|shape| &shape.kind) {
            Some(ShapeKind::Struct(s)) => &s.fields[..],
            _ => &[],
        };
        model.iter().zip(shapes)
    }

    pub fn new(api: &'a Api) -> Surface<'a> {
        let graph = Graph::new(api);
        let features = Features::new(api, &graph);
        let types = types::shapes(api, &graph, |i| features.type_cfg(i));
        let mut builders = crate::model::names::Scope::new();
        let ops: Vec<OpShape> = api
            .operations
            .iter()
            .zip(returns::all_returns(api))
            .enumerate()
            .map(|(i, (op, returns))| {
                let mut shape = OpShape::new(api, op, returns, features.operation_cfg(i));
                shape.builder = builders.claim(&shape.builder).0;
                shape
            })
            .collect();
        let examples: Vec<Option<Example>> = api
            .operations
            .iter()
            .zip(&ops)
            .map(|(op, shape)| {
                // No value of an endless type can be written down.
                let endless = graph::request_roots(op).iter().any(|&t| graph.endless[t]);
                (op.docs_example && !endless).then(|| Example::new(api, op, shape))
            })
            .collect();
        let quickstart = Quickstart::choose(api, &ops, &examples);
        let pages = api
            .operations
            .iter()
            .zip(&ops)
            .map(|(op, shape)| pages::pages(api, &types, op, shape))
            .collect();
        let mocks = api
            .operations
            .iter()
            .zip(&ops)
            .map(|(op, shape)| MockShape::new(op, shape))
            .collect();
        Surface {
            api,
            pages,
            mocks,
            client: ClientShape::new(api),
            graph,
            features,
            types,
            ops,
            examples,
            quickstart,
        }
    }

    /// The operations with their shapes, in spec order.
    pub fn operations(&self) -> impl Iterator<Item = (&'a Operation, &OpShape)> {
        self.api.operations.iter().zip(&self.ops)
    }

    /// The named types with their shapes, in model order.
    pub fn named_types(&self) -> impl Iterator<Item = (&'a TypeDef, &TypeShape)> {
        self.api.types.iter().zip(&self.types)
    }

    /// Whether some type has a field that tells "left out" from `null`.
    pub fn has_tri_state(&self) -> bool {
        self.any_field(|f| f.presence == Presence::TriState)
    }

    /// Whether some struct field is bytes sent as a JSON string.
    pub fn has_bytes_as_text(&self) -> bool {
        self.any_field(|f| f.bytes_as_text)
    }

    fn any_field(&self, test: impl Fn(&FieldShape) -> bool) -> bool {
        self.types.iter().any(|t| match &t.kind {
            ShapeKind::Struct(s) => s.fields.iter().any(&test),
            _ => false,
        })
    }
}

/// Formatted example code of each operation that shows one, made by emit_rust from
/// [`Surface::examples`] and shown by the docs; and the complete program of
/// [`Surface::quickstart`].
#[derive(Debug, Clone, Default)]
pub struct Snippets {
    /// Parallel to `api.operations`.
    pub by_operation: Vec<Option<String>>,
    pub quickstart: Option<String>,
    /// The `mock` module's complete test of the [`Surface::quickstart`] call.
    pub mock_test: Option<String>,
}

impl Snippets {
    pub fn get(&self, index: usize) -> Option<&str> {
        self.by_operation.get(index)?.as_deref()
    }
}
