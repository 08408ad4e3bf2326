//! The living world's special procedures over real TCP on the stock ROM
//! world (`../shared/rom-areas`; skipped with a note when absent), with
//! `--seed 7` and 5 ms pulses (a game hour is about 1.2 s, a mobile update
//! 80 ms):
//!
//! * a fido devours a corpse and a janitor picks up litter;
//! * Midgaard's bread, fountain and water skin: eating and drinking end
//!   hunger and thirst, and the fountain fills the skin;
//! * a cityguard attacks a player flagged KILLER;
//! * the mayor closes Midgaard's east gate at night and opens it in the
//!   morning; a copyover in the middle of his morning walk does not lose
//!   his place (had it, he would start the path again from wherever the
//!   copyover found him, and never reach the gate).

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{ok, Client, Launch, Server, WAIT};

/// Long enough for a game day and a half on a loaded machine.
const LONG: Duration = Duration::from_secs(180);

fn rom_world(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if dir.join("area.lst").is_file() {
        Some(dir)
    } else {
        println!("{test} skipped: {} is not here", dir.display());
        None
    }
}

fn boot(dir: &Path) -> Server {
    ok(Server::launch(&Launch {
        areas: Some(dir),
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", "5")],
        ..Launch::default()
    }))
}

/// Send `line` once what came before is read; wait for `text`.
fn run(c: &mut Client, line: &str, text: &str) -> String {
    c.drain(Duration::from_millis(40));
    ok(c.cmd(line, text))
}

/// Wait for `text` while keeping `c` from idling into the void (a player
/// idle for 12 game hours is moved there, and quits after 30): an empty
/// line every second counts as input.
fn wait_awake(c: &mut Client, other: &mut Client, text: &str) -> String {
    let deadline = std::time::Instant::now() + LONG;
    loop {
        if let Ok(t) = c.expect(text, Duration::from_secs(1)) {
            return t;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {text:?} in {LONG:?}"
        );
        ok(c.send_line(""));
        ok(other.send_line(""));
    }
}

#[test]
fn fido_janitor_and_guard_do_their_jobs() {
    let Some(dir) = rom_world("fido_janitor_and_guard_do_their_jobs") else {
        return;
    };
    let s = boot(&dir);
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    let mut p = ok(s.connect());
    ok(p.create_character("Rook", "secret1"));
    ok(p.cmd("quit", "Alas, all good things must come to an end."));
    assert!(p.wait_closed(WAIT));
    // Rook is a known KILLER: his file says so (ROM's letter 'a').
    let path = s.player_dir.join("Rook");
    let file = ok(common::wait_for_file(&path, |f| f.contains("\nAct ")));
    let file: String = file
        .lines()
        .map(|l| match l.strip_prefix("Act ") {
            Some(flags) if !l.starts_with("Act  0") => format!("Act  {}a\n", flags.trim()),
            Some(_) => "Act  a\n".to_string(),
            // ... and hungry and thirsty.
            None if l.starts_with("Cnd ") => "Cnd  0 0 0 0\n".to_string(),
            None => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&path, file).unwrap_or_else(|e| panic!("{e}"));

    // The Void (limbo): the implementor's presence wakes the area.
    run(&mut imp, "goto 2", "mv> ");
    run(
        &mut imp,
        "load mob 3062",
        "You have created the beastly fido!",
    );
    run(&mut imp, "load obj 10", "You have created");
    run(&mut imp, "drop corpse", "You drop");
    ok(imp.expect("The beastly fido savagely devours a corpse.", LONG));
    run(&mut imp, "load mob 3061", "You have created the janitor!");
    run(
        &mut imp,
        "load obj 3001 1",
        "You have created a bottle of beer!",
    );
    run(&mut imp, "drop bottle", "You drop a bottle of beer.");
    ok(imp.expect("The janitor picks up some trash.", LONG));

    // Midgaard's bread, fountain and water skin, brought to the Void.
    let mut p = ok(s.connect());
    ok(p.login("Rook", "secret1"));
    run(&mut imp, "transfer rook", "Ok.");
    let t = run(&mut p, "score", "mv> ");
    assert!(
        t.contains("You are hungry.") && t.contains("You are thirsty."),
        "{t}"
    );
    run(&mut imp, "load obj 3135", "You have created a fountain!");
    let here = run(&mut imp, "look", "mv> ");
    if !here.contains("fountain") {
        run(&mut imp, "drop fountain", "mv> ");
    }
    for (vnum, name) in [(3011, "bread"), (3138, "skin")] {
        run(&mut imp, &format!("load obj {vnum}"), "You have created");
        run(&mut imp, &format!("give {name} rook"), "You give");
    }
    let t = run(&mut p, "drink fountain", "mv> ");
    assert!(t.contains("You drink water from a fountain."), "{t}");
    assert!(t.contains("Your thirst is quenched."), "{t}");
    let t = run(&mut p, "eat bread", "mv> ");
    assert!(t.contains("You are no longer hungry."), "{t}");
    let t = run(&mut p, "score", "mv> ");
    assert!(
        !t.contains("You are hungry.") && !t.contains("You are thirsty."),
        "{t}"
    );
    run(&mut p, "pour skin out", "mv> ");
    let t = run(&mut p, "fill skin", "mv> ");
    assert!(
        t.contains("You fill a buffalo water skin with water from a fountain."),
        "{t}"
    );

    // A cityguard meets the KILLER.
    run(&mut imp, "load mob 3060", "You have created the cityguard!");
    ok(p.expect("is a KILLER!  PROTECT THE INNOCENT!!  BANZAI!!", LONG));
    // His blows (hits or misses, "The cityguard's slash ...") follow.
    ok(p.expect("The cityguard's ", LONG));
}

#[test]
fn the_mayor_keeps_the_gate_and_his_place_across_a_copyover() {
    let Some(dir) = rom_world("the_mayor_keeps_the_gate_and_his_place_across_a_copyover") else {
        return;
    };
    let s = boot(&dir);
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    // The implementor waits by the east gate (3041), a mortal in the
    // mayor's office (3138): both keep Midgaard awake.
    let mut p = ok(s.connect());
    ok(p.create_character("Wren", "secret1"));
    run(&mut imp, "goto 3041", "Inside the East Gate");
    run(&mut imp, "transfer wren 3138", "Ok.");
    ok(p.expect("The Mayor's Office", WAIT));
    // Evening: he closes the gate on his way.
    wait_awake(&mut imp, &mut p, "The mayor closes the gate.");
    // Morning: he gets up, and leaves his office.
    wait_awake(&mut p, &mut imp, "The mayor awakens and groans loudly.");
    wait_awake(&mut p, &mut imp, "The mayor leaves west.");
    // A copyover in the middle of the walk.
    ok(imp.send_line("copyover"));
    ok(imp.expect("Your body rematerializes.", LONG));
    ok(p.expect("Your body rematerializes.", LONG));
    wait_awake(&mut imp, &mut p, "The mayor opens the gate.");
    let t = run(&mut imp, "look", "mv> ");
    assert!(
        t.contains("The mayor is here") || t.contains("mayor"),
        "{t}"
    );
}
