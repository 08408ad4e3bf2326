//! Over TCP: the auto settings (`autolist`, `autoexit`, `autoloot`) and
//! their survival in the player file, `sacrifice` and `split`, and object
//! decay on a short pulse (`GRACEMUD_PULSE_MS`), waiting for text, never
//! for wall-clock ticks.

mod common;

use common::{ok, Launch, Server};

#[test]
fn auto_settings_sacrifice_split_and_decay() {
    let s = ok(Server::launch(&Launch {
        env: &[("GRACEMUD_PULSE_MS", "5")],
        ..Launch::default()
    }));
    let mut c = ok(s.connect());
    ok(c.create_character("Tapper", "password1"));

    // A new character sees exits and has no other auto setting.
    let list = ok(c.cmd("autolist", "You accept followers."));
    assert!(list.contains("autoexit       ON\n"), "{list}");
    assert!(list.contains("autoloot       OFF\n"), "{list}");
    ok(c.cmd("autoexit", "Exits will no longer be displayed."));
    ok(c.cmd("autoloot", "Automatic corpse looting set."));
    c.send_line("look").unwrap_or_else(|e| panic!("{e}"));
    let looked = ok(c.cmd("autolist", "You accept followers."));
    assert!(!looked.contains("[Exits:"), "{looked}");
    assert!(looked.contains("autoexit       OFF\n"), "{looked}");
    assert!(looked.contains("autoloot       ON\n"), "{looked}");

    // Sacrifice: the vest from the school kit, once it is on the floor.
    ok(c.cmd("remove vest", "You stop"));
    ok(c.cmd("drop vest", "You drop"));
    ok(c.cmd("sacrifice vest", "for your sacrifice."));
    ok(c.cmd("sacrifice vest", "You can't find it."));
    ok(c.cmd("sacrifice", "Mota appreciates your offer"));
    ok(c.cmd("split 0", "You hand out zero coins, but no one notices."));
    ok(c.cmd("split", "Split how much?"));

    ok(c.cmd("quit", "Alas, all good things must come to an end."));
    assert!(c.wait_closed(common::WAIT));

    // The settings are Act letters in the file. Give the worn sword a
    // timer there, as a corpse's potion would have.
    let path = s.player_dir.join("Tapper");
    let file = ok(common::wait_for_file(&path, |f| {
        f.contains("\nVnum 3702\n")
    }));
    let act = file
        .lines()
        .find(|l| l.starts_with("Act "))
        .unwrap_or_default()
        .to_string();
    assert!(act.contains('E') && !act.contains('D'), "{act}");
    let edited = file.replacen("\nVnum 3702\nNest 0\n", "\nVnum 3702\nNest 0\nTime 2\n", 1);
    assert_ne!(edited, file, "sword block not found:\n{file}");
    std::fs::write(&path, edited).unwrap_or_else(|e| panic!("{e}"));

    let mut c = ok(s.connect());
    let t = ok(c.login("Tapper", "password1"));
    assert!(!t.contains("[Exits:"), "autoexit came back on:\n{t}");
    let list = ok(c.cmd("autolist", "You accept followers."));
    assert!(list.contains("autoloot       ON\n"), "{list}");
    // Two ticks later the sword is dust.
    ok(c.expect("A cadet's short sword crumbles into dust.", common::WAIT));
    let eq = ok(c.cmd("equipment", "hp "));
    assert!(!eq.contains("short sword"), "{eq}");
}
