//! Casting over real TCP on the bundled world: a mage casts `armor` on
//! himself, sees it under `affects` and reads its wear-off message; then
//! `cast 'magic missile'` at a straw target-man (room 3705) costs mana and starts a fight.
//!
//! A new character learns nothing yet (the class's default group is only
//! recorded; `practice`/`gain` come with the skills work), so the test gives
//! the mage his level and spells the way an administrator would: it edits
//! his player file while he is logged out (`Levl 10`, `Sk 100 'armor'`,
//! `Sk 100 'magic missile'`). Pulses last 2 ms; the test waits for text.

mod common;

use std::time::Duration;

use common::{ok, Client, Launch, Server, WAIT};

/// Armor lasts 24 ticks (about 30 s at 5 ms pulses); allow for a loaded
/// machine.
const LONG: Duration = Duration::from_secs(120);

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

/// The current mana in `score`'s "You have h/H hit, m/M mana" line.
fn mana_of(text: &str) -> i32 {
    let Some(at) = text.find(" mana,") else {
        panic!("no mana in {text:?}");
    };
    let head = &text[..at];
    let Some(slash) = head.rfind('/') else {
        panic!("bad mana in {text:?}");
    };
    let start = head[..slash].rfind(' ').map_or(0, |i| i + 1);
    head[start..slash]
        .parse()
        .unwrap_or_else(|_| panic!("bad mana in {text:?}"))
}

#[test]
fn a_mage_casts_armor_and_magic_missile() {
    let s = ok(Server::launch(&Launch {
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", "2")],
        ..Launch::default()
    }));
    // The first character is the implementor.
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));

    let mut m = ok(s.connect());
    create_mage(&mut m, "Merlin", "secret1");
    // Nothing learned yet.
    ok(m.cmd("cast armor", "You don't know any spells of that name."));
    ok(m.cmd("quit", "Alas, all good things must come to an end."));
    assert!(m.wait_closed(WAIT));

    let path = s.player_dir.join("Merlin");
    let file = ok(common::wait_for_file(&path, |f| f.contains("Levl 1\n")));
    // Creation gave the mage his groups' spells at 1 %: replace those lines.
    let file: String = file
        .lines()
        .filter(|l| !l.ends_with("'armor'") && !l.ends_with("'magic missile'"))
        .map(|l| format!("{l}\n"))
        .collect();
    let file = file.replacen(
        "Levl 1\n",
        "Levl 10\nSk 100 'armor'\nSk 100 'magic missile'\n",
        1,
    );
    std::fs::write(&path, file).unwrap_or_else(|e| panic!("{e}"));

    let mut m = ok(s.connect());
    ok(m.login("Merlin", "secret1"));
    ok(m.cmd("help cast", "Syntax: cast '<spell>' [target]"));
    ok(m.cmd("help magic missile", "Spells that can be cast with CAST"));
    ok(m.cmd("cast armor", "You feel someone protecting you."));
    ok(m.cmd("affects", "Spell: armor"));
    ok(m.expect("You feel less armored.", LONG));
    ok(m.cmd("affects", "You are not affected by any spells."));

    // The practice yard (3705, not a safe room) holds straw target-men.
    ok(imp.cmd("goto 3705", "straw target-man"));
    ok(imp.cmd("transfer merlin", "Ok."));
    ok(m.expect("straw target-man", WAIT));
    let before = mana_of(&ok(m.cmd("score", " mana,")));
    ok(m.send_line("cast 'magic missile' straw"));
    ok(m.expect("Your magic missile", WAIT));
    // The implementor, a warrior, hears the words garbled.
    ok(imp.expect("Merlin utters the words, 'waouq wuggurz'.", WAIT));
    let score = ok(m.cmd("score", "Alignment:"));
    let after = mana_of(&score);
    // 15 mana (the minimum: 100/11 is less); a tick of regeneration in a
    // fight gives back only a few points.
    assert!(after < before && before - after >= 9, "{before} -> {after}");
    // The missile started a fight (or, at worst, killed the target outright).
    assert!(
        score.contains("You are fighting.") || score.contains("is DEAD"),
        "no fight: {score}"
    );
}
