//! Every command in the table, typed by a mortal and by the implementor
//! with awkward arguments (nothing, numbers at the edges of i32/i64,
//! negative and zero counts, `all.`, `2.`, a lone quote, unicode, very long
//! words), on the bundled world with its mobiles, objects, shops and
//! special procedures running between commands: nothing may panic (the
//! test profile checks integer overflow too). Commands only queue requests
//! (save, quit, copyover), so running them all here touches no file.

use std::path::Path;

use gracemud::game::interp::{interpret, COMMANDS};
use gracemud::game::update;
use gracemud::world::*;

const ARGS: &[&str] = &[
    "",
    " ",
    "self",
    "all",
    "all.sword",
    "2.",
    "2.guard",
    "0",
    "-1",
    "-2147483648",
    "2147483647",
    "9223372036854775807",
    "99999999999999999999999",
    "1*",
    "100*bread",
    "'",
    "''",
    "'unterminated quote",
    "\"",
    "éàü ☃",
    "north",
    "x x x x x x x x x x x x",
    "Overseer",
    "Tess",
    "watchman",
    "gate",
    "on",
    "off",
    "list",
    "+ a line",
    "$n $N $t $T $p $P $e $m $s",
    "%s %d %n",
];

fn player(w: &mut World, name: &str, level: i32) -> CharId {
    let id = w.chars.insert(Char {
        name: name.into(),
        level,
        trust: level,
        hit: 500,
        max_hit: 500,
        mana: 500,
        max_mana: 500,
        mv: 500,
        max_mv: 500,
        gold: 1000,
        silver: 1000,
        perm_stat: [18; 5],
        armor: [100; 4],
        position: pos::STANDING,
        conn: Some(gracemud::engine::ConnId(w.players.len() + 1)),
        pc: Some(Box::default()),
        ..Char::default()
    });
    w.players.push(id);
    w.char_to_room(id, RoomVnum(3005));
    id
}

#[test]
fn no_command_panics_on_awkward_arguments() {
    let r = gracemud::db::load_area_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/areas")));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let mut w = World::new(r.protos, 11);
    w.reset_all();
    let imp = player(&mut w, "Overseer", MAX_LEVEL);
    let mortal = player(&mut w, "Tess", 10);
    let mut ran = 0;
    for cmd in COMMANDS {
        for who in [mortal, imp] {
            for arg in ARGS {
                // Bring the actor back to a sane state between tries.
                if w.ch(who).is_none() {
                    continue;
                }
                if let Some(c) = w.ch_mut(who) {
                    c.position = pos::STANDING;
                    c.hit = c.hit.max(100);
                    c.wait = 0;
                    c.output.clear();
                }
                if w.ch(who).and_then(|c| c.room).is_none() {
                    w.char_to_room(who, RoomVnum(3005));
                }
                (cmd.func)(&mut w, who, arg);
                // And through the interpreter, abbreviations and all.
                let short = &cmd.name[..cmd.name.len().min(2)];
                interpret(&mut w, who, &format!("{short} {arg}"));
                ran += 1;
            }
            // The world moves on between commands.
            for _ in 0..3 {
                update::pulse(&mut w);
            }
        }
    }
    assert!(ran > COMMANDS.len() * ARGS.len(), "{ran}");
}
