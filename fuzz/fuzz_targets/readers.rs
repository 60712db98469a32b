//! Every reader on arbitrary text: the first byte picks the kind (or detection), the rest is
//! the file. Spans must slice the text they point into.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zhterm::corpus::{detect_kind, parse, parse_line_pairs, InputKind};

const KINDS: [InputKind; 5] =
    [InputKind::Plain, InputKind::Segmented, InputKind::Bilingual, InputKind::Tsv, InputKind::Tmx];

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, rest)) = bytes.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let document = match selector as usize % 8 {
        7 => parse(Path::new("f.csv"), &text, InputKind::Tsv),
        5 => {
            let (zh, en) = text.split_once('\u{1}').unwrap_or((&text, ""));
            parse_line_pairs(Path::new("f.zh"), zh, Path::new("f.en"), en, selector & 0x80 != 0).map(|(d, _)| d)
        }
        6 => detect_kind(Path::new("f.txt"), &text).and_then(|kind| parse(Path::new("f.txt"), &text, kind)),
        k => parse(Path::new("f.txt"), &text, KINDS[k]),
    };
    if let Ok(document) = document {
        for span in &document.zh_blocks {
            assert!(document.zh.get(span.clone()).is_some(), "zh span {span:?} out of the text");
        }
        for span in &document.en_blocks {
            assert!(document.en.get(span.clone()).is_some(), "en span {span:?} out of the text");
        }
    }
});
