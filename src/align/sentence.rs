//! Monotone sentence (and paragraph) alignment by dynamic programming over beads 1-1, 1-0,
//! 0-1, 2-1, 1-2, 2-2, 1-3, 3-1. The cost of a bead is the Gale-Church length term (with the
//! English/Chinese character ratio and variance of a [`LengthModel`], estimated on the problem
//! or on the whole document it comes from) less the evidence of lexical anchors that the
//! caller scores.

use std::ops::Range;

/// One aligned group: Chinese items `zh` translate English items `en` (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    pub zh: Range<usize>,
    pub en: Range<usize>,
}

/// Bead shapes with their prior probabilities (Gale & Church 1993, with the larger shapes
/// made rare).
const SHAPES: &[(usize, usize, f64)] = &[
    (1, 1, 0.89),
    (1, 0, 0.005),
    (0, 1, 0.005),
    (2, 1, 0.045),
    (1, 2, 0.045),
    (2, 2, 0.011),
    (1, 3, 0.004),
    (3, 1, 0.004),
];

/// Variance of the length difference per character (Gale & Church's s²) before a document's
/// own is estimated.
const VARIANCE: f64 = 6.8;

/// Half-width of the first search band, in items; doubled while the best path touches it.
const FIRST_BAND: usize = 24;

/// How lengths compare between the languages: English characters per Chinese character, and
/// Gale & Church's variance s² of the length difference per character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    pub ratio: f64,
    pub variance: f64,
}

impl LengthModel {
    /// The ratio of the total lengths of one or several problems (the paragraph pairs of one
    /// document: a pair of a few sentences says little about the language pair, the document
    /// much more), with the variance not yet estimated.
    pub fn of<'p>(problems: impl IntoIterator<Item = (&'p [usize], &'p [usize])>) -> Self {
        let (zh_total, en_total) = problems
            .into_iter()
            .fold((0, 0), |(z, e), (zh, en)| (z + zh.iter().sum::<usize>(), e + en.iter().sum::<usize>()));
        let ratio = if zh_total == 0 { 1.0 } else { (en_total as f64 / zh_total as f64).max(0.1) };
        LengthModel { ratio, variance: VARIANCE }
    }

    /// How much lengths vary between the languages depends on the pair and the text: the
    /// variance estimated on the 1-1 beads of alignments of the problems (Gale & Church's s²),
    /// when there are enough of them.
    pub fn fitted<'p>(
        self,
        alignments: impl IntoIterator<Item = (&'p [usize], &'p [usize], &'p [Bead])>,
    ) -> Option<Self> {
        let ratio = self.ratio;
        let (mut spread, mut mass, mut count) = (0.0, 0.0, 0usize);
        for (zh_lengths, en_lengths, beads) in alignments {
            for bead in beads.iter().filter(|b| b.zh.len() == 1 && b.en.len() == 1) {
                let (zh, en) = (zh_lengths[bead.zh.start] as f64, en_lengths[bead.en.start] as f64);
                let mean = (zh + en / ratio) / 2.0;
                if mean > 0.0 {
                    spread += (en - zh * ratio).powi(2);
                    mass += mean * ratio;
                    count += 1;
                }
            }
        }
        (count >= MIN_BEADS_FOR_VARIANCE && mass > 0.0)
            .then(|| LengthModel { ratio, variance: (spread / mass).clamp(VARIANCE / 2.0, VARIANCE * 10.0) })
    }
}

/// 1-1 beads needed before a document's own length variance is trusted.
const MIN_BEADS_FOR_VARIANCE: usize = 20;

/// Aligns `zh_lengths.len()` Chinese items with `en_lengths.len()` English ones.
/// `anchor(zh_range, en_range)` returns the lexical evidence (in nats) that the two groups
/// translate each other: positive evidence lowers a bead's cost, negative raises it.
///
/// The search keeps to a band around the diagonal, so time and memory grow with length × band;
/// when the best path runs along the band's edge the band is doubled and the search redone.
/// Lengths are compared by the items' own ratio; the variance is estimated on a first search
/// and the search redone with it.
pub fn align<F>(zh_lengths: &[usize], en_lengths: &[usize], mut anchor: F) -> Vec<Bead>
where
    F: FnMut(Range<usize>, Range<usize>) -> f64,
{
    let lengths = LengthModel::of([(zh_lengths, en_lengths)]);
    let first = align_given(zh_lengths, en_lengths, lengths, &mut anchor);
    match lengths.fitted([(zh_lengths, en_lengths, &first[..])]) {
        Some(fitted) => align_given(zh_lengths, en_lengths, fitted, &mut anchor),
        None => first,
    }
}

/// One search, with lengths compared by `lengths` (estimated by the caller, perhaps over a
/// whole document).
pub fn align_given<F>(zh_lengths: &[usize], en_lengths: &[usize], lengths: LengthModel, mut anchor: F) -> Vec<Bead>
where
    F: FnMut(Range<usize>, Range<usize>) -> f64,
{
    let (n, m) = (zh_lengths.len(), en_lengths.len());
    let mut width = FIRST_BAND;
    loop {
        let band = Band::new(n, m, width);
        let (beads, touches_edge) = align_in_band(zh_lengths, en_lengths, &band, lengths, &mut anchor);
        if !touches_edge || band.is_full() {
            return beads;
        }
        width *= 2;
    }
}

/// For each Chinese prefix length i, the English prefix lengths searched: a diagonal strip.
struct Band {
    rows: Vec<Range<usize>>,
    full: bool,
}

impl Band {
    fn new(n: usize, m: usize, width: usize) -> Self {
        let slack = width + n.abs_diff(m).min(width);
        let mut full = true;
        let rows = (0..=n)
            .map(|i| {
                let centre = (i * m).checked_div(n).unwrap_or(0);
                let lo = centre.saturating_sub(slack);
                let hi = (centre + slack).min(m);
                full &= lo == 0 && hi == m;
                lo..hi + 1
            })
            .collect();
        Band { rows, full }
    }

    fn is_full(&self) -> bool {
        self.full
    }

    fn slot(&self, i: usize, j: usize) -> Option<usize> {
        let row = &self.rows[i];
        row.contains(&j).then(|| j - row.start)
    }
}

fn align_in_band<F>(
    zh_lengths: &[usize],
    en_lengths: &[usize],
    band: &Band,
    lengths: LengthModel,
    anchor: &mut F,
) -> (Vec<Bead>, bool)
where
    F: FnMut(Range<usize>, Range<usize>) -> f64,
{
    let (n, m) = (zh_lengths.len(), en_lengths.len());
    let zh_prefix = prefix_sums(zh_lengths);
    let en_prefix = prefix_sums(en_lengths);
    let mut cost: Vec<Vec<f64>> = band.rows.iter().map(|r| vec![f64::INFINITY; r.len()]).collect();
    let mut back: Vec<Vec<u8>> = band.rows.iter().map(|r| vec![0; r.len()]).collect();
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in band.rows[i].clone() {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = (f64::INFINITY, 0u8);
            for (shape, &(di, dj, prior)) in SHAPES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(slot) = band.slot(i - di, j - dj) else { continue };
                let before = cost[i - di][slot];
                if !before.is_finite() {
                    continue;
                }
                let zl = zh_prefix[i] - zh_prefix[i - di];
                let el = en_prefix[j] - en_prefix[j - dj];
                let mut c = before + length_cost(zl, el, lengths) - prior.ln();
                if di > 0 && dj > 0 {
                    c -= anchor(i - di..i, j - dj..j);
                }
                if c < best.0 {
                    best = (c, shape as u8);
                }
            }
            let slot = j - band.rows[i].start;
            cost[i][slot] = best.0;
            back[i][slot] = best.1;
        }
    }
    let mut beads = Vec::new();
    if !cost[n][m - band.rows[n].start].is_finite() {
        return (beads, true);
    }
    let mut touches_edge = false;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let row = &band.rows[i];
        touches_edge |= (j == row.start && row.start > 0) || (j + 1 == row.end && row.end <= m);
        let (di, dj, _) = SHAPES[back[i][j - row.start] as usize];
        beads.push(Bead { zh: i - di..i, en: j - dj..j });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    (beads, touches_edge)
}

fn prefix_sums(lengths: &[usize]) -> Vec<usize> {
    let mut sums = Vec::with_capacity(lengths.len() + 1);
    sums.push(0);
    for l in lengths {
        sums.push(sums.last().copied().unwrap_or(0) + l);
    }
    sums
}

/// −ln P(length difference) under Gale & Church's normal model. A bead with an empty side has
/// no length to compare: its prior alone prices it (else every untranslated sentence would
/// cost as much as its length, and long ones would be forced into merges).
fn length_cost(zh: usize, en: usize, lengths: LengthModel) -> f64 {
    if zh == 0 || en == 0 {
        return 0.0;
    }
    let LengthModel { ratio, variance } = lengths;
    let mean = (zh as f64 + en as f64 / ratio) / 2.0;
    let delta = (en as f64 - zh as f64 * ratio) / (variance * mean * ratio).sqrt().max(1e-9);
    let p = 2.0 * (1.0 - normal_cdf(delta.abs()));
    -(p.max(1e-12)).ln()
}

/// Standard normal CDF (Abramowitz & Stegun 26.2.17, error < 7.5e-8).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
    let poly =
        t * (0.319_381_530 + t * (-0.356_563_782 + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let tail = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly;
    if x >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Formats beads as the published benchmark does: `[0,1]:[0]`, `[]:[3]`.
pub fn format_bead(bead: &Bead) -> String {
    let list = |r: &Range<usize>| r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    format!("[{}]:[{}]", list(&bead.zh), list(&bead.en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_proportions_align_one_to_one() {
        let beads = align(&[10, 20, 30], &[30, 60, 90], |_, _| 0.0);
        assert_eq!(beads, vec![Bead { zh: 0..1, en: 0..1 }, Bead { zh: 1..2, en: 1..2 }, Bead { zh: 2..3, en: 2..3 }]);
    }

    #[test]
    fn a_split_sentence_becomes_a_one_to_two_bead() {
        let beads = align(&[20, 40, 20], &[60, 60, 60, 60], |_, _| 0.0);
        assert!(beads.contains(&Bead { zh: 1..2, en: 1..3 }), "{beads:?}");
    }

    #[test]
    fn anchors_can_outweigh_lengths() {
        let plain = align(&[10, 10], &[30, 30], |_, _| 0.0);
        let anchored = align(&[10, 10], &[30, 30], |z, e| if z == (0..1) && e == (0..2) { 30.0 } else { 0.0 });
        assert_ne!(plain, anchored);
    }

    #[test]
    fn the_band_widens_to_the_full_search_result() {
        // 60 English items with no Chinese counterpart come first: the true path leaves the
        // first band, which must widen until it finds what the full search finds.
        let zh: Vec<usize> = (0..100).map(|i| 10 + (i * 37) % 50).collect();
        let mut en: Vec<usize> = (0..60).map(|i| 3 + (i * 53) % 7).collect();
        en.extend(zh.iter().map(|l| l * 3));
        let mut anchor = |z: Range<usize>, e: Range<usize>| {
            if e.start == z.start + 60 && e.len() == 1 && z.len() == 1 {
                20.0
            } else {
                0.0
            }
        };
        let lengths = LengthModel::of([(&zh[..], &en[..])]);
        let banded = align_given(&zh, &en, lengths, &mut anchor);
        let (full, _) = align_in_band(&zh, &en, &Band::new(zh.len(), en.len(), 1000), lengths, &mut anchor);
        assert_eq!(banded, full);
        let right = (0..100).filter(|&i| banded.contains(&Bead { zh: i..i + 1, en: i + 60..i + 61 })).count();
        assert!(right >= 95, "{right} of 100");
    }

    #[test]
    fn the_length_model_pools_problems() {
        let lengths = LengthModel::of([(&[10, 10][..], &[30, 30][..]), (&[20][..], &[20][..])]);
        assert_eq!(lengths.ratio, 2.0);
        assert_eq!(lengths.variance, VARIANCE);
        // 1-1 beads of exactly the ratio: the variance falls to its floor, once there are
        // enough of them over all the problems (12 + 12, where one problem has too few).
        let zh = [10; 12];
        let en = [20; 12];
        let beads: Vec<Bead> = (0..12).map(|i| Bead { zh: i..i + 1, en: i..i + 1 }).collect();
        let one = (&zh[..], &en[..], &beads[..]);
        let ratio_two = LengthModel { ratio: 2.0, variance: VARIANCE };
        assert_eq!(ratio_two.fitted([one]), None);
        assert_eq!(ratio_two.fitted([one, one]), Some(LengthModel { ratio: 2.0, variance: VARIANCE / 2.0 }));
    }

    #[test]
    fn beads_print_in_benchmark_format() {
        assert_eq!(format_bead(&Bead { zh: 0..2, en: 3..3 }), "[0,1]:[]");
    }
}
