//! Stable sorting through one shared routine.
//!
//! Why not call `slice::sort_by` directly: every call with its own closure
//! makes the compiler emit a whole copy of the standard library's sort (about
//! 3 KB of WebAssembly each), and the page had nineteen of them. Here the
//! comparison goes through a `dyn` callback over indices, so the sort itself
//! exists once; the callers keep their natural `sort_by(&mut v, |a, b| ...)`
//! shape. The cost is one index vector per sort, nothing next to a page's
//! budget; the result is exactly `slice::sort_by`'s (stable).

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`, like `v.sort_by(compare)`.
///
/// ```
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c')];
/// gapcast_core::sort::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| compare(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` stably by a key, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one instance of the standard sort the crate uses.
#[inline(never)]
fn sort_indices(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v;
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sort_by_key_orders_by_the_key() {
        let mut v = vec!["ccc", "a", "bb"];
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["a", "bb", "ccc"]);
    }
}
