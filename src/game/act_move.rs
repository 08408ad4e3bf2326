//! Movement, doors, positions and recall ("act_move.c").
//!
//! Walking goes through [`move_char`], which checks the exit, doors, room
//! access and movement points, announces the move, looks on arrival and
//! drags standing followers along. Doors are opened, closed, locked and
//! unlocked on both sides at once; the same commands work on containers and
//! portals. Positions (`sit`, `rest`, `sleep`, `stand`, `wake`) know about
//! furniture. Messages follow ROM's wording, which players know by heart.
//!
//! `enter <portal>` (and `go`) steps through portals (rom-mechanics 16.3),
//! and [`random_room`] picks the random rooms of teleport and random
//! portals. Departures from ROM: `enter` with no argument asks "Enter
//! what?"; a random room is drawn among the rooms that qualify (the same
//! odds as ROM's redrawing) and there may be none, where ROM would loop
//! forever.

use super::act_info;
use crate::db::tables;
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::rules::gsn;
use crate::world::*;

/// The direction a word names (`n`, `north`, ... `d`, `down`), if any.
pub fn dir_from_name(word: &str) -> Option<usize> {
    let w = word.to_ascii_lowercase();
    match w.as_str() {
        "n" | "north" => Some(0),
        "e" | "east" => Some(1),
        "s" | "south" => Some(2),
        "w" | "west" => Some(3),
        "u" | "up" => Some(4),
        "d" | "down" => Some(5),
        _ => None,
    }
}

/// Move `ch` one step in direction `dir` (0..5). `follow` is true when the
/// step is a follower trailing its master (ROM keeps it for mobprogs).
pub fn move_char(world: &mut World, ch: CharId, dir: usize, follow: bool) {
    let _ = follow;
    if dir > 5 {
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    let Some(in_room) = c.room else { return };
    if super::mob_prog::exit_trigger(world, ch, dir) {
        return;
    }
    let exit = world.room(in_room).and_then(|r| r.exits[dir].clone());
    let Some(exit) = exit else {
        world.send(ch, "Alas, you cannot go that way.\n");
        return;
    };
    let Some(to_room) = exit.to().filter(|&r| world.room(r).is_some()) else {
        world.send(ch, "Alas, you cannot go that way.\n");
        return;
    };
    if !world.can_see_room(ch, to_room) {
        world.send(ch, "Alas, you cannot go that way.\n");
        return;
    }
    let c = match world.ch(ch) {
        Some(c) => c,
        None => return,
    };
    let passes = c.is_affected(aff::PASS_DOOR) && exit.flags & EX_NOPASS == 0;
    if exit.is_closed() && !passes && c.get_trust() < 53 {
        world.act(
            "The $d is closed.",
            ch,
            ActArgs {
                text2: Some(&exit.proto.keyword),
                ..Default::default()
            },
            To::Char,
        );
        return;
    }
    if c.is_affected(aff::CHARM) {
        if let Some(m) = c.master {
            if world.ch(m).and_then(|m| m.room) == Some(in_room) {
                world.send(ch, "What?  And leave your beloved master?\n");
                return;
            }
        }
    }
    if !world.is_room_owner(ch, to_room) && world.room_is_private(to_room) {
        world.send(ch, "That room is private right now.\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if !c.is_npc() {
        let from_sector = world.room(in_room).map_or(0, |r| r.sector);
        let to_sector = world.room(to_room).map_or(0, |r| r.sector);
        let flying = c.is_affected(aff::FLYING);
        if (from_sector == SECT_AIR || to_sector == SECT_AIR) && !flying && !c.is_immortal() {
            world.send(ch, "You can't fly.\n");
            return;
        }
        if (from_sector == SECT_WATER_NOSWIM || to_sector == SECT_WATER_NOSWIM)
            && !flying
            && !c.is_immortal()
        {
            let has_boat = c
                .carrying
                .iter()
                .any(|&o| world.obj(o).is_some_and(|o| o.item_type == item::BOAT));
            if !has_boat {
                world.send(ch, "You need a boat to go there.\n");
                return;
            }
        }
        let loss = |s: i32| tables::sector(s).move_cost;
        let mut cost = (loss(from_sector) + loss(to_sector)) / 2;
        if flying || c.is_affected(aff::HASTE) {
            cost /= 2;
        }
        if c.is_affected(aff::SLOW) {
            cost *= 2;
        }
        if c.mv < cost {
            world.send(ch, "You are too exhausted.\n");
            return;
        }
        if let Some(c) = world.ch_mut(ch) {
            c.wait = c.wait.max(1);
            c.mv -= cost;
        }
    }
    let Some(c) = world.ch(ch) else { return };
    let announce = !c.is_affected(aff::SNEAK) && c.invis_level() < LEVEL_HERO;
    if announce {
        world.act(
            "$n leaves $T.",
            ch,
            ActArgs {
                text2: Some(DIR_NAMES[dir]),
                ..Default::default()
            },
            To::Room,
        );
    }
    world.char_to_room(ch, to_room);
    super::update::plague_on_entry(world, ch);
    if announce {
        world.act("$n has arrived.", ch, ActArgs::default(), To::Room);
    }
    if world.ch(ch).is_some_and(|c| c.conn.is_some()) {
        act_info::do_look(world, ch, "auto");
    }
    if in_room == to_room {
        return;
    }
    // Followers left behind in the old room come along.
    let behind: Vec<CharId> = world
        .room(in_room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for fch in behind {
        let Some(f) = world.ch(fch) else { continue };
        if f.master != Some(ch) || f.room != Some(in_room) {
            continue;
        }
        if f.is_affected(aff::CHARM) && f.position < pos::STANDING {
            do_stand(world, fch, "");
        }
        let Some(f) = world.ch(fch) else { continue };
        if f.position != pos::STANDING || !world.can_see_room(fch, to_room) {
            continue;
        }
        let law = world.room(to_room).is_some_and(|r| r.flags & ROOM_LAW != 0);
        if law && f.is_npc() && f.act & ACT_AGGRESSIVE != 0 {
            world.act(
                "You can't bring $N into the city.",
                ch,
                ActArgs::vict(fch),
                To::Char,
            );
            world.act(
                "You aren't allowed in the city.",
                fch,
                ActArgs::default(),
                To::Char,
            );
            continue;
        }
        world.act("You follow $N.", fch, ActArgs::vict(ch), To::Char);
        move_char(world, fch, dir, true);
    }
    super::mob_prog::arrival_triggers(world, ch);
}

pub fn do_north(world: &mut World, ch: CharId, _arg: &str) {
    move_char(world, ch, 0, false);
}

pub fn do_east(world: &mut World, ch: CharId, _arg: &str) {
    move_char(world, ch, 1, false);
}

pub fn do_south(world: &mut World, ch: CharId, _arg: &str) {
    move_char(world, ch, 2, false);
}

pub fn do_west(world: &mut World, ch: CharId, _arg: &str) {
    move_char(world, ch, 3, false);
}

pub fn do_up(world: &mut World, ch: CharId, _arg: &str) {
    move_char(world, ch, 4, false);
}

pub fn do_down(world: &mut World, ch: CharId, _arg: &str) {
    move_char(world, ch, 5, false);
}

// ------------------------------------------------------------------ doors

/// ROM's find_door: the direction of the door `arg` names (a direction word
/// or a door keyword), or a message and `None`.
pub fn find_door(world: &mut World, ch: CharId, arg: &str) -> Option<usize> {
    let room = world.ch(ch)?.room?;
    let exits = world.room(room)?.exits.clone();
    let door = match dir_from_name(arg) {
        Some(d) => d,
        None => {
            let found = exits.iter().position(|e| {
                e.as_ref().is_some_and(|e| {
                    e.is_door() && crate::world::handler::is_name(arg, &e.proto.keyword)
                })
            });
            match found {
                Some(d) => d,
                None => {
                    world.act(
                        "I see no $T here.",
                        ch,
                        ActArgs::default().with_text2(arg),
                        To::Char,
                    );
                    return None;
                }
            }
        }
    };
    let Some(exit) = &exits[door] else {
        world.act(
            "I see no door $T here.",
            ch,
            ActArgs::default().with_text2(arg),
            To::Char,
        );
        return None;
    };
    if !exit.is_door() {
        world.send(ch, "You can't do that.\n");
        return None;
    }
    Some(door)
}

/// Does `ch` carry (or wear) an object of vnum `key`?
pub fn has_key(world: &World, ch: CharId, key: i64) -> bool {
    world.ch(ch).is_some_and(|c| {
        c.carrying
            .iter()
            .any(|&o| world.obj(o).is_some_and(|o| i64::from(o.vnum.0) == key))
    })
}

/// The door keyword for `$d`.
pub(crate) fn keyword_of(world: &World, room: RoomVnum, door: usize) -> String {
    world
        .room(room)
        .and_then(|r| r.exits[door].as_ref())
        .map(|e| e.proto.keyword.clone())
        .unwrap_or_default()
}

/// The exit on the far side that leads back here, if there is one.
pub(crate) fn reverse_exit(
    world: &World,
    room: RoomVnum,
    door: usize,
) -> Option<(RoomVnum, usize)> {
    let to = world.room(room)?.exits[door].as_ref()?.to()?;
    let back = world.room(to)?.exits[REV_DIR[door]].as_ref()?;
    (back.to() == Some(room)).then_some((to, REV_DIR[door]))
}

pub(crate) fn exit_flags(world: &World, room: RoomVnum, door: usize) -> Flags {
    world
        .room(room)
        .and_then(|r| r.exits[door].as_ref())
        .map_or(0, |e| e.flags)
}

pub(crate) fn set_exit_flags(
    world: &mut World,
    room: RoomVnum,
    door: usize,
    set: Flags,
    clear: Flags,
) {
    if let Some(e) = world.room_mut(room).and_then(|r| r.exits[door].as_mut()) {
        e.flags = (e.flags | set) & !clear;
    }
}

/// Tell everyone in `room` about the other side of a door (`The $d opens.`).
fn tell_far_side(world: &mut World, room: RoomVnum, door: usize, msg: &str) {
    let keyword = keyword_of(world, room, door);
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for rch in people {
        world.act(msg, rch, ActArgs::default().with_text2(&keyword), To::Char);
    }
}

/// Which door operation a command performs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DoorOp {
    Open,
    Close,
    Lock,
    Unlock,
}

fn object_door(world: &mut World, ch: CharId, obj: ObjId, op: DoorOp) {
    let Some(o) = world.obj(obj) else { return };
    let it = o.item_type;
    let v1 = o.values[1] as Flags;
    let say = |world: &mut World, s: &str| world.send(ch, s);
    if it == item::PORTAL {
        let key = o.values[4];
        let msg = match op {
            DoorOp::Open => {
                if v1 & EX_ISDOOR == 0 {
                    return say(world, "You can't do that.\n");
                }
                if v1 & EX_CLOSED == 0 {
                    return say(world, "It's already open.\n");
                }
                if v1 & EX_LOCKED != 0 {
                    return say(world, "It's locked.\n");
                }
                (v1 & !EX_CLOSED, "You open $p.", "$n opens $p.")
            }
            DoorOp::Close => {
                if v1 & EX_ISDOOR == 0 || v1 & EX_NOCLOSE != 0 {
                    return say(world, "You can't do that.\n");
                }
                if v1 & EX_CLOSED != 0 {
                    return say(world, "It's already closed.\n");
                }
                (v1 | EX_CLOSED, "You close $p.", "$n closes $p.")
            }
            DoorOp::Lock | DoorOp::Unlock => {
                let lock = op == DoorOp::Lock;
                if v1 & EX_ISDOOR == 0 || v1 & EX_NOCLOSE != 0 {
                    return say(world, "You can't do that.\n");
                }
                if v1 & EX_CLOSED == 0 {
                    return say(world, "It's not closed.\n");
                }
                if key < 0 || v1 & EX_NOLOCK != 0 {
                    return say(
                        world,
                        if lock {
                            "It can't be locked.\n"
                        } else {
                            "It can't be unlocked.\n"
                        },
                    );
                }
                if !has_key(world, ch, key) {
                    return say(world, "You lack the key.\n");
                }
                if lock && v1 & EX_LOCKED != 0 {
                    return say(world, "It's already locked.\n");
                }
                if !lock && v1 & EX_LOCKED == 0 {
                    return say(world, "It's already unlocked.\n");
                }
                if lock {
                    (v1 | EX_LOCKED, "You lock $p.", "$n locks $p.")
                } else {
                    (v1 & !EX_LOCKED, "You unlock $p.", "$n unlocks $p.")
                }
            }
        };
        finish_object_door(world, ch, obj, msg);
        return;
    }
    if it != item::CONTAINER {
        return say(world, "That's not a container.\n");
    }
    let key = o.values[2];
    let msg = match op {
        DoorOp::Open => {
            if v1 & cont::CLOSED == 0 {
                return say(world, "It's already open.\n");
            }
            if v1 & cont::CLOSEABLE == 0 {
                return say(world, "You can't do that.\n");
            }
            if v1 & cont::LOCKED != 0 {
                return say(world, "It's locked.\n");
            }
            (v1 & !cont::CLOSED, "You open $p.", "$n opens $p.")
        }
        DoorOp::Close => {
            if v1 & cont::CLOSED != 0 {
                return say(world, "It's already closed.\n");
            }
            if v1 & cont::CLOSEABLE == 0 {
                return say(world, "You can't do that.\n");
            }
            (v1 | cont::CLOSED, "You close $p.", "$n closes $p.")
        }
        DoorOp::Lock | DoorOp::Unlock => {
            let lock = op == DoorOp::Lock;
            if v1 & cont::CLOSED == 0 {
                return say(world, "It's not closed.\n");
            }
            if key < 0 {
                return say(
                    world,
                    if lock {
                        "It can't be locked.\n"
                    } else {
                        "It can't be unlocked.\n"
                    },
                );
            }
            if !has_key(world, ch, key) {
                return say(world, "You lack the key.\n");
            }
            if lock && v1 & cont::LOCKED != 0 {
                return say(world, "It's already locked.\n");
            }
            if !lock && v1 & cont::LOCKED == 0 {
                return say(world, "It's already unlocked.\n");
            }
            if lock {
                (v1 | cont::LOCKED, "You lock $p.", "$n locks $p.")
            } else {
                (v1 & !cont::LOCKED, "You unlock $p.", "$n unlocks $p.")
            }
        }
    };
    finish_object_door(world, ch, obj, msg);
}

fn finish_object_door(
    world: &mut World,
    ch: CharId,
    obj: ObjId,
    (flags, to_ch, to_room): (Flags, &str, &str),
) {
    if let Some(o) = world.obj_mut(obj) {
        o.values[1] = flags as i64;
    }
    world.act(to_ch, ch, ActArgs::obj(obj), To::Char);
    world.act(to_room, ch, ActArgs::obj(obj), To::Room);
}

fn exit_door(world: &mut World, ch: CharId, door: usize, op: DoorOp) {
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let flags = exit_flags(world, room, door);
    let key = world
        .room(room)
        .and_then(|r| r.exits[door].as_ref())
        .and_then(|e| e.proto.key)
        .map(|k| i64::from(k.0));
    let keyword = keyword_of(world, room, door);
    let closed = flags & EX_CLOSED != 0;
    let locked = flags & EX_LOCKED != 0;
    let (set, clear, room_msg, far_msg) = match op {
        DoorOp::Open => {
            if !closed {
                return world.send(ch, "It's already open.\n");
            }
            if locked {
                return world.send(ch, "It's locked.\n");
            }
            (0, EX_CLOSED, "$n opens the $d.", Some("The $d opens."))
        }
        DoorOp::Close => {
            if closed {
                return world.send(ch, "It's already closed.\n");
            }
            (EX_CLOSED, 0, "$n closes the $d.", Some("The $d closes."))
        }
        DoorOp::Lock | DoorOp::Unlock => {
            let lock = op == DoorOp::Lock;
            if !closed {
                return world.send(ch, "It's not closed.\n");
            }
            let Some(key) = key.filter(|&k| k >= 0) else {
                return world.send(
                    ch,
                    if lock {
                        "It can't be locked.\n"
                    } else {
                        "It can't be unlocked.\n"
                    },
                );
            };
            if !has_key(world, ch, key) {
                return world.send(ch, "You lack the key.\n");
            }
            if lock && locked {
                return world.send(ch, "It's already locked.\n");
            }
            if !lock && !locked {
                return world.send(ch, "It's already unlocked.\n");
            }
            if lock {
                (EX_LOCKED, 0, "$n locks the $d.", None)
            } else {
                (0, EX_LOCKED, "$n unlocks the $d.", None)
            }
        }
    };
    set_exit_flags(world, room, door, set, clear);
    if matches!(op, DoorOp::Lock | DoorOp::Unlock) {
        world.send(ch, "*Click*\n");
        world.act(
            room_msg,
            ch,
            ActArgs::default().with_text2(&keyword),
            To::Room,
        );
    } else {
        world.act(
            room_msg,
            ch,
            ActArgs::default().with_text2(&keyword),
            To::Room,
        );
        world.send(ch, "Ok.\n");
    }
    if let Some((far, back)) = reverse_exit(world, room, door) {
        set_exit_flags(world, far, back, set, clear);
        if let Some(msg) = far_msg {
            tell_far_side(world, far, back, msg);
        }
    }
}

fn door_command(world: &mut World, ch: CharId, arg: &str, op: DoorOp, what: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(ch, what);
        return;
    }
    if let Some(obj) = world.get_obj_here(ch, &word) {
        object_door(world, ch, obj, op);
        return;
    }
    if let Some(door) = find_door(world, ch, &word) {
        exit_door(world, ch, door, op);
    }
}

pub fn do_open(world: &mut World, ch: CharId, arg: &str) {
    door_command(world, ch, arg, DoorOp::Open, "Open what?\n");
}

pub fn do_close(world: &mut World, ch: CharId, arg: &str) {
    door_command(world, ch, arg, DoorOp::Close, "Close what?\n");
}

pub fn do_lock(world: &mut World, ch: CharId, arg: &str) {
    door_command(world, ch, arg, DoorOp::Lock, "Lock what?\n");
}

pub fn do_unlock(world: &mut World, ch: CharId, arg: &str) {
    door_command(world, ch, arg, DoorOp::Unlock, "Unlock what?\n");
}

// -------------------------------------------------------------- positions

/// How many characters are on a piece of furniture.
fn count_users(world: &World, obj: ObjId) -> usize {
    let Some(ObjLoc::Room(r)) = world.obj(obj).map(|o| o.loc) else {
        return 0;
    };
    world.room(r).map_or(0, |room| {
        room.people
            .iter()
            .filter(|&&p| world.ch(p).is_some_and(|c| c.on == Some(obj)))
            .count()
    })
}

/// Furniture `arg` names in the room (or the one `ch` is on when `arg` is
/// empty), checked for the `at/on/in` bits of a posture. `Err` carries the
/// message to show.
fn pick_furniture(
    world: &World,
    ch: CharId,
    arg: &str,
    bits: Flags,
    refuse: &str,
    full: &str,
) -> Result<Option<ObjId>, String> {
    let Some(c) = world.ch(ch) else {
        return Err(String::new());
    };
    let obj = if arg.is_empty() {
        match c.on {
            Some(o) => o,
            None => return Ok(None),
        }
    } else {
        let contents = c
            .room
            .and_then(|r| world.room(r))
            .map(|r| r.contents.clone())
            .unwrap_or_default();
        match world.get_obj_list(ch, arg, &contents) {
            Some(o) => o,
            None => return Err("You don't see that here.\n".to_string()),
        }
    };
    let Some(o) = world.obj(obj) else {
        return Err("You don't see that here.\n".to_string());
    };
    if o.item_type != item::FURNITURE || (o.values[2] as Flags) & bits == 0 {
        return Err(refuse.to_string());
    }
    if c.on != Some(obj) && count_users(world, obj) as i64 >= o.values[0] {
        return Err(world.act_format(full, ch, &ActArgs::obj(obj), ch));
    }
    Ok(Some(obj))
}

/// Which of at/on/in a piece of furniture offers for a posture (AT, ON, IN bits).
pub(crate) fn preposition(world: &World, obj: ObjId, at: Flags, on: Flags) -> &'static str {
    let v2 = world.obj(obj).map_or(0, |o| o.values[2] as Flags);
    if v2 & at != 0 {
        "at"
    } else if v2 & on != 0 {
        "on"
    } else {
        "in"
    }
}

fn set_position(world: &mut World, ch: CharId, position: Position, on: Option<ObjId>) {
    if let Some(c) = world.ch_mut(ch) {
        c.position = position;
        c.on = on;
    }
}

/// Whether magic holds `ch` asleep; if so, `ch` is told.
fn held_asleep(world: &mut World, ch: CharId) -> bool {
    let held = world.ch(ch).is_some_and(|c| c.is_affected(aff::SLEEP));
    if held {
        world.send(ch, "You can't wake up!\n");
    }
    held
}

/// The common start of `rest` and `sit`: refuse while fighting, then find
/// the furniture `arg` names (or the one `ch` is on) for a posture with the
/// given at/on/in bits. Returns the current position and the furniture with
/// its preposition; `None` once a message has said why not.
fn begin_posture(
    world: &mut World,
    ch: CharId,
    arg: &str,
    fighting: &str,
    [at, on, inside]: [Flags; 3],
    refuse: &str,
) -> Option<(Position, Option<(ObjId, &'static str)>)> {
    let position = world.ch(ch)?.position;
    if position == pos::FIGHTING {
        world.send(ch, fighting);
        return None;
    }
    let (word, _) = one_argument(arg);
    let bits = at | on | inside;
    match pick_furniture(
        world,
        ch,
        &word,
        bits,
        refuse,
        "There's no more room on $p.",
    ) {
        Ok(obj) => Some((position, obj.map(|o| (o, preposition(world, o, at, on))))),
        Err(msg) => {
            world.send(ch, &msg);
            None
        }
    }
}

/// Announce a change of posture: on furniture, the `furniture` pair (to the
/// character, to the room; `{}` = the preposition); else the `bare` pair (an
/// empty room message is not shown).
fn posture_msgs(
    world: &mut World,
    ch: CharId,
    on: Option<(ObjId, &str)>,
    furniture: [&str; 2],
    bare: [&str; 2],
) {
    match on {
        Some((obj, prep)) => furniture_msgs(world, ch, obj, prep, furniture[0], furniture[1]),
        None => {
            world.send(ch, &format!("{}\n", bare[0]));
            if !bare[1].is_empty() {
                world.act(bare[1], ch, ActArgs::default(), To::Room);
            }
        }
    }
}

/// Messages with the furniture's preposition substituted for `{}`.
fn furniture_msgs(
    world: &mut World,
    ch: CharId,
    obj: ObjId,
    prep: &str,
    to_ch: &str,
    to_room: &str,
) {
    let to_ch = to_ch.replace("{}", prep);
    let to_room = to_room.replace("{}", prep);
    world.act_pos(&to_ch, ch, ActArgs::obj(obj), To::Char, pos::DEAD);
    world.act(&to_room, ch, ActArgs::obj(obj), To::Room);
}

pub fn do_stand(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let position = c.position;
    let (word, _) = one_argument(arg);
    let mut obj = None;
    if !word.is_empty() {
        if position == pos::FIGHTING {
            world.send(ch, "Maybe you should finish fighting first?\n");
            return;
        }
        match pick_furniture(
            world,
            ch,
            &word,
            furn::STAND_AT | furn::STAND_ON | furn::STAND_IN,
            "You can't seem to find a place to stand.\n",
            "There's no room to stand on $p.",
        ) {
            Ok(o) => obj = o,
            Err(msg) => return world.send(ch, &msg),
        }
    }
    let on = obj.map(|o| (o, preposition(world, o, furn::STAND_AT, furn::STAND_ON)));
    match position {
        pos::SLEEPING => {
            if held_asleep(world, ch) {
                return;
            }
            posture_msgs(
                world,
                ch,
                on,
                ["You wake and stand {} $p.", "$n wakes and stands {} $p."],
                ["You wake and stand up.", "$n wakes and stands up."],
            );
            set_position(world, ch, pos::STANDING, obj);
            act_info::do_look(world, ch, "auto");
        }
        pos::RESTING | pos::SITTING => {
            posture_msgs(
                world,
                ch,
                on,
                ["You stand {} $p.", "$n stands {} $p."],
                ["You stand up.", "$n stands up."],
            );
            set_position(world, ch, pos::STANDING, obj);
        }
        pos::STANDING => world.send(ch, "You are already standing.\n"),
        pos::FIGHTING => world.send(ch, "You are already fighting!\n"),
        _ => {}
    }
}

pub fn do_rest(world: &mut World, ch: CharId, arg: &str) {
    let Some((position, on)) = begin_posture(
        world,
        ch,
        arg,
        "You are already fighting!\n",
        [furn::REST_AT, furn::REST_ON, furn::REST_IN],
        "You can't rest on that.\n",
    ) else {
        return;
    };
    let obj = on.map(|(o, _)| o);
    let (furniture, bare) = match position {
        pos::SLEEPING => {
            if held_asleep(world, ch) {
                return;
            }
            (
                [
                    "You wake up and rest {} $p.",
                    "$n wakes up and rests {} $p.",
                ],
                [
                    "You wake up and start resting.",
                    "$n wakes up and starts resting.",
                ],
            )
        }
        pos::STANDING => (
            match on.map(|(_, prep)| prep) {
                Some("at") => [
                    "You sit down {} $p and rest.",
                    "$n sits down {} $p and rests.",
                ],
                Some("on") => ["You sit {} $p and rest.", "$n sits {} $p and rests."],
                _ => ["You rest {} $p.", "$n rests {} $p."],
            },
            ["You rest.", "$n sits down and rests."],
        ),
        pos::SITTING => (
            ["You rest {} $p.", "$n rests {} $p."],
            ["You rest.", "$n rests."],
        ),
        pos::RESTING => return world.send(ch, "You are already resting.\n"),
        _ => return,
    };
    posture_msgs(world, ch, on, furniture, bare);
    set_position(world, ch, pos::RESTING, obj);
}

pub fn do_sit(world: &mut World, ch: CharId, arg: &str) {
    let Some((position, on)) = begin_posture(
        world,
        ch,
        arg,
        "Maybe you should finish this fight first?\n",
        [furn::SIT_AT, furn::SIT_ON, furn::SIT_IN],
        "You can't sit on that.\n",
    ) else {
        return;
    };
    let obj = on.map(|(o, _)| o);
    let (furniture, bare) = match position {
        pos::SLEEPING => {
            if held_asleep(world, ch) {
                return;
            }
            (
                ["You wake and sit {} $p.", "$n wakes and sits {} $p."],
                ["You wake and sit up.", "$n wakes and sits up."],
            )
        }
        pos::RESTING => (
            ["You sit {} $p.", "$n sits {} $p."],
            ["You stop resting.", ""],
        ),
        pos::STANDING => (
            match on.map(|(_, prep)| prep) {
                Some("at") => ["You sit down {} $p.", "$n sits down {} $p."],
                _ => ["You sit {} $p.", "$n sits {} $p."],
            },
            ["You sit down.", "$n sits down on the ground."],
        ),
        pos::SITTING => return world.send(ch, "You are already sitting down.\n"),
        _ => return,
    };
    posture_msgs(world, ch, on, furniture, bare);
    set_position(world, ch, pos::SITTING, obj);
}

pub fn do_sleep(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    match c.position {
        pos::SLEEPING => world.send(ch, "You are already sleeping.\n"),
        pos::FIGHTING => world.send(ch, "You are already fighting!\n"),
        pos::RESTING | pos::SITTING | pos::STANDING => {
            let (word, _) = one_argument(arg);
            if word.is_empty() && c.on.is_none() {
                world.send(ch, "You go to sleep.\n");
                world.act("$n goes to sleep.", ch, ActArgs::default(), To::Room);
                set_position(world, ch, pos::SLEEPING, None);
                return;
            }
            let obj = match pick_furniture(
                world,
                ch,
                &word,
                furn::SLEEP_AT | furn::SLEEP_ON | furn::SLEEP_IN,
                "You can't sleep on that!\n",
                "There is no room on $p for you.",
            ) {
                Ok(Some(o)) => o,
                Ok(None) => return world.send(ch, "You don't see that here.\n"),
                Err(msg) => return world.send(ch, &msg),
            };
            let prep = preposition(world, obj, furn::SLEEP_AT, furn::SLEEP_ON);
            // Announce before the position changes so act() still reaches us.
            furniture_msgs(
                world,
                ch,
                obj,
                prep,
                "You go to sleep {} $p.",
                "$n goes to sleep {} $p.",
            );
            set_position(world, ch, pos::SLEEPING, Some(obj));
        }
        _ => {}
    }
}

pub fn do_wake(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        do_stand(world, ch, "");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if c.position <= pos::SLEEPING {
        world.send(ch, "You are asleep yourself!\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &word) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let Some(v) = world.ch(victim) else { return };
    if v.position > pos::SLEEPING {
        world.act("$N is already awake.", ch, ActArgs::vict(victim), To::Char);
        return;
    }
    if v.is_affected(aff::SLEEP) {
        world.act("You can't wake $M!", ch, ActArgs::vict(victim), To::Char);
        return;
    }
    world.act_pos(
        "$n wakes you.",
        ch,
        ActArgs::vict(victim),
        To::Vict,
        pos::SLEEPING,
    );
    do_stand(world, victim, "");
}

// ----------------------------------------------------------------- recall

pub fn do_recall(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() && c.act & ACT_PET == 0 {
        world.send(ch, "Only players can recall.\n");
        return;
    }
    world.act(
        "$n prays for transportation!",
        ch,
        ActArgs::default(),
        To::Room,
    );
    if world.room(ROOM_VNUM_TEMPLE).is_none() {
        world.send(ch, "You are completely lost.\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    let Some(here) = c.room else { return };
    if here == ROOM_VNUM_TEMPLE {
        return;
    }
    let no_recall = world
        .room(here)
        .is_some_and(|r| r.flags & ROOM_NO_RECALL != 0);
    if no_recall || c.is_affected(aff::CURSE) {
        world.send(ch, "The gods have forsaken you.\n");
        return;
    }
    if c.fighting.is_some() {
        let skill = world.get_skill(ch, gsn::RECALL);
        let lose = if c.conn.is_some() { 25 } else { 50 };
        // Faithful quirk (rom-mechanics C.1): a better skill fails more often.
        if world.rng.percent() < 80 * skill / 100 {
            super::skills::check_improve(world, ch, gsn::RECALL, false, 6);
            if let Some(c) = world.ch_mut(ch) {
                c.wait = c.wait.max(4);
            }
            world.send(ch, "You failed!\n");
            return;
        }
        super::fight::gain_exp(world, ch, -lose);
        super::skills::check_improve(world, ch, gsn::RECALL, true, 4);
        world.send(
            ch,
            &format!("You recall from combat!  You lose {lose} exps.\n"),
        );
        world.stop_fighting(ch, true);
    }
    if let Some(c) = world.ch_mut(ch) {
        c.mv /= 2;
    }
    world.act("$n disappears.", ch, ActArgs::default(), To::Room);
    world.char_to_room(ch, ROOM_VNUM_TEMPLE);
    world.act("$n appears in the room.", ch, ActArgs::default(), To::Room);
    act_info::do_look(world, ch, "auto");
    if let Some(pet) = world.ch(ch).and_then(|c| c.pet) {
        if world.ch(pet).is_some() {
            do_recall(world, pet, "");
        }
    }
}

// ------------------------------------------------------ portals, random rooms

/// Portal gate flags (portal v2, rom-mechanics 16.3).
pub mod gate {
    use crate::world::Flags;
    pub const NORMAL_EXIT: Flags = 1 << 0; // A
    pub const NOCURSE: Flags = 1 << 1; // B
    pub const GOWITH: Flags = 1 << 2; // C
    pub const BUGGY: Flags = 1 << 3; // D
    pub const RANDOM: Flags = 1 << 4; // E
}

/// ROM's get_random_room (rom-mechanics 16.3): a room `ch` can see that is
/// not private, solitary or safe and — for a player without the
/// aggressive bit (autosac, a faithful quirk) — not a law room. ROM redraws
/// vnums 0..65535 until one fits; drawing uniformly among the fitting rooms
/// gives the same odds and returns `None` (instead of looping forever) when
/// no room fits.
pub fn random_room(world: &mut World, ch: CharId) -> Option<RoomVnum> {
    let c = world.ch(ch)?;
    let lawful_ok = c.is_npc() || c.act & ACT_AGGRESSIVE != 0;
    let mut rooms: Vec<RoomVnum> = world
        .rooms
        .values()
        .filter(|r| (0..=65535).contains(&r.vnum.0))
        .filter(|r| r.flags & (ROOM_SAFE | ROOM_PRIVATE | ROOM_SOLITARY) == 0)
        .filter(|r| lawful_ok || r.flags & ROOM_LAW == 0)
        .map(|r| r.vnum)
        .filter(|&r| world.can_see_room(ch, r) && !world.room_is_private(r))
        .collect();
    if rooms.is_empty() {
        return None;
    }
    rooms.sort();
    let last = i32::try_from(rooms.len() - 1).unwrap_or(i32::MAX);
    let i = usize::try_from(world.rng.range(0, last)).unwrap_or(0);
    rooms.get(i).copied()
}

/// `enter <portal>` (also `go`): step through a portal (rom-mechanics 16.3).
pub fn do_enter(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.fighting.is_some() {
        return;
    }
    let Some(old_room) = c.room else { return };
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(ch, "Enter what?\n");
        return;
    }
    let contents = world
        .room(old_room)
        .map(|r| r.contents.clone())
        .unwrap_or_default();
    let Some(portal) = world.get_obj_list(ch, &word, &contents) else {
        world.send(ch, "You don't see that here.\n");
        return;
    };
    let Some(c) = world.ch(ch) else { return };
    let trusted = c.get_trust() >= 53;
    let Some(p) = world.obj(portal) else { return };
    let (exit_flags, gate_flags) = (p.values[1] as Flags, p.values[2] as Flags);
    let v3 = p.values[3];
    if p.item_type != item::PORTAL || (exit_flags & EX_CLOSED != 0 && !trusted) {
        world.send(ch, "You can't seem to find a way in.\n");
        return;
    }
    let no_recall = world
        .room(old_room)
        .is_some_and(|r| r.flags & ROOM_NO_RECALL != 0);
    if !trusted && gate_flags & gate::NOCURSE == 0 && (c.is_affected(aff::CURSE) || no_recall) {
        world.send(ch, "Something prevents you from leaving...\n");
        return;
    }
    let dest = if gate_flags & gate::RANDOM != 0 || v3 == -1 {
        let r = random_room(world, ch);
        if let (Some(r), Some(p)) = (r, world.obj_mut(portal)) {
            p.values[3] = i64::from(r.0);
        }
        r
    } else if gate_flags & gate::BUGGY != 0 && world.rng.percent() < 5 {
        random_room(world, ch)
    } else {
        i32::try_from(v3).ok().map(RoomVnum)
    };
    let implementor = world.ch(ch).is_some_and(|c| c.get_trust() >= MAX_LEVEL);
    let Some(location) = dest.filter(|&r| {
        world.room(r).is_some()
            && r != old_room
            && world.can_see_room(ch, r)
            && (implementor || !world.room_is_private(r))
    }) else {
        world.act(
            "$p doesn't seem to go anywhere.",
            ch,
            ActArgs::obj(portal),
            To::Char,
        );
        return;
    };
    let law = world
        .room(location)
        .is_some_and(|r| r.flags & ROOM_LAW != 0);
    if world
        .ch(ch)
        .is_some_and(|c| c.is_npc() && c.act & ACT_AGGRESSIVE != 0)
        && law
    {
        world.send(ch, "Something prevents you from leaving...\n");
        return;
    }
    let normal = gate_flags & gate::NORMAL_EXIT != 0;
    world.act("$n steps into $p.", ch, ActArgs::obj(portal), To::Room);
    let text = if normal {
        "You enter $p."
    } else {
        "You walk through $p and find yourself somewhere else..."
    };
    world.act(text, ch, ActArgs::obj(portal), To::Char);
    world.char_to_room(ch, location);
    if gate_flags & gate::GOWITH != 0 {
        world.obj_from(portal);
        world.obj_to_room(portal, location);
    }
    let text = if normal {
        "$n has arrived."
    } else {
        "$n has arrived through $p."
    };
    world.act(text, ch, ActArgs::obj(portal), To::Room);
    act_info::do_look(world, ch, "auto");
    // Charges: counting down to -1, when the portal fades.
    if let Some(p) = world.obj_mut(portal) {
        if p.values[0] > 0 {
            p.values[0] -= 1;
            if p.values[0] == 0 {
                p.values[0] = -1;
            }
        }
    }
    if old_room == location {
        return;
    }
    let behind: Vec<CharId> = world
        .room(old_room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for fch in behind {
        if world.obj(portal).is_none_or(|p| p.values[0] == -1) {
            continue;
        }
        let Some(f) = world.ch(fch) else { continue };
        if f.master != Some(ch) || f.room != Some(old_room) {
            continue;
        }
        if f.is_affected(aff::CHARM) && f.position < pos::STANDING {
            do_stand(world, fch, "");
        }
        let Some(f) = world.ch(fch) else { continue };
        if f.position != pos::STANDING {
            continue;
        }
        let here_law = world
            .ch(ch)
            .and_then(|c| c.room)
            .and_then(|r| world.room(r))
            .is_some_and(|r| r.flags & ROOM_LAW != 0);
        if here_law && f.is_npc() && f.act & ACT_AGGRESSIVE != 0 {
            world.act(
                "You can't bring $N into the city.",
                ch,
                ActArgs::vict(fch),
                To::Char,
            );
            world.act(
                "You aren't allowed in the city.",
                fch,
                ActArgs::default(),
                To::Char,
            );
            continue;
        }
        world.act("You follow $N.", fch, ActArgs::vict(ch), To::Char);
        do_enter(world, fch, arg);
    }
    if world.obj(portal).is_some_and(|p| p.values[0] == -1) {
        world.act(
            "$p fades out of existence.",
            ch,
            ActArgs::obj(portal),
            To::Char,
        );
        let here = world.ch(ch).and_then(|c| c.room);
        if here == Some(old_room) {
            world.act(
                "$p fades out of existence.",
                ch,
                ActArgs::obj(portal),
                To::Room,
            );
        } else if let Some(&first) = world.room(old_room).and_then(|r| r.people.first()) {
            world.act(
                "$p fades out of existence.",
                first,
                ActArgs::obj(portal),
                To::All,
            );
        }
        world.extract_obj(portal);
    }
}
