//! The client runtime against real HTTP servers on loopback (see `tests/support/server.rs`).
#![deny(missing_docs)]

#[path = "../../runtime/mod.rs"]
pub mod runtime;
#[path = "../support/mod.rs"]
mod support;

mod authing;
mod encoding;
mod errors;
mod faults;
mod hygiene;
mod tokens;
