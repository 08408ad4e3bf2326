//! `resets`: the resets of the room you stand in, numbered, and how to
//! change them (ROM OLC's `do_resets`).
//!
//! An area keeps one ordered list of resets (as its file does); a room's
//! resets are the part of it that concerns the room: the `M`, `O`, `D` and
//! `R` resets naming it, and the `G`, `E` and `P` resets that follow an `M`
//! or `O` of this room (they load into that mobile or next to that
//! object). Numbers are positions in that part, from 1; a new reset goes
//! before the one holding its number (or last).
//!
//! ```text
//! resets                                   the list
//! resets <n> delete
//! resets <n> mob <vnum> [max in world] [max in room]
//! resets <n> obj <vnum> room               on the floor
//! resets <n> obj <vnum> inside <container vnum> [limit] [count]
//! resets <n> obj <vnum> <wear location | none>   on/to the mobile above
//! resets <n> random <number of exits>
//! ```
//!
//! Nothing is loaded by editing the list: `redit reset` runs the room's
//! resets now, and the area's own reset clock runs them all.

use super::{is_builder, mark_changed};
use crate::db::tables;
use crate::world::handler::one_argument;
use crate::world::{CharId, MobVnum, ObjVnum, Reset, ResetCmd, RoomVnum, World};

/// Which of an area's resets concern `room`: their indices, in order.
pub fn room_reset_indices(resets: &[Reset], room: RoomVnum) -> Vec<usize> {
    let mut out = Vec::new();
    let mut current: Option<RoomVnum> = None;
    for (i, r) in resets.iter().enumerate() {
        let here = match r.cmd {
            ResetCmd::Mob { room: x, .. } | ResetCmd::Obj { room: x, .. } => {
                current = Some(x);
                x == room
            }
            ResetCmd::Door { room: x, .. } | ResetCmd::Randomize { room: x, .. } => x == room,
            ResetCmd::Give { .. } | ResetCmd::Equip { .. } | ResetCmd::Put { .. } => {
                current == Some(room)
            }
        };
        if here {
            out.push(i);
        }
    }
    out
}

/// ROM's `reset_room`: run the room's resets now.
pub fn reset_room(world: &mut World, room: RoomVnum) {
    let Some(area) = world.room(room).map(|r| r.area) else {
        return;
    };
    let Some(list) = world.areas.get(area.0).map(|a| {
        room_reset_indices(&a.proto.resets, room)
            .into_iter()
            .filter_map(|i| a.proto.resets.get(i).cloned())
            .collect::<Vec<_>>()
    }) else {
        return;
    };
    world.run_resets(&list);
}

fn mob_name(world: &World, v: MobVnum) -> String {
    world
        .mob_index
        .get(&v)
        .map_or("Bad Mob".into(), |m| m.proto.short_descr.clone())
}

fn obj_name(world: &World, v: ObjVnum) -> String {
    world
        .obj_index
        .get(&v)
        .map_or("Bad Object".into(), |o| o.proto.short_descr.clone())
}

fn cut(s: &str, n: usize) -> String {
    crate::net::color::render(s, false)
        .chars()
        .take(n)
        .collect()
}

/// The numbered list of the room's resets.
pub fn display_resets(world: &World, room: RoomVnum) -> String {
    let Some(area) = world.room(room).map(|r| r.area) else {
        return String::new();
    };
    let Some(a) = world.areas.get(area.0) else {
        return String::new();
    };
    let mut out = String::from(
        " No.  Loads    Description       Location         Vnum   Mx Mn Description\n\
         ==== ======== ============= =================== ======== ===== ===========\n",
    );
    let room_name = world.room(room).map_or(String::new(), |r| cut(&r.name, 15));
    for (n, i) in room_reset_indices(&a.proto.resets, room)
        .into_iter()
        .enumerate()
    {
        let Some(r) = a.proto.resets.get(i) else {
            continue;
        };
        let line = match &r.cmd {
            ResetCmd::Mob {
                mob,
                world_limit,
                room_limit,
                ..
            } => format!(
                "M[{:5}] {:<13} in room             R[{:5}] {:2}-{:2} {}",
                mob.0,
                cut(&mob_name(world, *mob), 13),
                room.0,
                world_limit,
                room_limit,
                room_name
            ),
            ResetCmd::Obj { obj, .. } => format!(
                "O[{:5}] {:<13} in room             R[{:5}]       {}",
                obj.0,
                cut(&obj_name(world, *obj), 13),
                room.0,
                room_name
            ),
            ResetCmd::Put {
                obj,
                container,
                limit,
                count,
            } => format!(
                "O[{:5}] {:<13} inside              O[{:5}] {:2}-{:2} {}",
                obj.0,
                cut(&obj_name(world, *obj), 13),
                container.0,
                limit,
                count,
                cut(&obj_name(world, *container), 15)
            ),
            ResetCmd::Give { obj, .. } => format!(
                "O[{:5}] {:<13} in the inventory    S[     ]       of the mobile above",
                obj.0,
                cut(&obj_name(world, *obj), 13)
            ),
            ResetCmd::Equip { obj, wear_loc, .. } => format!(
                "O[{:5}] {:<13} {:<19} M[     ]       of the mobile above",
                obj.0,
                cut(&obj_name(world, *obj), 13),
                tables::wear_location_name(*wear_loc).unwrap_or("?")
            ),
            ResetCmd::Door { dir, state, .. } => format!(
                "R[{:5}] {} door of {:<19} reset to {}",
                room.0,
                crate::world::DIR_NAMES.get(*dir).copied().unwrap_or("?"),
                room_name,
                match state {
                    1 => "closed",
                    2 => "closed and locked",
                    _ => "open",
                }
            ),
            ResetCmd::Randomize { count, .. } => format!(
                "R[{:5}] Exits are randomized in {}  ({count} exits)",
                room.0, room_name
            ),
        };
        out.push_str(&format!("[{:2}] {line}\n", n + 1));
    }
    out
}

const SYNTAX: &str = "Syntax: RESET <number> OBJ <vnum> <wear_loc>\n\
\x20       RESET <number> OBJ <vnum> inside <vnum> [limit] [count]\n\
\x20       RESET <number> OBJ <vnum> room\n\
\x20       RESET <number> MOB <vnum> [max #x area] [max #x room]\n\
\x20       RESET <number> DELETE\n\
\x20       RESET <number> RANDOM [#x exits]\n";

/// `resets`.
pub fn do_resets(world: &mut World, ch: CharId, argument: &str) {
    let Some(room) = world.ch(ch).filter(|c| !c.is_npc()).and_then(|c| c.room) else {
        return;
    };
    let Some(area) = world.room(room).map(|r| r.area) else {
        return;
    };
    if !is_builder(world, ch, area) {
        world.send(ch, "Resets: Invalid security for editing this area.\n");
        return;
    }
    let (num, rest) = one_argument(argument);
    if num.is_empty() {
        let list = display_resets(world, room);
        let text = if list.lines().count() <= 2 {
            "No resets in this room.\n".to_string()
        } else {
            format!("Resets: M = mobile, R = room, O = object, P = pet, S = shopkeeper\n{list}")
        };
        world.send(ch, &text);
        return;
    }
    let Some(n) = num.parse::<usize>().ok().filter(|&n| n >= 1) else {
        world.send(ch, SYNTAX);
        return;
    };
    let (what, rest) = one_argument(rest);
    let indices = world
        .areas
        .get(area.0)
        .map(|a| room_reset_indices(&a.proto.resets, room))
        .unwrap_or_default();
    if what == "delete" {
        let Some(&i) = indices.get(n - 1) else {
            world.send(ch, "Reset not found.\n");
            return;
        };
        if let Some(a) = world.areas.get_mut(area.0) {
            a.proto.resets.remove(i);
        }
        mark_changed(world, area);
        world.send(ch, "Reset deleted.\n");
        return;
    }
    // Where a new reset goes in the area's list.
    let at = match indices.get(n - 1) {
        Some(&i) => i,
        None => indices.last().map_or_else(
            || world.areas.get(area.0).map_or(0, |a| a.proto.resets.len()),
            |&i| i + 1,
        ),
    };
    // The reset just before, in this room (for G/E: it must load a mobile).
    let before = indices
        .iter()
        .copied()
        .rfind(|&i| i < at)
        .and_then(|i| world.areas.get(area.0).and_then(|a| a.proto.resets.get(i)))
        .map(|r| r.cmd.clone());
    let (a1, rest) = one_argument(rest);
    let (a2, rest) = one_argument(rest);
    let (a3, rest) = one_argument(rest);
    let (a4, _) = one_argument(rest);
    let num_or = |s: &str, d: i32| s.parse::<i32>().ok().filter(|n| *n > 0).unwrap_or(d);
    let cmd = match what.as_str() {
        "mob" => {
            let Some(v) = a1.parse::<i32>().ok().map(MobVnum) else {
                world.send(ch, SYNTAX);
                return;
            };
            if !world.mob_index.contains_key(&v) {
                world.send(ch, "Mob doesn't exist.\n");
                return;
            }
            ResetCmd::Mob {
                mob: v,
                world_limit: num_or(&a2, 1),
                room,
                room_limit: num_or(&a3, 1),
            }
        }
        "obj" => {
            let Some(v) = a1.parse::<i32>().ok().map(ObjVnum) else {
                world.send(ch, SYNTAX);
                return;
            };
            if !world.obj_index.contains_key(&v) {
                world.send(ch, "Object doesn't exist.\n");
                return;
            }
            match a2.as_str() {
                "room" => ResetCmd::Obj { obj: v, room },
                "inside" => {
                    let Some(c) = a3.parse::<i32>().ok().map(ObjVnum) else {
                        world.send(ch, SYNTAX);
                        return;
                    };
                    let is_container = world
                        .obj_index
                        .get(&c)
                        .is_some_and(|o| matches!(o.proto.item_type, 15 | 23));
                    if !is_container {
                        world.send(ch, "Object 2 isn't a container.\n");
                        return;
                    }
                    ResetCmd::Put {
                        obj: v,
                        limit: num_or(&a4, 1),
                        container: c,
                        count: 1,
                    }
                }
                "" => {
                    world.send(ch, SYNTAX);
                    return;
                }
                loc => {
                    if !matches!(
                        before,
                        Some(ResetCmd::Mob { .. } | ResetCmd::Give { .. } | ResetCmd::Equip { .. })
                    ) {
                        world.send(ch, "Resets: the reset before must load a mobile.\n");
                        return;
                    }
                    if loc == "none" {
                        ResetCmd::Give { obj: v, limit: 1 }
                    } else {
                        match tables::WEAR_LOCATIONS.iter().find(|w| w.name == loc) {
                            Some(w) => ResetCmd::Equip {
                                obj: v,
                                limit: 1,
                                wear_loc: w.number,
                            },
                            None => {
                                world.send(ch, "Resets: '?' for wear location.\n");
                                return;
                            }
                        }
                    }
                }
            }
        }
        "random" => {
            let Some(count) = a1.parse::<i32>().ok().filter(|n| (1..=6).contains(n)) else {
                world.send(ch, "Invalid argument: the number of exits is 1 to 6.\n");
                return;
            };
            ResetCmd::Randomize { room, count }
        }
        _ => {
            world.send(ch, SYNTAX);
            return;
        }
    };
    if let Some(a) = world.areas.get_mut(area.0) {
        let at = at.min(a.proto.resets.len());
        a.proto.resets.insert(at, Reset { cmd, line: 0 });
    }
    mark_changed(world, area);
    world.send(ch, "Reset added.\n");
}
