//! Names for the synthetic spec: schemas, tags, properties and enum values, all unique and
//! derived from an index, so any count works.

const NOUNS: [&str; 24] = [
    "Account", "Invoice", "Project", "Device", "Order", "Shipment", "Ticket", "Report", "Policy",
    "Member", "Channel", "Volume", "Network", "Region", "Payment", "Contract", "Asset", "Sensor",
    "Release", "Pipeline", "Dataset", "Cluster", "Profile", "Session",
];

const QUALIFIERS: [&str; 24] = [
    "", "Summary", "Detail", "Spec", "Status", "Record", "Settings", "Entry", "Link", "Event",
    "Limit", "Quota", "Rule", "Snapshot", "Template", "Usage", "Window", "Audit", "Binding",
    "Metric", "Note", "Option", "Target", "View",
];

const AREAS: [&str; 12] = [
    "Billing",
    "Identity",
    "Fleet",
    "Storage",
    "Compute",
    "Logistics",
    "Support",
    "Analytics",
    "Security",
    "Messaging",
    "Catalog",
    "Operations",
];

const WORDS: [&str; 32] = [
    "owner",
    "parent",
    "source",
    "target",
    "primary",
    "backup",
    "latest",
    "origin",
    "region",
    "policy",
    "billing",
    "contact",
    "default",
    "linked",
    "related",
    "current",
    "previous",
    "next",
    "pending",
    "archived",
    "shared",
    "public",
    "private",
    "managed",
    "external",
    "internal",
    "active",
    "draft",
    "final",
    "manual",
    "scheduled",
    "nested",
];

const FIELDS: [&str; 16] = [
    "id",
    "name",
    "label",
    "count",
    "total",
    "ratio",
    "enabled",
    "createdAt",
    "updatedAt",
    "note",
    "size",
    "weight",
    "priority",
    "version",
    "checksum",
    "url",
];

const STATES: [&str; 16] = [
    "active",
    "inactive",
    "pending_review",
    "approved",
    "rejected",
    "archived",
    "draft",
    "scheduled",
    "running",
    "failed",
    "succeeded",
    "cancelled",
    "expired",
    "suspended",
    "queued",
    "unknown_state",
];

/// The `i`th schema name: a noun and a qualifier, then a number once those run out.
pub fn schema(i: usize) -> String {
    let noun = NOUNS[i % NOUNS.len()];
    let rest = i / NOUNS.len();
    let qualifier = QUALIFIERS[rest % QUALIFIERS.len()];
    match rest / QUALIFIERS.len() {
        0 => format!("{noun}{qualifier}"),
        n => format!("{noun}{qualifier}V{}", n + 1),
    }
}

/// The `t`th tag: an area, numbered once the areas run out.
pub fn tag(t: usize) -> String {
    match t / AREAS.len() {
        0 => AREAS[t].to_owned(),
        n => format!("{} {}", AREAS[t % AREAS.len()], n + 1),
    }
}

/// The `k`th property name of an object (unique within it): a field, or a word and a noun.
pub fn property(k: usize, target: Option<&str>) -> String {
    match target {
        None => {
            let field = FIELDS[k % FIELDS.len()];
            match k / FIELDS.len() {
                0 => field.to_owned(),
                n => format!("{field}{}", n + 1),
            }
        }
        Some(target) => {
            let word = WORDS[k % WORDS.len()];
            let mut chars = target.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            let noun: String = first.into_iter().chain(chars).collect();
            format!("{word}{noun}{k}")
        }
    }
}

/// `count` distinct enum values starting at `from`.
pub fn states(from: usize, count: usize) -> Vec<String> {
    (0..count.min(STATES.len()))
        .map(|k| STATES[(from + k) % STATES.len()].to_owned())
        .collect()
}

/// A plural path segment for a resource named by a schema: `AccountSummary` → `account-summaries`.
pub fn plural(name: &str) -> String {
    let mut kebab = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            kebab.push('-');
        }
        kebab.push(c.to_ascii_lowercase());
    }
    if let Some(stem) = kebab.strip_suffix('y') {
        format!("{stem}ies")
    } else if kebab.ends_with('s') {
        format!("{kebab}es")
    } else {
        format!("{kebab}s")
    }
}
