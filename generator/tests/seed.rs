//! The page generated for `update_phone` from `spec/` equals the user's seed page byte for byte.

#[path = "common/input.rs"]
mod input;
use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generated_page() -> String {
    let spec = workspace().join("spec/management.yaml");
    let output = generator::generate_file(&spec, &generator::Options::default())
        .unwrap_or_else(|diags| panic!("spec/ must generate:\n{diags}"));
    output
        .files
        .get("docs/management-client/user-profile/update-phone.md")
        .cloned()
        .expect("update-phone.md is generated")
}

#[test]
fn update_phone_page_equals_the_seed() {
    let expected = include_str!("expected/update-phone.md");
    assert_eq!(generated_page(), expected);
}

#[test]
fn the_checked_in_seed_is_the_users_seed() {
    let shared = workspace().join("../shared/seeds/000_0037e6becc96103c.txt");
    let what = "the checked-in copy is compared with the user's seed";
    if let Some(shared) = input::optional_input(&shared, what) {
        let seed = std::fs::read_to_string(shared).expect("the seed is readable");
        assert_eq!(seed, include_str!("expected/update-phone.md"));
    }
}
