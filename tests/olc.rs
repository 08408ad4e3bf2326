//! OLC over TCP, on the real binary, on a copy of the bundled world (asave
//! writes into the area directory):
//! - a builder with security 9 makes a new area with OLC alone (three
//!   rooms, exits, a locked door with its key, an object with an affect, a
//!   shopkeeper with a shop, resets), saves it with `asave changed`; after
//!   a copyover a new player walks in, buys the key and opens the door;
//!   after a full restart it is all still there;
//! - a player with too little security is refused;
//! - a hand edit made while the server runs is not overwritten by `asave`,
//!   and a copyover that would lose it is refused.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{ok, Client, Server, WAIT};

/// Send a line, wait for `want`, then for the prompt that ends the
/// answer (so the next command's text starts clean).
fn run(c: &mut Client, line: &str, want: &str) -> String {
    let mut got = ok(c.cmd(line, want));
    if !got.ends_with("> ") {
        got += &ok(c.expect("> ", WAIT));
    }
    got
}

/// A copy of the bundled `areas/` in a fresh directory.
fn copy_of_areas(tag: &str) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("areas");
    let dst = common::fresh_dir(tag);
    for e in std::fs::read_dir(&src)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        if e.path().is_file() {
            std::fs::copy(e.path(), dst.join(e.file_name())).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    dst
}

const COPYOVER_WAIT: Duration = Duration::from_secs(60);

#[test]
fn a_builder_makes_an_area_with_olc_alone_and_it_goes_live() {
    let areas = copy_of_areas("olc-areas");
    let s = ok(Server::start_with(&areas, &[]));
    let mut b = ok(s.connect());
    ok(b.create_character("Maker", "secret1"));

    // The area.
    run(&mut b, "aedit create", "Area Created.");
    run(&mut b, "filename workshop", "Filename set.");
    run(&mut b, "name The Workshop", "Name set.");
    run(&mut b, "vnum 9000 9099", "Vnum range set.");
    run(&mut b, "credits Maker", "Credits set.");
    let shown = run(&mut b, "show", "[AEdit");
    assert!(shown.contains("workshop.are"), "{shown}");
    run(&mut b, "done", "> ");

    // The key and a ring with an affect.
    run(&mut b, "oedit create 9010", "[OEdit 9010]");
    run(&mut b, "name brass key", "[OEdit 9010]");
    run(&mut b, "short a brass key", "[OEdit 9010]");
    run(&mut b, "long A brass key lies here.", "[OEdit 9010]");
    run(&mut b, "type key", "[OEdit 9010]");
    run(&mut b, "wear take", "[OEdit 9010]");
    run(&mut b, "cost 5", "[OEdit 9010]");
    let shown = run(&mut b, "show", "[OEdit 9010]");
    assert!(
        shown.contains("brass key") && shown.contains("key"),
        "{shown}"
    );
    run(&mut b, "done", "> ");
    run(&mut b, "oedit create 9011", "[OEdit 9011]");
    run(&mut b, "name silver ring", "[OEdit 9011]");
    run(&mut b, "short a silver ring", "[OEdit 9011]");
    run(&mut b, "long A silver ring glints here.", "[OEdit 9011]");
    run(&mut b, "type jewelry", "[OEdit 9011]");
    run(&mut b, "wear take finger", "[OEdit 9011]");
    run(&mut b, "addaffect strength 1", "[OEdit 9011]");
    run(&mut b, "cost 20", "[OEdit 9011]");
    let shown = run(&mut b, "show", "[OEdit 9011]");
    assert!(shown.to_lowercase().contains("strength"), "{shown}");
    run(&mut b, "done", "> ");

    // The shopkeeper.
    run(&mut b, "medit create 9020", "[MEdit 9020]");
    run(&mut b, "name keeper shopkeeper", "[MEdit 9020]");
    run(&mut b, "short the shopkeeper", "[MEdit 9020]");
    run(
        &mut b,
        "long A shopkeeper waits behind a bench.",
        "[MEdit 9020]",
    );
    run(&mut b, "level 20", "[MEdit 9020]");
    run(&mut b, "shop hours 0 23", "[MEdit 9020]");
    run(&mut b, "shop profit 100 50", "[MEdit 9020]");
    run(&mut b, "shop type 0 key", "[MEdit 9020]");
    let shown = run(&mut b, "show", "[MEdit 9020]");
    assert!(shown.contains("shopkeeper"), "{shown}");
    run(&mut b, "done", "> ");

    // Three rooms, linked; the way in from the drill yard's gate.
    run(&mut b, "redit create 9000", "Room created.");
    run(&mut b, "name The Workshop Door", "Name set.");
    run(&mut b, "desc", "Entering EDIT Mode");
    run(&mut b, "Sawdust covers the floor of a narrow entry.", "> ");
    run(&mut b, "A storeroom lies west, the shop north.", "> ");
    run(&mut b, "@", "Ok.");
    run(&mut b, "north dig 9001", "Two-way link established.");
    run(&mut b, "west dig 9002", "Two-way link established.");
    run(&mut b, "west key 9010", "Exit key set.");
    run(&mut b, "west locked", "Exit flag toggled.");
    let shown = run(&mut b, "show", "[REdit 9000]");
    assert!(
        shown.contains("DOOR") && shown.contains("LOCKED") && shown.contains("9010"),
        "{shown}"
    );
    run(&mut b, "redit 9001", "[REdit 9001]");
    run(&mut b, "name The Workshop Counter", "Name set.");
    run(
        &mut b,
        "mreset 9020 1 1",
        "has been loaded and added to resets.",
    );
    run(
        &mut b,
        "oreset 9010 keeper none",
        "Object reset added to the mobile.",
    );
    let r = run(&mut b, "resets", "[REdit 9001]");
    assert!(
        r.contains("[ 1] M[ 9020]") && r.contains("[ 2] O[ 9010]"),
        "{r}"
    );
    run(&mut b, "redit 9002", "[REdit 9002]");
    run(&mut b, "name The Storeroom", "Name set.");
    run(&mut b, "oreset 9011", "Object reset added.");
    run(&mut b, "redit 3700", "[REdit 3700]");
    run(&mut b, "west link 9000", "Two-way link established.");
    run(&mut b, "done", "> ");

    // Saved: the new file and area.lst.
    let saved = run(&mut b, "asave changed", "Saved zones:");
    assert!(saved.contains("'workshop.are'"), "{saved}");
    assert!(saved.contains("'school.are'"), "{saved}");
    assert!(saved.contains("'area.lst'"), "{saved}");
    let list = std::fs::read_to_string(areas.join("area.lst")).unwrap_or_default();
    assert!(list.lines().any(|l| l == "workshop.are"), "{list}");
    let file = std::fs::read_to_string(areas.join("workshop.are")).unwrap_or_default();
    assert!(file.contains("The Workshop Door"), "{file}");

    // Live after a copyover: a new player walks in, buys the key, opens the
    // door. The builder, editing, is still in the editor afterwards.
    run(&mut b, "redit 9002", "[REdit 9002]");
    run(&mut b, "copyover", "Copyover requested.");
    ok(b.expect("Your body rematerializes.", COPYOVER_WAIT));
    let shown = run(&mut b, "show", "[REdit 9002]");
    assert!(shown.contains("The Storeroom"), "{shown}");
    run(&mut b, "done", "> ");
    let mut w = ok(Client::connect_from(s.port, [127, 0, 0, 2]));
    ok(w.create_character("Walker", "secret2"));
    run(&mut b, "set char walker silver 50", "> ");
    run(&mut w, "west", "The Workshop Door");
    let seen = run(&mut w, "look", "> ");
    assert!(seen.contains("Sawdust covers the floor"), "{seen}");
    run(&mut w, "north", "The Workshop Counter");
    let list = run(&mut w, "list", "> ");
    assert!(list.contains("a brass key"), "{list}");
    run(&mut w, "buy key", "You buy a brass key");
    run(&mut w, "south", "The Workshop Door");
    run(&mut w, "open west", "It's locked.");
    run(&mut w, "unlock west", "*Click*");
    run(&mut w, "open west", "Ok.");
    run(&mut w, "west", "The Storeroom");
    run(&mut w, "look", "A silver ring glints here.");
    run(&mut w, "get ring", "You get a silver ring.");
    run(&mut w, "wear ring", "You wear a silver ring");
    run(&mut w, "save", "Saving.");

    // A full restart: everything is read from the files again.
    drop(w);
    drop(b);
    let s = ok(s.restart());
    let mut w = ok(Client::connect_from(s.port, [127, 0, 0, 2]));
    ok(w.login("Walker", "secret2"));
    let seen = run(&mut w, "look", "> ");
    assert!(seen.contains("The Storeroom"), "{seen}");
    // The boot's resets locked the door again; Walker kept the key.
    run(&mut w, "east", "The door is closed.");
    run(&mut w, "unlock east", "*Click*");
    run(&mut w, "open east", "Ok.");
    run(&mut w, "east", "The Workshop Door");
    run(&mut w, "east", "The Gate of the Drill Yard");
    let mut b = ok(s.connect());
    ok(b.login("Maker", "secret1"));
    let areas_seen = run(&mut b, "alist", "> ");
    assert!(areas_seen.contains("The Workshop"), "{areas_seen}");
    run(&mut b, "goto 9001", "The Workshop Counter");
    run(&mut b, "look", "A shopkeeper waits behind a bench.");
}

#[test]
fn too_little_security_is_refused() {
    let areas = copy_of_areas("olc-sec");
    let s = ok(Server::start_with(&areas, &[]));
    let mut imp = ok(s.connect());
    ok(imp.create_character("Owner", "secret1"));
    let mut n = ok(Client::connect_from(s.port, [127, 0, 0, 3]));
    ok(n.create_character("Novice", "secret2"));
    run(&mut n, "redit", "Insufficient security to modify room.");
    run(
        &mut n,
        "aedit create",
        "Insufficient security to create areas.",
    );
    run(
        &mut n,
        "oedit create 3050",
        "Vnum in an area you cannot build in.",
    );
    run(&mut n, "asave changed", "None.");
    // Given security 1, still below the area's 9.
    run(&mut imp, "set char novice security 1", "> ");
    run(&mut n, "redit", "Insufficient security to modify room.");
    // On the builder list, allowed.
    run(&mut imp, "aedit", "[AEdit");
    run(&mut imp, "builder novice", "Builder added.");
    run(&mut imp, "done", "> ");
    run(&mut n, "redit", "[REdit 3700]");
    run(&mut n, "name Novice Was Here", "Name set.");
    // Live at once: another player's next look sees it.
    run(&mut imp, "look", "Novice Was Here");
}

#[test]
fn a_hand_edit_is_never_overwritten() {
    let areas = copy_of_areas("olc-hand");
    let s = ok(Server::start_with(&areas, &[]));
    let mut b = ok(s.connect());
    ok(b.create_character("Maker", "secret1"));
    let school = areas.join("school.are");
    run(&mut b, "redit", "[REdit 3700]");
    run(&mut b, "name The Gate Made With OLC", "Name set.");
    run(&mut b, "asave area", "Area saved to school.are.");
    let text = std::fs::read_to_string(&school).unwrap_or_default();
    assert!(text.contains("The Gate Made With OLC~"), "{text}");
    // A builder edits the file by hand while the server runs.
    std::thread::sleep(Duration::from_millis(20));
    let hand = text.replace("The Gate Made With OLC~", "The Gate Edited By Hand~");
    std::fs::write(&school, &hand).unwrap_or_else(|e| panic!("{e}"));
    // OLC changes the same area; asave refuses and names the file.
    run(&mut b, "name The Gate Changed Again", "Name set.");
    let said = run(&mut b, "asave changed", "Saved zones:");
    assert!(
        said.contains("NOT saved") && said.contains("school.are") && said.contains("hand edit"),
        "{said}"
    );
    assert!(said.contains("asave force"), "{said}");
    let now = std::fs::read_to_string(&school).unwrap_or_default();
    assert_eq!(now, hand, "the hand edit was overwritten");
    // A copyover would have to overwrite it: refused, with the reason.
    let said = run(&mut b, "copyover", "Copyover refused");
    assert!(said.contains("school.are"), "{said}");
    assert_eq!(std::fs::read_to_string(&school).unwrap_or_default(), hand);
    // The builder keeps the hand edit: OLC's change is dropped, the
    // copyover loads the file.
    run(&mut b, "done", "> ");
    run(&mut b, "asave drop area", "will not be saved");
    run(&mut b, "copyover", "Copyover requested.");
    ok(b.expect("Your body rematerializes.", COPYOVER_WAIT));
    run(&mut b, "look", "The Gate Edited By Hand");
}
