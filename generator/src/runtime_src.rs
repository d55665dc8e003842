//! The `sdk-runtime` crate's own files, embedded, for generated crates that vendor the runtime.

use std::collections::BTreeMap;

/// The version of `sdk-runtime` generated crates ask for: this generator's own, as the two are
/// released together.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where a vendored runtime goes inside the generated crate.
pub const VENDOR_DIR: &str = "sdk-runtime";

/// Every file of the runtime crate that building it needs, by path inside the crate.
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../../runtime/Cargo.toml")),
    ("README.md", include_str!("../../runtime/README.md")),
    ("src/auth.rs", include_str!("../../runtime/src/auth.rs")),
    (
        "src/authing.rs",
        include_str!("../../runtime/src/authing.rs"),
    ),
    (
        "src/builder.rs",
        include_str!("../../runtime/src/builder.rs"),
    ),
    ("src/calls.rs", include_str!("../../runtime/src/calls.rs")),
    ("src/client.rs", include_str!("../../runtime/src/client.rs")),
    (
        "src/envelope.rs",
        include_str!("../../runtime/src/envelope.rs"),
    ),
    ("src/error.rs", include_str!("../../runtime/src/error.rs")),
    ("src/lib.rs", include_str!("../../runtime/src/lib.rs")),
    ("src/meta.rs", include_str!("../../runtime/src/meta.rs")),
    (
        "src/mock/mod.rs",
        include_str!("../../runtime/src/mock/mod.rs"),
    ),
    (
        "src/mock/reply.rs",
        include_str!("../../runtime/src/mock/reply.rs"),
    ),
    (
        "src/mock/rule.rs",
        include_str!("../../runtime/src/mock/rule.rs"),
    ),
    (
        "src/mock/sent.rs",
        include_str!("../../runtime/src/mock/sent.rs"),
    ),
    (
        "src/multipart.rs",
        include_str!("../../runtime/src/multipart.rs"),
    ),
    ("src/pages.rs", include_str!("../../runtime/src/pages.rs")),
    ("src/params.rs", include_str!("../../runtime/src/params.rs")),
    (
        "src/redirect.rs",
        include_str!("../../runtime/src/redirect.rs"),
    ),
    (
        "src/request.rs",
        include_str!("../../runtime/src/request.rs"),
    ),
    (
        "src/response.rs",
        include_str!("../../runtime/src/response.rs"),
    ),
    ("src/retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("src/secret.rs", include_str!("../../runtime/src/secret.rs")),
    ("src/sse.rs", include_str!("../../runtime/src/sse.rs")),
    ("src/stream.rs", include_str!("../../runtime/src/stream.rs")),
    ("src/token.rs", include_str!("../../runtime/src/token.rs")),
    (
        "src/transport.rs",
        include_str!("../../runtime/src/transport.rs"),
    ),
    ("src/upload.rs", include_str!("../../runtime/src/upload.rs")),
];

/// The runtime crate's files under [`VENDOR_DIR`], each marked as a copy.
pub fn vendored() -> BTreeMap<String, String> {
    let marked = |path: &str, text: &str| {
        let note = format!(
            "copied from sdk-runtime {VERSION} by `cargo xtask codegen` — do not edit by hand."
        );
        match path.rsplit_once('.').map(|(_, ext)| ext) {
            Some("rs") => format!("// @generated: {note}\n{text}"),
            Some("toml") => format!("# @generated: {note}\n{text}"),
            _ => text.to_owned(),
        }
    };
    FILES
        .iter()
        .map(|(path, text)| (format!("{VENDOR_DIR}/{path}"), marked(path, text)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A file added to the runtime but not listed here would be missing from vendored crates.
    #[test]
    fn every_runtime_source_file_is_embedded() {
        fn files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
                if entry.file_type().unwrap().is_dir() {
                    files(&entry.path(), &name, out);
                } else {
                    out.push(name);
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
        let mut on_disk = Vec::new();
        files(&src, "src", &mut on_disk);
        on_disk.sort();
        let embedded: Vec<&str> = FILES
            .iter()
            .map(|(path, _)| *path)
            .filter(|path| path.starts_with("src/"))
            .collect();
        assert_eq!(on_disk, embedded);
    }

    /// A vendored crate has no workspace to inherit settings from, and asks for this version.
    #[test]
    fn the_runtime_manifest_stands_alone() {
        let files = vendored();
        let manifest = &files["sdk-runtime/Cargo.toml"];
        assert!(!manifest.contains(".workspace"), "{manifest}");
        assert!(
            manifest.contains(&format!("\nversion = \"{VERSION}\"\n")),
            "the runtime and the generator share a version"
        );
        assert!(files["sdk-runtime/src/lib.rs"].starts_with("// @generated"));
        assert!(files["sdk-runtime/src/lib.rs"].contains("\n//! The HTTP runtime"));
    }
}
