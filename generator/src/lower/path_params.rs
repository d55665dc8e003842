//! An operation's path parameters against its path template, mended where only one reading is
//! possible, each mend a warning where it was written:
//!
//! - a template name that no path parameter declares, when exactly one declared path parameter
//!   is not in the template, is that parameter misnamed: it takes the template's name and keeps
//!   its schema and description (`{certificate_id}` declared as `cert_id`);
//! - otherwise each undeclared template name is added as a required string, and each declared
//!   path parameter that is not in the template is dropped (it could not be sent anywhere);
//! - a path parameter not marked `required: true` is required all the same.

use super::Lowerer;
use crate::diag::closest;
use crate::model::names::Scope;
use crate::model::{Name, Param, ParamLocation, ParamStyle, Sparse, StringFormat, Ty};
use crate::pointer::child;
use openapiv3::Parameter as RawParam;

/// A parameter of an operation, once its path parameters match the template.
pub(super) enum Planned<'a> {
    /// Declared at `at` (its definition, after `$ref`s), sent as `wire`.
    Declared {
        raw: &'a RawParam,
        at: String,
        wire: String,
    },
    /// In the template but never declared: a required string.
    Added { wire: String },
}

impl<'d> Lowerer<'d> {
    /// Match `declared` (every parameter of the operation at `pointer`, path-level ones merged
    /// in) against the template `path`.
    pub(super) fn match_path<'a>(
        &mut self,
        path: &str,
        pointer: &str,
        declared: Vec<(&'a RawParam, String)>,
    ) -> Vec<Planned<'a>> {
        let template = template_names(path);
        let is_path = |raw: &RawParam| matches!(raw, RawParam::Path { .. });
        let name = |raw: &RawParam| raw.parameter_data_ref().name.clone();
        let undeclared: Vec<&String> = template
            .iter()
            .filter(|t| !declared.iter().any(|(r, _)| is_path(r) && name(r) == **t))
            .collect();
        let extra = declared
            .iter()
            .filter(|(r, _)| is_path(r) && !template.contains(&name(r)))
            .count();
        let renamed = match (undeclared.as_slice(), extra) {
            ([one], 1) => Some((*one).clone()),
            _ => None,
        };
        let mut out = Vec::new();
        for (raw, at) in declared {
            let wire = name(raw);
            if !is_path(raw) {
                out.push(Planned::Declared { raw, at, wire });
                continue;
            }
            let wire = if template.contains(&wire) {
                wire
            } else if let Some(new) = &renamed {
                let message = format!("path parameter '{wire}' is not in the path '{path}', which has '{{{new}}}' undeclared; read as '{new}'");
                self.warn(&child(&at, "name"), message);
                new.clone()
            } else {
                let hint = closest(&wire, &template).map(|c| format!("did you mean '{c}'?"));
                let message = format!(
                    "path parameter '{wire}' does not appear in the path '{path}'; ignored"
                );
                self.warn(&child(&at, "name"), message).hint = hint;
                continue;
            };
            if !raw.parameter_data_ref().required {
                let message = format!("path parameter '{wire}' is not marked `required: true`; path parameters always are");
                let flag = child(&at, "required");
                let written = self.doc.positions().has(&flag);
                self.warn(if written { &flag } else { &at }, message);
            }
            out.push(Planned::Declared { raw, at, wire });
        }
        if renamed.is_none() {
            for wire in undeclared {
                let message = format!("path parameter '{{{wire}}}' of '{path}' is not declared here; added as a required string");
                self.warn(pointer, message).hint =
                    Some(format!("declare it with `name: {wire}` and `in: path`"));
                out.push(Planned::Added { wire: wire.clone() });
            }
        }
        out
    }
}

/// A path parameter that the template names and no parameter declares: a required string.
pub(super) fn added(wire: String, scope: &mut Scope) -> Param {
    Param {
        name: Name {
            rust: super::operation::rust_name(&wire, ParamLocation::Path, scope),
            wire,
        },
        location: ParamLocation::Path,
        required: true,
        secret: false,
        ty: Ty::String(StringFormat::Plain),
        style: ParamStyle::Simple,
        explode: false,
        description: None,
        deprecated: false,
        example: None,
        default: None,
        constraints: Sparse::default(),
    }
}

/// The names in `{…}` in a path (`check` has made sure the braces pair up).
pub(super) fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_are_read_in_order() {
        assert_eq!(template_names("/a/{x}/b/{y}.json"), ["x", "y"]);
        assert!(template_names("/a").is_empty());
    }

    fn params(spec_params: &str, path: &str) -> (Vec<(String, bool)>, String) {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  {path}:\n    get:\n      \
             parameters: {spec_params}\n      responses: {{'204': {{description: none}}}}\n"
        );
        let out = crate::generate_bytes("p.yaml", spec.as_bytes(), &crate::Options::default())
            .unwrap_or_else(|d| panic!("{d}"));
        let api = out.api.expect("a model");
        let got = api.operations[0]
            .params
            .iter()
            .map(|p| (p.name.wire.clone(), p.required))
            .collect();
        (got, out.warnings.to_string())
    }

    #[test]
    fn one_misnamed_path_parameter_takes_the_template_name() {
        let declared = "[{name: cert_id, in: path, required: true, schema: {type: integer}}, \
                        {name: cert_id, in: query, schema: {type: string}}]";
        let (got, warnings) = params(declared, "/certs/{certificate_id}");
        let want = [("certificate_id".into(), true), ("cert_id".into(), false)];
        assert_eq!(got, want);
        assert!(warnings.contains("read as 'certificate_id'"), "{warnings}");
    }

    #[test]
    fn otherwise_undeclared_names_are_added_and_strays_dropped() {
        let declared = "[{name: a, in: path, required: false, schema: {type: string}}, \
                        {name: b, in: path, required: true, schema: {type: string}}]";
        let (got, warnings) = params(declared, "/x/{x}/y/{y}");
        assert_eq!(got, [("x".into(), true), ("y".into(), true)]);
        assert_eq!(warnings.matches("ignored").count(), 2, "{warnings}");
        assert_eq!(warnings.matches("added as a required string").count(), 2);
        assert!(!warnings.contains("`required: true`"), "{warnings}");
        let (_, warnings) = params("[{name: x, in: path, schema: {type: string}}]", "/{x}");
        assert!(
            warnings.contains("is not marked `required: true`"),
            "{warnings}"
        );
    }
}
