//! The one place that writes Markdown syntax: tables padded exactly as prettier pads them, table
//! cell escaping, code spans and code fences.

use super::inline::{self, Mode};
use super::links::Links;
use super::width::display_width;

/// A GFM table, every column as wide as its widest cell (prettier's layout, so that running
/// prettier over the page changes nothing).
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of finished cells (see `cell` and `code_span`); missing cells stay empty,
    /// extra cells are dropped.
    pub fn push(&mut self, mut row: Vec<String>) {
        row.resize(self.header.len(), String::new());
        self.rows.push(row);
    }

    /// The table's lines, without a trailing newline.
    pub fn render(&self) -> String {
        let mut widths = vec![3; self.header.len()];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (width, text) in widths.iter_mut().zip(row) {
                *width = (*width).max(display_width(text));
            }
        }
        let dashes: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        let mut lines = vec![line(&self.header, &widths), line(&dashes, &widths)];
        lines.extend(self.rows.iter().map(|row| line(row, &widths)));
        lines.join("\n")
    }
}

fn line(cells: &[String], widths: &[usize]) -> String {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(text, &width)| {
            let pad = width.saturating_sub(display_width(text));
            format!("{text}{}", " ".repeat(pad))
        })
        .collect();
    format!("| {} |", padded.join(" | "))
}

/// Prose (Markdown) made safe for one table cell and spelled as prettier prints it: line breaks
/// become `<br>`, runs of whitespace one space, code spans and emphasis respelled, unescaped `|`
/// escaped, links resolved by `links`, and the ends trimmed.
pub fn cell(text: &str, links: &Links) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    escape_pipes(inline::render(text.trim(), Mode::Cell, links).trim())
}

/// A name (of a parameter, field or variant) as a table cell.
pub fn name_cell(name: &str) -> String {
    cell(name, &Links::default())
}

/// `|` preceded by an even number of backslashes would end the cell; escape it.
fn escape_pipes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0usize;
    for ch in text.chars() {
        if ch == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        out.push(ch);
        backslashes = if ch == '\\' { backslashes + 1 } else { 0 };
    }
    out
}

/// Literal text as an inline code span that is safe in a table cell, spelled the way prettier
/// spells code spans (enough backticks, padding only where CommonMark needs it). Empty text has
/// no code span; it gives an empty string.
pub fn code_span(text: &str) -> String {
    spell_code(text, true)
}

/// Literal text as an inline code span outside tables.
pub fn inline_code(text: &str) -> String {
    spell_code(text, false)
}

fn spell_code(text: &str, in_table: bool) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    if flat.is_empty() {
        return String::new();
    }
    let flat = if in_table { escape_pipes(&flat) } else { flat };
    let ticks = "`".repeat(missing_run(&flat, '`'));
    let needs_pad = flat.starts_with('`')
        || flat.ends_with('`')
        || (flat.starts_with(' ') && flat.ends_with(' ') && flat.chars().any(|c| c != ' '));
    let pad = if needs_pad { " " } else { "" };
    format!("{ticks}{pad}{flat}{pad}{ticks}")
}

/// The shortest run of `ch` (at least 1) that does not occur in `text`.
fn missing_run(text: &str, ch: char) -> usize {
    let mut runs = std::collections::BTreeSet::new();
    let mut run = 0;
    for c in text.chars().chain(std::iter::once('\0')) {
        if c == ch {
            run += 1;
        } else if run > 0 {
            runs.insert(run);
            run = 0;
        }
    }
    (1..).find(|n| !runs.contains(n)).unwrap_or(1)
}

/// A fenced code block, fenced with more backticks than the body ever uses in a row.
pub fn fence(lang: &str, body: &str) -> String {
    let body = body.trim_end_matches(['\n', '\r']);
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest.max(2) + 1);
    format!("{ticks}{lang}\n{body}\n{ticks}")
}

/// A header cell with the docs site's fixed column width.
pub fn sized_header(width_px: u32, label: &str) -> String {
    format!("<div style=\"width:{width_px}px\">{label}</div>")
}

/// Heading text on one line.
pub fn heading(level: usize, text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{} {flat}", "#".repeat(level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_to_the_widest_cell_with_at_least_three_dashes() {
        let mut table = Table::new(["a", "Type"]);
        table.push(vec!["xy".into(), "".into()]);
        table.push(vec!["longer".into()]);
        assert_eq!(
            table.render(),
            "| a      | Type |\n| ------ | ---- |\n| xy     |      |\n| longer |      |"
        );
    }

    #[test]
    fn wide_characters_count_double() {
        let mut table = Table::new(["名称", "b"]);
        table.push(vec!["ab".into(), "中文字".into()]);
        assert_eq!(
            table.render(),
            "| 名称 | b      |\n| ---- | ------ |\n| ab   | 中文字 |"
        );
    }

    #[test]
    fn header_only_tables_render() {
        assert_eq!(
            Table::new(["Name", "Type"]).render(),
            "| Name | Type |\n| ---- | ---- |"
        );
    }

    #[test]
    fn cells_respell_code_spans_and_emphasis() {
        assert_eq!(name_cell("```rust x `y` ```"), "``rust x `y` ``");
        assert_eq!(name_cell("a ` b ` *c*"), "a `b` _c_");
        assert_eq!(name_cell("`a|b` c|d"), "`a\\|b` c\\|d");
    }

    #[test]
    fn cells_escape_pipes_and_break_lines() {
        assert_eq!(name_cell("a | b"), "a \\| b");
        assert_eq!(name_cell("a \\| b"), "a \\| b");
        assert_eq!(name_cell("a \\\\| b"), "a \\\\\\| b");
        assert_eq!(name_cell("line one\nline two \n\n"), "line one<br>line two");
        assert_eq!(name_cell("  a   b\t c  "), "a b c");
        assert_eq!(name_cell("x\r\ny"), "x<br>y");
        assert_eq!(
            name_cell("see [a|b](https://x.y/a|b) [c](d)"),
            "see [a\\|b](https://x.y/a\\|b) c"
        );
    }

    #[test]
    fn code_spans_follow_prettier() {
        assert_eq!(code_span("xxxx"), "`xxxx`");
        assert_eq!(code_span("a|b"), "`a\\|b`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
        assert_eq!(code_span(" a "), "`  a  `");
        assert_eq!(code_span(""), "");
        assert_eq!(code_span("a\nb"), "`a b`");
    }

    #[test]
    fn fences_outrun_backticks_in_the_body() {
        assert_eq!(fence("json", "{}\n"), "```json\n{}\n```");
        assert_eq!(fence("md", "```x```"), "````md\n```x```\n````");
        assert_eq!(fence("rust", ""), "```rust\n\n```");
    }

    #[test]
    fn headings_stay_on_one_line() {
        assert_eq!(heading(2, "a\n b"), "## a b");
        assert_eq!(
            sized_header(80, "Required"),
            "<div style=\"width:80px\">Required</div>"
        );
    }
}
