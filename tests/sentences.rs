//! Sentence alignment of the bilingual seed document (glossary/corpus/001_*.txt, our bundled
//! corpus, a speech and its official English) against hand-checked gold pairs in
//! tests/fixtures/seed001-sentences.tsv: one line a pair, each side given by its first and
//! last characters. A real translation, with 1-2 beads and a text cut off at the end, not a
//! perturbed one. `ZHTERM_PRINT_PAIRS=1 cargo test --test sentences -- --nocapture` prints
//! what the aligner found.

use std::collections::HashSet;
use std::path::PathBuf;
use zhterm::align::sentence_pairs;
use zhterm::corpus::{load, InputKind, LoadOptions};
use zhterm::lexicon::Lexicon;
use zhterm::segment::Segmenter;

/// Least strict F1 over sentence pairs (pairs of 1-0/0-1 beads are not pairs).
const MIN_F1: f64 = 0.95;

/// A side as the gold file writes it: its first `head` and last `tail` characters.
fn key(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.len() <= head + tail {
        return chars.iter().collect();
    }
    let first: String = chars[..head].iter().collect();
    let last: String = chars[chars.len() - tail..].iter().collect();
    format!("{first}…{last}")
}

#[test]
fn the_sentence_pairs_of_the_bilingual_seed_match_the_gold() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_dir(root.join("glossary/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001_"))
        .expect("seed 001 in glossary/corpus");
    let options = LoadOptions { kind: Some(InputKind::Bilingual), ..Default::default() };
    let docs = load(&[seed], &options).unwrap().documents;
    let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
    let pairs = sentence_pairs(&docs, &segmenter, &lexicon);
    let found: Vec<String> = pairs
        .iter()
        .map(|p| format!("{}\t{}", key(&docs[0].zh[p.zh.clone()], 12, 6), key(&docs[0].en[p.en.clone()], 30, 12)))
        .collect();
    if std::env::var("ZHTERM_PRINT_PAIRS").is_ok() {
        println!("{}", found.join("\n"));
    }
    let gold_text = std::fs::read_to_string(root.join("tests/fixtures/seed001-sentences.tsv")).unwrap();
    let gold: HashSet<&str> = gold_text.lines().filter(|l| !l.starts_with('#')).collect();
    let right = found.iter().filter(|f| gold.contains(f.as_str())).count();
    let (precision, recall) = (right as f64 / found.len() as f64, right as f64 / gold.len() as f64);
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!("seed 001 sentence pairs: {right} right of {} found, {} gold; F1 {f1:.3}", found.len(), gold.len());
    let wrong: Vec<&String> = found.iter().filter(|f| !gold.contains(f.as_str())).collect();
    assert!(f1 >= MIN_F1, "F1 {f1:.3}; pairs not in the gold:\n{wrong:#?}");
}
