//! Reading the corpus: every input kind becomes a [`Document`] — normalised Chinese text, the
//! English text if any, and the blocks (paragraphs or segments) of each as byte spans.
//!
//! Spans of every later stage point into `Document::zh` / `Document::en`, never into the raw
//! file, so `&doc.zh[span]` is always the term the span names.

mod bilingual;
mod detect;
mod docx;
pub mod encoding;
mod html;
pub mod normalize;
mod parallel;
mod repeats;
mod tsv;
pub mod variant;
mod walk;
mod xliff;

use crate::error::{Error, Result};
pub use encoding::Charset;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use bilingual::english_paragraphs;
pub use detect::detect_kind;
pub(crate) use repeats::{add_counts, shard_of, string_hash};
pub use repeats::{first_equal, Distinct};

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
    /// `zh<TAB>en` a line (`zh,en` with CSV quoting in a `.csv` file).
    Tsv,
    /// TMX 1.4 translation memory.
    Tmx,
    /// XLIFF 1.2 or 2.0 bilingual file, SDLXLIFF (Trados) and MQXLIFF (memoQ) included.
    Xliff,
    /// An HTML page: its visible text, then read as plain or bilingual text.
    Html,
    /// A Word document: its body text, or its Chinese/English table as segment pairs.
    Docx,
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
    /// The Chinese language tag the file gives or its script shows (`zh-TW`, `zh-Hant`…);
    /// `None` for Simplified text that names none, written as `zh-CN`.
    pub locale: Option<String>,
}

impl Document {
    /// A Chinese-only document from normalised text, one block a line.
    pub fn monolingual(name: String, kind: InputKind, zh: String) -> Self {
        let zh_blocks = line_spans(&zh);
        Document { name, kind, zh, en: String::new(), zh_blocks, en_blocks: Vec::new(), aligned: false, locale: None }
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

/// How [`load`] reads its inputs.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Read every file as this kind instead of detecting it.
    pub kind: Option<InputKind>,
    /// Decode every file with this encoding instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// A bad file inside a folder fails the load instead of being skipped.
    pub strict: bool,
    /// Line-aligned pairs of different lengths become one bilingual document whose streams
    /// the aligner pairs, instead of being refused.
    pub allow_mismatch: bool,
    /// Of a memory unit with several Chinese variants (zh-CN and zh-TW), read this locale's;
    /// by default the one most of the file's Chinese variants carry.
    pub zh_locale: Option<String>,
    /// Folders never read, wherever they turn up (the build's own output folder).
    pub exclude: Vec<PathBuf>,
}

/// What [`load`] read, what it skipped and why, and how each file was decoded.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub documents: Vec<Document>,
    /// Files found inside folders that could not be read (never filled with `strict`).
    pub skipped: Vec<(PathBuf, Error)>,
    /// Every file read, in reading order, with its encoding.
    pub encodings: Vec<(PathBuf, Charset)>,
    /// Things the user should know about a file that was read all the same.
    pub warnings: Vec<(PathBuf, String)>,
    /// Glossary folders (holding a `graph.json`, or the build's own output) found among the
    /// inputs and not read: a glossary is no corpus.
    pub glossaries: Vec<PathBuf>,
}

/// Reads files and folders (recursively, in sorted order) into documents.
///
/// A file named in `inputs` must read or the load fails; a bad file found inside a folder is
/// skipped and reported, unless `options.strict`. An `.en` file whose `.zh` twin is also an
/// input is consumed by the twin.
pub fn load(inputs: &[PathBuf], options: &LoadOptions) -> Result<LoadReport> {
    let mut report = LoadReport::default();
    let files = walk::collect(inputs, options, &mut report)?;
    for (path, &named) in &files {
        match read_file(path, &files, options, &mut report) {
            Ok(Some(document)) => report.documents.push(document),
            Ok(None) => {}
            Err(error) if named || options.strict => return Err(error),
            Err(error) => report.skipped.push((path.clone(), error)),
        }
    }
    if report.documents.is_empty() {
        let names: Vec<_> = inputs.iter().map(|p| p.display().to_string()).collect();
        let mut message = format!("no readable documents in {}", names.join(", "));
        if let Some((path, error)) = report.skipped.first() {
            let first = error.to_string();
            let first = first.strip_prefix(&format!("{}: ", path.display())).unwrap_or(&first).to_string();
            message.push_str(&format!(" ({} skipped; first: {}: {first})", report.skipped.len(), path.display()));
        } else if let Some(glossary) = report.glossaries.first() {
            message.push_str(&format!(" ({} is a glossary folder, not a corpus)", glossary.display()));
        } else if files.is_empty() {
            message.push_str(" (no files)");
        }
        return Err(Error::NoInput(message));
    }
    Ok(report)
}

/// Reads one file into a document; `None` for the `.en` half its `.zh` twin reads.
fn read_file(
    path: &Path,
    files: &BTreeMap<PathBuf, bool>,
    options: &LoadOptions,
    report: &mut LoadReport,
) -> Result<Option<Document>> {
    let read_bytes = |path: &Path| -> Result<Vec<u8>> {
        // A device or pipe (/dev/zero) would be read for ever.
        if !std::fs::metadata(path).map_err(|e| Error::io(path, e))?.is_file() {
            return Err(Error::Input { path: path.to_path_buf(), message: "not a regular file".into() });
        }
        std::fs::read(path).map_err(|e| Error::io(path, e))
    };
    let mut big5 = false;
    let mut decode = |path: &Path, bytes: Vec<u8>| -> Result<String> {
        let (text, charset) = encoding::decode_owned(path, bytes, options.encoding)?;
        if text.trim().is_empty() {
            return Err(Error::Input { path: path.to_path_buf(), message: "empty: no text to read".into() });
        }
        if charset.replaced > 0 {
            let message = format!("{} malformed {} sequences replaced", charset.replaced, charset.encoding.name());
            report.warnings.push((path.to_path_buf(), message));
        }
        big5 |= charset.encoding == encoding_rs::BIG5;
        report.encodings.push((path.to_path_buf(), charset));
        Ok(text)
    };
    let twin = |ext: &str| path.with_extension(ext);
    let pair_member =
        has_extension(path, "zh") && twin("en").exists() || has_extension(path, "en") && twin("zh").exists();
    let kind = options.kind.or(pair_member.then_some(InputKind::LinePairs));
    if kind == Some(InputKind::LinePairs) && has_extension(path, "en") {
        if files.contains_key(&twin("zh")) {
            return Ok(None);
        }
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "English half of a line-aligned pair without its .zh file".into(),
        });
    }
    let bytes = read_bytes(path)?;
    // A DOCX is a ZIP archive, read from its bytes before any text decoding.
    if kind == Some(InputKind::Docx) || kind.is_none() && docx::is_docx(&bytes) {
        return Ok(Some(with_script_locale(parse_docx(path, &bytes)?, false)));
    }
    let text = decode(path, bytes)?;
    let kind = match kind {
        Some(kind) => kind,
        None => detect_kind(path, &text)?,
    };
    let document = if kind != InputKind::LinePairs {
        parse_with(path, &text, kind, options.zh_locale.as_deref())?
    } else {
        let en_path = twin("en");
        let en = decode(&en_path, read_bytes(&en_path)?)?;
        let (document, mismatch) = parse_line_pairs(path, &text, &en_path, &en, options.allow_mismatch)?;
        if let Some(message) = mismatch {
            report.warnings.push((path.to_path_buf(), message));
        }
        document
    };
    Ok(Some(with_script_locale(document, big5)))
}

/// A document whose file named no Chinese variant takes the one its encoding or script shows.
fn with_script_locale(mut document: Document, big5: bool) -> Document {
    if document.locale.is_none() {
        document.locale = variant::from_script(&document.zh, big5);
    }
    document
}

/// Reads the text of one file (already decoded) as `kind`. Line-aligned pairs need their two
/// texts: see [`parse_line_pairs`].
pub fn parse(path: &Path, text: &str, kind: InputKind) -> Result<Document> {
    parse_with(path, text, kind, None)
}

/// [`parse`], reading the `zh_locale` variant of memory units with several Chinese ones.
pub fn parse_with(path: &Path, text: &str, kind: InputKind, zh_locale: Option<&str>) -> Result<Document> {
    let name = path.display().to_string();
    let document = match kind {
        InputKind::Plain | InputKind::Segmented => {
            Document::monolingual(name, kind, normalize::normalize_zh(text, kind == InputKind::Segmented))
        }
        InputKind::Bilingual => bilingual::read(name, text),
        InputKind::Tsv if has_extension(path, "csv") => parallel::read_csv(path, text)?,
        InputKind::Tsv => tsv::read_tsv(path, text)?,
        InputKind::Tmx => parallel::read_tmx(path, text, zh_locale)?,
        InputKind::Xliff => xliff::read(path, text)?,
        InputKind::Html => html::read(name, text),
        InputKind::Docx => return Err(Error::Invalid(format!("{name}: a DOCX document is read from its bytes"))),
        InputKind::LinePairs => {
            return Err(Error::Invalid(format!("{name}: line-aligned pairs are read with their .en twin")))
        }
    };
    require_chinese(document)
}

/// Reads a DOCX file's bytes: its Chinese/English table as segment pairs, else its body text.
pub fn parse_docx(path: &Path, bytes: &[u8]) -> Result<Document> {
    require_chinese(docx::read(path, bytes)?)
}

/// Reads a `.zh` file and its `.en` twin line by line. Different line counts are refused,
/// unless `allow_mismatch`: then the two become one document for the aligner, and the
/// message to warn with is returned beside it.
pub fn parse_line_pairs(
    zh_path: &Path,
    zh: &str,
    en_path: &Path,
    en: &str,
    allow_mismatch: bool,
) -> Result<(Document, Option<String>)> {
    let (zh_lines, en_lines) = (zh.lines().count(), en.lines().count());
    if zh_lines != en_lines && allow_mismatch {
        let message = format!("{zh_lines} lines, but {} has {en_lines}: aligned as documents", en_path.display());
        return Ok((require_chinese(parallel::read_unaligned_pairs(zh_path, zh, en))?, Some(message)));
    }
    Ok((require_chinese(parallel::read_line_pairs(zh_path, zh, en_path, en)?)?, None))
}

fn require_chinese(document: Document) -> Result<Document> {
    if document.zh.chars().any(is_han) {
        Ok(document)
    } else {
        Err(Error::Input { path: PathBuf::from(&document.name), message: "no Chinese text".into() })
    }
}

/// Reads a file as text in the encoding it announces or that is detected.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(encoding::decode(path, &bytes, None)?.0)
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some(ext)
}

/// True for characters of the CJK ideograph blocks.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Whether every character of `short` is met in `text`, in order (a Chinese short form keeps
/// characters of its long form so: 上合组织 of 上海合作组织).
pub fn keeps_in_order(short: impl IntoIterator<Item = char>, text: impl IntoIterator<Item = char>) -> bool {
    let mut text = text.into_iter();
    short.into_iter().all(|c| text.any(|w| w == c))
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
    fn a_bad_file_in_a_folder_is_reported_not_printed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "国家标准化管理委员会发布标准。").unwrap();
        std::fs::write(dir.path().join("b.txt"), "%PDF-1.4").unwrap();
        let report = load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
        assert_eq!(report.documents.len(), 1);
        assert_eq!(report.encodings.len(), 1);
        let (path, error) = &report.skipped[0];
        assert!(
            path.ends_with("b.txt") && error.to_string().contains("b.txt: not text but a PDF document; convert it")
        );
        let strict = LoadOptions { strict: true, ..LoadOptions::default() };
        assert!(load(&[dir.path().to_path_buf()], &strict).is_err());
        let named = load(&[dir.path().join("b.txt")], &LoadOptions::default()).unwrap_err();
        assert!(named.to_string().contains("b.txt: not text but a PDF document; convert it"), "{named}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Every reader, on any text (markup-like and tabbed text included), either refuses
        /// it or yields blocks that slice its own text.
        #[test]
        fn readers_refuse_or_yield_spans_into_their_text(
            text in "([\\PC\t\n]|<tu>|<tuv xml:lang=\"zh\">|<seg>|</seg>|</tuv>|</tu>|&amp;|“|”|（|）|。|<file source-language=\"en\" target-language=\"zh\">|<trans-unit>|<source>|</source>|<target>|</target>|</trans-unit>|<mrk mtype=\"seg\" mid=\"1\">|</mrk>|<p>|</p>|<script>|\u{200b}|\u{a0}){0,80}",
        ) {
            for kind in [InputKind::Plain, InputKind::Segmented, InputKind::Bilingual, InputKind::Tsv, InputKind::Tmx, InputKind::Xliff, InputKind::Html] {
                if let Ok(doc) = parse(Path::new("f"), &text, kind) {
                    proptest::prop_assert!(doc.zh_blocks.iter().all(|s| doc.zh.get(s.clone()).is_some()));
                    proptest::prop_assert!(doc.en_blocks.iter().all(|s| doc.en.get(s.clone()).is_some()));
                }
            }
            let (zh, en) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
            for allow_mismatch in [false, true] {
                if let Ok((doc, _)) = parse_line_pairs(Path::new("f.zh"), zh, Path::new("f.en"), en, allow_mismatch) {
                    proptest::prop_assert!(doc.zh_blocks.iter().all(|s| doc.zh.get(s.clone()).is_some()));
                }
            }
        }
    }

    #[test]
    fn spans_slice_to_whole_terms_in_text_laced_with_invisible_characters() {
        let raw = "\u{feff}签署知情\u{200b}同意书。知情同意\u{ad}书由受试者保管。\n伦理\u{a0}委员会审查知情\u{2060}同意书。伦理委员会\u{200d}批准方案。";
        let doc = parse(Path::new("consent.txt"), raw, InputKind::Plain).unwrap();
        let docs = [doc];
        let candidates =
            crate::mine::mine(&docs, &mut crate::segment::Segmenter::new(), &crate::lexicon::Lexicon::new());
        assert!(
            candidates.iter().any(|c| c.term == "知情同意书"),
            "{:?}",
            candidates.iter().map(|c| &c.term).collect::<Vec<_>>()
        );
        for candidate in &candidates {
            assert!(!candidate.term.chars().any(normalize::is_invisible), "{:?}", candidate.term);
            for occurrence in &candidate.occurrences {
                assert_eq!(&docs[occurrence.doc()].zh[occurrence.span()], candidate.term);
            }
        }
    }

    #[test]
    fn han_ratio_counts_letters_only() {
        assert_eq!(han_ratio("上海 2020"), 1.0);
        assert_eq!(han_ratio("ab上海"), 0.5);
        assert_eq!(han_ratio("123"), 0.0);
    }
}
