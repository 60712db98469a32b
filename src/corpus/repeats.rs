//! Equal texts: a translation memory repeats its segments (and a corpus its clauses), and
//! each stage that reads them does its work once per distinct text. Finding the copies is
//! itself done on all cores.

use rayon::prelude::*;

/// The hash texts are keyed by here and in mining's tables (FxHash: short strings, hashed
/// hundreds of millions of times in a large memory).
pub(crate) fn string_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// Which of `shards` tables a hash goes to: its high bits, since a hash table indexes by the
/// low ones. Sharded tables let each core fill or merge its own.
pub(crate) fn shard_of(hash: u64, shards: usize) -> usize {
    (hash >> 58) as usize % shards
}

/// Adds the counts of `other` to `into`, walking the smaller of the two: how two workers'
/// counts keyed by hash (of strings, of phrases) are joined.
pub(crate) fn add_counts(into: &mut rustc_hash::FxHashMap<u64, usize>, mut other: rustc_hash::FxHashMap<u64, usize>) {
    if into.len() < other.len() {
        std::mem::swap(into, &mut other);
    }
    for (key, n) in other {
        *into.entry(key).or_default() += n;
    }
}

/// Shards of [`first_equal`]'s tables: enough to balance the cores.
const SHARDS: usize = 16;

/// For each of `keys`, the index of the first key equal to it (its own index when it is the
/// first), on all cores: the keys hashed, then each shard of hashes scanned in order by a
/// worker of its own. A million-pair memory has millions of clauses, and one table filled on
/// one core took most of a second, twice.
pub fn first_equal<K: AsRef<str> + Sync>(keys: &[K]) -> Vec<usize> {
    let hashes: Vec<u64> = keys.par_iter().map(|k| string_hash(k.as_ref())).collect();
    let mut shards: Vec<Vec<u32>> = vec![Vec::new(); SHARDS];
    for (i, &hash) in hashes.iter().enumerate() {
        shards[shard_of(hash, SHARDS)].push(u32::try_from(i).expect("fewer than 4G clauses"));
    }
    let firsts: Vec<Vec<(u32, u32)>> = shards
        .par_iter()
        .map(|indices| {
            let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::with_capacity(indices.len());
            let hash_of = |&j: &u32| hashes[j as usize];
            let mut out = Vec::new();
            for &i in indices {
                let key = keys[i as usize].as_ref();
                let same = |&j: &u32| hashes[j as usize] == hashes[i as usize] && keys[j as usize].as_ref() == key;
                match table.find(hashes[i as usize], same) {
                    Some(&j) => out.push((i, j)),
                    None => {
                        table.insert_unique(hashes[i as usize], i, hash_of);
                    }
                }
            }
            out
        })
        .collect();
    let mut first: Vec<usize> = (0..keys.len()).collect();
    for (i, j) in firsts.into_iter().flatten() {
        first[i as usize] = j as usize;
    }
    first
}

/// The distinct texts of a list: the first copy of each, in order of first sight, and for
/// each text of the list the number of its distinct text.
pub struct Distinct {
    pub first: Vec<usize>,
    pub slot: Vec<usize>,
}

impl Distinct {
    /// The distinct texts of `keys` (see [`first_equal`]).
    pub fn of<K: AsRef<str> + Sync>(keys: &[K]) -> Self {
        let mut first = Vec::new();
        let mut slot: Vec<usize> = Vec::with_capacity(keys.len());
        for (i, equal) in first_equal(keys).into_iter().enumerate() {
            if equal == i {
                slot.push(first.len());
                first.push(i);
            } else {
                slot.push(slot[equal]);
            }
        }
        Distinct { first, slot }
    }

    /// How many distinct texts there are.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// Whether the list was empty.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// Each distinct text's first copy, with how many texts of the list it stands for.
    pub fn with_copies(&self) -> Vec<(usize, usize)> {
        let mut copies = vec![0usize; self.first.len()];
        for &slot in &self.slot {
            copies[slot] += 1;
        }
        self.first.iter().copied().zip(copies).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_equal_points_each_key_at_its_first_copy() {
        let keys = ["甲", "乙", "甲", "丙", "乙", "甲", ""];
        assert_eq!(first_equal(&keys), vec![0, 1, 0, 3, 1, 0, 6]);
        let distinct = Distinct::of(&keys);
        assert_eq!(
            (distinct.first.as_slice(), distinct.slot.as_slice()),
            (&[0, 1, 3, 6][..], &[0, 1, 0, 2, 1, 0, 3][..])
        );
        assert_eq!(distinct.with_copies(), [(0, 3), (1, 2), (3, 1), (6, 1)]);
        // Enough keys to fill every shard, each text seen three times.
        let many: Vec<String> = (0..3000).map(|i| format!("第{}条", i % 1000)).collect();
        let first = first_equal(&many);
        for (i, &j) in first.iter().enumerate() {
            assert_eq!(j, i % 1000, "{}", many[i]);
        }
    }
}
