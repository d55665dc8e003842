//! Every spec under `tests/bad/` (malformed ones, and a few that only look it) gives exactly the
//! diagnostics in its `.expected` file, and every spec under `tests/repairs/` generates with
//! exactly the warnings in its own (file:line:column, pointer, message, hint): what is repaired
//! or only doubtful is said, where it was written. `UPDATE_EXPECT=1 cargo test -p generator --test bad_specs` rewrites the
//! expected files; review the diff by hand.

use std::path::{Path, PathBuf};

/// The fixture folders, and whether their specs must generate (`None`: either way).
const FOLDERS: [(&str, Option<bool>); 2] = [("bad", None), ("repairs", Some(true))];

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("tests/{folder}: {e}"))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "expected"))
        .collect();
    all.sort();
    all
}

/// Whether the generator made a crate of `fixture`, and what it said, naming the file as
/// `tests/<folder>/<name>`.
fn rendered(folder: &str, fixture: &Path) -> (bool, String) {
    let name = fixture.file_name().unwrap().to_string_lossy();
    let relative = PathBuf::from("tests").join(folder).join(&*name);
    match generator::generate_file(&relative, &generator::Options::default()) {
        Ok(output) => (true, output.warnings.to_string()),
        Err(diags) => (false, diags.to_string()),
    }
}

fn check_folder(folder: &str, must_generate: Option<bool>) -> (usize, Vec<String>) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let all = fixtures(folder);
    for fixture in &all {
        let (generated, got) = rendered(folder, fixture);
        if must_generate.is_some_and(|must| must != generated) {
            let verdict = if generated { "generates" } else { "fails" };
            failures.push(format!("{} {verdict}:\n{got}", fixture.display()));
            continue;
        }
        let expected_path = PathBuf::from(format!("{}.expected", fixture.display()));
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}--- got\n{got}",
                fixture.display()
            ));
        }
    }
    (all.len(), failures)
}

#[test]
fn bad_specs_give_their_expected_diagnostics() {
    let (count, failures) = check_folder("bad", None);
    assert!(count >= 40, "only {count} fixtures");
    assert!(
        failures.is_empty(),
        "{} of {count} fixtures differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn repaired_specs_generate_with_their_expected_warnings() {
    let (count, failures) = check_folder("repairs", Some(true));
    assert!(count >= 10, "only {count} fixtures");
    assert!(
        failures.is_empty(),
        "{} of {count} fixtures differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_diagnostic_names_a_line_and_column_and_a_pointer() {
    for (folder, must_generate) in FOLDERS {
        for fixture in fixtures(folder) {
            let (_, text) = rendered(folder, &fixture);
            let warned = must_generate.is_none() || !text.is_empty();
            assert!(warned, "{} says nothing", fixture.display());
            for line in text.lines() {
                let mut parts = line.splitn(4, ':');
                let (file, row, col) = (parts.next(), parts.next(), parts.next());
                let prefix = format!("tests/{folder}/");
                assert!(file.is_some_and(|f| f.starts_with(&prefix)), "{line}");
                assert!(row.is_some_and(|r| r.parse::<usize>().is_ok()), "{line}");
                assert!(col.is_some_and(|c| c.parse::<usize>().is_ok()), "{line}");
                assert!(line.contains(": #"), "{line}");
            }
        }
    }
}

#[test]
fn relative_external_refs_are_bundled_into_components() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/external-ok.yaml");
    let output = generator::generate_file(&spec, &generator::Options::default())
        .unwrap_or_else(|d| panic!("{d}"));
    let api = output.api.expect("a model");
    let types: Vec<&str> = api.types.iter().map(|t| t.name.wire.as_str()).collect();
    assert!(
        types.contains(&"pet"),
        "the whole-file schema is named after its file: {types:?}"
    );
    assert!(types.contains(&"Owner"), "{types:?}");
    assert_eq!(
        api.operations.len(),
        1,
        "the path item came from its own file"
    );
}
