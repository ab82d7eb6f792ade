//! Every preset made from an integrator's public guide, row by row, against the small table
//! of facts in `tests/sources/` (see its README). The tables are read here, independently of
//! the presets, so a typo in either fails; every row compared is printed.

use std::collections::BTreeMap;

use scopefill_core::catalog::{self, Scope};
use scopefill_core::level::Level;
use scopefill_core::preset::{find, shipped, OtherScopes, Preset};
use scopefill_core::target::ValueKind;
use scopefill_core::text::normalize;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/sources");

/// One table file.
struct Source {
    file: String,
    address: String,
    presets: Vec<String>,
    checked: String,
    other_scopes: OtherScopes,
    /// None when the guide names no form fields.
    fields: Option<Vec<String>>,
    /// (scope as written, one level word per preset column).
    rows: Vec<(String, Vec<String>)>,
}

fn read_sources() -> Vec<Source> {
    let mut files: Vec<_> = std::fs::read_dir(DIR)
        .unwrap_or_else(|e| panic!("{DIR}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files.iter().map(|p| parse_source(p)).collect()
}

fn parse_source(path: &std::path::Path) -> Source {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let line = |key: &str| -> String {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("{file}: no {key:?} line"))
    };
    let list = |value: String| -> Vec<String> {
        value
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let presets = list(line("presets:"));
    let other_scopes = match line("other scopes:").as_str() {
        "none" => OtherScopes::None,
        "leave" => OtherScopes::Leave,
        other => panic!("{file}: other scopes: {other:?}"),
    };
    let fields = match line("fields:").as_str() {
        "none named" => None,
        named => Some(list(named.to_string())),
    };
    // Table lines: the header, the |---| separator, then the rows.
    let rows: Vec<(String, Vec<String>)> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .skip(2)
        .map(|l| {
            let cells: Vec<String> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            assert_eq!(
                cells.len(),
                presets.len() + 1,
                "{file}: {l:?} needs a scope and one level per preset"
            );
            (cells[0].clone(), cells[1..].to_vec())
        })
        .collect();
    assert!(!rows.is_empty(), "{file}: no rows");
    Source {
        address: line("address:"),
        checked: line("checked:"),
        presets,
        other_scopes,
        fields,
        rows,
        file,
    }
}

/// The level a guide's word asks for on a row. A row with a single level gets that level
/// for any word but None: guides write "Get" or "modify" where the page offers only
/// "read-only" or "login".
fn guide_level(file: &str, scope: &Scope, word: &str) -> Level {
    match Level::parse(word) {
        Ok(Level::None) => Level::None,
        Ok(level) if scope.levels.len() != 1 => level,
        _ => match scope.levels {
            [(only, _)] => *only,
            _ => panic!("{file}: {:?}: unknown level {word:?}", scope.label),
        },
    }
}

/// What one table asks for on a scope: its file, the row as written, the level it means.
type Asked<'a> = (&'a str, String, Level);

/// Each preset named by a table, with the level every table asks for on each scope.
struct Wanted<'a> {
    sources: Vec<&'a Source>,
    /// Scope id → (each table's file, word and level), in the order the tables list them.
    rows: Vec<(&'static str, Vec<Asked<'a>>)>,
}

fn by_preset(sources: &[Source]) -> BTreeMap<String, Wanted<'_>> {
    let mut out: BTreeMap<String, Wanted<'_>> = BTreeMap::new();
    for source in sources {
        for (column, id) in source.presets.iter().enumerate() {
            let wanted = out.entry(id.clone()).or_insert_with(|| Wanted {
                sources: Vec::new(),
                rows: Vec::new(),
            });
            wanted.sources.push(source);
            for (label, words) in &source.rows {
                let scope = catalog::find(label)
                    .unwrap_or_else(|| panic!("{}: {label:?} is not a known scope", source.file));
                let word = &words[column];
                let level = guide_level(&source.file, scope, word);
                let said = (source.file.as_str(), format!("{label}: {word}"), level);
                match wanted.rows.iter_mut().find(|(id, _)| *id == scope.id) {
                    Some((_, asked)) => asked.push(said),
                    None => wanted.rows.push((scope.id, vec![said])),
                }
            }
        }
    }
    out
}

/// The value a form field's label names, as the target's form words it.
fn value_named(label: &str) -> ValueKind {
    match normalize(label).as_str() {
        "apipath" => ValueKind::ApiPath,
        "storehash" | "storehashkey" => ValueKind::StoreHash,
        "clientid" => ValueKind::ClientId,
        "clientsecret" => ValueKind::ClientSecret,
        "accesstoken" => ValueKind::AccessToken,
        other => panic!("no value is named {other:?}"),
    }
}

const FULL_LAYOUT: [(&str, ValueKind); 5] = [
    ("API Path", ValueKind::ApiPath),
    ("Store Hash", ValueKind::StoreHash),
    ("Client ID", ValueKind::ClientId),
    ("Client Secret", ValueKind::ClientSecret),
    ("Access Token", ValueKind::AccessToken),
];

fn check_preset(preset: &Preset, wanted: &Wanted<'_>) {
    let id = preset.id.as_str();
    let files: Vec<&str> = wanted.sources.iter().map(|s| s.file.as_str()).collect();
    println!("{id}: {} ({})", preset.name, files.join(", "));
    for source in &wanted.sources {
        println!("  {}: {} — {}", source.file, source.address, source.checked);
    }
    let guide = preset.guide.as_deref().unwrap_or("(none)");
    assert!(
        wanted.sources.iter().any(|s| s.address == guide),
        "{id}: guide {guide} is not the address of any of {files:?}"
    );

    // Every scope a table names, at the level it asks for; where tables disagree, the highest.
    for (scope_id, asked) in &wanted.rows {
        let expected = asked
            .iter()
            .map(|(_, _, level)| *level)
            .max_by_key(|l| l.rank())
            .unwrap_or(Level::None);
        let got = preset.level_for(scope_id);
        let label = catalog::by_id(scope_id).map_or(*scope_id, |s| s.label);
        let said: Vec<String> = asked
            .iter()
            .map(|(file, written, level)| format!("{file} “{written}” → {level}"))
            .collect();
        println!(
            "    {label:<46} preset: {:<10} {}",
            got.map_or("(absent)", Level::as_str),
            said.join("; ")
        );
        assert_eq!(got, Some(expected), "{id}: {label}");
        let differ = asked.iter().any(|(_, _, l)| *l != expected);
        if differ {
            // The note must say why the preset picked one of the guides' levels.
            let note = preset.note.as_deref().unwrap_or("");
            assert!(
                normalize(note).contains(&normalize(label)),
                "{id}: the tables differ on {label}; the note must say which level was kept and why: {note}"
            );
        }
    }
    assert_eq!(
        preset.scopes.len(),
        wanted.rows.len(),
        "{id}: the preset sets scopes no table names"
    );

    for source in &wanted.sources {
        assert_eq!(
            preset.other_scopes, source.other_scopes,
            "{id}: other scopes, per {}",
            source.file
        );
        let layout = &preset.layouts[0];
        let shown: Vec<(&str, ValueKind)> = layout
            .fields
            .iter()
            .map(|f| (f.label.as_str(), f.value))
            .collect();
        match &source.fields {
            Some(named) => {
                let asked: Vec<(&str, ValueKind)> =
                    named.iter().map(|l| (l.as_str(), value_named(l))).collect();
                println!("    fields per {}: {named:?}", source.file);
                assert_eq!(shown, asked, "{id}: fields, per {}", source.file);
            }
            None => {
                println!("    fields per {}: none named: every value", source.file);
                assert_eq!(shown, FULL_LAYOUT, "{id}: the full layout");
            }
        }
    }
}

#[test]
fn every_source_table_matches_its_presets_row_by_row() {
    let sources = read_sources();
    assert!(sources.len() >= 13, "{} tables", sources.len());
    let wanted = by_preset(&sources);
    for (id, wanted) in &wanted {
        let preset = find(shipped(), id).unwrap_or_else(|| panic!("no shipped preset {id:?}"));
        check_preset(preset, wanted);
    }
    // The ten integrations of issue 10 and the two migration presets.
    let ids: Vec<&str> = wanted.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "api2cart",
            "despatch-cloud",
            "ipaas",
            "migration-from-bigcommerce",
            "migration-to-bigcommerce",
            "rebillia",
            "starship",
            "starshipit",
            "stone-edge",
            "synchup",
            "violet",
        ]
    );
}

#[test]
fn every_shipped_preset_with_a_guide_has_a_source_table_or_a_seed() {
    let sources = read_sources();
    let tabled: Vec<&str> = sources
        .iter()
        .flat_map(|s| s.presets.iter().map(String::as_str))
        .collect();
    // Checked against the seeds by tests/seed_tables.rs.
    let seeded = ["wherehouse", "dropstream", "celigo", "hexasync"];
    for preset in shipped().iter().filter(|p| p.guide.is_some()) {
        assert!(
            tabled.contains(&preset.id.as_str()) || seeded.contains(&preset.id.as_str()),
            "{}: no table in tests/sources/",
            preset.id
        );
    }
}

#[test]
fn the_migration_presets_are_found_by_both_tools_names() {
    for id in ["migration-to-bigcommerce", "migration-from-bigcommerce"] {
        let preset = find(shipped(), id).unwrap_or_else(|| panic!("{id}"));
        for tool in ["next", "Next-Cart", "litextension"] {
            assert!(
                scopefill_core::picker::matches(&preset.name, tool),
                "{}: {tool}",
                preset.name
            );
        }
    }
}

#[test]
fn the_picker_lists_integrations_by_name_then_the_generic_presets() {
    let names: Vec<&str> = shipped().iter().map(|p| p.name.as_str()).collect();
    let (integrations, generic) = names.split_at(names.len() - 2);
    assert_eq!(generic, ["Read-only everything", "Full access"]);
    let mut sorted = integrations.to_vec();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(integrations, sorted.as_slice());
    assert_eq!(shipped().len(), 17);
}
