//! Results kept from one run of the pipeline to the next, so that `serve`
//! redoes only the work whose input changed.
//!
//! Every stage takes its part of a [`Cache`], so there is one code path: a
//! run with an empty cache computes everything, and a run with a warm cache
//! reuses what it may. `build` and `check` pass [`Cache::default`], which
//! keeps nothing (a one-off run would only pay for copying its results);
//! `serve` keeps a [`Cache::keeping`] from one rebuild to the next. A value is
//! reused only when its whole input is *equal* to the input it was computed
//! from (compared in full, never by a hash alone), so a reused value is
//! exactly what computing it afresh would give. `tests/testsuite/incremental.rs` checks
//! that, edit after edit, a warm cache gives the same site and the same
//! diagnostics as an empty one.

use crate::hash::HashMap;
use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};

/// Values computed by one function, each under a name (a path, a fact id, a
/// source key) with the input it was computed from.
#[derive(Debug)]
pub struct Memo<N, I, V> {
    entries: HashMap<N, Entry<I, V>>,
    /// The number of the current run.
    run: u64,
    /// Whether [`Memo::put`] stores anything.
    keep: bool,
}

#[derive(Debug)]
struct Entry<I, V> {
    input: I,
    value: V,
    /// The last run that stored or reused the value: set through a shared
    /// reference, so that many values are looked up in parallel
    /// ([`Memo::get`] takes `&self`).
    used: AtomicU64,
}

/// A memo that keeps nothing.
impl<N, I, V> Default for Memo<N, I, V> {
    fn default() -> Self {
        Memo::new(false)
    }
}

impl<N, I, V> Memo<N, I, V> {
    pub fn new(keep: bool) -> Self {
        Memo {
            entries: HashMap::default(),
            run: 0,
            keep,
        }
    }

    pub fn keeps(&self) -> bool {
        self.keep
    }
}

impl<N: Eq + Hash, I, V: Clone> Memo<N, I, V> {
    /// The value stored under `name`, if `same` says its stored input equals
    /// this run's input. Marks the value used by this run, through `&self`:
    /// callers look many names up in parallel.
    pub fn get<Q>(&self, name: &Q, same: impl FnOnce(&I) -> bool) -> Option<V>
    where
        N: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let entry = self.entries.get(name)?;
        if !same(&entry.input) {
            return None;
        }
        entry.used.store(self.run, Ordering::Relaxed);
        Some(entry.value.clone())
    }

    /// The input and value stored under `name`, whatever this run's input
    /// (to compute this run's value from the last one). Does not mark the
    /// value used.
    pub fn last<Q>(&self, name: &Q) -> Option<(&I, &V)>
    where
        N: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.entries
            .get(name)
            .map(|entry| (&entry.input, &entry.value))
    }

    /// [`Memo::get`] for each of `items` (named by `name`), looked up in
    /// parallel: the stored value where `same` says its input equals the
    /// item's, in the order of `items`.
    pub fn get_each<T, Q>(
        &self,
        items: &[T],
        name: impl Fn(&T) -> &Q + Sync,
        same: impl Fn(&T, &I) -> bool + Sync,
    ) -> Vec<Option<V>>
    where
        T: Sync,
        N: Borrow<Q> + Sync,
        I: Sync,
        V: Send + Sync,
        Q: Hash + Eq + ?Sized,
    {
        use rayon::prelude::*;
        items
            .par_iter()
            .map(|item| self.get(name(item), |input| same(item, input)))
            .collect()
    }

    /// Stores a value computed in this run, with its name and input, when
    /// this memo keeps values (`entry` is not called otherwise).
    pub fn put(&mut self, entry: impl FnOnce() -> (N, I, V)) {
        if self.keep {
            let (name, input, value) = entry();
            let used = AtomicU64::new(self.run);
            self.entries.insert(name, Entry { input, value, used });
        }
    }

    /// The stored value if `same` says its input equals this run's input,
    /// else the value `compute` gives, stored under the name and input that
    /// `entry` gives (when this memo keeps values).
    pub fn get_or_compute<Q>(
        &mut self,
        name: &Q,
        same: impl FnOnce(&I) -> bool,
        compute: impl FnOnce() -> V,
        entry: impl FnOnce() -> (N, I),
    ) -> V
    where
        N: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(value) = self.get(name, same) {
            return value;
        }
        let value = compute();
        self.put(|| {
            let (name, input) = entry();
            (name, input, value.clone())
        });
        value
    }

    /// [`Memo::get_or_compute`] for each of `items`, the values computed
    /// in parallel: for each item (named by `name`), the stored value if
    /// `same` says its input equals the item's, else the value `compute`
    /// gives; the computed ones are stored (under the name and input that
    /// `entry` gives) in the order of `items`, and the values returned in
    /// that order.
    pub fn get_or_compute_each<T, Q>(
        &mut self,
        items: &[T],
        name: impl Fn(&T) -> &Q + Sync,
        same: impl Fn(&T, &I) -> bool + Sync,
        compute: impl Fn(&T) -> V + Sync,
        entry: impl Fn(&T) -> (N, I),
    ) -> Vec<V>
    where
        T: Sync,
        N: Sync,
        I: Sync,
        V: Send + Sync,
        N: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        use rayon::prelude::*;
        let hits = self.get_each(items, name, same);
        let values: Vec<(V, bool)> = items
            .par_iter()
            .zip(hits)
            .map(|(item, hit)| match hit {
                Some(value) => (value, true),
                None => (compute(item), false),
            })
            .collect();
        values
            .into_iter()
            .zip(items)
            .map(|((value, hit), item)| {
                if !hit {
                    self.put(|| {
                        let (name, input) = entry(item);
                        (name, input, value.clone())
                    });
                }
                value
            })
            .collect()
    }

    /// Replaces the value stored under `name`, when `was` says it is the
    /// one this caller got or put, by one that stands for it as well (the
    /// caller's contract), keeping the entry's input: for values that later
    /// stages finish, so that the next run reuses the finished one. (`was`
    /// guards against a name given twice in one run, whose entry another
    /// input may have taken since.)
    pub fn replace<Q>(&mut self, name: &Q, was: impl FnOnce(&V) -> bool, value: V)
    where
        N: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(entry) = self.entries.get_mut(name)
            && was(&entry.value)
        {
            entry.value = value;
        }
    }

    /// Marks every entry used by this run: for a memo whose entries went
    /// into another memo's value that this run reuses whole.
    pub fn reuse_all(&mut self) {
        let run = self.run;
        for entry in self.entries.values_mut() {
            *entry.used.get_mut() = run;
        }
    }

    /// Ends a run: entries this run did not store or reuse are dropped.
    pub fn finish_run(&mut self) {
        let run = self.run;
        self.entries.retain(|_, e| *e.used.get_mut() == run);
        self.run += 1;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
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
        let mut m: Memo<String, String, usize> = Memo::new(true);
        assert_eq!(m.get("a", |_| true), None);
        m.put(|| ("a".into(), "one".into(), 1));
        m.finish_run();
        assert_eq!(m.get("a", |i| i == "two"), None);
        m.put(|| ("a".into(), "two".into(), 2));
        assert_eq!(m.get("a", |i| i == "one"), None);
        assert_eq!(m.get("a", |i| i == "two"), Some(2));
        m.finish_run();
        assert_eq!(m.get("a", |i| i == "two"), Some(2));
    }

    #[test]
    fn get_or_compute_computes_only_on_a_miss() {
        let mut m: Memo<&str, u8, u8> = Memo::new(true);
        assert_eq!(m.get_or_compute("a", |i| *i == 1, || 10, || ("a", 1)), 10);
        let hit = m.get_or_compute(
            "a",
            |i| *i == 1,
            || unreachable!("a hit computes nothing"),
            || unreachable!("a hit stores nothing"),
        );
        assert_eq!(hit, 10);
        assert_eq!(m.get_or_compute("a", |i| *i == 2, || 20, || ("a", 2)), 20);
    }

    #[test]
    fn replace_changes_the_value_and_keeps_the_input() {
        let mut m: Memo<&str, u8, u8> = Memo::new(true);
        m.replace("a", |_| true, 5);
        assert!(m.is_empty());
        m.put(|| ("a", 1, 10));
        m.replace("a", |v| *v == 9, 12);
        assert_eq!(m.get("a", |i| *i == 1), Some(10));
        m.replace("a", |v| *v == 10, 11);
        assert_eq!(m.get("a", |i| *i == 1), Some(11));
        assert_eq!(m.get("a", |i| *i == 2), None);
    }

    #[test]
    fn values_looked_up_in_parallel_are_kept_and_the_others_dropped() {
        use rayon::prelude::*;
        let mut m: Memo<usize, usize, usize> = Memo::new(true);
        for k in 0..1000 {
            m.put(|| (k, k, k * 2));
        }
        m.finish_run();
        let memo = &m;
        let got: Vec<Option<usize>> = (0..1000)
            .into_par_iter()
            .map(|k| memo.get(&k, |i| *i == k && k % 3 == 0))
            .collect();
        let want: Vec<Option<usize>> = (0..1000).map(|k| (k % 3 == 0).then_some(k * 2)).collect();
        assert_eq!(got, want);
        m.finish_run();
        assert_eq!(m.len(), 334);
        assert_eq!(m.get(&3, |_| true), Some(6));
        assert_eq!(m.get(&4, |_| true), None);
    }

    #[test]
    fn a_memo_that_does_not_keep_stores_nothing() {
        let mut m: Memo<&str, (), u8> = Memo::default();
        m.put(|| unreachable!("not called"));
        assert!(m.is_empty());
    }

    #[test]
    fn entries_a_run_does_not_use_are_dropped() {
        let mut m: Memo<&str, (), u8> = Memo::new(true);
        m.put(|| ("a", (), 1));
        m.put(|| ("b", (), 2));
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
