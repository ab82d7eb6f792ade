//! The fill planner: given a preset and the scope rows as observed on the page, decide
//! which option to choose on each row, and say why wherever the page differs from the preset.

use serde::Serialize;

use crate::catalog::{self, Presence};
use crate::identify::{self, Placement, RowShape};
use crate::lang;
use crate::level::Level;
use crate::messages::{self, msg, Msg};
use crate::outline::ChoiceRow;
use crate::preset::{OtherScopes, Preset};
use crate::text::normalize;

/// One scope row as read from the page, and what recognition made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObservedRow {
    /// The row's caption as the page shows it.
    pub label: String,
    /// The options it offers, as displayed ("None", "read-only", "modify", …).
    pub options: Vec<String>,
    /// The option currently chosen, as displayed.
    pub current: Option<String>,
    /// The scope the row was identified as (a catalogue id), and how.
    pub scope: Option<&'static str>,
    pub placed: Placement,
    /// The level each option stands for (by its word or its position), as `options`.
    pub levels: Vec<Option<Level>>,
}

impl ObservedRow {
    /// A row known by its caption alone (English or a language pack), each option's level
    /// by its word: how a row reads with nothing around it.
    pub fn by_caption(label: &str, options: &[&str], current: Option<&str>) -> ObservedRow {
        let options: Vec<String> = options.iter().map(|o| o.to_string()).collect();
        let scope = lang::scope_by_caption(label);
        ObservedRow {
            label: label.to_string(),
            levels: identify::option_levels(scope, &options),
            options,
            current: current.map(str::to_string),
            scope: scope.map(|s| s.id),
            placed: if scope.is_some() {
                Placement::Caption
            } else {
                Placement::Unexpected
            },
        }
    }

    /// The level of the option the row shows: by its place among the options, else its word.
    pub fn current_level(&self) -> Option<Level> {
        let current = self.current.as_deref()?;
        self.options
            .iter()
            .position(|o| o == current)
            .and_then(|i| self.levels.get(i).copied().flatten())
            .or_else(|| lang::level_by_word(current))
    }

    /// The options whose level is known, with it.
    pub fn offered(&self) -> Vec<(Level, &String)> {
        self.options
            .iter()
            .zip(&self.levels)
            .filter_map(|(o, l)| Some(((*l)?, o)))
            .collect()
    }

    /// Learns the options of a row that showed only its current one (a closed combobox).
    pub fn with_options(&self, options: Vec<String>) -> ObservedRow {
        let scope = self.scope.and_then(catalog::by_id);
        ObservedRow {
            levels: identify::option_levels(scope, &options),
            options,
            ..self.clone()
        }
    }
}

/// The scope rows of a form as the page shows them, identified together: a closed
/// combobox by the one choice it shows, unless its choices were read since (`read`, by
/// row).
pub fn observe_choice_rows(rows: &[&ChoiceRow], read: &[Option<Vec<String>>]) -> Vec<ObservedRow> {
    let options: Vec<Option<Vec<String>>> =
        rows.iter()
            .enumerate()
            .map(|(i, row)| match read.get(i).cloned().flatten() {
                Some(read) => Some(read),
                None => (!row.is_closed())
                    .then(|| row.choices.iter().map(|c| c.label.clone()).collect()),
            })
            .collect();
    let shapes: Vec<RowShape> = rows
        .iter()
        .zip(&options)
        .map(|(row, options)| RowShape {
            caption: &row.caption,
            options: options.as_deref(),
            current: row.current.as_deref(),
        })
        .collect();
    observe(&shapes)
}

/// The rows of a form, identified together (a row's neighbours place it where its caption
/// is unknown). A row whose choices cannot be read yet (a closed combobox) offers only the
/// one it shows.
pub fn observe(rows: &[RowShape]) -> Vec<ObservedRow> {
    identify::identify(rows)
        .into_iter()
        .zip(rows)
        .map(|(identity, row)| {
            let options: Vec<String> = match row.options {
                Some(options) => options.to_vec(),
                None => row.current.map(str::to_string).into_iter().collect(),
            };
            let levels = match row.options {
                Some(_) => identify::option_levels(identity.scope, &options),
                None => options.iter().map(|o| lang::level_by_word(o)).collect(),
            };
            ObservedRow {
                label: row.caption.trim().to_string(),
                options,
                current: row.current.map(str::to_string),
                scope: identity.scope.map(|s| s.id),
                placed: identity.placed,
                levels,
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// Index into the observed rows.
    pub row: usize,
    /// The option to choose, exactly as the page displays it.
    pub option: String,
    pub level: Level,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Will be changed to the preset's level.
    Set,
    /// Already at the preset's level.
    AlreadyRight,
    /// Not named by the preset: set to (or already at) None.
    NotInPreset,
    /// Not named by a preset that leaves other rows to the user: untouched.
    Left,
    /// Not identified (an unknown caption that its position does not place without
    /// doubt): left as it is.
    Unknown,
    /// No offered option can be chosen (e.g. the options could not be read).
    Unavailable,
    /// A second row for a scope already seen: left alone.
    Duplicate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowReport {
    pub row: usize,
    /// The row's caption as the page shows it.
    pub label: String,
    pub scope: Option<&'static str>,
    /// How the row was identified: a row placed by position is worth a look before Save.
    pub placed: Placement,
    pub requested: Option<Level>,
    /// The level that will be chosen (None when the row is left alone).
    pub target: Option<Level>,
    pub current: Option<String>,
    pub status: RowStatus,
    /// Set when the chosen level differs from the requested one: why.
    pub adjustment: Option<Msg>,
}

/// A scope the preset asks a level for that the page does not show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingScope {
    pub scope: &'static str,
    pub label: &'static str,
    pub level: Level,
    /// Where the page is known to show the row: a row shown only on some stores being
    /// absent is expected there.
    pub presence: Presence,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub set: usize,
    pub already_right: usize,
    pub adjusted: usize,
    pub missing: usize,
    pub not_in_preset: usize,
    /// Rows not identified, left as they are.
    pub unknown: usize,
    pub unavailable: usize,
    /// Rows identified by their position, not their caption.
    pub by_position: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FillPlan {
    pub actions: Vec<Action>,
    pub rows: Vec<RowReport>,
    pub missing: Vec<MissingScope>,
    pub summary: Summary,
}

/// What to choose on a row for a requested level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub level: Level,
    pub option: String,
    pub adjustment: Option<Msg>,
}

/// A level in a sentence: the word the page shows for it (`option`) where a language pack
/// knows that word for this level and it is not English ("lecture seule"); else the English
/// level word, as presets say it ("read-only", "standard"; also for a word no pack knows).
pub fn level_word(level: Level, option: Option<&str>) -> String {
    match option.map(str::trim) {
        Some(word) if Level::parse(word).is_err() && lang::level_by_word(word) == Some(level) => {
            word.to_string()
        }
        _ => level.as_str().to_string(),
    }
}

/// Picks the option for `requested` among a row's options (as displayed): the exact level
/// if offered; else the least level that grants at least as much; else the most the row
/// allows. Options that are not level words are ignored. None when nothing fits.
pub fn choose(requested: Level, options: &[String]) -> Option<Choice> {
    let offered: Vec<(Level, &String)> = options
        .iter()
        .filter_map(|o| lang::level_by_word(o).map(|l| (l, o)))
        .collect();
    choose_among(requested, &offered)
}

/// [`choose`] among options whose levels are known (by word or by position).
pub fn choose_among(requested: Level, offered: &[(Level, &String)]) -> Option<Choice> {
    if let Some((level, option)) = offered.iter().find(|(l, _)| *l == requested) {
        return Some(Choice {
            level: *level,
            option: (*option).clone(),
            adjustment: None,
        });
    }
    if requested == Level::None {
        // "Metafields Access" offers no None: the least it allows is as close as it gets.
        return offered
            .iter()
            .min_by_key(|(l, _)| l.rank())
            .map(|(level, option)| Choice {
                level: *level,
                option: (*option).clone(),
                adjustment: Some(msg!(
                    "report_adjustNoNone",
                    level_word(*level, Some(option.as_str()))
                )),
            });
    }
    let grants: Vec<&(Level, &String)> =
        offered.iter().filter(|(l, _)| *l != Level::None).collect();
    if let Some((level, option)) = grants
        .iter()
        .filter(|(l, _)| l.rank() >= requested.rank())
        .min_by_key(|(l, _)| l.rank())
    {
        return Some(Choice {
            level: *level,
            option: (*option).clone(),
            adjustment: Some(msg!(
                "report_adjustLeastGrants",
                requested.as_str(),
                level_word(*level, Some(option.as_str()))
            )),
        });
    }
    grants
        .iter()
        .max_by_key(|(l, _)| l.rank())
        .map(|(level, option)| Choice {
            level: *level,
            option: (*option).clone(),
            adjustment: Some(msg!(
                "report_adjustMost",
                requested.as_str(),
                level_word(*level, Some(option.as_str()))
            )),
        })
}

/// Plans the fill of the scope rows.
pub fn plan(preset: &Preset, rows: &[ObservedRow]) -> FillPlan {
    let mut actions = Vec::new();
    let mut reports = Vec::with_capacity(rows.len());
    let mut seen: Vec<&'static str> = Vec::new();
    let mut summary = Summary::default();

    for (index, row) in rows.iter().enumerate() {
        let scope = row.scope.and_then(catalog::by_id);
        let current = row.current_level();
        let mut report = RowReport {
            row: index,
            label: row.label.trim().to_string(),
            scope: scope.map(|s| s.id),
            placed: row.placed,
            requested: None,
            target: None,
            current: row.current.clone(),
            status: RowStatus::Unavailable,
            adjustment: None,
        };
        if let Some(s) = scope {
            if seen.contains(&s.id) {
                report.status = RowStatus::Duplicate;
                reports.push(report);
                continue;
            }
            seen.push(s.id);
        }
        let Some(scope) = scope else {
            // Only a row identified without doubt is set.
            report.status = RowStatus::Unknown;
            summary.unknown += 1;
            reports.push(report);
            continue;
        };
        if row.placed == Placement::Position {
            summary.by_position += 1;
        }
        let requested = preset.level_for(scope.id);
        report.requested = requested;
        let wanted = match (requested, preset.other_scopes) {
            (Some(level), _) => Some(level),
            (None, OtherScopes::None) => Some(Level::None),
            (None, OtherScopes::Leave) => None,
        };
        let Some(wanted) = wanted else {
            report.status = RowStatus::Left;
            reports.push(report);
            continue;
        };
        match choose_among(wanted, &row.offered()) {
            None => {
                report.status = RowStatus::Unavailable;
                report.adjustment = Some(msg!(
                    "report_unusable",
                    messages::list(&row.options),
                    wanted.as_str()
                ));
                summary.unavailable += 1;
            }
            Some(choice) => {
                report.target = Some(choice.level);
                let already = current == Some(choice.level);
                report.status = match (requested.is_some(), already) {
                    (false, _) => RowStatus::NotInPreset,
                    (true, true) => RowStatus::AlreadyRight,
                    (true, false) => RowStatus::Set,
                };
                if choice.adjustment.is_some() {
                    summary.adjusted += 1;
                }
                report.adjustment = choice.adjustment;
                if !already {
                    actions.push(Action {
                        row: index,
                        option: choice.option,
                        level: choice.level,
                    });
                }
            }
        }
        match report.status {
            RowStatus::Set => summary.set += 1,
            RowStatus::AlreadyRight => summary.already_right += 1,
            // Counted as "left at None": a row without None is counted as adjusted instead.
            RowStatus::NotInPreset if report.target == Some(Level::None) => {
                summary.not_in_preset += 1
            }
            _ => {}
        }
        reports.push(report);
    }

    // A preset asking None of a row the page does not show is satisfied.
    let missing: Vec<MissingScope> = preset
        .scopes
        .iter()
        .filter(|s| s.level != Level::None && !seen.contains(&s.scope))
        .filter_map(|s| {
            catalog::by_id(s.scope).map(|scope| MissingScope {
                scope: scope.id,
                label: scope.label,
                level: s.level,
                presence: scope.presence,
            })
        })
        .collect();
    summary.missing = missing.len();

    FillPlan {
        actions,
        rows: reports,
        missing,
        summary,
    }
}

/// A row whose level after filling is not the planned one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub row: usize,
    pub label: String,
    pub expected: Level,
    pub actual: Option<String>,
}

impl FillPlan {
    /// The labels of the scopes the page lacks although every store shows them.
    pub fn missing_everywhere_shown(&self) -> Vec<&'static str> {
        self.missing
            .iter()
            .filter(|m| m.presence == Presence::Always)
            .map(|m| m.label)
            .collect()
    }

    /// The option that shows a chosen row's level: the one the plan chooses, or the one the
    /// row already showed.
    pub fn option_for<'a>(&'a self, row: &'a RowReport) -> Option<&'a str> {
        self.actions
            .iter()
            .find(|a| a.row == row.row)
            .map(|a| a.option.as_str())
            .or(row.current.as_deref())
    }

    /// The rows the plan chose a level for (not left to the user, not a duplicate, not
    /// unusable), each with that level: what the form must show after the fill.
    pub fn chosen(&self) -> impl Iterator<Item = (&RowReport, Level)> {
        self.rows
            .iter()
            .filter(|r| {
                !matches!(
                    r.status,
                    RowStatus::Duplicate | RowStatus::Left | RowStatus::Unavailable
                )
            })
            .filter_map(|r| Some((r, r.target?)))
    }
}

/// Whether a row shows `level`: by the level its current option stands for, or, where
/// that cannot be told (a closed combobox in a language no pack knows), by showing the
/// very option that was chosen for it.
pub fn shows(row: &ObservedRow, level: Level, option: &str) -> bool {
    match row.current_level() {
        Some(shown) => shown == level,
        None => row
            .current
            .as_deref()
            .is_some_and(|c| normalize(c) == normalize(option)),
    }
}

/// Reads the form back after filling: every row the plan chose a level for must show it.
/// Rows are matched by label, so a re-rendered form with the same rows still verifies.
pub fn verify(plan: &FillPlan, after: &[ObservedRow]) -> Vec<Mismatch> {
    plan.chosen()
        .filter_map(|(r, expected)| {
            let row = after.iter().find(|a| a.label.trim() == r.label);
            let actual = row.and_then(|a| a.current.clone());
            let option = plan.option_for(r).unwrap_or_default();
            let ok = row.is_some_and(|a| shows(a, expected, option));
            (!ok).then(|| Mismatch {
                row: r.row,
                label: r.label.clone(),
                expected,
                actual,
            })
        })
        .collect()
}

/// The page as the catalogue describes it: every documented row, each at `current`.
#[cfg(test)]
pub(crate) fn documented_page(current: &str) -> Vec<ObservedRow> {
    catalog::CATALOG
        .iter()
        .filter(|s| s.presence == catalog::Presence::Always)
        .map(|s| {
            let options: Vec<String> = s
                .offered()
                .map(|l| match l {
                    Level::None => "None".to_string(),
                    other => other.as_str().to_string(),
                })
                .collect();
            // A row without None starts at its lowest level.
            let current = if options.iter().any(|o| o == current) {
                current.to_string()
            } else {
                options[0].clone()
            };
            let options: Vec<&str> = options.iter().map(String::as_str).collect();
            ObservedRow::by_caption(s.label, &options, Some(&current))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::{find, parse, shipped};

    /// A note as the English panel writes it.
    fn en(note: Option<Msg>) -> String {
        crate::messages::Messages::english().render(&note.unwrap())
    }

    fn opts(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn page(current: &str) -> Vec<ObservedRow> {
        documented_page(current)
    }

    fn report<'a>(plan: &'a FillPlan, label: &str) -> &'a RowReport {
        plan.rows.iter().find(|r| r.label == label).unwrap()
    }

    #[test]
    fn choose_prefers_the_exact_level() {
        let c = choose(Level::ReadOnly, &opts(&["None", "Read-only", "Modify"])).unwrap();
        assert_eq!(
            (c.level, c.option.as_str(), c.adjustment),
            (Level::ReadOnly, "Read-only", None)
        );
    }

    #[test]
    fn choose_adjusts_down_to_the_most_a_single_level_row_allows() {
        // Wherehouse asks "Customer Login: modify"; the page offers None/login.
        let c = choose(Level::Modify, &opts(&["None", "login"])).unwrap();
        assert_eq!(c.level, Level::Login);
        assert!(en(c.adjustment).contains("most this row allows"));
    }

    #[test]
    fn choose_adjusts_up_to_the_least_level_that_grants_the_request() {
        let c = choose(Level::ReadOnly, &opts(&["None", "modify"])).unwrap();
        assert_eq!(c.level, Level::Modify);
        assert!(en(c.adjustment).contains("least level that grants it"));
        let c = choose(
            Level::Standard,
            &opts(&["None", "read-only", "create preview", "manage"]),
        )
        .unwrap();
        assert_eq!(c.level, Level::CreatePreview);
    }

    #[test]
    fn choose_takes_the_least_level_of_a_row_without_none() {
        // "Metafields Access" offers Standard and full only.
        let c = choose(Level::None, &opts(&["Standard", "full"])).unwrap();
        assert_eq!((c.level, c.option.as_str()), (Level::Standard, "Standard"));
        assert!(en(c.adjustment).contains("no None"));
    }

    #[test]
    fn levels_are_named_with_the_pages_word_when_a_pack_knows_it() {
        assert_eq!(level_word(Level::Modify, Some("modifier")), "modifier");
        assert_eq!(
            level_word(Level::ReadOnly, Some(" lecture seule ")),
            "lecture seule"
        );
        // English words read as presets write them.
        assert_eq!(level_word(Level::Standard, Some("Standard")), "standard");
        assert_eq!(level_word(Level::Modify, Some("MODIFY")), "modify");
        // A word no pack knows (its level told by position), or another level's word.
        assert_eq!(level_word(Level::Modify, Some("mödïfÿ")), "modify");
        assert_eq!(level_word(Level::Modify, Some("lecture seule")), "modify");
        assert_eq!(level_word(Level::None, None), "none");
    }

    #[test]
    fn choose_gives_up_when_nothing_fits() {
        assert_eq!(choose(Level::None, &opts(&["Enabled", "Disabled"])), None);
        assert_eq!(choose(Level::Modify, &opts(&["None", "Enabled"])), None);
        assert_eq!(choose(Level::Modify, &[]), None);
    }

    #[test]
    fn wherehouse_on_a_fresh_page_sets_its_rows_and_adjusts_customer_login() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let plan = plan(wh, &page("None"));
        let login = report(&plan, "Customers login");
        assert_eq!(
            (login.status, login.target),
            (RowStatus::Set, Some(Level::Login))
        );
        assert!(login.adjustment.is_some());
        assert_eq!(report(&plan, "Metafields Access").target, Some(Level::Full));
        assert_eq!(report(&plan, "Carts").status, RowStatus::AlreadyRight);
        // Rows the guide does not list stay at None.
        let logs = report(&plan, "Store logs");
        assert_eq!(
            (logs.status, logs.target),
            (RowStatus::NotInPreset, Some(Level::None))
        );
        assert_eq!(plan.summary.adjusted, 1);
        assert!(plan.missing.is_empty());
        // 13 rows at a level other than None: Channel Settings, Channel Listings, Customers,
        // Customer Login, Fulfillment Methods, Metafield Ownership, Metafields Access, Orders,
        // Order Fulfillment, Order Transactions, Products, Store Inventory, Store Locations.
        assert_eq!(plan.actions.len(), 13);
        assert_eq!(plan.summary.set, 13);
        assert_eq!(plan.summary.already_right, 10);
        assert_eq!(plan.summary.not_in_preset, 4);
    }

    #[test]
    fn actions_name_the_option_as_the_page_writes_it() {
        let ds = find(shipped(), "dropstream").unwrap();
        let mut rows = page("None");
        for row in &mut rows {
            row.options = row.options.iter().map(|o| o.to_uppercase()).collect();
        }
        let plan = plan(ds, &rows);
        let content = plan
            .actions
            .iter()
            .find(|a| rows[a.row].label == "Content")
            .unwrap();
        assert_eq!(content.option, "MODIFY");
    }

    #[test]
    fn rows_missing_from_the_page_and_unknown_rows_are_reported() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let mut rows: Vec<ObservedRow> = page("None")
            .into_iter()
            .filter(|r| r.label != "Orders" && r.label != "Themes")
            .collect();
        rows.push(ObservedRow::by_caption(
            "Widgets Beta",
            &["None", "read-only", "modify"],
            Some("modify"),
        ));
        let plan = plan(wh, &rows);
        // Wherehouse asks "Themes: none": a page without the row satisfies it.
        let missing: Vec<&str> = plan.missing.iter().map(|m| m.label).collect();
        assert_eq!(missing, ["Orders"]);
        // A row nobody identified is left as it is, and reported.
        let widgets = report(&plan, "Widgets Beta");
        assert_eq!((widgets.status, widgets.target), (RowStatus::Unknown, None));
        assert!(plan.actions.iter().all(|a| a.row != rows.len() - 1));
        assert_eq!(plan.summary.unknown, 1);
    }

    #[test]
    fn rows_already_set_elsewhere_are_reset_to_none_when_the_preset_does_not_name_them() {
        let mig = find(shipped(), "migration-from-bigcommerce").unwrap();
        let plan = plan(mig, &page("modify"));
        let themes = report(&plan, "Themes");
        assert_eq!(
            (themes.status, themes.target),
            (RowStatus::NotInPreset, Some(Level::None))
        );
        assert_eq!(report(&plan, "Orders").target, Some(Level::ReadOnly));
    }

    #[test]
    fn a_preset_that_leaves_scopes_to_the_user_touches_none() {
        let hexa = find(shipped(), "hexasync").unwrap();
        let plan = plan(hexa, &page("modify"));
        assert!(plan.actions.is_empty());
        assert!(plan.rows.iter().all(|r| r.status == RowStatus::Left));
    }

    #[test]
    fn label_variants_on_the_page_match() {
        let ds = find(shipped(), "dropstream").unwrap();
        let mut rows = page("None");
        for row in &mut rows {
            row.label = match row.label.as_str() {
                "Customers login" => "Customer Login ".into(),
                "Sites & routes" => "SITES & ROUTES".into(),
                "Get Payment Methods" => "Payments - Get accepted methods".into(),
                other => other.to_lowercase(),
            };
        }
        let plan = plan(ds, &rows);
        assert!(plan.missing.is_empty(), "{:?}", plan.missing);
        assert_eq!(plan.summary.unknown, 0);
        assert_eq!(report(&plan, "Customer Login").target, Some(Level::Login));
    }

    #[test]
    fn duplicate_rows_are_left_alone() {
        let full = find(shipped(), "full-access").unwrap();
        let mut rows = page("None");
        rows.push(rows[0].clone());
        let plan = plan(full, &rows);
        assert_eq!(plan.rows.last().unwrap().status, RowStatus::Duplicate);
        assert!(plan.actions.iter().all(|a| a.row != rows.len() - 1));
    }

    #[test]
    fn verify_finds_rows_that_did_not_take_or_reverted() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let before = page("None");
        let plan = plan(wh, &before);
        let mut after = before.clone();
        for a in &plan.actions {
            after[a.row].current = Some(a.option.clone());
        }
        assert!(verify(&plan, &after).is_empty());
        let orders = after.iter().position(|r| r.label == "Orders").unwrap();
        after[orders].current = Some("None".into());
        let mismatches = verify(&plan, &after);
        assert_eq!(mismatches.len(), 1);
        assert_eq!(
            (mismatches[0].label.as_str(), mismatches[0].expected),
            ("Orders", Level::Modify)
        );
    }

    #[test]
    fn custom_presets_plan_like_shipped_ones() {
        let p = parse(
            "mine.json",
            r#"{"id":"mine","name":"Mine","account_name":"Mine app",
            "scopes":{"Products":"read-only"},
            "layouts":[{"name":"x","fields":[{"label":"Token","value":"access_token"}]}]}"#,
            false,
        )
        .unwrap();
        let plan = plan(&p, &page("None"));
        // Products only: "Metafields Access" has no None and already shows its least level.
        assert_eq!(plan.actions.len(), 1);
        assert_eq!(plan.summary.not_in_preset, 25);
        assert_eq!(plan.summary.adjusted, 1);
        let meta = report(&plan, "Metafields Access");
        assert_eq!(
            (meta.status, meta.target),
            (RowStatus::NotInPreset, Some(Level::Standard))
        );
    }
}
