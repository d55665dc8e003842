//! The pipeline of [`crate::generate_file`], one stage at a time, with the time each stage took.

use crate::{check, emit_md, emit_rust, load, lower, Diagnostics, Options, Output};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long each stage of one generation took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Reading the spec, parsing it with positions, then typing it as `openapiv3` (`load`).
    pub parse: Duration,
    /// Checking the spec for errors (`check`).
    pub check: Duration,
    /// Document → model (`lower`).
    pub lower: Duration,
    /// Model → Rust tokens, `Cargo.toml`, runtime and examples.
    pub emit_rust: Duration,
    /// Tokens → formatted Rust text (syn + prettyplease); observed with `emit_rust`, since each
    /// file is formatted as soon as its tokens exist.
    pub format: Duration,
    /// Model → Markdown pages.
    pub emit_md: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.parse + self.check + self.lower + self.emit_rust + self.format + self.emit_md
    }
}

/// [`crate::generate_file`], timing each stage. The output is the same.
pub fn generate_file(path: &Path, options: &Options) -> Result<(Output, Timings), Diagnostics> {
    generate_file_observed(path, options, &mut |_| {})
}

/// [`generate_file`], calling `observe` with each stage's name as it ends (e.g. to sample memory).
pub fn generate_file_observed(
    path: &Path,
    options: &Options,
    observe: &mut dyn FnMut(&'static str),
) -> Result<(Output, Timings), Diagnostics> {
    let mut t = Timings::default();
    let started = Instant::now();
    let source = load::read_file(path);
    end(&mut t.parse, started, "parse", observe);
    let source = source?;
    let started = Instant::now();
    let found = check::check(&source);
    end(&mut t.check, started, "check", observe);
    let started = Instant::now();
    let doc = load::finish(source, found);
    end(&mut t.parse, started, "parse", observe);
    let doc = doc?;
    let started = Instant::now();
    let lowered = lower::lower(&doc, options);
    drop(doc);
    end(&mut t.lower, started, "lower", observe);
    let (api, warnings) = lowered?;
    let mut clock = emit_rust::Clock::default();
    let started = Instant::now();
    let surface = crate::surface::Surface::new(&api);
    let snippets = emit_rust::snippets(&surface);
    clock.emit += started.elapsed();
    let mut files = emit_rust::emit_timed(&surface, &snippets, options, &mut clock);
    let names = crate::names_lock::render(&api.names);
    files.insert(crate::names_lock::FILE.into(), names);
    (t.emit_rust, t.format) = (clock.emit, clock.format);
    observe("emit_rust");
    let started = Instant::now();
    if options.docs {
        files.extend(emit_md::emit(&surface, &snippets));
    }
    end(&mut t.emit_md, started, "emit_md", observe);
    drop(surface);
    let output = Output {
        files,
        warnings,
        api: Some(api),
    };
    Ok((output, t))
}

fn end(
    slot: &mut Duration,
    started: Instant,
    name: &'static str,
    observe: &mut dyn FnMut(&'static str),
) {
    *slot += started.elapsed();
    observe(name);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timed_pipeline_gives_the_same_output_as_the_plain_one() {
        let spec = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/management.yaml"
        ));
        let options = Options::default();
        let plain = crate::generate_file(spec, &options).unwrap();
        let mut stages = Vec::new();
        let (timed, _) = generate_file_observed(spec, &options, &mut |s| stages.push(s)).unwrap();
        assert_eq!(plain.files, timed.files);
        assert_eq!(plain.warnings, timed.warnings);
        let expected = ["parse", "check", "parse", "lower", "emit_rust", "emit_md"];
        assert_eq!(stages, expected);
    }
}
