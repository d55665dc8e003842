//! How a list operation pages: `x-sdk-pagination` where the spec declares it, Authing's
//! `page`/`limit` with `data.list`/`data.totalCount` on Authing clients, and otherwise the
//! conventions of `infer_pages`. Every name it gives is
//! checked against the operation's parameters and success body; what does not fit is a located
//! warning, and the operation does not page.

use super::Lowerer;
use crate::model::*;
use crate::pointer::child;
use serde_json::Value;

/// The operation extension that declares pagination.
pub const EXT_PAGINATION: &str = "x-sdk-pagination";

impl Lowerer<'_> {
    /// The pagination of `op` (its parameters and responses lowered), from the extension `ext`
    /// or, on an Authing client, from Authing's conventions.
    pub fn pagination(
        &mut self,
        op: &Operation,
        ext: Option<&Value>,
        authing: bool,
        link_header: bool,
    ) -> Option<Pagination> {
        let at = child(&op.pointer, EXT_PAGINATION);
        let declared = match ext {
            Some(ext) => match declared(ext) {
                Ok(p) => self.offset_named_page(p, &at),
                Err(why) => {
                    self.warn(&at, format!("{why}; the operation does not page"));
                    return None;
                }
            },
            None if authing => super::infer_pages::authing_pages(self, op)?,
            None => return self.inferred(op, link_header),
        };
        match self.fits(op, &declared) {
            Ok(()) => Some(declared),
            Err(why) if ext.is_some() => {
                self.warn(&at, format!("{why}; the operation does not page"));
                None
            }
            Err(_) => None,
        }
    }

    /// `style: page` whose page parameter is named `offset` (or `skip`) counts items, not
    /// pages: it is read as `style: offset`, with a warning.
    fn offset_named_page(&mut self, p: Pagination, at: &str) -> Pagination {
        let PageStyle::Page { page, size, total } = p.style else {
            return p;
        };
        if !matches!(page.as_str(), "offset" | "skip") {
            let style = PageStyle::Page { page, size, total };
            return Pagination { style, ..p };
        }
        let message = format!("`style: page` names `{page}` as the page number, but it is an item offset: paging by offset (from 0, advancing by the items received)");
        self.warn(at, message).hint = Some(format!(
            "declare `style: offset, offset: {page}` (with `limit` for the page size)"
        ));
        Pagination {
            style: PageStyle::Offset {
                offset: page,
                limit: size,
                total,
            },
            ..p
        }
    }

    /// Whether the parameters and fields `p` names exist and have the right types.
    pub(super) fn fits(&self, op: &Operation, p: &Pagination) -> Result<(), String> {
        let body = op
            .successes()
            .into_iter()
            .find_map(|i| op.responses[i].body.as_ref())
            .filter(|b| b.kind == BodyKind::Json)
            .ok_or("no JSON success body holds the items")?;
        let items = self.walk(&body.ty, &p.items, "items")?;
        if !matches!(items, Ty::Array(_)) {
            return Err(format!("`items` ({}) is not an array", dotted(&p.items)));
        }
        let query = |name: &str| {
            op.params
                .iter()
                .find(|q| q.location == ParamLocation::Query && q.name.wire == name)
                .ok_or_else(|| format!("no query parameter `{name}`"))
        };
        let integer = |param: &Param| {
            if matches!(param.ty.non_null(), Ty::Integer(_) | Ty::Number(_)) {
                Ok(())
            } else {
                Err(format!(
                    "query parameter `{}` is not a number",
                    param.name.wire
                ))
            }
        };
        match &p.style {
            PageStyle::Page { page, size, total } => {
                integer(query(page)?)?;
                if let Some(size) = size {
                    integer(query(size)?)?;
                }
                if !total.is_empty() {
                    let ty = self.walk(&body.ty, total, "total")?;
                    if !matches!(ty, Ty::Integer(_) | Ty::Number(_)) {
                        return Err(format!("`total` ({}) is not a number", dotted(total)));
                    }
                }
            }
            PageStyle::Cursor { param, next } => {
                query(param)?;
                if !matches!(self.walk(&body.ty, next, "next")?, Ty::String(_)) {
                    return Err(format!("`next` ({}) is not a string", dotted(next)));
                }
            }
            PageStyle::Offset {
                offset,
                limit,
                total,
            } => {
                integer(query(offset)?)?;
                if let Some(limit) = limit {
                    integer(query(limit)?)?;
                }
                if !total.is_empty() {
                    let ty = self.walk(&body.ty, total, "total")?;
                    if !matches!(ty, Ty::Integer(_) | Ty::Number(_)) {
                        return Err(format!("`total` ({}) is not a number", dotted(total)));
                    }
                }
            }
            PageStyle::NextUrl { next } => {
                if !matches!(self.walk(&body.ty, next, "next")?, Ty::String(_)) {
                    return Err(format!("`next` ({}) is not a string", dotted(next)));
                }
            }
            PageStyle::AfterLast {
                param,
                has_more,
                id,
            } => {
                query(param)?;
                if !matches!(self.walk(&body.ty, has_more, "has_more")?, Ty::Boolean) {
                    return Err(format!(
                        "`has_more` ({}) is not a boolean",
                        dotted(has_more)
                    ));
                }
                let Ty::Array(item) = items else {
                    unreachable!("checked above")
                };
                if !matches!(
                    self.walk(&item, std::slice::from_ref(id), "id")?,
                    Ty::String(_)
                ) {
                    return Err(format!("the items' `{id}` is not a string"));
                }
            }
            PageStyle::Link => {}
        }
        Ok(())
    }

    /// The type at `path` (field wire names) inside `ty`, past nullable wrappers and aliases.
    pub(super) fn walk(&self, ty: &Ty, path: &[String], what: &str) -> Result<Ty, String> {
        let mut ty = self.resolved(ty);
        for (i, name) in path.iter().enumerate() {
            let field = match &ty {
                Ty::Named(id) => match &self.types[id.0].kind {
                    TypeKind::Struct(s) => s.fields.iter().find(|f| &f.name.wire == name),
                    _ => None,
                },
                _ => None,
            };
            let field = field.ok_or_else(|| {
                format!(
                    "`{what}` ({}): no field `{name}` at `{}`",
                    dotted(path),
                    dotted(&path[..i])
                )
            })?;
            ty = self.resolved(&field.ty);
        }
        Ok(ty)
    }

    /// `ty` past nullable wrappers and aliases.
    pub(super) fn resolved(&self, ty: &Ty) -> Ty {
        crate::model::resolve(&self.types, ty).ty.clone()
    }
}

/// The declaration in `x-sdk-pagination`: `style` (`page`, `offset`, `cursor` or `link`), `items`
/// (a dotted path, empty for the body itself), and per style `page`, `size`, `total` / `offset`,
/// `limit`, `total` / `cursor`, `next`.
fn declared(ext: &Value) -> Result<Pagination, String> {
    let text = |key: &str| ext.get(key).and_then(Value::as_str);
    let path = |key: &str| -> Vec<String> {
        text(key)
            .map(|p| {
                p.split('.')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let need = |key: &str| {
        text(key)
            .map(str::to_owned)
            .ok_or_else(|| format!("`{key}` is missing"))
    };
    let style = match text("style") {
        Some("page") => PageStyle::Page {
            page: need("page")?,
            size: text("size").map(str::to_owned),
            total: path("total"),
        },
        Some("cursor") => PageStyle::Cursor {
            param: need("cursor")?,
            next: {
                need("next")?;
                path("next")
            },
        },
        Some("offset") => PageStyle::Offset {
            offset: need("offset")?,
            limit: text("limit").map(str::to_owned),
            total: path("total"),
        },
        Some("link") => PageStyle::Link,
        Some(other) => {
            return Err(format!(
                "unknown style `{other}`: use `page`, `offset`, `cursor` or `link`"
            ))
        }
        None => return Err("`style` is missing".into()),
    };
    Ok(Pagination {
        style,
        items: path("items"),
    })
}

fn dotted(path: &[String]) -> String {
    if path.is_empty() {
        "the body".to_owned()
    } else {
        path.join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      x-sdk-pagination: { style: page, page: page, size: per_page, items: data.items, total: data.total }
      parameters:
        - { name: page, in: query, schema: { type: integer } }
        - { name: per_page, in: query, schema: { type: integer } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/PetPage' } } } }
  /events:
    get:
      operationId: listEvents
      x-sdk-pagination: { style: cursor, cursor: after, next: next_cursor, items: events }
      parameters:
        - { name: after, in: query, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  events: { type: array, items: { type: string } }
                  next_cursor: { type: string, nullable: true }
  /tags:
    get:
      operationId: listTags
      x-sdk-pagination: { style: link }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
  /broken:
    get:
      operationId: listBroken
      x-sdk-pagination: { style: page, page: pg, items: data.items }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/PetPage' } } } }
components:
  schemas:
    PetPage:
      type: object
      properties:
        data:
          type: object
          properties:
            items: { type: array, items: { type: string } }
            total: { type: integer }
"#;

    #[test]
    fn declared_pagination_is_checked_against_the_operation() {
        let doc = crate::load_bytes("p.yaml", SPEC.as_bytes()).unwrap();
        let (api, warnings) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        let page = |name: &str| {
            let op = api.operations.iter().find(|o| o.name.wire == name).unwrap();
            op.pagination.clone()
        };
        let strings = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            page("listPets"),
            Some(Pagination {
                style: PageStyle::Page {
                    page: "page".into(),
                    size: Some("per_page".into()),
                    total: strings(&["data", "total"]),
                },
                items: strings(&["data", "items"]),
            })
        );
        assert_eq!(
            page("listEvents").map(|p| p.style),
            Some(PageStyle::Cursor {
                param: "after".into(),
                next: strings(&["next_cursor"]),
            })
        );
        assert_eq!(
            page("listTags").map(|p| (p.style, p.items)),
            Some((PageStyle::Link, vec![]))
        );
        assert_eq!(page("listBroken"), None);
        let text = warnings.to_string();
        assert!(
            text.contains("#/paths/~1broken/get/x-sdk-pagination: no query parameter `pg`; the operation does not page"),
            "{text}"
        );
    }

    #[test]
    fn authing_clients_page_by_page_and_limit() {
        let spec = r#"
openapi: 3.0.3
info: { title: Authing Management API, version: "1", x-sdk-client-kind: authing-management }
paths:
  /api/v3/list-users:
    get:
      operationId: listUsers
      parameters:
        - { name: page, in: query, schema: { type: number } }
        - { name: limit, in: query, schema: { type: number } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: object
                    properties:
                      list: { type: array, items: { type: string } }
                      totalCount: { type: number }
"#;
        let doc = crate::load_bytes("a.yaml", spec.as_bytes()).unwrap();
        let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        let p = api.operations[0].pagination.clone().expect("pages");
        assert_eq!(p.items, ["data", "list"]);
    }
}
