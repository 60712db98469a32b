//! `zhterm lookup`: find a term in a glossary and show its entry.

use super::paint::Paint;
use super::Outcome;
use std::io::Write;
use std::path::PathBuf;
use zhterm::lookup::{lookup, Hit};
use zhterm::store::Glossary;

/// Evidence pairs shown in the text output; `--json` gives all the entry keeps.
const SHOWN_PAIRS: usize = 2;

#[derive(clap::Args)]
pub struct Args {
    /// Chinese, English or pinyin (`kuaisu tongdao`, tones optional); several words need no quotes.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// Glossary folder.
    #[arg(short, long, default_value = "glossary")]
    glossary: PathBuf,
    /// Most entries to show.
    #[arg(short = 'n', long, default_value_t = 5)]
    limit: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut index = Glossary::open(&args.glossary)?.index()?;
    let query = args.query.join(" ");
    let hits = lookup(&mut index, &query, args.limit)?;
    let mut out = std::io::stdout().lock();
    if hits.is_empty() {
        if args.json {
            writeln!(out, "[]")?;
        }
        eprintln!("zhterm: no entry matches {query:?} in {}", args.glossary.display());
        return Ok(Outcome::NotFound);
    }
    if args.json {
        let entries: Vec<JsonHit<'_>> = hits.iter().map(JsonHit::from).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?;
    } else {
        let paint = Paint::for_output(&out);
        for (i, hit) in hits.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_text(&mut out, hit, paint)?;
        }
    }
    Ok(Outcome::Done)
}

#[derive(serde::Serialize)]
struct JsonHit<'a> {
    #[serde(rename = "match")]
    kind: zhterm::lookup::MatchKind,
    matched: &'a str,
    similarity: f64,
    #[serde(flatten)]
    entry: &'a zhterm::lookup::entry::Entry,
}

impl<'a> From<&'a Hit> for JsonHit<'a> {
    fn from(hit: &'a Hit) -> Self {
        JsonHit { kind: hit.kind, matched: &hit.matched, similarity: hit.similarity, entry: &hit.entry }
    }
}

fn write_text(out: &mut impl Write, hit: &Hit, paint: Paint) -> std::io::Result<()> {
    let e = &hit.entry;
    let english: Vec<&str> = e.en.iter().map(|t| t.term.as_str()).collect();
    let english = if english.is_empty() { "(no English equivalent found)".to_string() } else { english.join(" | ") };
    writeln!(out, "{}  →  {}", paint.bold(&e.zh), paint.green(&english))?;
    let score = e.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".into());
    let kind = format!("{:?}", hit.kind).to_lowercase();
    let meta = format!(
        "{}  {}  {}  score {}  frequency {} in {} documents  ({kind} match on {:?})",
        e.pinyin,
        e.concept_id,
        e.status.as_str(),
        score,
        e.frequency,
        e.documents,
        hit.matched
    );
    writeln!(out, "  {}", paint.dim(&meta))?;
    let short_forms: Vec<&str> = e.zh_variants.iter().chain(&e.short_form_entries).map(String::as_str).collect();
    for (label, terms) in [
        ("short forms", short_forms),
        ("contains", e.contains.iter().map(String::as_str).collect()),
        ("part of", e.contained_in.iter().map(String::as_str).collect()),
    ] {
        if !terms.is_empty() {
            writeln!(out, "  {}: {}", label, terms.join(", "))?;
        }
    }
    if let Some((english, translation, pairs)) = e.best_evidence() {
        // The pairs the edge names are a few of those that support it; the count is all.
        let supporting = translation.cooccurrences.max(pairs.len());
        let pairs_support = if supporting == 1 { "pair supports" } else { "pairs support" };
        writeln!(out, "  {}", paint.dim(&format!("{supporting} sentence {pairs_support} {:?}", english.term)))?;
        for pair in pairs.iter().take(SHOWN_PAIRS) {
            writeln!(out, "  {}", paint.dim(&format!("#{} {}", pair.id, pair.source)))?;
            writeln!(out, "    zh: {}", pair.zh)?;
            writeln!(out, "    en: {}", pair.en)?;
        }
        let more = supporting.saturating_sub(SHOWN_PAIRS.min(pairs.len()));
        if more > 0 {
            writeln!(out, "  {}", paint.dim(&format!("+{more} more")))?;
        }
    } else if let Some(context) = e.contexts.iter().find(|c| c.en.is_some()).or(e.contexts.first()) {
        writeln!(out, "  zh: {}", context.zh)?;
        if let Some(en) = &context.en {
            writeln!(out, "  en: {en}")?;
        }
        writeln!(out, "  {}", paint.dim(&format!("source: {}", context.source)))?;
    }
    Ok(())
}
