//! `cargo xtask corpus --prism`: every example request of every generated crate, sent to Prism
//! mocking that crate's spec with request validation on. One harness program per crate
//! (`generator::emit_rust::harness_crate`), all in one workspace built once with the corpus'
//! shared target dir; then, spec by spec, Prism is started and the harness run against it.

#[path = "../../sdk-tests/tests/support/prism.rs"]
#[allow(dead_code)]
mod server;

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One spec's harness: the crate it calls and where its files go.
pub struct Harness {
    pub spec: PathBuf,
    /// The generated crate's package name (also the harness folder's name).
    pub package: String,
    pub files: BTreeMap<String, String>,
    /// The names the generator's warnings quote: a refusal for lacking one of them is what the
    /// generator warned of (a `required` name that is no property, a path parameter its path
    /// lacks), not a wrong example.
    pub warned: Vec<String>,
}

/// The names quoted in a message: `` `required` names 'ghost', … `` gives `ghost`.
pub fn quoted(message: &str) -> Vec<String> {
    message
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// What running one spec's examples gave.
#[derive(Debug, Default)]
struct Tally {
    spec: String,
    examples: usize,
    accepted: usize,
    /// Requests Prism's validation refused (the header lists request violations).
    rejected: usize,
    /// Refusals the generator foresaw: for lacking only what it warned it drops, or of an example
    /// it knows no valid value for.
    warned: usize,
    /// Answers with an error status and no request violation (security, routes, the spec's own
    /// error examples).
    other_status: usize,
    /// Answers our client could not decode.
    decode: usize,
    /// Transport and encoding errors.
    errors: usize,
    /// Answers (Prism's mocks, from the spec's examples) that break the spec themselves.
    bad_answers: usize,
    /// The validation failures Prism's log counts (a check on the header count).
    logged_rejections: usize,
    time: Duration,
    /// One line per example that was not accepted.
    findings: Vec<String>,
    /// Why the spec could not be run at all.
    failure: Option<String>,
}

/// Writes, builds and runs every harness; returns the report and whether no request was refused.
pub fn run(harnesses: &[Harness], out_dir: &Path) -> (String, bool) {
    let dir = out_dir.join(".prism");
    let target = out_dir.join(".target");
    if let Err(e) = write_workspace(harnesses, &dir, out_dir) {
        return (
            format!("prism: cannot write {}: {e}\n", dir.display()),
            false,
        );
    }
    let started = Instant::now();
    if let Err(e) = build(&dir, &target) {
        return (format!("prism: the harnesses do not build:\n{e}\n"), false);
    }
    eprintln!(
        "built {} harnesses in {:.1} s",
        harnesses.len(),
        started.elapsed().as_secs_f64()
    );
    let tallies: Vec<Tally> = harnesses.iter().map(|h| run_one(h, &target)).collect();
    let clean = tallies
        .iter()
        .all(|t| t.rejected == 0 && t.logged_rejections <= t.warned && t.failure.is_none());
    (report(&tallies), clean)
}

fn write_workspace(harnesses: &[Harness], dir: &Path, out_dir: &Path) -> std::io::Result<()> {
    let members: Vec<String> = harnesses
        .iter()
        .map(|h| format!("{:?}", h.package))
        .collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    let (lock, shared) = (dir.join("Cargo.lock"), out_dir.join(".Cargo.lock"));
    if !lock.exists() && shared.exists() {
        std::fs::copy(shared, lock)?;
    }
    for h in harnesses {
        crate::write::write(&dir.join(&h.package), &h.files)?;
    }
    Ok(())
}

fn build(dir: &Path, target: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(&cargo)
        .args(["build", "--workspace", "--quiet", "--message-format=short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // Built once and run once: no debug info to write, no incremental state to keep.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("could not run {cargo}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn run_one(h: &Harness, target: &Path) -> Tally {
    let mut tally = Tally {
        spec: h.spec.display().to_string(),
        ..Tally::default()
    };
    let started = Instant::now();
    let spec = std::path::absolute(&h.spec).unwrap_or_else(|_| h.spec.clone());
    eprintln!("prism: {}", tally.spec);
    let Some(prism) = server::Prism::start_with(&spec.to_string_lossy(), false) else {
        tally.failure = Some("Prism is not installed".into());
        return tally;
    };
    let bin = target.join("debug").join(format!("harness-{}", h.package));
    match Command::new(&bin).arg(&prism.url).output() {
        Ok(out) => {
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                match serde_json::from_str::<Value>(line) {
                    Ok(line) => tally.add(&line, &h.warned),
                    Err(_) => tally.findings.push(format!("unreadable line: {line}")),
                }
            }
            if !out.status.success() {
                let stderr = String::from_utf8_lossy(&out.stderr);
                tally.failure = Some(format!(
                    "{} failed ({}): {stderr}",
                    bin.display(),
                    out.status
                ));
            }
        }
        Err(e) => tally.failure = Some(format!("cannot run {}: {e}", bin.display())),
    }
    let refusals = |log: &str| {
        log.matches("Request did not pass the validation rules")
            .count()
    };
    let log = prism.log_when(|log| refusals(log) >= tally.rejected + tally.warned);
    tally.logged_rejections = refusals(&log);
    tally.time = started.elapsed();
    tally
}

/// Prism's own answers to a request that does not fit the spec (`https://stoplight.io/prism/
/// errors#…`): invalid values, missing credentials, no such route, method or media type.
const REFUSALS: &[&str] = &[
    "UNPROCESSABLE_ENTITY",
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NO_PATH_MATCHED_ERROR",
    "NO_METHOD_MATCHED_ERROR",
    "INVALID_CONTENT_TYPE",
    "NOT_ACCEPTABLE",
];

impl Tally {
    fn add(&mut self, line: &Value, warned: &[String]) {
        self.examples += 1;
        let text = |key: &str| line[key].as_str().unwrap_or_default().to_owned();
        let violations: Vec<Value> = line["violations"]
            .as_str()
            .and_then(|v| serde_json::from_str(v).ok())
            .unwrap_or_default();
        if violations.iter().any(|v| v["location"][0] == "response") {
            self.bad_answers += 1;
        }
        let what = format!("{} ({} {})", text("example"), text("method"), text("path"));
        let detail = || first_line(&text("detail"));
        let refused = refusal(&violations, &text("detail"), &text("path"));
        match text("outcome").as_str() {
            _ if !refused.is_empty() && refused.iter().all(|r| lacks_warned(r, warned)) => {
                self.warned += 1;
                let refused = refused.join("; ");
                self.findings.push(format!(
                    "refused as the generator warned: {what}: {refused}"
                ));
            }
            _ if !refused.is_empty() && line["valid"] == false => {
                self.warned += 1;
                let refused = refused.join("; ");
                self.findings
                    .push(format!("refused, no valid value known: {what}: {refused}"));
            }
            _ if !refused.is_empty() => {
                self.rejected += 1;
                let refused = refused.join("; ");
                self.findings.push(format!("REJECTED {what}: {refused}"));
            }
            "ok" => self.accepted += 1,
            "status" => {
                self.other_status += 1;
                let status = &line["status"];
                self.findings
                    .push(format!("status {status} {what}: {}", detail()));
            }
            "decode" => {
                self.decode += 1;
                self.findings.push(format!("DECODE {what}: {}", detail()));
            }
            _ => {
                self.errors += 1;
                self.findings.push(format!("ERROR {what}: {}", detail()));
            }
        }
        let warnings: Vec<String> = violations
            .iter()
            .filter(|v| v["location"][0] == "request" && v["severity"] != "Error")
            .map(violation)
            .collect();
        if !warnings.is_empty() {
            self.findings
                .push(format!("warning {what}: {}", warnings.join("; ")));
        }
    }
}

/// Whether a refusal is only for lacking a name the generator warned of.
fn lacks_warned(refusal: &str, warned: &[String]) -> bool {
    let missing = refusal
        .split_once("must have required property ")
        .map(|(_, name)| name.trim_matches('\''));
    missing.is_some_and(|name| warned.iter().any(|w| w == name))
}

/// Whether a concrete path is one of the template `path` (`{…}` segments match any).
fn on_template(route: &str, template: &str) -> bool {
    let (route, template): (Vec<&str>, Vec<&str>) =
        (route.split('/').collect(), template.split('/').collect());
    route.len() == template.len()
        && route
            .iter()
            .zip(&template)
            .all(|(r, t)| r == t || (t.contains('{') && !r.is_empty()))
}

/// Why Prism refused the request, if it did: each of the request's errors in the violations
/// header, or Prism's own problem answer (with the violations it lists). A route Prism does not
/// know is no refusal when it is not the operation's (a redirect led there).
fn refusal(violations: &[Value], body: &str, template: &str) -> Vec<String> {
    let errors: Vec<String> = violations
        .iter()
        .filter(|v| v["location"][0] == "request" && v["severity"] == "Error")
        .map(violation)
        .collect();
    if !errors.is_empty() {
        return errors;
    }
    let problem: Value = serde_json::from_str(body).unwrap_or_default();
    let kind = problem["type"].as_str().unwrap_or_default();
    let Some((_, kind)) = kind.split_once("stoplight.io/prism/errors#") else {
        return Vec::new();
    };
    let detail = problem["detail"].as_str().unwrap_or_default();
    let elsewhere = detail
        .strip_prefix("The route ")
        .and_then(|d| d.split_once(' '))
        .is_some_and(|(route, _)| !on_template(route, template));
    if !REFUSALS.contains(&kind) || (kind == "NO_PATH_MATCHED_ERROR" && elsewhere) {
        return Vec::new();
    }
    let listed: Vec<String> = problem["validation"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| format!("{kind}: {}", violation(v)))
        .collect();
    match listed.is_empty() {
        true => vec![format!("{kind}: {detail}")],
        false => listed,
    }
}

/// `location.path: message`.
fn violation(v: &Value) -> String {
    let at = v["location"].as_array().map_or(String::new(), |l| {
        let parts: Vec<String> = l
            .iter()
            .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned))
            .collect();
        parts.join(".")
    });
    format!("{at}: {}", v["message"].as_str().unwrap_or_default())
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

fn report(tallies: &[Tally]) -> String {
    let mut out = String::from(
        "\n| spec | examples | accepted | rejected | refused as foreseen | other status | decode failures | errors | answers breaking the spec | time |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for t in tallies {
        let rejected = t
            .rejected
            .max(t.logged_rejections - t.logged_rejections.min(t.warned));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {rejected} | {} | {} | {} | {} | {} | {:.1} s |",
            t.spec,
            t.examples,
            t.accepted,
            t.warned,
            t.other_status,
            t.decode,
            t.errors,
            t.bad_answers,
            t.time.as_secs_f64()
        );
    }
    let sum = |f: fn(&Tally) -> usize| tallies.iter().map(f).sum::<usize>();
    let _ = writeln!(
        out,
        "\nprism: {} examples over {} specs: {} accepted, {} rejected, {} refused as the generator foresaw, {} other status, {} decode failures, {} errors",
        sum(|t| t.examples),
        tallies.len(),
        sum(|t| t.accepted),
        sum(|t| t.rejected.max(t.logged_rejections - t.logged_rejections.min(t.warned))),
        sum(|t| t.warned),
        sum(|t| t.other_status),
        sum(|t| t.decode),
        sum(|t| t.errors),
    );
    for t in tallies {
        if t.findings.is_empty() && t.failure.is_none() {
            continue;
        }
        let _ = writeln!(out, "\n{}:", t.spec);
        if let Some(failure) = &t.failure {
            let _ = writeln!(out, "  FAILED: {}", first_line(failure));
        }
        if t.logged_rejections > t.rejected + t.warned {
            let _ = writeln!(
                out,
                "  Prism's log counts {} refused requests",
                t.logged_rejections
            );
        }
        for f in &t.findings {
            let _ = writeln!(out, "  {f}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn line(outcome: &str, violations: Option<Value>, detail: Value, valid: bool) -> Value {
        json!({
            "example": "get_thing",
            "method": "GET",
            "path": "/things/{id}",
            "valid": valid,
            "outcome": outcome,
            "status": 422,
            "violations": violations.map(|v| v.to_string()),
            "detail": detail.to_string(),
        })
    }

    #[test]
    fn refusals_come_from_the_header_or_prisms_problem_answer() {
        let header = json!([
            {"location": ["request", "query", "limit"], "severity": "Error", "message": "must be >= 1"},
            {"location": ["request", "path", "id"], "severity": "Warning", "message": "deprecated"},
            {"location": ["response", "body"], "severity": "Error", "message": "bad example"},
        ]);
        let mut tally = Tally::default();
        tally.add(&line("ok", Some(header), json!(""), true), &[]);
        assert_eq!((tally.rejected, tally.bad_answers), (1, 1));
        assert!(tally.findings[0].contains("request.query.limit: must be >= 1"));
        assert!(tally.findings[1].starts_with("warning get_thing"));
        let problem = json!({
            "type": "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
            "validation": [{"location": ["body"], "message": "must have required property 'ghost'"}],
        });
        tally.add(
            &line("status", None, problem.clone(), true),
            &["ghost".into()],
        );
        tally.add(&line("status", None, problem.clone(), false), &[]);
        tally.add(&line("status", None, problem, true), &[]);
        assert_eq!((tally.warned, tally.rejected), (2, 2));
    }

    #[test]
    fn a_route_a_redirect_led_to_is_no_refusal_and_prisms_own_limits_are_none() {
        let elsewhere = json!({
            "type": "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR",
            "detail": "The route /login/string hasn't been found in the specification file",
        });
        assert!(refusal(&[], &elsewhere.to_string(), "/things/{id}").is_empty());
        let here = elsewhere.to_string().replace("/login/string", "/things/1");
        assert_eq!(refusal(&[], &here, "/things/{id}").len(), 1);
        let limit = json!({"type": "https://stoplight.io/prism/errors#NO_COMPLEX_OBJECT_TEXT"});
        assert!(refusal(&[], &limit.to_string(), "/things/{id}").is_empty());
        assert!(on_template("/a/x.json", "/a/{name}.json") && !on_template("/a", "/a/{b}"));
        assert_eq!(
            quoted("`required` names 'ghost', which is not 'here'"),
            ["ghost", "here"]
        );
    }
}
