//! `make test` runs the copyover harness (src/bin/copyover-test.rs) at a
//! small N: every copyover path against the real binary over TCP.

use std::process::Command;

#[test]
fn copyover_keeps_everyone_and_everything() {
    let areas = concat!(env!("CARGO_MANIFEST_DIR"), "/areas");
    let out = Command::new(env!("CARGO_BIN_EXE_copyover-test"))
        .args([
            "--bin",
            env!("CARGO_BIN_EXE_gracemud"),
            "--areas",
            areas,
            "-n",
            "8",
        ])
        .output()
        .expect("run copyover-test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "copyover-test failed:\n{stdout}\n{}",
        stderr
            .lines()
            .filter(|l| !l.contains(" INFO "))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}
