//! A paging operation's `items()`: a lazy stream of every item of every page, driven by the
//! surface's pager (see [`crate::surface::pages`]).

use super::ty::tokens;
use crate::surface::{PageShape, PagerShape, Returns, RustType, Slot, Step};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The builder's `items` method; `client` is the builder's client field.
pub fn items(pages: &PageShape, returns: &Returns, client: &syn::Ident) -> Option<TokenStream> {
    let item = tokens(&pages.item);
    let result = tokens(&returns.ty());
    let items = by_move(&pages.items);
    let body = match &pages.style {
        PagerShape::Page { page, size, total } => numbered(
            &Numbered {
                slot: page,
                size: size.as_ref(),
                total: total.as_ref(),
                first: quote!(1),
                next: quote!(runtime::next_page),
            },
            &items,
            &item,
            &result,
        ),
        PagerShape::Offset {
            offset,
            limit,
            total,
        } => numbered(
            &Numbered {
                slot: offset,
                size: limit.as_ref(),
                total: total.as_ref(),
                first: quote!(0),
                next: quote!(runtime::next_offset),
            },
            &items,
            &item,
            &result,
        ),
        PagerShape::Cursor { cursor, next } => {
            let field = cursor_field(cursor)?;
            let next = by_ref(next);
            quote! {
                let first = self.#field.clone();
                runtime::paginate(first, move |cursor: Option<String>| {
                    let mut request = self.clone();
                    request.#field = cursor;
                    async move {
                        let result: #result = request.send().await?;
                        let next = #next.cloned();
                        let items: Vec<#item> = #items;
                        Ok((items, next.filter(|c| !c.is_empty()).map(Some)))
                    }
                })
            }
        }
        PagerShape::AfterLast {
            cursor,
            has_more,
            id,
        } => {
            let field = cursor_field(cursor)?;
            let more = by_ref(has_more);
            let ident = format_ident!("{}", id.ident);
            let last = if id.optional {
                quote!(and_then(|item| item.#ident.clone()))
            } else {
                quote!(map(|item| item.#ident.clone()))
            };
            quote! {
                let first = self.#field.clone();
                runtime::paginate(first, move |cursor: Option<String>| {
                    let mut request = self.clone();
                    request.#field = cursor;
                    async move {
                        let result: #result = request.send().await?;
                        let more = #more.copied().unwrap_or(false);
                        let items: Vec<#item> = #items;
                        let next = items.last().#last.filter(|_| more);
                        Ok((items, next.map(Some)))
                    }
                })
            }
        }
        PagerShape::NextUrl { next } => {
            let next = by_ref(next);
            quote! {
                runtime::paginate(None, move |next: Option<String>| {
                    let request = self.clone();
                    async move {
                        let rt = request.#client.runtime();
                        let req = request.into_request().map(|req| match &next {
                            Some(url) => req.url(url),
                            None => req,
                        });
                        let (meta, result) = rt.call_with_response(req, Self::decode).await?.into_parts();
                        let next = runtime::next_url(&meta, #next);
                        let items: Vec<#item> = #items;
                        Ok((items, next.map(Some)))
                    }
                })
            }
        }
        PagerShape::Link => quote! {
            runtime::paginate(None, move |next: Option<String>| {
                let request = self.clone();
                async move {
                    let rt = request.#client.runtime();
                    let req = request.into_request().map(|req| match &next {
                        Some(url) => req.url(url),
                        None => req,
                    });
                    let (meta, result) = rt.call_with_response(req, Self::decode).await?.into_parts();
                    let items: Vec<#item> = #items;
                    Ok((items, runtime::next_link(&meta).map(Some)))
                }
            })
        },
    };
    Some(quote! {
        /// Every item of every page, as a lazy stream: a page is requested only when the stream
        /// reaches it, and an error ends it. Consume it with `runtime::StreamExt` or
        /// `runtime::TryStreamExt` (e.g. `.try_collect::<Vec<_>>().await`).
        pub fn items(self) -> runtime::Pages<'a, #item> {
            #body
        }
    })
}

/// A pager that counts pages or items: the builder field it sets, the page size and the total
/// it reads, the first value when none is set, and the runtime function giving the next value.
struct Numbered<'s> {
    slot: &'s Slot,
    size: Option<&'s Slot>,
    total: Option<&'s (Vec<Step>, RustType)>,
    first: TokenStream,
    next: TokenStream,
}

fn numbered(
    n: &Numbered,
    items: &TokenStream,
    item: &TokenStream,
    result: &TokenStream,
) -> TokenStream {
    let Numbered {
        slot: page,
        first,
        next,
        ..
    } = n;
    let field = format_ident!("{}", page.field);
    let (to_i64, from_i64) = casts(&page.ty);
    let first = match (page.required, &to_i64) {
        (true, _) => quote!(self.#field #to_i64),
        (false, None) => quote!(self.#field.unwrap_or(#first)),
        (false, Some(_)) => quote!(self.#field.map_or(#first, |page| page #to_i64)),
    };
    let set = if page.required {
        quote!(page #from_i64)
    } else {
        quote!(Some(page #from_i64))
    };
    let size = match n.size {
        Some(s) => {
            let f = format_ident!("{}", s.field);
            let (to_i64, _) = casts(&s.ty);
            match (s.required, &to_i64) {
                (true, _) => quote!(request.#f #to_i64),
                (false, None) => quote!(request.#f.unwrap_or(0)),
                (false, Some(_)) => quote!(request.#f.map_or(0, |size| size #to_i64)),
            }
        }
        None => quote!(0),
    };
    let total = match n.total {
        Some((steps, ty)) => {
            let nav = by_ref(steps);
            match casts(ty).0 {
                None => quote!(#nav.copied()),
                Some(to_i64) => quote!(#nav.map(|total| *total #to_i64)),
            }
        }
        None => quote!(None),
    };
    quote! {
        let first = #first;
        runtime::paginate(first, move |page: i64| {
            let mut request = self.clone();
            request.#field = #set;
            async move {
                let size = #size;
                let result: #result = request.send().await?;
                let total = #total;
                let items: Vec<#item> = #items;
                let next = #next(page, size, items.len(), total);
                Ok((items, next))
            }
        })
    }
}

/// A cursor parameter is set anew for each page, so it must be an optional, owned `String`.
fn cursor_field(slot: &Slot) -> Option<syn::Ident> {
    (!slot.required && slot.ty == RustType::Prim("String")).then(|| format_ident!("{}", slot.field))
}

/// ` as i64` and ` as T` for a number of Rust type `ty` (nothing where it is `i64`).
fn casts(ty: &RustType) -> (Option<TokenStream>, Option<TokenStream>) {
    match ty {
        RustType::Prim("i64") => (None, None),
        other => {
            let ty = tokens(other);
            (Some(quote!(as i64)), Some(quote!(as #ty)))
        }
    }
}

/// The items, moved out of `result` along `steps` (none when a step is absent).
fn by_move(steps: &[Step]) -> TokenStream {
    if steps.is_empty() {
        return quote!(result);
    }
    let nav = steps.iter().map(|s| {
        let ident = format_ident!("{}", s.ident);
        match (s.optional, s.boxed) {
            (true, true) => quote!(.and_then(|v| v.#ident).map(|v| *v)),
            (true, false) => quote!(.and_then(|v| v.#ident)),
            (false, true) => quote!(.map(|v| *v.#ident)),
            (false, false) => quote!(.map(|v| v.#ident)),
        }
    });
    quote!(Some(result) #(#nav)* .unwrap_or_default())
}

/// An `Option` of a reference to the value at the end of `steps` in `result`.
fn by_ref(steps: &[Step]) -> TokenStream {
    let nav = steps.iter().map(|s| {
        let ident = format_ident!("{}", s.ident);
        if s.optional {
            quote!(.and_then(|v| v.#ident.as_ref()))
        } else {
            quote!(.map(|v| &v.#ident))
        }
    });
    quote!(Some(&result) #(#nav)*)
}
