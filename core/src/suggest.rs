//! "Did you mean": the known name a typo most likely meant (docs/reference.md#suggestions).
//!
//! The rule, for node ids, capabilities and presets alike:
//! 1. the name at the smallest Levenshtein distance, if at most 2 (the first
//!    in catalog order among ties);
//! 2. failing that, the name equal to the typo ignoring ASCII case;
//! 3. failing that, the only name whose last dotted segment equals the typo;
//! 4. otherwise none.
//!
//! The work is bounded: names are bucketed by length, the distance is a
//! banded computation that stops once it exceeds 2, and every step is paid
//! from a [`Budget`] of at most [`STEPS_PER_NAME`](crate::limits::STEPS_PER_NAME) per unknown name and
//! [`STEPS_PER_DOCUMENT`](crate::limits::STEPS_PER_DOCUMENT) per parse. When the budget runs out before rule 1
//! has looked at every candidate, there is no suggestion: a suggestion is
//! never one the rule would not give, it may only be missing.

use crate::limits::{STEPS_PER_DOCUMENT, STEPS_PER_NAME};
use rustc_hash::FxHashMap;

/// The largest distance a suggestion may be at.
const MAX_DISTANCE: usize = 2;

/// Steps left to spend on suggestions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    left: usize,
}

impl Budget {
    /// The budget of one parse (a document or a whole export).
    pub(crate) fn document() -> Budget {
        Budget {
            left: STEPS_PER_DOCUMENT,
        }
    }

    /// The budget of a single query.
    pub(crate) fn query() -> Budget {
        Budget { left: STEPS_PER_NAME }
    }

    #[cfg(test)]
    pub(crate) fn steps(left: usize) -> Budget {
        Budget { left }
    }
}

/// Where the known names are: by position in catalog order, and by exact
/// name. The catalog owns them; [`Names`] only indexes them.
pub(crate) trait Known {
    /// The name at a position in catalog order.
    fn name_at(&self, position: usize) -> Option<&str>;
    /// The position of a name, if known.
    fn position_of(&self, name: &str) -> Option<usize>;
}

/// An index of known names, built once per catalog so that each lookup is
/// bounded. It holds positions and last segments, not the names themselves.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Names {
    /// `(length in characters, position)`, sorted: the candidates of one
    /// length are a contiguous run.
    by_length: Vec<(u32, u32)>,
    /// Last segment → the position of the only name ending with it, or
    /// `None` when several do.
    last_segments: FxHashMap<Box<str>, Option<u32>>,
}

impl Names {
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Names {
        let mut out = Names::default();
        for (i, name) in names.into_iter().enumerate() {
            let position = i as u32;
            let chars = name.chars().count() as u32;
            out.by_length.push((chars, position));
            let last = name.rsplit('.').next().unwrap_or(name);
            out.last_segments
                .entry(last.into())
                .and_modify(|only| *only = None)
                .or_insert(Some(position));
        }
        out.by_length.sort_unstable();
        out
    }

    /// The suggestion for `typo` among `known`, paid from `budget`.
    pub(crate) fn suggest(&self, known: &impl Known, typo: &str, budget: &mut Budget) -> Option<String> {
        let start = budget.left.min(STEPS_PER_NAME);
        let mut allowance = start;
        let nearest = self.nearest(known, typo, &mut allowance);
        budget.left -= start - allowance;
        let position = match nearest {
            Lookup::Found(p) => Some(p as usize),
            Lookup::GaveUp => None,
            Lookup::None => same_ignoring_case(known, typo).or_else(|| self.only_last_segment(typo)),
        }?;
        known.name_at(position).map(str::to_string)
    }

    fn nearest(&self, known: &impl Known, typo: &str, allowance: &mut usize) -> Lookup {
        // A typo longer than every name by more than 2 has no candidate:
        // say so before copying it.
        let longest = self.by_length.last().map_or(0, |&(l, _)| l as usize);
        if typo.chars().count() > longest + MAX_DISTANCE {
            return Lookup::None;
        }
        let typo: Vec<char> = typo.chars().collect();
        let len = typo.len();
        let lowest = len.saturating_sub(MAX_DISTANCE);
        let Ok(highest) = u32::try_from(len + MAX_DISTANCE) else {
            return Lookup::None;
        };
        let Ok(lowest) = u32::try_from(lowest) else {
            return Lookup::None;
        };
        let from = self.by_length.partition_point(|&(l, _)| l < lowest);
        let to = self.by_length.partition_point(|&(l, _)| l <= highest);
        let mut best: Option<(usize, u32)> = None;
        let mut rows = Rows::default();
        let mut candidate = Vec::new();
        for &(_, position) in self.by_length.get(from..to).unwrap_or(&[]) {
            let Some(name) = known.name_at(position as usize) else {
                continue;
            };
            candidate.clear();
            candidate.extend(name.chars());
            let Some(distance) = rows.bounded_distance(&typo, &candidate, allowance) else {
                if *allowance == 0 {
                    return Lookup::GaveUp;
                }
                continue;
            };
            if best.is_none_or(|b| (distance, position) < b) {
                best = Some((distance, position));
            }
        }
        best.map_or(Lookup::None, |(_, p)| Lookup::Found(p))
    }

    fn only_last_segment(&self, typo: &str) -> Option<usize> {
        self.last_segments
            .get(typo)
            .copied()
            .flatten()
            .map(|p| p as usize)
    }
}

/// Known names are lowercase ASCII, so "equal ignoring case" is ASCII case:
/// a Kelvin sign or a dotless i is not a letter of an id.
fn same_ignoring_case(known: &impl Known, typo: &str) -> Option<usize> {
    if !typo.is_ascii() || typo.len() > crate::limits::MAX_ID_BYTES {
        return None;
    }
    known.position_of(&typo.to_ascii_lowercase())
}

enum Lookup {
    Found(u32),
    None,
    GaveUp,
}

/// Two reusable rows of the distance table.
#[derive(Default)]
struct Rows {
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl Rows {
    /// The Levenshtein distance of `a` and `b` if it is at most 2, else
    /// `None`. Only the cells within 2 of the diagonal are computed, and the
    /// computation stops as soon as a whole row exceeds 2. Each cell costs a
    /// step of `allowance` (and each candidate at least one); `None` too when
    /// the allowance runs out.
    fn bounded_distance(&mut self, a: &[char], b: &[char], allowance: &mut usize) -> Option<usize> {
        const K: usize = MAX_DISTANCE;
        const FAR: usize = K + 1;
        let (n, m) = (a.len(), b.len());
        if *allowance == 0 {
            return None;
        }
        *allowance -= 1;
        if n.abs_diff(m) > K {
            return None;
        }
        let (previous, current) = (&mut self.previous, &mut self.current);
        previous.clear();
        previous.extend((0..=m).map(|j| j.min(FAR)));
        current.clear();
        current.resize(m + 1, FAR);
        for i in 1..=n {
            let low = i.saturating_sub(K).max(1);
            let high = (i + K).min(m);
            let cells = (high + 1).saturating_sub(low);
            if cells > *allowance {
                *allowance = 0;
                return None;
            }
            *allowance -= cells;
            let first = i.min(FAR);
            *current.get_mut(0)? = first;
            let mut row_min = if low == 1 { first } else { FAR };
            if low > 1 {
                *current.get_mut(low - 1)? = FAR;
            }
            let ca = *a.get(i - 1)?;
            for j in low..=high {
                let cb = *b.get(j - 1)?;
                let substitution = previous.get(j - 1)? + usize::from(ca != cb);
                let deletion = previous.get(j)? + 1;
                let insertion = current.get(j - 1)? + 1;
                let cell = substitution.min(deletion).min(insertion).min(FAR);
                *current.get_mut(j)? = cell;
                row_min = row_min.min(cell);
            }
            if let Some(right) = current.get_mut(high + 1) {
                *right = FAR;
            }
            if row_min > K {
                return None;
            }
            std::mem::swap(previous, current);
        }
        let distance = *previous.get(m)?;
        (distance <= K).then_some(distance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn full(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut current = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                current[j + 1] = (previous[j] + usize::from(ca != cb))
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1);
            }
            previous = current;
        }
        previous[b.len()]
    }

    fn bounded(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut allowance = usize::MAX;
        Rows::default().bounded_distance(&a, &b, &mut allowance)
    }

    struct List(Vec<String>);

    impl Known for List {
        fn name_at(&self, position: usize) -> Option<&str> {
            self.0.get(position).map(String::as_str)
        }
        fn position_of(&self, name: &str) -> Option<usize> {
            self.0.iter().position(|n| n == name)
        }
    }

    fn list(names: &[&str]) -> (List, Names) {
        let known = List(names.iter().map(|n| n.to_string()).collect());
        let names = Names::new(names.iter().copied());
        (known, names)
    }

    fn suggest(names: &[&str], typo: &str) -> Option<String> {
        let (known, names) = list(names);
        names.suggest(&known, typo, &mut Budget::query())
    }

    #[test]
    fn distance_counts_scalar_values() {
        assert_eq!(bounded("", ""), Some(0));
        assert_eq!(bounded("kitten", "sitting"), None);
        assert_eq!(full("kitten", "sitting"), 3);
        assert_eq!(bounded("knowlege", "knowledge"), Some(1));
        assert_eq!(bounded("é", "e"), Some(1));
        assert_eq!(bounded("", "ab"), Some(2));
        assert_eq!(bounded("ab", "ba"), Some(2));
        assert_eq!(bounded("abc", ""), None);
    }

    proptest! {
        #[test]
        fn the_banded_distance_is_the_distance_up_to_2(a in "[ab\u{e9}]{0,9}", b in "[ab\u{e9}]{0,9}") {
            let d = full(&a, &b);
            prop_assert_eq!(bounded(&a, &b), (d <= 2).then_some(d));
        }
    }

    #[test]
    fn nearest_prefers_smallest_then_first() {
        let names = ["tools", "flows", "voice"];
        assert_eq!(suggest(&names, "tool"), Some("tools".into()));
        assert_eq!(suggest(&names, "xlows"), Some("flows".into()));
        // "toice" is 1 from voice and 3 from tools.
        assert_eq!(suggest(&names, "toice"), Some("voice".into()));
        // Ties go to the first in catalog order, whatever the length order:
        // "fools" is 1 from tools and flows.
        assert_eq!(suggest(&names, "fools"), Some("tools".into()));
        assert_eq!(suggest(&["abcd", "abc"], "abce"), Some("abcd".into()));
        assert_eq!(suggest(&["abc", "abcd"], "abce"), Some("abc".into()));
        assert_eq!(suggest(&names, "widgets"), None);
        assert_eq!(suggest(&names, &"x".repeat(1_000_000)), None);
        assert_eq!(suggest(&names, "toolsxx"), Some("tools".into()));
        assert_eq!(suggest(&names, "toolsxxx"), None);
    }

    #[test]
    fn then_case_then_the_only_last_segment() {
        let names = [
            "knowledge",
            "knowledge.faqs",
            "analytics",
            "analytics.kpis",
            "voice.agent",
            "tools.agent",
        ];
        // Four letters differ in case: too far by distance, equal ignoring case.
        assert_eq!(suggest(&names, "Knowledge.FAQs"), Some("knowledge.faqs".into()));
        assert_eq!(suggest(&names, "ANALYTICS.KPIS"), Some("analytics.kpis".into()));
        // A unique last segment.
        assert_eq!(suggest(&names, "faqs"), Some("knowledge.faqs".into()));
        assert_eq!(suggest(&names, "kpis"), Some("analytics.kpis".into()));
        // Distance wins over the last segment.
        assert_eq!(
            suggest(&["tools", "knowledge.tool"], "tool"),
            Some("tools".into())
        );
        // Two ids end in `agent`: no suggestion.
        assert_eq!(suggest(&names, "agent"), None);
        // The segment rule is exact, not case-insensitive.
        assert_eq!(suggest(&names, "FAQS"), None);
        // Case is ASCII only: a Kelvin sign is not a `k`.
        assert_eq!(suggest(&names, "\u{212a}NOWLEDGE.FAQS"), None);
        // Distance first, then catalog order: `Knowledge` is 1 from both, so
        // the first wins even though the second is equal ignoring case.
        assert_eq!(
            suggest(&["nowledge", "knowledge"], "Knowledge"),
            Some("nowledge".into())
        );
    }

    #[test]
    fn a_document_budget_is_shared_and_bounded() {
        let known = List((0..500).map(|j| format!("node{j:08}")).collect());
        let names = Names::new(known.0.iter().map(String::as_str));
        let mut budget = Budget::document();
        let mut found = 0;
        for j in 0..45_000 {
            if names
                .suggest(&known, &format!("nodf{j:08}"), &mut budget)
                .is_some()
            {
                found += 1;
            }
        }
        assert_eq!(budget.left, 0);
        // Every suggestion made before the budget ran out was the right one.
        assert!(found > 0 && found < 45_000, "{found}");
        let mut budget = Budget::document();
        assert_eq!(
            names.suggest(&known, "nodf00000007", &mut budget),
            Some("node00000007".into())
        );
        assert!(STEPS_PER_DOCUMENT - budget.left <= STEPS_PER_NAME);
    }

    #[test]
    fn running_out_gives_no_suggestion_rather_than_a_worse_one() {
        let (known, names) = list(&["abcdefgh", "abcdefgx"]);
        // Enough for the first candidate only: the nearer second is never seen.
        let mut budget = Budget::steps(30);
        assert_eq!(names.suggest(&known, "abcdefxx", &mut budget), None);
        assert_eq!(budget.left, 0);
        let mut budget = Budget::steps(1_000);
        assert_eq!(
            names.suggest(&known, "abcdefxx", &mut budget),
            Some("abcdefgx".into())
        );
        // With nothing left, a name with candidates of its length gets
        // nothing; one with none (so no distance work) still gets the
        // cheap rules.
        let (known, names) = list(&["knowledge.faqs"]);
        assert_eq!(
            names.suggest(&known, "knowledge.faq", &mut Budget::steps(0)),
            None
        );
        assert_eq!(
            names.suggest(&known, "faqs", &mut Budget::steps(0)),
            Some("knowledge.faqs".into())
        );
    }
}
