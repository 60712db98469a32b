//! Input-kind detection from the file name and a look at the content.

use super::{han_ratio, is_han, line_spans, InputKind};
use crate::error::{Error, Result};
use std::path::Path;

/// Guesses how to read `path`, whose text is `text`: TMX, XLIFF, HTML and TSV by extension or
/// content, then bilingual, word-segmented or plain Chinese by the text itself. Other markup
/// is refused rather than mined as Chinese text.
pub fn detect_kind(path: &Path, text: &str) -> Result<InputKind> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    match ext.as_str() {
        "tmx" => return Ok(InputKind::Tmx),
        "tsv" | "csv" => return Ok(InputKind::Tsv),
        "xlf" | "xliff" | "sdlxliff" | "mqxliff" => return Ok(InputKind::Xliff),
        "html" | "htm" | "xhtml" => return Ok(InputKind::Html),
        _ => {}
    }
    let kind = detect_text_kind(text);
    let head = text.trim_start();
    let markup = ["tbx", "xml"].contains(&ext.as_str()) || head.starts_with("<?xml");
    if !matches!(kind, InputKind::Tmx | InputKind::Xliff | InputKind::Html) && markup {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message:
                "XML but neither a TMX translation memory nor XLIFF; zhterm reads TMX, XLIFF, HTML, DOCX, TSV and text"
                    .into(),
        });
    }
    Ok(kind)
}

/// Decides among the text kinds from content alone.
pub fn detect_text_kind(text: &str) -> InputKind {
    let head = text.trim_start();
    if head.starts_with("<?xml") && text.contains("<tmx") || head.starts_with("<tmx") {
        return InputKind::Tmx;
    }
    let start = &head[..head.len().min(head.char_indices().nth(2000).map_or(head.len(), |(i, _)| i))];
    if start.starts_with('<') && start.contains("<xliff") {
        return InputKind::Xliff;
    }
    let lower = start.to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with('<') && lower.contains("<html")
    {
        return InputKind::Html;
    }
    let lines = line_spans(text);
    let tabbed = lines
        .iter()
        .filter(|s| {
            let line = &text[(*s).clone()];
            line.split_once('\t').is_some_and(|(zh, en)| han_ratio(zh) > 0.5 && han_ratio(en) < 0.2)
        })
        .count();
    if !lines.is_empty() && tabbed * 10 >= lines.len() * 8 {
        return InputKind::Tsv;
    }
    let (mut latin_blocks, mut han_blocks) = (0usize, 0usize);
    for span in &lines {
        let line = &text[span.clone()];
        if line.chars().filter(|c| c.is_alphabetic()).count() < 20 {
            continue;
        }
        if han_ratio(line) < 0.2 {
            latin_blocks += 1;
        } else if han_ratio(line) > 0.6 {
            han_blocks += 1;
        }
    }
    let blocks = latin_blocks + han_blocks;
    if blocks > 0 && latin_blocks * 5 >= blocks && han_blocks * 5 >= blocks {
        return InputKind::Bilingual;
    }
    if segmentation_space_share(text) > 0.25 {
        return InputKind::Segmented;
    }
    InputKind::Plain
}

/// Share of adjacent Han pairs that a space separates ("智能 电网" counts, "智能电网" does not).
fn segmentation_space_share(text: &str) -> f64 {
    let chars: Vec<char> = text.chars().collect();
    let (mut spaced, mut joined) = (0usize, 0usize);
    for (i, &c) in chars.iter().enumerate() {
        if !is_han(c) {
            continue;
        }
        match chars.get(i + 1) {
            Some(&n) if is_han(n) => joined += 1,
            Some(' ') if chars.get(i + 2).copied().is_some_and(is_han) => spaced += 1,
            _ => {}
        }
    }
    if spaced + joined == 0 {
        0.0
    } else {
        spaced as f64 / (spaced + joined) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_text_kind() {
        assert_eq!(detect_text_kind("东盟成员国推广智能电网建设。\n"), InputKind::Plain);
        assert_eq!(detect_text_kind("弘扬 上海 精神 ， 深化 团结 协作 构建 命运 共同体 。\n"), InputKind::Segmented);
        assert_eq!(detect_text_kind("智能电网\tsmart grid\n储能技术\tenergy storage\n"), InputKind::Tsv);
        assert_eq!(detect_text_kind("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">"), InputKind::Tmx);
        assert_eq!(detect_text_kind("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">"), InputKind::Xliff);
        assert_eq!(detect_text_kind("<!DOCTYPE html>\n<html><p>蜂蜜</p>"), InputKind::Html);
        assert_eq!(detect_text_kind("<!-- saved page -->\n<HTML><p>蜂蜜</p>"), InputKind::Html);
        let bilingual = "Since the storm, ASEAN members have rebuilt the power grid together.\n\n风暴过后，东盟成员国共同重建了电网，恢复供电。\n";
        assert_eq!(detect_text_kind(bilingual), InputKind::Bilingual);
    }
}
