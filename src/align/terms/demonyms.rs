//! Nouns before their adjectives. Chinese uses a noun as it is before another noun (巴黎 of
//! 巴黎市民 "Parisian citizens", 总统 of 总统选举 "presidential election"), so a term's pairs show its
//! English adjective as often as the noun, or more ("Parisian" beside "Paris"). A glossary
//! entry is the noun; the adjective is an English form of it, not its translation.

use super::{promote, Option_, EXACT_RENDERING};

/// Endings that make an English adjective of a place name (Syria → Syrian, Europe →
/// European, Israel → Israeli, Italy → Italian, China → Chinese) and of a common noun
/// (region → regional, economy → economic, president → presidential; a doctrine's -ism →
/// -ist): general English morphology.
const NAME_ENDINGS: &[&str] = &["n", "an", "ian", "i", "ese", "ish"];
const NOUN_ENDINGS: &[&str] = &["al", "ial", "ic", "ical"];

/// Whether `adjective` is `noun` with an adjective ending, the noun's last vowel dropped or
/// not ("Palestine" → "Palestinian", "China" → "Chinese", "Iraq" → "Iraqi", "economy" →
/// "economic"): one capitalised word each (a name), or one lower-case word each.
fn is_adjective_of(adjective: &str, noun: &str) -> bool {
    let capitalised =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).all(|c| c.is_lowercase());
    let lower = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase());
    let endings = if capitalised(adjective) && capitalised(noun) {
        NAME_ENDINGS
    } else if lower(adjective) && lower(noun) {
        NOUN_ENDINGS
    } else {
        return false;
    };
    if noun.chars().count() < 4 {
        return false;
    }
    // A doctrine's follower or adjective: pacifism → pacifist, realism → realist.
    if endings == NOUN_ENDINGS && noun.strip_suffix("ism").is_some_and(|stem| adjective == format!("{stem}ist")) {
        return true;
    }
    // Lebanon → Lebanese drops two letters.
    let stems =
        [noun, noun.strip_suffix(['a', 'e', 'y', 'o']).unwrap_or(noun), noun.strip_suffix("on").unwrap_or(noun)];
    stems.iter().any(|stem| adjective.strip_prefix(stem).is_some_and(|ending| endings.contains(&ending)))
}

/// When a term's best option is the adjective of another option that the dictionary gives
/// for the term exactly and that is met in two pairs or more, the name takes the
/// adjective's place at the top (the adjective stays an option, just below it).
pub(super) fn prefer_names(options: &mut [Option_]) {
    let Some(best) = options.first() else { return };
    let found = options.iter().position(|o| {
        o.piece_of.is_none()
            && o.equivalent.cooccurrences >= 2
            && o.equivalent.dictionary >= EXACT_RENDERING
            && is_adjective_of(&best.equivalent.english, &o.equivalent.english)
    });
    if let Some(name) = found {
        promote(options, 0, name);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_option;
    use super::*;

    fn option(english: &str, score: f64, dictionary: f64) -> Option_ {
        test_option(english, score, 5, dictionary)
    }

    #[test]
    fn adjectives_of_place_names_are_told_by_their_endings() {
        for (adjective, name) in [("Parisian", "Paris"), ("Kenyan", "Kenya"), ("Maltese", "Malta"), ("Omani", "Oman")] {
            assert!(is_adjective_of(adjective, name), "{adjective} {name}");
        }
        for (adjective, name) in [("Paris", "Parisian"), ("Germany", "German"), ("Pari", "Par"), ("Lima", "Lima")] {
            assert!(!is_adjective_of(adjective, name), "{adjective} {name}");
        }
        assert!(!is_adjective_of("Kenyan Highlands", "Kenya"), "one word each");
        for (adjective, noun) in [("coastal", "coast"), ("volcanic", "volcano"), ("presidential", "president")] {
            assert!(is_adjective_of(adjective, noun), "{adjective} {noun}");
        }
        // A name's endings are not a common noun's, nor the other way round; case must agree.
        assert!(!is_adjective_of("coastan", "coast") && !is_adjective_of("Maltic", "Malta"));
        assert!(!is_adjective_of("Coastal", "coast"));
        assert!(is_adjective_of("Gabonese", "Gabon") && is_adjective_of("Lebanese", "Lebanon"));
        assert!(is_adjective_of("pacifist", "pacifism") && !is_adjective_of("pacifism", "pacifist"));
        assert!(!is_adjective_of("Pacifist", "pacifism") && !is_adjective_of("ist", "ism"));
    }

    #[test]
    fn the_noun_the_dictionary_gives_goes_before_its_adjective() {
        let mut options = vec![option("Parisian", 0.9, 0.7), option("Seine", 0.6, 0.0), option("Paris", 0.5, 1.0)];
        prefer_names(&mut options);
        let order: Vec<&str> = options.iter().map(|o| o.equivalent.english.as_str()).collect();
        assert_eq!(order, ["Paris", "Parisian", "Seine"]);
        assert!(options[0].equivalent.score > options[1].equivalent.score);
        // Not a name the dictionary does not give for the term.
        let mut options = vec![option("Parisian", 0.9, 0.7), option("Paris", 0.5, 0.6)];
        prefer_names(&mut options);
        assert_eq!(options[0].equivalent.english, "Parisian");
    }
}
