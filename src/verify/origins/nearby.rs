//! Words of attribution credit the sentence they stand in: `attributed_to`
//! must be found in the quote's own sentence (or sentences), not anywhere
//! in the seed.

use crate::diagnostic::Diagnostic;
use crate::project::fact::Citation;
use crate::text::quote_match::{Quote, Searchable};
use std::ops::Range;

/// `quote` is the quote's range in the normalised text of `seed`. An
/// attribution not found anywhere in the seed is reported elsewhere
/// (`attribution-not-found`); this only refuses one found, but not near
/// the quote.
pub fn check_attribution_near(
    c: &Citation,
    seed: &Searchable,
    quote: Range<usize>,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(a) = &c.attributed_to else {
        return;
    };
    let parsed = Quote::parse(&a.value);
    let [words] = parsed.pieces.as_slice() else {
        return; // an elision is reported as `attribution-not-found`
    };
    let text = &seed.norm.text;
    if words.is_empty() || !text.contains(words.as_str()) {
        return;
    }
    if !near(seed, quote, words) {
        diags.push(
            Diagnostic::error(
                "attribution-not-near",
                format!("the attribution is in {file}, but not in the quote's sentence"),
            )
            .at(a.span.clone(), "credits another sentence")
            .note("words of attribution credit the sentence they stand in")
            .help("quote the words that credit this sentence, or drop `attributed_to` and `origin` if the seed credits nobody for it"),
        );
    }
}

/// Whether `words` stand, as whole words, in the sentence or sentences of
/// `seed` that hold `quote`.
fn near(seed: &Searchable, quote: Range<usize>, words: &str) -> bool {
    let text = &seed.norm.text;
    let s = &seed.sentences;
    let from = s.range(s.of(quote.start)).start;
    let to = s
        .range(s.of(quote.end.saturating_sub(1).max(quote.start)))
        .end;
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text[from..to].match_indices(words).any(|(k, _)| {
        let (b, e) = (from + k, from + k + words.len());
        !word_char(text[..b].chars().next_back()) && !word_char(text[e..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "Wire Daily reported that sales rose. Other news.\nA line says the plant closed, according to Reuters. Prices rose 3%, according to Bloomberg.";

    fn near_in(text: &str, quote: &str, words: &str) -> bool {
        let seed = Searchable::new(text);
        let s = seed.norm.text.find(quote).unwrap();
        near(&seed, s..s + quote.len(), words)
    }

    #[test]
    fn an_attribution_in_the_quotes_sentence_is_near() {
        assert!(near_in(SEED, "sales rose", "Wire Daily reported"));
        assert!(near_in(SEED, "the plant closed", "according to Reuters"));
        assert!(near_in(
            SEED,
            "Wire Daily reported that sales rose",
            "Wire Daily reported"
        ));
    }

    #[test]
    fn an_attribution_in_another_sentence_is_not() {
        assert!(!near_in(SEED, "the plant closed", "Wire Daily reported"));
        assert!(!near_in(SEED, "the plant closed", "according to Bloomberg"));
        assert!(!near_in(SEED, "sales rose", "according to Reuters"));
        // Inside a longer word is not the attribution.
        let inside = "Wire Daily reportedly said sales rose.";
        assert!(!near_in(inside, "sales rose", "Wire Daily reported"));
    }
}
