//! Secret hygiene in Debug output, TLS packaging, and credentials in redirects.

use serde_json::json;

use crate::runtime::{AuthenticationBuilder, GenericBuilder, Method, Request, Runtime, Secret};
use crate::support::*;

#[test]
fn debug_output_never_shows_secrets() {
    let management = ManagementClient::builder()
        .access_key_id("kid")
        .access_key_secret("ksecret-value")
        .header("authorization", "hdr-secret");
    let authentication = AuthenticationBuilder::<Runtime>::new()
        .app_id("app")
        .access_token("atoken-value");
    let generic = GenericBuilder::<Runtime>::new(SCHEMES, None)
        .bearer_token("btoken-value")
        .basic_auth("user", "bpass-value")
        .api_key("api_key", "akey-value");
    let text = format!(
        "{management:?} {authentication:?} {generic:?} {:?}",
        Secret::new("plain-secret")
    );
    for secret in [
        "ksecret-value",
        "hdr-secret",
        "atoken-value",
        "btoken-value",
        "bpass-value",
        "akey-value",
        "plain-secret",
    ] {
        assert!(!text.contains(secret), "{secret} leaked in {text}");
    }
    assert!(text.contains("kid") && text.contains("***"));
    let rt = GenericBuilder::<Runtime>::new(SCHEMES, Some("https://api.example"))
        .bearer_token("btoken-value")
        .build()
        .unwrap();
    assert!(!format!("{rt:?}").contains("btoken-value"));
}

#[test]
fn tls_stays_on() {
    let root = env!("CARGO_MANIFEST_DIR");
    let manifest = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    assert!(manifest.contains("rustls-tls") && manifest.contains("default-features = false"));
    assert!(!manifest.contains("native-tls") && !manifest.contains("default-tls"));
    let mut dirs = vec![std::path::PathBuf::from(format!("{root}/src"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            assert!(
                !source.contains(concat!("danger_accept", "_invalid")),
                "TLS checks must stay on ({})",
                path.display()
            );
        }
    }
}

#[tokio::test]
async fn credentials_stay_on_the_same_origin() {
    let elsewhere = Server::start(|_, _| reply_json(200, json!("leaked"))).await;
    let target = format!("{}/stolen", elsewhere.url);
    let server = Server::start(move |req, _| match req.path() {
        "/old" => Reply::Send(302, vec![("location", "/new".into())], String::new()),
        "/away" => Reply::Send(302, vec![("location", target.clone())], String::new()),
        _ => reply_json(200, json!("moved")),
    })
    .await;
    let rt = generic(&server)
        .api_key("api_key", "key-1")
        .build()
        .unwrap();
    let call = |path| rt.execute(Request::new(Method::GET, path).security(&[&["api_key"]]));
    assert_eq!(
        guard(guard(call("/old")).await.unwrap().json::<String>())
            .await
            .unwrap(),
        "moved"
    );
    assert_eq!(server.seen("/new")[0].header("x-api-key"), Some("key-1"));
    guard(call("/away")).await.unwrap();
    let away = elsewhere.seen("/stolen");
    assert_eq!(away.len(), 1, "followed to the other origin");
    assert_eq!(
        away[0].header("x-api-key"),
        None,
        "the API key never left the origin"
    );
}
