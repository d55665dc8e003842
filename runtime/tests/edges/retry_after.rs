//! A server asking for a longer wait than the retry policy allows ends the call at once.

use std::time::{Duration, SystemTime};

use sdk_runtime::{Error, GenericBuilder, Method, Request, RetryPolicy, Runtime};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::guard;

#[tokio::test]
async fn a_retry_after_beyond_the_cap_ends_the_call_with_the_wait() {
    let server = MockServer::start().await;
    let hour_later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
    let busy =
        |status, wait: &str| ResponseTemplate::new(status).insert_header("retry-after", wait);
    for (route, reply) in [
        ("/seconds", busy(503, "3600")),
        ("/date", busy(429, &hour_later)),
        ("/short", busy(503, "0")),
    ] {
        Mock::given(path(route))
            .respond_with(reply)
            .mount(&server)
            .await;
    }
    let rt = GenericBuilder::<Runtime>::new(&[], Some(&server.uri()))
        .timeout(Duration::from_secs(2))
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let call = |route| guard(rt.execute(Request::new(Method::GET, route)));

    let err = call("/seconds").await.unwrap_err();
    assert!(matches!(err, Error::Status { status: 503, .. }), "{err}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(sent(&server, "/seconds").await, 1, "not retried");

    let err = call("/date").await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    let wait = err.retry_after().unwrap();
    assert!(
        wait > Duration::from_secs(3500) && wait <= Duration::from_secs(3600),
        "{wait:?}"
    );
    assert_eq!(sent(&server, "/date").await, 1, "not retried");

    let err = call("/short").await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::ZERO));
    assert_eq!(
        sent(&server, "/short").await,
        3,
        "a wait within the cap is retried, twice"
    );
}

/// How many requests `server` received for `route`.
async fn sent(server: &MockServer, route: &str) -> usize {
    let all = server.received_requests().await.unwrap();
    all.iter().filter(|r| r.url.path() == route).count()
}
