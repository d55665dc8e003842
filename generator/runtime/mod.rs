//! The hand-written HTTP runtime every generated client carries: requests, auth, retries, errors.
//!
//! Generated clients hold a [`Runtime`] and build one [`Request`] per operation;
//! [`Runtime::execute`] sends it with authentication, timeouts and retries, and
//! the [`Response`] decodes the body.

mod auth;
mod builder;
mod client;
mod error;
mod multipart;
mod params;
mod request;
mod response;
mod retry;
mod secret;

pub use auth::{ApiKeyLocation, SchemeDef, SchemeKind};
pub use builder::{AuthenticationBuilder, GenericBuilder, ManagementBuilder, RequestHook};
pub use client::Runtime;
pub use error::{Error, Result, TransportKind};
pub use multipart::Multipart;
pub use request::{Method, Request, Style};
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::{redact_option, Redacted, Secret};

/// Re-exported so hooks and callers can name reqwest's header types.
pub use reqwest::header;
/// The outgoing HTTP request a [`RequestHook`] may change.
pub use reqwest::Request as HttpRequest;

/// A client type that wraps a [`Runtime`]; the builders produce any such type.
pub trait FromRuntime {
    /// Wraps a ready runtime.
    fn from_runtime(rt: Runtime) -> Self;
}

impl FromRuntime for Runtime {
    fn from_runtime(rt: Runtime) -> Self {
        rt
    }
}
