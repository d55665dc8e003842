//! The pipeline of [`crate::generate_file`] with the time each stage took: the same
//! [`pipeline::run`], with the Rust files made on one thread so that tokens and formatting are
//! timed apart.

use crate::pipeline::{self, Input, Watch};
use crate::{Diagnostics, Options, Output};
use std::path::Path;

pub use crate::pipeline::Timings;

/// [`crate::generate_file`], timing each stage. The output is the same, byte for byte.
pub fn generate_file(path: &Path, options: &Options) -> Result<(Output, Timings), Diagnostics> {
    generate_file_observed(path, options, &mut |_| {})
}

/// [`generate_file`], calling `observe` with each stage's name as it ends (e.g. to sample memory).
pub fn generate_file_observed(
    path: &Path,
    options: &Options,
    observe: &mut dyn FnMut(&'static str),
) -> Result<(Output, Timings), Diagnostics> {
    let mut watch = Watch::timed(observe);
    let output = pipeline::run(Input::File(path), options, &mut watch)?;
    Ok((output, watch.timings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuntimeDep;

    #[test]
    fn the_timed_pipeline_gives_the_same_bytes_as_the_plain_one_vendored_runtime_included() {
        let spec = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/management.yaml"
        ));
        let options = Options {
            runtime: RuntimeDep::Vendor,
            ..Options::default()
        };
        let plain = crate::generate_file(spec, &options).unwrap();
        let mut stages = Vec::new();
        let (timed, _) = generate_file_observed(spec, &options, &mut |s| stages.push(s)).unwrap();
        assert!(timed.files.keys().any(|p| p.starts_with("sdk-runtime/")));
        assert!(timed.files.keys().any(|p| p.starts_with("docs/")));
        assert_eq!(plain.files, timed.files);
        assert_eq!(plain.warnings, timed.warnings);
        let expected = ["parse", "check", "parse", "lower", "emit_rust", "emit_md"];
        assert_eq!(stages, expected);
    }
}
