//! Guarding a filled form until it is saved: what each row should show, which rows the user
//! changed themselves (respected), which the page changed on its own (set again once), and
//! what differs from the report when Save is pressed.
//!
//! Scopes cannot be changed after an account is saved, so a row that drifts between the fill
//! and Save must not go unnoticed. The DOM adapter feeds the rows as the page shows them;
//! everything that decides is here.

use serde::Serialize;

use crate::level::Level;
use crate::plan::{shows, FillPlan, Mismatch, ObservedRow};
use crate::text::normalize;

/// What one filled row should show.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expectation {
    /// Index of the row in the plan.
    row: usize,
    label: String,
    level: Level,
    /// The option to choose to show it, as the page writes it.
    option: String,
}

/// A row the user set themselves after the fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserChange {
    pub label: String,
    /// What they chose, as the page shows it.
    pub shows: Option<String>,
}

/// A row that does not show what the report says, found when Save is pressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub label: String,
    /// What the report says the row shows, as the page writes it.
    pub expected: String,
    pub shows: Option<String>,
}

/// A row to set again, and the option that sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reapply {
    pub label: String,
    pub option: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    pub reapply: Vec<Reapply>,
    /// Something the report shows changed (a row reverted or changed by the user).
    pub report_changed: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Guard {
    expected: Vec<Expectation>,
    by_user: Vec<UserChange>,
    reapplied: Vec<String>,
}

fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(normalize) == b.map(normalize)
}

impl Guard {
    /// Watches every row the plan chose a level for; rows it leaves alone are the user's.
    pub fn new(plan: &FillPlan) -> Guard {
        let expected = plan
            .chosen()
            .filter_map(|(r, level)| {
                let option = plan.option_for(r)?.to_string();
                Some(Expectation {
                    row: r.row,
                    label: r.label.clone(),
                    level,
                    option,
                })
            })
            .collect();
        Guard {
            expected,
            by_user: Vec::new(),
            reapplied: Vec::new(),
        }
    }

    pub fn changed_by_user(&self) -> &[UserChange] {
        &self.by_user
    }

    pub fn reapplied(&self) -> &[String] {
        &self.reapplied
    }

    /// Looks at the rows as the page shows them now. `touched(label)` says whether the
    /// user's own input (a trusted click, key or change) reached that row since the last
    /// review. A row the user changed is theirs from then on; a row the page changed on its
    /// own is set again, once.
    pub fn review(&mut self, rows: &[ObservedRow], touched: impl Fn(&str) -> bool) -> Review {
        let mut review = Review::default();
        for e in &self.expected {
            let Some(row) = rows.iter().find(|r| r.label.trim() == e.label) else {
                continue;
            };
            if let Some(change) = self.by_user.iter_mut().find(|c| c.label == e.label) {
                if touched(&e.label) && !same_text(change.shows.as_deref(), row.current.as_deref())
                {
                    change.shows = row.current.clone();
                    review.report_changed = true;
                }
                continue;
            }
            if shows(row, e.level, &e.option) {
                continue;
            }
            if touched(&e.label) {
                self.by_user.push(UserChange {
                    label: e.label.clone(),
                    shows: row.current.clone(),
                });
                review.report_changed = true;
            } else if !self.reapplied.contains(&e.label) {
                self.reapplied.push(e.label.clone());
                review.reapply.push(Reapply {
                    label: e.label.clone(),
                    option: e.option.clone(),
                });
                review.report_changed = true;
            }
        }
        review
    }

    /// Rows that do not show what the report says: the planned level, or the user's own
    /// choice for rows they changed.
    pub fn at_save(&self, rows: &[ObservedRow]) -> Vec<Difference> {
        self.expected
            .iter()
            .filter_map(|e| {
                let row = rows.iter().find(|r| r.label.trim() == e.label);
                let current = row.and_then(|r| r.current.clone());
                let (fine, expected) = match self.by_user.iter().find(|c| c.label == e.label) {
                    Some(change) => (
                        row.is_some() && same_text(change.shows.as_deref(), current.as_deref()),
                        change.shows.clone().unwrap_or_default(),
                    ),
                    None => (
                        row.is_some_and(|r| shows(r, e.level, &e.option)),
                        e.option.clone(),
                    ),
                };
                (!fine).then(|| Difference {
                    label: e.label.clone(),
                    expected,
                    shows: current,
                })
            })
            .collect()
    }

    /// What sets the differing rows back to what the report says.
    pub fn fixes(&self, differences: &[Difference]) -> Vec<Reapply> {
        differences
            .iter()
            .map(|d| Reapply {
                label: d.label.clone(),
                option: d.expected.clone(),
            })
            .collect()
    }

    /// Rows the fill set that do not show their level now (the user's rows excepted).
    pub fn mismatches(&self, rows: &[ObservedRow]) -> Vec<Mismatch> {
        self.expected
            .iter()
            .filter(|e| !self.by_user.iter().any(|c| c.label == e.label))
            .filter_map(|e| {
                let row = rows.iter().find(|r| r.label.trim() == e.label);
                (!row.is_some_and(|r| shows(r, e.level, &e.option))).then(|| Mismatch {
                    row: e.row,
                    label: e.label.clone(),
                    expected: e.level,
                    actual: row.and_then(|r| r.current.clone()),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{documented_page, plan};
    use crate::preset::{find, shipped};

    fn filled() -> (Guard, Vec<ObservedRow>) {
        let wh = find(shipped(), "wherehouse").unwrap();
        let before = documented_page("None");
        let p = plan(wh, &before);
        let mut after = before.clone();
        for a in &p.actions {
            after[a.row].current = Some(a.option.clone());
        }
        (Guard::new(&p), after)
    }

    fn set(rows: &mut [ObservedRow], label: &str, to: &str) {
        rows.iter_mut().find(|r| r.label == label).unwrap().current = Some(to.into());
    }

    #[test]
    fn a_filled_form_is_fine_and_saves_without_a_difference() {
        let (mut guard, rows) = filled();
        assert_eq!(guard.review(&rows, |_| false), Review::default());
        assert!(guard.at_save(&rows).is_empty());
        assert!(guard.mismatches(&rows).is_empty());
    }

    #[test]
    fn a_row_the_page_reverts_is_set_again_once() {
        let (mut guard, mut rows) = filled();
        set(&mut rows, "Orders", "None");
        let review = guard.review(&rows, |_| false);
        assert_eq!(
            review.reapply,
            [Reapply {
                label: "Orders".into(),
                option: "modify".into()
            }]
        );
        assert!(review.report_changed);
        assert_eq!(guard.reapplied(), ["Orders"]);
        // Reverted again: not set a third time; it is a mismatch, and Save is held on it.
        let again = guard.review(&rows, |_| false);
        assert!(again.reapply.is_empty());
        assert_eq!(guard.mismatches(&rows)[0].label, "Orders");
        let diff = guard.at_save(&rows);
        assert_eq!(
            diff,
            [Difference {
                label: "Orders".into(),
                expected: "modify".into(),
                shows: Some("None".into())
            }]
        );
        assert_eq!(guard.fixes(&diff)[0].option, "modify");
    }

    #[test]
    fn a_row_the_user_changes_is_theirs_and_reported() {
        let (mut guard, mut rows) = filled();
        set(&mut rows, "Products", "read-only");
        let review = guard.review(&rows, |label| label == "Products");
        assert!(review.reapply.is_empty());
        assert!(review.report_changed);
        assert_eq!(
            guard.changed_by_user(),
            [UserChange {
                label: "Products".into(),
                shows: Some("read-only".into())
            }]
        );
        // Their choice is what Save checks against; the planned level no longer is.
        assert!(guard.at_save(&rows).is_empty());
        assert!(guard.mismatches(&rows).is_empty());
        // The page then changes it on its own: Save is held, and Fix restores their choice.
        set(&mut rows, "Products", "None");
        assert!(guard.review(&rows, |_| false).reapply.is_empty());
        let diff = guard.at_save(&rows);
        assert_eq!(diff[0].expected, "read-only");
        // They change it again themselves: followed.
        set(&mut rows, "Products", "modify");
        assert!(guard.review(&rows, |l| l == "Products").report_changed);
        assert!(guard.at_save(&rows).is_empty());
    }

    #[test]
    fn rows_a_leave_preset_does_not_name_are_not_watched() {
        let hexa = find(shipped(), "hexasync").unwrap();
        let before = documented_page("None");
        let guard = Guard::new(&plan(hexa, &before));
        let mut rows = before.clone();
        set(&mut rows, "Orders", "modify");
        assert!(guard.at_save(&rows).is_empty());
    }

    #[test]
    fn a_row_gone_from_the_page_differs_at_save() {
        let (guard, mut rows) = filled();
        rows.retain(|r| r.label != "Orders");
        let diff = guard.at_save(&rows);
        assert_eq!(
            (diff[0].label.as_str(), diff[0].shows.as_deref()),
            ("Orders", None)
        );
    }
}
