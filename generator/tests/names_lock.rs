//! `names.lock` as a crate's input: regenerating a crate with the record it came with changes no
//! byte, for every feature fixture (`names.yaml` has colliding names of every kind).

use generator::{names_lock, Options};
use std::path::Path;

#[test]
fn regenerating_with_the_crates_own_record_changes_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/features");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    assert!(specs.len() >= 10, "only {} fixtures", specs.len());
    for spec in specs {
        let fresh = generator::generate_file(&spec, &Options::default()).unwrap();
        let lock = &fresh.files[names_lock::FILE];
        let record = names_lock::parse(names_lock::FILE, lock).unwrap();
        assert!(!record.methods.is_empty(), "{}: {lock}", spec.display());
        let options = Options {
            names: Some(record),
            ..Options::default()
        };
        let again = generator::generate_file(&spec, &options).unwrap();
        assert!(again.files == fresh.files, "{} changed", spec.display());
    }
}
