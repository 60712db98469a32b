//! Pieces of longer phrases among a term's English options. A phrase the term meets only
//! inside a longer one ("current device" of "residual current device", "National Gallery" of
//! "National Gallery of Art") is a piece of it: it gives way to the whole, and takes
//! part only when a longer term holds the whole ([`super::linking`]).

use super::spans::prefix_keys;
use super::FRAGMENT_MARGIN;
use rustc_hash::FxHashMap as HashMap;

/// Share of a piece's pairs a longer name must cover to be the whole it is a piece of: a name
/// is now and then cut short ("the National Gallery" once beside four "National Gallery of
/// Art").
const NAME_COVER: f64 = 0.8;

/// How much better the dictionary must like a name than a piece of it, in a term's only
/// pair, for the piece to give way.
const ONE_PAIR_NAME_MARGIN: f64 = 0.05;

/// What the decision needs to know of a piece: the pairs it meets the term in, how well the
/// dictionary renders the term with it, and whether it is one capitalised word that leaves
/// part of the term unrendered (`capitalised`, worked out by the caller).
pub(super) struct Piece {
    pub count: usize,
    pub dictionary: f64,
    pub capitalised: bool,
}

/// And of the longer phrase that holds it.
pub(super) struct Whole {
    pub count: usize,
    pub dictionary: f64,
    /// Words it adds in all, and before the piece.
    pub longer_by: usize,
    pub left: usize,
    /// Written as a name (capitalised words and connectors).
    pub name: bool,
    /// Met as often as the piece in the whole corpus.
    pub same_global: bool,
}

/// Whether `piece` gives way to `whole`.
/// - A fragment of a compound one word longer that occurs exactly where it does, here and in
///   the whole corpus, gives way unless the dictionary clearly prefers it ("current device";
///   "water supply" stays beside "ensure water supply").
/// - A piece of a name gives way to the whole name when the term meets it inside that name,
///   even if the piece also stands alone elsewhere in the corpus ("the Court"), or when the
///   name goes on past it in nearly all of the term's pairs.
/// - Met in one pair, a phrase is "always" inside every longer phrase there ("Harbour Plan"
///   inside "Implementation of the Harbour Plan"): the name must then render more of the
///   term ("Agreement on" + "Port State Measures" for 协定).
/// - A capitalised word met only inside a name gives way whatever the dictionary says.
pub(super) fn gives_way(piece: &Piece, whole: &Whole) -> bool {
    let name = whole.name && (piece.count >= 2 || whole.dictionary >= piece.dictionary + ONE_PAIR_NAME_MARGIN);
    let holds = if whole.count == piece.count {
        (whole.longer_by == 1 && whole.same_global) || name
    } else {
        name && whole.left == 0 && whole.count >= least_cover(piece.count) && whole.count < piece.count
    };
    holds && (piece.dictionary <= whole.dictionary + FRAGMENT_MARGIN || name && piece.capitalised)
}

/// Fewest pairs a longer phrase must share with a piece met in `count` pairs.
pub(super) fn least_cover(count: usize) -> usize {
    (NAME_COVER * count as f64).ceil() as usize
}

/// A longer phrase that holds a piece.
pub(super) struct Compound {
    pub key: u64,
    pub longer_by: usize,
    pub left: usize,
}

/// The pieces met in `count` pairs (by `count_of`) inside the phrases `keys` (whose words'
/// lemma ids are `ids_of`), each with the longer phrases that hold it.
pub(super) fn compounds_of(
    keys: impl Iterator<Item = u64>,
    count: usize,
    count_of: impl Fn(u64) -> Option<usize>,
    ids_of: impl Fn(u64) -> Vec<u32>,
) -> HashMap<u64, Vec<Compound>> {
    let mut out: HashMap<u64, Vec<Compound>> = HashMap::default();
    for key in keys {
        let ids = ids_of(key);
        let n = ids.len();
        if n < 2 {
            continue;
        }
        // Each start's parts keyed in one pass.
        for start in 0..n {
            for (length, part) in (1..).zip(prefix_keys(&ids[start..])) {
                if length < n && count_of(part) == Some(count) {
                    out.entry(part).or_default().push(Compound { key, longer_by: n - length, left: start });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::spans::key_of;
    use super::*;

    fn piece(count: usize, dictionary: f64) -> Piece {
        Piece { count, dictionary, capitalised: false }
    }

    fn name(count: usize, dictionary: f64, left: usize) -> Whole {
        Whole { count, dictionary, longer_by: 2, left, name: true, same_global: false }
    }

    #[test]
    fn a_piece_gives_way_to_a_name_that_goes_on_past_it_in_nearly_all_its_pairs() {
        // "National Gallery" in five pairs, "National Gallery of Art" in four of them.
        assert!(gives_way(&piece(5, 0.9), &name(4, 0.95, 0)));
        assert!(gives_way(&piece(5, 0.9), &name(5, 0.95, 0)));
        assert!(!gives_way(&piece(5, 0.9), &name(3, 0.95, 0)), "in three of five: the piece stands alone");
        // A name that adds words before the piece must hold it in all of its pairs.
        assert!(!gives_way(&piece(5, 0.9), &name(4, 0.95, 1)));
        assert!(gives_way(&piece(5, 0.9), &name(5, 0.95, 1)));
        // The dictionary still has its say.
        assert!(!gives_way(&piece(5, 0.9), &name(4, 0.6, 0)));
        // A phrase that is no name: only exactly where the piece is.
        let plain = Whole { name: false, ..name(4, 0.95, 0) };
        assert!(!gives_way(&piece(5, 0.9), &plain));
    }

    #[test]
    fn in_one_pair_a_name_wins_only_by_rendering_more_of_the_term() {
        assert!(!gives_way(&piece(1, 0.83), &name(1, 0.85, 2)), "barely better: a word the term lacks");
        assert!(gives_way(&piece(1, 0.83), &name(1, 0.95, 2)));
        assert!(gives_way(&piece(2, 0.83), &name(2, 0.85, 2)), "two pairs are evidence");
        // A fragment one word short, met as often in the whole corpus, needs no name.
        let compound = Whole { longer_by: 1, name: false, same_global: true, ..name(1, 0.85, 0) };
        assert!(gives_way(&piece(1, 0.83), &compound));
    }

    #[test]
    fn each_piece_is_found_with_its_longer_phrases_and_where_it_stands() {
        // Lemma ids: 1 National, 2 Gallery, 3 of, 4 Art.
        let whole = [1u32, 2, 3, 4];
        let counts: HashMap<u64, usize> =
            [(key_of(&whole), 4), (key_of(&[1, 2]), 5), (key_of(&[2]), 5), (key_of(&[3, 4]), 4)].into_iter().collect();
        let found = compounds_of([key_of(&whole)].into_iter(), 5, |k| counts.get(&k).copied(), |_| whole.to_vec());
        let gallery = &found[&key_of(&[1, 2])];
        assert_eq!((gallery.len(), gallery[0].longer_by, gallery[0].left), (1, 2, 0));
        assert_eq!(found[&key_of(&[2])][0].left, 1);
        assert!(!found.contains_key(&key_of(&[3, 4])), "met in four pairs, not five");
    }
}
