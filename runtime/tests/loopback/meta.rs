//! Response metadata on success, and the cap on response bodies.

use serde_json::{json, Value};

use crate::runtime::{
    self, ApiResponse, Error, Method, Request, Runtime, DEFAULT_MAX_RESPONSE_BYTES,
};
use crate::support::*;

/// What the generator writes for the `_with_response` twin of an operation.
async fn get_with_response(
    rt: &Runtime,
    path: &'static str,
) -> runtime::Result<ApiResponse<Value>> {
    let resp = rt.execute(Request::new(Method::GET, path)).await?;
    let meta = resp.meta();
    let body = resp.json::<Value>().await?;
    Ok(ApiResponse::new(meta, body))
}

#[tokio::test]
async fn a_success_can_keep_its_status_headers_and_request_id() {
    let server = Server::start(|_, _| {
        let headers = vec![
            ("content-type", "application/json".to_owned()),
            ("x-request-id", "req-7".to_owned()),
            ("x-ratelimit-remaining", "41".to_owned()),
            ("set-cookie", "session=cookie-secret".to_owned()),
        ];
        Reply::Send(201, headers, r#"{"id":1}"#.into())
    })
    .await;
    let rt = generic(&server).build().unwrap();
    let resp = guard(get_with_response(&rt, "/things")).await.unwrap();
    assert_eq!((resp.status(), resp.request_id()), (201, Some("req-7")));
    assert_eq!(resp.headers()["x-ratelimit-remaining"], "41");
    assert_eq!(resp.body(), &json!({"id": 1}));
    assert_eq!(resp.meta().url(), format!("{}/things", server.url));
    let shown = format!("{resp:?}");
    assert!(
        shown.contains("req-7") && !shown.contains("cookie-secret"),
        "{shown}"
    );
    let (meta, body) = resp.clone().into_parts();
    assert_eq!(
        (meta.status(), meta.request_id(), body),
        (201, Some("req-7"), json!({"id": 1}))
    );
    assert_eq!(meta.headers()["set-cookie"], "session=cookie-secret");
    assert_eq!(resp.into_body(), json!({"id": 1}));
}

fn big(n: usize) -> String {
    format!("\"{}\"", "x".repeat(n - 2))
}

#[tokio::test]
async fn bodies_over_the_limit_are_an_error_with_or_without_content_length() {
    let server = Server::start(|req, _| match req.path() {
        "/sized" => Reply::Send(200, vec![("x-request-id", "r-big".to_owned())], big(1025)),
        "/streamed" => Reply::Chunked(big(1025), 100),
        "/exact" => Reply::Chunked(big(1024), 100),
        _ => Reply::Send(200, Vec::new(), big(1024)),
    })
    .await;
    let rt = generic(&server).max_response_bytes(1024).build().unwrap();
    let rt = &rt;
    let read = |path| async move {
        rt.execute(Request::new(Method::GET, path))
            .await?
            .text()
            .await
    };
    match guard(read("/sized")).await {
        Err(Error::BodyTooLarge { limit, request_id }) => {
            assert_eq!((limit, request_id.as_deref()), (1024, Some("r-big")));
        }
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
    let streamed = guard(read("/streamed")).await;
    assert!(
        matches!(streamed, Err(Error::BodyTooLarge { limit: 1024, .. })),
        "{streamed:?}"
    );
    assert_eq!(guard(read("/exact")).await.unwrap().len(), 1024);
    assert_eq!(guard(read("/exact-sized")).await.unwrap().len(), 1024);
    let raised = Request::new(Method::GET, "/streamed").max_response_bytes(2048);
    let body = guard(async { rt.execute(raised).await?.json::<String>().await }).await;
    assert_eq!(body.unwrap().len(), 1023);
}

#[tokio::test]
async fn the_default_limit_is_generous() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024 * 1024);
    let server = Server::start(|_, _| Reply::Chunked(big(4 << 20), 64 << 10)).await;
    let rt = generic(&server).build().unwrap();
    let body = guard(async {
        rt.execute(Request::new(Method::GET, "/x"))
            .await?
            .bytes()
            .await
    });
    assert_eq!(body.await.unwrap().len(), 4 << 20);
}
