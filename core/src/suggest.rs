//! "Did you mean": the nearest known name to a typo (docs/reference.md#suggestions).

/// The candidate at the smallest Levenshtein distance from `typo`, if that
/// distance is at most 2; the first candidate wins ties. Distances count
/// Unicode scalar values.
pub(crate) fn nearest<'a>(typo: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let typo: Vec<char> = typo.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length: skip the
        // quadratic work for candidates that cannot be within 2 (and so for
        // any very long typo).
        if candidate.chars().count().abs_diff(typo.len()) > 2 {
            continue;
        }
        let distance = levenshtein(&typo, candidate);
        if distance <= 2 && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name.to_string())
}

fn levenshtein(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_scalar_values() {
        let d = |a: &str, b: &str| levenshtein(&a.chars().collect::<Vec<_>>(), b);
        assert_eq!(d("", ""), 0);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("knowlege", "knowledge"), 1);
        assert_eq!(d("é", "e"), 1);
        assert_eq!(d("", "ab"), 2);
    }

    #[test]
    fn nearest_prefers_smallest_then_first() {
        let names = ["tools", "flows", "voice"];
        assert_eq!(nearest("tool", names), Some("tools".into()));
        assert_eq!(nearest("xlows", names), Some("flows".into()));
        // "toice" is 1 from voice and 3 from tools.
        assert_eq!(nearest("toice", names), Some("voice".into()));
        // Ties go to the first in order: "fools" is 1 from tools and flows.
        assert_eq!(nearest("fools", names), Some("tools".into()));
        assert_eq!(nearest("widgets", names), None);
        assert_eq!(nearest(&"x".repeat(1_000_000), names), None);
        assert_eq!(nearest("toolsxx", names), Some("tools".into()));
        assert_eq!(nearest("toolsxxx", names), None);
    }
}
