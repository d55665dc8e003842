//! What the generator refuses or accepts beyond the text: limits that keep it safe on hostile
//! input, what it does not support, and inputs that only look wrong.

use super::How::{Error, Silent, Warning};
use super::Versions::{Both, Only31};
use super::{at, Rule};

pub const LIMITS: &[Rule] = &[
    Rule {
        id: "gen-nesting-depth",
        versions: Both,
        section: "generator",
        says: "A document nests at most 64 levels deep, through YAML aliases too.",
        how: Error(&[
            at("bad/deep-nesting.json", "nests more than 64 levels deep"),
            at("bad/deep-nesting.yaml", "nests more than 64 levels deep"),
            at("bad/yaml-alias-depth.yaml", "through its YAML aliases"),
        ]),
    },
    Rule {
        id: "gen-remote-refs",
        versions: Both,
        section: "generator",
        says: "Remote `$ref`s are not fetched; relative files are bundled in.",
        how: Error(&[at("bad/external-url.yaml", "is not fetched")]),
    },
    Rule {
        id: "gen-unsupported",
        versions: Both,
        section: "generator",
        says: "Callbacks, links and `xml` are skipped.",
        how: Warning(&[at("bad/unsupported-warnings.yaml", "callbacks are not supported; skipped")]),
    },
    Rule {
        id: "gen-mutual-tls",
        versions: Only31,
        section: "generator",
        says: "`mutualTLS` security schemes are skipped: a generated client presents no certificate.",
        how: Warning(&[at("repairs/mutual-tls-3-1.yaml", "`mutualTLS` security schemes are not supported")]),
    },
    Rule {
        id: "gen-required-is-property",
        versions: Both,
        section: "generator",
        says: "A name in `required` that is no property of a closed object has nowhere to live in the struct.",
        how: Warning(&[
            at("repairs/required-missing-property.yaml", "which is not a property here; ignored"),
            at("repairs/yaml-merge-keys.yaml", "which is not a property here; ignored"),
        ]),
    },
    Rule {
        id: "gen-all-of-one-type",
        versions: Both,
        section: "generator",
        says: "`allOf` parts that give one property two types make one field: the last type wins.",
        how: Warning(&[at("repairs/allof-conflict.yaml", "more than one type")]),
    },
    Rule {
        id: "gen-looks-wrong-but-is-not",
        versions: Both,
        section: "generator",
        says: "Big integers, deep but legal nesting, relative external files and 3.1 operations without `responses` generate without a word.",
        how: Silent(&[
            "bad/big-integers.json",
            "bad/big-integers.yaml",
            "bad/deep-but-fine.yaml",
            "bad/external-ok.yaml",
            "bad/responses-optional-3-1.yaml",
        ]),
    },
];
