//! Authing management tokens: fetching, caching, single-flight refresh, 401 handling and failures.

use std::time::Duration;

use serde_json::{json, Value};

use crate::runtime::{Error, RetryPolicy};
use crate::support::*;

#[tokio::test]
async fn management_token_is_fetched_once_and_sent_with_authing_headers() {
    let token = jwt(json!({"scoped_userpool_id": "pool-from-jwt"}));
    let issued = token.clone();
    let server = Server::start(move |req, _| match req.path() {
        TOKEN_PATH => reply_json(
            200,
            json!({"statusCode": 200, "data": {"access_token": issued, "expires_in": 7200}}),
        ),
        _ => ok_envelope(),
    })
    .await;
    let client = management(&server).lang("en-US").build().unwrap();
    for _ in 0..3 {
        let resp = guard(client.update_phone(&phone())).await.unwrap();
        assert_eq!((resp.status_code, resp.message.as_str()), (200, "ok"));
    }
    let token_calls = server.seen(TOKEN_PATH);
    assert_eq!(token_calls.len(), 1);
    let sent: Value = serde_json::from_slice(&token_calls[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"accessKeyId": "kid", "accessKeySecret": "ksecret-value"})
    );
    assert_eq!(token_calls[0].header("authorization"), None);
    let calls = server.seen("/api/v3/update-phone");
    assert_eq!(calls.len(), 3);
    let call = &calls[2];
    assert_eq!(
        call.header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
    assert_eq!(call.header("x-authing-userpool-id"), Some("pool-from-jwt"));
    assert_eq!(
        call.header("x-authing-sdk-version"),
        Some(concat!("rust:", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(call.header("x-authing-lang"), Some("en-US"));
    assert_eq!(call.header("x-authing-request-from"), Some("sdk-rust"));
    assert_eq!(
        serde_json::from_slice::<Value>(&call.body).unwrap(),
        json!({"phone": "+86 188"})
    );
}

#[tokio::test]
async fn builder_userpool_id_wins_over_the_token_claim() {
    let token = jwt(json!({"scoped_userpool_id": "pool-from-jwt"}));
    let server = Server::start(move |req, _| match req.path() {
        TOKEN_PATH => reply_json(
            200,
            json!({"statusCode": 200, "data": {"access_token": token, "expires_in": 7200}}),
        ),
        _ => ok_envelope(),
    })
    .await;
    let client = management(&server).userpool_id("mine").build().unwrap();
    guard(client.update_phone(&phone())).await.unwrap();
    assert_eq!(
        server.seen("/api/v3/update-phone")[0].header("x-authing-userpool-id"),
        Some("mine")
    );
}

#[tokio::test]
async fn hundred_calls_at_expiry_share_one_token_request() {
    let server = Server::start(authing(0, |_, _| ok_envelope())).await;
    let client = management(&server).build().unwrap();
    guard(client.update_phone(&phone())).await.unwrap();
    assert_eq!(
        server.seen(TOKEN_PATH).len(),
        1,
        "first token, already stale"
    );
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { client.update_phone(&phone()).await });
    }
    while let Some(done) = guard(calls.join_next()).await {
        done.unwrap().unwrap();
    }
    assert_eq!(
        server.seen(TOKEN_PATH).len(),
        2,
        "exactly one refresh for 100 calls"
    );
    let api = server.seen("/api/v3/update-phone");
    assert_eq!(api.len(), 101);
    assert!(api[1..]
        .iter()
        .all(|c| c.header("authorization") == Some("Bearer tok-1")));
}

#[tokio::test]
async fn unauthorized_drops_the_token_and_retries_once() {
    let server = Server::start(authing(7200, |_, nth| {
        if nth == 0 {
            reply_json(401, json!({}))
        } else {
            ok_envelope()
        }
    }))
    .await;
    let client = management(&server).build().unwrap();
    guard(client.update_phone(&phone())).await.unwrap();
    assert_eq!(server.seen(TOKEN_PATH).len(), 2);
    let api = server.seen("/api/v3/update-phone");
    assert_eq!(api.len(), 2);
    assert_eq!(api[1].header("authorization"), Some("Bearer tok-1"));

    let refused = Server::start(authing(7200, |_, _| {
        reply_json(401, json!({"message": "no"}))
    }))
    .await;
    let client = management(&refused).build().unwrap();
    let err = guard(client.update_phone(&phone())).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(
        refused.seen("/api/v3/update-phone").len(),
        2,
        "one retry, not a loop"
    );
}

#[tokio::test]
async fn token_endpoint_errors_surface() {
    let server = Server::start(|_, _| {
        reply_json(
            200,
            json!({"statusCode": 403, "apiCode": 1, "message": "bad key"}),
        )
    })
    .await;
    let client = management(&server).raw_envelope(true).build().unwrap();
    let err = guard(client.update_phone(&phone())).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Business {
                status_code: 403,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_failing_token_endpoint_fails_every_waiting_call_once() {
    let server = Server::start(|req, nth| match (req.path(), nth) {
        (TOKEN_PATH, 0) => Reply::After(
            Duration::from_millis(100),
            Box::new(reply_json(500, json!({"message": "down"}))),
        ),
        (TOKEN_PATH, _) => reply_json(
            200,
            json!({"statusCode": 200, "data": {"access_token": "tok-1", "expires_in": 7200.0}}),
        ),
        _ => ok_envelope(),
    })
    .await;
    let client = management(&server).build().unwrap();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { client.update_phone(&phone()).await });
    }
    while let Some(done) = guard(calls.join_next()).await {
        let err = done.unwrap().unwrap_err();
        assert_eq!(err.status(), Some(500), "{err:?}");
    }
    assert_eq!(
        server.seen(TOKEN_PATH).len(),
        1,
        "the waiting calls shared one failure"
    );
    assert!(server.seen("/api/v3/update-phone").is_empty());

    guard(client.update_phone(&phone())).await.unwrap();
    guard(client.update_phone(&phone())).await.unwrap();
    assert_eq!(
        server.seen(TOKEN_PATH).len(),
        2,
        "a later call tries again, and a float lifetime is cached"
    );
}

#[tokio::test]
async fn token_request_failures_are_typed() {
    let server = Server::start(|req, _| match req.path() {
        "/stall/api/v3/get-management-token" => Reply::Stall,
        "/html/api/v3/get-management-token" => Reply::Send(
            502,
            vec![("content-type", "text/html".into())],
            "<html>bad gateway</html>".into(),
        ),
        _ => reply_json(
            200,
            json!({"statusCode": 200, "data": {"access_token": "tok-secret", "expires_in": "7200"}}),
        ),
    })
    .await;
    let client = |prefix: &str| {
        management(&server)
            .base_url(format!("{}{prefix}", server.url))
            .timeout(Duration::from_millis(200))
            .retry(RetryPolicy::none())
            .build()
            .unwrap()
    };
    let err = guard(client("/stall").update_phone(&phone()))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    let err = guard(client("/html").update_phone(&phone()))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502), "{err:?}");
    match guard(client("/typed").update_phone(&phone())).await {
        Err(err @ Error::Decode { .. }) => {
            let shown = format!("{err:?} {err}");
            assert!(shown.contains("data.expires_in"), "{shown}");
            assert!(
                !shown.contains("tok-secret"),
                "the token is masked: {shown}"
            );
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn the_token_request_keeps_the_builder_timeout_under_a_per_call_one() {
    let server = Server::start(|req, _| match req.path() {
        TOKEN_PATH => Reply::After(
            Duration::from_secs(1),
            Box::new(reply_json(
                200,
                json!({"statusCode": 200, "data": {"access_token": "tok", "expires_in": 7200}}),
            )),
        ),
        _ => ok_envelope(),
    })
    .await;
    let client = management(&server).build().unwrap();
    let hurried = client.with_timeout(Duration::from_millis(500));
    guard(hurried.update_phone(&phone()))
        .await
        .expect("the slow token request had the client's 5 s");
}
