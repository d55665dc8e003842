//! The pipeline of [`crate::generate_file`], one stage at a time, with the time each stage took.

use crate::{emit_md, emit_rust, load, lower, Diagnostics, Options, Output};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long each stage of one generation took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Reading and parsing the spec into a document (`load`).
    pub parse: Duration,
    /// Document → model (`lower`).
    pub lower: Duration,
    /// Model → Rust tokens, `Cargo.toml`, runtime and examples.
    pub emit_rust: Duration,
    /// Tokens → formatted Rust text (syn + prettyplease).
    pub format: Duration,
    /// Model → Markdown pages.
    pub emit_md: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.parse + self.lower + self.emit_rust + self.format + self.emit_md
    }
}

/// [`crate::generate_file`], timing each stage. The output is the same.
pub fn generate_file(path: &Path, options: &Options) -> Result<(Output, Timings), Diagnostics> {
    let mut t = Timings::default();
    let doc = timed(&mut t.parse, || load::load_file(path))?;
    let (api, warnings) = timed(&mut t.lower, || lower::lower(&doc, options))?;
    drop(doc);
    let tokens = timed(&mut t.emit_rust, || emit_rust::emit_tokens(&api, options));
    let mut files = timed(&mut t.format, || emit_rust::format_files(tokens));
    files.extend(timed(&mut t.emit_md, || emit_md::emit(&api)));
    let output = Output {
        files,
        warnings,
        api: Some(api),
    };
    Ok((output, t))
}

fn timed<T>(slot: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    *slot = start.elapsed();
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timed_pipeline_gives_the_same_output_as_the_plain_one() {
        let spec = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/management.yaml"));
        let options = Options::default();
        let plain = crate::generate_file(spec, &options).unwrap();
        let (timed, _) = generate_file(spec, &options).unwrap();
        assert_eq!(plain.files, timed.files);
        assert_eq!(plain.warnings, timed.warnings);
    }
}
