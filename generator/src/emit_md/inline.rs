//! Inline Markdown from the spec, respelled the way prettier prints it (code spans, whitespace,
//! emphasis markers), with its links resolved, so that descriptions copied into a page survive
//! formatting unchanged and link only to what exists.

use super::links::Links;
use super::render::{code_span, inline_code};

/// Where inline text goes: a table cell (line breaks as `<br>`, `|` escaped) or a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Cell,
    Prose,
}

/// A stretch of inline Markdown: a code span (its CommonMark content), a link, or the text between.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Code(String),
    Link(Link<'a>),
}

/// An inline link or image, `[label](dest tail)`, as the spec spelled it.
#[derive(Debug, PartialEq)]
pub struct Link<'a> {
    pub image: bool,
    pub label: &'a str,
    /// The destination, without its `<>` when `angle`.
    pub dest: &'a str,
    pub angle: bool,
    /// What follows the destination inside the parentheses: an optional title.
    pub tail: &'a str,
}

/// `text` as it goes in `mode`: code spans respelled, links resolved by `links` (or reduced to their
/// text), the rest respelled by [`text`].
pub fn render(text: &str, mode: Mode, links: &Links) -> String {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => self::text(t, mode),
            Piece::Code(c) if mode == Mode::Cell => code_span(&c),
            Piece::Code(c) => inline_code(&c),
            Piece::Link(link) => {
                let label = render(link.label, mode, links);
                match links.resolve(link.dest, link.label) {
                    Some(dest) if dest == link.dest && link.angle => {
                        format!("{}[{label}](<{dest}>{})", bang(&link), tail(&link))
                    }
                    Some(dest) => format!("{}[{label}]({dest}{})", bang(&link), tail(&link)),
                    None => label,
                }
            }
        })
        .collect()
}

fn bang(link: &Link) -> &'static str {
    if link.image {
        "!"
    } else {
        ""
    }
}

fn tail(link: &Link) -> String {
    match link.tail.split_whitespace().collect::<Vec<_>>().join(" ") {
        t if t.is_empty() => t,
        t => format!(" {t}"),
    }
}

/// A code span's byte range and content.
type Span = (usize, usize, String);

/// Splits `text` into code spans, links and text. Backtick runs pair as in CommonMark (a run opens
/// a span closed by the next run of the same length); links are looked for outside code spans.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let spans = code_spans(text);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i, mut next_span) = (0, 0, 0);
    while i < bytes.len() {
        if let Some((from, to, content)) = spans.get(next_span).filter(|s| s.0 == i) {
            push_text(&mut out, &text[start..*from]);
            out.push(Piece::Code(content.clone()));
            (start, i, next_span) = (*to, *to, next_span + 1);
            continue;
        }
        if bytes[i] == b'[' && !escaped(bytes, i) {
            if let Some((link, end)) = link_at(text, i, &spans) {
                let open = if link.image { i - 1 } else { i };
                push_text(&mut out, &text[start..open.max(start)]);
                out.push(Piece::Link(link));
                (start, i) = (end, end);
                while spans.get(next_span).is_some_and(|s| s.0 < i) {
                    next_span += 1;
                }
                continue;
            }
        }
        i += 1;
    }
    push_text(&mut out, &text[start..]);
    out
}

fn push_text<'a>(out: &mut Vec<Piece<'a>>, text: &'a str) {
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
}

/// Whether the byte at `i` is escaped by an odd run of backslashes.
fn escaped(bytes: &[u8], i: usize) -> bool {
    bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

fn code_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let run_end = |from: usize| from + bytes[from..].iter().take_while(|&&b| b == b'`').count();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let open_end = run_end(i);
        let mut j = open_end;
        let mut close = None;
        while !escaped(bytes, i) && j < bytes.len() {
            if bytes[j] != b'`' {
                j += 1;
                continue;
            }
            let end = run_end(j);
            if end - j == open_end - i {
                close = Some((j, end));
                break;
            }
            j = end;
        }
        match close {
            Some((close_start, close_end)) => {
                spans.push((i, close_end, code_content(&text[open_end..close_start])));
                i = close_end;
            }
            None => i = open_end,
        }
    }
    spans
}

/// The link whose `[` is at `open`, and where it ends; `None` when the brackets are not a link.
fn link_at<'a>(text: &'a str, open: usize, spans: &[Span]) -> Option<(Link<'a>, usize)> {
    let bytes = text.as_bytes();
    let image = open > 0 && bytes[open - 1] == b'!' && !escaped(bytes, open - 1);
    let close = label_end(bytes, open, spans)?;
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let mut k = skip_space(bytes, close + 2, true);
    let angle = bytes.get(k) == Some(&b'<');
    let (dest, dest_end) = if angle {
        let end = (k + 1..bytes.len())
            .find(|&j| matches!(bytes[j], b'>' | b'<' | b'\n') && !escaped(bytes, j))?;
        (bytes[end] == b'>').then_some(())?;
        (&text[k + 1..end], end + 1)
    } else {
        let end = raw_dest_end(bytes, k)?;
        (&text[k..end], end)
    };
    k = skip_space(bytes, dest_end, true);
    if k > dest_end && matches!(bytes.get(k), Some(b'"' | b'\'' | b'(')) {
        let closer = if bytes[k] == b'(' { b')' } else { bytes[k] };
        k = (k + 1..bytes.len()).find(|&j| bytes[j] == closer && !escaped(bytes, j))? + 1;
        k = skip_space(bytes, k, true);
    }
    if bytes.get(k) != Some(&b')') || spans.iter().any(|s| s.0 < k + 1 && s.1 > close) {
        return None;
    }
    let link = Link {
        image,
        label: &text[open + 1..close],
        dest,
        angle,
        tail: &text[dest_end..k],
    };
    Some((link, k + 1))
}

/// The `]` that closes the label opened at `open`, skipping code spans and escapes.
fn label_end(bytes: &[u8], open: usize, spans: &[Span]) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = open;
    while j < bytes.len() {
        if let Some(span) = spans.iter().find(|s| s.0 == j) {
            j = span.1;
            continue;
        }
        match bytes[j] {
            b'\\' => j += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// The end of a destination without `<>`: no spaces or controls, parentheses balanced.
fn raw_dest_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = from;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' if j + 1 < bytes.len() => j += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b.is_ascii_whitespace() || b.is_ascii_control() => break,
            _ => {}
        }
        j += 1;
    }
    (depth == 0).then_some(j)
}

/// Past spaces and tabs, and one line break if `newline`.
fn skip_space(bytes: &[u8], mut k: usize, newline: bool) -> usize {
    let mut broke = !newline;
    while let Some(&b) = bytes.get(k) {
        match b {
            b' ' | b'\t' => {}
            b'\n' if !broke => broke = true,
            _ => break,
        }
        k += 1;
    }
    k
}

/// CommonMark's code span content: line endings as spaces, one padding space stripped each side.
fn code_content(raw: &str) -> String {
    let flat = raw.replace("\r\n", " ").replace(['\n', '\r'], " ");
    let padded = flat.len() >= 2 && flat.starts_with(' ') && flat.ends_with(' ');
    if padded && flat.chars().any(|c| c != ' ') {
        flat[1..flat.len() - 1].to_owned()
    } else {
        flat
    }
}

/// Text outside code spans and links as prettier prints it: every run of whitespace one space, no
/// control characters, `*em*` as `_em_` and `__strong__` as `**strong**` where prettier would
/// respell them. Line breaks become `<br>` in a cell; in prose they stay, without the spaces
/// before them unless two or more mark a hard break.
pub fn text(text: &str, mode: Mode) -> String {
    let mut flat = String::with_capacity(text.len());
    let mut run = 0usize;
    for ch in text.chars() {
        if ch == '\n' {
            match mode {
                Mode::Cell => flat.push_str("<br>"),
                Mode::Prose => {
                    if run > 0 {
                        flat.pop();
                    }
                    if run >= 2 {
                        flat.push_str("  ");
                    }
                    flat.push('\n');
                }
            }
            run = 0;
        } else if ch.is_whitespace() {
            if run == 0 {
                flat.push(' ');
            }
            run += 1;
        } else if !ch.is_control() {
            flat.push(ch);
            run = 0;
        }
    }
    emphasis(&flat)
}

/// Respells emphasis delimited by `*` as `_`, and strong emphasis delimited by `__` as `**`, when
/// the delimiters stand between spaces or ASCII punctuation (where prettier makes that choice).
fn emphasis(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let marker: &[char] = if chars[i..].starts_with(&['_', '_']) {
            &['_', '_']
        } else if chars[i] == '*' {
            &['*']
        } else {
            &[]
        };
        if !marker.is_empty() {
            if let Some(close) = closing(&chars, i, marker.len()) {
                let inner: String = chars[i + marker.len()..close].iter().collect();
                let respelled = if marker.len() == 2 { "**" } else { "_" };
                out.push_str(&format!("{respelled}{inner}{respelled}"));
                i = close + marker.len();
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Where the emphasis opened by the `len` delimiter characters at `open` closes, if it is one
/// prettier respells: content without delimiters or code, not padded by spaces.
fn closing(chars: &[char], open: usize, len: usize) -> Option<usize> {
    let delimiter = chars[open];
    let bounded = |c: Option<&char>| c.is_none_or(|&c| c.is_whitespace() || is_ascii_punct(c));
    let before = open.checked_sub(1).and_then(|p| chars.get(p));
    if !bounded(before) || before.is_some_and(|&c| c == '*' || c == '_' || c == '\\') {
        return None;
    }
    let first = *chars.get(open + len)?;
    if first.is_whitespace() {
        return None;
    }
    let rest = &chars[open + len..];
    let end = rest.iter().position(|&c| matches!(c, '*' | '_' | '`'))?;
    let close = open + len + end;
    let closes = chars[close..].starts_with(&vec![delimiter; len]) && end > 0;
    let last = chars[close - 1];
    let after = chars.get(close + len);
    let clean_after = bounded(after) && !after.is_some_and(|&c| c == '*' || c == '_');
    (closes && !last.is_whitespace() && clean_after).then_some(close)
}

/// ASCII characters Unicode counts as punctuation (not symbols such as `$`, `+` or `<`).
fn is_ascii_punct(c: char) -> bool {
    "!\"#%&'()*,-./:;?@[\\]_{}".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_pair_runs_of_equal_length() {
        assert_eq!(
            pieces("a `b` c"),
            [
                Piece::Text("a "),
                Piece::Code("b".into()),
                Piece::Text(" c")
            ]
        );
        assert_eq!(
            pieces("```rust x `y` ```"),
            [Piece::Code("rust x `y` ".into())]
        );
        assert_eq!(pieces("lone ` tick"), [Piece::Text("lone ` tick")]);
        assert_eq!(pieces("\\`not code`"), [Piece::Text("\\`not code`")]);
        assert_eq!(pieces("`` ` ``"), [Piece::Code("`".into())]);
        assert_eq!(pieces("` a\nb `"), [Piece::Code("a b".into())]);
    }

    #[test]
    fn text_collapses_whitespace_and_breaks_lines() {
        assert_eq!(text("a  b\t c\nd", Mode::Cell), "a b c<br>d");
        assert_eq!(text("a \nb  \nc   \nd", Mode::Prose), "a\nb  \nc  \nd");
    }

    fn link<'a>(label: &'a str, dest: &'a str, tail: &'a str) -> Piece<'a> {
        Piece::Link(Link {
            image: false,
            label,
            dest,
            angle: false,
            tail,
        })
    }

    #[test]
    fn links_are_found_outside_code_spans() {
        assert_eq!(
            pieces("see [a `b]` c](#x) now"),
            [
                Piece::Text("see "),
                link("a `b]` c", "#x", ""),
                Piece::Text(" now")
            ]
        );
        assert_eq!(
            pieces("[t](u(v) \"title\")"),
            [link("t", "u(v)", " \"title\"")]
        );
        let image = pieces("![alt](<a b.png>)");
        assert!(
            matches!(&image[..], [Piece::Link(l)] if l.image && l.angle && l.dest == "a b.png")
        );
        for not_a_link in [
            "[spaced](#tag/a b/operation/c)",
            "\\[escaped](x)",
            "`[code](x)`",
            "[open(x)",
            "[a] (x)",
        ] {
            assert!(
                !pieces(not_a_link)
                    .iter()
                    .any(|p| matches!(p, Piece::Link(_))),
                "{not_a_link}"
            );
        }
    }

    #[test]
    fn rendering_keeps_resolved_links_and_unlinks_the_rest() {
        let links = Links::default();
        assert_eq!(
            render(
                "[*a*](https://x.y \"T\") [b `c`](../d) ![i](e.png)",
                Mode::Prose,
                &links
            ),
            "[_a_](https://x.y \"T\") b `c` i"
        );
        assert_eq!(render("`a|b` [c](#d)", Mode::Cell, &links), "`a\\|b` c");
    }

    #[test]
    fn emphasis_is_respelled_like_prettier() {
        let cases = [
            ("an *unauthenticated* client", "an _unauthenticated_ client"),
            ("if this *is* provided", "if this _is_ provided"),
            ("(*p*) and *a b*", "(_p_) and _a b_"),
            ("__strong__ words", "**strong** words"),
            ("x*y*z", "x*y*z"),
            ("这是*重点*内容", "这是*重点*内容"),
            ("a * b * c", "a * b * c"),
            ("$*x*", "$*x*"),
            ("**bold**", "**bold**"),
            ("snake_case_name", "snake_case_name"),
            ("*open only", "*open only"),
        ];
        for (input, want) in cases {
            assert_eq!(text(input, Mode::Prose), want, "{input}");
        }
    }
}
