//! Reading a reviewer's TBX: TBX v3 (`conceptEntry/langSec/termSec`) and TBX 2008
//! (`martif`: `termEntry/langSet/tig` or `ntig`). The first Chinese term of an entry is the
//! entry; its `administrativeStatus` is the entry's status (TBX-Basic: preferred → approved,
//! admitted → candidate, deprecated or superseded → rejected). English terms are kept in
//! order, deprecated ones struck. A `<note>` on the entry or its Chinese term is the reviewer
//! note (zhterm's own `zhterm … score` notes are evidence, not notes); a `transacGrp`
//! modification date dates the change.

use super::{parse_date, parse_status, refuse, Edit};
use crate::error::Result;
use crate::graph::Status;
use quick_xml::events::Event;
use std::path::Path;

use crate::export::evidence::MARK as EVIDENCE_NOTE;

#[derive(Default)]
struct TermSec {
    text: String,
    status: Option<String>,
    notes: Vec<String>,
}

#[derive(Default)]
struct Entry {
    line: usize,
    zh: Vec<TermSec>,
    en: Vec<TermSec>,
    notes: Vec<String>,
    modified: Option<String>,
}

/// The text-bearing element being read.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Term,
    Status,
    Note,
    Transaction,
    Date,
    Other,
}

pub fn read(text: &str, path: &Path) -> Result<Vec<Edit>> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let line_at = |offset: u64| text[..(offset as usize).min(text.len())].matches('\n').count() + 1;
    let mut edits = Vec::new();
    let mut root_seen = false;
    let mut entry: Option<Entry> = None;
    let mut lang = String::new();
    let mut term: Option<TermSec> = None;
    let mut field: Option<(Field, String)> = None;
    let mut transaction = (String::new(), String::new());
    loop {
        let offset = reader.buffer_position();
        let event =
            reader.read_event().map_err(|e| refuse(path, line_at(offset), format!("not well-formed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                let attribute =
                    |key: &str| e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| a.value.to_string());
                if !root_seen {
                    root_seen = true;
                    if name != "tbx" && name != "martif" {
                        return Err(refuse(
                            path,
                            line_at(offset),
                            format!("<{name}> is not a TBX root (tbx or martif)"),
                        ));
                    }
                    continue;
                }
                match name.as_str() {
                    "conceptEntry" | "termEntry" => entry = Some(Entry { line: line_at(offset), ..Entry::default() }),
                    "langSec" | "langSet" => lang = attribute("xml:lang").unwrap_or_default().to_lowercase(),
                    "termSec" | "tig" | "ntig" => term = Some(TermSec::default()),
                    "transacGrp" => transaction = (String::new(), String::new()),
                    _ => {}
                }
                let kind = match name.as_str() {
                    "term" => Field::Term,
                    "termNote" if attribute("type").as_deref() == Some("administrativeStatus") => Field::Status,
                    "note" => Field::Note,
                    "transac" => Field::Transaction,
                    "date" => Field::Date,
                    _ => Field::Other,
                };
                if kind != Field::Other && field.is_none() {
                    field = Some((kind, String::new()));
                }
            }
            Event::Text(t) => {
                if let Some((_, buffer)) = field.as_mut() {
                    buffer.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, buffer)) = field.as_mut() {
                    buffer.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, buffer)) = field.as_mut() {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                    };
                    let resolved =
                        resolved.ok_or_else(|| refuse(path, line_at(offset), "an unknown XML entity".to_string()))?;
                    buffer.push_str(&resolved);
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                if let Some((kind, value)) = field.take_if(|(k, _)| field_closes(*k, &name)) {
                    let value = value.trim().to_string();
                    match (kind, term.as_mut(), entry.as_mut()) {
                        (Field::Term, Some(t), _) => t.text = value,
                        (Field::Status, Some(t), _) => t.status = Some(value),
                        (Field::Note, Some(t), _) => t.notes.push(value),
                        (Field::Note, None, Some(e)) => e.notes.push(value),
                        (Field::Transaction, ..) => transaction.0 = value,
                        (Field::Date, ..) => transaction.1 = value,
                        _ => {}
                    }
                }
                match name.as_str() {
                    "termSec" | "tig" | "ntig" => {
                        if let (Some(t), Some(e)) = (term.take(), entry.as_mut()) {
                            if lang.starts_with("zh") {
                                e.zh.push(t);
                            } else if lang.starts_with("en") {
                                e.en.push(t);
                            }
                        }
                    }
                    "transacGrp" if transaction.0 == "modification" => {
                        let line = line_at(offset);
                        let date = parse_date(&transaction.1).ok_or_else(|| {
                            refuse(path, line, format!("date {:?} is not a date (YYYY-MM-DD)", transaction.1))
                        })?;
                        if let Some(e) = entry.as_mut() {
                            e.modified = e.modified.take().max(Some(date));
                        }
                    }
                    "conceptEntry" | "termEntry" => {
                        if let Some(e) = entry.take() {
                            edits.push(edit(e, path)?);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(refuse(path, 1, "no XML root element".into()));
    }
    Ok(edits)
}

fn field_closes(field: Field, element: &str) -> bool {
    let name = match field {
        Field::Term => "term",
        Field::Status => "termNote",
        Field::Note => "note",
        Field::Transaction => "transac",
        Field::Date => "date",
        Field::Other => return false,
    };
    name == element
}

/// The edit an entry states: its first Chinese term, its English, status and note.
fn edit(entry: Entry, path: &Path) -> Result<Edit> {
    let line = entry.line;
    let status_of = |t: &TermSec| match &t.status {
        None => Ok(None),
        Some(s) => parse_status(s)
            .map(Some)
            .ok_or_else(|| refuse(path, line, format!("administrativeStatus {s:?} is not a TBX-Basic status"))),
    };
    let mut zh = entry.zh.into_iter();
    let Some(head) = zh.next().filter(|t| !t.text.is_empty()) else {
        return Err(refuse(path, line, "an entry without a Chinese term".into()));
    };
    let mut english = Vec::new();
    let mut struck = Vec::new();
    for t in entry.en.iter().filter(|t| !t.text.is_empty()) {
        if status_of(t)? == Some(Status::Rejected) {
            struck.push(t.text.clone());
        } else {
            english.push(t.text.clone());
        }
    }
    let notes: Vec<String> = entry
        .notes
        .into_iter()
        .chain(head.notes.iter().cloned())
        .filter(|n| !n.starts_with(EVIDENCE_NOTE) && !n.is_empty())
        .collect();
    let status = status_of(&head)?;
    Ok(Edit {
        line,
        english: Some(english.first().cloned().unwrap_or_default()),
        english_variants: Some(english.into_iter().skip(1).collect()),
        struck_english: struck,
        zh_variants: Some(zh.map(|t| t.text).filter(|t| !t.is_empty()).collect()),
        status,
        note: Some(notes.join("\n")),
        modified: entry.modified,
        zh: head.text,
        flattened: false,
    })
}
