//! No secret shows in `Debug` output: builders, clients, errors, and every request and
//! response type of the spec, filled from the spec with a marked value in each secret field.

use std::collections::BTreeSet;
use std::time::Duration;

use generated_client::runtime::{Method, Request, RetryPolicy};
use generated_client::types::*;
use generated_client::ManagementClient;
use serde_json::{json, Map, Value};
use serde_yaml::Value as Yaml;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Decodes a JSON value as the type named like a spec schema; gives its `Debug`
/// text and its JSON again (to show the secrets did reach the value).
macro_rules! schema_types {
    ($($name:ident),* $(,)?) => {
        fn debug_of(schema: &str, value: Value) -> Option<Result<(String, String), String>> {
            Some(match schema {
                $(stringify!($name) => serde_json::from_value::<$name>(value)
                    .map(|v| (format!("{v:?}"), serde_json::to_string(&v).unwrap_or_default()))
                    .map_err(|e| e.to_string()),)*
                _ => return None,
            })
        }
    };
}

schema_types!(
    BindEmailDto,
    CommonResponseDto,
    BindPhoneDto,
    DeleteAccountDto,
    IsSuccessRespDto,
    IsSuccessDto,
    UserSingleRespDto,
    UserDto,
    IdentityDto,
    User,
    GetSecurityInfoRespDto,
    GetSecurityInfoDto,
    ResetPasswordDto,
    UnbindEmailDto,
    UnbindPhoneDto,
    UpdateEmailDto,
    UpdatePasswordDto,
    UpdatePhoneDto,
    UpdateUserProfileDto,
    VerifyDeleteAccountRequestDto,
    DeleteAccountByPhonePassCodeDto,
    DeleteAccountByEmailPassCodeDto,
    DeleteAccountByPasswordDto,
    VerifyDeleteAccountRequestRespDto,
    VerifyDeleteAccountRequestDataDto,
    VerifyResetPasswordRequestDto,
    ResetPasswordByPhonePassCodeDto,
    ResetPasswordByEmailPassCodeDto,
    PasswordResetVerifyResp,
    ResetPasswordVerify,
    VerifyUpdateEmailRequestDto,
    UpdateEmailByEmailPassCodeDto,
    VerifyUpdateEmailRequestRespDto,
    VerifyUpdateEmailRequestData,
    VerifyUpdatePhoneRequestDto,
    UpdatePhoneByPhonePassCodeDto,
    VerifyUpdatePhoneRequestRespDto,
    VerifyUpdatePhoneRequestData,
    GetManagementAccessTokenDto,
    GetManagementTokenRespDto,
    GetManagementTokenRespData,
);

/// Whether a string property holds a secret: `format: password`, or a name that says so.
fn is_secret(name: &str, schema: &Yaml) -> bool {
    let lower = name.to_ascii_lowercase();
    schema.get("format").and_then(Yaml::as_str) == Some("password")
        || ["secret", "token", "password", "passcode"]
            .iter()
            .any(|word| lower.contains(word))
}

/// Builds a JSON value for a schema with every property set; secret strings get
/// distinct `SECRET-<n>` values.
struct Sampler<'a> {
    schemas: &'a Yaml,
    secrets: Vec<String>,
}

impl Sampler<'_> {
    fn sample(&mut self, name: &str, schema: &Yaml) -> Value {
        if let Some(target) = schema.get("$ref").and_then(Yaml::as_str) {
            let target = target.trim_start_matches("#/components/schemas/");
            return self.sample(name, &self.schemas[target].clone());
        }
        if let Some(parts) = schema.get("allOf").and_then(Yaml::as_sequence) {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(fields) = self.sample(name, part) {
                    merged.extend(fields);
                }
            }
            return Value::Object(merged);
        }
        if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
            return serde_json::to_value(first).unwrap_or(Value::Null);
        }
        match schema.get("type").and_then(Yaml::as_str) {
            Some("string") if is_secret(name, schema) => {
                let marker = format!("SECRET-{}", self.secrets.len());
                self.secrets.push(marker.clone());
                Value::String(marker)
            }
            Some("string") => json!("plain"),
            Some("number" | "integer") => json!(7),
            Some("boolean") => json!(true),
            Some("array") => {
                let items = schema.get("items").cloned().unwrap_or(Yaml::Null);
                json!([self.sample(name, &items)])
            }
            _ => {
                let mut fields = Map::new();
                if let Some(props) = schema.get("properties").and_then(Yaml::as_mapping) {
                    for (key, prop) in props {
                        let key = key.as_str().unwrap_or_default();
                        fields.insert(key.to_owned(), self.sample(key, prop));
                    }
                }
                Value::Object(fields)
            }
        }
    }
}

fn spec() -> Yaml {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/management.yaml");
    let text = std::fs::read_to_string(root).expect("the spec is readable");
    serde_yaml::from_str(&text).expect("the spec is YAML")
}

#[test]
fn no_type_of_the_spec_shows_a_secret_in_debug() {
    let spec = spec();
    let schemas = &spec["components"]["schemas"];
    let names = schemas.as_mapping().expect("the spec has schemas");
    let mut with_secrets = BTreeSet::new();
    for (name, schema) in names {
        let name = name.as_str().unwrap_or_default();
        let mut sampler = Sampler {
            schemas,
            secrets: Vec::new(),
        };
        let value = sampler.sample(name, schema);
        let decoded = debug_of(name, value.clone())
            .unwrap_or_else(|| panic!("add {name} to schema_types! in this test"));
        let (debug, json) = decoded.unwrap_or_else(|e| panic!("{name} from {value}: {e}"));
        for secret in &sampler.secrets {
            assert!(
                json.contains(secret),
                "{name}: {secret} did not reach the value"
            );
            assert!(!debug.contains(secret), "{name} shows {secret}: {debug}");
        }
        if !sampler.secrets.is_empty() {
            assert!(debug.contains("***"), "{debug}");
            with_secrets.insert(name.to_owned());
        }
    }
    for name in [
        "GetManagementAccessTokenDto",
        "ResetPasswordDto",
        "UpdatePasswordDto",
        "IdentityDto",
    ] {
        assert!(with_secrets.contains(name), "{name} has secret fields");
    }
}

const AK_SECRET: &str = "SECRET-ak-value";

fn builder(url: &str) -> generated_client::ManagementClientBuilder {
    ManagementClient::builder()
        .base_url(url)
        .access_key_id("ak-id")
        .access_key_secret(AK_SECRET)
        .header("x-custom-auth", "SECRET-header-value")
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
}

#[test]
fn builders_clients_and_requests_hide_credentials() {
    let builder = builder("https://api.example");
    let shown = format!("{builder:?}");
    assert!(shown.contains("ak-id") && shown.contains("***"), "{shown}");
    let client = builder.build().expect("builds");
    let request = Request::new(Method::POST, "/api/v3/update-phone")
        .json(&UpdatePhoneDto::new("SECRET-body-value"))
        .expect("encodes");
    let all = format!("{shown} {client:?} {:?} {request:?}", client.runtime());
    for secret in [AK_SECRET, "SECRET-header-value", "SECRET-body-value"] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
}

#[tokio::test]
async fn errors_hide_credentials_sent_and_received() {
    let server = MockServer::start().await;
    let token = json!({"statusCode": 200, "message": "ok",
        "data": {"access_token": "SECRET-token-value", "expires_in": 7200}});
    Mock::given(path("/api/v3/get-management-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token))
        .mount(&server)
        .await;
    let refused = ResponseTemplate::new(401)
        .insert_header("www-authenticate", "Bearer SECRET-challenge")
        .insert_header("set-cookie", "sid=SECRET-cookie")
        .set_body_json(json!({"message": "expired", "accessToken": "SECRET-echoed"}));
    Mock::given(path("/api/v3/update-phone"))
        .respond_with(refused)
        .mount(&server)
        .await;
    let wrong_type = json!({"statusCode": 200, "message": "ok",
        "data": {"updatePhoneToken": "SECRET-response-token", "tokenExpiresIn": "soon"}});
    Mock::given(path("/api/v3/verify-update-phone-request"))
        .respond_with(ResponseTemplate::new(200).set_body_json(wrong_type))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).build().expect("builds");
    let body = UpdatePhoneDto::new("SECRET-body-value");
    let err = client.update_phone(&body).await.expect_err("401");
    assert_eq!(err.status(), Some(401));
    let verify = VerifyUpdatePhoneRequestDto::new(
        UpdatePhoneByPhonePassCodeDto::new("188", "SECRET-pass-code"),
        VerifyUpdatePhoneRequestDtoVerifyMethod::PhonePasscode,
    );
    let decode = client
        .verify_update_phone_request(&verify)
        .await
        .expect_err("a string lifetime");
    assert!(
        matches!(&decode, generated_client::Error::Decode { path, .. } if path == "data.tokenExpiresIn"),
        "{decode:?}"
    );
    let shown = format!("{err:?} {err} {decode:?} {decode}");
    assert!(shown.contains("***"), "{shown}");
    for secret in [
        AK_SECRET,
        "SECRET-token-value",
        "SECRET-body-value",
        "SECRET-challenge",
        "SECRET-cookie",
        "SECRET-header-value",
        "SECRET-echoed",
        "SECRET-response-token",
        "SECRET-pass-code",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}
