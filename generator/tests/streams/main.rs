//! Large bodies and server-sent events through the code generated from
//! `tests/features/streams.yaml` (its snapshots, kept equal to the generator's output by
//! `tests/features.rs`), against streaming servers on loopback. Peak memory is measured in a
//! child process that runs only the client (see `rss.rs`).
#![allow(unexpected_cfgs)]

pub use sdk_runtime as runtime;

mod api;
mod bodies;
mod events;
mod rss;
mod server;
