//! A user's own dictionary: `zh<TAB>en` lines (several English senses separated by `|` or
//! `;`, `#` comment lines, blank lines) whose entries join CC-CEDICT in [`super::Lexicon`].

use crate::corpus::{is_han, read_text};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Chinese words with the English senses the user gives them, lower-cased like CC-CEDICT's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserDictionary {
    senses: BTreeMap<String, Vec<String>>,
}

impl UserDictionary {
    /// Reads a dictionary file in any encoding the corpus reader accepts.
    pub fn read(path: &Path) -> Result<Self> {
        Self::parse(path, &read_text(path)?)
    }

    /// Parses the text of the dictionary file `path` (named in errors with the line at fault).
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let mut senses: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let malformed = |message: &str| Error::Malformed {
                path: path.to_path_buf(),
                line: number + 1,
                message: message.into(),
            };
            let Some((zh, en)) = line.split_once('\t') else {
                return Err(malformed("no tab: expected `zh<TAB>en`"));
            };
            if en.contains('\t') {
                return Err(malformed("more than one tab: expected `zh<TAB>en`"));
            }
            let zh = zh.trim();
            if !zh.chars().any(is_han) || zh.chars().any(char::is_whitespace) {
                return Err(malformed("the first column must be one Chinese word"));
            }
            let found: Vec<String> =
                en.split(['|', ';']).map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect();
            if found.is_empty() {
                return Err(malformed("no English after the tab"));
            }
            let listed = senses.entry(zh.to_string()).or_default();
            for sense in found {
                if !listed.contains(&sense) {
                    listed.push(sense);
                }
            }
        }
        Ok(UserDictionary { senses })
    }

    /// The user's senses of `word`, in file order (empty when the file does not list it).
    pub fn senses(&self, word: &str) -> &[String] {
        self.senses.get(word).map_or(&[], Vec::as_slice)
    }

    /// Every Chinese word of the dictionary, in sorted order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.senses.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.senses.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_comments_and_separators_are_read() {
        let text = "# orchard terms\n\n嫁接刀\tGrafting Knife | budding knife\n嫁接刀\tgrafting knife;scion knife\n";
        let dictionary = UserDictionary::parse(Path::new("orchard.tsv"), text).unwrap();
        assert_eq!(dictionary.senses("嫁接刀"), ["grafting knife", "budding knife", "scion knife"]);
        assert!(dictionary.senses("果园").is_empty());
        assert_eq!(dictionary.words().collect::<Vec<_>>(), ["嫁接刀"]);
    }

    #[test]
    fn a_malformed_line_is_named_with_its_path_and_number() {
        for (text, message) in [
            ("嫁接刀\tgrafting knife\n果园 orchard\n", "no tab"),
            ("嫁接刀\t \n", "no English"),
            ("grafting\tknife\n", "one Chinese word"),
            ("嫁接刀\tknife\tnote\n", "more than one tab"),
        ] {
            let error = UserDictionary::parse(Path::new("orchard.tsv"), text).unwrap_err().to_string();
            let line = text.lines().count();
            assert!(error.starts_with(&format!("orchard.tsv:{line}: ")) && error.contains(message), "{error}");
        }
    }
}
