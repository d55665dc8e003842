//! Where one attempt leaves the client: over HTTP with reqwest, or to a [`Mock`](super::mock::Mock)
//! under the `test-util` feature. Everything before (URL, headers, auth) and after (status,
//! retries, body reading) is the same for both.

use std::time::Duration;

use super::client::Runtime;
use super::error::{Error, Result};
use super::request::Request;

/// How a runtime sends its requests.
pub(super) enum Transport {
    /// With the runtime's `reqwest::Client`.
    Http,
    /// To an in-memory mock: no socket is opened.
    #[cfg(feature = "test-util")]
    Mock(super::mock::Mock),
}

impl Runtime {
    /// Sends one attempt of `req` (made into `http_req`) and returns the response head, whatever
    /// its status. The caller bounds it with the attempt's `timeout`.
    pub(super) async fn transmit(
        &self,
        http_req: reqwest::Request,
        #[cfg_attr(not(feature = "test-util"), allow(unused_variables))] req: &Request,
        timeout: Duration,
    ) -> Result<reqwest::Response> {
        match &self.shared.transport {
            Transport::Http => {
                let sent = self.shared.http.execute(http_req).await;
                sent.map_err(|err| Error::from_reqwest(err, timeout))
            }
            #[cfg(feature = "test-util")]
            Transport::Mock(mock) => mock.exchange(http_req, req, &self.shared.http).await,
        }
    }
}
