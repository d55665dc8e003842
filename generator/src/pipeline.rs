//! The one wiring of the stages: `load` → `check` → `lower` → `surface` → `emit_rust` →
//! `emit_md`. Every entry point ([`crate::generate_file`], [`crate::timed`], [`crate::load_file`],
//! the tests' fixtures) runs [`run`] or its first half, [`document`].

use crate::{
    check, emit_md, emit_rust, load, lower, model, names_lock, runtime_src, surface, Diagnostics,
    Options, Output, RuntimeDep,
};
use std::path::Path;
use std::time::{Duration, Instant};

/// Where a run starts.
pub enum Input<'a> {
    /// A spec file; relative `$ref`s to files beside it are followed.
    File(&'a Path),
    /// Spec text in memory (`file` names it in messages); external `$ref`s are not followed.
    Bytes { file: &'a str, bytes: &'a [u8] },
    /// A model built by hand (the tests' fixtures), with the warnings lowering would have given.
    Api(Box<model::Api>, Diagnostics),
}

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

/// What a run reports as it goes: the time of each stage, and each stage's name as it ends.
pub struct Watch<'a> {
    pub timings: Timings,
    /// In a timed run, the Rust files are made on this thread so that making tokens and
    /// formatting them can be timed apart; the text is the same.
    timed: bool,
    observe: &'a mut dyn FnMut(&'static str),
}

impl<'a> Watch<'a> {
    /// Nothing is observed, and the Rust files are made on every core.
    pub fn plain(observe: &'a mut dyn FnMut(&'static str)) -> Self {
        Watch {
            timings: Timings::default(),
            timed: false,
            observe,
        }
    }

    /// Tokens and formatting are timed apart, on this thread.
    pub fn timed(observe: &'a mut dyn FnMut(&'static str)) -> Self {
        Watch {
            timed: true,
            ..Watch::plain(observe)
        }
    }

    fn stage<T>(
        &mut self,
        name: &'static str,
        slot: fn(&mut Timings) -> &mut Duration,
        work: impl FnOnce() -> T,
    ) -> T {
        let started = Instant::now();
        let out = work();
        *slot(&mut self.timings) += started.elapsed();
        (self.observe)(name);
        out
    }
}

/// The whole pipeline, from `input` to the files and warnings. On any error nothing is returned
/// but the diagnostics: every problem `check` finds, errors first, each located.
pub fn run(input: Input, options: &Options, watch: &mut Watch) -> Result<Output, Diagnostics> {
    let (api, warnings) = match input {
        Input::Api(api, warnings) => (*api, warnings),
        Input::File(_) | Input::Bytes { .. } => {
            let doc = document(input, watch)?;
            watch.stage(
                "lower",
                |t| &mut t.lower,
                || {
                    let lowered = lower::lower(&doc, options);
                    drop(doc);
                    lowered
                },
            )?
        }
    };
    Ok(emit(api, warnings, options, watch))
}

/// The first half of [`run`]: read, check and type the spec. An `Input::Api` has no document.
pub fn document(input: Input, watch: &mut Watch) -> Result<load::Document, Diagnostics> {
    let source = watch.stage(
        "parse",
        |t| &mut t.parse,
        || match input {
            Input::File(path) => load::read_file(path),
            Input::Bytes { file, bytes } => load::read_bytes(file, bytes),
            Input::Api(..) => unreachable!("a model has no document"),
        },
    )?;
    let found = watch.stage("check", |t| &mut t.check, || check::check(&source));
    watch.stage("parse", |t| &mut t.parse, || load::finish(source, found))
}

/// Both emitters, the Rust one first. They run one after the other, not side by side: each
/// already keeps every core busy, and the docs' working values then never sit beside the Rust
/// emitter's (that overlap was the whole run's peak memory).
fn emit(api: model::Api, warnings: Diagnostics, options: &Options, watch: &mut Watch) -> Output {
    let surface = surface::Surface::new(&api);
    let mut clock = emit_rust::Clock::default();
    let started = Instant::now();
    let snippets = emit_rust::snippets(&surface);
    let mut files = match watch.timed {
        true => {
            clock.emit += started.elapsed();
            emit_rust::emit_timed(&surface, &snippets, options, &mut clock)
        }
        false => emit_rust::emit(&surface, &snippets, options),
    };
    files.insert(names_lock::FILE.into(), names_lock::render(&api.names));
    if options.runtime == RuntimeDep::Vendor {
        files.extend(runtime_src::vendored());
    }
    match watch.timed {
        true => (watch.timings.emit_rust, watch.timings.format) = (clock.emit, clock.format),
        false => watch.timings.emit_rust = started.elapsed(),
    }
    (watch.observe)("emit_rust");
    if options.docs {
        let docs = watch.stage(
            "emit_md",
            |t| &mut t.emit_md,
            || emit_md::emit(&surface, &snippets),
        );
        files.extend(docs);
    } else {
        (watch.observe)("emit_md");
    }
    drop(surface);
    Output {
        files,
        warnings,
        api: Some(api),
    }
}
