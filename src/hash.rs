//! The hash maps and sets of sourced: std's, with foldhash's hasher instead
//! of SipHash. Keys are fact ids, source keys, names and paths; SipHash
//! spent about a fifth of a one-claim rebuild of a 1,000-source,
//! 10,000-fact project hashing them (see README, "Dependencies added for
//! speed"). foldhash seeds each map at random, as std does, so no output
//! may depend on a map's order, as before.

/// A `HashMap` hashed by foldhash. Make one with `HashMap::default()`.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` hashed by foldhash. Make one with `HashSet::default()`.
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
