//! Tracing output of the generated client: one `http_request` span per call with method,
//! path template, status, latency and request id, and no secret anywhere in what is logged
//! (our spans and events, and `log` records of the HTTP stack, at TRACE level).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use generated_client::runtime::RetryPolicy;
use generated_client::types::UpdatePhoneDto;
use generated_client::{Error, ManagementClient};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::Subscriber;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

type Fields = BTreeMap<String, String>;

/// Keeps the fields of every closed `http_request` span.
#[derive(Clone, Default)]
struct SpanLog(Arc<Mutex<Vec<Fields>>>);

struct Visitor<'a>(&'a mut Fields);

impl Visit for Visitor<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for SpanLog {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut Visitor(&mut fields));
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            if let Some(fields) = span.extensions_mut().get_mut::<Fields>() {
                values.record(&mut Visitor(fields));
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        if span.name() == "http_request" {
            let fields = span.extensions_mut().remove::<Fields>().unwrap_or_default();
            self.0.lock().unwrap().push(fields);
        }
    }
}

/// Everything the fmt layer printed.
#[derive(Clone, Default)]
struct Printed(Arc<Mutex<Vec<u8>>>);

impl Write for Printed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const SECRETS: [&str; 4] = [
    "SECRET-ak-value",
    "SECRET-token-value",
    "SECRET-phone-token",
    "SECRET-cookie",
];

async fn server() -> MockServer {
    let server = MockServer::start().await;
    let token = json!({"statusCode": 200, "message": "ok",
        "data": {"access_token": SECRETS[1], "expires_in": 7200}});
    let answers = [
        ("/api/v3/get-management-token", ResponseTemplate::new(200).set_body_json(token)),
        (
            "/api/v3/get-security-info",
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req-header")
                .insert_header("set-cookie", format!("sid={}", SECRETS[3]))
                .set_body_json(json!({"statusCode": 200, "message": "ok", "data": {
                    "passwordSecurityLevel": 1, "mfaEnrolled": false, "passwordSet": true,
                    "emailBinded": true, "phoneBinded": false, "securityScore": 60}})),
        ),
        (
            "/api/v3/update-phone",
            ResponseTemplate::new(200).set_body_json(
                json!({"statusCode": 400, "apiCode": 2004, "message": "no", "requestId": "req-envelope"}),
            ),
        ),
        (
            "/api/v3/unbind-phone",
            ResponseTemplate::new(404).insert_header("x-authing-request-id", "req-404"),
        ),
    ];
    for (at, template) in answers {
        Mock::given(path(at))
            .respond_with(template)
            .mount(&server)
            .await;
    }
    server
}

#[tokio::test]
async fn one_span_per_call_with_its_facts_and_no_secrets() {
    let spans = SpanLog::default();
    let printed = Printed::default();
    let writer = printed.clone();
    tracing_subscriber::registry()
        .with(spans.clone())
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(move || writer.clone())
                .with_span_events(FmtSpan::FULL),
        )
        .try_init()
        .expect("the only subscriber of this test binary");

    let server = server().await;
    let client = ManagementClient::builder()
        .base_url(server.uri())
        .access_key_id("ak-id")
        .access_key_secret(SECRETS[0])
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
        .build()
        .expect("builds");
    client.get_security_level().await.expect("succeeds");
    let phone = UpdatePhoneDto::new(SECRETS[2]);
    let err = client
        .update_phone(&phone)
        .await
        .expect_err("business error");
    assert!(matches!(err, Error::Business { .. }), "{err:?}");
    let unbind = generated_client::types::UnbindPhoneDto::new("SECRET-pass-code");
    let err = client.unbind_phone(&unbind).await.expect_err("404");
    assert_eq!(err.status(), Some(404));

    let spans = spans.0.lock().unwrap().clone();
    let facts: Vec<Vec<&str>> = spans
        .iter()
        .map(|s| {
            ["method", "path", "status", "request_id"]
                .iter()
                .map(|k| s.get(*k).map_or("", String::as_str))
                .collect()
        })
        .collect();
    assert_eq!(
        facts,
        [
            ["GET", "/api/v3/get-security-info", "200", "req-header"],
            ["POST", "/api/v3/update-phone", "200", "req-envelope"],
            ["POST", "/api/v3/unbind-phone", "404", "req-404"],
        ],
        "{spans:#?}"
    );
    assert!(
        spans.iter().all(|s| s.contains_key("latency_ms")),
        "{spans:#?}"
    );
    assert!(spans[0]["operation"] == "get_security_level", "{spans:#?}");

    let text = String::from_utf8_lossy(&printed.0.lock().unwrap()).into_owned();
    assert!(
        text.contains("http_request"),
        "the fmt layer saw the spans: {text}"
    );
    for secret in SECRETS.iter().chain(&["SECRET-pass-code"]) {
        assert!(!text.contains(secret), "{secret} was logged:\n{text}");
    }
}
