//! The "Data structure" part of a page: which named structs and unions it shows, in which order,
//! and the section of each.

use super::cells::{description_cell, is_free_form, sample_cell, type_cell, Row};
use super::lang::Texts;
use super::links::Links;
use super::prose::prose;
use super::render::{inline_code, name_cell, sized_header, Table};
use crate::model::{Api, Struct, Ty, TypeId, TypeKind, Union};
use std::collections::BTreeSet;

/// The structs and unions reachable from `roots`, each once, depth first in field order: a type
/// comes right after the row that first uses it, followed by the types it uses itself, before the
/// next row's (the docs factory's order). Enums and aliases have no section; aliases are looked
/// through.
pub fn collect<'a>(api: &'a Api, roots: impl IntoIterator<Item = &'a Ty>) -> Vec<TypeId> {
    let mut order = Vec::new();
    let mut expanded_aliases = BTreeSet::new();
    let mut stack: Vec<&Ty> = roots.into_iter().collect();
    stack.reverse();
    while let Some(ty) = stack.pop() {
        let id = match ty {
            Ty::Nullable(inner) | Ty::Array(inner) | Ty::Map(inner) => {
                stack.push(inner);
                continue;
            }
            Ty::Named(id) => *id,
            _ => continue,
        };
        let Some(def) = api.types.get(id.0) else {
            continue;
        };
        let children: Vec<&Ty> = match &def.kind {
            _ if is_free_form(def) => continue,
            TypeKind::Alias(target) if expanded_aliases.insert(id) => vec![target],
            TypeKind::Struct(s) if !order.contains(&id) => {
                order.push(id);
                s.fields
                    .iter()
                    .map(|f| &f.ty)
                    .chain(&s.additional)
                    .collect()
            }
            TypeKind::Union(u) if !order.contains(&id) => {
                order.push(id);
                u.variants.iter().map(|v| &v.ty).collect()
            }
            _ => continue,
        };
        stack.extend(children.into_iter().rev());
    }
    order
}

/// The blocks of one type's section: heading, description, table and notes.
pub fn section(api: &Api, texts: &Texts, links: &Links, id: TypeId) -> Vec<String> {
    let Some(def) = api.types.get(id.0) else {
        return Vec::new();
    };
    let name = &def.name.rust;
    let mut blocks = vec![format!("### <a id=\"{name}\"></a> {name}")];
    if let Some(description) = def.description.as_deref().filter(|d| !d.trim().is_empty()) {
        blocks.push(prose(description, links));
    }
    match &def.kind {
        TypeKind::Struct(s) => struct_blocks(api, texts, links, s, &mut blocks),
        TypeKind::Union(u) => union_blocks(api, texts, links, u, &mut blocks),
        TypeKind::Enum(_) | TypeKind::Alias(_) => {}
    }
    blocks
}

fn header(texts: &Texts) -> Table {
    Table::new([
        texts.name.to_owned(),
        texts.type_.to_owned(),
        sized_header(80, texts.required),
        sized_header(300, texts.description),
        sized_header(200, texts.sample_value),
    ])
}

fn struct_blocks(api: &Api, texts: &Texts, links: &Links, s: &Struct, blocks: &mut Vec<String>) {
    let mut table = header(texts);
    for field in &s.fields {
        let row = Row::from_field(field);
        table.push(vec![
            name_cell(row.name),
            type_cell(api, &row.ty),
            (if row.required { texts.yes } else { texts.no }).to_owned(),
            description_cell(api, texts, links, &row),
            sample_cell(row.example),
        ]);
    }
    blocks.push(table.render());
    if let Some(additional) = &s.additional {
        blocks.push(format!(
            "{}{}{}",
            texts.other_properties,
            type_cell(api, additional),
            texts.sentence_end
        ));
    }
}

fn union_blocks(api: &Api, texts: &Texts, links: &Links, u: &Union, blocks: &mut Vec<String>) {
    let mut lead = texts.one_of.to_owned();
    if let Some(d) = &u.discriminator {
        lead.push_str(&format!(
            "{}{}{}",
            texts.discriminated_by,
            inline_code(&d.property),
            texts.sentence_end
        ));
    }
    blocks.push(lead);
    let mut table = header(texts);
    for variant in &u.variants {
        let name = if u.discriminator.is_some() && !variant.name.wire.is_empty() {
            &variant.name.wire
        } else {
            &variant.name.rust
        };
        let row = Row::whole(name, variant.ty.clone(), false, None);
        let example =
            super::cells::named_def(api, &variant.ty).and_then(|(_, d)| d.example.as_ref());
        table.push(vec![
            name_cell(name),
            type_cell(api, &row.ty),
            "-".to_owned(),
            description_cell(api, texts, links, &row),
            sample_cell(example),
        ]);
    }
    blocks.push(table.render());
}
