//! What a prose sentence says, read once and bound to the cited facts on
//! every run: serve keeps each sentence's [`Reading`] while its text, the
//! places of its references and the names the prose may use are unchanged,
//! and redoes only the binding, which reads the facts.

use super::*;

/// The names the prose may use for sources and origins
/// ([`Origins::prose_names`]), each with whether it is a seed's name
/// ([`Origins::named`]), and the lookup [`mentions_in`] reads them by.
#[derive(Debug)]
pub struct Names {
    /// Each name, folded, in order, with whether it names a seed.
    list: Vec<(String, bool)>,
    /// The names as folded words, by their first word, longest first (so
    /// that `Wire Service` is read before `Wire`), each with its folded
    /// form and whether it names a seed.
    pub(super) by_first: HashMap<String, Vec<(Vec<String>, String, bool)>>,
}

/// Two lookups are equal when their names and flags are: the lookup is
/// built from them alone.
impl PartialEq for Names {
    fn eq(&self, other: &Names) -> bool {
        self.list == other.list
    }
}

impl Names {
    /// Each of `names` with whether `origins` takes it for a seed.
    pub fn flags(origins: &Origins, names: &BTreeSet<String>) -> Vec<(String, bool)> {
        names
            .iter()
            .map(|n| (n.clone(), origins.named(n).0.is_some()))
            .collect()
    }

    pub fn new(list: Vec<(String, bool)>) -> Names {
        let mut by_first: HashMap<String, Vec<(Vec<String>, String, bool)>> = HashMap::default();
        for (n, seed) in &list {
            let ws: Vec<String> = words(n).into_iter().map(|w| w.lower.into_owned()).collect();
            if let Some(first) = ws.first() {
                by_first
                    .entry(first.clone())
                    .or_default()
                    .push((ws, n.clone(), *seed));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
        Names { list, by_first }
    }

    /// Whether these are the names and flags of `list`.
    pub fn is(&self, list: &[(String, bool)]) -> bool {
        self.list == list
    }
}

/// What a prose sentence says, before it is bound to the facts it cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Whether each count phrase disputes (empty when the sentence cites
    /// nothing: its counts are refused without being read).
    pub disputing: Vec<bool>,
    /// Names of sources and origins, as (range, folded name) (empty when
    /// the sentence cites nothing: it has its own warning).
    pub mentions: Vec<(Range<usize>, String)>,
    /// The hidden characters of the text, with their byte offsets.
    pub hidden: Vec<(usize, char)>,
}

/// Groups of references written side by side, as (text offset, ids), in
/// order.
pub(super) fn groups<'a>(refs: &[(usize, &'a str)]) -> Vec<(usize, Vec<&'a str>)> {
    let mut groups: Vec<(usize, Vec<&str>)> = Vec::new();
    for (at, id) in refs {
        match groups.last_mut() {
            Some((g, ids)) if *g == *at => ids.push(id),
            _ => groups.push((*at, vec![id])),
        }
    }
    groups
}

/// Reads a prose sentence: `text` is what the reader sees, `found` is
/// `phrases(text)` and `at` the text offset of each of its references, in
/// order. The result depends on these and on `names` alone.
pub fn read_sentence(names: &Names, text: &str, found: &[Phrase], at: &[usize]) -> Reading {
    let hidden = text
        .char_indices()
        .filter(|&(_, c)| crate::verify::hidden_char(c))
        .collect();
    if at.is_empty() {
        return Reading {
            disputing: Vec::new(),
            mentions: Vec::new(),
            hidden,
        };
    }
    let refs: Vec<(usize, &str)> = at.iter().map(|&a| (a, "")).collect();
    let groups = groups(&refs);
    // A phrase's clause ends at the group of references it binds to.
    let limit = |end: usize| {
        groups
            .iter()
            .find(|(at, _)| *at >= end)
            .map_or(text.len(), |g| g.0)
    };
    let disputing = found
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let next = found.get(n + 1).map_or(text.len(), |q| q.range.start);
            disputes(p, text, limit(p.range.end).min(next))
        })
        .collect();
    Reading {
        disputing,
        mentions: mentions_in(names, text, &words(text)),
        hidden,
    }
}
