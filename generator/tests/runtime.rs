//! The client runtime against real HTTP servers on loopback (a tiny hand-rolled HTTP/1.1 responder).
#![deny(missing_docs)]

#[path = "../runtime/mod.rs"]
pub mod runtime;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use runtime::{
    ApiKeyLocation, AuthenticationBuilder, Error, FromRuntime, GenericBuilder, ManagementBuilder,
    Method, Multipart, Request, RetryPolicy, Runtime, SchemeDef, SchemeKind, Secret, Style,
    TransportKind,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// ---- the server ----

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

enum Reply {
    Send(u16, Vec<(&'static str, String)>, String),
    /// Never answers.
    Stall,
    /// Sends the head and part of the body, then stalls.
    StallBody,
    /// Resets the connection after reading the request.
    Reset,
    After(Duration, Box<Reply>),
}

fn reply_json(status: u16, body: Value) -> Reply {
    Reply::Send(
        status,
        vec![("content-type", "application/json".into())],
        body.to_string(),
    )
}

type Handler = Arc<dyn Fn(&Seen, usize) -> Reply + Send + Sync>;

struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `handler(request, how many earlier requests had the same path)`.
    async fn start(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (handler, log): (Handler, _) = (Arc::new(handler), seen.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, handler.clone(), log.clone()));
            }
        });
        Server { url, seen }
    }

    fn seen(&self, path: &str) -> Vec<Seen> {
        let log = self.seen.lock().unwrap();
        log.iter().filter(|s| s.path() == path).cloned().collect()
    }
}

async fn serve(mut stream: TcpStream, handler: Handler, seen: Arc<Mutex<Vec<Seen>>>) {
    let Some(req) = read_request(&mut stream).await else {
        return;
    };
    let reply = {
        let mut log = seen.lock().unwrap();
        let nth = log.iter().filter(|s| s.path() == req.path()).count();
        log.push(req.clone());
        handler(&req, nth)
    };
    respond(stream, reply).await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let (mut buf, mut chunk) = (Vec::new(), [0u8; 8192]);
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

async fn respond(mut stream: TcpStream, reply: Reply) {
    match reply {
        Reply::Send(status, headers, body) => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            let _ = stream
                .write_all(format!("{head}\r\n{body}").as_bytes())
                .await;
            let _ = stream.shutdown().await;
        }
        Reply::Stall => tokio::time::sleep(Duration::from_secs(60)).await,
        Reply::StallBody => {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"a\":")
                .await;
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
        Reply::Reset => {
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Reply::After(delay, inner) => {
            tokio::time::sleep(delay).await;
            Box::pin(respond(stream, *inner)).await;
        }
    }
}

// ---- helpers ----

const TOKEN_PATH: &str = "/api/v3/get-management-token";

/// Fails the test instead of hanging.
async fn guard<T>(fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), fut)
        .await
        .expect("the call hung")
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(10),
        retry_non_idempotent: false,
    }
}

fn jwt(payload: Value) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.signature",
        b64.encode(r#"{"alg":"HS256"}"#),
        b64.encode(payload.to_string())
    )
}

/// An Authing server: tokens `tok-<n>` (the first lives `first_expiry` seconds), other paths from `api`.
fn authing(
    first_expiry: u64,
    api: impl Fn(&Seen, usize) -> Reply + Send + Sync,
) -> impl Fn(&Seen, usize) -> Reply + Send + Sync {
    move |req, nth| match req.path() {
        TOKEN_PATH => {
            let expires_in = if nth == 0 { first_expiry } else { 7200 };
            let data = json!({"access_token": format!("tok-{nth}"), "expires_in": expires_in});
            Reply::After(
                Duration::from_millis(50),
                Box::new(reply_json(200, json!({"statusCode": 200, "data": data}))),
            )
        }
        _ => api(req, nth),
    }
}

fn ok_envelope() -> Reply {
    reply_json(
        200,
        json!({"statusCode": 200, "message": "ok", "data": {"id": 1}}),
    )
}

fn management(server: &Server) -> ManagementBuilder<ManagementClient> {
    ManagementClient::builder()
        .base_url(&server.url)
        .access_key_id("kid")
        .access_key_secret("ksecret-value")
        .timeout(Duration::from_secs(5))
        .retry(fast_retry())
}

const SCHEMES: &[SchemeDef] = &[
    SchemeDef {
        name: "api_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Header,
            param: "X-API-Key",
        },
    },
    SchemeDef {
        name: "query_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Query,
            param: "key",
        },
    },
    SchemeDef {
        name: "bearer",
        kind: SchemeKind::Bearer,
    },
    SchemeDef {
        name: "basic",
        kind: SchemeKind::Basic,
    },
];

fn generic(server: &Server) -> GenericBuilder<Runtime> {
    GenericBuilder::new(SCHEMES, Some(&server.url))
        .timeout(Duration::from_secs(5))
        .retry(fast_retry())
}

async fn get(rt: &Runtime, path: &'static str) -> runtime::Result<Value> {
    rt.execute(Request::new(Method::GET, path))
        .await?
        .json()
        .await
}

/// A client written the way the generator writes them.
#[derive(Clone)]
struct ManagementClient {
    rt: Runtime,
}

impl FromRuntime for ManagementClient {
    fn from_runtime(rt: Runtime) -> Self {
        Self { rt }
    }
}

#[derive(Serialize)]
struct UpdatePhoneDto {
    phone: String,
}

#[derive(Debug, Deserialize)]
struct CommonResponseDto {
    #[serde(rename = "statusCode")]
    status_code: i64,
    message: String,
}

impl ManagementClient {
    fn builder() -> ManagementBuilder<Self> {
        ManagementBuilder::new()
    }
    fn with_timeout(&self, timeout: Duration) -> Self {
        Self {
            rt: self.rt.with_timeout(timeout),
        }
    }
    async fn update_phone(&self, body: &UpdatePhoneDto) -> runtime::Result<CommonResponseDto> {
        let req = Request::new(Method::POST, "/api/v3/update-phone")
            .operation("update_phone")
            .json(body)?;
        self.rt.execute(req).await?.json().await
    }
}

fn phone() -> UpdatePhoneDto {
    UpdatePhoneDto {
        phone: "+86 188".into(),
    }
}

// ---- Authing management: tokens ----

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

// ---- Authing envelopes ----

fn business() -> Reply {
    let body = json!({"statusCode": 400, "apiCode": 2004, "message": "用户不存在", "requestId": "env-req", "data": null});
    reply_json(200, body)
}

#[tokio::test]
async fn business_envelope_becomes_an_error() {
    let server = Server::start(authing(7200, |_, _| business())).await;
    let client = management(&server).build().unwrap();
    match guard(client.update_phone(&phone())).await {
        Err(Error::Business {
            status_code,
            api_code,
            message,
            request_id,
        }) => {
            assert_eq!((status_code, api_code), (400, Some(2004)));
            assert_eq!(
                (message.as_str(), request_id.as_deref()),
                ("用户不存在", Some("env-req"))
            );
        }
        other => panic!("expected Business, got {other:?}"),
    }
}

#[tokio::test]
async fn raw_mode_keeps_the_envelope() {
    let server = Server::start(authing(7200, |_, _| business())).await;
    let client = management(&server).raw_envelope(true).build().unwrap();
    let resp = guard(client.update_phone(&phone())).await.unwrap();
    assert_eq!(
        (resp.status_code, resp.message.as_str()),
        (400, "用户不存在")
    );
}

// ---- Authing authentication ----

#[tokio::test]
async fn authentication_client_sends_app_id_and_shared_access_token() {
    let server = Server::start(|_, _| ok_envelope()).await;
    let rt: Runtime = AuthenticationBuilder::new()
        .app_id("app-1")
        .app_host(&server.url)
        .build()
        .unwrap();
    let clone = rt.clone();
    guard(get(&rt, "/me")).await.unwrap();
    clone.set_access_token("user-token");
    guard(get(&rt, "/me")).await.unwrap();
    rt.clear_access_token();
    guard(get(&clone, "/me")).await.unwrap();
    let calls = server.seen("/me");
    assert!(calls
        .iter()
        .all(|c| c.header("x-authing-app-id") == Some("app-1")));
    assert!(calls
        .iter()
        .all(|c| c.header("x-authing-lang") == Some("zh-CN")));
    let auth: Vec<Option<&str>> = calls.iter().map(|c| c.header("authorization")).collect();
    assert_eq!(auth, [None, Some("Bearer user-token"), None]);
}

// ---- retries ----

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
    let busy = || Reply::Send(429, vec![("retry-after", "1".into())], "slow down".into());
    let server = Server::start(move |req, nth| match (req.path(), nth) {
        ("/once", 0) | ("/always", _) => busy(),
        _ => reply_json(200, json!(1)),
    })
    .await;
    // Retry-After: 1 s is capped at max_delay (10 ms) here.
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

// ---- timeouts and transport ----

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

// ---- status and decode errors ----

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

// ---- generic clients: security and request encoding ----

#[tokio::test]
async fn security_uses_the_first_fully_configured_alternative() {
    let server = Server::start(|_, _| reply_json(200, json!(null))).await;
    let rt = generic(&server)
        .api_key("api_key", "key-1")
        .basic_auth("user", "pw")
        .build()
        .unwrap();
    let call = |path: &'static str, security: &[&[&str]]| {
        rt.execute(Request::new(Method::GET, path).security(security))
    };
    guard(call("/a", &[&["bearer"], &["api_key"]]))
        .await
        .unwrap();
    guard(call("/b", &[&["query_key", "basic"], &["basic"]]))
        .await
        .unwrap();
    guard(rt.execute(Request::new(Method::GET, "/c")))
        .await
        .unwrap();
    rt.set_access_token("bt");
    guard(call("/d", &[&["bearer"], &["api_key"]]))
        .await
        .unwrap();
    let only = |path| server.seen(path).remove(0);
    let a = only("/a");
    assert_eq!(
        (a.header("x-api-key"), a.header("authorization")),
        (Some("key-1"), None)
    );
    let b = only("/b");
    assert_eq!(
        (b.header("authorization"), b.target.as_str()),
        (Some("Basic dXNlcjpwdw=="), "/b")
    );
    let c = only("/c");
    assert_eq!(
        (c.header("authorization"), c.header("x-api-key")),
        (None, None)
    );
    let d = only("/d");
    assert_eq!(
        (d.header("authorization"), d.header("x-api-key")),
        (Some("Bearer bt"), None)
    );
}

#[derive(Serialize)]
struct Filter {
    color: &'static str,
    size: u8,
}

#[tokio::test]
async fn parameters_and_bodies_reach_the_server_encoded() {
    let server = Server::start(|_, _| Reply::Send(204, vec![], String::new())).await;
    let rt = generic(&server)
        .api_key("query_key", "k&y")
        .build()
        .unwrap();
    let limit: Option<u32> = Some(5);
    let skipped: Option<&str> = None;
    let req = Request::new(Method::GET, "/things/{id}")
        .operation("get_thing")
        .path_param("id", "a b/c")
        .query("limit", &limit, Style::Form, true)
        .query("tags", &["x", "y z"], Style::Form, true)
        .query("ids", &[1, 2], Style::PipeDelimited, false)
        .query(
            "filter",
            &Filter {
                color: "red",
                size: 2,
            },
            Style::DeepObject,
            true,
        )
        .query("missing", &skipped, Style::Form, true)
        .header("x-trace", &Some("t-1"))
        .header("x-skip", &skipped)
        .cookie("session", "s 1")
        .security(&[&["query_key"]]);
    let resp = guard(rt.execute(req)).await.unwrap();
    assert_eq!(resp.status(), 204);
    guard(resp.empty()).await.unwrap();
    let seen = server.seen("/things/a%20b%2Fc").remove(0);
    let query = "limit=5&tags=x&tags=y%20z&ids=1|2&filter[color]=red&filter[size]=2&key=k%26y";
    assert_eq!(seen.target, format!("/things/a%20b%2Fc?{query}"));
    assert_eq!(
        (seen.header("x-trace"), seen.header("x-skip")),
        (Some("t-1"), None)
    );
    assert_eq!(seen.header("cookie"), Some("session=s%201"));
}

#[tokio::test]
async fn form_multipart_text_and_bytes_bodies() {
    let server = Server::start(|_, _| Reply::Send(200, vec![], "done".into())).await;
    let rt = generic(&server).build().unwrap();
    let send = |req: Request| async { guard(rt.execute(req)).await.unwrap().text().await.unwrap() };
    let form = Request::new(Method::POST, "/form")
        .form(&json!({"name": "a b", "filter": {"size": 2}}))
        .unwrap();
    assert_eq!(send(form).await, "done");
    let parts = Multipart::new()
        .text("title", "hi")
        .json("meta", &json!({"k": 1}))
        .file("upload", "a.png", vec![1u8, 2, 3], "image/png");
    send(Request::new(Method::POST, "/multi").multipart(parts)).await;
    send(Request::new(Method::PUT, "/text").text("plain")).await;
    send(Request::new(Method::PUT, "/bin").bytes(vec![0u8, 255], "application/octet-stream")).await;

    let form = server.seen("/form").remove(0);
    assert_eq!(
        form.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let mut pairs: Vec<String> = form.body_text().split('&').map(str::to_owned).collect();
    pairs.sort();
    assert_eq!(pairs, ["filter[size]=2", "name=a%20b"]);
    let multi = server.seen("/multi").remove(0);
    assert!(multi
        .header("content-type")
        .unwrap()
        .starts_with("multipart/form-data; boundary="));
    let body = multi.body_text();
    for needle in [
        "name=\"title\"",
        "hi",
        "name=\"meta\"",
        "{\"k\":1}",
        "filename=\"a.png\"",
        "image/png",
        "\u{1}\u{2}\u{3}",
    ] {
        assert!(body.contains(needle), "{needle} missing from {body}");
    }
    let text = server.seen("/text").remove(0);
    assert_eq!(
        (
            text.method.as_str(),
            text.header("content-type"),
            text.body_text().as_str()
        ),
        ("PUT", Some("text/plain; charset=utf-8"), "plain")
    );
    assert_eq!(server.seen("/bin")[0].body, [0u8, 255]);
}

#[tokio::test]
async fn encoding_failures_are_errors_before_sending() {
    let server = Server::start(|_, _| reply_json(200, json!(1))).await;
    let rt = generic(&server).build().unwrap();
    let bad = Request::new(Method::GET, "/h").header("x-bad", "line\nbreak");
    assert!(matches!(
        guard(rt.execute(bad)).await,
        Err(Error::Encode { .. })
    ));
    let not_object = Request::new(Method::POST, "/f").form(&[1, 2]);
    assert!(matches!(not_object, Err(Error::Encode { .. })));
    assert!(server.seen("/h").is_empty());
}

#[tokio::test]
async fn hooks_default_headers_and_user_agent_apply_to_every_request() {
    let server = Server::start(|_, _| reply_json(200, json!(1))).await;
    let rt = generic(&server)
        .header("x-team", "core")
        .user_agent("my-app/1")
        .lang("en")
        .request_hook(|req| {
            req.headers_mut().insert("x-hooked", "yes".parse().unwrap());
        })
        .build()
        .unwrap();
    guard(get(&rt, "/h")).await.unwrap();
    let seen = server.seen("/h").remove(0);
    assert_eq!(
        (seen.header("x-team"), seen.header("x-hooked")),
        (Some("core"), Some("yes"))
    );
    assert_eq!(
        (seen.header("user-agent"), seen.header("accept-language")),
        (Some("my-app/1"), Some("en"))
    );
}

// ---- secret hygiene and packaging ----

#[test]
fn debug_output_never_shows_secrets() {
    let management = ManagementClient::builder()
        .access_key_id("kid")
        .access_key_secret("ksecret-value")
        .header("authorization", "hdr-secret");
    let authentication = AuthenticationBuilder::<Runtime>::new()
        .app_id("app")
        .access_token("atoken-value");
    let generic = GenericBuilder::<Runtime>::new(SCHEMES, None)
        .bearer_token("btoken-value")
        .basic_auth("user", "bpass-value")
        .api_key("api_key", "akey-value");
    let text = format!(
        "{management:?} {authentication:?} {generic:?} {:?}",
        Secret::new("plain-secret")
    );
    for secret in [
        "ksecret-value",
        "hdr-secret",
        "atoken-value",
        "btoken-value",
        "bpass-value",
        "akey-value",
        "plain-secret",
    ] {
        assert!(!text.contains(secret), "{secret} leaked in {text}");
    }
    assert!(text.contains("kid") && text.contains("***"));
    let rt = GenericBuilder::<Runtime>::new(SCHEMES, Some("https://api.example"))
        .bearer_token("btoken-value")
        .build()
        .unwrap();
    assert!(!format!("{rt:?}").contains("btoken-value"));
}

#[test]
fn deps_toml_matches_the_dev_dependencies_and_tls_stays_on() {
    let root = env!("CARGO_MANIFEST_DIR");
    let deps = std::fs::read_to_string(format!("{root}/runtime/deps.toml")).unwrap();
    let manifest = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    for line in deps.lines().filter(|l| !l.trim().is_empty()) {
        let name = line.split('=').next().unwrap().trim();
        assert!(
            manifest
                .lines()
                .any(|l| l.starts_with(&format!("{name} ")) || l.starts_with(&format!("{name}."))),
            "{name} is not a dependency"
        );
    }
    assert!(!deps.contains("native-tls") && !deps.contains("default-tls"));
    for entry in std::fs::read_dir(format!("{root}/runtime")).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(
            !source.contains(concat!("danger_accept", "_invalid")),
            "TLS checks must stay on"
        );
    }
}

#[tokio::test]
async fn redirects_stay_on_the_same_origin() {
    let elsewhere = Server::start(|_, _| reply_json(200, json!("leaked"))).await;
    let target = format!("{}/stolen", elsewhere.url);
    let server = Server::start(move |req, _| match req.path() {
        "/old" => Reply::Send(302, vec![("location", "/new".into())], String::new()),
        "/away" => Reply::Send(302, vec![("location", target.clone())], String::new()),
        _ => reply_json(200, json!("moved")),
    })
    .await;
    let rt = generic(&server)
        .api_key("api_key", "key-1")
        .build()
        .unwrap();
    let call = |path| rt.execute(Request::new(Method::GET, path).security(&[&["api_key"]]));
    assert_eq!(
        guard(guard(call("/old")).await.unwrap().json::<String>())
            .await
            .unwrap(),
        "moved"
    );
    assert_eq!(server.seen("/new")[0].header("x-api-key"), Some("key-1"));
    let err = guard(call("/away")).await.unwrap_err();
    assert_eq!(err.status(), Some(302));
    assert!(
        elsewhere.seen("/stolen").is_empty(),
        "the API key never left the origin"
    );
}
