//! [`seen_hedge`]: the hedges of the red team's seeds, and a proptest
//! against a slow reference that tries every phrase, separator and article
//! on the text as seen, character by character.

use super::*;
use proptest::prelude::*;

/// The hedge of the number that `text` ends with (`5 million`), and what
/// is written from its start.
fn hedge_of_last(text: &str) -> (Option<Hedge>, String) {
    let norm = crate::text::normalize::normalize(text);
    let n = numbers(&norm).pop().expect("a number");
    (n.hedge, norm[n.range].to_string())
}

#[test]
fn a_hedge_written_with_lookalike_hidden_or_quoted_characters_is_read() {
    for (text, hedge, written) in [
        (
            "Officials said ne\u{430}rly 5 million",
            Hedge::About,
            "ne\u{430}rly 5 million",
        ),
        (
            "Officials said \u{FF55}\u{FF50} \u{FF54}\u{FF4F} 5 million",
            Hedge::AtMost,
            "\u{FF55}\u{FF50} \u{FF54}\u{FF4F} 5 million",
        ),
        (
            "Officials said up\u{2060}to 5 million",
            Hedge::AtMost,
            "upto 5 million",
        ),
        (
            "Officials said up\u{34F}to 5 million",
            Hedge::AtMost,
            "upto 5 million",
        ),
        (
            "Officials said \u{201C}up to\u{201D} 5 million",
            Hedge::AtMost,
            "\"up to\" 5 million",
        ),
        (
            "Officials said \u{3B1}bout 5 million",
            Hedge::About,
            "\u{3B1}bout 5 million",
        ),
        (
            "Officials said UPTO 5 million",
            Hedge::AtMost,
            "UPTO 5 million",
        ),
        (
            "said \"approximately\" a 5 million",
            Hedge::About,
            "\"approximately\" a 5 million",
        ),
    ] {
        assert_eq!(
            hedge_of_last(text),
            (Some(hedge), written.to_string()),
            "{text:?}"
        );
    }
}

#[test]
fn words_that_only_look_like_no_hedge_are_not_read() {
    for text in [
        "Officials said \u{201C}nothing\u{201D} 5 million",
        "Officials said \u{432}\u{43E}\u{442} 5 million",
        "Officials said \u{FF55}\u{FF50}\u{FF54}\u{FF4F}\u{FF4F} 5 million",
        "\"minus\" 5 million",
        "Officials said \u{201C}up to 5 million",
    ] {
        let (hedge, _) = hedge_of_last(text);
        if text.ends_with("said \u{201C}up to 5 million") {
            // The plain phrase, read as ever.
            assert_eq!(hedge, Some(Hedge::AtMost));
        } else {
            assert_eq!(hedge, None, "{text:?}");
        }
    }
    // ASCII text without quotation marks is left to the reader of bytes.
    assert_eq!(seen_hedge("said ab out 5", 13), None);
}

/// [`seen_hedge`] as defined, slowly: the same last bytes
/// ([`tail`]) seen character by character, then every phrase (in list
/// order), before the article or not, before every separator, compared as
/// strings.
pub(super) fn seen_hedge_reference(text: &str, start: usize) -> Option<(Hedge, usize)> {
    let before = tail(&text[..start], 64);
    if before.is_ascii() && !before.contains('"') {
        return None;
    }
    let mut seen: Vec<(usize, char)> = Vec::new();
    for (i, c) in before.char_indices() {
        if c == '"' || crate::text::normalize::is_invisible(c) {
            continue;
        }
        for f in crate::text::letters::fold(&c.to_string()).chars() {
            seen.push((i, f));
        }
    }
    let chars: String = seen.iter().map(|&(_, c)| c).collect();
    // A hyphen reads as a space; no phrase holds one.
    let spaced = chars.replace('-', " ");
    let sep = [", ", " ", "-"].into_iter().find(|s| chars.ends_with(s))?;
    let end = chars.len() - sep.len();
    let mut ends = vec![end];
    for article in ["a", "an"] {
        // Only a space before the article is passed over, not a hyphen.
        let head = &chars[..end];
        if head.ends_with(article)
            && !head[..end - article.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            let at = end - article.len();
            ends.insert(0, at - usize::from(head[..at].ends_with(' ')));
            break;
        }
    }
    for (phrase, h) in HEDGES_AND_SIGNS_BEFORE.iter() {
        for &e in &ends {
            let Some(s) = e.checked_sub(phrase.len()) else {
                continue;
            };
            let whole = spaced.is_char_boundary(s)
                && spaced[s..e].eq_ignore_ascii_case(phrase)
                && !spaced[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if whole {
                if *phrase == "minus" || *phrase == "negative" {
                    return None;
                }
                // The character the phrase's first byte was seen in.
                let k = chars[..s].chars().count();
                let at = start - before.len() + seen[k].0;
                return Some((*h, at - usize::from(text[..at].ends_with('"'))));
            }
        }
    }
    None
}

/// Hedge phrases and other words as a seed may write them: plain,
/// uppercase, with Cyrillic and Greek lookalikes, fullwidth, joined by a
/// combining grapheme joiner, in curly or straight quotation marks.
fn seen_text() -> impl Strategy<Value = String> {
    let phrases: Vec<&'static str> = HEDGES_AND_SIGNS_BEFORE
        .iter()
        .map(|h| h.0)
        .chain(["said", "the", "a", "an", "upto", "nothing", "pro", "pa"])
        .collect();
    let written = (prop::sample::select(phrases), 0usize..7).prop_map(|(p, how)| match how {
        0 => p.to_string(),
        1 => p.to_uppercase(),
        2 => p
            .chars()
            .map(|c| match c {
                'a' => '\u{430}',
                'o' => '\u{3BF}',
                'e' => '\u{435}',
                'p' => '\u{440}',
                'x' => '\u{445}',
                c => c,
            })
            .collect(),
        3 => p
            .chars()
            .map(|c| match c {
                'a'..='z' => char::from_u32(c as u32 - 'a' as u32 + 0xFF41).unwrap_or(c),
                ' ' => '\u{3000}',
                c => c,
            })
            .collect(),
        4 => p.replacen(' ', "\u{34F}", 1).replacen('o', "o\u{34F}", 1),
        5 => format!("\u{201C}{p}\u{201D}"),
        _ => format!("\"{p}\""),
    });
    let piece = prop_oneof![
        6 => written,
        1 => prop::sample::select(&[" ", ", ", "-", "(", ")", "\u{2060}", "é", "\u{301}", "1"][..]).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|ps| ps.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Before a number, after every separator a lead is made of.
    #[test]
    fn seen_hedges_are_found_as_by_every_phrase(lead in seen_text(), sep in prop::sample::select(&["", " ", ", ", "-", " a ", " an "][..])) {
        let text = crate::text::normalize::normalize(&format!("{lead}{sep}5 million"));
        let start = text.rfind('5').unwrap_or(0);
        for at in (0..=start).filter(|&p| text.is_char_boundary(p)) {
            prop_assert_eq!(seen_hedge(&text, at), seen_hedge_reference(&text, at), "at {} of {:?}", at, text);
        }
    }
}
