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
            .and_then(|k| closest(name, k))
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

/// The known name nearest to `name` by edit distance, if it is near enough to be a typo.
pub fn closest<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min()
        .map(|(_, k)| k.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_nearest_name() {
        let known = vec!["UpdatePhoneDto".to_owned(), "CommonResponseDto".to_owned()];
        assert_eq!(closest("UpdatePhonDto", &known), Some("UpdatePhoneDto"));
        assert_eq!(closest("Unrelated", &known), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
