//! The curation round trip through the real binary: build → a reviewer edits the CSV →
//! import → rebuild with a new document; exports re-imported unedited; merges.
//!
//! The entries edited are picked from whatever the build mined, so the tests hold however
//! mining and alignment rank the fixture terms.

use std::path::Path;

mod common;
use common::zhterm;

const MEMORY: &str = "tests/fixtures/memory.tsv";
const NEW_DOCUMENT: &str = "tests/fixtures/customs.zh";
/// A term of the new document (see `each_parallel_kind_gives_english_equivalents`).
const NEW_TERM: &str = "单一窗口申报";
/// A phrase of the memory fixture that is no mined entry: the reviewer adds it.
const ADDED: (&str, &str) = ("书面形式", "written form");
const CORRECTED: &str = "licence under review";

fn ok(args: &[&str]) -> String {
    let output = zhterm(args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "zhterm {args:?} failed: {stderr}");
    stderr
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().unwrap().to_string()
}

fn build(dir: &Path, inputs: &[&str]) {
    let out = dir.to_str().unwrap();
    let mut args = vec!["build", "--quiet", "-o", out];
    args.extend_from_slice(inputs);
    ok(&args);
}

/// The glossary CSV as header + rows of fields.
fn rows(file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

fn write_rows(file: &str, header: &[String], rows: &[Vec<String>]) {
    let mut writer = csv::Writer::from_path(file).unwrap();
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column in {header:?}"))
}

/// The row of `zh` in a glossary CSV.
fn row_of(file: &str, zh: &str) -> Option<(Vec<String>, Vec<String>)> {
    let (header, rows) = rows(file);
    rows.into_iter().find(|r| r[0] == zh).map(|r| (header.clone(), r))
}

fn field(file: &str, zh: &str, name: &str) -> String {
    let (header, row) = row_of(file, zh).unwrap_or_else(|| panic!("{zh} is not in {file}"));
    row[column(&header, name)].clone()
}

/// Edits the glossary CSV as a reviewer would: approves the first entry with a corrected
/// English, rejects the last one, adds one. Returns (corrected, rejected) Chinese terms.
fn review(glossary: &Path, edited: &str) -> (String, String) {
    let (header, mut rows) = rows(&path(glossary, "glossary.csv"));
    assert!(rows.len() >= 2, "the fixture build should give at least two entries");
    let (zh, en, status, note) =
        (column(&header, "zh-CN"), column(&header, "en"), column(&header, "status"), column(&header, "note"));
    let last = rows.len() - 1;
    rows[0][en] = CORRECTED.into();
    rows[0][status] = "approved".into();
    rows[0][note] = "checked against the contract".into();
    rows[last][status] = "rejected".into();
    let mut added = vec![String::new(); header.len()];
    added[zh] = ADDED.0.into();
    added[en] = ADDED.1.into();
    rows.push(added);
    write_rows(edited, &header, &rows);
    (rows[0][zh].clone(), rows[last][zh].clone())
}

#[test]
fn review_edits_hold_through_import_and_a_rebuild_with_a_new_document() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("glossary");
    build(&glossary, &[MEMORY]);
    let edited = path(dir.path(), "edited.csv");
    let (corrected, rejected) = review(&glossary, &edited);

    let report = ok(&["import", &edited, "--glossary", glossary.to_str().unwrap(), "--date", "2030-04-05"]);
    assert!(report.contains("1 approved, 1 corrected, 1 rejected, 1 added"), "{report}");
    let (_, candidates) = rows(&path(&glossary, "candidates.csv"));
    assert!(candidates.iter().all(|r| r[1] != rejected), "the import left {rejected} in candidates.csv");

    build(&glossary, &[MEMORY, NEW_DOCUMENT]);
    let csv = path(&glossary, "glossary.csv");
    assert_eq!(field(&csv, &corrected, "en"), CORRECTED);
    assert_eq!(field(&csv, &corrected, "status"), "approved");
    assert_eq!(field(&csv, &corrected, "note"), "checked against the contract");
    assert_eq!(field(&csv, &corrected, "modified"), "2030-04-05");
    assert_eq!(field(&csv, ADDED.0, "en"), ADDED.1);
    assert_eq!(field(&csv, ADDED.0, "status"), "approved");
    assert!(row_of(&csv, NEW_TERM).is_some(), "the new document's term is missing");

    assert!(row_of(&csv, &rejected).is_none(), "{rejected} came back into glossary.csv");
    let tbx = std::fs::read_to_string(glossary.join("glossary.tbx")).unwrap();
    assert!(!tbx.contains(&format!("<term>{rejected}</term>")), "{rejected} came back into glossary.tbx");
    assert!(tbx.contains(&format!("<term>{CORRECTED}</term>")));
    let (_, candidates) = rows(&path(&glossary, "candidates.csv"));
    assert!(candidates.iter().all(|r| r[1] != rejected), "{rejected} is listed as a candidate again");
    let graph = std::fs::read_to_string(glossary.join("graph.json")).unwrap();
    assert!(graph.contains(&format!("\"text\": \"{rejected}\"")), "the rejection was forgotten");

    let approved = zhterm(&["export", "-g", glossary.to_str().unwrap(), "--format", "csv", "--status", "approved"]);
    let file = path(dir.path(), "approved.csv");
    std::fs::write(&file, &approved.stdout).unwrap();
    let (_, approved_rows) = rows(&file);
    let mut terms: Vec<&str> = approved_rows.iter().map(|r| r[0].as_str()).collect();
    terms.sort_unstable();
    let mut expected = [corrected.as_str(), ADDED.0];
    expected.sort_unstable();
    assert_eq!(terms, expected);
}

#[test]
fn an_unedited_export_reimports_without_any_change() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("glossary");
    let g = glossary.to_str().unwrap();
    build(&glossary, &[MEMORY]);
    let edited = path(dir.path(), "edited.csv");
    review(&glossary, &edited);
    ok(&["import", &edited, "-g", g]);
    let before = std::fs::read(glossary.join("graph.json")).unwrap();
    let formats = [
        ("csv", "csv"),
        ("tbx", "tbx"),
        ("tbx2008", "tbx"),
        ("memoq", "txt"),
        ("trados", "csv"),
        ("crowdin", "csv"),
        ("omegat", "utf8"),
        ("json", "json"),
    ];
    for (format, ext) in formats {
        // A filtered export holds part of the glossary: rows absent from a file stay as they are.
        for filter in [&[][..], &["--status", "approved"], &["--status", "candidate"]] {
            let file = path(dir.path(), &format!("export-{format}.{ext}"));
            ok(&[&["export", "-g", g, "--format", format, "-o", &file], filter].concat());
            let report = ok(&["import", &file, "-g", g]);
            assert!(report.contains("0 approved, 0 corrected, 0 rejected, 0 added (0 otherwise changed"), "{report}");
            let after = std::fs::read(glossary.join("graph.json")).unwrap();
            assert!(after == before, "re-importing the {format} export {filter:?} changed the graph");
        }
    }
}

#[test]
fn a_file_zhterm_cannot_read_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("glossary");
    build(&glossary, &[MEMORY]);
    let names = ["graph.json", "glossary.csv", "glossary.tbx", "candidates.csv"];
    let before: Vec<Vec<u8>> = names.iter().map(|n| std::fs::read(glossary.join(n)).unwrap()).collect();
    let candidates = path(&glossary, "candidates.csv");
    let html = path(dir.path(), "page.xml");
    std::fs::write(&html, "<html><body>保税仓库</body></html>").unwrap();
    for file in [candidates.as_str(), html.as_str()] {
        let output = zhterm(&["import", file, "-g", glossary.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2));
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.lines().count() == 1 && message.contains(file), "{message}");
    }
    let after: Vec<Vec<u8>> = names.iter().map(|n| std::fs::read(glossary.join(n)).unwrap()).collect();
    assert!(before == after, "a refused import changed the glossary");
}

/// Sets the status and English of `zh` in a glossary through an import.
fn decide(glossary: &Path, zh: &str, status: &str, en: &str) {
    let file = glossary.with_extension("review.csv");
    std::fs::write(&file, format!("zh-CN,en,status\n{zh},{en},{status}\n")).unwrap();
    ok(&["import", file.to_str().unwrap(), "-g", glossary.to_str().unwrap()]);
}

#[test]
fn merge_prefers_reviewed_entries_and_lists_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second, merged) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    build(&first, &[MEMORY]);
    build(&second, &[MEMORY, NEW_DOCUMENT]);
    let (_, entries) = rows(&path(&first, "glossary.csv"));
    let (contested, reviewed_in_second) = (entries[0][0].clone(), entries[1][0].clone());
    decide(&first, &contested, "approved", "first reading");
    decide(&second, &contested, "approved", "second reading");
    decide(&second, &reviewed_in_second, "approved", "reviewed english");

    let args = [first.to_str().unwrap(), second.to_str().unwrap(), "-o", merged.to_str().unwrap()];
    let report = ok(&[&["merge"], &args[..]].concat());
    let warnings: Vec<&str> = report.lines().filter(|l| l.contains("warning: conflict")).collect();
    assert_eq!(warnings.len(), 1, "{report}");
    assert!(warnings[0].contains(&contested) && warnings[0].contains("second reading"), "{report}");

    let csv = path(&merged, "glossary.csv");
    assert_eq!(field(&csv, &contested, "en"), "first reading");
    assert_eq!(field(&csv, &reviewed_in_second, "en"), "reviewed english");
    assert_eq!(field(&csv, &reviewed_in_second, "status"), "approved");
    assert!(row_of(&csv, NEW_TERM).is_some(), "an entry only the second glossary has is missing");

    let strict = zhterm(&[&["merge", "--strict"], &args[..]].concat());
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn approved_pairs_anchor_the_term_translation() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("glossary");
    build(&glossary, &[MEMORY]);
    let csv = path(&glossary, "glossary.csv");
    let (header, entries) = rows(&csv);
    let (en, context) = (column(&header, "en"), column(&header, "context_en"));
    // The reviewer picks another word of the entry's own English context as its equivalent.
    let (zh, word) = entries
        .iter()
        .find_map(|r| {
            let word = r[context]
                .split(|c: char| !c.is_ascii_alphabetic())
                .find(|w| w.len() >= 6 && !r[en].to_lowercase().contains(&w.to_lowercase()))?;
            Some((r[0].clone(), word.to_lowercase()))
        })
        .expect("an entry with an English context");
    decide(&glossary, &zh, "approved", &word);
    build(&glossary, &[MEMORY]);
    assert_eq!(field(&csv, &zh, "en"), word);
    assert_ne!(field(&csv, &zh, "translation_score"), "0.000", "the approved pair found no evidence");
    assert!(field(&csv, &zh, "context_en").to_lowercase().contains(&word));
    let (_, rebuilt) = rows(&csv);
    let others: Vec<&Vec<String>> =
        rebuilt.iter().filter(|r| r[0] != zh && r[en].eq_ignore_ascii_case(&word)).collect();
    assert!(others.is_empty(), "another term took the approved English: {others:?}");
}
