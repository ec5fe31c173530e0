//! sourced: a static site generator for sourced briefings.
//!
//! The pipeline is load → verify → render → write, one module per stage,
//! each a plain function over plain data. `check` stops after verify;
//! `build` runs all four. Console output lives in [`cli`] only.

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod hash;
pub mod memo;
pub mod output;
pub mod project;
pub mod render;
pub mod text;
pub mod verify;

/// Version of the verification rules (normalisation, quote matching, numbers):
/// bumped whenever a change can make a project that passed fail or vice versa.
/// 1: the rules before word boundaries; 2: word boundaries, elision limits and
/// numbers with meaning; 3: independent origins, checked source counts and
/// outlet names, conflicts with notes.
pub const RULES_VERSION: u32 = 3;

use diagnostic::{Diagnostic, Files, has_errors, make_strict};
use std::path::Path;
use std::time::Instant;

/// The cache of every stage. Each stage ends by dropping the entries it did
/// not use, so the cache holds no more than one project's worth of results.
#[derive(Default)]
pub struct Cache {
    pub load: crate::project::LoadCache,
    pub verify: crate::verify::VerifyCache,
    pub render: crate::render::RenderCache,
}

impl Cache {
    /// A cache that keeps each run's results for the next run.
    pub fn keeping() -> Cache {
        Cache {
            load: crate::project::LoadCache::new(true),
            verify: crate::verify::VerifyCache::new(true),
            render: crate::render::RenderCache::new(true),
        }
    }
}

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
) -> anyhow::Result<(Outcome, verify::Site, Vec<project::templates::Template>)> {
    let start = Instant::now();
    let (project, mut diagnostics) = project::load(root, &mut cache.load)?;
    let loaded = Instant::now();
    let (site, mut more) = verify::verify(&project, &mut cache.verify);
    let verified = Instant::now();
    diagnostics.append(&mut more);
    if strict {
        make_strict(&mut diagnostics);
    }
    let project::Project {
        files,
        templates,
        manifest,
        seeds,
        facts,
        briefing,
        ..
    } = project;
    drop_later((manifest, seeds, facts, briefing));
    let outcome = Outcome {
        diagnostics,
        files,
        written: 0,
        timings: vec![("load", loaded - start), ("verify", verified - loaded)],
    };
    Ok((outcome, site, templates))
}

/// Drops `value` on another thread: freeing a large project's many small
/// allocations then overlaps with the work that follows (or is skipped when
/// the process ends first). Nothing is observable of a drop but the memory.
pub fn drop_later<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
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
    // Serve answers as soon as this returns: the site's 10,000 facts are
    // freed meanwhile (14 M instructions of a one-claim rebuild at
    // 1,000/10,000).
    drop_later((site, templates));
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
/// own is refused before anything else is done. Each file goes into the
/// staging folder as soon as it is rendered, so the site is never held
/// whole in memory; the staging folder is swapped in only when every file
/// is there, and removed otherwise.
pub fn build(root: &Path, out: &Path, strict: bool) -> anyhow::Result<Outcome> {
    output::check_output(root, out)?;
    let mut cache = Cache::default();
    let (mut outcome, site, templates) = check(root, strict, &mut cache)?;
    if outcome.failed() {
        return Ok(outcome);
    }
    let start = Instant::now();
    let staging = output::Staging::open(root, out)?;
    let rendered = render::render_each(&site, &templates, &mut cache.render, &staging)?;
    outcome.timings.push(("render", start.elapsed()));
    drop_later((site, templates, cache));
    match rendered {
        Ok(()) => {
            let start = Instant::now();
            outcome.written = staging.finish()?;
            outcome.timings.push(("write", start.elapsed()));
        }
        Err(mut diags) => outcome.diagnostics.append(&mut diags),
    }
    Ok(outcome)
}
