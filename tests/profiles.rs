//! Every export profile a reviewer can send back: the fixture glossary (tests/fixtures/graph.json)
//! exported in the profile, re-imported unedited, changes nothing; edited the way a reviewer
//! would in that tool (approve one entry with a note, correct one English, reject one), it
//! applies with the right counts. Runs the real binary.

use std::path::{Path, PathBuf};
use zhterm::graph::{Lang, Status};

mod common;
use common::zhterm;

/// Entries of the fixture the edits touch.
const APPROVE: &str = "保护器";
const CORRECT: &str = "国际电工委员会";
const OLD_ENGLISH: &str = "International Electrotechnical Commission";
const NEW_ENGLISH: &str = "International Electrotechnical Committee";
const REJECT: &str = "电工委";
const NOTE: &str = "checked by Li";

/// A glossary folder holding a copy of the fixture graph.
fn glossary(dir: &Path) -> PathBuf {
    let folder = dir.join("glossary");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy("tests/fixtures/graph.json", folder.join("graph.json")).unwrap();
    folder
}

/// Exports the glossary in `format` into a file named as the tool would save it.
fn export(glossary: &Path, format: &str, dir: &Path) -> PathBuf {
    let ext = match format {
        "memoq" => "txt",
        "omegat" => "utf8",
        "tbx" | "tbx2008" => "tbx",
        "json" => "json",
        _ => "csv",
    };
    let file = dir.join(format!("{format}.{ext}"));
    let output = zhterm(&["export", "-g", glossary.to_str().unwrap(), "-f", format, "-o", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    file
}

fn import(file: &Path, glossary: &Path) -> String {
    let args = ["import", file.to_str().unwrap(), "-g", glossary.to_str().unwrap(), "--date", "2030-01-02"];
    let output = zhterm(&args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{file:?}: {stderr}");
    stderr
}

const PROFILES: &[&str] = &["csv", "memoq", "trados", "crowdin", "omegat", "tbx", "tbx2008", "json"];

#[test]
fn every_profile_reimports_unedited_without_any_change() {
    let fixture = std::fs::read("tests/fixtures/graph.json").unwrap();
    for format in PROFILES {
        let dir = tempfile::tempdir().unwrap();
        let folder = glossary(dir.path());
        let file = export(&folder, format, dir.path());
        let report = import(&file, &folder);
        assert!(
            report.contains("0 approved, 0 corrected, 0 rejected, 0 added (0 otherwise changed"),
            "{format}: {report}"
        );
        assert!(std::fs::read(folder.join("graph.json")).unwrap() == fixture, "{format}: the graph changed");
    }
}

/// The fields of a delimited export, BOM kept off.
fn table(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

fn write_table(rows: &[Vec<String>], delimiter: u8) -> String {
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    format!("\u{feff}{}", String::from_utf8(writer.into_inner().unwrap()).unwrap())
}

/// Edits a table export: `edit(row, column index by name)` for each entry row.
fn edit_table(text: &str, delimiter: u8, edit: impl Fn(&mut Vec<String>, &dyn Fn(&str) -> usize)) -> String {
    let mut rows = table(text, delimiter);
    let header = rows[0].clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name}"));
    for row in rows.iter_mut().skip(1) {
        edit(row, &column);
    }
    write_table(&rows, delimiter)
}

/// A reviewer's changes to the evidence line of a profile's note field.
fn review_evidence(zh: &str, field: &str) -> String {
    match zh {
        APPROVE => format!("{} {NOTE}", field.replace("zhterm candidate", "zhterm approved")),
        REJECT => field.replace("zhterm candidate", "zhterm rejected"),
        _ => field.to_string(),
    }
}

/// The file after the reviewer's work in the tool the profile is for.
fn reviewed(format: &str, text: &str) -> String {
    let status = |zh: &str, now: &str| match zh {
        APPROVE => "approved".to_string(),
        REJECT => "rejected".to_string(),
        _ => now.to_string(),
    };
    match format {
        "csv" => edit_table(text, b',', |row, col| {
            row[col("status")] = status(&row[0], &row[col("status")]);
            if row[0] == APPROVE {
                row[col("note")] = NOTE.into();
            }
            if row[0] == CORRECT {
                row[col("en")] = NEW_ENGLISH.into();
            }
        }),
        "memoq" => edit_table(text, b'\t', |row, col| {
            row[col("Status")] = status(&row[0], &row[col("Status")]);
            if row[0] == APPROVE {
                row[col("Entry_Note")] = format!("{} {NOTE}", row[col("Entry_Note")]);
            }
            row[1] = row[1].replace(OLD_ENGLISH, NEW_ENGLISH);
        }),
        "trados" => edit_table(text, b',', |row, col| {
            row[col("Status")] = status(&row[0], &row[col("Status")]);
            if row[0] == APPROVE {
                row[col("Note")] = format!("{}; {NOTE}", row[col("Note")]);
            }
            row[1] = row[1].replace(OLD_ENGLISH, NEW_ENGLISH);
        }),
        "crowdin" => edit_table(text, b',', |row, col| {
            let d = col("description_zh-CN");
            row[d] = review_evidence(&row[0].clone(), &row[d]);
            row[col("term_en")] = row[col("term_en")].replace(OLD_ENGLISH, NEW_ENGLISH);
        }),
        "omegat" => text
            .lines()
            .map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                let target =
                    if fields[0] == CORRECT { fields[1].replace(OLD_ENGLISH, NEW_ENGLISH) } else { fields[1].into() };
                format!("{}\t{target}\t{}\n", fields[0], review_evidence(fields[0], fields[2]))
            })
            .collect(),
        "tbx" | "tbx2008" => {
            let mut text = text.replace(&format!("<term>{OLD_ENGLISH}</term>"), &format!("<term>{NEW_ENGLISH}</term>"));
            for (zh, status) in [(APPROVE, "preferredTerm-admn-sts"), (REJECT, "deprecatedTerm-admn-sts")] {
                let at = text.find(&format!("<term>{zh}</term>")).unwrap();
                let note = at + text[at..].find("admittedTerm-admn-sts").unwrap();
                text.replace_range(note..note + "admittedTerm-admn-sts".len(), status);
                if zh == APPROVE {
                    let end = at + text[at..].find("<note>").unwrap();
                    text.insert_str(end, &format!("<note>{NOTE}</note>"));
                }
            }
            text
        }
        "json" => {
            let mut entries: serde_json::Value = serde_json::from_str(text).unwrap();
            for entry in entries.as_array_mut().unwrap() {
                let zh = entry["zh"].as_str().unwrap().to_string();
                entry["status"] = status(&zh, entry["status"].as_str().unwrap()).into();
                if zh == APPROVE {
                    entry["note"] = NOTE.into();
                }
                if zh == CORRECT {
                    entry["en"][0]["term"] = NEW_ENGLISH.into();
                }
            }
            serde_json::to_string_pretty(&entries).unwrap()
        }
        _ => unreachable!("{format}"),
    }
}

#[test]
fn a_reviewers_edits_in_each_profile_apply_with_the_right_counts() {
    for format in PROFILES {
        let dir = tempfile::tempdir().unwrap();
        let folder = glossary(dir.path());
        let file = export(&folder, format, dir.path());
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = reviewed(format, &text);
        assert_ne!(edited, text, "{format}: the edit changed nothing");
        std::fs::write(&file, edited).unwrap();
        let report = import(&file, &folder);
        assert!(
            report.contains("1 approved, 1 corrected, 1 rejected, 0 added (0 otherwise changed"),
            "{format}: {report}"
        );

        let graph = zhterm::store::load(&folder).unwrap();
        let term = |zh: &str| &graph.graph[graph.find(zh, Lang::Zh).unwrap()];
        assert_eq!((term(APPROVE).status, term(APPROVE).note.as_deref()), (Status::Approved, Some(NOTE)), "{format}");
        assert_eq!(term(REJECT).status, Status::Rejected, "{format}");
        let concepts = graph.concepts();
        let corrected = concepts.iter().find(|c| c.zh.text == CORRECT).unwrap();
        let english: Vec<&str> = corrected.en.iter().map(|(t, _)| t.text.as_str()).collect();
        assert_eq!(english, [NEW_ENGLISH, "IEC"], "{format}");
        let untouched = term("漏电保护器");
        assert_eq!(
            untouched.note.as_deref(),
            Some("reviewed by\tthe safety team\nsecond line, with a comma"),
            "{format}"
        );
    }
}

#[test]
fn a_header_no_profile_knows_is_refused_in_one_line_touching_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = glossary(dir.path());
    let memoq = std::fs::read_to_string(export(&folder, "memoq", dir.path())).unwrap();
    let files = [
        ("extra.txt", memoq.replacen("\tStatus", "\tStatus\tPrice", 1)),
        ("headerless.tsv", "保护器\tprotective device\tc2 zhterm candidate; frequency 5\n".to_string()),
        ("prose.txt", "保护器外壳不得破损。\n".to_string()),
    ];
    for (name, text) in files {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let output = zhterm(&["import", file.to_str().unwrap(), "-g", folder.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.lines().count() == 1 && message.contains(name), "{name}: {message}");
    }
    let names: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["graph.json"], "a refused import wrote files");
    assert!(std::fs::read(folder.join("graph.json")).unwrap() == std::fs::read("tests/fixtures/graph.json").unwrap());
}
