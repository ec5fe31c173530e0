//! Characters a reader cannot see or read the same way: hidden and bidi
//! controls, unreadable numbers, and duplicate documents.

use super::*;
use crate::text::normalize::normalizes_to_ascii_punctuation;

#[cfg(test)]
#[path = "characters_tests.rs"]
mod tests;

/// The diagnostic for a quote that is in the source but breaks a placement
/// rule: it cuts a word, or its elision crosses a sentence end.
pub(super) fn broken_rule(c: &Citation, source: &Indexed, miss: &Miss) -> Diagnostic {
    let norm = &source.norm;
    let file = crate::diagnostic::display_path(&source.file_path);
    let place = |r: &Range<usize>| {
        let o = norm.norm.original_range(r.clone());
        let (line, col) = line_col(source.text, o.start);
        (o, format!("{file}:{line}:{col}"))
    };
    match miss {
        Miss::CutsWord { word, at_start } => {
            let (o, at) = place(word);
            let w = &source.text[o.clone()];
            Diagnostic::error(
                "quote-cuts-word",
                format!(
                    "the quote {} inside the word `{w}` of {file}",
                    if *at_start { "starts" } else { "ends" }
                ),
            )
            .at(c.quote.span.clone(), "not on a word boundary of the source")
            .also(Span::new(source.file_path.clone(), o), "this word")
            .note(format!("the word is at {at}; a quote must cover whole words, and a number with its sign, currency and decimals is one word"))
            .help(format!("quote the whole word `{w}`"))
        }
        Miss::CrossesSentence { gap } => {
            let (o, at) = place(gap);
            let skipped = norm.norm.text[gap.clone()].trim();
            Diagnostic::error(
                "elision-crosses-sentence",
                "the elision skips the end of a sentence",
            )
            .at(c.quote.span.clone(), "joins words from different sentences")
            .also(Span::new(source.file_path.clone(), o), "skipped")
            .note(format!("the skipped text at {at} is: `{}`", shorten(skipped)))
            .help("an elision must stay within one sentence of the source: quote each sentence in its own citation")
        }
    }
}

/// A character a reader cannot see, or that reorders what a reader sees:
/// invisible format characters, variation selectors, the combining grapheme
/// joiner, tag characters, Hangul fillers and bidirectional controls.
pub fn hidden_char(c: char) -> bool {
    // All of them are U+00AD or above: ASCII is turned away at once.
    c >= '\u{AD}' && listed_hidden(c)
}

/// The hidden characters, as listed ([`hidden_char`] turns away what lies
/// below all of them first).
fn listed_hidden(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Bidirectional controls, which make a reader see text in an order other
/// than the one that was checked.
pub(super) fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A word that mixes digits, `%` or a currency sign with letters of a
/// non-Latin script (`ЗЗ%`, with Cyrillic Ze for 3): a number no reader can
/// trust and the number rules cannot read.
pub(super) fn unreadable_number(text: &str) -> Option<&str> {
    // An ASCII text without `%` or `$` (its only signs) holds none: each of
    // its words has digits of one script and only Latin letters, and no sign
    // stands in or beside it.
    if text.is_ascii() && !text.bytes().any(|b| matches!(b, b'%' | b'$')) {
        return None;
    }
    let sign = |c: char| matches!(c, '%' | '\u{2030}') || crate::text::segment::is_currency(c);
    let script = |c: char| crate::text::numbers::digit_value(c).map(|d| c as u32 - d);
    // Digits of another script in Latin text (`৪` looks like 8 but is 4).
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    crate::text::segment::words(text).into_iter().find_map(|r| {
        let w = &text[r.clone()];
        let signed = w.chars().any(sign)
            || text[r.end..].chars().next().is_some_and(sign)
            || text[..r.start].chars().next_back().is_some_and(sign);
        if w.is_ascii() {
            // Digits of one script, no letter outside Latin: only letters
            // written for a signed number's digits (`lO%`) are unreadable.
            let unreadable = signed
                && w.bytes().any(|b| b.is_ascii_alphabetic())
                && !w.bytes().any(|b| b.is_ascii_digit());
            return unreadable.then_some(w);
        }
        let digits = w.chars().any(|c| c.is_numeric());
        let letters = w.chars().any(char::is_alphabetic);
        let foreign = w.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        let mut scripts = w.chars().filter_map(script);
        let first = scripts.next();
        let mixed = scripts.any(|s| Some(s) != first);
        // `ƼƼ%` or `lO%`: letters where a percentage or amount needs digits;
        // `5Ƽ`: digits with letters of another script; `1٠5`: digits of two
        // scripts.
        let other_digits = w.chars().any(|c| c.is_numeric() && !c.is_ascii());
        let unreadable = (signed && letters && !digits)
            || (digits && foreign)
            || mixed
            || (latin && other_digits);
        unreadable.then_some(w)
    })
}

/// The offset of the first byte of `bytes` outside ASCII: eight bytes at a
/// time, then byte by byte.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let high = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) & HIGH;
        if high != 0 {
            return Some(i + (high.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|b| !b.is_ascii()).map(|k| i + k)
}

/// The characters of `value` outside ASCII, in order: only they are
/// decoded, the ASCII between them is skipped.
fn non_ascii_chars(value: &str) -> impl Iterator<Item = char> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let k = first_non_ascii(&value.as_bytes()[i..])?;
        let c = value[i + k..].chars().next()?;
        i += k + c.len_utf8();
        Some(c)
    })
}

/// The first hidden character of `value` (all of them lie outside ASCII).
fn first_hidden(value: &str) -> Option<char> {
    non_ascii_chars(value).find(|&c| hidden_char(c))
}

/// The first number of `value` no reader can be sure of, as normalised.
fn unreadable_in(value: &str) -> Option<String> {
    // Normalising ASCII, with curly quotes, dashes and fixed-width spaces
    // (which become ASCII punctuation or spaces and compose with nothing),
    // gives ASCII, with a `%` or `$` only where the value had one: without
    // them it is a text [`unreadable_number`] finds nothing in.
    if memchr::memchr2(b'%', b'$', value.as_bytes()).is_none()
        && non_ascii_chars(value).all(normalizes_to_ascii_punctuation)
    {
        return None;
    }
    unreadable_number(&normalize(value)).map(str::to_string)
}

/// The first word of `value` drawn with letters that look like Latin ones
/// but are not ASCII (Greek or Cyrillic lookalikes, fullwidth letters,
/// ligatures), all of it reading as a Latin word: `bіllion` with a
/// Cyrillic і, `ｍｏｒｅ`, `тһап`. A reader sees the Latin word, which the
/// checks would not read (a scale, hedge, unit or name). A word with a
/// letter that reads as no Latin one (`café`, `Ελλάδα`) is left as it is.
/// The word, and what it reads as.
pub(super) fn lookalike_word(value: &str) -> Option<(&str, String)> {
    // Only a word with a letter outside ASCII can be one.
    if !non_ascii_chars(value).any(char::is_alphabetic) {
        return None;
    }
    lookalike_word_in(value)
}

/// [`lookalike_word`], reading every word.
fn lookalike_word_in(value: &str) -> Option<(&str, String)> {
    // A letter drawn like a Latin one: a Greek or Cyrillic lookalike, or
    // one that compatibility normalisation makes ASCII (fullwidth, a
    // ligature). `ß` and `ʼ` are neither.
    let drawn_like = |c: char| {
        use unicode_normalization::UnicodeNormalization;
        c.is_alphabetic()
            && !c.is_ascii()
            && (c
                .to_lowercase()
                .any(|l| crate::text::letters::lookalike(l).is_some())
                || std::iter::once(c).nfkc().all(|n| n.is_ascii()))
    };
    let latin_text = value.bytes().any(|b| b.is_ascii_alphabetic());
    crate::text::segment::words(value)
        .into_iter()
        .find_map(|r| {
            let w = &value[r];
            if !w.chars().any(drawn_like) {
                return None;
            }
            let read = crate::text::letters::fold(w);
            let latin = read.chars().any(|c| c.is_ascii_alphabetic())
                && read.chars().all(|c| c.is_ascii_alphanumeric() || c == '\'');
            // A word of Greek or Cyrillic letters only (`Москва`) is one only
            // in Latin text; one with a Latin letter, or a fullwidth one, always.
            let mixed = w.chars().any(|c| c.is_ascii_alphabetic())
                || w.chars().any(|c| {
                    use unicode_normalization::UnicodeNormalization;
                    !c.is_ascii() && std::iter::once(c).nfkc().all(|n| n.is_ascii())
                });
            (latin && (mixed || latin_text)).then_some((w, read))
        })
}

/// What an editor writes (a claim, quote, note, title …) may hold no
/// hidden character, no number written with lookalike letters and no word
/// drawn with letters that only look Latin.
pub(super) fn check_visible(
    value: &str,
    span: &Span,
    what: &str,
    files: &Files,
    diags: &mut Vec<Diagnostic>,
) {
    // The first place of `part` in the value as written, else the value.
    let place = |part: &str| {
        let raw = files
            .get(&span.path)
            .and_then(|t| t.get(span.range.clone()))
            .unwrap_or("");
        match raw.find(part) {
            Some(i) => Span::new(
                span.path.clone(),
                span.range.start + i..span.range.start + i + part.len(),
            ),
            None => span.clone(),
        }
    };
    if let Some(c) = first_hidden(value) {
        let at = place(c.encode_utf8(&mut [0; 4]));
        diags.push(
            Diagnostic::error(
                "hidden-character",
                format!("the {what} contains U+{:04X}, a character readers cannot see", c as u32),
            )
            .at(at, "hidden character")
            .note("invisible and bidirectional characters can make the page show something other than what was checked")
            .help("remove it, and write the text as readers should see it"),
        );
    }
    // A quote and an attribution are the seed's own words, which its
    // numbers are read in (a scale written so is no scale there either).
    let own = !matches!(what, "quote" | "attribution");
    if let Some((word, read)) = own.then(|| lookalike_word(value)).flatten() {
        let at = place(word);
        diags.push(
            Diagnostic::error(
                "lookalike-letters",
                format!("`{word}` in the {what} reads as `{read}` but is not written in Latin letters"),
            )
            .at(at, "letters that only look Latin")
            .note("Greek, Cyrillic, fullwidth or ligature letters drawn like Latin ones show a word that the checks do not read: a scale, hedge, unit or name written so is not seen")
            .help(format!("write `{read}` in the letters a-z")),
        );
    }
    if let Some(word) = unreadable_in(value) {
        diags.push(
            Diagnostic::error(
                "unreadable-number",
                format!("`{word}` in the {what} is a number no reader can be sure of"),
            )
            .at(span.clone(), "a number that cannot be checked")
            .note("letters that look like digits (Cyrillic `З`, Latin `Ƽ`), digits of another script than the text's (`৪` is 4, not 8), or digits of two scripts in one number (`1٠5`) read as one number and look like another")
            .help("write the number in the digits 0-9"),
        );
    }
}

/// Every text an editor wrote outside the facts (the facts' own texts are
/// [`check_fact_visible`]'s), checked with [`check_visible`]; every seed
/// checked for bidirectional controls.
/// (The briefing's body is [`check_body_visible`]'s.)
pub(super) fn check_hidden(project: &Project, sources: &[Indexed], diags: &mut Vec<Diagnostic>) {
    let files = &project.files;
    for m in project.manifest.iter() {
        check_visible(
            &m.title.value,
            &m.title.span,
            "source's title",
            files,
            diags,
        );
        check_visible(
            &m.publisher.value,
            &m.publisher.span,
            "source's publisher",
            files,
            diags,
        );
        for (t, what) in [(&m.name, "source's name"), (&m.based_on, "source's origin")] {
            if let Some(t) = t {
                check_visible(&t.value, &t.span, what, files, diags);
            }
        }
    }
    if let Some(b) = &project.briefing {
        check_visible(&b.title.value, &b.title.span, "title", files, diags);
        check_visible(&b.summary.value, &b.summary.span, "summary", files, diags);
    }
    for s in sources {
        let path = &s.file_path;
        if let Some((i, c)) = s.bidi {
            diags.push(
                Diagnostic::error(
                    "hidden-character",
                    format!("{} contains U+{:04X}, a bidirectional control", crate::diagnostic::display_path(path), c as u32),
                )
                .at(Span::new(path.clone(), i..i + c.len_utf8()), "reorders the text around it")
                .note("readers of the source page would see the text in another order than the one the quotes were checked against")
                .help("save the seed without bidirectional controls, then re-record its hash with `sourced seeds --update`"),
            );
        }
    }
}

/// The briefing's body checked with [`check_visible`]. What the check finds
/// depends on the body's text alone: a body found clean is not read again
/// until it changes.
pub(super) fn check_body_visible(
    b: &crate::project::briefing::Briefing,
    files: &Files,
    clean_body: &mut Memo<(), String, ()>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if clean_body.get(&(), |body| *body == b.body).is_none() {
        let path = b.title.span.path.clone();
        let body = Span::new(path, b.body_offset..b.body_offset + b.body.len());
        check_visible(&b.body, &body, "briefing", files, &mut diags);
        if diags.is_empty() {
            clean_body.put(|| ((), b.body.clone(), ()));
        }
    }
    diags
}

/// The first bidirectional control of `text` and its byte offset. Each is
/// encoded from the byte 0xE2, which only ever starts a character.
pub(super) fn first_bidi(text: &str) -> Option<(usize, char)> {
    memchr::memchr_iter(0xE2, text.as_bytes()).find_map(|i| {
        let c = text[i..].chars().next()?;
        bidi_control(c).then_some((i, c))
    })
}

/// A fact's own texts (claim, note, quotes and their notes, attributions
/// and origins), checked with [`check_visible`]. Whether it finds anything
/// depends on the fact's values alone (positions only place what it finds):
/// the verify cache relies on that.
pub(super) fn check_fact_visible(f: &Fact, files: &Files, diags: &mut Vec<Diagnostic>) {
    check_visible(&f.claim.value, &f.claim.span, "claim", files, diags);
    if let Some(n) = &f.note {
        check_visible(&n.value, &n.span, "note", files, diags);
    }
    for c in f.sources.iter().chain(&f.conflicts) {
        check_visible(&c.quote.value, &c.quote.span, "quote", files, diags);
        for (n, what) in [
            (&c.note, "note"),
            (&c.attributed_to, "attribution"),
            (&c.origin, "origin"),
        ] {
            if let Some(n) = n {
                check_visible(&n.value, &n.span, what, files, diags);
            }
        }
    }
}

/// Each text (a normalised text with its [`document_fingerprint`]) that is
/// the same document as an earlier one, with the first such: `(first,
/// again)`, in the order of `again`. Compared without case (a copy in
/// capitals is the same document), in full, and only when the fingerprints
/// are equal.
fn same_documents(texts: &[(&str, u64)]) -> Vec<(usize, usize)> {
    let lower = |k: usize| texts[k].0.trim().to_lowercase();
    // The earlier texts of each fingerprint, lowercased once a later text
    // has the same fingerprint.
    let mut seen: HashMap<u64, Vec<(usize, Option<String>)>> = HashMap::default();
    let mut found = Vec::new();
    for (k, &(_, fingerprint)) in texts.iter().enumerate() {
        let earlier = seen.entry(fingerprint).or_default();
        if earlier.is_empty() {
            earlier.push((k, None));
            continue;
        }
        let text = lower(k);
        let first = earlier.iter_mut().find_map(|(first, lowered)| {
            (*lowered.get_or_insert_with(|| lower(*first)) == text).then_some(*first)
        });
        match first {
            Some(first) => found.push((first, k)),
            None => earlier.push((k, Some(text))),
        }
    }
    found
}

/// A hash of a normalised text trimmed and lowercased, as the
/// duplicate-document rule compares texts: equal texts have equal
/// fingerprints (texts with equal fingerprints are then compared in full).
pub(super) fn document_fingerprint(norm_text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    norm_text.trim().to_lowercase().hash(&mut hasher);
    hasher.finish()
}

/// Two manifest entries with the same text are one document, counted once.
pub(super) fn check_duplicate_documents(
    project: &Project,
    indexed: &[Indexed],
    diags: &mut Vec<Diagnostic>,
) {
    let entries: HashMap<&str, &crate::project::source::ManifestEntry> = project
        .manifest
        .iter()
        .map(|m| (m.key.value.as_str(), m))
        .collect();
    let texts: Vec<(&str, u64)> = indexed
        .iter()
        .map(|i| (i.norm.norm.text.as_str(), i.fingerprint))
        .collect();
    for (first, again) in same_documents(&texts) {
        let (first, i) = (&indexed[first], &indexed[again]);
        let (Some(a), Some(b)) = (entries.get(first.key), entries.get(i.key)) else {
            continue;
        };
        let how = if first.text == i.text {
            "the same bytes"
        } else {
            "the same text once typography, whitespace and case are set aside"
        };
        diags.push(
            Diagnostic::error(
                "duplicate-document",
                format!(
                    "sources `{}` and `{}` are one document: their files have {how}",
                    first.key, i.key
                ),
            )
            .at(b.file.span.clone(), "the same document again")
            .also(a.file.span.clone(), "first listed here")
            .note("a document counts once, however many keys name it: two keys would make one source look like two")
            .help(format!("remove the entry for `{}` and cite `{}` instead", i.key, first.key)),
        );
    }
}
