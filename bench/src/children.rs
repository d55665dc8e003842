//! One measurement per child process: our pipeline, the parse floor or progenitor, on one spec.
//! A child prints one `RESULT` line of `key=value` pairs (nanoseconds, bytes), or `ERROR message`.

use codegen_bench::alloc;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A child's figures by key, or why it failed.
pub type Measured = Result<BTreeMap<String, f64>, String>;

/// Runs `codegen-bench child <what> <spec> <iters>` and reads its result line.
pub fn spawn(what: &str, spec: &Path, iters: usize) -> Measured {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .args(["child", what])
        .arg(spec)
        .arg(iters.to_string())
        .output()
        .map_err(|e| format!("cannot start the child: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if let Some(line) = stdout.lines().find_map(|l| l.strip_prefix("RESULT ")) {
        return Ok(line
            .split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .filter_map(|(k, v)| Some((k.to_owned(), v.parse().ok()?)))
            .collect());
    }
    let error = stdout.lines().find_map(|l| l.strip_prefix("ERROR "));
    Err(error.map(str::to_owned).unwrap_or_else(|| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let why = crate::process::failure(&stderr);
        format!("child failed ({}): {why}", out.status)
    }))
}

/// The child side: measure, then print the result line.
pub fn run(args: &[String]) -> Result<(), String> {
    let [what, spec, iters] = args else {
        return Err("child needs: WHAT SPEC ITERS".into());
    };
    let spec = PathBuf::from(spec);
    let iters: usize = iters.parse().map_err(|_| "ITERS: not a number")?;
    let result = match what.as_str() {
        "ours" => ours(&spec, iters),
        "whole" => whole(&spec, iters, true),
        "client" => whole(&spec, iters, false),
        "floor" => floor(&spec, iters),
        "progenitor" => progenitor(&spec, iters),
        other => return Err(format!("unknown child {other}")),
    };
    match result {
        Ok(figures) => {
            let pairs: Vec<String> = figures.iter().map(|(k, v)| format!("{k}={v}")).collect();
            println!("RESULT {}", pairs.join(" "));
        }
        Err(message) => println!("ERROR {}", message.replace('\n', " ")),
    }
    Ok(())
}

/// Runs `once` one untimed warm-up time (which measures memory) and then `iters` times without
/// counting allocations; each call returns named stage durations. The result holds each stage's median, `total` (the
/// median of the per-run sums) and the memory figures of the warm-up.
fn measure(
    iters: usize,
    mut once: impl FnMut() -> Result<Vec<(&'static str, Duration)>, String>,
) -> Result<BTreeMap<String, f64>, String> {
    let rss_base = alloc::rss().unwrap_or(0);
    alloc::reset();
    let heap_base = alloc::stats().live;
    once()?;
    let heap = alloc::stats();
    alloc::set_counting(false);
    let mut figures = BTreeMap::from([
        ("heap_peak".to_owned(), (heap.peak - heap_base) as f64),
        ("allocs".to_owned(), heap.count as f64),
        ("rss_peak".to_owned(), alloc::peak_rss().unwrap_or(0) as f64),
        ("rss_base".to_owned(), rss_base as f64),
    ]);
    let mut samples: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let cpu_before = alloc::cpu_time();
    for _ in 0..iters {
        let stages = once()?;
        let total: Duration = stages.iter().map(|(_, d)| *d).sum();
        for (name, d) in stages.into_iter().chain([("total", total)]) {
            samples.entry(name).or_default().push(d.as_nanos() as f64);
        }
    }
    alloc::set_counting(true);
    if let (Some(before), Some(after)) = (cpu_before, alloc::cpu_time()) {
        let per_run = (after - before).as_nanos() as f64 / iters.max(1) as f64;
        figures.insert("cpu".to_owned(), per_run);
    }
    for (name, mut values) in samples {
        values.sort_by(f64::total_cmp);
        figures.insert(name.to_owned(), values[values.len() / 2]);
    }
    Ok(figures)
}

fn ours(spec: &Path, iters: usize) -> Result<BTreeMap<String, f64>, String> {
    let options = generator::Options {
        crate_name: "bench-sdk".into(),
        ..generator::Options::default()
    };
    let dir = std::env::temp_dir().join(format!("codegen-bench-{}", std::process::id()));
    let mut run = 0;
    // The heap's peak during each stage, from the first (warm-up) run.
    let mut stage_peaks: BTreeMap<String, f64> = BTreeMap::new();
    let result = measure(iters, || {
        let base = alloc::stats().live;
        alloc::take_peak();
        let mut observe = |stage: &str| {
            let peak = alloc::take_peak().saturating_sub(base) as f64;
            let slot = stage_peaks.entry(format!("heap_{stage}")).or_default();
            *slot = slot.max(peak);
        };
        let (output, t) = generator::timed::generate_file_observed(spec, &options, &mut observe)
            .map_err(|d| format!("generation failed: {}", first_line(&d.to_string())))?;
        run += 1;
        let out = dir.join(run.to_string());
        let start = Instant::now();
        write_all(&out, &output.files).map_err(|e| format!("writing: {e}"))?;
        let write = start.elapsed();
        drop(output);
        observe("write");
        let _ = std::fs::remove_dir_all(&out);
        Ok(vec![
            ("parse", t.parse),
            ("check", t.check),
            ("lower", t.lower),
            ("emit_rust", t.emit_rust),
            ("format", t.format),
            ("emit_md", t.emit_md),
            ("write", write),
        ])
    });
    let _ = std::fs::remove_dir_all(&dir);
    let mut figures = result?;
    let peak = stage_peaks.values().copied().fold(0.0, f64::max);
    figures.insert("heap_peak".into(), peak);
    figures.extend(stage_peaks);
    Ok(figures)
}

/// The production entry point, [`generator::generate_file`], timed as a whole: the figure that
/// counts against the targets (it spreads each stage over the cores, where the timed pipeline
/// formats the Rust on one thread).
/// Without `docs`, it makes the crate only, as progenitor does.
fn whole(spec: &Path, iters: usize, docs: bool) -> Result<BTreeMap<String, f64>, String> {
    let options = generator::Options {
        crate_name: "bench-sdk".into(),
        docs,
        ..generator::Options::default()
    };
    measure(iters, || {
        let start = Instant::now();
        let output = generator::generate_file(spec, &options)
            .map_err(|d| format!("generation failed: {}", first_line(&d.to_string())))?;
        let elapsed = start.elapsed();
        drop(output);
        Ok(vec![("generate", elapsed)])
    })
}

fn write_all(dir: &Path, files: &BTreeMap<String, String>) -> std::io::Result<()> {
    let mut made = std::collections::BTreeSet::new();
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            if made.insert(parent.to_path_buf()) {
                std::fs::create_dir_all(parent)?;
            }
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// Reading the file and deserializing it into `openapiv3::OpenAPI`, nothing else.
fn floor(spec: &Path, iters: usize) -> Result<BTreeMap<String, f64>, String> {
    let input = Input::new(spec)?;
    measure(iters, || {
        let start = Instant::now();
        let doc = parse_openapi(input.path())?;
        let parse = start.elapsed();
        drop(doc);
        Ok(vec![("parse", parse)])
    })
}

/// progenitor's client-only generation: parse, `generate_tokens`, then syn + prettyplease.
fn progenitor(spec: &Path, iters: usize) -> Result<BTreeMap<String, f64>, String> {
    let input = Input::new(spec)?;
    measure(iters, || {
        let start = Instant::now();
        let doc = parse_openapi(input.path())?;
        let parse = start.elapsed();
        let start = Instant::now();
        let settings = progenitor::GenerationSettings::default();
        let mut generator = progenitor::Generator::new(&settings);
        let tokens = generator
            .generate_tokens(&doc)
            .map_err(|e| format!("progenitor: {}", first_line(&e.to_string())))?;
        let generate = start.elapsed();
        let start = Instant::now();
        let file = syn::parse2::<syn::File>(tokens).map_err(|e| e.to_string())?;
        let text = prettyplease::unparse(&file);
        let format = start.elapsed();
        drop((doc, text));
        Ok(vec![
            ("parse", parse),
            ("generate", generate),
            ("format", format),
        ])
    })
}

pub fn parse_openapi(path: &Path) -> Result<openapiv3::OpenAPI, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        serde_yaml::from_slice(&bytes).map_err(|e| format!("openapiv3: {e}"))
    } else {
        serde_json::from_slice(&bytes).map_err(|e| format!("openapiv3: {e}"))
    }
}

/// The file the floor and progenitor read: the spec itself, or a copy that openapiv3 accepts.
/// openapiv3 rejects a numeric `info.version` (the Authing management spec has `"version": 3`),
/// so the copy quotes it; nothing else changes.
pub enum Input {
    Spec(PathBuf),
    Copy(PathBuf),
}

impl Input {
    pub fn new(spec: &Path) -> Result<Input, String> {
        if parse_openapi(spec).is_ok() {
            return Ok(Input::Spec(spec.to_path_buf()));
        }
        let bytes = std::fs::read(spec).map_err(|e| e.to_string())?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        let version = value.pointer("/info/version").filter(|v| v.is_number());
        let Some(n) = version else {
            return Ok(Input::Spec(spec.to_path_buf()));
        };
        let number = n.to_string();
        let Some(at) = find_version(&bytes, number.as_bytes()) else {
            return Ok(Input::Spec(spec.to_path_buf()));
        };
        let mut patched = bytes;
        patched.splice(at..at + number.len(), format!("\"{number}\"").into_bytes());
        let copy = std::env::temp_dir().join(format!("codegen-bench-{}.json", std::process::id()));
        std::fs::write(&copy, patched).map_err(|e| e.to_string())?;
        Ok(Input::Copy(copy))
    }

    pub fn path(&self) -> &Path {
        match self {
            Input::Spec(p) | Input::Copy(p) => p,
        }
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        if let Input::Copy(p) = self {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Where the number `n` of the first `"version": n` starts.
fn find_version(bytes: &[u8], n: &[u8]) -> Option<usize> {
    let key = b"\"version\":";
    let mut from = 0;
    while let Some(at) = bytes[from..].windows(key.len()).position(|w| w == key) {
        let mut i = from + at + key.len();
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if bytes[i..].starts_with(n) {
            return Some(i);
        }
        from = i;
    }
    None
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_owned()
}
