//! One operation's page: title, method name, request parameters, example, response and the data
//! structures they use.

use super::cells::{self, default_cell, description_cell, sample_cell, type_cell, Row};
use super::lang::Texts;
use super::links::Links;
use super::prose::prose;
use super::render::{fence, heading, inline_code, name_cell, sized_header, Table};
use super::{json, nested};
use crate::model::{
    Api, BodyKind, ClientKind, Operation, ParamLocation, RequestBody, ResponseBody, Ty, TypeId,
    TypeKind,
};
use crate::surface::rust_type::body_ty;
use crate::surface::sample::{sample, Direction};
use crate::surface::{Input, Surface};

/// The whole page, ending in one newline.
/// `snippet` is the operation's Rust example, if it shows one; `sections` the types whose
/// structures the page shows.
pub fn render(
    surface: &Surface,
    index: usize,
    snippet: Option<&str>,
    texts: &Texts,
    links: &Links,
    sections: &[TypeId],
) -> String {
    let (api, op) = (surface.api, &surface.api.operations[index]);
    let mut blocks = head(api, op, texts, links);
    if let Some(call) = pages_call(surface, index) {
        blocks.push(format!(
            "{}{}{}",
            texts.pages_note,
            inline_code(&call),
            texts.sentence_end
        ));
    }
    blocks.push(heading(2, texts.request_parameters));
    let rows = request_rows(surface, index);
    blocks.push(request_table(api, texts, links, &rows));
    if let Some(body) = op.body.as_ref().filter(|b| b.kind != BodyKind::Json) {
        blocks.push(media_note(
            texts,
            texts.request_media_type,
            &body.media_type,
        ));
    }
    if let Some(snippet) = snippet {
        blocks.push(heading(2, texts.example));
        blocks.push(fence("rust", snippet));
    }
    blocks.push(heading(2, texts.request_response));
    response_blocks(surface, index, texts, links, &mut blocks);
    blocks.push(heading(2, texts.data_structure));
    for &id in sections {
        blocks.extend(nested::section(surface, texts, links, id));
    }
    let mut page = blocks.join("\n\n");
    page.push('\n');
    page
}

/// The types whose structures the page lists, in the order it would list them: those of the
/// request rows, then of the response rows (or of the response body, when it has no rows).
pub fn roots(surface: &Surface, index: usize) -> Vec<Ty> {
    let mut roots: Vec<Ty> = request_rows(surface, index)
        .into_iter()
        .map(|r| r.ty)
        .collect();
    match response(surface, index) {
        Some((_, Some(rows))) => roots.extend(rows.into_iter().map(|r| r.ty)),
        Some((body, None)) if structured(body) => roots.push(body.ty.clone()),
        _ => {}
    }
    roots
}

/// The body the page shows as the response (the surface's primary one), and its rows when it is
/// a struct.
fn response<'a>(
    surface: &Surface<'a>,
    index: usize,
) -> Option<(&'a ResponseBody, Option<Vec<Row<'a>>>)> {
    let (api, op) = (surface.api, &surface.api.operations[index]);
    let primary = surface.ops[index].primary_body()?;
    let body = op.responses[primary].body.as_ref()?;
    let rows = match cells::named_def(api, &body.ty) {
        Some((id, def)) if matches!(def.kind, TypeKind::Struct(_)) && structured(body) => Some(
            surface
                .fields(id)
                .filter(|(f, _)| !f.write_only)
                .map(|(f, shape)| Row::from_field(f, shape))
                .collect(),
        ),
        _ => None,
    };
    Some((body, rows))
}

fn structured(body: &ResponseBody) -> bool {
    match body.kind {
        BodyKind::Json | BodyKind::FormUrlEncoded => true,
        // Server-sent events: each event's data is of the body's type.
        BodyKind::EventStream => !matches!(body.ty, Ty::String(_)),
        _ => false,
    }
}

/// A page's title, do-not-edit comment and `<LastUpdated />`.
/// Authing pages keep the docs factory's: its do-not-edit comment and `<LastUpdated />` (which
/// the Authing docs site renders); other pages say in one comment where they come from.
pub fn top(title: &str, texts: &Texts, kind: ClientKind) -> Vec<String> {
    if kind == ClientKind::Generic {
        return vec![heading(1, title), texts.generated.to_owned()];
    }
    let mut comment = vec!["<!--"];
    comment.extend(texts.warning);
    comment.push("-->");
    vec![
        heading(1, title),
        comment.join("\n"),
        "<LastUpdated />".into(),
    ]
}

/// Title, do-not-edit comment, `<LastUpdated />`, description and method name.
fn head(api: &Api, op: &Operation, texts: &Texts, links: &Links) -> Vec<String> {
    let title = super::inline::render(super::title(op), super::inline::Mode::Prose, links);
    let mut blocks = top(&title, texts, api.client.kind);
    if op.deprecated {
        blocks.push(format!("**{}**", texts.deprecated));
    }
    if let Some(description) = op.description.as_deref().map(|d| prose(d, links)) {
        if !description.is_empty() {
            blocks.push(description);
        }
    }
    blocks.push(heading(2, texts.method_name));
    blocks.push(inline_code(&format!(
        "{}.{}",
        api.client.name, op.name.rust
    )));
    blocks
}

/// How to stream a paging operation's items, e.g. `client.list_users().items()`.
fn pages_call(surface: &Surface, index: usize) -> Option<String> {
    surface.pages[index].as_ref()?;
    let shape = &surface.ops[index];
    let args: Vec<&str> = shape.args.iter().map(|a| a.ident.as_str()).collect();
    Some(format!(
        "client.{}({}).items()",
        shape.method,
        args.join(", ")
    ))
}

/// Parameters (path, query, header, cookie) then body properties; required rows first, the rest
/// in spec order.
fn request_rows<'a>(surface: &Surface<'a>, index: usize) -> Vec<Row<'a>> {
    let (op, shape) = (&surface.api.operations[index], &surface.ops[index]);
    let locations = [
        ParamLocation::Path,
        ParamLocation::Query,
        ParamLocation::Header,
        ParamLocation::Cookie,
    ];
    let mut rows: Vec<Row> = locations
        .iter()
        .flat_map(|&loc| {
            let params = op.params.iter().enumerate();
            let here = params.filter(move |(_, p)| p.location == loc);
            here.map(|(i, p)| Row::from_param(p, shape.takes(Input::Param(i))))
        })
        .collect();
    if let Some(body) = &op.body {
        rows.extend(body_rows(surface, body, shape.takes(Input::Body)));
    }
    rows.sort_by_key(|row| !row.required);
    rows
}

/// The rows of a request body: its fields when it is a struct, else one row for it all;
/// `argument` when the method takes it.
fn body_rows<'a>(surface: &Surface<'a>, body: &'a RequestBody, argument: bool) -> Vec<Row<'a>> {
    let api = surface.api;
    let whole = |ty: Ty| {
        vec![Row::whole(
            "body",
            ty,
            argument,
            body.description.as_deref(),
        )]
    };
    match body.kind {
        BodyKind::Binary | BodyKind::Text | BodyKind::EventStream => {
            whole(body_ty(body.kind, &body.ty))
        }
        BodyKind::Json | BodyKind::FormUrlEncoded | BodyKind::Multipart => {
            match cells::named_def(api, &body.ty) {
                Some((id, def)) if matches!(def.kind, TypeKind::Struct(_)) => surface
                    .fields(id)
                    .filter(|(f, _)| !f.read_only)
                    .map(|(f, shape)| Row::from_field(f, shape))
                    .collect(),
                _ => whole(body.ty.clone()),
            }
        }
    }
}

fn request_table(api: &Api, texts: &Texts, links: &Links, rows: &[Row]) -> String {
    let mut table = Table::new([
        texts.name.to_owned(),
        texts.type_.to_owned(),
        sized_header(80, texts.required),
        sized_header(60, texts.default_value),
        sized_header(300, texts.description),
        sized_header(200, texts.sample_value),
    ]);
    for row in rows {
        table.push(vec![
            name_cell(row.name),
            type_cell(api, &row.ty, links),
            (if row.required { texts.yes } else { texts.no }).to_owned(),
            default_cell(row.default),
            description_cell(api, texts, links, row),
            sample_cell(row.example),
        ]);
    }
    table.render()
}

fn media_note(texts: &Texts, label: &str, media_type: &str) -> String {
    format!("{label}{}{}", inline_code(media_type), texts.sentence_end)
}

/// The response part of the page.
fn response_blocks(
    surface: &Surface,
    index: usize,
    texts: &Texts,
    links: &Links,
    blocks: &mut Vec<String>,
) {
    let api = surface.api;
    let Some((body, rows)) = response(surface, index) else {
        blocks.push(texts.no_response_body.to_owned());
        return;
    };
    if !structured(body) {
        let name = if matches!(body.kind, BodyKind::Text | BodyKind::EventStream) {
            "string"
        } else {
            "bytes"
        };
        blocks.push(format!(
            "{}{}{}{}{}{}",
            texts.type_prefix,
            inline_code(name),
            texts.open_paren,
            texts.media_type,
            inline_code(&body.media_type),
            texts.close_paren
        ));
        return;
    }
    blocks.push(format!(
        "{}{}",
        texts.type_prefix,
        inline_code(&cells::type_name(api, &body.ty))
    ));
    if let Some(rows) = rows {
        blocks.push(response_table(api, texts, links, &rows));
    }
    if shows_sample(api, &body.ty) {
        let value = sample(api, &body.ty, None, Direction::Response);
        blocks.push(texts.sample_result.to_owned());
        blocks.push(fence("json", &json::pretty(&value)));
    }
}

/// Whether a result of `ty` gets a sample: structs and unions (also in arrays), and named types
/// with an example of their own.
fn shows_sample(api: &Api, ty: &Ty) -> bool {
    match ty.non_null() {
        Ty::Array(item) => shows_sample(api, item),
        Ty::Named(id) if api.type_def(*id).example.is_some() => true,
        _ => matches!(
            cells::named_def(api, ty).map(|(_, def)| &def.kind),
            Some(TypeKind::Struct(_) | TypeKind::Union(_))
        ),
    }
}

fn response_table(api: &Api, texts: &Texts, links: &Links, rows: &[Row]) -> String {
    let mut table = Table::new([texts.name, texts.type_, texts.description]);
    for row in rows {
        table.push(vec![
            name_cell(row.name),
            type_cell(api, &row.ty, links),
            description_cell(api, texts, links, row),
        ]);
    }
    table.render()
}
