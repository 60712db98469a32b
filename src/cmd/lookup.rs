//! `zhterm lookup`: find a term in a glossary and show its entry.

use super::Outcome;
use std::io::Write;
use std::path::PathBuf;
use zhterm::lookup::{lookup, Hit};
use zhterm::store;

#[derive(clap::Args)]
pub struct Args {
    /// Chinese or English term.
    query: String,
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
    let graph = store::load(&args.glossary)?;
    let hits = lookup(&graph, &args.query, args.limit);
    let mut out = std::io::stdout().lock();
    if hits.is_empty() {
        if args.json {
            writeln!(out, "[]")?;
        }
        eprintln!("zhterm: no entry matches {:?} in {}", args.query, args.glossary.display());
        return Ok(Outcome::NotFound);
    }
    if args.json {
        let entries: Vec<serde_json::Value> = hits.iter().map(to_json).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?;
    } else {
        for (i, hit) in hits.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_text(&mut out, hit)?;
        }
    }
    Ok(Outcome::Done)
}

fn write_text(out: &mut impl Write, hit: &Hit<'_>) -> std::io::Result<()> {
    let c = &hit.concept;
    let english: Vec<&str> = c.en.iter().map(|(t, _)| t.text.as_str()).collect();
    let english = if english.is_empty() { "(no English equivalent found)".to_string() } else { english.join(" | ") };
    writeln!(out, "{}  →  {}", c.zh.text, english)?;
    let score = c.zh.scores.map(|s| format!("{:.2}", s.total)).unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "  c{}  {}  score {}  frequency {} in {} documents  ({} match on {:?})",
        c.id,
        c.zh.status.as_str(),
        score,
        c.zh.frequency,
        c.zh.documents,
        format!("{:?}", hit.kind).to_lowercase(),
        hit.matched
    )?;
    let list = |terms: &[&zhterm::graph::Term]| terms.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(", ");
    let variants: Vec<_> = c.zh_variants.iter().chain(&c.short_form_entries).copied().collect();
    if !variants.is_empty() {
        writeln!(out, "  short forms: {}", list(&variants))?;
    }
    if !c.contains.is_empty() {
        writeln!(out, "  contains: {}", list(&c.contains))?;
    }
    if !c.contained_in.is_empty() {
        writeln!(out, "  part of: {}", list(&c.contained_in))?;
    }
    if let Some(context) = c.zh.contexts.first() {
        writeln!(out, "  zh: {}", context.zh)?;
        if let Some(en) = &context.en {
            writeln!(out, "  en: {en}")?;
        }
        writeln!(out, "  source: {}", context.source)?;
    }
    Ok(())
}

fn to_json(hit: &Hit<'_>) -> serde_json::Value {
    let c = &hit.concept;
    let texts = |terms: &[&zhterm::graph::Term]| terms.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
    serde_json::json!({
        "concept_id": format!("c{}", c.id),
        "match": hit.kind,
        "matched": hit.matched,
        "similarity": hit.similarity,
        "zh": c.zh.text,
        "en": c.en.iter().map(|(t, tr)| serde_json::json!({"term": t.text, "translation": tr})).collect::<Vec<_>>(),
        "status": c.zh.status,
        "score": c.zh.scores.map(|s| s.total),
        "frequency": c.zh.frequency,
        "documents": c.zh.documents,
        "zh_variants": texts(&c.zh_variants),
        "short_form_entries": texts(&c.short_form_entries),
        "contains": texts(&c.contains),
        "contained_in": texts(&c.contained_in),
        "contexts": c.zh.contexts,
    })
}
