//! Scale benchmarks: a synthetic translation memory of any size, made by replicating and
//! shuffling a real parallel corpus, and the process's peak memory.
//!
//! Replication keeps the vocabulary of the source; `grow` rewrites a share of the characters
//! and words of each copy so the vocabulary grows with the corpus, as in a real memory.

use std::io::Write;

/// A small deterministic generator (SplitMix64): benchmark corpora are the same on every run.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// What a generated corpus holds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Generated {
    pub pairs: usize,
    pub zh_bytes: usize,
    pub en_bytes: usize,
}

/// Writes `count` pairs as `zh<TAB>en` lines: the source pairs in a fresh shuffled order for
/// each copy. With `grow`, copy k > 0 has about one Han character in twenty and one English
/// word in ten rewritten (deterministically per copy), so new words keep appearing.
pub fn generate_tsv(
    source: &[(String, String)],
    count: usize,
    grow: bool,
    out: &mut impl Write,
) -> std::io::Result<Generated> {
    let mut rng = SplitMix::new(0x5EED);
    let mut order: Vec<usize> = (0..source.len()).collect();
    let mut made = Generated::default();
    let mut copy = 0u32;
    while made.pairs < count && !source.is_empty() {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &index in &order {
            if made.pairs == count {
                break;
            }
            let (zh, en) = &source[index];
            let (zh, en) =
                if grow && copy > 0 { (grow_zh(zh, copy), grow_en(en, copy)) } else { (zh.clone(), en.clone()) };
            writeln!(out, "{zh}\t{en}")?;
            made.pairs += 1;
            made.zh_bytes += zh.len();
            made.en_bytes += en.len();
        }
        copy += 1;
    }
    Ok(made)
}

fn grow_zh(text: &str, copy: u32) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let rewrite = crate::corpus::is_han(c) && (i as u32 + copy) % 20 == 0;
            if rewrite {
                // Another character of the main CJK block, chosen by position and copy.
                let offset = (c as u32 - 0x4E00 + copy * 131 + i as u32 * 7) % 0x5000;
                char::from_u32(0x4E00 + offset).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn grow_en(text: &str, copy: u32) -> String {
    text.split(' ')
        .enumerate()
        .map(|(i, w)| if (i as u32 + copy) % 10 == 0 && w.len() > 3 { format!("{w}{copy}") } else { w.to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Vec<(String, String)> {
        vec![
            ("甲乙丙丁戊己庚辛".into(), "one two three four".into()),
            ("天地玄黄宇宙洪荒".into(), "five six seven eight".into()),
        ]
    }

    #[test]
    fn generates_the_requested_number_of_lines_deterministically() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let made = generate_tsv(&source(), 5, false, &mut a).unwrap();
        generate_tsv(&source(), 5, false, &mut b).unwrap();
        assert_eq!(made.pairs, 5);
        assert_eq!(String::from_utf8(a.clone()).unwrap().lines().count(), 5);
        assert_eq!(a, b);
    }

    #[test]
    fn replication_keeps_the_vocabulary_and_growth_adds_to_it() {
        let distinct = |grow| {
            let mut out = Vec::new();
            generate_tsv(&source(), 40, grow, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            text.chars().collect::<std::collections::HashSet<_>>().len()
        };
        assert!(distinct(true) > distinct(false));
    }
}
