//! Tests of the generated client live in `tests/`.
