//! Competitive linking: each English phrase, and the words under it, goes to one term. The
//! best-scored (term, English) links are fixed first; a term whose best English was taken
//! falls back on its next option, and an exchange step lets a term take back its preferred
//! phrase when the holder loses less than it gains.

mod sharing;

use super::complete::joined_by_small_word;
use super::{Equivalent, Option_, EXCHANGE_DICTIONARY, SINGLE_PAIR_DICTIONARY};
use std::collections::HashMap;

/// Dictionary support with which a phrase renders a term nearly exactly, and the lead over the
/// holder's with which it renders it clearly better ([`return_within_nests`]).
const NEAR_EXACT: f64 = 0.9;
const RENDERS_BETTER: f64 = 0.1;

/// Words of a pair held by a term: (word range, term).
type Held = ((usize, usize), usize);

/// Which term holds which phrase, and the words of each pair already given away.
#[derive(Default)]
struct Links {
    chosen: Vec<Option<usize>>,
    holder: HashMap<u64, usize>,
    words: HashMap<usize, Vec<Held>>,
}

impl Links {
    /// [`Links::is_open`], and not a piece of a compound: only [`take_pieces`] gives those out.
    fn is_free(&self, terms: &[&str], term: usize, option: &Option_) -> bool {
        option.piece_of.is_none() && self.is_open(terms, term, option)
    }

    /// A piece of a compound is free when a longer term containing this one holds the
    /// compound (that term's extra characters are the compound's extra words) and it is open.
    fn piece_is_free(&self, terms: &[&str], term: usize, option: &Option_) -> bool {
        let holder = option.piece_of.and_then(|compound| self.holder.get(&compound));
        holder.is_some_and(|&t| t != term && terms[t].contains(terms[term])) && self.is_open(terms, term, option)
    }

    /// A phrase is open to `term` when no other term holds it and one of its spots does not
    /// conflict with a phrase another term holds ("fast" inside a taken "fast tracks"), unless
    /// the two terms nest (水质 "water quality" inside 地下水水质 "quality of groundwater").
    fn is_open(&self, terms: &[&str], term: usize, option: &Option_) -> bool {
        if self.holder.get(&option.key).is_some_and(|&t| t != term) {
            return false;
        }
        option.spots.iter().any(|(pair, (start, end))| {
            self.words.get(pair).is_none_or(|taken| {
                taken
                    .iter()
                    .all(|&((s, e), t)| t == term || nested(terms, t, term) || !conflicts((*start, *end), (s, e)))
            })
        })
    }

    fn take(&mut self, options: &[Vec<Option_>], term: usize, index: Option<usize>) {
        if let Some(old) = self.chosen[term] {
            let option = &options[term][old];
            self.holder.remove(&option.key);
            for (pair, range) in &option.spots {
                if let Some(taken) = self.words.get_mut(pair) {
                    taken.retain(|&(r, t)| !(r == *range && t == term));
                }
            }
        }
        self.chosen[term] = index;
        if let Some(new) = index {
            let option = &options[term][new];
            self.holder.insert(option.key, term);
            for (pair, range) in &option.spots {
                self.words.entry(*pair).or_default().push((*range, term));
            }
        }
    }

    /// The score of what `term` holds (0 for nothing), unless it is an English met in two
    /// pairs or more: an attested English of the term's own, which it keeps.
    fn unattested(&self, options: &[Vec<Option_>], term: usize) -> Option<f64> {
        match self.chosen[term].map(|o| &options[term][o].equivalent) {
            Some(held) if held.cooccurrences >= 2 => None,
            held => Some(held.map_or(0.0, |e| e.score)),
        }
    }

    /// `term` takes option `index`, which `holder` held; the holder falls back on its first
    /// option still free, but not on the phrase it lost joined to other words by a small word
    /// ("gratitude to" + a title handed to the title's term): the phrase is the other term's,
    /// and the words around it are the holder's only if they render more of it.
    fn hand_over(&mut self, terms: &[&str], options: &[Vec<Option_>], holder: usize, term: usize, index: usize) {
        let lost = self.chosen[holder].map(|o| &options[holder][o].equivalent);
        let around_lost = |o: &Option_| {
            lost.is_some_and(|lost| {
                joined_by_small_word(&o.equivalent.english, &lost.english)
                    && o.equivalent.dictionary < lost.dictionary + RENDERS_BETTER
            })
        };
        self.take(options, holder, None);
        self.take(options, term, Some(index));
        let fallback = options[holder].iter().position(|o| self.is_free(terms, holder, o) && !around_lost(o));
        self.take(options, holder, fallback);
    }

    fn score(&self, options: &[Vec<Option_>], term: usize) -> f64 {
        self.chosen[term].map_or(0.0, |o| options[term][o].equivalent.score)
    }
}

/// Whether `wanted` is one of `better` with words added: a term whose own English lies inside
/// another term's ("learning" for 学识, inside "machine learning" for 机器学习) has no claim to
/// the words around it, which the other term explains.
fn extends_a_better(better: &[Option_], wanted: &Option_) -> bool {
    let words = |o: &Option_| format!(" {} ", o.equivalent.english.to_lowercase());
    let wanted = words(wanted);
    better.iter().any(|o| o.piece_of.is_none() && wanted.contains(&words(o)))
}

fn nested(terms: &[&str], a: usize, b: usize) -> bool {
    terms[a].contains(terms[b]) || terms[b].contains(terms[a])
}

/// A phrase conflicts with one another term holds when it lies inside it or crosses it; a
/// longer phrase holding it is fine (关税 "customs duties" inside 关税减让表 "Schedule of Customs
/// Duties").
fn conflicts(candidate: (usize, usize), taken: (usize, usize)) -> bool {
    let overlap = candidate.0 < taken.1 && taken.0 < candidate.1;
    let holds_taken = candidate.0 <= taken.0 && taken.1 <= candidate.1;
    overlap && !holds_taken
}

/// Fixes (term, English) links best first; an English phrase, and the words under it, go to
/// one term only.
pub(super) fn competitive_linking(terms: &[&str], options: Vec<Vec<Option_>>) -> Vec<Option<Equivalent>> {
    let mut links: Vec<(usize, usize)> =
        options.iter().enumerate().flat_map(|(t, opts)| (0..opts.len()).map(move |o| (t, o))).collect();
    links.sort_by(|&(ta, oa), &(tb, ob)| {
        let (a, b) = (&options[ta][oa].equivalent, &options[tb][ob].equivalent);
        b.score.total_cmp(&a.score).then(ta.cmp(&tb)).then_with(|| a.english.cmp(&b.english))
    });
    let mut state = Links { chosen: vec![None; options.len()], ..Links::default() };
    for (term, index) in links {
        if state.chosen[term].is_none() && state.is_free(terms, term, &options[term][index]) {
            state.take(&options, term, Some(index));
        }
    }
    improve_by_exchange(terms, &options, &mut state);
    return_within_nests(terms, &options, &mut state);
    sharing::take_pieces(terms, &options, &mut state);
    sharing::take_synonyms(terms, &options, &mut state);
    sharing::take_names_of_nested(terms, &options, &mut state);
    // One supporting pair is no statistical evidence: every phrase of that pair co-occurs with
    // the term alike. Only the dictionary, or a vouching identity or acronym, can then tell
    // which phrase translates the term; without them the term keeps no English. (The phrase
    // stays taken: the term's presence there still explains those words.)
    let trusted =
        |o: &Option_| o.vouched || o.equivalent.cooccurrences > 1 || o.equivalent.dictionary >= SINGLE_PAIR_DICTIONARY;
    state
        .chosen
        .iter()
        .enumerate()
        .map(|(t, o)| o.map(|o| &options[t][o]).filter(|o| trusted(o)).map(|o| o.equivalent.clone()))
        .collect()
}

/// Of two nested terms, one can take the English that renders the other: 问题特派员 (the
/// commissioner for the question of …) took "Special Commissioner" from 特派员, and a fragment
/// can take the longer term's name ("Mid-Ocean Ridge" held by 中脊, not 洋中脊). A term takes
/// its preferred phrase back from a term nested in it or holding it when the phrase, met in two
/// pairs or more, renders it nearly exactly ([`NEAR_EXACT`]) and clearly better than the holder
/// ([`RENDERS_BETTER`]); the holder falls back on its next free option.
fn return_within_nests(terms: &[&str], options: &[Vec<Option_>], state: &mut Links) {
    for term in 0..options.len() {
        let current = state.score(options, term);
        let Some(wanted) = options[term].iter().position(|o| o.piece_of.is_none()) else { continue };
        let want = &options[term][wanted];
        let Some(&holder) = state.holder.get(&want.key) else { continue };
        if holder == term
            || want.equivalent.score <= current
            || want.equivalent.cooccurrences < 2
            || want.equivalent.dictionary < NEAR_EXACT
            || !nested(terms, holder, term)
        {
            continue;
        }
        let Some(held) = state.chosen[holder].map(|h| &options[holder][h]) else { continue };
        if held.equivalent.dictionary + RENDERS_BETTER > want.equivalent.dictionary {
            continue;
        }
        state.hand_over(terms, options, holder, term, wanted);
    }
}

/// Greedy linking can strand a term whose only good English went to a term that had another
/// good one (the idiomatic dictionary sense of one term taking the phrase that literally
/// renders another). A term takes its preferred phrase from the holder when the holder's
/// next free option loses less than the term gains; repeated a few times. A term never takes
/// from a term nested in it or holding it (储能 or 发展储能产业 from 储能产业), and only for an
/// English the dictionary supports.
fn improve_by_exchange(terms: &[&str], options: &[Vec<Option_>], state: &mut Links) {
    for _ in 0..4 {
        let mut changed = false;
        for term in 0..options.len() {
            let current = state.score(options, term);
            for (index, wanted) in options[term].iter().enumerate() {
                if wanted.equivalent.score <= current {
                    break;
                }
                let Some(&other) = state.holder.get(&wanted.key) else { continue };
                if other == term
                    || nested(terms, term, other)
                    || wanted.equivalent.dictionary < EXCHANGE_DICTIONARY
                    || extends_a_better(&options[term][..index], wanted)
                {
                    continue;
                }
                let before = state.score(options, other);
                let (old_term, old_other) = (state.chosen[term], state.chosen[other]);
                state.hand_over(terms, options, other, term, index);
                let gain = wanted.equivalent.score - current;
                let loss = before - state.score(options, other);
                if gain > loss + 1e-9 {
                    changed = true;
                    break;
                }
                state.take(options, other, None);
                state.take(options, term, old_term);
                state.take(options, other, old_other);
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn option(key: u64, english: &str, score: f64) -> Option_ {
        Option_ {
            key,
            vouched: false,
            piece_of: None,
            spots: vec![(0, (key as usize, key as usize + 1))],
            equivalent: Equivalent {
                english: english.into(),
                score,
                cooccurrences: 1,
                dice: score,
                dictionary: score,
                pairs: vec![],
                variants: vec![],
                abbreviation: None,
            },
        }
    }

    /// An option met in two pairs, each phrase in a pair of its own.
    pub(super) fn at(key: u64, english: &str, score: f64, dictionary: f64) -> Option_ {
        let mut o = option(key, english, score);
        o.spots = vec![(key as usize, (0, 2))];
        (o.equivalent.cooccurrences, o.equivalent.dictionary) = (2, dictionary);
        o
    }

    #[test]
    fn one_english_phrase_goes_to_one_term() {
        let options =
            vec![vec![option(1, "Customs Union", 0.9)], vec![option(1, "Customs Union", 0.8), option(2, "Union", 0.5)]];
        let chosen = competitive_linking(&["关税同盟", "同盟"], options);
        assert_eq!(chosen[0].as_ref().unwrap().english, "Customs Union");
        assert_eq!(chosen[1].as_ref().unwrap().english, "Union");
    }

    #[test]
    fn a_term_with_a_good_alternative_gives_way() {
        let options = vec![
            vec![option(1, "express lanes", 1.0), option(2, "green lanes", 0.85)],
            vec![option(1, "express lanes", 0.7), option(3, "build", 0.4)],
        ];
        let chosen = competitive_linking(&["绿色通道", "快速通道"], options);
        assert_eq!(chosen[0].as_ref().unwrap().english, "green lanes");
        assert_eq!(chosen[1].as_ref().unwrap().english, "express lanes");
    }

    #[test]
    fn a_term_does_not_take_the_phrase_around_its_own_english() {
        // 学识's "learning" lies inside 机器学习's "machine learning": greedy linking leaves it
        // nothing, and taking "machine learning" from 机器学习, whose fallback scores well, would
        // gain it more than 机器学习 loses.
        // One pair: "machine learning and data", words 0..4.
        let at = |key: u64, english: &str, score: f64, words: (usize, usize)| Option_ {
            spots: vec![(0, words)],
            ..option(key, english, score)
        };
        let options = vec![
            vec![at(1, "machine learning", 0.95, (0, 2)), at(2, "machine learning and data", 0.9, (0, 4))],
            vec![at(3, "learning", 0.94, (1, 2)), at(1, "machine learning", 0.77, (0, 2))],
        ];
        let chosen = competitive_linking(&["机器学习", "学识"], options);
        assert_eq!(chosen[0].as_ref().unwrap().english, "machine learning");
        assert_ne!(chosen[1].as_ref().map(|e| e.english.as_str()), Some("machine learning"));
    }

    #[test]
    fn of_two_nested_terms_the_one_a_phrase_renders_better_takes_it_back() {
        // 问题特派员 ("the commissioner for the question of ...") scores higher with "Special
        // Commissioner", which renders 特派员 exactly and leaves 问题 unrendered.
        let link = |terms: [&str; 2], dictionary: f64| {
            let options = vec![
                vec![at(1, "Special Commissioner", 0.9, 0.75), at(2, "Water Board", 0.5, 0.7)],
                vec![at(1, "Special Commissioner", 0.8, dictionary), at(3, "Commissioner", 0.6, 0.9)],
            ];
            competitive_linking(&terms, options).into_iter().map(|e| e.unwrap().english).collect::<Vec<_>>()
        };
        assert_eq!(link(["问题特派员", "特派员"], 1.0), ["Water Board", "Special Commissioner"]);
        // Not when the phrase leaves part of the nested term unrendered too, nor between
        // terms that do not nest.
        assert_eq!(link(["问题特派员", "特派员"], 0.8), ["Special Commissioner", "Commissioner"]);
        assert_eq!(link(["问题特派员", "专员"], 1.0), ["Special Commissioner", "Commissioner"]);
        // The other way round: a fragment (特派 "specially sent") holds the name that the term
        // containing it renders.
        assert_eq!(link(["特派", "特派员"], 1.0), ["Water Board", "Special Commissioner"]);
    }

    #[test]
    fn a_holder_does_not_fall_back_on_the_phrase_it_lost_joined_to_other_words() {
        // 罗兰上校 ("Colonel Roland") held "Colonel", which 上校 takes back; its next options
        // are "Colonel" after a small word, and its name.
        let link = |second: &str| {
            let options = vec![
                vec![
                    at(1, "Colonel", 0.9, 0.6),
                    at(2, &format!("{second} Colonel"), 0.7, 0.6),
                    at(3, "Colonel Roland", 0.6, 0.6),
                ],
                vec![at(1, "Colonel", 0.8, 1.0)],
            ];
            let chosen = competitive_linking(&["罗兰上校", "上校"], options);
            chosen.into_iter().map(|e| e.unwrap().english).collect::<Vec<_>>()
        };
        assert_eq!(link("thanks to"), ["Colonel Roland", "Colonel"]);
        // Words joined to it directly may be the holder's own.
        assert_eq!(link("Deputy"), ["Deputy Colonel", "Colonel"]);
    }

    #[test]
    fn one_supporting_pair_needs_the_dictionary_or_a_voucher() {
        let mut guess = option(1, "seeks", 0.6);
        guess.equivalent.dictionary = 0.1;
        let mut acronym = option(2, "MERCOSUR", 0.6);
        acronym.equivalent.dictionary = 0.0;
        acronym.vouched = true;
        let mut counted = option(3, "handbook", 0.6);
        counted.equivalent.dictionary = 0.0;
        counted.equivalent.cooccurrences = 3;
        let chosen = competitive_linking(&["指南", "南共市", "手册"], vec![vec![guess], vec![acronym], vec![counted]]);
        assert_eq!(chosen[0], None);
        assert_eq!(chosen[1].as_ref().unwrap().english, "MERCOSUR");
        assert_eq!(chosen[2].as_ref().unwrap().english, "handbook");
    }
}
