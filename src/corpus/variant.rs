//! Chinese variants: the language tag a document carries (from the file's own attributes, its
//! encoding, or its script) and the choice among several Chinese locales of one memory.
//!
//! A tag is kept as the file wrote it, in canonical case (`zh-TW`, `zh-Hant`, `zh-Hant-HK`);
//! `None` stands for the default, `zh-CN` (or a bare `zh`), so Simplified input that names no
//! variant is written exactly as before.

use super::is_han;
use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use std::sync::OnceLock;

/// One converter of OpenCC's built-in configurations, loaded once (its tables are embedded).
fn converter(config: BuiltinConfig, cell: &'static OnceLock<Option<OpenCC>>) -> Option<&'static OpenCC> {
    cell.get_or_init(|| OpenCC::from_config(config).ok()).as_ref()
}

/// `text` converted by `config`, or as it is should the embedded tables fail to load.
fn convert(config: BuiltinConfig, cell: &'static OnceLock<Option<OpenCC>>, text: &str) -> String {
    converter(config, cell).map_or_else(|| text.to_string(), |c| c.convert(text))
}

static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
static S2T: OnceLock<Option<OpenCC>> = OnceLock::new();
static TW2SP: OnceLock<Option<OpenCC>> = OnceLock::new();

/// The tag written for a document or term without one.
pub const DEFAULT_TAG: &str = "zh-CN";

/// How many Han characters the script test looks at: enough to tell the two scripts apart,
/// few enough that a large corpus costs nothing.
const SCRIPT_SAMPLE: usize = 4000;

/// `zh_tw`, `ZH-hant-tw` → `zh-TW`, `zh-Hant-TW`: language lower case, script title case,
/// region upper case. Not a Chinese tag → `None`.
pub fn canonical(tag: &str) -> Option<String> {
    let mut parts = tag.trim().split(['-', '_']).filter(|p| !p.is_empty());
    // memoQ writes ISO 639-2 codes (`zho-CN`).
    if !matches!(parts.next()?.to_ascii_lowercase().as_str(), "zh" | "zho" | "chi") {
        return None;
    }
    let mut out = String::from("zh");
    for part in parts {
        // Only letters and digits make a subtag; anything else never reaches an export.
        if part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        out.push('-');
        match part.len() {
            4 => {
                let mut chars = part.chars();
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.extend(chars.map(|c| c.to_ascii_lowercase()));
            }
            2 | 3 => out.push_str(&part.to_ascii_uppercase()),
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Some(out)
}

/// The tag a document keeps: `None` for the default (`zh-CN`, a bare `zh`).
pub fn kept(tag: &str) -> Option<String> {
    canonical(tag).filter(|t| t != DEFAULT_TAG && t != "zh")
}

/// True for a language tag of Chinese (`zh`, `zh-TW`, `ZH_hans`…).
pub fn is_chinese(tag: &str) -> bool {
    canonical(tag).is_some()
}

/// The variant a text without a tag is written in: `zh-TW` when it was decoded from Big5,
/// `zh-Hant` when characters only Traditional script uses outnumber the Simplified-only ones,
/// else `None` (Simplified, the default).
pub fn from_script(text: &str, big5: bool) -> Option<String> {
    if big5 {
        return Some("zh-TW".into());
    }
    let sample: String = text.chars().filter(|&c| is_han(c)).take(SCRIPT_SAMPLE).collect();
    if sample.is_empty() {
        return None;
    }
    let simplified = convert(BuiltinConfig::T2s, &T2S, &sample);
    let traditional = convert(BuiltinConfig::S2t, &S2T, &sample);
    // A character the Traditional→Simplified table changes is Traditional-only, and the
    // other way round; characters both scripts share count for neither.
    let traditional_only = sample.chars().zip(simplified.chars()).filter(|(a, b)| a != b).count();
    let simplified_only = sample.chars().zip(traditional.chars()).filter(|(a, b)| a != b).count();
    (traditional_only > simplified_only).then(|| "zh-Hant".to_string())
}

/// The Chinese locale a multi-locale memory is read in: `wanted` when the user named one
/// that the file has (matched without case), else the one most of its Chinese variants carry
/// (the first seen on a tie). `seen` lists every Chinese variant's tag in file order.
pub fn choose<'a>(seen: impl IntoIterator<Item = &'a str>, wanted: Option<&str>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for tag in seen {
        let Some(tag) = canonical(tag) else { continue };
        match counts.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, n)) => *n += 1,
            None => counts.push((tag, 1)),
        }
    }
    let wanted = wanted.and_then(canonical);
    if let Some(wanted) = wanted.filter(|w| counts.iter().any(|(t, _)| t == w)) {
        return Some(wanted);
    }
    // max_by_key keeps the last of equals; the first seen should win a tie.
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(t, _)| t.clone())
}

/// Folds Traditional script to Simplified — Taiwan's own words included (軟體 → 软件,
/// 資料庫 → 数据库, OpenCC's `tw2sp`) — so that look-up meets either script in one key.
pub fn fold(text: &str) -> String {
    convert(BuiltinConfig::Tw2sp, &TW2SP, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_put_in_canonical_case_and_the_default_is_not_kept() {
        assert_eq!(canonical("ZH_hant_tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(canonical("zh-hk").as_deref(), Some("zh-HK"));
        assert_eq!(canonical("en-US"), None);
        assert_eq!(canonical("zho-TW").as_deref(), Some("zh-TW"));
        assert_eq!(kept("zh-cn"), None);
        assert_eq!(kept("zh"), None);
        assert_eq!(kept("zh-Hans").as_deref(), Some("zh-Hans"));
    }

    #[test]
    fn the_script_decides_untagged_text() {
        assert_eq!(from_script("軟體開發與資料庫設計", false).as_deref(), Some("zh-Hant"));
        assert_eq!(from_script("软件开发与数据库设计", false), None);
        assert_eq!(from_script("软件开发", true).as_deref(), Some("zh-TW"));
        assert_eq!(from_script("no han here", false), None);
    }

    #[test]
    fn the_most_frequent_locale_wins_unless_one_is_asked_for() {
        let seen = ["zh-TW", "zh-CN", "zh-tw", "zh-CN", "zh-TW"];
        assert_eq!(choose(seen, None).as_deref(), Some("zh-TW"));
        assert_eq!(choose(seen, Some("zh-cn")).as_deref(), Some("zh-CN"));
        // A locale the file does not have cannot be read: the most frequent is.
        assert_eq!(choose(seen, Some("zh-HK")).as_deref(), Some("zh-TW"));
        assert_eq!(choose(["zh-HK", "zh-TW"], None).as_deref(), Some("zh-HK"));
        assert_eq!(choose([], None), None);
    }

    #[test]
    fn folding_meets_in_simplified() {
        assert_eq!(fold("資料庫"), "数据库");
        assert_eq!(fold("軟體"), "软件");
        assert_eq!(fold("臨床試驗"), "临床试验");
        assert_eq!(fold("临床试验"), "临床试验");
    }
}
