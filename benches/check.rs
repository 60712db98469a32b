//! Terminology check throughput: segment pairs checked per second on a large translation
//! memory. The UN development set (4,000 line pairs) is built into a glossary (every entry
//! checked, `--status all`), then replicated and shuffled into a TSV memory of PAIRS pairs
//! (default 1,000,000, as the scale benches make theirs: `zhterm::bench::generate_tsv`) in a
//! temporary folder, which is read, aligned and checked as `zhterm check` does.
//!
//! `cargo bench --bench check -- [PAIRS]`. The devset is looked for in the folders above the
//! checkout (`shared/data/un-v1.0-devset/`) or in `$ZHTERM_BENCH_UN` (the folder); it is read
//! at run time only, and the target compiles without it.

use std::path::{Path, PathBuf};
use std::time::Instant;
use zhterm::check::{self, Glossary, Kind, StatusFilter};
use zhterm::corpus;
use zhterm::lexicon::Lexicon;

const UN: &str = "shared/data/un-v1.0-devset";

fn main() {
    let pairs: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let Some(un) = un_folder() else {
        eprintln!("check bench: no UN devset; set ZHTERM_BENCH_UN to its folder");
        return;
    };
    let zh_path = un.join("UNv1.0.devset.zh");
    let report = corpus::load(std::slice::from_ref(&zh_path), &Default::default()).unwrap_or_else(|e| fail(e));
    let started = Instant::now();
    let build = zhterm::pipeline::build(&report.documents, &Default::default());
    let glossary = Glossary::from_graph(&build.graph, Some(StatusFilter::All)).unwrap_or_else(|e| fail(e));
    println!(
        "glossary    {} entries, {} Chinese forms (built from the devset in {:.1} s)",
        glossary.entries.len(),
        glossary.forms(),
        started.elapsed().as_secs_f64()
    );
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|e| fail(e));
    let (zh, en) = (read(&zh_path), read(&un.join("UNv1.0.devset.en")));
    let source: Vec<(String, String)> = zh.lines().zip(en.lines()).map(|(z, e)| (z.into(), e.into())).collect();
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let memory = dir.path().join("memory.tsv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&memory).unwrap_or_else(|e| fail(e)));
    let made = zhterm::bench::generate_tsv(&source, pairs, false, &mut out).unwrap_or_else(|e| fail(e));
    drop(out);
    println!(
        "memory      {} pairs, {:.0} MB (replicated devset, TSV)",
        made.pairs,
        (made.zh_bytes + made.en_bytes) as f64 / 1e6
    );

    let started = Instant::now();
    let input = check::read(&[memory], &Default::default()).unwrap_or_else(|e| fail(e));
    let reading = started.elapsed().as_secs_f64();
    let lexicon = Lexicon::new();
    let started = Instant::now();
    let checked = check::check(&glossary, &input.report.documents, &input.segments, &lexicon);
    let checking = started.elapsed().as_secs_f64();
    let segments = checked.segments as f64;
    println!("read        {reading:.2} s (decode, TSV reader, segments)");
    println!("check       {checking:.2} s on {} threads", rayon::current_num_threads());
    println!(
        "throughput  {:.0} segment pairs/s checking, {:.0} pairs/s with reading",
        segments / checking,
        segments / (reading + checking)
    );
    println!(
        "found       {} occurrences of {} terms: {} missing, {} inconsistent, {} rejected",
        checked.occurrences,
        checked.terms,
        checked.count(Kind::Missing),
        checked.count(Kind::Inconsistent),
        checked.count(Kind::Rejected)
    );
    match zhterm::memory::peak_rss_bytes() {
        Some(bytes) => println!("peak memory {:.0} MB (VmHWM)", bytes as f64 / 1_048_576.0),
        None => println!("peak memory unavailable on this platform"),
    }
}

fn un_folder() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ZHTERM_BENCH_UN") {
        return Some(PathBuf::from(path));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().skip(1).map(|dir| dir.join(UN)).find(|p| p.join("UNv1.0.devset.zh").exists())
}

fn fail(error: impl std::fmt::Display) -> ! {
    eprintln!("check bench: {error}");
    std::process::exit(2);
}
