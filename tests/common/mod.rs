//! Shared by the integration tests: running the real binary from the crate root.

use std::process::{Command, Output};

/// Runs `zhterm ARGS` in the crate root (where `glossary/` and `tests/fixtures/` are).
pub fn zhterm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhterm"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("zhterm runs")
}
