//! The client runtime against real HTTP servers on loopback (see `tests/support/server.rs`).
#![deny(missing_docs)]

pub use sdk_runtime as runtime;
#[path = "../support/mod.rs"]
mod support;

mod authing;
mod encoding;
mod errors;
mod faults;
mod hygiene;
mod meta;
mod pages;
mod tokens;
mod wrappers;
