//! The build gives the same glossary whatever the number of worker threads.

use std::process::Command;

fn build(jobs: &str, out: &std::path::Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_zhterm"))
        .args(["build", "--quiet", "--jobs", jobs, "-o"])
        .arg(out)
        .args(["glossary/corpus", "tests/fixtures/memory.tmx", "tests/fixtures/customs.zh"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("zhterm runs");
    assert!(status.success());
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build("1", one.path());
    build("2", two.path());
    for name in ["graph.json", "glossary.csv", "glossary.tbx", "candidates.csv"] {
        let a = std::fs::read(one.path().join(name)).unwrap();
        let b = std::fs::read(two.path().join(name)).unwrap();
        assert!(a == b, "{name} differs between --jobs 1 and --jobs 2");
    }
}
