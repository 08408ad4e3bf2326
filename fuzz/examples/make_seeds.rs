//! Write seed inputs for the targets into `fuzz/seeds/<target>/`, made by
//! the game's own writers (`save::write_player`, `write_snapshot`,
//! `Game::copyover_state`, `render_dat`) so they match the current formats.
//! Area files need no seeds of their own: pass `areas/` (and any other area
//! directory) to the fuzzer as extra corpus directories.
//!
//! `cargo run --release --example make_seeds`

use std::path::Path;

use gracemud::game::{Config, Game};
use gracemud::world::pos;
use gracemud_fuzz::*;

fn put(target: &str, name: &str, data: impl AsRef<[u8]>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(target);
    std::fs::create_dir_all(&dir).expect("seed dir");
    std::fs::write(dir.join(name), data).expect("seed file");
}

/// A world after resets where things moved: a mobile hurt and following the
/// player, a door opened, an area aged, the clock on.
fn disturbed() -> gracemud::world::World {
    let mut w = fresh_world();
    w.reset_all();
    let bob = make_player(&mut w, LINKDEAD_NAME, LINKDEAD_ID);
    let mob = w
        .chars
        .iter()
        .find(|(_, c)| c.is_npc() && !c.carrying.is_empty())
        .map(|(id, _)| id);
    if let Some(mob) = mob {
        if let Some(c) = w.ch_mut(mob) {
            c.hit = 3;
            c.position = pos::RESTING;
            c.master = Some(bob);
            c.leader = Some(bob);
        }
    }
    if let Some(b) = w.ch_mut(bob) {
        b.pet = mob;
    }
    let door = w.rooms.iter().find_map(|(v, r)| {
        r.exits
            .iter()
            .position(|e| e.as_ref().is_some_and(|e| e.is_door()))
            .map(|d| (*v, d))
    });
    if let Some((room, dir)) = door {
        w.set_door_state(room, dir, 0);
    }
    if let Some(a) = w.areas.get_mut(0) {
        a.age = 9;
    }
    w.hour = 17;
    w.pulse = 12_345;
    w
}

fn main() {
    // Player files.
    let mut w = fresh_world();
    let alice = make_player(&mut w, "Alice", 42);
    put(
        "player_file",
        "alice",
        gracemud::save::write_player(&w, alice),
    );
    let mut w = fresh_world();
    let bare = make_player(&mut w, "Plain", 7);
    if let Some(c) = w.ch_mut(bare) {
        c.carrying.clear();
    }
    put(
        "player_file",
        "plain",
        gracemud::save::write_player(&w, bare),
    );

    // Snapshots.
    let w = disturbed();
    let snap = gracemud::world::snapshot::write_snapshot(&w);
    put("snapshot", "disturbed", &snap);
    let mut small = fresh_world();
    let _ = make_player(&mut small, LINKDEAD_NAME, LINKDEAD_ID);
    if let Some(room) = small.rooms.keys().min().copied() {
        if let Some(m) = bundled_protos().mobs.keys().min().copied() {
            if let Some(c) = small.create_mobile(m) {
                small.char_to_room(c, room);
            }
        }
    }
    put(
        "snapshot",
        "small",
        gracemud::world::snapshot::write_snapshot(&small),
    );

    // The game's state file: the disturbed world, Bob link-dead.
    let cfg = Config {
        area_dir: main_dir().join("areas"),
        player_dir: std::env::temp_dir(),
        seed: 5,
        ..Config::default()
    };
    let game = match Game::from_world(disturbed(), cfg) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("make_seeds: {e}");
            std::process::exit(1);
        }
    };
    let state = game.copyover_state(&[], 1_700_000_000_000, None);
    put("game_state", "linkdead", &state);
    let with_conns = state.replacen(
        "\nLinkdead",
        "\nConn 5 playing 42 Alice\nConn 6 login\nLinkdead",
        1,
    );
    put("game_state", "conns", with_conns);

    // copyover.dat and --copyover arguments.
    use gracemud::copyover::{render_dat, DatEntry, RecoverArgs};
    put(
        "copyover_args",
        "dat",
        render_dat(&[
            DatEntry {
                player_id: 42,
                fd: 5,
            },
            DatEntry {
                player_id: 0,
                fd: 6,
            },
        ]),
    );
    put(
        "copyover_args",
        "args",
        RecoverArgs {
            listener_fd: 3,
            dat_file: "/srv/mud/copyover.dat".into(),
            old_exe_fd: 7,
        }
        .render(),
    );

    // Telnet: the first byte is the control byte (read size, accept-all).
    use gracemud::net::telnet::*;
    let mut neg = vec![0x80 | 7];
    for o in [
        opt::TTYPE,
        opt::NAWS,
        opt::CHARSET,
        opt::GMCP,
        opt::MCCP2,
        opt::EOR,
    ] {
        neg.extend([IAC, WILL, o, IAC, DO, o]);
    }
    neg.extend([IAC, SB, opt::TTYPE, 0, b'M', b'U', b'D', IAC, SE]);
    neg.extend([IAC, SB, opt::NAWS, 0, 80, 0, 24, IAC, SE]);
    neg.extend([
        IAC,
        SB,
        opt::CHARSET,
        1,
        b' ',
        b'U',
        b'T',
        b'F',
        b'-',
        b'8',
        IAC,
        SE,
    ]);
    neg.extend([IAC, SB, opt::GMCP]);
    neg.extend(b"Core.Hello {\"client\":\"Mudlet\",\"version\":\"4.17\"}");
    neg.extend([IAC, SE]);
    neg.extend(b"look\r\nsay hi\x08\x08there\r\0north\rsouth\n");
    neg.extend([IAC, IAC, b'x', b'\n', IAC, AYT, IAC, EC, IAC, EL, b'\n']);
    put("telnet", "negotiation", &neg);
    let mut lines = vec![0];
    lines.extend(b"Alice\r\npassword\r\nlook\r\n\x1b[31mred\r\n");
    put("telnet", "lines", &lines);

    // Subnegotiation payloads: first byte picks the parser (mod 5).
    put(
        "net_subneg",
        "json",
        b"\0{\"a\":[1,2.5,-3e4,true,false,null,\"x\\u00e9\\n\"],\"b\":{}}",
    );
    put(
        "net_subneg",
        "gmcp",
        b"\x01Core.Supports.Set [\"Char 1\", \"Room 1\", \"Comm.Channel 1\"]",
    );
    put("net_subneg", "charset", b"\x02\x01;UTF-8;ISO-8859-1");
    put(
        "net_subneg",
        "mssp",
        b"\x03\x01NAME\x02GraceMUD\x01PORT\x024000\x026000",
    );
    put(
        "net_subneg",
        "mtts",
        b"\x04\x00MUDLET\xff\x00XTERM-256COLOR\xff\x00MTTS 2825",
    );
    println!("seeds written to fuzz/seeds/");
}
