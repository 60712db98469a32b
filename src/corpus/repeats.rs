//! Equal texts: a translation memory repeats its segments (and a corpus its clauses), and
//! each stage that reads them does its work once per distinct text. Finding the copies is
//! itself done on all cores.

use rayon::prelude::*;

fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// Shards of [`first_equal`]'s tables: enough to balance the cores.
const SHARDS: usize = 16;

/// For each of `keys`, the index of the first key equal to it (its own index when it is the
/// first), on all cores: the keys hashed, then each shard of hashes scanned in order by a
/// worker of its own. A million-pair memory has millions of clauses, and one table filled on
/// one core took most of a second, twice.
pub fn first_equal<K: AsRef<str> + Sync>(keys: &[K]) -> Vec<usize> {
    let hashes: Vec<u64> = keys.par_iter().map(|k| hash(k.as_ref())).collect();
    let mut shards: Vec<Vec<u32>> = vec![Vec::new(); SHARDS];
    for (i, &hash) in hashes.iter().enumerate() {
        shards[(hash >> 58) as usize % SHARDS].push(u32::try_from(i).expect("fewer than 4G clauses"));
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

/// The distinct texts of [`first_equal`]'s answer: the index of the first copy of each, in
/// order of first sight, and for each key the number of its text among them.
pub fn numbered(first: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut representatives = Vec::new();
    let mut slot: Vec<usize> = Vec::with_capacity(first.len());
    for (i, &first) in first.iter().enumerate() {
        if first == i {
            slot.push(representatives.len());
            representatives.push(i);
        } else {
            slot.push(slot[first]);
        }
    }
    (representatives, slot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_equal_points_each_key_at_its_first_copy() {
        let keys = ["甲", "乙", "甲", "丙", "乙", "甲", ""];
        assert_eq!(first_equal(&keys), vec![0, 1, 0, 3, 1, 0, 6]);
        assert_eq!(numbered(&first_equal(&keys)), (vec![0, 1, 3, 6], vec![0, 1, 0, 2, 1, 0, 3]));
        // Enough keys to fill every shard, each text seen three times.
        let many: Vec<String> = (0..3000).map(|i| format!("第{}条", i % 1000)).collect();
        let first = first_equal(&many);
        for (i, &j) in first.iter().enumerate() {
            assert_eq!(j, i % 1000, "{}", many[i]);
        }
    }
}
