//! The generated client over its mock transport (feature `test-util`): the README quick start's
//! logic, retries, errors and timeouts, typed matching and reading requests back. Every client
//! here points at a closed loopback port, so a request that reached the network would fail.

#[allow(dead_code)]
#[path = "../src/bin/quickstart.rs"]
mod quickstart;

use std::time::Duration;

use generated_client::mock::{self, Mock, Reply};
use generated_client::runtime::TransportKind;
use generated_client::types::{CommonResponseDto, UpdatePhoneDto, UserSingleRespDto};
use generated_client::{Error, ManagementClient};
use serde_json::json;

/// Port 1 on loopback: nothing listens there, so any real connection is refused.
const CLOSED: &str = "http://127.0.0.1:1";

fn client(mock: &Mock) -> ManagementClient {
    ManagementClient::builder()
        .base_url(CLOSED)
        .access_key_id("test-key-id")
        .access_key_secret("test-key-secret")
        .mock(mock)
        .build()
        .unwrap()
}

fn profile(user_id: &str) -> UserSingleRespDto {
    serde_json::from_value(json!({
        "statusCode": 200,
        "message": "ok",
        "data": {
            "userId": user_id,
            "createdAt": "2026-01-01T00:00:00Z",
            "updatedAt": "2026-01-01T00:00:00Z",
            "status": "Activated",
            "workStatus": "Active",
            "gender": "U",
            "emailVerified": false,
            "phoneVerified": true,
            "userSourceType": "register",
        },
    }))
    .unwrap()
}

fn done(message: &str) -> CommonResponseDto {
    serde_json::from_value(json!({"statusCode": 200, "message": message})).unwrap()
}

#[tokio::test]
async fn the_quick_start_reads_the_profile_then_updates_the_phone() {
    let mock = Mock::new()
        .on(mock::GetProfile::any().then_ok(profile("u-1")))
        .on(
            mock::UpdatePhone::matching(|call| call.body.update_phone_token == "xxxx")
                .then_ok(done("phone updated")),
        );
    quickstart::run(&client(&mock)).await.unwrap();

    let sent = mock.requests();
    let operations: Vec<_> = sent.iter().map(|s| s.operation().unwrap()).collect();
    assert_eq!(operations, ["get_profile", "update_phone"]);
    assert_eq!(sent[0].query(), ["withCustomData=true"]);
    assert_eq!(sent[1].path(), "/api/v3/update-phone");
    assert_eq!(
        sent[1].json::<serde_json::Value>().unwrap(),
        json!({"updatePhoneToken": "xxxx"})
    );
    // The management token came from the mock itself, and the calls carried it.
    let bearer = sent[0].headers()["authorization"].to_str().unwrap();
    assert_eq!(bearer, "Bearer mock-management-token");
    let calls = mock.calls::<mock::GetProfile>();
    assert_eq!(calls[0].with_custom_data, Some(true));
    assert_eq!(calls[0].with_identities, None);
}

#[tokio::test]
async fn the_quick_start_reports_a_refused_update_and_stops_at_a_failed_read() {
    let refused = json!({"statusCode": 400, "apiCode": 2004, "message": "token expired"});
    let mock = Mock::new()
        .on(mock::GetProfile::any().then_ok(profile("u-2")))
        .on(mock::UpdatePhone::any().then_json(200, refused));
    quickstart::run(&client(&mock)).await.unwrap();

    let failing = Mock::new().on(mock::GetProfile::any().then_status(404, "no such user"));
    let err = quickstart::run(&client(&failing)).await.unwrap_err();
    assert!(matches!(err, Error::Status { status: 404, .. }), "{err:?}");
    assert_eq!(failing.requests().len(), 1, "update_phone is never sent");
}

#[tokio::test]
async fn a_get_answered_503_is_retried_and_then_succeeds() {
    let mock = Mock::new().on(mock::GetProfile::any()
        .then_reply(Reply::text(503, "busy").header("retry-after", "0"))
        .then_ok(profile("u-3")));
    let got = client(&mock).get_profile().await.unwrap();
    assert_eq!(got.data.user_id, "u-3");
    let calls = mock.calls::<mock::GetProfile>();
    assert_eq!(calls.len(), 2, "one 503, one retry");
}

#[tokio::test]
async fn a_post_is_retried_after_a_connect_error_but_not_after_a_503() {
    let body = UpdatePhoneDto::new("t");
    let mock = Mock::new().on(mock::UpdatePhone::any()
        .then_transport_error(TransportKind::Connect)
        .then_ok(done("ok")));
    let client = client(&mock);
    assert_eq!(client.update_phone(&body).await.unwrap().message, "ok");
    assert_eq!(mock.requests().len(), 2);

    let busy = Mock::new().on(mock::UpdatePhone::any().then_status(503, "busy"));
    let err = self::client(&busy).update_phone(&body).await.unwrap_err();
    assert!(matches!(err, Error::Status { status: 503, .. }), "{err:?}");
    assert_eq!(busy.requests().len(), 1, "a POST is not retried on 503");
}

#[tokio::test]
async fn a_rule_that_never_answers_ends_in_the_clients_timeout() {
    let mock = Mock::new().on(mock::GetProfile::any().then_timeout());
    let client = client(&mock).with_timeout(Duration::from_millis(20));
    let err = client.get_profile().await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn rules_are_tried_in_order_and_match_on_typed_inputs() {
    let mock = Mock::new()
        .on(mock::UpdatePhone::matching(|c| c.body.update_phone_token == "a").then_ok(done("A")))
        .on(mock::UpdatePhone::any().then_ok(done("other")));
    let client = client(&mock);
    let a = client
        .update_phone(&UpdatePhoneDto::new("a"))
        .await
        .unwrap();
    let b = client
        .update_phone(&UpdatePhoneDto::new("b"))
        .await
        .unwrap();
    assert_eq!((a.message.as_str(), b.message.as_str()), ("A", "other"));
    let tokens: Vec<String> = mock
        .calls::<mock::UpdatePhone>()
        .into_iter()
        .map(|c| c.body.update_phone_token)
        .collect();
    assert_eq!(tokens, ["a", "b"]);
}

#[tokio::test]
#[should_panic(
    expected = "no mock rule matches this `update_phone` request (rules for: get_profile)"
)]
async fn an_unmatched_request_fails_the_test_naming_its_operation() {
    let mock = Mock::new().on(mock::GetProfile::any().then_ok(profile("u")));
    let _ = client(&mock)
        .update_phone(&UpdatePhoneDto::new("shown"))
        .await;
}

#[test]
fn the_unmatched_message_shows_the_request_without_credentials() {
    let mock = Mock::new();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(
            client(&mock)
                .update_phone(&UpdatePhoneDto::new("shown"))
                .send(),
        )
    }))
    .unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.contains("POST /api/v3/update-phone"), "{message}");
    assert!(
        message.contains(r#"{"updatePhoneToken":"***"}"#),
        "{message}"
    );
    assert!(message.contains("authorization: ***"), "{message}");
    assert!(!message.contains("mock-management-token"), "{message}");
}
