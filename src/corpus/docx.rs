//! Word documents (DOCX): the ZIP archive is opened with `zip`, its `word/document.xml` read
//! with quick-xml. Body paragraphs are a document's text, detected like a text file (plain
//! Chinese, or interleaved bilingual). A table with a Chinese column and an English column —
//! a two-column glossary, or the bilingual review table Trados and memoQ export (ID, source,
//! target, status… with a `Chinese`/`English`, `zh`/`en` or source/target header) — is read
//! as segment pairs instead; the body text around such a table (headings, instructions) is
//! then not read.

use super::detect::detect_text_kind;
use super::parallel::PairBuilder;
use super::{bilingual, han_ratio, is_han, normalize, Document, InputKind};
use crate::error::{Error, Result};
use quick_xml::events::Event;
use std::io::Read;
use std::path::Path;

/// The part of the package that holds the body.
const BODY: &str = "word/document.xml";
/// A larger body is refused: a DOCX of text is a few megabytes, a ZIP bomb is not.
const MAX_BODY: u64 = 256 * 1024 * 1024;
/// Share of a column's non-empty cells that must be in its language.
const COLUMN_SHARE: f64 = 0.6;

/// True when `bytes` are a ZIP archive holding a Word body.
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(std::io::Cursor::new(bytes)).is_ok_and(|mut a| a.by_name(BODY).is_ok())
}

/// Reads a DOCX file's bytes into a document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document> {
    let refuse = |message: String| Error::Input { path: path.to_path_buf(), message };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| refuse(format!("not a readable DOCX (ZIP): {e}")))?;
    let mut body =
        archive.by_name(BODY).map_err(|_| refuse(format!("a ZIP archive without {BODY}: not a DOCX document")))?;
    let mut xml = String::new();
    (&mut body).take(MAX_BODY).read_to_string(&mut xml).map_err(|e| refuse(format!("{BODY} unreadable: {e}")))?;
    let blocks = blocks(&xml).map_err(|e| refuse(format!("malformed {BODY}: {e}")))?;
    let name = path.display().to_string();
    let mut pairs = PairBuilder::default();
    let mut paragraphs = Vec::new();
    for block in &blocks {
        match block {
            Block::Paragraph(text) => paragraphs.push(text.as_str()),
            Block::Table(rows) => match parallel_columns(rows) {
                Some((zh, en, header)) => {
                    for row in &rows[usize::from(header)..] {
                        let (Some(z), Some(e)) = (row.get(zh), row.get(en)) else { continue };
                        if z.chars().any(is_han) && !e.trim().is_empty() {
                            pairs.push(z, e);
                        }
                    }
                }
                // Any other table is text: one paragraph a cell.
                None => paragraphs.extend(rows.iter().flatten().map(String::as_str)),
            },
        }
    }
    if !pairs.is_empty() {
        return Ok(pairs.finish(path, InputKind::Docx));
    }
    let text = paragraphs.join("\n\n");
    let mut document = match detect_text_kind(&text) {
        InputKind::Bilingual => bilingual::read(name, &text),
        kind => {
            Document::monolingual(name, InputKind::Docx, normalize::normalize_zh(&text, kind == InputKind::Segmented))
        }
    };
    document.kind = InputKind::Docx;
    Ok(document)
}

enum Block {
    Paragraph(String),
    /// Rows of cells, each cell's paragraphs joined by a space.
    Table(Vec<Vec<String>>),
}

/// The body's paragraphs and top-level tables in order. Text is the `w:t` runs (tabs as
/// spaces); deleted text (`w:delText` of tracked changes) is not text, field codes
/// (`w:instrText`) neither.
fn blocks(xml: &str) -> std::result::Result<Vec<Block>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut table_depth = 0usize;
    let (mut rows, mut row, mut cell): (Vec<Vec<String>>, Vec<String>, String) = Default::default();
    loop {
        let event = reader.read_event().map_err(|e| format!("{e} at byte {}", reader.error_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == "tab" || e.local_name().as_ref() == "br" =>
            {
                paragraph.push(' ')
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let text = std::mem::take(&mut paragraph);
                    let text = text.trim();
                    if table_depth == 0 {
                        if !text.is_empty() {
                            out.push(Block::Paragraph(text.to_string()));
                        }
                    } else if !text.is_empty() {
                        if !cell.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(text);
                    }
                }
                "tc" if table_depth == 1 => row.push(std::mem::take(&mut cell)),
                "tr" if table_depth == 1 => rows.push(std::mem::take(&mut row)),
                "tbl" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        out.push(Block::Table(std::mem::take(&mut rows)));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).unwrap_or_default().to_string(),
                };
                paragraph.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The Chinese and English columns of a table, if it has them: a header row naming them
/// (`中文`/`Chinese`/`zh…`, `英文`/`English`/`en…`), or else the column most of whose cells are
/// Chinese and the one most of whose cells are English. The flag: the first row is a header
/// naming them.
fn parallel_columns(rows: &[Vec<String>]) -> Option<(usize, usize, bool)> {
    let header = rows.first()?;
    let named = |names: &[&str]| {
        header.iter().position(|h| {
            let h = h.trim().to_lowercase();
            names.iter().any(|n| h == *n || h.starts_with(&format!("{n}-")) || h.starts_with(&format!("{n} (")))
        })
    };
    if let (Some(zh), Some(en)) =
        (named(&["中文", "chinese", "zh", "汉语", "中文术语"]), named(&["英文", "english", "en", "英语"]))
    {
        return Some((zh, en, true));
    }
    let width = rows.iter().map(Vec::len).max()?;
    if width < 2 {
        return None;
    }
    // A header row (ID, Source, Target, Status) says nothing of the columns' languages.
    let body = if rows.len() > 2 { &rows[1..] } else { rows };
    // Per column: the share of its cells with letters that pass `test`, and their letters.
    let measure = |column: usize, test: &dyn Fn(&str) -> bool| {
        let cells: Vec<&str> = body
            .iter()
            .filter_map(|r| r.get(column))
            .map(|c| c.trim())
            .filter(|c| c.chars().any(char::is_alphabetic))
            .collect();
        let passing: Vec<&&str> = cells.iter().filter(|c| test(c)).collect();
        let share = if cells.is_empty() { 0.0 } else { passing.len() as f64 / cells.len() as f64 };
        (share, passing.iter().map(|c| c.chars().count()).sum::<usize>())
    };
    // Of the columns mostly in a language, the one holding the most text: a status or ID
    // column is in English letters too, but short.
    let best = |test: &dyn Fn(&str) -> bool| {
        (0..width)
            .map(|c| (c, measure(c, test)))
            .filter(|(_, (share, _))| *share >= COLUMN_SHARE)
            .max_by_key(|&(c, (_, letters))| (letters, std::cmp::Reverse(c)))
            .map(|(c, _)| c)
    };
    let zh = best(&|c| han_ratio(c) > 0.5)?;
    let en = best(&|c| han_ratio(c) < 0.1)?;
    (zh != en).then_some((zh, en, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal DOCX package around `body` (the inside of `<w:body>`).
    pub fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        )
        .unwrap();
        zip.start_file(BODY, options).unwrap();
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn table(rows: &[&[&str]]) -> String {
        let rows: String = rows
            .iter()
            .map(|r| format!("<w:tr>{}</w:tr>", r.iter().map(|c| format!("<w:tc>{}</w:tc>", p(c))).collect::<String>()))
            .collect();
        format!("<w:tbl>{rows}</w:tbl>")
    }

    #[test]
    fn body_paragraphs_are_chinese_text() {
        let body = format!("{}<w:p><w:r><w:t>轮作</w:t></w:r><w:r><w:delText>删掉</w:delText></w:r><w:r><w:t xml:space=\"preserve\">制度</w:t></w:r></w:p>", p("土壤改良"));
        let doc = read(Path::new("a.docx"), &docx(&body)).unwrap();
        assert_eq!(doc.kind, InputKind::Docx);
        let lines: Vec<_> = doc.zh_blocks.iter().map(|s| &doc.zh[s.clone()]).collect();
        assert_eq!(lines, ["土壤改良", "轮作制度"]);
        assert!(!doc.aligned);
    }

    #[test]
    fn a_review_table_gives_segment_pairs() {
        let body = format!(
            "{}{}",
            p("双语审校表"),
            table(&[
                &["ID", "Source", "Target", "Status"],
                &["1", "滴灌系统", "drip irrigation system", "Confirmed"],
                &["2", "土壤墒情", "soil moisture", "Draft"]
            ])
        );
        let doc = read(Path::new("b.docx"), &docx(&body)).unwrap();
        assert!(doc.aligned);
        let en: Vec<_> = doc.en_blocks.iter().map(|s| &doc.en[s.clone()]).collect();
        assert_eq!(en, ["drip irrigation system", "soil moisture"]);
        let headed = table(&[&["English", "中文"], &["crop rotation", "轮作"]]);
        let doc = read(Path::new("c.docx"), &docx(&headed)).unwrap();
        assert_eq!(&doc.zh[doc.zh_blocks[0].clone()], "轮作");
    }

    #[test]
    fn a_zip_that_is_not_a_docx_is_refused() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all("土壤".as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(!is_docx(&bytes));
        let err = read(Path::new("d.docx"), &bytes).unwrap_err().to_string();
        assert_eq!(err, "d.docx: a ZIP archive without word/document.xml: not a DOCX document");
    }
}
