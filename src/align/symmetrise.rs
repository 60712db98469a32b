//! Symmetrising two directional word alignments and reading phrases off the result.
//!
//! grow-diag-final-and (Koehn et al. 2003): the two directions' intersection, grown into
//! neighbouring links of their union, then words still unaligned in both directions linked.
//! [`consistent_span`] is the phrase-extraction rule on the result: the English words linked
//! to a run of Chinese words, when none of them is also linked outside the run.

/// Koehn's grow-diag-final-and of two directional alignments over an `m`×`n` pair, on
/// dense link matrices (a pair has a few hundred cells; ordered sets of links cost a fifth
/// of aligning a large memory's pairs).
pub fn grow_diag_final_and(
    m: usize,
    n: usize,
    forward: &[(usize, usize)],
    backward: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let cell = |(i, j): (usize, usize)| i * n + j;
    let (mut f, mut b) = (vec![false; m * n], vec![false; m * n]);
    forward.iter().for_each(|&l| f[cell(l)] = true);
    backward.iter().for_each(|&l| b[cell(l)] = true);
    let mut links: Vec<bool> = f.iter().zip(&b).map(|(&f, &b)| f && b).collect();
    let mut zh_aligned = vec![false; m];
    let mut en_aligned = vec![false; n];
    // The links in (Chinese, English) order, as an ordered set would list them.
    let listed = |links: &[bool]| -> Vec<(usize, usize)> {
        links.iter().enumerate().filter(|(_, &l)| l).map(|(k, _)| (k / n, k % n)).collect()
    };
    for (i, j) in listed(&links) {
        zh_aligned[i] = true;
        en_aligned[j] = true;
    }
    let neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)];
    loop {
        let mut added = false;
        // Each round grows from the links it started with; what it adds counts at once.
        for (i, j) in listed(&links) {
            for (di, dj) in neighbours {
                let (Some(ni), Some(nj)) = (i.checked_add_signed(di), j.checked_add_signed(dj)) else { continue };
                let k = ni * n + nj;
                if ni >= m || nj >= n || links[k] || !(f[k] || b[k]) {
                    continue;
                }
                if !zh_aligned[ni] || !en_aligned[nj] {
                    links[k] = true;
                    zh_aligned[ni] = true;
                    en_aligned[nj] = true;
                    added = true;
                }
            }
        }
        if !added {
            break;
        }
    }
    // final-and: a link of either direction whose two words are both still unaligned, the
    // forward links first, each direction in order.
    for (i, j) in listed(&f).into_iter().chain(listed(&b)) {
        if !zh_aligned[i] && !en_aligned[j] {
            links[cell((i, j))] = true;
            zh_aligned[i] = true;
            en_aligned[j] = true;
        }
    }
    listed(&links)
}

/// The English words `[start, end)` that the Chinese words `zh` (a range of positions)
/// translate under `links`: the span of the English words linked to them, when no word of it
/// is linked to a Chinese word outside `zh` (the phrase-extraction rule). None when nothing
/// is linked to them or the span is inconsistent.
pub fn consistent_span(links: &[(usize, usize)], zh: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let inside = links.iter().filter(|(i, _)| zh.contains(i));
    let start = inside.clone().map(|&(_, j)| j).min()?;
    let end = inside.map(|&(_, j)| j).max()? + 1;
    let consistent = links.iter().all(|&(i, j)| zh.contains(&i) || !(start..end).contains(&j));
    consistent.then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grow_diag_final_and_keeps_agreement_and_grows_next_to_it() {
        // Both agree on (0,0) and (2,3); forward alone adds (1,1) next to (0,0) and (1,2).
        let forward = [(0, 0), (1, 1), (2, 3), (1, 2)];
        let backward = [(0, 0), (2, 3)];
        let links = grow_diag_final_and(3, 4, &forward, &backward);
        assert!(links.contains(&(0, 0)) && links.contains(&(2, 3)) && links.contains(&(1, 1)));
        // (1,2) is a neighbour of (2,3) and of (1,1): English word 2 is unaligned, so it grows.
        assert!(links.contains(&(1, 2)), "{links:?}");
        // A link in neither direction never appears.
        assert!(!links.contains(&(0, 3)));
    }

    #[test]
    fn spans_must_be_consistent_with_the_links() {
        let links = [(0, 0), (1, 1), (1, 2), (2, 3)];
        assert_eq!(consistent_span(&links, 1..2), Some((1, 3)));
        assert_eq!(consistent_span(&links, 0..2), Some((0, 3)));
        // English word 1 is inside the span of Chinese word 0 and 2 but linked to word 1.
        assert_eq!(consistent_span(&[(0, 0), (1, 1), (0, 2)], 0..1), None);
        assert_eq!(consistent_span(&links, 3..4), None);
    }

    /// grow-diag-final-and as Koehn states it, on ordered sets of links.
    fn reference_symmetrised(
        m: usize,
        n: usize,
        forward: &[(usize, usize)],
        backward: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        use std::collections::BTreeSet;
        let f: BTreeSet<(usize, usize)> = forward.iter().copied().collect();
        let b: BTreeSet<(usize, usize)> = backward.iter().copied().collect();
        let union: BTreeSet<(usize, usize)> = f.union(&b).copied().collect();
        let mut links: BTreeSet<(usize, usize)> = f.intersection(&b).copied().collect();
        let mut zh_aligned = vec![false; m];
        let mut en_aligned = vec![false; n];
        for &(i, j) in &links {
            zh_aligned[i] = true;
            en_aligned[j] = true;
        }
        let neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)];
        loop {
            let mut added = false;
            for (i, j) in links.clone() {
                for (di, dj) in neighbours {
                    let (Some(ni), Some(nj)) = (i.checked_add_signed(di), j.checked_add_signed(dj)) else { continue };
                    if ni >= m || nj >= n || links.contains(&(ni, nj)) || !union.contains(&(ni, nj)) {
                        continue;
                    }
                    if !zh_aligned[ni] || !en_aligned[nj] {
                        links.insert((ni, nj));
                        zh_aligned[ni] = true;
                        en_aligned[nj] = true;
                        added = true;
                    }
                }
            }
            if !added {
                break;
            }
        }
        for &(i, j) in f.iter().chain(b.iter()) {
            if !zh_aligned[i] && !en_aligned[j] {
                links.insert((i, j));
                zh_aligned[i] = true;
                en_aligned[j] = true;
            }
        }
        links.into_iter().collect()
    }

    proptest::proptest! {
        #[test]
        fn dense_symmetrisation_links_what_ordered_sets_link(
            forward in proptest::collection::btree_set((0usize..6, 0usize..7), 0..24),
            backward in proptest::collection::btree_set((0usize..6, 0usize..7), 0..24),
        ) {
            // The directions list their links in any order (Viterbi gives them by target word).
            let mut forward: Vec<_> = forward.into_iter().collect();
            forward.reverse();
            let backward: Vec<_> = backward.into_iter().collect();
            proptest::prop_assert_eq!(
                grow_diag_final_and(6, 7, &forward, &backward),
                reference_symmetrised(6, 7, &forward, &backward)
            );
        }

        #[test]
        fn symmetrised_links_lie_between_agreement_and_either_direction(
            forward in proptest::collection::btree_set((0usize..6, 0usize..7), 0..20),
            backward in proptest::collection::btree_set((0usize..6, 0usize..7), 0..20),
        ) {
            let forward: Vec<_> = forward.into_iter().collect();
            let backward: Vec<_> = backward.into_iter().collect();
            let links = grow_diag_final_and(6, 7, &forward, &backward);
            for link in forward.iter().filter(|l| backward.contains(l)) {
                proptest::prop_assert!(links.contains(link), "agreement {link:?} kept");
            }
            for link in &links {
                proptest::prop_assert!(forward.contains(link) || backward.contains(link), "{link:?} from a direction");
            }
            // Every span extracted from the result is consistent with it.
            for start in 0..6 {
                for end in start + 1..=6 {
                    if let Some((a, b)) = consistent_span(&links, start..end) {
                        proptest::prop_assert!(links.iter().all(|&(i, j)| !(a..b).contains(&j) || (start..end).contains(&i)));
                    }
                }
            }
        }
    }
}
