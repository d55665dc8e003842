//! Generic clients: security schemes, parameter styles, bodies, hooks and default headers.

use serde::Serialize;
use serde_json::json;

use crate::runtime::{Error, Method, Multipart, Request, Style};
use crate::support::*;

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
        .header("accept-language", "en")
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
