//! The glossary folder's one writer, through the real binary: a writer killed at every step
//! of its commit leaves the old glossary or the new one; concurrent writers never lose an
//! update; the look-up index is committed with the graph by every writer.
//!
//! The glossary is tests/fixtures/graph.json (electrical safety and device registration
//! terms) committed into a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;
use zhterm::store::{manifest::sha256_hex, Candidates, Glossary, Writer, GRAPH_FILE, INDEX_FILE, LOCK_FILE};

mod common;
use common::zhterm;

const FIXTURE: &str = "tests/fixtures/graph.json";
/// A review approving one entry and adding another (a term of the fixture's domain that the
/// fixture lacks), dated so every run writes the same bytes.
const REVIEW: &str = "zh-CN,en,status,note\n保护器,protective device,approved,checked\n剩余电流,residual current,,\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A glossary folder holding the fixture graph, committed by the library's writer.
fn glossary(dir: &Path) -> PathBuf {
    let folder = dir.join("glossary");
    let graph =
        zhterm::store::from_json(&std::fs::read_to_string(root().join(FIXTURE)).unwrap(), Path::new(FIXTURE)).unwrap();
    let writer = Writer::lock(&folder, Duration::ZERO).unwrap();
    writer.commit_graph(&graph, Candidates::Kept, &mut |_| {}).unwrap();
    folder
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What a reader sees of the glossary: its CSV export, through the binary.
fn view(folder: &Path) -> String {
    let output = zhterm(&["export", "-f", "csv", "-g", folder.to_str().unwrap()]);
    assert!(output.status.success(), "export failed: {}", stderr(&output));
    text(&output)
}

fn import(folder: &Path, review: &Path, fail_at: Option<usize>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhterm"));
    command.args(["import", review.to_str().unwrap(), "-g", folder.to_str().unwrap(), "--date", "2026-03-04"]);
    if let Some(step) = fail_at {
        command.env("ZHTERM_FAIL_AT", step.to_string());
    }
    command.output().expect("zhterm runs")
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

const FILES: [&str; 6] = [LOCK_FILE, "glossary.csv", "glossary.tbx", "graph.json", "lookup.idx", "manifest.json"];

#[test]
fn a_writer_killed_at_any_step_leaves_the_old_or_the_new_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let base = glossary(dir.path());
    let review = dir.path().join("review.csv");
    std::fs::write(&review, REVIEW).unwrap();
    let old = view(&base);
    let finished = dir.path().join("finished");
    copy_folder(&base, &finished);
    assert!(import(&finished, &review, None).status.success());
    let new = view(&finished);
    assert_ne!(old, new);
    let (mut saw_old, mut saw_new) = (false, false);
    let mut step = 1;
    loop {
        let folder = dir.path().join(format!("killed-at-{step}"));
        copy_folder(&base, &folder);
        let output = import(&folder, &review, Some(step));
        if output.status.success() {
            break;
        }
        assert_eq!(output.status.code(), None, "step {step}: the writer dies by a signal: {}", stderr(&output));
        let seen = view(&folder);
        assert!(seen == old || seen == new, "step {step}: a reader sees a mix of the two glossaries");
        saw_old |= seen == old;
        saw_new |= seen == new;
        // Look-up agrees with the export: the added entry is there exactly in the new one.
        let lookup = zhterm(&["lookup", "-g", folder.to_str().unwrap(), "剩余电流"]);
        assert_eq!(lookup.status.code(), Some(if seen == new { 0 } else { 1 }), "step {step}: {}", stderr(&lookup));
        // The next writer cleans up and, re-applying the review on top, ends at the new one.
        assert!(import(&folder, &review, None).status.success(), "step {step}");
        assert_eq!(names(&folder), FILES, "step {step}: a dead writer's files are left over");
        assert_eq!(view(&folder), new, "step {step}");
        step += 1;
    }
    assert!(step > 10, "the commit has its steps ({step})");
    assert!(saw_old && saw_new, "kills fell both before and after the commit point");
}

#[test]
fn two_imports_at_once_both_apply_and_a_writer_that_waits_too_long_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    for round in 0..3 {
        let reviews: Vec<PathBuf> = [("漏电保护器", "residual current device"), ("电工委", "IEC")]
            .iter()
            .enumerate()
            .map(|(i, (zh, en))| {
                let path = dir.path().join(format!("review-{round}-{i}.csv"));
                std::fs::write(&path, format!("zh-CN,en,note\n{zh},{en},round {round}\n")).unwrap();
                path
            })
            .collect();
        let children: Vec<_> = reviews
            .iter()
            .map(|review| {
                Command::new(env!("CARGO_BIN_EXE_zhterm"))
                    .args(["import", review.to_str().unwrap(), "-g", folder.to_str().unwrap()])
                    .output()
            })
            .collect();
        for child in children {
            let output = child.unwrap();
            assert!(output.status.success(), "round {round}: {}", stderr(&output));
        }
        let csv = view(&folder);
        for zh in ["漏电保护器", "电工委"] {
            let row = csv.lines().find(|l| l.starts_with(&format!("{zh},"))).unwrap();
            assert!(row.contains(&format!("round {round}")), "round {round}: the update of {zh} was lost: {row}");
        }
    }
    // A writer holding the lock (as a long build does): an import gives up after its wait.
    let before = view(&folder);
    let holder = Writer::lock(&folder, Duration::ZERO).unwrap();
    let review = dir.path().join("late.csv");
    std::fs::write(&review, "zh-CN,en,status\n保护器,protector,approved\n").unwrap();
    let late = zhterm(&["import", review.to_str().unwrap(), "-g", folder.to_str().unwrap(), "--wait", "0.3"]);
    assert_eq!(late.status.code(), Some(2));
    let message = stderr(&late);
    assert!(message.lines().count() == 1 && message.contains("another zhterm is writing"), "{message}");
    assert_eq!(view(&folder), before);
    // Readers never wait for a writer.
    assert!(zhterm(&["lookup", "-g", folder.to_str().unwrap(), "保护器"]).status.success());
    drop(holder);
    assert!(zhterm(&["import", review.to_str().unwrap(), "-g", folder.to_str().unwrap()]).status.success());
}

/// Whether the folder's committed index indexes its committed graph (so look-up uses it
/// rather than rebuilding one in memory).
fn index_is_fresh(folder: &Path) -> bool {
    let graph = std::fs::read(folder.join(GRAPH_FILE)).unwrap();
    let index = std::fs::read_to_string(folder.join(INDEX_FILE)).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("manifest.json")).unwrap()).unwrap();
    let named = manifest["files"].as_array().unwrap().iter().any(|f| f["name"] == INDEX_FILE);
    let stamp = index.lines().next().unwrap().split('\t').nth(2).unwrap().to_string();
    named && stamp == sha256_hex(&graph)
}

#[test]
fn import_and_merge_commit_a_fresh_index_that_lookup_answers_from() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    let generation = Glossary::open(&folder).unwrap().generation();
    let review = dir.path().join("review.csv");
    std::fs::write(&review, REVIEW).unwrap();
    assert!(import(&folder, &review, None).status.success());
    assert_eq!(Glossary::open(&folder).unwrap().generation(), generation + 1);
    assert!(index_is_fresh(&folder));
    let found = zhterm(&["lookup", "-g", folder.to_str().unwrap(), "residual current"]);
    assert!(text(&found).starts_with("剩余电流  →  residual current"), "{}", text(&found));

    let merged = dir.path().join("merged");
    let output = zhterm(&[
        "merge",
        folder.to_str().unwrap(),
        base_copy(dir.path()).to_str().unwrap(),
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(index_is_fresh(&merged));
    let found = zhterm(&["lookup", "-g", merged.to_str().unwrap(), "shengyu dianliu"]);
    assert!(text(&found).starts_with("剩余电流  →"), "{}", text(&found));
}

/// A second glossary of the fixture, in `dir/other`.
fn base_copy(dir: &Path) -> PathBuf {
    let other = dir.join("other");
    std::fs::create_dir_all(&other).unwrap();
    glossary(&other)
}

#[test]
fn leftovers_of_writers_before_the_manifest_are_removed_by_the_next_writer() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    for name in [".glossary.csv.tmp4242", ".graph.json.bak4242", ".zhterm-probe4242"] {
        std::fs::write(folder.join(name), "left by a killed writer").unwrap();
    }
    let readers_view = view(&folder);
    let review = dir.path().join("review.csv");
    std::fs::write(&review, "zh-CN,en\n保护器,protector\n").unwrap();
    assert!(import(&folder, &review, None).status.success());
    assert_eq!(names(&folder), FILES);
    assert_ne!(view(&folder), readers_view);
}

#[test]
fn an_import_during_a_build_is_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("glossary");
    let g = folder.to_str().unwrap();
    let input = root().join("tests/fixtures/memory.tsv");
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_zhterm"))
            .args(["build", "--quiet", "-o", g, input.to_str().unwrap()])
            .spawn()
            .expect("zhterm runs")
    };
    assert!(build().wait().unwrap().success());
    // Whichever takes the lock first, the approval ends up in the glossary: applied before the
    // build reads the previous graph (and carried by it), or on top of the build's commit.
    let csv = view(&folder);
    let zh = csv.lines().nth(1).unwrap().split(',').next().unwrap().to_string();
    let review = dir.path().join("review.csv");
    std::fs::write(&review, format!("zh-CN,en,status,note\n{zh},,approved,kept through the build\n")).unwrap();
    let mut building = build();
    let imported = zhterm(&["import", review.to_str().unwrap(), "-g", g, "--wait", "120"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(building.wait().unwrap().success());
    let row = view(&folder).lines().find(|l| l.starts_with(&format!("{zh},"))).unwrap().to_string();
    assert!(row.contains(",approved,") && row.contains("kept through the build"), "{row}");
}

#[test]
fn a_build_killed_before_its_commit_point_leaves_the_old_glossary_and_after_it_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    let memory = root().join("tests/fixtures/memory.tsv");
    let other = root().join("tests/fixtures/valley.tsv");
    let build = |folder: &Path, input: &Path, fail_at: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhterm"));
        command.args(["build", "--quiet", "-o", folder.to_str().unwrap(), input.to_str().unwrap()]);
        if let Some(step) = fail_at {
            command.env("ZHTERM_FAIL_AT", step);
        }
        command.output().expect("zhterm runs")
    };
    assert!(build(&base, &memory, None).status.success());
    let old = view(&base);
    let finished = dir.path().join("finished");
    copy_folder(&base, &finished);
    assert!(build(&finished, &other, None).status.success());
    let new = view(&finished);
    assert_ne!(old, new);
    for (step, expected) in [("wrote graph.json", &old), ("commit", &old), ("publish glossary.csv", &new)] {
        let folder = dir.path().join(step.replace(' ', "-"));
        copy_folder(&base, &folder);
        let output = build(&folder, &other, Some(step));
        assert_eq!(output.status.code(), None, "{step}: the build dies there: {}", stderr(&output));
        assert!(view(&folder) == *expected, "killed at {step:?}: not the expected glossary");
    }
}
