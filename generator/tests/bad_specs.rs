//! Every malformed spec under `tests/bad/` gives exactly the diagnostics in its `.expected` file
//! (file:line:column, pointer, message, hint). `UPDATE_EXPECT=1 cargo test -p generator --test
//! bad_specs` rewrites the expected files; review the diff by hand.

use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/bad exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "expected"))
        .collect();
    all.sort();
    all
}

/// What the generator says about `fixture`, named as `tests/bad/<name>`.
fn rendered(fixture: &Path) -> String {
    let name = fixture.file_name().unwrap().to_string_lossy();
    let relative = PathBuf::from("tests/bad").join(&*name);
    match generator::generate_file(&relative, &generator::Options::default()) {
        Ok(output) => output.warnings.to_string(),
        Err(diags) => diags.to_string(),
    }
}

#[test]
fn bad_specs_give_their_expected_diagnostics() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let all = fixtures();
    for fixture in &all {
        let got = rendered(fixture);
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
    assert!(all.len() >= 40, "only {} fixtures", all.len());
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn every_error_fixture_names_a_line_and_column_and_a_pointer() {
    for fixture in fixtures() {
        for line in rendered(&fixture).lines() {
            let mut parts = line.splitn(4, ':');
            let (file, row, col) = (parts.next(), parts.next(), parts.next());
            assert!(file.is_some_and(|f| f.starts_with("tests/bad/")), "{line}");
            assert!(row.is_some_and(|r| r.parse::<usize>().is_ok()), "{line}");
            assert!(col.is_some_and(|c| c.parse::<usize>().is_ok()), "{line}");
            assert!(line.contains(": #"), "{line}");
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
