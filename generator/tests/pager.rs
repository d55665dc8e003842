//! The generated `items()` of operations that page, run against a loopback server serving
//! several pages: the `tests/features/pagination/` snapshots (kept equal to the generator's
//! output by `tests/features.rs`) are compiled here as a crate would have them.
#![allow(dead_code, unexpected_cfgs)]

pub use sdk_runtime as runtime;
pub use sdk_runtime::{Error, Result};
#[path = "../../runtime/tests/support/mod.rs"]
mod support;

/// The generated crate's modules.
mod features {
    pub mod pagination {
        mod client;
        pub mod requests;
        pub mod types;
        pub use client::PagesClient;
    }
}

use features::pagination::PagesClient;
use runtime::{StreamExt, TryStreamExt};
use serde_json::json;
use support::{guard, reply_json, Reply, Seen, Server};

fn client(server: &Server) -> PagesClient {
    PagesClient::builder()
        .base_url(&server.url)
        .build()
        .unwrap()
}

fn number(req: &Seen, name: &str) -> Option<i64> {
    req.query(name).and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn page_numbers_are_followed_to_the_total() {
    let server = Server::start(|req, _| {
        let (page, size) = (
            number(req, "page").unwrap_or(1),
            number(req, "per_page").unwrap_or(3),
        );
        let items: Vec<i64> = ((page - 1) * size + 1..=page * size)
            .filter(|n| *n <= 7)
            .collect();
        reply_json(200, json!({"data": {"items": items, "total": 7}}))
    })
    .await;
    let client = client(&server);
    let all: Vec<i64> = guard(client.list_numbers().per_page(3).items().try_collect())
        .await
        .unwrap();
    assert_eq!(all, (1..=7).collect::<Vec<_>>());
    let pages: Vec<Option<i64>> = server.all().iter().map(|r| number(r, "page")).collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3)]);
}

#[tokio::test]
async fn a_page_is_fetched_only_when_the_stream_reaches_it() {
    let server = Server::start(|req, _| {
        let page = number(req, "page").unwrap_or(1);
        reply_json(
            200,
            json!({"data": {"items": [page * 10, page * 10 + 1], "total": 100}}),
        )
    })
    .await;
    let client = client(&server);
    let items = client.list_numbers().per_page(2).items();
    assert!(
        server.all().is_empty(),
        "nothing is sent before the stream is polled"
    );
    let first: Vec<runtime::Result<i64>> = guard(items.take(2).collect()).await;
    assert_eq!(
        first.into_iter().map(|r| r.unwrap()).collect::<Vec<_>>(),
        [10, 11]
    );
    assert_eq!(server.all().len(), 1);
}

#[tokio::test]
async fn cursors_are_followed_until_the_last_page() {
    let server = Server::start(|req, _| {
        let (events, next) = match req.query("after") {
            None => (json!(["a", "b"]), json!("c2")),
            Some("c2") => (json!(["c"]), json!("c3")),
            _ => (json!(["d"]), json!(null)),
        };
        reply_json(200, json!({"events": events, "next": next}))
    })
    .await;
    let client = client(&server);
    let all: Vec<String> = guard(client.list_events().items().try_collect())
        .await
        .unwrap();
    assert_eq!(all, ["a", "b", "c", "d"]);
    let cursors: Vec<Option<String>> = server
        .all()
        .iter()
        .map(|r| r.query("after").map(str::to_owned))
        .collect();
    assert_eq!(
        cursors,
        [None, Some("c2".to_owned()), Some("c3".to_owned())]
    );
}

#[tokio::test]
async fn link_headers_are_followed_and_errors_end_the_stream() {
    let server = Server::start(|req, _| {
        let link = |n: u8| vec![("link", format!("</tags?p={n}>; rel=\"next\""))];
        match req.query("p") {
            None => Reply::Send(
                200,
                [vec![("content-type", "application/json".into())], link(2)].concat(),
                "[\"x\"]".into(),
            ),
            Some("2") => Reply::Send(
                200,
                [vec![("content-type", "application/json".into())], link(3)].concat(),
                "[\"y\"]".into(),
            ),
            _ => reply_json(500, json!({"message": "down"})),
        }
    })
    .await;
    let client = client(&server);
    let got: Vec<runtime::Result<String>> = guard(client.list_tags().items().collect()).await;
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].as_deref().unwrap(), "x");
    assert_eq!(got[1].as_deref().unwrap(), "y");
    assert!(
        matches!(&got[2], Err(runtime::Error::Status { status: 500, .. })),
        "{:?}",
        got[2]
    );
}
