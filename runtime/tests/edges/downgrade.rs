//! A redirect from HTTPS to plain HTTP is refused: an HTTPS server on loopback, trusted through
//! `add_root_certificate`, answers 302 to an HTTP server that must receive nothing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sdk_runtime::{Certificate, Error, GenericBuilder, Method, RedirectRefusal, Request, Runtime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto, ServerConfig};
use tokio_rustls::TlsAcceptor;

use crate::guard;

/// An HTTP server on loopback that counts the connections it accepts.
async fn plain_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/landing", listener.local_addr().unwrap());
    let reached = Arc::new(AtomicUsize::new(0));
    let count = reached.clone();
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            let _ = conn.write_all(ok).await;
        }
    });
    (url, reached)
}

/// An HTTPS server on loopback, with a certificate for 127.0.0.1 signed by itself, that answers
/// every request with a 302 to `location`; its URL and the certificate to trust.
async fn redirecting_tls_server(location: String) -> (String, Certificate) {
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
    let config = ServerConfig::builder_with_provider(Arc::new(crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            let Ok(mut tls) = acceptor.accept(conn).await else {
                continue;
            };
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match tls.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let answer = format!(
                "HTTP/1.1 302 Found\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
            let _ = tls.write_all(answer.as_bytes()).await;
            let _ = tls.shutdown().await;
        }
    });
    let root = Certificate::from_pem(made.cert.pem().as_bytes()).unwrap();
    (url, root)
}

#[tokio::test]
async fn a_redirect_from_https_to_http_is_refused_and_the_http_server_gets_nothing() {
    let (landing, reached) = plain_server().await;
    let (base, root) = redirecting_tls_server(landing).await;
    let rt = GenericBuilder::<Runtime>::new(&[], Some(&base))
        .add_root_certificate(root)
        .build()
        .unwrap();

    let outcome = guard(rt.execute(Request::new(Method::GET, "/download"))).await;

    match outcome {
        Err(Error::Redirect {
            refused: RedirectRefusal::Downgrade,
            status: 302,
        }) => {}
        other => panic!("expected the downgrade to be refused, got {other:?}"),
    }
    assert_eq!(
        reached.load(Ordering::SeqCst),
        0,
        "the HTTP server was reached"
    );
}
