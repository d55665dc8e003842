//! The generated client on the wire: what `update_phone` sends to a real HTTP server on loopback,
//! and how it reads the answer.

use generated_client::types::UpdatePhoneDto;
use generated_client::ManagementClient;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_with_token() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/get-management-token"))
        .and(body_json(
            json!({"accessKeyId": "ak-id", "accessKeySecret": "ak-secret"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "statusCode": 200,
            "message": "ok",
            "data": {"access_token": "tok-123", "expires_in": 7200}
        })))
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> ManagementClient {
    ManagementClient::builder()
        .base_url(server.uri())
        .access_key_id("ak-id")
        .access_key_secret("ak-secret")
        .userpool_id("pool-1")
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn update_phone_posts_json_with_auth_headers_and_parses_the_response() {
    let server = server_with_token().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/update-phone"))
        .and(header("authorization", "Bearer tok-123"))
        .and(header("x-authing-userpool-id", "pool-1"))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({"updatePhoneToken": "xxxx"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "statusCode": 200,
            "message": "Operation successful",
            "requestId": "934108e5-9fbf-4d24-8da1-c330328abd6c"
        })))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    let body = UpdatePhoneDto::new("xxxx");
    let response = client.update_phone(&body).await.expect("call succeeds");
    assert_eq!(response.status_code, 200.0);
    assert_eq!(response.message, "Operation successful");
    assert_eq!(response.api_code, None);
    assert_eq!(
        response.request_id.as_deref(),
        Some("934108e5-9fbf-4d24-8da1-c330328abd6c")
    );
    client
        .update_phone(&body)
        .await
        .expect("second call reuses the cached token");
}

#[tokio::test]
async fn a_business_error_envelope_is_an_error_with_its_request_id() {
    let server = server_with_token().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/update-phone"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "statusCode": 400,
            "apiCode": 1234,
            "message": "token expired",
            "requestId": "req-9"
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .update_phone(&UpdatePhoneDto::new("old"))
        .await
        .expect_err("statusCode 400 is an error");
    assert_eq!(err.request_id(), Some("req-9"));
    let text = err.to_string();
    assert!(
        text.contains("token expired") && text.contains("1234"),
        "{text}"
    );
}

#[test]
fn debug_output_redacts_tokens() {
    let body = UpdatePhoneDto::new("super-secret-token");
    let shown = format!("{body:?}");
    assert!(!shown.contains("super-secret-token"), "{shown}");
    assert!(shown.contains("***"), "{shown}");
}
