//! The fixture pairs under `tests/diff/`: each case's changes and classes, and every rule covered.
//!
//! A case is a folder with `old.yaml` and/or `new.yaml`; a missing side is the `base.yaml` nearest
//! above it (`tests/diff/base.yaml`, or e.g. `tests/diff/authing/base.yaml`).
//! `expected.txt` lists the changes, one a line. `UPDATE_EXPECT=1 cargo test -p generator --test
//! diff` rewrites the expected files (review the result: they are the classification).

use generator::diff::{self, Class, Finding, Labels, Report, RULES};
use generator::load::pairs::{self, Pair};
use generator::model::record::Record;
use generator::model::Api;
use generator::Options;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff")
}

fn cases() -> Vec<Pair> {
    pairs::pairs(&fixtures()).unwrap()
}

fn load(side: &pairs::Source, names: Option<Record>) -> Api {
    let bytes = side.read().unwrap_or_else(|e| panic!("{e}"));
    let label = side.path().display().to_string();
    let doc = generator::load_bytes(&label, &bytes).unwrap_or_else(|d| panic!("{d}"));
    let options = Options {
        names,
        ..Options::default()
    };
    let (api, _) = generator::lower::lower(&doc, &options).unwrap_or_else(|d| panic!("{d}"));
    api
}

/// The new side is generated with the old side's record of names, and the case's edits of it.
fn run(case: &Pair) -> Report {
    let old = load(&case.old, None);
    let mut names = old.names.clone();
    if let Some(edits) = generator::names_lock::edits(case).unwrap_or_else(|e| panic!("{e}")) {
        names.overlay(&edits);
    }
    diff::compare(&old, &load(&case.new, Some(names)))
}

fn case(name: &str) -> Pair {
    let all = cases();
    all.into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// One line per change: class, rule, side, circumstance, then the message.
fn line(c: &Finding) -> String {
    let when = serde_json::to_value(c.when).unwrap();
    let op = c.operation.as_ref().map_or("-", |o| o.name.as_str());
    let subject = if c.subject.is_empty() {
        String::new()
    } else {
        format!(" `{}`", c.subject)
    };
    format!(
        "{} {} [{} {}] {op}: {}{subject} {}\n",
        c.class.as_str(),
        c.change.id(),
        c.side.label(),
        when.as_str().unwrap_or_default(),
        c.place,
        c.detail
    )
}

#[test]
fn every_case_reports_its_changes_with_their_classes() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut wrong = Vec::new();
    for case in cases() {
        let got: String = run(&case).changes.iter().map(line).collect();
        let file = case.dir.join("expected.txt");
        if update {
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if got != want {
            wrong.push(format!("{}:\n--- want\n{want}--- got\n{got}", case.name));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_rule_is_exercised_by_a_fixture() {
    let changes: Vec<Finding> = cases().iter().flat_map(|c| run(c).changes).collect();
    let missing: Vec<String> = RULES
        .iter()
        .filter(|rule| {
            !changes
                .iter()
                .any(|c| c.change == rule.change && c.why == rule.why && c.effect == rule.effect)
        })
        .map(|rule| format!("{} ({})", rule.change.id(), rule.why))
        .collect();
    assert!(
        missing.is_empty(),
        "no fixture exercises:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_description_edit_is_no_api_change() {
    let report = run(&case("no-api-change"));
    assert!(report.changes.is_empty());
    let text = report.markdown(&labels());
    assert!(text.contains("**0 breaking**, 0 compatible"), "{text}");
    assert!(text.contains("No API changes"), "{text}");
    assert!(text.contains("`0.3.1`, unchanged"), "{text}");
}

#[test]
fn a_shared_type_is_reported_with_each_operation_that_reaches_it() {
    let report = run(&case("field-added-optional-response"));
    let ops: Vec<&str> = report
        .changes
        .iter()
        .map(|c| c.operation.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(ops, ["get_pet", "update_pet", "patch_pet"]);
    // `PetDto` only travels in responses: a new field breaks no one.
    assert!(report.changes.iter().all(|c| c.class == Class::Compatible));
}

fn labels() -> Labels {
    Labels {
        base: "HEAD:api.yaml".into(),
        head: "api.yaml".into(),
        crate_name: "pets".into(),
        crate_version: "0.3.1".into(),
    }
}

#[test]
fn the_markdown_groups_by_client_tag_and_operation() {
    let text = run(&case("client-renamed")).markdown(&labels());
    assert!(
        text.starts_with("## API changes: `PetClient` → `PetsClient`\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\n### Client-wide\n\n- **breaking** (does not compile): client `PetsClient` renamed from `PetClient`."
        ),
        "{text}"
    );
    let text = run(&case("field-added-required")).markdown(&labels());
    let expected = "### Pets\n\n#### `update_pet` · `POST /pets/{petId}`\n\n- **breaking** (does not compile): request body `UpdatePetDto.color` (string) added, required: `color: String`. _Callers must set it: the struct's `new` gains an argument._";
    assert!(text.contains(expected), "{text}");
    assert!(text.contains("`0.3.1` → **`0.4.0`**"), "{text}");
}

#[test]
fn the_json_is_stable_and_carries_the_classification() {
    let report = run(&case("enum-value-added"));
    let text = report.json(&labels());
    assert_eq!(text, run(&case("enum-value-added")).json(&labels()));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    // A new enum value breaks no one: the enum is `#[non_exhaustive]`.
    assert_eq!(value["semver"]["suggested"], "0.3.2");
    assert_eq!(value["breaking"], report.count(Class::Breaking));
    let first = &value["changes"][0];
    assert_eq!(first["change"], "enum-value-added");
    assert_eq!(first["effect"], "unaffected");
    assert_eq!(first["class"], "compatible");
    assert_eq!(first["operation"]["name"], "get_pet");
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys[..2], ["base", "head"]);
}

#[test]
fn the_rules_page_is_generated_from_the_table() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/reference/api-diff-rules.md");
    let text = std::fs::read_to_string(&page).unwrap_or_default();
    assert_eq!(
        text,
        diff::rules_markdown(),
        "docs/reference/api-diff-rules.md is stale: run `cargo xtask codegen`"
    );
}

/// `tests/evolution/`: the spec changes that every release brings (a new optional field,
/// parameter, enum value or operation, a reworded description) break no one. The oracles
/// (`cargo xtask oracle`) check the same against the compiler and cargo-semver-checks.
#[test]
fn routine_evolutions_are_compatible() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/evolution");
    let cases = pairs::pairs(&root).unwrap();
    assert_eq!(
        cases.len(),
        16,
        "six evolutions of two specs, three additions whose Rust names collide, one of the streams spec"
    );
    for case in cases {
        let report = run(&case);
        assert!(!report.changes.is_empty() || case.name.ends_with("description-changed"));
        let breaking: Vec<String> = report
            .changes
            .iter()
            .filter(|c| c.class == Class::Breaking)
            .map(line)
            .collect();
        assert!(breaking.is_empty(), "{}:\n{}", case.name, breaking.concat());
    }
}

/// An addition listed before an item of the same Rust name renames that item when names are
/// handed out afresh; generated with the old side's record, it renames nothing.
#[test]
fn colliding_additions_rename_nothing_with_the_record() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/evolution/generic");
    let cases: Vec<Pair> = pairs::pairs(&root)
        .unwrap()
        .into_iter()
        .filter(|c| c.name.starts_with("colliding-"))
        .collect();
    assert_eq!(cases.len(), 3);
    for case in cases {
        let fresh = diff::compare(&load(&case.old, None), &load(&case.new, None));
        assert!(fresh.has_breaking(), "{}: a fresh name moves", case.name);
        let kept = run(&case);
        assert!(!kept.has_breaking(), "{}: {:?}", case.name, kept.changes);
    }
}
