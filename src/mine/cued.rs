//! Cued terms: before the runs are tallied, quoted names and titles are recorded and short
//! quoted names taught to the segmenter; once they are tallied, the occurrences of those no
//! run produced are found by string search, and where a defined name starts when the run
//! before its bracket took in words of the sentence.

use super::clauses::Sentence;
use super::cues::{self, CueKind};
use super::tally::Tally;
use super::{runs, Occurrence};
use crate::corpus::{is_han, Distinct, Document};
use crate::segment::{Pos, Segmenter};
use rustc_hash::FxHashMap as HashMap;

/// Quoted expressions up to this length are taught to the segmenter as words.
const MAX_SEGMENTER_WORD_CHARS: usize = 10;

/// Cued terms that no token run produced (titles with 的 inside, abbreviations, quoted
/// expressions starting with a numeral) get their occurrences by string search: one pass of
/// an automaton over the distinct clause texts (`texts`, of `sentences`), however many such
/// terms there are; a copy of a clause text has its finds at its own offsets.
pub(super) fn count_cued_occurrences(
    docs: &[Document],
    sentences: &[Sentence],
    texts: &Distinct,
    table: &mut HashMap<String, Tally>,
) {
    let mut missing: Vec<&String> = table
        .iter()
        .filter(|(_, tally)| !tally.cues.is_empty() && tally.occurrences.is_empty())
        .map(|(t, _)| t)
        .collect();
    if missing.is_empty() {
        return;
    }
    missing.sort();
    let terms: Vec<String> = missing.into_iter().cloned().collect();
    let automaton = aho_corasick::AhoCorasick::new(&terms).expect("plain strings build an automaton");
    // Searched on all cores, each distinct text once (a large memory's clauses are half copies):
    // (text, pattern, span in the clause), in text order.
    use rayon::prelude::*;
    let narrow = |n: usize| u32::try_from(n).expect("clauses and patterns fit in 32 bits");
    let finds: Vec<(u32, u32, u32, u32)> = texts
        .first
        .par_iter()
        .enumerate()
        .flat_map_iter(|(slot, &i)| {
            let Sentence { doc, ref span, .. } = sentences[i];
            let finds = automaton.find_overlapping_iter(&docs[doc].zh[span.clone()]);
            finds.map(move |f| (narrow(slot), narrow(f.pattern().as_usize()), narrow(f.start()), narrow(f.end())))
        })
        .collect();
    // Where each text's finds start in `finds`.
    let mut starts = vec![0usize; texts.len() + 1];
    for &(slot, ..) in &finds {
        starts[slot as usize + 1] += 1;
    }
    for slot in 0..texts.len() {
        starts[slot + 1] += starts[slot];
    }
    // Recorded in corpus order.
    for (i, &Sentence { doc, ref span, repeat }) in sentences.iter().enumerate() {
        let slot = texts.slot[i];
        for &(_, pattern, start, end) in &finds[starts[slot]..starts[slot + 1]] {
            let tally = table.get_mut(&terms[pattern as usize]).expect("every pattern is in the table");
            tally.occurrences.push(Occurrence::new(doc, span.start + start as usize..span.start + end as usize));
            tally.counted += usize::from(!repeat);
        }
    }
}

/// A long form seen only where the text defines it, whose ending the text repeats as a name of
/// its own, defines that ending: the run before the bracket took in words of the sentence
/// (报告联合国伊拉克援助团（联伊援助团）"the report of" + the mission, named again elsewhere as
/// 联合国伊拉克援助团). The longest such ending that still holds each Chinese short form's
/// characters in order ([`cues::ends_with_long_form`]) takes the definition. A Latin short form
/// (RCEP) says nothing of where its name starts: its long form stays.
pub(super) fn relink_long_forms(table: &mut HashMap<String, Tally>) {
    let mut moves: Vec<(String, String)> = table
        .iter()
        .filter(|(_, tally)| {
            tally.cues.contains(&CueKind::Defined)
                && tally.occurrences.len() == 1
                && !tally.short_forms.is_empty()
                && tally.short_forms.iter().all(|short| short.chars().all(is_han))
        })
        .filter_map(|(long, tally)| {
            let ending = long
                .char_indices()
                .skip(1)
                .map(|(at, _)| &long[at..])
                .take_while(|ending| tally.short_forms.iter().all(|short| cues::ends_with_long_form(short, ending)))
                .find(|ending| table.get(*ending).is_some_and(|t| t.occurrences.len() >= 2))?;
            Some((long.clone(), ending.to_string()))
        })
        .collect();
    // Each move touches its own two entries; sorted only so the code reads in one order.
    moves.sort_unstable();
    for (long, ending) in moves {
        let short_forms = {
            let tally = table.get_mut(&long).expect("a term of the table");
            tally.cues.remove(&CueKind::Defined);
            std::mem::take(&mut tally.short_forms)
        };
        let tally = table.get_mut(&ending).expect("a term of the table");
        tally.cues.insert(CueKind::Defined);
        tally.short_forms.extend(short_forms);
    }
}

/// Quoted names (not quoted clauses) and titles: recorded as cued, and short quoted names
/// taught to the segmenter.
pub(super) fn teach_cued_words(
    docs: &[Document],
    sentences: &[Sentence],
    segmenter: &mut Segmenter,
    table: &mut HashMap<String, Tally>,
) {
    // The cues are found on all cores, each clause read alone; they are taught in corpus
    // order, on one, since a word taught changes how the next cued string is cut. Finding
    // them on one core kept the other idle for most of a second in a million-pair memory,
    // where few clauses hold any.
    let found: Vec<(&Sentence, Vec<cues::Cue>, Vec<cues::ShortForm>)> = {
        use rayon::prelude::*;
        sentences
            .par_iter()
            .filter_map(|sentence| {
                let clause = &docs[sentence.doc].zh[sentence.span.clone()];
                let cued = cues::quoted_and_titles(clause);
                let declared: Vec<_> = cues::short_forms(clause).into_iter().filter(|form| form.declared).collect();
                (!cued.is_empty() || !declared.is_empty()).then_some((sentence, cued, declared))
            })
            .collect()
    };
    for (Sentence { doc, span, .. }, cued, declared) in found {
        let text = &docs[*doc].zh;
        for cue in cued {
            let cued = &text[span.start + cue.span.start..span.start + cue.span.end];
            let clause = || segmenter.tokens(cued, 0).iter().any(|t| runs::links_clauses(&cued[t.span.clone()], t.pos));
            if cue.kind == CueKind::Quoted && (clause() || is_deictic(cued, segmenter)) {
                continue;
            }
            table.entry(cued.to_string()).or_default().cues.insert(cue.kind);
            // Straight quotes are paired by guess: what they hold is cued, not taught, since a
            // taught word changes the cut of the whole corpus.
            if cue.kind == CueKind::Quoted
                && !cue.straight
                && cued.chars().count() <= MAX_SEGMENTER_WORD_CHARS
                && cued.chars().all(is_han)
            {
                segmenter.add_word(cued, "nz");
            }
        }
        // A long form the text gives a short form for (北海渔业组织（以下简称北渔组织）) is one name:
        // cut apart, its pieces made runs of their own (组织成员国 of 北海渔业组织成员国).
        let clause = &text[span.clone()];
        for form in declared {
            let before = &clause[..form.long_end];
            let short = &clause[form.short.clone()];
            let Some(start) = cues::long_form_start(short, before) else { continue };
            let long = &before[start..];
            let chars = long.chars().count();
            if chars > short.chars().count() && chars <= MAX_SEGMENTER_WORD_CHARS && !segmenter.is_dictionary_word(long)
            {
                segmenter.add_word(long, "nz");
            }
        }
    }
}

/// “本组织”, “该协定”: a demonstrative and a noun point back to a name, they are not one.
pub(super) fn is_deictic(text: &str, segmenter: &Segmenter) -> bool {
    segmenter.tokens(text, 0).first().is_some_and(|t| t.pos == Pos::Pronoun) || text.starts_with('此')
}

#[cfg(test)]
mod tests {
    use crate::corpus::{normalize::normalize_zh, Document, InputKind};
    use crate::lexicon::Lexicon;
    use crate::mine::{mine, Candidate, CueKind};
    use crate::segment::Segmenter;

    fn mined(text: &str) -> Vec<Candidate> {
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))];
        mine(&docs, &mut Segmenter::new(), &Lexicon::new())
    }

    fn defining<'c>(candidates: &'c [Candidate], short: &str) -> Option<&'c str> {
        candidates.iter().find(|c| c.short_forms.contains(short)).map(|c| c.term.as_str())
    }

    #[test]
    fn a_cued_term_no_run_produced_is_found_in_every_clause_copies_included() {
        use super::{count_cued_occurrences, HashMap, Tally};
        let text =
            "各方讨论了关于抗震设计的规范的情况。各方讨论了关于抗震设计的规范的情况。另外关于抗震设计的规范很重要。";
        let docs = vec![Document::monolingual("t".into(), InputKind::Plain, normalize_zh(text, false))];
        let sentences = crate::mine::clauses::body_sentences(&docs);
        let clauses: Vec<&str> = sentences.iter().map(|s| &docs[0].zh[s.span.clone()]).collect();
        let texts = crate::corpus::Distinct::of(&clauses);
        assert!(texts.len() < sentences.len(), "a clause is copied");
        let term = "关于抗震设计的规范";
        let mut table: HashMap<String, Tally> = HashMap::default();
        table.entry(term.to_string()).or_default().cues.insert(CueKind::Title);
        count_cued_occurrences(&docs, &sentences, &texts, &mut table);
        let tally = &table[term];
        assert_eq!(tally.occurrences.len(), 3, "once in each clause");
        assert!(tally.occurrences.iter().all(|o| &docs[0].zh[o.span()] == term));
        assert!(tally.occurrences.windows(2).all(|w| w[0].span().start < w[1].span().start), "in corpus order");
        assert_eq!(sentences.iter().filter(|s| s.repeat).count(), 1, "the copy is a repeat");
        assert_eq!(tally.counted, 2, "a copied clause adds an occurrence, not a count");
    }

    #[test]
    fn a_long_form_seen_once_defines_the_name_it_ends_with_when_the_text_repeats_it() {
        let defined = "秘书长审议了报告联合国伊拉克援助团（联伊援助团）的任务。";
        // Said once, the run before the bracket is all the text gives.
        assert_eq!(defining(&mined(defined), "联伊援助团"), Some("报告联合国伊拉克援助团"));
        let candidates = mined(&format!("{defined}联合国伊拉克援助团继续工作。安理会感谢联合国伊拉克援助团。"));
        assert_eq!(defining(&candidates, "联伊援助团"), Some("联合国伊拉克援助团"));
        let once = candidates.iter().find(|c| c.term == "报告联合国伊拉克援助团");
        assert!(once.is_none_or(|c| !c.cues.contains(&CueKind::Defined) && c.short_forms.is_empty()));
    }

    #[test]
    fn an_ending_that_drops_characters_of_the_short_form_defines_nothing() {
        // 援助团 recurs, but the short form keeps 联 and 伊, which it lacks.
        let candidates = mined("秘书长审议了联合国伊拉克援助团（联伊援助团）的任务。援助团继续工作。援助团很好。");
        assert_eq!(defining(&candidates, "联伊援助团"), Some("联合国伊拉克援助团"));
    }

    #[test]
    fn a_name_cut_by_a_word_that_ends_runs_reaches_back_to_what_its_short_form_keeps() {
        // 驻 "stationed in" ends the run before the bracket at 维持和平部队, which lacks 联.
        let candidates = mined("安理会注意到联合国驻塞浦路斯维持和平部队（联塞部队）的工作。");
        assert_eq!(defining(&candidates, "联塞部队"), Some("联合国驻塞浦路斯维持和平部队"));
        let long = candidates.iter().find(|c| c.term == "联合国驻塞浦路斯维持和平部队").expect("a candidate");
        assert_eq!(long.occurrences.len(), 1, "found in the text");
    }

    #[test]
    fn a_latin_short_form_keeps_its_long_form() {
        let candidates = mined(
            "他们研究了报告区域全面经济伙伴关系协定（RCEP）。各国签署了经济伙伴关系协定。各国落实经济伙伴关系协定。",
        );
        let long = defining(&candidates, "RCEP").expect("a long form");
        assert!(long.ends_with("区域全面经济伙伴关系协定"), "{long}");
    }
}
