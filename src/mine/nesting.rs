//! Nesting: which candidates a longer one explains, for C-value. Chinese noun phrases are
//! head-final: a longer candidate that adds modifiers on the left (上海 + 合作组织) explains the
//! shorter one, one that adds a new head on the right (禽流感 + 疫情) names another thing unless
//! that head binds to it, and a phrase seen (nearly) only inside one longer candidate is a
//! piece of it.

use super::neighbours::WordContexts;
use super::Candidate;
use crate::lexicon::Lexicon;
use crate::segment::{Pos, Segmenter};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// For each candidate nested in longer ones that explain it: the frequency of the most
/// frequent of them. Nesting is on word boundaries; a longer candidate explains a shorter one
/// when it adds words on the left (a modifier: 上海 + 合作组织, but not a verb that may be a
/// predicate: 发展 + 储能产业), or on the right a word that binds to it. A new head on the right names another thing (去杠杆化 + 政策, 禽流感 + 疫情).
/// Cued terms found by string search have no words: any candidate inside them counts.
pub(super) fn nesting_frequencies<'c>(
    candidates: &'c [Candidate],
    contexts: &WordContexts,
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) -> HashMap<&'c str, usize> {
    let known: HashMap<&str, Known> = candidates
        .iter()
        .map(|c| {
            // CC-CEDICT's word for it is asked where it matters ([`explained_by`]'s only_inside).
            let made_up =
                matches!(c.tags[..], [tag] if tag != Pos::PersonName) && !segmenter.is_dictionary_word(&c.term);
            (c.term.as_str(), Known { frequency: c.frequency, searched: c.tags.is_empty(), made_up })
        })
        .collect();
    // What each candidate explains, on all cores; the most frequent explainer kept.
    let explained: Vec<(HashSet<&str>, usize)> = candidates
        .par_iter()
        .map(|longer| (explained_by(longer, &known, contexts, lexicon), longer.frequency))
        .collect();
    let mut nesting: HashMap<&str, usize> = HashMap::default();
    for (explained, frequency) in explained {
        for inner in explained {
            let most = nesting.entry(inner).or_default();
            *most = (*most).max(frequency);
        }
    }
    nesting
}

/// The candidates `longer` explains ([`nesting_frequencies`]).
fn explained_by<'c>(
    longer: &Candidate,
    known: &HashMap<&'c str, Known>,
    contexts: &WordContexts,
    lexicon: &Lexicon,
) -> HashSet<&'c str> {
    let mut explained: HashSet<&str> = HashSet::default();
    // A verb after a noun is its predicate as often as a nominalised action (学院 +
    // 招收): such a candidate explains none of its parts, unless the dictionary also
    // knows the verb as a noun (组织 "organization": 上海合作 + 组织).
    if longer.words.len() > 1
        && longer.tags.last() == Some(&Pos::Verb)
        && longer.words.last().is_some_and(|w| !lexicon.class(w).nominal)
    {
        return explained;
    }
    if longer.words.len() > 1 {
        let words = &longer.words;
        for start in 0..words.len() {
            for end in start + 1..=words.len() {
                // An item of a list (云计算 in 物联网、云计算) is a term of its own: the items
                // before it are its peers, not its modifiers.
                if start > 0 && words[start - 1] == "、" {
                    continue;
                }
                let Some((&inner, &Known { frequency, made_up, .. })) =
                    known.get_key_value(words[start..end].concat().as_str())
                else {
                    continue;
                };
                // A verb before it may be its predicate (发展 + 储能产业), not a modifier.
                let modifier = start > 0 && !matches!(longer.tags.first(), Some(Pos::Verb | Pos::VerbalNoun));
                // A phrase of words no dictionary lists as one, seen (nearly) only inside the
                // longer one (条约不结盟缔约国 in 条约不结盟缔约国集团), is a piece of it,
                // whatever is added; a word (禽流感 in 禽流感疫情) names its own thing. Seen
                // fewer than MIN_PIECE_EVIDENCE times, that it never occurs alone says little.
                // Nearly: PIECE_SHARE of the time, since one stray occurrence (a heading, a
                // different cut) must not make a piece a term.
                let only_inside = frequency >= MIN_PIECE_EVIDENCE
                    && longer.frequency as f64 >= PIECE_SHARE * frequency as f64
                    && (end - start > 1 || made_up)
                    && end - start < words.len()
                    && !lexicon.class(inner).known;
                let explains = modifier
                    || only_inside
                    || (end < words.len() && contexts.binds_to_previous(&words[end], &words[end - 1]));
                if explains {
                    explained.insert(inner);
                }
            }
        }
    } else {
        // A string found by search (no tags) holds the occurrences of everything inside it;
        // one token (艾滋病毒) holds only those of strings found by search: the segmenter
        // counted 艾滋病 where it stood alone.
        let searched = longer.tags.is_empty();
        let bounds: Vec<usize> = longer.term.char_indices().map(|(i, _)| i).chain([longer.term.len()]).collect();
        for (a, &start) in bounds.iter().enumerate() {
            for &end in &bounds[a + 1..] {
                let inner = &longer.term[start..end];
                if inner.len() < longer.term.len() {
                    let found = known.get_key_value(inner).filter(|(_, inner)| searched || inner.searched);
                    explained.extend(found.map(|(&k, _)| k));
                }
            }
        }
    }
    explained
}

/// What nesting needs to know of a candidate met inside a longer one.
struct Known {
    frequency: usize,
    /// Found by string search, not as tokens.
    searched: bool,
    /// One token that is no name and that jieba's dictionary does not list: with CC-CEDICT
    /// not listing it either, a piece jieba made up from characters (联塞 of 联塞部队), which
    /// may be a piece of a longer candidate as a phrase may.
    made_up: bool,
}

/// How often a phrase must occur, always inside the same longer candidate, to count as a
/// piece of it ([`nesting_frequencies`]).
const MIN_PIECE_EVIDENCE: usize = 3;
/// The share of its occurrences a phrase must have inside one longer candidate to count as a
/// piece of it.
const PIECE_SHARE: f64 = 0.8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_seen_nearly_only_inside_one_longer_candidate_is_a_piece_of_it_unless_it_is_a_word() {
        use Pos::{Conjunction, Noun, ProperNoun, Verb};
        let lexicon = Lexicon::new();
        let contexts = WordContexts::new(&[], rayon::iter::empty::<(usize, Vec<crate::segment::Token>)>());
        let candidates = vec![
            Candidate::of_words(&["不扩散", "条约", "缔约国", "集团"], &[Noun, Noun, Noun, Noun], 5),
            Candidate::of_words(&["不扩散", "条约", "缔约国"], &[Noun, Noun, Noun], 5),
            Candidate::of_words(&["禽", "流感", "疫情"], &[Noun, Noun, Noun], 4),
            Candidate::of_words(&["禽", "流感"], &[Noun, Noun], 4),
            Candidate::of_words(&["上海", "合作", "组织"], &[ProperNoun, Noun, Noun], 2),
            Candidate::of_words(&["上海", "合作"], &[ProperNoun, Noun], 2),
            Candidate::of_words(&["国际", "和平", "与", "安全"], &[Noun, Noun, Conjunction, Noun], 8),
            Candidate::of_words(&["国际", "和平"], &[Noun, Noun], 9),
            Candidate::of_words(&["减少", "灾害", "风险", "框架"], &[Verb, Noun, Noun, Noun], 4),
            Candidate::of_words(&["灾害", "风险"], &[Noun, Noun], 6),
        ];
        let nesting = nesting_frequencies(&candidates, &contexts, &Segmenter::new(), &lexicon);
        assert_eq!(nesting.get("不扩散条约缔约国"), Some(&5), "never alone: a piece");
        assert_eq!(nesting.get("国际和平"), Some(&8), "once alone in nine: still a piece");
        assert_eq!(nesting.get("灾害风险"), None, "alone one time in three: a phrase of its own");
        assert_eq!(nesting.get("禽流感"), None, "a word names its own thing");
        assert_eq!(nesting.get("上海合作"), None, "seen twice: too little to tell");
    }

    #[test]
    fn a_token_jieba_made_up_seen_nearly_only_inside_one_longer_candidate_is_a_piece_of_it() {
        use Pos::{Noun, PersonName, ProperNoun};
        let lexicon = Lexicon::new();
        let contexts = WordContexts::new(&[], rayon::iter::empty::<(usize, Vec<crate::segment::Token>)>());
        let nesting_of = |longer: Candidate, inner: Candidate| {
            let term = inner.term.clone();
            nesting_frequencies(&[longer, inner], &contexts, &Segmenter::new(), &lexicon).get(term.as_str()).copied()
        };
        // 亚投 of 亚投行: no dictionary lists it, so it is a piece of what it is always in.
        let piece = nesting_of(
            Candidate::of_words(&["亚投", "行"], &[ProperNoun, Noun], 5),
            Candidate::of_words(&["亚投"], &[ProperNoun], 5),
        );
        assert_eq!(piece, Some(5));
        // A name is no piece of its title (凌天 of 凌天师兄), nor a word of its compound.
        let name = nesting_of(
            Candidate::of_words(&["凌天", "师兄"], &[PersonName, Noun], 5),
            Candidate::of_words(&["凌天"], &[PersonName], 5),
        );
        assert_eq!(name, None);
        let word = nesting_of(
            Candidate::of_words(&["禽流感", "疫情"], &[Noun, Noun], 5),
            Candidate::of_words(&["禽流感"], &[Noun], 5),
        );
        assert_eq!(word, None);
    }

    #[test]
    fn an_item_of_a_list_is_no_piece_of_the_list() {
        use Pos::{Noun, Punctuation};
        let lexicon = Lexicon::new();
        let contexts = WordContexts::new(&[], rayon::iter::empty::<(usize, Vec<crate::segment::Token>)>());
        let nesting_of = |longer: Candidate| {
            let candidates = vec![longer, Candidate::of_words(&["云计算"], &[Noun], 3)];
            nesting_frequencies(&candidates, &contexts, &Segmenter::new(), &lexicon).get("云计算").copied()
        };
        assert_eq!(
            nesting_of(Candidate::of_words(&["公共", "云计算"], &[Noun, Noun], 3)),
            Some(3),
            "a modifier explains it"
        );
        assert_eq!(nesting_of(Candidate::of_words(&["物联网", "、", "云计算"], &[Noun, Punctuation, Noun], 3)), None);
    }

    #[test]
    fn one_token_explains_only_the_strings_found_by_search_inside_it() {
        use Pos::Noun;
        let lexicon = Lexicon::new();
        let contexts = WordContexts::new(&[], rayon::iter::empty::<(usize, Vec<crate::segment::Token>)>());
        let searched = |term: &str, frequency: usize| Candidate::of_words(&[term], &[], frequency);
        let nesting_of = |longer: Candidate, inner: Candidate| {
            let term = inner.term.clone();
            nesting_frequencies(&[longer, inner], &contexts, &Segmenter::new(), &lexicon).get(term.as_str()).copied()
        };
        // The segmenter counted 疟疾 where it stood alone, not inside the token 疟疾病例.
        assert_eq!(
            nesting_of(Candidate::of_words(&["疟疾病例"], &[Noun], 6), Candidate::of_words(&["疟疾"], &[Noun], 4)),
            None
        );
        // A string found by search counts every occurrence, those inside the token too.
        assert_eq!(nesting_of(Candidate::of_words(&["疟疾病例"], &[Noun], 6), searched("疟疾", 8)), Some(6));
        // A string found by search holds the occurrences of the tokens inside it.
        assert_eq!(nesting_of(searched("《疟疾报告》", 3), Candidate::of_words(&["疟疾"], &[Noun], 4)), Some(3));
    }
}
