//! The mock transport (feature `test-util`) under a hand-written operation, as a generated crate's
//! `mock` module would declare it: sequences, credentials kept out of what is shown, the
//! management token, and misuse.
#![cfg(all(feature = "authing", feature = "test-util"))]

use sdk_runtime::mock::{Mock, Operation, Reply, Rule};
use sdk_runtime::{
    ApiKeyLocation, Error, GenericBuilder, ManagementBuilder, Method, Request, Runtime, SchemeDef,
    SchemeKind,
};

/// `GET /items/{id}`'s inputs.
#[derive(Clone, Debug, PartialEq)]
struct GetItem {
    id: String,
}

impl Operation for GetItem {
    const NAME: &'static str = "get_item";
    type Output = Vec<i64>;
    fn reply(output: &Self::Output) -> Reply {
        Reply::json(200, output)
    }
}

const KEY: SchemeDef = SchemeDef {
    name: "key",
    kind: SchemeKind::ApiKey {
        location: ApiKeyLocation::Query,
        param: "api_key",
    },
};

fn generic(mock: &Mock) -> Runtime {
    GenericBuilder::<Runtime>::new(&[KEY], Some("http://127.0.0.1:1"))
        .set_api_key("key", "key-secret-value")
        .max_retries(0)
        .mock(mock)
        .build()
        .unwrap()
}

async fn get_item(rt: &Runtime, id: &str) -> sdk_runtime::Result<Vec<i64>> {
    let req = Request::new(Method::GET, "/items/{id}")
        .operation("get_item")
        .path_param("id", id)
        .query("page", &2, sdk_runtime::Style::Form, true)
        .security(&[&["key"]])
        .mock_input(GetItem { id: id.to_owned() });
    rt.call(Ok(req), |resp| resp.json()).await
}

#[tokio::test]
async fn answers_come_in_order_and_the_last_repeats() {
    let mock = Mock::new().on(Rule::<GetItem>::any()
        .then_ok(vec![1])
        .then_status(404, "gone"));
    let rt = generic(&mock);
    assert_eq!(get_item(&rt, "a").await.unwrap(), [1]);
    for _ in 0..2 {
        let err = get_item(&rt, "a").await.unwrap_err();
        assert!(matches!(err, Error::Status { status: 404, .. }), "{err:?}");
    }
    assert_eq!(mock.calls::<GetItem>().len(), 3);
}

#[tokio::test]
async fn what_is_read_back_and_shown_keeps_credentials_out() {
    let mock = Mock::new().on(Rule::<GetItem>::matching(|c| c.id == "a b").then_ok(vec![]));
    get_item(&generic(&mock), "a b").await.unwrap();
    let sent = &mock.requests()[0];
    assert_eq!(sent.path(), "/items/a%20b");
    assert_eq!(
        sent.query(),
        ["page=2"],
        "the API key is not among the query's pairs"
    );
    assert_eq!(sent.input::<GetItem>(), Some(&GetItem { id: "a b".into() }));
    let shown = format!("{sent:?}");
    assert!(shown.starts_with("GET /items/a%20b?page=2\n"), "{shown}");
    assert!(!shown.contains("key-secret-value"), "{shown}");
}

#[tokio::test]
async fn the_management_token_is_answered_by_the_mock_and_not_recorded() {
    let mock = Mock::new().on(Rule::<GetItem>::any().then_ok(vec![7]));
    let rt: Runtime = ManagementBuilder::new()
        .base_url("http://127.0.0.1:1")
        .access_key_id("id")
        .access_key_secret("secret")
        .mock(&mock)
        .build()
        .unwrap();
    let req = Request::new(Method::GET, "/items/1")
        .operation("get_item")
        .mock_input(GetItem { id: "1".into() });
    assert_eq!(
        rt.call(Ok(req), |r| r.json::<Vec<i64>>()).await.unwrap(),
        [7]
    );
    let sent = mock.requests();
    assert_eq!(sent.len(), 1);
    let auth = sent[0].headers()["authorization"].to_str().unwrap();
    assert_eq!(auth, "Bearer mock-management-token");
}

#[test]
#[should_panic(expected = "the mock rule for `get_item` has no answer")]
fn a_rule_without_an_answer_is_refused() {
    let _ = Mock::new().on(Rule::<GetItem>::any());
}

#[tokio::test]
#[should_panic(expected = "no mock rule matches this `get_item` request (the mock has no rules)")]
async fn a_request_without_a_rule_panics() {
    let _ = get_item(&generic(&Mock::new()), "x").await;
}
