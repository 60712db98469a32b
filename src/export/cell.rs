//! Spreadsheet safety of the CSV-like exports (OWASP, "CSV Injection"): a cell starting with
//! `=`, `+`, `-`, `@`, TAB or CR is a formula to Excel, LibreOffice and Google Sheets, so it is
//! written behind an apostrophe, which they show as text and do not run.
//!
//! The rule is exactly reversible, so an import gives back the original text: a cell is
//! neutralised when it is any number of apostrophes followed by a trigger character (and is
//! not a plain number such as `-1.5`, which no spreadsheet runs); [`restore`] takes one
//! apostrophe off a cell of one or more apostrophes followed by a trigger. A text that itself
//! starts with `'=` is written `''=` and read back as `'=`.

use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is apostrophes (at least `min`) followed by a trigger character.
fn quoted_trigger(cell: &str, min: usize) -> bool {
    let rest = cell.trim_start_matches('\'');
    cell.len() - rest.len() >= min && rest.starts_with(TRIGGERS)
}

/// A plain decimal number (`-3`, `+0.25`, `-1.5e-3`): a value, not a formula.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (mantissa, exponent) = match digits.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (digits, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && all_digits(whole)
        && all_digits(fraction)
        && exponent.is_none_or(|e| !e.is_empty() && all_digits(e))
}

/// The cell as a CSV-like export writes it.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if quoted_trigger(cell, 0) && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The original text of a cell an export neutralised; other cells as they are.
pub fn restore(cell: &str) -> &str {
    if quoted_trigger(cell, 1) {
        &cell[1..]
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_and_text_are_not() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+cmd", "'+cmd"),
            ("=1+1", "'=1+1"),
            ("-1+2", "'-1+2"),
            ("\tindented", "'\tindented"),
            ("'=already quoted", "''=already quoted"),
            ("-1.5", "-1.5"),
            ("+2e-3", "+2e-3"),
            ("保税仓库", "保税仓库"),
            ("it's", "it's"),
            ("'quoted'", "'quoted'"),
            ("", ""),
            ("-", "'-"),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
    }

    proptest! {
        #[test]
        fn restore_undoes_neutralise(cell in "['=+@\\-\t\r0-9.eE a-z]{0,8}") {
            let written = neutralise(&cell);
            prop_assert_eq!(restore(&written), cell.as_str());
        }
    }
}
