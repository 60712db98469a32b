//! `zh<TAB>en` translation memories, read on all cores: the file is cut into pieces at line
//! breaks, each piece's pairs are split and normalised on its own core, and the pieces are
//! joined in file order. Read line by line on one core, with only normalisation shared out,
//! a million-pair memory kept the other core idle for most of its two seconds of reading.

use super::parallel::{NormalisedPairs, PairBuilder};
use super::{Document, InputKind};
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::path::Path;

/// Bytes of the file one core reads at a time (about a thousand pairs). Tests use a few, so
/// that their files are read in several pieces.
const PIECE: usize = if cfg!(test) { 8 } else { 1 << 18 };

/// Reads `zh<TAB>en` lines (further columns ignored; a first line without Chinese is a
/// header; blank lines are skipped). A line without a tab is an error naming it.
pub fn read_tsv(path: &Path, text: &str) -> Result<Document> {
    let parts: Vec<Piece> = pieces(text).par_iter().enumerate().map(|(i, piece)| read_piece(piece, i == 0)).collect();
    // The first line without a tab, counted from the file's start.
    let mut lines_before = 0;
    for part in &parts {
        if let Some(line) = part.no_tab {
            return Err(Error::Malformed {
                path: path.to_path_buf(),
                line: lines_before + line,
                message: "no tab: expected `zh<TAB>en`".into(),
            });
        }
        lines_before += part.lines;
    }
    let mut builder = PairBuilder::default();
    builder.append(parts.into_iter().map(|part| part.pairs).collect());
    Ok(builder.finish(path, InputKind::Tsv))
}

/// What one piece of the file holds.
struct Piece {
    pairs: NormalisedPairs,
    /// Its lines (all of them when it has no error).
    lines: usize,
    /// The first line without a tab, numbered from 1 within the piece.
    no_tab: Option<usize>,
}

fn read_piece(text: &str, first: bool) -> Piece {
    let mut pairs = NormalisedPairs::default();
    let mut lines = 0;
    for (number, line) in text.lines().enumerate() {
        lines += 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some((zh, rest)) = line.split_once('\t') else {
            return Piece { pairs, lines, no_tab: Some(number + 1) };
        };
        let en = rest.split('\t').next().unwrap_or_default();
        let is_header = first && number == 0 && !zh.chars().any(super::is_han);
        if !is_header {
            pairs.push(zh, en);
        }
    }
    Piece { pairs, lines, no_tab: None }
}

/// `text` cut into pieces of about [`PIECE`] bytes, each ending at a line break (the last
/// where the text ends): their lines are the text's lines, in order.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = match rest.as_bytes().get(PIECE..).and_then(|after| after.iter().position(|&b| b == b'\n')) {
            Some(newline) => PIECE + newline + 1,
            None => rest.len(),
        };
        let (piece, more) = rest.split_at(end);
        out.push(piece);
        rest = more;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_without_a_tab_names_the_line() {
        let err = read_tsv(Path::new("x.tsv"), "剪力墙\tshear wall\n承载力 bearing capacity\n").unwrap_err();
        assert_eq!(err.to_string(), "x.tsv:2: no tab: expected `zh<TAB>en`");
        // Counted over pieces, blank lines and a header included.
        let text = "zh\ten\n\n钢筋混凝土结构\treinforced concrete structure\r\n\n剪力墙\tshear wall\n承载力\n";
        assert_eq!(pieces(text).len(), 3, "read in several pieces");
        assert_eq!(
            read_tsv(Path::new("x.tsv"), text).unwrap_err().to_string(),
            "x.tsv:6: no tab: expected `zh<TAB>en`"
        );
    }

    #[test]
    fn pieces_are_the_text_cut_at_line_breaks() {
        for text in ["", "一\n", "一二三四五六七八九\n十\r\n\n十一", "abcdefghij\nk\n"] {
            let cut = pieces(text);
            assert_eq!(cut.concat(), text);
            assert!(cut.iter().rev().skip(1).all(|p| p.ends_with('\n')), "{cut:?}");
            let lines: Vec<&str> = cut.iter().flat_map(|p| p.lines()).collect();
            assert_eq!(lines, text.lines().collect::<Vec<_>>());
        }
    }

    #[test]
    fn pairs_read_in_pieces_are_those_read_in_one() {
        let text =
            "source\ttarget\n抗震设计\tseismic design\t备注\n\n  剪力墙 \t shear  wall \r\n承载力\tbearing capacity";
        let document = read_tsv(Path::new("t.tsv"), text).unwrap();
        let mut one = PairBuilder::default();
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let mut columns = line.split('\t');
            one.push(columns.next().unwrap(), columns.next().unwrap());
        }
        let one = one.finish(Path::new("t.tsv"), InputKind::Tsv);
        assert_eq!((&document.zh, &document.en), (&one.zh, &one.en));
        assert_eq!((&document.zh_blocks, &document.en_blocks), (&one.zh_blocks, &one.en_blocks));
        assert_eq!(document.zh_blocks.len(), 3, "the header and the blank line are no pairs");
        let zh: Vec<&str> = document.zh_blocks.iter().map(|b| &document.zh[b.clone()]).collect();
        assert_eq!(zh[0], "抗震设计");
    }
}
