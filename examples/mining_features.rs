//! The ranking features of every mined candidate, best first, as TSV: what
//! `tools/fit_ranking.py` fits the weights of `src/mine/score.rs` on.
//!
//! `cargo run --release --example mining_features -- CORPUS... > features.tsv`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let inputs: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let report = zhterm::corpus::load(&inputs, &Default::default())?;
    let (mut segmenter, lexicon) = zhterm::pipeline::dictionaries(&Default::default());
    let (candidates, features) = zhterm::mine::mine_with_features(&report.documents, &mut segmenter, &lexicon, true);
    println!("term\t{}", zhterm::mine::score::FEATURE_NAMES.join("\t"));
    for (candidate, row) in candidates.iter().zip(features) {
        let row: Vec<String> = row.iter().map(|x| format!("{x:.4}")).collect();
        println!("{}\t{}", candidate.term, row.join("\t"));
    }
    Ok(())
}
