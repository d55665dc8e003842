//! Diagnostics: problems in a spec, each with a JSON pointer (see [`crate::pointer`]), a file
//! position and a hint.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A line and column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it.
    pub file: String,
    pub position: Option<Position>,
    /// JSON pointer into the document, e.g. `#/paths/~1pets/get`.
    pub pointer: String,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {level}: {}: {}", self.pointer, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Everything found wrong with a spec, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The most recently pushed diagnostic, to add a hint to it.
    pub fn last_mut(&mut self) -> &mut Diagnostic {
        self.items.last_mut().expect("called right after a push")
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.items.iter_mut()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Turn every warning into an error (`--deny-warnings`).
    pub fn deny_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Errors first, then by file position, then pointer; duplicates dropped.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (a.severity, &a.file, a.position, &a.pointer, &a.message)
                .cmp(&(b.severity, &b.file, b.position, &b.pointer, &b.message))
        });
        self.items.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The known name nearest to `name` by edit distance, if it is near enough to be a typo.
pub fn closest<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    let len = name.chars().count();
    if len > 200 {
        return None;
    }
    let near = |k: &String| {
        let max = (k.chars().count() / 3).max(2);
        (k.as_str() != name && k.chars().count().abs_diff(len) <= max).then_some(max)
    };
    known
        .iter()
        .filter_map(|k| near(k).map(|max| (k, max)))
        .map(|(k, max)| (edit_distance(name, k), max, k))
        .filter(|(d, max, _)| d <= max)
        .map(|(d, _, k)| (d, k))
        .min()
        .map(|(_, k)| k.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(severity: Severity, line: usize, pointer: &str) -> Diagnostic {
        Diagnostic {
            severity,
            file: "spec.yaml".into(),
            position: Some(Position { line, column: 3 }),
            pointer: pointer.into(),
            message: "bad".into(),
            hint: None,
        }
    }

    #[test]
    fn renders_file_line_column_pointer_and_hint() {
        let mut d = diag(Severity::Error, 42, "#/paths/~1a/post/$ref");
        d.hint = Some("did you mean 'A'?".into());
        assert_eq!(
            d.to_string(),
            "spec.yaml:42:3: error: #/paths/~1a/post/$ref: bad (did you mean 'A'?)"
        );
    }

    #[test]
    fn sorts_errors_first_then_by_position() {
        let mut all = Diagnostics::default();
        all.push(diag(Severity::Warning, 1, "#/a"));
        all.push(diag(Severity::Error, 9, "#/b"));
        all.push(diag(Severity::Error, 2, "#/c"));
        all.push(diag(Severity::Error, 2, "#/c"));
        let order: Vec<_> = all.sorted().iter().map(|d| d.pointer.clone()).collect();
        assert_eq!(order, ["#/c", "#/b", "#/a"]);
    }

    #[test]
    fn typos_find_their_nearest_name() {
        let known = vec!["UpdatePhoneDto".to_owned(), "CommonResponseDto".to_owned()];
        assert_eq!(closest("UpdatePhonDto", &known), Some("UpdatePhoneDto"));
        assert_eq!(closest("Unrelated", &known), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
