//! Results kept from one run of the pipeline to the next, so that `serve`
//! redoes only the work whose input changed.
//!
//! Every stage takes its part of a [`Cache`]. `build` and `check` pass a new,
//! empty one, so there is one code path: a run with an empty cache computes
//! everything, and a run with a warm cache reuses what it may. A value is
//! reused only when its whole input is *equal* to the input it was computed
//! from (compared in full, never by a hash alone), so a reused value is
//! exactly what computing it afresh would give. `tests/incremental.rs` checks
//! that, edit after edit, a warm cache gives the same site and the same
//! diagnostics as an empty one.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// The cache of every stage. Each stage ends by dropping the entries it did
/// not use, so the cache holds no more than one project's worth of results.
#[derive(Default)]
pub struct Cache {
    pub load: crate::load::LoadCache,
    pub verify: crate::verify::VerifyCache,
    pub render: crate::render::RenderCache,
}

/// Values computed by one function, each under a name (a path, a fact id, a
/// source key) with the input it was computed from.
#[derive(Debug)]
pub struct Memo<N, I, V> {
    /// Entries from the previous run, not yet asked for by this one.
    previous: HashMap<N, (I, V)>,
    /// Entries asked for or computed in this run.
    current: HashMap<N, (I, V)>,
}

impl<N, I, V> Default for Memo<N, I, V> {
    fn default() -> Self {
        Memo {
            previous: HashMap::new(),
            current: HashMap::new(),
        }
    }
}

impl<N: Eq + Hash, I, V: Clone> Memo<N, I, V> {
    /// The value stored under `name`, if `same` says its stored input equals
    /// this run's input.
    pub fn get<Q>(&mut self, name: &Q, same: impl FnOnce(&I) -> bool) -> Option<V>
    where
        N: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some((input, value)) = self.current.get(name) {
            return same(input).then(|| value.clone());
        }
        let (key, (input, value)) = self.previous.remove_entry(name)?;
        if !same(&input) {
            return None;
        }
        let out = value.clone();
        self.current.insert(key, (input, value));
        Some(out)
    }

    /// Stores a value computed in this run.
    pub fn put(&mut self, name: N, input: I, value: V) {
        self.current.insert(name, (input, value));
    }

    /// Ends a run: entries this run did not ask for are dropped.
    pub fn finish_run(&mut self) {
        let capacity = self.current.len();
        self.previous = std::mem::replace(&mut self.current, HashMap::with_capacity(capacity));
    }

    /// Drops every entry.
    pub fn clear(&mut self) {
        self.previous.clear();
        self.current.clear();
    }

    pub fn len(&self) -> usize {
        self.previous.len() + self.current.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_reused_only_for_an_equal_input() {
        let mut m: Memo<String, String, usize> = Memo::default();
        assert_eq!(m.get("a", |_| true), None);
        m.put("a".into(), "one".into(), 1);
        m.finish_run();
        assert_eq!(m.get("a", |i| i == "two"), None);
        // A mismatch drops the stale entry.
        assert_eq!(m.get("a", |i| i == "one"), None);
        m.put("a".into(), "two".into(), 2);
        assert_eq!(m.get("a", |i| i == "two"), Some(2));
        m.finish_run();
        assert_eq!(m.get("a", |i| i == "two"), Some(2));
    }

    #[test]
    fn entries_a_run_does_not_use_are_dropped() {
        let mut m: Memo<&str, (), u8> = Memo::default();
        m.put("a", (), 1);
        m.put("b", (), 2);
        m.finish_run();
        assert_eq!(m.get("a", |_| true), Some(1));
        m.finish_run();
        assert_eq!(m.len(), 1);
        assert_eq!(m.get("b", |_| true), None);
        // Asked twice in one run, a name gives the same value.
        assert_eq!(m.get("a", |_| true), Some(1));
        assert_eq!(m.get("a", |_| true), Some(1));
    }
}
