//! Applying a reviewer's edits to a stored graph.

use super::entry::Indexed;
use super::{Edit, Summary};
use crate::export::evidence::flat;
use crate::graph::{Lang, Origin, Status, Term, TermGraph, TermKind};
use std::collections::HashMap;

/// Applies `edits` to `graph`; `today` (`YYYY-MM-DD`) dates changes the file gives no date for.
pub fn apply(graph: &mut TermGraph, edits: &[Edit], today: &str) -> Summary {
    let mut current: HashMap<String, (Vec<String>, Vec<String>)> = graph
        .concepts()
        .into_iter()
        .map(|c| {
            let en = c.en.iter().map(|(t, _)| t.text.clone()).collect();
            let zh = c.zh_variants.iter().map(|t| t.text.clone()).collect();
            (c.zh.text.clone(), (en, zh))
        })
        .collect();
    let mut summary = Summary::default();
    let mut graph = Indexed::new(graph);
    for edit in edits {
        let (english_now, zh_variants_now) = current.get(&edit.zh).cloned().unwrap_or_default();
        let existing = graph.find(&edit.zh, Lang::Zh);
        let unflattened =
            existing.filter(|_| edit.flattened).map(|n| unflatten(edit, &english_now, graph[n].note.as_deref()));
        let edit = unflattened.as_ref().unwrap_or(edit);
        let added = existing.is_none_or(|n| !graph[n].is_entry() && !graph[n].is_reviewed());
        if let Some(n) = existing.filter(|_| added) {
            // A reviewer who lists a short form makes it an entry of its own.
            graph[n].kind = TermKind::Term;
        }
        let node = existing.unwrap_or_else(|| graph.add(Term::new(edit.zh.clone(), Lang::Zh, TermKind::Term)));
        let term = &graph[node];
        let english = wanted_english(edit, &english_now);
        let struck: Vec<String> = english_now
            .iter()
            .filter(|e| !english.contains(e))
            .chain(edit.struck_english.iter().filter(|e| !english.contains(e)))
            .cloned()
            .collect();
        let new_zh_variants: Vec<String> = edit
            .zh_variants
            .iter()
            .flatten()
            .filter(|v| **v != edit.zh && !zh_variants_now.contains(v))
            .cloned()
            .collect();
        let status = edit.status.unwrap_or(if added { Status::Approved } else { term.status });
        let note =
            edit.note.as_ref().map_or(term.note.clone(), |n| Some(n.trim().to_string()).filter(|n| !n.is_empty()));
        let english_changed = english != english_now;
        let changed = english_changed
            || !new_zh_variants.is_empty()
            || status != term.status
            || note != term.note
            || struck.iter().any(|s| !term.review.as_ref().is_some_and(|r| r.rejected_english.contains(s)));
        if !added && !changed {
            summary.unchanged += 1;
            continue;
        }
        let corrected = !added && english_changed && english.first() != english_now.first();
        match status {
            Status::Rejected if added => summary.rejected += 1,
            _ if added => summary.added += 1,
            s if s == term.status => summary.other += usize::from(!corrected),
            Status::Approved => summary.approved += 1,
            Status::Rejected => summary.rejected += 1,
            Status::Candidate => summary.other += usize::from(!corrected),
        }
        summary.corrected += usize::from(corrected);
        let previous_date = term.review.as_ref().and_then(|r| r.modified.clone());
        let modified = edit.modified.clone().filter(|d| Some(d) != previous_date.as_ref()).unwrap_or(today.to_string());
        let mut review = term.review.clone().unwrap_or_default();
        review.modified = Some(modified);
        if added {
            review.origin = Origin::Manual;
        }
        review.rejected_english.retain(|e| !english.contains(e));
        for e in &struck {
            if !review.rejected_english.contains(e) {
                review.rejected_english.push(e.clone());
            }
        }
        review.english = english.clone();
        let term = &mut graph[node];
        term.status = status;
        term.note = note;
        graph.set_review(node, review, None);
        for variant in &new_zh_variants {
            graph.add_short_form(node, variant);
        }
        current.insert(edit.zh.clone(), (english, zh_variants_now.into_iter().chain(new_zh_variants).collect()));
    }
    summary
}

/// The edit with each flattened text that stands for the entry's own text (a note or English
/// term with tabs or line breaks) put back as the entry has it.
fn unflatten(edit: &Edit, english_now: &[String], note_now: Option<&str>) -> Edit {
    let restore = |text: &String| english_now.iter().find(|e| flat(e) == *text).unwrap_or(text).clone();
    let note = edit.note.as_ref().map(|n| match note_now {
        Some(now) if flat(now).trim() == n.trim() => now.to_string(),
        _ => n.clone(),
    });
    Edit {
        english: edit.english.as_ref().map(restore),
        english_variants: edit.english_variants.as_ref().map(|v| v.iter().map(restore).collect()),
        struck_english: edit.struck_english.iter().map(restore).collect(),
        note,
        ..edit.clone()
    }
}

/// The English list the edit asks for: its preferred term, then its variants (or, when the
/// file has no variants column, the entry's current ones).
fn wanted_english(edit: &Edit, now: &[String]) -> Vec<String> {
    let Some(preferred) = &edit.english else {
        return now.iter().filter(|e| !edit.struck_english.contains(e)).cloned().collect();
    };
    let variants = edit.english_variants.clone().unwrap_or_else(|| now.iter().skip(1).cloned().collect());
    let mut list: Vec<String> = Vec::new();
    for e in std::iter::once(preferred).chain(&variants) {
        let e = e.trim();
        if !e.is_empty() && !list.iter().any(|l| l == e) && !edit.struck_english.iter().any(|s| s == e) {
            list.push(e.to_string());
        }
    }
    list
}
