//! Text algorithms, independent of any project: normalisation, words and
//! sentences, quote matching, near misses, numbers, and suggestions.

pub mod letters;
pub mod near_miss;
pub mod normalize;
pub mod numbers;
pub mod quote_match;
pub mod segment;
pub mod suggest;
