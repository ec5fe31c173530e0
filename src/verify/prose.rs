//! The briefing's prose: inline Markdown rules, references to facts, and the
//! numbers of each sentence against the facts it cites.

use super::*;
use crate::verify::source_phrases::{Markup, Phrase};

/// A fact's note is inline Markdown: no raw HTML, no footnotes, safe links.
pub(super) fn check_inline_markdown(note: &Text, diags: &mut Vec<Diagnostic>) {
    let scan = briefing::scan(&note.value, briefing::Body::Note);
    let at = || note.span.clone();
    for _ in &scan.html {
        diags.push(raw_html(at()));
    }
    for _ in scan
        .definitions
        .iter()
        .chain(scan.references.iter().map(|r| &r.1))
    {
        diags.push(
            Diagnostic::error(
                "note-footnote",
                "a fact's note cannot cite facts or define footnotes",
            )
            .at(at(), "footnote syntax in a note")
            .help("cite facts from briefing.md; a note is plain inline Markdown"),
        );
    }
    for (dest, _, image) in &scan.bad_links {
        diags.push(bad_link(dest, *image, at()));
    }
}

pub(super) fn raw_html(span: Span) -> Diagnostic {
    Diagnostic::error("raw-html", "raw HTML is not allowed")
        .at(span, "raw HTML")
        .help("write it in Markdown; a literal `<` can be written as `\\<`")
}

pub(super) fn bad_link(dest: &str, image: bool, span: Span) -> Diagnostic {
    if image {
        Diagnostic::error("image", format!("images are not supported (`{dest}`)"))
            .at(span, "image")
            .help("remove the image: a briefing is text, and the site makes no external requests")
    } else {
        Diagnostic::error("unsafe-link", format!("link to `{dest}` is not allowed"))
            .at(span, "unsafe link")
            .help("links may be relative, or use http, https or mailto")
    }
}

#[cfg(test)]
#[path = "prose_reference_tests.rs"]
mod reference_tests;

/// A claim's numbers, as candidates for the prose: (number, as written,
/// which fact).
pub(super) type ClaimNumbers = Vec<(Number, String, InClaim)>;

/// Which fact's claim a number is in, written ``in the claim of `ID` ``
/// when a diagnostic shows it (most numbers are never shown, so the text
/// is made only then). The numbers of one claim share the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct InClaim(Arc<str>);

impl std::fmt::Display for InClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "in the claim of `{}`", self.0)
    }
}

/// Each prose sentence's text, normalised, with its numbers.
pub(super) type SentenceNumbers = Vec<(Normalized, Vec<Number>)>;

/// The numbers of every sentence of the briefing's body, in parallel.
pub(super) fn sentence_numbers(scan: &briefing::Scan) -> SentenceNumbers {
    scan.texts
        .par_iter()
        .map(|text| {
            let norm = Normalized::new(&text.text);
            let found = numbers(&norm.text);
            (norm, found)
        })
        .collect()
}

/// The numbers of the claim `claim` of fact `id`, less its counts of
/// sources. The fact check reads them once (see [`check_fact`]), for
/// itself and for this rule.
pub(super) fn claim_numbers(id: &str, claim: &str) -> ClaimNumbers {
    let norm = Normalized::new(claim);
    let found = numbers(&norm.text);
    if found.is_empty() {
        return Vec::new(); // no counts of sources to read
    }
    let counted = super::source_phrases::Counted::new(&norm.text);
    // One copy of the id, made for the first number.
    let mut shared: Option<InClaim> = None;
    found
        .into_iter()
        .filter(|n| !counted.covers(&n.range))
        .map(|n| {
            let written = claim[norm.original_range(n.range.clone())].to_string();
            let at = shared.get_or_insert_with(|| InClaim(Arc::from(id)));
            (n, written, at.clone())
        })
        .collect()
}

/// Everything a prose sentence's number diagnostics are computed from:
/// the sentence (its numbers are read from its text), where the body is,
/// and the numbers of the claims it cites, in order.
pub(super) struct NumbersInput {
    text: briefing::SentenceText,
    path: PathBuf,
    body_offset: usize,
    claims: Vec<Arc<ClaimNumbers>>,
}

impl NumbersInput {
    fn new(
        text: &briefing::SentenceText,
        (path, body_offset): (&std::path::Path, usize),
        claims: Vec<Arc<ClaimNumbers>>,
    ) -> NumbersInput {
        NumbersInput {
            text: text.clone(),
            path: path.to_path_buf(),
            body_offset,
            claims,
        }
    }

    fn same(
        &self,
        text: &briefing::SentenceText,
        (path, body_offset): (&std::path::Path, usize),
        claims: &[Arc<ClaimNumbers>],
    ) -> bool {
        self.text == *text
            && self.path == path
            && self.body_offset == body_offset
            && self.claims.len() == claims.len()
            && self
                .claims
                .iter()
                .zip(claims)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

/// The diagnostics of the numbers (`found`, in `norm`, the normalised
/// `text`) of one prose sentence that no claim it cites (`claims`) states.
/// `phrases` are the count phrases of `text` as written.
fn sentence_diags(
    (text, phrases): (&briefing::SentenceText, &[Phrase]),
    (norm, found): (&Normalized, &[Number]),
    claims: &[Arc<ClaimNumbers>],
    (path, body_offset): (&std::path::Path, usize),
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let candidates = claims
        .iter()
        .flat_map(|c| c.iter())
        .map(|(n, w, at)| (n, w.as_str(), at));
    // The phrases of the text as written are those of the normalised text
    // when normalising changed nothing.
    let counted = if norm.text == text.text {
        super::source_phrases::Counted::of(phrases)
    } else {
        super::source_phrases::Counted::new(&norm.text)
    };
    for n in found {
        if counted.covers(&n.range) {
            continue;
        }
        let (written, span) = in_body(text, norm, n, (path, body_offset));
        let what = (
            "fact cited in this sentence",
            "claims of the facts cited here",
        );
        let codes = ("prose-number", "prose-number");
        if let Some(d) = unsupported(n, written, span, candidates.clone(), what, codes) {
            diags.push(d.help(format!(
                "cite a fact whose claim states {written}, or say only what the cited claims say"
            )));
        }
    }
    diags
}

/// The first currency, percent sign or scale that `text` (a table's column
/// heading) gives without a number: `$`, `%`, `billion`, `dollars`. A word
/// is one when `1` before it reads as a number with a currency (but `won`),
/// a percent or another value than one.
fn unit_without_number(text: &str) -> Option<&str> {
    if text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let one = numbers("1").pop()?.value;
    let symbol = text.find(|c: char| c == '%' || crate::text::segment::is_currency(c));
    let word = crate::text::segment::words(text).into_iter().find(|r| {
        let w = &text[r.clone()];
        // `won` is a currency, and far more often a verb (`Seats won`).
        let currency = |n: &Number| n.currency.is_some() && !w.eq_ignore_ascii_case("won");
        numbers(&normalize(&format!("1 {w}")))
            .first()
            .is_some_and(|n| currency(n) || n.unit == Some("%") || n.value != one)
    });
    let symbol = symbol.map(|i| i..i + text[i..].chars().next().map_or(1, char::len_utf8));
    [symbol, word]
        .into_iter()
        .flatten()
        .min_by_key(|r| r.start)
        .map(|r| &text[r])
}

/// The span in the briefing of byte range `r` of `text` (made only for a
/// diagnostic).
fn body_span<'p>(
    text: &briefing::SentenceText,
    r: &Range<usize>,
    (path, body_offset): (&'p std::path::Path, usize),
) -> impl FnOnce() -> Span + use<'p> {
    let body = text.body_range(r);
    move || {
        Span::new(
            path.to_path_buf(),
            body_offset + body.start..body_offset + body.end,
        )
    }
}

/// Number `n` of `text` (read in `norm`, its normalised form) as written,
/// and its span in the briefing (made only for a diagnostic).
fn in_body<'t, 'p>(
    text: &'t briefing::SentenceText,
    norm: &Normalized,
    n: &Number,
    (path, body_offset): (&'p std::path::Path, usize),
) -> (&'t str, impl FnOnce() -> Span + use<'t, 'p>) {
    let original = norm.original_range(n.range.clone());
    let span = body_span(text, &original, (path, body_offset));
    (&text.text[original], span)
}

/// Every number in a prose sentence must be stated by the claim of a fact
/// the sentence cites, and every number in the title and summary by some
/// fact's claim: so the chain prose → claim → quote → seed holds. Counts of
/// sources (`three sources`) are left to the trust signals. `read[k]` holds
/// the numbers of `facts[k]`'s claim when the fact check read them; the
/// others are read here, when needed.
// Over 80 lines: each sentence's numbers against its facts, in the order their diagnostics appear; then the page's (check_page_numbers).
pub(super) fn check_prose_numbers(
    b: &briefing::Briefing,
    (scan, sentence_phrases, markup): (&briefing::Scan, &[Vec<Phrase>], &Markup),
    (facts, by_id): (&[Arc<SiteFact>], &HashMap<&str, usize>),
    read: &[Option<Arc<ClaimNumbers>>],
    project: &Project,
    cache: &mut VerifyCache,
    diags: &mut Vec<Diagnostic>,
) {
    let path = b.title.span.path.clone();
    // Each claim's numbers, read once: by the fact check of this run, or
    // here; and kept for the next run, with the claim they were read from.
    let numbers_of = |k: &usize| match &read[*k] {
        Some(numbers) => Arc::clone(numbers),
        None => Arc::new(claim_numbers(&facts[*k].id, &facts[*k].claim)),
    };
    let entry_of = |k: &usize| (facts[*k].id.clone(), facts[*k].claim.clone());
    if !project.facts_complete {
        // A fact file did not parse: its error says it all, and the claims
        // the prose cites may be among the facts it held.
        return;
    }
    let sentences = cache.sentence_numbers.get_or_compute(
        &(),
        |body| *body == b.body,
        || Arc::new(sentence_numbers(scan)),
        || ((), b.body.clone()),
    );
    // The sentences with numbers, each with the facts it cites (each once,
    // by index); then the claims' numbers of every fact cited there, looked
    // up (or read) in parallel, by index.
    let mut cites = Vec::new();
    // The facts each sentence cites, one after the other (each sentence's
    // a range of it): one allocation, not one per sentence.
    let mut cited_facts: Vec<usize> = Vec::new();
    let mut wanted = vec![false; facts.len()];
    for (k, (((_, refs), text), (norm, found))) in scan
        .sentences
        .iter()
        .zip(&scan.texts)
        .zip(&*sentences)
        .enumerate()
    {
        if refs.iter().any(|id| !by_id.contains_key(id.as_str())) {
            // An unknown reference is an error of its own.
            continue;
        }
        if found.is_empty() {
            continue;
        }
        let start = cited_facts.len();
        for id in refs {
            let i = by_id[id.as_str()];
            if !cited_facts[start..].contains(&i) {
                cited_facts.push(i);
                wanted[i] = true;
            }
        }
        cites.push((k, text, (norm, &found[..]), start..cited_facts.len()));
    }
    let wanted: Vec<(usize, &str)> = (0..facts.len())
        .filter(|&i| wanted[i])
        .map(|i| (i, facts[i].id.as_str()))
        .collect();
    let mut by_fact: Vec<Option<Arc<ClaimNumbers>>> = vec![None; facts.len()];
    let looked_up = cache.claim_numbers.get_or_compute_each(
        &wanted,
        |(_, id)| *id,
        |&(i, _), claim| *claim == facts[i].claim,
        |(i, _)| numbers_of(i),
        |(i, _)| entry_of(i),
    );
    for ((i, _), numbers) in wanted.into_iter().zip(looked_up) {
        by_fact[i] = Some(numbers);
    }
    // Each sentence's diagnostics: kept from the last run when its input
    // is unchanged, the others made in parallel, all pushed in order.
    let at = (path.as_path(), b.body_offset);
    let todo: Vec<_> = cites
        .into_iter()
        .map(|(k, text, read, cited)| {
            let claims: Vec<Arc<ClaimNumbers>> = cited_facts[cited]
                .iter()
                .filter_map(|&i| by_fact[i].clone())
                .collect();
            (k, text, read, claims)
        })
        .collect();
    let made = cache.prose_numbers.get_or_compute_each(
        &todo,
        |(k, ..)| k,
        |(_, text, _, claims), input| input.same(text, at, claims),
        |(k, text, read, claims)| {
            let phrases = &sentence_phrases[*k];
            Arc::new(sentence_diags((text, phrases), *read, claims, at))
        },
        |(k, text, _, claims)| (*k, NumbersInput::new(text, at, claims.clone())),
    );
    for kept in made {
        diags.extend(kept.iter().cloned());
    }
    // Large when the briefing is (each sentence normalised, and its
    // numbers): freed on another thread when this run holds the last copy.
    crate::drop_later(sentences);
    // The claims read so far, by id (as the prose names them), for the
    // page's numbers; any other is read there, when there are numbers.
    let mut claim = |k: usize| {
        let f = &facts[k];
        let memo = &mut cache.claim_numbers;
        memo.get_or_compute(
            &f.id,
            |claim| *claim == f.claim,
            || numbers_of(&k),
            || entry_of(&k),
        )
    };
    let memo = (by_id, &by_fact[..]);
    check_page_numbers(b, markup, project, facts, memo, &mut claim, diags);
}

/// The numbers of what speaks for the whole page and cites no fact: the
/// title and summary, the body's headings, table cells, code blocks, link
/// titles and list numbers (`markup.shown`), and the numbers of the facts'
/// notes that their own claims and quotes do not state; each checked
/// against every claim. The claims' numbers are read (into `memo`, with
/// `claim`) only when there are numbers to check.
fn check_page_numbers<'f>(
    b: &briefing::Briefing,
    markup: &Markup,
    project: &Project,
    facts: &'f [Arc<SiteFact>],
    (by_id, in_prose): (&HashMap<&'f str, usize>, &[Option<Arc<ClaimNumbers>>]),
    claim: &mut impl FnMut(usize) -> Arc<ClaimNumbers>,
    diags: &mut Vec<Diagnostic>,
) {
    let path = b.title.span.path.clone();
    let codes = ("prose-number", "prose-number");
    // Each piece, normalised, with its numbers less its counts of sources
    // (rule 12 refuses those: nothing here cites a fact to count).
    let read = |text: &str| {
        let norm = Normalized::new(text);
        let mut found = numbers(&norm.text);
        if !found.is_empty() {
            let counted = super::source_phrases::Counted::new(&norm.text);
            found.retain(|n| !counted.covers(&n.range));
        }
        (norm, found)
    };
    let front: Vec<_> = [&b.title, &b.summary]
        .into_iter()
        .map(|t| (t, read(&t.value)))
        .collect();
    // A table's numbers are read by row, its cells' names and counts by
    // the markup check.
    let table = super::source_phrases::TABLE;
    let shown: Vec<_> = markup
        .shown
        .iter()
        .filter(|(_, why)| *why != table)
        .map(|(text, why)| (text, *why))
        .chain(markup.row_numbers.iter().map(|row| (row, table)))
        .map(|(text, why)| (text, why, read(&text.text)))
        .collect();
    let any = |found: &[Number]| !found.is_empty();
    // The numbers of the facts' notes that their own claims and quotes do
    // not state (see [`SiteFact::note_numbers`]): a note cites no fact and
    // may speak of other facts than its own.
    let noted = || facts.iter().flat_map(|f| &f.note_numbers);
    if !front.iter().any(|(_, (_, f))| any(f))
        && !shown.iter().any(|(.., (_, f))| any(f))
        && noted().next().is_none()
    {
        return;
    }
    // Each id's claim: the one the prose read for it, else that of the
    // first fact with the id.
    let mut memo: HashMap<&str, Arc<ClaimNumbers>> = HashMap::default();
    for (id, &k) in by_id {
        if let Some(numbers) = &in_prose[k] {
            memo.insert(id, numbers.clone());
        }
    }
    for (k, f) in facts.iter().enumerate() {
        memo.entry(&f.id).or_insert_with(|| claim(k));
    }
    let candidates = facts
        .iter()
        .filter_map(|f| memo.get(f.id.as_str()))
        .flat_map(|c| c.iter())
        .map(|(n, w, at)| (n, w.as_str(), at));
    // Most numbers are stated. A few (a title's) are each compared with
    // every claim's number; more are looked up by value, in an index that
    // costs about as much to build as one such comparison. A number not
    // stated (a diagnostic) is compared with every one, for the closest miss.
    let count = front.iter().map(|(_, (_, f))| f.len()).sum::<usize>()
        + shown.iter().map(|(.., (_, f))| f.len()).sum::<usize>()
        + noted().count();
    let by_value = (count > 4).then(|| ByValue::new(candidates.clone().map(|(n, _, _)| n)));
    let stated = |n: &Number| match &by_value {
        Some(by_value) => by_value.states(n),
        None => candidates.clone().any(|(q, ..)| q.states(n).is_ok()),
    };
    for (t, (norm, found)) in &front {
        let raw = project
            .files
            .get(&t.span.path)
            .and_then(|f| f.get(t.span.range.clone()))
            .unwrap_or("");
        let mut placer = Placer::new(&t.span, raw);
        for n in found {
            let written = &t.value[norm.original_range(n.range.clone())];
            let span = placer.place(written);
            if stated(n) {
                continue;
            }
            let what = ("fact's claim", "claims");
            if let Some(d) = unsupported(n, written, span, candidates.clone(), what, codes) {
                diags.push(d.help(format!(
                    "the title and summary may only state numbers that a fact's claim states: add that fact, or correct {written}"
                )));
            }
        }
    }
    for (text, why, (norm, found)) in &shown {
        for n in found {
            if stated(n) {
                continue;
            }
            let (written, span) = in_body(text, norm, n, (&path, b.body_offset));
            let what = ("fact's claim", "claims");
            if let Some(d) = unsupported(n, written, span, candidates.clone(), what, codes) {
                diags.push(d.help(format!(
                    "{why}, so it may only state numbers that some fact's claim states: add that fact, or correct {written}"
                )));
            }
        }
    }
    for cell in &markup.heading_cells {
        if let Some(unit) = unit_without_number(&cell.text) {
            let at = cell.text.find(unit).unwrap_or(0);
            let span = body_span(cell, &(at..at + unit.len()), (&path, b.body_offset));
            diags.push(
                Diagnostic::error(
                    "table-unit-heading",
                    format!("the column heading `{}` gives `{unit}` for the cells below it", cell.text),
                )
                .at(span(), "a unit in a column heading")
                .note("each cell's numbers are checked as written, without the heading's unit, scale or currency, but a reader reads them with it")
                .help(format!("write `{unit}` with each number in the column, and leave it out of the heading")),
            );
        }
    }
    for n in noted() {
        if stated(&n.number) {
            continue;
        }
        let written = &n.written;
        let span = || n.span.clone();
        let what = ("fact's claim or quote of the note's fact", "claims");
        if let Some(d) = unsupported(&n.number, written, span, candidates.clone(), what, codes) {
            diags.push(d.help(format!(
                "a note may only state numbers that its fact's claim or quotes, or another fact's claim, state: add that fact, or correct {written}"
            )));
        }
    }
}

/// Numbers by value, to find one that states a given number: a number
/// states another only when their values are equal (see
/// [`Number::states`]), so only those of the same value are compared.
struct ByValue<'a>(HashMap<&'a crate::text::numbers::Value, Vec<&'a Number>>);

impl<'a> ByValue<'a> {
    fn new(numbers: impl Iterator<Item = &'a Number>) -> ByValue<'a> {
        let mut by_value: HashMap<_, Vec<_>> = HashMap::default();
        for n in numbers {
            by_value.entry(&n.value).or_default().push(n);
        }
        ByValue(by_value)
    }

    /// Whether one of the numbers states `claimed`.
    fn states(&self, claimed: &Number) -> bool {
        self.0
            .get(&claimed.value)
            .is_some_and(|c| c.iter().any(|q| q.states(claimed).is_ok()))
    }
}

/// Sets each fact's note number (in order of first citation) and how many
/// times it is cited, from `cited` (the index of the fact each reference
/// names, in order): every fact's, so a fact no longer cited loses its
/// number. A fact whose values are already these keeps its `Arc`.
pub(super) fn set_numbers(facts: &mut [Arc<SiteFact>], cited: &[usize]) {
    let mut numbers = vec![(None, 0); facts.len()];
    let mut next = 1;
    for &i in cited {
        let (number, uses) = &mut numbers[i];
        *uses += 1;
        if number.is_none() {
            *number = Some(next);
            next += 1;
        }
    }
    for (f, (number, uses)) in facts.iter_mut().zip(numbers) {
        if f.number != number || f.uses != uses {
            let f = Arc::make_mut(f);
            f.number = number;
            f.uses = uses;
        }
    }
}

// Over 80 lines: the briefing's checks in the order their diagnostics appear. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn check_briefing(
    b: &briefing::Briefing,
    (scan, sentence_phrases, markup): (&briefing::Scan, &[Vec<Phrase>], &Markup),
    facts: &mut [Arc<SiteFact>],
    read: &[Option<Arc<ClaimNumbers>>],
    project: &Project,
    cache: &mut VerifyCache,
    diags: &mut Vec<Diagnostic>,
) {
    let path = b.title.span.path.clone();
    let at =
        |r: &Range<usize>| Span::new(path.clone(), b.body_offset + r.start..b.body_offset + r.end);
    for (field, t) in [("title", &b.title), ("summary", &b.summary)] {
        if t.value.trim().is_empty() {
            diags.push(
                Diagnostic::error("empty-field", format!("the briefing's `{field}` is empty"))
                    .at(t.span.clone(), "empty")
                    .help(format!("write the briefing's {field}")),
            );
        }
    }
    // Each fact's index by id, read from the project's facts (the verified
    // facts, in the same order with the same ids, are changed below).
    let index: HashMap<&str, usize> = project
        .facts
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.value.as_str(), i))
        .collect();
    // The fact each reference names, in order.
    let mut cited = Vec::with_capacity(scan.references.len());
    for (id, range) in &scan.references {
        match index.get(id.as_str()) {
            Some(&i) => cited.push(i),
            None if !project.facts_complete => {}
            None => {
                let mut d = Diagnostic::error("unknown-fact", format!("`[^{id}]` names no fact"))
                    .at(at(range), "no fact has this id");
                d = match closest_word(id, facts.iter().map(|f| f.id.as_str())) {
                    Some(s) => d.help(format!("did you mean `[^{s}]`?")),
                    None => d.help("add the fact to a file in content/facts, or correct the id"),
                };
                diags.push(d);
            }
        }
    }
    set_numbers(facts, &cited);
    for r in &scan.definitions {
        diags.push(
            Diagnostic::error(
                "footnote-definition",
                "footnote definitions are not allowed in briefing.md",
            )
            .at(at(r), "footnote definition")
            .help("facts live in content/facts/*.yaml; cite one with `[^fact-id]`"),
        );
    }
    for r in &scan.html {
        diags.push(raw_html(at(r)));
    }
    for (dest, r, image) in &scan.bad_links {
        diags.push(bad_link(dest, *image, at(r)));
    }
    check_prose_numbers(
        b,
        (scan, sentence_phrases, markup),
        (facts, &index),
        read,
        project,
        cache,
        diags,
    );
    for r in &scan.unsourced {
        diags.push(
            Diagnostic::warning("unsourced-sentence", "unsourced sentence")
                .at(at(r), "this sentence cites no fact")
                .help("cite the facts it rests on with `[^fact-id]` after the sentence"),
        );
    }
    let mut reported = BTreeSet::new();
    for (f, l) in facts.iter().zip(&project.facts) {
        if f.number.is_none() && reported.insert(f.id.as_str()) {
            diags.push(
                Diagnostic::warning(
                    "uncited-fact",
                    format!("fact `{}` is not cited in briefing.md", f.id),
                )
                .at(l.id.span.clone(), "never cited")
                .help(format!(
                    "cite it in the briefing with `[^{}]`, or remove it",
                    f.id
                )),
            );
        }
    }
}
