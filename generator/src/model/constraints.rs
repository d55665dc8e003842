//! What a value must meet where it sits, beyond its type: a schema's validation keywords, kept
//! so that examples and samples can be values a validating server accepts.

/// The validation keywords of one schema (all absent: anything of the type will do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `format`, as the spec spells it (`email`, `uri`, `int32`, `uuid`, …).
    pub format: Option<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// Whether `minimum` itself is excluded.
    pub exclusive_minimum: bool,
    /// Whether `maximum` itself is excluded.
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    /// In characters (Unicode code points), as JSON Schema counts them.
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// An ECMA-262 regular expression that some part of the string matches.
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    /// What each item of an array must meet, when the items' schema is written in place (a
    /// referenced one keeps its own, on its type).
    pub items: Option<Box<Constraints>>,
}

impl Constraints {
    /// Whether nothing is asked.
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }

    /// What both ask, for a value that sits where `self` applies and is of a named type whose
    /// schema asks `inner`: each keyword as written here, else as the type has it.
    pub fn or(&self, inner: &Constraints) -> Constraints {
        Constraints {
            format: self.format.clone().or_else(|| inner.format.clone()),
            minimum: self.minimum.or(inner.minimum),
            maximum: self.maximum.or(inner.maximum),
            exclusive_minimum: match self.minimum {
                Some(_) => self.exclusive_minimum,
                None => inner.exclusive_minimum,
            },
            exclusive_maximum: match self.maximum {
                Some(_) => self.exclusive_maximum,
                None => inner.exclusive_maximum,
            },
            multiple_of: self.multiple_of.or(inner.multiple_of),
            min_length: self.min_length.or(inner.min_length),
            max_length: self.max_length.or(inner.max_length),
            pattern: self.pattern.clone().or_else(|| inner.pattern.clone()),
            min_items: self.min_items.or(inner.min_items),
            max_items: self.max_items.or(inner.max_items),
            unique_items: self.unique_items || inner.unique_items,
            items: self.items.clone().or_else(|| inner.items.clone()),
        }
    }

    /// What an array's items must meet.
    pub fn item(&self) -> &Constraints {
        self.items.as_deref().unwrap_or(Constraints::none())
    }

    /// No constraints, for a value that sits where no schema of its own says anything.
    pub fn none() -> &'static Constraints {
        static NONE: Constraints = Constraints {
            format: None,
            minimum: None,
            maximum: None,
            exclusive_minimum: false,
            exclusive_maximum: false,
            multiple_of: None,
            min_length: None,
            max_length: None,
            pattern: None,
            min_items: None,
            max_items: None,
            unique_items: false,
            items: None,
        };
        &NONE
    }
}

/// A value that is nearly always its default, stored as one null pointer then: most schemas ask
/// nothing beyond their type, and a large spec has tens of thousands of places that could.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sparse<T>(Option<Box<T>>);

impl<T: Default + PartialEq> From<T> for Sparse<T> {
    fn from(value: T) -> Self {
        Sparse((value != T::default()).then(|| Box::new(value)))
    }
}

impl std::ops::Deref for Sparse<Constraints> {
    type Target = Constraints;

    fn deref(&self) -> &Constraints {
        self.0.as_deref().unwrap_or(Constraints::none())
    }
}

impl std::ops::DerefMut for Sparse<Constraints> {
    fn deref_mut(&mut self) -> &mut Constraints {
        self.0.get_or_insert_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_adds_to_its_types_keywords_and_wins_where_both_say() {
        let place = Constraints {
            minimum: Some(1.0),
            exclusive_minimum: true,
            pattern: Some("^a".into()),
            ..Constraints::default()
        };
        let ty = Constraints {
            minimum: Some(5.0),
            maximum: Some(9.0),
            exclusive_maximum: true,
            format: Some("int32".into()),
            ..Constraints::default()
        };
        let both = place.or(&ty);
        assert_eq!(both.minimum, Some(1.0));
        assert!(both.exclusive_minimum && both.exclusive_maximum);
        assert_eq!(both.maximum, Some(9.0));
        assert_eq!(both.format.as_deref(), Some("int32"));
        assert_eq!(both.pattern.as_deref(), Some("^a"));
        assert!(Constraints::default().is_empty() && !both.is_empty());
        assert!(both.item().is_empty());
    }

    #[test]
    fn sparse_constraints_hold_nothing_until_a_keyword_is_set() {
        let mut kept = Sparse::from(Constraints::default());
        assert_eq!(kept, Sparse::default());
        assert_eq!(kept.min_items, None);
        kept.min_items = Some(2);
        assert_eq!(kept.min_items, Some(2));
        assert_ne!(kept, Sparse::default());
    }
}
