//! The note's badge and provenance line, and the checks of a quote's
//! `attributed_to`, `origin` and conflict `note`.

use super::*;

/// The note's badge: how many sources support the fact and how many
/// independent origins they amount to (`1 source`, `2 sources · 1 origin`,
/// `4 sources · 3 independent`), then how many differ.
pub fn badge(c: &Counts) -> String {
    let n = c.supporting_sources;
    let mut out = match (n, c.supporting_origins) {
        (1, _) => "1 source".to_string(),
        (n, 1) => format!("{n} sources · 1 origin"),
        (n, o) => format!("{n} sources · {o} independent"),
    };
    if c.disputing_sources > 0 {
        out.push_str(&format!(
            " · {} {}",
            c.disputing_sources,
            if c.disputing_sources == 1 {
                "differs"
            } else {
                "differ"
            }
        ));
    }
    out
}

/// What a note says of a quote's origin, when it is not the seed's own:
/// whose report a second-hand quote repeats, in the seed's own words, or
/// the editor's judgement that it shares an origin.
pub fn via(p: &Provenance) -> Option<String> {
    match &p.attributed_to {
        Some(words) => Some(format!(
            "second-hand from {}: \u{201C}{words}\u{201D}",
            p.origin
        )),
        None if p.editor_judged => Some(format!(
            "same origin as {} (editor\u{2019}s note)",
            p.origin
        )),
        None => None,
    }
}

/// A source may not both support and dispute one fact.
pub(super) fn check_both_sides(f: &Fact, diags: &mut Vec<Diagnostic>) {
    let mut reported = BTreeSet::new();
    for c in &f.conflicts {
        let key = c.source.value.as_str();
        if let Some(s) = f.sources.iter().find(|s| s.source.value == key)
            && reported.insert(key)
        {
            diags.push(
                Diagnostic::error(
                    "source-on-both-sides",
                    format!("source `{key}` both supports and disputes fact `{}`", f.id.value),
                )
                .at(c.source.span.clone(), "disputes the fact here")
                .also(s.source.span.clone(), "supports it here")
                .note("one document cannot count on both sides: the corroboration would show it as both")
                .help("split the fact: one claim for what this source supports, another for what it says differently, or move the difference to the fact's `note`"),
            );
        }
    }
}

/// One origin may not both support and dispute one fact (`source-on-both-
/// sides` for origins): a relay and what it relays are one report.
pub(super) fn check_origin_both_sides(
    f: &Fact,
    support: &[Option<Provenance>],
    dispute: &[Option<Provenance>],
    diags: &mut Vec<Diagnostic>,
) {
    let mut reported = BTreeSet::new();
    for (c, d) in f.conflicts.iter().zip(dispute) {
        let Some(d) = d else { continue };
        let same = f.sources.iter().zip(support).find(|(s, p)| {
            p.as_ref().is_some_and(|p| p.origin_id == d.origin_id)
                && s.source.value != c.source.value
        });
        if let Some((s, _)) = same
            && reported.insert(d.origin_id.clone())
        {
            diags.push(
                Diagnostic::error(
                    "origin-on-both-sides",
                    format!(
                        "origin {} both supports and disputes fact `{}`",
                        d.origin, f.id.value
                    ),
                )
                .at(c.source.span.clone(), format!("disputes the fact, from origin {}", d.origin))
                .also(s.source.span.clone(), "supports it from the same origin")
                .note("sources that relay one origin are one report: it cannot count on both sides")
                .help("fix `based_on` or `origin` if the origin is wrong; otherwise split the fact: one claim for what the origin says, another for the difference"),
            );
        }
    }
}

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
    let conflict_count = fact.conflicts.len();
    let all = fact.sources.iter().chain(&fact.conflicts);
    for (k, c) in all.enumerate() {
        check_attribution_fields(c, diags);
        let conflict = k >= fact.sources.len() && conflict_count > 0;
        if let Some(n) = &c.note
            && !has_visible_text(&n.value)
            // (An empty conflict note is reported with the conflict.)
            && !(conflict && n.value.trim().is_empty())
        {
            diags.push(
                Diagnostic::error("empty-field", "the quote's `note` shows no text")
                    .at(n.span.clone(), "nothing a reader would see")
                    .note("a note that justifies an origin or says what a conflict differs in must say it in words")
                    .help("write what the note is for, or leave the field out"),
            );
        }
    }
}

pub(super) fn check_attribution_fields(c: &Citation, diags: &mut Vec<Diagnostic>) {
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
    source: &crate::text::quote_match::Searchable,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::text::quote_match::{Match, Quote, find};
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
        if let Some(miss) = crate::text::near_miss::closest(&source.norm, &words.pieces[0]) {
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
pub(super) fn origin_hint(a: &Text) -> String {
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

/// An origin name as compared: folded as prose words are (NFKC, full case
/// folding, lookalike Greek and Cyrillic letters as Latin; see
/// [`fold`](crate::verify::source_phrases::fold)), hyphens, dashes and
/// invisible characters dropped, whitespace collapsed, and a leading `the`,
/// a trailing `.` and a trailing `.com`, `.org`, `.net` or `.io` left out
/// (`The Data-conomy.com.` is `dataconomy`).
pub fn origin_key(name: &str) -> String {
    let folded: String = crate::verify::source_phrases::fold(name)
        .chars()
        .filter(|&c| {
            !matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}')
                && !crate::verify::hidden_char(c)
        })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words = match words.as_slice() {
        ["the", rest @ ..] if !rest.is_empty() => rest,
        all => all,
    };
    let name = words.join(" ");
    let name = name.trim_end_matches('.');
    // `Dataconomy.com` is the outlet Dataconomy.
    [".com", ".org", ".net", ".io"]
        .iter()
        .find_map(|tld| name.strip_suffix(tld).filter(|n| !n.is_empty()))
        .unwrap_or(name)
        .to_string()
}

/// Checks that a second-hand quote's `origin` is the origin its
/// `attributed_to` credits: one of the origin's names (for a source: its
/// key, name or publisher) stands in the attribution as whole words, and
/// the origin is not the seed's own (crediting one's own outlet is not
/// second-hand).
pub fn check_attribution_origin(
    c: &Citation,
    origins: &Origins,
    own: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(a), Some(o)) = (&c.attributed_to, &c.origin) else {
        return;
    };
    if a.value.trim().is_empty() || o.value.trim().is_empty() {
        return; // reported as an empty field
    }
    let origin = o.value.trim();
    let mut refuse = |code: &'static str, message: String, labels: [&str; 2], help: String| {
        diags.push(
            Diagnostic::error(code, message)
                .at(o.span.clone(), labels[0])
                .also(a.span.clone(), labels[1])
                .help(help),
        );
    };
    if own {
        refuse(
            "attribution-names-own-outlet",
            format!("`origin: {origin}` is the quote's own source: a quote attributed to its own outlet is not second-hand"),
            ["the seed's own origin", "attributed here"],
            "drop `attributed_to` and `origin`, or quote the seed's words that credit another origin and name that origin".into(),
        );
        return;
    }
    let said = name_words(&a.value);
    let credited = origins.aliases(&o.value).iter().any(|n| {
        let n = name_words(n);
        !n.is_empty() && said.windows(n.len()).any(|w| w == n.as_slice())
    });
    if !credited {
        refuse(
            "origin-not-attributed",
            format!("`origin: {origin}` is not named in the quote's `attributed_to`"),
            ["not the origin these words credit", "credits someone else"],
            format!(
                "set `origin:` to the name the attribution credits, e.g. `origin: {}`, or quote the seed's words that credit this origin",
                origin_hint(a)
            ),
        );
    }
}

/// The words of a name as compared: folded, runs of letters and digits.
fn name_words(name: &str) -> Vec<String> {
    origin_key(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether Markdown shows some letter or digit once rendered (not only
/// spaces, punctuation, comments, empty links or line breaks). Text
/// between HTML tags counts: a note's HTML is shown escaped, or as text.
pub(super) fn has_visible_text(markdown: &str) -> bool {
    use pulldown_cmark::Event;
    crate::project::briefing::parser(markdown).any(|e| match e {
        Event::Text(t) | Event::Code(t) => t.chars().any(char::is_alphanumeric),
        Event::Html(t) | Event::InlineHtml(t) => {
            let mut in_tag = false;
            t.chars().any(|c| {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ => {}
                }
                !in_tag && c.is_alphanumeric()
            })
        }
        _ => false,
    })
}
