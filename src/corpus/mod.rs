//! Reading the corpus: every input kind becomes a [`Document`] — normalised Chinese text, the
//! English text if any, and the blocks (paragraphs or segments) of each as byte spans.
//!
//! Spans of every later stage point into `Document::zh` / `Document::en`, never into the raw
//! file, so `&doc.zh[span]` is always the term the span names.

mod bilingual;
mod detect;
pub mod normalize;
mod parallel;

use crate::error::{Error, Result};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use detect::detect_kind;

/// A byte range into a document's `zh` or `en` text.
pub type Span = Range<usize>;

/// How a file is read. Detected from the name and content unless forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// Running Chinese text.
    Plain,
    /// Chinese with spaces between words; the spaces are removed before analysis.
    Segmented,
    /// English and Chinese paragraph blocks interleaved, in reading order, not yet aligned.
    Bilingual,
    /// `NAME.zh` + `NAME.en`, line N of one translating line N of the other.
    LinePairs,
    /// `zh<TAB>en` a line.
    Tsv,
    /// TMX 1.4 translation memory.
    Tmx,
}

/// One input document after reading and normalisation.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (for line-aligned pairs: the `.zh` file).
    pub name: String,
    pub kind: InputKind,
    pub zh: String,
    pub en: String,
    /// Chinese paragraphs or segments, in order.
    pub zh_blocks: Vec<Span>,
    /// English paragraphs or segments, in order.
    pub en_blocks: Vec<Span>,
    /// True when `zh_blocks[i]` and `en_blocks[i]` are already translation pairs (TM inputs).
    pub aligned: bool,
}

impl Document {
    /// A Chinese-only document from normalised text, one block a line.
    pub fn monolingual(name: String, kind: InputKind, zh: String) -> Self {
        let zh_blocks = line_spans(&zh);
        Document { name, kind, zh, en: String::new(), zh_blocks, en_blocks: Vec::new(), aligned: false }
    }

    pub fn is_bilingual(&self) -> bool {
        !self.en_blocks.is_empty()
    }
}

/// Spans of the non-blank lines of `text`, trimmed.
pub fn line_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            spans.push(start + lead..start + lead + trimmed.len());
        }
        start += line.len();
    }
    spans
}

/// Reads files and folders (recursively, in sorted order) into documents.
///
/// `forced` overrides detection for every file. An `.en` file whose `.zh` twin is also an
/// input is consumed by the twin.
pub fn load(inputs: &[PathBuf], forced: Option<InputKind>) -> Result<Vec<Document>> {
    let mut files = Vec::new();
    for input in inputs {
        collect_files(input, &mut files)?;
    }
    files.sort();
    files.dedup();
    let mut documents = Vec::new();
    for path in &files {
        let kind = match forced {
            Some(kind) => kind,
            None => detect_kind(path)?,
        };
        if kind == InputKind::LinePairs && has_extension(path, "en") {
            if files.contains(&path.with_extension("zh")) {
                continue;
            }
            return Err(Error::Input {
                path: path.clone(),
                message: "English half of a line-aligned pair without its .zh file".into(),
            });
        }
        documents.push(read_document(path, kind)?);
    }
    if documents.is_empty() {
        let names: Vec<_> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::NoInput(format!("no readable documents in {}", names.join(", "))));
    }
    Ok(documents)
}

fn read_document(path: &Path, kind: InputKind) -> Result<Document> {
    let name = path.display().to_string();
    match kind {
        InputKind::Plain | InputKind::Segmented => {
            let text = normalize::normalize_zh(&read_text(path)?, kind == InputKind::Segmented);
            Ok(Document::monolingual(name, kind, text))
        }
        InputKind::Bilingual => Ok(bilingual::read(name, &read_text(path)?)),
        InputKind::LinePairs => {
            let en_path = path.with_extension("en");
            parallel::read_line_pairs(path, &read_text(path)?, &en_path, &read_text(&en_path)?)
        }
        InputKind::Tsv => parallel::read_tsv(path, &read_text(path)?),
        InputKind::Tmx => parallel::read_tmx(path, &read_text(path)?),
    }
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(path, e))?;
            let child = entry.path();
            let hidden = child.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if !hidden {
                collect_files(&child, files)?;
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
    Ok(())
}

/// Reads a file as UTF-8, dropping a byte-order mark.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::Encoding { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some(ext)
}

/// True for characters of the CJK ideograph blocks.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Share of Han characters among the letters of `text` (0 when there are none).
pub fn han_ratio(text: &str) -> f64 {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        han as f64 / letters as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_spans_skip_blank_lines_and_trim() {
        let text = "  甲乙 \n\n丙\r\n";
        let spans = line_spans(text);
        let lines: Vec<_> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(lines, ["甲乙", "丙"]);
    }

    #[test]
    fn han_ratio_counts_letters_only() {
        assert_eq!(han_ratio("上海 2020"), 1.0);
        assert_eq!(han_ratio("ab上海"), 0.5);
        assert_eq!(han_ratio("123"), 0.0);
    }
}
