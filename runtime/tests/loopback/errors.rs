//! Status errors (typed error bodies) and decode errors (path and snippet).

use serde::Deserialize;
use serde_json::json;

use crate::runtime::{Error, Method, Request, RetryPolicy};
use crate::support::*;

#[tokio::test]
async fn html_502_is_a_status_error_with_its_body() {
    let html = "<html><body>Bad gateway</body></html>";
    let headers = vec![
        ("content-type", "text/html".into()),
        ("x-request-id", "req-502".into()),
        ("set-cookie", "sid=s3cr3t".into()),
    ];
    let server = Server::start(move |_, _| Reply::Send(502, headers.clone(), html.into())).await;
    let rt = generic(&server).retry(RetryPolicy::none()).build().unwrap();
    let err = guard(get(&rt, "/gw")).await.unwrap_err();
    assert_eq!(err.request_id(), Some("req-502"));
    assert!(
        err.to_string().contains("502") && err.to_string().contains("Bad gateway"),
        "{err}"
    );
    assert!(
        !format!("{err:?}").contains("s3cr3t"),
        "cookies are hidden in Debug"
    );
    match err {
        Error::Status {
            status,
            body,
            headers,
            ..
        } => {
            assert_eq!((status, body.as_str()), (502, html));
            assert_eq!(headers.get("content-type").unwrap(), "text/html");
        }
        other => panic!("expected Status, got {other:?}"),
    }
}

#[tokio::test]
async fn typed_error_bodies_can_be_decoded() {
    #[derive(Deserialize)]
    struct Problem {
        code: String,
    }
    let server = Server::start(|_, _| reply_json(404, json!({"code": "missing"}))).await;
    let rt = generic(&server).build().unwrap();
    let err = guard(get(&rt, "/x")).await.unwrap_err();
    assert_eq!(err.decode_body::<Problem>().unwrap().code, "missing");
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Thing {
    data: Inner,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Inner {
    id: u32,
}

#[tokio::test]
async fn bad_json_is_a_decode_error_with_path_and_snippet() {
    let server = Server::start(|req, _| {
        let body = if req.path() == "/cut" {
            r#"{"data":{"id":1"#
        } else {
            r#"{"data":{"id":"seven"}}"#
        };
        Reply::Send(
            200,
            vec![("x-authing-request-id", "rid-9".into())],
            body.into(),
        )
    })
    .await;
    let rt = generic(&server).build().unwrap();
    let fetch = |path| {
        let rt = rt.clone();
        async move {
            rt.execute(Request::new(Method::GET, path))
                .await?
                .json::<Thing>()
                .await
        }
    };
    match guard(fetch("/cut")).await {
        Err(Error::Decode {
            snippet,
            request_id,
            message,
            ..
        }) => {
            assert_eq!(snippet, r#"{"data":{"id":1"#);
            assert_eq!(request_id.as_deref(), Some("rid-9"));
            assert!(message.contains("EOF"), "{message}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    match guard(fetch("/wrong")).await {
        Err(Error::Decode { path, snippet, .. }) => {
            assert_eq!(path, "data.id");
            assert!(snippet.starts_with(r#"{"data""#));
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}
