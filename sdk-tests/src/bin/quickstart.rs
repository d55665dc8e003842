use generated_client::types::UpdatePhoneDto;
use generated_client::{Error, ManagementClient};
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let base_url = std::env::var("AUTHING_BASE_URL").unwrap_or("https://api.authing.cn".into());
    let client = ManagementClient::builder()
        .base_url(base_url)
        .access_key_id("YOUR_ACCESS_KEY_ID")
        .access_key_secret("YOUR_ACCESS_KEY_SECRET")
        .userpool_id("YOUR_USERPOOL_ID")
        .timeout(Duration::from_secs(10))
        .build()?;
    run(&client).await
}

/// The program's logic, apart from the client it is given (so that a test can give a mock).
pub async fn run(client: &ManagementClient) -> Result<(), Error> {
    // Required inputs are the method's arguments; optional ones are setters of its request.
    let profile = client.get_profile().with_custom_data(true).await?;
    println!("user {}", profile.data.user_id);

    // Bodies are made with `new` (the required fields) and `with_*` setters.
    let body = UpdatePhoneDto::new("xxxx");
    match client.update_phone(&body).send_with_response().await {
        Ok(reply) => println!("{}: {}", reply.status(), reply.body().message),
        Err(Error::Business {
            status_code,
            message,
            ..
        }) => {
            eprintln!("Authing refused it ({status_code}): {message}")
        }
        Err(other) => return Err(other),
    }
    Ok(())
}
