//! Creation customisation over real TCP on the stock ROM world (the
//! bundled one when `../shared/rom-areas` is absent): a new mage answers
//! `Customize (Y/N)?` with yes, reads `list`, adds groups and a skill,
//! drops one, sees ROM's creation points and experience per level after
//! each step, picks his weapon and finds in the game what he bought:
//! `groups` counts his points, `skills` shows recall at 50 % and the
//! dagger at 40 %, and his experience is one level's worth at his points.

mod common;

use std::path::Path;

use common::{ok, Client, Launch, Server, WAIT};

const MENU: &str = "Choice (add, drop, list, learned, premise, info, help, done)? ";

fn menu(c: &mut Client, line: &str) -> String {
    ok(c.cmd(line, MENU))
}

#[test]
fn a_new_mage_customises_his_groups() {
    let stock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    let areas = stock.join("area.lst").is_file().then_some(stock.as_path());
    let s = ok(Server::launch(&Launch {
        areas,
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", "5")],
        ..Launch::default()
    }));
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));

    let mut c = ok(s.connect());
    ok(c.expect("By what name do you wish to be known?", WAIT));
    ok(c.cmd("Zandor", "(Y/N)? "));
    ok(c.cmd("y", "Give me a password for"));
    ok(c.cmd("secret1", "Please retype password:"));
    ok(c.cmd("secret1", "What is your race"));
    ok(c.cmd("elf", "What is your sex (M/F)?"));
    ok(c.cmd("m", "Select a class"));
    ok(c.cmd("mage", "Which alignment (G/N/E)?"));
    ok(c.cmd("n", "Customize (Y/N)? "));
    let t = menu(&mut c, "y");
    // ROM's prices for a mage; an elf starts with 5 points.
    assert!(t.contains("combat             6"), "{t}");
    assert!(t.contains("beguiling          4"), "{t}");
    assert!(
        !t.contains("curative"),
        "a cleric group offered to a mage:\n{t}"
    );
    assert!(t.contains("Creation points: 5\n"), "{t}");
    assert!(t.contains("You already have the following skills:"), "{t}");
    assert!(t.contains("sneak"), "{t}");

    let t = menu(&mut c, "done");
    assert!(t.contains("You didn't pick anything."), "{t}");
    assert!(menu(&mut c, "add combat").contains("combat group added."));
    assert!(menu(&mut c, "add magic missile").contains("You already know that skill!"));
    assert!(menu(&mut c, "add lore").contains("lore skill added."));
    let t = menu(&mut c, "add healing");
    assert!(t.contains("not available"), "{t}");
    let t = menu(&mut c, "done");
    assert!(t.contains("at least 45 points"), "{t}");
    assert!(menu(&mut c, "info beguiling").contains("charm person"));
    // The world's own PREMISE entry (ours or stock ROM's).
    let t = menu(&mut c, "premise");
    assert!(t.to_lowercase().contains("creation points"), "{t}");
    for g in ["beguiling", "detection", "enchantment", "weaponsmaster"] {
        let t = menu(&mut c, &format!("add {g}"));
        assert!(t.contains(&format!("{g} group added.")), "{t}");
    }
    // 5 + 6 + 6 (lore) + 4 + 4 + 6 + 40 = 71 points: 3000 + 1 × 1000 / 10.
    let t = menu(&mut c, "learned");
    assert!(t.contains("weaponsmaster"), "{t}");
    assert!(t.contains("Creation points: 71\n"), "{t}");
    assert!(t.contains("Experience per level: 3100\n"), "{t}");
    assert!(menu(&mut c, "drop weaponsmaster").contains("Group dropped."));
    let t = menu(&mut c, "drop weaponsmaster");
    assert!(
        t.contains("You haven't bought any such skill or group."),
        "{t}"
    );
    // 31 points: below 40 + 5.
    assert!(menu(&mut c, "done").contains("at least 45 points"));
    assert!(menu(&mut c, "add maladictions").contains("maladictions group added."));
    assert!(menu(&mut c, "add protective").contains("protective group added."));
    assert!(menu(&mut c, "add illusion").contains("illusion group added."));
    // 31 + 5 + 4 + 4 = 44: still short; weather makes 48.
    assert!(menu(&mut c, "done").contains("at least 45 points"));
    assert!(menu(&mut c, "add weather").contains("weather group added."));
    ok(c.send_line("done"));
    let t = ok(c.expect("Your choice? ", WAIT));
    // 48 points: 1000 + 8 × 500 / 10 = 1400 for an elf mage (multiplier 100).
    assert!(t.contains("Creation points: 48\n"), "{t}");
    assert!(t.contains("Experience per level: 1400\n"), "{t}");
    // Only the dagger of mage basics: weaponsmaster was dropped.
    assert!(t.contains("choices:\ndagger\n"), "{t}");
    let t = ok(c.cmd("sword", "Your choice? "));
    assert!(t.contains("That's not a valid selection."), "{t}");
    ok(c.cmd("dagger", "[Hit Return to continue]"));
    ok(c.cmd("", "> "));

    let t = ok(c.cmd("groups", "> "));
    assert!(t.contains("Creation points: 48"), "{t}");
    assert!(t.contains("combat") && t.contains("weather"), "{t}");
    let t = ok(c.cmd("skills", "> "));
    assert!(t.contains(&format!("{:<18} {:>3}%", "recall", 50)), "{t}");
    assert!(t.contains(&format!("{:<18} {:>3}%", "dagger", 40)), "{t}");
    // Level 1 with 1400 exp per level: 1400 exp now.
    let t = ok(c.cmd("score", "> "));
    assert!(t.contains("1400"), "{t}");
}
