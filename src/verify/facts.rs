//! Facts and their citations: ids, fields, and every quote found verbatim
//! in the source it cites.

use super::*;

pub(super) fn check_fact_ids(facts: &[Arc<Fact>], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Span> =
        HashMap::with_capacity_and_hasher(facts.len(), Default::default());
    for f in facts {
        if !is_kebab(&f.id.value) {
            diags.push(not_kebab("fact id", &f.id));
        }
        if let Some(first) = seen.insert(&f.id.value, &f.id.span) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("fact id `{}` is used twice", f.id.value),
                )
                .at(f.id.span.clone(), "used again here")
                .also(first.clone(), "first used here")
                .help("fact ids are unique across all files in content/facts: rename one of them"),
            );
        }
    }
}

pub(super) fn check_fact(
    fact: &Fact,
    sources: &HashMap<&str, &Indexed>,
    known_keys: &BTreeSet<&str>,
    files: &Files,
    diags: &mut Vec<Diagnostic>,
) -> (SiteFact, Option<ClaimNumbers>) {
    if fact.claim.value.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-field", "the fact's claim is empty")
                .at(fact.claim.span.clone(), "empty")
                .help("write the sentence the briefing asserts"),
        );
    }
    if fact.sources.is_empty() {
        diags.push(
            Diagnostic::error(
                "no-sources",
                format!("fact `{}` has no sources", fact.id.value),
            )
            .at(fact.sources_span.clone(), "empty list")
            .help("add at least one `- source: KEY` with a `quote:` from that source"),
        );
    }
    let mut quotes = Vec::new();
    let mut placed = Vec::new();
    for c in &fact.sources {
        if let Some((q, ranges)) = check_citation(c, sources, known_keys, diags) {
            placed.push((sources[q.source.as_str()], ranges));
            quotes.push(q);
        }
    }
    let all_quotes_found = quotes.len() == fact.sources.len();
    let mut conflicts = Vec::new();
    let mut conflicts_placed = Vec::new();
    super::origins::check_citation_fields(fact, diags);
    for c in &fact.conflicts {
        if let Some(note) = &c.note
            && note.value.trim().is_empty()
        {
            diags.push(
                Diagnostic::error("empty-field", "the conflict's note is empty")
                    .at(note.span.clone(), "empty")
                    .help("say how this source differs from the claim"),
            );
        }
        if let Some((q, ranges)) = check_citation(c, sources, known_keys, diags) {
            conflicts_placed.push((sources[q.source.as_str()], ranges));
            conflicts.push(q);
        }
    }
    // A quote that was not found has its own error; its numbers are unknown.
    // (A conflict's numbers support nothing in the claim, so they are read
    // only for a note that has numbers.) The claim's numbers are kept for
    // the prose rule.
    let mut note_numbers = Vec::new();
    let claimed = all_quotes_found.then(|| {
        let claimed = claim_numbers(&fact.id.value, &fact.claim.value);
        let quoted: Vec<Quoted> = placed
            .iter()
            .zip(&quotes)
            .flat_map(|((source, ranges), q)| quoted_numbers(source, ranges, q))
            .collect();
        check_numbers(fact, &claimed, &quoted, files, diags);
        let conflicting = || {
            conflicts_placed
                .iter()
                .zip(&conflicts)
                .flat_map(|((source, ranges), q)| quoted_numbers(source, ranges, q))
                .collect()
        };
        note_numbers = unstated_note_numbers(fact, (&claimed, &quoted, conflicting), files);
        claimed
    });
    if let Some(note) = &fact.note {
        check_inline_markdown(note, diags);
    }
    let corroboration = fact
        .sources
        .iter()
        .map(|c| c.source.value.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let status = if !fact.conflicts.is_empty() {
        Status::Disputed
    } else if corroboration == 1 {
        Status::SingleSource
    } else {
        Status::Corroborated
    };
    let site_fact = SiteFact {
        id: fact.id.value.clone(),
        claim: fact.claim.value.clone(),
        note: fact.note.as_ref().map(|n| n.value.clone()),
        number: None,
        sources: quotes,
        conflicts,
        status,
        corroboration,
        counts: Default::default(),
        uses: 0,
        note_numbers,
    };
    (site_fact, claimed)
}

/// The numbers a reader sees in the notes of `fact` (its own, and its
/// quotes' and conflicts') that neither its claim nor one of its quotes,
/// supporting or conflicting (`conflicting`, read only when a note has a
/// number), states as read in the seed. Counts of sources are left to rule
/// 12, which checks a note's against its fact.
fn unstated_note_numbers<'a>(
    fact: &Fact,
    (claimed, quoted, conflicting): (
        &ClaimNumbers,
        &[Quoted<'a>],
        impl FnOnce() -> Vec<Quoted<'a>>,
    ),
    files: &Files,
) -> Vec<NoteNumber> {
    // The fact's note is shown as Markdown, a quote's or a conflict's as
    // written: each is read as it is shown.
    let citations = fact.sources.iter().chain(&fact.conflicts);
    let notes = fact.note.iter().map(|n| (n, true)).chain(
        citations
            .filter_map(|c| c.note.as_ref())
            .map(|n| (n, false)),
    );
    let mut conflicting = Some(conflicting);
    let mut conflicted: Vec<Quoted> = Vec::new();
    let mut unstated = Vec::new();
    for (note, markdown) in notes {
        let raw = files
            .get(&note.span.path)
            .and_then(|t| t.get(note.span.range.clone()))
            .unwrap_or("");
        let texts = if markdown {
            briefing::shown_texts(&note.value)
        } else {
            vec![note.value.clone()]
        };
        for shown in texts {
            let norm = Normalized::new(&shown);
            let found = numbers(&norm.text);
            if found.is_empty() {
                continue;
            }
            if let Some(read) = conflicting.take() {
                conflicted = read();
            }
            let counted = super::source_phrases::Counted::new(&norm.text);
            let mut placer = Placer::new(&note.span, raw);
            for n in found {
                let written = &shown[norm.original_range(n.range.clone())];
                let span = placer.place(written);
                let states = |q: &Number| q.states(&n).is_ok();
                if counted.covers(&n.range)
                    || claimed.iter().any(|(q, ..)| states(q))
                    || quoted.iter().chain(&conflicted).any(|q| states(&q.number))
                {
                    continue;
                }
                unstated.push(NoteNumber {
                    written: written.to_string(),
                    span: span(),
                    number: n,
                });
            }
        }
    }
    unstated
}

/// A number a quote states, as its source writes it.
#[derive(Debug, Clone)]
pub(super) struct Quoted<'a> {
    pub(super) number: Number,
    /// The number as the source writes it (normalised).
    pub(super) written: &'a str,
    /// Where it is, for the diagnostic: `at seeds/…:line:col`.
    pub(super) at: NumberAt<'a>,
}

/// Where a quoted number is in its seed, written `at seeds/…:line:col`
/// when a diagnostic shows it (most numbers are never shown, so the line
/// and column are worked out only then).
#[derive(Clone, Copy)]
pub(super) struct NumberAt<'a> {
    source: &'a Indexed<'a>,
    /// The quote's first byte in the seed, and its line and column.
    start: usize,
    line: usize,
    column: usize,
    /// The number's first byte in the seed.
    at: usize,
}

impl std::fmt::Debug for NumberAt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NumberAt({} {})", self.source.key, self.at)
    }
}

impl std::fmt::Display for NumberAt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let NumberAt {
            source,
            start,
            line,
            column,
            at,
        } = *self;
        // Counted from the quote's start, not the file's: a number lies in
        // or just after its quote.
        let (l, col) = match source.text.get(start..at) {
            Some(between) => match between.rfind('\n') {
                Some(nl) => (
                    line + between.matches('\n').count(),
                    between[nl + 1..].chars().count() + 1,
                ),
                None => (line, column + between.chars().count()),
            },
            None => line_col(source.text, at),
        };
        let file = crate::diagnostic::display_path(&source.file_path);
        write!(f, "at {file}:{l}:{col}")
    }
}

/// Checks one quote and locates it in its source: the quote, and the
/// normalised range of each of its pieces.
// Over 80 lines: one quote's checks in the order their diagnostics appear. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn check_citation(
    c: &Citation,
    sources: &HashMap<&str, &Indexed>,
    known_keys: &BTreeSet<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(SiteQuote, Vec<Range<usize>>)> {
    let key = c.source.value.as_str();
    let quote = Quote::parse(&c.quote.value);
    let words = quote.word_count();
    if quote.has_empty_piece() || words < MIN_WORDS {
        diags.push(
            Diagnostic::error(
                "quote-too-short",
                format!(
                    "quote has {words} word{}; at least {MIN_WORDS} are needed",
                    if words == 1 { "" } else { "s" }
                ),
            )
            .at(c.quote.span.clone(), "too short to be evidence")
            .help("quote enough of the source's sentence to show that it supports the claim"),
        );
        return None;
    }
    if quote.pieces.len() > quote_match::MAX_PIECES {
        diags.push(
            Diagnostic::error(
                "elision-too-many",
                format!(
                    "the quote has {} elisions; at most {} are allowed",
                    quote.pieces.len() - 1,
                    quote_match::MAX_PIECES - 1
                ),
            )
            .at(c.quote.span.clone(), "too many elisions")
            .help("quote the passage in several citations, each of one stretch of the source"),
        );
        return None;
    }
    if let Some((piece, n)) = quote.short_piece() {
        diags.push(
            Diagnostic::error(
                "elision-piece-too-short",
                format!(
                    "a part of an elided quote has {n} word{}; each part needs at least {MIN_PIECE_WORDS}",
                    if n == 1 { "" } else { "s" }
                ),
            )
            .at(c.quote.span.clone(), format!("`{piece}` is too short"))
            .note("a short part can be placed almost anywhere, so an elision could join words the source never put together")
            .help(format!("quote at least {MIN_PIECE_WORDS} words on each side of every ` ... `, or quote the passage without the elision")),
        );
        return None;
    }
    let Some(source) = sources.get(key) else {
        if !known_keys.contains(key) {
            let d = Diagnostic::error(
                "unknown-source",
                format!("`{key}` is not a source key in seeds/sources.yaml"),
            )
            .at(c.source.span.clone(), "no such source");
            let none = "add an entry with this key to seeds/sources.yaml";
            diags.push(d.help(crate::text::suggest::help(
                key,
                known_keys.iter().copied(),
                none,
            )));
        }
        // A known key whose seed is unreadable was reported with the manifest.
        return None;
    };
    // The seed's path is written only when a check of an attribution or a
    // diagnostic needs it (most citations have neither).
    let file = std::cell::LazyCell::new(|| crate::diagnostic::display_path(&source.file_path));
    // Both attribution checks do nothing without `attributed_to`.
    if c.attributed_to.is_some() {
        super::origins::check_attribution_text(c, key, &source.norm, &file, diags);
    }
    match quote_match::find(&source.norm, &quote) {
        Match::Unique(ranges) => {
            check_context(c, source, &ranges, diags);
            if c.attributed_to.is_some() {
                let whole = ranges[0].start..ranges[ranges.len() - 1].end;
                super::origins::check_attribution_near(c, &source.norm, whole, &file, diags);
            }
            let pieces: Vec<Range<usize>> = ranges
                .iter()
                .map(|r| source.norm.norm.original_range(r.clone()))
                .collect();
            let (line, column) = line_col(source.text, pieces[0].start);
            let quote = SiteQuote {
                source: key.to_string(),
                quote: c.quote.value.clone(),
                note: c.note.as_ref().map(|n| n.value.clone()),
                pieces,
                line,
                column,
                provenance: Default::default(),
            };
            Some((quote, ranges))
        }
        Match::NotFound => {
            let d = match quote_match::explain_miss(&source.norm, &quote) {
                Some(miss) => broken_rule(c, source, &miss),
                None => not_found(c, key, source, &quote, sources),
            };
            diags.push(d);
            None
        }
        Match::Ambiguous(a, b) => {
            let file = &*file;
            let text = source.text;
            let la = line_col(text, source.norm.norm.original_range(a[0].clone()).start);
            let lb = line_col(text, source.norm.norm.original_range(b[0].clone()).start);
            diags.push(
                Diagnostic::error("quote-ambiguous", format!("quote matches more than one place in {file}"))
                    .at(c.quote.span.clone(), "matches several places")
                    .note(format!("it matches at {file}:{}:{} and at {file}:{}:{}", la.0, la.1, lb.0, lb.1))
                    .help("add more words from before or after the passage, so that it matches one place only"),
            );
            None
        }
    }
}

/// The numbers a quote found at `ranges` (normalised) of `source` states,
/// each with where it is.
fn quoted_numbers<'a>(
    source: &'a Indexed<'a>,
    ranges: &[Range<usize>],
    quote: &SiteQuote,
) -> Vec<Quoted<'a>> {
    let (start, line, column) = (quote.pieces[0].start, quote.line, quote.column);
    source
        .norm
        .numbers_in(ranges)
        .into_iter()
        .map(|n| Quoted {
            written: &source.norm.norm.text[n.range.clone()],
            at: NumberAt {
                source,
                start,
                line,
                column,
                at: source.norm.norm.original_range(n.core.clone()).start,
            },
            number: n,
        })
        .collect()
}

/// The diagnostic for a quote that is not in its source, with the closest
/// passage, a word diff and the likely cause.
pub(super) fn not_found(
    c: &Citation,
    key: &str,
    source: &Indexed,
    quote: &Quote,
    sources: &HashMap<&str, &Indexed>,
) -> Diagnostic {
    let file = crate::diagnostic::display_path(&source.file_path);
    let mut d = Diagnostic::error("quote-not-found", format!("quote not found in {file}"))
        .at(c.quote.span.clone(), format!("not in source `{key}`"));
    let found_alone = |p: &String| {
        let piece = Quote {
            pieces: vec![p.clone()],
        };
        quote_match::find(&source.norm, &piece) != Match::NotFound
    };
    // Text from a different source is the most likely cause of all.
    let mut elsewhere: Vec<&&Indexed> = sources
        .values()
        .filter(|other| other.key != key)
        .filter(|other| quote_match::find(&other.norm, quote) != Match::NotFound)
        .collect();
    elsewhere.sort_by_key(|o| o.key);
    if let Some(other) = elsewhere.first() {
        let other_file = crate::diagnostic::display_path(&other.file_path);
        return d
            .note(format!(
                "likely cause: text from a different source; the quote is in {other_file} (source `{}`)",
                other.key
            ))
            .help(format!("change `source: {key}` to `source: {}`, or quote {file}", other.key));
    }
    if quote.pieces.len() > 1 && quote.pieces.iter().all(found_alone) {
        d = d.note(format!(
            "each part between the elisions is in {file}, but not in order within one sentence with at most {} characters skipped per elision",
            quote_match::MAX_GAP_CHARS
        ));
    } else if let Some(piece) = quote.pieces.iter().find(|p| !found_alone(p))
        && let Some(miss) = near_miss::closest(&source.norm.norm, piece)
    {
        let range = source.norm.norm.original_range(miss.range.clone());
        let (line, col) = line_col(source.text, range.start);
        d = d
            .also(
                Span::new(source.file_path.clone(), range),
                "closest passage",
            )
            .note(format!(
                "closest passage at {file}:{line}:{col}, as a word diff from source to quote: {}",
                miss.diff
            ));
        if let Some(cause) = miss.cause {
            d = d.note(format!("likely cause: {cause}"));
        }
    }
    d.help(format!(
        "copy the passage verbatim from {file}; only typographic quotes, dashes, ellipses and whitespace are normalised, and case matters"
    ))
}
