//! The columns of every CSV-like profile, defined once: the exporters (`csv.rs`, `cat.rs`)
//! write these headers in this order, and the importer (`crate::curate`) reads a reviewer's
//! file by them, so a column cannot be renamed on one side only.

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

pub struct Profile {
    pub name: &'static str,
    /// Columns only this profile writes (lower case); any of them picks it.
    pub signature: &'static [&'static str],
    /// The columns the exporter writes, in order.
    pub columns: &'static [(&'static str, Role)],
    /// Other names the importer takes for a role (in files made by hand).
    pub aliases: &'static [(&'static str, Role)],
}

impl Profile {
    /// The header row the exporter writes.
    pub fn header(&self) -> Vec<&'static str> {
        self.columns.iter().map(|&(name, _)| name).collect()
    }

    /// The role of a header name, compared without case and surrounding spaces.
    pub fn role(&self, name: &str) -> Option<Role> {
        let key = name.trim().to_lowercase();
        self.columns.iter().chain(self.aliases).find(|(n, _)| n.to_lowercase() == key).map(|&(_, role)| role)
    }

    /// Every header name the importer takes, lower case, written ones first.
    pub fn accepted(&self) -> Vec<String> {
        self.columns.iter().chain(self.aliases).map(|(n, _)| n.to_lowercase()).collect()
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
}
