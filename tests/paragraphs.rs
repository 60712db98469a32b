//! Paragraph alignment of the bilingual seed document (glossary/corpus/001_*.txt, our bundled
//! corpus) against hand-checked gold pairs in tests/fixtures/seed001-paragraphs.tsv: each
//! line is one pair, the Chinese paragraphs and the English paragraphs of the pair, each
//! paragraph given by its first characters, joined by " | ".

use std::path::PathBuf;
use zhterm::align::{paragraph_pairs, Features};
use zhterm::corpus::{load, InputKind, LoadOptions};
use zhterm::lexicon::Lexicon;
use zhterm::segment::Segmenter;

const ZH_PREFIX: usize = 10;
const EN_PREFIX: usize = 30;

fn prefix(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

#[test]
fn every_paragraph_pair_of_the_bilingual_seed_is_right() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_dir(root.join("glossary/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001_"))
        .expect("seed 001 in glossary/corpus");
    let options = LoadOptions { kind: Some(InputKind::Bilingual), ..Default::default() };
    let docs = load(&[seed], &options).unwrap().documents;
    let doc = &docs[0];
    let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());
    let found: Vec<String> = paragraph_pairs(doc, &mut Features::new(&segmenter, &lexicon))
        .iter()
        .map(|(zh, en)| {
            let zh: Vec<String> = zh.iter().map(|s| prefix(&doc.zh[s.clone()], ZH_PREFIX)).collect();
            let en: Vec<String> = en.iter().map(|s| prefix(&doc.en[s.clone()], EN_PREFIX)).collect();
            format!("{}\t{}", zh.join(" | "), en.join(" | "))
        })
        .collect();
    if std::env::var("ZHTERM_PRINT_PAIRS").is_ok() {
        println!("{}", found.join("\n"));
    }
    let gold = std::fs::read_to_string(root.join("tests/fixtures/seed001-paragraphs.tsv")).unwrap();
    let gold: Vec<&str> = gold.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(found, gold);
}
