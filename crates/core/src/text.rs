//! Text helpers shared by label and level matching.

/// Folds a label or word to a matching key: lowercase ASCII letters and digits only,
/// with "&" read as "and". "Sites & routes" and "Sites and Routes" give the same key.
pub fn normalize(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch == '&' {
            key.push_str("and");
        } else if ch.is_alphanumeric() {
            key.extend(ch.to_lowercase());
        }
    }
    key
}

/// Levenshtein distance, for "did you mean" suggestions on short names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Up to `limit` candidates closest to `wanted` (by normalized edit distance), best first.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let key = normalize(wanted);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .map(|c| {
            let norm = normalize(c);
            let prefix = key
                .chars()
                .zip(norm.chars())
                .take_while(|(a, b)| a == b)
                .count();
            (edit_distance(&key, &norm), usize::MAX - prefix, c)
        })
        .collect();
    // Fewest edits first; on a tie, the longest shared beginning ("read-write" → "read-only").
    scored.sort();
    scored.dedup_by_key(|(_, _, c)| *c);
    scored.into_iter().take(limit).map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_case_space_and_punctuation() {
        assert_eq!(normalize("Sites & routes"), normalize("Sites & Routes"));
        assert_eq!(normalize("Sites and Routes"), "sitesandroutes");
        assert_eq!(
            normalize("Payments - Get accepted methods"),
            "paymentsgetacceptedmethods"
        );
        assert_eq!(normalize("  Read-Only "), "readonly");
    }

    #[test]
    fn closest_prefers_small_edits() {
        let got = closest("Prodcts", ["Orders", "Products", "Carts"], 2);
        assert_eq!(got[0], "Products");
        assert_eq!(
            closest("read-write", ["create", "read-only", "modify"], 1),
            ["read-only"]
        );
    }
}
