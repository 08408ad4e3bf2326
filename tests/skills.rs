//! Skills over real TCP on the bundled world: a new warrior walks from the
//! Drill Yard gate to Drillmaster Thorne, practices sword and sees its
//! percentage rise, trains strength, and asks what `gain` offers.

mod common;

use common::{ok, Server, WAIT};

/// The end of the default prompt.
const PROMPT: &str = "mv> ";

fn run(c: &mut common::Client, line: &str) -> String {
    ok(c.cmd(line, PROMPT))
}

#[test]
fn a_new_warrior_practices_and_trains_at_the_drillmaster() {
    let server = ok(Server::start());
    // The first character is the implementor; the second is a mortal.
    let mut imp = ok(server.connect());
    ok(imp.create_character("Ivy", "password1"));
    let mut c = ok(server.connect());
    ok(c.create_character("Brann", "password2"));

    // The default groups are known; sword, his chosen weapon, at 40 %.
    let t = run(&mut c, "practice");
    assert!(t.contains(&format!("{:<18} {:>3}%", "sword", 40)), "{t}");
    assert!(t.contains("You have 5 practice sessions left."), "{t}");
    let t = run(&mut c, "practice sword");
    assert!(t.contains("There is nobody here to practice with."), "{t}");

    // Gate, muster ground, yard, to the drillmaster.
    for dir in ["north", "north", "north", "north"] {
        run(&mut c, dir);
    }
    let t = run(&mut c, "look");
    assert!(t.contains("Drillmaster Thorne"), "{t}");

    // A human warrior has 13 intelligence (learn 25); sword costs 2: +12.
    let t = run(&mut c, "practice sword");
    assert!(t.contains("You practice sword."), "{t}");
    let t = run(&mut c, "practice");
    assert!(t.contains(&format!("{:<18} {:>3}%", "sword", 52)), "{t}");
    assert!(t.contains("You have 4 practice sessions left."), "{t}");

    let t = run(&mut c, "train");
    assert!(t.contains("You have 3 training sessions."), "{t}");
    let t = run(&mut c, "train str");
    assert!(t.contains("Your strength increases!"), "{t}");
    let t = run(&mut c, "train");
    assert!(t.contains("You have 2 training sessions."), "{t}");

    let t = run(&mut c, "gain list");
    assert!(t.contains("kick"), "{t}");
    let t = run(&mut c, "gain convert");
    assert!(t.contains("You need ten practice sessions"), "{t}");
    let t = run(&mut c, "skills");
    assert!(t.contains("Level  1:"), "{t}");

    // The practiced percentage and the sessions survive quitting.
    ok(c.cmd("quit", "Alas, all good things must come to an end."));
    assert!(c.wait_closed(WAIT));
    let file = ok(common::wait_for_file(
        &server.player_dir.join("Brann"),
        |f| f.contains("\nSk 52 'sword'\n"),
    ));
    assert!(file.contains("\nSk 52 'sword'\n"), "{file}");
    let mut c = ok(server.connect());
    ok(c.login("Brann", "password2"));
    let t = run(&mut c, "practice");
    assert!(t.contains(&format!("{:<18} {:>3}%", "sword", 52)), "{t}");
    assert!(t.contains("You have 4 practice sessions left."), "{t}");
}
