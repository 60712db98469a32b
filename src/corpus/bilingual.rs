//! Bilingual documents laid out as interleaved English and Chinese paragraph blocks (as
//! scraped from bilingual web pages). Paragraphs are sorted into one English and one Chinese
//! stream in reading order; paragraphs cut by a page break are joined again. Pairing the two
//! streams is the aligner's job, never block to block here.

use super::normalize::{normalize_zh, strip_invisible};
use super::{han_ratio, line_spans, Document, InputKind};

/// Splits `raw` into the Chinese and English streams of one document.
pub fn read(name: String, raw: &str) -> Document {
    let mut zh_paragraphs = Vec::new();
    let mut en_paragraphs = Vec::new();
    for span in line_spans(raw) {
        let paragraph = &raw[span];
        if han_ratio(paragraph) >= 0.3 {
            zh_paragraphs.push(paragraph);
        } else if paragraph.chars().any(char::is_alphabetic) {
            en_paragraphs.push(strip_invisible(paragraph));
        }
    }
    // Blank lines between the Chinese paragraphs let the normaliser rejoin only the ones a
    // page break cut (body text that ends without punctuation).
    let zh = normalize_zh(&zh_paragraphs.join("\n\n"), false);
    let en = english_paragraphs(en_paragraphs.iter().map(|p| p.as_ref()));
    Document {
        name,
        kind: InputKind::Bilingual,
        zh_blocks: line_spans(&zh),
        en_blocks: line_spans(&en),
        zh,
        en,
        aligned: false,
        locale: None,
    }
}

/// English blocks as one paragraph a line: a block that goes on a paragraph cut by a page
/// or line break (see [`continues_english`]) is joined to it.
pub fn english_paragraphs<'a>(blocks: impl IntoIterator<Item = &'a str>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for block in blocks {
        match paragraphs.last_mut() {
            Some(last) if continues_english(last, block) => {
                last.push(' ');
                last.push_str(block);
            }
            _ => paragraphs.push(block.to_string()),
        }
    }
    paragraphs.join("\n") + "\n"
}

/// An English paragraph goes on in the next English block when it ends without sentence
/// punctuation and the next block starts in lower case.
fn continues_english(previous: &str, next: &str) -> bool {
    let ends_open =
        previous.trim_end().chars().last().is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '”' | ')'));
    let next_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    ends_open && next_lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_split_and_page_breaks_joined() {
        let raw = "Title Of The Speech\n\n讲话标题\n\nThe world economy is confronted with a recession and the backlash against\n\n当前，世界经济面临第二次世界大战结束以来最严重的衰退，全球治理体系和多边机制\n\nglobalization has dealt a blow.\n\n受到冲击。\n";
        let doc = read("t".into(), raw);
        let en: Vec<_> = doc.en_blocks.iter().map(|s| &doc.en[s.clone()]).collect();
        let zh: Vec<_> = doc.zh_blocks.iter().map(|s| &doc.zh[s.clone()]).collect();
        assert_eq!(en, ["Title Of The Speech", "The world economy is confronted with a recession and the backlash against globalization has dealt a blow."]);
        assert_eq!(
            zh,
            ["讲话标题", "当前，世界经济面临第二次世界大战结束以来最严重的衰退，全球治理体系和多边机制受到冲击。"]
        );
        assert!(!doc.aligned);
    }
}
