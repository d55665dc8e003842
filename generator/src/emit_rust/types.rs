//! Named types → `types.rs`: structs, enums that survive unknown values, unions and aliases.

mod enums;
mod unions;

use super::docs::{doc_attrs, field_doc};
use super::format::Part;
use super::ty::{serde_derives, tokens};
use crate::model::*;
use crate::surface::{
    Construct, FieldShape, Presence, RustType, ShapeKind, StructShape, Surface, TypeShape,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Named types per part of `types.rs`, so that the parts spread over the formatting threads and
/// each thread holds the tokens and syntax tree of only a few types at once.
const TYPES_PER_PART: usize = 8;

/// `types.rs` in parts: the module's head, the named types a run at a time, then the response
/// enums and helpers.
pub fn parts<'a>(surface: &'a Surface<'a>) -> Vec<Part<'a>> {
    let head: Part = Box::new(|| {
        quote! {
            //! The request and response types of the API.
            // Spec text is copied into docs as written (its Markdown, links and HTML included), and
            // specs nest large types in unions.
            #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::too_many_arguments)]
            #![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
        }
    });
    let mut parts = vec![head];
    let count = surface.types.len();
    for start in (0..count).step_by(TYPES_PER_PART) {
        let end = (start + TYPES_PER_PART).min(count);
        parts.push(Box::new(move || {
            let defs = surface.named_types().skip(start).take(end - start);
            defs.map(|(def, shape)| type_def(def, shape)).collect()
        }));
    }
    parts.push(Box::new(|| {
        let helper = surface.has_tri_state().then(deserialize_some);
        let bytes = surface.has_bytes_as_text().then(bytes_as_text);
        let responses = super::signature::response_enums(surface);
        quote!(#responses #helper #bytes)
    }));
    parts
}

/// Reads a present field of an `Option<Option<T>>`: `null` is `Some(None)`; absence, via
/// `#[serde(default)]`, is `None`.
fn deserialize_some() -> TokenStream {
    quote! {
        // Unused when the features that gate every tri-state field are off.
        #[allow(dead_code)]
        fn deserialize_some<'de, T, D>(deserializer: D) -> std::result::Result<Option<T>, D::Error>
        where
            T: serde::Deserialize<'de>,
            D: serde::Deserializer<'de>,
        {
            <T as serde::Deserialize<'de>>::deserialize(deserializer).map(Some)
        }
    }
}

/// How bytes travel in JSON: as a string of their UTF-8 (bytes that are not UTF-8 are written
/// with U+FFFD in their place).
fn bytes_as_text() -> TokenStream {
    quote! {
        /// `Vec<u8>` fields that travel as JSON strings.
        // A type sent only, or received only, uses one half.
        #[allow(dead_code)]
        mod bytes_as_text {
            pub fn serialize<S: serde::Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&String::from_utf8_lossy(bytes))
            }

            pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(String::into_bytes)
            }

            /// The same, for `Option<Vec<u8>>`.
            pub mod option {
                pub fn serialize<S: serde::Serializer>(bytes: &Option<Vec<u8>>, serializer: S) -> Result<S::Ok, S::Error> {
                    match bytes {
                        Some(bytes) => serializer.serialize_some(&*String::from_utf8_lossy(bytes)),
                        None => serializer.serialize_none(),
                    }
                }

                pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<u8>>, D::Error> {
                    <Option<String> as serde::Deserialize>::deserialize(deserializer).map(|text| text.map(String::into_bytes))
                }
            }
        }
    }
}

pub(super) fn type_def(def: &TypeDef, shape: &TypeShape) -> TokenStream {
    let docs = doc_attrs(
        def.description.as_deref(),
        &format!("The `{}` schema.", def.name.wire),
    );
    let name = format_ident!("{}", shape.name);
    match (&def.kind, &shape.kind) {
        (TypeKind::Struct(s), ShapeKind::Struct(st)) => structure(&name, docs, s, st, shape),
        (TypeKind::Enum(e), ShapeKind::Enum(en)) => enums::enumeration(&name, docs, e, en),
        (_, ShapeKind::Union(u)) => unions::union(&name, docs, u, shape),
        (_, ShapeKind::Alias(ty)) => {
            let ty = tokens(ty);
            quote! { #docs pub type #name = #ty; }
        }
        (_, ShapeKind::Newtype(ty)) => {
            let ty = tokens(ty);
            let (serde, full_serde) = serde_derives(&shape.traits);
            quote! {
                #docs
                #[derive(Clone, Debug, PartialEq, #serde)]
                #full_serde
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
        _ => unreachable!("a type's shape has the type's kind"),
    }
}

fn structure(
    name: &syn::Ident,
    docs: TokenStream,
    s: &Struct,
    shape: &StructShape,
    ty: &TypeShape,
) -> TokenStream {
    let fields = s.fields.iter().zip(&shape.fields).map(|(f, field)| {
        let ident = format_ident!("{}", field.ident);
        let ty = tokens(&field.ty);
        let rename = (field.ident != field.wire).then(|| {
            let wire = &field.wire;
            quote!(#[serde(rename = #wire)])
        });
        let with = match (field.bytes_as_text, field.presence) {
            (false, _) => quote!(),
            (true, Presence::Required) => quote!(#[serde(with = "bytes_as_text")]),
            (true, _) => quote!(#[serde(with = "bytes_as_text::option")]),
        };
        let attrs = match field.presence {
            Presence::Required => quote!(),
            Presence::Nullable => quote!(#[serde(default)]),
            Presence::Optional => {
                quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
            }
            Presence::TriState => quote! {
                #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "deserialize_some")]
            },
        };
        let docs = field_doc(f, field.presence == Presence::TriState);
        quote! { #docs #rename #attrs #with pub #ident: #ty, }
    });
    let additional = shape.additional.as_ref().map(|ty| {
        let ty = tokens(ty);
        quote! {
            /// Properties not named in the schema.
            #[serde(flatten)]
            pub additional_properties: std::collections::BTreeMap<String, #ty>,
        }
    });
    let default = ty.traits.default.then(|| quote!(Default,));
    let debug = (!shape.redacted).then(|| quote!(Debug,));
    let redacted_debug = shape.redacted.then(|| redacted_debug(name, shape));
    let (serde, full_serde) = serde_derives(&ty.traits);
    let methods = methods(name, shape);
    quote! {
        #docs
        #[derive(Clone, PartialEq, #debug #default #serde)]
        #full_serde
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #methods
        #redacted_debug
    }
}

/// `new` with the required fields (types some request sends), and a `with_*` setter per field.
fn methods(name: &syn::Ident, shape: &StructShape) -> TokenStream {
    let new = match &shape.construct {
        Construct::New(required) => {
            let args = required.iter().map(|&i| {
                let f = &shape.fields[i];
                let ident = format_ident!("{}", f.ident);
                let ty = arg_type(&f.value);
                quote!(#ident: #ty)
            });
            let inits = shape.fields.iter().enumerate().map(|(i, f)| {
                let ident = format_ident!("{}", f.ident);
                if !required.contains(&i) && f.ty.is_option() {
                    quote!(#ident: None)
                } else if !required.contains(&i) {
                    // A boxed nullable alias: `Box<Alias>`, where `Alias` is an `Option`.
                    quote!(#ident: std::default::Default::default())
                } else if converted(f) {
                    let value = stored(f, quote!(#ident));
                    quote!(#ident: #value)
                } else {
                    quote!(#ident)
                }
            });
            let additional = shape
                .additional
                .as_ref()
                .map(|_| quote!(additional_properties: std::collections::BTreeMap::new(),));
            let doc = format!(
                " A `{name}` with its required fields; set the others with the `with_*` methods."
            );
            Some(quote! {
                #[doc = #doc]
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits,)* #additional }
                }
            })
        }
        Construct::Received => None,
    };
    // A type only responses hold is read, not made: its fields are `pub`, so tests that start
    // from JSON can still change them.
    let made = !matches!(shape.construct, Construct::Received);
    let setters = shape.fields.iter().filter(|_| made).map(|f| {
        let setter = format_ident!("{}", f.setter);
        let ident = format_ident!("{}", f.ident);
        let ty = arg_type(&f.value);
        let value = stored(f, quote!(value));
        let value = if f.some { quote!(Some(#value)) } else { value };
        let doc = format!(" Sets [`{}`](Self::{}).", f.ident, f.ident);
        quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#ident = #value;
                self
            }
        }
    });
    if !made {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #new
            #(#setters)*
        }
    }
}

/// What a constructor or setter takes for a field: `impl Into<String>` for `String`.
fn arg_type(value: &RustType) -> TokenStream {
    match value {
        RustType::Prim("String") => quote!(impl Into<String>),
        RustType::FilePart => quote!(impl Into<crate::runtime::FilePart>),
        other => tokens(other),
    }
}

/// Whether the field stores its value converted (into a `String`, or boxed).
fn converted(f: &FieldShape) -> bool {
    f.boxed || matches!(f.value, RustType::Prim("String") | RustType::FilePart)
}

/// `value` (of the field's [`FieldShape::value`] type) as the field stores it, before any
/// `Some`: converted into a `String`, or boxed.
fn stored(f: &FieldShape, value: TokenStream) -> TokenStream {
    match (&f.value, f.boxed) {
        (RustType::Prim("String") | RustType::FilePart, _) => quote!(#value.into()),
        (RustType::Option(_), true) => quote!(#value.map(Box::new)),
        (_, true) => quote!(Box::new(#value)),
        _ => value,
    }
}

/// `Debug` that prints secret fields as `***`.
fn redacted_debug(name: &syn::Ident, shape: &StructShape) -> TokenStream {
    let label = name.to_string();
    let fields = shape.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.ident);
        let key = &f.ident;
        if f.secret {
            redacted_field(key, &ident, f.presence.is_optional())
        } else {
            quote!(.field(#key, &self.#ident))
        }
    });
    let additional = shape
        .additional
        .as_ref()
        .map(|_| quote!(.field("additional_properties", &self.additional_properties)));
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #additional .finish()
            }
        }
    }
}

/// A `.field(..)` call that shows `***` (or `Some(***)`) instead of the value.
pub(super) fn redacted_field(key: &str, ident: &syn::Ident, optional: bool) -> TokenStream {
    if optional {
        quote!(.field(#key, &super::runtime::redact_option(&self.#ident)))
    } else {
        quote!(.field(#key, &super::runtime::Redacted))
    }
}
