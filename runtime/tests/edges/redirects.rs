//! Redirects within and across origins: two loopback servers on different ports are two
//! origins. (HTTPS to HTTP is refused: `downgrade.rs`.)

use sdk_runtime::{
    ApiKeyLocation, Error, GenericBuilder, Method, RedirectRefusal, Request, Runtime, SchemeDef,
    SchemeKind,
};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::guard;

const SCHEMES: &[SchemeDef] = &[
    SchemeDef {
        name: "bearer",
        kind: SchemeKind::Bearer,
    },
    SchemeDef {
        name: "headerKey",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Header,
            param: "X-API-Key",
        },
    },
    SchemeDef {
        name: "queryKey",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Query,
            param: "api_key",
        },
    },
    SchemeDef {
        name: "cookieKey",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Cookie,
            param: "session",
        },
    },
];

/// What each scheme's credential, the configured header and the hook's header look like.
const SECRETS: [&str; 6] = [
    "tok-secret",
    "hdr-secret",
    "qry-secret",
    "ck-secret",
    "cfg-secret",
    "hook-secret",
];

/// A client with a credential for every scheme, a configured header and a hook adding one.
fn client(server: &MockServer) -> Runtime {
    GenericBuilder::<Runtime>::new(SCHEMES, Some(&server.uri()))
        .set_bearer("bearer", SECRETS[0])
        .set_api_key("headerKey", SECRETS[1])
        .set_api_key("queryKey", SECRETS[2])
        .set_api_key("cookieKey", SECRETS[3])
        .header("x-tenant", SECRETS[4])
        .request_hook(|req| {
            let value = sdk_runtime::header::HeaderValue::from_static(SECRETS[5]);
            req.headers_mut().insert("x-signature", value);
        })
        .build()
        .unwrap()
}

fn request(method: Method, route: &'static str) -> Request {
    Request::new(method, route)
        .security(&[&["bearer", "headerKey", "queryKey", "cookieKey"]])
        .header("range", "bytes=0-9")
}

fn redirect(status: u16, to: String) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("location", to.as_str())
}

/// Everything `server` received for `route`: method, URL, headers and body, as one text.
async fn seen(server: &MockServer, route: &str) -> Vec<String> {
    let all = server.received_requests().await.unwrap();
    let at = all.iter().filter(|r| r.url.path() == route);
    at.map(|r| {
        let headers: Vec<String> = (r.headers.iter())
            .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap_or("?")))
            .collect();
        let body = String::from_utf8_lossy(&r.body);
        format!("{} {}\n{}\n\n{body}", r.method, r.url, headers.join("\n"))
    })
    .collect()
}

fn secrets_in(text: &str) -> Vec<&'static str> {
    SECRETS.into_iter().filter(|s| text.contains(s)).collect()
}

#[tokio::test]
async fn a_cross_origin_redirect_is_followed_without_any_credential() {
    let (api, cdn) = (MockServer::start().await, MockServer::start().await);
    let signed = format!("{}/file?sig=abc", cdn.uri());
    Mock::given(path("/download"))
        .respond_with(redirect(302, signed))
        .mount(&api)
        .await;
    let back = format!("{}/again", api.uri());
    Mock::given(path("/bounce"))
        .respond_with(redirect(307, back))
        .mount(&cdn)
        .await;
    let body = ResponseTemplate::new(200).set_body_string("file bytes");
    Mock::given(path("/file"))
        .respond_with(body.clone())
        .mount(&cdn)
        .await;
    Mock::given(path("/again"))
        .respond_with(body)
        .mount(&api)
        .await;
    let rt = client(&api);

    let resp = guard(rt.execute(request(Method::GET, "/download")))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let first = &seen(&api, "/download").await[0];
    assert_eq!(
        secrets_in(first),
        SECRETS,
        "the API's origin gets them all:\n{first}"
    );
    let away = &seen(&cdn, "/file").await[0];
    assert!(
        secrets_in(away).is_empty(),
        "another origin gets none:\n{away}"
    );
    let host = format!("host: {}\n", cdn.address());
    assert!(
        away.starts_with("GET ") && away.contains("/file?sig=abc\n"),
        "{away}"
    );
    assert!(away.contains(&host), "{away}");
    assert!(
        away.contains("range: bytes=0-9"),
        "the request's own parameters go along"
    );
    assert!(!away.contains("cookie"), "{away}");

    // Once the chain has left the origin, coming back does not bring the credentials back.
    let signed_bounce = format!("{}/bounce", cdn.uri());
    Mock::given(path("/leave"))
        .respond_with(redirect(302, signed_bounce))
        .mount(&api)
        .await;
    guard(rt.execute(request(Method::GET, "/leave")))
        .await
        .unwrap();
    let again = &seen(&api, "/again").await[0];
    assert!(secrets_in(again).is_empty(), "{again}");
}

#[tokio::test]
async fn a_same_origin_redirect_keeps_the_credentials() {
    let api = MockServer::start().await;
    Mock::given(path("/old"))
        .respond_with(redirect(301, "/new?page=2".into()))
        .mount(&api)
        .await;
    Mock::given(path("/new"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&api)
        .await;
    guard(client(&api).execute(request(Method::GET, "/old")))
        .await
        .unwrap();
    let new = &seen(&api, "/new").await[0];
    assert_eq!(secrets_in(new), SECRETS, "{new}");
    assert!(new.contains("page=2"), "{new}");
}

#[tokio::test]
async fn see_other_turns_a_post_into_a_get_without_a_body() {
    let (api, other) = (MockServer::start().await, MockServer::start().await);
    let done = format!("{}/done", other.uri());
    Mock::given(path("/submit"))
        .respond_with(redirect(303, done))
        .mount(&api)
        .await;
    Mock::given(path("/keep"))
        .respond_with(redirect(307, "/kept".into()))
        .mount(&api)
        .await;
    for (server, route) in [(&other, "/done"), (&api, "/kept")] {
        Mock::given(path(route))
            .respond_with(ResponseTemplate::new(200))
            .mount(server)
            .await;
    }
    let rt = client(&api);
    let post = |route| request(Method::POST, route).json(&[1, 2, 3]).unwrap();

    guard(rt.execute(post("/submit"))).await.unwrap();
    assert_eq!(
        seen(&api, "/submit").await[0].split("\n\n").nth(1),
        Some("[1,2,3]")
    );
    let done = &seen(&other, "/done").await[0];
    assert!(done.starts_with("GET "), "{done}");
    assert!(done.ends_with("\n\n"), "no body: {done}");
    assert!(!done.contains("content-type"), "{done}");

    guard(rt.execute(post("/keep"))).await.unwrap();
    let kept = &seen(&api, "/kept").await[0];
    assert!(
        kept.starts_with("POST ") && kept.ends_with("\n\n[1,2,3]"),
        "{kept}"
    );
    assert!(kept.contains("content-type: application/json"), "{kept}");
}

#[tokio::test]
async fn loops_and_endless_redirects_end_as_typed_errors() {
    let api = MockServer::start().await;
    Mock::given(path("/loop"))
        .respond_with(redirect(302, "/loop".into()))
        .mount(&api)
        .await;
    Mock::given(wiremock::matchers::path_regex("^/hop/"))
        .respond_with(|req: &wiremock::Request| {
            let n: u32 = req.url.path()[5..].parse().unwrap();
            redirect(302, format!("/hop/{}", n + 1))
        })
        .mount(&api)
        .await;
    let rt = GenericBuilder::<Runtime>::new(&[], Some(&api.uri()))
        .build()
        .unwrap();
    let call = |route| guard(rt.execute(Request::new(Method::GET, route)));

    let err = call("/loop").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Redirect {
                refused: RedirectRefusal::Loop,
                status: 302
            }
        ),
        "{err}"
    );
    assert_eq!(seen(&api, "/loop").await.len(), 1);

    let err = call("/hop/0").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Redirect {
                refused: RedirectRefusal::TooMany,
                ..
            }
        ),
        "{err}"
    );
    let hops = api.received_requests().await.unwrap();
    let hops = hops
        .iter()
        .filter(|r| r.url.path().starts_with("/hop/"))
        .count();
    assert_eq!(hops, 11, "the first request and ten redirects");
}

#[cfg(feature = "authing")]
#[tokio::test]
async fn a_cross_origin_redirect_carries_no_authing_token() {
    let (api, cdn) = (MockServer::start().await, MockServer::start().await);
    let token = serde_json::json!({
        "statusCode": 200,
        "data": {"access_token": "mgmt-token-secret", "expires_in": 7200}
    });
    Mock::given(path("/api/v3/get-management-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token))
        .mount(&api)
        .await;
    let away = format!("{}/export.csv", cdn.uri());
    Mock::given(path("/api/v3/export"))
        .respond_with(redirect(302, away))
        .mount(&api)
        .await;
    Mock::given(path("/export.csv"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&cdn)
        .await;
    let rt = sdk_runtime::ManagementBuilder::<Runtime>::new()
        .base_url(api.uri())
        .access_key_id("kid")
        .access_key_secret("ksecret")
        .userpool_id("pool-secret")
        .build()
        .unwrap();
    let call = rt.execute(Request::new(Method::GET, "/api/v3/export"));
    assert_eq!(guard(call).await.unwrap().status(), 200);
    let sent = &seen(&api, "/api/v3/export").await[0];
    assert!(
        sent.contains("mgmt-token-secret") && sent.contains("pool-secret"),
        "{sent}"
    );
    let away = &seen(&cdn, "/export.csv").await[0];
    assert!(
        !away.contains("secret") && !away.contains("x-authing"),
        "{away}"
    );
}
