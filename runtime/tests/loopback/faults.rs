//! Retries, timeouts and broken connections.

use std::time::Duration;

use serde_json::json;
use tokio::net::TcpListener;

use crate::runtime::{Error, GenericBuilder, Method, Request, RetryPolicy, Runtime, TransportKind};
use crate::support::*;

#[tokio::test]
async fn overloaded_idempotent_calls_are_retried() {
    let server = Server::start(|_, nth| {
        if nth == 0 {
            reply_json(503, json!({}))
        } else {
            reply_json(200, json!({"ok": true}))
        }
    })
    .await;
    let rt = generic(&server).build().unwrap();
    assert_eq!(
        guard(get(&rt, "/flaky")).await.unwrap(),
        json!({"ok": true})
    );
    assert_eq!(server.seen("/flaky").len(), 2);

    let post = |path| Request::new(Method::POST, path).text("x");
    let err = guard(rt.execute(post("/post"))).await.unwrap_err();
    assert_eq!(
        (err.status(), server.seen("/post").len()),
        (Some(503), 1),
        "POST is not retried by default"
    );
    let eager = rt.with_retry(RetryPolicy {
        retry_non_idempotent: true,
        ..fast_retry()
    });
    guard(eager.execute(post("/post2"))).await.unwrap();
    assert_eq!(server.seen("/post2").len(), 2);
    assert_eq!(
        server.seen("/post2")[1].body_text(),
        "x",
        "the body is sent again"
    );
}

#[tokio::test]
async fn retry_after_is_honoured_and_retries_run_out() {
    let busy = || Reply::Send(429, vec![("retry-after", "0".into())], "slow down".into());
    let server = Server::start(move |req, nth| match (req.path(), nth) {
        ("/once", 0) | ("/always", _) => busy(),
        _ => reply_json(200, json!(1)),
    })
    .await;
    // Retry-After: 0 is within max_delay (10 ms here); a longer one ends the call at once.
    let rt = generic(&server).build().unwrap();
    assert_eq!(guard(get(&rt, "/once")).await.unwrap(), json!(1));
    assert_eq!(server.seen("/once").len(), 2);
    let err = guard(get(&rt, "/always")).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(
        server.seen("/always").len(),
        3,
        "first try and max_retries = 2"
    );
    let policy = RetryPolicy {
        max_delay: Duration::from_secs(30),
        ..fast_retry()
    };
    assert_eq!(
        policy.delay(0, Some(Duration::from_secs(3))),
        Duration::from_secs(3)
    );
}

#[tokio::test]
async fn stalled_server_times_out() {
    let server = Server::start(|req, _| {
        if req.path() == "/body" {
            Reply::StallBody
        } else {
            Reply::Stall
        }
    })
    .await;
    let short = Duration::from_millis(200);
    let rt = generic(&server).timeout(short).build().unwrap();
    let err = guard(get(&rt, "/stall")).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { after } if after == short),
        "{err:?}"
    );
    assert_eq!(server.seen("/stall").len(), 1, "timeouts are not retried");
    let err = guard(get(&rt, "/body")).await.unwrap_err();
    assert!(err.is_timeout(), "a stalled body times out too: {err:?}");

    let patient = generic(&server)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let err = guard(get(&patient.with_timeout(short), "/stall"))
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    let req = Request::new(Method::GET, "/stall").timeout(short);
    assert!(guard(patient.execute(req)).await.unwrap_err().is_timeout());
}

#[tokio::test]
async fn per_call_timeout_on_a_generated_client() {
    let server = Server::start(authing(7200, |_, _| Reply::Stall)).await;
    let client = management(&server)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let err = guard(
        client
            .with_timeout(Duration::from_millis(200))
            .update_phone(&phone()),
    )
    .await
    .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn broken_connections_are_transport_errors() {
    let server = Server::start(|_, _| Reply::Reset).await;
    let rt = generic(&server).build().unwrap();
    match guard(get(&rt, "/reset")).await {
        Err(Error::Transport { kind, .. }) => assert_ne!(kind, TransportKind::Connect),
        other => panic!("expected Transport, got {other:?}"),
    }
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let rt: Runtime = GenericBuilder::new(&[], Some(&url))
        .retry(fast_retry())
        .build()
        .unwrap();
    let err = guard(get(&rt, "/")).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(std::error::Error::source(&err).is_some());
}
