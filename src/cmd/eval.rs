//! `zhterm eval`: the figures of shared/eval/README.md for a built glossary.

use super::Outcome;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use zhterm::eval;
use zhterm::store::{self, Glossary};

#[derive(clap::Args)]
pub struct Args {
    /// Glossary folder (its candidates.csv and glossary.tbx are scored).
    #[arg(short, long, default_value = "glossary")]
    glossary: PathBuf,
    /// Gold Chinese terms, TSV, term in the first column.
    #[arg(long)]
    terms: Option<PathBuf>,
    /// Judged candidates for P@K, TSV: term, then 1/y (accepted) or 0/n (rejected).
    #[arg(long)]
    judged: Option<PathBuf>,
    /// Gold term pairs, TSV: zh, accepted English variants separated by |.
    #[arg(long)]
    pairs: Option<PathBuf>,
    /// List every gold item with what was found.
    #[arg(short, long)]
    verbose: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.terms.is_none() && args.pairs.is_none() && args.judged.is_none() {
        anyhow::bail!("nothing to score: give --terms, --judged and/or --pairs");
    }
    let glossary = Glossary::open(&args.glossary)?;
    let mut out = std::io::stdout().lock();
    if args.terms.is_some() || args.judged.is_some() {
        let ranked = eval::read_candidates(&glossary.path_of(store::CANDIDATES_FILE))?;
        if let Some(path) = &args.terms {
            let gold: Vec<String> = eval::read_gold(path)?.into_iter().map(|r| r[0].clone()).collect();
            let recalls: Vec<String> =
                [50, 100, 200].iter().map(|&k| format!("R@{k} {:.3}", eval::recall_at(&gold, &ranked, k))).collect();
            writeln!(out, "terms: {} gold  {}", gold.len(), recalls.join("  "))?;
            if args.verbose {
                for g in &gold {
                    let rank = ranked.iter().position(|t| eval::term_key(t) == eval::term_key(g));
                    writeln!(out, "  {:>6}  {g}", rank.map_or("-".to_string(), |r| (r + 1).to_string()))?;
                }
            }
        }
        if let Some(path) = &args.judged {
            let judged: HashMap<String, bool> = eval::read_gold(path)?
                .into_iter()
                .filter(|r| r.len() >= 2)
                .map(|r| (eval::term_key(&r[0]), matches!(r[1].to_lowercase().as_str(), "1" | "y" | "yes" | "accept")))
                .collect();
            for k in [50, 100, 200] {
                let (precision, unjudged) = eval::precision_at(&judged, &ranked, k);
                writeln!(out, "P@{k} {precision:.3} ({unjudged} unjudged counted as rejected)")?;
            }
        }
    }
    if let Some(path) = &args.pairs {
        let gold = eval::read_gold(path)?;
        let concepts = eval::read_tbx_concepts(&glossary.path_of(store::TBX_FILE))?;
        let results = eval::score_pairs(&gold, &concepts);
        let correct = results.iter().filter(|r| r.correct).count();
        let present = results.iter().filter(|r| r.present).count();
        let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        writeln!(
            out,
            "pairs: {} gold  accuracy {:.3}  precision {:.3}  ({correct} correct, {present} present)",
            results.len(),
            ratio(correct, results.len()),
            ratio(correct, present)
        )?;
        if args.verbose {
            for r in &results {
                let mark = if r.correct {
                    "ok "
                } else if r.present {
                    "BAD"
                } else {
                    "-- "
                };
                writeln!(
                    out,
                    "  {mark} {}  →  {}  (gold: {})",
                    r.zh,
                    r.found.as_deref().unwrap_or("(none)"),
                    r.expected.join(" | ")
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}
