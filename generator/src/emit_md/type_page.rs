//! The page of one shared type (`types/<Type>.md`): its section alone, for the pages that link to
//! it instead of showing it again.

use super::lang::Texts;
use super::links::Links;
use super::render::heading;
use super::{nested, page};
use crate::model::TypeId;
use crate::surface::Surface;

/// The whole page, ending in one newline; the types its rows use are links to their own pages.
pub fn render(surface: &Surface, texts: &Texts, links: &Links, id: TypeId) -> String {
    let api = surface.api;
    let mut blocks = page::top(&api.type_def(id).name.rust, texts, api.client.kind);
    blocks.push(heading(2, texts.data_structure));
    blocks.extend(nested::section(surface, texts, links, id));
    let mut page = blocks.join("\n\n");
    page.push('\n');
    page
}
