//! Spec Markdown split into blocks the CommonMark way, as far as reprinting it needs: paragraphs,
//! headings, rules, quotes and list items (their content dedented, to split again), and the
//! blocks printed as written (code, HTML, tables: see `verbatim.rs`).

use super::verbatim::{fenced, html, html_start, indented_code, is_table, table, Fence};

/// One block and the lines it prints from.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Paragraph: its lines. Heading: its text. Quote, item: their content, markers and
    /// indentation removed. Verbatim: the lines to print.
    pub lines: Vec<String>,
    /// A blank line came before it in the spec.
    pub blank_before: bool,
    /// A list item with blank lines between its children or before the next item.
    pub loose: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Paragraph,
    Heading(usize),
    Rule,
    Quote,
    Item {
        key: ListKey,
        number: u64,
    },
    /// Printed as written; after a `<!-- prettier-ignore -->` line when `ignore`.
    Verbatim {
        ignore: bool,
    },
}

/// What makes list items one list: the same bullet character, or the same number delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    Bullet(char),
    Ordered(char),
}

impl Block {
    pub(super) fn new(kind: BlockKind, lines: Vec<String>) -> Self {
        Self {
            kind,
            lines,
            blank_before: false,
            loose: false,
        }
    }

    pub fn loose(&self) -> bool {
        self.loose
    }

    fn item_key(&self) -> Option<ListKey> {
        match self.kind {
            BlockKind::Item { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// The blocks of `lines`.
pub fn parse(lines: &[&str]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let (mut i, mut blank) = (0, false);
    while i < lines.len() {
        if is_blank(lines[i]) {
            (i, blank) = (i + 1, true);
            continue;
        }
        let (mut block, next) = block_at(lines, i);
        block.blank_before = blank;
        if let Some(prev) = blocks.last_mut() {
            if blank && block.item_key().is_some() && block.item_key() == prev.item_key() {
                prev.loose = true;
            }
        }
        blocks.push(block);
        (i, blank) = (next, false);
    }
    blocks
}

/// Whether blank lines separate any two children (the items of one list count as one child).
fn spread(blocks: &[Block]) -> bool {
    blocks.windows(2).any(|pair| {
        let same_list = pair[1].item_key().is_some() && pair[0].item_key() == pair[1].item_key();
        pair[1].blank_before && !same_list
    })
}

fn block_at(lines: &[&str], i: usize) -> (Block, usize) {
    let (indent, rest) = split_indent(lines[i]);
    if indent >= 4 {
        return indented_code(lines, i);
    }
    if let Some(fence) = Fence::open(rest) {
        return fenced(lines, i, indent, &fence);
    }
    if let Some((level, text)) = atx(rest) {
        return (Block::new(BlockKind::Heading(level), vec![text]), i + 1);
    }
    if is_rule(rest) {
        return (Block::new(BlockKind::Rule, Vec::new()), i + 1);
    }
    if rest.starts_with('>') {
        return quote(lines, i);
    }
    if let Some(marker) = Marker::parse(rest) {
        return item(lines, i, indent, &marker);
    }
    if let Some(end) = html_start(rest, false) {
        return html(lines, i, &end);
    }
    if is_table(lines, i) {
        return table(lines, i);
    }
    paragraph(lines, i)
}

fn paragraph(lines: &[&str], i: usize) -> (Block, usize) {
    let mut j = i + 1;
    while j < lines.len() && !is_blank(lines[j]) {
        let (indent, rest) = split_indent(lines[j]);
        let underline = rest.trim_end();
        if indent < 4 && !underline.is_empty() {
            let level = match underline.as_bytes()[0] {
                b'=' => 1,
                b'-' => 2,
                _ => 0,
            };
            if level > 0 && underline.bytes().all(|b| b == underline.as_bytes()[0]) {
                let text: Vec<&str> = lines[i..j].iter().map(|l| l.trim()).collect();
                return (
                    Block::new(BlockKind::Heading(level), vec![text.join(" ")]),
                    j + 1,
                );
            }
        }
        if interrupts(lines[j]) || is_table(lines, j) {
            break;
        }
        j += 1;
    }
    let text = lines[i..j].iter().map(|l| (*l).to_owned()).collect();
    (Block::new(BlockKind::Paragraph, text), j)
}

fn quote(lines: &[&str], i: usize) -> (Block, usize) {
    let mut inner: Vec<String> = Vec::new();
    let mut j = i;
    while j < lines.len() && !is_blank(lines[j]) {
        let (indent, rest) = split_indent(lines[j]);
        if indent < 4 && rest.starts_with('>') {
            let text = &rest[1..];
            inner.push(text.strip_prefix(' ').unwrap_or(text).to_owned());
        } else if lazy(&inner, lines[j]) {
            inner.push(lines[j].trim().to_owned());
        } else {
            break;
        }
        j += 1;
    }
    (Block::new(BlockKind::Quote, inner), j)
}

/// A list item's marker: what list it belongs to, its number, its width.
struct Marker {
    key: ListKey,
    number: u64,
    width: usize,
}

impl Marker {
    fn parse(rest: &str) -> Option<Self> {
        let bytes = rest.as_bytes();
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        let (key, number, width) = match bytes.first()? {
            &b @ (b'-' | b'*' | b'+') => (ListKey::Bullet(char::from(b)), 0, 1),
            _ if (1..=9).contains(&digits) => {
                let delim = *bytes.get(digits).filter(|&&b| b == b'.' || b == b')')?;
                let number = rest[..digits].parse().ok()?;
                (ListKey::Ordered(char::from(delim)), number, digits + 1)
            }
            _ => return None,
        };
        matches!(bytes.get(width), None | Some(b' ' | b'\t')).then_some(Self { key, number, width })
    }

    /// Whether an item with this marker may start in the middle of a paragraph.
    fn interrupts(&self, rest: &str) -> bool {
        let has_content = !rest[self.width..].trim().is_empty();
        has_content && (matches!(self.key, ListKey::Bullet(_)) || self.number == 1)
    }
}

/// Whether `rest` (a line without its indentation) begins with a list item marker.
pub fn starts_item(rest: &str) -> bool {
    Marker::parse(rest).is_some()
}

fn item(lines: &[&str], i: usize, indent: usize, marker: &Marker) -> (Block, usize) {
    let (_, rest) = split_indent(lines[i]);
    let after = &rest[marker.width..];
    let spaces = after.len() - after.trim_start().len();
    let first = after.trim();
    let content = indent
        + marker.width
        + if first.is_empty() || spaces > 4 {
            1
        } else {
            spaces
        };
    let mut inner: Vec<String> = Vec::new();
    if !first.is_empty() {
        let extra = if spaces > 4 { spaces - 1 } else { 0 };
        inner.push(format!(
            "{}{}",
            " ".repeat(extra),
            after.trim_start().trim_end()
        ));
    }
    let (mut j, mut blanks) = (i + 1, 0);
    while j < lines.len() {
        let line = lines[j];
        if is_blank(line) {
            blanks += 1;
        } else if split_indent(line).0 >= content {
            inner.extend(std::iter::repeat_n(String::new(), blanks));
            inner.push(dedent(line, content));
            blanks = 0;
        } else if blanks == 0 && lazy(&inner, line) {
            inner.push(line.trim().to_owned());
        } else {
            break;
        }
        j += 1;
    }
    let refs: Vec<&str> = inner.iter().map(String::as_str).collect();
    let mut block = Block::new(
        BlockKind::Item {
            key: marker.key,
            number: marker.number,
        },
        inner.clone(),
    );
    block.loose = spread(&parse(&refs));
    (block, j - blanks)
}

/// Whether `line` continues the paragraph that `inner` (a container's content so far) ends with.
fn lazy(inner: &[String], line: &str) -> bool {
    let mut in_fence: Option<Fence> = None;
    for l in inner {
        in_fence = match in_fence {
            Some(f) if f.closes(l) => None,
            Some(f) => Some(f),
            None => Fence::open(split_indent(l).1),
        };
    }
    let last = inner.last().map_or("", String::as_str);
    in_fence.is_none() && ends_in_paragraph(last) && !interrupts(line) && {
        let (_, rest) = split_indent(line);
        Marker::parse(rest).is_none()
    }
}

/// Whether a content line is paragraph text, once list and quote markers are taken off.
fn ends_in_paragraph(line: &str) -> bool {
    let (indent, mut rest) = split_indent(line);
    loop {
        if let Some(marker) = Marker::parse(rest) {
            rest = rest[marker.width..].trim_start();
        } else if let Some(quoted) = rest.strip_prefix('>') {
            rest = quoted.trim_start();
        } else {
            break;
        }
    }
    indent < 4 && !is_blank(rest) && !interrupts(rest) && !is_rule(rest)
}

/// Whether `line` ends a paragraph by starting another block.
pub(super) fn interrupts(line: &str) -> bool {
    let (indent, rest) = split_indent(line);
    indent < 4
        && (Fence::open(rest).is_some()
            || atx(rest).is_some()
            || is_rule(rest)
            || rest.starts_with('>')
            || html_start(rest, true).is_some()
            || Marker::parse(rest).is_some_and(|m| m.interrupts(rest)))
}

fn atx(rest: &str) -> Option<(usize, String)> {
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    let text = &rest[level..];
    if !(1..=6).contains(&level) || !(text.is_empty() || text.starts_with([' ', '\t'])) {
        return None;
    }
    let text = text.trim();
    let closing = text.trim_end_matches('#');
    let text = if closing.is_empty() || closing.ends_with([' ', '\t']) {
        closing.trim_end()
    } else {
        text
    };
    Some((level, text.to_owned()))
}

fn is_rule(rest: &str) -> bool {
    let marks: Vec<u8> = rest.bytes().filter(|b| !b" \t".contains(b)).collect();
    marks.len() >= 3
        && [b'-', b'*', b'_']
            .iter()
            .any(|&m| marks.iter().all(|&b| b == m))
}

pub(super) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The indentation of `line` in columns (tabs to the next multiple of 4), and the rest.
pub(super) fn split_indent(line: &str) -> (usize, &str) {
    let mut columns = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => return (columns, &line[i..]),
        }
    }
    (columns, "")
}

/// `line` without its first `n` columns of indentation (all of it if it has fewer).
pub(super) fn dedent(line: &str, n: usize) -> String {
    let (columns, rest) = split_indent(line);
    let mut out = " ".repeat(columns.saturating_sub(n));
    out.push_str(rest);
    out
}
