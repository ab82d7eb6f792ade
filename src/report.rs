//! The fill report the user reads: a headline and one line per row that needs attention.

use serde::Serialize;

use crate::catalog::{self, Presence};
use crate::guard::UserChange;
use crate::identify::Placement;
use crate::level::Level;
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
    /// The row it is about, as the page or the catalogue names it.
    pub row: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    pub headline: String,
    /// What a screen reader announces: the headline and the rows that need a look, by name.
    pub announcement: String,
    pub items: Vec<Item>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Describes a fill: `reapplied` are rows the page reverted and that were set again,
/// `errors` are (row label, what went wrong) for actions the page refused, `by_user` the
/// rows the user set themselves after the fill.
pub fn describe(
    plan: &FillPlan,
    reapplied: &[String],
    mismatches: &[Mismatch],
    errors: &[(String, String)],
    by_user: &[UserChange],
) -> Report {
    let s = &plan.summary;
    let mut parts = vec![
        format!("{} set", plural(s.set, "row", "rows")),
        format!("{} already right", s.already_right),
    ];
    if s.not_in_preset > 0 {
        parts.push(format!("{} left at None", s.not_in_preset));
    }
    if s.adjusted > 0 {
        parts.push(format!("{} adjusted", s.adjusted));
    }
    let mut items = Vec::new();
    let mut problem = |row: &str, rest: String| {
        items.push(Item {
            kind: ItemKind::Problem,
            row: row.to_string(),
            text: format!("{row}: {rest}"),
        })
    };
    for m in plan
        .missing
        .iter()
        .filter(|m| m.presence != Presence::SomeStores)
    {
        let where_ = if m.presence == Presence::NotOnStorePage {
            "not on the store-level page"
        } else {
            "not on this page"
        };
        problem(
            m.label,
            format!("{where_} (the preset asks for '{}')", m.level),
        );
    }
    for m in mismatches {
        problem(
            &m.label,
            format!(
                "shows '{}', expected '{}'",
                m.actual.as_deref().unwrap_or("nothing"),
                m.expected
            ),
        );
    }
    for (label, error) in errors {
        if !mismatches.iter().any(|m| &m.label == label) {
            problem(label, error.clone());
        }
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| r.placed == Placement::Ambiguous)
    {
        problem(
            &r.label,
            "ScopeFill does not know this caption, and the rows around it fit the page's \
             known orders more than one way; left as it is"
                .into(),
        );
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Unavailable)
    {
        problem(
            &r.label,
            r.adjustment
                .clone()
                .unwrap_or_else(|| "no usable option".into()),
        );
    }
    let mut notice = |row: &str, rest: String| {
        items.push(Item {
            kind: ItemKind::Notice,
            row: row.to_string(),
            text: format!("{row}: {rest}"),
        })
    };
    for r in plan
        .rows
        .iter()
        .filter(|r| r.status != RowStatus::Unavailable)
    {
        if let Some(note) = &r.adjustment {
            let requested = r.requested.unwrap_or(Level::None);
            notice(
                &r.label,
                format!(
                    "set to '{}' for '{requested}': {note}",
                    r.target.map(|t| t.as_str()).unwrap_or("?")
                ),
            );
        }
    }
    for m in plan
        .missing
        .iter()
        .filter(|m| m.presence == Presence::SomeStores)
    {
        notice(
            m.label,
            format!(
                "not on this page, which only some stores show (the preset asks for '{}')",
                m.level
            ),
        );
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| r.placed == Placement::Unexpected)
    {
        notice(
            &r.label,
            "not a scope ScopeFill knows; left as it is".into(),
        );
    }
    for label in reapplied {
        if !mismatches.iter().any(|m| &m.label == label)
            && !by_user.iter().any(|c| &c.label == label)
        {
            notice(label, "the page reverted it; set again".into());
        }
    }
    for change in by_user {
        notice(
            &change.label,
            format!(
                "changed by you to '{}'",
                change.shows.as_deref().unwrap_or("nothing")
            ),
        );
    }
    // Rows told by their place among the others: named with the scope they were taken for.
    for r in plan.rows.iter().filter(|r| r.placed == Placement::Position) {
        let Some(scope) = r.scope.and_then(catalog::by_id) else {
            continue;
        };
        let level = match (r.status, r.target) {
            (RowStatus::Left, _) | (_, None) => "left as it is".to_string(),
            (_, Some(level)) => level.to_string(),
        };
        items.push(Item {
            kind: ItemKind::Notice,
            row: r.label.clone(),
            text: format!("{} → {}: {level}", r.label, scope.label),
        });
    }
    let ok = items.iter().all(|i| i.kind == ItemKind::Notice);
    let mut headline = if ok {
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
    if s.by_position > 0 {
        headline.push_str(&format!(
            " {} recognised by position, not by caption: check {} before you save.",
            plural(s.by_position, "row was", "rows were"),
            if s.by_position == 1 { "it" } else { "them" }
        ));
    }
    let announcement = announce(&headline, &items);
    Report {
        ok,
        headline,
        announcement,
        items,
    }
}

/// The headline, then the rows by name: those with a problem first, then those done
/// differently from the preset's words.
fn announce(headline: &str, items: &[Item]) -> String {
    let mut out = headline.to_string();
    for (kind, intro) in [
        (ItemKind::Problem, "Check"),
        (ItemKind::Notice, "Adjusted or noted"),
    ] {
        let mut rows: Vec<&str> = Vec::new();
        for item in items.iter().filter(|i| i.kind == kind) {
            if !rows.contains(&item.row.as_str()) {
                rows.push(&item.row);
            }
        }
        if !rows.is_empty() {
            out.push_str(&format!(" {intro}: {}.", rows.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{documented_page, plan, ObservedRow};
    use crate::preset::{find, parse, shipped};

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
        rows.push(ObservedRow::by_caption(
            "Orders",
            &["None", "read-only", "modify"],
            Some("None"),
        ));
        let p = plan(wh, &rows);
        let r = describe(&p, &["Orders".into()], &[], &[], &[]);
        assert!(r.ok);
        assert_eq!(
            r.headline,
            "Filled: 13 rows set, 10 already right, 4 left at None, 1 adjusted. Review the form, then press Save."
        );
        assert!(r.items.iter().any(|i| i
            .text
            .starts_with("Customers login: set to 'login' for 'modify'")));
        assert!(r
            .items
            .iter()
            .any(|i| i.text == "Orders: the page reverted it; set again"));
    }

    #[test]
    fn rows_the_store_page_lacks_are_problems_and_rows_of_some_stores_are_notices() {
        let p = parse(
            "mine.json",
            r#"{"id":"mine","name":"Mine","account_name":"Mine app",
            "scopes":{"App Extensions":"manage","Store Translations":"read-only","B2B Edition":"none"},
            "layouts":[{"name":"x","fields":[{"label":"Token","value":"access_token"}]}]}"#,
            false,
        )
        .unwrap();
        let r = describe(&plan(&p, &documented_page("None")), &[], &[], &[], &[]);
        let texts: Vec<(ItemKind, &str)> =
            r.items.iter().map(|i| (i.kind, i.text.as_str())).collect();
        assert!(texts.contains(&(
            ItemKind::Problem,
            "App Extensions: not on the store-level page (the preset asks for 'manage')"
        )));
        assert!(texts.contains(&(
            ItemKind::Notice,
            "Store Translations: not on this page, which only some stores show (the preset asks for 'read-only')"
        )));
        assert!(
            !texts.iter().any(|(_, t)| t.starts_with("B2B Edition")),
            "{texts:?}"
        );
        assert!(texts.contains(&(
            ItemKind::Notice,
            "Metafields Access: set to 'standard' for 'none': this row has no None; 'standard' is the least it allows"
        )));
        // The status region names the rows, problems first.
        assert!(r.announcement.starts_with(&r.headline));
        assert!(
            r.announcement.ends_with(
                " Check: App Extensions. Adjusted or noted: Metafields Access, Store Translations."
            ),
            "{}",
            r.announcement
        );
    }

    #[test]
    fn rows_the_user_changed_are_reported_as_theirs_not_as_reverted() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let p = plan(wh, &documented_page("None"));
        let mine = UserChange {
            label: "Products".into(),
            shows: Some("read-only".into()),
        };
        let r = describe(&p, &["Products".into()], &[], &[], &[mine]);
        assert!(r.ok);
        let texts: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
        assert!(
            texts.contains(&"Products: changed by you to 'read-only'"),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("reverted")), "{texts:?}");
        assert!(r.announcement.contains("Products"), "{}", r.announcement);
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
            &[],
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

    #[test]
    fn rows_placed_by_position_are_named_with_their_scope_and_the_headline_asks_to_check() {
        use crate::identify::RowShape;
        use crate::plan::observe;
        let wh = find(shipped(), "wherehouse").unwrap();
        // A language no pack knows.
        let captions: Vec<String> = documented_page("None")
            .iter()
            .map(|r| {
                r.label
                    .replace('o', "ö")
                    .replace('e', "é")
                    .replace('a', "å")
            })
            .collect();
        let rows = documented_page("None");
        let shapes: Vec<RowShape> = rows
            .iter()
            .zip(&captions)
            .map(|(r, caption)| RowShape {
                caption,
                options: Some(&r.options),
                current: r.current.as_deref(),
            })
            .collect();
        let r = describe(&plan(wh, &observe(&shapes)), &[], &[], &[], &[]);
        assert!(r.ok, "{r:?}");
        assert!(
            r.headline.ends_with(
                " 27 rows were recognised by position, not by caption: check them before you save."
            ),
            "{}",
            r.headline
        );
        let texts: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
        assert!(texts.contains(&"Cöntént → Content: none"), "{texts:?}");
        assert!(texts.contains(&"Ordérs → Orders: modify"), "{texts:?}");
    }
}
