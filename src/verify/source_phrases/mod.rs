//! What the prose says about its sources: counts ("two sources", "all
//! five", "the only source") and outlet names ("Scout says", "according to
//! CNBC"), checked against the facts a sentence cites (README, "Counts and
//! names in the prose").
//!
//! A phrase binds to the first group of references after it in the same
//! sentence (`[^a][^b]` written side by side), else to every fact the
//! sentence cites. A count must hold for **each** bound fact; a name must be
//! the source, or the origin, of a quote of **some** bound fact.

use super::SiteFact;
use super::origins::{Counts, Origins};
use crate::diagnostic::{Diagnostic, Span};
use crate::hash::HashMap;
use std::collections::BTreeSet;
use std::ops::Range;

mod binding;
mod cache;
mod markup;
mod names;
mod phrases;
mod project;
mod reading;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_hedges;
#[cfg(test)]
mod tests_prefilter;
#[cfg(test)]
mod tests_reading;
#[cfg(test)]
mod tests_reading_old;
mod vocabulary;
mod words;

pub use binding::*;
pub use cache::*;
use markup::*;
pub use markup::{Markup, TABLE, read_markup};
use names::*;
pub use phrases::*;
pub use project::*;
pub use reading::*;
pub use vocabulary::*;
pub use words::*;
