//! When and how long to wait before trying a request again: backoff, jitter and `Retry-After`.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, DATE, RETRY_AFTER};

/// How failed calls are retried.
///
/// Connection failures (nothing was sent) are retried for every request;
/// 429, 502, 503 and 504 answers only for idempotent requests unless
/// `retry_non_idempotent` is set. Delays grow exponentially with full jitter.
///
/// A `Retry-After` header (delay-seconds or an HTTP-date) is honoured when it asks for at
/// most `max_delay`. When it asks for longer, the call ends at once with the answer's
/// [`Error::Status`](crate::Error::Status) rather than retrying early, and
/// [`Error::retry_after`](crate::Error::retry_after) gives the wait the server asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// The backoff ceiling of the first retry (default 200 ms).
    pub base_delay: Duration,
    /// The longest wait between attempts (default 5 s).
    pub max_delay: Duration,
    /// Also retry non-idempotent requests (e.g. POST) on 429/502/503/504 (default false).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The longest backoff before retry number `retry` (0 for the first retry):
    /// `base_delay * 2^retry`, at most `max_delay`.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    /// The wait before retry number `retry`: the server's `Retry-After` capped at
    /// `max_delay` when given, else a uniformly random share of [`Self::backoff_ceiling`].
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_delay);
        }
        let ceiling = u64::try_from(self.backoff_ceiling(retry).as_micros()).unwrap_or(u64::MAX);
        Duration::from_micros(fastrand::u64(0..=ceiling))
    }
}

/// Statuses that say "try again later".
pub(super) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The wait a `Retry-After` header asks for: its delay-seconds, or its HTTP-date less the
/// response's `Date` (the time now when there is none), zero for a date already past.
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    let sent = headers
        .get(DATE)
        .and_then(|date| httpdate::parse_http_date(date.to_str().ok()?).ok())
        .unwrap_or_else(SystemTime::now);
    Some(at.duration_since(sent).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ceiling(0), Duration::from_millis(200));
        assert_eq!(p.backoff_ceiling(3), Duration::from_millis(1600));
        assert_eq!(p.backoff_ceiling(40), Duration::from_secs(5));
        for retry in 0..5 {
            assert!(p.delay(retry, None) <= p.backoff_ceiling(retry));
        }
    }

    #[test]
    fn retry_after_is_used_and_capped() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(60))),
            Duration::from_secs(5)
        );
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static(" 7 "));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn retry_after_dates_count_from_the_response_date() {
        let mut headers = HeaderMap::new();
        headers.insert(
            DATE,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        let at = |date: &'static str, headers: &mut HeaderMap| {
            headers.insert(RETRY_AFTER, HeaderValue::from_static(date));
            retry_after(headers)
        };
        let hour_later = "Wed, 21 Oct 2015 08:28:00 GMT";
        assert_eq!(
            at(hour_later, &mut headers),
            Some(Duration::from_secs(3600))
        );
        let earlier = "Wed, 21 Oct 2015 07:00:00 GMT";
        assert_eq!(at(earlier, &mut headers), Some(Duration::ZERO));
        headers.remove(DATE);
        assert_eq!(
            at(hour_later, &mut headers),
            Some(Duration::ZERO),
            "past, by now"
        );
        let far = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(7200));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&far).unwrap());
        let wait = retry_after(&headers).unwrap();
        assert!(wait > Duration::from_secs(7000) && wait <= Duration::from_secs(7200));
    }

    #[test]
    fn only_overload_statuses_retry() {
        assert!([429, 502, 503, 504].into_iter().all(is_retryable_status));
        assert!(![400, 401, 500, 501].into_iter().any(is_retryable_status));
    }
}
