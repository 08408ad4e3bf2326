//! The immortal commands over TCP: an implementor and two players (each
//! from its own loopback address) go through force, set, snoop,
//! switch/return, echoes, wizinvis, freeze, disconnect, wiznet and site
//! bans, including a permanent ban surviving a restart; and an immortal
//! switched into a mobile (and snooping a player) stays so through a
//! copyover.

mod common;

use std::time::Duration;

use common::{ok, Client, Server, WAIT};

/// Send `line` once what came before is read; wait for `text`.
fn run(c: &mut Client, line: &str, text: &str) -> String {
    c.drain(Duration::from_millis(30));
    ok(c.cmd(line, text))
}

#[test]
fn an_immortal_runs_the_game() {
    let s = ok(Server::start());
    let mut imm = ok(Client::connect_from(s.port, [127, 0, 0, 1]));
    ok(imm.create_character("Odin", "secret1"));
    let mut wren = ok(Client::connect_from(s.port, [127, 0, 0, 2]));
    ok(wren.create_character("Wren", "secret2"));
    let mut moss = ok(Client::connect_from(s.port, [127, 0, 0, 3]));
    ok(moss.create_character("Moss", "secret3"));
    // All three start in the same room; the implementor is there too.
    run(&mut imm, "transfer wren", "Ok.");
    run(&mut imm, "transfer moss", "Ok.");

    // force
    run(&mut imm, "force wren say hello there", "Ok.");
    ok(wren.expect("Odin forces you to 'say hello there'.", WAIT));
    ok(wren.expect("You say 'hello there'", WAIT));
    // A mortal cannot be forced by... a mortal: they lack the command.
    run(&mut moss, "force wren say hi", "Huh?");

    // set a mobile's level, seen by stat
    run(
        &mut imm,
        "load mob 3011",
        "You have created a fat warehouse rat!",
    );
    run(&mut imm, "set mob rat level 42", "Ok.");
    run(&mut imm, "stat rat", "Lv: 42 ");
    run(&mut imm, "set mob rat level 99", "Level range is 0 to 60.");

    // snoop: input and output, marked with %
    run(&mut imm, "snoop wren", "Ok.");
    wren.drain(Duration::from_millis(30));
    ok(wren.cmd("say snooped words", "You say 'snooped words'"));
    ok(imm.expect("% say snooped words", WAIT));
    ok(imm.expect("% You say 'snooped words'", WAIT));
    run(&mut imm, "snoop self", "Cancelling all snoops.");

    // switch and return
    run(&mut imm, "switch rat", "Ok.");
    run(&mut imm, "say squeak", "You say 'squeak'");
    ok(wren.expect("A fat warehouse rat says 'squeak'", WAIT));
    run(&mut imm, "switch rat", "You are already switched.");
    // Still in `who` while switched.
    let who = run(&mut moss, "who", "Players found:");
    assert!(who.contains("Odin"), "{who}");
    run(&mut imm, "return", "You return to your original body.");
    run(&mut imm, "return", "You aren't switched.");

    // echoes: mortals see the bare text, equals the marker
    run(
        &mut imm,
        "echo The ground trembles.",
        "local> The ground trembles.",
    );
    ok(wren.expect("The ground trembles.", WAIT));
    run(
        &mut imm,
        "gecho A distant bell tolls.",
        "global> A distant bell tolls.",
    );
    ok(moss.expect("A distant bell tolls.", WAIT));

    // wizinvis hides from who
    let who = run(&mut moss, "who", "Players found:");
    assert!(who.contains("Odin"), "{who}");
    run(&mut imm, "wizinvis", "You slowly vanish into thin air.");
    let who = run(&mut moss, "who", "Players found:");
    assert!(!who.contains("Odin"), "{who}");
    run(&mut imm, "wizinvis", "You slowly fade back into existence.");

    // freeze
    run(&mut imm, "freeze moss", "FREEZE set.");
    ok(moss.expect("You can't do ANYthing!", WAIT));
    run(&mut moss, "look", "You're totally frozen!");
    run(&mut imm, "freeze moss", "FREEZE removed.");
    ok(moss.expect("You can play again.", WAIT));
    run(&mut moss, "say free", "You say 'free'");

    // wiznet hears a newcomer
    run(&mut imm, "wiznet", "Welcome to Wiznet!");
    run(
        &mut imm,
        "wiznet logins",
        "You will now see logins on wiznet.",
    );
    let mut fern = ok(Client::connect_from(s.port, [127, 0, 0, 4]));
    ok(fern.create_character("Fern", "secret4"));
    ok(imm.expect("Fern has left real life behind.", WAIT));

    // A snooped link that drops ends the snoop (wiznet tells of the loss).
    run(
        &mut imm,
        "wiznet links",
        "You will now see links on wiznet.",
    );
    run(&mut imm, "snoop fern", "Ok.");
    drop(fern);
    ok(imm.expect("Net death has claimed Fern.", WAIT));
    let mut fern = ok(Client::connect_from(s.port, [127, 0, 0, 4]));
    ok(fern.expect("By what name do you wish to be known?", WAIT));
    ok(fern.cmd("Fern", "Password:"));
    ok(fern.cmd("secret4", "Reconnecting."));
    ok(imm.expect("Fern has reconnected.", WAIT));
    run(&mut fern, "say unwatched", "You say 'unwatched'");
    // No drain here: whatever came to Odin since is in what `cmd` returns.
    let seen = ok(imm.cmd("say marker", "You say 'marker'"));
    assert!(!seen.contains("% "), "{seen}");

    // disconnect
    run(&mut imm, "disconnect moss", "Ok.");
    assert!(moss.wait_closed(WAIT), "moss still connected");

    // bans: a plain ban and a permanent one refuse their sites at once
    run(&mut imm, "ban 127.0.0.9", "127.0.0.9 has been banned.");
    run(&mut imm, "permban 127.0.0.7", "127.0.0.7 has been banned.");
    let list = run(&mut imm, "ban", "temp");
    assert!(
        list.contains("127.0.0.7") && list.contains("perm"),
        "{list}"
    );
    for last in [9, 7] {
        let mut c = ok(Client::connect_from(s.port, [127, 0, 0, last]));
        ok(c.expect("Your site has been banned from this mud.", WAIT));
        assert!(c.wait_closed(WAIT), "127.0.0.{last} still connected");
    }
    // Others still come in.
    let mut c = ok(Client::connect_from(s.port, [127, 0, 0, 8]));
    ok(c.expect("By what name do you wish to be known?", WAIT));
    drop(c);

    // A newbies ban turns new names away, a permit ban old ones too.
    run(
        &mut imm,
        "ban 127.0.0.6 newbies",
        "127.0.0.6 has been banned.",
    );
    let mut c = ok(Client::connect_from(s.port, [127, 0, 0, 6]));
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Newcomer", "New players are not allowed from your site."));
    assert!(c.wait_closed(WAIT));
    run(
        &mut imm,
        "ban 127.0.0.5 permit",
        "127.0.0.5 has been banned.",
    );
    let mut c = ok(Client::connect_from(s.port, [127, 0, 0, 5]));
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Wren", "Your site has been banned from this mud."));
    assert!(c.wait_closed(WAIT));

    // sockets and memory
    let socks = run(&mut imm, "sockets", "users");
    assert!(
        socks.contains("Odin@127.0.0.1") && socks.contains("Wren@127.0.0.2"),
        "{socks}"
    );
    run(&mut imm, "memory", "Rooms");

    // poofin is kept in the player file
    run(
        &mut imm,
        "poofin Odin arrives in a flash.",
        "Your poofin is now Odin arrives in a flash.",
    );
    // deny: the (link-dead) player leaves, and may not come back
    run(&mut imm, "deny moss", "OK.");
    ok(imm.expect("Moss rejoins the real world.", WAIT));
    let gone = run(&mut imm, "mwhere moss", "\n");
    assert!(gone.contains("You didn't find any moss."), "{gone}");

    // reboot saves everyone and stops the game
    imm.drain(Duration::from_millis(30));
    ok(imm.send_line("reboot"));
    ok(wren.expect("Reboot by Odin.", WAIT));
    let mut s = s;
    ok(s.wait_exit(Duration::from_secs(30)));
    let ban_file = ok(common::wait_for_file(&s.root.join("ban.txt"), |t| {
        t.contains("127.0.0.7")
    }));
    assert!(!ban_file.contains("127.0.0.9"), "{ban_file}");
    drop((imm, wren, fern));

    // After a restart the permanent ban still holds; the plain ones are gone.
    let s = ok(s.restart());
    let mut c = ok(Client::connect_from(s.port, [127, 0, 0, 7]));
    ok(c.expect("Your site has been banned from this mud.", WAIT));
    assert!(c.wait_closed(WAIT));
    let mut c = ok(Client::connect_from(s.port, [127, 0, 0, 9]));
    ok(c.expect("By what name do you wish to be known?", WAIT));
    drop(c);
    let mut imm = ok(Client::connect_from(s.port, [127, 0, 0, 1]));
    ok(imm.login("Odin", "secret1"));
    run(
        &mut imm,
        "poofin",
        "Your poofin is Odin arrives in a flash.",
    );
    let status = run(&mut imm, "wiznet status", "logins");
    assert!(!status.contains("off"), "{status}");
    let mut c = ok(Client::connect_from(s.port, [127, 0, 0, 3]));
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Moss", "You are denied access."));
    run(&mut imm, "allow 127.0.0.7", "Ban on 127.0.0.7 lifted.");
    let mut c = ok(Client::connect_from(s.port, [127, 0, 0, 7]));
    ok(c.expect("By what name do you wish to be known?", WAIT));
}

#[test]
fn a_switched_immortal_stays_switched_through_a_copyover() {
    let s = ok(Server::start());
    let mut imm = ok(s.connect());
    ok(imm.create_character("Odin", "secret1"));
    let mut wren = ok(Client::connect_from(s.port, [127, 0, 0, 2]));
    ok(wren.create_character("Wren", "secret2"));
    run(&mut imm, "transfer wren", "Ok.");
    run(
        &mut imm,
        "load mob 3011",
        "You have created a fat warehouse rat!",
    );
    run(&mut imm, "snoop wren", "Ok.");
    run(&mut imm, "switch rat", "Ok.");
    run(&mut imm, "copyover", "Copyover requested.");
    ok(imm.expect("Your body rematerializes.", Duration::from_secs(60)));
    ok(wren.expect("Your body rematerializes.", Duration::from_secs(60)));
    imm.drain(Duration::from_millis(200));
    // Still the rat: its voice, and still snooping Wren.
    run(&mut imm, "say squeak", "You say 'squeak'");
    ok(wren.expect("A fat warehouse rat says 'squeak'", WAIT));
    wren.drain(Duration::from_millis(30));
    ok(wren.cmd("say still watched", "You say 'still watched'"));
    ok(imm.expect("% You say 'still watched'", WAIT));
    run(&mut imm, "return", "You return to your original body.");
    run(&mut imm, "say home", "You say 'home'");
    ok(wren.expect("Odin says 'home'", WAIT));
}
