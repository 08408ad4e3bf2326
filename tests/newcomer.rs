//! What a new player meets, over real TCP on the bundled world: help at the
//! race question, the kit with the town map, `score`, help on a quoted
//! topic, `quit` spelled out, the punctuation shortcuts, waking up to the
//! room, `commands` for mortals and `wizhelp` for immortals, and `stat`
//! naming race and class.

mod common;

use common::{ok, Server, WAIT};
use std::time::Duration;

/// The end of the default prompt.
const PROMPT: &str = "mv> ";

/// Send a line and read its reply, up to and including the prompt.
fn run(c: &mut common::Client, line: &str) -> String {
    ok(c.cmd(line, PROMPT))
}

#[test]
fn a_new_players_first_steps() {
    let server = ok(Server::start());
    // The first character is the implementor.
    let mut imp = ok(server.connect());
    ok(imp.create_character("Ivy", "password1"));

    let mut c = ok(server.connect());
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Newbie", "(Y/N)? "));
    ok(c.cmd("y", "Give me a password for"));
    ok(c.cmd("password2", "Please retype password:"));
    ok(c.cmd("password2", "What is your race"));
    // `help` and `help <race>` at the race question.
    let t = ok(c.cmd("help", "What is your race"));
    assert!(t.contains("Four peoples may be chosen"), "{t}");
    let t = ok(c.cmd("help elf", "What is your race"));
    assert!(t.contains("Elves are slight"), "{t}");
    assert!(t.contains("Start         12   14   13   15   11"), "{t}");
    let t = ok(c.cmd("help 'giant'", "What is your race"));
    assert!(t.contains("Giants stand head and shoulders"), "{t}");
    ok(c.cmd("human", "What is your sex (M/F)?"));
    ok(c.cmd("m", "Select a class [mage cleric thief warrior]:"));
    ok(c.cmd("warrior", "Which alignment (G/N/E)?"));
    ok(c.cmd("n", "Customize (Y/N)?"));
    ok(c.cmd("n", "Your choice?"));
    ok(c.cmd("sword", "[Hit Return to continue]"));
    ok(c.cmd("", "Welcome to GraceMUD"));
    ok(c.expect(PROMPT, WAIT));

    // The kit includes the map of the town.
    let t = run(&mut c, "inventory");
    assert!(t.contains("a map of Wrenford"), "{t}");
    // Fresh and fed: not thirsty, not hungry.
    let t = run(&mut c, "score");
    assert!(
        !t.contains("thirsty") && !t.contains("hungry"),
        "a new character is neither thirsty nor hungry:\n{t}"
    );
    // Help on a quoted topic, as the help itself says to type it.
    let t = run(&mut c, "help 'newbie info'");
    assert!(t.contains("Here is how to get started."), "{t}");
    // q, qu and qui do not quit: in ROM's order q and qu are question (the
    // Q/A channel's toggle) and qui is quiet.
    for (line, now) in [("q", "OFF"), ("qu", "ON")] {
        let t = run(&mut c, line);
        assert!(
            t.contains(&format!("Q/A channel is now {now}.")),
            "{line}: {t}"
        );
    }
    let t = run(&mut c, "qui");
    assert!(t.contains("you will only hear says and emotes"), "qui: {t}");
    let t = run(&mut c, "qui");
    assert!(t.contains("Quiet mode removed."), "qui: {t}");
    // sc is scan; scan and reply work asleep; waking shows the room.
    let t = run(&mut c, "sc");
    assert!(t.contains("Looking around you see:"), "{t}");
    ok(c.cmd("sleep", "You go to sleep."));
    ok(c.expect(PROMPT, WAIT));
    let t = run(&mut c, "scan");
    assert!(t.contains("Looking around you see:"), "{t}");
    imp.drain(Duration::from_millis(300));
    assert!(run(&mut imp, "tell newbie wake up").contains("You tell Newbie 'wake up'"));
    ok(c.expect("Ivy tells you 'wake up'", WAIT));
    ok(c.expect(PROMPT, WAIT));
    let t = run(&mut c, "reply coming");
    assert!(t.contains("You tell Ivy 'coming'"), "{t}");
    let t = run(&mut c, "wake");
    assert!(t.contains("You wake and stand up."), "{t}");
    assert!(t.contains("[Exits:"), "waking did not show the room:\n{t}");
    // The punctuation shortcuts need no space.
    assert!(run(&mut c, ".hello all").contains("You gossip 'hello all'"));
    ok(imp.expect("Newbie gossips 'hello all'", WAIT));
    assert!(run(&mut c, ",waves.").contains("Newbie waves."));
    // Mortals: commands lists mortal commands only, and there is no wizhelp.
    let t = run(&mut c, "commands");
    assert!(t.contains("score") && t.contains("scan"), "{t}");
    assert!(!t.contains("goto") && !t.contains("wizhelp"), "{t}");
    assert!(run(&mut c, "wizhelp").contains("Huh?"));

    // The implementor: wizhelp (which the IMOTD points to) lists the
    // immortal commands; stat names race and class.
    imp.drain(Duration::from_millis(300));
    let t = run(&mut imp, "wizhelp");
    for name in ["goto", "stat", "advance", "shutdown", "wizhelp"] {
        assert!(t.contains(name), "{name} missing from wizhelp:\n{t}");
    }
    assert!(!t.contains("score"), "{t}");
    let t = run(&mut imp, "stat newbie");
    assert!(
        t.contains("Race: human") && t.contains("Class: warrior"),
        "{t}"
    );
    ok(c.cmd("quit", "Alas, all good things must come to an end."));
}
