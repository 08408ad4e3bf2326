//! The bodies of the fuzz targets, shared by the libFuzzer binaries in
//! `fuzz_targets/` and by the plain-Rust examples (`replay`, `make_seeds`),
//! which run on a stable toolchain without any nightly flag.
//!
//! Every target takes raw bytes, feeds them to one parser that reads
//! untrusted input, and must return without panicking. Where a parser
//! accepted the input, the target also pushes the result one step further
//! (a loaded player into a world, a parsed argument back through its
//! renderer) so the code behind the parser is exercised too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gracemud::game::{Config, Game};
use gracemud::world::proto::Protos;
use gracemud::world::World;

/// The body of one target.
pub type Target = fn(&[u8]);

/// Every target, by name, for `replay`.
pub const TARGETS: &[(&str, Target)] = &[
    ("area_file", area_file),
    ("player_file", player_file),
    ("snapshot", snapshot),
    ("game_state", game_state),
    ("copyover_args", copyover_args),
    ("telnet", telnet),
    ("net_subneg", net_subneg),
    ("text", text_helpers),
];

/// The main crate's directory.
pub fn main_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The prototypes of the bundled areas (`areas/`), loaded once.
pub fn bundled_protos() -> &'static Protos {
    static P: OnceLock<Protos> = OnceLock::new();
    P.get_or_init(|| {
        let r = gracemud::db::load_area_dir(&main_dir().join("areas"));
        assert!(
            r.errors.is_empty(),
            "the bundled areas do not load: {:?}",
            r.errors
        );
        r.protos
    })
}

/// A fresh world from the bundled areas, no resets run (as after a copyover).
pub fn fresh_world() -> World {
    World::new(bundled_protos().clone(), 5)
}

/// The file name of the player whose file `game_state` can load by id.
pub const LINKDEAD_NAME: &str = "Bob";
/// That player's id.
pub const LINKDEAD_ID: i64 = 43;

/// A player directory holding one player file (Bob, id 43), made once per
/// process, for `game_state` to reload link-dead players from.
pub fn player_dir() -> &'static Path {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("gracemud-fuzz-players-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let mut w = fresh_world();
        let ch = make_player(&mut w, LINKDEAD_NAME, LINKDEAD_ID);
        let text = gracemud::save::write_player(&w, ch);
        let _ = std::fs::write(dir.join(LINKDEAD_NAME), text);
        dir
    })
}

/// A player with some gear (a container holding things, a worn item) in
/// `world`, in the first room; for seeds and for `player_dir`.
pub fn make_player(world: &mut World, name: &str, id: i64) -> gracemud::world::CharId {
    use gracemud::world::*;
    let pc = PcData {
        id,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into(),
        title: " the Fuzzer".into(),
        prompt: "<%hhp %mm %vmv> ".into(),
        condition: [0, 40, 41, 42],
        practice: 5,
        train: 3,
        points: 45,
        true_sex: 1,
        ..Default::default()
    };
    let mut c = Char {
        name: name.into(),
        pc: Some(Box::new(pc)),
        description: "Plain.\nVery plain.\n".into(),
        level: 7,
        sex: 1,
        class: 1,
        race: 1,
        hit: 30,
        max_hit: 40,
        mana: 50,
        max_mana: 60,
        mv: 70,
        max_mv: 80,
        gold: 12,
        silver: 345,
        exp: 7000,
        perm_stat: [12, 14, 13, 18, 11],
        armor: [90, 91, 92, 93],
        affects: vec![Affect {
            where_: 0,
            skill: gracemud::world::rules::Sn(5),
            level: 7,
            duration: 10,
            location: 18,
            modifier: 2,
            bits: 0,
        }],
        ..Default::default()
    };
    gracemud::save::apply_race(&mut c);
    let ch = world.chars.insert(c);
    world.players.push(ch);
    if let Some(&room) = world.rooms.keys().min() {
        world.char_to_room(ch, room);
    }
    let protos = bundled_protos();
    let mut vnums: Vec<ObjVnum> = protos.objs.keys().copied().collect();
    vnums.sort();
    let container = vnums
        .iter()
        .copied()
        .find(|v| protos.objs[v].item_type == gracemud::world::item::CONTAINER);
    let mut held = Vec::new();
    for v in vnums.iter().take(6) {
        if let Some(o) = world.create_object(*v, 0) {
            held.push(o);
        }
    }
    if let Some(bag) = container.and_then(|v| world.create_object(v, 0)) {
        world.obj_to_char(bag, ch);
        for (i, o) in held.into_iter().enumerate() {
            if i % 2 == 0 {
                world.obj_to_obj(o, bag);
            } else {
                world.obj_to_char(o, ch);
            }
        }
    }
    ch
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// (a) An area file: `db::load_area_str`.
pub fn area_file(data: &[u8]) {
    let _ = gracemud::db::load_area_str("fuzz.are", data);
}

/// (b) A player file: `save::read_player`, then `save::load_into_world`.
pub fn player_file(data: &[u8]) {
    let text = text(data);
    if let Ok(loaded) = gracemud::save::read_player(&text, "Fuzz") {
        let mut w = fresh_world();
        let (ch, _) = gracemud::save::load_into_world(&mut w, loaded);
        let _ = gracemud::save::write_player(&w, ch);
    }
}

/// (c) A world snapshot: `world::snapshot::restore_snapshot` onto a fresh
/// world with one player (id 43) back in it; then written out again.
pub fn snapshot(data: &[u8]) {
    let text = text(data);
    let mut w = fresh_world();
    let bob = make_player(&mut w, LINKDEAD_NAME, LINKDEAD_ID);
    let players: HashMap<i64, _> = [(LINKDEAD_ID, bob)].into_iter().collect();
    if gracemud::world::snapshot::restore_snapshot(&mut w, &text, &players).is_ok() {
        let _ = gracemud::world::snapshot::write_snapshot(&w);
    }
}

/// The game's part of `copyover.state` (`ParsedState::parse`, through
/// `Game::recover` with no connections: link-dead players and the snapshot).
pub fn game_state(data: &[u8]) {
    let text = text(data);
    let cfg = Config {
        area_dir: main_dir().join("areas"),
        player_dir: player_dir().to_path_buf(),
        seed: 5,
        ..Default::default()
    };
    let _ = Game::recover(fresh_world(), cfg, &text, &[], None);
}

/// (d) `copyover::parse_dat` and `copyover::RecoverArgs::parse`; what parses
/// must render back to the same value.
pub fn copyover_args(data: &[u8]) {
    let text = text(data);
    if let Ok(entries) = gracemud::copyover::parse_dat(&text) {
        let again = gracemud::copyover::parse_dat(&gracemud::copyover::render_dat(&entries));
        assert_eq!(again.as_ref(), Ok(&entries));
    }
    if let Ok(args) = gracemud::copyover::RecoverArgs::parse(&text) {
        let again = gracemud::copyover::RecoverArgs::parse(&args.render());
        assert_eq!(again.as_ref(), Ok(&args));
    }
}

/// (e) The telnet codec: `net::telnet::Telnet::receive`. The first byte
/// picks the read size (1..=64 bytes, as a socket might split them) and
/// whether every option is accepted on both sides (bit 7).
pub fn telnet(data: &[u8]) {
    use gracemud::net::telnet::Telnet;
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    let mut t = Telnet::new();
    if ctl & 0x80 != 0 {
        for opt in 0..=255u8 {
            let s = t.options_mut().get_mut(opt);
            s.accept_us = true;
            s.accept_him = true;
        }
    }
    let chunk = usize::from(ctl & 0x3f) + 1;
    let mut out = Vec::new();
    let mut events = Vec::new();
    t.start(&mut out);
    for piece in rest.chunks(chunk) {
        t.receive(piece, &mut out, &mut events);
    }
}

/// Subnegotiation payloads from clients: GMCP (split, JSON, the module
/// list), CHARSET, MSSP and MTTS. The first byte picks the parser.
pub fn net_subneg(data: &[u8]) {
    use gracemud::net::protocols::{charset, gmcp, json, mssp, mtts};
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 5 {
        0 => {
            let _ = json::parse(&text(rest));
        }
        1 => {
            if let Some((package, body)) = gmcp::split(rest) {
                let mut g = gmcp::ClientGmcp::default();
                let _ = g.receive(&package, &body);
                let _ = g.modules();
            }
        }
        2 => {
            let _ = charset::parse(rest);
        }
        3 => {
            let _ = mssp::decode(rest);
        }
        _ => {
            let mut t = mtts::Ttype::default();
            for part in rest.split(|&b| b == 0xff) {
                t.ask();
                t.answer(part);
            }
            let _ = t.bits();
        }
    }
}

/// Arbitrary UTF-8 through every text helper a player's words reach:
/// `act()` with the text as format and as `$t`/`$T` (names, bamfins and
/// titles hold player text), `capitalize_first`, colour rendering at every
/// level, wrapping at odd widths, and the argument parsers.
pub fn text_helpers(data: &[u8]) {
    use gracemud::net::color::{self, Level};
    use gracemud::world::act::{capitalize_first, ActArgs};
    use gracemud::world::handler::{is_name, number_argument, one_argument};
    use std::sync::Mutex;
    static WORLD: OnceLock<Mutex<(World, gracemud::world::CharId, gracemud::world::CharId)>> =
        OnceLock::new();
    let text = String::from_utf8_lossy(data).into_owned();
    let cell = WORLD.get_or_init(|| {
        let mut w = fresh_world();
        let a = make_player(&mut w, "Alice", 1);
        let b = make_player(&mut w, "Bob", 2);
        Mutex::new((w, a, b))
    });
    let Ok(mut guard) = cell.lock() else { return };
    let (w, a, b) = &mut *guard;
    if let Some(c) = w.ch_mut(*a) {
        c.name = text.chars().take(40).collect();
    }
    let args = ActArgs {
        vict: Some(*b),
        text1: Some(&text),
        text2: Some(&text),
        ..Default::default()
    };
    let formatted = w.act_format(&text, *a, &args, *b);
    let _ = w.act_format("$n says '$t' to $N about $d ($T)", *a, &args, *b);
    let mut s = text.clone();
    capitalize_first(&mut s);
    for level in [Level::None, Level::Ansi16, Level::Xterm256, Level::TrueColor] {
        let _ = color::render_level(&formatted, level);
    }
    for width in [1, 2, 7, 20, 80] {
        let _ = color::wrap(&text, width);
    }
    let (_, rest) = one_argument(&text);
    let _ = number_argument(rest);
    let _ = is_name(&text, "alice bob");
    let _ = is_name("al", &text);
}
