//! Origins: where a fact's information comes from, as opposed to which seed
//! files repeat it (README, "Origins and counts").
//!
//! A seed's origin is its manifest `based_on` when given, else the seed
//! itself. A quote's origin is its `origin:` when given, else its seed's
//! origin. A fact is corroborated only by two or more independent origins.

use crate::diagnostic::Diagnostic;
use crate::fact::{Citation, Fact, Text};

/// Checks the fields of a fact's quote items that need no source text:
/// a conflict's `note`, and the pairing of `attributed_to`, `origin` and
/// `note`.
pub fn check_citation_fields(fact: &Fact, diags: &mut Vec<Diagnostic>) {
    for c in &fact.conflicts {
        if c.note.is_none() {
            diags.push(
                Diagnostic::error(
                    "conflict-without-note",
                    format!(
                        "a conflict of fact `{}` has no `note:` saying what differs",
                        fact.id.value
                    ),
                )
                .at(c.span.clone(), "this conflict has no note")
                .note("a conflict must contradict the claim; looser wording or an earlier position is not a contradiction")
                .help("add `note:` saying what this source says differently; if it does not contradict the claim, move it to the fact's `note` instead"),
            );
        }
    }
    for c in fact.sources.iter().chain(&fact.conflicts) {
        check_attribution_fields(c, diags);
    }
}

fn check_attribution_fields(c: &Citation, diags: &mut Vec<Diagnostic>) {
    for (field, t) in [("attributed_to", &c.attributed_to), ("origin", &c.origin)] {
        if let Some(t) = t
            && t.value.trim().is_empty()
        {
            diags.push(
                Diagnostic::error("empty-field", format!("the quote's `{field}` is empty"))
                    .at(t.span.clone(), "empty")
                    .help(format!("give the `{field}`, or leave the field out")),
            );
        }
    }
    match (&c.attributed_to, &c.origin) {
        (Some(a), None) => diags.push(
            Diagnostic::error(
                "attribution-without-origin",
                "a quote with `attributed_to` needs `origin`",
            )
            .at(a.span.clone(), "second-hand, but from which origin?")
            .help(format!(
                "add `origin:` with the name of the origin these words credit, e.g. `origin: {}`",
                origin_hint(a)
            )),
        ),
        (None, Some(o)) if c.note.is_none() => diags.push(
            Diagnostic::error(
                "origin-without-note",
                "an `origin` without `attributed_to` needs a `note` that justifies it",
            )
            .at(o.span.clone(), "the seed does not credit this origin")
            .note("without the seed's own words of attribution, sharing an origin is the editor's judgement, and the page shows it as such")
            .help("add `attributed_to:` with the seed's words that credit the origin, or a `note:` saying why the quote shares this origin"),
        ),
        _ => {}
    }
}

/// Checks that a quote's `attributed_to` is the seed's own words: found in
/// the same seed by the quote matcher (whole words, normalised), with no
/// elision. It may occur more than once: it names an origin, it does not
/// place the quote.
pub fn check_attribution_text(
    c: &Citation,
    key: &str,
    source: &crate::quote_match::Searchable,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::quote_match::{Match, Quote, find};
    let Some(a) = &c.attributed_to else {
        return;
    };
    if a.value.trim().is_empty() {
        return; // reported as an empty field
    }
    let words = Quote::parse(&a.value);
    if words.pieces.len() > 1 {
        diags.push(
            Diagnostic::error(
                "attribution-not-found",
                "`attributed_to` may not elide: it must be the seed's own words, as one passage",
            )
            .at(a.span.clone(), "has an elision")
            .help(format!(
                "copy the words that credit the origin from {file} as they stand, without ` ... `"
            )),
        );
        return;
    }
    if find(source, &words) == Match::NotFound {
        let mut d = Diagnostic::error(
            "attribution-not-found",
            format!("attribution not found in {file}"),
        )
        .at(a.span.clone(), format!("not in source `{key}`"));
        if let Some(miss) = crate::near_miss::closest(&source.norm, &words.pieces[0]) {
            d = d.note(format!(
                "closest passage, as a word diff from source to attribution: {}",
                miss.diff
            ));
        }
        diags.push(
            d.note("`attributed_to` is a quote too: the seed's own words crediting the origin")
                .help(format!(
                    "copy the seed's words of attribution verbatim from {file}, whole words"
                )),
        );
    }
}

/// The last run of capitalised words of an attribution (`Wire Service` in
/// `according to Wire Service`), as a hint for `origin:`.
fn origin_hint(a: &Text) -> String {
    let mut last: Vec<&str> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for raw in a.value.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let w = w.trim_end_matches('.');
        if w.chars().next().is_some_and(char::is_uppercase) {
            run.push(w);
            if raw.ends_with([',', ';', ':', ')']) {
                last = std::mem::take(&mut run);
            }
        } else if !run.is_empty() {
            last = std::mem::take(&mut run);
        }
    }
    if !run.is_empty() {
        last = run;
    }
    if last.is_empty() {
        "NAME".into()
    } else {
        last.join(" ")
    }
}

/// An origin name as compared: NFC, case folded, whitespace collapsed.
pub fn origin_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name.nfc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_names_compare_after_nfc_case_and_whitespace() {
        assert_eq!(origin_key("  CNBC "), "cnbc");
        assert_eq!(origin_key("Data\u{a0}  Conomy"), "data conomy");
        assert_eq!(origin_key("Cafe\u{301}"), origin_key("CAFÉ"));
        assert_ne!(origin_key("CNBC"), origin_key("CNN"));
    }

    #[test]
    fn origin_hint_takes_the_credited_name() {
        let t = |s: &str| Text {
            value: s.into(),
            span: crate::diagnostic::Span::new("f", 0..0),
        };
        assert_eq!(origin_hint(&t("according to CNBC")), "CNBC");
        assert_eq!(origin_hint(&t("according to Wire Service")), "Wire Service");
        assert_eq!(origin_hint(&t("as reported by aicnbc.com")), "NAME");
        assert_eq!(origin_hint(&t("CNBC reported,")), "CNBC");
        assert_eq!(
            origin_hint(&t("CNBC, citing a person familiar with the terms")),
            "CNBC"
        );
        assert_eq!(origin_hint(&t("Reuters and the AP said")), "AP");
    }
}
