//! The timeout of a call that uploads a stream: it runs from the last chunk the connection took,
//! so that a long upload that keeps moving is not cut short, while one that stalls still ends.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::future::{select, Either};
use tokio::time::Instant;

/// When the connection last took a chunk of the body of one attempt; nothing is noted for a
/// body in memory (`Progress::default()`, which costs nothing).
#[derive(Clone, Default)]
pub(super) struct Progress(Option<Arc<Mutex<Option<Instant>>>>);

impl Progress {
    /// A progress that notes chunks, for a body that streams.
    pub(super) fn noted() -> Self {
        Progress(Some(Arc::default()))
    }

    fn touch(&self) {
        if let Some(last) = &self.0 {
            *last.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
        }
    }

    fn last(&self) -> Option<Instant> {
        let last = self.0.as_ref()?;
        *last.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `chunks`, noting each one the connection takes.
    pub(super) fn track<S>(&self, chunks: S) -> Tracked<S> {
        Tracked {
            inner: chunks,
            progress: self.clone(),
        }
    }
}

pub(super) struct Tracked<S> {
    inner: S,
    progress: Progress,
}

impl<S, E> Stream for Tracked<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    type Item = Result<Bytes, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let next = Pin::new(&mut self.inner).poll_next(cx);
        if let Poll::Ready(Some(Ok(_))) = &next {
            self.progress.touch();
        }
        next
    }
}

/// `fut` by `deadline`, which moves to `timeout` after the last chunk `progress` saw; `None`
/// when it passed. Also the deadline it ended with.
pub(super) async fn within<F: Future>(
    mut deadline: Instant,
    timeout: Duration,
    progress: &Progress,
    fut: F,
) -> (Option<F::Output>, Instant) {
    let mut fut = std::pin::pin!(fut);
    loop {
        let sleep = std::pin::pin!(tokio::time::sleep_until(deadline));
        match select(fut.as_mut(), sleep).await {
            Either::Left((out, _)) => return (Some(out), deadline),
            Either::Right(((), _)) => match progress.last() {
                Some(last) if last + timeout > deadline => deadline = last + timeout,
                _ => return (None, deadline),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn progress_moves_the_deadline_and_a_stall_still_ends() {
        let progress = Progress::noted();
        let timeout = Duration::from_secs(10);
        let start = Instant::now();
        let moving = {
            let progress = progress.clone();
            async move {
                for _ in 0..5 {
                    tokio::time::sleep(Duration::from_secs(8)).await;
                    progress.touch();
                }
                "sent"
            }
        };
        let (out, _) = within(start + timeout, timeout, &progress, moving).await;
        assert_eq!(
            out,
            Some("sent"),
            "40 s of upload, never 10 s without progress"
        );

        let stalled = std::future::pending::<()>();
        let begun = Instant::now();
        let (out, end) = within(begun + timeout, timeout, &progress, stalled).await;
        assert_eq!(out, None);
        assert_eq!(end, begun + timeout);
        assert_eq!(Instant::now(), begun + timeout);
    }
}
