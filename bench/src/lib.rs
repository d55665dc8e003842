//! Shared pieces of the benchmarks: a counting allocator, a loopback HTTP server and the
//! synthetic scale spec.

pub mod alloc;
pub mod server;
pub mod synth;
