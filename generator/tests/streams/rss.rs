//! Peak memory of a client alone: a test runs one of the `child_*` tests of this binary in a
//! child process (they do nothing in a test run of their own), which prints its peak resident
//! set (`VmHWM` of `/proc/self/status`) after its work.

use std::process::Command;

/// The variable that tells a `child_*` test to run, and carries the server's URL.
pub const SERVER: &str = "STREAMS_TEST_SERVER";

/// Runs test `name` in a child process with `env`, and gives its peak resident set in bytes
/// and what it printed.
pub fn in_child(name: &str, env: &[(&str, &str)]) -> (u64, String) {
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new(exe)
        .args([
            name,
            "--exact",
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .envs(env.iter().copied())
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name} failed:\n{stdout}\n{stderr}");
    let peak = stdout
        .lines()
        .find_map(|line| line.split("peak-rss-bytes=").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name} printed no peak:\n{stdout}"));
    (peak, stdout)
}

/// What a child prints last: its peak resident set.
pub fn report_peak() {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmHWM line");
    println!("\npeak-rss-bytes={}", kib * 1024);
}

/// The value a child printed as `name=value`.
pub fn printed<'a>(stdout: &'a str, name: &str) -> &'a str {
    let marker = format!("{name}=");
    let found = stdout.lines().find_map(|l| l.split(&marker).nth(1));
    found.unwrap_or_else(|| panic!("the child printed no {name}:\n{stdout}"))
}

/// The server's URL when running as a child, else `None` (the test does nothing).
pub fn child_server() -> Option<String> {
    std::env::var(SERVER).ok()
}

pub const MIB: u64 = 1024 * 1024;
pub const GIB: u64 = 1024 * MIB;
