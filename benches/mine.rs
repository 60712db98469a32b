//! Mining throughput: how many megabytes of Chinese text (UTF-8) the miner turns into ranked
//! candidates per second, and the peak memory of the process.
//!
//! `cargo bench --bench mine -- [FILE]`. Without FILE it looks for the UN development set
//! (`shared/data/un-v1.0-devset/UNv1.0.devset.zh`) in the folders above the checkout, or in
//! `$ZHTERM_BENCH_CORPUS`. The corpus is read at run time only; this target compiles without it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zhterm::corpus::{self, InputKind};
use zhterm::lexicon::Lexicon;
use zhterm::segment::Segmenter;

const RUNS: usize = 3;
const UN_CHINESE: &str = "shared/data/un-v1.0-devset/UNv1.0.devset.zh";

fn main() {
    let Some(path) = corpus_path() else {
        eprintln!("mine bench: no corpus; pass a file (cargo bench --bench mine -- FILE) or set ZHTERM_BENCH_CORPUS");
        return;
    };
    let options = corpus::LoadOptions { kind: Some(InputKind::Plain), ..Default::default() };
    let docs = match corpus::load(std::slice::from_ref(&path), &options) {
        Ok(report) => report.documents,
        Err(e) => {
            eprintln!("mine bench: {e}");
            std::process::exit(2);
        }
    };
    let bytes: usize = docs.iter().map(|d| d.zh.len()).sum();
    let started = Instant::now();
    let lexicon = Lexicon::new();
    let _ = Segmenter::new();
    let setup = started.elapsed();
    let mut times: Vec<Duration> = Vec::new();
    let mut candidates = 0;
    for _ in 0..RUNS {
        // A fresh segmenter each run: mining teaches it words.
        let mut segmenter = Segmenter::new();
        let start = Instant::now();
        candidates = zhterm::mine::mine(&docs, &mut segmenter, &lexicon).len();
        times.push(start.elapsed());
    }
    times.sort();
    let megabytes = bytes as f64 / 1_000_000.0;
    let median = times[RUNS / 2].as_secs_f64();
    println!("corpus      {} ({:.3} MB of Chinese text, UTF-8)", path.display(), megabytes);
    println!("setup       {:.2} s (jieba dictionary and CC-CEDICT, once per process)", setup.as_secs_f64());
    println!("mining      median {:.3} s, best {:.3} s over {RUNS} runs", median, times[0].as_secs_f64());
    println!("throughput  {:.3} MB/s (median)", megabytes / median);
    println!("candidates  {candidates}");
    match zhterm::memory::peak_rss_bytes() {
        Some(bytes) => println!("peak memory {:.1} MB (VmHWM)", bytes as f64 / 1_048_576.0),
        None => println!("peak memory unavailable on this platform"),
    }
}

fn corpus_path() -> Option<PathBuf> {
    if let Some(arg) = std::env::args().skip(1).find(|a| !a.starts_with('-')) {
        return Some(PathBuf::from(arg));
    }
    if let Some(path) = std::env::var_os("ZHTERM_BENCH_CORPUS") {
        return Some(PathBuf::from(path));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().skip(1).map(|dir| dir.join(UN_CHINESE)).find(|p| p.exists())
}
