//! The `mob` commands of mob programs (QuickMUD's mob_cmds.c): what a
//! program line `mob <command> ...` does. Players cannot use them; the
//! implementor may, for testing (as in QuickMUD).
//!
//! Every command quietly does nothing when its target is not found, as in
//! QuickMUD; a command that does not exist is logged once with the program
//! and line that used it.

use super::mob_prog::{self, atoi, is_number, ProgArgs};
use super::{act_comm, act_info, act_move, fight, interp, magic};
use crate::world::act::{ActArgs, To};
use crate::world::handler::{is_name, one_argument};
use crate::world::rules::{self, Target};
use crate::world::*;

type MobCmd = fn(&mut World, CharId, &str);

/// The commands, in QuickMUD's table order (matched by prefix).
pub const MOB_COMMANDS: &[(&str, MobCmd)] = &[
    ("asound", do_mpasound),
    ("gecho", do_mpgecho),
    ("zecho", do_mpzecho),
    ("kill", do_mpkill),
    ("assist", do_mpassist),
    ("junk", do_mpjunk),
    ("echo", do_mpecho),
    ("echoaround", do_mpechoaround),
    ("echoat", do_mpechoat),
    ("mload", do_mpmload),
    ("oload", do_mpoload),
    ("purge", do_mppurge),
    ("goto", do_mpgoto),
    ("at", do_mpat),
    ("transfer", do_mptransfer),
    ("gtransfer", do_mpgtransfer),
    ("otransfer", do_mpotransfer),
    ("force", do_mpforce),
    ("gforce", do_mpgforce),
    ("vforce", do_mpvforce),
    ("cast", do_mpcast),
    ("damage", do_mpdamage),
    ("remember", do_mpremember),
    ("forget", do_mpforget),
    ("delay", do_mpdelay),
    ("cancel", do_mpcancel),
    ("call", do_mpcall),
    ("flee", do_mpflee),
    ("remove", do_mpremove),
];

/// Run `mob <line>` for `ch`; `pvnum`/`lineno` name the program line for
/// the log (0 when typed).
pub fn mob_interpret(world: &mut World, ch: CharId, line: &str, pvnum: i32, lineno: usize) {
    let (word, rest) = mob_prog::split_word(line);
    let word = word.to_ascii_lowercase();
    if word.is_empty() {
        return;
    }
    match MOB_COMMANDS
        .iter()
        .find(|(name, _)| name.starts_with(&word))
    {
        Some((_, f)) => f(world, ch, rest),
        None => {
            let vnum = world.ch(ch).and_then(|c| c.vnum).map_or(0, |v| v.0);
            mob_prog::prog_bug(
                world,
                pvnum,
                lineno,
                &format!("invalid mob command '{word}' from mob {vnum}"),
            );
        }
    }
}

/// `mob ...` typed as a command: mobiles, and the implementor for tests.
pub fn do_mob(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.conn.is_some() && c.get_trust() < MAX_LEVEL {
        return;
    }
    mob_interpret(world, ch, arg, 0, 0);
}

fn room_of(world: &World, ch: CharId) -> Option<RoomVnum> {
    world.ch(ch).and_then(|c| c.room)
}

fn people(world: &World, room: RoomVnum) -> Vec<CharId> {
    world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default()
}

/// `act()` to everyone awake in `room` (the mobile need not be there).
fn act_in_room(world: &mut World, room: RoomVnum, text: &str, ch: CharId) {
    for p in people(world, room) {
        let Some(c) = world.ch(p) else { continue };
        if p == ch || c.conn.is_none() || c.position < pos::RESTING {
            continue;
        }
        let line = world.act_format(text, ch, &ActArgs::default(), p);
        world.send(p, &line);
    }
}

/// `mob asound <text>`: to the rooms around the mobile.
pub fn do_mpasound(world: &mut World, ch: CharId, arg: &str) {
    if arg.is_empty() {
        return;
    }
    let Some(here) = room_of(world, ch) else {
        return;
    };
    let exits: Vec<RoomVnum> = world
        .room(here)
        .map(|r| r.exits.iter().flatten().filter_map(|e| e.to()).collect())
        .unwrap_or_default();
    let mut done = Vec::new();
    for to in exits {
        if to != here && !done.contains(&to) {
            done.push(to);
            act_in_room(world, to, arg, ch);
        }
    }
}

fn echo_to(world: &mut World, arg: &str, area: Option<AreaId>) {
    for p in world.players.clone() {
        let Some(c) = world.ch(p) else { continue };
        if c.conn.is_none() {
            continue;
        }
        if let Some(a) = area {
            if c.room.and_then(|r| world.room(r)).map(|r| r.area) != Some(a) {
                continue;
            }
        }
        let prefix = if c.is_immortal() { "Mob echo> " } else { "" };
        world.send(p, &format!("{prefix}{arg}\n"));
    }
}

/// `mob gecho <text>`: to every player.
pub fn do_mpgecho(world: &mut World, _ch: CharId, arg: &str) {
    if !arg.is_empty() {
        echo_to(world, arg, None);
    }
}

/// `mob zecho <text>`: to every player in the mobile's area.
pub fn do_mpzecho(world: &mut World, ch: CharId, arg: &str) {
    let Some(area) = room_of(world, ch)
        .and_then(|r| world.room(r))
        .map(|r| r.area)
    else {
        return;
    };
    if !arg.is_empty() {
        echo_to(world, arg, Some(area));
    }
}

/// `mob kill <player>`: attack a player in the room.
pub fn do_mpkill(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    let Some(victim) = world.get_char_room(ch, &name) else {
        return;
    };
    let Some(c) = world.ch(ch) else { return };
    if victim == ch
        || world.ch(victim).is_none_or(Char::is_npc)
        || c.position == pos::FIGHTING
        || (c.is_affected(aff::CHARM) && c.master == Some(victim))
    {
        return;
    }
    fight::multi_hit(world, ch, victim, fight::TYPE_UNDEFINED);
}

/// `mob assist <char>`: join the fight of someone in the room.
pub fn do_mpassist(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    let Some(victim) = world.get_char_room(ch, &name) else {
        return;
    };
    if victim == ch || world.ch(ch).is_none_or(|c| c.fighting.is_some()) {
        return;
    }
    if let Some(foe) = world.ch(victim).and_then(|v| v.fighting) {
        fight::multi_hit(world, ch, foe, fight::TYPE_UNDEFINED);
    }
}

fn destroy(world: &mut World, owner: CharId, obj: ObjId) {
    if world.obj(obj).is_some_and(|o| o.wear_loc != -1) {
        world.unequip_char(owner, obj);
    }
    world.extract_obj(obj);
}

/// `mob junk <obj>|all|all.<name>`: destroy what the mobile carries.
pub fn do_mpjunk(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        return;
    }
    if name != "all" && !name.starts_with("all.") {
        if let Some(o) = world.get_obj_wear(ch, &name) {
            destroy(world, ch, o);
        } else if let Some(o) = world.get_obj_carry(ch, &name) {
            destroy(world, ch, o);
        }
        return;
    }
    let suffix = name.strip_prefix("all.").unwrap_or("");
    let carrying = world.ch(ch).map(|c| c.carrying.clone()).unwrap_or_default();
    for o in carrying {
        if suffix.is_empty() || world.obj(o).is_some_and(|x| is_name(suffix, &x.name)) {
            destroy(world, ch, o);
        }
    }
}

/// `mob echo <text>`: to the room (an act string).
pub fn do_mpecho(world: &mut World, ch: CharId, arg: &str) {
    if !arg.is_empty() {
        world.act(arg, ch, ActArgs::default(), To::Room);
    }
}

/// `mob echoaround <victim> <text>`: to the room but the victim.
pub fn do_mpechoaround(world: &mut World, ch: CharId, arg: &str) {
    let (name, text) = one_argument(arg);
    let Some(victim) = world.get_char_room(ch, &name) else {
        return;
    };
    world.act(text, ch, ActArgs::vict(victim), To::NotVict);
}

/// `mob echoat <victim> <text>`: to the victim only.
pub fn do_mpechoat(world: &mut World, ch: CharId, arg: &str) {
    let (name, text) = one_argument(arg);
    let Some(victim) = world.get_char_room(ch, &name) else {
        return;
    };
    world.act(text, ch, ActArgs::vict(victim), To::Vict);
}

/// `mob mload <vnum>`: a new mobile in the room.
pub fn do_mpmload(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    let Some(room) = room_of(world, ch) else {
        return;
    };
    if !is_number(&word) {
        return;
    }
    let vnum = MobVnum(atoi(&word) as i32);
    if let Some(m) = world.create_mobile(vnum) {
        world.char_to_room(m, room);
    }
}

/// `mob oload <vnum> [level] [R|W]`: a new object, carried (worn with W)
/// or on the floor (R, or when it cannot be taken).
pub fn do_mpoload(world: &mut World, ch: CharId, arg: &str) {
    let (word, rest) = one_argument(arg);
    let (lvl, rest) = one_argument(rest);
    let (how, _) = one_argument(rest);
    if !is_number(&word) {
        return;
    }
    let trust = world.ch(ch).map_or(0, Char::get_trust);
    let level = if lvl.is_empty() {
        trust
    } else {
        if !is_number(&lvl) {
            return;
        }
        let l = atoi(&lvl) as i32;
        if l < 0 || l > trust {
            return;
        }
        l
    };
    let (to_room, wear) = match how.chars().next() {
        Some('r') => (true, false),
        Some('w') => (false, true),
        _ => (false, false),
    };
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let Some(obj) = world.create_object(ObjVnum(atoi(&word) as i32), level) else {
        return;
    };
    let takeable = world
        .obj(obj)
        .is_some_and(|o| o.wear_flags & wear::TAKE != 0);
    if (wear || !to_room) && takeable {
        world.obj_to_char(obj, ch);
        if wear {
            super::act_obj::wear_obj(world, ch, obj, true);
        }
    } else {
        world.obj_to_room(obj, room);
    }
}

/// `mob purge [target]`: everything in the room but players and the
/// mobile itself (and nopurge things), or one mobile or object.
pub fn do_mppurge(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    let Some(room) = room_of(world, ch) else {
        return;
    };
    if name.is_empty() {
        for v in people(world, room) {
            if v != ch
                && world
                    .ch(v)
                    .is_some_and(|c| c.is_npc() && c.act & ACT_NOPURGE == 0)
            {
                world.extract_char(v);
            }
        }
        let contents = world
            .room(room)
            .map(|r| r.contents.clone())
            .unwrap_or_default();
        for o in contents {
            if world
                .obj(o)
                .is_some_and(|o| o.extra_flags & extra::NOPURGE == 0)
            {
                world.extract_obj(o);
            }
        }
        return;
    }
    match world.get_char_room(ch, &name) {
        Some(v) if world.ch(v).is_some_and(Char::is_npc) => world.extract_char(v),
        Some(_) => {}
        None => {
            if let Some(o) = world.get_obj_here(ch, &name) {
                world.extract_obj(o);
            }
        }
    }
}

/// ROM's find_location for programs: a room vnum, or where a character or
/// an object on the ground is.
fn find_location(world: &World, ch: CharId, arg: &str) -> Option<RoomVnum> {
    if is_number(arg) {
        let r = RoomVnum(atoi(arg) as i32);
        return world.room(r).map(|_| r);
    }
    if let Some(v) = world.get_char_world(ch, arg) {
        return room_of(world, v);
    }
    let o = world.get_obj_world(ch, arg)?;
    match world.obj(o)?.loc {
        ObjLoc::Room(r) => Some(r),
        _ => None,
    }
}

fn move_to(world: &mut World, ch: CharId, room: RoomVnum) {
    if world.ch(ch).is_some_and(|c| c.fighting.is_some()) {
        world.stop_fighting(ch, true);
    }
    world.char_from_room(ch);
    world.char_to_room(ch, room);
}

/// `mob goto <location>`.
pub fn do_mpgoto(world: &mut World, ch: CharId, arg: &str) {
    let (where_, _) = one_argument(arg);
    if let Some(room) = find_location(world, ch, &where_) {
        move_to(world, ch, room);
    }
}

/// `mob at <location> <command>`: run a command there, then come back.
pub fn do_mpat(world: &mut World, ch: CharId, arg: &str) {
    let (where_, command) = one_argument(arg);
    let (Some(room), Some(home)) = (find_location(world, ch, &where_), room_of(world, ch)) else {
        return;
    };
    world.char_from_room(ch);
    world.char_to_room(ch, room);
    interp::interpret(world, ch, command);
    if world.chars.contains(ch) {
        world.char_from_room(ch);
        world.char_to_room(ch, home);
    }
}

fn transfer(world: &mut World, victim: CharId, room: RoomVnum) {
    if world.room_is_private(room) || room_of(world, victim).is_none() {
        return;
    }
    move_to(world, victim, room);
    act_info::do_look(world, victim, "auto");
}

/// `mob transfer <victim>|all [location]`: move a character (or every
/// player in the room) here or there.
pub fn do_mptransfer(world: &mut World, ch: CharId, arg: &str) {
    let (name, rest) = one_argument(arg);
    let (where_, _) = one_argument(rest);
    if name.is_empty() {
        return;
    }
    let room = if where_.is_empty() {
        room_of(world, ch)
    } else {
        find_location(world, ch, &where_)
    };
    let Some(room) = room else { return };
    if name == "all" {
        let Some(here) = room_of(world, ch) else {
            return;
        };
        for v in people(world, here) {
            if world.ch(v).is_some_and(|c| !c.is_npc()) {
                transfer(world, v, room);
            }
        }
        return;
    }
    if let Some(v) = world.get_char_world(ch, &name) {
        transfer(world, v, room);
    }
}

/// `mob gtransfer <victim> <location>`: the victim's group in the room.
pub fn do_mpgtransfer(world: &mut World, ch: CharId, arg: &str) {
    let (name, rest) = one_argument(arg);
    let (where_, _) = one_argument(rest);
    let Some(who) = world.get_char_room(ch, &name) else {
        return;
    };
    let Some(room) = find_location(world, ch, &where_) else {
        return;
    };
    let Some(here) = room_of(world, ch) else {
        return;
    };
    for v in people(world, here) {
        if act_comm::is_same_group(world, who, v) {
            transfer(world, v, room);
        }
    }
}

/// `mob otransfer <object> <location>`: move an object here to a room.
pub fn do_mpotransfer(world: &mut World, ch: CharId, arg: &str) {
    let (name, rest) = one_argument(arg);
    let (where_, _) = one_argument(rest);
    let Some(room) = find_location(world, ch, &where_) else {
        return;
    };
    let Some(obj) = world.get_obj_here(ch, &name) else {
        return;
    };
    if let Some(ObjLoc::Carried(owner)) = world.obj(obj).map(|o| o.loc) {
        if world.obj(obj).is_some_and(|o| o.wear_loc != -1) {
            world.unequip_char(owner, obj);
        }
    }
    world.obj_from(obj);
    world.obj_to_room(obj, room);
}

/// `mob force <victim>|all <command>`.
pub fn do_mpforce(world: &mut World, ch: CharId, arg: &str) {
    let (name, command) = one_argument(arg);
    if name.is_empty() || command.is_empty() {
        return;
    }
    if name == "all" {
        let Some(here) = room_of(world, ch) else {
            return;
        };
        let trust = world.ch(ch).map_or(0, Char::get_trust);
        for v in world.chars.ids() {
            let ok = world
                .ch(v)
                .is_some_and(|c| c.room == Some(here) && c.get_trust() < trust)
                && world.can_see(ch, v);
            if ok {
                interp::interpret(world, v, command);
            }
        }
        return;
    }
    let Some(v) = world.get_char_room(ch, &name) else {
        return;
    };
    if v != ch {
        interp::interpret(world, v, command);
    }
}

/// `mob gforce <victim> <command>`: the victim's group in the room.
pub fn do_mpgforce(world: &mut World, ch: CharId, arg: &str) {
    let (name, command) = one_argument(arg);
    if name.is_empty() || command.is_empty() {
        return;
    }
    let Some(victim) = world.get_char_room(ch, &name) else {
        return;
    };
    if victim == ch {
        return;
    }
    let Some(here) = room_of(world, victim) else {
        return;
    };
    for v in people(world, here) {
        if act_comm::is_same_group(world, victim, v) && world.chars.contains(v) {
            interp::interpret(world, v, command);
        }
    }
}

/// `mob vforce <vnum> <command>`: every idle mobile of that vnum.
pub fn do_mpvforce(world: &mut World, _ch: CharId, arg: &str) {
    let (word, command) = one_argument(arg);
    if !is_number(&word) || command.is_empty() {
        return;
    }
    let vnum = MobVnum(atoi(&word) as i32);
    for v in world.chars.ids() {
        if world
            .ch(v)
            .is_some_and(|c| c.vnum == Some(vnum) && c.fighting.is_none())
        {
            interp::interpret(world, v, command);
        }
    }
}

/// `mob cast '<spell>' [target]`: cast at the mobile's level, no mana.
pub fn do_mpcast(world: &mut World, ch: CharId, arg: &str) {
    let (spell, rest) = one_argument(arg);
    let (target, _) = one_argument(rest);
    let Some(sn) = rules::skill_lookup(&spell) else {
        return;
    };
    let (Some(skill), Some(f)) = (sn.skill(), magic::spell_fn(sn)) else {
        return;
    };
    let vch = if target.is_empty() {
        None
    } else {
        world.get_char_room(ch, &target)
    };
    let obj = if target.is_empty() {
        None
    } else {
        world.get_obj_here(ch, &target)
    };
    let t = match skill.target {
        Target::Ignore => magic::SpellTarget::None,
        Target::CharOffensive => match vch {
            Some(v) if v != ch => magic::SpellTarget::Char(v),
            _ => return,
        },
        Target::CharDefensive => magic::SpellTarget::Char(vch.unwrap_or(ch)),
        Target::CharSelf => magic::SpellTarget::Char(ch),
        Target::ObjInv | Target::ObjCharDefensive | Target::ObjCharOffensive => match obj {
            Some(o) => magic::SpellTarget::Obj(o),
            None => return,
        },
    };
    let level = world.ch(ch).map_or(1, |c| c.level);
    f(world, sn, level, ch, t);
}

/// `mob damage <victim>|all <min> <max> [lethal]`: hurt without a fight;
/// only `lethal` may kill.
pub fn do_mpdamage(world: &mut World, ch: CharId, arg: &str) {
    let (target, rest) = one_argument(arg);
    let (min, rest) = one_argument(rest);
    let (max, rest) = one_argument(rest);
    let (kill, _) = one_argument(rest);
    if target.is_empty() || !is_number(&min) || !is_number(&max) {
        return;
    }
    let (low, high) = (atoi(&min) as i32, atoi(&max) as i32);
    let lethal = !kill.is_empty() && "lethal".starts_with(kill.as_str()) || kill == "kill";
    let victims: Vec<CharId> = if target == "all" {
        let Some(here) = room_of(world, ch) else {
            return;
        };
        people(world, here)
            .into_iter()
            .filter(|&v| v != ch)
            .collect()
    } else {
        world.get_char_room(ch, &target).into_iter().collect()
    };
    for v in victims {
        let Some(hit) = world.ch(v).map(|c| c.hit) else {
            continue;
        };
        let roll = world.rng.range(low, high);
        let dam = if lethal { roll } else { roll.min(hit) };
        fight::damage(world, v, v, dam, fight::TYPE_UNDEFINED, DAM_NONE, false);
    }
}

/// `mob remember <char>`: make it the target (`$q`).
pub fn do_mpremember(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        return;
    }
    let target = world.get_char_world(ch, &name);
    if let Some(c) = world.ch_mut(ch) {
        c.mprog_target = target;
    }
}

/// `mob forget`: no target.
pub fn do_mpforget(world: &mut World, ch: CharId, _arg: &str) {
    if let Some(c) = world.ch_mut(ch) {
        c.mprog_target = None;
    }
}

/// `mob delay <updates>`: run the delay trigger that many mobile updates on.
pub fn do_mpdelay(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if !is_number(&word) {
        return;
    }
    if let Some(c) = world.ch_mut(ch) {
        c.mprog_delay = atoi(&word) as i32;
    }
}

/// `mob cancel`: stop the delay.
pub fn do_mpcancel(world: &mut World, ch: CharId, _arg: &str) {
    if let Some(c) = world.ch_mut(ch) {
        c.mprog_delay = -1;
    }
}

/// `mob call <vnum> [char] [obj1] [obj2]`: run another program now.
pub fn do_mpcall(world: &mut World, ch: CharId, arg: &str) {
    let (word, rest) = one_argument(arg);
    if !is_number(&word) {
        return;
    }
    let vnum = atoi(&word) as i32;
    let (a, rest) = one_argument(rest);
    let (b, rest) = one_argument(rest);
    let (c, _) = one_argument(rest);
    let vch = (!a.is_empty())
        .then(|| world.get_char_room(ch, &a))
        .flatten();
    let obj1 = (!b.is_empty())
        .then(|| world.get_obj_here(ch, &b))
        .flatten();
    let obj2 = (!c.is_empty())
        .then(|| world.get_obj_here(ch, &c))
        .flatten();
    if !world.mobprogs.contains_key(&vnum) {
        mob_prog::prog_bug(world, vnum, 0, "mob call: no such program");
        return;
    }
    mob_prog::program_flow(
        world,
        vnum,
        ch,
        vch,
        ProgArgs {
            obj1,
            vict: None,
            obj2,
        },
    );
}

/// `mob flee`: leave by a random open exit (not while fighting).
pub fn do_mpflee(world: &mut World, ch: CharId, _arg: &str) {
    if world.ch(ch).is_none_or(|c| c.fighting.is_some()) {
        return;
    }
    let Some(was_in) = room_of(world, ch) else {
        return;
    };
    for _ in 0..6 {
        let door = world.rng.door();
        let ok = world
            .room(was_in)
            .and_then(|r| r.exits[door].as_ref())
            .filter(|e| !e.is_closed())
            .and_then(|e| e.to())
            .and_then(|to| world.room(to))
            .is_some_and(|r| r.flags & ROOM_NO_MOB == 0);
        if !ok {
            continue;
        }
        act_move::move_char(world, ch, door, false);
        if room_of(world, ch) != Some(was_in) {
            return;
        }
    }
}

/// `mob remove <victim> <vnum>|all`: destroy what the victim carries.
pub fn do_mpremove(world: &mut World, ch: CharId, arg: &str) {
    let (name, rest) = one_argument(arg);
    let (what, _) = one_argument(rest);
    let Some(victim) = world.get_char_room(ch, &name) else {
        return;
    };
    let all = what == "all";
    if !all && !is_number(&what) {
        return;
    }
    let vnum = atoi(&what) as i32;
    let carrying = world
        .ch(victim)
        .map(|c| c.carrying.clone())
        .unwrap_or_default();
    for o in carrying {
        if all || world.obj(o).is_some_and(|x| x.vnum.0 == vnum) {
            destroy(world, victim, o);
        }
    }
}
