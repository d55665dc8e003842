//! Pagination by convention, without any extension: Authing's on Authing clients, otherwise the
//! common conventions, inferred only when the parameter names, their types and the response
//! shape all fit one exactly; anything else does not page, and nothing is said.

use super::Lowerer;
use crate::model::*;

/// Page-size parameters that go with a `page` number.
const PAGE_SIZES: [&str; 3] = ["per_page", "page_size", "limit"];
/// Cursor query parameters, each with the body fields that hold the next one, in order of
/// preference.
const CURSORS: [(&str, &[&str]); 3] = [
    ("cursor", &["next_cursor", "nextCursor", "cursor", "next"]),
    ("page_token", &["next_page_token", "next_page"]),
    ("pageToken", &["nextPageToken"]),
];
/// Body fields that give the number of items in all pages.
const TOTALS: [&str; 2] = ["total", "total_count"];

impl Lowerer<'_> {
    /// The convention a GET operation pages by, if exactly its parameters and response fit one:
    /// offset/limit, page/per_page (or page_size, limit), `has_more` with `starting_after` the
    /// last item's id, a cursor in the body and the `cursor` (or `page_token`) query parameter,
    /// a `next` URL in the body, or (`link_header`: its success response declares `Link`) RFC 8288 links.
    pub(super) fn inferred(&self, op: &Operation, link_header: bool) -> Option<Pagination> {
        if op.method != HttpMethod::Get {
            return None;
        }
        let body = op
            .successes()
            .into_iter()
            .find_map(|i| op.responses[i].body.as_ref())
            .filter(|b| b.kind == BodyKind::Json)?;
        let fields = self.top_fields(&body.ty);
        let items = match self.resolved(&body.ty) {
            Ty::Array(_) => Vec::new(),
            _ => {
                let arrays: Vec<&Field> = fields
                    .iter()
                    .filter(|f| matches!(self.resolved(&f.ty), Ty::Array(_)))
                    .collect();
                match arrays.as_slice() {
                    [only] => vec![only.name.wire.clone()],
                    _ => return None,
                }
            }
        };
        let query = |name: &str, want: fn(&Ty) -> bool| {
            op.params.iter().any(|p| {
                p.location == ParamLocation::Query && p.name.wire == name && want(p.ty.non_null())
            })
        };
        let field = |name: &str, want: fn(&Ty) -> bool| {
            fields
                .iter()
                .any(|f| f.name.wire == name && want(&self.resolved(&f.ty)))
                .then(|| vec![name.to_owned()])
        };
        let total = || {
            TOTALS
                .iter()
                .find_map(|t| field(t, is_integer))
                .unwrap_or_default()
        };
        let style = if query("offset", is_integer) && query("limit", is_integer) {
            PageStyle::Offset {
                offset: "offset".into(),
                limit: Some("limit".into()),
                total: total(),
            }
        } else if let Some(size) = PAGE_SIZES
            .iter()
            .find(|s| query("page", is_integer) && query(s, is_integer))
        {
            PageStyle::Page {
                page: "page".into(),
                size: Some((*size).into()),
                total: total(),
            }
        } else if let (true, Some(has_more)) = (
            query("starting_after", is_string),
            field("has_more", |t| matches!(t, Ty::Boolean)),
        ) {
            PageStyle::AfterLast {
                param: "starting_after".into(),
                has_more,
                id: "id".into(),
            }
        } else if let Some((param, next)) = CURSORS.iter().find_map(|(param, fields)| {
            query(param, is_string)
                .then(|| fields.iter().find_map(|c| field(c, is_string)))
                .flatten()
                .map(|next| (param, next))
        }) {
            PageStyle::Cursor {
                param: (*param).into(),
                next,
            }
        } else if let Some(next) = field("next", is_string) {
            PageStyle::NextUrl { next }
        } else if link_header {
            PageStyle::Link
        } else {
            return None;
        };
        let pages = Pagination { style, items };
        self.fits(op, &pages).ok().map(|()| pages)
    }

    /// The fields of the object `ty` is (none when it is not one).
    fn top_fields(&self, ty: &Ty) -> Vec<Field> {
        match self.resolved(ty) {
            Ty::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(s) => s.fields.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

fn is_integer(ty: &Ty) -> bool {
    matches!(ty, Ty::Integer(_))
}

fn is_string(ty: &Ty) -> bool {
    matches!(ty, Ty::String(_))
}

/// Whether a 2XX response in `responses` declares a `Link` header.
pub(super) fn declares_link(
    responses: &openapiv3::Responses,
    components: Option<&openapiv3::Components>,
) -> bool {
    responses
        .responses
        .iter()
        .filter(|(status, _)| match status {
            openapiv3::StatusCode::Code(code) => (200..300).contains(code),
            openapiv3::StatusCode::Range(range) => *range == 2,
        })
        .filter_map(|(_, response)| match response {
            openapiv3::ReferenceOr::Item(r) => Some(r),
            openapiv3::ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/responses/")?;
                match components?.responses.get(name)? {
                    openapiv3::ReferenceOr::Item(r) => Some(r),
                    openapiv3::ReferenceOr::Reference { .. } => None,
                }
            }
        })
        .any(|r| r.headers.keys().any(|h| h.eq_ignore_ascii_case("link")))
}

/// Authing's list operations: integer `page` and `limit` query parameters, and the items in
/// `data.list` with their count in `data.totalCount`.
pub(super) fn authing_pages(cx: &Lowerer, op: &Operation) -> Option<Pagination> {
    let has = |name: &str| {
        op.params
            .iter()
            .any(|p| p.location == ParamLocation::Query && p.name.wire == name)
    };
    if !(has("page") && has("limit")) {
        return None;
    }
    let path = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    let pages = Pagination {
        style: PageStyle::Page {
            page: "page".into(),
            size: Some("limit".into()),
            total: path(&["data", "totalCount"]),
        },
        items: path(&["data", "list"]),
    };
    cx.fits(op, &pages).ok().map(|()| pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pagination of the one operation of a spec whose paths are `paths` (YAML).
    fn inferred(paths: &str) -> Option<PageStyle> {
        let spec = format!("openapi: 3.0.3\ninfo: {{ title: T, version: '1' }}\npaths:\n{paths}");
        let doc = crate::load_bytes("p.yaml", spec.as_bytes()).unwrap();
        let (api, warnings) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        assert_eq!(warnings.to_string(), "", "inference says nothing");
        api.operations[0].pagination.clone().map(|p| p.style)
    }

    fn list(method: &str, params: &str, properties: &str) -> String {
        format!(
            "  /things:\n    {method}:\n      parameters: [{params}]\n      responses:\n        '200':\n          description: ok\n          content: {{ application/json: {{ schema: {{ type: object, properties: {{ {properties} }} }} }} }}\n"
        )
    }

    const ITEMS: &str = "things: { type: array, items: { type: string } }";

    #[test]
    fn camel_case_cursors_page_and_near_misses_do_not() {
        let cursor = "{ name: cursor, in: query, schema: { type: string } }";
        let next = format!("{ITEMS}, nextCursor: {{ type: string, nullable: true }}");
        assert_eq!(
            inferred(&list("get", cursor, &next)),
            Some(PageStyle::Cursor {
                param: "cursor".into(),
                next: vec!["nextCursor".into()],
            })
        );
        assert_eq!(inferred(&list("post", cursor, &next)), None, "not a GET");
        let two = format!("{next}, others: {{ type: array, items: {{ type: string }} }}");
        assert_eq!(inferred(&list("get", cursor, &two)), None, "two arrays");
        assert_eq!(
            inferred(&list("get", cursor, ITEMS)),
            None,
            "no next cursor"
        );
        let offset = "{ name: offset, in: query, schema: { type: string } }, { name: limit, in: query, schema: { type: integer } }";
        assert_eq!(
            inferred(&list("get", offset, ITEMS)),
            None,
            "a string offset"
        );
        let page = "{ name: page, in: query, schema: { type: integer } }";
        assert_eq!(inferred(&list("get", page, ITEMS)), None, "no page size");
    }

    #[test]
    fn a_cursor_with_no_next_field_leaves_a_declared_link_header_to_page() {
        let paths = "  /things:\n    get:\n      parameters: [{ name: cursor, in: query, schema: { type: string } }]\n      responses:\n        '200':\n          description: ok\n          headers: { link: { schema: { type: string } } }\n          content: { application/json: { schema: { type: array, items: { type: string } } } }\n";
        assert_eq!(inferred(paths), Some(PageStyle::Link));
    }
}
