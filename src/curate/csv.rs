//! Reading a reviewer's CSV or TSV by its header names, in any profile zhterm writes: the
//! generic glossary CSV, memoQ, Trados and Crowdin (`crate::export::cat`). The header picks
//! the profile (a column only that profile writes: `Chinese (PRC)` memoQ, `term_zh-CN`
//! Crowdin, `English variants`, `Context` or `Concept ID` Trados, otherwise generic); every
//! column must then be one that profile knows, so a file from elsewhere is refused rather
//! than half-read.

use super::{parse_date, parse_status, refuse, Edit};
use crate::error::Result;
use crate::export::evidence;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Zh,
    /// The preferred English.
    En,
    /// All English terms, preferred first, joined by `;` (memoQ).
    EnAll,
    /// The other English terms, joined by the separator.
    EnVariants(char),
    /// Crowdin's English description: `Also: A; B`.
    EnAlso,
    ZhVariants,
    Status,
    /// The reviewer note, after zhterm's evidence line when the field holds one
    /// (`export::evidence`: always in the CAT profiles, in a generic file cut from one).
    Note,
    Modified,
    /// Evidence zhterm writes for reading, not for editing.
    Evidence,
}

struct Profile {
    name: &'static str,
    /// Columns only this profile writes; any of them picks it.
    signature: &'static [&'static str],
    /// Header names, compared without case.
    columns: &'static [(&'static str, Column)],
}

const MEMOQ: Profile = Profile {
    name: "memoQ",
    signature: &[
        "chinese (prc)",
        "chinese (taiwan)",
        "chinese (hong kong s.a.r.)",
        "chinese (macao s.a.r.)",
        "chinese (singapore)",
    ],
    columns: &[
        ("chinese (prc)", Column::Zh),
        ("chinese (taiwan)", Column::Zh),
        ("chinese (hong kong s.a.r.)", Column::Zh),
        ("chinese (macao s.a.r.)", Column::Zh),
        ("chinese (singapore)", Column::Zh),
        ("english", Column::EnAll),
        ("chinese (prc)_example", Column::Evidence),
        ("chinese (taiwan)_example", Column::Evidence),
        ("chinese (hong kong s.a.r.)_example", Column::Evidence),
        ("chinese (macao s.a.r.)_example", Column::Evidence),
        ("chinese (singapore)_example", Column::Evidence),
        ("english_example", Column::Evidence),
        ("entry_note", Column::Note),
        ("concept_id", Column::Evidence),
        ("status", Column::Status),
    ],
};

const CROWDIN: Profile = Profile {
    name: "Crowdin",
    signature: &["term_zh-cn", "term_zh-tw", "term_zh-hk", "term_zh-hant", "term_zh-hans"],
    columns: &[
        ("term_zh-cn", Column::Zh),
        ("description_zh-cn", Column::Note),
        ("partofspeech_zh-cn", Column::Evidence),
        ("term_zh-tw", Column::Zh),
        ("description_zh-tw", Column::Note),
        ("partofspeech_zh-tw", Column::Evidence),
        ("term_zh-hk", Column::Zh),
        ("description_zh-hk", Column::Note),
        ("partofspeech_zh-hk", Column::Evidence),
        ("term_zh-hant", Column::Zh),
        ("description_zh-hant", Column::Note),
        ("partofspeech_zh-hant", Column::Evidence),
        ("term_zh-hans", Column::Zh),
        ("description_zh-hans", Column::Note),
        ("partofspeech_zh-hans", Column::Evidence),
        ("term_en", Column::En),
        ("description_en", Column::EnAlso),
        ("concept_id", Column::Evidence),
    ],
};

const TRADOS: Profile = Profile {
    name: "Trados",
    signature: &["english variants", "concept id", "context"],
    columns: &[
        ("chinese", Column::Zh),
        ("english", Column::En),
        ("english variants", Column::EnVariants(';')),
        ("status", Column::Status),
        ("context", Column::Evidence),
        ("source", Column::Evidence),
        ("note", Column::Note),
        ("concept id", Column::Evidence),
    ],
};

const GENERIC: Profile = Profile {
    name: "generic",
    signature: &[],
    columns: &[
        ("zh-cn", Column::Zh),
        ("zh", Column::Zh),
        ("zh-hans", Column::Zh),
        ("zh-hant", Column::Zh),
        ("zh-tw", Column::Zh),
        ("zh-hk", Column::Zh),
        ("zh-mo", Column::Zh),
        ("zh-sg", Column::Zh),
        ("chinese", Column::Zh),
        ("en", Column::En),
        ("en-us", Column::En),
        ("en-gb", Column::En),
        ("english", Column::En),
        ("en_variants", Column::EnVariants('|')),
        ("zh_variants", Column::ZhVariants),
        ("status", Column::Status),
        ("note", Column::Note),
        ("notes", Column::Note),
        ("comment", Column::Note),
        ("modified", Column::Modified),
        ("score", Column::Evidence),
        ("frequency", Column::Evidence),
        ("context_zh", Column::Evidence),
        ("context_en", Column::Evidence),
        ("concept_id", Column::Evidence),
        ("documents", Column::Evidence),
        ("translation_score", Column::Evidence),
        ("source", Column::Evidence),
    ],
};

/// Separator of the generic CSV's `zh_variants` column.
const LIST_SEPARATOR: char = '|';

fn delimiter(first_line: &str) -> u8 {
    if first_line.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

fn profile(header: &csv::StringRecord) -> &'static Profile {
    let names: Vec<String> = header.iter().map(|n| n.trim().to_lowercase()).collect();
    [&MEMOQ, &CROWDIN, &TRADOS]
        .into_iter()
        .find(|p| p.signature.iter().any(|s| names.iter().any(|n| n == s)))
        .unwrap_or(&GENERIC)
}

/// The columns of `header` in `profile`, or the first name it does not know.
fn columns(profile: &Profile, header: &csv::StringRecord) -> std::result::Result<Vec<Column>, String> {
    header
        .iter()
        .map(|name| {
            let key = name.trim().to_lowercase();
            profile.columns.iter().find(|(n, _)| *n == key).map(|&(_, c)| c).ok_or_else(|| name.to_string())
        })
        .collect()
}

/// Whether `first_line` is a header zhterm reads (so a headerless tab file is something else).
pub fn understands_header(first_line: &str) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first_line))
        .has_headers(false)
        .from_reader(first_line.as_bytes());
    let Some(Ok(header)) = reader.records().next() else { return false };
    let columns = columns(profile(&header), &header).unwrap_or_default();
    columns.contains(&Column::Zh)
}

pub fn read(text: &str, path: &Path) -> Result<Vec<Edit>> {
    let first_line = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter(first_line)).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| refuse(path, 1, format!("unreadable header: {e}")))?.clone();
    let profile = profile(&header);
    let columns = columns(profile, &header).map_err(|name| {
        let known: Vec<&str> =
            profile.columns.iter().filter(|(_, c)| *c != Column::Evidence).map(|(n, _)| *n).collect();
        let omegat = if first_line.contains('\t') && profile.name == GENERIC.name {
            "; a headerless OmegaT glossary is read from a .utf8 or .txt file"
        } else {
            ""
        };
        let known = known.join(", ");
        refuse(path, 1, format!("unknown column {name:?} in a {} file (zhterm reads {known}){omegat}", profile.name))
    })?;
    for (i, column) in columns.iter().enumerate() {
        if *column != Column::Evidence && columns[..i].contains(column) {
            return Err(refuse(path, 1, format!("column {:?} repeats another column", &header[i])));
        }
    }
    if !columns.contains(&Column::Zh) {
        return Err(refuse(path, 1, "no Chinese (zh-CN) column in the header".into()));
    }
    if !columns.iter().any(|c| matches!(c, Column::En | Column::EnAll)) {
        return Err(refuse(path, 1, "no English (en) column in the header".into()));
    }
    // The CAT profiles flatten tabs and line breaks; a note's evidence line also states the
    // status when the file has no status column of its own.
    let flattened = profile.name != GENERIC.name;
    let status_column = columns.contains(&Column::Status);
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
        let mut edit = Edit { line, flattened, ..Edit::default() };
        for (column, value) in columns.iter().zip(record.iter()) {
            let value = value.trim();
            match column {
                Column::Zh => edit.zh = value.to_string(),
                Column::En => edit.english = Some(value.to_string()),
                Column::EnAll => {
                    let mut all = list(value, ';').into_iter();
                    edit.english = Some(all.next().unwrap_or_default());
                    edit.english_variants = Some(all.collect());
                }
                Column::EnVariants(separator) => edit.english_variants = Some(list(value, *separator)),
                Column::EnAlso if value.is_empty() => edit.english_variants = Some(Vec::new()),
                Column::EnAlso => {
                    // Other text in the English description is a note for translators, not a list.
                    if let Some(also) = value.strip_prefix("Also:") {
                        edit.english_variants = Some(list(also, ';'));
                    }
                }
                Column::ZhVariants => edit.zh_variants = Some(list(value, LIST_SEPARATOR)),
                Column::Status if value.is_empty() => {}
                Column::Status => {
                    let status = parse_status(value).ok_or_else(|| {
                        refuse(path, line, format!("status {value:?} is not candidate, approved or rejected"))
                    })?;
                    edit.status = Some(status);
                }
                Column::Note => {
                    let split = evidence::split(value);
                    edit.note = Some(split.note);
                    // zhterm writes its evidence line flattened, whatever the file.
                    edit.flattened |= split.status.is_some();
                    if !status_column {
                        edit.status = split.status;
                    }
                }
                Column::Modified if value.is_empty() => {}
                Column::Modified => {
                    let date = parse_date(value)
                        .ok_or_else(|| refuse(path, line, format!("modified {value:?} is not a date (YYYY-MM-DD)")))?;
                    edit.modified = Some(date);
                }
                Column::Evidence => {}
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
