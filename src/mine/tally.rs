//! The candidate tally: every clause's token runs counted into one table of candidate
//! strings (occurrences, counted occurrences, neighbours on both sides, short forms), on all
//! cores and in a result that does not depend on their number.

use super::cued::is_deictic;
use super::cues::{self, CueKind};
use super::neighbours::WordContexts;
use super::repeated::Repeated;
use super::runs;
use super::segmented::Segmented;
use super::{string_hash, Occurrence, Sentence};
use crate::corpus::{is_han, Document, Span};
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter, Token};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Tally {
    pub words: Vec<String>,
    pub tags: Vec<Pos>,
    pub occurrences: Vec<Occurrence>,
    /// Occurrences in clauses not seen before.
    pub counted: usize,
    pub cues: BTreeSet<CueKind>,
    pub short_forms: BTreeSet<String>,
    pub left: HashMap<Neighbour, u32>,
    pub right: HashMap<Neighbour, u32>,
}

/// A neighbour word as a tally counts it: the hash of its string (a million-pair memory has
/// tens of millions of neighbour entries; a string each would double mining's memory) and
/// whether it is weak: a right neighbour the candidate modifies without being bound to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Neighbour {
    pub hash: u64,
    pub weak: bool,
}

/// The neighbour class of an open side (see [`Candidate::left_variety`]).
pub(super) const OPEN: &str = "";

/// What the candidate tally reads: the segmented clauses and the word statistics.
pub(super) struct Tallies<'a> {
    pub docs: &'a [Document],
    pub sentences: &'a [Sentence],
    pub segmented: &'a Segmented,
    pub segmenter: &'a Segmenter,
    pub lexicon: &'a Lexicon,
    pub contexts: &'a WordContexts,
}

/// Shards of the tally table (see [`Tallies::count`]): enough to balance the cores.
const SHARDS: usize = 32;

/// The shard of a term, by its [`string_hash`].
fn shard_of(hash: u64) -> usize {
    super::shard_of(hash, SHARDS)
}

/// Clauses read by one worker at a time, before the runs met are counted into the table:
/// enough to amortise a batch, few enough to keep both cores busy on a small corpus and the
/// runs met in memory small. Tests use small chunks, so that their corpora span several
/// chunks and batches.
const TALLY_CHUNK: usize = if cfg!(test) { 3 } else { 65_536 };

/// A run met in a clause, as the first pass writes it for the shard of its string: where it
/// is, the clause and tokens it was cut from (for the words of a string met first there) and,
/// in a clause not seen before, its neighbours.
struct Met {
    hash: u64,
    left: u64,
    right: u64,
    occurrence: Occurrence,
    clause: u32,
    first_token: u32,
    end_token: u32,
    /// The right neighbour is weak (see [`Neighbour`]).
    weak: bool,
    /// In a clause not seen before: counted, with its neighbours.
    counted: bool,
}

/// What one chunk of clauses met: its runs, in shards by their string's hash and in corpus
/// order, and the short forms it defined (long form, short form).
struct ChunkRuns {
    shards: Vec<Vec<Met>>,
    defined: Vec<(String, String)>,
}

impl Default for ChunkRuns {
    fn default() -> Self {
        ChunkRuns { shards: (0..SHARDS).map(|_| Vec::new()).collect(), defined: Vec::new() }
    }
}

/// The tally table in shards by the term's hash: the hash of each run is computed once, in
/// the first pass, and not again for the look-up.
type ShardTable = hashbrown::HashTable<(u64, String, Tally)>;

impl Tallies<'_> {
    /// Tallies every clause's token runs into `table`, on all cores, in two passes per batch
    /// of chunks: each chunk's runs found and written out by shard (one chunk per core), then
    /// each shard's runs counted into its table in corpus order (one shard per core). So the
    /// result (the words of a term as first seen, its occurrences) does not depend on the
    /// number of threads, and no table is made per chunk and merged: each chunk's tables of
    /// strings, words and neighbours, merged into the whole, took a third of the tally in a
    /// million-pair memory.
    pub fn count(&self, repeated: Option<&Repeated>, table: &mut HashMap<String, Tally>) {
        use rayon::prelude::*;
        let chunks: Vec<std::ops::Range<usize>> = (0..self.sentences.len())
            .step_by(TALLY_CHUNK)
            .map(|start| start..(start + TALLY_CHUNK).min(self.sentences.len()))
            .collect();
        let mut shards: Vec<ShardTable> = (0..SHARDS).map(|_| ShardTable::default()).collect();
        for (term, tally) in table.drain() {
            let hash = string_hash(&term);
            shards[shard_of(hash)].insert_unique(hash, (hash, term, tally), |e| e.0);
        }
        // As many chunks at a time as there are workers, counted before the next batch: the
        // runs met are many, and holding them all would multiply peak memory.
        let workers = rayon::current_num_threads().max(1);
        // Each chunk's lists of runs met, emptied and filled again batch after batch: grown
        // anew for every chunk, they took a tenth of the tally.
        let mut parts: Vec<ChunkRuns> = (0..workers).map(|_| ChunkRuns::default()).collect();
        for batch in chunks.chunks(workers) {
            let known: &[ShardTable] = &shards;
            parts.par_iter_mut().zip(batch).for_each(|(part, range)| self.chunk(range.clone(), repeated, known, part));
            let parts = &parts[..batch.len()];
            shards.par_iter_mut().enumerate().for_each(|(index, shard)| {
                for met in parts.iter().flat_map(|part| &part.shards[index]) {
                    self.add(shard, met, repeated);
                }
            });
            for (long, short) in parts.iter().flat_map(|part| &part.defined) {
                let tally = entry(&mut shards, long, repeated);
                tally.cues.insert(CueKind::Defined);
                tally.short_forms.insert(short.clone());
                entry(&mut shards, short, repeated).cues.insert(CueKind::Abbreviation);
            }
        }
        table.extend(shards.into_iter().flatten().map(|(_, term, tally)| (term, tally)));
    }

    /// Counts run `met` into its shard's table.
    fn add(&self, shard: &mut ShardTable, met: &Met, repeated: Option<&Repeated>) {
        let text = &self.docs[met.occurrence.doc()].zh;
        let term = &text[met.occurrence.span()];
        let tally = entry_hashed(shard, met.hash, term, repeated);
        if tally.words.is_empty() {
            let index = met.clause as usize;
            let line = self.segmented.tokens(index, &self.sentences[index]);
            let words = &line[met.first_token as usize..met.end_token as usize];
            tally.words = words.iter().map(|t| text[t.span.clone()].to_string()).collect();
            tally.tags = words.iter().map(|t| t.pos).collect();
        }
        tally.occurrences.push(met.occurrence);
        if met.counted {
            tally.counted += 1;
            count_neighbour(&mut tally.left, met.left, false);
            count_neighbour(&mut tally.right, met.right, met.weak);
        }
    }

    /// One chunk's runs, written into `out` (emptied first). `known` holds the cued terms
    /// found before (they are tallied even when a large corpus uses them once).
    fn chunk(
        &self,
        range: std::ops::Range<usize>,
        repeated: Option<&Repeated>,
        known: &[ShardTable],
        out: &mut ChunkRuns,
    ) {
        out.shards.iter_mut().for_each(Vec::clear);
        out.defined.clear();
        // Strings this chunk defined as long or short forms: tallied from then on, as known.
        let mut defined: rustc_hash::FxHashSet<String> = Default::default();
        let open = string_hash(OPEN);
        // The clause before, which a short form may define (上海合作组织，简称上合组织): its
        // document, span and run spans (one buffer, refilled for every clause).
        let mut previous: Option<(usize, Span)> = None;
        let mut previous_runs: Vec<Span> = Vec::new();
        let mut binds: Vec<Option<bool>> = Vec::new();
        let mut hashes: Vec<u64> = Vec::new();
        for index in range {
            let sentence = &self.sentences[index];
            let (doc, text) = (sentence.doc, &self.docs[sentence.doc].zh);
            // A copy of a clause text whose runs were recorded takes them as recorded; it is a
            // repeat, whose runs only add occurrences, and its tokens are not read.
            let recorded = match repeated {
                Some(r) if sentence.repeat => self.segmented.copied_text(index).and_then(|slot| r.recorded(slot)),
                _ => None,
            };
            let line = &match recorded {
                Some(_) => Vec::new(),
                None => self.segmented.tokens(index, sentence),
            };
            // One look-up of each word class per token, shared by the runs and their neighbours.
            let classes = recorded.is_none().then(|| self.segmented.classes(index, text, line, self.lexicon));
            let found = match &classes {
                Some(classes) => {
                    runs::classified_runs(text, line, classes, |i| self.contexts.compound_at(text, line, i))
                }
                None => recorded.into_iter().flatten().map(|r| r.run(sentence.span.start)).collect(),
            };
            let index_of = |t: &Token| line.partition_point(|u| u.span.start < t.span.start);
            // Whether the word after a run binds to the run's last word, by the run's end: the
            // runs ending at one token share it, and it is a look-up in the binding pairs.
            binds.clear();
            binds.resize(line.len() + 1, None);
            // Each word hashed once, for the neighbours of every run it borders.
            hashes.clear();
            if !sentence.repeat {
                hashes.extend(line.iter().map(|t| string_hash(&text[t.span.clone()])));
            }
            for run in &found {
                let term = &text[run.span.clone()];
                let hash = string_hash(term);
                // A string the corpus holds once is not tallied unless cued before.
                let once = repeated.is_some_and(|r| r.get(hash).is_none());
                if once && !defined.contains(term) && find(&known[shard_of(hash)], hash, term).is_none() {
                    continue;
                }
                let narrow = |n: usize| u32::try_from(n).expect("clauses and tokens fit in 32 bits");
                let mut met = Met {
                    hash,
                    left: open,
                    right: open,
                    occurrence: Occurrence::new(doc, run.span.clone()),
                    clause: narrow(index),
                    first_token: narrow(run.tokens.start),
                    end_token: narrow(run.tokens.end),
                    weak: false,
                    counted: !sentence.repeat,
                };
                if !sentence.repeat {
                    let classes = classes.as_ref().expect("a counted clause is classified, not replayed");
                    let last = hashes[run.tokens.end - 1];
                    met.left = run.before.map(index_of).filter(|&i| classes.can_start(i)).map_or(open, |i| hashes[i]);
                    // After it, a word that binds to it makes it a piece; so does a noun it
                    // modifies every time (开放型世界 + 经济), marked weak. An activity noun (合作),
                    // a verb or punctuation does not: Chinese noun phrases are head-final.
                    let after = run.after.map(|t| (t, index_of(t)));
                    let bound = after.is_some_and(|(_, i)| {
                        *binds[run.tokens.end].get_or_insert_with(|| self.contexts.binds_hashed(hashes[i], last))
                    });
                    (met.right, met.weak) = match after {
                        Some((_, i)) if bound => (hashes[i], false),
                        Some((t, i)) if t.pos != Pos::VerbalNoun && classes.can_head(i) => (hashes[i], true),
                        _ => (open, false),
                    };
                }
                out.shards[shard_of(hash)].push(met);
            }
            let mut context = sentence.span.clone();
            let defines_before = text[context.clone()].contains("简称");
            if let Some((_, before)) =
                previous.take().filter(|(d, before)| defines_before && *d == doc && before.end == context.start)
            {
                context.start = before.start;
            }
            let ending_at = |end: usize| {
                let own = found.iter().map(|run| &run.span);
                let before = previous_runs.iter().filter(|_| context.start < sentence.span.start);
                // The last item of a list (外层空间事务厅、东南亚国家联盟（东盟）) is what the
                // bracket abbreviates, not the list.
                own.chain(before)
                    .filter(|span| span.end == end && !text[(*span).clone()].contains('、'))
                    .max_by_key(|span| span.len())
                    .cloned()
            };
            for (long, short) in short_forms(text, &context, ending_at, self.segmenter) {
                defined.insert(long.clone());
                defined.insert(short.clone());
                out.defined.push((long, short));
            }
            previous = Some((doc, sentence.span.clone()));
            previous_runs.clear();
            previous_runs.extend(found.iter().map(|run| run.span.clone()));
        }
    }
}

/// The entry of `term` (hashed `hash`) in a shard's table.
fn find<'t>(shard: &'t ShardTable, hash: u64, term: &str) -> Option<&'t Tally> {
    shard.find(hash, |entry| entry.1 == term).map(|entry| &entry.2)
}

/// The tally of `term` (hashed `hash`) in its shard, made if new, with room for every
/// occurrence the corpus holds: grown by doubling, a million-pair memory's lists held a third
/// more than they used at the tally's end, its peak.
fn entry_hashed<'t>(shard: &'t mut ShardTable, hash: u64, term: &str, repeated: Option<&Repeated>) -> &'t mut Tally {
    use hashbrown::hash_table::Entry;
    match shard.entry(hash, |entry| entry.1 == term, |entry| entry.0) {
        Entry::Occupied(entry) => &mut entry.into_mut().2,
        Entry::Vacant(entry) => {
            let mut tally = Tally::default();
            tally.occurrences.reserve_exact(repeated.and_then(|r| r.get(hash)).map_or(0, |n| n as usize));
            &mut entry.insert((hash, term.to_string(), tally)).into_mut().2
        }
    }
}

/// The tally of `term` in the sharded table, made if new.
fn entry<'t>(shards: &'t mut [ShardTable], term: &str, repeated: Option<&Repeated>) -> &'t mut Tally {
    let hash = string_hash(term);
    entry_hashed(&mut shards[shard_of(hash)], hash, term, repeated)
}

/// Counts a neighbour, by the hash of its word (a weak one apart from the same word bound).
fn count_neighbour(side: &mut HashMap<Neighbour, u32>, hash: u64, weak: bool) {
    *side.entry(Neighbour { hash, weak }).or_default() += 1;
}

/// The `long（SHORT）` and `long，简称SHORT` pairs a clause defines, as (long form, short form):
/// the long form is the longest candidate ending at the bracket or comma (`line` may hold the
/// clause before).
fn short_forms(
    text: &str,
    line: &Span,
    run_ending_at: impl Fn(usize) -> Option<Span>,
    segmenter: &Segmenter,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for form in cues::short_forms(&text[line.clone()]) {
        let Some(mut long) = run_ending_at(line.start + form.long_end) else { continue };
        let short = text[line.start + form.short.start..line.start + form.short.end].to_string();
        if is_deictic(&short, segmenter) {
            continue;
        }
        // A run cut inside the name by a word that ends runs (联合国驻塞浦路斯维持和平部队（联塞部队）,
        // 驻 "stationed in") lacks characters the Chinese short form keeps: the name reaches
        // back, over Chinese characters only, to where they start.
        if let Some(at) = cues::long_form_start(&short, &text[line.start..line.start + form.long_end]) {
            let start = line.start + at;
            if start < long.start && text[start..long.start].chars().all(is_han) {
                long.start = start;
            }
        }
        out.push((text[long].to_string(), short));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mine::test_corpus::TestCorpus;

    /// The tally of `corpus` on `threads` threads, each term's occurrences sorted.
    fn tally_on(threads: usize, corpus: &TestCorpus) -> HashMap<String, Tally> {
        let repeated = corpus.repeated();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
        let mut table = HashMap::default();
        pool.install(|| corpus.tallies().count(Some(&repeated), &mut table));
        table.values_mut().for_each(|t| t.occurrences.sort_unstable());
        table
    }

    #[test]
    fn the_tally_does_not_depend_on_the_number_of_threads() {
        // More clauses than one batch of chunks holds, with a short form defined part way.
        let text = "推动数字经济发展，深化区域合作。建设智能电网，推动数字经济发展。\
                    上海合作组织，简称上合组织。上合组织推动区域合作，建设智能电网。\
                    深化区域合作，加强人文交流。推动数字经济发展，加强人文交流。\
                    上合组织深化区域合作。建设智能电网。";
        let corpus = TestCorpus::new(text);
        let one = tally_on(1, &corpus);
        assert!(one["区域合作"].counted >= 3 && one["区域合作"].occurrences.len() >= 4);
        assert!(one["上合组织"].cues.contains(&CueKind::Abbreviation));
        assert!(one.values().any(|t| t.short_forms.contains("上合组织")), "the long form is linked");
        for threads in [2, 3] {
            assert_eq!(tally_on(threads, &corpus), one, "{threads} threads");
        }
    }
}
