//! A tiny smoke run of the load generator (`gracemud-load`) against a
//! freshly started server: a few clients for a few seconds must all log in
//! through the real dialogue, get replies to their commands (round trips
//! measured) and never be dropped. Speed is measured by `make bench`, not
//! here.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The number after `"key": ` in the generator's flat JSON object.
fn field(json: &str, key: &str) -> Option<f64> {
    let pat = format!("\"{key}\": ");
    let rest = &json[json.find(&pat)? + pat.len()..];
    let end = rest.find([',', '}'])?;
    rest[..end].trim().parse().ok()
}

#[test]
fn generator_logs_in_every_client_and_measures_round_trips() {
    let server = common::Server::start().unwrap_or_else(|e| panic!("server did not start: {e}"));
    let clients = 4;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gracemud-load"))
        .args(["-p", &server.port.to_string()])
        .args(["-n", &clients.to_string()])
        .args([
            "-d",
            "3",
            "-r",
            "2",
            "--walk",
            "2",
            "--timeout",
            "20",
            "--json",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start gracemud-load: {e}"));
    // The generator stops by itself; still, never wait for it forever.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("gracemud-load did not stop within 120 s");
            }
        }
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("no output: {e}"));
    let json = String::from_utf8_lossy(&out.stdout);
    let diag = format!(
        "generator said:\n{json}\n{}\nserver log:\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.log()
    );
    let get = |k: &str| field(&json, k).unwrap_or_else(|| panic!("no {k} in the report; {diag}"));
    assert_eq!(get("clients"), clients as f64, "{diag}");
    assert_eq!(
        get("logged_in"),
        clients as f64,
        "not every client logged in; {diag}"
    );
    assert_eq!(get("failed"), 0.0, "{diag}");
    assert_eq!(get("drops"), 0.0, "{diag}");
    assert_eq!(get("lost"), 0.0, "replies went missing; {diag}");
    // 2 commands/s for 3 s each: about 6 per client, allow for scheduling.
    assert!(
        get("replies") >= (clients * 4) as f64,
        "too few round trips; {diag}"
    );
    assert!(get("rt_p50_ms") > 0.0, "{diag}");
    assert!(get("rt_max_ms") >= get("rt_p99_ms"), "{diag}");
    assert!(
        out.status.success(),
        "generator exit status {}; {diag}",
        out.status
    );
    // Every bot's character exists on disk: created through the dialogue.
    for i in 0..clients {
        let name = format!("Load{}", ["aaaa", "aaab", "aaac", "aaad"][i]);
        assert!(
            server.player_dir.join(&name).is_file(),
            "no player file {name}; {diag}"
        );
    }
}
