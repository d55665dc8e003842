//! The runtime at the web's edges, against servers on loopback: `Retry-After` beyond the retry
//! policy's cap, and redirects within and across origins.

mod downgrade;
mod redirects;
mod retry_after;

use std::future::Future;
use std::time::Duration;

/// Fails the test instead of hanging.
pub async fn guard<T>(fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), fut)
        .await
        .expect("the call hung")
}
