//! The `tests/features/music/` snapshots (kept equal to the generator's output by
//! `tests/features.rs`), compiled as a crate would have them and run against a loopback server:
//! unions whose tags are the values their variants declare, and list operations that page by
//! convention, without `x-sdk-pagination`.
#![allow(dead_code, unexpected_cfgs)]

pub use sdk_runtime as runtime;
pub use sdk_runtime::{Error, Result};
#[path = "../../runtime/tests/support/mod.rs"]
mod support;

/// The generated crate's modules.
mod features {
    pub mod music {
        mod client;
        pub mod requests;
        pub mod types;
        pub use client::MusicClient;
    }
}

use features::music::types::*;
use features::music::MusicClient;
use runtime::TryStreamExt;
use serde_json::json;
use support::{guard, reply_json, Reply, Seen, Server};

fn client(server: &Server) -> MusicClient {
    MusicClient::builder()
        .base_url(&server.url)
        .build()
        .unwrap()
}

fn number(req: &Seen, name: &str) -> Option<i64> {
    req.query(name).and_then(|v| v.parse().ok())
}

fn text(req: &Seen, name: &str) -> Option<String> {
    req.query(name).map(str::to_owned)
}

fn track(n: i64) -> serde_json::Value {
    json!({"type": "track", "id": format!("t{n}"), "name": format!("Track {n}")})
}

#[tokio::test]
async fn items_tagged_with_their_declared_type_decode_as_their_variant() {
    let server = Server::start(|_, _| {
        reply_json(
            200,
            json!({
                "href": "https://api.example/v1/playlists/p1/items?offset=0&limit=3",
                "items": [
                    {"type": "track", "id": "t1", "name": "Intro", "duration_ms": 61000},
                    {"type": "episode", "id": "e1", "name": "Pilot", "show": "s1"},
                    {"type": "audiobook", "id": "b1", "name": "Later"}
                ],
                "limit": 3, "next": null, "offset": 0, "previous": null, "total": 3
            }),
        )
    })
    .await;
    let page = guard(client(&server).get_playlist_items("p1").send())
        .await
        .unwrap();
    match &page.items[..] {
        [PlayableItem::Track(t), PlayableItem::Episode(e), PlayableItem::Unknown(other)] => {
            assert_eq!((t.id.as_str(), t.duration_ms), ("t1", Some(61000)));
            assert_eq!((e.name.as_str(), e.show.as_deref()), ("Pilot", Some("s1")));
            assert_eq!(other["type"], "audiobook");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_mapping_no_variant_can_carry_gives_way_to_the_declared_values() {
    let server = Server::start(|_, _| {
        reply_json(
            200,
            json!([
                {"kind": "album", "title": "Blue"},
                {"kind": "show", "title": "Talk", "publisher": "P"},
                {"kind": "Album", "title": "as mapped"}
            ]),
        )
    })
    .await;
    let library = guard(client(&server).get_library().send()).await.unwrap();
    assert!(
        matches!(&library[0], LibraryEntry::Album(a) if a.title == "Blue"),
        "{library:?}"
    );
    assert!(
        matches!(&library[1], LibraryEntry::Show(s) if s.publisher.as_deref() == Some("P")),
        "{library:?}"
    );
    assert!(
        matches!(&library[2], LibraryEntry::Unknown(_)),
        "{library:?}"
    );
}

#[tokio::test]
async fn offset_and_limit_advance_by_the_items_received() {
    let server = Server::start(|req, _| {
        let (offset, limit) = (
            number(req, "offset").unwrap_or(0),
            number(req, "limit").unwrap_or(20),
        );
        let items: Vec<_> = (offset..(offset + limit).min(7)).map(track).collect();
        reply_json(
            200,
            json!({"items": items, "limit": limit, "offset": offset, "total": 7, "next": null}),
        )
    })
    .await;
    let client = client(&server);
    let all: Vec<PlayableItem> = guard(
        client
            .get_playlist_items("p1")
            .limit(3)
            .items()
            .try_collect(),
    )
    .await
    .unwrap();
    let ids: Vec<String> = all
        .iter()
        .map(|i| match i {
            PlayableItem::Track(t) => t.id.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(ids, ["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
    let offsets: Vec<Option<i64>> = server.all().iter().map(|r| number(r, "offset")).collect();
    assert_eq!(offsets, [Some(0), Some(3), Some(6)]);
}

#[tokio::test]
async fn page_and_per_page_count_pages_from_one() {
    let server = Server::start(|req, _| {
        let page = number(req, "page").unwrap_or(1);
        let size = number(req, "per_page").unwrap_or(10);
        let artists: Vec<_> = ((page - 1) * size..page * size)
            .filter(|n| *n < 5)
            .map(|n| json!({"id": format!("a{n}"), "name": "A"}))
            .collect();
        reply_json(200, json!({"artists": artists}))
    })
    .await;
    let client = client(&server);
    let all: Vec<Artist> = guard(client.list_artists().per_page(2).items().try_collect())
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[4].id, "a4");
    let pages: Vec<Option<i64>> = server.all().iter().map(|r| number(r, "page")).collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3)]);
}

#[tokio::test]
async fn a_next_url_in_the_body_is_followed() {
    let server = Server::start(|req, _| {
        let (albums, next) = match req.query("after") {
            None => (json!(["a", "b"]), json!("/me/albums?after=2&limit=2")),
            Some("2") => (json!(["c", "d"]), json!("albums?after=4")),
            _ => (json!(["e"]), json!(null)),
        };
        reply_json(200, json!({"albums": albums, "next": next}))
    })
    .await;
    let client = client(&server);
    let all: Vec<String> = guard(client.list_saved_albums().limit(2).items().try_collect())
        .await
        .unwrap();
    assert_eq!(all, ["a", "b", "c", "d", "e"]);
    let seen: Vec<Option<String>> = server.all().iter().map(|r| text(r, "after")).collect();
    assert_eq!(seen, [None, Some("2".into()), Some("4".into())]);
    assert!(server.all().iter().all(|r| r.path() == "/me/albums"));
}

#[tokio::test]
async fn a_cursor_in_the_body_goes_back_as_the_cursor_parameter() {
    let server = Server::start(|req, _| {
        let (artists, next) = match req.query("cursor") {
            None => (json!([{"id": "a", "name": "A"}]), json!("k2")),
            Some("k2") => (json!([{"id": "b", "name": "B"}]), json!("k3")),
            _ => (json!([{"id": "c", "name": "C"}]), json!(null)),
        };
        reply_json(200, json!({"artists": artists, "next_cursor": next}))
    })
    .await;
    let client = client(&server);
    let all: Vec<Artist> = guard(client.list_followed().items().try_collect())
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let cursors: Vec<Option<String>> = server.all().iter().map(|r| text(r, "cursor")).collect();
    assert_eq!(cursors, [None, Some("k2".into()), Some("k3".into())]);
}

#[tokio::test]
async fn a_page_token_comes_back_as_the_next_page() {
    let server = Server::start(|req, _| {
        let (items, next) = match req.query("page_token") {
            None => (json!(["s1", "s2"]), json!("tok2")),
            Some("tok2") => (json!(["s3"]), json!("tok3")),
            _ => (json!([]), json!(null)),
        };
        reply_json(200, json!({"items": items, "next_page": next}))
    })
    .await;
    let client = client(&server);
    let all: Vec<String> = guard(client.list_sessions().limit(2).items().try_collect())
        .await
        .unwrap();
    assert_eq!(all, ["s1", "s2", "s3"]);
    let tokens: Vec<Option<String>> = server.all().iter().map(|r| text(r, "page_token")).collect();
    assert_eq!(tokens, [None, Some("tok2".into()), Some("tok3".into())]);
}

#[tokio::test]
async fn has_more_pages_start_after_the_last_items_id() {
    let server = Server::start(|req, _| {
        let (data, more) = match req.query("starting_after") {
            None => (
                json!([{"id": "po_1", "amount": 1}, {"id": "po_2", "amount": 2}]),
                true,
            ),
            Some("po_2") => (json!([{"id": "po_3", "amount": 3}]), true),
            _ => (json!([{"id": "po_4", "amount": 4}]), false),
        };
        reply_json(
            200,
            json!({"object": "list", "data": data, "has_more": more}),
        )
    })
    .await;
    let client = client(&server);
    let all: Vec<Payout> = guard(client.list_payouts().limit(2).items().try_collect())
        .await
        .unwrap();
    let amounts: Vec<i64> = all.iter().map(|p| p.amount).collect();
    assert_eq!(amounts, [1, 2, 3, 4]);
    let after: Vec<Option<String>> = server
        .all()
        .iter()
        .map(|r| text(r, "starting_after"))
        .collect();
    assert_eq!(after, [None, Some("po_2".into()), Some("po_3".into())]);
}

#[tokio::test]
async fn declared_link_headers_are_followed() {
    let server = Server::start(|req, _| {
        let page = |body: &str, next: Option<&str>| {
            let mut headers = vec![("content-type", "application/json".to_owned())];
            if let Some(next) = next {
                headers.push(("link", format!("<{next}>; rel=\"next\"")));
            }
            Reply::Send(200, headers, body.into())
        };
        match req.query("p") {
            None => page("[\"jazz\"]", Some("/genres?p=2")),
            Some("2") => page("[\"folk\"]", Some("/genres?p=3")),
            _ => page("[\"rock\"]", None),
        }
    })
    .await;
    let client = client(&server);
    let all: Vec<String> = guard(client.list_genres().items().try_collect())
        .await
        .unwrap();
    assert_eq!(all, ["jazz", "folk", "rock"]);
    assert_eq!(server.all().len(), 3);
}

#[tokio::test]
async fn a_page_declaration_naming_an_offset_pages_by_offset() {
    let server = Server::start(|req, _| {
        let offset = number(req, "offset").unwrap_or(0);
        let limit = number(req, "limit").unwrap_or(10);
        let items: Vec<String> = (offset..(offset + limit).min(5))
            .map(|n| format!("s{n}"))
            .collect();
        reply_json(200, json!({"items": items, "total": 5}))
    })
    .await;
    let client = client(&server);
    let all: Vec<String> = guard(client.list_shows().limit(2).items().try_collect())
        .await
        .unwrap();
    assert_eq!(all, ["s0", "s1", "s2", "s3", "s4"]);
    let offsets: Vec<Option<i64>> = server.all().iter().map(|r| number(r, "offset")).collect();
    assert_eq!(offsets, [Some(0), Some(2), Some(4)]);
}

#[tokio::test]
async fn extensions_of_a_base_schema_decode_by_the_tag_they_declare() {
    let server = Server::start(|req, _| {
        let body = match req.path() {
            "/media/p" => json!({"media_type": "podcast", "title": "Talks", "host": "Ann"}),
            _ => json!({"media_type": "radio", "title": "FM", "frequency": 98.5}),
        };
        reply_json(200, body)
    })
    .await;
    let client = client(&server);
    let podcast = guard(client.get_media("p").send()).await.unwrap();
    assert!(
        matches!(&podcast, Media::Podcast(p) if p.host.as_deref() == Some("Ann")),
        "{podcast:?}"
    );
    let radio = guard(client.get_media("r").send()).await.unwrap();
    assert!(
        matches!(&radio, Media::Radio(r) if r.frequency == Some(98.5)),
        "{radio:?}"
    );
}
