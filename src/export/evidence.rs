//! The evidence line: how the CAT profiles (memoQ `Entry_Note`, Trados `Note`, Crowdin
//! `description_zh-CN`, OmegaT comment) put zhterm's evidence and the reviewer's note into one
//! free-text field, and how an import takes them apart again. [`write`] and [`split`] are the
//! one definition of that text, tested against each other.
//!
//! # Format
//! `zhterm STATUS[; score S]; frequency N[; short forms A, B][; NOTE]`, optionally after a
//! `Context: SENTENCE ` lead (Crowdin). STATUS is `candidate`, `approved` or `rejected`; short
//! forms hold no whitespace, `,` or `;` (Chinese terms). Everything after the evidence is the
//! reviewer's note, whatever separator the reviewer typed before it.

use super::csv::score;
use crate::graph::{Concept, Status};

/// What zhterm's evidence text starts with, here and in the TBX evidence notes.
pub const MARK: &str = "zhterm ";
const CONTEXT_LEAD: &str = "Context: ";

/// What a profile's note field says: zhterm's evidence, then the reviewer's note.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence<'a> {
    pub status: Status,
    pub score: Option<f64>,
    pub frequency: usize,
    pub short_forms: Vec<&'a str>,
    pub note: Option<&'a str>,
}

impl<'a> Evidence<'a> {
    pub fn of(concept: &Concept<'a>) -> Self {
        let zh = concept.zh;
        Evidence {
            status: zh.status,
            score: zh.scores.map(|s| s.total),
            frequency: zh.frequency,
            short_forms: concept
                .zh_variants
                .iter()
                .chain(&concept.short_form_entries)
                .map(|t| t.text.as_str())
                .collect(),
            note: zh.note.as_deref(),
        }
    }
}

/// The note field: evidence and note in one line (tabs and line breaks flattened), after a
/// `Context:` lead when `context` is given.
pub fn write(evidence: &Evidence<'_>, context: Option<&str>) -> String {
    let mut parts = vec![format!("{MARK}{}", evidence.status.as_str())];
    if let Some(s) = evidence.score {
        parts.push(format!("score {}", score(s)));
    }
    parts.push(format!("frequency {}", evidence.frequency));
    if !evidence.short_forms.is_empty() {
        parts.push(format!("short forms {}", evidence.short_forms.join(", ")));
    }
    if let Some(note) = evidence.note.filter(|n| !n.trim().is_empty()) {
        parts.push(note.to_string());
    }
    let line = parts.join("; ");
    flat(&match context.filter(|c| !c.is_empty()) {
        Some(c) => format!("{CONTEXT_LEAD}{c} {line}"),
        None => line,
    })
}

/// A note field read back: the status its evidence states (`None` when the reviewer removed
/// the evidence) and the reviewer's note (`""` when there is none).
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub status: Option<Status>,
    pub note: String,
}

pub fn split(text: &str) -> Split {
    let text = text.trim();
    let start = if text.starts_with(MARK) {
        Some(0)
    } else if text.starts_with(CONTEXT_LEAD) {
        text.match_indices(&format!(" {MARK}")).map(|(i, _)| i + 1).find(|&i| block(&text[i..]).is_some())
    } else {
        None
    };
    match start.and_then(|i| block(&text[i..]).map(|(status, end)| (status, &text[i + end..]))) {
        Some((status, rest)) => Split {
            status: Some(status),
            note: rest.trim_start_matches(|c: char| c == ';' || c == '.' || c.is_whitespace()).to_string(),
        },
        None => Split { status: None, note: text.to_string() },
    }
}

/// Reads the evidence at the start of `text`: its status and the byte length it takes.
fn block(text: &str) -> Option<(Status, usize)> {
    let rest = text.strip_prefix(MARK)?;
    let word_end = rest.find(';').unwrap_or(rest.len());
    let status = [Status::Candidate, Status::Approved, Status::Rejected]
        .into_iter()
        .find(|s| s.as_str() == &rest[..word_end])?;
    let mut end = MARK.len() + word_end;
    let number = |s: &str, decimal: bool| {
        let sign = usize::from(decimal && s.starts_with('-'));
        let digits = s[sign..].find(|c: char| !(c.is_ascii_digit() || (decimal && c == '.'))).unwrap_or(s.len() - sign);
        (digits > 0).then_some(sign + digits)
    };
    if let Some(n) = text[end..].strip_prefix("; score ").and_then(|s| number(s, true)) {
        end += "; score ".len() + n;
    }
    let n = text[end..].strip_prefix("; frequency ").and_then(|s| number(s, false))?;
    end += "; frequency ".len() + n;
    if let Some(list) = text[end..].strip_prefix("; short forms ") {
        let mut taken = 0;
        for (i, item) in list.split(", ").enumerate() {
            let item_len = item.find(|c: char| c.is_whitespace() || c == ';' || c == ',').unwrap_or(item.len());
            if item_len == 0 {
                break;
            }
            taken += usize::from(i > 0) * 2 + item_len;
            if item_len < item.len() {
                break;
            }
        }
        if taken > 0 {
            end += "; short forms ".len() + taken;
        }
    }
    Some((status, end))
}

/// Tabs and line breaks become spaces: OmegaT splits on them and cannot escape them, and the
/// CAT import dialogs that can read quoted line breaks show them as one line anyway.
pub fn flat(text: &str) -> String {
    text.split(['\t', '\n', '\r']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_fixture_shape_splits_into_status_and_note() {
        let e = Evidence {
            status: Status::Approved,
            score: Some(6.25),
            frequency: 12,
            short_forms: vec!["电工委", "国际电工委"],
            note: Some("checked; twice"),
        };
        let text = write(&e, None);
        assert_eq!(text, "zhterm approved; score 6.250; frequency 12; short forms 电工委, 国际电工委; checked; twice");
        assert_eq!(split(&text), Split { status: Some(Status::Approved), note: "checked; twice".into() });
        let crowdin = write(&Evidence { note: None, ..e }, Some("安装时，断开电源。"));
        assert_eq!(split(&crowdin), Split { status: Some(Status::Approved), note: String::new() });
    }

    #[test]
    fn a_note_typed_after_the_evidence_or_instead_of_it_is_the_note() {
        let appended = "zhterm candidate; score 2.100; frequency 5 looks fine";
        assert_eq!(split(appended), Split { status: Some(Status::Candidate), note: "looks fine".into() });
        let after_short_forms = "zhterm rejected; frequency 3; short forms 电工委. wrong domain";
        assert_eq!(split(after_short_forms), Split { status: Some(Status::Rejected), note: "wrong domain".into() });
        assert_eq!(split("only my words"), Split { status: None, note: "only my words".into() });
        assert_eq!(split("zhterm maybe; frequency 3").status, None, "an unknown status word is no evidence");
    }

    proptest! {
        #[test]
        fn split_reads_back_what_write_wrote(
            status in 0..3usize,
            score in proptest::option::of(-10.0..100.0f64),
            frequency in 0..1000usize,
            short_forms in proptest::collection::vec("[\u{4e00}-\u{4e20}A-Z]{1,4}", 0..3),
            note in proptest::option::of("[^\t\n\r]{0,30}"),
            context in proptest::option::of("[\u{4e00}-\u{4e20}，。 ]{1,20}"),
        ) {
            let status = [Status::Candidate, Status::Approved, Status::Rejected][status];
            let short_forms: Vec<&str> = short_forms.iter().map(String::as_str).collect();
            let evidence = Evidence { status, score, frequency, short_forms, note: note.as_deref() };
            let back = split(&write(&evidence, context.as_deref()));
            prop_assert_eq!(back.status, Some(status));
            // A note that begins with separators or spaces loses them, as a typed one would.
            let expected = note.as_deref().unwrap_or("").trim().trim_start_matches(|c: char| c == ';' || c == '.' || c.is_whitespace());
            prop_assert_eq!(back.note, expected);
        }
    }
}
