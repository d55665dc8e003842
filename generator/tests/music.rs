//! The `tests/features/music/` snapshots (kept equal to the generator's output by
//! `tests/features.rs`), compiled as a crate would have them and run against a loopback server:
//! unions whose tags are the values their variants declare, and list operations that page by
//! convention, without `x-sdk-pagination`.
#![allow(dead_code, unexpected_cfgs)]

pub use sdk_runtime as runtime;
pub use sdk_runtime::{Error, Result};
#[path = "support/mod.rs"]
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
use serde_json::json;
use support::{guard, reply_json, Server};

fn client(server: &Server) -> MusicClient {
    MusicClient::builder()
        .base_url(&server.url)
        .build()
        .unwrap()
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
