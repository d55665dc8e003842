//! One operation's page: title, method name, request parameters, example, response and the data
//! structures they use.

use super::cells::{self, default_cell, description_cell, sample_cell, type_cell, Row};
use super::lang::Texts;
use super::links::Links;
use super::prose::prose;
use super::render::{fence, heading, inline_code, name_cell, sized_header, Table};
use super::{json, nested, sample};
use crate::model::{
    Api, BodyKind, Operation, ParamLocation, RequestBody, ResponseBody, StatusCode, Ty, TypeId,
    TypeKind,
};

/// The whole page, ending in one newline.
/// `snippet` is the operation's Rust example, if it shows one; `sections` the types whose
/// structures the page shows.
pub fn render(
    api: &Api,
    op: &Operation,
    snippet: Option<&str>,
    texts: &Texts,
    links: &Links,
    sections: &[TypeId],
) -> String {
    let mut blocks = head(api, op, texts, links);
    blocks.push(heading(2, texts.request_parameters));
    let rows = request_rows(api, op);
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
    response_blocks(api, op, texts, links, &mut blocks);
    blocks.push(heading(2, texts.data_structure));
    for &id in sections {
        blocks.extend(nested::section(api, texts, links, id));
    }
    let mut page = blocks.join("\n\n");
    page.push('\n');
    page
}

/// The types whose structures the page lists, in the order it would list them: those of the
/// request rows, then of the response rows (or of the response body, when it has no rows).
pub fn roots(api: &Api, op: &Operation) -> Vec<Ty> {
    let mut roots: Vec<Ty> = request_rows(api, op).into_iter().map(|r| r.ty).collect();
    let Some(body) = success_body(op) else {
        return roots;
    };
    if !matches!(body.kind, BodyKind::Json | BodyKind::FormUrlEncoded) {
        return roots;
    }
    match cells::named_def(api, &body.ty).map(|(_, def)| &def.kind) {
        Some(TypeKind::Struct(s)) => {
            let fields = s.fields.iter().filter(|f| !f.write_only);
            roots.extend(fields.map(|f| f.ty.clone()));
        }
        _ => roots.push(body.ty.clone()),
    }
    roots
}

/// A page's title, do-not-edit comment and `<LastUpdated />`.
pub fn top(title: &str, texts: &Texts) -> Vec<String> {
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
    let mut blocks = top(&title, texts);
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

/// Parameters (path, query, header, cookie) then body properties; required rows first, the rest
/// in spec order.
fn request_rows<'a>(api: &'a Api, op: &'a Operation) -> Vec<Row<'a>> {
    let locations = [
        ParamLocation::Path,
        ParamLocation::Query,
        ParamLocation::Header,
        ParamLocation::Cookie,
    ];
    let mut rows: Vec<Row> = locations
        .iter()
        .flat_map(|&loc| op.params_in(loc).map(Row::from_param))
        .collect();
    if let Some(body) = &op.body {
        rows.extend(body_rows(api, body));
    }
    rows.sort_by_key(|row| !row.required);
    rows
}

fn body_rows<'a>(api: &'a Api, body: &'a RequestBody) -> Vec<Row<'a>> {
    let whole = |ty: Ty| {
        vec![Row::whole(
            "body",
            ty,
            body.required,
            body.description.as_deref(),
        )]
    };
    match body.kind {
        BodyKind::Binary => whole(Ty::Binary),
        BodyKind::Text => whole(Ty::String(crate::model::StringFormat::Plain)),
        BodyKind::Json | BodyKind::FormUrlEncoded | BodyKind::Multipart => {
            match cells::named_def(api, &body.ty).map(|(_, def)| &def.kind) {
                Some(TypeKind::Struct(s)) => s
                    .fields
                    .iter()
                    .filter(|f| !f.read_only)
                    .map(Row::from_field)
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
    api: &Api,
    op: &Operation,
    texts: &Texts,
    links: &Links,
    blocks: &mut Vec<String>,
) {
    let Some(body) = success_body(op) else {
        blocks.push(texts.no_response_body.to_owned());
        return;
    };
    let structured = matches!(body.kind, BodyKind::Json | BodyKind::FormUrlEncoded);
    if !structured {
        let name = if body.kind == BodyKind::Text {
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
    if let Some((_, def)) = cells::named_def(api, &body.ty) {
        if let TypeKind::Struct(s) = &def.kind {
            let rows: Vec<Row> = s
                .fields
                .iter()
                .filter(|f| !f.write_only)
                .map(Row::from_field)
                .collect();
            blocks.push(response_table(api, texts, links, &rows));
        }
    }
    if let Some(value) = sample::of_type(api, &body.ty) {
        blocks.push(texts.sample_result.to_owned());
        blocks.push(fence("json", &json::pretty(&value)));
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

/// The body of the first 2XX response that has one, else of the first other success response.
fn success_body(op: &Operation) -> Option<&ResponseBody> {
    let is_2xx = |s: StatusCode| match s {
        StatusCode::Code(c) => (200..300).contains(&c),
        StatusCode::Range(r) => r == 2,
        StatusCode::Default => false,
    };
    let with_body = || {
        op.success_responses()
            .filter_map(|r| Some((r.status, r.body.as_ref()?)))
    };
    with_body()
        .find(|(status, _)| is_2xx(*status))
        .or_else(|| with_body().next())
        .map(|(_, body)| body)
}
