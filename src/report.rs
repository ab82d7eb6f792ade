//! The fill report the user reads: a headline and one line per row that needs attention.

use serde::Serialize;

use crate::plan::{FillPlan, Mismatch, RowStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Not done: a row failed, is missing, or still shows the wrong level.
    Problem,
    /// Done, but differently from the preset's words: worth a look.
    Notice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    pub headline: String,
    pub items: Vec<Item>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Describes a fill: `reapplied` are rows the page reverted and that were set again,
/// `errors` are (row label, what went wrong) for actions the page refused.
pub fn describe(
    plan: &FillPlan,
    reapplied: &[String],
    mismatches: &[Mismatch],
    errors: &[(String, String)],
) -> Report {
    let s = &plan.summary;
    let mut parts = vec![
        format!("{} set", plural(s.set, "row", "rows")),
        format!("{} already right", s.already_right),
    ];
    if s.not_in_preset + s.unknown > 0 {
        parts.push(format!("{} left at None", s.not_in_preset + s.unknown));
    }
    if s.adjusted > 0 {
        parts.push(format!("{} adjusted", s.adjusted));
    }
    let mut items = Vec::new();
    let mut problem = |text: String| {
        items.push(Item {
            kind: ItemKind::Problem,
            text,
        })
    };
    for m in &plan.missing {
        problem(format!(
            "{}: not on this page (the preset asks for '{}')",
            m.label, m.level
        ));
    }
    for m in mismatches {
        problem(format!(
            "{}: shows '{}', expected '{}'",
            m.label,
            m.actual.as_deref().unwrap_or("nothing"),
            m.expected
        ));
    }
    for (label, error) in errors {
        if !mismatches.iter().any(|m| &m.label == label) {
            problem(format!("{label}: {error}"));
        }
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Unavailable)
    {
        problem(format!(
            "{}: {}",
            r.label,
            r.adjustment.as_deref().unwrap_or("no usable option")
        ));
    }
    let mut notice = |text: String| {
        items.push(Item {
            kind: ItemKind::Notice,
            text,
        })
    };
    for r in plan
        .rows
        .iter()
        .filter(|r| r.status != RowStatus::Unavailable)
    {
        if let (Some(note), Some(requested)) = (&r.adjustment, r.requested) {
            notice(format!(
                "{}: set to '{}' for '{requested}': {note}",
                r.label,
                r.target.map(|t| t.as_str()).unwrap_or("?")
            ));
        }
    }
    for r in plan.rows.iter().filter(|r| r.status == RowStatus::Unknown) {
        notice(format!(
            "{}: not a scope ScopeFill knows; left at None",
            r.label
        ));
    }
    for label in reapplied {
        if !mismatches.iter().any(|m| &m.label == label) {
            notice(format!("{label}: the page reverted it; set again"));
        }
    }
    let ok = items.iter().all(|i| i.kind == ItemKind::Notice);
    let headline = if ok {
        format!(
            "Filled: {}. Review the form, then press Save.",
            parts.join(", ")
        )
    } else {
        let n = items.iter().filter(|i| i.kind == ItemKind::Problem).count();
        format!(
            "Filled with {}: {}. Fix the rows below before you save.",
            plural(n, "problem", "problems"),
            parts.join(", ")
        )
    };
    Report {
        ok,
        headline,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::level::Level;
    use crate::plan::{documented_page, plan, ObservedRow};
    use crate::preset::{find, shipped};

    /// The documented page without its Orders row.
    fn page() -> Vec<ObservedRow> {
        let mut rows = documented_page("None");
        rows.retain(|r| r.label != "Orders");
        rows
    }

    #[test]
    fn a_clean_fill_reads_as_done_with_its_adjustment_noted() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let mut rows = page();
        rows.push(ObservedRow {
            label: "Orders".into(),
            options: vec!["None".into(), "read-only".into(), "modify".into()],
            current: Some("None".into()),
        });
        let p = plan(wh, &rows);
        let r = describe(&p, &["Orders".into()], &[], &[]);
        assert!(r.ok);
        assert_eq!(
            r.headline,
            "Filled: 13 rows set, 12 already right, 4 left at None, 1 adjusted. Review the form, then press Save."
        );
        assert!(r.items.iter().any(|i| i
            .text
            .starts_with("Customers Login: set to 'login' for 'modify'")));
        assert!(r
            .items
            .iter()
            .any(|i| i.text == "Orders: the page reverted it; set again"));
    }

    #[test]
    fn missing_rows_and_mismatches_are_problems() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let p = plan(wh, &page());
        let mismatch = Mismatch {
            row: 0,
            label: "Products".into(),
            expected: Level::Modify,
            actual: Some("None".into()),
        };
        let r = describe(
            &p,
            &[],
            &[mismatch],
            &[("Products".into(), "no option 'modify'".into())],
        );
        assert!(!r.ok);
        assert!(
            r.headline.starts_with("Filled with 2 problems"),
            "{}",
            r.headline
        );
        let texts: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
        assert!(texts.contains(&"Orders: not on this page (the preset asks for 'modify')"));
        assert!(texts.contains(&"Products: shows 'None', expected 'modify'"));
    }
}
