//! The columns of every CSV-like profile, defined once: the exporters (`csv.rs`, `cat.rs`)
//! write these headers in this order, and the importer (`crate::curate`) reads a reviewer's
//! file by them, so a column cannot be renamed on one side only.
//!
//! The columns are written here for Simplified Chinese, `zh-CN`. A profile that names the
//! Chinese variant ([`Variant`]) writes a glossary of another variant
//! ([`crate::graph::TermGraph::zh_tag`]) with that variant's name in place of `zh-CN` (generic
//! `zh-TW`, Crowdin `term_zh-TW`) or of `Chinese (PRC)` (memoQ `Chinese (Taiwan)`), and the
//! importer reads such a column as the `zh-CN` one.

use crate::corpus::variant;

/// What a column means to the importer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Zh,
    /// The preferred English.
    En,
    /// All English terms, preferred first, joined by `;` (memoQ).
    EnAll,
    /// The other English terms, joined by the separator.
    EnVariants(char),
    /// Crowdin's English description: `Also: A; B`.
    EnAlso,
    ZhVariants,
    Status,
    /// The reviewer note, after zhterm's evidence line when the field holds one.
    Note,
    Modified,
    /// Evidence zhterm writes for reading, not for editing.
    Evidence,
}

/// How a profile's header names the glossary's Chinese variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// It does not (Trados: `Chinese`).
    Unnamed,
    /// By its language tag in place of `zh-CN` (generic `zh-TW`, Crowdin `term_zh-TW`).
    Tag,
    /// By memoQ's language name in place of `Chinese (PRC)` (`Chinese (Taiwan)`).
    Memoq,
}

/// The language tag the columns are written for.
const DEFAULT_TAG: &str = variant::DEFAULT_TAG;

/// memoQ's names of the Chinese variants, each with the tags written under it; any other tag
/// is written as the first, `Chinese (PRC)`.
pub const MEMOQ_LANGUAGES: &[(&str, &[&str])] = &[
    ("Chinese (PRC)", &["zh-CN", "zh-Hans", "zh-Hans-CN"]),
    ("Chinese (Taiwan)", &["zh-TW", "zh-Hant", "zh-Hant-TW"]),
    ("Chinese (Hong Kong S.A.R.)", &["zh-HK", "zh-Hant-HK"]),
    ("Chinese (Macao S.A.R.)", &["zh-MO", "zh-Hant-MO"]),
    ("Chinese (Singapore)", &["zh-SG", "zh-Hans-SG"]),
];

/// The variant tags a refused header is told of (the importer takes any variant tag).
const NAMED_TAGS: &[&str] = &["zh-CN", "zh-TW", "zh-HK", "zh-MO", "zh-SG", "zh-Hans", "zh-Hant"];

/// memoQ's name of the Chinese variant `tag`, as its term base import expects it in a header.
pub fn memoq_language(tag: &str) -> &'static str {
    MEMOQ_LANGUAGES.iter().find(|(_, tags)| tags.contains(&tag)).map_or(MEMOQ_LANGUAGES[0].0, |&(name, _)| name)
}

/// Whether `text` is the tag of a Chinese variant, in any case and with `-` or `_`: `zh`
/// (memoQ's `zho`), then at most a script (`Hant`), then at most a region (`TW`, `419`).
fn is_variant_tag(text: &str) -> bool {
    let Some(tag) = variant::canonical(text) else { return false };
    // `canonical` leaves out subtags it would not write; a name that had one is no tag.
    if tag.split('-').count() != text.split(['-', '_']).filter(|p| !p.trim().is_empty()).count() {
        return false;
    }
    let letters = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_alphabetic());
    let mut subtags = tag.split('-').skip(1).peekable();
    subtags.next_if(|s| letters(s, 4));
    subtags.next_if(|s| letters(s, 2) || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit())));
    subtags.next().is_none()
}

pub struct Profile {
    pub name: &'static str,
    /// Columns only this profile writes (lower case, as for `zh-CN`); any of them, for any
    /// Chinese variant, picks it.
    pub signature: &'static [&'static str],
    /// The columns the exporter writes, in order, as for `zh-CN`.
    pub columns: &'static [(&'static str, Role)],
    /// Other names the importer takes for a role (in files made by hand).
    pub aliases: &'static [(&'static str, Role)],
    /// How the columns name the Chinese variant.
    pub variant: Variant,
}

impl Profile {
    /// The part of the column names that names `zh-CN`, if any.
    fn default_name(&self) -> Option<&'static str> {
        match self.variant {
            Variant::Unnamed => None,
            Variant::Tag => Some(DEFAULT_TAG),
            Variant::Memoq => Some(MEMOQ_LANGUAGES[0].0),
        }
    }

    /// The header row the exporter writes for a glossary of the Chinese variant `zh_tag`
    /// ([`crate::graph::TermGraph::zh_tag`]).
    pub fn header(&self, zh_tag: &str) -> Vec<String> {
        match self.variant {
            Variant::Unnamed => self.renamed(""),
            Variant::Tag => self.renamed(zh_tag),
            Variant::Memoq => self.renamed(memoq_language(zh_tag)),
        }
    }

    /// The columns with `name` in place of the name of `zh-CN` (the columns as they are for
    /// a profile that names no variant).
    fn renamed(&self, name: &str) -> Vec<String> {
        let names = self.columns.iter().map(|&(column, _)| column);
        match self.default_name() {
            Some(default) => names.map(|column| column.replace(default, name)).collect(),
            None => names.map(str::to_string).collect(),
        }
    }

    /// The written column a header name stands for, compared without case and surrounding
    /// spaces: the column of that name, or the same column of another Chinese variant.
    fn written(&self, name: &str) -> Option<(&'static str, Role)> {
        let key = name.trim().to_lowercase();
        if let Some(&column) = self.columns.iter().find(|(n, _)| n.to_lowercase() == key) {
            return Some(column);
        }
        let default = self.default_name()?.to_lowercase();
        self.columns.iter().copied().find(|(n, _)| {
            let n = n.to_lowercase();
            let Some((prefix, suffix)) = n.split_once(&default) else { return false };
            let Some(named) = key.strip_prefix(prefix).and_then(|k| k.strip_suffix(suffix)) else { return false };
            match self.variant {
                Variant::Memoq => MEMOQ_LANGUAGES.iter().any(|(language, _)| language.to_lowercase() == named),
                _ => is_variant_tag(named),
            }
        })
    }

    /// The role of a header name, compared without case and surrounding spaces.
    pub fn role(&self, name: &str) -> Option<Role> {
        let key = name.trim().to_lowercase();
        self.written(name)
            .or_else(|| self.aliases.iter().copied().find(|(n, _)| n.to_lowercase() == key))
            .map(|(_, role)| role)
    }

    /// Whether a header name is one of the columns only this profile writes.
    pub fn signed_by(&self, name: &str) -> bool {
        self.written(name).is_some_and(|(n, _)| self.signature.contains(&n.to_lowercase().as_str()))
    }

    /// Every header name the importer takes, lower case, written ones first, then those of
    /// the commonest other Chinese variants.
    pub fn accepted(&self) -> Vec<String> {
        let mut names: Vec<String> = self.columns.iter().chain(self.aliases).map(|(n, _)| n.to_lowercase()).collect();
        let others: Vec<&str> = match self.variant {
            Variant::Unnamed => Vec::new(),
            Variant::Tag => NAMED_TAGS.to_vec(),
            Variant::Memoq => MEMOQ_LANGUAGES.iter().map(|&(language, _)| language).collect(),
        };
        for other in others {
            for name in self.renamed(other) {
                let name = name.to_lowercase();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }
}

pub const MEMOQ: Profile = Profile {
    name: "memoQ",
    signature: &["chinese (prc)"],
    columns: &[
        ("Chinese (PRC)", Role::Zh),
        ("English", Role::EnAll),
        ("Chinese (PRC)_Example", Role::Evidence),
        ("English_Example", Role::Evidence),
        ("Entry_Note", Role::Note),
        ("Concept_ID", Role::Evidence),
        ("Status", Role::Status),
    ],
    aliases: &[],
    variant: Variant::Memoq,
};

pub const TRADOS: Profile = Profile {
    name: "Trados",
    signature: &["english variants", "concept id", "context"],
    columns: &[
        ("Chinese", Role::Zh),
        ("English", Role::En),
        ("English variants", Role::EnVariants(';')),
        ("Status", Role::Status),
        ("Context", Role::Evidence),
        ("Source", Role::Evidence),
        ("Note", Role::Note),
        ("Concept ID", Role::Evidence),
    ],
    aliases: &[],
    variant: Variant::Unnamed,
};

pub const CROWDIN: Profile = Profile {
    name: "Crowdin",
    signature: &["term_zh-cn"],
    columns: &[
        ("term_zh-CN", Role::Zh),
        ("description_zh-CN", Role::Note),
        ("partOfSpeech_zh-CN", Role::Evidence),
        ("term_en", Role::En),
        ("description_en", Role::EnAlso),
        ("concept_id", Role::Evidence),
    ],
    aliases: &[],
    variant: Variant::Tag,
};

/// Separator of the generic CSV's `en_variants` and `zh_variants` columns.
pub const LIST_SEPARATOR: char = '|';

pub const GENERIC: Profile = Profile {
    name: "generic",
    signature: &[],
    columns: &[
        ("zh-CN", Role::Zh),
        ("en", Role::En),
        ("status", Role::Status),
        ("score", Role::Evidence),
        ("frequency", Role::Evidence),
        ("context_zh", Role::Evidence),
        ("context_en", Role::Evidence),
        ("concept_id", Role::Evidence),
        ("en_variants", Role::EnVariants(LIST_SEPARATOR)),
        ("zh_variants", Role::ZhVariants),
        ("documents", Role::Evidence),
        ("translation_score", Role::Evidence),
        ("source", Role::Evidence),
        ("note", Role::Note),
        ("modified", Role::Modified),
    ],
    aliases: &[
        ("zh", Role::Zh),
        ("zh-hans", Role::Zh),
        ("chinese", Role::Zh),
        ("en-us", Role::En),
        ("en-gb", Role::En),
        ("english", Role::En),
        ("notes", Role::Note),
        ("comment", Role::Note),
    ],
    variant: Variant::Tag,
};

/// The CSV profiles an import recognises by their signature; anything else is generic.
pub const SIGNED: [&Profile; 3] = [&MEMOQ, &CROWDIN, &TRADOS];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_column_reads_back_as_its_own_role_and_signatures_are_written_columns() {
        for profile in [&MEMOQ, &TRADOS, &CROWDIN, &GENERIC] {
            for &(name, role) in profile.columns {
                assert_eq!(profile.role(name), Some(role), "{} {name}", profile.name);
                assert_eq!(profile.role(&format!(" {} ", name.to_uppercase())), Some(role));
            }
            for signature in profile.signature {
                assert!(profile.accepted().contains(&signature.to_string()), "{signature}");
            }
        }
        assert_eq!(GENERIC.role("Chinese"), Some(Role::Zh));
        assert_eq!(GENERIC.role("price"), None);
    }

    #[test]
    fn a_header_written_for_another_chinese_variant_reads_back_as_its_profile() {
        for tag in ["zh-CN", "zh-TW", "zh-Hant", "zh-HK", "zh-Hant-HK", "zh-SG", "zh-419"] {
            for profile in [&MEMOQ, &TRADOS, &CROWDIN, &GENERIC] {
                let header = profile.header(tag);
                for (name, &(_, role)) in header.iter().zip(profile.columns) {
                    assert_eq!(profile.role(name), Some(role), "{} {tag} {name}", profile.name);
                }
                let signed = SIGNED.into_iter().find(|p| header.iter().any(|n| p.signed_by(n)));
                assert_eq!(signed.map_or(GENERIC.name, |p| p.name), profile.name, "{tag}");
            }
        }
        assert_eq!(GENERIC.header("zh-TW")[0], "zh-TW");
        assert_eq!(CROWDIN.header("zh-TW")[..3], ["term_zh-TW", "description_zh-TW", "partOfSpeech_zh-TW"]);
        assert_eq!(MEMOQ.header("zh-Hant")[..3], ["Chinese (Taiwan)", "English", "Chinese (Taiwan)_Example"]);
        assert_eq!(MEMOQ.header("zh-Hant-HK")[0], "Chinese (Hong Kong S.A.R.)");
        assert_eq!(MEMOQ.header("zh-Latn")[0], "Chinese (PRC)");
        assert_eq!(TRADOS.header("zh-TW"), TRADOS.header("zh-CN"));
        // A name that only looks like a tag is not a Chinese column.
        for name in ["zh_notes", "zh-TW-x", "zh-Hantx", "term_zh-TW_x", "Chinese (Mars)"] {
            assert_eq!(GENERIC.role(name), None, "{name}");
            assert!(!SIGNED.into_iter().any(|p| p.signed_by(name)), "{name}");
        }
        assert_eq!(GENERIC.role("ZH_tw"), Some(Role::Zh));
        assert_eq!(GENERIC.role("zho-TW"), Some(Role::Zh));
        assert!(CROWDIN.accepted().contains(&"term_zh-hant".to_string()));
        assert!(MEMOQ.accepted().contains(&"chinese (singapore)_example".to_string()));
    }
}
