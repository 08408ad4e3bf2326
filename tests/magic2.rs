//! The spells of `magic2` over real TCP on the bundled world: a level-30
//! mage conjures a mushroom with `create food`, sees it with `look`, picks
//! it up and `identify`s it; then `gate`s to another player in the practice
//! yard and fails to `summon` her (new players refuse summons). The mage
//! gets his level and spells by an edit of his player file while he is
//! logged out (as in tests/magic.rs). Pulses last 2 ms.

mod common;

use common::{ok, Client, Launch, Server, WAIT};

/// Walk creation as a human male neutral mage.
fn create_mage(c: &mut Client, name: &str, password: &str) {
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd(name, "(Y/N)? "));
    ok(c.cmd("y", "Give me a password for"));
    ok(c.cmd(password, "Please retype password:"));
    ok(c.cmd(password, "What is your race"));
    ok(c.cmd("human", "What is your sex (M/F)?"));
    ok(c.cmd("m", "Select a class [mage cleric thief warrior]:"));
    ok(c.cmd("mage", "Which alignment (G/N/E)?"));
    ok(c.cmd("n", "Customize (Y/N)?"));
    ok(c.cmd("n", "Your choice?"));
    ok(c.cmd("dagger", "[Hit Return to continue]"));
    ok(c.cmd("", "Welcome to GraceMUD"));
    ok(c.expect("> ", WAIT));
}

#[test]
fn a_mage_conjures_identifies_and_gates() {
    let s = ok(Server::launch(&Launch {
        extra: &["--seed", "11"],
        env: &[("GRACEMUD_PULSE_MS", "2")],
        ..Launch::default()
    }));
    // The first character is the implementor.
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));

    let mut m = ok(s.connect());
    create_mage(&mut m, "Merlin", "secret1");
    ok(m.cmd("quit", "Alas, all good things must come to an end."));
    assert!(m.wait_closed(WAIT));

    let spells = ["create food", "identify", "gate", "summon"];
    let path = s.player_dir.join("Merlin");
    let file = ok(common::wait_for_file(&path, |f| f.contains("Levl 1\n")));
    let file: String = file
        .lines()
        .filter(|l| !spells.iter().any(|sp| l.ends_with(&format!("'{sp}'"))))
        .map(|l| {
            if l.starts_with("HMV ") {
                "HMV  500 500 500 500 500 500\n".to_string()
            } else if l.starts_with("Room ") {
                "Room 3001\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let learned: String = spells.iter().map(|sp| format!("Sk 100 '{sp}'\n")).collect();
    let file = file.replacen("Levl 1\n", &format!("Levl 30\n{learned}"), 1);
    std::fs::write(&path, file).unwrap_or_else(|e| panic!("{e}"));

    let mut m = ok(s.connect());
    ok(m.login("Merlin", "secret1"));
    ok(m.cmd("help create food", "CREATE FOOD makes a mushroom"));

    // create food: a mushroom in the room, seen with look.
    ok(m.send_line("cast 'create food'"));
    ok(m.expect("A pale conjured mushroom pops up out of nowhere.", WAIT));
    ok(m.cmd(
        "look",
        "A pale mushroom with a faintly glowing cap sprouts here.",
    ));
    ok(m.cmd("get mushroom", "You get a pale conjured mushroom."));

    // identify: the listing, with the spell's food values (L/2, L).
    ok(m.send_line("cast identify mushroom"));
    let text = ok(m.expect("Weight is", WAIT));
    assert!(
        text.contains("Object 'mushroom cap' is type food, extra flags none."),
        "{text}"
    );
    ok(m.expect("level is 0.", WAIT));

    // Another player waits in the practice yard (3705, not safe).
    let mut ann = ok(s.connect());
    ok(ann.create_character("Ann", "secret1"));
    ok(imp.cmd("goto 3705", "straw target-man"));
    ok(imp.cmd("transfer ann", "Ok."));
    ok(ann.expect("straw target-man", WAIT));
    // From the shrine (a safe room) summoning fails: she refuses summons,
    // and the shrine is safe.
    ok(m.cmd("cast summon ann", "You failed."));
    ok(m.cmd("cast gate nobody", "You failed."));
    // gate: Merlin steps to Ann's side.
    ok(m.send_line("cast gate ann"));
    ok(m.expect("You step through a shimmering gate and are gone.", WAIT));
    ok(m.expect("straw target-man", WAIT));
    ok(ann.expect("Merlin steps out of a shimmering gate.", WAIT));
}
