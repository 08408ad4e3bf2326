//! Eating and drinking over real TCP on the bundled world: a hungry,
//! thirsty cadet (his player file edited while he was away: `Cnd 0 0 0 0`)
//! drinks at the rain barrel on the Muster Ground, eats a ration biscuit,
//! fills a flask at the barrel and pours it out; `score` tells hunger and
//! thirst as ROM does.

mod common;

use common::{ok, Server, WAIT};

const PROMPT: &str = "mv> ";

/// Send `line` once whatever came before is read, and wait for the prompt.
fn run(c: &mut common::Client, line: &str) -> String {
    c.drain(std::time::Duration::from_millis(40));
    ok(c.cmd(line, PROMPT))
}

#[test]
fn a_hungry_cadet_eats_drinks_and_fills_a_flask() {
    let s = ok(Server::start());
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    let mut c = ok(s.connect());
    ok(c.create_character("Garrick", "secret1"));
    ok(c.cmd("quit", "Alas, all good things must come to an end."));
    assert!(c.wait_closed(WAIT));
    let path = s.player_dir.join("Garrick");
    let file = ok(common::wait_for_file(&path, |f| f.contains("\nCnd ")));
    let file: String = file
        .lines()
        .map(|l| {
            if l.starts_with("Cnd ") {
                "Cnd  0 0 0 0\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&path, file).unwrap_or_else(|e| panic!("{e}"));

    let mut c = ok(s.connect());
    ok(c.login("Garrick", "secret1"));
    let t = run(&mut c, "score");
    assert!(
        t.contains("You are thirsty.") && t.contains("You are hungry."),
        "{t}"
    );

    // The rain barrel stands on the Muster Ground, north of the gate.
    ok(c.cmd("north", "rain barrel"));
    let t = run(&mut c, "drink");
    assert!(t.contains("You drink water from a rain barrel."), "{t}");
    // Three sips of water (16 each): thirst 48, quenched.
    assert!(t.contains("Your thirst is quenched."), "{t}");
    let t = run(&mut c, "score");
    assert!(
        !t.contains("You are thirsty.") && t.contains("You are hungry."),
        "{t}"
    );

    // The implementor brings a biscuit and an empty flask.
    run(&mut imp, "goto garrick");
    run(&mut imp, "load obj 3709");
    run(&mut imp, "load obj 3710");
    run(&mut imp, "give biscuit garrick");
    run(&mut imp, "give flask garrick");
    ok(c.expect("a leather water flask", WAIT));
    let t = run(&mut c, "eat biscuit");
    assert!(t.contains("You eat a ration biscuit."), "{t}");
    assert!(t.contains("You are no longer hungry."), "{t}");
    let t = run(&mut c, "score");
    assert!(!t.contains("You are hungry."), "{t}");
    let t = run(&mut c, "eat biscuit");
    assert!(t.contains("You do not have that item."), "{t}");

    let t = run(&mut c, "pour flask out");
    assert!(t.contains("runs out onto the ground"), "{t}");
    let t = run(&mut c, "drink flask");
    assert!(t.contains("It is already empty."), "{t}");
    let t = run(&mut c, "fill flask");
    assert!(
        t.contains("You fill a leather water flask with water from a rain barrel."),
        "{t}"
    );
    let t = run(&mut c, "fill flask");
    assert!(t.contains("Your container is full."), "{t}");
    let t = run(&mut c, "examine flask");
    // ROM's wording, double space and all.
    assert!(
        t.contains("more than half-filled with  a clear liquid."),
        "{t}"
    );
}
