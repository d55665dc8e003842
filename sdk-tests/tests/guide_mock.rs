use generated_client::mock::{self, Mock};
use generated_client::types::{CommonResponseDto, UpdatePhoneDto};
use generated_client::{Error, ManagementClient};
use serde_json::json;

/// The code under test: it changes the user's phone and says how that went.
async fn change_phone(client: &ManagementClient, token: &str) -> Result<String, Error> {
    let reply = client.update_phone(&UpdatePhoneDto::new(token)).await?;
    Ok(reply.message)
}

#[tokio::test]
async fn change_phone_sends_the_token_and_survives_a_dropped_connection() {
    // A type only responses hold is made from JSON; `then_ok` takes the method's result type.
    let updated: CommonResponseDto =
        serde_json::from_value(json!({"statusCode": 200, "message": "updated"})).unwrap();
    let mock =
        Mock::new().on(
            mock::UpdatePhone::matching(|call| call.body.update_phone_token == "t-1")
                .then_transport_error(mock::TransportKind::Connect)
                .then_ok(updated),
        );
    let client = ManagementClient::builder()
        .access_key_id("test")
        .access_key_secret("test")
        .mock(&mock)
        .build()
        .unwrap();

    assert_eq!(change_phone(&client, "t-1").await.unwrap(), "updated");

    // Two attempts: the refused connection was retried.
    let calls = mock.calls::<mock::UpdatePhone>();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[1].body, UpdatePhoneDto::new("t-1"));
    assert_eq!(mock.requests()[1].path(), "/api/v3/update-phone");
}
