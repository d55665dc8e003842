//! The docs grow linearly with the spec: in all at most 10 times its bytes, and no file over
//! 512 KiB, both on a spec whose schemas all reach each other (where showing every structure on
//! every page that uses it would grow with the square of the spec) and on every corpus spec when
//! `../shared/corpus` is present.

mod dense;
#[path = "common/input.rs"]
mod input;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MAX_RATIO: usize = 10;
const MAX_FILE: usize = 512 * 1024;

fn docs(output: generator::Output) -> BTreeMap<String, String> {
    output
        .files
        .into_iter()
        .filter(|(path, _)| path.starts_with("docs/"))
        .collect()
}

fn assert_linear(name: &str, spec_bytes: usize, docs: &BTreeMap<String, String>) {
    let total: usize = docs.values().map(String::len).sum();
    assert!(
        total <= MAX_RATIO * spec_bytes,
        "{name}: {total} bytes of docs for {spec_bytes} bytes of spec ({:.1}×)",
        total as f64 / spec_bytes as f64
    );
    for (path, text) in docs {
        assert!(
            text.len() <= MAX_FILE,
            "{name}: {path} has {} bytes",
            text.len()
        );
    }
}

#[test]
fn docs_of_a_densely_linked_spec_stay_linear() {
    for (schemas, operations) in [(40, 30), (300, 200)] {
        let spec = dense::spec(schemas, operations);
        let output = generator::generate_bytes("dense.json", spec.as_bytes(), &Default::default())
            .unwrap_or_else(|diags| panic!("the dense spec must generate:\n{diags}"));
        let docs = docs(output);
        let name = format!("dense spec, {schemas} schemas");
        assert_linear(&name, spec.len(), &docs);
        let root = "docs/dense-graph-api-client";
        let page = &docs[&format!("{root}/group-0/get-node0.md")];
        assert!(
            page.contains("](../types/Node") || page.contains("=\"../types/Node"),
            "{name}: get-node0.md links no type page:\n{page}"
        );
        let type_page = &docs[&format!("{root}/types/Node5.md")];
        assert!(type_page.starts_with("# Node5\n"));
        assert_eq!(type_page.matches("### <a id=").count(), 1);
    }
}

#[test]
fn corpus_docs_stay_linear() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let what = "the corpus of real specs is where docs size is measured";
    let Some(corpus) = input::optional_input(&corpus, what) else {
        return;
    };
    let specs = spec_files(&corpus).expect("the corpus is readable");
    for spec in specs {
        let bytes = std::fs::metadata(&spec)
            .expect("the spec is readable")
            .len();
        let output = generator::generate_file(&spec, &Default::default())
            .unwrap_or_else(|diags| panic!("{} must generate:\n{diags}", spec.display()));
        let name = spec.display().to_string();
        assert_linear(&name, bytes as usize, &docs(output));
    }
}

fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            specs.extend(spec_files(&path)?);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
        {
            specs.push(path);
        }
    }
    specs.sort();
    Ok(specs)
}
