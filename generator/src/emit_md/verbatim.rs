//! The blocks printed as the spec wrote them: indented and fenced code, HTML and GFM tables.
//! Fenced code with an info string and tables are marked for prettier to leave alone.

use super::blocks::{dedent, interrupts, is_blank, split_indent, Block, BlockKind};

pub(super) fn indented_code(lines: &[&str], i: usize) -> (Block, usize) {
    let mut j = i;
    while j < lines.len() && (is_blank(lines[j]) || split_indent(lines[j]).0 >= 4) {
        j += 1;
    }
    while is_blank(lines[j - 1]) {
        j -= 1;
    }
    let text = lines[i..j]
        .iter()
        .map(|l| match dedent(l, 4).trim_end() {
            "" => String::new(),
            code => format!("    {code}"),
        })
        .collect();
    (Block::new(BlockKind::Verbatim { ignore: false }, text), j)
}

/// A fence opener: its character, length and info string.
pub(super) struct Fence {
    ch: u8,
    len: usize,
    info: String,
}

impl Fence {
    pub(super) fn open(rest: &str) -> Option<Self> {
        let ch = *rest
            .as_bytes()
            .first()
            .filter(|&&c| c == b'`' || c == b'~')?;
        let len = rest.bytes().take_while(|&c| c == ch).count();
        let info = rest[len..].trim();
        (len >= 3 && !(ch == b'`' && info.contains('`'))).then(|| Self {
            ch,
            len,
            info: info.to_owned(),
        })
    }

    pub(super) fn closes(&self, line: &str) -> bool {
        let (indent, rest) = split_indent(line);
        let rest = rest.trim_end();
        indent < 4 && rest.len() >= self.len && rest.bytes().all(|c| c == self.ch)
    }
}

/// Fenced code, printed as written. Prettier would format the code of the languages it knows, so
/// any fence with an info string (and any fence prettier would respell) is marked to be ignored.
pub(super) fn fenced(lines: &[&str], i: usize, indent: usize, fence: &Fence) -> (Block, usize) {
    let mut j = i + 1;
    while j < lines.len() && !fence.closes(lines[j]) {
        j += 1;
    }
    let closer = lines.get(j).map(|l| l.trim().to_owned());
    let unusual = fence.ch == b'~' || fence.len != 3 || closer.as_deref() != Some("```");
    let ignore = !fence.info.is_empty() || unusual;
    let mut text = vec![lines[i].trim().to_owned()];
    text.extend(
        lines[i + 1..j]
            .iter()
            .map(|l| dedent(l, indent).trim_end().to_owned()),
    );
    let fallback = || String::from_utf8(vec![fence.ch; fence.len]).unwrap_or_default();
    text.push(closer.clone().unwrap_or_else(fallback));
    let next = if closer.is_some() { j + 1 } else { j };
    (Block::new(BlockKind::Verbatim { ignore }, text), next)
}

/// How an HTML block ends: at the first line containing a terminator, or at a blank line.
pub(super) enum HtmlEnd {
    Contains(&'static str),
    Blank,
}

/// The CommonMark HTML block that `rest` starts, if any (kinds 1-7; kind 7, a lone tag, cannot
/// interrupt a paragraph).
pub(super) fn html_start(rest: &str, in_paragraph: bool) -> Option<HtmlEnd> {
    let lower = rest.to_ascii_lowercase();
    for (open, close) in [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ] {
        let Some(after) = lower.strip_prefix(open) else {
            continue;
        };
        if after
            .chars()
            .next()
            .is_none_or(|c| c == '>' || c.is_whitespace())
        {
            return Some(HtmlEnd::Contains(close));
        }
    }
    let special = [("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>")];
    if let Some((_, close)) = special.iter().find(|(open, _)| lower.starts_with(open)) {
        return Some(HtmlEnd::Contains(close));
    }
    if lower.starts_with("<!") && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(HtmlEnd::Contains(">"));
    }
    let name = lower.trim_start_matches('<').trim_start_matches('/');
    let tag: String = name
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let after = name[tag.len()..].chars().next();
    let delimited = after.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/');
    if lower.starts_with('<') && delimited && BLOCK_TAGS.contains(&tag.as_str()) {
        return Some(HtmlEnd::Blank);
    }
    let lone_tag =
        rest.trim_end().ends_with('>') && rest.find('>') == Some(rest.trim_end().len() - 1);
    (!in_paragraph
        && !tag.is_empty()
        && lone_tag
        && name.starts_with(|c: char| c.is_ascii_alphabetic()))
    .then_some(HtmlEnd::Blank)
}

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// An HTML block, kept as written (prettier keeps it too, leading indentation included).
pub(super) fn html(lines: &[&str], i: usize, end: &HtmlEnd) -> (Block, usize) {
    let next = match end {
        HtmlEnd::Contains(close) => {
            let first_rest = &lines[i][1..];
            match first_rest.contains(close) {
                true => i + 1,
                false => (i + 1..lines.len())
                    .find(|&j| lines[j].contains(close))
                    .map_or(lines.len(), |j| j + 1),
            }
        }
        HtmlEnd::Blank => (i..lines.len())
            .find(|&j| is_blank(lines[j]))
            .unwrap_or(lines.len()),
    };
    let text = lines[i..next]
        .iter()
        .map(|l| l.trim_end().to_owned())
        .collect();
    (
        Block::new(BlockKind::Verbatim { ignore: false }, text),
        next,
    )
}

/// A GFM table: a row with `|` over a delimiter row.
pub(super) fn is_table(lines: &[&str], i: usize) -> bool {
    let Some(delimiter) = lines.get(i + 1).map(|l| l.trim()) else {
        return false;
    };
    let cells_ok = delimiter.bytes().all(|b| b"|:- \t".contains(&b));
    let columns = |row: &str| {
        let row = row.trim();
        let row = row.strip_prefix('|').unwrap_or(row);
        row.strip_suffix('|').unwrap_or(row).split('|').count()
    };
    let header_ok = lines[i].contains('|') && columns(lines[i]) == columns(delimiter);
    header_ok && delimiter.contains('-') && delimiter.contains('|') && cells_ok
}

/// A table, kept as written: its rows run to a blank line or the start of another block.
pub(super) fn table(lines: &[&str], i: usize) -> (Block, usize) {
    let rows = lines[i + 2..]
        .iter()
        .take_while(|l| !is_blank(l) && !interrupts(l));
    let next = i + 2 + rows.count();
    let mut text: Vec<String> = lines[i..next]
        .iter()
        .map(|l| l.trim_end().to_owned())
        .collect();
    text[0] = text[0].trim_start().to_owned();
    (Block::new(BlockKind::Verbatim { ignore: true }, text), next)
}
