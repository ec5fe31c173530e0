//! The numbers rule: every number of a claim is in one of its quotes, with
//! the same meaning (unit, scale, hedge), and context checks around quotes.

use super::*;
use std::sync::LazyLock;

#[cfg(test)]
#[path = "condition_before_reference_tests.rs"]
mod condition_before_tests;
#[cfg(test)]
#[path = "numbers_reference_tests.rs"]
mod reference_tests;

/// Every number of the claim must be stated by one of its supporting
/// quotes (conflicts do not count): the same value, kind, sign and scale,
/// the claim's currency and unit where it gives them, and the quote's hedge.
/// The quotes' numbers are read in their sources, so a hedge or scale just
/// outside a quote still counts.
/// `claimed` is the claim's numbers, as [`claim_numbers`] reads them: a
/// count of sources is not among them (the trust signals check it).
pub(super) fn check_numbers(
    fact: &Fact,
    claimed: &ClaimNumbers,
    quoted: &[Quoted],
    files: &Files,
    diags: &mut Vec<Diagnostic>,
) {
    let raw = raw_claim(fact, files);
    let mut placer = Placer::new(&fact.claim.span, raw);
    for (n, written, _) in claimed {
        let span = placer.place(written);
        let candidates = quoted.iter().map(|q| (&q.number, q.written, &q.at));
        let what = ("supporting quote", "quotes");
        let codes = ("number-mismatch", "number-hedge");
        if let Some(d) = unsupported(n, written, span, candidates, what, codes) {
            diags.push(d.help(format!(
                "correct the claim to say what the quote says, or cite a quote that states {written}"
            )));
        }
    }
}

/// Nouns that make a number a count of sources (`three sources`, `two
/// outlets`): such counts are checked against the sources themselves, not
/// against claims.
pub const SOURCE_NOUNS: &[&str] = &["source", "sources"];

/// Places written numbers in the YAML (or Markdown) text they came from, in
/// order, so that a number written twice is reported at each place.
pub(super) struct Placer<'a> {
    pub(super) span: &'a Span,
    pub(super) raw: &'a str,
    pub(super) from: usize,
}

impl<'a> Placer<'a> {
    pub(super) fn new(span: &'a Span, raw: &'a str) -> Placer<'a> {
        Placer { span, raw, from: 0 }
    }

    /// The span of the next occurrence of `written`, or the whole value when
    /// it cannot be found as written (escapes, folding). The occurrence is
    /// found now (the next one is looked for after it); the span is made
    /// when asked for, as only a diagnostic needs it.
    pub(super) fn place(&mut self, written: &str) -> impl FnOnce() -> Span + use<'a> {
        // `memmem` finds what `str::find` finds (a UTF-8 needle found in
        // UTF-8 text starts on a character), without its searcher's setup.
        let at = self
            .raw
            .get(self.from..)
            .and_then(|r| memchr::memmem::find(r.as_bytes(), written.as_bytes()))
            .map(|i| {
                let start = self.from + i;
                self.from = start + written.len();
                self.span.range.start + start
            });
        let (span, len) = (self.span, written.len());
        move || match at {
            Some(at) => Span::new(span.path.clone(), at..at + len),
            None => span.clone(),
        }
    }
}

/// The diagnostic for a number (`claimed`, written `written`, at `span`,
/// which is made only for a diagnostic) that none of `candidates` (number,
/// as written, where) states; `None` when one does.
pub(super) fn unsupported<'a, A: std::fmt::Display>(
    claimed: &Number,
    written: &str,
    span: impl FnOnce() -> Span,
    candidates: impl Iterator<Item = (&'a Number, &'a str, A)> + Clone,
    (what, whats): (&str, &str),
    (mismatch_code, hedge_code): (&'static str, &'static str),
) -> Option<Diagnostic> {
    let mut hedged = None;
    for (q, w, at) in candidates.clone() {
        match q.states(claimed) {
            Ok(()) => return None,
            Err(Mismatch::Hedge(qh, ch)) => {
                hedged.get_or_insert((qh, ch, w, at));
            }
            Err(Mismatch::Value) => {}
        }
    }
    if let Some((qh, ch, w, at)) = hedged {
        let message = match (qh, ch) {
            (Some(h), None) => format!(
                "`{written}` is stated exactly, but the {what} hedges it: `{w}` is {}",
                h.describe()
            ),
            (None, Some(h)) => format!(
                "`{written}` is {}, but the {what} states `{w}` exactly",
                h.describe()
            ),
            _ => format!("`{written}` is hedged differently from the {what}'s `{w}`"),
        };
        return Some(
            Diagnostic::error(hedge_code, message)
                .at(span(), "hedge differs")
                .note(format!("the {what} says `{w}` {at}")),
        );
    }
    let mut given: Vec<String> = Vec::new();
    for (_, w, _) in candidates.clone() {
        let w = format!("`{w}`");
        if !given.contains(&w) {
            given.push(w);
        }
    }
    let mut d = Diagnostic::error(
        mismatch_code,
        format!("`{written}` is not stated by any {what}"),
    )
    .at(span(), format!("not in any {what}"));
    // A page's claims may give thousands of numbers: the first few say
    // what kind of numbers they are.
    const SHOWN: usize = 12;
    d = match given.len() {
        0 => d.note(format!("the {whats} give no numbers")),
        n if n > SHOWN => d.note(format!(
            "the {whats} give: {} and {} more",
            given[..SHOWN].join(", "),
            n - SHOWN
        )),
        _ => d.note(format!("the {whats} give: {}", given.join(", "))),
    };
    if let Some((_, w, at)) = candidates.clone().find(|(q, _, _)| q.resembles(claimed)) {
        d = d.note(format!(
            "`{w}` {at} has the same digits, but its scale, sign, currency, unit or kind differs"
        ));
    }
    Some(d)
}

/// After a quote is found: the words an elision skips may not negate,
/// hedge or condition; a quote should not stop just before a condition, nor
/// start just after a denial.
// Over 80 lines: the context checks around one quote, in the order their diagnostics appear. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn check_context(
    c: &Citation,
    source: &Indexed,
    ranges: &[Range<usize>],
    diags: &mut Vec<Diagnostic>,
) {
    let norm = &source.norm;
    let text = &norm.norm.text;
    // Where a diagnostic quotes the source: worked out only for one that is
    // made.
    let at = |offset: usize| {
        let file = crate::diagnostic::display_path(&source.file_path);
        let (line, col) = line_col(source.text, norm.norm.original_range(offset..offset).start);
        format!("{file}:{line}:{col}")
    };
    // No words, no terms: the lists are not searched.
    let find_terms = |words: &[String], terms: &Terms| match words {
        [] => Vec::new(),
        _ => terms_in(words, terms),
    };
    for pair in ranges.windows(2) {
        let gap = text[pair[0].end..pair[1].start].trim();
        let found = find_terms(&lower_words(gap), &QUALIFIER_TERMS);
        if !found.is_empty() {
            diags.push(
                Diagnostic::error(
                    "elision-drops-qualifier",
                    format!("the elision drops {}", backticked(&found)),
                )
                .at(c.quote.span.clone(), "this elision changes what the source says")
                .note(format!("the skipped text at {} is: `{}`", at(pair[0].end), shorten(gap)))
                .help("quote the passage with these words: an elision may skip detail, never a negation, denial, hedge or condition"),
            );
        }
    }
    let (first, last) = (&ranges[0], &ranges[ranges.len() - 1]);
    let after = context_after(text, last.end);
    let after_words = lower_words(after);
    let next = &after_words[..after_words.len().min(3)];
    let conditions = find_terms(&after_words[..after_words.len().min(5)], &CONDITION_TERMS);
    let condition = conditions
        .iter()
        .find(|t| next.iter().any(|w| t.split(' ').next() == Some(w.as_str())));
    if let Some(term) = condition {
        diags.push(
            Diagnostic::warning(
                "quote-drops-condition",
                format!("the quote stops just before a condition: `{term} …`"),
            )
            .at(c.quote.span.clone(), "the claim may read as unconditional")
            .note(format!(
                "the source goes on at {}: `{}`",
                at(last.end),
                shorten(after.trim())
            ))
            .help("quote the condition too, and state it in the claim"),
        );
    }
    let before = context_before(text, first.start);
    let before_words = lower_words_at(before);
    if let Some((term, from)) = condition_before_in(before, &before_words) {
        let start = first.start - before.len() + from;
        diags.push(
            Diagnostic::warning(
                "quote-drops-condition",
                format!("the quote starts after a condition: `{term} …`"),
            )
            .at(c.quote.span.clone(), "the claim may read as unconditional")
            .note(format!(
                "the source reads at {}: `{}`",
                at(start),
                shorten(&text[start..last.end].replace('\n', " "))
            ))
            .help("quote the condition too, and state it in the claim"),
        );
    }
    let before_words: Vec<String> = before_words.into_iter().map(|(_, w)| w).collect();
    let mut denied = find_terms(
        &before_words[before_words.len().saturating_sub(5)..],
        &DENIAL_TERMS,
    );
    let denied_after = find_terms(&after_words[..after_words.len().min(2)], &DENIAL_TERMS);
    let where_ = if denied.is_empty() {
        "just before"
    } else {
        "just after"
    };
    denied.extend(
        denied_after
            .iter()
            .filter(|t| !denied.contains(t))
            .collect::<Vec<_>>(),
    );
    if !denied.is_empty() {
        let message = if where_ == "just after" {
            format!("the quote starts just after {}", backticked(&denied))
        } else {
            format!("the quote stops just before {}", backticked(&denied))
        };
        diags.push(
            Diagnostic::warning("quote-drops-negation", message)
                .at(c.quote.span.clone(), "the source may say the opposite")
                .note(format!(
                    "the source reads at {}: `{}`",
                    at(first.start - before.len()),
                    shorten(&format!("{}{}{}", before, &text[first.start..last.end], after).replace('\n', " "))
                ))
                .help(
                    "quote the words around the passage too, so that the denial or negation is visible",
                ),
        );
    }
}

/// [`condition_before_in`], reading the words of `before` itself (for the
/// tests).
#[cfg(test)]
pub(super) fn condition_before(before: &str) -> Option<(&'static str, usize)> {
    condition_before_in(before, &lower_words_at(before))
}

/// The first condition in the clause of a quote that starts where `before`
/// ends (`before` is the quote's sentence up to it, as [`context_before`]
/// gives it; the clause starts after its last `;` or blank line): a term of
/// [`CONDITIONS_BEFORE`] anywhere in the clause, or one of
/// [`CONDITION_OPENERS`] as the clause's first word or the first after a
/// comma. The term, and where it starts in `before`. `all` is the words of
/// `before` as [`lower_words_at`] reads them (the context checks read them
/// once, for this and for the denials).
fn condition_before_in(
    before: &str,
    all: &[(Range<usize>, String)],
) -> Option<(&'static str, usize)> {
    // A paragraph ends a clause too (a headline has no full stop).
    let from = before.rfind(';').map_or(0, |i| i + 1);
    let from = from.max(before.rfind("\n\n").map_or(0, |i| i + 2));
    let words = &all[all.partition_point(|(r, _)| r.start < from)..];
    for (i, (range, word)) in words.iter().enumerate() {
        // Only a word that starts a term, or opens a clause, is compared.
        let first = |term: &&str| term.split(' ').next() == Some(word.as_str());
        if !CONDITIONS_BEFORE.iter().any(first) && !CONDITION_OPENERS.contains(&word.as_str()) {
            continue;
        }
        let opens = match i {
            0 => true,
            _ => before[words[i - 1].0.end..range.start].contains(','),
        };
        let term = CONDITIONS_BEFORE
            .iter()
            .find(|term| {
                let len = term.split(' ').count();
                words[i..]
                    .iter()
                    .take(len)
                    .map(|(_, w)| w.as_str())
                    .eq(term.split(' '))
            })
            .or_else(|| CONDITION_OPENERS.iter().find(|&&o| opens && o == word));
        if let Some(&term) = term {
            return Some((term, range.start));
        }
    }
    None
}

/// A list of terms with every word of its terms, sorted.
pub(super) struct Terms {
    list: &'static [&'static str],
    words: Vec<&'static str>,
}

impl Terms {
    fn of(list: &'static [&'static str]) -> Terms {
        let mut words: Vec<&'static str> = list.iter().flat_map(|t| t.split(' ')).collect();
        words.sort_unstable();
        words.dedup();
        Terms { list, words }
    }
}

pub(super) static QUALIFIER_TERMS: LazyLock<Terms> = LazyLock::new(|| Terms::of(QUALIFIERS));
pub(super) static CONDITION_TERMS: LazyLock<Terms> = LazyLock::new(|| Terms::of(CONDITIONS));
pub(super) static DENIAL_TERMS: LazyLock<Terms> = LazyLock::new(|| Terms::of(DENIALS));

/// [`find_terms`] of `words` and `terms.list`, which searches the list only
/// when one of `words` is a word of one of its terms or ends with `n't`: a
/// term is found only where each of its words is one of `words` (or, for
/// `not`, where one ends with `n't`), so otherwise it finds nothing. Most
/// gaps and contexts (`the`, `report says`) hold none of these words.
pub(super) fn terms_in(words: &[String], terms: &Terms) -> Vec<&'static str> {
    let may_hold = words
        .iter()
        .any(|w| w.ends_with("n't") || terms.words.binary_search(&w.as_str()).is_ok());
    if may_hold {
        find_terms(words, terms.list)
    } else {
        Vec::new()
    }
}

/// The text before `pos` back to the start of its sentence, where only
/// `.`, `!` or `?` end a sentence (a hard-wrapped line does not), and at
/// most 300 bytes of it.
pub(super) fn context_before(text: &str, pos: usize) -> &str {
    let mut from = pos.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..pos];
    let cut = window
        .match_indices(['.', '!', '?'])
        .filter(|&(i, _)| window[i + 1..].starts_with(' ') && !abbreviation(&window[..i]))
        .map(|(i, _)| i + 2)
        .next_back()
        .unwrap_or(0);
    &window[cut.min(window.len())..]
}

/// Whether the text before a `.` ends with an abbreviation (`U.S`, `Dr`,
/// `a.m`), after which a full stop does not end the sentence. Context
/// windows read past it: reading further can only find more.
pub(super) fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    word.contains('.')
        || word.chars().count() <= 3 && word.starts_with(char::is_uppercase)
        || matches!(
            word,
            "am" | "pm" | "vs" | "etc" | "Inc" | "Corp" | "Ltd" | "Jr" | "Sr" | "St" | "No"
        )
}

/// The text after `pos` up to the end of its sentence (as for
/// [`context_before`]), at most 300 bytes of it.
pub(super) fn context_after(text: &str, pos: usize) -> &str {
    // A quote that ends its sentence has nothing after it in the sentence
    // (`in the U.S.` does not end one).
    let closed = text[..pos].trim_end_matches(['"', '\'', ')', ']']);
    let ended = closed.ends_with(['.', '!', '?']) && !abbreviation(&closed[..closed.len() - 1]);
    if ended {
        return "";
    }
    let mut to = (pos + 300).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let window = &text[pos..to];
    let cut = window
        .match_indices(['.', '!', '?'])
        .find(|&(i, _)| window[i + 1..].starts_with(' ') && !abbreviation(&window[..i]))
        .map_or(window.len(), |(i, _)| i + 1);
    &window[..cut]
}

pub(super) fn backticked(terms: &[&str]) -> String {
    terms
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most 120 characters of `text`, cut on a character with `…`.
pub(super) fn shorten(text: &str) -> String {
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
