//! Resolving `$ref`s to components, with precise errors for dangling and misdirected ones.

use super::Lowerer;
use indexmap::IndexMap;
use openapiv3::ReferenceOr;

/// A kind of component a `$ref` may point to.
#[derive(Clone, Copy)]
pub enum Section {
    Schemas,
    Parameters,
    RequestBodies,
    Responses,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Parameters => "parameters",
            Section::RequestBodies => "requestBodies",
            Section::Responses => "responses",
        }
    }

    pub fn prefix(self) -> String {
        format!("#/components/{}/", self.key())
    }
}

const MAX_CHAIN: usize = 32;

impl<'d> Lowerer<'d> {
    /// Follow `item` through `$ref`s into `section`. Reports and returns `None` when a reference
    /// dangles, points elsewhere, or loops. On success also returns the target's pointer.
    pub fn resolve<'a, T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
        section: Section,
        pointer: &str,
    ) -> Option<(&'a T, String)> {
        let mut current = item;
        let mut at = pointer.to_owned();
        for _ in 0..MAX_CHAIN {
            match current {
                ReferenceOr::Item(t) => return Some((t, at)),
                ReferenceOr::Reference { reference } => {
                    let ref_pointer = format!("{at}/$ref");
                    let name = self.component_name(reference, section, &ref_pointer)?;
                    let Some(next) = components.and_then(|c| c.get(name)) else {
                        let known = components.map(|c| c.keys().cloned().collect::<Vec<_>>());
                        self.dangling(&ref_pointer, name, section, known.as_deref());
                        return None;
                    };
                    at = format!("{}{}", section.prefix(), crate::diag::escape_segment(name));
                    current = next;
                }
            }
        }
        self.error(pointer, "`$ref` chain loops without reaching a definition");
        None
    }

    /// The component name in a local `$ref`, or a reported error.
    pub fn component_name<'r>(
        &mut self,
        reference: &'r str,
        section: Section,
        ref_pointer: &str,
    ) -> Option<&'r str> {
        if let Some(name) = reference.strip_prefix(section.prefix().as_str()) {
            return Some(name);
        }
        if !reference.starts_with('#') {
            self.error(
                ref_pointer,
                format!("external reference {reference:?} is not supported here"),
            )
            .hint = Some(
                "bundle the spec into one file, or use a local `#/components/...` reference".into(),
            );
        } else {
            self.error(
                ref_pointer,
                format!(
                    "{reference:?} points to the wrong kind of component: expected `{}…`",
                    section.prefix()
                ),
            );
        }
        None
    }

    fn dangling(
        &mut self,
        ref_pointer: &str,
        name: &str,
        section: Section,
        known: Option<&[String]>,
    ) {
        let hint = known
            .and_then(|k| crate::diag::closest(name, k))
            .map(|c| format!("did you mean '{c}'?"));
        self.error(
            ref_pointer,
            format!(
                "no {} '{name}' in #/components/{}",
                section.key().trim_end_matches('s'),
                section.key()
            ),
        )
        .hint = hint;
    }
}
