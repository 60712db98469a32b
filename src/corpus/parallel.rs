//! Readers for already-aligned material: line-aligned `.zh`/`.en` files, `zh<TAB>en` TSV and
//! TMX 1.4. Each yields a document whose blocks are segment pairs.

use super::normalize::{normalize_en, normalize_zh, normalize_zh_segment};
use super::{variant, Document, InputKind};
use crate::error::{Error, Result};
use quick_xml::events::Event;
use std::borrow::Cow;
use std::path::Path;

/// Collects segment pairs into one aligned document.
#[derive(Default)]
pub(super) struct PairBuilder<'a> {
    pairs: NormalisedPairs,
    /// Pairs pushed but not yet normalised: normalisation runs on all cores, a batch at a
    /// time (a million-pair memory spent seconds in it on one). Borrowed from the file's text
    /// where the reader can: copying every segment first kept the other core waiting.
    pending: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// The Chinese tag of the file, when it names one.
    pub(super) locale: Option<String>,
}

/// Normalised segment pairs, each segment followed by a line break, and their spans: a
/// document's text as [`PairBuilder`] builds it, or the part of it one core read of a file
/// read on several ([`PairBuilder::append`] joins them in order).
#[derive(Default)]
pub(super) struct NormalisedPairs {
    zh: String,
    en: String,
    zh_blocks: Vec<super::Span>,
    en_blocks: Vec<super::Span>,
}

impl NormalisedPairs {
    /// Normalises a pair and appends it.
    pub(super) fn push(&mut self, zh: &str, en: &str) {
        self.push_normalised(&normalize_zh_segment(zh), &normalize_en(en));
    }

    fn push_normalised(&mut self, zh: &str, en: &str) {
        let start = self.zh.len();
        self.zh.push_str(zh);
        self.zh_blocks.push(start..self.zh.len());
        self.zh.push('\n');
        let start = self.en.len();
        self.en.push_str(en);
        self.en_blocks.push(start..self.en.len());
        self.en.push('\n');
    }
}

/// Pairs normalised together: enough to share out, few enough to keep the copies small.
const BATCH: usize = 32_768;

impl<'a> PairBuilder<'a> {
    pub(super) fn push(&mut self, zh: &str, en: &str) {
        self.push_borrowed(Cow::Owned(zh.to_string()), Cow::Owned(en.to_string()));
    }

    /// [`PairBuilder::push`] of text that outlives the builder (or already owned).
    pub(super) fn push_borrowed(&mut self, zh: Cow<'a, str>, en: Cow<'a, str>) {
        self.pending.push((zh, en));
        if self.pending.len() == BATCH {
            self.flush();
        }
    }

    /// Normalises the pending pairs and appends them, in the order pushed.
    fn flush(&mut self) {
        use rayon::prelude::*;
        let normalised: Vec<(String, String)> =
            self.pending.par_drain(..).map(|(zh, en)| (normalize_zh_segment(&zh), normalize_en(&en))).collect();
        for (zh, en) in normalised {
            self.pairs.push_normalised(&zh, &en);
        }
    }

    /// Appends each of `parts` (normalised elsewhere, on other cores), in order, after the
    /// pairs pushed before; the text is copied once, into room reserved for all of it.
    pub(super) fn append(&mut self, parts: Vec<NormalisedPairs>) {
        self.flush();
        let ours = &mut self.pairs;
        ours.zh.reserve(parts.iter().map(|p| p.zh.len()).sum());
        ours.en.reserve(parts.iter().map(|p| p.en.len()).sum());
        for part in parts {
            let (zh_offset, en_offset) = (ours.zh.len(), ours.en.len());
            ours.zh.push_str(&part.zh);
            ours.en.push_str(&part.en);
            ours.zh_blocks.extend(part.zh_blocks.into_iter().map(|b| b.start + zh_offset..b.end + zh_offset));
            ours.en_blocks.extend(part.en_blocks.into_iter().map(|b| b.start + en_offset..b.end + en_offset));
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.pairs.zh_blocks.is_empty() && self.pending.is_empty()
    }

    pub(super) fn finish(mut self, path: &Path, kind: InputKind) -> Document {
        self.flush();
        let NormalisedPairs { zh, en, zh_blocks, en_blocks } = self.pairs;
        Document {
            name: path.display().to_string(),
            kind,
            zh,
            en,
            zh_blocks,
            en_blocks,
            aligned: true,
            locale: self.locale,
        }
    }
}

pub fn read_line_pairs(zh_path: &Path, zh: &str, en_path: &Path, en: &str) -> Result<Document> {
    let zh_lines: Vec<&str> = zh.lines().collect();
    let en_lines: Vec<&str> = en.lines().collect();
    if zh_lines.len() != en_lines.len() {
        return Err(Error::Input {
            path: zh_path.to_path_buf(),
            message: format!(
                "{} lines, but {} has {} lines; line-aligned pairs need equal counts (--allow-mismatch aligns them as documents)",
                zh_lines.len(),
                en_path.display(),
                en_lines.len()
            ),
        });
    }
    let mut builder = PairBuilder::default();
    for (zh, en) in zh_lines.iter().zip(&en_lines) {
        builder.push_borrowed((*zh).into(), (*en).into());
    }
    Ok(builder.finish(zh_path, InputKind::LinePairs))
}

/// Line files whose counts differ: one bilingual document whose Chinese and English line
/// streams the aligner pairs, as it does for interleaved bilingual text.
pub fn read_unaligned_pairs(zh_path: &Path, zh: &str, en: &str) -> Document {
    let zh = normalize_zh(zh, false);
    let en: String = en.lines().map(|line| normalize_en(line) + "\n").collect();
    Document {
        name: zh_path.display().to_string(),
        kind: InputKind::LinePairs,
        zh_blocks: super::line_spans(&zh),
        en_blocks: super::line_spans(&en),
        zh,
        en,
        aligned: false,
        locale: None,
    }
}

/// `zh,en` a row, as spreadsheets and CAT tools export term lists: RFC 4180 quoting, an
/// optional header row, further columns ignored.
pub fn read_csv(path: &Path, text: &str) -> Result<Document> {
    let malformed = |line: usize, message: String| Error::Malformed { path: path.to_path_buf(), line, message };
    // Quotes come in pairs (an escaped quote is doubled), so an odd count means one was
    // never closed, which the csv crate would silently run to the end of the file.
    if text.matches('"').count() % 2 == 1 {
        let at = text.rfind('"').unwrap_or_default();
        let line = text[..at].matches('\n').count() + 1;
        return Err(malformed(line, "malformed CSV: a quote is never closed".into()));
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut builder = PairBuilder::default();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            malformed(line, format!("malformed CSV: {e}"))
        })?;
        let line = record.position().map_or(index + 1, |p| p.line() as usize);
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let (Some(zh), Some(en)) = (record.get(0), record.get(1)) else {
            return Err(malformed(line, "one column: expected `zh,en`".into()));
        };
        let is_header = index == 0 && !zh.chars().any(super::is_han);
        if !is_header {
            builder.push(zh, en);
        }
    }
    Ok(builder.finish(path, InputKind::Tsv))
}

/// Reads the zh and en variants of each `<tu>`; inline markup inside `<seg>` (`bpt`, `ph`…)
/// holds native codes, not text, and is skipped. A unit with several Chinese variants
/// (zh-CN and zh-TW) gives the one of `zh_locale`, by default the locale most of the file's
/// Chinese variants carry, never their concatenation; a unit without that locale gives its
/// first Chinese variant. Of several English variants the first is read.
pub fn read_tmx(path: &Path, text: &str, zh_locale: Option<&str>) -> Result<Document> {
    let mut reader = quick_xml::Reader::from_str(text);
    // Each unit's variants, (language, text), in file order.
    let mut units: Vec<Vec<(String, String)>> = Vec::new();
    let mut variants: Vec<(String, String)> = Vec::new();
    let mut in_seg = false;
    let mut code_depth = 0usize;
    let mut open = Vec::new();
    let malformed = |offset: u64, message: String| {
        let (line, column) = line_and_column(text, offset as usize);
        Error::Syntax { path: path.to_path_buf(), line, column, message: format!("malformed TMX: {message}") }
    };
    loop {
        let event = reader.read_event().map_err(|e| malformed(reader.error_position(), e.to_string()))?;
        match &event {
            Event::Start(e) => open.push(e.local_name().as_ref().to_string()),
            Event::End(_) => {
                open.pop();
            }
            Event::Eof if !open.is_empty() => {
                let inside = open.iter().map(|name| format!("<{name}>")).collect::<Vec<_>>().join(" ");
                return Err(malformed(reader.buffer_position(), format!("ends inside {inside} (cut off?)")));
            }
            _ => {}
        }
        let buffer = variants.last_mut().map(|(_, text)| text).filter(|_| in_seg && code_depth == 0);
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "tu" => variants.clear(),
                "tuv" => {
                    let lang = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "lang")
                        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                        .map(|v| v.to_string())
                        .unwrap_or_default();
                    variants.push((lang, String::new()));
                }
                "seg" => in_seg = true,
                "bpt" | "ept" | "ph" | "it" | "ut" if in_seg => code_depth += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "seg" => in_seg = false,
                "bpt" | "ept" | "ph" | "it" | "ut" if in_seg => code_depth = code_depth.saturating_sub(1),
                "tu" => units.push(std::mem::take(&mut variants)),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(buffer) = buffer {
                    buffer.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(buffer) = buffer {
                    buffer.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) if buffer.is_some() => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| malformed(reader.buffer_position(), format!("unknown entity &{};", &*r)))?
                        .to_string(),
                };
                if let Some(buffer) = variants.last_mut() {
                    buffer.1.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let chinese = |lang: &str| variant::is_chinese(lang);
    let locale = variant::choose(units.iter().flatten().map(|(l, _)| l.as_str()).filter(|l| chinese(l)), zh_locale);
    let mut builder = PairBuilder { locale: locale.as_deref().and_then(variant::kept), ..PairBuilder::default() };
    for unit in &units {
        let mut zh_variants = unit.iter().filter(|(l, t)| chinese(l) && !t.trim().is_empty());
        let first = zh_variants.clone().next();
        let zh = zh_variants.find(|(l, _)| variant::canonical(l) == locale).or(first);
        let en = unit.iter().find(|(l, t)| l.to_ascii_lowercase().starts_with("en") && !t.trim().is_empty());
        if let Some((_, zh)) = zh {
            builder.push(zh, en.map_or("", |(_, t)| t.as_str()));
        }
    }
    if builder.is_empty() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "TMX holds no translation unit with a Chinese variant".into(),
        });
    }
    Ok(builder.finish(path, InputKind::Tmx))
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub(super) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = before[line_start..].iter().filter(|&&b| b & 0xc0 != 0x80).count();
    (before.iter().filter(|&&b| b == b'\n').count() + 1, column + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmx_variants_are_paired_and_inline_codes_skipped() {
        let tmx = r#"<?xml version="1.0"?><tmx version="1.4"><header/><body>
<tu><tuv xml:lang="zh-CN"><seg>智能电网&amp;<ph>{1}</ph>合作</seg></tuv><tuv xml:lang="en-US"><seg>Smart grid &amp; cooperation</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="zh"><seg>你好</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>
</body></tmx>"#;
        let doc = read_tmx(Path::new("t.tmx"), tmx, None).unwrap();
        let zh: Vec<_> = doc.zh_blocks.iter().map(|s| &doc.zh[s.clone()]).collect();
        let en: Vec<_> = doc.en_blocks.iter().map(|s| &doc.en[s.clone()]).collect();
        assert_eq!(zh, ["智能电网&合作", "你好"]);
        assert_eq!(en, ["Smart grid & cooperation", "Hello"]);
    }

    #[test]
    fn a_unit_with_two_chinese_locales_gives_one_of_them() {
        let tmx = r#"<tmx version="1.4"><body>
<tu><tuv xml:lang="zh-CN"><seg>数据库</seg></tuv><tuv xml:lang="zh-TW"><seg>資料庫</seg></tuv><tuv xml:lang="en-US"><seg>database</seg></tuv><tuv xml:lang="en-GB"><seg>data base</seg></tuv></tu>
<tu><tuv xml:lang="zh-TW"><seg>軟體</seg></tuv><tuv xml:lang="en"><seg>software</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>硬件</seg></tuv><tuv xml:lang="en"><seg>hardware</seg></tuv></tu>
<tu><tuv xml:lang="zh-TW"><seg>網路</seg></tuv><tuv xml:lang="en"><seg>network</seg></tuv></tu>
</body></tmx>"#;
        let blocks =
            |doc: &Document| -> Vec<String> { doc.zh_blocks.iter().map(|s| doc.zh[s.clone()].to_string()).collect() };
        let doc = read_tmx(Path::new("t.tmx"), tmx, None).unwrap();
        assert_eq!(doc.locale.as_deref(), Some("zh-TW"));
        assert_eq!(blocks(&doc), ["資料庫", "軟體", "硬件", "網路"]);
        assert_eq!(&doc.en[doc.en_blocks[0].clone()], "database");
        let doc = read_tmx(Path::new("t.tmx"), tmx, Some("zh-cn")).unwrap();
        assert_eq!(doc.locale, None);
        assert_eq!(blocks(&doc), ["数据库", "軟體", "硬件", "網路"]);
    }

    #[test]
    fn a_cut_off_tmx_is_refused_with_where_it_ends() {
        let tmx = "<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"zh\"><seg>你好</seg></tuv></tu>\n<tu>";
        let err = read_tmx(Path::new("t.tmx"), tmx, None).unwrap_err();
        assert_eq!(err.to_string(), "t.tmx:3:5: malformed TMX: ends inside <tmx> <body> <tu> (cut off?)");
        let err = read_tmx(Path::new("t.tmx"), "<tmx><body>\n  <tu></tuv></tu></body></tmx>", None).unwrap_err();
        assert!(err.to_string().starts_with("t.tmx:2:7: malformed TMX:"), "{err}");
    }

    #[test]
    fn csv_rows_pair_up_and_a_bad_quote_names_its_line() {
        let doc =
            read_csv(Path::new("t.csv"), "zh,en\n专利许可,\"patent licensing, exclusive\"\n\n商标,trademark,extra\n")
                .unwrap();
        let en: Vec<_> = doc.en_blocks.iter().map(|s| &doc.en[s.clone()]).collect();
        assert_eq!(en, ["patent licensing, exclusive", "trademark"]);
        let err = read_csv(Path::new("t.csv"), "专利,patent\n商标,\"trademark\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2: malformed CSV: a quote is never closed");
        let err = read_csv(Path::new("t.csv"), "专利,patent\n商标\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2: one column: expected `zh,en`");
    }

    #[test]
    fn line_pairs_of_different_lengths_are_refused() {
        let err = read_line_pairs(Path::new("a.zh"), "一\n二\n", Path::new("a.en"), "one\n").unwrap_err();
        assert!(err.to_string().contains("2 lines"), "{err}");
    }
}
