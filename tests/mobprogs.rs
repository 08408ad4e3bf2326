//! Mob programs (issue #16) proved over real TCP on a test area of our own,
//! `tests/areas/mobprog.are` (listed with the bundled help, limbo and
//! social files by `tests/areas/area.lst`), with `--seed 7` and 5 ms
//! pulses. Its mobiles use all sixteen triggers:
//!
//! * the gatewarden greets by class (greet), swaps a token for a medal
//!   (give), opens the gate for a bribe (bribe) and sends whoever walks
//!   south back herself (exall);
//! * the trader, a shopkeeper, answers a question (speech) and a bow (act,
//!   from the social; emotes are not heard) and guards his cellar (exit);
//! * the parrot squawks (random) and flaps at arrivals (grall); the herald
//!   announces himself when the gate opens (entry);
//! * the straw dummy creaks every round (fight), sheds straw below half its
//!   hit points (hpcnt) and leaves a doll (death);
//! * the veteran remembers who attacked him (kill), lets a player surrender
//!   (surr) and hunts him down after a delay (delay), across a copyover.
//!
//! Plus, without a server: the bundled world's example programs, the
//! copyover snapshot of delays and targets, and the stock ROM areas (which
//! have no programs) loading cleanly.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{ok, Client, Launch, Server, WAIT};
use gracemud::world::snapshot::{restore_snapshot, write_snapshot};
use gracemud::world::*;

const LONG: Duration = Duration::from_secs(60);

fn test_areas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/areas")
}

fn boot() -> Server {
    ok(Server::launch(&Launch {
        areas: Some(&test_areas()),
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", "5")],
        ..Launch::default()
    }))
}

/// A human male neutral mage with the default groups and the dagger.
fn create_mage(c: &mut Client, name: &str) {
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd(name, "(Y/N)? "));
    ok(c.cmd("y", "Give me a password for"));
    ok(c.cmd("secret1", "Please retype password:"));
    ok(c.cmd("secret1", "What is your race"));
    ok(c.cmd("human", "What is your sex (M/F)?"));
    ok(c.cmd("m", "Select a class"));
    ok(c.cmd("mage", "Which alignment (G/N/E)?"));
    ok(c.cmd("n", "Customize (Y/N)?"));
    ok(c.cmd("n", "Your choice?"));
    ok(c.cmd("dagger", "[Hit Return to continue]"));
    ok(c.cmd("", "> "));
}

/// Send `line` after dropping whatever arrived before, and wait for `text`.
fn run(c: &mut Client, line: &str, text: &str) -> String {
    c.drain(Duration::from_millis(30));
    ok(c.cmd(line, text))
}

#[test]
fn a_guard_a_trader_and_a_bribed_gate() {
    let s = boot();
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    // A warrior is greeted as one.
    run(
        &mut imp,
        "north",
        "Hail, Overseer.  A warrior may pass with a gift.",
    );
    run(
        &mut imp,
        "mpstat gatewarden",
        "[ 1] Trigger [give    ] Program [3006] Phrase [token]",
    );
    let stat = run(&mut imp, "mpstat gatewarden", "[ 4] Trigger [greet   ]");
    assert!(
        stat.contains("Mobile #3000")
            // The greeting's first if-check made the greeted its target.
            && stat.contains("Delay   0      [Overseer]")
            && stat.contains("[ 2] Trigger [exall   ] Program [3002] Phrase [2]")
            && stat.contains("[ 3] Trigger [bribe   ] Program [3001] Phrase [50]"),
        "{stat}"
    );
    run(
        &mut imp,
        "mpdump 3003",
        "say My lanterns are cheap, $n.  Type LIST to see them.",
    );
    run(&mut imp, "help mobprog", "Mob programs make mobiles react");
    run(&mut imp, "help mobcommands", "mob remember <character>");
    run(
        &mut imp,
        "help surrender",
        "SURRENDER gives up the fight you are in",
    );

    let mut m = ok(s.connect());
    create_mage(&mut m, "Merlin");
    run(&mut m, "get coins", "You get");
    run(&mut m, "get token", "You get a brass token.");
    // The trader, a shopkeeper: speech, act and exit programs.
    run(&mut m, "east", "The Trader's Shop");
    run(
        &mut m,
        "say what is the price?",
        "The trader says 'My lanterns are cheap, Merlin.  Type LIST to see them.'",
    );
    run(&mut m, "list", "a tin lantern");
    let o = run(&mut m, "say hello", "You say 'hello'");
    let later = m.drain(Duration::from_millis(100));
    assert!(
        !o.contains("cheap") && !later.contains("cheap"),
        "{o}{later}"
    );
    // An emote is not heard by act programs; a social is.
    let o = run(&mut m, "emote bows low.", "Merlin bows low.");
    let later = m.drain(Duration::from_millis(150));
    assert!(
        !o.contains("manners") && !later.contains("manners"),
        "{o}{later}"
    );
    run(
        &mut m,
        "bow",
        "The trader says 'Such fine manners, Merlin.'",
    );
    run(
        &mut m,
        "down",
        "The trader says 'The cellar is private, Merlin.'",
    );
    run(&mut m, "look", "The Trader's Shop");
    // A shopkeeper takes nothing as a gift (ROM), so no give program runs.
    run(&mut m, "give token trader", "you'll have to sell that");
    // The parrot flaps at anyone who walks in.
    run(&mut m, "west", "The parrot flaps its wings at Merlin.");
    // The gatewarden: a mage's greeting, the give program, then the bribe.
    run(
        &mut m,
        "north",
        "Greetings, Merlin.  Keep your spells to yourself here.",
    );
    run(
        &mut m,
        "give token gatewarden",
        "Ah, a brass token!  Here is your prize, Merlin.",
    );
    let inv = run(&mut m, "inventory", "a brass medal");
    assert!(
        !inv.contains("token"),
        "the gatewarden junked the token: {inv}"
    );
    run(&mut m, "north", "The gate is closed.");
    let o = run(
        &mut m,
        "give 10 silver gatewarden",
        "You give the gatewarden 10 silver.",
    );
    let later = m.drain(Duration::from_millis(150));
    assert!(
        !o.contains("generous") && !later.contains("generous"),
        "{o}{later}"
    );
    run(
        &mut m,
        "give 60 silver gatewarden",
        "A generous gift, Merlin.  The gate is yours.",
    );
    // The herald's entry program, run as the gatewarden forces him south.
    ok(m.expect("Make way!  The treasury is open!", WAIT));
    run(&mut m, "north", "The Treasury");
    run(&mut m, "south", "The Guard Post");
    // Exall: the move is the program's to make.
    run(
        &mut m,
        "south",
        "The gatewarden says 'Mind that medal on the way, Merlin.'",
    );
    ok(m.expect("The gatewarden waves you back to the hall.", WAIT));
    ok(m.expect("The Hall of Trials", WAIT));
    // The parrot's random program, sooner or later.
    ok(m.expect("The parrot squawks: Pieces of eight!", LONG));
}

fn delay_of(stat: &str) -> i32 {
    stat.lines()
        .find_map(|l| l.strip_prefix("Delay"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no delay in {stat}"))
}

#[test]
fn a_dummy_dies_and_a_veteran_hunts_across_a_copyover() {
    let s = boot();
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    let mut b = ok(s.connect());
    ok(b.create_character("Bob", "secret1"));
    run(&mut b, "west", "The Arena");
    // Fight, hpcnt and death programs of the straw dummy.
    run(&mut b, "kill dummy", "The straw dummy creaks on its post.");
    ok(b.expect("The straw dummy is losing straw everywhere!", LONG));
    ok(b.expect("The dummy falls apart and a straw doll rolls free.", LONG));
    run(&mut b, "get doll", "You get a straw doll.");
    // The veteran's kill and surrender programs.
    run(
        &mut b,
        "kill veteran",
        "The veteran says 'You will regret that, Bob!'",
    );
    run(
        &mut b,
        "surrender",
        "The veteran says 'Go, then.  But I never forget a face, Bob.'",
    );
    run(&mut b, "east", "The Hall of Trials");
    let before = delay_of(&run(&mut imp, "mpstat veteran", "[Bob]"));
    assert!(before > 0 && before <= 150, "{before}");
    // Copyover: the delay and the remembered target carry over.
    ok(imp.send_line("copyover"));
    ok(b.expect("Your body rematerializes.", LONG));
    ok(imp.expect("Your body rematerializes.", LONG));
    let after = delay_of(&run(&mut imp, "mpstat veteran", "[Bob]"));
    assert!(after > 0 && after <= before, "{before} then {after}");
    // When it runs out, the veteran comes for Bob.
    ok(b.expect("The veteran strides in, his eyes fixed on you.", LONG));
    ok(b.expect("The veteran says 'There you are, Bob!'", WAIT));
    let stat = run(&mut imp, "mpstat veteran", "No target");
    assert!(stat.contains("Delay"), "{stat}");
}

fn bundled_world() -> World {
    let mut w = empty_bundled_world();
    w.reset_all();
    w
}

fn empty_bundled_world() -> World {
    let r = gracemud::db::load_area_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/areas")));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    World::new(r.protos, 5)
}

fn player(w: &mut World, name: &str, class: i32, room: RoomVnum) -> CharId {
    let pc = w.chars.insert(Char {
        name: name.into(),
        level: 1,
        class,
        hit: 20,
        max_hit: 20,
        mv: 100,
        max_mv: 100,
        position: pos::STANDING,
        conn: Some(gracemud::engine::ConnId(9)),
        pc: Some(Box::new(PcData {
            id: 77,
            ..PcData::default()
        })),
        ..Char::default()
    });
    w.players.push(pc);
    w.char_to_room(pc, room);
    pc
}

fn out(w: &mut World, ch: CharId) -> String {
    w.ch_mut(ch)
        .map(|c| std::mem::take(&mut c.output))
        .unwrap_or_default()
}

#[test]
fn the_bundled_examples_greet_by_class_and_answer_news() {
    let mut w = bundled_world();
    // Warden Hobart, at the school gate (3700), greets newcomers by class.
    for (class, words) in [
        (0, "slates on spells"),
        (1, "Healers"),
        (2, "own pockets"),
        (3, "straw men a beating"),
    ] {
        let pc = player(&mut w, "Pip", class, RoomVnum(3701));
        gracemud::game::interp::interpret(&mut w, pc, "south");
        let o = out(&mut w, pc);
        assert!(o.contains("Warden Hobart says 'Welcome, Pip."), "{o}");
        assert!(o.contains(words), "{class}: {o}");
        w.extract_char(pc);
    }
    // Old Hobb tells the news of the town.
    let hobb = w
        .chars
        .iter()
        .find(|(_, c)| c.vnum == Some(MobVnum(3002)))
        .map(|(id, _)| id)
        .expect("Old Hobb");
    let room = w.ch(hobb).and_then(|c| c.room).expect("his room");
    let pc = player(&mut w, "Pip", 3, room);
    w.hour = 12;
    gracemud::game::interp::interpret(&mut w, pc, "say any news?");
    let o = out(&mut w, pc);
    assert!(o.contains("Old Hobb says 'The ferry was late again"), "{o}");
    assert!(o.contains("Keep your eyes open out there, Pip."), "{o}");
    gracemud::game::interp::interpret(&mut w, pc, "say any rumour?");
    assert!(out(&mut w, pc).contains("The ferry was late again"));
    w.hour = 3;
    gracemud::game::interp::interpret(&mut w, pc, "say news?");
    assert!(out(&mut w, pc).contains("At this hour?"));
}

#[test]
fn the_snapshot_carries_delays_and_targets() {
    let mut a = bundled_world();
    let pc = player(&mut a, "Pip", 3, RoomVnum(3001));
    let mobs: Vec<CharId> = a
        .chars
        .iter()
        .filter(|(_, c)| c.is_npc())
        .map(|(id, _)| id)
        .take(2)
        .collect();
    let (m1, m2) = (mobs[0], mobs[1]);
    if let Some(c) = a.ch_mut(m1) {
        c.mprog_delay = 17;
        c.mprog_target = Some(pc);
    }
    if let Some(c) = a.ch_mut(m2) {
        c.mprog_delay = -1;
        c.mprog_target = Some(m1);
    }
    let text = write_snapshot(&a);
    assert!(
        text.contains("MpDelay 17\n") && text.contains("Link mptarget "),
        "{text}"
    );
    let mut b = empty_bundled_world();
    let pc_b = player(&mut b, "Pip", 3, RoomVnum(3001));
    let players: HashMap<i64, CharId> = [(77, pc_b)].into_iter().collect();
    let notes = ok(restore_snapshot(&mut b, &text, &players));
    assert!(notes.is_empty(), "{notes:?}");
    assert!(
        write_snapshot(&b) == text,
        "the restored world writes another snapshot"
    );
    let find = |w: &World, delay: i32| {
        w.chars
            .iter()
            .find(|(_, c)| c.mprog_delay == delay)
            .map(|(id, c)| (id, c.short_descr.clone(), c.mprog_target))
            .expect("restored")
    };
    let (b1, name1, t1) = find(&b, 17);
    let (_, name2, t2) = find(&b, -1);
    assert_eq!(
        name1,
        a.ch(m1).map(|c| c.short_descr.clone()).unwrap_or_default()
    );
    assert_eq!(
        name2,
        a.ch(m2).map(|c| c.short_descr.clone()).unwrap_or_default()
    );
    assert_eq!(t1, Some(pc_b));
    assert_eq!(t2, Some(b1));
}

#[test]
fn stock_rom_areas_have_no_programs_and_load_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if !dir.join("area.lst").is_file() {
        println!("skipped: {} is not here", dir.display());
        return;
    }
    let r = gracemud::db::load_area_dir(&dir);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.protos.mobprogs.is_empty());
    assert!(r.protos.mobs.values().all(|m| m.progs.is_empty()));
    // Our own test area's programs all link.
    let r = gracemud::db::load_area_dir(&test_areas());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.protos.mobprogs.len(), 16);
    let mut triggers: Vec<String> = r
        .protos
        .mobs
        .values()
        .flat_map(|m| m.progs.iter().map(|t| t.trigger.clone()))
        .collect();
    triggers.sort();
    triggers.dedup();
    assert_eq!(triggers.len(), 16, "{triggers:?}");
    // Neither our test area's programs nor the bundled ones draw a lint.
    let w = World::new(r.protos, 1);
    assert!(gracemud::game::mob_prog::lint_world(&w).is_empty());
    assert!(gracemud::game::mob_prog::lint_world(&bundled_world()).is_empty());
}
