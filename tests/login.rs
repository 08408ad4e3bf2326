//! The login dialogue over real TCP against the real binary: creating a
//! character with ROM's prompts, quitting and logging back in, wrong
//! passwords, the first character becoming the implementor, link-dead
//! takeover and kicking an old link.

mod common;

use common::{ok, Server, WAIT};
use std::time::Duration;

fn server() -> Server {
    Server::start().unwrap_or_else(|e| panic!("server did not start: {e}"))
}

#[test]
fn create_quit_and_log_back_in() {
    let s = server();
    let mut c = ok(s.connect());
    let t = ok(c.create_character("Alice", "secret1"));
    for prompt in [
        "By what name do you wish to be known?",
        "Did I get that right, Alice (Y/N)? ",
        "Give me a password for Alice: ",
        "Please retype password: ",
        "The following races are available:",
        "What is your sex (M/F)? ",
        "Select a class [mage cleric thief warrior]: ",
        "You may be good, neutral, or evil.\nWhich alignment (G/N/E)? ",
        "Customize (Y/N)? ",
        "Please pick a weapon from the following choices:\nsword mace dagger axe staff flail whip polearm\nYour choice? ",
        "[Hit Return to continue]",
    ] {
        assert!(t.contains(prompt), "missing {prompt:?} in:\n{t}");
    }
    ok(common::wait_for_file(&s.player_dir.join("Alice"), |_| true));
    ok(c.cmd("quit", "Alas, all good things must come to an end."));
    assert!(c.wait_closed(WAIT), "quit did not close the connection");

    let mut c = ok(s.connect());
    let t = ok(c.login("alice", "secret1"));
    assert!(t.contains("Password:"), "{t}");
    // Back in the game: a command gets a reply and a prompt.
    ok(c.cmd("xyzzy", "Huh?"));
    ok(c.expect("hp ", WAIT));
}

#[test]
fn mismatched_and_short_passwords_are_refused_during_creation() {
    let s = server();
    let mut c = ok(s.connect());
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Zed", "Did I get that right, Zed (Y/N)? "));
    ok(c.cmd("y", "Give me a password for Zed: "));
    ok(c.cmd("abc", "Password must be at least five characters long."));
    ok(c.cmd("first11", "Please retype password: "));
    ok(c.cmd("second2", "Passwords don't match.\nRetype password: "));
    ok(c.cmd("first11", "Please retype password: "));
    ok(c.cmd("first11", "What is your race"));
    ok(c.cmd("orc", "That is not a valid race."));
}

#[test]
fn illegal_names_are_refused() {
    let s = server();
    let mut c = ok(s.connect());
    ok(c.expect("By what name do you wish to be known?", WAIT));
    for bad in ["all", "x", "../../etc", "Abcdefghijklmnop", "someone"] {
        ok(c.cmd(bad, "Illegal name, try another."));
    }
}

#[test]
fn three_wrong_passwords_disconnect() {
    let s = server();
    let mut c = ok(s.connect());
    ok(c.create_character("Bert", "rightpw1"));
    ok(c.cmd("quit", "Alas, all good things must come to an end."));
    assert!(c.wait_closed(WAIT));

    let mut c = ok(s.connect());
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Bert", "Password:"));
    ok(c.cmd("wrong1", "Wrong password."));
    ok(c.expect("Password:", WAIT));
    ok(c.cmd("wrong2", "Wrong password."));
    ok(c.expect("Password:", WAIT));
    assert!(!c.closed);
    ok(c.cmd("wrong3", "Wrong password."));
    assert!(
        c.wait_closed(WAIT),
        "still connected after three wrong passwords"
    );
    assert!(
        s.log().contains(
            "login failure: name=Bert addr=127.0.0.1 failures(account)=3 failures(addr)=3 delay=0s"
        ),
        "no log line:\n{}",
        s.log()
    );
}

#[test]
fn first_character_is_the_implementor_and_the_second_is_not() {
    let s = server();
    let mut imp = ok(s.connect());
    let t = ok(imp.create_character("Ivy", "password1"));
    assert!(t.contains("implementor"), "{t}");
    let mut mortal = ok(s.connect());
    let t = ok(mortal.create_character("Moe", "password2"));
    assert!(!t.contains("implementor"), "{t}");
    // goto is an immortal command: the implementor may, the mortal may not.
    ok(mortal.cmd("goto 3001", "Huh?"));
    imp.send_line("goto 3001").unwrap_or_default();
    let reply = ok(imp.expect("hp ", WAIT));
    assert!(!reply.contains("Huh?"), "implementor cannot goto:\n{reply}");
    ok(common::wait_for_file(&s.player_dir.join("Ivy"), |f| {
        f.contains("\nLevl 60\n")
    }));
    ok(common::wait_for_file(&s.player_dir.join("Moe"), |f| {
        f.contains("\nLevl 1\n")
    }));
}

#[test]
fn link_dead_character_is_taken_over() {
    let s = server();
    let mut watcher = ok(s.connect());
    ok(watcher.create_character("Wendy", "password1"));
    let mut c = ok(s.connect());
    ok(c.create_character("Larry", "password2"));
    ok(watcher.expect("Larry has entered the game.", WAIT));
    drop(c); // the link drops without quitting
    ok(watcher.expect("Larry has lost his link.", WAIT));

    let mut c = ok(s.connect());
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Larry", "Password:"));
    let t = ok(c.cmd("password2", "Reconnecting."));
    assert!(
        !t.contains("[Hit Return to continue]"),
        "reconnect went through the MOTD:\n{t}"
    );
    ok(watcher.expect("Larry has reconnected.", WAIT));
    ok(c.cmd("xyzzy", "Huh?"));
}

#[test]
fn second_login_kicks_the_old_link() {
    let s = server();
    let mut old = ok(s.connect());
    ok(old.create_character("Kim", "password1"));
    let mut new = ok(s.connect());
    ok(new.expect("By what name do you wish to be known?", WAIT));
    ok(new.cmd("Kim", "Password:"));
    ok(new.cmd(
        "password1",
        "That character is already playing.\nDo you wish to connect anyway (Y/N)?",
    ));
    ok(new.cmd("y", "Reconnecting."));
    assert!(old.wait_closed(WAIT), "the old link was not closed");
    ok(new.cmd("xyzzy", "Huh?"));
    // Saying no goes back to the name question.
    let mut third = ok(s.connect());
    ok(third.expect("By what name do you wish to be known?", WAIT));
    ok(third.cmd("Kim", "Password:"));
    ok(third.cmd("password1", "Do you wish to connect anyway (Y/N)?"));
    ok(third.cmd("n", "Name:"));
    assert!(
        !new.wait_closed(Duration::from_millis(300)),
        "saying no kicked the player"
    );
}
