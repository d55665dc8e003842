//! Markdown written in the spec (descriptions), reprinted block by block as prettier prints it, so
//! that formatting a page changes nothing: paragraphs, headings, lists and quotes re-indented and
//! re-spaced, inline text respelled, links resolved. Blocks that prettier would reformat in ways
//! we do not reproduce (fenced code in a language it formats, GFM tables) keep the spec's text
//! verbatim behind a `<!-- prettier-ignore -->` comment, which prettier honours whatever the
//! docs site's configuration; raw HTML is kept as written, which prettier also does.

use super::blocks::{self, Block, BlockKind, ListKey};
use super::inline::{self, Mode};
use super::links::Links;

/// The comment that makes prettier leave the next block as written.
pub const PRETTIER_IGNORE: &str = "<!-- prettier-ignore -->";

/// Spec Markdown as prettier prints it, without trailing newline.
pub fn prose(text: &str, links: &Links) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    print(&blocks::parse(&lines), true, links).join("\n")
}

/// The lines of a sequence of sibling blocks. Blocks are separated by a blank line, except the
/// items of one list after a tight item, and the children of a tight list item (`loose` false).
fn print(blocks: &[Block], loose: bool, links: &Links) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut lists = ListState::default();
    let blocks: Vec<&Block> = blocks.iter().filter(|b| !is_empty_quote(b)).collect();
    for (i, &block) in blocks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| blocks[p]);
        let same_list = match (prev.map(|p| &p.kind), &block.kind) {
            (Some(BlockKind::Item { key: a, .. }), BlockKind::Item { key: b, .. }) => a == b,
            _ => false,
        };
        let blank = match prev {
            None => false,
            Some(p) if same_list => p.loose(),
            Some(_) => loose,
        };
        if blank {
            out.push(String::new());
        }
        let prefix = lists.prefix(block, prev, same_list);
        out.extend(print_block(block, prefix.as_deref(), links));
    }
    out
}

/// A quote with nothing in it, which prettier sometimes drops; we always do.
fn is_empty_quote(block: &Block) -> bool {
    block.kind == BlockKind::Quote && block.lines.iter().all(|l| l.trim().is_empty())
}

fn print_block(block: &Block, prefix: Option<&str>, links: &Links) -> Vec<String> {
    match &block.kind {
        BlockKind::Paragraph => paragraph(&block.lines, links)
            .split('\n')
            .map(str::to_owned)
            .collect(),
        BlockKind::Heading(level) => {
            let text = inline::render(&block.lines.join(" "), Mode::Prose, links);
            let hashes = "#".repeat(*level);
            vec![if text.is_empty() {
                hashes
            } else {
                format!("{hashes} {text}")
            }]
        }
        BlockKind::Rule => vec!["---".to_owned()],
        BlockKind::Verbatim { ignore } => {
            let ignore = ignore.then(|| PRETTIER_IGNORE.to_owned());
            ignore.into_iter().chain(block.lines.clone()).collect()
        }
        BlockKind::Quote => {
            let inner = print(&blocks::parse(&refs(&block.lines)), true, links);
            indent(&inner, "> ", ">", "> ")
        }
        BlockKind::Item { .. } => {
            let prefix = prefix.unwrap_or("- ");
            let inner = print(&blocks::parse(&refs(&block.lines)), block.loose(), links);
            if inner.is_empty() {
                return vec![prefix.trim_end().to_owned()];
            }
            let pad = " ".repeat(prefix.len());
            indent(&inner, prefix, "", &pad)
        }
    }
}

/// A paragraph's lines as one inline text: each line trimmed, hard breaks kept, then respelled.
/// A line that would start a list item if it began a paragraph joins the line before with a
/// space, as prettier joins it.
fn paragraph(lines: &[String], links: &Links) -> String {
    let last = lines.len().saturating_sub(1);
    let mut joined = String::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if i > 0 {
            joined.push(if blocks::starts_item(trimmed) {
                ' '
            } else {
                '\n'
            });
        }
        joined.push_str(trimmed);
        if i < last && line.ends_with("  ") {
            joined.push_str("  ");
        }
    }
    inline::render(&joined, Mode::Prose, links)
}

/// `first` before the first line, `pad` before the others; `empty` for empty lines.
fn indent(lines: &[String], first: &str, empty: &str, pad: &str) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| match (i, line.is_empty()) {
            (_, true) => empty.to_owned(),
            (0, false) => format!("{first}{line}"),
            _ => format!("{pad}{line}"),
        })
        .collect()
}

fn refs(lines: &[String]) -> Vec<&str> {
    lines.iter().map(String::as_str).collect()
}

/// Numbering and markers of the lists among sibling blocks, the way prettier picks them: bullets
/// `-`, ordered lists numbered from their start (or all `1.` when the spec wrote them so), and
/// adjacent lists told apart by alternating `-`/`*` and `.`/`)`.
#[derive(Debug, Default)]
struct ListState {
    /// Consecutive sibling lists of the same kind before this one.
    nth: usize,
    ordered: bool,
    index: usize,
    start: u64,
    numbers: Vec<u64>,
}

impl ListState {
    fn prefix(&mut self, block: &Block, prev: Option<&Block>, same_list: bool) -> Option<String> {
        let BlockKind::Item { key, number } = &block.kind else {
            return None;
        };
        let ordered = matches!(key, ListKey::Ordered(_));
        if same_list {
            self.index += 1;
        } else {
            let prev_is_list = matches!(prev.map(|p| &p.kind), Some(BlockKind::Item { .. }));
            self.nth = if prev_is_list && self.ordered == ordered {
                self.nth + 1
            } else {
                0
            };
            self.ordered = ordered;
            self.index = 0;
            self.start = *number;
            self.numbers.clear();
        }
        self.numbers.push(*number);
        let even = self.nth % 2 == 0;
        if !ordered {
            return Some(if even { "- " } else { "* " }.to_owned());
        }
        let n = match self.index {
            0 => self.start,
            i if self.diff_friendly() => i.min(1) as u64,
            i => self.start + i as u64,
        };
        Some(format!("{n}{} ", if even { "." } else { ")" }))
    }

    /// Prettier's "git-diff friendly" lists: numbered `1. 1. 1.` (or `0. 1. 1.`) in the spec.
    fn diff_friendly(&self) -> bool {
        match self.numbers[..] {
            [0, second, third, ..] => second == 1 && third == 1,
            [0, 1] => true,
            [_, second, ..] => second == 1,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        prose(text, &Links::default())
    }

    #[test]
    fn paragraphs_lose_their_indentation_and_blank_line_runs() {
        assert_eq!(p("a\r\nb\n\n\n\nc\n"), "a\nb\n\nc");
        assert_eq!(p("  \n"), "");
        assert_eq!(
            p("  para\n  continued\n      deep"),
            "para\ncontinued\ndeep"
        );
        assert_eq!(p("hard  \nbreak  \n\nend "), "hard  \nbreak\n\nend");
        assert_eq!(p("One.  Two *em*` x `"), "One. Two _em_`x`");
    }

    #[test]
    fn blocks_are_separated_and_headings_normalised() {
        assert_eq!(p("  ### 示例\n\n  - 入参"), "### 示例\n\n- 入参");
        assert_eq!(
            p("## H ##\ntext\n***\nT\n==="),
            "## H\n\ntext\n\n---\n\n# T"
        );
        assert_eq!(
            p("para\n```\ncode\n```\n# h"),
            "para\n\n```\ncode\n```\n\n# h"
        );
        assert_eq!(p("> a\n> - b\nlazy"), "> a\n>\n> - b\n>   lazy");
    }

    #[test]
    fn lists_are_marked_numbered_and_spaced_like_prettier() {
        assert_eq!(p("* a\n* b\n\n+ c"), "- a\n- b\n\n* c");
        assert_eq!(p("2. a\n5. b\n\n1) c"), "2. a\n3. b\n\n1) c");
        assert_eq!(p("1. a\n1. b\n1. c"), "1. a\n1. b\n1. c");
        assert_eq!(p("0. a\n0. b"), "0. a\n1. b");
        assert_eq!(p("-   wide\n    cont\nlazy"), "- wide\n  cont\n  lazy");
        assert_eq!(
            p("- a\n  ```\n  x\n  ```\n\n- b"),
            "- a\n\n  ```\n  x\n  ```\n\n- b"
        );
        assert_eq!(
            p("- a\n- b\n\n- c\n  ```\n  x\n  ```"),
            "- a\n- b\n\n- c\n  ```\n  x\n  ```"
        );
        assert_eq!(p("text\n- a\n  - b\n-"), "text\n\n- a\n  - b\n-");
        assert_eq!(
            p("10. ten\n11. eleven\n    para"),
            "10. ten\n11. eleven\n    para"
        );
    }

    #[test]
    fn code_the_spec_formats_its_own_way_is_left_alone() {
        assert_eq!(p("```\na  b *c*\n```"), "```\na  b *c*\n```");
        assert_eq!(
            p("JS:\n```js\n'a' + b\n```"),
            "JS:\n\n<!-- prettier-ignore -->\n```js\n'a' + b\n```"
        );
        assert_eq!(p("~~~\nx\n~~~"), "<!-- prettier-ignore -->\n~~~\nx\n~~~");
        assert_eq!(
            p("```\nnever closed"),
            "<!-- prettier-ignore -->\n```\nnever closed\n```"
        );
        assert_eq!(
            p("- item\n\n  ```json\n  {\"a\":1}\n  ```"),
            "- item\n\n  <!-- prettier-ignore -->\n  ```json\n  {\"a\":1}\n  ```"
        );
        assert_eq!(p("    indented\n\n    code"), "    indented\n\n    code");
    }

    #[test]
    fn html_and_tables_stay_as_written() {
        assert_eq!(p("<script  a />"), "<script  a />");
        assert_eq!(p("  <img src=\"x\"/>  \ntext"), "  <img src=\"x\"/>\ntext");
        assert_eq!(
            p("<details>\n<summary>x</summary>\n\n*a*\n\n</details>"),
            "<details>\n<summary>x</summary>\n\n_a_\n\n</details>"
        );
        assert_eq!(
            p("| a | b |\n|---|:-|\n| 1 |"),
            "<!-- prettier-ignore -->\n| a | b |\n|---|:-|\n| 1 |"
        );
        assert_eq!(p("`a|b`"), "`a|b`");
        assert_eq!(
            p("| a |\n| - |\n| 1 |\n> q"),
            "<!-- prettier-ignore -->\n| a |\n| - |\n| 1 |\n\n> q"
        );
        assert_eq!(p("a\n>\n\nb\n1.\n2. x"), "a\n\nb 1. 2. x");
    }
}
