//! sourced: a static site generator for sourced briefings.
//!
//! The pipeline is load → verify → render → write, one module per stage,
//! each a plain function over plain data. `check` stops after verify;
//! `build` runs all four. Console output lives in [`cli`] only.

pub mod briefing;
pub mod cli;
pub mod diagnostic;
pub mod export;
pub mod fact;
pub mod load;
pub mod near_miss;
pub mod normalize;
pub mod numbers;
pub mod quote_match;
pub mod render;
pub mod source;
pub mod suggest;
pub mod templates;
pub mod verify;
pub mod write;
mod yaml;

use diagnostic::{Diagnostic, Files, has_errors, make_strict};
use std::path::Path;

/// What a run of the pipeline found and did.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// The texts the diagnostics point into.
    pub files: Files,
    /// Files written (0 for `check`, or when verification failed).
    pub written: usize,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        has_errors(&self.diagnostics)
    }
}

/// Load and verify. Writes nothing.
pub fn check(
    root: &Path,
    strict: bool,
) -> anyhow::Result<(Outcome, verify::Site, Vec<templates::Template>)> {
    let (project, mut diagnostics) = load::load(root)?;
    let (site, mut more) = verify::verify(&project);
    diagnostics.append(&mut more);
    if strict {
        make_strict(&mut diagnostics);
    }
    let outcome = Outcome {
        diagnostics,
        files: project.files,
        written: 0,
    };
    Ok((outcome, site, project.templates))
}

/// Load, verify, render and write. Nothing is written unless verification
/// and rendering both succeed.
pub fn build(root: &Path, out: &Path, strict: bool) -> anyhow::Result<Outcome> {
    let (mut outcome, site, templates) = check(root, strict)?;
    if outcome.failed() {
        return Ok(outcome);
    }
    match render::render(&site, &templates) {
        Ok(files) => {
            write::write_site(out, &files)?;
            outcome.written = files.len();
        }
        Err(mut diags) => outcome.diagnostics.append(&mut diags),
    }
    Ok(outcome)
}
