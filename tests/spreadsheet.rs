//! What a spreadsheet does to a glossary file, through the real binary: formula-looking cells
//! are neutralised in every CSV-like export and come back as they were; Excel's semicolon CSV,
//! extra empty columns and reformatted rows are read; errors give the file's own line numbers.
//! Also: exports name documents relative to the corpus, and export filters.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;
use zhterm::store::{Candidates, Writer};

mod common;
use common::zhterm;

const FIXTURE: &str = "tests/fixtures/graph.json";

fn glossary(dir: &Path) -> PathBuf {
    let folder = dir.join("glossary");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    let graph = zhterm::store::from_json(&std::fs::read_to_string(fixture).unwrap(), Path::new(FIXTURE)).unwrap();
    Writer::lock(&folder, Duration::ZERO).unwrap().commit_graph(&graph, Candidates::Kept, &mut |_| {}).unwrap();
    folder
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ok(args: &[&str]) -> Output {
    let output = zhterm(args);
    assert!(output.status.success(), "zhterm {args:?}: {}", stderr(&output));
    output
}

fn import(folder: &Path, file: &Path) -> Output {
    zhterm(&["import", file.to_str().unwrap(), "-g", folder.to_str().unwrap(), "--date", "2026-03-04"])
}

/// Texts a spreadsheet would run, as a reviewer might type them or a corpus might hold them.
const FORMULAS: [(&str, &str, &str); 4] = [
    ("接地电阻", "=HYPERLINK(\"http://example.invalid\",\"earth resistance\")", "@SUM(A1:A2)"),
    ("绝缘电阻", "+cmd|' /C calc'!A0", "-1+2"),
    ("漏电流", "@leakage current", "\tindented note"),
    ("额定电流", "-rated current", "=1+1"),
];

const CSV_LIKE: [(&str, &str, u8); 5] = [
    ("csv", "csv", b','),
    ("memoq", "txt", b'\t'),
    ("trados", "csv", b','),
    ("crowdin", "csv", b','),
    ("omegat", "utf8", b'\t'),
];

#[test]
fn formula_cells_are_neutralised_in_every_csv_like_export_and_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    let mut review = csv::Writer::from_writer(Vec::new());
    review.write_record(["zh-CN", "en", "note"]).unwrap();
    for (zh, en, note) in FORMULAS {
        review.write_record([zh, en, note]).unwrap();
    }
    let review_path = dir.path().join("review.csv");
    std::fs::write(&review_path, review.into_inner().unwrap()).unwrap();
    let report = stderr(&ok(&["import", review_path.to_str().unwrap(), "-g", folder.to_str().unwrap()]));
    assert!(report.contains("4 added"), "{report}");
    let graph_before = std::fs::read(folder.join("graph.json")).unwrap();
    for (format, extension, delimiter) in CSV_LIKE {
        let export = dir.path().join(format!("export-{format}.{extension}"));
        ok(&["export", "-f", format, "-g", folder.to_str().unwrap(), "-o", export.to_str().unwrap()]);
        let bytes = std::fs::read(&export).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .quoting(format != "omegat")
            .from_reader(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes));
        let cells: Vec<String> =
            reader.records().flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>()).collect();
        for cell in &cells {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{format}: a live formula {cell:?}");
        }
        assert!(
            cells.iter().any(|c| c.starts_with("'=HYPERLINK(")),
            "{format}: the English is there, neutralised: {cells:?}"
        );
        let output = import(&folder, &export);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("0 approved, 0 corrected, 0 rejected, 0 added (0 otherwise"),
            "{format}: {}",
            stderr(&output)
        );
        assert!(std::fs::read(folder.join("graph.json")).unwrap() == graph_before, "{format} changed the graph");
    }
    let json = String::from_utf8(ok(&["export", "-f", "json", "-g", folder.to_str().unwrap()]).stdout).unwrap();
    let entries: serde_json::Value = serde_json::from_str(&json).unwrap();
    for (zh, en, note) in FORMULAS {
        let entry = entries.as_array().unwrap().iter().find(|e| e["zh"] == zh).unwrap();
        assert_eq!(entry["en"][0]["term"], en, "the graph keeps the original text");
        assert_eq!(entry["note"], note.trim());
    }
}

#[test]
fn excel_semicolons_extra_columns_and_short_rows_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    let variants = [
        ("semicolon.csv", "\u{feff}zh-CN;en;status;note;;\r\n保护器;protective device;approved;\"a; b\";;\r\n"),
        ("tab.txt", "zh-CN\ten\tstatus\t\n电工委\tIEC\tapproved\t\n"),
        ("short.csv", "zh-CN,en,note,status\n国际电工委员会,International Electrotechnical Commission,ok\n"),
    ];
    for (name, text) in variants {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let output = import(&folder, &file);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert!(!stderr(&output).contains("0 approved, 0 corrected, 0 rejected, 0 added (0 otherwise"), "{name}");
    }
    let csv = String::from_utf8(ok(&["export", "-f", "csv", "-g", folder.to_str().unwrap()]).stdout).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("保护器,protective device,approved,")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("电工委,IEC,approved,")), "{csv}");
    assert!(csv.contains(",a; b,"), "the semicolon inside quotes is text: {csv}");
}

#[test]
fn errors_give_physical_lines_and_list_every_accepted_column() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    // Line 1 blank, header on line 2, a note over lines 3-4, the bad status on line 5.
    let file = dir.path().join("review.csv");
    std::fs::write(
        &file,
        "\n\u{feff}zh-CN,en,status,note\n保护器,protector,approved,\"two\nlines\"\n电工委,IEC,maybe,\n",
    )
    .unwrap();
    let output = import(&folder, &file);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("review.csv:5:"), "{}", stderr(&output));

    std::fs::write(&file, "zh-CN;en;price\n保护器;protector;3\n").unwrap();
    let message = stderr(&import(&folder, &file));
    assert!(message.contains("unknown column \"price\""), "{message}");
    for column in ["zh-cn", "en", "en_variants", "status", "note", "modified", "concept_id", "source"] {
        assert!(message.contains(column), "the error names {column}: {message}");
    }

    std::fs::write(&file, "zh-CN,en,\n保护器,protector,stray\n").unwrap();
    let message = stderr(&import(&folder, &file));
    assert!(message.contains("review.csv:2:") && message.contains("column 3"), "{message}");
}

#[test]
fn exports_name_documents_relative_to_the_corpus_root() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus").join("valleys");
    std::fs::create_dir_all(&corpus).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valley.tsv");
    std::fs::copy(fixture, corpus.join("valley.tsv")).unwrap();
    let folder = dir.path().join("glossary");
    let corpus_root = dir.path().join("corpus");
    ok(&["build", "--quiet", "-o", folder.to_str().unwrap(), corpus_root.to_str().unwrap()]);
    let absolute = dir.path().to_str().unwrap();
    let graph = std::fs::read_to_string(folder.join("graph.json")).unwrap();
    assert!(graph.contains("\"source\": \"valleys/valley.tsv\""), "relative to the corpus root");
    for format in ["csv", "tbx", "json", "html", "trados"] {
        let output = ok(&["export", "-f", format, "-g", folder.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(!text.contains(absolute), "{format} names a local absolute path");
    }
}

#[test]
fn export_filters_keep_entries_with_english_above_a_score_and_rejected_ones_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    let g = folder.to_str().unwrap();
    let rows = |args: &[&str]| -> Vec<Vec<String>> {
        let mut all = vec!["export", "-f", "csv", "-g", g];
        all.extend_from_slice(args);
        let bytes = ok(&all).stdout;
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
    };
    let all = rows(&[]);
    let with_english = rows(&["--with-english"]);
    assert!(with_english.len() < all.len() && !with_english.is_empty());
    assert!(with_english.iter().all(|r| !r[1].is_empty()));
    let above = rows(&["--min-score", "3"]);
    assert!(above.len() < all.len() && !above.is_empty());
    assert!(above.iter().all(|r| r[3].is_empty() || r[3].parse::<f64>().unwrap() >= 3.0), "{above:?}");
    let rejected = rows(&["--status", "rejected"]);
    assert_eq!(rejected.iter().map(|r| (r[0].as_str(), r[2].as_str())).collect::<Vec<_>>(), [("接地故障", "rejected")]);
    let everything = rows(&["--include-rejected"]);
    assert_eq!(everything.len(), all.len() + 1, "rejected entries only on request");
    let both = rows(&["--with-english", "--min-score", "3"]);
    let expected: Vec<_> = above.iter().filter(|r| !r[1].is_empty()).cloned().collect();
    assert_eq!(both.iter().map(|r| &r[0]).collect::<Vec<_>>(), expected.iter().map(|r| &r[0]).collect::<Vec<_>>());
}
