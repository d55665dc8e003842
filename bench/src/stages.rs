//! Where our CLI's CPU time goes, from a `perf script` dump of `perf record --call-graph dwarf`
//! on `xtask codegen`: each sample is put in the stage of the most specific frame on its stack
//! (formatting inside emitting inside the pipeline), and the table gives each stage's share.
//!
//! `perf script -i perf.data | codegen-bench stages [--runs N]`

use crate::process::ms;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::time::Duration;

/// Stages, most specific first, with the symbol prefixes that mark a frame as theirs.
const STAGES: [(&str, &[&str]); 9] = [
    ("prettyplease (tokens → text)", &["prettyplease::"]),
    ("syn parse (tokens → syn::File)", &["syn::", "<syn::"]),
    (
        "emit MD (pages)",
        &["generator::emit_md::", "<generator::emit_md::"],
    ),
    (
        "emit Rust (model → tokens, quote)",
        &[
            "generator::emit_rust::",
            "<generator::emit_rust::",
            "proc_macro2::",
            "<proc_macro2::",
            "quote::",
        ],
    ),
    (
        "lower (document → model)",
        &["generator::lower::", "<generator::lower::"],
    ),
    ("check", &["generator::check::", "<generator::check::"]),
    (
        "load (read, parse with positions, type as openapiv3)",
        &[
            "generator::load::",
            "<generator::load::",
            "openapiv3::",
            "<openapiv3::",
            "serde_path_to_error::",
            "<serde_path_to_error::",
            "serde::private::de::",
            "<serde::private::de::",
            "serde_core::de::",
            "<serde_core::de::",
        ],
    ),
    ("write files (xtask)", &["xtask::write::"]),
    ("rest of xtask (args, diagnostics)", &["xtask::"]),
];

/// Samples on no stage's frame, by where they stopped: in libc (perf's unwinder loses the caller
/// of most `malloc`, `free` and `memcpy` calls there), in the kernel (exec, page faults, `mmap`,
/// exit), or elsewhere (the dynamic loader, `std` before `main`).
const LIBC: &str = "libc: malloc, free, memcpy (callers not unwound)";
const KERNEL: &str = "kernel: exec, page faults, mmap, exit (callers not unwound)";
const REST: &str = "unattributed (loader, runtime start)";

pub fn run(args: &[String]) -> Result<(), String> {
    let runs = match args {
        [flag, n] if flag == "--runs" => n.parse().map_err(|_| format!("--runs: {n}"))?,
        [] => 1,
        _ => return Err("usage: perf script | codegen-bench stages [--runs N]".into()),
    };
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    print!("{}", table(&count(&text), runs));
    Ok(())
}

/// Samples and their summed periods (ns of CPU for `cpu-clock`) per stage.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    pub by_stage: BTreeMap<&'static str, (usize, u64)>,
}

/// Counts the samples of a `perf script` dump: a header line per sample, then its frames.
pub fn count(text: &str) -> Counts {
    let mut counts = Counts::default();
    for sample in text.split("\n\n") {
        let mut lines = sample.lines().filter(|l| !l.trim().is_empty());
        let Some(header) = lines.next() else { continue };
        let period = period(header);
        let frames: Vec<&str> = lines.collect();
        let stage = frames
            .iter()
            .filter_map(|f| frame_symbol(f))
            .filter_map(stage_of)
            .min()
            .map_or_else(|| unattributed(&frames), |i| STAGES[i].0);
        let slot = counts.by_stage.entry(stage).or_default();
        slot.0 += 1;
        slot.1 += period;
    }
    counts
}

/// Where a sample that no stage claims stopped: the object file of its innermost frame that was
/// not inlined, or for a stack of inlined frames only, the allocator's own function names.
fn unattributed(frames: &[&str]) -> &'static str {
    const ALLOCATOR: [&str; 8] = [
        "malloc", "free", "realloc", "memcpy", "memmove", "tcache", "chunk", "arena",
    ];
    let object = frames.iter().find(|f| !f.ends_with("(inlined)"));
    let leaf = frames.first().and_then(|f| frame_symbol(f)).unwrap_or("");
    match object {
        Some(f) if f.contains("/libc.so") => LIBC,
        Some(f) if f.contains("[kernel.kallsyms]") => KERNEL,
        None if ALLOCATOR.iter().any(|a| leaf.contains(a)) => LIBC,
        _ => REST,
    }
}

/// The period of a header line `xtask 123 45.6: 250000 cpu-clock:` (1 if there is none).
fn period(header: &str) -> u64 {
    let words: Vec<&str> = header.split_whitespace().collect();
    let event = words
        .iter()
        .position(|w| w.contains("-clock") || w.starts_with("cycles"));
    event
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| words[i].parse().ok())
        .unwrap_or(1)
}

/// The symbol of a frame line `\t 55d0c0ffee foo::bar+0x12 (/path/xtask)`.
fn frame_symbol(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let (_address, rest) = line.split_once(' ')?;
    let symbol = rest.rsplit_once(" (").map_or(rest, |(s, _)| s);
    Some(symbol.rsplit_once("+0x").map_or(symbol, |(s, _)| s))
}

/// Index of the most specific stage whose prefix the symbol has.
fn stage_of(symbol: &str) -> Option<usize> {
    let bare = symbol.trim_start_matches("core::ptr::drop_in_place<");
    STAGES
        .iter()
        .position(|(_, prefixes)| prefixes.iter().any(|p| bare.starts_with(p)))
}

fn table(counts: &Counts, runs: usize) -> String {
    let total: u64 = counts.by_stage.values().map(|(_, p)| p).sum();
    let samples: usize = counts.by_stage.values().map(|(n, _)| n).sum();
    let mut out = format!(
        "\nCPU time by stage ({samples} samples over {runs} runs; ms per run):\n\n\
         | stage | CPU per run | share |\n|---|--:|--:|\n"
    );
    let order = STAGES.iter().map(|(name, _)| *name);
    let order = order.chain([LIBC, KERNEL, REST]);
    for name in order {
        let Some(&(_, period)) = counts.by_stage.get(name) else {
            continue;
        };
        let per_run = Duration::from_nanos(period / runs.max(1) as u64);
        let share = 100.0 * period as f64 / total.max(1) as f64;
        out.push_str(&format!("| {name} | {} | {share:.1} % |\n", ms(per_run)));
    }
    let per_run = Duration::from_nanos(total / runs.max(1) as u64);
    out.push_str(&format!("| total | {} | 100 % |\n", ms(per_run)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUMP: &str = "xtask 10 1.0:     250000 cpu-clock:u: \n\
        \t    7f01 malloc+0x10 (/lib/libc.so.6)\n\
        \t    5501 syn::parse::ParseBuffer::step+0x2 (/x/xtask)\n\
        \t    5502 generator::emit_rust::format::file+0x9 (/x/xtask)\n\
        \n\
        xtask 10 1.1:     250000 cpu-clock:u: \n\
        \t    5503 core::ptr::drop_in_place<generator::lower::Model>+0x1 (/x/xtask)\n\
        \t    5504 xtask::main+0x1 (/x/xtask)\n\
        \n\
        xtask 10 1.2:     500000 cpu-clock:u: \n\
        \t    ffff page_fault+0x1 ([kernel.kallsyms])\n";

    #[test]
    fn a_sample_goes_to_the_most_specific_stage_on_its_stack() {
        let counts = count(DUMP);
        assert_eq!(counts.by_stage[STAGES[1].0], (1, 250_000));
        assert_eq!(counts.by_stage[STAGES[4].0], (1, 250_000));
        assert_eq!(counts.by_stage[KERNEL], (1, 500_000));
        assert_eq!(counts.by_stage.len(), 3);
        let text = table(&counts, 1);
        assert!(text.contains("| total | 1.00 | 100 % |"), "{text}");
    }
}
