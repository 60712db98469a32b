//! The candidate strings a large corpus holds at least twice, counted before the tally so
//! that it keeps no table for a string seen once (most strings of a large memory), and the
//! runs of each clause text that several clauses share, recorded for their copies to replay.

use super::neighbours::WordContexts;
use super::runs;
use super::segmented::Segmented;
use super::{string_hash, Sentence};
use crate::corpus::Document;
use crate::lexicon::Lexicon;
use rustc_hash::FxHashMap as HashMap;

/// Shards of the counts, by hash: joining two workers' counts runs on all cores.
const SHARDS: usize = 32;

fn shard_of(hash: u64) -> usize {
    super::shard_of(hash, SHARDS)
}

/// Hashes of the candidate strings that occur at least twice, with how often they occur,
/// in shards by hash (see [`repeated_strings`]); and the runs of each clause text that
/// several clauses share, which the copies after the first replay instead of finding them
/// again (a third of a large memory's clauses are exact copies, and finding a clause's runs
/// is most of tallying it).
pub(super) struct Repeated {
    pub(super) counts: Vec<HashMap<u64, u32>>,
    pub(super) recorded: HashMap<usize, Box<[Recorded]>>,
}

impl Repeated {
    /// How often the string hashed `hash` occurs, if at least twice.
    pub fn get(&self, hash: u64) -> Option<u32> {
        self.counts[shard_of(hash)].get(&hash).copied()
    }

    /// The runs recorded for distinct clause text `slot`, if several clauses share it.
    pub(super) fn recorded(&self, slot: usize) -> Option<&[Recorded]> {
        self.recorded.get(&slot).map(|runs| &runs[..])
    }
}

/// A run of a clause text, relative to the clause: its byte span and token range (the
/// tokens on either side are only read in a clause's first copy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Recorded {
    start: u32,
    end: u32,
    first_token: u32,
    end_token: u32,
}

impl Recorded {
    fn of(run: &runs::Run, clause_start: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).expect("a clause's offsets fit in 32 bits");
        Recorded {
            start: narrow(run.span.start - clause_start),
            end: narrow(run.span.end - clause_start),
            first_token: narrow(run.tokens.start),
            end_token: narrow(run.tokens.end),
        }
    }

    pub(super) fn run(&self, clause_start: usize) -> runs::Run<'static> {
        runs::Run {
            span: clause_start + self.start as usize..clause_start + self.end as usize,
            tokens: self.first_token as usize..self.end_token as usize,
            before: None,
            after: None,
        }
    }
}

/// [`Repeated`]: the candidate strings counted over distinct clause texts weighted by how
/// many clauses share each text, on all cores. The counts are kept in shards by hash, so that
/// joining two workers' counts, and keeping those seen twice, run on all cores too: joined in
/// one table, the last join and the filter took a core alone for most of a second at 1M pairs.
pub(super) fn repeated_strings(
    docs: &[Document],
    sentences: &[Sentence],
    segmented: &Segmented,
    lexicon: &Lexicon,
    contexts: &WordContexts,
) -> Repeated {
    use rayon::prelude::*;
    type Counts = Vec<HashMap<u64, usize>>;
    // Each worker's counts, and the runs of the texts it met that several clauses share.
    type Part = (Counts, Vec<(usize, Box<[Recorded]>)>);
    let empty = || -> Part { ((0..SHARDS).map(|_| HashMap::default()).collect(), Vec::new()) };
    let distinct: Vec<(usize, usize)> = segmented.distinct();
    let (counts, recorded) = distinct
        .par_iter()
        .enumerate()
        .fold(empty, |(mut counts, mut recorded), (slot, &(index, copies))| {
            let sentence = &sentences[index];
            let text = &docs[sentence.doc].zh;
            let line = segmented.tokens(index, sentence);
            let binds = |i: usize| contexts.compound_at(text, &line, i);
            let found = runs::classified_runs(text, &line, &segmented.classes(index, text, &line, lexicon), binds);
            for run in &found {
                let hash = string_hash(&text[run.span.clone()]);
                *counts[shard_of(hash)].entry(hash).or_default() += copies;
            }
            if copies > 1 {
                let runs = found.iter().map(|run| Recorded::of(run, sentence.span.start)).collect();
                recorded.push((slot, runs));
            }
            (counts, recorded)
        })
        .reduce(empty, |(mut a, mut recorded), (b, more)| {
            a.par_iter_mut().zip(b).for_each(|(a, b)| crate::corpus::add_counts(a, b));
            recorded.extend(more);
            (a, recorded)
        });
    let counts = counts
        .into_par_iter()
        .map(|shard| {
            shard
                .into_iter()
                .filter(|&(_, n)| n >= 2)
                .map(|(hash, n)| (hash, u32::try_from(n).unwrap_or(u32::MAX)))
                .collect()
        })
        .collect();
    Repeated { counts, recorded: recorded.into_iter().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mine::tally::Tally;
    use crate::mine::test_corpus::TestCorpus;

    #[test]
    fn copies_that_replay_recorded_runs_tally_as_if_found_again() {
        // Clauses repeated word for word, one after a different clause each time, one that
        // defines a short form across the clause before it, and one repeated but for a space.
        let text = "上海合作组织，简称上合组织。推动数字经济发展，深化区域合作。\
                    推动数字经济发展，加强人文交流。上海合作组织，简称上合组织。\
                    推动数字 经济发展，深化区域合作。建设智能电网。深化区域合作。";
        let corpus = TestCorpus::new(text);
        let tallies = corpus.tallies();
        let repeated = corpus.repeated();
        assert!(!repeated.recorded.is_empty(), "the copies' runs are recorded");
        let found_again = Repeated { counts: repeated.counts.clone(), recorded: HashMap::default() };
        let (mut replayed, mut again) = (HashMap::default(), HashMap::default());
        tallies.count(Some(&repeated), &mut replayed);
        tallies.count(Some(&found_again), &mut again);
        for table in [&mut replayed, &mut again] {
            table.values_mut().for_each(|t: &mut Tally| t.occurrences.sort_unstable());
        }
        assert!(replayed.contains_key("上合组织") && replayed.contains_key("区域合作"));
        assert_eq!(replayed, again);
    }
}
