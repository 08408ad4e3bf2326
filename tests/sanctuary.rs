//! A cleric's sanctuary over real TCP on the stock ROM world (skipped
//! with a note when `../shared/rom-areas` is absent), with 20 ms pulses so
//! that command lag is long enough to measure: `cast sanctuary` lags its
//! caster by the spell's 12 pulses, shows in `affects` with ROM's duration
//! (level / 6 hours), and wears off with ROM's "The white aura around your
//! body fades.". (That sanctuary halves damage is proved on a hand-built
//! world in `game::fight`'s unit tests, where the hit can be fixed.)

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{ok, Client, Launch, Server, WAIT};

const PULSE_MS: u64 = 20;
/// Sanctuary at level 24 lasts 4 hours: 5 ticks of 240 pulses, 24 s.
const LONG: Duration = Duration::from_secs(120);

fn create_cleric(c: &mut Client, name: &str) {
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd(name, "(Y/N)? "));
    ok(c.cmd("y", "Give me a password for"));
    ok(c.cmd("secret1", "Please retype password:"));
    ok(c.cmd("secret1", "What is your race"));
    ok(c.cmd("human", "What is your sex (M/F)?"));
    ok(c.cmd("f", "Select a class"));
    ok(c.cmd("cleric", "Which alignment (G/N/E)?"));
    ok(c.cmd("g", "Customize (Y/N)?"));
    ok(c.cmd("n", "Your choice?"));
    ok(c.cmd("mace", "[Hit Return to continue]"));
    ok(c.cmd("", "> "));
}

#[test]
fn a_clerics_sanctuary_lags_shows_and_fades() {
    let stock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if !stock.join("area.lst").is_file() {
        println!("skipped: {} is not here", stock.display());
        return;
    }
    let pulse = PULSE_MS.to_string();
    let s = ok(Server::launch(&Launch {
        areas: Some(&stock),
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", &pulse)],
        ..Launch::default()
    }));
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    let mut c = ok(s.connect());
    create_cleric(&mut c, "Ysolde");
    ok(c.cmd("quit", "Alas, all good things must come to an end."));
    assert!(c.wait_closed(WAIT));
    // Level 24 and sanctuary learned (the file edited while she is away).
    let path = s.player_dir.join("Ysolde");
    let file = ok(common::wait_for_file(&path, |f| f.contains("Levl 1\n")));
    let file: String = file
        .lines()
        .filter(|l| !l.ends_with("'sanctuary'"))
        .map(|l| {
            if l == "Levl 1" {
                "Levl 24\nSk 100 'sanctuary'\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&path, file).unwrap_or_else(|e| panic!("{e}"));
    let mut c = ok(s.connect());
    ok(c.login("Ysolde", "secret1"));
    c.drain(Duration::from_millis(100));

    // The cast, then `score` typed at once: it waits out 12 pulses.
    let start = Instant::now();
    ok(c.send_line("cast sanctuary"));
    ok(c.send_line("score"));
    let t = ok(c.expect("Wimpy set to", WAIT));
    let lag = start.elapsed();
    assert!(t.contains("You are surrounded by a white aura."), "{t}");
    assert!(
        lag >= Duration::from_millis(9 * PULSE_MS),
        "sanctuary lagged only {lag:?}"
    );
    ok(c.expect("mv> ", WAIT));
    let t = ok(c.cmd("affects", "mv> "));
    // Level 24: 24 / 6 = 4 hours (a tick may already have passed).
    assert!(t.contains("Spell: sanctuary"), "{t}");
    assert!(
        t.contains("for 4 hours") || t.contains("for 3 hours"),
        "{t}"
    );
    ok(c.expect("The white aura around your body fades.", LONG));
    ok(c.cmd("affects", "You are not affected by any spells."));
}
