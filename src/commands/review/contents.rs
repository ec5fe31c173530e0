//! The content files of each side, and which of them could not be read.

use super::*;

/// A fact's content as compared: everything an editor wrote, not where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Content {
    pub(super) claim: String,
    pub(super) note: Option<String>,
    pub(super) quotes: Vec<(String, String)>,
    pub(super) conflicts: Vec<(String, String, String)>,
    pub(super) status: Status,
    pub(super) sources: usize,
    /// Sources and independent origins, as the note's badge gives them.
    pub(super) badge: String,
    /// The fact file, relative to the project.
    pub(super) file: String,
}

impl Content {
    pub(super) fn same(&self, other: &Content) -> bool {
        Content {
            file: String::new(),
            ..self.clone()
        } == Content {
            file: String::new(),
            ..other.clone()
        }
    }
}

pub(super) fn relative_path(path: &Path, root: &Path) -> String {
    display_path(path.strip_prefix(root).unwrap_or(path))
}

pub(super) fn contents(side: &Side) -> BTreeMap<String, Content> {
    side.project
        .facts
        .iter()
        .zip(&side.site.facts)
        .map(|(f, s): (&std::sync::Arc<Fact>, _)| {
            (
                f.id.value.clone(),
                Content {
                    claim: f.claim.value.clone(),
                    note: f.note.as_ref().map(|n| n.value.clone()),
                    quotes: f
                        .sources
                        .iter()
                        .map(|c| (c.source.value.clone(), c.quote.value.clone()))
                        .collect(),
                    conflicts: f
                        .conflicts
                        .iter()
                        .map(|c| {
                            (
                                c.source.value.clone(),
                                c.quote.value.clone(),
                                c.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                            )
                        })
                        .collect(),
                    status: s.status,
                    sources: s.corroboration,
                    badge: crate::verify::origins::badge(&s.counts),
                    file: relative_path(&f.id.span.path, &side.root),
                },
            )
        })
        .collect()
}

/// Fact files that could not be read at this side (an error points into
/// the file and no fact came from it), with the first error's message.
pub(super) fn unreadable_files(
    side: &Side,
    facts: &BTreeMap<String, Content>,
) -> BTreeMap<String, String> {
    let with_facts: BTreeSet<&str> = facts.values().map(|c| c.file.as_str()).collect();
    let mut out = BTreeMap::new();
    for d in &side.diagnostics {
        let Some(span) = &d.span else { continue };
        let file = relative_path(&span.path, &side.root);
        if d.severity == Severity::Error
            && file.starts_with(&format!("{}/", project::FACTS_DIR))
            && !with_facts.contains(file.as_str())
        {
            let (_, at) = relative(d, &side.root, &side.project.files);
            let at = if at.is_empty() { file.clone() } else { at };
            out.entry(file)
                .or_insert_with(|| format!("{}: {}", code(&at), md(&d.message)));
        }
    }
    out
}
