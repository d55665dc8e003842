//! Server-sent events through the generated client: each event as soon as it is sent, decoded
//! as the spec's type, a malformed one an error item between the others.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::sync::Notify;

use super::api::client;
use super::runtime::{Error, StreamExt};
use super::server::start;

const EVENTS: u64 = 1000;

/// Event `i`: every 7th has data that is no `Tick`, every 5th is split across writes, and the
/// rest vary their line endings and carry comments and ids.
fn event(i: u64) -> String {
    let data = if i % 7 == 3 {
        format!("{{\"seq\": \"not a number {i}\"}}")
    } else {
        format!("{{\"seq\": {i},\n\"note\": \"tick {i}\"}}")
    };
    let nl = ["\n", "\r\n", "\r"][(i % 3) as usize];
    let mut text = format!(": comment {i}{nl}id: {i}{nl}event: tick{nl}");
    for line in data.split('\n') {
        text.push_str(&format!("data: {line}{nl}"));
    }
    if i + 1 < EVENTS {
        text.push_str(nl);
    }
    // The last event ends without its blank line.
    text
}

#[tokio::test]
async fn a_thousand_events_arrive_one_by_one_and_malformed_ones_are_error_items() {
    let first_seen = Arc::new(Notify::new());
    let seen = Arc::clone(&first_seen);
    let url = start(move |_head, mut stream| {
        let seen = Arc::clone(&seen);
        async move {
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";
            stream.write_all(head.as_bytes()).await.unwrap();
            for i in 0..EVENTS {
                let text = event(i);
                if i % 5 == 1 {
                    let (a, b) = text.split_at(text.len() / 2);
                    stream.write_all(a.as_bytes()).await.unwrap();
                    stream.flush().await.unwrap();
                    tokio::task::yield_now().await;
                    stream.write_all(b.as_bytes()).await.unwrap();
                } else {
                    stream.write_all(text.as_bytes()).await.unwrap();
                }
                stream.flush().await.unwrap();
                if i == 0 {
                    // The second event waits until the caller has the first.
                    seen.notified().await;
                }
            }
        }
    })
    .await;
    let run = async {
        let mut events = client(&url).watch_ticks().await.unwrap();
        let first = events.next().await.unwrap().unwrap();
        assert_eq!((first.data.seq, first.id.as_deref()), (0, Some("0")));
        first_seen.notify_one();
        let (mut good, mut bad) = (1, 0);
        let mut i = 1;
        while let Some(item) = events.next().await {
            match item {
                Ok(tick) => {
                    assert_ne!(i % 7, 3, "event {i} is malformed");
                    assert_eq!(tick.data.seq, i as i64);
                    assert_eq!(tick.data.note.as_deref(), Some(&*format!("tick {i}")));
                    assert_eq!(
                        (tick.event.as_str(), tick.id),
                        ("tick", Some(i.to_string()))
                    );
                    good += 1;
                }
                Err(err) => {
                    assert_eq!(i % 7, 3, "event {i}: {err}");
                    assert!(matches!(err, Error::Decode { ref path, .. } if path == "seq"));
                    bad += 1;
                }
            }
            i += 1;
        }
        println!("SSE: {good} events decoded, {bad} error items, of {EVENTS}");
        assert_eq!(good + bad, EVENTS);
        assert_eq!(bad, (0..EVENTS).filter(|i| i % 7 == 3).count() as u64);
    };
    tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the first event reached the caller before the second was sent");
}

#[tokio::test]
async fn events_without_a_schema_are_text() {
    let url = start(|_head, mut stream| async move {
        let body = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\ndata: line one\ndata: line two\n\ndata: {not json\n\n";
        stream.write_all(body.as_bytes()).await.unwrap();
    })
    .await;
    let events: Vec<_> = client(&url).follow_log().await.unwrap().collect().await;
    let data: Vec<String> = events.into_iter().map(|e| e.unwrap().data).collect();
    assert_eq!(data, ["line one\nline two", "{not json"]);
}
