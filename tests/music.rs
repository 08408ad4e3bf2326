//! The jukebox over real TCP on the bundled world: in the Tallow Cup the
//! music cabinet lists our own songs (areas/music.txt), plays one line by
//! line to the room, and `play loud` sends a song over the music channel
//! to another player elsewhere. Pulses of 5 ms: a music pulse every
//! 120 ms.

mod common;

use std::time::Duration;

use common::{ok, Launch, Server, WAIT};

#[test]
fn the_music_cabinet_plays_to_the_room_and_the_town() {
    let s = ok(Server::launch(&Launch {
        env: &[("GRACEMUD_PULSE_MS", "5")],
        ..Launch::default()
    }));
    let mut imp = ok(s.connect());
    ok(imp.create_character("Overseer", "secret1"));
    let mut p = ok(s.connect());
    ok(p.create_character("Lark", "secret1"));
    ok(imp.cmd("transfer lark 3037", "Ok."));
    ok(p.expect("music cabinet", WAIT));
    let t = ok(p.cmd("play list", "Straw Men Never Bleed"));
    assert!(t.contains("has the following songs available:"), "{t}");
    assert!(t.contains("The Wrenford Bargemen: River Road"), "{t}");
    ok(p.cmd("play nothing-like-it", "That song isn't available."));
    ok(p.cmd("play river", "Coming right up."));
    ok(p.expect(
        "A painted music cabinet starts playing The Wrenford Bargemen, River Road.",
        WAIT,
    ));
    ok(p.expect(
        "A painted music cabinet bops: 'Down the river road we go",
        WAIT,
    ));
    // The implementor, far away in the school, hears the loud one.
    ok(p.cmd("play loud lamp", "Coming right up."));
    ok(imp.expect("Music: Maud of the Inn, Lamp in the Window", WAIT));
    ok(imp.expect("Music: 'There's a lamp in the window", WAIT));
    let _ = p.drain(Duration::from_millis(10));
}
