//! Foreign names written in Chinese characters by sound (弗拉格斯塔夫 "Flagstaff", 科罗拉多
//! "Colorado"): the consonants of the characters' pinyin and those of the English spelling,
//! each reduced to a coarse sound class, agree. Chinese transliteration writes a foreign
//! syllable with a character of a small, conventional set (the Xinhua naming tables), keeps
//! the consonants and drops or adds vowels, and has no r (l stands for it) nor voicing
//! contrast (德 de for "d" and "t"). So a name whose characters all come from that set, and an
//! English name whose consonant classes read the same up to a slip, are the same name.

use pinyin::ToPinyin;

/// Characters Chinese uses to write foreign names by sound (the common syllables of the Xinhua
/// transliteration tables). A term made only of these may be a transliteration.
const TRANSLITERATION: &str = "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯勃博布查达戴丹道德登迪蒂\
    丁东顿杜多厄恩尔法凡范菲费芬丰弗佛夫福富盖甘冈戈哥格古瓜圭哈海汉豪赫亨洪胡华霍基吉加贾杰金卡凯坎康考\
    柯科克肯库夸奎拉莱赖兰朗劳勒雷蕾里理利莉丽连林琳刘留卢鲁路伦罗洛马玛迈麦曼毛梅门蒙米密缪莫默姆穆\
    娜纳那拿奈南内尼妮宁纽努诺欧帕潘庞佩彭皮珀普奇齐恰乔切钦丘屈萨塞桑瑟森沙莎尚舍申盛什施史舒斯松苏索塔泰\
    坦汤唐陶特提廷托瓦万旺威韦维温文沃乌伍西希锡席夏谢辛休修雅亚扬耶伊因英尤于约泽扎詹兹朱卓";

/// A consonant sound class: letters Chinese transliteration does not tell apart share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sound {
    /// b, p
    Labial,
    M,
    /// f, v, w (威 wei writes "w" and "v")
    Fricative,
    /// d, t, th
    Dental,
    /// n, and a syllable's nasal ending (-n, -ng)
    N,
    /// l, r (Chinese writes r with l: 罗 luo for "ro")
    Liquid,
    /// g, k, hard c, q, ck
    Velar,
    H,
    /// s, z, soft c, j, ch, sh, zh, x
    Sibilant,
}

/// One-character words for a kind of place that follow a transliterated name: state or
/// province, province, city, county, island, river, mountain, village, lake, port.
const PLACE_SUFFIXES: &[char] = &['州', '省', '市', '县', '岛', '河', '山', '村', '湖', '港'];

/// The fewest consonant classes a name must have: with two, too many short words agree by
/// chance (托尼 "Tony" and "Tina", "tone").
const MIN_SOUNDS: usize = 3;

/// The consonant classes of a term of Chinese characters that could be a foreign name (three to
/// eight characters, all of the transliteration set), in order, repeats merged.
pub(super) fn of_term(term: &str) -> Option<Vec<Sound>> {
    // A generic word for a kind of place after the name is translated, not transliterated
    // (佛罗里达州 "Florida", "the State of Florida"): the name is the part before it.
    let term = term.strip_suffix(PLACE_SUFFIXES).filter(|name| name.chars().count() >= 3).unwrap_or(term);
    let count = term.chars().count();
    if !(3..=8).contains(&count) || !term.chars().all(|c| TRANSLITERATION.contains(c)) {
        return None;
    }
    let mut sounds = Vec::new();
    for c in term.chars() {
        syllable(c.to_pinyin()?.plain(), &mut sounds);
    }
    Some(merged(sounds)).filter(|s| s.len() >= MIN_SOUNDS)
}

/// Whether an English name (capitalised words) sounds like the term whose classes are `term`:
/// the same classes, up to one slip in four. A short first word may be an article or particle
/// of the name that Chinese leaves out (El Salvador 萨尔瓦多, Van …).
pub(super) fn sounds_like(surface: &str, term: &[Sound]) -> bool {
    if !surface.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let alike = |surface: &str| {
        let english = of_english(surface);
        english.len() >= MIN_SOUNDS && distance(&english, term) <= term.len().max(english.len()) / 4
    };
    let particle = surface.split_once(' ').filter(|(first, _)| first.chars().count() <= MAX_PARTICLE_LETTERS);
    alike(surface) || particle.is_some_and(|(_, rest)| alike(rest))
}

/// Letters of a first word that may be a particle of a name (El, Al, La, Van, Von).
const MAX_PARTICLE_LETTERS: usize = 3;

/// A pinyin syllable's initial consonant and nasal ending.
fn syllable(pinyin: &str, out: &mut Vec<Sound>) {
    use Sound::*;
    // "er" (尔) writes a final r or l.
    if pinyin == "er" {
        out.push(Liquid);
        return;
    }
    let (initial, rest) = match pinyin.get(..2) {
        Some("zh" | "ch" | "sh") => (Some(Sibilant), &pinyin[2..]),
        _ => {
            let first = pinyin.chars().next().unwrap_or('a');
            let sound = match first {
                'b' | 'p' => Some(Labial),
                'm' => Some(M),
                'f' | 'w' => Some(Fricative),
                'd' | 't' => Some(Dental),
                'n' => Some(N),
                'l' | 'r' => Some(Liquid),
                'g' | 'k' => Some(Velar),
                'h' => Some(H),
                'j' | 'q' | 'x' | 'z' | 'c' | 's' => Some(Sibilant),
                _ => None,
            };
            let skip = if sound.is_some() { 1 } else { 0 };
            (sound, &pinyin[skip..])
        }
    };
    out.extend(initial);
    if rest.ends_with('n') || rest.ends_with("ng") {
        out.push(N);
    }
}

/// The consonant classes of an English spelling, digraphs first, silent letters dropped.
fn of_english(surface: &str) -> Vec<Sound> {
    use Sound::*;
    let letters: Vec<char> =
        surface.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    let mut sounds = Vec::new();
    let mut i = 0;
    while i < letters.len() {
        let next = letters.get(i + 1).copied();
        let (sound, width) = match (letters[i], next) {
            ('t', Some('h')) => (Some(Dental), 2),
            ('p', Some('h')) => (Some(Fricative), 2),
            ('c' | 's', Some('h')) => (Some(Sibilant), 2),
            ('g', Some('h')) => (None, 2),
            ('c', Some('k')) => (Some(Velar), 2),
            ('c', Some('e' | 'i' | 'y')) => (Some(Sibilant), 1),
            ('b' | 'p', _) => (Some(Labial), 1),
            ('m', _) => (Some(M), 1),
            ('f' | 'v' | 'w', _) => (Some(Fricative), 1),
            ('d' | 't', _) => (Some(Dental), 1),
            ('n', _) => (Some(N), 1),
            ('l' | 'r', _) => (Some(Liquid), 1),
            ('g' | 'k' | 'c' | 'q', _) => (Some(Velar), 1),
            // An h after a vowel is silent (Hannah, Sarah).
            ('h', _) => (Some(H).filter(|_| i == 0 || !is_vowel(letters[i - 1])), 1),
            ('s' | 'z' | 'j', _) => (Some(Sibilant), 1),
            ('x', _) => {
                sounds.extend([Velar, Sibilant]);
                (None, 1)
            }
            _ => (None, 1),
        };
        sounds.extend(sound);
        i += width;
    }
    merged(sounds)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Repeated classes read as one (ff, 拉罗 la-luo).
fn merged(mut sounds: Vec<Sound>) -> Vec<Sound> {
    sounds.dedup();
    sounds
}

/// Edit distance between two class sequences.
fn distance(a: &[Sound], b: &[Sound]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(x != y);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_names_sound_like_their_spelling() {
        let sounds = |term: &str| of_term(term).unwrap_or_else(|| panic!("{term} reads as a transliteration"));
        assert!(sounds_like("Flagstaff", &sounds("弗拉格斯塔夫")));
        assert!(sounds_like("Colorado", &sounds("科罗拉多")));
        assert!(sounds_like("Arizona", &sounds("亚利桑那")));
        assert!(sounds_like("Houston", &sounds("休斯顿")));
        assert!(sounds_like("El Salvador", &sounds("萨尔瓦多")) && sounds_like("Salvador", &sounds("萨尔瓦多")));
        assert!(sounds_like("Trump", &sounds("特朗普")));
        // Another name, a translated word, or the name not capitalised.
        assert!(!sounds_like("Phoenix", &sounds("弗拉格斯塔夫")));
        assert!(!sounds_like("Flagpole City", &sounds("弗拉格斯塔夫")));
        assert!(!sounds_like("colorado", &sounds("科罗拉多")));
    }

    #[test]
    fn only_terms_written_with_transliteration_characters_are_read_by_sound() {
        assert!(of_term("科罗拉多").is_some());
        // Characters Chinese words are made of, not sounds.
        assert!(of_term("安全理事会").is_none());
        assert!(of_term("旗杆市").is_none());
        // Too short to tell from chance: two consonant classes.
        assert!(of_term("托尼").is_none());
    }

    #[test]
    fn a_word_for_the_kind_of_place_after_a_name_is_not_read_by_sound() {
        let florida = of_term("佛罗里达州").expect("the name before 州 reads as a transliteration");
        assert!(sounds_like("Florida", &florida));
        assert_eq!(Some(florida), of_term("佛罗里达"));
        // The rest must be a transliteration of three characters or more.
        assert!(of_term("长白山").is_none() && of_term("达州").is_none());
    }
}
