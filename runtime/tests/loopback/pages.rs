//! Pagination: page/limit counters, cursors and `Link` headers, as lazy streams of items.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

use crate::runtime::{
    next_link, next_page, paginate, Error, Method, Pages, Request, Runtime, StreamExt, Style,
    TryStreamExt,
};
use crate::support::*;

/// Authing's list envelope: `data.list` and `data.totalCount`.
#[derive(Deserialize)]
struct ListEnvelope {
    data: ListData,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListData {
    list: Vec<i64>,
    total_count: i64,
}

/// `GET /users?page=&limit=` over `total` users numbered from 1, as Authing lists them.
fn users(total: i64) -> impl Fn(&Seen, usize) -> Reply + Send + Sync {
    move |req, _| {
        let number = |name: &str| req.query(name).and_then(|v| v.parse::<i64>().ok());
        let (page, limit) = (number("page").unwrap_or(1), number("limit").unwrap_or(10));
        let first = (page - 1) * limit + 1;
        let list: Vec<i64> = (first..first + limit).filter(|n| *n <= total).collect();
        let data = json!({"list": list, "totalCount": total});
        reply_json(200, json!({"statusCode": 200, "message": "", "data": data}))
    }
}

/// What the generator writes for an operation that pages by `page` and `limit`.
fn list_users(rt: &Runtime, limit: i64) -> Pages<'_, i64> {
    paginate(1, move |page: i64| {
        let req = Request::new(Method::GET, "/users")
            .query("page", &page, Style::Form, true)
            .query("limit", &limit, Style::Form, true);
        async move {
            let body: ListEnvelope = rt.execute(req).await?.json().await?;
            let (items, total) = (body.data.list, body.data.total_count);
            let next = next_page(page, limit, items.len(), Some(total));
            Ok((items, next))
        }
    })
}

#[tokio::test]
async fn page_and_limit_pages_are_fetched_until_the_total() {
    let server = Server::start(users(25)).await;
    let rt = generic(&server).build().unwrap();
    let all: Vec<i64> = guard(list_users(&rt, 10).try_collect()).await.unwrap();
    assert_eq!(all, (1..=25).collect::<Vec<_>>());
    let pages: Vec<String> = server
        .seen("/users")
        .iter()
        .map(|s| s.target.clone())
        .collect();
    assert_eq!(
        pages,
        [
            "/users?page=1&limit=10",
            "/users?page=2&limit=10",
            "/users?page=3&limit=10"
        ]
    );
    // A total that is a multiple of the page size needs no empty page to end.
    let server = Server::start(users(20)).await;
    let rt = generic(&server).build().unwrap();
    let all: Vec<i64> = guard(list_users(&rt, 10).try_collect()).await.unwrap();
    assert_eq!((all.len(), server.seen("/users").len()), (20, 2));
}

#[tokio::test]
async fn pages_are_fetched_only_when_their_items_are_wanted() {
    let server = Server::start(users(100)).await;
    let rt = generic(&server).build().unwrap();
    let pages = list_users(&rt, 10);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        server.all().is_empty(),
        "nothing is sent before the first poll"
    );
    let three: Vec<i64> = guard(pages.take(3).try_collect()).await.unwrap();
    assert_eq!(three, [1, 2, 3]);
    assert_eq!(server.seen("/users").len(), 1);
}

#[tokio::test]
async fn the_first_error_ends_the_stream() {
    let server = Server::start(|req, nth| match nth {
        0 => users(100)(req, nth),
        _ => reply_json(500, json!({"message": "down"})),
    })
    .await;
    let rt = generic(&server).build().unwrap();
    let mut pages = list_users(&rt, 2);
    let mut got = Vec::new();
    while let Some(item) = guard(pages.next()).await {
        got.push(item.map_err(|err| err.status()));
    }
    assert_eq!(got, [Ok(1), Ok(2), Err(Some(500))]);
    assert_eq!(
        server.seen("/users").len(),
        2,
        "no page after the failed one"
    );
}

/// `GET /events?cursor=` with three pages; the last has `nextCursor: null`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Events {
    items: Vec<String>,
    next_cursor: Option<String>,
}

#[tokio::test]
async fn cursors_are_followed_until_there_is_none() {
    let server = Server::start(|req, _| {
        let (items, next) = match req.query("cursor") {
            None => (json!(["a", "b"]), json!("c1")),
            Some("c1") => (json!(["c"]), json!("c2")),
            _ => (json!(["d"]), json!(null)),
        };
        reply_json(200, json!({"items": items, "nextCursor": next}))
    })
    .await;
    let rt = generic(&server).build().unwrap();
    let events = paginate(None, |cursor: Option<String>| {
        let req = Request::new(Method::GET, "/events").query("cursor", &cursor, Style::Form, true);
        let rt = &rt;
        async move {
            let page: Events = rt.execute(req).await?.json().await?;
            Ok((page.items, page.next_cursor.map(Some)))
        }
    });
    let all: Vec<String> = guard(events.try_collect()).await.unwrap();
    assert_eq!(all, ["a", "b", "c", "d"]);
    let cursors: Vec<Option<String>> = server
        .seen("/events")
        .iter()
        .map(|s| s.query("cursor").map(str::to_owned))
        .collect();
    assert_eq!(cursors, [None, Some("c1".into()), Some("c2".into())]);
}

/// What the generator writes for an operation that pages by `Link` headers.
fn list_items(rt: &Runtime) -> Pages<'_, i64> {
    paginate(None, move |next: Option<String>| {
        let mut req = Request::new(Method::GET, "/items")
            .query("per_page", &2, Style::Form, true)
            .security(&[&["query_key"]]);
        if let Some(url) = &next {
            req = req.url(url);
        }
        async move {
            let resp = rt.execute(req).await?;
            let meta = resp.meta();
            let items: Vec<i64> = resp.json().await?;
            Ok((items, next_link(&meta).map(Some)))
        }
    })
}

#[tokio::test]
async fn link_headers_lead_to_the_next_page_absolute_or_relative() {
    let server = Server::start(|req, _| {
        let (items, link) = match req.query("page") {
            None => (
                json!([1, 2]),
                Some(format!("<{}/items?page=2&per_page=2>", "BASE")),
            ),
            Some("2") => (json!([3, 4]), Some("</items?page=3&per_page=2>".to_owned())),
            _ => (json!([5]), None),
        };
        let host = req.header("host").unwrap_or_default().to_owned();
        let mut headers = vec![("content-type", "application/json".to_owned())];
        if let Some(link) = link {
            let link = link.replace("BASE", &format!("http://{host}"));
            headers.push((
                "link",
                format!(r#"{link}; rel="next", </items>; rel="first""#),
            ));
        }
        Reply::Send(200, headers, items.to_string())
    })
    .await;
    let rt = generic(&server).api_key("query_key", "k1").build().unwrap();
    let all: Vec<i64> = guard(list_items(&rt).try_collect()).await.unwrap();
    assert_eq!(all, [1, 2, 3, 4, 5]);
    let targets: Vec<String> = server
        .seen("/items")
        .iter()
        .map(|s| s.target.clone())
        .collect();
    assert_eq!(
        targets,
        [
            "/items?per_page=2&key=k1",
            "/items?page=2&per_page=2&key=k1",
            "/items?page=3&per_page=2&key=k1"
        ]
    );
}

#[tokio::test]
async fn a_link_to_another_origin_is_refused_and_nothing_is_sent_there() {
    let elsewhere = Server::start(|_, _| reply_json(200, json!([99]))).await;
    let hostile = format!(r#"<{}/items?page=2>; rel="next""#, elsewhere.url);
    let server = Server::start(move |_, _| {
        let headers = vec![
            ("content-type", "application/json".to_owned()),
            ("link", hostile.clone()),
        ];
        Reply::Send(200, headers, "[1]".into())
    })
    .await;
    let rt = generic(&server).api_key("query_key", "k1").build().unwrap();
    let got: Vec<Result<i64, Error>> = guard(list_items(&rt).collect()).await;
    assert!(
        matches!(got.as_slice(), [Ok(1), Err(Error::Config { .. })]),
        "{got:?}"
    );
    assert!(
        elsewhere.all().is_empty(),
        "the API key never left the origin"
    );
}
