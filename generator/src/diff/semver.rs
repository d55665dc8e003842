//! The version bump a report calls for, by Cargo's semver rules (where `0.x` counts its minor as
//! the major).

use super::{Class, Report};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    None,
    Patch,
    Minor,
    Major,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bump {
    pub current: String,
    pub suggested: String,
    pub level: Level,
    pub reason: String,
}

/// The bump from `current` (`MAJOR.MINOR.PATCH`, pre-release and build ignored) that `report`
/// calls for; an error when `current` is not a version.
pub fn suggest(current: &str, report: &Report) -> Result<Bump, String> {
    let core = current.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<u64> = core
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| format!("`{current}` is not a MAJOR.MINOR.PATCH version"))?;
    let [major, minor, patch] = parts[..] else {
        return Err(format!("`{current}` is not a MAJOR.MINOR.PATCH version"));
    };
    let breaking = report.count(Class::Breaking) > 0;
    let changed = !report.changes.is_empty();
    let (level, next, reason) = match (breaking, changed, major) {
        (true, _, 0) => (Level::Minor, (0, minor + 1, 0), "a breaking change while the major version is 0: Cargo treats 0.x and 0.(x+1) as incompatible, so the minor goes up"),
        (true, _, _) => (Level::Major, (major + 1, 0, 0), "a breaking change: the major goes up"),
        (false, true, 0) => (Level::Patch, (0, minor, patch + 1), "compatible changes only, and the major version is 0: Cargo treats 0.x.y and 0.x.(y+1) as compatible, so the patch goes up"),
        (false, true, _) => (Level::Minor, (major, minor + 1, 0), "compatible changes only: the minor goes up"),
        (false, false, _) => (Level::None, (major, minor, patch), "no API changes"),
    };
    Ok(Bump {
        current: current.to_owned(),
        suggested: format!("{}.{}.{}", next.0, next.1, next.2),
        level,
        reason: reason.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::rules::{Change, Effect, Side, When};
    use crate::diff::Finding;

    fn report(classes: &[Class]) -> Report {
        let changes = classes
            .iter()
            .map(|&class| Finding {
                class,
                effect: match class {
                    Class::Breaking => Effect::DoesNotCompile,
                    Class::Compatible => Effect::Unaffected,
                },
                change: Change::OperationAdded,
                side: Side::Any,
                when: When::Always,
                tag: None,
                operation: None,
                place: String::new(),
                subject: String::new(),
                detail: String::new(),
                why: "",
            })
            .collect();
        Report {
            base_client: "C".into(),
            client: "C".into(),
            changes,
        }
    }

    #[test]
    fn zero_major_versions_bump_the_minor_for_breaking_changes() {
        let bump = suggest("0.1.3", &report(&[Class::Compatible, Class::Breaking])).unwrap();
        assert_eq!(
            (bump.suggested.as_str(), bump.level),
            ("0.2.0", Level::Minor)
        );
        let bump = suggest("0.1.3", &report(&[Class::Compatible])).unwrap();
        assert_eq!(
            (bump.suggested.as_str(), bump.level),
            ("0.1.4", Level::Patch)
        );
    }

    #[test]
    fn stable_versions_bump_the_major_for_breaking_changes() {
        let bump = suggest("2.4.1-beta.1", &report(&[Class::Breaking])).unwrap();
        assert_eq!(
            (bump.suggested.as_str(), bump.level),
            ("3.0.0", Level::Major)
        );
        let bump = suggest("2.4.1", &report(&[Class::Compatible])).unwrap();
        assert_eq!(bump.suggested, "2.5.0");
        assert_eq!(suggest("2.4.1", &report(&[])).unwrap().level, Level::None);
    }

    #[test]
    fn a_non_version_is_an_error_not_a_panic() {
        assert!(suggest("1.2", &report(&[])).is_err());
        assert!(suggest("one.two.three", &report(&[])).is_err());
    }
}
