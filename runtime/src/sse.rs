//! Server-sent events: a `text/event-stream` body parsed as the WHATWG HTML standard says
//! (section 9.2.6), event by event as the bytes arrive, each event's data decoded on its own.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use super::error::{Error, Result};
use super::stream::ByteStream;

/// One server-sent event, its `data` decoded as the operation's type.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event type: the `event:` field, `message` when the server sends none.
    pub event: String,
    /// The `data:` lines, joined with `\n`, decoded.
    pub data: T,
    /// The last event id the stream set (`id:`), which a reconnecting client sends as
    /// `Last-Event-ID`.
    pub id: Option<String>,
    /// The reconnection time the server asked for (`retry:`) since the previous event.
    pub retry: Option<Duration>,
}

/// The events of a `text/event-stream` response, each as soon as its blank line arrives.
///
/// An event whose data does not decode is an [`Error::Decode`] item, and the stream goes on;
/// a transport failure or an idle timeout is a last error item. The total timeout covers the
/// call until the response's headers; the read-idle timeout covers each wait for more bytes.
pub struct EventStream<T> {
    body: ByteStream,
    parser: Parser,
    decode: fn(&str) -> Result<T>,
    request_id: Option<String>,
    done: bool,
}

impl<T> EventStream<T> {
    /// The events of `body`, each event's data made into a `T` by `decode` (e.g. [`json_data`]
    /// or [`text_data`]).
    pub fn new(body: ByteStream, decode: fn(&str) -> Result<T>) -> Self {
        EventStream {
            body,
            parser: Parser::default(),
            decode,
            request_id: None,
            done: false,
        }
    }

    pub(super) fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    fn event(&self, raw: Raw) -> Result<Event<T>> {
        let data = (self.decode)(&raw.data).map_err(|err| match err {
            Error::Decode {
                message,
                path,
                snippet,
                request_id,
            } => Error::Decode {
                message,
                path,
                snippet,
                request_id: request_id.or_else(|| self.request_id.clone()),
            },
            other => other,
        })?;
        Ok(Event {
            event: raw.event,
            data,
            id: raw.id,
            retry: raw.retry,
        })
    }
}

/// An event's data decoded from JSON; [`Error::Decode`] says where it did not fit `T`.
pub fn json_data<T: DeserializeOwned>(data: &str) -> Result<T> {
    super::response::decode(data.as_bytes(), None)
}

/// An event's data as text.
pub fn text_data(data: &str) -> Result<String> {
    Ok(data.to_owned())
}

impl<T> Stream for EventStream<T> {
    type Item = Result<Event<T>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(raw) = self.parser.ready.pop_front() {
                return Poll::Ready(Some(self.event(raw)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            match self.body.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(chunk))) => self.parser.feed(&chunk),
                Poll::Ready(Some(Err(err))) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(None) => {
                    self.parser.finish();
                    self.done = true;
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("request_id", &self.request_id)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// An event as parsed, before its data is decoded.
#[derive(Debug, PartialEq)]
struct Raw {
    event: String,
    data: String,
    id: Option<String>,
    retry: Option<Duration>,
}

/// The event-stream parser: lines end with CRLF, LF or CR (also split across chunks).
#[derive(Default)]
struct Parser {
    line: Vec<u8>,
    /// The last byte was a CR: a LF right after it ends no other line.
    after_cr: bool,
    /// The first line has been read (a byte order mark before it is dropped).
    started: bool,
    data: String,
    event: String,
    id: Option<String>,
    retry: Option<Duration>,
    ready: VecDeque<Raw>,
}

impl Parser {
    fn feed(&mut self, mut chunk: &[u8]) {
        if chunk.is_empty() {
            return;
        }
        if std::mem::take(&mut self.after_cr) && chunk[0] == b'\n' {
            chunk = &chunk[1..];
        }
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.line.extend_from_slice(&chunk[..end]);
            self.end_line();
            let crlf = chunk[end] == b'\r' && chunk.get(end + 1) == Some(&b'\n');
            self.after_cr = chunk[end] == b'\r' && end + 1 == chunk.len();
            chunk = &chunk[end + 1 + usize::from(crlf)..];
        }
        self.line.extend_from_slice(chunk);
    }

    /// The end of the stream: a last line without its line break counts, and so does a last
    /// event without its blank line (browsers drop it; an API's final event matters).
    fn finish(&mut self) {
        if !self.line.is_empty() {
            self.end_line();
        }
        self.dispatch();
    }

    fn end_line(&mut self) {
        let mut line = std::mem::take(&mut self.line);
        if !std::mem::replace(&mut self.started, true) && line.starts_with("\u{feff}".as_bytes()) {
            line.drain(..3);
        }
        let line = String::from_utf8_lossy(&line);
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (&*line, ""),
        };
        match field {
            "event" => self.event = value.to_owned(),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok().map(Duration::from_millis);
            }
            _ => {}
        }
    }

    fn dispatch(&mut self) {
        let event = std::mem::take(&mut self.event);
        if self.data.is_empty() {
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        self.ready.push_back(Raw {
            event: if event.is_empty() {
                "message".to_owned()
            } else {
                event
            },
            data,
            id: self.id.clone(),
            retry: self.retry.take(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(chunks: &[&[u8]]) -> Vec<Raw> {
        let mut parser = Parser::default();
        for chunk in chunks {
            parser.feed(chunk);
        }
        parser.finish();
        parser.ready.into()
    }

    fn raw(event: &str, data: &str, id: Option<&str>) -> Raw {
        Raw {
            event: event.into(),
            data: data.into(),
            id: id.map(Into::into),
            retry: None,
        }
    }

    #[test]
    fn fields_comments_and_multi_line_data() {
        let text = b"\xEF\xBB\xBF: a comment\ndata: one\ndata:two\ndata\n\nevent: tick\nid: 7\nretry: 1500\ndata: {}\n\nid\nnonsense: x\ndata: after\n\n";
        let events = parse(&[text]);
        assert_eq!(events.len(), 3);
        assert_eq!(events[0], raw("message", "one\ntwo\n", None));
        assert_eq!(events[1].event, "tick");
        assert_eq!(events[1].id.as_deref(), Some("7"));
        assert_eq!(events[1].retry, Some(Duration::from_millis(1500)));
        // `id` with no value sets the last event id to empty; it then sticks.
        assert_eq!(events[2], raw("message", "after", Some("")));
    }

    #[test]
    fn every_line_ending_and_any_split() {
        let text = b"data: a\r\ndata: b\r\rdata: c\n\ndata: d\r\r\ndata: e\n\n";
        let whole = parse(&[text]);
        let want = vec![
            raw("message", "a\nb", None),
            raw("message", "c", None),
            raw("message", "d", None),
            raw("message", "e", None),
        ];
        assert_eq!(whole, want);
        for cut in 0..text.len() {
            for second in cut..text.len() {
                let parts = [&text[..cut], &text[cut..second], &text[second..]];
                assert_eq!(parse(&parts), want, "cut at {cut} and {second}");
            }
        }
    }

    #[test]
    fn a_final_event_without_its_blank_line_counts_and_empty_blocks_do_not() {
        assert_eq!(
            parse(&[b"event: x\n\ndata: last"]),
            vec![raw("message", "last", None)]
        );
        assert_eq!(
            parse(&[b"data: last\n"]),
            vec![raw("message", "last", None)]
        );
        assert!(parse(&[b"event: lonely\n\n: only a comment\n\n"]).is_empty());
        assert_eq!(parse(&[b"data\n\n"]), vec![raw("message", "", None)]);
    }

    #[tokio::test]
    async fn malformed_data_is_an_error_item_and_the_stream_goes_on() {
        let body = ByteStream::from("data: 1\n\ndata: x\n\ndata: 3\n\n");
        let events: Vec<_> = EventStream::new(body, json_data::<u32>).collect().await;
        assert_eq!(events.len(), 3);
        assert_eq!(events[0].as_ref().unwrap().data, 1);
        assert!(matches!(events[1], Err(Error::Decode { .. })));
        assert_eq!(events[2].as_ref().unwrap().data, 3);
    }
}
