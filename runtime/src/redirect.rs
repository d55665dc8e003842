//! Following redirects: where each hop goes, with which method and body, and whether it may
//! carry the client's credentials (only while the chain stays on the origin it started on).

use std::time::Duration;

use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_ENCODING, CONTENT_LANGUAGE,
    CONTENT_LENGTH, CONTENT_LOCATION, CONTENT_TYPE, COOKIE, LOCATION, PROXY_AUTHORIZATION,
    USER_AGENT,
};
use reqwest::{Method, Url};

use super::auth::Applied;
use super::client::Runtime;
use super::error::{Error, RedirectRefusal, Result};
use super::request::{with_query, Request};
use super::upload::Progress;

/// How many redirects one attempt follows.
const MAX_REDIRECTS: usize = 10;

/// One request of an attempt: the first, or one a redirect asked for.
pub(super) struct Hop {
    pub(super) url: Url,
    pub(super) method: Method,
    /// Whether the request's body is sent (no longer once a redirect made it a GET).
    pub(super) body: bool,
    /// Whether the client's credentials go along: only until the chain leaves its origin.
    pub(super) credentials: bool,
}

impl Hop {
    /// Removes from `headers` what this hop must not carry: with no credentials, every header
    /// that may hold one and the client's configured headers (but `Accept` and `User-Agent`);
    /// with no body, the headers that describe it.
    pub(super) fn strip(&self, headers: &mut HeaderMap, defaults: &HeaderMap) {
        if !self.credentials {
            for name in [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE] {
                headers.remove(name);
            }
            for (name, value) in defaults {
                let kept = name == ACCEPT || name == USER_AGENT;
                if !kept && headers.get(name) == Some(value) {
                    headers.remove(name);
                }
            }
        }
        if !self.body {
            let about_body = [
                CONTENT_TYPE,
                CONTENT_LENGTH,
                CONTENT_ENCODING,
                CONTENT_LANGUAGE,
                CONTENT_LOCATION,
            ];
            for name in about_body {
                headers.remove(name);
            }
        }
    }
}

/// The hop a response with `status` and `location` asks for after `hop`, or `None` when it is
/// no redirect to follow. `earlier` are the hops before `hop` (their method and URL, the first
/// first), `extra` the credentials' query pairs (added while on the first origin), and
/// `replayable` says whether the request's body can be sent again.
fn next(
    hop: &Hop,
    status: u16,
    location: Option<&HeaderValue>,
    earlier: &[(Method, Url)],
    extra: &[String],
    replayable: bool,
) -> Result<Option<Hop>> {
    if !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = location else {
        return Ok(None);
    };
    let refuse = |refused| Err(Error::Redirect { refused, status });
    let target = location.to_str().ok().and_then(|l| hop.url.join(l).ok());
    let Some(mut url) = target.filter(|u| matches!(u.scheme(), "http" | "https")) else {
        return refuse(RedirectRefusal::InvalidLocation);
    };
    url.set_fragment(None);
    if hop.url.scheme() == "https" && url.scheme() == "http" {
        return refuse(RedirectRefusal::Downgrade);
    }
    let to_get = match status {
        303 => hop.method != Method::HEAD,
        301 | 302 => hop.method == Method::POST,
        _ => false,
    };
    let method = if to_get {
        Method::GET
    } else {
        hop.method.clone()
    };
    let first = earlier.first().map_or(&hop.url, |(_, url)| url);
    let credentials = hop.credentials && first.origin() == url.origin();
    if credentials {
        url = with_query(&url, extra);
    }
    let seen = |(m, u): &(Method, Url)| *m == method && *u == url;
    if earlier.iter().any(seen) || (hop.method == method && hop.url == url) {
        return refuse(RedirectRefusal::Loop);
    }
    if earlier.len() >= MAX_REDIRECTS {
        return refuse(RedirectRefusal::TooMany);
    }
    if !to_get && hop.body && !replayable {
        return refuse(RedirectRefusal::BodyNotReplayable);
    }
    Ok(Some(Hop {
        url,
        method,
        body: hop.body && !to_get,
        credentials,
    }))
}

impl Runtime {
    /// One attempt at `req`, following redirects: the last response, and whether it came
    /// from a request that carried the credentials in `applied`.
    pub(super) async fn follow(
        &self,
        req: &Request,
        applied: &Applied,
        timeout: Duration,
        progress: &Progress,
    ) -> Result<(reqwest::Response, bool)> {
        let shared = &self.shared;
        let url = req.target_url(&shared.base, &shared.base_url, &applied.query)?;
        let mut earlier = Vec::new();
        let mut hop = Hop {
            url,
            method: req.method.clone(),
            body: true,
            credentials: true,
        };
        loop {
            let http_req = self.build(req, applied, &hop, progress)?;
            let resp = self.transmit(http_req, req, timeout).await?;
            let (status, location) = (resp.status().as_u16(), resp.headers().get(LOCATION));
            let (extra, replayable) = (&applied.query, req.is_replayable());
            let Some(then) = next(&hop, status, location, &earlier, extra, replayable)? else {
                return Ok((resp, hop.credentials));
            };
            let same_origin = then.credentials;
            tracing::debug!(status, same_origin, "following a redirect");
            let done = std::mem::replace(&mut hop, then);
            earlier.push((done.method, done.url));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(url: &str, method: Method) -> Hop {
        Hop {
            url: Url::parse(url).unwrap(),
            method,
            body: true,
            credentials: true,
        }
    }

    /// The hop after `from` for a `status` to `location`, with a replayable body.
    fn after(from: &Hop, status: u16, location: &'static str) -> Result<Option<Hop>> {
        let location = HeaderValue::from_static(location);
        next(from, status, Some(&location), &[], &[], true)
    }

    fn refusal(result: Result<Option<Hop>>) -> Option<RedirectRefusal> {
        match result {
            Err(Error::Redirect { refused, .. }) => Some(refused),
            _ => None,
        }
    }

    #[test]
    fn https_to_http_is_refused() {
        let first = hop("https://api.example/a", Method::GET);
        let down = refusal(after(&first, 302, "http://api.example/b"));
        assert_eq!(down, Some(RedirectRefusal::Downgrade));
        let up = after(
            &hop("http://api.example/a", Method::GET),
            302,
            "https://x.example/b",
        );
        assert!(up.unwrap().is_some_and(|h| !h.credentials));
    }

    #[test]
    fn credentials_stay_on_the_first_origin_for_good() {
        let first = hop("https://api.example/a", Method::GET);
        let same = after(&first, 307, "/b?x=1#frag").unwrap().unwrap();
        assert_eq!(same.url.as_str(), "https://api.example/b?x=1");
        assert!(same.credentials);
        for elsewhere in [
            "https://cdn.example/f",
            "https://api.example:8443/f",
            "//cdn.example/f",
        ] {
            let hop = after(&first, 302, elsewhere).unwrap().unwrap();
            assert!(!hop.credentials, "{elsewhere}");
            let back = after(&hop, 302, "https://api.example/c").unwrap().unwrap();
            assert!(!back.credentials, "back from {elsewhere}");
        }
    }

    #[test]
    fn methods_and_bodies_follow_the_fetch_standard() {
        let shape = |method: Method, status| {
            let hop = after(&hop("https://api.example/a", method), status, "/b");
            hop.unwrap().map(|h| (h.method, h.body))
        };
        assert_eq!(shape(Method::POST, 303), Some((Method::GET, false)));
        assert_eq!(shape(Method::PUT, 303), Some((Method::GET, false)));
        assert_eq!(shape(Method::HEAD, 303), Some((Method::HEAD, true)));
        assert_eq!(shape(Method::POST, 301), Some((Method::GET, false)));
        assert_eq!(shape(Method::POST, 302), Some((Method::GET, false)));
        assert_eq!(shape(Method::PUT, 302), Some((Method::PUT, true)));
        assert_eq!(shape(Method::POST, 307), Some((Method::POST, true)));
        assert_eq!(shape(Method::POST, 308), Some((Method::POST, true)));
        assert_eq!(shape(Method::GET, 304), None);
        assert_eq!(shape(Method::GET, 300), None);
    }

    #[test]
    fn a_body_that_cannot_be_sent_again_is_not() {
        let location = HeaderValue::from_static("/b");
        let post = hop("https://api.example/a", Method::POST);
        let again = |status| next(&post, status, Some(&location), &[], &[], false);
        assert_eq!(
            refusal(again(307)),
            Some(RedirectRefusal::BodyNotReplayable)
        );
        let get = again(303).unwrap().unwrap();
        assert_eq!((get.method, get.body), (Method::GET, false));
    }

    #[test]
    fn loops_limits_and_bad_locations_are_refused() {
        let first = hop("https://api.example/a", Method::GET);
        let to_a = HeaderValue::from_static("/a");
        let looped = next(&first, 302, Some(&to_a), &[], &[], true);
        assert_eq!(refusal(looped), Some(RedirectRefusal::Loop));
        let b = hop("https://api.example/b", Method::GET);
        let back = next(
            &b,
            302,
            Some(&to_a),
            &[(Method::GET, first.url.clone())],
            &[],
            true,
        );
        assert_eq!(refusal(back), Some(RedirectRefusal::Loop));
        let many: Vec<(Method, Url)> = (0..MAX_REDIRECTS)
            .map(|i| Url::parse(&format!("https://api.example/{i}")).unwrap())
            .map(|url| (Method::GET, url))
            .collect();
        let next_one = HeaderValue::from_static("/next");
        let eleventh = next(&first, 302, Some(&next_one), &many, &[], true);
        assert_eq!(refusal(eleventh), Some(RedirectRefusal::TooMany));
        assert!(next(&first, 302, Some(&next_one), &many[1..], &[], true).is_ok());
        // Post/Redirect/Get to the same URL is no loop; the same query credentials are added.
        let post = hop("https://api.example/a?api_key=k", Method::POST);
        let key = ["api_key=k".to_owned()];
        let get = next(&post, 303, Some(&to_a), &[], &key, true)
            .unwrap()
            .unwrap();
        assert_eq!(
            (get.method, get.url.as_str()),
            (Method::GET, "https://api.example/a?api_key=k")
        );
        let again = hop("https://api.example/a?api_key=k", Method::GET);
        let looped = next(&again, 302, Some(&to_a), &[], &key, true);
        assert_eq!(refusal(looped), Some(RedirectRefusal::Loop));
        for bad in ["ftp://x.example/f", "http://[::1"] {
            let bad = refusal(after(&first, 302, bad));
            assert_eq!(bad, Some(RedirectRefusal::InvalidLocation));
        }
        assert!(next(&first, 302, None, &[], &[], true).unwrap().is_none());
    }
}
