//! The fill report the user reads: a headline and one line per row that needs attention.

use serde::Serialize;

use crate::catalog::{self, Presence};
use crate::guard::UserChange;
use crate::identify::Placement;
use crate::level::Level;
use crate::messages::{list, msg, Messages, Msg};
use crate::plan::{level_word, FillPlan, Mismatch, RowReport, RowStatus};

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
    /// `message`, rendered.
    pub text: String,
    /// What the line says, to render in another language.
    pub message: Msg,
}

/// A fill report: what [`describe`] decided, as catalogue messages, and those messages
/// rendered (in English, until [`Report::render`] renders them in another language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    /// Rows recognised by their position, not their caption: the user should check them.
    pub to_check: usize,
    pub headline: String,
    /// What a screen reader announces: the headline and the rows that need a look, by name.
    pub announcement: String,
    pub items: Vec<Item>,
    /// `headline`, to render in another language.
    pub message: Msg,
}

impl Report {
    /// The same report, its texts rendered from `messages`.
    pub fn render(&self, messages: &Messages) -> Report {
        let items: Vec<Item> = self
            .items
            .iter()
            .map(|item| Item {
                text: messages.render(&item.message),
                ..item.clone()
            })
            .collect();
        Report {
            ok: self.ok,
            to_check: self.to_check,
            headline: messages.render(&self.message),
            announcement: messages.render(&announce(&self.message, &items)),
            items,
            message: self.message.clone(),
        }
    }
}

/// From this many rows nobody identified, the layout counts as not recognised: reported
/// once, not row by row (one or two are new rows on a page otherwise known).
const LAYOUT_REFUSED: usize = 3;

/// `1 <one>` or `<n> <many>`: the catalogue's two keys for a count.
fn count(n: usize, one: &str, many: &str) -> Msg {
    if n == 1 {
        msg!(one)
    } else {
        msg!(many, n)
    }
}

/// A level a row shows or is set to: the page's word for it where the plan knows it.
fn shown_level(plan: &FillPlan, row: &RowReport, level: Level) -> String {
    level_word(level, plan.option_for(row))
}

/// Describes a fill: `reapplied` are rows the page reverted and that were set again,
/// `errors` are (row label, what went wrong) for actions the page refused, `by_user` the
/// rows the user set themselves after the fill. Its texts are English; [`Report::render`]
/// gives them in another language.
pub fn describe(
    plan: &FillPlan,
    reapplied: &[String],
    mismatches: &[Mismatch],
    errors: &[(String, Msg)],
    by_user: &[UserChange],
) -> Report {
    let s = &plan.summary;
    let mut parts = vec![
        count(s.set, "report_rowsSetOne", "report_rowsSet"),
        msg!("report_alreadyRight", s.already_right),
    ];
    if s.not_in_preset > 0 {
        parts.push(msg!("report_leftAtNone", s.not_in_preset));
    }
    if s.adjusted > 0 {
        parts.push(msg!("report_adjusted", s.adjusted));
    }
    let mut items = Vec::new();
    // Many rows nobody could identify: the page's layout was not recognised. Said once, with
    // the preset's rows it leaves unset, rather than row by row.
    let unidentified = plan
        .rows
        .iter()
        .filter(|r| matches!(r.placed, Placement::Ambiguous | Placement::Unexpected))
        .count();
    let layout_refused = unidentified >= LAYOUT_REFUSED;
    if layout_refused {
        let unset = plan.missing_everywhere_shown();
        let mut said = vec![msg!("report_notRecognised", unidentified)];
        if !unset.is_empty() {
            said.push(msg!("report_notSet", list(unset)));
        }
        items.extend(said.into_iter().map(|message| Item {
            kind: ItemKind::Problem,
            row: String::new(),
            text: String::new(),
            message,
        }));
    }
    let mut problem = |row: &str, rest: Msg| {
        items.push(Item {
            kind: ItemKind::Problem,
            row: row.to_string(),
            text: String::new(),
            message: msg!("report_item", row, rest),
        })
    };
    for m in plan
        .missing
        .iter()
        .filter(|m| m.presence != Presence::SomeStores)
    {
        if layout_refused && m.presence == Presence::Always {
            continue;
        }
        let key = if m.presence == Presence::NotOnStorePage {
            "report_notOnStorePage"
        } else {
            "report_notOnPage"
        };
        problem(m.label, msg!(key, m.level.as_str()));
    }

    for m in mismatches {
        let expected = match plan.rows.iter().find(|r| r.row == m.row) {
            Some(row) => shown_level(plan, row, m.expected),
            None => m.expected.as_str().to_string(),
        };
        let shows = match &m.actual {
            Some(actual) => msg!("", actual),
            None => msg!("report_nothing"),
        };
        problem(&m.label, msg!("report_shows", shows, expected));
    }
    for (label, error) in errors {
        if !mismatches.iter().any(|m| &m.label == label) {
            problem(label, error.clone());
        }
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| r.placed == Placement::Ambiguous && !layout_refused)
    {
        problem(&r.label, msg!("report_ambiguous"));
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
                .unwrap_or_else(|| msg!("report_noUsableOption")),
        );
    }
    let mut notice = |row: &str, rest: Msg| {
        items.push(Item {
            kind: ItemKind::Notice,
            row: row.to_string(),
            text: String::new(),
            message: msg!("report_item", row, rest),
        })
    };
    for r in plan
        .rows
        .iter()
        .filter(|r| r.status != RowStatus::Unavailable)
    {
        if let Some(note) = &r.adjustment {
            let requested = r.requested.unwrap_or(Level::None);
            let target = match r.target {
                Some(target) => shown_level(plan, r, target),
                None => "?".to_string(),
            };
            notice(
                &r.label,
                msg!("report_setFor", target, requested.as_str(), note.clone()),
            );
        }
    }
    for m in plan
        .missing
        .iter()
        .filter(|m| m.presence == Presence::SomeStores)
    {
        notice(m.label, msg!("report_someStoresOnly", m.level.as_str()));
    }
    for r in plan
        .rows
        .iter()
        .filter(|r| r.placed == Placement::Unexpected && !layout_refused)
    {
        notice(&r.label, msg!("report_unknownScope"));
    }
    for label in reapplied {
        if !mismatches.iter().any(|m| &m.label == label)
            && !by_user.iter().any(|c| &c.label == label)
        {
            notice(label, msg!("report_reverted"));
        }
    }
    for change in by_user {
        let shows = match &change.shows {
            Some(shows) => msg!("", shows),
            None => msg!("report_nothing"),
        };
        notice(&change.label, msg!("report_changedByYou", shows));
    }
    // Rows told by their place among the others: named with the scope they were taken for.
    for r in plan.rows.iter().filter(|r| r.placed == Placement::Position) {
        let Some(scope) = r.scope.and_then(catalog::by_id) else {
            continue;
        };
        let level = match (r.status, r.target) {
            (RowStatus::Left, _) | (_, None) => msg!("report_leftAsItIs"),
            (_, Some(level)) => msg!("", shown_level(plan, r, level)),
        };
        items.push(Item {
            kind: ItemKind::Notice,
            row: r.label.clone(),
            text: String::new(),
            message: msg!("report_itemPosition", &r.label, scope.label, level),
        });
    }
    let ok = items.iter().all(|i| i.kind == ItemKind::Notice);
    let summary = list(parts);
    let mut headline = if ok {
        msg!("report_headlineOk", summary)
    } else {
        let n = items.iter().filter(|i| i.kind == ItemKind::Problem).count();
        if n == 1 {
            msg!("report_headlineProblemsOne", summary)
        } else {
            msg!("report_headlineProblems", n, summary)
        }
    };
    if s.by_position > 0 {
        headline = if s.by_position == 1 {
            msg!("report_byPositionOne", headline)
        } else {
            msg!("report_byPosition", headline, s.by_position)
        };
    }
    Report {
        ok,
        to_check: s.by_position,
        headline: String::new(),
        announcement: String::new(),
        items,
        message: headline,
    }
    .render(Messages::english())
}

/// The headline, then the rows by name: those with a problem first, then those done
/// differently from the preset's words.
fn announce(headline: &Msg, items: &[Item]) -> Msg {
    let mut out = headline.clone();
    for (kind, key) in [
        (ItemKind::Problem, "report_announceCheck"),
        (ItemKind::Notice, "report_announceNoted"),
    ] {
        let mut rows: Vec<&str> = Vec::new();
        // Rows placed by position are counted in the headline; naming each would drown it.
        let named = items
            .iter()
            .filter(|i| i.message.key != "report_itemPosition");
        for item in named.filter(|i| i.kind == kind && !i.row.is_empty()) {
            if !rows.contains(&item.row.as_str()) {
                rows.push(&item.row);
            }
        }
        if !rows.is_empty() {
            out = msg!(key, out, list(rows));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{documented_page, plan, ObservedRow};
    use crate::preset::{find, parse, shipped};

    use crate::messages::catalogue;

    /// The documented page as a French control panel draws it: captions and level words
    /// from the French pack.
    fn french_page() -> Vec<ObservedRow> {
        let fr = crate::lang::pack_for("fr-FR").unwrap();
        let word = |level: Level| {
            fr.level(level)
                .map(|w| w.first().to_string())
                .unwrap_or_else(|| level.as_str().to_string())
        };
        documented_page("None")
            .iter()
            .map(|row| {
                let caption = fr.scope(row.scope.unwrap()).unwrap().first();
                let options: Vec<String> = row.levels.iter().map(|l| word(l.unwrap())).collect();
                let current = word(row.current_level().unwrap());
                let options: Vec<&str> = options.iter().map(String::as_str).collect();
                ObservedRow::by_caption(caption, &options, Some(&current))
            })
            .collect()
    }

    /// Every text of a report: headline, announcement, items.
    fn texts(r: &Report) -> Vec<&str> {
        let mut all = vec![r.headline.as_str(), r.announcement.as_str()];
        all.extend(r.items.iter().map(|i| i.text.as_str()));
        all
    }

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
            &[("Products".into(), msg!("panel_errNoOption", "modify"))],
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
        assert_eq!(r.to_check, 27);
        // The status region counts them, and names only the rows adjusted or noted.
        assert!(!r.announcement.contains("Cöntént"), "{}", r.announcement);
        assert!(texts.contains(&"Ordérs → Orders: modify"), "{texts:?}");
    }

    /// A report with every kind of line: a missing row, a mismatch, a refused action, an
    /// adjustment, a row the page reverted, a row the user changed.
    fn busy_report() -> Report {
        let wh = find(shipped(), "wherehouse").unwrap();
        let p = plan(wh, &page());
        let carts = p.rows.iter().find(|r| r.label == "Carts").unwrap();
        let mismatch = Mismatch {
            row: carts.row,
            label: "Carts".into(),
            expected: Level::None,
            actual: None,
        };
        let mine = UserChange {
            label: "Products".into(),
            shows: Some("read-only".into()),
        };
        describe(
            &p,
            &["Themes".into()],
            &[mismatch],
            &[("Content".into(), msg!("panel_errNoOption", "modify"))],
            &[mine],
        )
    }

    #[test]
    fn a_report_renders_in_french_with_its_placeholders_filled() {
        let en = busy_report();
        let fr = en.render(&catalogue("fr"));
        // The same decisions, in other words.
        assert_eq!(fr.ok, en.ok);
        assert_eq!(fr.message, en.message);
        let rows = |r: &Report| -> Vec<(ItemKind, String)> {
            r.items.iter().map(|i| (i.kind, i.row.clone())).collect()
        };
        assert_eq!(rows(&fr), rows(&en));
        assert!(
            fr.headline.starts_with(
                "Formulaire rempli avec des problèmes\u{a0}: 3 (lignes définies\u{a0}: 12, déjà correctes\u{a0}: 10, laissées sur Aucun\u{a0}: 4, ajustées\u{a0}: 1)."
            ),
            "{}",
            fr.headline
        );
        let items: Vec<&str> = fr.items.iter().map(|i| i.text.as_str()).collect();
        for expected in [
            "Orders\u{a0}: absente de cette page (le préréglage demande «\u{a0}modify\u{a0}»)",
            "Carts\u{a0}: affiche «\u{a0}rien\u{a0}», attendu «\u{a0}none\u{a0}»",
            "Content\u{a0}: aucune option «\u{a0}modify\u{a0}»",
            "Themes\u{a0}: la page l’a rétablie\u{202f}; définie à nouveau",
            "Products\u{a0}: modifiée par vous en «\u{a0}read-only\u{a0}»",
        ] {
            assert!(items.contains(&expected), "{expected}\n{items:#?}");
        }
        assert!(
            items.iter().any(|t| t.starts_with(
                "Customers login\u{a0}: définie sur «\u{a0}login\u{a0}» au lieu de «\u{a0}modify\u{a0}»\u{a0}: la page ne propose pas"
            )),
            "{items:#?}"
        );
        assert!(
            fr.announcement.starts_with(&fr.headline)
                && fr
                    .announcement
                    .contains(" À vérifier\u{a0}: Orders, Carts, Content.")
                && fr.announcement.contains(" Ajustées ou signalées\u{a0}: "),
            "{}",
            fr.announcement
        );
        for text in texts(&fr) {
            assert!(!text.contains('$'), "{text}");
            assert!(
                !text.contains("report_") && !text.contains("panel_"),
                "{text}"
            );
        }
        // Rendering again in English gives back the English report.
        assert_eq!(fr.render(Messages::english()), en);
    }

    #[test]
    fn every_language_fills_every_placeholder_and_leaves_no_key_behind() {
        let position = {
            let wh = find(shipped(), "wherehouse").unwrap();
            let rows = documented_page("None");
            let captions: Vec<String> = rows.iter().map(|r| r.label.replace('o', "ö")).collect();
            let shapes: Vec<crate::identify::RowShape> = rows
                .iter()
                .zip(&captions)
                .map(|(r, caption)| crate::identify::RowShape {
                    caption,
                    options: Some(&r.options),
                    current: r.current.as_deref(),
                })
                .collect();
            describe(
                &plan(wh, &crate::plan::observe(&shapes)),
                &[],
                &[],
                &[],
                &[],
            )
        };
        let english = [busy_report(), position];
        for locale in crate::messages::LOCALES {
            let messages = catalogue(locale);
            for en in &english {
                let r = en.render(&messages);
                for text in texts(&r) {
                    assert!(!text.is_empty(), "{locale}");
                    assert!(!text.contains('$'), "{locale}: {text}");
                    assert!(
                        !text.contains("report_") && !text.contains("panel_"),
                        "{locale}: {text}"
                    );
                }
                if locale != "en" {
                    assert_ne!(r.headline, en.headline, "{locale}");
                    assert_ne!(r.announcement, en.announcement, "{locale}");
                } else {
                    assert_eq!(&r, en);
                }
            }
        }
    }

    #[test]
    fn levels_are_named_with_the_pages_words_where_the_page_is_not_english() {
        let wh = find(shipped(), "wherehouse").unwrap();
        let p = plan(wh, &french_page());
        assert!(p.missing.is_empty(), "{:?}", p.missing);
        let orders = p.rows.iter().find(|r| r.label == "Commandes").unwrap();
        let mismatch = Mismatch {
            row: orders.row,
            label: "Commandes".into(),
            expected: Level::Modify,
            actual: Some("Aucun".into()),
        };
        let r = describe(&p, &[], &[mismatch], &[], &[]);
        let texts: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
        // The preset's own words stay English; what the page offers is named as it shows it.
        assert!(
            texts.contains(&"Connexion des clients: set to 'connexion' for 'modify': the page offers no 'modify'; 'connexion' is the most this row allows"),
            "{texts:#?}"
        );
        assert!(
            texts.contains(&"Commandes: shows 'Aucun', expected 'modifier'"),
            "{texts:#?}"
        );
    }

    #[test]
    fn a_layout_nobody_could_recognise_is_reported_once_not_row_by_row() {
        use crate::identify::RowShape;
        use crate::plan::observe;
        let wh = find(shipped(), "wherehouse").unwrap();
        let mut rows = documented_page("None");
        rows.retain(|r| r.label != "Themes"); // a row missing in the middle
        let accent = |t: &str| t.replace('o', "ö").replace('e', "é").replace('a', "å");
        let captions: Vec<String> = rows.iter().map(|r| accent(&r.label)).collect();
        let options: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.options.iter().map(|o| accent(o)).collect())
            .collect();
        let shapes: Vec<RowShape> = captions
            .iter()
            .zip(&options)
            .map(|(caption, options)| RowShape {
                caption,
                options: Some(options),
                current: options.first().map(String::as_str),
            })
            .collect();
        let p = plan(wh, &observe(&shapes));
        assert!(p.actions.is_empty());
        let r = describe(&p, &[], &[], &[], &[]);
        assert!(!r.ok);
        let texts: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("26 rows could not be recognised, by caption or by position"));
        assert!(
            texts[1].starts_with(
                "Not set, because their rows were not recognised: Channel settings, Channel listings,"
            ),
            "{}",
            texts[1]
        );
        assert!(
            r.headline.starts_with("Filled with 2 problems"),
            "{}",
            r.headline
        );
    }
}
