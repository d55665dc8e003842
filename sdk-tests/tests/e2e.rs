//! Contract tests: every operation of `spec/management.yaml`, called through the generated
//! `ManagementClient` against the Prism mock server, must pass Prism's request validation
//! and decode Prism's answer. The management token is fetched from Prism by the runtime.
//! (The generated examples of this crate and of every corpus crate are sent to Prism by
//! `cargo xtask corpus --prism`.)

#[path = "support/prism.rs"]
mod prism;

use std::collections::BTreeSet;
use std::time::Duration;

use generated_client::runtime::{Method, Request, RetryPolicy};
use generated_client::types::*;
use generated_client::{Error, ManagementClient};
use prism::{check_installed, workspace_root, Prism};
use serde_json::json;

const SPEC: &str = "spec/management.yaml";

/// Declares one e2e call per operation id: `OPERATIONS` lists the ids, and `call`
/// runs the call for an id, giving the decoded answer's `Debug` text.
macro_rules! operations {
    ($client:ident; $($id:literal => $call:expr,)*) => {
        const OPERATIONS: &[&str] = &[$($id),*];

        async fn call($client: &ManagementClient, id: &str) -> Option<Result<String, Error>> {
            Some(match id {
                $($id => $call.await.map(|answer| format!("{answer:?}")),)*
                _ => return None,
            })
        }
    };
}

operations! { client;
    "ProfileV3Controller_bindEmail" => client.bind_email(&BindEmailDto::new("123456", "test@example.com")),
    "ProfileV3Controller_bindPhone" => client.bind_phone(
        &BindPhoneDto::new("123456", "188xxxx8888").with_phone_country_code("+86"),
    ),
    "ProfileV3Controller_deleteAccount" => client.delete_account(&DeleteAccountDto::new("delete-token")),
    "ProfileV3Controller_getProfile" => client.get_profile().with_custom_data(true).with_identities(false),
    "ProfileV3Controller_getSecurityLevel" => client.get_security_level(),
    "ProfileV3Controller_resetPassword" => client.reset_password(
        &ResetPasswordDto::new("new-password", "reset-token")
            .with_password_encrypt_type(ResetPasswordDtoPasswordEncryptType::None),
    ),
    "ProfileV3Controller_unbindEmail" => client.unbind_email(&UnbindEmailDto::new("1234")),
    "ProfileV3Controller_unbindPhone" => client.unbind_phone(&UnbindPhoneDto::new("1234")),
    "ProfileV3Controller_updateEmail" => client.update_email(&UpdateEmailDto::new("email-token")),
    "ProfileV3Controller_updatePassword" => client.update_password(
        &UpdatePasswordDto::new("new-password")
            .with_old_password("old-password")
            .with_password_encrypt_type(UpdatePasswordDtoPasswordEncryptType::None),
    ),
    "ProfileV3Controller_updatePhone" => client.update_phone(&UpdatePhoneDto::new("phone-token")),
    "ProfileV3Controller_updateProfile" => client.update_profile(
        &UpdateUserProfileDto::default()
            .with_name("Zhang San")
            .with_gender(UpdateUserProfileDtoGender::M)
            .with_custom_data([("school".to_owned(), json!("Peking University"))].into()),
    ),
    "ProfileV3Controller_verifyDeleteAccountRequest" => client.verify_delete_account_request(
        &VerifyDeleteAccountRequestDto::new(VerifyDeleteAccountRequestDtoVerifyMethod::Password)
            .with_password_payload(
                DeleteAccountByPasswordDto::new("password")
                    .with_password_encrypt_type(DeleteAccountByPasswordDtoPasswordEncryptType::None),
            ),
    ),
    "ProfileV3Controller_verifyResetPasswordRequest" => client.verify_reset_password_request(
        &VerifyResetPasswordRequestDto::new(VerifyResetPasswordRequestDtoVerifyMethod::EmailPasscode)
            .with_email_pass_code_payload(
                ResetPasswordByEmailPassCodeDto::new("123456").with_email("test@example.com"),
            ),
    ),
    "ProfileV3Controller_verifyUpdateEmailRequest" => client.verify_update_email_request(
        &VerifyUpdateEmailRequestDto::new(
            UpdateEmailByEmailPassCodeDto::new("new@example.com", "123456")
                .with_old_email("old@example.com")
                .with_old_email_pass_code("654321"),
            VerifyUpdateEmailRequestDtoVerifyMethod::EmailPasscode,
        ),
    ),
    "ProfileV3Controller_verifyUpdatePhoneRequest" => client.verify_update_phone_request(
        &VerifyUpdatePhoneRequestDto::new(
            UpdatePhoneByPhonePassCodeDto::new("188xxxx8888", "123456").with_new_phone_country_code("+86"),
            VerifyUpdatePhoneRequestDtoVerifyMethod::PhonePasscode,
        ),
    ),
    // Hidden from the SDK (the runtime calls it for its token); called here too, so that
    // the generated request and response types are checked against Prism.
    "V3ManagementController_getManagementToken" => management_token(client),
}

async fn management_token(
    client: &ManagementClient,
) -> generated_client::Result<GetManagementTokenRespDto> {
    let body = GetManagementAccessTokenDto::new("60e043f8cd91b87d712b6365", "ak-secret");
    let req = Request::new(Method::POST, "/api/v3/get-management-token").json(&body)?;
    client.runtime().execute(req).await?.json().await
}

/// The operation ids of the spec, in order.
fn spec_operations() -> Vec<String> {
    let text = std::fs::read_to_string(workspace_root().join(SPEC)).expect("the spec is readable");
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).expect("the spec is YAML");
    let paths = spec["paths"].as_mapping().expect("the spec has paths");
    paths
        .values()
        .filter_map(serde_yaml::Value::as_mapping)
        .flat_map(|item| item.values())
        .filter_map(|op| op.get("operationId")?.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn every_operation_of_the_spec_has_an_e2e_call() {
    let spec: BTreeSet<String> = spec_operations().into_iter().collect();
    let covered: BTreeSet<String> = OPERATIONS.iter().map(|id| id.to_string()).collect();
    let missing: Vec<&String> = spec.difference(&covered).collect();
    let stale: Vec<&String> = covered.difference(&spec).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "add an e2e call for {missing:?}; remove the calls for {stale:?}"
    );
}

#[test]
fn a_missing_prism_fails_with_the_fix_unless_skipping_is_asked_for_outside_ci() {
    let missing = workspace_root().join("tools/node_modules/.bin/no-such-prism");
    let message = check_installed(&missing, false, false).unwrap_err();
    assert!(message.contains("run `npm ci` in tools/"), "{message}");
    assert_eq!(check_installed(&missing, true, false), Ok(false));
    let message = check_installed(&missing, true, true).unwrap_err();
    assert!(
        message.contains("does not apply under CI=true"),
        "{message}"
    );
}

fn client(prism: &Prism) -> ManagementClient {
    ManagementClient::builder()
        .base_url(&prism.url)
        .access_key_id("60e043f8cd91b87d712b6365")
        .access_key_secret("ak-secret")
        // The example token carries no `scoped_userpool_id`; the spec requires the header.
        .userpool_id("62a8ef0e5a7bd8b1bf8e1234")
        .timeout(Duration::from_secs(30))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// The lines in which Prism reports a violation (it logs `✖` for errors, `⚠` for warnings).
fn violations(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains('✖') || l.contains('⚠') || l.contains("Violation"))
        .collect()
}

#[tokio::test]
async fn every_operation_passes_prism_validation_and_decodes() {
    let Some(prism) = Prism::start(SPEC) else {
        return;
    };
    let client = client(&prism);
    let mut failures = Vec::new();
    let mut passed = 0;
    for id in spec_operations() {
        match call(&client, &id).await {
            None => failures.push(format!("{id}: no e2e call")),
            Some(Err(err)) => failures.push(format!("{id}: {err}")),
            Some(Ok(_)) => passed += 1,
        }
    }
    let token_requests = |log: &str| log.matches("post /api/v3/get-management-token").count();
    let log = prism.log_when(|log| token_requests(log) >= 2);
    assert!(
        failures.is_empty(),
        "{failures:#?}\n--- Prism log ---\n{log}"
    );
    assert_eq!(passed, OPERATIONS.len());
    let found = violations(&log);
    assert!(found.is_empty(), "Prism reported violations: {found:#?}");
    assert_eq!(
        token_requests(&log),
        2,
        "one token request by the runtime, one by the getManagementToken call:\n{log}"
    );

    // The harness really fails on a spec violation: Prism answers 422 with a problem JSON.
    let bad = Request::new(Method::POST, "/api/v3/bind-email")
        .json(&json!({"passCode": 123456}))
        .expect("encodes");
    let err = client
        .runtime()
        .execute(bad)
        .await
        .expect_err("Prism refuses it");
    assert_eq!(err.status(), Some(422), "{err}");
    let problem: serde_json::Value = err.decode_body().expect("a problem JSON");
    assert_eq!(problem["status"], 422, "{problem}");
    let log = prism.log_when(|log| !violations(log).is_empty());
    assert!(!violations(&log).is_empty(), "{log}");
}
