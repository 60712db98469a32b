//! Golden files: every export format of the fixture glossary (tests/fixtures/graph.json, a
//! hand-made electrical-safety graph with short forms, nesting, a rejected term, a reviewed
//! entry with its modification date and markup in its text), written by the real binary, must
//! equal tests/golden/glossary.FORMAT.EXT.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them; review the diff before committing.

use clap::ValueEnum;
use std::path::PathBuf;
use std::process::Command;
use zhterm::export::Format;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn export(format: &str) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_zhterm"))
        .args(["export", "-g", "tests/fixtures", "-f", format])
        .current_dir(root())
        .output()
        .expect("zhterm runs");
    assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

fn golden_path(format: Format) -> (String, PathBuf) {
    let name = format.to_possible_value().expect("every format has a name").get_name().to_string();
    let ext = format.extension();
    let file = if name == ext { format!("glossary.{ext}") } else { format!("glossary.{name}.{ext}") };
    let path = root().join("tests/golden").join(file);
    (name, path)
}

#[test]
fn every_format_matches_its_golden_file() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for &format in Format::value_variants() {
        let (name, path) = golden_path(format);
        let actual = export(&name);
        if update {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if actual != expected {
            stale.push(name);
        }
    }
    assert!(stale.is_empty(), "differ from tests/golden: {stale:?}; rerun with UPDATE_GOLDEN=1 and review the diff");
}

#[test]
fn the_csv_reads_back_with_ids_status_and_awkward_text_intact() {
    let bytes = std::fs::read(golden_path(Format::Csv).1).unwrap();
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).expect("UTF-8 BOM first");
    let mut reader = csv::Reader::from_reader(text);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..8], ["zh-CN", "en", "status", "score", "frequency", "context_zh", "context_en", "concept_id"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[7]).collect();
    assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5"], "the rejected 接地故障 is not an entry");
    assert_eq!((&rows[0][0], &rows[0][1], &rows[0][2]), ("漏电保护器", "residual current device", "approved"));
    assert_eq!(
        &rows[0][6],
        "When installing a residual current device, disconnect the power & check the \"wiring\" <terminals>."
    );
    assert_eq!(&rows[0][8], "residual current circuit breaker|RCD");
}

#[test]
fn the_phrase_profile_is_the_tbx_2008_file() {
    assert_eq!(export("phrase"), export("tbx2008"));
}
