//! The candidate tally: every clause's token runs counted into one table of candidate
//! strings (occurrences, counted occurrences, neighbours on both sides, short forms), on all
//! cores and in a result that does not depend on their number.

use super::classes::Classes;
use super::cues::{self, CueKind};
use super::neighbours::WordContexts;
use super::repeated::Repeated;
use super::runs;
use super::segmented::Segmented;
use super::{is_deictic, string_hash, Occurrence, Sentence};
use crate::corpus::{Document, Span};
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

/// Clauses tallied by one worker at a time: enough to amortise a table per chunk (each term
/// of a chunk is a string, a tally and neighbour tables to allocate and merge: at 16k clauses
/// the merging took a quarter of the tally in a million-pair memory), few enough to keep both
/// cores busy on a small corpus.
const TALLY_CHUNK: usize = 65_536;

impl Tallies<'_> {
    /// Tallies every clause's token runs into `table`, on all cores: each chunk of clauses
    /// into a table of its own, merged in corpus order, so the result (the words of a term
    /// as first seen, its occurrences) does not depend on the number of threads.
    pub fn count(&self, repeated: Option<&Repeated>, table: &mut HashMap<String, Tally>) {
        use rayon::prelude::*;
        let chunks: Vec<std::ops::Range<usize>> = (0..self.sentences.len())
            .step_by(TALLY_CHUNK)
            .map(|start| start..(start + TALLY_CHUNK).min(self.sentences.len()))
            .collect();
        // The table in shards by the term's hash, so that merging a batch's chunk tables runs
        // on all cores too, one shard per task (merged alone, it took as long as the tally).
        let mut shards: Vec<HashMap<String, Tally>> = (0..SHARDS).map(|_| HashMap::default()).collect();
        for (term, tally) in table.drain() {
            shards[shard_of(string_hash(&term))].insert(term, tally);
        }
        // As many chunks at a time as there are workers, merged before the next batch: the
        // chunk tables are large, and holding them all would multiply peak memory.
        for batch in chunks.chunks(rayon::current_num_threads().max(1)) {
            let known: &[HashMap<String, Tally>] = &shards;
            let parts: Vec<Vec<HashMap<String, Tally>>> =
                batch.par_iter().map(|range| self.chunk(range.clone(), repeated, known)).collect();
            // Shard by shard, each shard's chunk parts in corpus order.
            shards.par_iter_mut().zip(super::by_shard(parts, SHARDS)).for_each(|(shard, parts)| {
                for part in parts {
                    for (term, tally) in part {
                        match shard.get_mut(&term) {
                            Some(existing) => existing.absorb(tally),
                            None => {
                                // Room for every occurrence the corpus holds, at once: grown
                                // by doubling, a million-pair memory's lists held a third
                                // more than they used at the tally's end, its peak.
                                let mut tally = tally;
                                let all = repeated.and_then(|r| r.get(string_hash(&term)));
                                let more = all.map_or(0, |n| (n as usize).saturating_sub(tally.occurrences.len()));
                                tally.occurrences.reserve_exact(more);
                                shard.insert(term, tally);
                            }
                        }
                    }
                }
            });
        }
        table.extend(shards.into_iter().flatten());
    }

    /// One chunk's tally. `known` holds the cued terms found before (they are tallied even
    /// when a large corpus uses them once).
    fn chunk(
        &self,
        range: std::ops::Range<usize>,
        repeated: Option<&Repeated>,
        known: &[HashMap<String, Tally>],
    ) -> Vec<HashMap<String, Tally>> {
        let mut table = ChunkTable::default();
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
            let line = &self.segmented.tokens(index, sentence);
            // A copy of a clause text whose runs were recorded takes them as recorded; it is a
            // repeat, whose runs only add occurrences.
            let recorded = match repeated {
                Some(r) if sentence.repeat => self.segmented.copied_text(index).and_then(|slot| r.recorded(slot)),
                _ => None,
            };
            // One look-up of each word class per token, shared by the runs and their neighbours.
            let classes = recorded.is_none().then(|| Classes::new(text, line, self.lexicon));
            let found = match &classes {
                Some(classes) => runs::classified_runs(text, line, classes),
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
                let Some(tally) = table.tally(hash, term, || {
                    // A string the corpus holds once is not tallied unless cued before.
                    let once = repeated.is_some_and(|r| r.get(hash).is_none());
                    !once || known[shard_of(hash)].contains_key(term)
                }) else {
                    continue;
                };
                if tally.words.is_empty() {
                    tally.words = line[run.tokens.clone()].iter().map(|t| text[t.span.clone()].to_string()).collect();
                    tally.tags = line[run.tokens.clone()].iter().map(|t| t.pos).collect();
                }
                tally.occurrences.push(Occurrence::new(doc, run.span.clone()));
                if sentence.repeat {
                    continue;
                }
                tally.counted += 1;
                let classes = classes.as_ref().expect("a counted clause is classified, not replayed");
                let last = hashes[run.tokens.end - 1];
                let left = run.before.map(index_of).filter(|&i| classes.can_start(i)).map_or(open, |i| hashes[i]);
                // After it, a word that binds to it makes it a piece; so does a noun it modifies
                // every time (开放型世界 + 经济), marked weak. An activity noun (合作), a verb or
                // punctuation does not: Chinese noun phrases are head-final.
                let after = run.after.map(|t| (t, index_of(t)));
                let bound = after.is_some_and(|(_, i)| {
                    *binds[run.tokens.end].get_or_insert_with(|| self.contexts.binds_hashed(hashes[i], last))
                });
                let right = match after {
                    Some((_, i)) if bound => (hashes[i], false),
                    Some((t, i)) if t.pos != Pos::VerbalNoun && classes.can_head(i) => (hashes[i], true),
                    _ => (open, false),
                };
                count_neighbour(&mut tally.left, left, false);
                count_neighbour(&mut tally.right, right.0, right.1);
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
                own.chain(before).filter(|span| span.end == end).max_by_key(|span| span.len()).cloned()
            };
            link_short_forms(text, &context, ending_at, self.segmenter, &mut table);
            previous = Some((doc, sentence.span.clone()));
            previous_runs.clear();
            previous_runs.extend(found.iter().map(|run| run.span.clone()));
        }
        let mut shards: Vec<HashMap<String, Tally>> = (0..SHARDS).map(|_| HashMap::default()).collect();
        for (hash, term, tally) in table.0 {
            shards[shard_of(hash)].insert(term, tally);
        }
        shards
    }
}

/// One chunk's tally table, by the term's hash, computed once for each occurrence (a million-
/// pair memory has tens of millions of runs; a map keyed by the string hashed each of them
/// again for every look-up).
#[derive(Default)]
struct ChunkTable(hashbrown::HashTable<(u64, String, Tally)>);

impl ChunkTable {
    /// The tally of `term` (hashed `hash`), made when `admit` allows it.
    fn tally(&mut self, hash: u64, term: &str, admit: impl FnOnce() -> bool) -> Option<&mut Tally> {
        use hashbrown::hash_table::Entry;
        match self.0.entry(hash, |entry| entry.1 == term, |entry| entry.0) {
            Entry::Occupied(entry) => Some(&mut entry.into_mut().2),
            Entry::Vacant(entry) if admit() => {
                Some(&mut entry.insert((hash, term.to_string(), Tally::default())).into_mut().2)
            }
            Entry::Vacant(_) => None,
        }
    }

    /// The tally of `term`, made if new.
    fn entry(&mut self, term: &str) -> &mut Tally {
        self.tally(string_hash(term), term, || true).expect("always admitted")
    }
}

impl Tally {
    /// Adds a later chunk's tally of the same term.
    fn absorb(&mut self, later: Tally) {
        if self.words.is_empty() {
            self.words = later.words;
            self.tags = later.tags;
        }
        self.occurrences.extend(later.occurrences);
        self.counted += later.counted;
        self.cues.extend(later.cues);
        self.short_forms.extend(later.short_forms);
        for (side, later) in [(&mut self.left, later.left), (&mut self.right, later.right)] {
            for (word, n) in later {
                *side.entry(word).or_default() += n;
            }
        }
    }
}

/// Counts a neighbour, by the hash of its word (a weak one apart from the same word bound).
fn count_neighbour(side: &mut HashMap<Neighbour, u32>, hash: u64, weak: bool) {
    *side.entry(Neighbour { hash, weak }).or_default() += 1;
}

/// Records `long（SHORT）` and `long，简称SHORT` pairs: the long form is the longest candidate
/// ending at the bracket or comma (`line` may hold the clause before).
fn link_short_forms(
    text: &str,
    line: &Span,
    run_ending_at: impl Fn(usize) -> Option<Span>,
    segmenter: &Segmenter,
    table: &mut ChunkTable,
) {
    for form in cues::short_forms(&text[line.clone()]) {
        let Some(long) = run_ending_at(line.start + form.long_end) else { continue };
        let short = text[line.start + form.short.start..line.start + form.short.end].to_string();
        if is_deictic(&short, segmenter) {
            continue;
        }
        let tally = table.entry(&text[long.clone()]);
        tally.cues.insert(CueKind::Defined);
        tally.short_forms.insert(short.clone());
        table.entry(&short).cues.insert(CueKind::Abbreviation);
    }
}
