//! How a paging operation's request builder walks its pages: where the items are in a result,
//! which builder field carries the page or cursor, and where the next one comes from.

use super::ops::OpShape;
use super::returns::Returns;
use super::rust_type::RustType;
use super::types::{ShapeKind, TypeShape};
use crate::model::*;

#[derive(Debug, Clone, PartialEq)]
pub struct PageShape {
    /// The type of one item.
    pub item: RustType,
    /// The fields from the result down to the items.
    pub items: Vec<Step>,
    pub style: PagerShape,
}

/// One field on the way from a result to a value in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub ident: String,
    /// The field is an `Option`.
    pub optional: bool,
    pub boxed: bool,
}

/// A builder field the pager sets: the argument or setter that holds a parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub field: String,
    /// An argument (held as is) rather than a setter (held as an `Option`).
    pub required: bool,
    pub ty: RustType,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PagerShape {
    Page {
        page: Slot,
        size: Option<Slot>,
        /// Where the result gives the total, if it does, and its type.
        total: Option<(Vec<Step>, RustType)>,
    },
    Cursor {
        cursor: Slot,
        next: Vec<Step>,
    },
    Link,
    Offset {
        offset: Slot,
        limit: Option<Slot>,
        total: Option<(Vec<Step>, RustType)>,
    },
    NextUrl {
        next: Vec<Step>,
    },
    AfterLast {
        cursor: Slot,
        has_more: Vec<Step>,
        /// The items' id field.
        id: Step,
    },
}

/// The pager of `op`, when it pages and returns one body type.
pub fn pages(api: &Api, types: &[TypeShape], op: &Operation, shape: &OpShape) -> Option<PageShape> {
    let p = op.pagination.as_ref()?;
    let Returns::Body(body) = &shape.returns else {
        return None;
    };
    let body_ty = &op.responses[body.response].body.as_ref()?.ty;
    let (items, items_ty) = steps(api, types, body_ty, &p.items)?;
    let Ty::Array(item) = items_ty else {
        return None;
    };
    let slot = |wire: &str| {
        let index = op
            .params
            .iter()
            .position(|q| q.location == ParamLocation::Query && q.name.wire == wire)?;
        let (field, ty, required) = shape.input_of(index)?;
        Some(Slot {
            field: field.to_owned(),
            required,
            ty: ty.clone(),
        })
    };
    let total = |total: &[String]| {
        (!total.is_empty())
            .then(|| steps(api, types, body_ty, total).map(|(s, ty)| (s, RustType::of(api, &ty))))
            .flatten()
    };
    let style = match &p.style {
        PageStyle::Page {
            page,
            size,
            total: at,
        } => PagerShape::Page {
            page: slot(page)?,
            size: match size {
                Some(size) => Some(slot(size)?),
                None => None,
            },
            total: total(at),
        },
        PageStyle::Offset {
            offset,
            limit,
            total: at,
        } => PagerShape::Offset {
            offset: slot(offset)?,
            limit: match limit {
                Some(limit) => Some(slot(limit)?),
                None => None,
            },
            total: total(at),
        },
        PageStyle::NextUrl { next } => PagerShape::NextUrl {
            next: steps(api, types, body_ty, next)?.0,
        },
        PageStyle::AfterLast {
            param,
            has_more,
            id,
        } => PagerShape::AfterLast {
            cursor: slot(param)?,
            has_more: steps(api, types, body_ty, has_more)?.0,
            id: steps(api, types, &item, std::slice::from_ref(id))?
                .0
                .pop()?,
        },
        PageStyle::Cursor { param, next } => PagerShape::Cursor {
            cursor: slot(param)?,
            next: steps(api, types, body_ty, next)?.0,
        },
        PageStyle::Link => PagerShape::Link,
    };
    Some(PageShape {
        item: RustType::of(api, &item),
        items,
        style,
    })
}

/// The fields named `path` from a value of `ty`, and the type at the end (past nullable
/// wrappers and aliases).
fn steps(api: &Api, types: &[TypeShape], ty: &Ty, path: &[String]) -> Option<(Vec<Step>, Ty)> {
    let mut ty = resolved(api, ty);
    let mut out = Vec::new();
    for name in path {
        let Ty::Named(id) = &ty else {
            return None;
        };
        let (TypeKind::Struct(s), ShapeKind::Struct(shape)) =
            (&api.type_def(*id).kind, &types[id.0].kind)
        else {
            return None;
        };
        let i = s.fields.iter().position(|f| &f.name.wire == name)?;
        let field = &shape.fields[i];
        out.push(Step {
            ident: field.ident.clone(),
            optional: field.ty.is_option(),
            boxed: field.boxed,
        });
        ty = resolved(api, &s.fields[i].ty);
    }
    Some((out, ty))
}

fn resolved(api: &Api, ty: &Ty) -> Ty {
    api.resolve(ty).ty.clone()
}
