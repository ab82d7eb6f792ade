//! Adding a preset is adding its file to `crates/core/presets/`: build.rs ships every file
//! there. This pins the rest of what a newcomer must do: the file loads, and the README's
//! table of shipped presets names it (the seed and source tables pin its rows:
//! `source_tables::every_shipped_preset_with_a_guide_has_a_source_table_or_a_seed`).

use std::collections::BTreeSet;
use std::path::Path;

use scopefill_core::preset::{shipped, SHIPPED_FILES};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn every_file_in_the_presets_folder_is_shipped_and_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("crates/core/presets")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".json"))
        .collect();
    let listed: BTreeSet<String> = SHIPPED_FILES.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(files, listed, "build.rs ships every file in presets/");
    assert_eq!(shipped().len(), files.len(), "every shipped file loads");
}

#[test]
fn the_readme_names_every_shipped_preset_in_its_table() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let table: Vec<&str> = readme
        .split("## Shipped presets")
        .nth(1)
        .expect("a Shipped presets section")
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    for preset in shipped() {
        assert!(
            table.iter().any(|row| row.contains(preset.name.as_str())),
            "README.md's Shipped presets table has no row for {:?} ({})",
            preset.name,
            preset.id
        );
    }
}
