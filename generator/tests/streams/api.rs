//! The generated crate of `tests/features/streams.yaml`, as its `lib.rs` lays it out.
#![allow(dead_code)]

#[path = "../features/streams/client.rs"]
mod client;
#[path = "../features/streams/requests.rs"]
pub mod requests;
pub use super::runtime;

#[path = "../features/streams/types.rs"]
pub mod types;
pub use client::StreamsClient;

/// A client of the server at `base_url`.
pub fn client(base_url: &str) -> StreamsClient {
    StreamsClient::builder()
        .base_url(base_url)
        .build()
        .expect("a valid client")
}
