//! A copyover writes the player files without syncing them (the new image
//! syncs them after recovery): a process killed with SIGKILL at any point of
//! a copyover must still leave every player file complete, old or new.
//!
//! For each of a range of delays: a fresh server with a few players whose
//! files all changed since their last save, a copyover asked for by
//! SIGUSR1, SIGKILL that many milliseconds later, then every process of
//! that server stopped by pid (the guardian rolls back to the old image
//! when the new one dies, under its own pid), and every player file read
//! back with the server's own parser.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

const PLAYERS: usize = 6;
const PASSWORD: &str = "killpass";

fn name(i: usize) -> String {
    format!("Kil{}", (b'a' + i as u8) as char)
}

fn alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only asks whether `pid` exists.
    pid > 0 && unsafe { libc::kill(pid, 0) } == 0
}

fn sigkill(pid: i32) {
    if alive(pid) {
        // SAFETY: sends SIGKILL to a pid this test started (the server, or
        // the guardian and rolled-back image its log names).
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
}

/// The pids the server's log names as guardians, and the pid file's pid
/// (a rolled-back image writes its own there).
fn other_pids(server: &common::Server) -> Vec<i32> {
    let mut pids: Vec<i32> = server
        .log()
        .lines()
        .filter_map(|l| l.split("guardian pid ").nth(1))
        .filter_map(|r| r.split_whitespace().next())
        .filter_map(|p| {
            p.trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse()
                .ok()
        })
        .collect();
    let pid_file = server.root.join(format!("gracemud-{}.pid", server.port));
    if let Some(p) = std::fs::read_to_string(pid_file)
        .ok()
        .and_then(|t| t.trim().parse().ok())
    {
        pids.push(p);
    }
    pids.retain(|&p| p != server.pid() as i32);
    pids.sort_unstable();
    pids.dedup();
    pids
}

/// Every player file is there and parses, and names its player.
fn check_files(dir: &Path, delay: u64) -> Result<(), String> {
    for i in 0..PLAYERS {
        let n = name(i);
        let path = dir.join(&n);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("kill at {delay} ms: {}: {e}", path.display()))?;
        let loaded = gracemud::save::read_player(&text, &path.display().to_string())
            .map_err(|e| format!("kill at {delay} ms: {n}'s file is not whole: {e}"))?;
        if loaded.ch.name != n {
            return Err(format!(
                "kill at {delay} ms: {n}'s file names {}",
                loaded.ch.name
            ));
        }
    }
    Ok(())
}

fn one_kill(delay_ms: u64) -> Result<String, String> {
    // A long deadline: the guardian rolls back on the new image's death,
    // not on a timer, within this test.
    let mut server =
        common::Server::start_with(&common::areas_dir(), &["--copyover-deadline", "30"])?;
    let mut clients = Vec::new();
    for i in 0..PLAYERS {
        let mut c = server.connect()?;
        c.create_character(&name(i), PASSWORD)?;
        clients.push(c);
    }
    // Each creation's save is on disk before anything else happens.
    for i in 0..PLAYERS {
        common::wait_for_file(&server.player_dir.join(name(i)), |t| t.contains("#END"))?;
    }
    // Every file changes after its last save: the copyover writes them all.
    for (i, c) in clients.iter_mut().enumerate() {
        c.cmd(&format!("title was here at {delay_ms} ({i})"), "> ")?;
    }
    let pid = server.pid() as i32;
    // SAFETY: SIGUSR1 to our own child asks it for a copyover.
    unsafe {
        libc::kill(pid, libc::SIGUSR1);
    }
    std::thread::sleep(Duration::from_millis(delay_ms));
    sigkill(pid);
    let _ = server.wait_exit(Duration::from_secs(10));
    // A guardian forked before the kill rolls the game back under its own
    // pid: give it a moment to do so (or to exit), then stop whatever of
    // this server still runs.
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let settled = other_pids(&server).iter().all(|&p| !alive(p))
            || server.log().contains("copyover rolled back");
        if settled || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let others = other_pids(&server);
    for &p in &others {
        sigkill(p);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while others.iter().any(|&p| alive(p)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(clients);
    let log = server.log();
    let phase = if log.contains("copyover complete") {
        "after the new image came up"
    } else if log.contains("copyover: exec") {
        "between the exec and the end of recovery"
    } else if log.contains("changed players") {
        "during the hand-over (files written)"
    } else if log.contains("copyover requested") {
        "before the save (preflight)"
    } else {
        "before the copyover began"
    };
    check_files(&server.player_dir, delay_ms)?;
    Ok(phase.to_string())
}

#[test]
fn kill_9_at_any_point_of_a_copyover_leaves_every_player_file_whole() {
    let mut seen = Vec::new();
    for delay in [0, 2, 4, 6, 8, 11, 15, 20, 30, 50, 80] {
        match one_kill(delay) {
            Ok(phase) => seen.push(format!("{delay} ms: {phase}")),
            Err(e) => panic!("{e}\n(so far: {seen:?})"),
        }
    }
    println!("killed: {}", seen.join("; "));
}
