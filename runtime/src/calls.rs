//! The calls whose result is not made from a body read whole and borrowed: a body taken by value
//! (no copy), a download as a stream of bytes, and server-sent events.

use super::client::Runtime;
use super::error::Result;
use super::meta::ApiResponse;
use super::request::Request;
use super::response::Received;
use super::sse::EventStream;
use super::stream::ByteStream;
use super::BoxFuture;

impl Runtime {
    /// [`Runtime::call`], with `decode` taking the received body by value (so that bytes are
    /// returned without a copy).
    pub fn call_into<'a, T: Send + 'a>(
        &'a self,
        req: Result<Request>,
        decode: fn(Received) -> Result<T>,
    ) -> BoxFuture<'a, Result<T>> {
        Box::pin(async move { decode(self.execute(req?).await?.receive().await?) })
    }

    /// [`Runtime::call_into`], keeping the response's [`Meta`](super::Meta) with the result.
    pub fn call_into_with_response<'a, T: Send + 'a>(
        &'a self,
        req: Result<Request>,
        decode: fn(Received) -> Result<T>,
    ) -> BoxFuture<'a, Result<ApiResponse<T>>> {
        Box::pin(async move {
            let resp = self.execute(req?).await?;
            let meta = resp.meta();
            let body = decode(resp.receive().await?)?;
            Ok(ApiResponse::new(meta, body))
        })
    }

    /// Sends `req` and gives its 2XX body as a stream of chunks, with no size limit: the timeout
    /// covers the call until the response's headers, the read-idle timeout each wait for a chunk.
    pub fn download<'a>(&'a self, req: Result<Request>) -> BoxFuture<'a, Result<ByteStream>> {
        Box::pin(async move { Ok(self.execute(req?).await?.into_stream()) })
    }

    /// [`Runtime::download`], keeping the response's [`Meta`](super::Meta) with the stream.
    pub fn download_with_response<'a>(
        &'a self,
        req: Result<Request>,
    ) -> BoxFuture<'a, Result<ApiResponse<ByteStream>>> {
        Box::pin(async move {
            let resp = self.execute(req?).await?;
            let meta = resp.meta();
            Ok(ApiResponse::new(meta, resp.into_stream()))
        })
    }

    /// Sends `req` and gives its 2XX `text/event-stream` body as events, each event's data made
    /// by `decode` ([`json_data`](super::json_data) or [`text_data`](super::text_data)).
    pub fn events<'a, T: Send + 'a>(
        &'a self,
        req: Result<Request>,
        decode: fn(&str) -> Result<T>,
    ) -> BoxFuture<'a, Result<EventStream<T>>> {
        Box::pin(async move {
            let resp = self.execute(req?).await?;
            let request_id = resp.request_id().map(str::to_owned);
            Ok(EventStream::new(resp.into_stream(), decode).with_request_id(request_id))
        })
    }

    /// [`Runtime::events`], keeping the response's [`Meta`](super::Meta) with the events.
    pub fn events_with_response<'a, T: Send + 'a>(
        &'a self,
        req: Result<Request>,
        decode: fn(&str) -> Result<T>,
    ) -> BoxFuture<'a, Result<ApiResponse<EventStream<T>>>> {
        Box::pin(async move {
            let resp = self.execute(req?).await?;
            let meta = resp.meta();
            let request_id = resp.request_id().map(str::to_owned);
            let events = EventStream::new(resp.into_stream(), decode).with_request_id(request_id);
            Ok(ApiResponse::new(meta, events))
        })
    }
}
