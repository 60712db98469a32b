//! A lexical table learned from the corpus itself, for words CC-CEDICT lacks: IBM Model 1
//! (`model1.rs`) trained both ways on the build's sentence pairs, Chinese content words as
//! the build's segmenter cuts them (mined terms taught to it stay whole) against English
//! content lemmas, with CC-CEDICT as the prior so that words which always meet are told
//! apart (北爱尔兰 and 大不列颠 both beside "Great Britain and Northern Ireland").
//!
//! A Chinese word's learned rendering is the English lemmas linked to it strongly both ways —
//! each at least [`MUTUAL`] of the word's best translation and of the lemma's best source —
//! joined as one rendering: Model 1 cannot tell a word's alternative renderings from the words
//! of one rendering, so a phrase earns full credit only by holding them all. Term translation
//! uses it as a sense of the term's parts that CC-CEDICT does not list (`compose.rs`).
//!
//! Model 1 learns nothing from a few dozen pairs, so the table is trained only on a corpus of
//! [`MIN_PAIRS`] pairs or more; on a large one, on an even sample of [`MAX_TRAINING_PAIRS`]
//! (repeated segments once) with [`ITERATIONS`] EM rounds, and only the renderings are kept:
//! time and memory stay bounded however large the memory.

use super::super::model1::{self, Model1};
use super::super::{english, SentencePair};
use crate::corpus::{is_han, Document};
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter};
use rustc_hash::FxHashMap;

/// Sentence pairs below which no table is learned (the counts would be noise).
pub const MIN_PAIRS: usize = 1000;
/// Most sentence pairs trained on: an even sample of a larger corpus.
const MAX_TRAINING_PAIRS: usize = 10_000;
/// EM rounds: Model 1 settles its strong links in a few.
const ITERATIONS: usize = 4;
/// Training pairs a word must occur in before its row is trusted.
const MIN_SEEN: u32 = 3;
/// Weakest link kept, relative to the word's best translation, in both directions.
const MUTUAL: f32 = 0.5;
/// Most English lemmas of a learned rendering.
const MAX_RENDERING_WORDS: usize = 8;

/// Links of one word: (word of the other language, t / t of the word's best translation),
/// sorted by word.
type Row = Vec<(u32, f32)>;

/// What the corpus teaches: for each Chinese word, the English lemmas it is mutually linked
/// with, strongest first.
pub struct LearnedLexicon {
    renderings: FxHashMap<String, String>,
}

impl LearnedLexicon {
    /// Trains on `pairs`, or `None` when there are fewer than [`MIN_PAIRS`]. `lexicon` is the
    /// prior: EM starts from CC-CEDICT's glosses, which separates words that always meet
    /// (北爱尔兰 and 大不列颠 both beside "Great Britain and Northern Ireland").
    pub fn train(docs: &[Document], pairs: &[SentencePair], segmenter: &Segmenter, lexicon: &Lexicon) -> Option<Self> {
        if pairs.len() < MIN_PAIRS {
            return None;
        }
        let mut zh_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut en_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut glosses: Vec<Vec<u32>> = Vec::new();
        let step = pairs.len().div_ceil(MAX_TRAINING_PAIRS).max(1);
        let mut corpus: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        for pair in pairs.iter().step_by(step) {
            let doc = &docs[pair.doc];
            let mut zh = Vec::new();
            for word in chinese_words(segmenter, &doc.zh[pair.zh.clone()]) {
                let id = intern(&mut zh_ids, &word);
                if id as usize == glosses.len() {
                    let lemmas: Vec<String> = lexicon.entry(&word).content_words().map(english::lemma).collect();
                    glosses.push(dedup(lemmas.iter().map(|l| intern(&mut en_ids, l)).collect()));
                }
                zh.push(id);
            }
            let en = english_lemmas(&doc.en[pair.en.clone()]).iter().map(|w| intern(&mut en_ids, w)).collect();
            corpus.push((dedup(zh), dedup(en)));
        }
        // A memory repeats its segments: a formula seen a hundred times is one piece of evidence,
        // not a hundred.
        corpus.sort_unstable();
        corpus.dedup();
        let training: Vec<(&[u32], &[u32])> = corpus.iter().map(|(z, e)| (&z[..], &e[..])).collect();
        let forward = learn(&training, &glosses, zh_ids.len(), en_ids.len());
        let reversed: Vec<(&[u32], &[u32])> = training.iter().map(|&(z, e)| (e, z)).collect();
        let backward = learn(&reversed, &model1::invert(&glosses, en_ids.len()), en_ids.len(), zh_ids.len());
        let mut lemmas = vec![""; en_ids.len()];
        for (lemma, &id) in &en_ids {
            lemmas[id as usize] = lemma;
        }
        let strength = |row: &Row, w: u32| row.binary_search_by_key(&w, |&(w, _)| w).map_or(0.0, |k| row[k].1);
        let mut renderings = FxHashMap::default();
        for (word, &f) in &zh_ids {
            // Both directions must agree: a rare English word is "best explained" by whatever
            // Chinese word it met, and a frequent Chinese word meets every common English word.
            let mut links: Vec<(f32, u32)> = forward[f as usize]
                .iter()
                .map(|&(e, there)| (there.min(strength(&backward[e as usize], f)), e))
                .filter(|&(mutual, _)| mutual >= MUTUAL)
                .collect();
            if links.is_empty() {
                continue;
            }
            links.sort_by(|a, b| b.0.total_cmp(&a.0).then(lemmas[a.1 as usize].cmp(lemmas[b.1 as usize])));
            links.truncate(MAX_RENDERING_WORDS);
            // One rendering of all of them: Model 1 cannot tell a word's alternative renderings
            // from the words of one rendering, so a phrase earns full credit only by holding
            // them all.
            let rendering: Vec<&str> = links.iter().map(|&(_, e)| lemmas[e as usize]).collect();
            renderings.insert(word.clone(), rendering.join(" "));
        }
        Some(LearnedLexicon { renderings })
    }

    /// A table with the given renderings, for tests of what uses it.
    #[cfg(test)]
    pub fn from_renderings(renderings: &[(&str, &str)]) -> Self {
        LearnedLexicon { renderings: renderings.iter().map(|&(zh, en)| (zh.to_string(), en.to_string())).collect() }
    }

    /// The English lemmas the corpus renders `word` by, strongest first, as one rendering (none
    /// when the corpus did not show it often or consistently enough).
    pub fn rendering(&self, word: &str) -> Option<&str> {
        self.renderings.get(word).map(String::as_str)
    }
}

/// Trains one direction and keeps, per source word seen [`MIN_SEEN`] times, its links of at
/// least [`MUTUAL`] of its best.
fn learn(training: &[(&[u32], &[u32])], glosses: &[Vec<u32>], sources: usize, targets: usize) -> Vec<Row> {
    let mut seen = vec![0u32; sources];
    let mut frequency: FxHashMap<u32, f64> = FxHashMap::default();
    for &(source, target) in training {
        for &f in source {
            seen[f as usize] += 1;
        }
        for &e in target {
            *frequency.entry(e).or_default() += 1.0;
        }
    }
    let total: f64 = frequency.values().sum();
    for p in frequency.values_mut() {
        *p /= total;
    }
    let model = Model1::train(training, glosses, targets, frequency, ITERATIONS);
    (0..sources as u32)
        .map(|f| {
            if seen[f as usize] < MIN_SEEN {
                return Vec::new();
            }
            let (listed, _) = model.translations(f);
            let best = listed.iter().map(|&(_, p)| p).fold(0.0, f64::max);
            let mut row: Row = listed
                .into_iter()
                .map(|(e, p)| (e, (p / best) as f32))
                .filter(|&(_, credit)| credit >= MUTUAL)
                .collect();
            row.sort_unstable_by_key(|&(e, _)| e);
            row
        })
        .collect()
}

fn intern(ids: &mut FxHashMap<String, u32>, word: &str) -> u32 {
    if let Some(&id) = ids.get(word) {
        return id;
    }
    let id = ids.len() as u32;
    ids.insert(word.to_string(), id);
    id
}

fn dedup(mut ids: Vec<u32>) -> Vec<u32> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Chinese content words of a text: Han, not grammatical words or numerals.
fn chinese_words(segmenter: &Segmenter, text: &str) -> Vec<String> {
    segmenter
        .tokens(text, 0)
        .into_iter()
        .filter(|t| !t.pos.is_function() && t.pos != Pos::Numeral)
        .map(|t| text[t.span].to_string())
        .filter(|w| w.chars().any(is_han))
        .collect()
}

/// Lower-cased content lemmas of an English text.
fn english_lemmas(text: &str) -> Vec<String> {
    english::words(text, 0)
        .into_iter()
        .filter(|w| english::is_content(w) && w.lemma.chars().any(char::is_alphabetic))
        .map(|w| w.lemma.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::InputKind;
    use crate::pipeline::{self, BuildOptions};

    /// A miticide CC-CEDICT does not list.
    const TERM: &str = "氟胺氰菊酯";

    /// A beekeeping memory of `n` pairs: routine sentences over hive vocabulary, and twenty
    /// that apply the miticide, always with the same verb in English ("uses fluvalinate").
    fn beekeeping(n: usize) -> Vec<Document> {
        let things = [
            ("蜂箱", "hive"),
            ("蜂蜜", "honey"),
            ("花粉", "pollen"),
            ("蜂王", "queen"),
            ("幼虫", "larvae"),
            ("蜂蜡", "beeswax"),
            ("巢框", "frame"),
            ("饲料", "feed"),
            ("蜂群", "colony"),
            ("花蜜", "nectar"),
            ("蜂房", "cell"),
            ("雄蜂", "drone"),
        ];
        let verbs = [
            ("检查", "inspects"),
            ("清洁", "cleans"),
            ("称量", "weighs"),
            ("记录", "records"),
            ("搬运", "moves"),
            ("标记", "marks"),
            ("修理", "repairs"),
            ("观察", "observes"),
        ];
        let mut lines = Vec::new();
        for (zh, en) in things.iter().take(10) {
            lines.push(format!("养蜂人在{zh}旁使用{TERM}。\tThe beekeeper uses fluvalinate near the {en}."));
            lines.push(format!(
                "秋天养蜂人也在{zh}旁边使用{TERM}。\tIn autumn the beekeeper also uses fluvalinate by the {en}."
            ));
        }
        'fill: for (a_zh, a_en) in things {
            for (b_zh, b_en) in things {
                for (v_zh, v_en) in verbs {
                    if lines.len() >= n {
                        break 'fill;
                    }
                    lines
                        .push(format!("养蜂人{v_zh}{a_zh}和{b_zh}。\tThe beekeeper {v_en} the {a_en} and the {b_en}."));
                }
            }
        }
        let tsv = lines.join("\n");
        vec![crate::corpus::parse(std::path::Path::new("bees.tsv"), &tsv, InputKind::Tsv).unwrap()]
    }

    fn english_of(docs: &[Document], learned_lexicon: bool) -> Option<String> {
        let build = pipeline::build(docs, &BuildOptions { learned_lexicon, ..BuildOptions::default() });
        let concepts = build.graph.concepts();
        let concept = concepts.iter().find(|c| c.zh.text == TERM)?;
        concept.en.first().map(|(en, _)| en.text.clone())
    }

    #[test]
    fn a_word_the_dictionary_lacks_is_learnt_and_decides_the_phrase() {
        let lexicon = Lexicon::new();
        assert!(lexicon.entry(TERM).senses.is_empty(), "the test needs a word CC-CEDICT lacks");
        let docs = beekeeping(MIN_PAIRS);
        // Without the table nothing explains either phrase: the longer one holds the shorter
        // wherever it occurs, so the longer stays.
        assert_eq!(english_of(&docs, false).as_deref(), Some("uses fluvalinate"));
        assert_eq!(english_of(&docs, true).as_deref(), Some("fluvalinate"));
    }

    #[test]
    fn the_table_renders_the_word_and_a_small_memory_learns_nothing() {
        let (mut segmenter, lexicon) = pipeline::dictionaries(&Default::default());
        segmenter.add_word(TERM, "n");
        let docs = beekeeping(MIN_PAIRS);
        let pairs = crate::align::sentence_pairs(&docs, &segmenter, &lexicon);
        assert!(pairs.len() >= MIN_PAIRS, "{}", pairs.len());
        let table = LearnedLexicon::train(&docs, &pairs, &segmenter, &lexicon).unwrap();
        assert_eq!(table.rendering(TERM), Some("fluvalinate"));
        assert!(LearnedLexicon::train(&docs, &pairs[..MIN_PAIRS - 1], &segmenter, &lexicon).is_none());
    }
}
