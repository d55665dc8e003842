//! Whole-process comparisons, hyperfine-style: each command is spawned as the user would run it,
//! once to warm up and then `runs` times, the commands taking turns (so drift of the machine hits
//! them alike); wall time, CPU time and peak RSS come from `wait4`. Then `cargo check` of the two
//! authentication crates, and the targets of issue 13 against the figures.

use crate::Cli;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One command's figures over its runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub median: Duration,
    pub min: Duration,
    pub max: Duration,
    /// Median user + system time of the process and its children.
    pub cpu: Duration,
    /// The largest peak RSS of any run, in bytes.
    pub rss: u64,
}

/// Makes the command line that generates from a spec into a folder.
type Argv = Box<dyn Fn(&Path, &Path) -> Vec<OsString>>;

/// A command line that writes a crate into a given folder.
struct Tool {
    label: &'static str,
    argv: Argv,
}

/// Per spec, per tool: figures, or why it failed.
type Results = Vec<(PathBuf, u64, Vec<Result<Figures, String>>)>;

pub fn run(args: &[String]) -> Result<(), String> {
    let cli = Cli::parse(args)?;
    let work = PathBuf::from(cli.value("work").ok_or("--work DIR is required")?);
    let xtask = PathBuf::from(cli.value("xtask").ok_or("--xtask PATH is required")?);
    let progenitor = cli.value("progenitor").map(PathBuf::from);
    let runs = cli.number("runs", 10)?.max(1);
    let tools = tools(&xtask, progenitor.as_deref());
    let mut results: Results = Vec::new();
    for spec in &cli.specs {
        eprintln!("codegen-bench: whole process, {}", spec.display());
        let size = std::fs::metadata(spec)
            .map_err(|e| format!("{}: {e}", spec.display()))?
            .len();
        results.push((spec.clone(), size, compare(&tools, spec, &work, runs)));
    }
    let mut out = table(&tools, &results, runs);
    let check = match cli.value("check-spec") {
        Some(spec) => {
            let check_runs = cli.number("check-runs", 5)?.max(1);
            let (x, p) = (&xtask, progenitor.as_deref());
            Some(crate::check::run(Path::new(spec), x, p, &work, check_runs)?)
        }
        None => None,
    };
    if let Some(check) = &check {
        out.push_str(&check.table());
    }
    out.push_str(&targets(&results, cli.value("scale-spec"), check.as_ref()));
    print!("{out}");
    Ok(())
}

fn tools(xtask: &Path, progenitor: Option<&Path>) -> Vec<Tool> {
    let ours = |docs: bool| {
        let xtask = xtask.to_path_buf();
        move |spec: &Path, out: &Path| {
            let mut argv: Vec<OsString> = vec![xtask.clone().into(), "codegen".into()];
            argv.extend(["--spec".into(), spec.into(), "--out".into(), out.into()]);
            if !docs {
                argv.push("--no-docs".into());
            }
            argv
        }
    };
    let mut tools = vec![
        Tool {
            label: "ours, with docs",
            argv: Box::new(ours(true)),
        },
        Tool {
            label: "ours, --no-docs",
            argv: Box::new(ours(false)),
        },
    ];
    if let Some(exe) = progenitor {
        let exe = exe.to_path_buf();
        tools.push(Tool {
            label: "cargo-progenitor 0.15.1",
            argv: Box::new(move |spec, out| progenitor_argv(&exe, spec, out)),
        });
    }
    tools
}

/// `cargo progenitor` as cargo would start it (the subcommand's name first), without cargo's own
/// start-up in between, as ours is timed without `cargo run`'s.
pub fn progenitor_argv(exe: &Path, spec: &Path, out: &Path) -> Vec<OsString> {
    let name = out.file_name().unwrap_or_default().to_owned();
    let mut argv: Vec<OsString> = vec![exe.into(), "progenitor".into()];
    argv.extend(["-i".into(), spec.into(), "-o".into(), out.into()]);
    argv.extend(["-n".into(), name, "-v".into(), "0.1.0".into()]);
    argv
}

/// Warms each tool up once, then runs them in turn `runs` times.
fn compare(tools: &[Tool], spec: &Path, work: &Path, runs: usize) -> Vec<Result<Figures, String>> {
    let out = work.join(format!("out-{}", crate::compile::stem(spec)));
    let mut samples: Vec<Result<Vec<Sample>, String>> = tools
        .iter()
        .map(|tool| once(&(tool.argv)(spec, &out), &out).map(|_| Vec::new()))
        .collect();
    for _ in 0..runs {
        for (tool, slot) in tools.iter().zip(&mut samples) {
            let Ok(list) = slot else { continue };
            match once(&(tool.argv)(spec, &out), &out) {
                Ok(sample) => list.push(sample),
                Err(e) => *slot = Err(e),
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    samples
        .into_iter()
        .map(|s| s.map(|s| summarise(&s)))
        .collect()
}

#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall: Duration,
    pub cpu: Duration,
    pub rss: u64,
}

/// Runs `argv` once into a fresh `out` (removed beforehand, untimed).
fn once(argv: &[OsString], out: &Path) -> Result<Sample, String> {
    let _ = std::fs::remove_dir_all(out);
    let log = out.with_extension("log");
    if let Some(parent) = log.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let sample = spawn(argv, &log)?;
    let _ = std::fs::remove_file(&log);
    Ok(sample)
}

/// Spawns `argv` with its output going to `log`, and waits for it with `wait4`.
fn spawn(argv: &[OsString], log: &Path) -> Result<Sample, String> {
    let mut command = Command::new(&argv[0]);
    command.args(&argv[1..]);
    measure(&mut command, log)
}

/// Runs `command` with its output going to `log`; its wall time, and from `wait4`, the CPU time
/// and peak RSS of it and the children it waited for.
pub fn measure(command: &mut Command, log: &Path) -> Result<Sample, String> {
    let file = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = file.try_clone().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, valid when zeroed; `wait4` fills it and `status` for the
    // child just spawned, which nothing else waits for (`child` is dropped without waiting).
    let (waited, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let waited = libc::wait4(pid, &mut status, 0, &mut usage);
        (waited, usage)
    };
    let wall = start.elapsed();
    drop(child);
    if waited != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        return Err(format!("exit {}: {}", status >> 8, failure(&text)));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Sample {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        rss: usage.ru_maxrss as u64 * 1024,
    })
}

/// The line of a failed run's output that says why: a panic's message, else the first error.
pub fn failure(output: &str) -> String {
    let lines: Vec<&str> = output.lines().map(str::trim).collect();
    if let Some(at) = lines.iter().position(|l| l.contains("panicked at")) {
        return format!("panic: {}", lines.get(at + 1).unwrap_or(&""));
    }
    let error = lines.iter().find(|l| l.contains("error"));
    let last = lines.iter().rev().find(|l| !l.is_empty());
    error.or(last).unwrap_or(&"").to_string()
}

fn summarise(samples: &[Sample]) -> Figures {
    let mut walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
    let mut cpus: Vec<Duration> = samples.iter().map(|s| s.cpu).collect();
    walls.sort();
    cpus.sort();
    Figures {
        median: median(&walls),
        min: walls.first().copied().unwrap_or_default(),
        max: walls.last().copied().unwrap_or_default(),
        cpu: median(&cpus),
        rss: samples.iter().map(|s| s.rss).max().unwrap_or(0),
    }
}

/// The middle value of a sorted list (the mean of the middle two for an even count).
pub fn median(sorted: &[Duration]) -> Duration {
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

fn table(tools: &[Tool], results: &Results, runs: usize) -> String {
    let mut out = format!(
        "\nWhole process (spawned, median of {runs} interleaved runs after a warm-up; ms, \
         [min–max], CPU = user + system, peak RSS):\n\n| spec | size |"
    );
    for tool in tools {
        let _ = write!(out, " {} | CPU | peak RSS |", tool.label);
    }
    out.push_str(" progenitor / ours | progenitor / ours --no-docs |\n|---|--:|");
    out.push_str(&"--:|--:|--:|".repeat(tools.len()));
    out.push_str("--:|--:|\n");
    for (spec, size, figures) in results {
        let _ = write!(out, "| {} | {} KiB |", name(spec), size / 1024);
        for f in figures {
            match f {
                Ok(f) => {
                    let range = format!("{}–{}", ms(f.min), ms(f.max));
                    let _ = write!(
                        out,
                        " {} [{range}] | {} | {} MiB |",
                        ms(f.median),
                        ms(f.cpu),
                        mib(f.rss)
                    );
                }
                Err(e) => {
                    let _ = write!(out, " fails: {e} | - | - |");
                }
            }
        }
        let times: Vec<Option<Duration>> = figures
            .iter()
            .map(|f| f.as_ref().ok().map(|f| f.median))
            .collect();
        let prog = times.get(2).copied().flatten();
        let ratio = |ours: Option<Duration>| ratio(prog, ours);
        let _ = writeln!(out, " {} | {} |", ratio(times[0]), ratio(times[1]));
    }
    out
}

/// The targets next to today's figures.
fn targets(
    results: &Results,
    scale: Option<&str>,
    check: Option<&crate::check::Checked>,
) -> String {
    let mut out =
        String::from("\nTargets (issue 13):\n\n| target | measured | met |\n|---|---|---|\n");
    for (spec, size, figures) in results {
        let times: Vec<Option<Figures>> =
            figures.iter().map(|f| f.as_ref().ok().copied()).collect();
        let (docs, bare, prog) = (
            times[0],
            times.get(1).copied().flatten(),
            times.get(2).copied().flatten(),
        );
        if scale.is_some_and(|s| Path::new(s) == spec) {
            for (label, f) in [("with docs", docs), ("--no-docs", bare)] {
                out.push_str(&scale_rows(spec, *size, label, f));
            }
            continue;
        }
        if let (Some(d), Some(b), Some(p)) = (docs, bare, prog) {
            out.push_str(&speed_row(spec, d, b, p));
        }
    }
    if let Some(c) = check {
        out.push_str(&c.target_row());
    }
    out
}

/// The speed target for one spec: progenitor's CLI at least 10× as slow as ours with docs.
fn speed_row(spec: &Path, docs: Figures, bare: Figures, progenitor: Figures) -> String {
    let p = progenitor.median.as_secs_f64();
    let (x, y) = (p / docs.median.as_secs_f64(), p / bare.median.as_secs_f64());
    format!(
        "| {}: codegen ≥ 10× faster than progenitor, docs included \
         | {x:.1}× ({} vs {} ms); --no-docs {y:.1}× | {} |\n",
        name(spec),
        ms(docs.median),
        ms(progenitor.median),
        met(x >= 10.0)
    )
}

/// The scale targets for one run of the synthetic spec: under 1 s, peak RSS under 10× its size.
fn scale_rows(spec: &Path, size: u64, label: &str, f: Option<Figures>) -> String {
    let Some(f) = f else {
        return String::new();
    };
    let x = f.rss as f64 / size as f64;
    format!(
        "| {0}, {label}: generation < 1 s | {1} ms | {2} |\n\
         | {0}, {label}: peak RSS < 10× the spec ({3} KiB) | {4} MiB = {x:.1}× | {5} |\n",
        name(spec),
        ms(f.median),
        met(f.median.as_secs_f64() < 1.0),
        size / 1024,
        mib(f.rss),
        met(x < 10.0),
    )
}

pub fn met(yes: bool) -> &'static str {
    if yes {
        "met"
    } else {
        "missed"
    }
}

fn ratio(a: Option<Duration>, b: Option<Duration>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if !b.is_zero() => format!("{:.1}×", a.as_secs_f64() / b.as_secs_f64()),
        _ => "-".into(),
    }
}

fn name(spec: &Path) -> String {
    spec.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.1}")
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let ms = |n| Duration::from_millis(n);
        assert_eq!(median(&[ms(1), ms(2), ms(9)]), ms(2));
        assert_eq!(median(&[ms(1), ms(2), ms(4), ms(9)]), ms(3));
        assert_eq!(median(&[]), Duration::ZERO);
    }

    #[test]
    fn a_spawned_process_is_timed_and_its_failure_reported() {
        let dir = std::env::temp_dir().join(format!("process-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("log");
        let sh = |script: &str| vec!["sh".into(), "-c".into(), script.into()];
        let ok = spawn(&sh("sleep 0.05"), &log).unwrap();
        assert!(ok.wall >= Duration::from_millis(50), "{ok:?}");
        assert!(ok.rss > 0);
        let failed = spawn(&sh("echo 'error: no spec' >&2; exit 2"), &log).unwrap_err();
        assert_eq!(failed, "exit 2: error: no spec");
        let panic = "thread 'main' panicked at src/method.rs:1:9:\nassertion failed: x\nnote: …";
        assert_eq!(failure(panic), "panic: assertion failed: x");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn progenitor_is_started_as_cargo_starts_a_subcommand() {
        let argv = progenitor_argv(
            Path::new("/b/cargo-progenitor"),
            Path::new("s.json"),
            Path::new("/w/out-s"),
        );
        let argv: Vec<String> = argv
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            argv[..4],
            ["/b/cargo-progenitor", "progenitor", "-i", "s.json"]
        );
        assert!(argv.windows(2).any(|w| w == ["-n", "out-s"]));
    }
}
