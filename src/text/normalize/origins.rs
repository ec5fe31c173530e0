//! The map from each byte of a normalised text back to the original, kept
//! as runs instead of one offset per byte.
//!
//! Almost all of a seed is copied as it is, so the offsets mostly count up
//! one by one; they jump where whitespace is collapsed or a character is
//! folded, and stand still over the bytes that one character of the
//! original became (`…` → `...`). A run is a stretch of bytes whose offsets
//! either count up by one (`Step`) or all equal (`Same`). At 1,000 seeds of
//! 8 KB each this is about 1 MB instead of 32 MB of `u32`s.
//!
//! The runs are the greedy, maximal ones: each byte extends the last run if
//! it can, and a run of one byte takes its kind from the byte that extends
//! it. So one map always has one list of runs, and two lists are equal
//! exactly when the maps are.

/// How the offsets go on within a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One byte so far: either kind.
    One,
    /// Byte `at + k` comes from offset `origin + k`.
    Step,
    /// Every byte comes from `origin`.
    Same,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// The normalised offset of the run's first byte.
    at: u32,
    /// The original offset of that byte.
    origin: u32,
    kind: Kind,
}

/// The original offset of every normalised byte (and of the end), as runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Origins {
    runs: Vec<Run>,
    /// How many bytes are mapped.
    len: u32,
}

impl Origins {
    /// Maps the next byte to original offset `origin`.
    pub(super) fn push(&mut self, origin: u32) {
        let at = self.len;
        self.len += 1;
        if let Some(last) = self.runs.last_mut() {
            let next = last.origin + (at - last.at);
            match last.kind {
                Kind::One if origin == last.origin => return last.kind = Kind::Same,
                Kind::One | Kind::Step if origin == next => return last.kind = Kind::Step,
                Kind::Same if origin == last.origin => return,
                _ => {}
            }
        }
        self.runs.push(Run {
            at,
            origin,
            kind: Kind::One,
        });
    }

    /// Maps the next `len` bytes to `origin`, `origin + 1`, …
    pub(super) fn push_step(&mut self, origin: u32, len: u32) {
        // After three bytes the last run counts up through the last two of
        // them, so it goes on counting up over the rest.
        for k in 0..len.min(3) {
            self.push(origin + k);
        }
        self.len += len.saturating_sub(3);
    }

    /// Maps the next `len` bytes all to `origin`.
    pub(super) fn push_same(&mut self, origin: u32, len: usize) {
        for _ in 0..len {
            self.push(origin);
        }
    }

    /// The original offset of normalised byte `i`. Panics past the end, as
    /// indexing would.
    pub(super) fn get(&self, i: usize) -> u32 {
        assert!(i < self.len as usize, "offset {i} past the end of the map");
        let k = self.runs.partition_point(|r| r.at as usize <= i) - 1;
        let run = self.runs[k];
        match run.kind {
            Kind::Same => run.origin,
            Kind::One | Kind::Step => run.origin + (i as u32 - run.at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A piece of a map: `len` bytes from `origin` on, counting up or not.
    fn pieces() -> impl Strategy<Value = Vec<(u32, u32, bool)>> {
        // Small offsets, so that pieces often continue or repeat each other.
        prop::collection::vec((0u32..12, 0u32..6, any::<bool>()), 0..24)
    }

    /// The map of `pieces` pushed in pieces, pushed byte by byte, and as a
    /// plain list of one offset per byte.
    fn three_ways(pieces: &[(u32, u32, bool)]) -> (Origins, Origins, Vec<u32>) {
        let (mut pieced, mut bytes, mut list) = (Origins::default(), Origins::default(), vec![]);
        for &(origin, len, step) in pieces {
            let piece: Vec<u32> = if step {
                pieced.push_step(origin, len);
                (origin..origin + len).collect()
            } else {
                pieced.push_same(origin, len as usize);
                vec![origin; len as usize]
            };
            piece.iter().for_each(|&o| bytes.push(o));
            list.extend(piece);
        }
        (pieced, bytes, list)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The runs give the offset of every byte as a plain list of one
        /// offset per byte does.
        #[test]
        fn runs_map_every_byte_as_a_list_does(pieces in pieces()) {
            let (runs, _, list) = three_ways(&pieces);
            prop_assert_eq!(runs.len as usize, list.len());
            for (i, &o) in list.iter().enumerate() {
                prop_assert_eq!(runs.get(i), o, "byte {}", i);
            }
        }

        /// Equal maps have equal runs however they were pushed: byte by byte
        /// or in pieces.
        #[test]
        fn one_map_has_one_list_of_runs(pieces in pieces()) {
            let (pieced, bytes, _) = three_ways(&pieces);
            prop_assert_eq!(pieced, bytes);
        }
    }

    #[test]
    fn a_byte_past_the_end_panics() {
        let mut o = Origins::default();
        o.push_step(5, 2);
        assert_eq!((o.get(0), o.get(1)), (5, 6));
        assert!(std::panic::catch_unwind(|| o.get(2)).is_err());
    }
}
