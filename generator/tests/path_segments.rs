//! A path parameter that would climb out of its segment (`.` or `..`) stops a generated client's
//! call before it connects: the `tests/features/vendor/` snapshots (kept equal to the
//! generator's output by `tests/features.rs`) are compiled here as a crate would have them, and
//! called against a loopback server that counts its connections.
#![allow(dead_code, unexpected_cfgs)]

pub use sdk_runtime as runtime;
pub use sdk_runtime::{Error, Result};

/// The generated crate's modules.
mod features {
    pub mod vendor {
        mod client;
        pub mod requests;
        pub mod types;
        pub use client::VendorCertificatesClient;
    }
}

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use features::vendor::VendorCertificatesClient;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server that answers every request with a certificate, counting connections and keeping
/// the request lines.
async fn server() -> (String, Arc<AtomicUsize>, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v2", listener.local_addr().unwrap());
    let (count, lines) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(Mutex::new(Vec::new())),
    );
    let (counted, logged) = (count.clone(), lines.clone());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let line = String::from_utf8_lossy(&head)
                .lines()
                .next()
                .map(str::to_owned);
            logged.lock().unwrap().extend(line);
            let body = r#"{"id":"c1","domain":"d.example","created_at":"2026-01-01"}"#;
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    });
    (url, count, lines)
}

#[tokio::test]
async fn a_dot_segment_value_sends_nothing() {
    let (url, connections, lines) = server().await;
    let client = VendorCertificatesClient::builder()
        .base_url(url)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    for refused in ["..", "."] {
        let err = client.get_certificate(refused).await.unwrap_err();
        assert!(matches!(err, Error::Encode { .. }), "{err}");
        assert!(err.to_string().contains("certificate_id"), "{err}");
        let err = client.delete_certificate(refused).await.unwrap_err();
        assert!(matches!(err, Error::Encode { .. }), "{err}");
    }
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing was sent");

    client.get_certificate("%2e%2e").await.unwrap();
    client.get_certificate("a/../../me").await.unwrap();
    assert_eq!(
        *lines.lock().unwrap(),
        [
            "GET /v2/certificates/%252e%252e HTTP/1.1",
            "GET /v2/certificates/a%2F..%2F..%2Fme HTTP/1.1"
        ]
    );
}
