//! The words the count reader knows: source nouns, verbs of reporting,
//! dispute words, number words and count words.

/// Nouns that name a source. A count before one of them is a count of
/// sources.
pub const NOUNS: &[&str] = &[
    "source",
    "sources",
    "outlet",
    "outlets",
    "report",
    "reports",
    "article",
    "articles",
    "publication",
    "publications",
    "account",
    "accounts",
    "origin",
    "origins",
    "site",
    "sites",
    "website",
    "websites",
    "blog",
    "blogs",
    "post",
    "posts",
    "newspaper",
    "newspapers",
    "paper",
    "papers",
    "story",
    "stories",
    "piece",
    "pieces",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "agency",
    "agencies",
    "wire",
    "wires",
    "summary",
    "summaries",
    "media",
    "document",
    "documents",
    "seed",
    "seeds",
    "file",
    "files",
    "text",
    "texts",
    "copy",
    "copies",
];

/// Nouns that count documents (seeds) rather than independent origins.
pub(super) const SEED_NOUNS: &[&str] = &[
    "document",
    "documents",
    "seed",
    "seeds",
    "file",
    "files",
    "text",
    "texts",
    "copy",
    "copies",
];

/// Verbs of reporting: a count right before one (`two say`, `both
/// report`, `all five agree`) counts sources too.
pub const VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "report",
    "reports",
    "reported",
    "found",
    "finds",
    "agree",
    "agrees",
    "agreed",
    "state",
    "states",
    "stated",
    "write",
    "writes",
    "wrote",
    "note",
    "notes",
    "noted",
    "give",
    "gives",
    "gave",
    "confirm",
    "confirms",
    "confirmed",
    "date",
    "dates",
    "dated",
    "describe",
    "describes",
    "described",
    "call",
    "calls",
    "called",
    "cite",
    "cites",
    "cited",
    "mention",
    "mentions",
    "mentioned",
    "claim",
    "claims",
    "claimed",
    "quote",
    "quotes",
    "quoted",
    "suggest",
    "suggests",
    "suggested",
    "add",
    "adds",
    "added",
    "present",
    "presents",
    "presented",
    "put",
    "puts",
    "word",
    "words",
    "worded",
    "dispute",
    "disputes",
    "disputed",
    "disagree",
    "disagrees",
    "disagreed",
    "differ",
    "differs",
    "differed",
    "contradict",
    "contradicts",
    "contradicted",
    "attribute",
    "attributes",
    "attributed",
    "trace",
    "traces",
    "traced",
    "tie",
    "ties",
    "tied",
    "link",
    "links",
    "linked",
    "argue",
    "argues",
    "argued",
    "frame",
    "frames",
    "framed",
    "list",
    "lists",
    "listed",
    "show",
    "shows",
    "showed",
    "estimate",
    "estimates",
    "estimated",
    "place",
    "places",
    "placed",
    "make",
    "makes",
    "made",
    "carry",
    "carries",
    "carried",
    "echo",
    "echoes",
    "echoed",
    "repeat",
    "repeats",
    "repeated",
    "support",
    "supports",
    "supported",
    "back",
    "backs",
    "backed",
    "name",
    "names",
    "named",
    "spell",
    "spells",
];

/// Words whose stem marks a disputing count (`two sources word it
/// differently`, `disputed by one outlet`).
pub(super) const DISPUTE_STEMS: &[&str] = &[
    "disput",
    "disagre",
    "contradict",
    "differ",
    "contest",
    "deny",
    "deni",
    "otherwise",
    "reject",
    "doubt",
    "question",
    "refut",
    "rebut",
    "challeng",
    "counter",
];

/// How many words after a count may say that it disputes: `two sources
/// word that exception differently`, but not a word far along the clause.
pub(super) const DISPUTE_REACH: usize = 6;

/// Number words, by value: the ones of the number reader, and `twenty`.
pub(super) fn number_words() -> impl Iterator<Item = &'static str> {
    crate::text::numbers::ONES.iter().copied().chain(["twenty"])
}

/// Ordinals: `a second source` says there are others without saying how
/// many, so it is refused with a fix.
pub(super) fn ordinals() -> &'static [&'static str] {
    // The number reader's ordinal words from `second` (its list is by value).
    &crate::text::numbers::ORDINALS[2..]
}

/// Words that start a count (besides numbers in words and digits).
pub(super) const COUNT_WORDS: &[&str] = &[
    "both",
    "all",
    "every",
    "each",
    "single",
    "sole",
    "lone",
    "only",
    "no",
    "none",
    "neither",
    "several",
    "multiple",
    "many",
    "numerous",
    "various",
    "some",
    "few",
    "couple",
    "pair",
    "handful",
    "dozen",
    "most",
    "majority",
    "another",
    "other",
    "twin",
    "duo",
    "trio",
    "dozens",
    "further",
    "additional",
    "others",
];

/// The words a count phrase cannot do without: every phrase ends at a
/// source noun or a verb of reporting, or is `both` or `all` at the end of
/// a clause (see [`phrase_at`](super::phrase_at)). All are ASCII letters.
fn triggers() -> impl Iterator<Item = &'static str> {
    NOUNS.iter().chain(VERBS).copied().chain(["both", "all"])
}

/// The shortest word of [`triggers`].
const SHORTEST_TRIGGER: usize = 3;

/// The longest word of [`triggers`].
const LONGEST_TRIGGER: usize = 13;

/// [`triggers`] by length, then by first letter.
fn trigger_table() -> &'static [[Vec<&'static str>; 26]] {
    static TABLE: std::sync::OnceLock<Vec<[Vec<&'static str>; 26]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<[Vec<&'static str>; 26]> =
            (0..=LONGEST_TRIGGER).map(|_| Default::default()).collect();
        for t in triggers() {
            table[t.len()][usize::from(t.as_bytes()[0] - b'a')].push(t);
        }
        table
    })
}

/// Whether the run of ASCII letters and digits `run` is a trigger, in any
/// case.
fn is_trigger(run: &[u8]) -> bool {
    let (Some(row), Some(first)) = (trigger_table().get(run.len()), run.first()) else {
        return false;
    };
    let Some(list) = first
        .to_ascii_lowercase()
        .checked_sub(b'a')
        .and_then(|k| row.get(usize::from(k)))
    else {
        return false;
    };
    list.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(run))
}

/// Whether `text` may hold a count phrase; `false` only when it provably
/// holds none. When no letter or digit of `text` lies outside ASCII, a
/// word is ASCII letters and digits joined by `' ’ - ‐ ‑ . ,`, and folding
/// it lowercases its letters (and rewrites only those joiners): a word that
/// folds to a trigger (a possessive `'s` dropped) is the trigger itself, in
/// some case, as a whole run of ASCII letters and digits, for a word starts
/// after a character that is no letter or digit, and a trigger holds no
/// joiner. So such a text without a run that is a trigger has no trigger
/// word and no phrase. Other text is read in full.
pub(super) fn may_hold_count(text: &str) -> bool {
    // One pass over the bytes, each classed by a table; a character outside
    // ASCII is decoded only to ask whether it is a letter or digit (then the
    // text is read in full).
    const ALNUM: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b as u8).is_ascii_alphanumeric();
            b += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !ALNUM[usize::from(b)] {
            if i - start >= SHORTEST_TRIGGER && is_trigger(&bytes[start..i]) {
                return true;
            }
            start = i + 1;
            // The first byte of a character outside ASCII.
            if b >= 0xC0 && text[i..].chars().next().is_some_and(char::is_alphanumeric) {
                return true;
            }
        }
    }
    bytes.len() - start >= SHORTEST_TRIGGER && is_trigger(&bytes[start..])
}
