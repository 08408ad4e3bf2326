//! Player files over a real session: what a character carries, wears and
//! where it stands survive quitting and logging back in, and a server
//! restart.

mod common;

use common::{ok, Server, WAIT};

#[test]
fn inventory_equipment_and_room_survive_quit_and_restart() {
    let s = Server::start().unwrap_or_else(|e| panic!("server did not start: {e}"));
    let mut c = ok(s.connect());
    ok(c.create_character("Pat", "password1"));
    // A new warrior wears the school kit.
    ok(c.cmd("equipment", "a cadet's short sword"));
    // Walk to the quartermaster's store, take the helm there and wear it.
    ok(c.cmd("north", "The Muster Ground"));
    ok(c.cmd("west", "The Quartermaster's Store"));
    ok(c.cmd("get helm", "You get a dented cadet's helm."));
    ok(c.cmd("wear helm", "a dented cadet's helm"));
    ok(c.cmd("quit", "Alas, all good things must come to an end."));
    assert!(c.wait_closed(WAIT));

    // The writer thread puts the file down a moment after the quit.
    let file = ok(common::wait_for_file(&s.player_dir.join("Pat"), |f| {
        f.contains("\nRoom 3702\n") && f.contains("\nVnum 3705\n")
    }));
    assert!(file.contains("\nRoom 3702\n"), "{file}");
    assert!(file.contains("\nVnum 3705\n"), "helm not saved:\n{file}");
    assert!(!file.contains("password1"), "password stored in the clear");

    let mut c = ok(s.connect());
    let t = ok(c.login("Pat", "password1"));
    assert!(
        t.contains("The Quartermaster's Store"),
        "not back in the store:\n{t}"
    );
    let eq = ok(c.cmd("equipment", "hp "));
    for item in [
        "a dented cadet's helm",
        "a cadet's short sword",
        "a padded cadet's vest",
    ] {
        assert!(eq.contains(item), "{item} missing after relogin:\n{eq}");
    }
    ok(c.cmd("quit", "Alas"));
    assert!(c.wait_closed(WAIT));

    // A fresh server process reads the same file.
    let s = s
        .restart()
        .unwrap_or_else(|e| panic!("restart failed: {e}"));
    let mut c = ok(s.connect());
    let t = ok(c.login("Pat", "password1"));
    assert!(t.contains("The Quartermaster's Store"), "{t}");
    let eq = ok(c.cmd("equipment", "hp "));
    assert!(eq.contains("a dented cadet's helm"), "{eq}");
}
