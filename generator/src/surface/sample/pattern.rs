//! Strings that match a schema's `pattern` (an ECMA-262 regular expression that some part of the
//! string must match): made from the pattern's syntax tree, the same on every run, and checked
//! against it. Lookarounds, which the regex crates do not know, are set aside: each is checked on
//! its own from where the pattern starts (which is how specs write them: `^(?!…$)`,
//! `(?=.*[A-Z])`), and a positive one the string misses gets what it asks for added.

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A pattern, ready to check and make strings.
#[derive(Debug)]
pub struct Pattern {
    /// The pattern without its lookarounds.
    base: Regex,
    hir: Hir,
    lookaheads: Vec<Lookahead>,
}

#[derive(Debug)]
struct Lookahead {
    negative: bool,
    /// Anchored where the string starts.
    regex: Regex,
    /// What it asks for, less a leading `.*`.
    wanted: Hir,
}

/// How to make a string from a syntax tree: how many times to repeat what may repeat, whether to
/// take optional parts, which alternative to take.
#[derive(Debug, Clone, Copy)]
struct Strategy {
    repeats: u32,
    optional: bool,
    last_alternative: bool,
}

/// Strings made longer than this (in bytes) are cut short, and so match no more.
const MAX_LEN: usize = 4096;

/// Repeat counts to try, shortest readable first.
const REPEATS: &[u32] = &[1, 0, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128, 256];

impl Pattern {
    /// The pattern of `source`, compiled once per thread (a spec repeats its patterns).
    pub fn cached(source: &str) -> Option<Rc<Pattern>> {
        thread_local! {
            static COMPILED: RefCell<HashMap<String, Option<Rc<Pattern>>>> = RefCell::default();
        }
        COMPILED.with(|compiled| {
            if let Some(known) = compiled.borrow().get(source) {
                return known.clone();
            }
            let made = Pattern::new(source).map(Rc::new);
            compiled
                .borrow_mut()
                .insert(source.to_owned(), made.clone());
            made
        })
    }

    /// `None` when the pattern is not one the regex crates can read (less lookarounds), or has
    /// a lookbehind.
    pub fn new(source: &str) -> Option<Pattern> {
        let (base, found) = split_lookarounds(source)?;
        let lookaheads = found
            .into_iter()
            .map(|(negative, inner)| {
                let regex = Regex::new(&format!("^(?:{inner})")).ok()?;
                let wanted = inner.strip_prefix(".*").unwrap_or(&inner);
                let wanted = regex_syntax::parse(wanted).ok()?;
                Some(Lookahead {
                    negative,
                    regex,
                    wanted,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Pattern {
            base: Regex::new(&base).ok()?,
            hir: regex_syntax::parse(&base).ok()?,
            lookaheads,
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.base.is_match(text)
            && self
                .lookaheads
                .iter()
                .all(|l| l.regex.is_match(text) != l.negative)
    }

    /// A string that matches, `min..=max` characters long, if one of the strategies finds one.
    pub fn sample(&self, min: usize, max: Option<usize>) -> Option<String> {
        let fits = |s: &str| {
            let n = s.chars().count();
            n >= min && max.is_none_or(|max| n <= max)
        };
        for &repeats in REPEATS {
            for (optional, last_alternative) in [(false, false), (true, false), (false, true)] {
                let strategy = Strategy {
                    repeats,
                    optional,
                    last_alternative,
                };
                let mut text = make(&self.hir, strategy);
                for l in self.lookaheads.iter().filter(|l| !l.negative) {
                    if !l.regex.is_match(&text) {
                        text.push_str(&make(&l.wanted, strategy));
                    }
                }
                if fits(&text) && self.is_match(&text) {
                    return Some(text);
                }
            }
        }
        None
    }
}

/// The pattern without its lookarounds, and each lookahead's inner text (with whether it is
/// negative); `None` when it has a lookbehind or unbalanced parentheses.
fn split_lookarounds(source: &str) -> Option<(String, Vec<(bool, String)>)> {
    let chars: Vec<char> = source.chars().collect();
    let mut base = String::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        let negative = rest.starts_with("(?!");
        if rest.starts_with("(?<=") || rest.starts_with("(?<!") {
            return None;
        }
        if negative || rest.starts_with("(?=") {
            let end = closing(&chars, i)?;
            found.push((negative, chars[i + 3..end].iter().collect()));
            i = end + 1;
            continue;
        }
        match chars[i] {
            '\\' => {
                base.extend(chars.get(i..i + 2)?);
                i += 2;
            }
            '[' => {
                let end = class_end(&chars, i)?;
                base.extend(&chars[i..=end]);
                i = end + 1;
            }
            c => {
                base.push(c);
                i += 1;
            }
        }
    }
    Some((base, found))
}

/// The index of the `)` that closes the group opening at `open`.
fn closing(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => i = class_end(chars, i)?,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the `]` that ends the class opening at `open` (a `]` first in it is literal).
fn class_end(chars: &[char], open: usize) -> Option<usize> {
    let mut i = open + 1;
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        i += 1;
    }
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            ']' => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn make(hir: &Hir, strategy: Strategy) -> String {
    let mut out = String::new();
    let mut picks = 0;
    write(hir, strategy, &mut out, &mut picks);
    out
}

/// Appends a string `hir` matches; `picks` counts the characters chosen from classes, so that
/// successive ones differ (`[a-z]{3}` gives `abc`).
fn write(hir: &Hir, strategy: Strategy, out: &mut String, picks: &mut usize) {
    if out.len() > MAX_LEN {
        return;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(&String::from_utf8_lossy(&literal.0)),
        HirKind::Class(class) => {
            if let Some(c) = pick(class, *picks) {
                out.push(c);
            }
            *picks += 1;
        }
        HirKind::Repetition(rep) => {
            let count = if rep.min == 0 && rep.max == Some(1) {
                u32::from(strategy.optional)
            } else {
                strategy
                    .repeats
                    .max(rep.min)
                    .min(rep.max.unwrap_or(u32::MAX))
            };
            for _ in 0..count {
                if out.len() > MAX_LEN {
                    break;
                }
                write(&rep.sub, strategy, out, picks);
            }
        }
        HirKind::Capture(capture) => write(&capture.sub, strategy, out, picks),
        HirKind::Concat(parts) => {
            for part in parts {
                write(part, strategy, out, picks);
            }
        }
        HirKind::Alternation(alternatives) => {
            let chosen = match strategy.last_alternative {
                true => alternatives.last(),
                false => alternatives.first(),
            };
            if let Some(alternative) = chosen {
                write(alternative, strategy, out, picks);
            }
        }
    }
}

/// A character of the class: lower-case letters first, then digits, then upper-case letters,
/// then any printable one; the `nth` such (wrapping), so that neighbours differ.
fn pick(class: &Class, nth: usize) -> Option<char> {
    let ranges: Vec<(char, char)> = match class {
        Class::Unicode(c) => c.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        Class::Bytes(c) => c
            .ranges()
            .iter()
            .map(|r| (char::from(r.start()), char::from(r.end())))
            .collect(),
    };
    let contains = |c: char| ranges.iter().any(|&(a, b)| a <= c && c <= b);
    for (from, to) in [('a', 'z'), ('0', '9'), ('A', 'Z')] {
        let inside: Vec<char> = (from..=to).filter(|&c| contains(c)).collect();
        if !inside.is_empty() {
            return Some(inside[nth % inside.len()]);
        }
    }
    let printable = ranges
        .iter()
        .flat_map(|&(a, b)| (a..=b).take(128))
        .find(|c| !c.is_control());
    printable.or(ranges.first().map(|&(a, _)| a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(pattern: &str, min: usize, max: Option<usize>) -> Option<String> {
        Pattern::new(pattern)?.sample(min, max)
    }

    #[test]
    fn strings_match_their_pattern_and_read_well() {
        let version = r"^\d+\.\d+\.\d+([\-\+].+)?$";
        assert_eq!(sample(version, 0, None).as_deref(), Some("0.1.2"));
        let mac = "^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$";
        assert_eq!(sample(mac, 0, None).as_deref(), Some("ab:cd:ef:ab:cd:ef"));
        assert_eq!(sample("[a-z-]+\\.[a-z-]+", 0, None).as_deref(), Some("a.b"));
        let duration = "^([0-9]+([.][0-9]+)?(ns|us|µs|ms|s|m|h))+$";
        assert_eq!(sample(duration, 0, None).as_deref(), Some("0ns"));
    }

    #[test]
    fn lengths_are_met_by_repeating_or_else_there_is_no_sample() {
        let name = sample("^[a-z][a-z0-9-]*$", 5, Some(8)).unwrap();
        assert!((5..=8).contains(&name.len()), "{name}");
        assert_eq!(sample("^[0-9]{4}$", 5, None), None);
        assert_eq!(sample("^ab$", 0, Some(1)), None);
    }

    #[test]
    fn lookaheads_are_checked_apart_and_positive_ones_satisfied() {
        let uuid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
        let name = format!("^(?!{uuid}$)^[a-z][a-z0-9-]*[a-zA-Z0-9]$");
        let pattern = Pattern::new(&name).unwrap();
        assert!(!pattern.is_match("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        assert!(pattern.is_match("my-name"));
        assert_eq!(pattern.sample(0, None).as_deref(), Some("abc"));
        let mixed = Pattern::new("(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])").unwrap();
        assert!(!mixed.is_match("password"));
        let made = mixed.sample(0, None).unwrap();
        assert!(mixed.is_match(&made), "{made}");
        assert!(Pattern::new("(?<=a)b").is_none());
        assert!(Pattern::new("(unbalanced").is_none());
    }

    #[test]
    fn classes_and_escapes_stay_whole_when_lookarounds_are_cut() {
        let (base, found) = split_lookarounds(r"^[(?!]\(?=x(?=.*\))$").unwrap();
        assert_eq!(base, r"^[(?!]\(?=x$");
        assert_eq!(found, [(false, r".*\)".to_owned())]);
    }
}
