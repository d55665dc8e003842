//! The feature fixtures under `tests/features/*.yaml`: each generates, its Rust code, pages and
//! warnings equal the snapshots in `tests/features/<name>/` (the pages all in `docs.snap`, each
//! under a `==> path <==` line; the Rust `tests/wire.rs` compiles, and
//! `cargo xtask corpus generator/tests/features` checks as whole crates), and the facts each
//! fixture is about hold. `UPDATE_EXPECT=1 cargo test -p generator --test features` rewrites the
//! snapshots; review the diff by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The generated files that are snapshotted, and the name of each snapshot.
const SNAPSHOTS: [(&str, &str); 4] = [
    ("src/types.rs", "types.rs"),
    ("src/client.rs", "client.rs"),
    ("src/requests.rs", "requests.rs"),
    ("src/mock.rs", "mock.rs"),
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/features")
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/features exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

struct Generated {
    files: BTreeMap<String, String>,
    warnings: String,
    api: generator::model::Api,
}

fn generate(name: &str) -> Generated {
    let spec = PathBuf::from(format!("tests/features/{name}.yaml"));
    let options = generator::Options {
        crate_name: name.to_owned(),
        ..generator::Options::default()
    };
    let output = generator::generate_file(&spec, &options)
        .unwrap_or_else(|d| panic!("{name}.yaml must generate:\n{d}"));
    Generated {
        files: output.files,
        warnings: output.warnings.to_string(),
        api: output.api.expect("the model comes with the output"),
    }
}

#[test]
fn every_fixture_matches_its_snapshots() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut stale = Vec::new();
    let names = fixtures();
    assert!(names.len() >= 10, "only {} fixtures", names.len());
    for name in &names {
        let generated = generate(name);
        let folder = dir().join(name);
        let mut expected: Vec<(PathBuf, String)> = SNAPSHOTS
            .iter()
            .filter_map(|(file, snapshot)| {
                let text = generated.files.get(*file)?;
                Some((folder.join(snapshot), text.clone()))
            })
            .collect();
        expected.push((folder.join("warnings.txt"), generated.warnings.clone()));
        expected.push((folder.join("docs.snap"), docs_snapshot(&generated.files)));
        for (path, text) in expected {
            if update {
                std::fs::create_dir_all(&folder).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale snapshots (UPDATE_EXPECT=1 rewrites them): {stale:#?}"
    );
}

/// Every generated file under `docs/`, in path order, each after a `==> path <==` line. (One file,
/// so that the walks for specs in `tests/features/` do not take `sidebar.json` for one.)
fn docs_snapshot(files: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (path, text) in files
        .range("docs/".to_owned()..)
        .take_while(|(p, _)| p.starts_with("docs/"))
    {
        out.push_str(&format!("==> {path} <==\n{text}"));
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[test]
fn generation_is_deterministic() {
    for name in fixtures() {
        assert_eq!(generate(&name).files, generate(&name).files, "{name}");
    }
}

fn method_names(g: &Generated) -> Vec<&str> {
    g.api
        .operations
        .iter()
        .map(|o| o.name.rust.as_str())
        .collect()
}

#[test]
fn names_are_valid_unique_and_collisions_are_reported() {
    let g = generate("names");
    assert_eq!(
        method_names(&g),
        [
            "find_pet_by_id",
            "a_b_c_d",
            "get_b_type",
            "builder2",
            "find_pet_by_id2"
        ]
    );
    for needle in [
        "method name `builder` is taken",
        "method name `find_pet_by_id` is taken",
        "`nullTime` is generated as `NullTime2`",
    ] {
        assert!(g.warnings.contains(needle), "{needle}: {}", g.warnings);
    }
    let types = &g.files["src/types.rs"];
    for item in [
        "pub struct OddNamesV2",
        "#[serde(rename = \"+1\")]",
        "pub plus_1:",
        "#[serde(rename = \"-1\")]",
        "pub minus_1:",
        "pub dollar_ref:",
        "pub at_timestamp:",
        "pub parameter1_name:",
        "pub type_:",
        "pub asc2:",
        "pub struct Result_",
        "pub type Option_ = String;",
        "pub struct KebabCaseName",
    ] {
        assert!(types.contains(item), "{item}");
    }
}

#[test]
fn authing_specs_get_their_client_and_one_page_per_visible_operation() {
    let g = generate("authing");
    assert_eq!(g.api.client.name, "ManagementClient");
    assert_eq!(
        method_names(&g),
        ["list_devices", "list_devices2", "remove_device"]
    );
    assert!(
        g.warnings.contains("`list_devices` is taken"),
        "{}",
        g.warnings
    );
    let pages: Vec<&String> = g
        .files
        .keys()
        .filter(|p| p.starts_with("docs/") && p.ends_with(".md") && !p.ends_with("README.md"))
        .collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(!g.files["src/client.rs"].contains("hidden"));
}

#[test]
fn openapi_3_1_is_read_and_webhooks_are_noted() {
    let g = generate("openapi31");
    assert!(g
        .warnings
        .contains("webhooks are not generated; ignored: newEvent"));
    let types = &g.files["src/types.rs"];
    for item in [
        "pub note: Option<Option<String>>",
        "pub price: Option<Option<f64>>",
        "pub photo: Option<Vec<u8>>",
        "pub venue: Option<super::types::Venue>",
        "pub enum EventKind",
    ] {
        assert!(types.contains(item), "{item}\n{types}");
    }
}

#[test]
fn security_is_honoured_per_operation() {
    let g = generate("security");
    let client = g.files["src/client.rs"].clone() + &g.files["src/requests.rs"];
    for item in [
        ".security(&[&[\"bearer\"]])",
        ".security(&[&[\"basic\"]])",
        ".security(&[&[\"headerKey\", \"queryKey\"], &[\"cookieKey\"]])",
        ".security(&[&[\"oauth\"], &[\"oidc\"]])",
        ".security(&[])",
        ".security(&[&[], &[\"bearer\"]])",
        "runtime::SchemeKind::Bearer",
        "runtime::SchemeKind::Basic",
        "location: runtime::ApiKeyLocation::Cookie",
    ] {
        assert!(client.contains(item), "{item}");
    }
}

#[test]
fn vendor_specs_generate_with_each_repair_said() {
    let g = generate("vendor");
    assert_eq!(
        method_names(&g),
        ["get_certificate", "delete_certificate", "renew_certificate"]
    );
    let client = g.files["src/client.rs"].clone() + &g.files["src/requests.rs"];
    for item in [
        ".path_param(\"certificate_id\", &certificate_id)",
        ".path_param(\"renewal_id\", &renewal_id)",
    ] {
        assert!(client.contains(item), "{item}");
    }
    assert!(!client.contains("cert_id") && !client.contains("dry_run"));
    let types = &g.files["src/types.rs"];
    for item in [
        "pub revoked_at: Option<String>",
        "pub issuer: Option<super::types::Issuer>",
        "pub renewals_left: Option<i64>",
        "pub enum CertificateKeyBits",
    ] {
        assert!(types.contains(item), "{item}");
    }
    for needle in [
        "read as 'certificate_id'",
        "added as a required string",
        "a `null` type is OpenAPI 3.1",
    ] {
        assert!(g.warnings.contains(needle), "{needle}: {}", g.warnings);
    }
}

#[test]
fn paging_operations_say_so_on_their_pages() {
    let g = generate("pagination");
    let page = &g.files["docs/pages-client/default/list-events.md"];
    assert!(
        page.contains("This operation pages: every item of every page, fetched as it is read, is `client.list_events().items()`."),
        "{page}"
    );
    let requests = &g.files["src/requests.rs"];
    assert_eq!(requests.matches("pub fn items(self)").count(), 3);
}

#[test]
fn conventions_page_without_a_declaration_and_near_misses_do_not() {
    let g = generate("music");
    let paging: Vec<&str> = g
        .api
        .operations
        .iter()
        .filter(|o| o.pagination.is_some())
        .map(|o| o.name.wire.as_str())
        .collect();
    assert_eq!(
        paging,
        [
            "getPlaylistItems",
            "listArtists",
            "listSavedAlbums",
            "listFollowed",
            "listSessions",
            "listPayouts",
            "listGenres",
            "listShows",
        ]
    );
    let requests = &g.files["src/requests.rs"];
    assert_eq!(requests.matches("pub fn items(self)").count(), 8);
    let paging_warnings = g.warnings.lines().filter(|l| l.contains("/paths/")).count();
    assert_eq!(
        paging_warnings, 1,
        "only the contradictory declaration: {}",
        g.warnings
    );
    assert!(
        g.warnings
            .contains("`style: page` names `offset` as the page number, but it is an item offset"),
        "{}",
        g.warnings
    );
}

#[test]
fn inputs_take_the_description_of_their_schema_or_its_component() {
    let g = generate("descriptions");
    let op = |name: &str| {
        g.api
            .operations
            .iter()
            .find(|o| o.name.wire == name)
            .unwrap()
    };
    let described = |name: &str, param: &str| {
        op(name)
            .params
            .iter()
            .find(|p| p.name.wire == param)
            .and_then(|p| p.description.clone())
    };
    let region = "A two-letter country code; only albums sold there are shown.";
    assert_eq!(
        described("getAlbum", "id").as_deref(),
        Some("The album's catalogue identifier.")
    );
    assert_eq!(described("getAlbum", "region").as_deref(), Some(region));
    assert_eq!(
        described("getAlbum", "limit").as_deref(),
        Some(
            "How many tracks to include, at most. See \
             [paging](https://developer.example.com/documentation/paging) and \
             [limits](https://developer.example.com/docs/limits)."
        )
    );
    assert_eq!(described("putCover", "id"), None);
    let body = |name: &str| op(name).body.as_ref().unwrap().description.clone();
    assert_eq!(
        body("putCover").as_deref(),
        Some("A JPEG picture of the cover, 256 KB at most.")
    );
    assert_eq!(
        body("createAlbum").as_deref(),
        Some("An album to add to the catalogue.")
    );
    // Required inputs are method arguments, which rustdoc does not list; optional ones are
    // setters, documented like the pages.
    let docs = docs_snapshot(&g.files);
    let rust = [&g.files["src/requests.rs"], &g.files["src/types.rs"]];
    for text in [region, "The order of the tracks", "An album to add"] {
        assert!(
            rust.iter().any(|f| f.contains(text)),
            "rustdoc lacks {text:?}"
        );
    }
    let errors = "`404`: no body — No album has that id, **or it was withdrawn** from sale.\n";
    assert!(
        g.files["src/client.rs"].contains(errors),
        "error docs end mid-sentence"
    );
    for text in [region, "The album's catalogue identifier", "256 KB at most"] {
        assert!(docs.contains(text), "pages lack {text:?}");
    }
}
