//! `redit`: rooms and their exits.
//!
//! `redit` edits the room you stand in; `redit <vnum>` takes you to that
//! room and edits it; `redit create <vnum>` makes a room (in an area you
//! may build, within its vnums) and takes you there; `redit reset` runs the
//! room's resets now.
//!
//! Exits: `<direction>` alone walks that way; `<direction> link <vnum>`
//! makes a two-way exit, `room <vnum>` a one-way exit, `dig <vnum>` makes
//! the room and links it; `key <vnum>` (on both sides of a two-way door:
//! ROM OLC set only this side), `name <keyword>`, `desc` (the text editor),
//! `delete`; and any of `door closed locked pickproof nopass` toggles that
//! flag on both sides. A door's closed or locked state is
//! what its area's resets set (a `D` reset, which this keeps in step, as
//! ROM OLC writes it from the exit's reset flags).

use super::{
    area_of_vnum, first_arg_keep_case, is_builder, mark_changed, parse_num, parse_vnum, set_editor,
    string_append_target, toggle_flags, EdCmd, Editor, StringTarget,
};
use crate::db::tables;
use crate::world::handler::{is_name, one_argument};
use crate::world::{
    AreaId, CharId, Exit, ExitProto, ExtraDescr, ObjVnum, Room, RoomVnum, World, DIR_NAMES,
    EX_CLOSED, EX_ISDOOR, EX_LOCKED, EX_NOPASS, EX_PICKPROOF, REV_DIR,
};

pub static TABLE: &[EdCmd<RoomVnum>] = &[
    EdCmd {
        name: "commands",
        func: nothing,
    },
    EdCmd {
        name: "create",
        func: create_cmd,
    },
    EdCmd {
        name: "desc",
        func: desc,
    },
    EdCmd {
        name: "ed",
        func: ed,
    },
    EdCmd {
        name: "format",
        func: format,
    },
    EdCmd {
        name: "name",
        func: name,
    },
    EdCmd {
        name: "show",
        func: show_cmd,
    },
    EdCmd {
        name: "heal",
        func: heal,
    },
    EdCmd {
        name: "mana",
        func: mana,
    },
    EdCmd {
        name: "clan",
        func: clan,
    },
    EdCmd {
        name: "north",
        func: north,
    },
    EdCmd {
        name: "south",
        func: south,
    },
    EdCmd {
        name: "east",
        func: east,
    },
    EdCmd {
        name: "west",
        func: west,
    },
    EdCmd {
        name: "up",
        func: up,
    },
    EdCmd {
        name: "down",
        func: down,
    },
    EdCmd {
        name: "mreset",
        func: mreset,
    },
    EdCmd {
        name: "oreset",
        func: oreset,
    },
    EdCmd {
        name: "mlist",
        func: mlist,
    },
    EdCmd {
        name: "olist",
        func: olist,
    },
    EdCmd {
        name: "mshow",
        func: mshow,
    },
    EdCmd {
        name: "oshow",
        func: oshow,
    },
    EdCmd {
        name: "owner",
        func: owner,
    },
    EdCmd {
        name: "room",
        func: room_flags,
    },
    EdCmd {
        name: "sector",
        func: sector,
    },
];

fn nothing(_: &mut World, _: CharId, _: RoomVnum, _: &str) -> bool {
    false
}

/// `show`: the room as a builder sees it.
pub fn show(world: &mut World, ch: CharId, v: RoomVnum, _arg: &str) {
    let Some(r) = world.room(v) else { return };
    let area_name = world
        .areas
        .get(r.area.0)
        .map_or("", |a| a.proto.name.as_str());
    let mut out = format!("Description:\n{}", r.description);
    if !r.description.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!(
        "Name:       [{}]\nArea:       [{:5}] {}\nVnum:       [{:5}]\nSector:     [{}]\n\
         Room flags: [{}]\nHealth rec: [{}]\nMana rec  : [{}]\nClan      : [{}]\nOwner     : [{}]\n",
        r.name,
        r.area.0,
        area_name,
        v.0,
        tables::sector(r.sector).name,
        tables::flag_string(tables::ROOM_FLAGS, r.flags),
        r.heal_rate,
        r.mana_rate,
        tables::CLANS.get(r.clan).map_or("", |w| w.0),
        r.owner.as_deref().unwrap_or(""),
    ));
    if !r.extra.is_empty() {
        let kws: Vec<&str> = r.extra.iter().map(|e| e.keyword.as_str()).collect();
        out.push_str(&format!("Desc Kwds:  [{}]\n", kws.join(" ")));
    }
    let people: Vec<String> = r
        .people
        .iter()
        .filter_map(|&p| world.ch(p))
        .map(|c| one_argument(&c.name).0)
        .collect();
    out.push_str(&format!(
        "Characters: [{}]\n",
        if people.is_empty() {
            "none".to_string()
        } else {
            people.join(" ")
        }
    ));
    let objs: Vec<String> = r
        .contents
        .iter()
        .filter_map(|&o| world.obj(o))
        .map(|o| one_argument(&o.name).0)
        .collect();
    out.push_str(&format!(
        "Objects:    [{}]\n",
        if objs.is_empty() {
            "none".to_string()
        } else {
            objs.join(" ")
        }
    ));
    for (d, e) in r.exits.iter().enumerate() {
        let Some(e) = e else { continue };
        let mut name = DIR_NAMES[d].to_string();
        if let Some(f) = name.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        out.push_str(&format!(
            "-{:<5} to [{:5}] Key: [{:5}]  Exit flags: [{}]\n",
            name,
            e.proto.to.map_or(0, |t| t.0),
            e.proto.key.map_or(0, |k| k.0),
            exit_flag_string(e, door_reset_state(world, v, d)),
        ));
        if !e.proto.keyword.is_empty() {
            out.push_str(&format!("Kwds: [{}]\n", e.proto.keyword));
        }
        if !e.proto.description.is_empty() {
            out.push_str(&e.proto.description);
            if !e.proto.description.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    world.send(ch, &out);
}

/// The exit's flags: those it resets to in capitals (the door kind, and
/// closed/locked from its `D` reset), those it has only now in lower case
/// (as ROM OLC shows them).
fn exit_flag_string(e: &Exit, reset_state: i32) -> String {
    let reset = e.proto.flags
        | match reset_state {
            1 => EX_CLOSED,
            2 => EX_CLOSED | EX_LOCKED,
            _ => 0,
        };
    let mut words = Vec::new();
    for f in tables::EXIT_FLAGS {
        let (in_reset, now) = (reset & f.bit != 0, e.flags & f.bit != 0);
        if in_reset {
            words.push(f.name.to_ascii_uppercase());
        } else if now {
            words.push(f.name.to_string());
        }
    }
    if words.is_empty() {
        "none".into()
    } else {
        words.join(" ")
    }
}

fn show_cmd(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    show(world, ch, v, arg);
    false
}

fn room_mut(world: &mut World, v: RoomVnum) -> Option<&mut Room> {
    world.rooms.get_mut(&v)
}

fn name(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    if arg.trim().is_empty() {
        world.send(ch, "Syntax:  name [name]\n");
        return false;
    }
    if let Some(r) = room_mut(world, v) {
        r.name = arg.trim().to_string();
    }
    world.send(ch, "Name set.\n");
    true
}

fn desc(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    if !arg.trim().is_empty() {
        world.send(ch, "Syntax:  desc\n");
        return false;
    }
    string_append_target(world, ch, StringTarget::RoomDesc(v));
    true
}

fn format(world: &mut World, ch: CharId, v: RoomVnum, _arg: &str) -> bool {
    if let Some(r) = room_mut(world, v) {
        r.description = super::string::format_text(&r.description);
    }
    world.send(ch, "String formatted.\n");
    true
}

fn heal(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let Some(n) = parse_num(arg) else {
        world.send(ch, "Syntax:  heal <#xnumber>\n");
        return false;
    };
    if let Some(r) = room_mut(world, v) {
        r.heal_rate = n;
    }
    world.send(ch, "Heal rate set.\n");
    true
}

fn mana(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let Some(n) = parse_num(arg) else {
        world.send(ch, "Syntax:  mana <#xnumber>\n");
        return false;
    };
    if let Some(r) = room_mut(world, v) {
        r.mana_rate = n;
    }
    world.send(ch, "Mana rate set.\n");
    true
}

fn clan(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let (word, _) = one_argument(arg);
    let n = match word.as_str() {
        "" => {
            world.send(ch, "Syntax:  clan [name|none]\n");
            return false;
        }
        "none" => 0,
        w => match tables::clan_lookup(w) {
            Some(n) => n,
            None => {
                world.send(ch, "There is no such clan.\n");
                return false;
            }
        },
    };
    if let Some(r) = room_mut(world, v) {
        r.clan = n;
    }
    world.send(ch, "Clan set.\n");
    true
}

fn owner(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let (word, _) = first_arg_keep_case(arg);
    if word.is_empty() {
        world.send(ch, "Syntax:  owner [owner]\n         owner none\n");
        return false;
    }
    let o = (!word.eq_ignore_ascii_case("none")).then_some(word);
    if let Some(r) = room_mut(world, v) {
        r.owner = o;
    }
    world.send(ch, "Owner set.\n");
    true
}

fn room_flags(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let bits = world.room(v).map_or(0, |r| r.flags);
    match toggle_flags(tables::ROOM_FLAGS, bits, arg) {
        Some(b) => {
            if let Some(r) = room_mut(world, v) {
                r.flags = b;
            }
            world.send(ch, "Room flags toggled.\n");
            true
        }
        None => {
            world.send(
                ch,
                &format!(
                    "Syntax: room [flags]\nFlags:\n{}",
                    super::flag_names(tables::ROOM_FLAGS)
                ),
            );
            false
        }
    }
}

fn sector(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let (word, _) = one_argument(arg);
    let found = tables::SECTORS
        .iter()
        .position(|s| !word.is_empty() && s.name.starts_with(&word));
    let Some(n) = found else {
        let names: Vec<&str> = tables::SECTORS.iter().map(|s| s.name).collect();
        world.send(
            ch,
            &format!("Syntax: sector [type]\nTypes: {}\n", names.join(" ")),
        );
        return false;
    };
    if let Some(r) = room_mut(world, v) {
        r.sector = n as i32;
    }
    world.send(ch, "Sector type set.\n");
    true
}

/// `ed add|edit|delete|format <keywords>`: the room's extra descriptions.
fn ed(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let (cmd, rest) = one_argument(arg);
    let kw = rest.trim().to_string();
    if cmd.is_empty() || kw.is_empty() {
        world.send(
            ch,
            "Syntax:  ed add [keyword]\n         ed edit [keyword]\n         \
             ed delete [keyword]\n         ed format [keyword]\n",
        );
        return false;
    }
    let Some(r) = room_mut(world, v) else {
        return false;
    };
    let found = r.extra.iter().rposition(|e| is_name(&kw, &e.keyword));
    match cmd.as_str() {
        "add" => {
            r.extra.push(ExtraDescr {
                keyword: kw.clone(),
                description: String::new(),
            });
            string_append_target(world, ch, StringTarget::RoomExtra(v, kw));
            true
        }
        "edit" => match found {
            Some(i) => {
                let key = r.extra[i].keyword.clone();
                string_append_target(world, ch, StringTarget::RoomExtra(v, key));
                true
            }
            None => {
                world.send(ch, "REdit:  Extra description keyword not found.\n");
                false
            }
        },
        "delete" => match found {
            Some(i) => {
                r.extra.remove(i);
                world.send(ch, "Extra description deleted.\n");
                true
            }
            None => {
                world.send(ch, "REdit:  Extra description keyword not found.\n");
                false
            }
        },
        "format" => match found {
            Some(i) => {
                r.extra[i].description = super::string::format_text(&r.extra[i].description);
                world.send(ch, "Extra description formatted.\n");
                true
            }
            None => {
                world.send(ch, "REdit:  Extra description keyword not found.\n");
                false
            }
        },
        _ => {
            world.send(ch, "Syntax:  ed add|edit|delete|format [keyword]\n");
            false
        }
    }
}

fn north(w: &mut World, ch: CharId, v: RoomVnum, a: &str) -> bool {
    change_exit(w, ch, v, 0, a)
}
fn east(w: &mut World, ch: CharId, v: RoomVnum, a: &str) -> bool {
    change_exit(w, ch, v, 1, a)
}
fn south(w: &mut World, ch: CharId, v: RoomVnum, a: &str) -> bool {
    change_exit(w, ch, v, 2, a)
}
fn west(w: &mut World, ch: CharId, v: RoomVnum, a: &str) -> bool {
    change_exit(w, ch, v, 3, a)
}
fn up(w: &mut World, ch: CharId, v: RoomVnum, a: &str) -> bool {
    change_exit(w, ch, v, 4, a)
}
fn down(w: &mut World, ch: CharId, v: RoomVnum, a: &str) -> bool {
    change_exit(w, ch, v, 5, a)
}

/// The door flags an area file can hold (the lock code), plus the two
/// states a `D` reset sets.
const EXIT_EDIT_FLAGS: crate::world::Flags =
    EX_ISDOOR | EX_CLOSED | EX_LOCKED | EX_PICKPROOF | EX_NOPASS;

const EXIT_SYNTAX: &str = "Syntax:  [direction] link [vnum]\n\
\x20        [direction] room [vnum]\n\
\x20        [direction] dig [vnum]\n\
\x20        [direction] key [vnum]\n\
\x20        [direction] name [string]\n\
\x20        [direction] desc\n\
\x20        [direction] delete\n\
\x20        [direction] door|closed|locked|pickproof|nopass\n";

fn exit_of(world: &World, v: RoomVnum, dir: usize) -> Option<&Exit> {
    world.room(v)?.exits.get(dir)?.as_ref()
}

fn exit_mut(world: &mut World, v: RoomVnum, dir: usize) -> Option<&mut Exit> {
    world.rooms.get_mut(&v)?.exits.get_mut(dir)?.as_mut()
}

fn make_exit(to: RoomVnum) -> Exit {
    Exit {
        proto: ExitProto {
            to: Some(to),
            ..Default::default()
        },
        flags: 0,
    }
}

/// ROM's `change_exit`.
fn change_exit(world: &mut World, ch: CharId, v: RoomVnum, dir: usize, arg: &str) -> bool {
    let (cmd, rest) = one_argument(arg);
    if cmd.is_empty() {
        crate::game::act_move::move_char(world, ch, dir, false);
        return false;
    }
    if cmd == "?" || cmd == "help" {
        world.send(ch, EXIT_SYNTAX);
        return false;
    }
    // Flags: every word must name one the file can keep.
    let flag_words: Vec<&str> = arg.split_whitespace().collect();
    let flag_bits: Option<crate::world::Flags> = flag_words.iter().try_fold(0, |acc, w| {
        tables::flag_lookup(tables::EXIT_FLAGS, w)
            .filter(|b| b & EXIT_EDIT_FLAGS != 0)
            .map(|b| acc | b)
    });
    if let Some(bits) = flag_bits.filter(|b| *b != 0) {
        return toggle_exit_flags(world, ch, v, dir, bits);
    }
    match cmd.as_str() {
        "delete" => {
            let Some(e) = exit_of(world, v, dir) else {
                world.send(ch, "REdit:  Cannot delete a null exit.\n");
                return false;
            };
            let to = e.proto.to;
            if let Some(r) = world.rooms.get_mut(&v) {
                r.exits[dir] = None;
            }
            // The other side goes too when it leads back here.
            if let Some(t) = to {
                let back = exit_of(world, t, REV_DIR[dir]).and_then(|e| e.proto.to);
                if back == Some(v) {
                    let area = world.room(t).map(|r| r.area);
                    if let Some(r) = world.rooms.get_mut(&t) {
                        r.exits[REV_DIR[dir]] = None;
                    }
                    if let Some(a) = area {
                        mark_changed(world, a);
                    }
                }
            }
            drop_door_resets(world, v, dir);
            world.send(ch, "Exit unlinked.\n");
            true
        }
        "link" | "dig" => {
            let Some(to) = parse_vnum(rest) else {
                world.send(ch, &format!("Syntax:  [direction] {cmd} [vnum]\n"));
                return false;
            };
            if cmd == "dig" {
                if world.rooms.contains_key(&RoomVnum(to)) {
                    world.send(ch, "REdit:  Room vnum already exists.\n");
                    return false;
                }
                if !create_room(world, ch, to) {
                    return false;
                }
            }
            let to = RoomVnum(to);
            let Some(to_area) = world.room(to).map(|r| r.area) else {
                world.send(ch, "REdit:  Cannot link to non-existant room.\n");
                return false;
            };
            if !is_builder(world, ch, to_area) {
                world.send(ch, "REdit:  Cannot link to that area.\n");
                return false;
            }
            if exit_of(world, v, dir).is_some() {
                world.send(ch, "REdit:  Exit already exists.\n");
                return false;
            }
            if exit_of(world, to, REV_DIR[dir]).is_some() {
                world.send(ch, "REdit:  Remote side's exit already exists.\n");
                return false;
            }
            if let Some(r) = world.rooms.get_mut(&v) {
                r.exits[dir] = Some(make_exit(to));
            }
            if let Some(r) = world.rooms.get_mut(&to) {
                r.exits[REV_DIR[dir]] = Some(make_exit(v));
            }
            mark_changed(world, to_area);
            world.send(ch, "Two-way link established.\n");
            true
        }
        "room" => {
            let Some(to) = parse_vnum(rest) else {
                world.send(ch, "Syntax:  [direction] room [vnum]\n");
                return false;
            };
            let to = RoomVnum(to);
            if !world.rooms.contains_key(&to) {
                world.send(ch, "REdit:  Cannot link to non-existant room.\n");
                return false;
            }
            match exit_mut(world, v, dir) {
                Some(e) => e.proto.to = Some(to),
                None => {
                    if let Some(r) = world.rooms.get_mut(&v) {
                        r.exits[dir] = Some(make_exit(to));
                    }
                }
            }
            world.send(ch, "One-way link established.\n");
            true
        }
        "key" => {
            let Some(k) = parse_vnum(rest) else {
                world.send(ch, "Syntax:  [direction] key [vnum]\n");
                return false;
            };
            let Some(kind) = world.obj_index.get(&ObjVnum(k)).map(|o| o.proto.item_type) else {
                world.send(ch, "REdit:  Key doesn't exist.\n");
                return false;
            };
            if kind != crate::world::item::KEY {
                world.send(ch, "REdit:  That object is not a key.\n");
                return false;
            }
            let Some(e) = exit_mut(world, v, dir) else {
                world.send(ch, "REdit:  Exit doesn't exist.\n");
                return false;
            };
            e.proto.key = Some(ObjVnum(k));
            // One door, one key: the other side too, when it leads back
            // (ROM OLC sets only this side; the other stayed keyless).
            let to = e.proto.to;
            if let Some(t) = to {
                let area = world.room(t).map(|r| r.area);
                if let Some(back) =
                    exit_mut(world, t, REV_DIR[dir]).filter(|b| b.proto.to == Some(v))
                {
                    back.proto.key = Some(ObjVnum(k));
                    if let Some(a) = area {
                        mark_changed(world, a);
                    }
                }
            }
            world.send(ch, "Exit key set.\n");
            true
        }
        "name" => {
            let kw = rest.trim();
            if kw.is_empty() {
                world.send(
                    ch,
                    "Syntax:  [direction] name [string]\n         [direction] name none\n",
                );
                return false;
            }
            let Some(e) = exit_mut(world, v, dir) else {
                world.send(ch, "REdit:  Exit doesn't exist.\n");
                return false;
            };
            e.proto.keyword = if kw.eq_ignore_ascii_case("none") {
                String::new()
            } else {
                kw.to_string()
            };
            world.send(ch, "Exit name set.\n");
            true
        }
        "desc" => {
            if exit_of(world, v, dir).is_none() {
                world.send(ch, "REdit:  Exit doesn't exist.\n");
                return false;
            }
            string_append_target(world, ch, StringTarget::ExitDesc(v, dir));
            true
        }
        _ => {
            world.send(ch, EXIT_SYNTAX);
            false
        }
    }
}

/// Toggle door flags on an exit and, when it leads back, the other side.
/// `closed` and `locked` are the door's reset state: the `D` reset that
/// sets it is made, changed or removed to match.
fn toggle_exit_flags(
    world: &mut World,
    ch: CharId,
    v: RoomVnum,
    dir: usize,
    bits: crate::world::Flags,
) -> bool {
    let Some(e) = exit_of(world, v, dir) else {
        world.send(ch, "REdit:  Exit doesn't exist.\n");
        return false;
    };
    let to = e.proto.to;
    // The reset flags as ROM OLC keeps them: the door kind, plus the
    // state the area's D reset gives.
    let state_now = door_reset_state(world, v, dir);
    let mut reset_flags = e.proto.flags;
    match state_now {
        1 => reset_flags |= EX_CLOSED,
        2 => reset_flags |= EX_CLOSED | EX_LOCKED,
        _ => {}
    }
    let mut new = reset_flags ^ bits;
    // A lock needs a closed door; a closed door needs a door.
    if new & EX_LOCKED != 0 {
        new |= EX_CLOSED;
    }
    if new & EX_CLOSED != 0 {
        new |= EX_ISDOOR;
    }
    if new & EX_ISDOOR == 0 {
        new &= !(EX_CLOSED | EX_LOCKED | EX_PICKPROOF | EX_NOPASS);
    }
    let kind = new & (EX_ISDOOR | EX_PICKPROOF | EX_NOPASS);
    let state = if new & EX_LOCKED != 0 {
        2
    } else if new & EX_CLOSED != 0 {
        1
    } else {
        0
    };
    let mut sides = vec![(v, dir)];
    if let Some(t) = to {
        if exit_of(world, t, REV_DIR[dir]).and_then(|e| e.proto.to) == Some(v) {
            sides.push((t, REV_DIR[dir]));
        }
    }
    for &(r, d) in &sides {
        if let Some(e) = exit_mut(world, r, d) {
            e.proto.flags = (e.proto.flags & !(EX_ISDOOR | EX_PICKPROOF | EX_NOPASS)) | kind;
            e.flags = e.proto.flags;
        }
        if let Some(a) = world.room(r).map(|x| x.area) {
            mark_changed(world, a);
        }
    }
    set_door_reset(world, v, dir, state);
    // Other-side D resets follow, so the two never disagree.
    if let Some(&(r, d)) = sides.get(1) {
        if door_reset_index(world, r, d).is_some() {
            set_door_reset(world, r, d, state);
        }
    }
    // The door is as its resets leave it, now.
    world.set_door_state(v, dir, state);
    world.send(ch, "Exit flag toggled.\n");
    true
}

/// Where the area of room `v` keeps the `D` reset for `dir`.
fn door_reset_index(world: &World, v: RoomVnum, dir: usize) -> Option<(AreaId, usize)> {
    let area = world.room(v)?.area;
    let a = world.areas.get(area.0)?;
    a.proto
        .resets
        .iter()
        .rposition(|r| {
            matches!(r.cmd, crate::world::ResetCmd::Door { room, dir: d, .. } if room == v && d == dir)
        })
        .map(|i| (area, i))
}

/// The state (0 open, 1 closed, 2 locked) the resets give a door.
pub fn door_reset_state(world: &World, v: RoomVnum, dir: usize) -> i32 {
    door_reset_index(world, v, dir)
        .and_then(|(a, i)| world.areas.get(a.0)?.proto.resets.get(i))
        .map_or(0, |r| match r.cmd {
            crate::world::ResetCmd::Door { state, .. } => state,
            _ => 0,
        })
}

/// Make the `D` reset of a door say `state` (removed for 0).
fn set_door_reset(world: &mut World, v: RoomVnum, dir: usize, state: i32) {
    let Some(area) = world.room(v).map(|r| r.area) else {
        return;
    };
    let found = door_reset_index(world, v, dir);
    let Some(a) = world.areas.get_mut(area.0) else {
        return;
    };
    match (found, state) {
        (Some((_, i)), 0) => {
            a.proto.resets.remove(i);
        }
        (Some((_, i)), s) => {
            if let Some(r) = a.proto.resets.get_mut(i) {
                r.cmd = crate::world::ResetCmd::Door {
                    room: v,
                    dir,
                    state: s,
                };
            }
        }
        (None, 0) => return,
        (None, s) => a.proto.resets.push(crate::world::Reset {
            cmd: crate::world::ResetCmd::Door {
                room: v,
                dir,
                state: s,
            },
            line: 0,
        }),
    }
    a.changed = true;
}

/// Remove the `D` resets of a deleted exit.
fn drop_door_resets(world: &mut World, v: RoomVnum, dir: usize) {
    while door_reset_index(world, v, dir).is_some() {
        set_door_reset(world, v, dir, 0);
    }
}

/// Make room `vnum` in the area that holds it (checks as ROM's
/// `redit_create`); false (with the reason told) when it cannot be.
pub fn create_room(world: &mut World, ch: CharId, vnum: i32) -> bool {
    let Some(area) = area_of_vnum(world, vnum) else {
        world.send(ch, "REdit:  That vnum is not assigned an area.\n");
        return false;
    };
    if !is_builder(world, ch, area) {
        world.send(ch, "REdit:  Vnum in an area you cannot build in.\n");
        return false;
    }
    let v = RoomVnum(vnum);
    if world.rooms.contains_key(&v) {
        world.send(ch, "REdit:  Room vnum already exists.\n");
        return false;
    }
    world.rooms.insert(
        v,
        Room {
            vnum: v,
            area,
            heal_rate: 100,
            mana_rate: 100,
            ..Default::default()
        },
    );
    mark_changed(world, area);
    true
}

fn create_cmd(world: &mut World, ch: CharId, _v: RoomVnum, arg: &str) -> bool {
    let Some(vnum) = parse_vnum(arg) else {
        world.send(ch, "Syntax:  create [vnum]\n");
        return false;
    };
    if create_room(world, ch, vnum) {
        enter_room(world, ch, RoomVnum(vnum));
        world.send(ch, "Room created.\n");
    }
    false
}

/// Move the builder into `v` and edit it.
fn enter_room(world: &mut World, ch: CharId, v: RoomVnum) {
    if world.ch(ch).and_then(|c| c.room) != Some(v) {
        if world.ch(ch).is_some_and(|c| c.fighting.is_some()) {
            world.stop_fighting(ch, true);
        }
        world.char_from_room(ch);
        world.char_to_room(ch, v);
    }
    set_editor(world, ch, Some(Editor::Room(v)));
}

/// `mreset <vnum> [max in world] [max in room]`: a mobile reset here, and
/// the mobile now.
fn mreset(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    let (vn, rest) = one_argument(arg);
    let (wmax, rest) = one_argument(rest);
    let (rmax, _) = one_argument(rest);
    let Some(mv) = vn.parse::<i32>().ok().map(crate::world::MobVnum) else {
        world.send(ch, "Syntax:  mreset <vnum> <max #x> <mix #x>\n");
        return false;
    };
    if !world.mob_index.contains_key(&mv) {
        world.send(ch, "REdit: No mobile has that vnum.\n");
        return false;
    }
    let Some(area) = world.room(v).map(|r| r.area) else {
        return false;
    };
    if world.mob_index.get(&mv).map(|m| m.proto.area) != Some(area) {
        world.send(ch, "REdit: No such mobile in this area.\n");
        return false;
    }
    let world_limit = wmax.parse::<i32>().ok().filter(|n| *n > 0).unwrap_or(1);
    let room_limit = rmax.parse::<i32>().ok().filter(|n| *n > 0).unwrap_or(1);
    if let Some(a) = world.areas.get_mut(area.0) {
        a.proto.resets.push(crate::world::Reset {
            cmd: crate::world::ResetCmd::Mob {
                mob: mv,
                world_limit,
                room: v,
                room_limit,
            },
            line: 0,
        });
    }
    let short = world
        .mob_index
        .get(&mv)
        .map(|m| m.proto.short_descr.clone())
        .unwrap_or_default();
    if let Some(m) = world.create_mobile(mv) {
        world.char_to_room(m, v);
    }
    world.send(
        ch,
        &format!(
            "{short} ({}) has been loaded and added to resets.\n\
             There will be a maximum of {world_limit} in the world and {room_limit} in this room.\n",
            mv.0
        ),
    );
    true
}

/// `oreset <vnum> [container keyword | mobile keyword wear-location]`:
/// an object reset (on the floor, in a container here, or given to or worn
/// by a mobile here), and the object now.
fn oreset(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    use crate::world::ResetCmd;
    let (vn, rest) = one_argument(arg);
    let (target, rest) = one_argument(rest);
    let (wear, _) = one_argument(rest);
    let Some(ov) = vn.parse::<i32>().ok().map(ObjVnum) else {
        world.send(
            ch,
            "Syntax:  oreset <vnum> <args>\n  No args               = into room\n  \
             <object>              = into object\n  <mobile> <wear-loc>   = into mobile\n",
        );
        return false;
    };
    let Some(area) = world.room(v).map(|r| r.area) else {
        return false;
    };
    if world.obj_index.get(&ov).map(|o| o.proto.area) != Some(area) {
        world.send(ch, "REdit: No such object in this area.\n");
        return false;
    }
    // The prototype's level (as the reset itself will make it), never
    // the builder's.
    let level = 0;
    let cmd = if target.is_empty() {
        ResetCmd::Obj { obj: ov, room: v }
    } else if let Some(container) = world.room(v).and_then(|r| {
        r.contents
            .clone()
            .into_iter()
            .find(|&o| world.obj(o).is_some_and(|x| is_name(&target, &x.name)))
    }) {
        let cv = world.obj(container).map_or(ObjVnum(0), |o| o.vnum);
        ResetCmd::Put {
            obj: ov,
            limit: 1,
            container: cv,
            count: 1,
        }
    } else if let Some(mob) = world
        .get_char_room(ch, &target)
        .filter(|&m| world.ch(m).is_some_and(|c| c.is_npc()))
    {
        let loc = if wear.is_empty() || wear == "none" {
            None
        } else {
            match tables::WEAR_LOCATIONS.iter().find(|w| w.name == wear) {
                Some(w) => Some(w.number),
                None => {
                    world.send(ch, "REdit: Invalid wear location.\n");
                    return false;
                }
            }
        };
        let Some(mv) = world.ch(mob).and_then(|c| c.vnum) else {
            return false;
        };
        // After the mobile's own reset in this room.
        let at = world.areas.get(area.0).and_then(|a| {
            a.proto.resets.iter().rposition(
                |r| matches!(r.cmd, ResetCmd::Mob { mob, room, .. } if mob == mv && room == v),
            )
        });
        let Some(at) = at else {
            world.send(ch, "REdit: That mobile has no reset in this room.\n");
            return false;
        };
        let cmd = match loc {
            Some(l) => ResetCmd::Equip {
                obj: ov,
                limit: 1,
                wear_loc: l,
            },
            None => ResetCmd::Give { obj: ov, limit: 1 },
        };
        if let Some(a) = world.areas.get_mut(area.0) {
            a.proto.resets.insert(
                at + 1,
                crate::world::Reset {
                    cmd: cmd.clone(),
                    line: 0,
                },
            );
        }
        if let Some(o) = world.create_object(ov, level) {
            world.obj_to_char(o, mob);
            if let Some(l) = loc {
                world.equip_char(mob, o, l);
            }
        }
        world.send(ch, "Object reset added to the mobile.\n");
        return true;
    } else {
        world.send(ch, "REdit: That container or mobile is not here.\n");
        return false;
    };
    let into = if let ResetCmd::Put { container, .. } = cmd {
        world.room(v).and_then(|r| {
            r.contents
                .iter()
                .copied()
                .find(|&o| world.obj(o).is_some_and(|x| x.vnum == container))
        })
    } else {
        None
    };
    if let Some(a) = world.areas.get_mut(area.0) {
        a.proto.resets.push(crate::world::Reset { cmd, line: 0 });
    }
    if let Some(o) = world.create_object(ov, level) {
        match into {
            Some(c) => world.obj_to_obj(o, c),
            None => world.obj_to_room(o, v),
        }
    }
    world.send(ch, "Object reset added.\n");
    true
}

fn list_matching(world: &mut World, ch: CharId, v: RoomVnum, arg: &str, mobs: bool) -> bool {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(
            ch,
            if mobs {
                "Syntax:  mlist <all/name>\n"
            } else {
                "Syntax:  olist <all/name/item_type>\n"
            },
        );
        return false;
    }
    let Some(area) = world.room(v).map(|r| r.area) else {
        return false;
    };
    let all = word == "all";
    let mut rows: Vec<(i32, String)> = if mobs {
        world
            .mob_index
            .values()
            .filter(|m| m.proto.area == area && (all || is_name(&word, &m.proto.keywords)))
            .map(|m| (m.proto.vnum.0, m.proto.short_descr.clone()))
            .collect()
    } else {
        world
            .obj_index
            .values()
            .filter(|o| {
                o.proto.area == area
                    && (all
                        || is_name(&word, &o.proto.keywords)
                        || tables::item_type_name(o.proto.item_type) == word)
            })
            .map(|o| (o.proto.vnum.0, o.proto.short_descr.clone()))
            .collect()
    };
    rows.sort();
    if rows.is_empty() {
        world.send(
            ch,
            if mobs {
                "Mobile(s) not found in this area.\n"
            } else {
                "Object(s) not found in this area.\n"
            },
        );
        return false;
    }
    let mut out = String::new();
    for (i, (vn, short)) in rows.iter().enumerate() {
        let short: String = crate::net::color::render(short, false)
            .chars()
            .take(16)
            .collect();
        out.push_str(&format!("[{vn:5}] {short:<17}"));
        if i % 3 == 2 {
            out.push('\n');
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    world.send(ch, &out);
    false
}

fn mlist(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    list_matching(world, ch, v, arg, true)
}

fn olist(world: &mut World, ch: CharId, v: RoomVnum, arg: &str) -> bool {
    list_matching(world, ch, v, arg, false)
}

fn mshow(world: &mut World, ch: CharId, _v: RoomVnum, arg: &str) -> bool {
    match parse_vnum(arg).map(crate::world::MobVnum) {
        Some(m) if world.mob_index.contains_key(&m) => super::medit::show(world, ch, m, ""),
        Some(_) => world.send(ch, "REdit:  That mobile does not exist.\n"),
        None => world.send(ch, "Syntax:  mshow <vnum>\n"),
    }
    false
}

fn oshow(world: &mut World, ch: CharId, _v: RoomVnum, arg: &str) -> bool {
    match parse_vnum(arg).map(ObjVnum) {
        Some(o) if world.obj_index.contains_key(&o) => super::oedit::show(world, ch, o, ""),
        Some(_) => world.send(ch, "REdit:  That object does not exist.\n"),
        None => world.send(ch, "Syntax:  oshow <vnum>\n"),
    }
    false
}

/// `redit [vnum | create <vnum> | reset]`.
pub fn do_redit(world: &mut World, ch: CharId, argument: &str) {
    let Some(here) = world.ch(ch).filter(|c| !c.is_npc()).and_then(|c| c.room) else {
        return;
    };
    let (arg, rest) = one_argument(argument);
    match arg.as_str() {
        "reset" => {
            let Some(area) = world.room(here).map(|r| r.area) else {
                return;
            };
            if !is_builder(world, ch, area) {
                world.send(ch, "Insufficient security to modify room.\n");
                return;
            }
            super::resets::reset_room(world, here);
            world.send(ch, "Room reset.\n");
        }
        "create" => {
            let Some(vnum) = parse_vnum(rest) else {
                world.send(ch, "Syntax:  edit room create [vnum]\n");
                return;
            };
            if create_room(world, ch, vnum) {
                enter_room(world, ch, RoomVnum(vnum));
                world.send(ch, "Room created.\n");
            }
        }
        "" => {
            let Some(area) = world.room(here).map(|r| r.area) else {
                return;
            };
            if !is_builder(world, ch, area) {
                world.send(ch, "Insufficient security to modify room.\n");
                return;
            }
            set_editor(world, ch, Some(Editor::Room(here)));
        }
        n => {
            let Some(v) = n.parse::<i32>().ok().map(RoomVnum) else {
                world.send(ch, "Syntax:  redit [vnum | create <vnum> | reset]\n");
                return;
            };
            let Some(area) = world.room(v).map(|r| r.area) else {
                world.send(ch, "REdit : Nonexistant room.\n");
                return;
            };
            if !is_builder(world, ch, area) {
                world.send(ch, "Insufficient security to modify room.\n");
                return;
            }
            enter_room(world, ch, v);
        }
    }
}
