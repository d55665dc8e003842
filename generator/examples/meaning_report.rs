//! For each spec under the given folders or files: list operations that page (`items()`), the
//! list-looking GET operations left alone and why, and unions left with only an `Unknown` arm.
//! `cargo run -p generator --example meaning_report -- ../shared/corpus`

use generator::model::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Query parameters that suggest paging.
const PAGING: [&str; 8] = [
    "offset",
    "limit",
    "page",
    "per_page",
    "page_size",
    "cursor",
    "starting_after",
    "page_token",
];

fn main() {
    let mut specs = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), &mut specs);
    }
    specs.sort();
    for spec in specs {
        let Ok(out) = generator::generate_file(&spec, &generator::Options::default()) else {
            println!("{}: does not generate", spec.display());
            continue;
        };
        let api = out.api.expect("the model comes with the output");
        report(&spec, &api);
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
            collect(&entry.path(), out);
        }
    } else if path
        .extension()
        .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
    {
        out.push(path.to_owned());
    }
}

fn report(spec: &Path, api: &Api) {
    let mut paging = 0;
    let mut left: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for op in &api.operations {
        if op.pagination.is_some() {
            paging += 1;
            continue;
        }
        let Some(arrays) = list_looking(api, op) else {
            continue;
        };
        let params: Vec<&str> = op
            .params
            .iter()
            .filter(|p| {
                p.location == ParamLocation::Query && PAGING.contains(&p.name.wire.as_str())
            })
            .map(|p| p.name.wire.as_str())
            .collect();
        let reason = if arrays > 1 {
            format!("{arrays} array fields")
        } else if params.is_empty() {
            "no paging parameter".to_owned()
        } else {
            format!(
                "paging-like parameters fit no convention: {}",
                params.join(", ")
            )
        };
        left.entry(reason).or_default().push(op.name.wire.clone());
    }
    let unknown_only = api
        .types
        .iter()
        .filter(|t| match &t.kind {
            TypeKind::Union(u) => {
                u.variants.is_empty()
                    || u.discriminator
                        .as_ref()
                        .is_some_and(|d| u.variants.iter().all(|v| !can_carry(api, v, &d.property)))
            }
            _ => false,
        })
        .count();
    let tagged = api
        .types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Union(u) if u.discriminator.is_some()))
        .count();
    let total: usize = left.values().map(Vec::len).sum();
    println!(
        "{}: {} operations, {paging} page, {total} list-looking left alone, {tagged} tagged unions, {unknown_only} Unknown-only unions",
        spec.display(),
        api.operations.len()
    );
    for (reason, ops) in left {
        println!("  {} ({}): {}", reason, ops.len(), ops.join(" "));
    }
}

/// GET operations whose success body is an array (1) or an object with array fields (how many).
fn list_looking(api: &Api, op: &Operation) -> Option<usize> {
    if op.method != HttpMethod::Get {
        return None;
    }
    let body = op
        .successes()
        .into_iter()
        .find_map(|i| op.responses[i].body.as_ref())?;
    match resolved(api, &body.ty) {
        Ty::Array(_) => Some(1),
        Ty::Named(id) => match &api.type_def(id).kind {
            TypeKind::Struct(s) => {
                let n = s
                    .fields
                    .iter()
                    .filter(|f| matches!(resolved(api, &f.ty), Ty::Array(_)))
                    .count();
                (n > 0).then_some(n)
            }
            _ => None,
        },
        _ => None,
    }
}

fn resolved(api: &Api, ty: &Ty) -> Ty {
    let mut ty = ty.non_null().clone();
    for _ in 0..=api.types.len() {
        match &ty {
            Ty::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Alias(target) => ty = target.non_null().clone(),
                _ => break,
            },
            _ => break,
        }
    }
    ty
}

/// Whether the variant's type can hold its tag: it has no one-value enum for `property` that
/// says otherwise.
fn can_carry(api: &Api, v: &UnionVariant, property: &str) -> bool {
    let Ty::Named(id) = resolved(api, &v.ty) else {
        return true;
    };
    let TypeKind::Struct(s) = &api.type_def(id).kind else {
        return true;
    };
    let Some(field) = s.fields.iter().find(|f| f.name.wire == property) else {
        return true;
    };
    let Ty::Named(e) = resolved(api, &field.ty) else {
        return true;
    };
    match &api.type_def(e).kind {
        TypeKind::Enum(e) => match e.variants.as_slice() {
            [only] => only.name.wire == v.name.wire,
            _ => true,
        },
        _ => true,
    }
}
