//! Alignment benchmarks on the UN zh-en development set (line-aligned, 4,000 pairs), found at
//! `$ZHTERM_SHARED/data/un-v1.0-devset` or `../shared/data/un-v1.0-devset` (skipped when
//! absent, so the bench always compiles):
//! - sentence alignment quality: strict bead F1 on perturbed chunks (truth known), plain
//!   (merged and dropped lines) and translator-style (also 2-2, 1-3/3-1, split sentences,
//!   omitted clauses, paraphrased English), for one pass with anchors, for the Model 1
//!   second pass, and for lengths alone;
//! - sentence alignment throughput: one 4,000-line problem, sentence pairs/s, for both;
//! - term matching throughput: `terms::translate` over the 4,000 pairs (× `ZHTERM_REPEAT`),
//!   sentence pairs/s; peak memory (VmHWM).
//!
//! Run: `cargo bench --bench align`.

use std::path::PathBuf;
use std::time::Instant;
use zhterm::align::evaluate::{perturb, perturb_translator, strict_f1, Problem};
use zhterm::align::{align_texts_with, sentence, terms, Evidence, Features, SentencePair};
use zhterm::corpus::{load, Document, InputKind, LoadOptions};
use zhterm::lexicon::Lexicon;
use zhterm::segment::Segmenter;

/// A way of turning line pairs into an alignment problem with its answer.
type Perturbation = fn(&[&str], &[&str], u64) -> Problem;

/// Lines per synthetic document.
const CHUNK: usize = 100;

fn devset() -> Option<PathBuf> {
    let roots = [
        std::env::var("ZHTERM_SHARED").ok().map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")),
    ];
    roots.into_iter().flatten().map(|r| r.join("data/un-v1.0-devset")).find(|p| p.join("UNv1.0.devset.zh").exists())
}

fn main() {
    let Some(dir) = devset() else {
        println!("align bench: UN devset not found (set ZHTERM_SHARED); nothing measured");
        return;
    };
    let zh_text = std::fs::read_to_string(dir.join("UNv1.0.devset.zh")).expect("devset zh");
    let en_text = std::fs::read_to_string(dir.join("UNv1.0.devset.en")).expect("devset en");
    let zh: Vec<&str> = zh_text.lines().collect();
    let en: Vec<&str> = en_text.lines().collect();
    let (segmenter, lexicon) = (Segmenter::new(), Lexicon::new());

    // Quality on perturbed chunks.
    let chunks: Vec<(usize, usize)> =
        (0..zh.len().min(en.len()) / CHUNK).map(|c| (c * CHUNK, (c + 1) * CHUNK)).collect();
    for (name, perturbation, evidence) in [
        ("plain", perturb as Perturbation, Evidence::Anchors),
        ("plain", perturb, Evidence::AnchorsAndModel1),
        ("translator-style", perturb_translator, Evidence::Anchors),
        ("translator-style", perturb_translator, Evidence::AnchorsAndModel1),
    ] {
        let (mut full, mut full_nonempty, mut lengths) = (0.0, 0.0, 0.0);
        for (seed, &(start, end)) in chunks.iter().enumerate() {
            let problem = perturbation(&zh[start..end], &en[start..end], seed as u64);
            let zh_items: Vec<&str> = problem.zh.iter().map(String::as_str).collect();
            let en_items: Vec<&str> = problem.en.iter().map(String::as_str).collect();
            let beads = align_texts_with(&zh_items, &en_items, &mut Features::new(&segmenter, &lexicon), evidence);
            full += strict_f1(&problem.gold, &beads, true);
            full_nonempty += strict_f1(&problem.gold, &beads, false);
            let zh_len: Vec<usize> = zh_items.iter().map(|s| s.chars().count()).collect();
            let en_len: Vec<usize> = en_items.iter().map(|s| s.chars().count()).collect();
            lengths += strict_f1(&problem.gold, &sentence::align(&zh_len, &en_len, |_, _| 0.0), true);
        }
        let k = chunks.len().max(1) as f64;
        println!(
            "sentence alignment, {} {name} chunks of {CHUNK} lines, {evidence:?}: strict bead F1 {:.3} (without 1-0/0-1 beads {:.3}); lengths alone {:.3}",
            chunks.len(),
            full / k,
            full_nonempty / k,
            lengths / k
        );
    }

    // Throughput on one long problem.
    let problem = perturb(&zh, &en, 99);
    let zh_items: Vec<&str> = problem.zh.iter().map(String::as_str).collect();
    let en_items: Vec<&str> = problem.en.iter().map(String::as_str).collect();
    for evidence in [Evidence::Anchors, Evidence::AnchorsAndModel1] {
        let started = Instant::now();
        let beads = align_texts_with(&zh_items, &en_items, &mut Features::new(&segmenter, &lexicon), evidence);
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "sentence alignment, one problem of {} × {} lines, {evidence:?}: {:.2} s, {:.0} sentence pairs/s, strict bead F1 {:.3}",
            zh_items.len(),
            en_items.len(),
            seconds,
            beads.len() as f64 / seconds,
            strict_f1(&problem.gold, &beads, true)
        );
    }

    // Term matching throughput.
    let repeat: usize = std::env::var("ZHTERM_REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    let options = LoadOptions { kind: Some(InputKind::LinePairs), ..Default::default() };
    let mut docs: Vec<Document> = load(&[dir.join("UNv1.0.devset.zh")], &options).expect("devset").documents;
    let one = docs[0].clone();
    docs.extend(std::iter::repeat_n(one, repeat - 1));
    let pairs: Vec<SentencePair> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.zh_blocks.iter().zip(&doc.en_blocks).map(move |(z, e)| SentencePair {
                doc: d,
                zh: z.clone(),
                en: e.clone(),
            })
        })
        .collect();
    let mut teachable = Segmenter::new();
    let candidates = zhterm::mine::mine(&docs, &mut teachable, &lexicon);
    let selected: Vec<_> = candidates.into_iter().filter(|c| c.frequency >= 2).take(300).collect();
    let started = Instant::now();
    let equivalents = terms::translate(&selected, &docs, &pairs, &lexicon, None);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "term matching, {} terms over {} sentence pairs: {:.2} s, {:.0} sentence pairs/s ({} with English)",
        selected.len(),
        pairs.len(),
        seconds,
        pairs.len() as f64 / seconds,
        equivalents.iter().flatten().count()
    );
    if let Some(bytes) = zhterm::memory::peak_rss_bytes() {
        println!("peak memory {:.0} MB", bytes as f64 / 1_048_576.0);
    }
}
