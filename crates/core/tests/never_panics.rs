//! Property tests: the parsers take arbitrary input and never panic.

use proptest::prelude::*;
use scopefill_core::credentials::{from_pairs, from_text};
use scopefill_core::identify::RowShape;
use scopefill_core::plan::{observe, plan, ObservedRow};
use scopefill_core::preset::{parse, shipped};
use scopefill_core::target_form::{self, FieldOutline, FrameOutline, PageOutline};

const LABELS: &[&str] = &[
    "CLIENT ID",
    "Client Secret",
    "ACCESS TOKEN",
    "API PATH",
    "NAME",
    "Copy",
    "",
    ":",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn credential_text_never_panics(text in any::<String>()) {
        let _ = from_text(&text);
    }

    #[test]
    fn credential_like_text_never_panics(parts in prop::collection::vec((0..LABELS.len(), any::<String>(), "[:\r\n ]{0,3}"), 0..12)) {
        let text: String = parts.iter().map(|(i, v, sep)| format!("{}{sep}{v}\n", LABELS[*i])).collect();
        if let Ok(parsed) = from_text(&text) {
            // Whatever was read, debug output never carries the secrets.
            let debug = format!("{parsed:?}");
            if let Some(s) = parsed.credentials.client_secret.as_ref().filter(|s| s.expose().len() > 3) {
                let quoted = format!("{:?}", s.expose());
                prop_assert!(!debug.contains(&quoted));
            }
        }
    }

    #[test]
    fn credential_pairs_never_panic(pairs in prop::collection::vec((any::<String>(), any::<String>()), 0..8)) {
        let _ = from_pairs(pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
    }

    #[test]
    fn preset_text_never_panics(text in any::<String>()) {
        let _ = parse("fuzz.json", &text, false);
    }

    #[test]
    fn preset_like_json_never_panics(
        id in "[a-zA-Z -]{0,12}",
        key in any::<String>(),
        level in any::<String>(),
        kind in "[a-z_]{0,14}",
    ) {
        let json = serde_json::json!({
            "id": id, "name": "n", "account_name": "name",
            "scopes": { key: level },
            "layouts": [{ "name": "x", "fields": [{ "label": "l", "value": kind }] }]
        });
        let _ = parse("fuzz.json", &json.to_string(), false);
    }

    #[test]
    fn planning_arbitrary_rows_never_panics(rows in prop::collection::vec((any::<String>(), prop::collection::vec(any::<String>(), 0..5), prop::option::of(any::<String>())), 0..40)) {
        let shapes: Vec<RowShape> = rows
            .iter()
            .map(|(caption, options, current)| RowShape { caption, options: Some(options), current: current.as_deref() })
            .collect();
        let rows: Vec<ObservedRow> = observe(&shapes);
        for preset in shipped() {
            let p = plan(preset, &rows);
            for action in &p.actions {
                prop_assert!(action.row < rows.len());
                prop_assert!(rows[action.row].options.contains(&action.option));
            }
        }
    }

    #[test]
    fn target_outline_text_never_panics(text in any::<String>()) {
        let _ = target_form::read_frames::<scopefill_core::json::SerdeJson>(&text);
    }

    #[test]
    fn target_planning_arbitrary_fields_never_panics(
        url in any::<String>(),
        fields in prop::collection::vec((any::<String>(), any::<String>(), any::<String>(), any::<bool>()), 0..12),
        choices in prop::collection::vec(any::<String>(), 0..3),
    ) {
        let fields: Vec<FieldOutline> = fields
            .into_iter()
            .enumerate()
            .map(|(i, (label, name, value, visible))| FieldOutline {
                ref_: i as u32,
                tag: "input".into(),
                label,
                name,
                value,
                visible,
                ..FieldOutline::default()
            })
            .collect();
        let frames = [FrameOutline { frame_id: 0, page: PageOutline { url, fields, choices, ..PageOutline::default() } }];
        let creds = scopefill_core::credentials::Credentials::default();
        let plan = target_form::plan(&frames, shipped(), Some("celigo"), &creds);
        for f in &plan.fields {
            prop_assert!((f.ref_ as usize) < frames[0].page.fields.len());
        }
    }
}
