//! `zhterm build`: corpus in, glossary folder out. Every output is staged before any is
//! replaced, so a failed build leaves the previous glossary as it was.

use super::{EncodingArg, KindArg, Outcome};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use zhterm::{corpus, export, pipeline, store};

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
    /// Decode every input with this encoding instead of detecting it.
    #[arg(long, value_enum)]
    encoding: Option<EncodingArg>,
    /// Fail on the first bad file inside a folder instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Align `.zh`/`.en` line files of different lengths as documents instead of refusing them.
    #[arg(long)]
    allow_mismatch: bool,
    /// Most Chinese terms to put in the glossary.
    #[arg(long, default_value_t = pipeline::BuildOptions::default().max_terms)]
    max_terms: usize,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Also say how each file was read (its encoding).
    #[arg(short, long)]
    verbose: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let inputs = if args.inputs.is_empty() { vec![PathBuf::from("glossary/corpus")] } else { args.inputs };
    let started = std::time::Instant::now();
    let dir = &args.output;
    let options = corpus::LoadOptions {
        kind: args.kind.map(Into::into),
        encoding: args.encoding.map(Into::into),
        strict: args.strict,
        allow_mismatch: args.allow_mismatch,
    };
    let report = corpus::load(&inputs, &options)?;
    // Before the build's work, not after it.
    store::ensure_writable(dir)?;
    let mut err = std::io::stderr().lock();
    if args.verbose {
        for (path, charset) in &report.encodings {
            writeln!(err, "zhterm: {}: {}", path.display(), charset.describe())?;
        }
    }
    if !args.quiet {
        for (path, message) in &report.warnings {
            writeln!(err, "zhterm: warning: {}: {message}", path.display())?;
        }
        for (_, error) in &report.skipped {
            writeln!(err, "zhterm: warning: skipped {error}")?;
        }
    }
    let docs = &report.documents;
    let build = pipeline::build(docs, &pipeline::BuildOptions { max_terms: args.max_terms });
    let candidates = export::csv::candidates(&build.candidates)?;
    let csv = export::render(&build.graph, export::Format::Csv)?;
    let tbx = export::render(&build.graph, export::Format::Tbx)?;
    let graph = store::to_json(&build.graph);
    let files: [(&str, &[u8]); 4] = [
        ("candidates.csv", &candidates),
        ("glossary.csv", &csv),
        ("glossary.tbx", &tbx),
        (store::GRAPH_FILE, graph.as_bytes()),
    ];
    store::write_all_atomic(dir, &files)
        .with_context(|| format!("writing the glossary into {} (the previous one is unchanged)", dir.display()))?;
    if !args.quiet {
        let concepts = build.graph.concepts();
        let translated = concepts.iter().filter(|c| !c.en.is_empty()).count();
        let skipped = match report.skipped.len() {
            0 => String::new(),
            n => {
                let names: Vec<_> = report.skipped.iter().map(|(path, _)| path.display().to_string()).collect();
                format!(" ({n} skipped: {})", names.join(", "))
            }
        };
        writeln!(
            err,
            "zhterm: {} documents{skipped}, {} sentence pairs, {} candidates → {} terms ({} with English) in {} [{:.1}s]",
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
