//! The forms a term is looked up by: normalised text (case, width, dashes, English plurals,
//! Traditional Chinese folded to Simplified, so 資料庫 and 资料库 meet) and pinyin (toned for display; folded to bare letters, so `kuaijie tongdao`, `kuài jié`,
//! `kuai4jie2` all reach the same key).

use crate::align::english::lemma;
use pinyin::ToPinyin;

/// Case- and width-folded, dashes unified, white space collapsed, each English word singular,
/// Chinese in Simplified script.
pub fn normalize(text: &str) -> String {
    let simplified;
    let text = if text.chars().any(crate::corpus::is_han) {
        simplified = crate::corpus::variant::fold(text);
        simplified.as_str()
    } else {
        text
    };
    let folded: String = text
        .chars()
        .map(|c| match c {
            '—' | '–' | '－' | '‐' | '‑' => '-',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    folded
        .split_whitespace()
        .map(|w| {
            if w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '\'') {
                lemma(w)
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hanyu pinyin of `text`, a space between syllables (first reading of each character);
/// characters without a reading are kept, runs of them as one word.
pub fn pinyin(text: &str, tones: bool) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        match c.to_pinyin() {
            Some(p) => {
                if !run.trim().is_empty() {
                    words.push(run.trim().to_string());
                }
                run.clear();
                words.push(if tones { p.with_tone() } else { p.plain() }.to_string());
            }
            None => run.push(c),
        }
    }
    if !run.trim().is_empty() {
        words.push(run.trim().to_string());
    }
    words.join(" ")
}

/// Pinyin as bare lowercase letters: tone marks and numbers, spaces and apostrophes dropped,
/// ü written v. `None` when `query` has anything pinyin cannot hold (Han characters).
pub fn fold_pinyin(query: &str) -> Option<String> {
    let mut out = String::with_capacity(query.len());
    for c in query.chars() {
        let base = match c {
            'a'..='z' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            'ā' | 'á' | 'ǎ' | 'à' | 'Ā' | 'Á' | 'Ǎ' | 'À' => 'a',
            'ē' | 'é' | 'ě' | 'è' | 'Ē' | 'É' | 'Ě' | 'È' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' | 'Ī' | 'Í' | 'Ǐ' | 'Ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' | 'Ō' | 'Ó' | 'Ǒ' | 'Ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' | 'Ū' | 'Ú' | 'Ǔ' | 'Ù' => 'u',
            'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ü' => 'v',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            '0'..='9' | ' ' | '\'' | '’' | '-' => continue,
            _ => return None,
        };
        out.push(base);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_keeps_tones_or_drops_them() {
        assert_eq!(pinyin("电网", true), "diàn wǎng");
        assert_eq!(pinyin("5G基站", false), "5G ji zhan");
    }

    #[test]
    fn every_spelling_of_pinyin_folds_to_one_key() {
        let key = fold_pinyin(&pinyin("绿色电网", false)).unwrap();
        for query in ["lvse dianwang", "lǜsè diànwǎng", "LV4SE4 DIAN4WANG3", "lü se dian wang"] {
            assert_eq!(fold_pinyin(query).as_deref(), Some(key.as_str()), "{query}");
        }
        assert_eq!(fold_pinyin("电网"), None);
    }

    #[test]
    fn traditional_and_simplified_fold_to_one_key() {
        assert_eq!(normalize("資料庫"), normalize("数据库"));
        assert_eq!(normalize("臨床試驗"), "临床试验");
    }

    #[test]
    fn normalising_folds_case_width_and_plural() {
        assert_eq!(normalize("Ｓｍａｒｔ  Grids"), normalize("smart grid"));
    }
}
