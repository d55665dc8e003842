//! The hand-written runtime (`generator/runtime/`), copied verbatim into every generated crate.

/// File name under `src/runtime/` and its text.
pub const FILES: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("builder.rs", include_str!("../../runtime/builder.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("multipart.rs", include_str!("../../runtime/multipart.rs")),
    ("params.rs", include_str!("../../runtime/params.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("secret.rs", include_str!("../../runtime/secret.rs")),
];

/// The `[dependencies]` lines the runtime needs.
pub const DEPENDENCIES: &str = include_str!("../../runtime/deps.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_module_is_copied() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rs"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed);
    }
}
