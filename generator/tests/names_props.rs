//! Property tests of name cleaning: whatever a spec calls things, the Rust names are valid,
//! unreserved, deterministic identifiers, and a scope never hands out one name twice.

use generator::model::names::{
    enum_variant, is_keyword, method_name, method_name_from_route, pascal, snake, Scope,
};
use proptest::prelude::*;

/// Wire names as specs write them: any Unicode, plus the symbols and keywords that bite.
fn wire() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_$@+*./ -]{0,24}",
        prop::sample::select(vec![
            "self",
            "Self",
            "type",
            "crate",
            "super",
            "_",
            "__",
            "",
            "1",
            "-1",
            "+1",
            "$ref",
            "r#type",
            "async",
            "gen",
            "try",
            "Controller_",
            "é",
            "属性",
            "a__b",
            "_1",
            "Result",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A valid Rust identifier that is not a keyword (syn rejects keywords as plain idents).
fn assert_ident(name: &str, from: &str) {
    assert!(
        syn::parse_str::<syn::Ident>(name).is_ok(),
        "{name:?} (from {from:?}) is not an identifier"
    );
    assert!(!is_keyword(name), "{name:?} (from {from:?}) is a keyword");
    assert!(name != "_", "{from:?} gave `_`");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_cleaned_name_is_a_usable_identifier(w in wire()) {
        assert_ident(&snake(&w), &w);
        assert_ident(&pascal(&w), &w);
        assert_ident(&enum_variant(&w), &w);
        assert_ident(&method_name(&w), &w);
    }

    #[test]
    fn route_names_are_identifiers(method in "[a-z]{3,7}", path in "(/[a-zA-Z0-9{}._-]{0,8}){0,4}") {
        assert_ident(&method_name_from_route(&method, &path), &path);
    }

    #[test]
    fn cleaning_is_deterministic(w in wire()) {
        prop_assert_eq!(snake(&w), snake(&w));
        prop_assert_eq!(pascal(&w), pascal(&w));
        prop_assert_eq!(method_name(&w), method_name(&w));
    }

    #[test]
    fn a_scope_never_hands_out_a_name_twice(bases in prop::collection::vec(wire(), 0..40)) {
        let mut scope = Scope::new();
        let mut seen = std::collections::HashSet::new();
        for base in &bases {
            let (name, collided) = scope.claim(&snake(base));
            prop_assert!(seen.insert(name.clone()), "{name} handed out twice");
            prop_assert_eq!(collided, name != snake(base));
            assert_ident(&name, base);
        }
    }

    #[test]
    fn scopes_decide_by_call_order_alone(bases in prop::collection::vec("[a-c]{1,2}[0-9]?", 0..30)) {
        let run = || {
            let mut scope = Scope::with_taken(["a", "b2"]);
            bases.iter().map(|b| scope.claim(b).0).collect::<Vec<_>>()
        };
        prop_assert_eq!(run(), run());
    }
}
