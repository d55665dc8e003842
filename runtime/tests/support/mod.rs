//! What the runtime tests share: the loopback server, credentials, and a client
//! written the way the generator writes them.

pub mod server;

use std::future::Future;
use std::time::Duration;

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::runtime::{
    self, ApiKeyLocation, FromRuntime, GenericBuilder, ManagementBuilder, Method, Request,
    RetryPolicy, Runtime, SchemeDef, SchemeKind,
};
pub use server::{reply_json, Reply, Seen, Server};

pub const TOKEN_PATH: &str = "/api/v3/get-management-token";

/// Fails the test instead of hanging.
pub async fn guard<T>(fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), fut)
        .await
        .expect("the call hung")
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(10),
        retry_non_idempotent: false,
    }
}

pub fn jwt(payload: Value) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.signature",
        b64.encode(r#"{"alg":"HS256"}"#),
        b64.encode(payload.to_string())
    )
}

/// An Authing server: tokens `tok-<n>` (the first lives `first_expiry` seconds), other paths from `api`.
pub fn authing(
    first_expiry: u64,
    api: impl Fn(&Seen, usize) -> Reply + Send + Sync,
) -> impl Fn(&Seen, usize) -> Reply + Send + Sync {
    move |req, nth| match req.path() {
        TOKEN_PATH => {
            let expires_in = if nth == 0 { first_expiry } else { 7200 };
            let data = json!({"access_token": format!("tok-{nth}"), "expires_in": expires_in});
            Reply::After(
                Duration::from_millis(50),
                Box::new(reply_json(200, json!({"statusCode": 200, "data": data}))),
            )
        }
        _ => api(req, nth),
    }
}

pub fn ok_envelope() -> Reply {
    reply_json(
        200,
        json!({"statusCode": 200, "message": "ok", "data": {"id": 1}}),
    )
}

pub fn management(server: &Server) -> ManagementBuilder<ManagementClient> {
    ManagementClient::builder()
        .base_url(&server.url)
        .access_key_id("kid")
        .access_key_secret("ksecret-value")
        .timeout(Duration::from_secs(5))
        .retry(fast_retry())
}

pub const SCHEMES: &[SchemeDef] = &[
    SchemeDef {
        name: "api_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Header,
            param: "X-API-Key",
        },
    },
    SchemeDef {
        name: "query_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Query,
            param: "key",
        },
    },
    SchemeDef {
        name: "bearer",
        kind: SchemeKind::Bearer,
    },
    SchemeDef {
        name: "basic",
        kind: SchemeKind::Basic,
    },
];

pub fn generic(server: &Server) -> GenericBuilder<Runtime> {
    GenericBuilder::new(SCHEMES, Some(&server.url))
        .timeout(Duration::from_secs(5))
        .retry(fast_retry())
}

pub async fn get(rt: &Runtime, path: &'static str) -> runtime::Result<Value> {
    rt.execute(Request::new(Method::GET, path))
        .await?
        .json()
        .await
}

/// A client written the way the generator writes them.
#[derive(Clone)]
pub struct ManagementClient {
    pub rt: Runtime,
}

impl FromRuntime for ManagementClient {
    fn from_runtime(rt: Runtime) -> Self {
        Self { rt }
    }
}

#[derive(Serialize)]
pub struct UpdatePhoneDto {
    pub phone: String,
}

#[derive(Debug, Deserialize)]
pub struct CommonResponseDto {
    #[serde(rename = "statusCode")]
    pub status_code: i64,
    pub message: String,
}

impl ManagementClient {
    pub fn builder() -> ManagementBuilder<Self> {
        ManagementBuilder::new()
    }
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Self {
            rt: self.rt.with_timeout(timeout),
        }
    }
    pub async fn update_phone(&self, body: &UpdatePhoneDto) -> runtime::Result<CommonResponseDto> {
        let req = Request::new(Method::POST, "/api/v3/update-phone")
            .operation("update_phone")
            .json(body)?;
        self.rt.execute(req).await?.json().await
    }
}

pub fn phone() -> UpdatePhoneDto {
    UpdatePhoneDto {
        phone: "+86 188".into(),
    }
}

pub fn business() -> Reply {
    let body = json!({"statusCode": 400, "apiCode": 2004, "message": "用户不存在", "requestId": "env-req", "data": null});
    reply_json(200, body)
}
