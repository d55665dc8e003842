//! Where a link in spec text leads, which lowering (making links absolute) and both emitters
//! (dropping links that go nowhere) agree on.

/// An absolute URL (`https:`, `mailto:`, …) or a protocol-relative one: a link that works
/// wherever the text is shown.
pub fn leaves_the_site(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some((scheme, rest)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !rest.starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_urls_leave_the_site() {
        for dest in ["https://a.b/c", "mailto:a@b.c", "//cdn.example.com/x.png"] {
            assert!(leaves_the_site(dest), "{dest}");
        }
        for dest in ["/docs/x", "../a", "#tag/x", "omicron::api::Thing"] {
            assert!(!leaves_the_site(dest), "{dest}");
        }
    }
}
