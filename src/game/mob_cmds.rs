//! The `mob` commands of mob programs (QuickMUD's mob_cmds.c): what a
//! program line `mob <command> ...` does. Players cannot use them; the
//! implementor may, for testing (as in QuickMUD).
//!
//! Every command quietly does nothing when its target is not found, as in
//! QuickMUD; a command that does not exist is logged once with the program
//! and line that used it.
//!
//! Departure: `force` and `gforce` never force a character of higher trust
//! than the mobile (QuickMUD checks that only for `force all`), so no
//! program can make an immortal run commands.

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

/// Whether `victim` outranks the mobile `ch`: then no program forces it
/// (QuickMUD only checks this for `force all`; here an immortal is never
/// made to run a builder's commands by a lesser mobile).
fn above(world: &World, victim: CharId, ch: CharId) -> bool {
    let trust = |c: CharId| world.ch(c).map_or(0, Char::get_trust);
    trust(victim) > trust(ch)
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
    if v != ch && !above(world, v, ch) {
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
        if act_comm::is_same_group(world, victim, v)
            && world.chars.contains(v)
            && !above(world, v, ch)
        {
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

/// `mob damage <victim>|all <min> <max> [kill]`: hurt without a fight;
/// only with `kill` (or `lethal`) may it kill.
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

#[cfg(test)]
mod tests {
    use super::super::mob_prog::tests::{out, run, world};
    use super::*;

    const GEM: ObjVnum = ObjVnum(200);

    fn with(code: &str) -> (World, CharId, CharId) {
        let (mut w, pc, guard) = world(&[], &[(1, code)]);
        run(&mut w, 1, guard, pc);
        (w, pc, guard)
    }

    fn room(w: &World, ch: CharId) -> Option<RoomVnum> {
        w.ch(ch).and_then(|c| c.room)
    }

    #[test]
    fn echoes() {
        let (mut w, pc, _) = with("mob echo The guard hums.\nmob echoat $n Psst, $n.\nmob echoaround $n Nobody else hears.\nmob gecho All hear this.\nmob zecho The zone hears this.");
        let o = out(&mut w, pc);
        assert!(o.contains("The guard hums."), "{o}");
        assert!(o.contains("Psst, Tess."), "{o}");
        assert!(!o.contains("Nobody else hears."), "{o}");
        assert!(
            o.contains("All hear this.\n") && o.contains("The zone hears this."),
            "{o}"
        );
        // Immortals see where a global echo came from.
        let (mut w, pc, _) = world(&[], &[(1, "mob gecho Hi.")]);
        if let Some(c) = w.ch_mut(pc) {
            c.level = 60;
        }
        let guard = w.chars.ids().into_iter().find(|&c| c != pc).expect("guard");
        run(&mut w, 1, guard, pc);
        assert!(out(&mut w, pc).contains("Mob echo> Hi."));
        // asound reaches the rooms next door, not this one.
        let (mut w, pc, guard) = world(&[], &[(1, "mob asound You hear a horn.")]);
        run(&mut w, 1, guard, pc);
        assert!(!out(&mut w, pc).contains("horn"));
        w.char_from_room(pc);
        w.char_to_room(pc, RoomVnum(3002));
        run(&mut w, 1, guard, pc);
        assert!(out(&mut w, pc).contains("You hear a horn."));
    }

    #[test]
    fn loading_junking_purging_and_removing() {
        let (mut w, pc, guard) =
            with("mob mload 101\nmob oload 200\nmob oload 200 1 R\nmob oload 200 99");
        let rat = w.get_char_room(pc, "rat");
        assert!(rat.is_some());
        assert_eq!(
            w.ch(guard).map(|c| c.carrying.len()),
            Some(1),
            "level above trust refused"
        );
        assert!(w
            .room(RoomVnum(3001))
            .is_some_and(|r| r.contents.len() == 1));
        w.mobprogs.get_mut(&1).expect("prog").code = "mob junk all.gem\nmob purge".into();
        run(&mut w, 1, guard, pc);
        assert_eq!(w.ch(guard).map(|c| c.carrying.len()), Some(0));
        assert!(w.get_char_room(pc, "rat").is_none(), "purged");
        assert!(w.chars.contains(guard) && w.chars.contains(pc));
        assert!(w
            .room(RoomVnum(3001))
            .is_some_and(|r| r.contents.is_empty()));
        // Remove takes things from the victim; purge <name> one target.
        let gem = w.create_object(GEM, 1).expect("gem");
        w.obj_to_char(gem, pc);
        let rat = w.create_mobile(MobVnum(101)).expect("rat");
        w.char_to_room(rat, RoomVnum(3001));
        w.mobprogs.get_mut(&1).expect("prog").code =
            "mob remove $n 200\nmob purge rat\nmob purge tess".into();
        run(&mut w, 1, guard, pc);
        assert!(!w.objs.contains(gem));
        assert!(!w.chars.contains(rat));
        assert!(w.chars.contains(pc), "players are never purged");
    }

    #[test]
    fn moving_people_and_things() {
        let (mut w, pc, guard) = with("mob transfer $n 3002");
        assert_eq!(room(&w, pc), Some(RoomVnum(3002)));
        assert!(out(&mut w, pc).contains("Room 3002"), "the victim looks");
        w.mobprogs.get_mut(&1).expect("prog").code =
            "mob goto 3002\nmob transfer all 3001\nmob goto tess".into();
        run(&mut w, 1, guard, pc);
        assert_eq!(room(&w, pc), Some(RoomVnum(3001)));
        assert_eq!(room(&w, guard), Some(RoomVnum(3001)));
        w.mobprogs.get_mut(&1).expect("prog").code = "mob gtransfer $n 3002".into();
        run(&mut w, 1, guard, pc);
        assert_eq!(room(&w, pc), Some(RoomVnum(3002)));
        // at: act somewhere else and come back.
        w.mobprogs.get_mut(&1).expect("prog").code = "mob at 3002 say over here".into();
        out(&mut w, pc);
        run(&mut w, 1, guard, pc);
        assert!(out(&mut w, pc).contains("The guard says 'over here'"));
        assert_eq!(room(&w, guard), Some(RoomVnum(3001)));
        // otransfer sends an object away.
        let gem = w.create_object(GEM, 1).expect("gem");
        w.obj_to_room(gem, RoomVnum(3001));
        w.mobprogs.get_mut(&1).expect("prog").code = "mob otransfer gem 3002".into();
        run(&mut w, 1, guard, pc);
        assert_eq!(
            w.obj(gem).map(|o| o.loc),
            Some(ObjLoc::Room(RoomVnum(3002)))
        );
        // flee: six tries at a random door; only east leads anywhere.
        w.mobprogs.get_mut(&1).expect("prog").code = "mob flee".into();
        for _ in 0..20 {
            if room(&w, guard) == Some(RoomVnum(3001)) {
                run(&mut w, 1, guard, pc);
            }
        }
        assert_eq!(room(&w, guard), Some(RoomVnum(3002)));
        // Not while fighting.
        w.char_from_room(guard);
        w.char_to_room(guard, RoomVnum(3001));
        if let Some(g) = w.ch_mut(guard) {
            g.fighting = Some(pc);
        }
        for _ in 0..20 {
            run(&mut w, 1, guard, pc);
        }
        assert_eq!(room(&w, guard), Some(RoomVnum(3001)));
    }

    #[test]
    fn forcing() {
        let (mut w, pc, guard) = with("mob force $n say I was made to.");
        assert!(out(&mut w, pc).contains("You say 'I was made to.'"));
        let rat = w.create_mobile(MobVnum(101)).expect("rat");
        w.char_to_room(rat, RoomVnum(3002));
        w.mobprogs.get_mut(&1).expect("prog").code =
            "mob vforce 101 west\nmob gforce $n say all of us\nmob force all say everyone".into();
        run(&mut w, 1, guard, pc);
        assert_eq!(room(&w, rat), Some(RoomVnum(3001)));
        let o = out(&mut w, pc);
        assert!(o.contains("You say 'all of us'"), "{o}");
        assert!(o.contains("You say 'everyone'"), "{o}");
        assert!(
            !o.contains("A rat says 'everyone'"),
            "not of the guard's level: {o}"
        );
        // Nobody of higher trust than the mobile is forced.
        if let Some(c) = w.ch_mut(pc) {
            c.level = 60;
        }
        w.mobprogs.get_mut(&1).expect("prog").code =
            "mob force $n say obey\nmob gforce $n say obey\nmob force all say obey".into();
        run(&mut w, 1, guard, pc);
        assert!(!out(&mut w, pc).contains("obey"));
    }

    #[test]
    fn memory_delay_and_call() {
        let (mut w, pc, guard) = with("mob remember tess\nmob delay 5");
        assert_eq!(
            w.ch(guard).map(|c| (c.mprog_target, c.mprog_delay)),
            Some((Some(pc), 5))
        );
        w.mobprogs.get_mut(&1).expect("prog").code = "mob forget\nmob cancel".into();
        run(&mut w, 1, guard, pc);
        // The if-check in nothing here; the target stays forgotten.
        assert_eq!(
            w.ch(guard).map(|c| (c.mprog_target, c.mprog_delay)),
            Some((None, -1))
        );
        // A remembered player leaving the game is forgotten.
        w.mobprogs.get_mut(&1).expect("prog").code = "mob remember tess".into();
        run(&mut w, 1, guard, pc);
        w.extract_char(pc);
        assert_eq!(w.ch(guard).and_then(|c| c.mprog_target), None);
    }

    #[test]
    fn fighting_commands() {
        let (mut w, pc, guard) = world(
            &[],
            &[
                (1, "mob damage $n 10 10"),
                (2, "mob damage $n 500 500"),
                (3, "mob damage all 500 500 lethal"),
                (4, "mob kill $n"),
            ],
        );
        run(&mut w, 1, guard, pc);
        assert_eq!(w.ch(pc).map(|c| c.hit), Some(90));
        run(&mut w, 2, guard, pc);
        // At most the hit points left, then reduced like any damage.
        assert!(w.ch(pc).is_some_and(|c| c.hit > 0 && c.hit < 90));
        if let Some(c) = w.ch_mut(pc) {
            c.hit = 100;
            c.position = pos::STANDING;
        }
        run(&mut w, 4, guard, pc);
        assert_eq!(w.ch(guard).and_then(|c| c.fighting), Some(pc));
        // assist: a rat joins the guard's fight.
        let rat = w.create_mobile(MobVnum(101)).expect("rat");
        w.char_to_room(rat, RoomVnum(3001));
        w.mobprogs.insert(
            5,
            MobProg {
                vnum: 5,
                code: "mob assist guard".into(),
            },
        );
        run(&mut w, 5, rat, pc);
        assert_eq!(w.ch(rat).and_then(|c| c.fighting), Some(pc));
        // Lethal damage kills.
        run(&mut w, 3, guard, pc);
        assert!(w.ch(pc).is_some_and(|c| c.hit < 100));
        assert!(!w.chars.contains(rat), "the rat died");
    }

    #[test]
    fn casting() {
        let (w, pc, guard) = with("mob cast 'armor' $n\nmob cast armor\nmob cast 'magic missile'");
        let armor = rules::skill_lookup("armor").expect("armor");
        assert!(w
            .ch(pc)
            .is_some_and(|c| c.affects.iter().any(|a| a.skill == armor)));
        assert!(w
            .ch(guard)
            .is_some_and(|c| c.affects.iter().any(|a| a.skill == armor)));
        // An offensive spell needs a victim other than the caster.
        assert!(w.ch(guard).is_some_and(|c| c.fighting.is_none()));
    }
}
