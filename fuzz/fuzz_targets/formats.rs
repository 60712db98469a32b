//! The readers of the translators' formats on arbitrary input: XLIFF (1.2, 2.0, SDLXLIFF,
//! MQXLIFF), HTML, TMX with a chosen Chinese locale, and DOCX from raw bytes (a ZIP archive
//! or not). The first byte picks the reader; spans must slice the text they point into.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zhterm::corpus::{detect_kind, parse, parse_docx, parse_with, Document, InputKind};

fn check(document: &Document) {
    for span in &document.zh_blocks {
        assert!(document.zh.get(span.clone()).is_some(), "zh span {span:?} out of the text");
    }
    for span in &document.en_blocks {
        assert!(document.en.get(span.clone()).is_some(), "en span {span:?} out of the text");
    }
    if document.aligned {
        assert_eq!(document.zh_blocks.len(), document.en_blocks.len());
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, rest)) = bytes.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let document = match selector % 6 {
        0 => parse(Path::new("f.xlf"), &text, InputKind::Xliff),
        1 => parse(Path::new("f.html"), &text, InputKind::Html),
        2 => parse_with(Path::new("f.tmx"), &text, InputKind::Tmx, Some("zh-TW")),
        3 => parse_docx(Path::new("f.docx"), rest),
        4 => detect_kind(Path::new("f"), &text).and_then(|kind| parse(Path::new("f"), &text, kind)),
        _ => parse(Path::new("f.sdlxliff"), &text, InputKind::Xliff),
    };
    if let Ok(document) = document {
        check(&document);
    }
});
