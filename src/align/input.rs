//! The two texts of `zhterm align`: files of one sentence a line, aligned line by line as
//! they are, or raw documents, cut into paragraphs and sentences and aligned in two levels
//! like the build's bilingual documents.

use super::levels::{align_outlines, Outline};
use super::sentence::Bead;
use super::{align_spans, english, zh_sentences, Features};
use crate::corpus::{english_paragraphs, line_spans, normalize::normalize_zh, Span};

/// How a text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One sentence a line: line N is sentence N (blank lines included, so numbers are line
    /// numbers).
    Lines,
    /// Running text: paragraphs (lines, rejoined where a line break cut one) of sentences.
    Raw,
}

/// The language of a text, which decides how it is cut into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Chinese,
    English,
}

impl Language {
    fn sentences(self, text: &str, span: &Span) -> Vec<Span> {
        match self {
            Language::Chinese => zh_sentences(text, span),
            Language::English => english::sentences(text, span),
        }
    }
}

/// Guesses a text's layout. A paragraph a line holds several sentences a line on average; a
/// hard-wrapped text ends most lines mid-sentence; either is [`Layout::Raw`]. Anything else is
/// [`Layout::Lines`]: a file of one sentence a line may still have lines the splitter cuts in
/// two (dialogue: “走吧！”他说。) or that end on a colon or dash, and misreading such a file as
/// raw would renumber every sentence, while reading short one-sentence paragraphs as lines
/// only skips the paragraph level. An empty text is lines.
pub fn detect_layout(text: &str, language: Language) -> Layout {
    let lines = line_spans(text);
    if lines.is_empty() {
        return Layout::Lines;
    }
    let sentences: usize = lines.iter().map(|line| language.sentences(text, line).len().max(1)).sum();
    let ended = lines.iter().filter(|line| ends_sentence(&text[(*line).clone()])).count();
    let paragraphs = sentences as f64 >= PARAGRAPH_SENTENCES * lines.len() as f64;
    let wrapped = ended * 2 < lines.len();
    if paragraphs || wrapped {
        Layout::Raw
    } else {
        Layout::Lines
    }
}

/// Mean sentences a line from which a text reads as paragraphs.
const PARAGRAPH_SENTENCES: f64 = 1.8;

/// True when `line` ends a sentence or a clause of its own (a colon, semicolon or dash before
/// a quotation), closing quotes and brackets aside.
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '）' | '」' | '』'))
        .ends_with(['。', '！', '？', '…', '.', '!', '?', '：', ':', '；', ';', '—'])
}

/// One side of an alignment: its text (raw documents normalised: Chinese as the build reads
/// it, English paragraphs rejoined one a line) and its sentences as spans into the text.
#[derive(Debug, Clone)]
pub struct AlignText {
    pub text: String,
    pub layout: Layout,
    outline: Outline,
}

impl AlignText {
    /// Reads `raw` in `layout`, or in the layout [`detect_layout`] finds when `None`.
    pub fn new(raw: &str, language: Language, layout: Option<Layout>) -> Self {
        match layout.unwrap_or_else(|| detect_layout(raw, language)) {
            Layout::Lines => {
                let outline = Outline::flat(every_line(raw));
                AlignText { text: raw.to_string(), layout: Layout::Lines, outline }
            }
            Layout::Raw => {
                let text = match language {
                    Language::Chinese => normalize_zh(raw, false),
                    Language::English => english_paragraphs(line_spans(raw).into_iter().map(|s| &raw[s])),
                };
                let outline = Outline::new(&line_spans(&text), |p| language.sentences(&text, p));
                AlignText { text, layout: Layout::Raw, outline }
            }
        }
    }

    /// Sentence spans into [`AlignText::text`], in order: bead indices count these.
    pub fn sentences(&self) -> &[Span] {
        &self.outline.sentences
    }

    /// The text of sentence `index`.
    pub fn sentence(&self, index: usize) -> &str {
        &self.text[self.outline.sentences[index].clone()]
    }
}

/// Spans of every line, as [`str::lines`] cuts them (blank lines too, without "\n" / "\r\n").
fn every_line(text: &str) -> Vec<Span> {
    let mut start = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let content = line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
            let span = start..start + content.len();
            start += line.len();
            span
        })
        .collect()
}

/// Aligns two texts: two raw documents in two levels (paragraphs, then sentences inside
/// paragraph pairs); otherwise sentence by sentence, since a file of one sentence a line has
/// no paragraphs to pair.
pub fn align(zh: &AlignText, en: &AlignText, features: &mut Features) -> Vec<Bead> {
    if zh.layout == Layout::Raw && en.layout == Layout::Raw {
        align_outlines(&zh.text, &zh.outline, &en.text, &en.outline, features)
    } else {
        align_spans(&zh.text, zh.sentences(), &en.text, en.sentences(), features)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sentence_a_line_is_told_from_running_text() {
        let lines = "灯塔在岛的北端。\n看守人每晚点灯。\n“你好！”\n第一章\n";
        assert_eq!(detect_layout(lines, Language::Chinese), Layout::Lines);
        let paragraphs = "灯塔在岛的北端。看守人每晚点灯。\n船从南边来。它靠了岸。\n";
        assert_eq!(detect_layout(paragraphs, Language::Chinese), Layout::Raw);
        let english = "The lighthouse stands at the north end. The keeper lights it.\nA ship came. It landed.\n";
        assert_eq!(detect_layout(english, Language::English), Layout::Raw);
        let wrapped = "The lighthouse stands at the north end of the island, where\nthe keeper lights the lamp every night before the\nfishing boats come home.\n";
        assert_eq!(detect_layout(wrapped, Language::English), Layout::Raw, "hard-wrapped lines end mid-sentence");
        assert_eq!(detect_layout("One line.\nAnother line.\n", Language::English), Layout::Lines);
        assert_eq!(detect_layout("", Language::English), Layout::Lines);
    }

    #[test]
    fn dialogue_a_line_is_still_one_sentence_a_line() {
        let zh = "“走吧！”他说。\n“去哪儿？你说。”\n她没有回答。\n雨下了一整夜。\n他想起了母亲的话：\n";
        assert_eq!(detect_layout(zh, Language::Chinese), Layout::Lines);
        let en = "\"Let's go!\" he said.\n\"Where? Tell me.\"\nShe did not answer.\nIt rained all night.\nHe remembered his mother's words:\n";
        assert_eq!(detect_layout(en, Language::English), Layout::Lines);
    }

    #[test]
    fn sentence_spans_slice_to_their_sentences() {
        let raw = "灯塔在岛的北端。看守人每晚点灯！\n\n  船从南边来，它靠了岸。\n";
        let text = AlignText::new(raw, Language::Chinese, Some(Layout::Raw));
        let sentences: Vec<_> = text.sentences().iter().map(|s| &text.text[s.clone()]).collect();
        assert_eq!(sentences, ["灯塔在岛的北端。", "看守人每晚点灯！", "船从南边来，它靠了岸。"]);
        assert_eq!(text.sentence(2), "船从南边来，它靠了岸。");

        let raw = "The keeper, Mr. Hale, lit the lamp. Then he\nwaited.\n\nA ship came!\n";
        let text = AlignText::new(raw, Language::English, Some(Layout::Raw));
        let sentences: Vec<_> = text.sentences().iter().map(|s| &text.text[s.clone()]).collect();
        assert_eq!(sentences, ["The keeper, Mr. Hale, lit the lamp.", "Then he waited.", "A ship came!"]);
    }

    #[test]
    fn lines_keep_every_line_as_it_is() {
        let raw = "First line.\r\n\nThird line.";
        let text = AlignText::new(raw, Language::English, Some(Layout::Lines));
        let lines: Vec<_> = (0..text.sentences().len()).map(|i| text.sentence(i)).collect();
        assert_eq!(lines, raw.lines().collect::<Vec<_>>());
    }
}
