//! Paged lists served by the mock transport: the `pagination` feature fixture's generated
//! modules (kept equal to the generator's output by `generator/tests/features.rs`) compiled here
//! with `test-util`, as a crate that turns the feature on has them.
#![allow(dead_code)]

pub use sdk_runtime as runtime;

// The generated crate's modules, at the root as in the crate.
#[path = "../../generator/tests/features/pagination/client.rs"]
mod client;
#[path = "../../generator/tests/features/pagination/mock.rs"]
pub mod mock;
#[path = "../../generator/tests/features/pagination/requests.rs"]
pub mod requests;
#[path = "../../generator/tests/features/pagination/types.rs"]
pub mod types;
pub use client::PagesClient;

use runtime::mock::{Mock, Reply};
use runtime::{StreamExt, TryStreamExt};
use serde_json::json;

fn client(mock: &Mock) -> PagesClient {
    PagesClient::builder()
        .base_url("http://127.0.0.1:1/v1")
        .mock(mock)
        .build()
        .unwrap()
}

fn numbers(items: &[i64], total: i64) -> types::NumberPage {
    serde_json::from_value(json!({"data": {"items": items, "total": total}})).unwrap()
}

#[tokio::test]
async fn page_numbers_are_followed_to_the_total_one_answer_per_page() {
    let mock = Mock::new().on(mock::ListNumbers::any()
        .then_ok(numbers(&[1, 2, 3], 7))
        .then_ok(numbers(&[4, 5, 6], 7))
        .then_ok(numbers(&[7], 7)));
    let client = client(&mock);
    let all: Vec<i64> = client
        .list_numbers()
        .per_page(3)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, [1, 2, 3, 4, 5, 6, 7]);
    let pages: Vec<Option<i64>> = mock
        .calls::<mock::ListNumbers>()
        .iter()
        .map(|c| c.page)
        .collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3)]);
}

#[tokio::test]
async fn a_page_is_fetched_only_when_the_stream_reaches_it() {
    let mock = Mock::new()
        .on(mock::ListNumbers::matching(|c| c.page == Some(1)).then_ok(numbers(&[1, 2], 9)));
    let client = client(&mock);
    let first: Vec<i64> = client
        .list_numbers()
        .per_page(2)
        .items()
        .take(2)
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(first, [1, 2]);
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn cursors_and_link_headers_are_followed_through_the_mock() {
    let page = |events: &[&str], next: Option<&str>| -> types::ListEventsResponse200 {
        serde_json::from_value(json!({"events": events, "next": next})).unwrap()
    };
    let tags = |tags: &[&str], link: Option<&str>| {
        let reply = Reply::json(200, &tags);
        match link {
            Some(link) => reply.header("link", link),
            None => reply,
        }
    };
    let mock = Mock::new()
        .on(mock::ListEvents::matching(|c| c.after.is_none())
            .then_ok(page(&["a", "b"], Some("c2"))))
        .on(
            mock::ListEvents::matching(|c| c.after.as_deref() == Some("c2"))
                .then_ok(page(&["c"], None)),
        )
        .on(mock::ListTags::any()
            .then_reply(tags(&["x"], Some(r#"</v1/tags?p=2>; rel="next""#)))
            .then_reply(tags(&["y"], None)));
    let client = client(&mock);
    let events: Vec<String> = client.list_events().items().try_collect().await.unwrap();
    assert_eq!(events, ["a", "b", "c"]);
    let all_tags: Vec<String> = client.list_tags().items().try_collect().await.unwrap();
    assert_eq!(all_tags, ["x", "y"]);
    let second = mock.requests().into_iter().last().unwrap();
    assert_eq!(
        (second.path(), second.query()),
        ("/v1/tags", &["p=2".to_owned()][..])
    );
}
