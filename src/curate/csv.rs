//! Reading a reviewer's CSV or TSV by its header names, in any profile zhterm writes: the
//! generic glossary CSV, memoQ, Trados and Crowdin (`crate::export::cat`). The header picks
//! the profile (a column only that profile writes: `Chinese (PRC)` memoQ, `term_zh-CN`
//! Crowdin, `English variants`, `Context` or `Concept ID` Trados, otherwise generic); every
//! column must then be one that profile knows, so a file from elsewhere is refused rather
//! than half-read. A Chinese column may name another variant than `zh-CN`, as the export of
//! such a glossary does (`zh-TW`, `term_zh-TW`, `Chinese (Taiwan)`: `crate::export::profile`).
//!
//! What spreadsheets do to a file is accepted: the delimiter is sniffed from the header
//! (comma, semicolon as Excel writes CSV in much of Europe, or tab), empty columns after the
//! last named one are ignored, and a cell the export neutralised against formulas
//! (`crate::export::cell`) is read back as its original text.

use super::{parse_date, parse_status, refuse, Edit};
use crate::error::Result;
use crate::export::cell::restore;
use crate::export::evidence;
use crate::export::profile::{Profile, Role, GENERIC, LIST_SEPARATOR, SIGNED};
use std::path::Path;

/// The delimiter of a header line: the one of tab, comma and semicolon it holds most often
/// outside quotes (a tie goes to the earlier of the three; none: comma).
fn delimiter(first_line: &str) -> u8 {
    let mut counts = [(b'\t', 0), (b',', 0), (b';', 0)];
    let mut quoted = false;
    for byte in first_line.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => counts.iter_mut().filter(|(d, _)| *d == byte).for_each(|(_, n)| *n += 1),
        }
    }
    let best = counts.iter().fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best });
    best.0
}

/// The header's names without the empty ones after the last name (a spreadsheet's extra
/// columns).
fn named(header: &csv::StringRecord) -> csv::StringRecord {
    let names: Vec<&str> = header.iter().collect();
    let last = names.iter().rposition(|name| !name.trim().is_empty()).map_or(0, |i| i + 1);
    names[..last].iter().collect()
}

fn profile(header: &csv::StringRecord) -> &'static Profile {
    SIGNED.into_iter().find(|p| header.iter().any(|name| p.signed_by(name))).unwrap_or(&GENERIC)
}

/// The columns of `header` in `profile`, or the first name it does not know.
fn columns(profile: &Profile, header: &csv::StringRecord) -> std::result::Result<Vec<Role>, String> {
    header.iter().map(|name| profile.role(name).ok_or_else(|| name.to_string())).collect()
}

/// Whether `first_line` is a header zhterm reads (so a headerless tab file is something else).
pub fn understands_header(first_line: &str) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first_line))
        .has_headers(false)
        .from_reader(first_line.as_bytes());
    let Some(Ok(header)) = reader.records().next() else { return false };
    let header = named(&header);
    let columns = columns(profile(&header), &header).unwrap_or_default();
    columns.contains(&Role::Zh)
}

pub fn read(text: &str, path: &Path) -> Result<Vec<Edit>> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = delimiter(first_line);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| refuse(path, 1, format!("unreadable header: {e}")))?.clone();
    let header = named(&header);
    let profile = profile(&header);
    let columns = columns(profile, &header).map_err(|name| {
        let known = profile.accepted();
        let omegat = if delimiter == b'\t' && profile.name == GENERIC.name {
            "; a headerless OmegaT glossary is read from a .utf8 or .txt file"
        } else {
            ""
        };
        let known = known.join(", ");
        refuse(path, 1, format!("unknown column {name:?} in a {} file (zhterm reads {known}){omegat}", profile.name))
    })?;
    for (i, column) in columns.iter().enumerate() {
        if *column != Role::Evidence && columns[..i].contains(column) {
            return Err(refuse(path, 1, format!("column {:?} repeats another column", &header[i])));
        }
    }
    if !columns.contains(&Role::Zh) {
        return Err(refuse(path, 1, "no Chinese (zh-CN) column in the header".into()));
    }
    if !columns.iter().any(|c| matches!(c, Role::En | Role::EnAll)) {
        return Err(refuse(path, 1, "no English (en) column in the header".into()));
    }
    // The CAT profiles flatten tabs and line breaks; a note's evidence line also states the
    // status when the file has no status column of its own.
    let flattened = profile.name != GENERIC.name;
    let status_column = columns.contains(&Role::Status);
    let mut edits = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            refuse(path, line, format!("unreadable row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if let Some(extra) = record.iter().skip(columns.len()).position(|f| !f.trim().is_empty()) {
            let column = columns.len() + extra + 1;
            return Err(refuse(path, line, format!("a value in column {column}, which has no name in the header")));
        }
        let mut edit = Edit { line, flattened, ..Edit::default() };
        // A row cut short (as some tools write trailing empty cells) has those cells empty.
        let values = record.iter().chain(std::iter::repeat(""));
        for (column, value) in columns.iter().zip(values) {
            let value = restore(value).trim();
            match column {
                Role::Zh => edit.zh = value.to_string(),
                Role::En => edit.english = Some(value.to_string()),
                Role::EnAll => {
                    let mut all = list(value, ';').into_iter();
                    edit.english = Some(all.next().unwrap_or_default());
                    edit.english_variants = Some(all.collect());
                }
                Role::EnVariants(separator) => edit.english_variants = Some(list(value, *separator)),
                Role::EnAlso if value.is_empty() => edit.english_variants = Some(Vec::new()),
                Role::EnAlso => {
                    // Other text in the English description is a note for translators, not a list.
                    if let Some(also) = value.strip_prefix("Also:") {
                        edit.english_variants = Some(list(also, ';'));
                    }
                }
                Role::ZhVariants => edit.zh_variants = Some(list(value, LIST_SEPARATOR)),
                Role::Status if value.is_empty() => {}
                Role::Status => {
                    let status = parse_status(value).ok_or_else(|| {
                        refuse(path, line, format!("status {value:?} is not candidate, approved or rejected"))
                    })?;
                    edit.status = Some(status);
                }
                Role::Note => {
                    let split = evidence::split(value);
                    edit.note = Some(split.note);
                    // zhterm writes its evidence line flattened, whatever the file.
                    edit.flattened |= split.status.is_some();
                    if !status_column {
                        edit.status = split.status;
                    }
                }
                Role::Modified if value.is_empty() => {}
                Role::Modified => {
                    let date = parse_date(value)
                        .ok_or_else(|| refuse(path, line, format!("modified {value:?} is not a date (YYYY-MM-DD)")))?;
                    edit.modified = Some(date);
                }
                Role::Evidence => {}
            }
        }
        if edit.zh.is_empty() {
            return Err(refuse(path, line, "a row without a Chinese term".into()));
        }
        edits.push(edit);
    }
    Ok(edits)
}

pub(super) fn list(value: &str, separator: char) -> Vec<String> {
    value.split(separator).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Status;

    fn read_text(text: &str) -> Result<Vec<Edit>> {
        read(text, Path::new("review.csv"))
    }

    #[test]
    fn the_header_picks_the_profile_and_its_column_meanings() {
        let memoq = "Chinese (PRC)\tEnglish\tEntry_Note\tStatus\n\
                     保税仓库\tbonded warehouse;warehouse\tzhterm candidate; frequency 3; checked\tapproved\n";
        let e = &read_text(memoq).unwrap()[0];
        assert_eq!(e.english.as_deref(), Some("bonded warehouse"));
        assert_eq!(e.english_variants.as_deref(), Some(&["warehouse".to_string()][..]));
        assert_eq!((e.status, e.note.as_deref(), e.flattened), (Some(Status::Approved), Some("checked"), true));

        let trados = "Chinese,English,English variants,Note\n保税仓库,bonded warehouse,warehouse; store,zhterm approved; frequency 3\n";
        let e = &read_text(trados).unwrap()[0];
        assert_eq!(e.english_variants.as_deref(), Some(&["warehouse".to_string(), "store".to_string()][..]));
        assert_eq!(
            (e.status, e.note.as_deref()),
            (Some(Status::Approved), Some("")),
            "no Status column: the note's word"
        );

        let crowdin = "term_zh-CN,description_zh-CN,term_en,description_en\n\
                       保税仓库,Context: 货物存入保税仓库。 zhterm rejected; frequency 3,bonded warehouse,Also: store\n\
                       报关单,my own words,customs declaration,a hint for translators\n";
        let edits = read_text(crowdin).unwrap();
        assert_eq!((edits[0].status, edits[0].note.as_deref()), (Some(Status::Rejected), Some("")));
        assert_eq!(edits[0].english_variants.as_deref(), Some(&["store".to_string()][..]));
        assert_eq!((edits[1].status, edits[1].note.as_deref()), (None, Some("my own words")));
        assert_eq!(edits[1].english_variants, None, "a description that is no list leaves the variants");

        let generic = "zh-CN,en,note\n保税仓库,bonded warehouse,\"line one\nline two\"\n";
        let e = &read_text(generic).unwrap()[0];
        assert_eq!((e.status, e.note.as_deref(), e.flattened), (None, Some("line one\nline two"), false));
        // A Trados file cut down to the generic names still has zhterm's evidence in its note.
        let cut = "Chinese,English,Note\n保税仓库,bonded warehouse,zhterm approved; frequency 3; checked\n";
        let e = &read_text(cut).unwrap()[0];
        assert_eq!((e.status, e.note.as_deref(), e.flattened), (Some(Status::Approved), Some("checked"), true));
    }

    #[test]
    fn a_column_of_another_profile_is_refused() {
        let err = read_text("Chinese (PRC)\tEnglish\ten_variants\n保税仓库\tx\ty\n").unwrap_err().to_string();
        assert!(err.contains("\"en_variants\" in a memoQ file"), "{err}");
        assert!(understands_header("Chinese (PRC)\tEnglish\tStatus"));
        assert!(!understands_header("保税仓库\tbonded warehouse\tc1 zhterm candidate; frequency 3"));
    }
}
