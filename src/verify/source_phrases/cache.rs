//! What the checks of counts and names keep from one run to the next
//! (serve), under `memo.rs`'s rule: a value is reused only when its whole
//! input is equal to the input it was computed from.

use super::*;
use crate::memo::Memo;
use crate::project::briefing::Briefing;
use std::path::PathBuf;
use std::sync::Arc;

/// The cache of [`check_project`].
#[derive(Default)]
pub struct PhraseCache {
    /// The names the prose may use, with their flags (the input is the
    /// value: a lookup built from its names and flags alone).
    pub(super) names: Memo<(), Arc<Names>, Arc<Names>>,
    /// What the body's headings, tables and markup hold.
    pub(super) body: Memo<(), BodyInput, Arc<BodyFindings>>,
    /// Each prose sentence's [`Reading`], by its place among the sentences.
    pub(super) sentences: Memo<usize, SentenceInput, Arc<Reading>>,
}

impl PhraseCache {
    pub fn new(keep: bool) -> PhraseCache {
        PhraseCache {
            names: Memo::new(keep),
            body: Memo::new(keep),
            sentences: Memo::new(keep),
        }
    }

    pub fn finish_run(&mut self) {
        self.names.finish_run();
        self.body.finish_run();
        self.sentences.finish_run();
    }
}

/// Whether two lookups of names are equal (the same one, or equal ones).
fn same_names(a: &Arc<Names>, b: &Arc<Names>) -> bool {
    Arc::ptr_eq(a, b) || **a == **b
}

/// Everything [`BodyFindings`] are read from.
pub(super) struct BodyInput {
    body: String,
    offset: usize,
    path: PathBuf,
    names: Arc<Names>,
}

impl BodyInput {
    pub(super) fn new(b: &Briefing, names: &Arc<Names>) -> BodyInput {
        BodyInput {
            body: b.body.clone(),
            offset: b.body_offset,
            path: b.title.span.path.clone(),
            names: names.clone(),
        }
    }

    pub(super) fn same(&self, b: &Briefing, names: &Arc<Names>) -> bool {
        self.body == b.body
            && self.offset == b.body_offset
            && self.path == b.title.span.path
            && same_names(&self.names, names)
    }
}

/// The counts in headings and tables, and the markup's counts and names
/// ([`check_markup`]), of the briefing's body.
pub(super) struct BodyFindings {
    pub diags: Vec<Diagnostic>,
}

/// Everything a sentence's [`Reading`] is read from: its text, the text
/// offsets of its references, and the names (its count phrases are
/// `phrases(text)`, a function of the text).
pub(super) struct SentenceInput {
    pub text: String,
    pub at: Vec<usize>,
    pub names: Arc<Names>,
}

impl SentenceInput {
    pub(super) fn same(&self, text: &str, at: &[usize], names: &Arc<Names>) -> bool {
        self.text == text && self.at == at && same_names(&self.names, names)
    }
}
