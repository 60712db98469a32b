//! Levenshtein distance against one query, bit-parallel (Myers 1999, in Hyyrö's formulation
//! for whole-string distance): one pass of a few word operations per key character, which is
//! what lets a fuzzy look-up scan 100,000 entries within a cold start. Queries longer than 64
//! characters fall back to strsim.

/// The query, preprocessed: for each character, the bit set of the positions it occupies.
pub struct Pattern {
    text: String,
    len: usize,
    ascii: [u64; 128],
    others: Vec<(char, u64)>,
}

impl Pattern {
    pub fn new(text: &str) -> Pattern {
        let mut ascii = [0u64; 128];
        let mut others: Vec<(char, u64)> = Vec::new();
        let len = text.chars().count();
        if len <= 64 {
            for (i, c) in text.chars().enumerate() {
                let bit = 1u64 << i;
                if c.is_ascii() {
                    ascii[c as usize] |= bit;
                } else if let Some(entry) = others.iter_mut().find(|(o, _)| *o == c) {
                    entry.1 |= bit;
                } else {
                    others.push((c, bit));
                }
            }
        }
        Pattern { text: text.to_string(), len, ascii, others }
    }

    pub fn chars(&self) -> usize {
        self.len
    }

    fn positions(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.others.iter().find(|(o, _)| *o == c).map_or(0, |(_, bits)| *bits)
        }
    }

    /// Levenshtein distance from the query to `text`, and `text`'s length in characters.
    pub fn distance(&self, text: &str) -> (usize, usize) {
        if self.len > 64 {
            return (strsim::levenshtein(&self.text, text), text.chars().count());
        }
        // Most keys of an English or pinyin query are ASCII: skip character decoding for them.
        if text.is_ascii() {
            self.run(text.bytes().map(|b| self.ascii[usize::from(b)]))
        } else {
            self.run(text.chars().map(|c| self.positions(c)))
        }
    }

    /// Myers' recurrence over the text's characters, given as their query position sets.
    fn run(&self, text: impl Iterator<Item = u64>) -> (usize, usize) {
        let mut n = 0;
        if self.len == 0 {
            let n = text.count();
            return (n, n);
        }
        let last = 1u64 << (self.len - 1);
        let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, self.len);
        for eq in text {
            n += 1;
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            if ph & last != 0 {
                score += 1;
            } else if mh & last != 0 {
                score -= 1;
            }
            // Row 0 of the matrix counts up (whole-string distance): shift a +1 in.
            ph = (ph << 1) | 1;
            mh <<= 1;
            pv = mh | !(xv | ph);
            mv = ph & xv;
        }
        (score, n)
    }

    /// strsim's normalised Levenshtein: 1 − distance / longer length.
    pub fn similarity(&self, text: &str) -> f64 {
        let (distance, n) = self.distance(text);
        let longest = self.len.max(n);
        if longest == 0 {
            1.0
        } else {
            1.0 - distance as f64 / longest as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_distances() {
        assert_eq!(Pattern::new("kitten").distance("sitting"), (3, 7));
        assert_eq!(Pattern::new("电网").distance("智能电网"), (2, 4));
        assert_eq!(Pattern::new("").distance("abc"), (3, 3));
        assert_eq!(Pattern::new("abc").distance(""), (3, 0));
    }

    proptest! {
        #[test]
        fn agrees_with_strsim(a in "[abc电网 ]{0,70}", b in "[abcd电网 ]{0,40}") {
            prop_assert_eq!(Pattern::new(&a).distance(&b).0, strsim::levenshtein(&a, &b));
            prop_assert!((Pattern::new(&a).similarity(&b) - strsim::normalized_levenshtein(&a, &b)).abs() < 1e-9);
        }
    }
}
