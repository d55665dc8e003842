//! The table of the OpenAPI text's rules (`generator::check::rules`) against the fixtures: every
//! rule is checked by fixtures whose expected diagnostics say what the rule says they say, at the
//! rule's severity, or states why it needs no check; and every fixture under `tests/bad/` and
//! `tests/repairs/` is named by a rule. (`bad_specs.rs` holds each fixture to its `.expected`.)

use generator::check::rules::{rules, How, Rule, LIMITS};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn all_rules() -> Vec<&'static Rule> {
    rules().chain(LIMITS).collect()
}

fn expected(fixture: &str) -> String {
    let path = tests_dir().join(format!("{fixture}.expected"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Why `rule` is not held up by its fixtures, if it is not.
fn problems(rule: &Rule) -> Vec<String> {
    let (severity, shown) = match rule.how {
        How::Error(shown) => ("error", shown),
        How::Warning(shown) => ("warning", shown),
        How::Silent(fixtures) => {
            let noisy = fixtures.iter().filter(|f| !expected(f).is_empty());
            return noisy.map(|f| format!("{f} is not silent")).collect();
        }
        How::Unchecked(why) if why.trim().len() < 20 => return vec!["no reason given".into()],
        How::Unchecked(_) => return Vec::new(),
    };
    if shown.is_empty() {
        return vec!["checked, but no fixture shows it".into()];
    }
    let mut out = Vec::new();
    for s in shown {
        let marker = format!(": {severity}: ");
        let said = expected(s.fixture)
            .lines()
            .any(|l| l.contains(&marker) && l.contains(s.says));
        if s.says.is_empty() || !said {
            out.push(format!(
                "{} has no {severity} saying {:?}",
                s.fixture, s.says
            ));
        }
    }
    out
}

#[test]
fn every_rule_is_shown_by_its_fixtures_or_says_why_not() {
    let mut failures = Vec::new();
    for rule in all_rules() {
        for problem in problems(rule) {
            failures.push(format!("{}: {problem}", rule.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_names_a_rule() {
    let named: BTreeSet<&str> = all_rules()
        .into_iter()
        .flat_map(|r| match r.how {
            How::Error(s) | How::Warning(s) => s.iter().map(|s| s.fixture).collect(),
            How::Silent(f) => f.to_vec(),
            How::Unchecked(_) => Vec::new(),
        })
        .collect();
    let mut unnamed = Vec::new();
    for folder in ["bad", "repairs"] {
        for entry in std::fs::read_dir(tests_dir().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let fixture = format!("{folder}/{name}");
            if path.is_file() && !name.ends_with(".expected") && !named.contains(fixture.as_str()) {
                unnamed.push(fixture);
            }
        }
    }
    assert!(unnamed.is_empty(), "fixtures no rule names: {unnamed:?}");
}

#[test]
fn rule_ids_are_unique_and_kebab_case() {
    let mut seen = BTreeSet::new();
    for rule in all_rules() {
        let kebab = rule
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(kebab, "{}", rule.id);
        assert!(seen.insert(rule.id), "{} twice", rule.id);
    }
}

#[test]
fn the_page_lists_every_rule_with_the_counts() {
    // Printed by `cargo xtask codegen`, whose `--check` keeps it fresh.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/reference/spec-rules.md"
    );
    let page = std::fs::read_to_string(path).unwrap();
    for rule in all_rules() {
        assert!(page.contains(&format!("`{}`", rule.id)), "{}", rule.id);
    }
    let (n30, c30, n31, c31) = generator::check::rules::counts();
    assert!(c30 <= n30 && c31 <= n31);
    let line = format!(
        "OpenAPI 3.0.3: {n30} rules, {c30} checked. OpenAPI 3.1.0: {n31} rules, {c31} checked."
    );
    assert!(page.contains(&line), "{line}");
}
