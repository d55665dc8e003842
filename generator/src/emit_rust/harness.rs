//! The example harness: a program that sends every operation's example request to the base URL
//! given as its argument (a mock server that validates requests, such as Prism) and prints one
//! JSON line per example. The requests are the examples' own calls (see [`super::example`]);
//! `cargo xtask corpus --prism` builds and runs it.

use super::example::{call, credential_call, Credentials};
use crate::model::ClientKind;
use crate::surface::{Example, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The header in which Prism lists what a request or its answer breaks.
pub const VIOLATIONS_HEADER: &str = "sl-violations";

/// The harness crate's files (`Cargo.toml`, `src/main.rs`) for `surface`'s crate, found as
/// package `package` at `path`. Every operation is run, also those whose pages show no example,
/// with the values [`Example::new`] chooses.
pub fn harness_crate(surface: &Surface, package: &str, path: &str) -> BTreeMap<String, String> {
    let manifest = format!(
        "[package]\nname = \"harness-{package}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\n{package} = {{ path = {path:?} }}\n\
         serde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n"
    );
    let main = super::format::side_file(main(surface));
    BTreeMap::from([
        ("Cargo.toml".to_owned(), manifest),
        ("src/main.rs".to_owned(), main),
    ])
}

fn main(surface: &Surface) -> TokenStream {
    let krate = format_ident!("{}", surface.api.client.crate_ident);
    let client = format_ident!("{}", surface.client.name);
    let credentials = credentials(surface);
    let calls = surface
        .operations()
        .enumerate()
        .filter_map(|(i, (op, shape))| {
            // An operation whose input has no finite value gets no call: none can be written down.
            let roots = crate::surface::graph::request_roots(op);
            if roots.iter().any(|&t| surface.graph.endless[t]) {
                return None;
            }
            let example = surface.examples[i]
                .clone()
                .unwrap_or_else(|| Example::new(surface.api, op, shape));
            let (call, _) = call(surface, i, &example);
            let name = &shape.method;
            let method = op.method.as_str();
            let path = &op.path;
            let valid = example.valid;
            Some(quote! {
                let result = #call.send_with_response().await;
                report(#name, #method, #path, #valid, result.map(|r| violations(r.headers())));
            })
        });
    quote! {
        //! Sends every example request to the base URL given as the argument and prints one JSON
        //! line per example: its outcome, the status, and what the server says it violates.
        #![allow(deprecated, clippy::all)]
        use #krate::runtime::{header::HeaderMap, Error, RetryPolicy};

        #[tokio::main(flavor = "current_thread")]
        async fn main() {
            let url = std::env::args().nth(1).expect("usage: harness BASE_URL");
            let client = #krate::#client::builder()
                .base_url(&url)
                #credentials
                .retry(RetryPolicy::none())
                .timeout(std::time::Duration::from_secs(60))
                .build()
                .expect("the client builds");
            #(#calls)*
        }

        /// `valid`: whether the generator found values that meet every constraint.
        fn report(example: &str, method: &str, path: &str, valid: bool, result: #krate::Result<Option<String>>) {
            let (outcome, status, violations, detail) = match &result {
                Ok(found) => ("ok", None, found.clone(), String::new()),
                Err(Error::Status { status, headers, body, .. }) => {
                    ("status", Some(*status), violations(headers), body.clone())
                }
                Err(e @ Error::Decode { .. }) => ("decode", None, None, e.to_string()),
                Err(e) => ("error", None, None, e.to_string()),
            };
            let line = serde_json::json!({
                "example": example,
                "method": method,
                "path": path,
                "valid": valid,
                "outcome": outcome,
                "status": status,
                "violations": violations,
                "detail": detail,
            });
            println!("{line}");
        }

        /// What the server lists in the violations header.
        fn violations(headers: &HeaderMap) -> Option<String> {
            let value = headers.get(#VIOLATIONS_HEADER)?;
            value.to_str().ok().map(str::to_owned)
        }
    }
}

/// The builder calls that give the client every credential the spec can ask for.
fn credentials(surface: &Surface) -> TokenStream {
    let api = surface.api;
    let krate = format_ident!("{}", api.client.crate_ident);
    match api.client.kind {
        // Authing specs ask a bearer token of the token endpoint too, which has none to give.
        ClientKind::AuthingManagement => quote! {
            .access_key_id("60e043f8cd91b87d712b6365")
            .access_key_secret("ak-secret")
            .userpool_id("62a8ef0e5a7bd8b1bf8e1234")
            .raw_envelope(true)
            .request_hook(|req| {
                if !req.headers().contains_key("authorization") {
                    let token = #krate::runtime::header::HeaderValue::from_static("Bearer token");
                    req.headers_mut().insert("authorization", token);
                }
            })
        },
        ClientKind::AuthingAuthentication => quote! {
            .app_id("62a8ef0e5a7bd8b1bf8e1234")
            .access_token("user-access-token")
            .raw_envelope(true)
        },
        ClientKind::Generic => {
            let values = Credentials {
                token: "bearer-token",
                user: "user",
                password: "password",
                key: "api-key",
            };
            let each = api
                .security_schemes
                .iter()
                .filter_map(|s| credential_call(surface, &s.name.wire, &values));
            quote!(#(#each)*)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_harness_sends_every_operation_with_its_examples_call() {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/management.yaml");
        let doc = crate::load_file(std::path::Path::new(spec)).unwrap();
        let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        let surface = Surface::new(&api);
        let files = harness_crate(&surface, "generated-client", "../generated-client");
        let manifest = &files["Cargo.toml"];
        assert!(manifest.contains("generated-client = { path = \"../generated-client\" }"));
        let main = &files["src/main.rs"];
        syn::parse_file(main).expect("the harness parses");
        assert_eq!(main.matches("\n    report(").count(), api.operations.len());
        assert!(main.contains(".access_key_id(") && main.contains(".raw_envelope(true)"));
        let snippets = super::super::snippets(&surface);
        let update = surface
            .ops
            .iter()
            .position(|o| o.method == "update_profile");
        let snippet = snippets.get(update.unwrap()).unwrap();
        let call = ".update_profile(&types::UpdateUserProfileDto::new().with_name(\"Zhang San\")";
        assert!(snippet.contains(call), "{snippet}");
        let bare = |text: &str| text.split_whitespace().collect::<String>();
        let sent = bare(&call.replace("&types::", "&generated_client::types::"));
        assert!(bare(main).contains(&sent), "{main}");
        // An operation whose page shows no example is sent all the same.
        let phone = ".update_phone(&generated_client::types::UpdatePhoneDto::new(";
        assert!(bare(main).contains(phone));
    }

    #[test]
    fn a_generic_harness_gives_each_scheme_its_typed_credential() {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/features/security.yaml");
        let doc = crate::load_file(std::path::Path::new(spec)).unwrap();
        let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        let surface = Surface::new(&api);
        let main = &harness_crate(&surface, "security", "../security")["src/main.rs"];
        for call in [
            ".bearer(\"bearer-token\")",
            ".basic_auth(\"user\", \"password\")",
            ".header_key(\"api-key\")",
            ".query_key(\"api-key\")",
            ".cookie_key(\"api-key\")",
            ".oauth(\"bearer-token\")",
        ] {
            assert!(main.contains(call), "{call} missing from\n{main}");
        }
    }
}
