//! The real TinTin++ (`tt++`, Debian package `tintin++`) driven headless
//! against the real server: log in, walk, and check that GMCP `Room.Info`
//! arrives for each move and `Char.Vitals` when values change, with MCCP2
//! on (TinTin++ accepts it at once) and the session readable throughout,
//! also after compression is turned off and on again.
//!
//! When `tt++` is not installed the tests say so and pass; set
//! `GRACEMUD_REQUIRE_TINTIN=1` (CI does, after installing it) to make a
//! missing client a failure instead.
//!
//! The harness: [`run_tintin`] writes a start script around the session
//! commands you give it, runs `tt++ -H -G -T start.tin </dev/null` with a
//! hard stop, kills it by pid if it overstays, and returns the session log
//! (raw bytes after MCCP inflate, so GMCP subnegotiations can be read).
//! [`creation_script`] answers the character creation dialogue.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Server;

/// Where TinTin++ is, if it is installed.
fn tintin() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("TINTIN") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let candidates = ["/usr/games/tt++", "/usr/bin/tt++", "/usr/local/bin/tt++"];
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// TinTin++, or a skip notice (or a failure when CI requires it).
fn tintin_or_skip(test: &str) -> Option<PathBuf> {
    let found = tintin();
    if found.is_none() {
        if std::env::var("GRACEMUD_REQUIRE_TINTIN").is_ok_and(|v| v == "1") {
            panic!("{test}: tt++ is required (GRACEMUD_REQUIRE_TINTIN=1) but not installed");
        }
        eprintln!("{test}: SKIPPED — tt++ (TinTin++) is not installed");
    }
    found
}

/// Run one TinTin++ session against `port`. `triggers` is TinTin++ script
/// run in the startup session before connecting (actions and events there
/// are inherited by the session); the session logs raw bytes to a file
/// whose contents are returned once the session ends or `hard_stop` passes.
fn run_tintin(
    tt: &Path,
    dir: &Path,
    port: u16,
    triggers: &str,
    hard_stop: Duration,
) -> Result<Vec<u8>, String> {
    let log = dir.join("session.log");
    let _ = std::fs::remove_file(&log);
    let init = format!(
        "#config {{LOG LEVEL}} {{LOW}}\n#log overwrite {{{}}}\n",
        log.display()
    );
    std::fs::write(dir.join("init.tin"), init).map_err(|e| e.to_string())?;
    let start = format!(
        "#event {{SESSION DISCONNECTED}} {{#gts {{#delay {{0.2}} {{#end}}}}}}\n\
         {triggers}\n\
         #session {{mud}} 127.0.0.1 {port} init.tin\n\
         #delay {{{}}} {{#end}}\n",
        hard_stop.as_secs()
    );
    std::fs::write(dir.join("start.tin"), start).map_err(|e| e.to_string())?;
    let out = std::fs::File::create(dir.join("tintin.out")).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut child = Command::new(tt)
        .args(["-H", "-G", "-T", "start.tin"])
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", tt.display()))?;
    let deadline = Instant::now() + hard_stop + Duration::from_secs(10);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                // Overstayed its own hard stop: kill it by pid.
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
        }
    }
    std::fs::read(&log).map_err(|e| {
        format!(
            "no session log ({e}); tt++ said:\n{}",
            std::fs::read_to_string(dir.join("tintin.out")).unwrap_or_default()
        )
    })
}

/// Triggers that create character `name` (human male warrior, neutral),
/// accept GMCP, and run `then` (TinTin++ commands) once in the game.
fn creation_script(name: &str, then: &str) -> String {
    format!(
        r"#event {{IAC WILL GMCP}} {{#send {{\xFF\xFD\xC9\}}}}
#var {{playing}} {{0}}
#action {{By what name do you wish to be known?}} {{#send {{{name}}}}}
#action {{Did I get that right, %1 (Y/N)?}} {{#send {{y}}}}
#action {{Give me a password for}} {{#send {{secret1}}}}
#action {{Please retype password:}} {{#send {{secret1}}}}
#action {{What is your race}} {{#send {{human}}}}
#action {{What is your sex (M/F)?}} {{#send {{m}}}}
#action {{Select a class}} {{#send {{warrior}}}}
#action {{Which alignment (G/N/E)?}} {{#send {{n}}}}
#action {{Customize (Y/N)?}} {{#send {{n}}}}
#action {{Your choice?}} {{#send {{sword}}}}
#action {{Hit Return to continue}} {{#send {{}}}}
#action {{do not feed the mobiles}} {{#if {{$playing == 0}} {{#var playing 1;{then}}}}}
"
    )
}

/// Every GMCP message in a raw log: (package, JSON text).
fn gmcp_in(log: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = log[i..].windows(3).position(|w| w == [255, 250, 201]) {
        let start = i + p + 3;
        let Some(e) = log[start..].windows(2).position(|w| w == [255, 240]) else {
            break;
        };
        let payload = String::from_utf8_lossy(&log[start..start + e]).into_owned();
        let (pkg, json) = payload.split_once(' ').unwrap_or((&payload, ""));
        out.push((pkg.to_string(), json.to_string()));
        i = start + e + 2;
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn tintin_walks_with_gmcp_and_mccp() {
    let Some(tt) = tintin_or_skip("tintin_walks_with_gmcp_and_mccp") else {
        return;
    };
    let server = Server::start().unwrap_or_else(|e| panic!("server did not start: {e}"));
    let dir = common::fresh_dir("tintin");
    // The start room (3700) leads north to 3701, which leads west to 3702.
    let walk = "#delay {0.5} {client};\
                #delay {1.0} {north};\
                #delay {1.5} {west};\
                #delay {2.0} {east};\
                #delay {2.5} {south};\
                #delay {3.0} {compress off};\
                #delay {3.5} {say plain and readable};\
                #delay {4.0} {compress on};\
                #delay {4.5} {client};\
                #delay {5.0} {say compressed again};\
                #delay {5.5} {quit}";
    let log = run_tintin(
        &tt,
        &dir,
        server.port,
        &creation_script("Tinny", walk),
        Duration::from_secs(25),
    )
    .unwrap_or_else(|e| panic!("{e}\nserver log:\n{}", server.log()));
    let text = String::from_utf8_lossy(&log).into_owned();
    let fail = |what: &str| -> ! {
        panic!(
            "{what}\n--- tintin log ---\n{text}\n--- server log ---\n{}",
            server.log()
        )
    };
    // Readable through the whole session, compressed or not.
    for needle in [
        "do not feed the mobiles",
        "Client: TINTIN++",
        "MCCP: compressing",
        "Compression is now OFF.",
        "You say 'plain and readable'",
        "Compression is now ON",
        "You say 'compressed again'",
        "Alas, all good things must come to an end.",
    ] {
        if !contains(&log, needle) {
            fail(&format!("missing {needle:?}"));
        }
    }
    // GMCP: valid JSON, Room.Info for the start room and each of 4 moves.
    let msgs = gmcp_in(&log);
    for (pkg, json) in &msgs {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(json) {
            fail(&format!("invalid JSON in {pkg}: {e}: {json}"));
        }
    }
    let rooms: Vec<i64> = msgs
        .iter()
        .filter(|(p, _)| p == "Room.Info")
        .filter_map(|(_, j)| serde_json::from_str::<serde_json::Value>(j).ok())
        .filter_map(|v| v["num"].as_i64())
        .collect();
    if !rooms
        .windows(5)
        .any(|w| w == [3700, 3701, 3702, 3701, 3700])
    {
        fail(&format!("Room.Info sequence {rooms:?}"));
    }
    let moves: Vec<i64> = msgs
        .iter()
        .filter(|(p, _)| p == "Char.Vitals")
        .filter_map(|(_, j)| serde_json::from_str::<serde_json::Value>(j).ok())
        .filter_map(|v| v["moves"].as_i64())
        .collect();
    if moves.len() < 2 || moves.windows(2).all(|w| w[1] >= w[0]) {
        fail(&format!(
            "Char.Vitals did not follow the moves spent: {moves:?}"
        ));
    }
    for pkg in ["Char.Base", "Char.Status"] {
        if !msgs.iter().any(|(p, _)| p == pkg) {
            fail(&format!("no {pkg}"));
        }
    }
    eprintln!(
        "tintin: {} GMCP messages, Room.Info {rooms:?}, moves {moves:?}",
        msgs.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tintin_session_survives_a_copyover_with_compression() {
    let Some(tt) = tintin_or_skip("tintin_session_survives_a_copyover_with_compression") else {
        return;
    };
    let server = Server::start().unwrap_or_else(|e| panic!("server did not start: {e}"));
    let dir = common::fresh_dir("tintin-copyover");
    // The first character is the implementor, so it may copyover.
    let before = "#delay {0.5} {north};\
                  #delay {1.0} {client};\
                  #delay {1.5} {copyover tintin test}";
    let triggers = format!(
        "{}#var {{after}} {{0}}\n\
         #action {{Copyover complete.}} {{#if {{$after == 0}} {{#var after 1;\
         #delay {{0.5}} {{west}};\
         #delay {{1.0}} {{client}};\
         #delay {{1.5}} {{say after the reboot}};\
         #delay {{2.0}} {{quit}}}}}}\n",
        creation_script("Rebooter", before)
    );
    let log = run_tintin(&tt, &dir, server.port, &triggers, Duration::from_secs(30))
        .unwrap_or_else(|e| panic!("{e}\nserver log:\n{}", server.log()));
    let text = String::from_utf8_lossy(&log).into_owned();
    let fail = |what: &str| -> ! {
        panic!(
            "{what}\n--- tintin log ---\n{text}\n--- server log ---\n{}",
            server.log()
        )
    };
    let Some(reboot) = text.find("Copyover complete.") else {
        fail("no 'Copyover complete.'");
    };
    let after = &log[reboot..];
    for needle in [
        "MCCP: compressing",
        "You say 'after the reboot'",
        "Alas, all good things must come to an end.",
    ] {
        if !contains(after, needle) {
            fail(&format!("after the copyover: missing {needle:?}"));
        }
    }
    if !contains(&log[..reboot], "MCCP: compressing") {
        fail("compression was not on before the copyover");
    }
    // GMCP still arrives after the reboot: the walk west is mapped.
    let rooms: Vec<i64> = gmcp_in(after)
        .iter()
        .filter(|(p, _)| p == "Room.Info")
        .filter_map(|(_, j)| serde_json::from_str::<serde_json::Value>(j).ok())
        .filter_map(|v| v["num"].as_i64())
        .collect();
    if !rooms.contains(&3702) {
        fail(&format!("Room.Info after the copyover: {rooms:?}"));
    }
    eprintln!("tintin copyover: Room.Info after reboot {rooms:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// OLC under TinTin++: the editors take the same lines as over plain
/// telnet, the prompt names the editor and the room, GMCP's `Char.Status`
/// says which editor is open, and the text editor's `@` ends a text. The
/// server runs on a copy of `areas/` (asave writes there).
#[test]
fn tintin_builds_with_olc() {
    let Some(tt) = tintin_or_skip("tintin_builds_with_olc") else {
        return;
    };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("areas");
    let areas = common::fresh_dir("tintin-olc-areas");
    for e in std::fs::read_dir(&src)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        if e.path().is_file() {
            std::fs::copy(e.path(), areas.join(e.file_name())).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let server = Server::start_with(&areas, &[]).unwrap_or_else(|e| panic!("{e}"));
    let dir = common::fresh_dir("tintin-olc");
    let build = "#delay {0.5} {redit};\
                 #delay {1.0} {name The Gate Built In TinTin};\
                 #delay {1.5} {desc};\
                 #delay {2.0} {.c};\
                 #delay {2.5} {A gate described from TinTin++.};\
                 #delay {3.0} {@};\
                 #delay {3.5} {show};\
                 #delay {4.0} {done};\
                 #delay {4.5} {asave area};\
                 #delay {5.0} {look};\
                 #delay {5.5} {quit}";
    let log = run_tintin(
        &tt,
        &dir,
        server.port,
        &creation_script("Builder", build),
        Duration::from_secs(25),
    )
    .unwrap_or_else(|e| panic!("{e}\nserver log:\n{}", server.log()));
    let text = String::from_utf8_lossy(&log).into_owned();
    for needle in [
        "[REdit 3700]",
        "Name set.",
        "Entering EDIT Mode",
        "String cleared.",
        "Name:       [The Gate Built In TinTin]",
        "A gate described from TinTin++.",
        "Area saved to school.are.",
        "Alas, all good things must come to an end.",
    ] {
        assert!(
            contains(&log, needle),
            "missing {needle:?}\n--- tintin log ---\n{text}\n--- server log ---\n{}",
            server.log()
        );
    }
    let editors: Vec<String> = gmcp_in(&log)
        .into_iter()
        .filter(|(p, _)| p == "Char.Status")
        .filter_map(|(_, j)| serde_json::from_str::<serde_json::Value>(&j).ok())
        .filter_map(|v| v["editor"].as_str().map(str::to_string))
        .collect();
    assert!(
        editors.iter().any(|e| e == "REdit"),
        "Char.Status editors {editors:?}"
    );
    let file = std::fs::read_to_string(areas.join("school.are")).unwrap_or_default();
    assert!(
        file.contains("The Gate Built In TinTin~"),
        "school.are not written"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&areas);
}
