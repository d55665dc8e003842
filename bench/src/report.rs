//! The results as Markdown tables, ready for the README.

use crate::children::Measured;
use std::fmt::Write;
use std::path::PathBuf;

/// Everything measured for one spec.
pub struct Row {
    pub spec: PathBuf,
    pub size: u64,
    /// Stage by stage, through `generator::timed`.
    pub ours: Measured,
    /// `generator::generate_file` as a whole.
    pub whole: Measured,
    /// `generator::generate_file` without the docs: the crate only, like progenitor.
    pub client: Measured,
    pub floor: Measured,
    pub progenitor: Measured,
}

const STAGES: [&str; 7] = [
    "parse",
    "check",
    "lower",
    "emit_rust",
    "format",
    "emit_md",
    "write",
];

pub fn table(rows: &[Row], iters: usize, progenitor_iters: usize, load: &str) -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut out = format!(
        "\nMachine: {cpus} CPUs; load average before and after: {load}.\n\n\
         Our pipeline, stage by stage (ms, median of {iters} runs after a warm-up):\n\n\
         | spec | size | parse | check | lower | emit Rust | format | emit MD | write | total in memory | total with write |\n\
         |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
    );
    for row in rows {
        let _ = write!(out, "| {} | {} |", name(row), kib(row.size as f64));
        match &row.ours {
            Ok(m) => {
                for stage in STAGES {
                    let _ = write!(out, " {} |", ms(get(m, stage)));
                }
                let total = get(m, "total");
                let _ = writeln!(out, " {} | {} |", ms(total - get(m, "write")), ms(total));
            }
            Err(e) => {
                let _ = writeln!(out, " failed: {e} ||||||||");
            }
        }
    }
    let _ = write!(
        out,
        "\nAgainst the anchors (floor: read + serde + openapiv3 only, median of {iters}; \
         progenitor: parse + generate_tokens + syn/prettyplease, client only, median of {progenitor_iters}):\n\n\
         | spec | parse floor | ours (generate_file) | its CPU time | ours / floor | ours, client only | progenitor | progenitor / ours client | heap peak | heap peak / size | RSS peak |\n\
         |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
    );
    for row in rows {
        let _ = writeln!(out, "{}", anchors(row));
    }
    out.push_str(&memory(rows));
    out
}

/// The heap's peak during each stage (above what was live before the run), from the warm-up.
fn memory(rows: &[Row]) -> String {
    let mut out = String::from(
        "\nHeap peak during each stage of the timed pipeline (MiB; Rust tokens are made and formatted file by file):\n\n\
         | spec | parse | check | lower | emit Rust + format | emit MD | write |\n\
         |---|--:|--:|--:|--:|--:|--:|\n",
    );
    for row in rows {
        let Ok(m) = &row.ours else { continue };
        let _ = write!(out, "| {} |", name(row));
        for stage in ["parse", "check", "lower", "emit_rust", "emit_md", "write"] {
            let _ = write!(out, " {} |", mib(get(m, &format!("heap_{stage}"))));
        }
        out.push('\n');
    }
    out
}

fn anchors(row: &Row) -> String {
    let ours = row.whole.as_ref().ok().map(|m| get(m, "total"));
    let cpu = row.whole.as_ref().ok().map(|m| ms(get(m, "cpu")));
    let floor = row.floor.as_ref().ok().map(|m| get(m, "total"));
    let client = row.client.as_ref().ok().map(|m| get(m, "total"));
    let prog = row.progenitor.as_ref().ok().map(|m| get(m, "total"));
    let cell = |v: Option<f64>, err: &Measured| match (v, err) {
        (Some(v), _) => ms(v),
        (None, Err(e)) => format!("fails: {e}"),
        (None, Ok(_)) => "-".into(),
    };
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}×", a / b),
        _ => "-".into(),
    };
    let (heap, heap_ratio, rss) = match &row.whole {
        Ok(m) => {
            let heap = get(m, "heap_peak");
            (
                format!("{} MiB", mib(heap)),
                format!("{:.1}×", heap / row.size as f64),
                format!("{} MiB", mib(get(m, "rss_peak"))),
            )
        }
        Err(_) => ("-".into(), "-".into(), "-".into()),
    };
    format!(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {heap} | {heap_ratio} | {rss} |",
        name(row),
        cell(floor, &row.floor),
        cell(ours, &row.whole),
        cpu.unwrap_or_else(|| "-".into()),
        ratio(ours, floor),
        cell(client, &row.client),
        cell(prog, &row.progenitor),
        ratio(prog, client),
    )
}

fn get(m: &std::collections::BTreeMap<String, f64>, key: &str) -> f64 {
    m.get(key).copied().unwrap_or(0.0)
}

fn name(row: &Row) -> String {
    let file = row.spec.file_name().unwrap_or_default().to_string_lossy();
    file.into_owned()
}

fn ms(nanos: f64) -> String {
    let ms = nanos / 1e6;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.1}")
    }
}

fn kib(bytes: f64) -> String {
    format!("{:.0} KiB", bytes / 1024.0)
}

fn mib(bytes: f64) -> String {
    format!("{:.1}", bytes / (1024.0 * 1024.0))
}
