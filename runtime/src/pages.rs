//! Operations that page, as one lazy stream of items: the stream, and the next-page helpers.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::StreamExt;

use super::error::Result;
use super::meta::Meta;

/// Every item of an operation that pages, fetched a page at a time as the stream is polled.
///
/// Made by [`paginate`]. Consume it with [`StreamExt`](crate::StreamExt) or
/// [`TryStreamExt`](crate::TryStreamExt), e.g. `pages.try_collect::<Vec<_>>().await` or
/// `while let Some(item) = pages.next().await { let item = item?; … }`.
pub struct Pages<'a, T> {
    inner: Pin<Box<dyn Stream<Item = Result<T>> + Send + 'a>>,
}

impl<T> Stream for Pages<'_, T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for Pages<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// A lazy stream of the items of every page: `fetch(state)` gives a page's items and the state
/// that fetches the next page, `None` after the last.
///
/// Nothing is fetched before the stream is first polled, and a page is fetched only when its
/// items are wanted, so `pages.take(3)` over pages of 10 items sends one request. The stream
/// ends after a page whose next state is `None`, or after yielding the first error.
pub fn paginate<'a, S, T, F, Fut>(start: S, fetch: F) -> Pages<'a, T>
where
    F: FnMut(S) -> Fut + Send + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<S>)>> + Send + 'a,
    S: Send + 'a,
    T: Send + 'a,
{
    let first = Cursor {
        fetch,
        items: VecDeque::new(),
        next: Some(start),
    };
    let stream = futures_util::stream::unfold(first, |mut cursor| async move {
        loop {
            if let Some(item) = cursor.items.pop_front() {
                return Some((Ok(item), cursor));
            }
            let state = cursor.next.take()?;
            match (cursor.fetch)(state).await {
                Ok((items, next)) => {
                    cursor.items = items.into();
                    cursor.next = next;
                }
                Err(err) => return Some((Err(err), cursor)),
            }
        }
    });
    Pages {
        inner: stream.boxed(),
    }
}

/// Where a [`paginate`] stream is: the page's items not yet yielded, and how to get the next.
struct Cursor<S, T, F> {
    fetch: F,
    items: VecDeque<T>,
    next: Option<S>,
}

/// The page after `page` in Authing's `page`/`limit` style (pages count from 1), or `None` when
/// `page` was the last: it held no items, fewer than `limit`, or reached `total` (the
/// response's `totalCount`, when it has one). A `limit` of 0 or less (the server's default)
/// stops only at an empty page or at `total`.
pub fn next_page(page: i64, limit: i64, got: usize, total: Option<i64>) -> Option<i64> {
    let got = i64::try_from(got).unwrap_or(i64::MAX);
    if got == 0 || (limit > 0 && got < limit) {
        return None;
    }
    let seen = if limit > 0 {
        page.saturating_mul(limit)
    } else {
        page.saturating_sub(1)
            .saturating_mul(got)
            .saturating_add(got)
    };
    if total.is_some_and(|total| seen >= total) {
        return None;
    }
    page.checked_add(1)
}

/// The offset after a page of `got` items read from `offset` with page size `limit`, or `None`
/// when it was the last: it held no items, fewer than `limit`, or reached `total` (when the
/// response gives one). A `limit` of 0 or less (the server's default) stops only at an empty
/// page or at `total`.
pub fn next_offset(offset: i64, limit: i64, got: usize, total: Option<i64>) -> Option<i64> {
    let got = i64::try_from(got).unwrap_or(i64::MAX);
    if got == 0 || (limit > 0 && got < limit) {
        return None;
    }
    let next = offset.checked_add(got)?;
    if total.is_some_and(|total| next >= total) {
        return None;
    }
    Some(next)
}

/// The next page's URL given in a response body, made absolute against the URL the response
/// came from; `None` when there is none (absent or empty). Like [`next_link`]'s, it goes to
/// [`Request::url`](crate::Request::url), which refuses another origin.
pub fn next_url(meta: &Meta, next: Option<&String>) -> Option<String> {
    let next = next.filter(|n| !n.is_empty())?;
    let url = meta.parsed_url().join(next).ok()?;
    Some(url.into())
}

/// The URL of the `rel="next"` link in the response's `Link` headers (RFC 8288), made
/// absolute against the URL the response came from; `None` when there is none.
///
/// Give it to [`Request::url`](crate::Request::url) to fetch the next page: that refuses a
/// URL on another origin than the client's base URL, so a hostile `Link` header cannot
/// send credentials elsewhere.
pub fn next_link(meta: &Meta) -> Option<String> {
    let headers = meta.headers().get_all(reqwest::header::LINK);
    let target = headers
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(links)
        .find(|link| link.rels.split_ascii_whitespace().any(is_next))?
        .target;
    let url = meta.parsed_url().join(target).ok()?;
    Some(url.into())
}

fn is_next(rel: &str) -> bool {
    rel.eq_ignore_ascii_case("next")
}

/// One link-value of a `Link` header: `<target>; rel="…"`.
struct Link<'a> {
    target: &'a str,
    /// The `rel` parameter's value (space-separated relation types), unquoted and unescaped
    /// only as far as the relation types need (they contain no quotes or backslashes).
    rels: &'a str,
}

/// The link-values of one `Link` header, skipping any that do not parse.
fn links(header: &str) -> impl Iterator<Item = Link<'_>> {
    let mut rest = header;
    std::iter::from_fn(move || loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return None;
        }
        let (link, after) = link_value(rest);
        rest = after;
        if link.is_some() {
            return link;
        }
    })
}

/// The link-value at the start of `text` (if it is one) and what follows it.
fn link_value(text: &str) -> (Option<Link<'_>>, &str) {
    let Some(target) = text.strip_prefix('<').and_then(|t| t.split_once('>')) else {
        return (None, skip_value(text));
    };
    let (target, mut rest) = target;
    let mut rels = None;
    loop {
        rest = rest.trim_start();
        let Some(param) = rest.strip_prefix(';') else {
            break;
        };
        let (name, value, after) = parameter(param.trim_start());
        if name.eq_ignore_ascii_case("rel") && rels.is_none() {
            rels = Some(value);
        }
        rest = after;
    }
    let link = rels.map(|rels| Link { target, rels });
    (link, skip_value(rest))
}

/// A parameter `name=value` or `name="quoted value"` (or a bare `name`) and the rest.
fn parameter(text: &str) -> (&str, &str, &str) {
    let name_end = text.find(['=', ';', ',']).unwrap_or(text.len());
    let name = text[..name_end].trim();
    let Some(value) = text[name_end..].strip_prefix('=') else {
        return (name, "", &text[name_end..]);
    };
    let value = value.trim_start();
    if let Some(quoted) = value.strip_prefix('"') {
        let end = crate::secret::quoted_end(quoted);
        let after = quoted.get(end + 1..).unwrap_or_default();
        return (name, &quoted[..end], after);
    }
    let end = value.find([';', ',']).unwrap_or(value.len());
    (name, value[..end].trim(), &value[end..])
}

/// The text after the link-value at the start of `text`: from the next top-level comma.
fn skip_value(text: &str) -> &str {
    let mut in_quotes = false;
    let mut in_target = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quotes => escaped = true,
            '"' if !in_target => in_quotes = !in_quotes,
            '<' if !in_quotes => in_target = true,
            '>' if !in_quotes => in_target = false,
            ',' if !in_quotes && !in_target => return &text[i..],
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, LINK};

    fn meta(links: &[&str]) -> Meta {
        let mut headers = HeaderMap::new();
        for link in links {
            headers.append(LINK, HeaderValue::from_str(link).unwrap());
        }
        let url = reqwest::Url::parse("https://api.example/v1/items?page=1").unwrap();
        Meta::new(200, headers, None, url)
    }

    #[test]
    fn next_link_finds_rel_next_among_many() {
        let cases = [
            (
                r#"<https://api.example/v1/items?page=2>; rel="next", <https://api.example/v1/items?page=9>; rel="last""#,
                Some("https://api.example/v1/items?page=2"),
            ),
            (
                r#"<https://api.example/a?x=1,2>; title="a, b; c"; rel="prev", </v1/items?page=3>; REL="last NEXT""#,
                Some("https://api.example/v1/items?page=3"),
            ),
            (
                r#"<?page=4>;rel=next"#,
                Some("https://api.example/v1/items?page=4"),
            ),
            (
                r#"<other?page=5>; rel = "next""#,
                Some("https://api.example/v1/other?page=5"),
            ),
            (r#"<https://api.example/p2>; rel="prev""#, None),
            (
                r#"garbage, <https://api.example/ok>; rel="next""#,
                Some("https://api.example/ok"),
            ),
            (r#"<https://api.example/x>; rel="nextpage""#, None),
            ("", None),
        ];
        for (header, want) in cases {
            assert_eq!(next_link(&meta(&[header])).as_deref(), want, "{header}");
        }
        let two = meta(&[
            r#"<https://a.example/1>; rel="prev""#,
            r#"<https://a.example/2>; rel="next""#,
        ]);
        assert_eq!(next_link(&two).as_deref(), Some("https://a.example/2"));
    }

    #[test]
    fn next_offset_advances_by_the_items_received() {
        assert_eq!(next_offset(0, 20, 20, None), Some(20));
        assert_eq!(next_offset(20, 20, 20, Some(100)), Some(40));
        assert_eq!(next_offset(0, 0, 7, None), Some(7));
        assert_eq!(next_offset(40, 20, 5, None), None);
        assert_eq!(next_offset(80, 20, 20, Some(100)), None);
        assert_eq!(next_offset(0, 20, 0, Some(100)), None);
        assert_eq!(next_offset(i64::MAX, 1, 1, None), None);
    }

    #[test]
    fn next_url_is_absolute_and_absent_when_empty() {
        let m = meta(&[]);
        let next = |s: &str| next_url(&m, Some(&s.to_owned()));
        assert_eq!(
            next("https://api.example/v1/items?offset=20").as_deref(),
            Some("https://api.example/v1/items?offset=20")
        );
        assert_eq!(
            next("/v1/items?offset=40").as_deref(),
            Some("https://api.example/v1/items?offset=40")
        );
        assert_eq!(next(""), None);
        assert_eq!(next_url(&m, None), None);
    }

    #[test]
    fn next_page_stops_at_short_empty_or_total() {
        assert_eq!(next_page(1, 10, 10, None), Some(2));
        assert_eq!(next_page(1, 10, 10, Some(25)), Some(2));
        assert_eq!(next_page(3, 10, 5, Some(25)), None);
        assert_eq!(next_page(2, 10, 10, Some(20)), None);
        assert_eq!(next_page(2, 10, 0, None), None);
        assert_eq!(next_page(1, 0, 30, Some(30)), None);
        assert_eq!(next_page(1, 0, 30, Some(31)), Some(2));
        assert_eq!(next_page(i64::MAX, 10, 10, None), None);
        assert_eq!(next_page(i64::MAX / 2, 10, 10, Some(i64::MAX)), None);
    }
}
