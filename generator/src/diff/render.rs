//! A report as Markdown for a pull request (grouped by client, tag and operation) or as JSON.

use super::semver::{suggest, Bump};
use super::{Class, Finding, Report};
use serde::Serialize;

/// What the report compares, and the crate whose version it suggests.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Where the base came from, e.g. `HEAD:spec/management.yaml`.
    pub base: String,
    /// Where the new version came from, e.g. `spec/management.yaml`.
    pub head: String,
    pub crate_name: String,
    pub crate_version: String,
}

impl Report {
    /// Markdown ready to paste into a pull request.
    pub fn markdown(&self, labels: &Labels) -> String {
        let mut text = if self.base_client == self.client {
            format!("## API changes: `{}`\n\n", self.client)
        } else {
            format!(
                "## API changes: `{}` → `{}`\n\n",
                self.base_client, self.client
            )
        };
        text.push_str(&format!(
            "`{}` → `{}`: **{} breaking**, {} compatible.\n",
            labels.base,
            labels.head,
            self.count(Class::Breaking),
            self.count(Class::Compatible)
        ));
        text.push_str(&version_line(self, labels));
        if self.changes.is_empty() {
            text.push_str("\nNo API changes: the two specs describe the same crate API.\n");
        }
        for (heading, changes) in self.groups() {
            text.push_str(&format!("\n### {heading}\n"));
            let mut operation: Option<&str> = None;
            for (i, c) in changes.iter().enumerate() {
                match &c.operation {
                    Some(op) if operation != Some(op.name.as_str()) => {
                        operation = Some(&op.name);
                        let route = format!("{} {}", op.method, op.path);
                        text.push_str(&format!("\n#### `{}` · `{route}`\n\n", op.name));
                    }
                    None if i == 0 => text.push('\n'),
                    _ => {}
                }
                text.push_str(&line(c));
            }
        }
        text
    }

    /// Pretty JSON with a fixed key order, for bots.
    pub fn json(&self, labels: &Labels) -> String {
        let (semver, semver_error) = match suggest(&labels.crate_version, self) {
            Ok(bump) => (Some(bump), None),
            Err(e) => (None, Some(e)),
        };
        let doc = Json {
            base: &labels.base,
            head: &labels.head,
            base_client: &self.base_client,
            client: &self.client,
            breaking: self.count(Class::Breaking),
            compatible: self.count(Class::Compatible),
            crate_name: &labels.crate_name,
            semver,
            semver_error,
            changes: &self.changes,
        };
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{e}"));
        text.push('\n');
        text
    }

    /// Changes grouped under headings: client-wide ones first, then by tag in order of appearance.
    fn groups(&self) -> Vec<(String, Vec<&Finding>)> {
        let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
        for c in &self.changes {
            let heading = match (&c.operation, &c.tag) {
                (None, _) => "Client-wide".to_owned(),
                (Some(_), Some(tag)) => tag.clone(),
                (Some(_), None) => "Untagged".to_owned(),
            };
            match groups.iter_mut().find(|(h, _)| *h == heading) {
                Some((_, list)) => list.push(c),
                None => groups.push((heading, vec![c])),
            }
        }
        groups
    }
}

#[derive(Serialize)]
struct Json<'a> {
    base: &'a str,
    head: &'a str,
    base_client: &'a str,
    client: &'a str,
    breaking: usize,
    compatible: usize,
    crate_name: &'a str,
    semver: Option<Bump>,
    semver_error: Option<String>,
    changes: &'a [Finding],
}

fn version_line(report: &Report, labels: &Labels) -> String {
    match suggest(&labels.crate_version, report) {
        Ok(bump) if bump.current == bump.suggested => format!(
            "Suggested version for `{}`: `{}`, unchanged ({}).\n",
            labels.crate_name, bump.current, bump.reason
        ),
        Ok(bump) => format!(
            "Suggested version for `{}`: `{}` → **`{}`** ({}).\n",
            labels.crate_name, bump.current, bump.suggested, bump.reason
        ),
        Err(e) => format!("No version suggestion for `{}`: {e}.\n", labels.crate_name),
    }
}

fn line(c: &Finding) -> String {
    let subject = if c.subject.is_empty() {
        String::new()
    } else {
        format!(" `{}`", c.subject)
    };
    let effect = match c.effect {
        super::Effect::Unaffected => String::new(),
        other => format!(" ({})", other.label()),
    };
    format!(
        "- **{}**{effect}: {}{subject} {}. _{}._\n",
        c.class.as_str(),
        c.place,
        c.detail,
        capitalise(c.why)
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
