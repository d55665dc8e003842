//! A failing spec made small: parts are taken out, the biggest first, for as long as what is
//! left still has the failure's first problem (same error or warning, whatever it names).

use super::{check, found_path, generate, signature, signatures, Failure};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long one failure may take to minimise.
const BUDGET: Duration = Duration::from_secs(600);
/// The top-level members a spec needs to be one.
const KEPT: [&str; 3] = ["/openapi", "/info", "/paths"];

/// Minimises the spec of `failure`'s seed and saves it under [`super::FOUND`]; returns the path.
pub fn minimise(failure: &Failure, work: &Path, root: &Path) -> Result<PathBuf, String> {
    let want = signature(&failure.message);
    let dir = work.join("min");
    let mut spec = crate::csmith::spec(failure.seed);
    let fails = |spec: &Value| -> bool {
        let _ = std::fs::remove_dir_all(&dir);
        match generate(spec, &dir.join("fuzz-min"), "fuzz-min") {
            Err(message) => failure.generation && signatures(&message).contains(&want),
            Ok(()) if failure.generation => false,
            Ok(()) => check(&dir, &["fuzz-min"], root)
                .ok()
                .and_then(|failed| {
                    failed
                        .get("fuzz-min")
                        .map(|m| signatures(m).contains(&want))
                })
                .unwrap_or(false),
        }
    };
    if !fails(&spec) {
        return Err(format!("seed {} does not fail alone", failure.seed));
    }
    let started = Instant::now();
    // Passes over the parts until one takes nothing out: a schema can go only once the
    // operations that refer to it have gone.
    let mut changed = true;
    while changed && started.elapsed() < BUDGET {
        changed = false;
        let mut at = 0;
        while let Some(pointer) = pointers(&spec).get(at) {
            if started.elapsed() > BUDGET {
                eprintln!("minimising seed {}: out of time", failure.seed);
                break;
            }
            let mut smaller = spec.clone();
            remove(&mut smaller, pointer);
            if fails(&smaller) {
                spec = smaller;
                changed = true;
            } else {
                at += 1;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let path = found_path(root, failure.seed);
    let yaml = serde_yaml::to_string(&spec).map_err(|e| e.to_string())?;
    let text = format!(
        "# Found by `cargo xtask fuzz --compile --seed {} --count 1`, minimised: {want}\n{yaml}",
        failure.seed
    );
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// Every member and item of `spec` that may go, as JSON pointers, parents before children.
fn pointers(spec: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(spec, String::new(), &mut out);
    out.retain(|p| !KEPT.contains(&p.as_str()) && !p.starts_with("/info/"));
    out
}

fn walk(value: &Value, at: String, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => return,
    };
    for (key, child) in children {
        let pointer = format!("{at}/{key}");
        out.push(pointer.clone());
        walk(child, pointer, out);
    }
}

fn remove(spec: &mut Value, pointer: &str) {
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let key = last.replace("~1", "/").replace("~0", "~");
    match spec.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(i) = key.parse::<usize>() {
                if i < items.len() {
                    items.remove(i);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parts_are_listed_parents_first_and_removed_by_pointer() {
        let mut spec = json!({"openapi": "3.0.3", "paths": {"/a/{b}": {"get": {}}}, "x": [1, 2]});
        assert_eq!(
            pointers(&spec),
            [
                "/paths/~1a~1{b}",
                "/paths/~1a~1{b}/get",
                "/x",
                "/x/0",
                "/x/1"
            ]
        );
        remove(&mut spec, "/paths/~1a~1{b}/get");
        remove(&mut spec, "/x/0");
        assert_eq!(
            spec,
            json!({"openapi": "3.0.3", "paths": {"/a/{b}": {}}, "x": [2]})
        );
    }
}
