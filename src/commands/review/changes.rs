//! What changed in each source between the two sides, and which facts the
//! changes touch.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Changed,
    Added,
    Removed,
}

/// A changed stretch of a seed: byte ranges on both sides, and the word
/// diff shown for it (context included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Region {
    pub(super) old: Range<usize>,
    pub(super) new: Range<usize>,
    pub(super) runs: Vec<(ChangeTag, String)>,
}

/// How a seed's text changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct SeedDiff {
    pub(super) regions: Vec<Region>,
    /// Byte ranges of the new text that this change added.
    pub(super) inserted: Vec<Range<usize>>,
    /// Too large to diff: the whole file counts as changed.
    pub(super) too_large: bool,
}

/// A fact listed under a changed source.
#[derive(Debug, Default, Clone)]
pub(super) struct Mark {
    pub(super) at_base: bool,
    pub(super) at_head: bool,
    /// `seeds/…:line:col` of its quotes near a change, at HEAD (else BASE).
    pub(super) positions: BTreeSet<(usize, usize)>,
}

pub(super) struct SourceChange {
    pub(super) file: String,
    pub(super) kind: Kind,
    pub(super) keys: (Option<String>, Option<String>),
    pub(super) hashes: (Option<String>, Option<String>),
    /// Manifest fields that differ: (field, old, new).
    pub(super) fields: Vec<(&'static str, Option<String>, Option<String>)>,
    pub(super) lines: (usize, usize),
    pub(super) diff: SeedDiff,
    /// The text differs (not only the manifest entry).
    pub(super) text_changed: bool,
    pub(super) facts: BTreeMap<String, Mark>,
}

/// A seed at one revision: its manifest entry and its text.
pub(super) struct SeedAt<'a> {
    pub(super) entry: Option<&'a crate::project::source::ManifestEntry>,
    pub(super) bytes: Option<&'a [u8]>,
}

pub(super) fn seeds_at(project: &Project) -> BTreeMap<&str, SeedAt<'_>> {
    let mut out: BTreeMap<&str, SeedAt> = BTreeMap::new();
    for entry in project.manifest.iter() {
        out.entry(&entry.file.value)
            .or_insert(SeedAt {
                entry: None,
                bytes: None,
            })
            .entry
            .get_or_insert(entry);
    }
    for seed in &project.seeds {
        out.entry(&seed.name)
            .or_insert(SeedAt {
                entry: None,
                bytes: None,
            })
            .bytes = Some(&seed.bytes);
    }
    out
}

pub(super) fn manifest_fields(
    entry: Option<&crate::project::source::ManifestEntry>,
) -> [(&'static str, Option<String>); 5] {
    let v = |t: &crate::project::fact::Text| Some(t.value.clone());
    [
        ("key", entry.and_then(|e| v(&e.key))),
        ("title", entry.and_then(|e| v(&e.title))),
        ("publisher", entry.and_then(|e| v(&e.publisher))),
        ("url", entry.and_then(|e| e.url.as_ref().and_then(v))),
        ("sha256", entry.and_then(|e| v(&e.sha256))),
    ]
}

pub(super) fn line_count(text: &str) -> usize {
    text.lines().count()
}

/// Every seed whose text or manifest entry differs between the sides,
/// sorted by file name, with the facts to re-read.
pub(super) fn source_changes(base: &Side, head: &Side) -> Vec<SourceChange> {
    let (old, new) = (seeds_at(&base.project), seeds_at(&head.project));
    let names: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    let mut changes = Vec::new();
    for name in names {
        let (o, n) = (old.get(name), new.get(name));
        let (ob, nb) = (o.and_then(|s| s.bytes), n.and_then(|s| s.bytes));
        let (oe, ne) = (o.and_then(|s| s.entry), n.and_then(|s| s.entry));
        let fields: Vec<_> = manifest_fields(oe)
            .into_iter()
            .zip(manifest_fields(ne))
            .filter(|(a, b)| a.1 != b.1)
            .map(|((field, a), (_, b))| (field, a, b))
            .collect();
        if ob == nb && fields.is_empty() {
            continue;
        }
        let kind = match (ob, nb) {
            (None, Some(_)) => Kind::Added,
            (Some(_), None) => Kind::Removed,
            _ => Kind::Changed,
        };
        let (ot, nt) = (
            String::from_utf8_lossy(ob.unwrap_or_default()),
            String::from_utf8_lossy(nb.unwrap_or_default()),
        );
        let diff = match kind {
            Kind::Changed if ob != nb => seed_diff(&ot, &nt),
            Kind::Added => SeedDiff {
                inserted: std::iter::once(0..nt.len()).collect(),
                ..SeedDiff::default()
            },
            _ => SeedDiff::default(),
        };
        changes.push(SourceChange {
            file: name.to_string(),
            kind,
            keys: (
                oe.map(|e| e.key.value.clone()),
                ne.map(|e| e.key.value.clone()),
            ),
            hashes: (ob.map(sha256_hex), nb.map(sha256_hex)),
            fields,
            lines: (line_count(&ot), line_count(&nt)),
            diff,
            text_changed: ob != nb,
            facts: BTreeMap::new(),
        });
    }
    for (side, is_head) in [(base, false), (head, true)] {
        mark_facts(side, is_head, &mut changes);
    }
    changes
}

/// The byte range of the whole lines `range` lies on.
pub(super) fn whole_lines(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = range.end.min(text.len());
    let end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    start..end
}

/// Whether `quote` lies in or next to (on a line touched by) a change.
pub(super) fn near_change(q: &SiteQuote, text: &str, change: &SourceChange, is_head: bool) -> bool {
    if !change.text_changed || change.diff.too_large || change.kind != Kind::Changed {
        // Added, removed, too large, or only the manifest entry changed:
        // every quote from it is to be re-read.
        return true;
    }
    q.pieces.iter().any(|p| {
        let lines = whole_lines(text, p);
        change.diff.regions.iter().any(|r| {
            let r = if is_head { &r.new } else { &r.old };
            r.start <= lines.end && lines.start <= r.end
        })
    })
}

/// Whether `quote` needs text that this change added to its seed.
pub(super) fn needs_added_text(q: &SiteQuote, change: &SourceChange) -> bool {
    q.pieces.iter().any(|p| {
        change
            .diff
            .inserted
            .iter()
            .any(|r| p.start < r.end && r.start < p.end)
    })
}

/// The source's text at one side, as verification located quotes in it.
pub(super) fn source_text<'a>(side: &'a Side, key: &str) -> Option<(&'a str, &'a str)> {
    side.site
        .sources
        .iter()
        .find(|s| s.key == key)
        .map(|s| (s.file.as_str(), &*s.text))
}

pub(super) fn mark_facts(side: &Side, is_head: bool, changes: &mut [SourceChange]) {
    for fact in &side.site.facts {
        for q in fact.sources.iter().chain(&fact.conflicts) {
            let Some((file, text)) = source_text(side, &q.source) else {
                continue;
            };
            let Some(change) = changes.iter_mut().find(|c| c.file == file) else {
                continue;
            };
            if !near_change(q, text, change, is_head) {
                continue;
            }
            let mark = change.facts.entry(fact.id.clone()).or_default();
            if is_head {
                if !mark.at_head {
                    mark.positions.clear();
                }
                mark.at_head = true;
            } else {
                mark.at_base = true;
            }
            if is_head || !mark.at_head {
                mark.positions.insert((q.line, q.column));
            }
        }
    }
}

/// Facts at HEAD whose every supporting quote needs text that this change
/// added to a seed.
pub(super) fn supported_only_by_added_text(
    head: &Side,
    changes: &[SourceChange],
) -> BTreeSet<String> {
    head.site
        .facts
        .iter()
        .filter(|f| {
            !f.sources.is_empty()
                && f.sources.iter().all(|q| {
                    source_text(head, &q.source)
                        .and_then(|(file, _)| changes.iter().find(|c| c.file == file))
                        .is_some_and(|c| needs_added_text(q, c))
                })
        })
        .map(|f| f.id.clone())
        .collect()
}
