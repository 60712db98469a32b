//! Measuring the sentence aligner honestly on line-aligned parallel text: [`perturb`] merges
//! and deletes lines at random (so the truth holds 1-2, 2-1, 1-0 and 0-1 beads) and keeps the
//! true beads; [`strict_f1`] scores predicted beads against them, a bead counting only when
//! both of its sides are exactly right (the published benchmarks' strict measure).
//! [`perturb_translator`] is the harder, literary-translation-like variant.

mod translator;

use super::sentence::Bead;
use std::collections::HashSet;
pub use translator::perturb_translator;

/// An alignment problem with its answer.
#[derive(Debug, Clone)]
pub struct Problem {
    pub zh: Vec<String>,
    pub en: Vec<String>,
    pub gold: Vec<Bead>,
}

/// Shares of the perturbations, per line pair.
const MERGE_ZH: f64 = 0.07;
const MERGE_EN: f64 = 0.07;
const DROP_ZH: f64 = 0.03;
const DROP_EN: f64 = 0.03;

/// A small deterministic generator (64-bit LCG; the high bits as a fraction).
struct Random(u64);

impl Random {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Turns line pairs `zh[i]` ↔ `en[i]` into a problem with merged and missing lines.
pub fn perturb(zh: &[&str], en: &[&str], seed: u64) -> Problem {
    let mut random = Random(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut problem = Problem { zh: Vec::new(), en: Vec::new(), gold: Vec::new() };
    let n = zh.len().min(en.len());
    let mut i = 0;
    while i < n {
        let (z, e) = (problem.zh.len(), problem.en.len());
        let roll = random.next();
        if roll < MERGE_ZH && i + 1 < n {
            // Two Chinese lines written as one: a 1-2 bead.
            problem.zh.push(format!("{}{}", zh[i], zh[i + 1]));
            problem.en.extend([en[i].to_string(), en[i + 1].to_string()]);
            problem.gold.push(Bead { zh: z..z + 1, en: e..e + 2 });
            i += 2;
            continue;
        }
        if roll < MERGE_ZH + MERGE_EN && i + 1 < n {
            problem.zh.extend([zh[i].to_string(), zh[i + 1].to_string()]);
            problem.en.push(format!("{} {}", en[i], en[i + 1]));
            problem.gold.push(Bead { zh: z..z + 2, en: e..e + 1 });
            i += 2;
            continue;
        }
        if roll < MERGE_ZH + MERGE_EN + DROP_ZH {
            problem.en.push(en[i].to_string());
            problem.gold.push(Bead { zh: z..z, en: e..e + 1 });
        } else if roll < MERGE_ZH + MERGE_EN + DROP_ZH + DROP_EN {
            problem.zh.push(zh[i].to_string());
            problem.gold.push(Bead { zh: z..z + 1, en: e..e });
        } else {
            problem.zh.push(zh[i].to_string());
            problem.en.push(en[i].to_string());
            problem.gold.push(Bead { zh: z..z + 1, en: e..e + 1 });
        }
        i += 1;
    }
    problem
}

/// Strict bead F1: precision and recall of exactly right beads. `with_empty` counts 1-0 and
/// 0-1 beads too.
pub fn strict_f1(gold: &[Bead], predicted: &[Bead], with_empty: bool) -> f64 {
    let keep = |b: &&Bead| with_empty || (!b.zh.is_empty() && !b.en.is_empty());
    let key = |b: &Bead| (b.zh.start, b.zh.end, b.en.start, b.en.end);
    let gold: HashSet<_> = gold.iter().filter(keep).map(key).collect();
    let predicted: HashSet<_> = predicted.iter().filter(keep).map(key).collect();
    let right = gold.intersection(&predicted).count() as f64;
    if right == 0.0 {
        return 0.0;
    }
    let (precision, recall) = (right / predicted.len() as f64, right / gold.len() as f64);
    2.0 * precision * recall / (precision + recall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perturbed_problems_keep_every_line_in_a_true_bead() {
        let zh: Vec<String> = (0..200).map(|i| format!("句子{i}")).collect();
        let en: Vec<String> = (0..200).map(|i| format!("sentence {i}")).collect();
        let zh: Vec<&str> = zh.iter().map(String::as_str).collect();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let problem = perturb(&zh, &en, 7);
        let shapes: HashSet<(usize, usize)> = problem.gold.iter().map(|b| (b.zh.len(), b.en.len())).collect();
        assert!(shapes.contains(&(1, 2)) && shapes.contains(&(2, 1)) && shapes.contains(&(1, 1)), "{shapes:?}");
        assert_eq!(problem.gold.last().map(|b| b.zh.end), Some(problem.zh.len()));
        assert_eq!(problem.gold.last().map(|b| b.en.end), Some(problem.en.len()));
        for bead in problem.gold.iter().filter(|b| b.zh.len() == 1 && b.en.len() == 2) {
            let zh_line = &problem.zh[bead.zh.start];
            let number = problem.en[bead.en.start].trim_start_matches("sentence ");
            assert!(zh_line.starts_with(&format!("句子{number}")), "{zh_line} / {number}");
        }
    }

    #[test]
    fn strict_f1_counts_exact_beads_only() {
        let gold = vec![Bead { zh: 0..1, en: 0..1 }, Bead { zh: 1..3, en: 1..2 }];
        let half = vec![Bead { zh: 0..1, en: 0..1 }, Bead { zh: 1..2, en: 1..2 }, Bead { zh: 2..3, en: 2..2 }];
        assert_eq!(strict_f1(&gold, &gold, true), 1.0);
        assert!((strict_f1(&gold, &half, true) - 0.4).abs() < 1e-9);
        assert!((strict_f1(&gold, &half, false) - 0.5).abs() < 1e-9);
    }
}
