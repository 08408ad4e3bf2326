//! Clans over real TCP on the bundled world: without a clan a player may
//! not attack another ("Join a clan if you want to kill players."); the
//! implementor `guild`s two players into clan rom and a third as a loner;
//! `who` shows the clans; `clan` reaches the other member of rom but not
//! the loner (who has no one to talk to); a rom member `murder`s the other,
//! the fight starts and he is a KILLER; the clan survives quit and login.

mod common;

use common::{ok, Server, WAIT};

#[test]
fn clan_members_talk_and_fight() {
    let s = ok(Server::start());
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    let mut a = ok(s.connect());
    ok(a.create_character("Aldo", "secret1"));
    let mut b = ok(s.connect());
    ok(b.create_character("Bryn", "secret1"));
    let mut l = ok(s.connect());
    ok(l.create_character("Lone", "secret1"));
    // All four in the Drill Yard's gate room (the school entrance);
    // `murder` is for level 5 and up.
    ok(imp.cmd("goto aldo", "> "));
    for who in ["aldo", "bryn"] {
        ok(imp.cmd(&format!("advance {who} 10"), "> "));
    }
    a.drain(std::time::Duration::from_millis(200));
    ok(a.cmd("murder bryn", "Join a clan if you want to kill players."));

    ok(imp.cmd("guild aldo rom", "They are now a member of clan Rom."));
    ok(a.expect("You are now a member of clan Rom.", WAIT));
    ok(imp.cmd("guild bryn rom", "They are now a member of clan Rom."));
    ok(imp.cmd("guild lone loner", "They are now a loner."));
    let who = ok(imp.cmd("who", "Players found:"));
    assert!(who.contains("[  ROM  ] Aldo"), "{who}");
    assert!(who.contains("[ Loner ] Lone"), "{who}");

    ok(a.cmd("clan hold the line", "You clan 'hold the line'"));
    ok(b.expect("Aldo clans 'hold the line'", WAIT));
    ok(l.cmd("clan anyone?", "You aren't in a clan."));

    ok(a.cmd("murder bryn", "*** You are now a KILLER!! ***"));
    ok(b.expect("Help!  I am being attacked by Aldo!", WAIT));
    let score = ok(a.cmd("score", "Alignment"));
    assert!(score.contains("You are fighting"), "{score}");
    ok(imp.cmd("peace", "Ok."));

    ok(l.cmd("quit", "Alas, all good things must come to an end."));
    assert!(l.wait_closed(WAIT));
    let mut l = ok(s.connect());
    ok(l.login("Lone", "secret1"));
    let who = ok(l.cmd("who", "Players found:"));
    assert!(who.contains("[ Loner ] Lone"), "{who}");
    assert!(who.contains("(KILLER) Aldo"), "{who}");
}
