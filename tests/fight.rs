//! Combat over real TCP on the stock ROM world: a new warrior sizes up and
//! kills the beastly fido (3062), earns experience, finds its corpse, then
//! picks a fight with a cityguard (3060), dies and wakes at the altar (3054).
//!
//! The implementor (the first character created) brings everyone to the
//! Void (room 1), which has no exits, so nobody can flee and the fights
//! always end in a death. Pulses last 5 ms; the test waits for text, never
//! for time. Skipped with a note when `../shared/rom-areas` is absent.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Launch, Server};
use gracemud::world::{RoomVnum, ROOM_VNUM_ALTAR};

fn ok<T>(r: Result<T, String>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Fights take a few rounds of 60 ms; allow for a loaded machine.
const FIGHT: Duration = Duration::from_secs(30);

#[test]
fn a_warrior_kills_a_fido_and_dies_to_a_cityguard() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if !dir.join("area.lst").is_file() {
        println!("skipped: {} is not here", dir.display());
        return;
    }
    let report = gracemud::db::load_area_dir(&dir);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let altar = report.protos.rooms[&ROOM_VNUM_ALTAR].name.clone();
    let void = report.protos.rooms[&RoomVnum(1)].name.clone();

    let server = ok(Server::launch(&Launch {
        areas: Some(&dir),
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", "5")],
        ..Launch::default()
    }));
    let mut imp = ok(server.connect());
    ok(imp.create_character("Overseer", "secret1"));
    let mut war = ok(server.connect());
    ok(war.create_character("Wulf", "secret1"));

    ok(imp.cmd("goto 1", &void));
    ok(imp.cmd("transfer wulf", "Ok."));
    ok(war.expect(&void, FIGHT));
    ok(imp.cmd("transfer fido", "Ok."));
    ok(war.cmd("consider fido", "The perfect match!"));
    // ROM's arithmetic gives a level-1 warrior 40 % to hit a fido, and with
    // 5 ms pulses a tick (regeneration for both) comes every 20 rounds: the
    // fight would be a coin toss. Five levels make it a sure thing.
    ok(imp.cmd("advance wulf 5", "Raising a player's level!"));
    ok(imp.cmd("restore wulf", "Ok."));
    ok(war.expect("You are now level 5.", FIGHT));

    ok(war.cmd("kill fido", "The beastly fido is DEAD!!"));
    let gain = ok(war.expect("experience points.", FIGHT));
    assert!(gain.contains("You receive "), "{gain}");
    ok(war.cmd("look", "The corpse of the beastly fido is lying here."));
    let got = ok(war.cmd("get all corpse", "corpse"));
    assert!(!got.contains("I see no corpse"), "{got}");

    ok(imp.cmd("transfer cityguard", "Ok."));
    ok(war.cmd("kill cityguard", "You have been KILLED!!"));
    let _ = war.drain(Duration::from_millis(100));
    ok(war.cmd("look", &altar));
    ok(war.cmd("score", "You are resting."));
}
