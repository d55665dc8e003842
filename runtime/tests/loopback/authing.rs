//! Authing envelopes (business errors, raw mode) and the Authing authentication client.

use crate::runtime::{AuthenticationBuilder, Error, Runtime};
use crate::support::*;

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
