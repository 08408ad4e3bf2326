//! OLC unit tests on a hand-built world: the editors change the running
//! world, the area is marked changed, and what `asave` would write loads
//! back to the same rooms and resets.

use super::*;
use crate::world::{
    pos, AreaProto, Char, ConnId, ObjProto, PcData, Protos, ResetCmd, RoomProto, EX_CLOSED,
    EX_ISDOOR, EX_LOCKED,
};

/// Area 0 "Test" (vnums 100-199, security 9, file test.are): rooms 100 and
/// 101, a key (150).
pub(crate) fn world() -> World {
    let mut p = Protos::default();
    p.areas.push(AreaProto {
        file: "test.are".into(),
        header_file: "test.are".into(),
        name: "Test".into(),
        security: 9,
        low_vnum: 100,
        high_vnum: 199,
        ..Default::default()
    });
    for v in [100, 101] {
        p.rooms.insert(
            RoomVnum(v),
            RoomProto {
                vnum: RoomVnum(v),
                area: AreaId(0),
                name: format!("Room {v}"),
                description: "Plain.\n".into(),
                heal_rate: 100,
                mana_rate: 100,
                ..Default::default()
            },
        );
    }
    p.objs.insert(
        ObjVnum(150),
        ObjProto {
            vnum: ObjVnum(150),
            area: AreaId(0),
            keywords: "key".into(),
            short_descr: "a key".into(),
            long_descr: "A key lies here.".into(),
            material: "iron".into(),
            item_type: crate::world::item::KEY,
            condition: 100,
            ..Default::default()
        },
    );
    World::new(p, 1)
}

pub(crate) fn player(w: &mut World, name: &str, security: i32) -> CharId {
    let ch = w.chars.insert(Char {
        name: name.into(),
        pc: Some(Box::new(PcData {
            security,
            ..Default::default()
        })),
        conn: Some(ConnId(w.players.len() + 1)),
        level: 60,
        trust: 60,
        position: pos::STANDING,
        ..Default::default()
    });
    w.players.push(ch);
    w.char_to_room(ch, RoomVnum(100));
    ch
}

pub(crate) fn out(w: &mut World, ch: CharId) -> String {
    w.ch_mut(ch)
        .map(|c| std::mem::take(&mut c.output))
        .unwrap_or_default()
}

/// Type `line` as the game does: OLC first, else the interpreter.
pub(crate) fn say(w: &mut World, ch: CharId, line: &str) -> String {
    if !olc_line(w, ch, line) {
        crate::game::interp::interpret(w, ch, line);
    }
    out(w, ch)
}

/// Write area 0 as asave would and load it back.
fn reload(w: &World) -> Protos {
    let text = crate::db::writer::write_area(&w.protos(), AreaId(0));
    let r = crate::db::load_area_str("test.are", &crate::db::writer::latin1_bytes(&text));
    assert!(r.errors.is_empty(), "{:?}\n{text}", r.errors);
    r.protos
}

#[test]
fn a_builder_digs_links_and_locks_a_door() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    say(&mut w, b, "redit");
    assert_eq!(editor_of(&w, b), Some(Editor::Room(RoomVnum(100))));
    assert!(!w.areas[0].changed);
    let t = say(&mut w, b, "north dig 102");
    assert!(t.contains("Two-way link established."), "{t}");
    assert!(w.areas[0].changed);
    let back = w.room(RoomVnum(102)).and_then(|r| r.exits[2].as_ref());
    assert_eq!(back.and_then(|e| e.to()), Some(RoomVnum(100)));
    assert!(say(&mut w, b, "north key 150").contains("Exit key set."));
    assert!(say(&mut w, b, "north locked").contains("Exit flag toggled."));
    // Locked means closed, and a door, on both sides; the reset says so.
    for (r, d) in [(100, 0), (102, 2)] {
        let e = w.room(RoomVnum(r)).and_then(|x| x.exits[d].as_ref());
        let f = e.map_or(0, |e| e.flags);
        assert_eq!(
            f & (EX_ISDOOR | EX_CLOSED | EX_LOCKED),
            EX_ISDOOR | EX_CLOSED | EX_LOCKED
        );
    }
    assert!(w.areas[0].proto.resets.iter().any(|r| r.cmd
        == ResetCmd::Door {
            room: RoomVnum(100),
            dir: 0,
            state: 2
        }));
    // Unlocked again: still closed.
    say(&mut w, b, "north locked");
    assert!(w.areas[0]
        .proto
        .resets
        .iter()
        .any(|r| matches!(r.cmd, ResetCmd::Door { state: 1, .. })));
    // What asave writes comes back the same.
    let p = reload(&w);
    let e = p.rooms[&RoomVnum(100)].exits[0]
        .as_ref()
        .map(|e| (e.to, e.key, e.flags));
    assert_eq!(
        e,
        Some((Some(RoomVnum(102)), Some(ObjVnum(150)), EX_ISDOOR))
    );
    let cmds = |r: &[crate::world::Reset]| r.iter().map(|x| x.cmd.clone()).collect::<Vec<_>>();
    assert_eq!(cmds(&p.areas[0].resets), cmds(&w.areas[0].proto.resets));
    // A bare direction walks; `n` is `name` (ROM's table order).
    assert!(say(&mut w, b, "n").contains("Syntax:  name [name]"));
    say(&mut w, b, "north");
    assert_eq!(
        w.ch(b).and_then(|c| c.room),
        Some(RoomVnum(100)),
        "the door is closed"
    );
    say(&mut w, b, "done");
    assert_eq!(editor_of(&w, b), None);
}

#[test]
fn the_text_editor_edits_in_place() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    say(&mut w, b, "redit");
    let t = say(&mut w, b, "desc");
    assert!(
        t.contains("Entering EDIT Mode") && t.contains(" 1. Plain."),
        "{t}"
    );
    say(&mut w, b, "the hall is long.");
    assert_eq!(
        w.room(RoomVnum(100)).map(|r| r.description.as_str()),
        Some("Plain.\nthe hall is long.\n")
    );
    assert!(say(&mut w, b, ".r 'long' 'short'").contains("'long' replaced with 'short'."));
    say(&mut w, b, ".f");
    assert_eq!(
        w.room(RoomVnum(100)).map(|r| r.description.as_str()),
        Some("Plain.  The hall is short.\n")
    );
    assert!(say(&mut w, b, ".s").contains(" 1. Plain.  The hall is short."));
    say(&mut w, b, ".li 1 First.");
    say(&mut w, b, ".ld 2");
    assert_eq!(
        w.room(RoomVnum(100)).map(|r| r.description.as_str()),
        Some("First.\n")
    );
    assert!(say(&mut w, b, ".x").contains("Invalid dot command."));
    say(&mut w, b, ".c");
    assert_eq!(
        w.room(RoomVnum(100)).map(|r| r.description.as_str()),
        Some("")
    );
    assert!(say(&mut w, b, "@").contains("Ok."));
    // Out of the text, still in the room editor.
    assert_eq!(editor_of(&w, b), Some(Editor::Room(RoomVnum(100))));
    let long = "x".repeat(string::MAX_TEXT);
    say(&mut w, b, "desc");
    assert!(say(&mut w, b, &long).contains("String too long"));
    say(&mut w, b, "@");
    // Extra descriptions through the editor.
    say(&mut w, b, "ed add statue");
    say(&mut w, b, "A marble statue.");
    say(&mut w, b, "@");
    let p = reload(&w);
    assert_eq!(
        p.rooms[&RoomVnum(100)].extra[0].description,
        "A marble statue.\n"
    );
}

#[test]
fn security_is_checked_before_every_edit() {
    let mut w = world();
    let novice = player(&mut w, "Novice", 1);
    let t = say(&mut w, novice, "redit");
    assert!(t.contains("Insufficient security to modify room."), "{t}");
    assert_eq!(editor_of(&w, novice), None);
    assert!(say(&mut w, novice, "aedit create").contains("Insufficient security"));
    assert!(say(&mut w, novice, "redit create 105").contains("cannot build in"));
    // On the builder list: allowed (a whole name, not a part of one).
    w.areas[0].proto.builders = "Novicea".into();
    assert!(say(&mut w, novice, "redit").contains("Insufficient"));
    w.areas[0].proto.builders = "Bob Novice".into();
    say(&mut w, novice, "redit");
    assert_eq!(editor_of(&w, novice), Some(Editor::Room(RoomVnum(100))));
    // Taken off the list while editing: the next edit is refused.
    w.areas[0].proto.builders = "None".into();
    let t = say(&mut w, novice, "name Mine");
    assert!(t.contains("Insufficient security to modify."), "{t}");
    assert_eq!(editor_of(&w, novice), None);
    assert_eq!(
        w.room(RoomVnum(100)).map(|r| r.name.as_str()),
        Some("Room 100")
    );
}

#[test]
fn resets_are_numbered_per_room_and_inserted_where_asked() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    w.mob_index.insert(
        crate::world::MobVnum(160),
        crate::world::MobIndex {
            proto: crate::world::MobProto {
                vnum: crate::world::MobVnum(160),
                area: AreaId(0),
                keywords: "guard".into(),
                short_descr: "a guard".into(),
                ..crate::world::proto::test_fido(5, 10)
            },
            count: 0,
        },
    );
    assert!(say(&mut w, b, "resets").contains("No resets in this room."));
    assert!(say(&mut w, b, "resets 1 obj 150 none").contains("must load a mobile"));
    assert!(say(&mut w, b, "resets 1 mob 160 2 1").contains("Reset added."));
    assert!(say(&mut w, b, "resets 2 obj 150 none").contains("Reset added."));
    assert!(say(&mut w, b, "resets 3 obj 150 room").contains("Reset added."));
    let t = say(&mut w, b, "resets");
    assert!(
        t.contains("[ 1] M[  160]") && t.contains("[ 2] O[  150]"),
        "{t}"
    );
    assert!(t.contains("in the inventory"), "{t}");
    let cmds: Vec<ResetCmd> = w.areas[0]
        .proto
        .resets
        .iter()
        .map(|r| r.cmd.clone())
        .collect();
    assert_eq!(
        cmds,
        vec![
            ResetCmd::Mob {
                mob: crate::world::MobVnum(160),
                world_limit: 2,
                room: RoomVnum(100),
                room_limit: 1
            },
            ResetCmd::Give {
                obj: ObjVnum(150),
                limit: 1
            },
            ResetCmd::Obj {
                obj: ObjVnum(150),
                room: RoomVnum(100)
            },
        ]
    );
    // `redit reset` loads them: the guard with the key; not the key on the
    // floor, as a player is in the area (ROM's O reset).
    say(&mut w, b, "redit reset");
    let here = w
        .room(RoomVnum(100))
        .map(|r| (r.people.len(), r.contents.len()));
    assert_eq!(here, Some((2, 0)));
    assert!(say(&mut w, b, "resets 2 delete").contains("Reset deleted."));
    assert_eq!(w.areas[0].proto.resets.len(), 2);
    assert!(w.areas[0].changed);
    assert_eq!(reload(&w).areas[0].resets.len(), 2);
}

#[test]
fn areas_are_made_and_their_ranges_kept_apart() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    assert!(say(&mut w, b, "aedit create").contains("Area Created."));
    assert_eq!(editor_of(&w, b), Some(Editor::Area(AreaId(1))));
    assert!(say(&mut w, b, "vnum 150 250").contains("Range must include only this area."));
    assert!(say(&mut w, b, "vnum 300 200").contains("Upper must be larger"));
    assert!(say(&mut w, b, "vnum 200 299").contains("Vnum range set."));
    assert!(say(&mut w, b, "filename ../x").contains("A file name is"));
    assert!(say(&mut w, b, "filename test").contains("already in use"));
    assert!(say(&mut w, b, "filename forge").contains("Filename set."));
    assert!(say(&mut w, b, "security 10").contains("Security is 0-9."));
    assert!(say(&mut w, b, "builder smith").contains("Builder added."));
    assert_eq!(w.areas[1].proto.builders, "Smith");
    assert!(say(&mut w, b, "builder smith").contains("Builder removed."));
    assert_eq!(w.areas[1].proto.builders, "None");
    let t = say(&mut w, b, "show");
    assert!(t.contains("forge.are") && t.contains("[200-299]"), "{t}");
    // An area from the files keeps its file name (area.lst names it).
    say(&mut w, b, "done");
    say(&mut w, b, "aedit 0");
    assert!(say(&mut w, b, "filename other").contains("by hand"));
    let t = say(&mut w, b, "alist");
    assert!(t.contains("forge.are") && t.contains("test.are"), "{t}");
}

#[test]
fn helps_and_mob_programs_are_edited() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    assert!(say(&mut w, b, "hedit new forge lore").contains("Help created."));
    say(&mut w, b, "text");
    say(&mut w, b, "The forge is hot.");
    say(&mut w, b, "@");
    say(&mut w, b, "level 5");
    let h = w.helps.last().cloned().unwrap_or_default();
    assert_eq!(
        (h.keywords.as_str(), h.level, h.text.as_str(), h.area),
        ("FORGE LORE", 5, "The forge is hot.\n", Some(AreaId(0)))
    );
    say(&mut w, b, "done");
    assert!(say(&mut w, b, "mpedit create 120").contains("MobProgram code created."));
    say(&mut w, b, "code");
    say(&mut w, b, "say hello");
    say(&mut w, b, "@");
    assert_eq!(
        w.mobprogs.get(&120).map(|p| p.code.as_str()),
        Some("say hello\n")
    );
    assert!(say(&mut w, b, "create 500").contains("not assigned an area"));
    let p = reload(&w);
    assert_eq!(
        p.mobprogs.get(&120).map(|p| p.code.as_str()),
        Some("say hello\n")
    );
    assert!(p.helps.iter().any(|h| h.keywords == "FORGE LORE"));
}

#[test]
fn the_prompt_and_a_copyover_record_name_the_editor() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    say(&mut w, b, "redit");
    assert_eq!(prompt_tag(&w, b).as_deref(), Some("[REdit 100] "));
    assert!(crate::game::bust_a_prompt(&w, b).starts_with("[REdit 100] <"));
    say(&mut w, b, "desc");
    let rec = editor_record(&w, b).unwrap_or_default();
    assert_eq!(rec, "room 100|roomdesc 100");
    // A new image: the builder comes back in the same editor and text.
    let mut w2 = world();
    let b2 = player(&mut w2, "Maker", 9);
    assert_eq!(restore_editor_record(&mut w2, b2, &rec), Ok(()));
    assert_eq!(editor_of(&w2, b2), Some(Editor::Room(RoomVnum(100))));
    say(&mut w2, b2, "More.");
    assert_eq!(
        w2.room(RoomVnum(100)).map(|r| r.description.as_str()),
        Some("Plain.\nMore.\n")
    );
    // What is gone is dropped with a note.
    assert!(restore_editor_record(&mut w2, b2, "room 777|none").is_err());
    assert_eq!(editor_of(&w2, b2), None);
}

#[test]
fn gmcp_char_status_names_the_editor() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    let before = crate::game::gmcp::char_status(&w, b).unwrap_or_default();
    assert!(!before.contains("editor"), "{before}");
    say(&mut w, b, "redit");
    let now = crate::game::gmcp::char_status(&w, b).unwrap_or_default();
    assert!(
        now.contains(r#""editor":"REdit""#) && now.contains(r#""editing":"100""#),
        "{now}"
    );
}

#[test]
fn a_text_is_kept_as_the_area_file_gives_it_back() {
    let mut w = world();
    let b = player(&mut w, "Maker", 9);
    say(&mut w, b, "redit");
    say(&mut w, b, "desc");
    say(&mut w, b, ".c");
    say(&mut w, b, "   an indented first line.");
    say(&mut w, b, "   and an indented second.");
    say(&mut w, b, "@");
    let now = w.room(RoomVnum(100)).map(|r| r.description.clone());
    assert_eq!(
        now.as_deref(),
        Some("an indented first line.\n   and an indented second.\n")
    );
    assert_eq!(
        reload(&w).rooms[&RoomVnum(100)].description,
        now.unwrap_or_default()
    );
}
