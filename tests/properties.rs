//! Properties of the normaliser and matcher (proptest).

use proptest::prelude::*;
use sourced::normalize::normalize;
use sourced::quote_match::{MIN_WORDS, Quote, Searchable, find_all};

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
        Just("\u{a0}"),
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
