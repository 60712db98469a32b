//! What competitive linking leaves a term to share once every phrase has one holder: the
//! piece of a compound a longer term took, a synonym's phrase, the name a term inside it
//! holds. Each pass is last, so it takes no words from another link.

use super::{nested, Links};
use crate::align::terms::{Option_, EXCHANGE_DICTIONARY};

/// A term whose compound a longer term took (赤壁镇 "Red Cliff Town" beside 赤壁) takes the
/// piece of it ("Red Cliff") when it holds no English met in two pairs or more (a term with an
/// attested English of its own keeps it) and the piece is.
pub(super) fn take_pieces(terms: &[&str], options: &[Vec<Option_>], state: &mut Links) {
    for term in 0..options.len() {
        let Some(score) = state.unattested(options, term) else { continue };
        let piece = options[term].iter().enumerate().filter(|(_, o)| o.piece_of.is_some()).find(|(_, o)| {
            o.equivalent.cooccurrences >= 2 && o.equivalent.score > score && state.piece_is_free(terms, term, o)
        });
        if let Some((index, _)) = piece {
            state.take(options, term, Some(index));
        }
    }
}

/// Translators render synonyms alike (受害人 and 受害者 "victim", 峰会 and 高峰会 "Summit"),
/// which linking one phrase to one term cannot give. A term holding no English met in two
/// pairs takes a phrase another term holds when the phrase is one of its options met in two
/// pairs or more and scoring above what it holds, the two terms meet it in different pairs (in
/// a pair where both do, it renders one of them) and do not nest, and the dictionary supports
/// it or the terms share a character: a title rendered as the name of the one it addresses
/// (学姐 "Su Wan", held by 苏婉) is neither. Last, so it takes no words from another link.
pub(super) fn take_synonyms(terms: &[&str], options: &[Vec<Option_>], state: &mut Links) {
    for term in 0..options.len() {
        let Some(score) = state.unattested(options, term) else { continue };
        let synonym = options[term].iter().position(|o| {
            if o.piece_of.is_some() || o.equivalent.cooccurrences < 2 || o.equivalent.score <= score {
                return false;
            }
            let Some(&holder) = state.holder.get(&o.key) else { return false };
            let Some(held) = state.chosen[holder].map(|h| &options[holder][h]) else { return false };
            let alike = o.equivalent.dictionary >= EXCHANGE_DICTIONARY
                || terms[term].chars().any(|c| terms[holder].contains(c));
            // Spots are in pair order: a search per spot, not a scan of the holder's (a
            // frequent term meets its phrase in a few hundred sampled pairs).
            let apart = o.spots.iter().all(|(pair, _)| held.spots.binary_search_by_key(pair, |&(p, _)| p).is_err());
            holder != term && !nested(terms, holder, term) && alike && apart
        });
        if synonym.is_some() {
            state.chosen[term] = synonym;
        }
    }
}

/// A name said with a word for what it names (阿福狗 "Afu the dog" beside 阿福) is written
/// with the name alone. A term left with no English takes a name a term nested in it holds,
/// when the name is one of its own options met in two pairs or more and every word of it is
/// capitalised. Last, so it takes nothing from another link.
pub(super) fn take_names_of_nested(terms: &[&str], options: &[Vec<Option_>], state: &mut Links) {
    let is_name = |english: &str| english.split(' ').all(|w| w.starts_with(|c: char| c.is_uppercase()));
    for term in 0..options.len() {
        if state.chosen[term].is_some() {
            continue;
        }
        let name = options[term].iter().position(|o| {
            let holder = state.holder.get(&o.key).copied();
            o.piece_of.is_none()
                && o.equivalent.cooccurrences >= 2
                && is_name(&o.equivalent.english)
                && holder.is_some_and(|h| h != term && terms[term].contains(terms[h]))
        });
        if name.is_some() {
            state.chosen[term] = name;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::competitive_linking;
    use super::super::tests::option;
    use super::*;

    #[test]
    fn a_name_said_with_what_it_names_shares_the_name_of_the_term_inside_it() {
        let met_twice = |key: u64, english: &str, score: f64| {
            let mut o = option(key, english, score);
            o.equivalent.cooccurrences = 2;
            o
        };
        // 阿福狗 "Afu the dog" is written "Afu", which 阿福 holds.
        let options = vec![vec![met_twice(1, "Afu", 0.9)], vec![met_twice(1, "Afu", 0.8)]];
        let chosen = competitive_linking(&["阿福", "阿福狗"], options);
        assert_eq!(chosen[1].as_ref().map(|e| e.english.as_str()), Some("Afu"));
        // Not a name in capitals, nor the name of a term not inside it.
        let options = vec![vec![met_twice(1, "old dog", 0.9)], vec![met_twice(1, "old dog", 0.8)]];
        assert!(competitive_linking(&["老狗", "老狗狗"], options)[1].is_none());
        let options = vec![vec![met_twice(1, "Afu", 0.9)], vec![met_twice(1, "Afu", 0.8)]];
        assert!(competitive_linking(&["阿福", "小黑"], options)[1].is_none());
    }

    #[test]
    fn a_term_whose_compound_a_longer_term_took_takes_the_piece_of_it() {
        let at = |key: u64, english: &str, score: f64, met: usize, words: (usize, usize)| {
            let mut o = option(key, english, score);
            o.spots = vec![(0, words)];
            o.equivalent.cooccurrences = met;
            o
        };
        let piece = Option_ { piece_of: Some(1), ..at(2, "Red Cliff", 0.7, 3, (0, 2)) };
        let town = vec![at(1, "Red Cliff Town", 0.9, 3, (0, 3))];
        let guess = at(3, "ever see", 0.3, 1, (5, 7));
        let chosen = competitive_linking(
            &["赤壁镇", "赤壁"],
            vec![town.clone(), vec![at(1, "Red Cliff Town", 0.8, 3, (0, 3)), guess, piece.clone()]],
        );
        assert_eq!(chosen[0].as_ref().unwrap().english, "Red Cliff Town");
        assert_eq!(chosen[1].as_ref().unwrap().english, "Red Cliff");
        // An English met in several pairs of its own stays.
        let own = at(4, "Scarlet Cliff", 0.5, 3, (8, 10));
        let chosen = competitive_linking(&["赤壁镇", "赤壁"], vec![town.clone(), vec![own, piece.clone()]]);
        assert_eq!(chosen[1].as_ref().unwrap().english, "Scarlet Cliff");
        // Nor is the piece taken when no longer term holds the compound.
        let chosen = competitive_linking(&["赤壁"], vec![vec![at(3, "ever see", 0.3, 1, (5, 7)), piece]]);
        assert_eq!(chosen[0], None);
    }

    #[test]
    fn synonyms_met_in_different_pairs_share_their_english() {
        // "victim" in pairs 0–2 for one term and 3–5 for the other; dictionary support `dict`.
        let victim = |score: f64, pairs: std::ops::Range<usize>, dict: f64| {
            let mut o = option(1, "victim", score);
            o.spots = pairs.map(|p| (p, (0, 1))).collect();
            o.equivalent.cooccurrences = o.spots.len();
            o.equivalent.dictionary = dict;
            o
        };
        let link = |terms: [&str; 2], second: Option_| {
            let chosen = competitive_linking(&terms, vec![vec![victim(0.9, 0..3, 0.9)], vec![second]]);
            chosen.into_iter().map(|e| e.map(|e| e.english)).collect::<Vec<_>>()
        };
        let victim_twice = [Some("victim".to_string()), Some("victim".to_string())];
        assert_eq!(link(["受害者", "遇难人"], victim(0.8, 3..6, 0.9)), victim_twice, "the dictionary supports it");
        assert_eq!(link(["受害者", "受害人"], victim(0.8, 3..6, 0.0)), victim_twice, "they share 受害");
        // Neither supported nor alike: a title the translation renders as a person's name.
        assert_eq!(link(["受害者", "学姐"], victim(0.8, 3..6, 0.0))[1], None);
        // Met in one pair together, the phrase renders one of them there.
        assert_eq!(link(["受害者", "遇难人"], victim(0.8, 2..5, 0.9))[1], None);
        // Met in one pair only, it is no evidence.
        assert_eq!(link(["受害者", "遇难人"], victim(0.8, 3..4, 0.9))[1], None);
    }
}
