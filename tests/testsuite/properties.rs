//! Properties of the normaliser and matcher (proptest).

use proptest::prelude::*;
use sourced::text::normalize::normalize;
use sourced::text::quote_match::{MIN_WORDS, Quote, Searchable, find_all};

/// Words as web text has them: curly quotes, dashes, accents (composed and
/// not), digits with separators, and ellipses attached to words.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,9}",
        "[0-9]{1,4}(,[0-9]{3})?",
        Just("\u{201c}quoted\u{201d}".to_string()),
        Just("OpenAI\u{2019}s".to_string()),
        Just("up\u{2011}to".to_string()),
        Just("caf\u{e9}".to_string()),
        Just("cafe\u{301}".to_string()),
        Just("wait\u{2026}".to_string()),
        Just("\u{2014}".to_string()),
        Just("$7.5".to_string()),
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(" "),
        Just(" "),
        Just(" "),
        // Not a no-break space alone: between two groups of digits it
        // joins them into one number (`1 500`), and this property wants
        // separate words.
        Just(" \u{a0}"),
        Just("\n"),
        Just("  "),
        Just("\r\n")
    ]
}

/// A source text and the byte ranges of its words.
fn source() -> impl Strategy<Value = (String, Vec<std::ops::Range<usize>>)> {
    prop::collection::vec((word(), separator()), 4..60).prop_map(|parts| {
        let mut text = String::new();
        let mut words = Vec::new();
        for (w, sep) in parts {
            words.push(text.len()..text.len() + w.len());
            text.push_str(&w);
            text.push_str(sep);
        }
        (text, words)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalisation_is_idempotent(s in "\\PC{0,80}", (t, _) in source()) {
        for text in [s, t] {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once);
        }
    }

    #[test]
    fn any_run_of_four_or_more_words_is_found_where_it_is(
        (text, words) in source(),
        a in 0usize..60,
        len in MIN_WORDS..12usize,
    ) {
        prop_assume!(words.len() >= MIN_WORDS);
        let a = a % (words.len() - MIN_WORDS + 1);
        let b = (a + len).min(words.len());
        prop_assume!(b - a >= MIN_WORDS);
        let range = words[a].start..words[b - 1].end;
        let quote = Quote::parse(&text[range.clone()]);
        // A standalone dash is not a word; the quote may still count four.
        prop_assume!(quote.word_count() >= MIN_WORDS && quote.pieces.len() == 1);
        let source = Searchable::new(&text);
        let found: Vec<_> = find_all(&source, &quote, 1000)
            .into_iter()
            .map(|p| source.norm.original_range(p[0].clone()))
            .collect();
        prop_assert!(found.contains(&range), "{:?} not in {:?} for {:?}", range, found, &text[range.clone()]);
    }

    #[test]
    fn every_match_maps_to_character_boundaries(
        (text, _) in source(),
        quote in "\\PC{1,30}",
    ) {
        let source = Searchable::new(&text);
        for placement in find_all(&source, &Quote::parse(&quote), 50) {
            for r in placement {
                let o = source.norm.original_range(r);
                prop_assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
                prop_assert!(o.start <= o.end && o.end <= text.len());
            }
        }
        let (line, col) = sourced::diagnostic::line_col(&text, text.len() / 2);
        prop_assert!(line >= 1 && col >= 1);
    }
}

// ---------------------------------------------------------------------------
// The matcher against a slow reference.

use sourced::text::normalize::Normalized;
use sourced::text::quote_match::MAX_GAP_CHARS;
use sourced::text::segment::{Dash, words_with};
use std::ops::Range;

/// The reference matcher: obviously correct and slow. The normalised source
/// is cut into words (the definition in `segment`) and single other
/// characters; a piece is placed wherever it is spelled by a run of whole
/// tokens starting and ending on whole characters of the original; elided
/// pieces must follow one another, lie in one sentence (split here by its
/// own simple loop) and skip at most `MAX_GAP_CHARS` characters each. Every
/// placement is enumerated by brute force, in order.
fn reference(original: &str, quote: &Quote, limit: usize) -> Vec<Vec<Range<usize>>> {
    let norm = Normalized::new(original);
    let text = norm.text.as_str();
    let dash = |i: usize| Dash::of(original[norm.origin_of(i)..].chars().next().unwrap_or('-'));
    let words = words_with(text, dash);
    let on_token_edge = |i: usize| !words.iter().any(|w| w.start < i && i < w.end);
    // Sentence numbers, char by char.
    let breaks: Vec<usize> = norm.line_breaks().collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut sentence_of = vec![0usize; text.len() + 1];
    let mut sentence = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let starts_new = k > 0 && {
            let (pi, pc) = chars[k - 1];
            if breaks.contains(&pi) {
                true
            } else if pc == ' ' {
                // Back over closing quotes, brackets and a reference mark
                // (`[3]`) to a full stop.
                let before: String = chars[..k - 1].iter().map(|p| p.1).collect();
                let closers: &[char] = &['"', '\'', ')', ']'];
                let mut end = before.trim_end_matches(closers);
                if let Some(mark) = before.strip_suffix(']')
                    && let Some(open) = mark.rfind('[')
                    && !mark[open + 1..].is_empty()
                    && mark[open + 1..].chars().all(|d| d.is_ascii_digit())
                {
                    end = mark[..open].trim_end_matches(closers);
                }
                let next_word: String = chars[k..]
                    .iter()
                    .map(|p| p.1)
                    .take_while(|c| *c != ' ')
                    .collect();
                let capital =
                    !c.is_lowercase() || next_word.chars().skip(1).any(char::is_uppercase);
                end.ends_with(['.', '!', '?']) && capital
            } else {
                false
            }
        };
        if starts_new {
            sentence += 1;
        }
        sentence_of[i..i + c.len_utf8()].fill(sentence);
    }
    sentence_of[text.len()] = sentence;
    let elided = quote.pieces.len() > 1;
    let mut out = Vec::new();
    /// Whether piece `j` may start at `s` after the pieces placed so far.
    type Allowed<'a> = &'a dyn Fn(usize, usize, &[Range<usize>]) -> bool;
    #[allow(clippy::too_many_arguments)]
    fn place(
        j: usize,
        from: usize,
        path: &mut Vec<Range<usize>>,
        out: &mut Vec<Vec<Range<usize>>>,
        ctx: Allowed,
        pieces: &[String],
        text: &str,
        limit: usize,
    ) {
        if j == pieces.len() {
            out.push(path.clone());
            return;
        }
        for s in from..=text.len() {
            if out.len() >= limit {
                return;
            }
            if !text.is_char_boundary(s) || !text[s..].starts_with(pieces[j].as_str()) {
                continue;
            }
            if !ctx(j, s, path) {
                continue;
            }
            path.push(s..s + pieces[j].len());
            place(
                j + 1,
                s + pieces[j].len(),
                path,
                out,
                ctx,
                pieces,
                text,
                limit,
            );
            path.pop();
        }
    }
    let ctx = |j: usize, s: usize, path: &[Range<usize>]| {
        let e = s + quote.pieces[j].len();
        if !(on_token_edge(s) && on_token_edge(e) && norm.is_boundary(s) && norm.is_boundary(e)) {
            return false;
        }
        if elided {
            let first = path.first().map_or(s, |p| p.start);
            if sentence_of[s] != sentence_of[first] || sentence_of[e - 1] != sentence_of[first] {
                return false;
            }
        }
        match path.last() {
            Some(prev) => text[prev.end..s].trim().chars().count() <= MAX_GAP_CHARS,
            None => true,
        }
    };
    if quote.pieces.iter().any(String::is_empty) {
        return out;
    }
    place(
        0,
        0,
        &mut Vec::new(),
        &mut out,
        &ctx,
        &quote.pieces,
        text,
        limit,
    );
    out
}

/// Source text with words, numbers, sentence ends and multibyte text.
fn rich_source() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        "[A-Za-z]{1,6}",
        Just("non-exclusive".to_string()),
        Just("OpenAI\u{2019}s".to_string()),
        Just("$1.5".to_string()),
        Just("12,000".to_string()),
        Just("7.5%".to_string()),
        Just("2026\u{2013}2027".to_string()),
        Just("first\u{2014}then".to_string()),
        Just("caf\u{e9}".to_string()),
        Just("cafe\u{301}".to_string()),
        Just("\u{5317}\u{4eac}".to_string()),
        Just("\u{645}\u{631}\u{62d}\u{628}\u{627}".to_string()),
        Just("\u{1f44d}\u{1f3fd}".to_string()),
        Just("a".to_string()),
        Just("U.S.".to_string()),
        Just("wait\u{2026}".to_string()),
    ];
    let sep = prop_oneof![
        Just(" "),
        Just(" "),
        Just(" "),
        Just(". "),
        Just(". "),
        Just(", "),
        Just("\n"),
        Just("\u{a0}"),
        Just("! "),
        Just(".\u{201d} "),
        Just(" \u{2014} "),
    ];
    prop::collection::vec((token, sep), 3..40)
        .prop_map(|parts| parts.into_iter().map(|(t, s)| t + s).collect::<String>())
}

/// A quote cut from a source: up to three pieces at any characters, often
/// (not always) on spaces, joined by ` ... `.
fn cut_quote(text: &str, cuts: &[(usize, usize, bool)]) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len().max(1);
    let mut pieces = Vec::new();
    let mut from = 0;
    for &(a, len, snap) in cuts {
        let mut start = from + a % n.saturating_sub(from).max(1);
        let mut end = (start + 1 + len % 30).min(chars.len());
        if snap {
            while start > 0 && start < chars.len() && !chars[start - 1].1.is_whitespace() {
                start -= 1;
            }
            while end < chars.len() && !chars[end].1.is_whitespace() {
                end += 1;
            }
        }
        if start >= chars.len() || start >= end {
            break;
        }
        let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
        pieces.push(text[byte(start)..byte(end)].to_string());
        from = end;
    }
    pieces.join(" ... ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    /// Every placement the matcher gives is one the reference gives, in the
    /// same order, and no other: so every accepted quote is a run of whole
    /// source words, in order, within one sentence.
    #[test]
    fn the_matcher_equals_the_reference(
        text in rich_source(),
        cuts in prop::collection::vec((0usize..400, 0usize..40, any::<bool>()), 1..4),
        gap in prop::option::of(0usize..3),
    ) {
        // Sometimes stretch a gap towards the limit.
        let text = match gap {
            Some(k) => text.replacen(' ', &format!(" {} ", "y".repeat(MAX_GAP_CHARS - 2 + k)), 1),
            None => text,
        };
        let quote = Quote::parse(&cut_quote(&text, &cuts));
        let fast = find_all(&Searchable::new(&text), &quote, 3);
        let slow = reference(&text, &quote, 3);
        prop_assert_eq!(fast, slow, "{:?} in {:?}", quote.pieces, text);
    }

    /// Any text, any quote cut from it: no panic, and every range is on
    /// character boundaries of the original.
    #[test]
    fn any_unicode_maps_to_character_boundaries(
        chars in prop::collection::vec(any::<char>(), 0..300),
        cuts in prop::collection::vec((0usize..400, 0usize..40, any::<bool>()), 1..4),
    ) {
        let text: String = chars.into_iter().collect();
        let quote = Quote::parse(&cut_quote(&text, &cuts));
        let source = Searchable::new(&text);
        for placement in find_all(&source, &quote, 5) {
            for r in placement {
                let o = source.norm.original_range(r);
                prop_assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
            }
        }
        let _ = sourced::text::quote_match::explain_miss(&source, &quote);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Gaps right at the limit: the matcher and the reference agree to the
    /// character.
    #[test]
    fn gaps_at_the_limit_agree_with_the_reference(
        n in (MAX_GAP_CHARS - 2)..(MAX_GAP_CHARS + 3),
        filler in prop_oneof![Just('Y'), Just('\u{c9}'), Just('\u{5317}')],
        same_sentence in any::<bool>(),
    ) {
        let stop = if same_sentence { "" } else { "." };
        let text = format!(
            "one two three{stop} {} four five six.",
            filler.to_string().repeat(n)
        );
        let quote = Quote::parse("one two three ... four five six.");
        let fast = find_all(&Searchable::new(&text), &quote, 3);
        let slow = reference(&text, &quote, 3);
        prop_assert_eq!(&fast, &slow);
        prop_assert_eq!(fast.len(), usize::from(n <= MAX_GAP_CHARS && same_sentence));
    }
}
