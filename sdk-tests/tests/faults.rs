//! Injected faults through the generated `ManagementClient`, against servers on loopback
//! (wiremock where it can express the fault, the hand-rolled server where it cannot).
//! Every case must end in success or a typed error, never a panic or a hang.

#[path = "../../runtime/tests/support/server.rs"]
mod server;

use std::future::IntoFuture;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use generated_client::runtime::{RetryPolicy, TransportKind};
use generated_client::types::{GetSecurityInfoRespDto, UpdatePhoneDto};
use generated_client::{Error, ManagementClient};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN_PATH: &str = "/api/v3/get-management-token";
const SECURITY_PATH: &str = "/api/v3/get-security-info";
const PHONE_PATH: &str = "/api/v3/update-phone";

/// Fails the test instead of hanging.
async fn guard<T>(fut: impl IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), fut.into_future())
        .await
        .expect("the call hung")
}

/// Issues `tok-0`, `tok-1`, … (after 50 ms); the first lives `first_expiry` seconds, the rest 7200.
struct TokenIssuer {
    issued: AtomicUsize,
    first_expiry: u64,
}

impl Respond for TokenIssuer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst);
        let expires_in = if n == 0 { self.first_expiry } else { 7200 };
        let data = json!({"access_token": format!("tok-{n}"), "expires_in": expires_in});
        ResponseTemplate::new(200)
            .set_body_json(json!({"statusCode": 200, "message": "ok", "data": data}))
            .set_delay(Duration::from_millis(50))
    }
}

async fn authing(first_expiry: u64) -> MockServer {
    let server = MockServer::start().await;
    let issuer = TokenIssuer {
        issued: AtomicUsize::new(0),
        first_expiry,
    };
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(issuer)
        .mount(&server)
        .await;
    server
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(10),
        retry_non_idempotent: false,
    }
}

fn client_at(url: &str) -> ManagementClient {
    ManagementClient::builder()
        .base_url(url)
        .access_key_id("ak-id")
        .access_key_secret("ak-secret")
        .userpool_id("pool-1")
        .timeout(Duration::from_secs(5))
        .retry(fast_retry())
        .build()
        .expect("client builds")
}

fn security_info() -> Value {
    json!({"statusCode": 200, "message": "ok", "data": {
        "passwordSecurityLevel": 1, "mfaEnrolled": false, "passwordSet": true,
        "emailBinded": true, "phoneBinded": false, "securityScore": 60
    }})
}

fn phone() -> UpdatePhoneDto {
    UpdatePhoneDto::new("phone-token")
}

/// An Authing server whose `get-security-info` answers with `template`.
async fn security_answers(template: ResponseTemplate) -> MockServer {
    let server = authing(7200).await;
    answer(&server, SECURITY_PATH, template).await;
    server
}

/// The hand-rolled server: a token on the token path, `api()` on every other path.
async fn misbehaving(api: fn() -> server::Reply) -> server::Server {
    server::Server::start(move |req, _| match req.path() {
        TOKEN_PATH => server::reply_json(
            200,
            json!({"statusCode": 200, "data": {"access_token": "tok", "expires_in": 7200}}),
        ),
        _ => api(),
    })
    .await
}

async fn answer(server: &MockServer, at: &str, template: ResponseTemplate) {
    Mock::given(path(at))
        .respond_with(template)
        .mount(server)
        .await;
}

async fn hits(server: &MockServer, at: &str) -> usize {
    let seen = server.received_requests().await.unwrap_or_default();
    seen.iter().filter(|r| r.url.path() == at).count()
}

async fn security(client: &ManagementClient) -> generated_client::Result<GetSecurityInfoRespDto> {
    guard(client.get_security_level()).await
}

#[tokio::test]
async fn connection_reset_and_refused_are_transport_errors() {
    let server = misbehaving(|| server::Reply::Reset).await;
    match security(&client_at(&server.url)).await {
        Err(Error::Transport { kind, .. }) => assert_ne!(kind, TransportKind::Connect),
        other => panic!("expected a transport error, got {other:?}"),
    }
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    match security(&client_at(&url)).await {
        Err(Error::Transport { kind, .. }) => assert_eq!(kind, TransportKind::Connect),
        other => panic!("expected a connect error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stall_past_the_timeout_is_a_timeout_error() {
    let stall = ResponseTemplate::new(200)
        .set_body_json(security_info())
        .set_delay(Duration::from_secs(30));
    let server = security_answers(stall).await;
    let short = client_at(&server.uri()).with_timeout(Duration::from_millis(300));
    let err = security(&short).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(
        hits(&server, SECURITY_PATH).await,
        1,
        "timeouts are not retried"
    );

    let body_stall = misbehaving(|| server::Reply::StallBody).await;
    let short = client_at(&body_stall.url).with_timeout(Duration::from_millis(300));
    let err = security(&short).await.unwrap_err();
    assert!(
        err.is_timeout(),
        "a body that stops coming times out: {err:?}"
    );
}

#[tokio::test]
async fn a_503_then_success_is_retried_for_idempotent_calls_only() {
    let server = authing(7200).await;
    Mock::given(method("GET"))
        .and(path(SECURITY_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer(
        &server,
        SECURITY_PATH,
        ResponseTemplate::new(200).set_body_json(security_info()),
    )
    .await;
    let client = client_at(&server.uri());
    let info = security(&client).await.expect("the retry succeeds");
    assert_eq!(info.data.security_score, 60.0);
    assert_eq!(hits(&server, SECURITY_PATH).await, 2);

    Mock::given(path(PHONE_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer(
        &server,
        PHONE_PATH,
        ResponseTemplate::new(200).set_body_json(json!({"statusCode": 200, "message": "ok"})),
    )
    .await;
    let err = guard(client.update_phone(&phone())).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(503),
        "POST is not retried by default: {err:?}"
    );
    assert_eq!(hits(&server, PHONE_PATH).await, 1);
}

#[tokio::test]
async fn an_html_body_on_502_is_a_status_error_with_the_body() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let gateway = ResponseTemplate::new(502)
        .insert_header("content-type", "text/html")
        .insert_header("x-request-id", "req-502")
        .set_body_string(html);
    let server = security_answers(gateway).await;
    let err = security(&client_at(&server.uri())).await.unwrap_err();
    assert_eq!(
        hits(&server, SECURITY_PATH).await,
        3,
        "502 is retried, then given up"
    );
    assert_eq!(err.request_id(), Some("req-502"));
    assert!(
        err.decode_body::<Value>().is_none(),
        "HTML is no typed error body"
    );
    match err {
        Error::Status { status, body, .. } => assert_eq!((status, body.as_str()), (502, html)),
        other => panic!("expected Status, got {other:?}"),
    }
}

#[tokio::test]
async fn truncated_json_and_wrong_types_are_decode_errors() {
    let truncated = r#"{"statusCode":200,"message":"ok","data":{"securityScore":6"#;
    let template = ResponseTemplate::new(200).set_body_raw(truncated, "application/json");
    let server = security_answers(template).await;
    match security(&client_at(&server.uri())).await {
        Err(Error::Decode {
            snippet, message, ..
        }) => {
            assert_eq!(snippet, truncated);
            assert!(message.contains("EOF"), "{message}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }

    let mut wrong = security_info();
    wrong["data"]["phoneBinded"] = json!("no");
    wrong["requestId"] = json!("req-wrong");
    let server = security_answers(ResponseTemplate::new(200).set_body_json(wrong)).await;
    match security(&client_at(&server.uri())).await {
        Err(Error::Decode {
            path, request_id, ..
        }) => {
            assert_eq!(path, "data.phoneBinded");
            assert_eq!(request_id.as_deref(), Some("req-wrong"));
        }
        other => panic!("expected Decode, got {other:?}"),
    }

    let cut = misbehaving(|| server::Reply::Cut(r#"{"statusCode":200,"mess"#.into())).await;
    match security(&client_at(&cut.url)).await {
        Err(Error::Transport { kind, .. }) => assert_eq!(kind, TransportKind::Io),
        other => panic!("a body cut short by the server is a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_401_drops_the_token_and_retries_once_with_a_fresh_one() {
    let server = authing(7200).await;
    Mock::given(path(SECURITY_PATH))
        .and(header("authorization", "Bearer tok-0"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(path(SECURITY_PATH))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(security_info()))
        .mount(&server)
        .await;
    let client = client_at(&server.uri());
    security(&client).await.expect("the second token works");
    security(&client).await.expect("and is kept");
    assert_eq!(hits(&server, TOKEN_PATH).await, 2);
    assert_eq!(hits(&server, SECURITY_PATH).await, 3);

    let refused = authing(7200).await;
    answer(&refused, SECURITY_PATH, ResponseTemplate::new(401)).await;
    let err = security(&client_at(&refused.uri())).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(
        hits(&refused, SECURITY_PATH).await,
        2,
        "one retry, not a loop"
    );
}

#[tokio::test]
async fn hundred_concurrent_calls_at_token_expiry_make_one_token_request() {
    let server = authing(0).await;
    let ok = ResponseTemplate::new(200).set_body_json(security_info());
    answer(&server, SECURITY_PATH, ok).await;
    let client = client_at(&server.uri());
    security(&client)
        .await
        .expect("warm-up with a token that is already stale");
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { client.get_security_level().await });
    }
    while let Some(done) = guard(calls.join_next()).await {
        done.expect("no panic").expect("the call succeeds");
    }
    assert_eq!(
        hits(&server, TOKEN_PATH).await,
        2,
        "one refresh for 100 calls"
    );
    let seen = server.received_requests().await.unwrap_or_default();
    let bearers: Vec<_> = seen
        .iter()
        .filter(|r| r.url.path() == SECURITY_PATH)
        .skip(1)
        .filter_map(|r| r.headers.get("authorization"))
        .collect();
    assert_eq!(bearers.len(), 100);
    assert!(bearers.iter().all(|v| *v == "Bearer tok-1"));
}

#[tokio::test]
async fn a_failing_token_endpoint_fails_the_waiting_calls_with_one_request() {
    let server = MockServer::start().await;
    let down = ResponseTemplate::new(500)
        .set_body_json(json!({"message": "down"}))
        .set_delay(Duration::from_millis(100));
    answer(&server, TOKEN_PATH, down).await;
    let client = client_at(&server.uri());
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { client.get_security_level().await });
    }
    while let Some(done) = guard(calls.join_next()).await {
        let err = done.expect("no panic").unwrap_err();
        assert_eq!(err.status(), Some(500), "{err:?}");
    }
    assert_eq!(hits(&server, TOKEN_PATH).await, 1);
    assert_eq!(hits(&server, SECURITY_PATH).await, 0);
}

#[tokio::test]
async fn a_business_error_envelope_is_a_typed_error_unless_raw() {
    let server = authing(7200).await;
    let envelope = json!({"statusCode": 403, "apiCode": 2004, "message": "no permission", "requestId": "req-biz"});
    answer(
        &server,
        PHONE_PATH,
        ResponseTemplate::new(200).set_body_json(envelope),
    )
    .await;
    match guard(client_at(&server.uri()).update_phone(&phone())).await {
        Err(Error::Business {
            status_code,
            api_code,
            message,
            request_id,
        }) => {
            assert_eq!((status_code, api_code), (403, Some(2004)));
            assert_eq!(
                (message.as_str(), request_id.as_deref()),
                ("no permission", Some("req-biz"))
            );
        }
        other => panic!("expected Business, got {other:?}"),
    }
    let raw = ManagementClient::builder()
        .base_url(server.uri())
        .access_key_id("ak-id")
        .access_key_secret("ak-secret")
        .raw_envelope(true)
        .build()
        .unwrap();
    let kept = guard(raw.update_phone(&phone()))
        .await
        .expect("raw mode keeps the envelope");
    assert_eq!((kept.status_code, kept.api_code), (403.0, Some(2004.0)));
}
