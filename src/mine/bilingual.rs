//! Bilingual evidence of termhood. In a translation memory the English of each segment is
//! known, and a term is translated the same way wherever it occurs: one English word follows
//! it from segment to segment (缔约国 ↔ parties), and for a name that word is capitalised
//! inside the sentence (Council, Tian). A clause piece or a general word has no such partner.
//!
//! Only segments that are already aligned (TM inputs) are used: mining comes before sentence
//! alignment, and its features must not depend on it. English words are cut here with a
//! plain rule (letters, digits, hyphen), enough for counting.

use super::Candidate;
use crate::corpus::Document;
use crate::lexicon::is_english_function_word;
use rustc_hash::FxHashMap as HashMap;

/// At most this many segments of one candidate are read: past a few hundred, more say
/// nothing new about its translation, and a frequent term would cost time at scale.
const MAX_SEGMENTS: usize = 256;

/// The English side of the aligned segments, words interned.
pub struct EnglishSide {
    /// Per document, per block: distinct word ids, each with "capitalised inside the sentence".
    blocks: Vec<Vec<Vec<(u32, bool)>>>,
    /// In how many segments each word occurs.
    segments_with: Vec<u32>,
}

/// The two bilingual features of a candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Partner {
    /// Dice coefficient of the candidate with its best English partner word, over segments.
    pub dice: f64,
    /// Share of the segments holding both in which that word is capitalised mid-sentence.
    pub capitalised: f64,
}

impl EnglishSide {
    /// None when no document has aligned English segments.
    pub fn new(docs: &[Document]) -> Option<Self> {
        if !docs.iter().any(|d| d.aligned && !d.en_blocks.is_empty()) {
            return None;
        }
        use rayon::prelude::*;
        const BLOCK: usize = 32_768;
        let segments: Vec<(usize, &str)> = docs
            .iter()
            .enumerate()
            .filter(|(_, doc)| doc.aligned)
            .flat_map(|(d, doc)| doc.en_blocks.iter().map(move |span| (d, &doc.en[span.clone()])))
            .collect();
        // Words interned on all cores: each block of segments into a vocabulary of its own (in
        // first-seen order), joined to the whole in block order, so ids do not depend on the
        // number of threads.
        // Per block: its vocabulary, and each segment's words by their id in it.
        type Part = (Vec<String>, Vec<Vec<(u32, bool)>>);
        let parts: Vec<Part> = segments
            .par_chunks(BLOCK)
            .map(|block| {
                let mut ids: HashMap<String, u32> = HashMap::default();
                let mut vocabulary: Vec<String> = Vec::new();
                // By word id: the last segment (numbered from 1) that held the word, and where
                // in that segment's list it stands: a long segment's words are made distinct
                // in one pass, not by searching the list for each.
                let mut last_seen: Vec<(u32, u32)> = Vec::new();
                let words = (1..)
                    .zip(block)
                    .map(|(segment, (_, text))| {
                        let mut words: Vec<(u32, bool)> = Vec::new();
                        for_each_english_word(text, |word, capitalised| {
                            let id = match ids.get(word) {
                                Some(&id) => id,
                                None => {
                                    let id = vocabulary.len() as u32;
                                    vocabulary.push(word.to_string());
                                    ids.insert(word.to_string(), id);
                                    last_seen.push((0, 0));
                                    id
                                }
                            };
                            let seen = &mut last_seen[id as usize];
                            if seen.0 == segment {
                                words[seen.1 as usize].1 |= capitalised;
                            } else {
                                *seen = (segment, words.len() as u32);
                                words.push((id, capitalised));
                            }
                        });
                        words
                    })
                    .collect();
                (vocabulary, words)
            })
            .collect();
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut blocks: Vec<Vec<Vec<(u32, bool)>>> = vec![Vec::new(); docs.len()];
        let mut doc_of = segments.iter().map(|&(d, _)| d);
        for (vocabulary, mut words) in parts {
            let global: Vec<u32> = vocabulary
                .into_iter()
                .map(|word| {
                    let next = ids.len() as u32;
                    *ids.entry(word).or_insert(next)
                })
                .collect();
            words.par_iter_mut().flatten().for_each(|(id, _)| *id = global[*id as usize]);
            for words in words {
                blocks[doc_of.next().expect("one document per segment")].push(words);
            }
        }
        let mut segments_with = vec![0u32; ids.len()];
        for &(id, _) in blocks.iter().flatten().flatten() {
            segments_with[id as usize] += 1;
        }
        Some(EnglishSide { blocks, segments_with })
    }

    /// The candidate's best English partner word.
    pub fn partner(&self, candidate: &Candidate, docs: &[Document]) -> Partner {
        let mut segments: Vec<(usize, usize)> = Vec::new();
        for occurrence in &candidate.occurrences {
            let doc = &docs[occurrence.doc()];
            if !doc.aligned {
                continue;
            }
            let block = doc.zh_blocks.partition_point(|b| b.end <= occurrence.span().start);
            if block < doc.zh_blocks.len() && segments.last() != Some(&(occurrence.doc(), block)) {
                segments.push((occurrence.doc(), block));
                // Only the first segments are read: a frequent candidate's other occurrences
                // (a hundred thousand in a large memory) need no segment looked up.
                if segments.len() == MAX_SEGMENTS {
                    break;
                }
            }
        }
        if segments.len() < 2 {
            return Partner::default();
        }
        // Scaled to the sample: the partner's own count is scaled the same way below.
        let scale = candidate.occurrences.len().max(segments.len()) as f64 / segments.len() as f64;
        let mut together: HashMap<u32, (u32, u32)> = HashMap::default();
        for &(doc, block) in &segments {
            let Some(words) = self.blocks.get(doc).and_then(|b| b.get(block)) else { continue };
            for &(id, capitalised) in words {
                let entry = together.entry(id).or_default();
                entry.0 += 1;
                entry.1 += u32::from(capitalised);
            }
        }
        let n = segments.len() as f64 * scale;
        let best = together
            .into_iter()
            .map(|(id, (both, capitalised))| {
                let both_scaled = both as f64 * scale;
                let dice = 2.0 * both_scaled / (n + self.segments_with[id as usize] as f64);
                (dice, capitalised as f64 / both as f64, id)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.2.cmp(&a.2)));
        best.map_or(Partner::default(), |(dice, capitalised, _)| Partner { dice: dice.min(1.0), capitalised })
    }
}

/// Lower-cased content words of an English segment, each with whether it was capitalised
/// other than as the first word of a sentence.
#[cfg(test)]
fn english_words(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for_each_english_word(text, |word, capitalised| out.push((word.to_string(), capitalised)));
    out
}

/// Calls `each` with [`english_words`] one at a time, the word borrowed: the words are the
/// runs of letters, digits, hyphens and apostrophes, trimmed of hyphens and apostrophes, a
/// sentence ending at `.`, `!`, `?`, `:` or `;`. Read byte by byte, a character decoded only
/// where the text leaves ASCII: a memory's English is mostly ASCII, and this is asked of
/// every segment of it.
fn for_each_english_word(text: &str, mut each: impl FnMut(&str, bool)) {
    // Lower-cased into one buffer, copied only when new to the caller: most words of a
    // segment are function words, numbers or words seen before.
    let mut lower = String::new();
    let mut sentence_start = true;
    let mut piece_start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        let (in_word, ends_sentence, width) = match bytes.get(at) {
            None => (false, false, 0),
            Some(&b) if b.is_ascii() => {
                (b.is_ascii_alphanumeric() || b == b'-' || b == b'\'', matches!(b, b'.' | b'!' | b'?' | b':' | b';'), 1)
            }
            Some(_) => {
                let c = text[at..].chars().next().expect("at a character boundary");
                (c.is_alphanumeric(), false, c.len_utf8())
            }
        };
        if in_word {
            piece_start.get_or_insert(at);
        } else if let Some(start) = piece_start.take() {
            let word = text[start..at].trim_matches(|c| c == '-' || c == '\'');
            if !word.is_empty() {
                lower.clear();
                if word.is_ascii() {
                    lower.push_str(word);
                    lower.make_ascii_lowercase();
                } else {
                    lower.push_str(&word.to_lowercase());
                }
                let capitalised = !sentence_start && word.chars().next().is_some_and(char::is_uppercase);
                sentence_start = false;
                let short = lower.chars().nth(1).is_none() || lower.bytes().all(|b| b.is_ascii_digit());
                if !short && !is_english_function_word(&lower) {
                    each(&lower, capitalised);
                }
            }
        }
        if ends_sentence {
            sentence_start = true;
        }
        if width == 0 {
            break;
        }
        at += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written, on chars and `str::split`: the byte reader must agree.
    fn reference_words(text: &str, mut each: impl FnMut(&str, bool)) {
        // Lower-cased into one buffer, copied only when new to the caller: most words of a
        // segment are function words, numbers or words seen before.
        let mut lower = String::new();
        for sentence in text.split_inclusive(['.', '!', '?', ':', ';']) {
            let mut sentence_start = true;
            for piece in sentence.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')) {
                let word = piece.trim_matches(|c| c == '-' || c == '\'');
                if word.is_empty() {
                    continue;
                }
                lower.clear();
                if word.is_ascii() {
                    lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    lower.push_str(&word.to_lowercase());
                }
                let capitalised = !sentence_start && word.chars().next().is_some_and(char::is_uppercase);
                sentence_start = false;
                let short = lower.chars().nth(1).is_none() || lower.chars().all(|c| c.is_ascii_digit());
                if !short && !is_english_function_word(&lower) {
                    each(&lower, capitalised);
                }
            }
        }
    }

    type Words = Vec<(String, bool)>;

    /// The words of `text` as the byte reader and as the char rule cut them.
    fn both_readers(text: &str) -> (Words, Words) {
        let (mut mine, mut reference) = (Vec::new(), Vec::new());
        for_each_english_word(text, |w, c| mine.push((w.to_string(), c)));
        reference_words(text, |w, c| reference.push((w.to_string(), c)));
        (mine, reference)
    }

    #[test]
    fn the_byte_reader_cuts_words_as_the_char_rule_does() {
        let texts = [
            "Customs officers met the Customs Administration. Then: the 'Council' met; 2020 ended!",
            "Naïve Ærø-based O'Neill's -- co-operation ... Straße 12a ÉCOLE ’quoted’ x y",
            "中文 mixed with English, Ü-Boot? ß ǅemal: İstanbul ΣΟΦΙΑ and --'-- ' -",
            "",
            "trailing-",
        ];
        for text in texts {
            let (mine, reference) = both_readers(text);
            assert_eq!(mine, reference, "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn the_byte_reader_agrees_on_any_text(text in "[a-zA-Z0-9 .!?:;,'’\\-ÄäÉéßİıǅΣσ中文\u{00a0}\u{2019}]{0,40}|\\PC{0,30}") {
            let (mine, reference) = both_readers(&text);
            proptest::prop_assert_eq!(mine, reference);
        }
    }
    use crate::corpus::InputKind;
    use crate::mine::Occurrence;

    fn memory(pairs: &[(&str, &str)]) -> Document {
        let zh: String = pairs.iter().map(|(z, _)| format!("{z}\n")).collect();
        let en: String = pairs.iter().map(|(_, e)| format!("{e}\n")).collect();
        let mut doc = Document::monolingual("m".into(), InputKind::Tsv, zh);
        doc.en_blocks = crate::corpus::line_spans(&en);
        doc.en = en;
        doc.aligned = true;
        doc
    }

    fn candidate(term: &str, doc: &Document) -> Candidate {
        let occurrences =
            doc.zh.match_indices(term).map(|(at, _)| Occurrence::new(0, at..at + term.len())).collect::<Vec<_>>();
        Candidate {
            term: term.into(),
            words: vec![term.into()],
            tags: Vec::new(),
            frequency: occurrences.len(),
            documents: 1,
            occurrences,
            cues: Default::default(),
            short_forms: Default::default(),
            left_variety: 1,
            right_variety: 1,
            bound: false,
            scores: Default::default(),
        }
    }

    #[test]
    fn a_name_has_a_capitalised_partner_and_a_clause_piece_none() {
        let docs = vec![memory(&[
            ("海关总署发布公告。", "The Customs Administration issued a notice."),
            ("我们要加强海关总署建设。", "We will strengthen the Customs Administration."),
            ("我们要努力。", "We must work hard."),
            ("海关总署表示支持。", "Support came from the Customs Administration."),
            ("我们要合作。", "Cooperation is what we need."),
        ])];
        let side = EnglishSide::new(&docs).expect("aligned English");
        let name = side.partner(&candidate("海关总署", &docs[0]), &docs);
        assert!(name.dice > 0.9, "{name:?}");
        assert!(name.capitalised > 0.9, "{name:?}");
        let piece = side.partner(&candidate("我们要", &docs[0]), &docs);
        assert!(piece.dice < name.dice, "{piece:?}");
    }

    #[test]
    fn a_segments_words_are_listed_once_capitalised_if_ever_mid_sentence() {
        let texts = [
            "Parties and parties: the Parties met, and the parties agreed.",
            "the parties met the Parties",
            "No parties.",
        ];
        let pairs: Vec<(&str, &str)> = texts.iter().map(|e| ("缔约方。", *e)).collect();
        let side = EnglishSide::new(&[memory(&pairs)]).expect("aligned English");
        let mut ids: HashMap<String, u32> = HashMap::default();
        for (text, listed) in texts.iter().zip(&side.blocks[0]) {
            // Distinct words in first-seen order, capitalised if any copy is.
            let mut expected: Vec<(String, bool)> = Vec::new();
            for (word, capitalised) in english_words(text) {
                match expected.iter_mut().find(|(w, _)| *w == word) {
                    Some(seen) => seen.1 |= capitalised,
                    None => expected.push((word, capitalised)),
                }
            }
            assert_eq!(listed.len(), expected.len(), "{text}");
            for (&(id, capitalised), (word, expected)) in listed.iter().zip(&expected) {
                assert_eq!(capitalised, *expected, "{word} in {text}");
                assert_eq!(*ids.entry(word.clone()).or_insert(id), id, "one id per word");
            }
        }
        let parties = ids["parties"] as usize;
        assert_eq!(side.segments_with[parties], 3);
    }

    #[test]
    fn sentence_initial_capitals_do_not_count() {
        let words = english_words("Customs officers met the Customs Administration.");
        assert_eq!(words[0], ("customs".to_string(), false));
        assert!(words.iter().any(|(w, c)| w == "administration" && *c));
    }

    #[test]
    fn monolingual_corpora_have_no_english_side() {
        let doc = Document::monolingual("p".into(), InputKind::Plain, "海关总署。\n".into());
        assert!(EnglishSide::new(&[doc]).is_none());
    }
}
