//! Bodies as streams of bytes, both ways: a download read chunk by chunk with no size limit, and
//! an upload made from memory, a file on disk or any stream.

use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt};
use tokio::time::{Instant, Sleep};

use super::error::{Error, Result};
use super::upload::Progress;

/// The chunks of a body read once.
type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>;

/// The bytes of a body as a stream of [`Bytes`] chunks, read as the consumer asks for them
/// (backpressure), with no size limit.
///
/// A binary response read with a request's `.stream()` is one; so is a binary upload or a
/// multipart file part, made from bytes (`Vec<u8>`, [`Bytes`], `String` convert with
/// `.into()`), from a file ([`ByteStream::from_path`], [`ByteStream::from_file`]) or from any
/// stream of `Bytes` ([`ByteStream::from_stream`]). Consume one with
/// [`StreamExt::next`](crate::StreamExt::next), [`ByteStream::collect`] (in memory),
/// [`ByteStream::into_async_read`] (a tokio [`AsyncRead`](tokio::io::AsyncRead)) or
/// [`ByteStream::write_to`].
///
/// Bytes and paths can be sent again ([`ByteStream::is_replayable`]), so a call with one is
/// retried like any other; a stream (or an open file) can be read only once, so a call that
/// sends one is never retried.
pub struct ByteStream {
    source: Source,
    len: Option<u64>,
}

enum Source {
    Bytes(Bytes),
    Path(Arc<PathBuf>),
    /// Taken by whichever clone reads or sends it first.
    Once(Arc<Mutex<Option<Chunks>>>),
    /// In a mutex only so that a request holding it can be shared between threads.
    Reading(Mutex<Chunks>),
    Done,
}

impl ByteStream {
    /// The file at `path`, read in chunks when sent (again on a retry); its length is known.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<ByteStream> {
        let path = path.as_ref().to_path_buf();
        let len = tokio::fs::metadata(&path).await?.len();
        Ok(ByteStream {
            source: Source::Path(Arc::new(path)),
            len: Some(len),
        })
    }

    /// An open file, read from where it stands to its end, once.
    pub async fn from_file(file: tokio::fs::File) -> std::io::Result<ByteStream> {
        let len = file.metadata().await?.len();
        let chunks = tokio_util::io::ReaderStream::with_capacity(file, CHUNK).map_err(io_error);
        let mut body = ByteStream::once(Box::pin(chunks));
        body.len = Some(len);
        Ok(body)
    }

    /// Any stream of chunks, read once; its length is unknown (an upload is sent chunked).
    pub fn from_stream<S, B, E>(stream: S) -> ByteStream
    where
        S: Stream<Item = std::result::Result<B, E>> + Send + 'static,
        B: Into<Bytes>,
        E: fmt::Display,
    {
        let chunks = stream.map(|item| match item {
            Ok(chunk) => Ok(chunk.into()),
            Err(err) => Err(Error::encode(format!("the body's stream failed: {err}"))),
        });
        ByteStream::once(Box::pin(chunks))
    }

    fn once(chunks: Chunks) -> ByteStream {
        ByteStream {
            source: Source::Once(Arc::new(Mutex::new(Some(chunks)))),
            len: None,
        }
    }

    /// A download: the response's body, each wait for a chunk limited to `idle`.
    pub(super) fn from_response(resp: reqwest::Response, idle: Duration) -> ByteStream {
        let len = resp.content_length();
        let chunks = resp
            .bytes_stream()
            .map_err(move |err| Error::from_reqwest(err, idle));
        let mut body = ByteStream::once(Box::pin(IdleTimeout::new(chunks, idle)));
        body.len = len;
        body
    }

    /// The length in bytes, when known (bytes, files, and downloads with `Content-Length`).
    pub fn len(&self) -> Option<u64> {
        self.len
    }

    /// Whether the length is known to be zero.
    pub fn is_empty(&self) -> bool {
        self.len == Some(0)
    }

    /// The bytes, when the body is bytes in memory.
    pub(super) fn as_bytes(&self) -> Option<&Bytes> {
        match &self.source {
            Source::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// Whether the body can be sent again (bytes, a path), so that a failed call may be retried.
    pub fn is_replayable(&self) -> bool {
        matches!(self.source, Source::Bytes(_) | Source::Path(_))
    }

    /// Reads the rest of the body into memory, with no size limit.
    pub async fn collect(mut self) -> Result<Bytes> {
        if let Source::Bytes(bytes) = &mut self.source {
            return Ok(std::mem::take(bytes));
        }
        let capacity = self.len.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
        let mut whole = BytesMut::with_capacity(capacity);
        while let Some(chunk) = self.next().await {
            whole.extend_from_slice(&chunk?);
        }
        Ok(whole.freeze())
    }

    /// The body as a tokio [`AsyncRead`](tokio::io::AsyncRead), e.g. for `tokio::io::copy`;
    /// a failure reads as an I/O error of kind `Other` wrapping the [`Error`].
    pub fn into_async_read(self) -> impl tokio::io::AsyncBufRead + Send + Unpin {
        tokio_util::io::StreamReader::new(self.map_err(std::io::Error::other))
    }

    /// Writes the rest of the body to `out` chunk by chunk (e.g. a `tokio::fs::File`); the
    /// number of bytes written.
    pub async fn write_to<W>(mut self, out: &mut W) -> Result<u64>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        use tokio::io::AsyncWriteExt;
        let mut written = 0;
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            out.write_all(&chunk).await.map_err(write_error)?;
            written += chunk.len() as u64;
        }
        out.flush().await.map_err(write_error)?;
        Ok(written)
    }

    /// The body as reqwest sends it, each chunk the connection takes noted in `progress`; the
    /// length, when known, goes in `Content-Length`.
    pub(super) fn to_reqwest(&self, progress: &Progress) -> reqwest::Body {
        match &self.source {
            Source::Bytes(bytes) => reqwest::Body::from(bytes.clone()),
            _ => reqwest::Body::wrap_stream(progress.track(self.clone())),
        }
    }
}

/// How much of a file is read at a time.
const CHUNK: usize = 64 * 1024;

fn io_error(err: std::io::Error) -> Error {
    Error::encode(format!("reading the body failed: {err}"))
}

fn write_error(err: std::io::Error) -> Error {
    Error::encode(format!("writing the body failed: {err}"))
}

impl Stream for ByteStream {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match &mut self.source {
                Source::Bytes(bytes) => {
                    let bytes = std::mem::take(bytes);
                    self.source = Source::Done;
                    if !bytes.is_empty() {
                        return Poll::Ready(Some(Ok(bytes)));
                    }
                }
                Source::Path(path) => {
                    let path = Arc::clone(path);
                    let open = async move { tokio::fs::File::open(path.as_path()).await };
                    let chunks = futures_util::stream::once(open)
                        .map_ok(|file| tokio_util::io::ReaderStream::with_capacity(file, CHUNK))
                        .try_flatten()
                        .map_err(io_error);
                    self.source = Source::Reading(Mutex::new(Box::pin(chunks)));
                }
                Source::Once(slot) => {
                    let taken = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
                    match taken {
                        Some(chunks) => self.source = Source::Reading(Mutex::new(chunks)),
                        None => {
                            self.source = Source::Done;
                            let err = Error::encode("the body's stream was already read");
                            return Poll::Ready(Some(Err(err)));
                        }
                    }
                }
                Source::Reading(chunks) => {
                    let chunks = chunks.get_mut().unwrap_or_else(|p| p.into_inner());
                    let next = chunks.as_mut().poll_next(cx);
                    if let Poll::Ready(None) = next {
                        self.source = Source::Done;
                    }
                    return next;
                }
                Source::Done => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, None)
    }
}

/// A clone of a stream read once shares it: whichever reads first gets the bytes.
impl Clone for ByteStream {
    fn clone(&self) -> Self {
        let source = match &self.source {
            Source::Bytes(bytes) => Source::Bytes(bytes.clone()),
            Source::Path(path) => Source::Path(Arc::clone(path)),
            Source::Once(slot) => Source::Once(Arc::clone(slot)),
            Source::Reading(_) | Source::Done => Source::Once(Arc::new(Mutex::new(None))),
        };
        ByteStream {
            source,
            len: self.len,
        }
    }
}

/// Two bodies are equal when they hold the same bytes or path, or share one stream.
impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        match (&self.source, &other.source) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Path(a), Source::Path(b)) => a == b,
            (Source::Once(a), Source::Once(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Bytes(_) => "bytes",
            Source::Path(_) => "file",
            Source::Once(_) | Source::Reading(_) => "stream",
            Source::Done => "read",
        };
        f.debug_struct("ByteStream")
            .field("source", &source)
            .field("len", &self.len)
            .finish()
    }
}

impl Default for ByteStream {
    fn default() -> Self {
        ByteStream::from(Bytes::new())
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        ByteStream {
            len: Some(bytes.len() as u64),
            source: Source::Bytes(bytes),
        }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::from(Bytes::from(bytes))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        ByteStream::from(Bytes::from(text))
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        ByteStream::from(Bytes::from_static(bytes))
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        ByteStream::from(Bytes::from_static(text.as_bytes()))
    }
}

/// A stream whose every wait for the next item is limited to `idle`; past it, one
/// [`Error::Timeout`] ends it. Only the time the consumer waits counts, not the time it takes
/// between asking.
struct IdleTimeout<S> {
    inner: S,
    idle: Duration,
    timer: Pin<Box<Sleep>>,
    armed: bool,
    done: bool,
}

impl<S> IdleTimeout<S> {
    fn new(inner: S, idle: Duration) -> Self {
        IdleTimeout {
            inner,
            idle,
            timer: Box::pin(tokio::time::sleep(idle)),
            armed: false,
            done: false,
        }
    }
}

impl<S: Stream<Item = Result<Bytes>> + Unpin> Stream for IdleTimeout<S> {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        if !self.armed {
            let deadline = Instant::now() + self.idle;
            self.timer.as_mut().reset(deadline);
            self.armed = true;
        }
        match self.inner.poll_next_unpin(cx) {
            Poll::Ready(item) => {
                self.armed = false;
                self.done = item.is_none();
                Poll::Ready(item)
            }
            Poll::Pending => match self.timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    self.done = true;
                    Poll::Ready(Some(Err(Error::Timeout { after: self.idle })))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn bytes_and_paths_replay_and_streams_are_read_once() {
        let bytes = ByteStream::from(vec![1u8, 2, 3]);
        assert!(bytes.is_replayable());
        assert_eq!(bytes.len(), Some(3));
        assert_eq!(bytes.clone().collect().await.unwrap(), &[1u8, 2, 3][..]);
        assert_eq!(bytes.collect().await.unwrap(), &[1u8, 2, 3][..]);

        let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>("ab"), Ok("c")]);
        let once = ByteStream::from_stream(chunks);
        assert!(!once.is_replayable());
        let twin = once.clone();
        assert_eq!(once.collect().await.unwrap(), "abc");
        assert!(matches!(twin.collect().await, Err(Error::Encode { .. })));
    }

    #[tokio::test]
    async fn a_path_is_read_again_on_each_send() {
        let path = std::env::temp_dir().join(format!("sdk-stream-{}", std::process::id()));
        std::fs::write(&path, vec![7u8; 200_000]).unwrap();
        let body = ByteStream::from_path(&path).await.unwrap();
        assert_eq!(body.len(), Some(200_000));
        assert!(body.is_replayable());
        let first = body.clone().collect().await.unwrap();
        let second = body.collect().await.unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(first.len(), 200_000);
        assert_eq!(first, second);
    }

    #[tokio::test]
    async fn a_stream_failure_is_an_error_item() {
        let chunks = futures_util::stream::iter([Ok("a"), Err("disk on fire")]);
        let mut body = ByteStream::from_stream(chunks);
        assert_eq!(body.next().await.unwrap().unwrap(), "a");
        let err = body.next().await.unwrap().unwrap_err();
        assert!(err.to_string().contains("disk on fire"), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn idle_timeout_counts_only_the_waits() {
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes>>(4);
        let rx = futures_util::stream::unfold(rx, |mut rx| async { Some((rx.recv().await?, rx)) });
        let mut idle = IdleTimeout::new(Box::pin(rx), Duration::from_secs(5));
        tx.send(Ok(Bytes::from_static(b"a"))).await.unwrap();
        // A slow consumer: the time between asking does not count.
        tokio::time::sleep(Duration::from_secs(60)).await;
        assert_eq!(idle.next().await.unwrap().unwrap(), "a");
        let sender = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(4)).await;
            tx.send(Ok(Bytes::from_static(b"b"))).await.unwrap();
            tokio::time::sleep(Duration::from_secs(6)).await;
            drop(tx);
        });
        assert_eq!(idle.next().await.unwrap().unwrap(), "b");
        let err = idle.next().await.unwrap().unwrap_err();
        assert!(matches!(err, Error::Timeout { after } if after == Duration::from_secs(5)));
        assert!(idle.next().await.is_none());
        sender.await.unwrap();
    }
}
