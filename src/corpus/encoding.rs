//! From a file's bytes to text: byte-order marks (UTF-8, UTF-16 LE/BE), strict UTF-8, a
//! detector for legacy encodings (GBK/GB18030, Big5 …, by `chardetng`), and a refusal of
//! files that are not text at all (a PDF renamed `.txt`, an image, an archive).
//!
//! Control characters are not text: C0/C1 controls become spaces (form and line feeds
//! become line breaks), so a stray NUL never glues two words into one term.

use crate::error::{Error, Result};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::path::Path;

/// How much of a file is sampled for the binary check.
const SAMPLE: usize = 64 * 1024;
/// Share of control bytes above which a file is taken as binary: text has a handful at
/// most, random bytes have about one in nine.
const MAX_CONTROL_SHARE: f64 = 0.05;
/// … and at least this many: a few stray NULs in a short note do not make it binary.
const MIN_CONTROLS: usize = 8;
/// A UTF-8 file with at most this share of bad sequences (among its valid non-ASCII
/// characters; one is always allowed) is UTF-8 with damage (a cut download), not a legacy
/// encoding.
const MAX_DAMAGED_SHARE: f64 = 0.01;

/// How a file was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charset {
    pub encoding: &'static Encoding,
    /// The file started with a byte-order mark.
    pub bom: bool,
    /// Malformed sequences replaced by U+FFFD (lone UTF-16 surrogates, a cut-off character).
    pub replaced: usize,
}

impl Charset {
    /// The encoding's name as users know it: `UTF-8 with BOM`, `GBK`, `UTF-16LE`.
    pub fn describe(&self) -> String {
        let mut name = self.encoding.name().to_string();
        if name == "gb18030" {
            name = "GB18030".into();
        }
        if self.bom && self.encoding == UTF_8 {
            name.push_str(" with BOM");
        }
        if self.replaced > 0 {
            name.push_str(&format!(" ({} malformed sequences replaced)", self.replaced));
        }
        name
    }
}

/// Decodes `bytes` read from `path`. `forced` skips detection and must decode without error.
pub fn decode(path: &Path, bytes: &[u8], forced: Option<&'static Encoding>) -> Result<(String, Charset)> {
    let (text, charset) = detect_and_decode(path, bytes, forced)?;
    Ok((clean(text), charset))
}

/// [`decode`], taking the bytes: valid UTF-8 without a BOM, the common case, becomes the
/// text without a copy (a large memory's file is hundreds of megabytes, and the copy beside
/// the bytes doubled reading's peak memory).
pub fn decode_owned(path: &Path, bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Result<(String, Charset)> {
    if forced.is_some() || Encoding::for_bom(&bytes).is_some() {
        return decode(path, &bytes, forced);
    }
    // Validated once: a large memory is hundreds of megabytes.
    match String::from_utf8(bytes) {
        Ok(text) => {
            refuse_binary(path, text.as_bytes())?;
            Ok((clean(text), Charset { encoding: UTF_8, bom: false, replaced: 0 }))
        }
        Err(error) => decode(path, error.as_bytes(), forced),
    }
}

fn detect_and_decode(path: &Path, bytes: &[u8], forced: Option<&'static Encoding>) -> Result<(String, Charset)> {
    let plain = |encoding, bom| Charset { encoding, bom, replaced: 0 };
    if let Some(encoding) = forced {
        let (body, bom) = match Encoding::for_bom(bytes) {
            Some((found, length)) if found == encoding => (&bytes[length..], true),
            _ => (bytes, false),
        };
        let text = strict(encoding, body).map_err(|offset| Error::Encoding {
            path: path.to_path_buf(),
            encoding: encoding.name().into(),
            offset: offset + (bytes.len() - body.len()),
        })?;
        return Ok((text, plain(encoding, bom)));
    }
    if let Some((encoding, length)) = Encoding::for_bom(bytes) {
        let body = &bytes[length..];
        if encoding == UTF_8 {
            refuse_binary(path, body)?;
        }
        return Ok(lenient(encoding, body, true));
    }
    refuse_binary(path, bytes)?;
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), plain(UTF_8, false))),
        Err(error) => error,
    };
    let (text, charset) = lenient(UTF_8, bytes, false);
    let valid_non_ascii = text.chars().filter(|c| !c.is_ascii()).count() - charset.replaced;
    if valid_non_ascii > 0 && charset.replaced as f64 <= (valid_non_ascii as f64 * MAX_DAMAGED_SHARE).max(1.0) {
        return Ok((text, charset));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    match strict(guess, bytes) {
        Ok(text) => Ok((text, plain(guess, false))),
        Err(_) => {
            Err(Error::Encoding { path: path.to_path_buf(), encoding: "UTF-8".into(), offset: error.valid_up_to() })
        }
    }
}

/// Decodes without replacement; the error is the byte offset of the first malformed sequence.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut read = 0;
    loop {
        let (result, consumed) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
            DecoderResult::Malformed(bad, extra) => return Err(read - bad as usize - extra as usize),
        }
    }
}

/// Decodes with U+FFFD for malformed sequences, counting them.
fn lenient(encoding: &'static Encoding, body: &[u8], bom: bool) -> (String, Charset) {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    // U+FFFD that the file itself holds is text, not a replacement.
    let original: &[u8] = match encoding {
        e if e == UTF_16LE => &[0xfd, 0xff],
        e if e == UTF_16BE => &[0xff, 0xfd],
        _ => "\u{fffd}".as_bytes(),
    };
    let replaced = if had_errors {
        let held = body.windows(original.len()).filter(|w| *w == original).count();
        text.matches('\u{fffd}').count().saturating_sub(held)
    } else {
        0
    };
    (text.into_owned(), Charset { encoding, bom, replaced })
}

/// Refuses files that announce a binary format or are thick with control bytes.
fn refuse_binary(path: &Path, bytes: &[u8]) -> Result<()> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document; convert it to text first (`pdftotext -layout FILE.pdf`, or save it as text or DOCX from a PDF reader) and build from that"),
        (b"PK\x03\x04", "a ZIP archive (zhterm reads DOCX, not other archives or XLSX)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "an executable"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"{\\rtf", "an RTF document"),
    ];
    let binary = |what: String| Error::Input { path: path.to_path_buf(), message: format!("not text but {what}") };
    if let Some((_, what)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(binary(what.to_string()));
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let controls = sample.iter().filter(|&&b| is_control_byte(b)).count();
    if controls >= MIN_CONTROLS && controls as f64 > sample.len() as f64 * MAX_CONTROL_SHARE {
        let odd_nuls = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        let half = sample.len() / 2;
        let what = if odd_nuls > half / 3 && even_nuls <= half / 20 {
            "binary data (UTF-16LE without a byte-order mark? try --encoding utf-16le)"
        } else if even_nuls > half / 3 && odd_nuls <= half / 20 {
            "binary data (UTF-16BE without a byte-order mark? try --encoding utf-16be)"
        } else {
            "binary data"
        };
        return Err(binary(what.to_string()));
    }
    Ok(())
}

fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f)
}

/// Whether UTF-8 `bytes` hold a control character other than a line break or a tab (C0,
/// DEL or C1, the characters `char::is_control` names), byte by byte on all cores: a large
/// memory's text was read a character at a time on one core while the other waited.
fn has_control(bytes: &[u8]) -> bool {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 20;
    (0..bytes.len().div_ceil(CHUNK)).into_par_iter().any(|chunk| {
        let start = chunk * CHUNK;
        bytes[start..(start + CHUNK).min(bytes.len())].iter().enumerate().any(|(k, &b)| match b {
            0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => true,
            // U+0080–U+009F, encoded 0xC2 0x80–0x9F.
            0xc2 => bytes.get(start + k + 1).is_some_and(|next| (0x80..=0x9f).contains(next)),
            _ => false,
        })
    })
}

/// Cleans decoded text: no leading BOM, controls become spaces, form feeds line breaks.
fn clean(text: String) -> String {
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let dirty = has_control(body.as_bytes());
    if !dirty && body.len() == text.len() {
        return text;
    }
    body.chars()
        .map(|c| match c {
            '\u{b}' | '\u{c}' | '\u{85}' => '\n',
            '\n' | '\r' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bytes_are_the_control_characters_but_breaks_and_tabs() {
        for c in (0..0x110000u32).filter_map(char::from_u32).filter(|c| (*c as u32) < 0x800) {
            let text = format!("甲{c}乙");
            let expected = c.is_control() && !matches!(c, '\n' | '\r' | '\t');
            assert_eq!(has_control(text.as_bytes()), expected, "U+{:04X}", c as u32);
        }
        assert!(!has_control("Ā¢ÿ".as_bytes()), "0xC2 / 0xC3 leads of printing characters");
    }

    #[derive(Debug)]
    struct Decoded {
        text: String,
        charset: Charset,
    }

    fn auto(bytes: &[u8]) -> Result<Decoded> {
        decode(Path::new("f.txt"), bytes, None).map(|(text, charset)| Decoded { text, charset })
    }

    const SAMPLE_TEXT: &str = "国家药品监督管理局发布药品注册管理办法，规范临床试验。";

    #[test]
    fn decoding_owned_bytes_gives_what_decoding_borrowed_ones_gives() {
        let (gbk, _, _) = encoding_rs::GB18030.encode(SAMPLE_TEXT);
        let inputs: Vec<Vec<u8>> = vec![
            SAMPLE_TEXT.as_bytes().to_vec(),
            [b"\xef\xbb\xbf", SAMPLE_TEXT.as_bytes()].concat(),
            format!("{SAMPLE_TEXT}\u{c}第二行\u{7}").into_bytes(),
            gbk.into_owned(),
            b"\x00\x01\x02binary".to_vec(),
        ];
        for bytes in inputs {
            for forced in [None, Some(UTF_8), Some(encoding_rs::GB18030)] {
                let path = Path::new("f.txt");
                let borrowed = decode(path, &bytes, forced).map(|(t, c)| (t, c.describe()));
                let owned = decode_owned(path, bytes.clone(), forced).map(|(t, c)| (t, c.describe()));
                assert_eq!(format!("{borrowed:?}"), format!("{owned:?}"), "{bytes:?} {forced:?}");
            }
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = auto(SAMPLE_TEXT.as_bytes()).unwrap();
        assert_eq!((plain.text.as_str(), plain.charset.describe().as_str()), (SAMPLE_TEXT, "UTF-8"));
        let with_bom = auto(&[b"\xef\xbb\xbf", SAMPLE_TEXT.as_bytes()].concat()).unwrap();
        assert_eq!((with_bom.text.as_str(), with_bom.charset.describe().as_str()), (SAMPLE_TEXT, "UTF-8 with BOM"));
    }

    #[test]
    fn utf16_by_byte_order_mark() {
        for (encoding, bom) in [(UTF_16LE, [0xff, 0xfe]), (UTF_16BE, [0xfe, 0xff])] {
            let units: Vec<u8> = SAMPLE_TEXT
                .encode_utf16()
                .flat_map(|u| if encoding == UTF_16LE { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            let decoded = auto(&[&bom[..], &units].concat()).unwrap();
            assert_eq!(decoded.text, SAMPLE_TEXT);
            assert_eq!(decoded.charset.encoding, encoding);
        }
    }

    #[test]
    fn a_lone_surrogate_is_replaced_and_counted() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("甲".encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend([0x00, 0xd8]); // a high surrogate with no low one after it
        bytes.extend("乙".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = auto(&bytes).unwrap();
        assert_eq!(decoded.text, "甲\u{fffd}乙");
        assert_eq!(decoded.charset.replaced, 1);
    }

    #[test]
    fn gbk_and_big5_are_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE_TEXT);
        let decoded = auto(&gbk).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.charset.describe().as_str()), (SAMPLE_TEXT, "GBK"));
        let traditional = "國家藥品監督管理局發布藥品註冊管理辦法，規範臨床試驗。";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let decoded = auto(&big5).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.charset.describe().as_str()), (traditional, "Big5"));
    }

    #[test]
    fn a_forced_encoding_that_does_not_fit_names_the_byte() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE_TEXT);
        let err = decode(Path::new("f.txt"), &gbk, Some(UTF_8)).unwrap_err();
        assert_eq!(err.to_string(), "f.txt: not valid UTF-8 text (byte 0 is malformed); see --encoding");
        let (forced, _) = decode(Path::new("f.txt"), &gbk, Some(encoding_rs::GB18030)).unwrap();
        assert_eq!(forced, SAMPLE_TEXT);
    }

    #[test]
    fn a_cut_off_last_character_is_damage_not_another_encoding() {
        let bytes = SAMPLE_TEXT.as_bytes();
        let decoded = auto(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(decoded.charset.encoding, UTF_8);
        assert_eq!(decoded.charset.replaced, 1);
        assert!(decoded.text.starts_with("国家药品"));
    }

    #[test]
    fn binary_files_are_refused_with_what_they_are() {
        let err = auto(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").unwrap_err();
        let err = err.to_string();
        assert!(
            err.starts_with("f.txt: not text but a PDF document; convert it") && err.contains("pdftotext"),
            "{err}"
        );
        let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(auto(&noise).unwrap_err().to_string().contains("binary data"));
        let utf16_without_bom: Vec<u8> = "plain ASCII text".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = auto(&utf16_without_bom).unwrap_err().to_string();
        assert!(err.contains("--encoding utf-16le"), "{err}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn text_survives_a_round_trip_through_every_encoding(text in "[\\PC\n\t]{0,60}") {
            let expected = clean(text.clone());
            let (gb, _, _) = encoding_rs::GB18030.encode(&text);
            let bytes = [
                (&b""[..], text.as_bytes().to_vec(), UTF_8),
                (&[0xff, 0xfe][..], text.encode_utf16().flat_map(u16::to_le_bytes).collect(), UTF_16LE),
                (&[0xfe, 0xff][..], text.encode_utf16().flat_map(u16::to_be_bytes).collect(), UTF_16BE),
                (&b""[..], gb.into_owned(), encoding_rs::GB18030),
            ];
            for (bom, body, encoding) in bytes {
                let file = [bom, &body].concat();
                let (forced, _) = decode(Path::new("f"), &file, Some(encoding)).unwrap();
                proptest::prop_assert_eq!(&forced, &expected);
                if !bom.is_empty() || encoding == UTF_8 {
                    if let Ok((detected, _)) = decode(Path::new("f"), &file, None) {
                        proptest::prop_assert_eq!(&detected, &expected);
                    }
                }
            }
        }
    }

    #[test]
    fn stray_control_characters_become_spaces() {
        let decoded = auto("数据\0安全\u{c}标准\u{7}".as_bytes()).unwrap();
        assert_eq!(decoded.text, "数据 安全\n标准 ");
    }
}
