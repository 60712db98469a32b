//! Alignment of the bilingual seed document (glossary/corpus/001_*.txt, our bundled corpus, a
//! speech and its official English) against hand-checked gold in tests/fixtures/:
//! - seed001-paragraphs.tsv: every paragraph pair, each paragraph given by its first
//!   characters, the paragraphs of one pair joined by " | ";
//! - seed001-sentences.tsv: every sentence pair, each side given by its first and last
//!   characters. A real translation, with 1-2 beads and a text cut off at the end.
//!
//! `ZHTERM_PRINT_PAIRS=1 cargo test --test paragraphs -- --nocapture` prints what was found.

use std::collections::HashSet;
use std::path::PathBuf;
use zhterm::align::{paragraph_pairs, sentence_pairs, Features};
use zhterm::corpus::{load, Document, InputKind, LoadOptions};
use zhterm::lexicon::Lexicon;
use zhterm::segment::Segmenter;

/// Least strict F1 over sentence pairs (1-0/0-1 beads are not pairs).
const MIN_SENTENCE_F1: f64 = 0.95;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bilingual_seed() -> Document {
    let seed = std::fs::read_dir(root().join("glossary/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001_"))
        .expect("seed 001 in glossary/corpus");
    let options = LoadOptions { kind: Some(InputKind::Bilingual), ..Default::default() };
    load(&[seed], &options).unwrap().documents.remove(0)
}

fn gold(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap()
}

fn show(found: &[String]) {
    if std::env::var("ZHTERM_PRINT_PAIRS").is_ok() {
        println!("{}", found.join("\n"));
    }
}

fn prefix(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// A side as the sentence gold writes it: its first `head` and last `tail` characters.
fn ends(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.len() <= head + tail {
        return chars.iter().collect();
    }
    let first: String = chars[..head].iter().collect();
    let last: String = chars[chars.len() - tail..].iter().collect();
    format!("{first}…{last}")
}

#[test]
fn every_paragraph_pair_of_the_bilingual_seed_is_right() {
    let doc = bilingual_seed();
    let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
    let found: Vec<String> = paragraph_pairs(&doc, &mut Features::new(&segmenter, &lexicon))
        .iter()
        .map(|(zh, en)| {
            let zh: Vec<String> = zh.iter().map(|s| prefix(&doc.zh[s.clone()], 10)).collect();
            let en: Vec<String> = en.iter().map(|s| prefix(&doc.en[s.clone()], 30)).collect();
            format!("{}\t{}", zh.join(" | "), en.join(" | "))
        })
        .collect();
    show(&found);
    let gold = gold("seed001-paragraphs.tsv");
    let gold: Vec<&str> = gold.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(found, gold);
}

#[test]
fn the_sentence_pairs_of_the_bilingual_seed_match_the_gold() {
    let docs = vec![bilingual_seed()];
    let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
    let found: Vec<String> = sentence_pairs(&docs, &segmenter, &lexicon)
        .iter()
        .map(|p| format!("{}\t{}", ends(&docs[0].zh[p.zh.clone()], 12, 6), ends(&docs[0].en[p.en.clone()], 30, 12)))
        .collect();
    show(&found);
    let gold_text = gold("seed001-sentences.tsv");
    let gold: HashSet<&str> = gold_text.lines().filter(|l| !l.starts_with('#')).collect();
    let right = found.iter().filter(|f| gold.contains(f.as_str())).count();
    let (precision, recall) = (right as f64 / found.len() as f64, right as f64 / gold.len() as f64);
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!("seed 001 sentence pairs: {right} right of {} found, {} gold; F1 {f1:.3}", found.len(), gold.len());
    let wrong: Vec<&String> = found.iter().filter(|f| !gold.contains(f.as_str())).collect();
    assert!(f1 >= MIN_SENTENCE_F1, "F1 {f1:.3}; pairs not in the gold:\n{wrong:#?}");
}
