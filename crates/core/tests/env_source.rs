//! "Copy all as .env" pasted into a file and `source`d by bash gives back every value as it
//! was, and runs nothing: `$(…)`, backticks, `$VAR`, quotes of both kinds, backslashes and
//! spaces stay text.

use std::path::PathBuf;
use std::process::Command;

use scopefill_core::secret::Secret;
use scopefill_core::target::{to_env, FieldValue, ValueKind};

fn field(label: &str, value: &str) -> FieldValue {
    FieldValue {
        label: label.into(),
        kind: ValueKind::AccessToken,
        value: Some(Secret::new(value)),
        secret: true,
        derived: false,
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scopefill-env-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[test]
fn sourced_by_bash_every_value_comes_back_and_nothing_runs() {
    let dir = scratch("roundtrip");
    let marker = dir.join("ran");
    let marker_text = marker.display().to_string();
    let values = [
        ("Client ID", "plain0123456789".to_string()),
        ("Client Secret", format!("$(touch {marker_text}) and more")),
        ("Access Token", format!("`touch {marker_text}`")),
        (
            "API Path",
            "it's a \"quoted\" 'value' with  two spaces".to_string(),
        ),
        (
            "Store Hash",
            r"back\slash \$HOME $HOME ${HOME} \n".to_string(),
        ),
        ("Account Name", "'".to_string()),
        ("Note", "ends with a quote'".to_string()),
        ("Tabs", "a\tb; echo x | cat && false".to_string()),
    ];
    let fields: Vec<FieldValue> = values.iter().map(|(l, v)| field(l, v)).collect();
    let env = to_env(&fields);
    let file = dir.join("creds.env");
    std::fs::write(&file, &env).expect("write the .env file");

    // Each variable printed NUL-terminated, so any byte a value holds comes back exactly.
    let names: Vec<String> = env
        .lines()
        .map(|l| l.split('=').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names.len(), values.len(), "{env}");
    let print: String = names
        .iter()
        .map(|n| format!("printf '%s\\0' \"${n}\"; "))
        .collect();
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("source \"$1\" && {print}"))
        .arg("bash")
        .arg(&file)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<String> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .split_terminator('\0')
        .map(str::to_string)
        .collect();
    let want: Vec<String> = values.iter().map(|(_, v)| v.clone()).collect();
    assert_eq!(got, want);
    assert!(!marker.exists(), "sourcing the .env file ran a command");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_old_double_quoted_form_would_have_run_the_command() {
    // The check above can fail: the same value double-quoted, as before, does run.
    let dir = scratch("control");
    let marker = dir.join("ran");
    let file = dir.join("old.env");
    std::fs::write(
        &file,
        format!(
            "BIGCOMMERCE_CLIENT_SECRET=\"$(touch {})\"\n",
            marker.display()
        ),
    )
    .expect("write");
    let status = Command::new("bash")
        .arg("-c")
        .arg("source \"$1\"")
        .arg("bash")
        .arg(&file)
        .status()
        .expect("bash runs");
    assert!(status.success());
    assert!(marker.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
