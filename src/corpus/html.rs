//! HTML pages: the visible text only, read by html5ever's tokenizer (the WHATWG one browsers
//! follow, so `<script>` and `<style>` bodies, comments, character references and unclosed
//! tags are handled as a browser would). Block elements become paragraph breaks; the text is
//! then detected and read like any text file (plain Chinese, or interleaved bilingual).

use super::detect::detect_text_kind;
use super::{bilingual, normalize, variant, Document, InputKind};
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use std::cell::RefCell;

/// Elements whose content is never shown as text.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"];

/// Elements that start a new paragraph (HTML's block and list elements, table rows and cells,
/// and line breaks).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// The page's visible text, one paragraph a line with blank lines between, and the Chinese
/// language tag of its `<html lang>` (or first Chinese `lang`) if any.
pub fn visible_text(html: &str) -> (String, Option<String>) {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    (state.text, state.lang)
}

/// Reads an HTML page as the text kind its visible text is.
pub fn read(name: String, html: &str) -> Document {
    let (text, lang) = visible_text(html);
    let mut document = match detect_text_kind(&text) {
        InputKind::Bilingual => bilingual::read(name, &text),
        kind => {
            let segmented = kind == InputKind::Segmented;
            Document::monolingual(name, InputKind::Html, normalize::normalize_zh(&text, segmented))
        }
    };
    document.kind = InputKind::Html;
    document.locale = lang.as_deref().and_then(variant::kept);
    document
}

#[derive(Default)]
struct State {
    text: String,
    /// Open hidden elements (their names), innermost last.
    hidden: Vec<String>,
    lang: Option<String>,
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

impl State {
    fn paragraph_break(&mut self) {
        let trimmed = self.text.trim_end_matches([' ', '\t']).len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push_str(if self.text.ends_with('\n') { "\n" } else { "\n\n" });
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == StartTag {
                    let lang = tag.attrs.iter().find(|a| &*a.name.local == "lang").map(|a| a.value.to_string());
                    if let Some(lang) = lang.filter(|l| state.lang.is_none() && variant::is_chinese(l)) {
                        state.lang = Some(lang);
                    }
                    // `hidden` or an inline `display:none` hides an element as surely as a
                    // script tag does.
                    let hidden_attr = tag.attrs.iter().any(|a| {
                        &*a.name.local == "hidden"
                            || &*a.name.local == "style"
                                && a.value.replace(' ', "").to_lowercase().contains("display:none")
                    });
                    if BLOCKS.contains(&name.as_str()) {
                        state.paragraph_break();
                    }
                    let void =
                        tag.self_closing || matches!(name.as_str(), "br" | "hr" | "img" | "input" | "meta" | "link");
                    if (HIDDEN.contains(&name.as_str()) || hidden_attr || !state.hidden.is_empty()) && !void {
                        state.hidden.push(name.clone());
                    }
                    // The tokenizer alone does not know which elements hold raw text; the tree
                    // builder would tell it, so the sink does.
                    return match name.as_str() {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    };
                }
                if tag.kind == EndTag {
                    if let Some(at) = state.hidden.iter().rposition(|n| *n == name) {
                        state.hidden.truncate(at);
                    }
                    if BLOCKS.contains(&name.as_str()) {
                        state.paragraph_break();
                    }
                }
            }
            CharacterTokens(text) if state.hidden.is_empty() => {
                // Source line breaks inside a paragraph are layout, not paragraph breaks.
                for c in text.chars() {
                    let c = if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c };
                    if c == ' ' && (state.text.is_empty() || state.text.ends_with([' ', '\n'])) {
                        continue;
                    }
                    state.text.push(c);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_text_is_kept_with_blocks_as_paragraphs() {
        let html = r#"<!DOCTYPE html><html lang="zh-Hant"><head><title>標題</title><style>p.zh { color: red }</style>
<script>if (a < b && c) { document.write("<p class='zh'>腳本</p>"); }</script></head>
<body><div class="nav">首頁 | 關於</div><p class="zh">蜂蜜&amp;蜂蠟的<b>採收</b>
季節</p><!-- 註解 --><p hidden>隱藏段落</p><ul><li>蜂箱</li><li style="display: none">不見</li></ul></body></html>"#;
        let (text, lang) = visible_text(html);
        assert_eq!(text.trim_end(), "首頁 | 關於\n\n蜂蜜&蜂蠟的採收 季節\n\n蜂箱");
        assert_eq!(lang.as_deref(), Some("zh-Hant"));
    }

    #[test]
    fn an_interleaved_page_is_read_as_bilingual() {
        let html = "<html><body><p>Beekeepers inspect every hive for mites before the winter comes.</p>\
<p>养蜂人在冬天到来之前检查每个蜂箱里是否有螨虫。</p>\
<p>Healthy colonies store enough honey to survive the cold months.</p>\
<p>健康的蜂群会储存足够的蜂蜜来度过寒冷的几个月。</p></body></html>";
        let doc = read("bees.html".into(), html);
        assert_eq!(doc.kind, InputKind::Html);
        assert_eq!(doc.zh_blocks.len(), 2);
        assert_eq!(doc.en_blocks.len(), 2);
        assert!(!doc.zh.contains('<') && !doc.en.contains('<'));
    }
}
