//! `zhterm candidates`: the ranked candidate list of a glossary, or one candidate's scores.

use super::Outcome;
use std::io::Write;
use std::path::PathBuf;
use zhterm::store::{self, Glossary};

#[derive(clap::Args)]
pub struct Args {
    /// Glossary folder.
    #[arg(short, long, default_value = "glossary")]
    glossary: PathBuf,
    /// How many to list.
    #[arg(short = 'n', long, default_value_t = 50)]
    top: usize,
    /// Show the score components of this term instead of the list.
    #[arg(long, value_name = "TERM")]
    explain: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let glossary = Glossary::open(&args.glossary)?;
    let path = glossary.dir().join(store::CANDIDATES_FILE);
    let Some(bytes) = glossary.read(store::CANDIDATES_FILE)? else {
        anyhow::bail!("{}: no candidate list; run `zhterm build` first", path.display());
    };
    let text = String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("{}: not UTF-8: {e}", path.display()))?;
    let rows = zhterm::export::csv::read_candidates(&text, &path)?;
    let mut out = std::io::stdout().lock();
    let Some(term) = &args.explain else {
        for row in rows.iter().take_while(|r| r.rank <= args.top) {
            let field = |name: &str| row.fields.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str());
            writeln!(
                out,
                "{:>4}  {:<20}  score {:>6}  freq {:>4}  docs {}",
                row.rank,
                row.term,
                field("score"),
                field("frequency"),
                field("documents")
            )?;
        }
        return Ok(Outcome::Done);
    };
    let Some(row) = rows.iter().find(|r| &r.term == term) else {
        eprintln!("zhterm: {term:?} is not a candidate in {}", path.display());
        return Ok(Outcome::NotFound);
    };
    for (name, value) in &row.fields {
        writeln!(out, "{name:>12}  {value}")?;
    }
    Ok(Outcome::Done)
}
