//! Shared pieces of the benchmarks: a counting allocator and a loopback HTTP server.

pub mod alloc;
pub mod server;
