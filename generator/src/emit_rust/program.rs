//! The crate docs' complete program: a tokio `main` that builds the client (base URL,
//! credentials, timeout), makes the [`Quickstart`](crate::surface::Quickstart) call and matches
//! on the error. Also written as an example target, so that it is compiled.

use super::example::{auth_calls, call, module_paths};
use super::ty::tokens_under;
use crate::model::{ClientKind, Operation};
use crate::surface::sample::{sample, Direction};
use crate::surface::{Example, Read, Returns, RustType, Surface};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The program's items, calling operation `index` with `example`'s values.
pub fn program(surface: &Surface, index: usize, example: &Example) -> TokenStream {
    let api = surface.api;
    let krate = format_ident!("{}", api.client.crate_ident);
    let client = format_ident!("{}", api.client.name);
    let base = base_url_call(api);
    let auth = auth_calls(surface);
    let (call, deprecated) = call(surface, index, example);
    let allow = deprecated.then(|| quote!(#[allow(deprecated)]));
    let ok = if surface.ops[index].returns.ty() == RustType::Unit {
        quote!(Ok(()) => println!("done"),)
    } else {
        quote!(Ok(response) => println!("{response:?}"),)
    };
    let authing = matches!(
        api.client.kind,
        ClientKind::AuthingManagement | ClientKind::AuthingAuthentication
    );
    let business = authing.then(|| {
        quote! {
            Err(Error::Business { status_code, message, .. }) => {
                eprintln!("refused ({status_code}): {message}")
            }
        }
    });
    let main = quote! {
        #allow
        #[tokio::main]
        async fn main() -> Result<(), Error> {
            let client = #client::builder()
                #base
                #auth
                .timeout(Duration::from_secs(30))
                .build()?;
            match #call.await {
                #ok
                Err(Error::Status { status, body, .. }) => {
                    eprintln!("the server answered {status}: {body}")
                }
                #business
                Err(Error::Timeout { after }) => eprintln!("no answer within {after:?}"),
                Err(other) => return Err(other),
            }
            Ok(())
        }
    };
    let (main, modules) = module_paths(main, &krate);
    quote! {
        use std::time::Duration;
        use #krate::{#(#modules,)* #client, Error};
        #main
    }
}

/// `examples/<name>.rs`: the program as the crate docs show it.
pub fn program_file(program: &str) -> String {
    format!(
        "{}#![cfg_attr(rustfmt, rustfmt::skip)]\n\
         //! The crate docs' complete program, compiled by the test command; running it needs real\n\
         //! credentials.\n\
         \n{program}",
        super::HEADER
    )
}

/// The crate docs' section that shows the program.
pub fn program_doc(program: &str) -> String {
    format!(
        "\n# A complete program\n\n\
         With `tokio` (features `macros` and `rt-multi-thread`) among your dependencies:\n\n\
         ```no_run\n{program}```\n\n\
         Every method's docs show its own call, and [`Error`] lists what can go wrong.\n"
    )
}

/// The `mock` module's complete test: the program's call answered by a mock (after a `503` that
/// is retried, when the call is idempotent), checked against the answer and read back.
pub fn mock_test(surface: &Surface, index: usize, example: &Example) -> TokenStream {
    let api = surface.api;
    let (op, shape) = (&api.operations[index], &surface.ops[index]);
    let krate = format_ident!("{}", api.client.crate_ident);
    let client = format_ident!("{}", api.client.name);
    let op_ty = format_ident!("{}", shape.builder);
    let base = base_url_call(api);
    let auth = auth_calls(surface);
    let (call, deprecated) = call(surface, index, example);
    let allow = deprecated.then(|| quote!(#[allow(deprecated)]));
    let output = tokens_under(&shape.returns.ty(), &quote!(#krate));
    let answer = answer(surface, op, &shape.returns, &krate);
    let retry = op.method.is_idempotent();
    let busy = retry.then(|| quote!(.then_status(503, "busy")));
    let sent = proc_macro2::Literal::usize_unsuffixed(if retry { 2 } else { 1 });
    let main = quote! {
        #allow
        #[tokio::main]
        async fn main() -> Result<(), Error> {
            let answer: #output = #answer;
            let mock = Mock::new().on(mock::#op_ty::any() #busy .then_ok(answer.clone()));
            let client = #client::builder()
                #base
                #auth
                .mock(&mock)
                .build()?;
            let response = #call.await?;
            assert_eq!(response, answer);
            let calls = mock.calls::<mock::#op_ty>();
            assert_eq!(calls.len(), #sent);
            println!("{:?}", calls[0]);
            Ok(())
        }
    };
    let (main, modules) = module_paths(main, &krate);
    quote! {
        use #krate::mock::{self, Mock};
        use #krate::{#(#modules,)* #client, Error};
        #main
    }
}

/// A value of the operation's result: its first success body, sampled from the spec.
fn answer(surface: &Surface, op: &Operation, returns: &Returns, krate: &Ident) -> TokenStream {
    let value = |response: usize, read: Read| {
        let Some(body) = &op.responses[response].body else {
            return quote!(Default::default());
        };
        match read {
            Read::Bytes => quote!(b"...".to_vec()),
            Read::Text => quote!(String::from("...")),
            Read::Events { .. } => quote!(String::from("data: ...\n\n")),
            Read::Json => {
                let json = sample(surface.api, &body.ty, None, Direction::Response);
                let text = json_literal(&json);
                quote!(serde_json::from_str(#text).expect("a valid body"))
            }
        }
    };
    match returns {
        Returns::Unit => quote!(()),
        Returns::Body(body) => value(body.response, body.read),
        Returns::Enum(e) => {
            let name = format_ident!("{}", e.name);
            let Some(first) = e.variants.first() else {
                return quote!(unreachable!());
            };
            let variant = format_ident!("{}", first.ident);
            match &first.body {
                Some((_, read)) => {
                    let value = value(first.response, *read);
                    quote!(#krate::types::#name::#variant(#value))
                }
                None => quote!(#krate::types::#name::#variant),
            }
        }
    }
}

/// `json`, pretty, as a raw string literal (with enough `#`s that the text cannot end it).
fn json_literal(json: &serde_json::Value) -> proc_macro2::Literal {
    let text = serde_json::to_string_pretty(json).unwrap_or_default();
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let raw = format!("r{hashes}\"{text}\"{hashes}");
    raw.parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(&text))
}

/// `examples/<name>.rs`: the `mock` module's complete test, compiled with `test-util`.
pub fn mock_test_file(program: &str) -> String {
    format!(
        "{}#![cfg_attr(rustfmt, rustfmt::skip)]\n\
         //! The `mock` module's complete test, compiled by the test command with `test-util`.\n\
         \n{program}",
        super::HEADER
    )
}

/// `.base_url(..)` on the builder, with the spec's URL; none for Authing's authentication
/// client, whose builder takes the app host instead.
fn base_url_call(api: &crate::model::Api) -> Option<TokenStream> {
    (api.client.kind != ClientKind::AuthingAuthentication).then(|| {
        let url = api.base_url.as_deref().unwrap_or("https://api.example.com");
        quote!(.base_url(#url))
    })
}

#[cfg(test)]
mod tests {
    use crate::surface::Surface;

    fn program_of(path: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let doc = crate::load_file(&path).unwrap();
        let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        let surface = Surface::new(&api);
        super::super::snippets(&surface).quickstart.unwrap()
    }

    #[test]
    fn a_generic_program_sets_base_url_credential_and_timeout_and_matches_errors() {
        let program = program_of("tests/features/security.yaml");
        for part in [
            "#[tokio::main]",
            "async fn main() -> Result<(), Error>",
            ".base_url(\"",
            ".bearer(\"YOUR_TOKEN\")",
            ".timeout(Duration::from_secs(30))",
            "Err(Error::Status { status, body, .. })",
            "Err(Error::Timeout { after })",
            "Err(other) => return Err(other),",
        ] {
            assert!(program.contains(part), "{part} missing from\n{program}");
        }
        assert!(!program.contains("Business"), "{program}");
    }

    #[test]
    fn an_authing_program_matches_business_errors() {
        let program = program_of("../spec/management.yaml");
        assert!(program.contains(".access_key_secret("), "{program}");
        assert!(program.contains("Err(Error::Business {"), "{program}");
    }
}
