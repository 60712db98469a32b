//! `zhterm build`: corpus in, glossary folder out.

use super::{KindArg, Outcome};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::{corpus, export, lookup, pipeline, store};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to read (default: glossary/corpus).
    inputs: Vec<PathBuf>,
    /// Glossary folder to write.
    #[arg(short, long, default_value = "glossary")]
    output: PathBuf,
    /// Read every input as this kind instead of detecting it.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Most Chinese terms to put in the glossary.
    #[arg(long, default_value_t = pipeline::BuildOptions::default().max_terms)]
    max_terms: usize,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Print stage times and peak memory as JSON on standard output.
    #[arg(long)]
    stats: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let inputs = if args.inputs.is_empty() { vec![PathBuf::from("glossary/corpus")] } else { args.inputs };
    if let Some(jobs) = args.jobs {
        // Only fails if a pool already exists, which `build` never makes before this point.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build_global();
    }
    let started = std::time::Instant::now();
    let docs = corpus::load(&inputs, args.kind.map(Into::into))?;
    let read = started.elapsed();
    let options = pipeline::BuildOptions { max_terms: args.max_terms };
    let dir = &args.output;
    // A glossary folder that already holds a graph may hold a reviewer's decisions: the
    // build keeps them.
    let previous = dir.join(store::GRAPH_FILE).exists().then(|| store::load(dir)).transpose().with_context(|| {
        format!("reading the reviewed entries of {} (move its graph.json away to start afresh)", dir.display())
    })?;
    let build = pipeline::build_with_previous(&docs, &options, previous.as_ref());
    let write = |name: &str, bytes: &[u8]| {
        store::write_atomic(&dir.join(name), bytes)
            .with_context(|| format!("writing the glossary into {}", dir.display()))
    };
    write("candidates.csv", &export::csv::candidates(&build.candidates)?)?;
    write("glossary.csv", &export::render(&build.graph, export::Format::Csv)?)?;
    write("glossary.tbx", &export::render(&build.graph, export::Format::Tbx)?)?;
    write(store::GRAPH_FILE, store::to_json(&build.graph).as_bytes())?;
    // After the graph: the index is stamped with the graph file it indexes.
    lookup::index::write(dir, &build.graph).with_context(|| format!("indexing the glossary in {}", dir.display()))?;
    if args.stats {
        let mut stages: Vec<(&str, f64)> = vec![("read", read.as_secs_f64())];
        stages.extend(build.stages.iter().map(|(name, time)| (*name, time.as_secs_f64())));
        let stats = serde_json::json!({
            "documents": docs.len(),
            "pairs": build.pairs.len(),
            "candidates": build.candidates.len(),
            "seconds": started.elapsed().as_secs_f64(),
            "stages": stages,
            "peak_rss_bytes": zhterm::bench::peak_rss_bytes(),
        });
        writeln!(std::io::stdout(), "{stats}")?;
    }
    if !args.quiet {
        let concepts = build.graph.concepts();
        let translated = concepts.iter().filter(|c| !c.en.is_empty()).count();
        writeln!(
            std::io::stderr(),
            "zhterm: {} documents, {} sentence pairs, {} candidates → {} terms ({} with English) in {} [{:.1}s]",
            docs.len(),
            build.pairs.len(),
            build.candidates.len(),
            concepts.len(),
            translated,
            dir.display(),
            started.elapsed().as_secs_f64()
        )?;
    }
    Ok(Outcome::Done)
}
