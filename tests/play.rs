//! Two players over real TCP: they see and hear each other, trade things,
//! and the stock ROM world boots and can be walked.

mod common;

use std::path::Path;

use common::{ok, Server, WAIT};
use gracemud::world::{RoomVnum, DIR_NAMES};

#[test]
fn two_players_talk_and_trade() {
    let server = ok(Server::start());
    let mut a = ok(server.connect());
    ok(a.create_character("Alder", "secret1"));
    let mut b = ok(server.connect());
    ok(b.create_character("Birch", "secret2"));
    ok(a.expect("Birch has entered the game.", WAIT));

    // Sight and local talk.
    ok(a.cmd("look", "Birch"));
    ok(a.cmd("say well met", "You say 'well met'"));
    ok(b.expect("Alder says 'well met'", WAIT));
    ok(b.cmd("'likewise", "You say 'likewise'"));
    ok(a.expect("Birch says 'likewise'", WAIT));
    ok(a.cmd("emote waves.", "Alder waves."));
    ok(b.expect("Alder waves.", WAIT));
    // A social from social.are, with a target.
    ok(a.cmd("smile birch", "> "));
    ok(b.expect("Alder", WAIT));

    // Tell and reply, gossip across the world.
    ok(a.cmd("tell birch over here", "You tell Birch 'over here'"));
    ok(b.expect("Alder tells you 'over here'", WAIT));
    ok(b.cmd("reply coming", "You tell Alder 'coming'"));
    ok(a.expect("Birch tells you 'coming'", WAIT));
    ok(a.cmd("gossip anyone about?", "You gossip 'anyone about?'"));
    ok(b.expect("Alder gossips 'anyone about?'", WAIT));

    // Things change hands: drop, get, give, wear.
    ok(a.cmd("remove vest", "You stop using"));
    ok(a.cmd("drop vest", "You drop"));
    ok(b.expect("Alder drops", WAIT));
    ok(b.cmd("get vest", "You get"));
    ok(a.expect("Birch gets", WAIT));
    ok(b.cmd("give vest alder", "You give"));
    ok(a.expect("Birch gives you", WAIT));
    ok(a.cmd("wear vest", "You wear"));
    ok(a.cmd("equipment", "vest"));

    // Following: B follows A through an exit.
    ok(b.cmd("follow alder", "You now follow Alder."));
    ok(a.cmd("north", "> "));
    ok(b.expect("You follow Alder.", WAIT));

    // Unknown input gets ROM's answer.
    ok(a.cmd("xyzzy", "Huh?"));
}

#[test]
fn the_stock_rom_world_boots_and_can_be_walked() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if !dir.join("area.lst").is_file() {
        println!("skipped: {} is not here", dir.display());
        return;
    }
    // What the server should show comes from the loader, not from copied text.
    let report = gracemud::db::load_area_dir(&dir);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let rooms = &report.protos.rooms;
    let temple = &rooms[&RoomVnum(3001)];

    let server = ok(Server::start_with(&dir, &[]));
    let mut c = ok(server.connect());
    ok(c.create_character("Rowan", "secret1"));
    ok(c.cmd("recall", &temple.name));
    // Walk out of the temple by its first exit that leads somewhere, and back.
    let (dir_no, exit) = temple
        .exits
        .iter()
        .enumerate()
        .find_map(|(d, e)| e.as_ref().and_then(|e| e.to.map(|to| (d, to))))
        .expect("the temple has an exit");
    ok(c.cmd(DIR_NAMES[dir_no], &rooms[&exit].name));
    ok(c.cmd("recall", &temple.name));
    ok(c.cmd("who", "Players found: 1"));
}
