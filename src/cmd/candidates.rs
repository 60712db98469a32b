//! `zhterm candidates`: the ranked candidate list of a glossary, or one candidate's scores.

use super::Outcome;
use std::io::Write;
use std::path::PathBuf;

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
    let path = args.glossary.join("candidates.csv");
    if !path.exists() {
        anyhow::bail!("{}: no candidate list; run `zhterm build` first", path.display());
    }
    let text = zhterm::corpus::read_text(&path)?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers()?.clone();
    let mut out = std::io::stdout().lock();
    for record in reader.records() {
        let record = record?;
        match &args.explain {
            Some(term) if record.get(1) == Some(term.as_str()) => {
                for (name, value) in headers.iter().zip(record.iter()) {
                    writeln!(out, "{name:>12}  {value}")?;
                }
                return Ok(Outcome::Done);
            }
            Some(_) => {}
            None => {
                let rank: usize = record.get(0).unwrap_or("0").parse().unwrap_or(0);
                if rank > args.top {
                    break;
                }
                writeln!(
                    out,
                    "{:>4}  {:<20}  score {:>6}  freq {:>4}  docs {}",
                    rank, &record[1], &record[2], &record[3], &record[4]
                )?;
            }
        }
    }
    if let Some(term) = args.explain {
        eprintln!("zhterm: {term:?} is not a candidate in {}", path.display());
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Done)
}
