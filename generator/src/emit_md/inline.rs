//! Inline Markdown from the spec, respelled the way prettier prints it (code spans, whitespace,
//! emphasis markers), so that descriptions copied into a page survive formatting unchanged.

/// A stretch of inline Markdown: a code span (its CommonMark content) or the text between.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Code(String),
}

/// Splits `text` into code spans and text, matching backtick runs as CommonMark does: a run opens
/// a span closed by the next run of the same length; a run without one is plain text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let bytes = text.as_bytes();
    let run_end = |from: usize| from + bytes[from..].iter().take_while(|&&b| b == b'`').count();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let open_end = run_end(i);
        let escaped = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1;
        let mut j = open_end;
        let mut close = None;
        while !escaped && j < bytes.len() {
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
                if start < i {
                    out.push(Piece::Text(&text[start..i]));
                }
                out.push(Piece::Code(code_content(&text[open_end..close_start])));
                start = close_end;
                i = close_end;
            }
            None => i = open_end,
        }
    }
    if start < text.len() {
        out.push(Piece::Text(&text[start..]));
    }
    out
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

/// Text outside code spans as prettier prints it: line breaks as `line_break`, every other run
/// of whitespace one space, no control characters, `*em*` as `_em_` and `__strong__` as
/// `**strong**` where prettier would respell them.
pub fn text(text: &str, line_break: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    let mut in_space = false;
    for ch in text.chars() {
        if ch == '\n' {
            flat.push_str(line_break);
            in_space = false;
        } else if ch.is_whitespace() {
            if !in_space {
                flat.push(' ');
            }
            in_space = true;
        } else if !ch.is_control() {
            flat.push(ch);
            in_space = false;
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
        assert_eq!(text("a  b\t c\nd", "<br>"), "a b c<br>d");
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
            assert_eq!(text(input, "\n"), want, "{input}");
        }
    }
}
