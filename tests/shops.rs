//! Shops, the healer and the pet shop over real TCP on the stock ROM world
//! (Midgaard): a new warrior, given 100 gold in his player file, buys two
//! breads from the baker (3001: profit_buy 110, bread cost 9, so 9 silver
//! each), sells one to the grocer (3002: profit_sell 40, so 3 silver) who
//! then lists it as stock of one, buys a refresh from the healer (3012) and
//! a kitten (level 1: 10 silver) at the pet shop, orders it about, walks
//! with it, and finds it beside him again after quitting and logging in,
//! and after a copyover.
//!
//! A warrior of level 1 has no haggle, so every price is exact. Skipped with
//! a note when `../shared/rom-areas` is absent.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{ok, Client, Launch, Server, WAIT};

/// A copyover re-executes the server: allow it time.
const LONG: Duration = Duration::from_secs(30);

fn rom_world(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if dir.join("area.lst").is_file() {
        Some(dir)
    } else {
        println!("{test} skipped: {} is not here", dir.display());
        None
    }
}

/// Rewrite the purse in a logged-out player's file.
fn set_purse(s: &Server, name: &str, gold: i64, silver: i64) {
    let path = s.player_dir.join(name);
    let file = ok(common::wait_for_file(&path, |f| f.contains("Gold ")));
    let file: String = file
        .lines()
        .map(|l| {
            if l.starts_with("Gold ") {
                format!("Gold {gold}\n")
            } else if l.starts_with("Silv ") {
                format!("Silv {silver}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&path, file).unwrap_or_else(|e| panic!("{e}"));
}

fn purse(c: &mut Client) -> String {
    ok(c.cmd("score", "coins."))
}

#[test]
fn a_warrior_shops_heals_and_keeps_a_pet_across_quit() {
    let Some(dir) = rom_world("shops") else {
        return;
    };
    let s = ok(Server::launch(&Launch {
        areas: Some(&dir),
        extra: &["--seed", "7"],
        env: &[("GRACEMUD_PULSE_MS", "5")],
        ..Launch::default()
    }));
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));

    let mut p = ok(s.connect());
    ok(p.create_character("Shopper", "secret1"));
    ok(p.cmd("quit", "Alas, all good things must come to an end."));
    assert!(p.wait_closed(WAIT));
    set_purse(&s, "Shopper", 100, 0);
    let mut p = ok(s.connect());
    ok(p.login("Shopper", "secret1"));
    assert!(purse(&mut p).contains("have 100 gold and 0 silver coins."));

    // The baker: unlimited bread at 9 * 110 / 100 = 9 silver.
    ok(imp.cmd("transfer Shopper 3009", "Ok."));
    ok(p.expect("The Bakery", WAIT));
    let list = ok(p.cmd("list", "] a bread"));
    assert!(list.contains("[Lv Price Qty] Item"), "{list}");
    assert!(list.contains("[ 0     9 -- ] a bread"), "{list}");
    // ROM's `buy 2*bread`, or as the issue writes it, `buy 2 bread`.
    ok(p.cmd("buy 2 bread", "You buy a bread[2] for 18 silver."));
    // 18 silver from 100 gold: one gold broken, 82 silver change.
    let score = purse(&mut p);
    assert!(
        score.contains("have 99 gold and 82 silver coins."),
        "{score}"
    );

    // The grocer buys food at 40 %: value and sell agree on 3 silver.
    ok(imp.cmd("transfer Shopper 3010", "Ok."));
    ok(p.expect("The General Store", WAIT));
    ok(p.cmd(
        "value bread",
        "I'll give you 3 silver and 0 gold coins for a bread.",
    ));
    ok(p.cmd(
        "sell bread",
        "You sell a bread for 3 silver and 0 gold pieces.",
    ));
    // Now it is ordinary stock, one of it, at 9 * 150 / 100 = 13.
    let list = ok(p.cmd("list bread", "] a bread"));
    assert!(list.contains("[ 0    13  1 ] a bread"), "{list}");
    ok(p.cmd("sell sword", "You aren't carrying that."));

    // The healer by the altar: the list, then a refresh for 5 gold.
    ok(imp.cmd("transfer Shopper 3054", "Ok."));
    ok(p.expect("By the Temple Altar", WAIT));
    let list = ok(p.cmd("heal", "to be healed."));
    assert!(list.contains("refresh:"), "{list}");
    assert!(list.contains("5 gold"), "{list}");
    assert!(list.contains("50 gold"), "{list}");
    ok(p.cmd("heal refresh", "weariness"));
    let score = purse(&mut p);
    assert!(
        score.contains("have 94 gold and 85 silver coins."),
        "{score}"
    );

    // The pet shop: a kitten for 10 × 1² = 10 silver.
    ok(imp.cmd("transfer Shopper 3031", "Ok."));
    ok(p.expect("The Pet Shop", WAIT));
    let list = ok(p.cmd("list", "the kitten"));
    assert!(list.contains("Pets for sale:"), "{list}");
    assert!(list.contains("[ 1]       10 - the kitten"), "{list}");
    ok(p.cmd("buy kitten Tigger", "Enjoy your pet."));
    let score = purse(&mut p);
    assert!(
        score.contains("have 94 gold and 75 silver coins."),
        "{score}"
    );
    ok(p.cmd("buy puppy", "already have a pet"));
    ok(p.cmd("order tigger say meow", "says 'meow'"));
    ok(p.expect("Ok.", WAIT));
    // It follows: out to the alley and look.
    ok(p.cmd("south", "The kitten has arrived."));
    ok(p.cmd("look", "A small loyal kitten is here."));

    // Quit: it leaves with its owner, and is in the file.
    ok(p.cmd("quit", "Alas, all good things must come to an end."));
    assert!(p.wait_closed(WAIT));
    let file = ok(common::wait_for_file(&s.player_dir.join("Shopper"), |f| {
        f.contains("#PET")
    }));
    assert!(file.contains("Vnum 3090"), "{file}");
    ok(imp.cmd("goto 3045", "Alley"));
    let look = ok(imp.cmd("look", "North is the Pet Shop."));
    let look = look + &imp.drain(Duration::from_millis(200));
    assert!(!look.contains("kitten"), "the pet stayed behind: {look}");

    // Back again: the kitten stands beside him and still obeys.
    let mut p = ok(s.connect());
    let login = ok(p.login("Shopper", "secret1"));
    assert!(login.contains("A small loyal kitten is here."), "{login}");
    ok(p.cmd("order all say purr", "says 'purr'"));
    ok(imp.expect("kitten has entered the game.", WAIT));

    // A copyover: the kitten is still his pet, beside him, obedient, and
    // leaves with him when he quits.
    ok(imp.send_line("copyover"));
    ok(p.expect("Your body rematerializes.", LONG));
    ok(imp.expect("Your body rematerializes.", LONG));
    p.drain(Duration::from_millis(300));
    let look = ok(p.cmd("look", "A small loyal kitten is here."));
    let look = look + &p.drain(Duration::from_millis(200));
    assert_eq!(look.matches("small loyal kitten").count(), 1, "{look}");
    ok(p.cmd("order tigger say still here", "says 'still here'"));
    ok(p.cmd("quit", "Alas, all good things must come to an end."));
    ok(imp.expect("slowly fades away.", WAIT));
}
