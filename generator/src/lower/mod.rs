//! openapiv3 → model: resolve references, lower schemas, operations and security.

mod client;
mod describe;
mod infer_pages;
mod operation;
mod pagination;
mod path_params;
mod refs;
mod scalar;
mod schema;
pub mod site_links;
mod stable;
mod union;
mod view;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::Document;
use crate::model::{names::Scope, Api, TypeDef, TypeId, TypeKind};
use crate::Options;
use indexmap::IndexMap;

/// Lower a loaded document into the model. Returns the model and its warnings, or every error.
pub fn lower(doc: &Document, options: &Options) -> Result<(Api, Diagnostics), Diagnostics> {
    let mut cx = Lowerer::new(doc);
    cx.declare_component_schemas();
    cx.lower_component_schemas();
    let (client, docs) = client::client_and_docs(doc, options);
    let security_schemes = cx.security_schemes();
    let default_security = doc.security().map(client::requirements).unwrap_or_default();
    let authing = client.kind != crate::model::ClientKind::Generic;
    let mut operations = cx.operations(docs.examples, authing);
    let tags = doc
        .tags()
        .iter()
        .map(|t| crate::model::Tag {
            name: t.name.clone(),
            description: t.description.clone(),
        })
        .collect();
    let mut diags = doc.warnings.clone();
    diags.extend(std::mem::take(&mut cx.diags));
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    // The model lives until the files are written, beside them: it keeps no room to grow.
    operations.shrink_to_fit();
    cx.types.shrink_to_fit();
    let mut api = Api {
        title: doc.info().title.clone(),
        version: doc.info().version.clone(),
        description: doc.info().description.clone(),
        client,
        base_url: doc.servers().first().map(client::server_url),
        docs,
        security_schemes,
        default_security,
        tags,
        operations,
        types: std::mem::take(&mut cx.types),
        names: Default::default(),
    };
    let server = api.base_url.as_deref();
    if let Some(base) = site_links::base(doc.external_docs_url(), server) {
        site_links::absolutize(&mut api, &base);
    }
    let (pins, forget) = (options.names.as_ref(), options.forget_removed_names);
    api.names = stable::stabilize(&mut api, &cx.type_bases, pins, forget);
    Ok((api, diags.sorted()))
}

/// State shared by the lowering passes.
pub(crate) struct Lowerer<'d> {
    pub doc: &'d Document,
    pub types: Vec<TypeDef>,
    /// `#/components/schemas/X` → its type.
    pub schema_ids: IndexMap<String, TypeId>,
    /// The pointer of each inline schema already lowered → its type, so a schema reached twice
    /// (through a shared component, a path-level parameter, an `allOf` part) is defined once.
    pub inline_ids: std::collections::BTreeMap<String, TypeId>,
    pub type_names: Scope,
    /// The name each type asked for, before a collision numbered it (see `stable`).
    pub type_bases: Vec<String>,
    pub diags: Diagnostics,
}

impl<'d> Lowerer<'d> {
    fn new(doc: &'d Document) -> Self {
        Self {
            doc,
            types: Vec::new(),
            schema_ids: IndexMap::new(),
            inline_ids: std::collections::BTreeMap::new(),
            type_names: Scope::new(),
            type_bases: Vec::new(),
            diags: Diagnostics::default(),
        }
    }

    pub fn error(&mut self, pointer: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.report(Severity::Error, pointer, message)
    }

    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.report(Severity::Warning, pointer, message)
    }

    fn report(
        &mut self,
        severity: Severity,
        pointer: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = self.doc.diagnostic(severity, pointer, message);
        self.diags.push(d);
        self.diags.last_mut()
    }

    /// Reserve a type with a unique Rust name; its kind is filled in later.
    pub fn new_type(&mut self, wire: &str, rust_base: &str, pointer: &str) -> TypeId {
        let (rust, collided) = self.type_names.claim(rust_base);
        if collided {
            self.warn(
                pointer,
                format!("type name `{rust_base}` is taken; `{wire}` is generated as `{rust}`"),
            );
        }
        self.type_bases.push(rust_base.to_owned());
        self.types.push(TypeDef {
            name: crate::model::Name {
                wire: wire.to_owned(),
                rust,
            },
            description: None,
            example: None,
            kind: TypeKind::Alias(crate::model::Ty::Any),
            constraints: Default::default(),
            pointer: pointer.to_owned(),
        });
        TypeId(self.types.len() - 1)
    }
}
