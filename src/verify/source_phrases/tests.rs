use super::*;

fn quants(text: &str) -> Vec<(String, Quant, Option<u32>, bool)> {
    phrases(text)
        .into_iter()
        .map(|p| {
            (
                text[p.range.clone()].to_string(),
                p.quant,
                p.total,
                p.total_only,
            )
        })
        .collect()
}

fn one(text: &str) -> (String, Quant, Option<u32>) {
    let q = quants(text);
    assert_eq!(q.len(), 1, "{text}: {q:?}");
    (q[0].0.clone(), q[0].1, q[0].2)
}

#[test]
fn reads_the_counts_an_editor_would_write() {
    use Quant::*;
    let cases: &[(&str, &str, Quant, Option<u32>)] = &[
        ("Two sources say so.", "Two sources", Exact(2), None),
        ("per two sources", "two sources", Exact(2), None),
        ("according to 2 sources", "2 sources", Exact(2), None),
        (
            "three independent outlets",
            "three independent outlets",
            Exact(3),
            None,
        ),
        ("three news outlets", "three news outlets", Exact(3), None),
        (
            "two independent news outlets agree",
            "two independent news outlets",
            Exact(2),
            None,
        ),
        ("a pair of sources", "a pair of sources", Exact(2), None),
        (
            "two of the five sources",
            "two of the five sources",
            Exact(2),
            Some(5),
        ),
        (
            "one of two outlets says",
            "one of two outlets",
            Exact(1),
            Some(2),
        ),
        ("both outlets say", "both outlets", Exact(2), Some(2)),
        (
            "In both outlets, the figure is 20%.",
            "both outlets",
            Exact(2),
            Some(2),
        ),
        ("both sources", "both sources", Exact(2), Some(2)),
        ("Scout and aicnbc.com both say so", "both", Exact(2), None),
        ("It appears in both.", "both", Exact(2), Some(2)),
        ("two reports say", "two reports", Exact(2), None),
        ("per two reports", "two reports", Exact(2), None),
        ("all five sources", "all five sources", All, Some(5)),
        ("in all five.", "all five", All, Some(5)),
        ("all five agree", "all five", All, Some(5)),
        ("all the sources", "all the sources", All, None),
        ("every source", "every source", All, None),
        ("the only source", "only source", Exact(1), None),
        ("a single source", "a single source", Exact(1), None),
        ("one source", "one source", Exact(1), None),
        (
            "per one article's chronology",
            "one article's",
            Exact(1),
            None,
        ),
        ("only one outlet says", "only one outlet", Exact(1), None),
        ("several sources", "several sources", AtLeast(2), None),
        (
            "multiple outlets report",
            "multiple outlets",
            AtLeast(2),
            None,
        ),
        (
            "a number of reports say",
            "a number of reports",
            AtLeast(2),
            None,
        ),
        (
            "at least two sources",
            "at least two sources",
            AtLeast(2),
            None,
        ),
        (
            "more than three news outlets",
            "more than three news outlets",
            MoreThan(3),
            None,
        ),
        (
            "fewer than three sources",
            "fewer than three sources",
            FewerThan(3),
            None,
        ),
        (
            "two or three sources",
            "two or three sources",
            Between(2, 3),
            None,
        ),
        ("2-3 sources", "2-3 sources", Between(2, 3), None),
        ("twenty sources", "twenty sources", Exact(20), None),
        ("seventeen sources", "seventeen sources", Exact(17), None),
        ("a dozen sources", "a dozen sources", Exact(12), None),
        ("most sources", "most sources", Most, None),
        (
            "the majority of sources",
            "the majority of sources",
            Most,
            None,
        ),
        ("a second source", "second source", Unreadable, None),
        ("another outlet says", "another outlet", Unreadable, None),
        ("no other source", "no other source", Unreadable, None),
        ("the other two sources", "other two sources", Exact(2), None),
        ("Three say so", "Three", Exact(3), None),
        ("three documents say", "three documents", Exact(3), None),
        ("neither source", "neither source", Exact(0), None),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(text, phrase, quant, total)| {
            quants(text) != vec![(phrase.to_string(), *quant, *total, false)]
        })
        .map(|(text, ..)| format!("{text}: {:?}", quants(text)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn not_counts_of_sources() {
    for text in [
        "Microsoft invested $13 billion in two rounds.",
        "The two companies signed.",
        "both Microsoft and OpenAI",
        "no longer exclusive",
        "over the next six years",
        "one of the largest deals",
        "two, sources",
        "two billion dollars to sources",
        "The chain will close 99 outlets across the north.",
        "two sources of revenue",
        "three reports were filed",
        "The first investment came in 2019.",
    ] {
        assert_eq!(quants(text), vec![], "{text}");
    }
}

#[test]
fn of_the_five_sources_is_a_total() {
    let q = quants("Of the five sources, two say so.");
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!((q[0].1, q[0].2, q[0].3), (Quant::Exact(5), Some(5), true));
    assert_eq!(q[1].0, "two");
}

#[test]
fn documents_count_seeds() {
    let p = &phrases("three documents say")[0];
    assert!(p.seeds);
    assert!(!phrases("three outlets say")[0].seeds);
}

#[test]
fn a_dispute_word_in_the_clause_makes_a_disputing_count() {
    let text = "Three sources say it may launch first, though two sources word that exception differently.";
    let ps = phrases(text);
    assert_eq!(ps.len(), 2);
    assert!(!disputes(&ps[0], text, ps[1].range.start));
    assert!(disputes(&ps[1], text, text.len()));
    let text = "It is disputed by two outlets.";
    assert!(disputes(&phrases(text)[0], text, text.len()));
}

fn counts(so: usize, do_: usize, to: usize) -> Counts {
    Counts {
        supporting_origins: so,
        disputing_origins: do_,
        total_origins: to,
        supporting_sources: so,
        disputing_sources: do_,
        total_sources: to,
        second_hand: false,
    }
}

#[test]
fn counts_hold_only_when_the_number_is_right() {
    let p = |t: &str| phrases(t).remove(0);
    assert!(holds(&p("two sources"), &counts(2, 0, 2), false).0);
    assert!(!holds(&p("two sources"), &counts(1, 0, 1), false).0);
    assert!(!holds(&p("two sources"), &counts(3, 0, 3), false).0);
    assert!(holds(&p("two sources"), &counts(3, 2, 5), true).0);
    assert!(holds(&p("all five sources"), &counts(5, 0, 5), false).0);
    assert!(!holds(&p("all five sources"), &counts(4, 1, 5), false).0);
    assert!(!holds(&p("all sources"), &counts(1, 0, 1), false).0);
    assert!(holds(&p("both sources"), &counts(2, 0, 2), false).0);
    assert!(!holds(&p("both sources"), &counts(2, 1, 3), false).0);
    assert!(holds(&p("several sources"), &counts(2, 0, 2), false).0);
    assert!(!holds(&p("several sources"), &counts(1, 0, 1), false).0);
    assert!(holds(&p("two of the five sources"), &counts(2, 3, 5), false).0);
    assert!(!holds(&p("two of the five sources"), &counts(2, 0, 2), false).0);
    assert!(holds(&p("most sources"), &counts(3, 2, 5), false).0);
    assert!(!holds(&p("most sources"), &counts(2, 2, 4), false).0);
    assert!(!holds(&p("a second source"), &counts(2, 0, 2), false).0);
    assert!(holds(&p("the only source"), &counts(1, 0, 1), false).0);
    assert!(!holds(&p("the only source"), &counts(2, 0, 2), false).0);
}

#[test]
fn words_keep_possessives_and_joined_names() {
    let ws = words("Scout’s view, per aicnbc.com; CNBC's report (two-fold)");
    let lower: Vec<&str> = ws.iter().map(|w| w.lower.as_ref()).collect();
    assert_eq!(
        lower,
        [
            "scout",
            "view",
            "per",
            "aicnbc.com",
            "cnbc",
            "report",
            "two-fold"
        ]
    );
    assert!(ws[0].possessive && ws[4].possessive);
    assert!(ws[2].punct_before && ws[4].punct_before && ws[6].punct_before);
    assert!(!ws[1].punct_before);
}

/// A small deterministic generator (xorshift), so that the exhaustive
/// comparison below needs no extra crate and is the same on every run.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn the_parser_finds_every_count_the_reference_scan_finds() {
    let mut vocab: Vec<&str> = Vec::new();
    vocab.extend(number_words());
    vocab.extend(COUNT_WORDS);
    vocab.extend(&ordinals()[..3]);
    vocab.extend([
        "2", "13", "1,000", "2-3", "a", "the", "of", "or", "to", "at", "least", "more", "than",
        "up", "an",
    ]);
    vocab.extend([
        "sources",
        "source",
        "outlets",
        "report",
        "articles",
        "documents",
        "media",
    ]);
    vocab.extend([
        "say",
        "says",
        "agree",
        "reported",
        "differently",
        "disputes",
    ]);
    vocab.extend([
        "independent",
        "news",
        "companies",
        "Microsoft",
        "billion",
        "cloud",
        "and",
        "that",
    ]);
    let puncts = [" ", " ", " ", " ", ", ", "; ", ". ", " (", ") ", " — "];
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut checked = 0;
    for _ in 0..20_000 {
        let n = 1 + (next(&mut state) % 9) as usize;
        let mut text = String::new();
        for k in 0..n {
            if k > 0 {
                text.push_str(puncts[(next(&mut state) % puncts.len() as u64) as usize]);
            }
            text.push_str(vocab[(next(&mut state) % vocab.len() as u64) as usize]);
        }
        let ws = words(&text);
        let found = phrases(&text);
        for i in reference_count_words(&text) {
            checked += 1;
            let at = ws[i].range.start;
            assert!(
                found
                    .iter()
                    .any(|p| p.range.start <= at && at < p.range.end.max(p.count_end)),
                "the reference finds a count at `{}` in {text:?}, the parser does not: {found:?}",
                ws[i].lower
            );
        }
    }
    assert!(checked > 3_000, "only {checked} counts were compared");
}

#[test]
fn numbers_up_to_twenty_in_words_and_digits() {
    for (i, w) in number_words().enumerate() {
        assert_eq!(
            one(&format!("{w} sources")).1,
            Quant::Exact(i as u32),
            "{w}"
        );
        assert_eq!(
            one(&format!("{i} outlets say")).1,
            Quant::Exact(i as u32),
            "{i}"
        );
    }
}
