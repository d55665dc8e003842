//! The "Data structure" part of a page: the section of each named struct and union it shows.

use super::cells::{description_cell, sample_cell, type_cell, Row};
use super::lang::Texts;
use super::links::Links;
use super::prose::prose;
use super::render::{inline_code, name_cell, sized_header, Table};
use crate::model::{Api, Struct, TypeId, TypeKind, Union};
use crate::surface::Surface;

/// The blocks of one type's section: heading, description, table and notes.
pub fn section(surface: &Surface, texts: &Texts, links: &Links, id: TypeId) -> Vec<String> {
    let api = surface.api;
    let Some(def) = api.types.get(id.0) else {
        return Vec::new();
    };
    let name = &def.name.rust;
    let mut blocks = vec![format!("### <a id=\"{name}\"></a> {name}")];
    if let Some(description) = def.description.as_deref().filter(|d| !d.trim().is_empty()) {
        blocks.push(prose(description, links));
    }
    match &def.kind {
        TypeKind::Struct(s) => struct_blocks(surface, texts, links, (id, s), &mut blocks),
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

fn struct_blocks(
    surface: &Surface,
    texts: &Texts,
    links: &Links,
    (id, s): (TypeId, &Struct),
    blocks: &mut Vec<String>,
) {
    let api = surface.api;
    let mut table = header(texts);
    for (field, shape) in surface.fields(id) {
        let row = Row::from_field(field, shape);
        table.push(vec![
            name_cell(row.name),
            type_cell(api, &row.ty, links),
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
            type_cell(api, additional, links),
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
            super::cells::named_def(api, &variant.ty).and_then(|(_, d)| d.example.as_deref());
        table.push(vec![
            name_cell(name),
            type_cell(api, &row.ty, links),
            "-".to_owned(),
            description_cell(api, texts, links, &row),
            sample_cell(example),
        ]);
    }
    blocks.push(table.render());
}
