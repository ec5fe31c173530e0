//! sourced: a static site generator for sourced briefings.
//!
//! The pipeline is load → verify → render → write, one module per stage,
//! each a plain function over plain data. `check` stops after verify;
//! `build` runs all four. Console output lives in [`cli`] only.

pub mod briefing;
pub mod cache;
pub mod cli;
pub mod corpus;
pub mod diagnostic;
pub mod export;
pub mod fact;
pub mod find;
pub mod init;
pub mod load;
pub mod near_miss;
pub mod normalize;
pub mod numbers;
pub mod origins;
pub mod quote_match;
pub mod render;
pub mod review;
pub mod seeds;
pub mod segment;
pub mod serve;
pub mod source;
pub mod source_phrases;
pub mod suggest;
pub mod templates;
pub mod verify;
pub mod write;
mod yaml;

/// Version of the verification rules (normalisation, quote matching, numbers):
/// bumped whenever a change can make a project that passed fail or vice versa.
/// 1: the rules before word boundaries; 2: word boundaries, elision limits and
/// numbers with meaning; 3: independent origins, checked source counts and
/// outlet names, conflicts with notes.
pub const RULES_VERSION: u32 = 3;

pub use cache::Cache;
use diagnostic::{Diagnostic, Files, has_errors, make_strict};
use std::path::Path;
use std::time::Instant;

/// What a run of the pipeline found and did.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// The texts the diagnostics point into.
    pub files: Files,
    /// Files written (0 for `check`, or when verification failed).
    pub written: usize,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
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
    cache: &mut Cache,
) -> anyhow::Result<(Outcome, verify::Site, Vec<templates::Template>)> {
    let start = Instant::now();
    let (project, mut diagnostics) = load::load(root, &mut cache.load)?;
    let loaded = Instant::now();
    let (site, mut more) = verify::verify(&project, &mut cache.verify);
    let verified = Instant::now();
    diagnostics.append(&mut more);
    if strict {
        make_strict(&mut diagnostics);
    }
    let outcome = Outcome {
        diagnostics,
        files: project.files,
        written: 0,
        timings: vec![("load", loaded - start), ("verify", verified - loaded)],
    };
    Ok((outcome, site, project.templates))
}

/// Load, verify and render, without writing: the files of the site, or
/// `None` when verification or rendering failed. `build` writes them, with
/// an empty cache; `serve` serves them from memory, and keeps its cache from
/// one rebuild to the next.
pub fn render_project(
    root: &Path,
    strict: bool,
    cache: &mut Cache,
) -> anyhow::Result<(Outcome, Option<Vec<render::OutputFile>>)> {
    let (mut outcome, site, templates) = check(root, strict, cache)?;
    if outcome.failed() {
        return Ok((outcome, None));
    }
    let start = Instant::now();
    let rendered = render::render(&site, &templates, &mut cache.render);
    outcome.timings.push(("render", start.elapsed()));
    match rendered {
        Ok(files) => Ok((outcome, Some(files))),
        Err(mut diags) => {
            outcome.diagnostics.append(&mut diags);
            Ok((outcome, None))
        }
    }
}

/// Load, verify, render and write. Nothing is written unless verification
/// and rendering both succeed, and an output folder that is not sourced's
/// own is refused before anything else is done.
pub fn build(root: &Path, out: &Path, strict: bool) -> anyhow::Result<Outcome> {
    write::check_output(root, out)?;
    let (mut outcome, files) = render_project(root, strict, &mut Cache::default())?;
    if let Some(files) = files {
        let start = Instant::now();
        outcome.written = write::write_site(root, out, &files)?;
        outcome.timings.push(("write", start.elapsed()));
    }
    Ok(outcome)
}
