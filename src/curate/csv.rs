//! Reading a reviewer's CSV or TSV by its header names: zhterm's glossary CSV and CAT-tool
//! style columns (`Chinese`/`English`, `term_zh-CN`/`term_en`, …). Every column must be one
//! zhterm knows, so a file from elsewhere is refused rather than half-read.

use super::{parse_date, parse_status, refuse, Edit};
use crate::error::Result;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Zh,
    En,
    EnVariants,
    ZhVariants,
    Status,
    Note,
    Modified,
    /// Evidence zhterm writes for reading, not for editing.
    Evidence,
}

/// Header names, compared without case.
const NAMES: &[(&str, Column)] = &[
    ("zh-cn", Column::Zh),
    ("zh", Column::Zh),
    ("zh-hans", Column::Zh),
    ("chinese", Column::Zh),
    ("term_zh-cn", Column::Zh),
    ("term_zh", Column::Zh),
    ("en", Column::En),
    ("en-us", Column::En),
    ("en-gb", Column::En),
    ("english", Column::En),
    ("term_en", Column::En),
    ("en_variants", Column::EnVariants),
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
    ("description_zh-cn", Column::Evidence),
    ("description_en", Column::Evidence),
];

/// Separator of the variant columns.
const LIST_SEPARATOR: char = '|';

pub fn read(text: &str, path: &Path) -> Result<Vec<Edit>> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| refuse(path, 1, format!("unreadable header: {e}")))?.clone();
    let mut columns = Vec::new();
    for name in &header {
        let key = name.trim().to_lowercase();
        let Some(&(_, column)) = NAMES.iter().find(|(n, _)| *n == key) else {
            return Err(refuse(
                path,
                1,
                format!("unknown column {name:?} (zhterm reads zh-CN, en, en_variants, zh_variants, status, note, modified and its own evidence columns)"),
            ));
        };
        if column != Column::Evidence && columns.contains(&column) {
            return Err(refuse(path, 1, format!("column {name:?} repeats another column")));
        }
        columns.push(column);
    }
    for (needed, name) in [(Column::Zh, "Chinese (zh-CN)"), (Column::En, "English (en)")] {
        if !columns.contains(&needed) {
            return Err(refuse(path, 1, format!("no {name} column in the header")));
        }
    }
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
        let mut edit = Edit { line, ..Edit::default() };
        for (column, value) in columns.iter().zip(record.iter()) {
            let value = value.trim();
            match column {
                Column::Zh => edit.zh = value.to_string(),
                Column::En => edit.english = Some(value.to_string()),
                Column::EnVariants => edit.english_variants = Some(list(value)),
                Column::ZhVariants => edit.zh_variants = Some(list(value)),
                Column::Status if value.is_empty() => {}
                Column::Status => {
                    let status = parse_status(value).ok_or_else(|| {
                        refuse(path, line, format!("status {value:?} is not candidate, approved or rejected"))
                    })?;
                    edit.status = Some(status);
                }
                Column::Note => edit.note = Some(value.to_string()),
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

fn list(value: &str) -> Vec<String> {
    value.split(LIST_SEPARATOR).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
}
