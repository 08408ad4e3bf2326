//! Skill commands and magic items over real TCP on the bundled world.
//!
//! A thief backstabs a wooden champion in the practice yard (3705) and is
//! fighting it; a warrior quaffs a healing draught and recites a parchment of
//! warding (school.are's own potion and scroll, loaded by the implementor),
//! then bashes and kicks the champion: the command typed right after each is
//! answered only once the lag is over.
//!
//! The characters get their levels, skills and a deep pool of hit points the
//! way an administrator would: by editing their player files while they are
//! logged out. Pulses last 100 ms here, so a 12-pulse lag is 1.2 s; the
//! timing checks only ask for well under the lag (a loaded machine makes
//! pulses slower, never faster).

mod common;

use std::time::{Duration, Instant};

use common::{ok, Client, Launch, Server, WAIT};

const PULSE_MS: u64 = 100;
/// Long enough for several slow pulses on a loaded machine.
const LONG: Duration = Duration::from_secs(60);

/// Walk creation as a human male neutral `class`.
fn create(c: &mut Client, name: &str, password: &str, class: &str) {
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd(name, "(Y/N)? "));
    ok(c.cmd("y", "Give me a password for"));
    ok(c.cmd(password, "Please retype password:"));
    ok(c.cmd(password, "What is your race"));
    ok(c.cmd("human", "What is your sex (M/F)?"));
    ok(c.cmd("m", "Select a class [mage cleric thief warrior]:"));
    ok(c.cmd(class, "Which alignment (G/N/E)?"));
    ok(c.cmd("n", "Customize (Y/N)?"));
    ok(c.cmd("n", "Your choice?"));
    let weapon = match class {
        "warrior" => "sword",
        "cleric" => "mace",
        _ => "dagger",
    };
    ok(c.cmd(weapon, "[Hit Return to continue]"));
    ok(c.cmd("", "Welcome to GraceMUD"));
    ok(c.expect("> ", WAIT));
}

/// Rewrite a logged-out player's file: `level`, 3000 hit points, and each
/// of `skills` at 100 %.
fn promote(s: &Server, name: &str, level: i32, skills: &[&str]) {
    let path = s.player_dir.join(name);
    let file = ok(common::wait_for_file(&path, |f| f.contains("Levl 1\n")));
    let mut out = String::new();
    for line in file.lines() {
        if skills.iter().any(|sk| line.ends_with(&format!("'{sk}'"))) {
            continue;
        }
        if line.starts_with("Levl ") {
            out.push_str(&format!("Levl {level}\n"));
            for sk in skills {
                out.push_str(&format!("Sk 100 '{sk}'\n"));
            }
        } else if line.starts_with("HMV ") {
            out.push_str("HMV  3000 3000 100 100 100 100\n");
        } else if line.starts_with("HMVP ") {
            out.push_str("HMVP 3000 100 100\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{e}"));
}

/// Send `line` and then `score`; the time until score's answer arrives.
fn lag_of(c: &mut Client, line: &str) -> (String, Duration) {
    let start = Instant::now();
    ok(c.send_line(line));
    ok(c.send_line("score"));
    let text = ok(c.expect("Wimpy set to", LONG));
    let lag = start.elapsed();
    // The rest of the score, up to the next prompt.
    (text + &ok(c.expect("mv> ", WAIT)), lag)
}

#[test]
fn backstab_bash_kick_quaff_and_recite() {
    let pulse = PULSE_MS.to_string();
    let s = ok(Server::launch(&Launch {
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", &pulse)],
        ..Launch::default()
    }));
    // The first character is the implementor.
    let mut imp = ok(s.connect());
    ok(imp.create_character("Ivy", "secret1"));

    let mut t = ok(s.connect());
    create(&mut t, "Slink", "secret2", "thief");
    ok(t.cmd("quit", "Alas, all good things must come to an end."));
    assert!(t.wait_closed(WAIT));
    promote(&s, "Slink", 10, &["backstab"]);

    let mut w = ok(s.connect());
    create(&mut w, "Brann", "secret3", "warrior");
    ok(w.cmd("quit", "Alas, all good things must come to an end."));
    assert!(w.wait_closed(WAIT));
    promote(&s, "Brann", 8, &["bash", "kick", "scrolls"]);

    let mut t = ok(s.connect());
    ok(t.login("Slink", "secret2"));
    let mut w = ok(s.connect());
    ok(w.login("Brann", "secret3"));

    ok(t.cmd("help backstab", "Syntax: backstab <character>"));
    ok(w.cmd("help quaff", "Syntax: quaff <potion>"));

    // A sturdy target in the practice yard (not a safe room).
    ok(imp.cmd("goto 3705", "straw target-man"));
    ok(imp.cmd("load mob 3706", "You have created"));
    ok(imp.cmd("transfer slink", "Ok."));
    ok(t.expect("battered wooden champion", WAIT));

    // Backstab: the thief's school dagger is wielded from creation.
    ok(t.send_line("backstab champion"));
    ok(t.cmd("score", "You are fighting."));
    ok(imp.cmd("peace", "Ok."));

    // The warrior's potion and scrolls.
    ok(imp.cmd("transfer brann", "Ok."));
    ok(w.expect("battered wooden champion", WAIT));
    ok(imp.cmd("load obj 3723 1", "You have created"));
    ok(imp.cmd("give vial brann", "You give"));
    ok(w.expect("gives you a vial of red healing draught", WAIT));
    ok(w.cmd("quaff vial", "You quaff a vial of red healing draught."));
    let inv = ok(w.cmd("inventory", "You are carrying:"));
    let inv = inv + &w.drain(Duration::from_millis(3 * PULSE_MS));
    assert!(!inv.contains("healing draught"), "{inv}");
    // Scrolls at 100 %: 99 readings in 100 work; three parchments to be sure.
    for _ in 0..3 {
        ok(imp.cmd("load obj 3724 1", "You have created"));
        ok(imp.cmd("give parchment brann", "You give"));
        ok(w.expect("gives you a parchment of warding", WAIT));
    }
    let mut armored = false;
    for _ in 0..3 {
        let text = ok(w.cmd("recite parchment", "You recite a parchment of warding."));
        let text = text + &w.drain(Duration::from_millis(3 * PULSE_MS));
        if text.contains("You feel someone protecting you.") {
            armored = true;
            break;
        }
        assert!(text.contains("You mispronounce a syllable."), "{text}");
    }
    assert!(armored, "three parchments all failed");
    ok(w.cmd("affects", "Spell: armor"));

    // Bash opens the fight: lag 24 pulses (36 on a miss) before `score`.
    let (text, lag) = lag_of(&mut w, "bash champion");
    assert!(
        text.contains("champion") && text.contains("You are fighting."),
        "{text}"
    );
    assert!(
        lag >= Duration::from_millis(16 * PULSE_MS),
        "bash lagged only {lag:?}"
    );
    // Kick while fighting: 12 pulses.
    let (text, lag) = lag_of(&mut w, "kick");
    assert!(text.contains("kick"), "{text}");
    assert!(
        lag >= Duration::from_millis(8 * PULSE_MS),
        "kick lagged only {lag:?}"
    );
    // Without a lagging command, score is answered at once (for contrast,
    // with a bound far above one pulse).
    let (_, lag) = lag_of(&mut w, "look");
    assert!(
        lag < Duration::from_millis(60 * PULSE_MS),
        "look lagged {lag:?}"
    );
}
