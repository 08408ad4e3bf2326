//! The skill commands (rom-mechanics 6.11): kick, bash, dirt kicking, trip,
//! disarm, backstab, berserk, sneak, hide, steal, pick lock and envenom.
//!
//! Each is a command on `&mut World` for the character using it. Players need
//! the class level for the skill; mobs need the matching offensive flag
//! (`OFF_BASH`, `OFF_KICK`, ...), and when they call a combat skill without
//! an argument (as `fight::mob_hit`'s special attacks do) the victim is the
//! one they are fighting. Waits follow the skill table's beats the way ROM
//! applies them (rom-mechanics 1.3), learning by use goes through
//! `skills::check_improve` with ROM's multipliers, and the combat skills end
//! with `fight::check_killer`.
//!
//! Peek lives in `act_info`'s look at a character, the hide bit is cleared by
//! `interp::interpret` before every command, sneaking's silent moves are in
//! `act_move::move_char` and its visibility roll in `World::can_see`.
//!
//! Departures from ROM:
//! * Messages are our own words except the short functional ones players
//!   script on ("You aren't fighting anyone.", "Oops.", "*Click*", ...).
//! * Steal's failure has no wiznet line (there is no wiznet yet).
//! * Envenom refuses weapons whose attack is "none" as well as bash types
//!   (the spec's "bash type (or none)"); ROM's table gives "none" no damage
//!   class and so let it through.
//! * Picking a portal's lock checks that it is locked ("It's already
//!   unlocked."), as the spec's rule for every target says; ROM's portal
//!   branch skips that check.
//!
//! Faithful but surprising: bash and trip set the target resting before
//! their damage, and `damage` then stands a target whose idle timer is at
//! most 4 straight back up to fighting (rom-mechanics 5.4), so in practice
//! the daze is what lasts.

use super::act_comm::is_same_group;
use super::fight::{self, check_killer, damage, multi_hit, TYPE_UNDEFINED};
use super::skills::check_improve;
use super::{act_move, act_obj, magic};
use crate::db::tables::ATTACKS;
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::rules::{gsn, Sn};
use crate::world::*;

/// One combat round, in pulses (ROM's PULSE_VIOLENCE).
const PULSE_VIOLENCE: i32 = 12;
/// The armour class against bashing (ROM's AC_BASH index).
const AC_BASH: usize = 1;

/// The skill table's beats for `sn`.
fn beats(sn: Sn) -> i32 {
    sn.skill().map_or(0, |s| s.beats)
}

/// ROM's WAIT_STATE: never shortens an existing lag.
fn wait_state(world: &mut World, ch: CharId, pulses: i32) {
    if let Some(c) = world.ch_mut(ch) {
        c.wait = c.wait.max(pulses);
    }
}

/// ROM's DAZE_STATE.
fn daze_state(world: &mut World, ch: CharId, pulses: i32) {
    if let Some(c) = world.ch_mut(ch) {
        c.daze = c.daze.max(pulses);
    }
}

/// A player below the class level of `sn` cannot use it (mobs always may).
fn below_class_level(world: &World, ch: CharId, sn: Sn) -> bool {
    world
        .ch(ch)
        .is_some_and(|c| !c.is_npc() && c.level < magic::class_level(world, ch, sn))
}

fn is_npc(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.is_npc())
}

fn has_off(world: &World, ch: CharId, flag: Flags) -> bool {
    world.ch(ch).is_some_and(|c| c.off & flag != 0)
}

/// Fast: the `OFF_FAST` flag or haste.
fn is_fast(world: &World, ch: CharId) -> bool {
    world
        .ch(ch)
        .is_some_and(|c| c.off & off::FAST != 0 || c.is_affected(aff::HASTE))
}

fn level(world: &World, ch: CharId) -> i32 {
    world.ch(ch).map_or(0, |c| c.level)
}

fn size(world: &World, ch: CharId) -> i32 {
    world.ch(ch).map_or(0, |c| c.size as i32)
}

/// The weight of what `ch` carries, coins left out (ROM's `carry_weight`
/// field, which bash and steal read).
fn object_weight(world: &World, ch: CharId) -> i32 {
    world.ch(ch).map_or(0, |c| {
        c.carrying
            .iter()
            .fold(0i32, |w, &o| w.saturating_add(world.get_obj_weight(o)))
    })
}

fn stat(world: &World, ch: CharId, which: usize) -> i32 {
    world.get_curr_stat(ch, which)
}

/// The target of a combat skill: the named character in the room, else the
/// current opponent. `None` after telling `ch` why.
fn target(world: &mut World, ch: CharId, arg: &str, not_fighting: &str) -> Option<CharId> {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        let victim = world.ch(ch).and_then(|c| c.fighting);
        if victim.is_none() {
            world.send(ch, not_fighting);
        }
        return victim;
    }
    let victim = world.get_char_room(ch, &name);
    if victim.is_none() {
        world.send(ch, "They aren't here.\n");
    }
    victim
}

/// ROM's kill-stealing rule: a mob already fighting someone outside `ch`'s
/// group is not to be joined.
fn kill_stealing(world: &mut World, ch: CharId, victim: CharId) -> bool {
    let Some(v) = world.ch(victim) else {
        return true;
    };
    let stealing = match v.fighting {
        Some(vf) if v.is_npc() => !is_same_group(world, ch, vf),
        _ => false,
    };
    if stealing {
        world.send(ch, "Kill stealing is not permitted.\n");
    }
    stealing
}

/// A charmed character will not turn on its master.
fn is_master(world: &mut World, ch: CharId, victim: CharId, msg: &str) -> bool {
    let charmed = world
        .ch(ch)
        .is_some_and(|c| c.is_affected(aff::CHARM) && c.master == Some(victim));
    if charmed {
        world.act(msg, ch, ActArgs::vict(victim), To::Char);
    }
    charmed
}

// ------------------------------------------------------------------ kick

/// `kick`: a kick at the current opponent.
pub fn do_kick(world: &mut World, ch: CharId, _arg: &str) {
    if below_class_level(world, ch, gsn::KICK) {
        world.send(ch, "You had better leave the martial arts to fighters.\n");
        return;
    }
    if is_npc(world, ch) && !has_off(world, ch, off::KICK) {
        return;
    }
    let Some(victim) = world.ch(ch).and_then(|c| c.fighting) else {
        world.send(ch, "You aren't fighting anyone.\n");
        return;
    };
    wait_state(world, ch, beats(gsn::KICK));
    if world.get_skill(ch, gsn::KICK) > world.rng.percent() {
        let dam = world.rng.range(1, level(world, ch));
        damage(world, ch, victim, dam, gsn::KICK.0, DAM_BASH, true);
        check_improve(world, ch, gsn::KICK, true, 1);
    } else {
        damage(world, ch, victim, 0, gsn::KICK.0, DAM_BASH, true);
        check_improve(world, ch, gsn::KICK, false, 1);
    }
    check_killer(world, ch, victim);
}

// ------------------------------------------------------------------ bash

/// The chance of `ch` bashing `victim` with `skill` (rom-mechanics 6.11).
pub fn bash_chance(world: &World, ch: CharId, victim: CharId, skill: i32) -> i32 {
    let mut chance = skill;
    chance += object_weight(world, ch) / 250;
    chance -= object_weight(world, victim) / 200;
    let (own, theirs) = (size(world, ch), size(world, victim));
    chance += (own - theirs) * if own < theirs { 15 } else { 10 };
    chance += stat(world, ch, STAT_STR);
    chance -= stat(world, victim, STAT_DEX) * 4 / 3;
    chance -= world.get_ac(victim, AC_BASH) / 25;
    if is_fast(world, ch) {
        chance += 10;
    }
    if is_fast(world, victim) {
        chance -= 30;
    }
    chance += level(world, ch) - level(world, victim);
    if !is_npc(world, victim) {
        let dodge = world.get_skill(victim, gsn::DODGE);
        if chance < dodge {
            chance -= 3 * (dodge - chance);
        }
    }
    chance
}

/// `bash [victim]`: slam into someone and knock them down.
pub fn do_bash(world: &mut World, ch: CharId, arg: &str) {
    let skill = world.get_skill(ch, gsn::BASH);
    if skill == 0
        || (is_npc(world, ch) && !has_off(world, ch, off::BASH))
        || below_class_level(world, ch, gsn::BASH)
    {
        world.send(ch, "Bashing? What's that?\n");
        return;
    }
    let Some(victim) = target(world, ch, arg, "But you aren't fighting anyone!\n") else {
        return;
    };
    if world.ch(victim).is_some_and(|v| v.position < pos::FIGHTING) {
        world.act(
            "You'll have to let $M get back up first.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    }
    if victim == ch {
        world.send(ch, "You throw yourself at yourself, and get nowhere.\n");
        return;
    }
    if fight::is_safe(world, ch, victim)
        || kill_stealing(world, ch, victim)
        || is_master(world, ch, victim, "But $N is your friend!")
    {
        return;
    }
    let chance = bash_chance(world, ch, victim, skill);
    if world.rng.percent() < chance {
        world.act(
            "$n slams into you and knocks you off your feet!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        world.act(
            "You slam into $N and knock $M off $S feet!",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        world.act(
            "$n slams into $N and knocks $M off $S feet.",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        check_improve(world, ch, gsn::BASH, true, 1);
        daze_state(world, victim, 3 * PULSE_VIOLENCE);
        wait_state(world, ch, beats(gsn::BASH));
        if let Some(v) = world.ch_mut(victim) {
            v.position = pos::RESTING;
        }
        let top = 2 + 2 * size(world, ch) + chance / 20;
        let dam = world.rng.range(2, top);
        damage(world, ch, victim, dam, gsn::BASH.0, DAM_BASH, false);
    } else {
        damage(world, ch, victim, 0, gsn::BASH.0, DAM_BASH, false);
        world.act(
            "You miss and fall flat on your face!",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        world.act(
            "$n misses $N and falls flat on $s face.",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        world.act(
            "You sidestep $n's bash and $e falls flat on $s face.",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        check_improve(world, ch, gsn::BASH, false, 1);
        if let Some(c) = world.ch_mut(ch) {
            c.position = pos::RESTING;
        }
        wait_state(world, ch, beats(gsn::BASH) * 3 / 2);
    }
    check_killer(world, ch, victim);
}

// ---------------------------------------------------------- dirt kicking

/// The chance of `ch` kicking dirt into `victim`'s eyes (0: no dirt here).
pub fn dirt_chance(world: &World, ch: CharId, victim: CharId, skill: i32) -> i32 {
    let mut chance = skill;
    chance += stat(world, ch, STAT_DEX);
    chance -= 2 * stat(world, victim, STAT_DEX);
    if is_fast(world, ch) {
        chance += 10;
    }
    if is_fast(world, victim) {
        chance -= 25;
    }
    chance += (level(world, ch) - level(world, victim)) * 2;
    if chance % 5 == 0 {
        chance += 1;
    }
    let sector = world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .map_or(SECT_INSIDE, |r| r.sector);
    match sector {
        SECT_INSIDE => chance - 20,
        SECT_CITY | SECT_MOUNTAIN => chance - 10,
        SECT_FIELD => chance + 5,
        SECT_DESERT => chance + 10,
        SECT_WATER_SWIM | SECT_WATER_NOSWIM | SECT_AIR => 0,
        _ => chance,
    }
}

/// `dirt [victim]`: kick dirt into someone's eyes.
pub fn do_dirt(world: &mut World, ch: CharId, arg: &str) {
    let skill = world.get_skill(ch, gsn::DIRT_KICKING);
    if skill == 0
        || (is_npc(world, ch) && !has_off(world, ch, off::KICK_DIRT))
        || below_class_level(world, ch, gsn::DIRT_KICKING)
    {
        world.send(ch, "You get your feet dirty.\n");
        return;
    }
    let Some(victim) = target(world, ch, arg, "But you aren't in combat!\n") else {
        return;
    };
    if world.ch(victim).is_some_and(|v| v.is_affected(aff::BLIND)) {
        world.act(
            "$E's already been blinded.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    }
    if victim == ch {
        world.send(ch, "Very funny.\n");
        return;
    }
    if fight::is_safe(world, ch, victim)
        || kill_stealing(world, ch, victim)
        || is_master(world, ch, victim, "But $N is such a good friend!")
    {
        return;
    }
    let chance = dirt_chance(world, ch, victim, skill);
    if chance == 0 {
        world.send(ch, "There isn't any dirt to kick.\n");
        return;
    }
    if world.rng.percent() < chance {
        world.act(
            "$n is blinded by the dirt in $s eyes!",
            victim,
            ActArgs::default(),
            To::Room,
        );
        world.act(
            "$n kicks dirt in your eyes!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        let dam = world.rng.range(2, 5);
        damage(world, ch, victim, dam, gsn::DIRT_KICKING.0, DAM_NONE, false);
        world.send(victim, "You can't see a thing!\n");
        check_improve(world, ch, gsn::DIRT_KICKING, true, 2);
        wait_state(world, ch, beats(gsn::DIRT_KICKING));
        let af = Affect {
            where_: to::AFFECTS,
            skill: gsn::DIRT_KICKING,
            level: level(world, ch),
            duration: 0,
            location: apply::HITROLL,
            modifier: -4,
            bits: aff::BLIND,
        };
        world.affect_to_char(victim, af);
    } else {
        damage(world, ch, victim, 0, gsn::DIRT_KICKING.0, DAM_NONE, true);
        check_improve(world, ch, gsn::DIRT_KICKING, false, 2);
        wait_state(world, ch, beats(gsn::DIRT_KICKING));
    }
    check_killer(world, ch, victim);
}

// ------------------------------------------------------------------ trip

/// The chance of `ch` tripping `victim`.
pub fn trip_chance(world: &World, ch: CharId, victim: CharId, skill: i32) -> i32 {
    let mut chance = skill;
    let (own, theirs) = (size(world, ch), size(world, victim));
    if own < theirs {
        chance += (own - theirs) * 10;
    }
    chance += stat(world, ch, STAT_DEX);
    chance -= stat(world, victim, STAT_DEX) * 3 / 2;
    if is_fast(world, ch) {
        chance += 10;
    }
    if is_fast(world, victim) {
        chance -= 20;
    }
    chance + (level(world, ch) - level(world, victim)) * 2
}

/// `trip [victim]`: sweep someone's legs out from under them.
pub fn do_trip(world: &mut World, ch: CharId, arg: &str) {
    let skill = world.get_skill(ch, gsn::TRIP);
    if skill == 0
        || (is_npc(world, ch) && !has_off(world, ch, off::TRIP))
        || below_class_level(world, ch, gsn::TRIP)
    {
        world.send(ch, "Tripping?  What's that?\n");
        return;
    }
    let Some(victim) = target(world, ch, arg, "But you aren't fighting anyone!\n") else {
        return;
    };
    if fight::is_safe(world, ch, victim) || kill_stealing(world, ch, victim) {
        return;
    }
    let Some(v) = world.ch(victim) else { return };
    if v.is_affected(aff::FLYING) {
        world.act(
            "$S feet aren't on the ground.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    }
    if v.position < pos::FIGHTING {
        world.act("$N is already down.", ch, ActArgs::vict(victim), To::Char);
        return;
    }
    if victim == ch {
        world.send(ch, "You fall flat on your face!\n");
        wait_state(world, ch, 2 * beats(gsn::TRIP));
        world.act(
            "$n trips over $s own feet!",
            ch,
            ActArgs::default(),
            To::Room,
        );
        return;
    }
    if is_master(world, ch, victim, "$N is your beloved master.") {
        return;
    }
    let chance = trip_chance(world, ch, victim, skill);
    if world.rng.percent() < chance {
        world.act(
            "$n hooks your legs and you go down!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        world.act(
            "You hook $N's legs and $E goes down!",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        world.act(
            "$n hooks $N's legs and sends $M to the ground.",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        check_improve(world, ch, gsn::TRIP, true, 1);
        daze_state(world, victim, 2 * PULSE_VIOLENCE);
        wait_state(world, ch, beats(gsn::TRIP));
        if let Some(v) = world.ch_mut(victim) {
            v.position = pos::RESTING;
        }
        let top = 2 + 2 * size(world, victim);
        let dam = world.rng.range(2, top);
        damage(world, ch, victim, dam, gsn::TRIP.0, DAM_BASH, true);
    } else {
        damage(world, ch, victim, 0, gsn::TRIP.0, DAM_BASH, true);
        wait_state(world, ch, beats(gsn::TRIP) * 2 / 3);
        check_improve(world, ch, gsn::TRIP, false, 1);
    }
    check_killer(world, ch, victim);
}

// ---------------------------------------------------------------- disarm

/// The chance of `ch` disarming `victim` with `skill` (`None`: `ch` has
/// neither a weapon nor hand to hand).
pub fn disarm_chance(world: &World, ch: CharId, victim: CharId, skill: i32) -> i32 {
    let ch_weapon = fight::weapon_skill(world, ch, fight::weapon_sn(world, ch));
    let vict_weapon = fight::weapon_skill(world, victim, fight::weapon_sn(world, victim));
    let ch_vict_weapon = fight::weapon_skill(world, ch, fight::weapon_sn(world, victim));
    let mut chance = if world.get_eq_char(ch, wear_loc::WIELD).is_none() {
        skill * world.get_skill(ch, gsn::HAND_TO_HAND) / 150
    } else {
        skill * ch_weapon / 100
    };
    chance += (ch_vict_weapon / 2 - vict_weapon) / 2;
    chance += stat(world, ch, STAT_DEX);
    chance -= 2 * stat(world, victim, STAT_STR);
    chance + (level(world, ch) - level(world, victim)) * 2
}

/// `disarm`: knock the opponent's weapon away.
pub fn do_disarm(world: &mut World, ch: CharId, _arg: &str) {
    let skill = world.get_skill(ch, gsn::DISARM);
    if skill == 0 {
        world.send(ch, "You don't know how to disarm opponents.\n");
        return;
    }
    let bare = world.get_eq_char(ch, wear_loc::WIELD).is_none();
    if bare
        && (world.get_skill(ch, gsn::HAND_TO_HAND) == 0
            || (is_npc(world, ch) && !has_off(world, ch, off::DISARM)))
    {
        world.send(ch, "You must wield a weapon to disarm.\n");
        return;
    }
    let Some(victim) = world.ch(ch).and_then(|c| c.fighting) else {
        world.send(ch, "You aren't fighting anyone.\n");
        return;
    };
    if world.get_eq_char(victim, wear_loc::WIELD).is_none() {
        world.send(ch, "Your opponent is not wielding a weapon.\n");
        return;
    }
    let chance = disarm_chance(world, ch, victim, skill);
    wait_state(world, ch, beats(gsn::DISARM));
    if world.rng.percent() < chance {
        disarm(world, ch, victim);
        check_improve(world, ch, gsn::DISARM, true, 1);
    } else {
        world.act(
            "You fail to disarm $N.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        world.act(
            "$n tries to disarm you, but fails.",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        world.act(
            "$n tries to disarm $N, but fails.",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        check_improve(world, ch, gsn::DISARM, false, 1);
    }
    check_killer(world, ch, victim);
}

/// ROM's disarm(): the weapon leaves `victim`'s hand.
pub fn disarm(world: &mut World, ch: CharId, victim: CharId) {
    let Some(obj) = world.get_eq_char(victim, wear_loc::WIELD) else {
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    let flags = o.extra_flags;
    if flags & extra::NOREMOVE != 0 {
        world.act(
            "$S weapon won't budge!",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        world.act(
            "$n tries to disarm you, but your weapon won't budge!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        world.act(
            "$n tries to disarm $N, but fails.",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        return;
    }
    world.act(
        "$n DISARMS you and sends your weapon flying!",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    world.act("You disarm $N!", ch, ActArgs::vict(victim), To::Char);
    world.act("$n disarms $N!", ch, ActArgs::vict(victim), To::NotVict);
    world.obj_from(obj);
    if flags & (extra::NODROP | extra::INVENTORY) != 0 {
        world.obj_to_char(obj, victim);
        return;
    }
    let Some(room) = world.ch(victim).and_then(|v| v.room) else {
        world.obj_to_char(obj, victim);
        return;
    };
    world.obj_to_room(obj, room);
    let picks_up = world.ch(victim).is_some_and(|v| v.is_npc() && v.wait == 0)
        && world.can_see_obj(victim, obj);
    if picks_up {
        act_obj::get_obj(world, victim, obj, None);
    }
}

// -------------------------------------------------------------- backstab

/// `backstab <victim>` (also `bs`): a sneak attack with a weapon.
pub fn do_backstab(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Backstab whom?\n");
        return;
    }
    if world.ch(ch).is_some_and(|c| c.fighting.is_some()) {
        world.send(ch, "You're facing the wrong end.\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &name) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if victim == ch {
        world.send(ch, "How can you sneak up on yourself?\n");
        return;
    }
    if fight::is_safe(world, ch, victim) || kill_stealing(world, ch, victim) {
        return;
    }
    if world.get_eq_char(ch, wear_loc::WIELD).is_none() {
        world.send(ch, "You need to wield a weapon to backstab.\n");
        return;
    }
    if world.ch(victim).is_some_and(|v| v.hit < v.max_hit / 3) {
        world.act(
            "$N is hurt and suspicious ... you can't sneak up.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    }
    check_killer(world, ch, victim);
    wait_state(world, ch, beats(gsn::BACKSTAB));
    let skill = world.get_skill(ch, gsn::BACKSTAB);
    let asleep = world
        .ch(victim)
        .is_some_and(|v| v.position <= pos::SLEEPING);
    if world.rng.percent() < skill || (skill >= 2 && asleep) {
        check_improve(world, ch, gsn::BACKSTAB, true, 1);
        multi_hit(world, ch, victim, gsn::BACKSTAB.0);
    } else {
        check_improve(world, ch, gsn::BACKSTAB, false, 1);
        damage(world, ch, victim, 0, gsn::BACKSTAB.0, DAM_NONE, true);
    }
}

// --------------------------------------------------------------- berserk

/// `berserk`: fly into a rage (better hitroll, damroll and saves, worse AC).
pub fn do_berserk(world: &mut World, ch: CharId, _arg: &str) {
    let skill = world.get_skill(ch, gsn::BERSERK);
    if skill == 0
        || (is_npc(world, ch) && !has_off(world, ch, off::BERSERK))
        || below_class_level(world, ch, gsn::BERSERK)
    {
        world.send(ch, "Your face goes red, and that is all.\n");
        return;
    }
    let frenzy = rules::skill_exact("frenzy").unwrap_or(Sn::NONE);
    let Some(c) = world.ch(ch) else { return };
    if c.is_affected(aff::BERSERK)
        || world.is_affected(ch, gsn::BERSERK)
        || world.is_affected(ch, frenzy)
    {
        world.send(ch, "You get a little madder.\n");
        return;
    }
    if c.is_affected(aff::CALM) {
        world.send(ch, "You feel too mellow to berserk.\n");
        return;
    }
    if c.mana < 50 {
        world.send(ch, "You can't get up enough energy.\n");
        return;
    }
    let mut chance = skill;
    if c.position == pos::FIGHTING {
        chance += 10;
    }
    let hp_percent = 100 * c.hit / c.max_hit.max(1);
    chance += 25 - hp_percent / 2;
    let lvl = c.level;
    if world.rng.percent() < chance {
        wait_state(world, ch, PULSE_VIOLENCE);
        if let Some(c) = world.ch_mut(ch) {
            c.mana -= 50;
            c.mv /= 2;
            c.hit = (c.hit + 2 * lvl).min(c.max_hit);
        }
        world.send(ch, "Your blood pounds as rage takes you over!\n");
        world.act(
            "$n's eyes take on a wild glare.",
            ch,
            ActArgs::default(),
            To::Room,
        );
        check_improve(world, ch, gsn::BERSERK, true, 2);
        let duration = world.rng.fuzzy(lvl / 8);
        let bonus = (lvl / 5).max(1);
        for (location, modifier) in [
            (apply::HITROLL, bonus),
            (apply::DAMROLL, bonus),
            (apply::AC, (10 * (lvl / 5)).max(10)),
        ] {
            world.affect_to_char(
                ch,
                Affect {
                    where_: to::AFFECTS,
                    skill: gsn::BERSERK,
                    level: lvl,
                    duration,
                    location,
                    modifier,
                    bits: aff::BERSERK,
                },
            );
        }
    } else {
        wait_state(world, ch, 3 * PULSE_VIOLENCE);
        if let Some(c) = world.ch_mut(ch) {
            c.mana -= 25;
            c.mv /= 2;
        }
        world.send(ch, "Your heart races, but the rage will not come.\n");
        check_improve(world, ch, gsn::BERSERK, false, 2);
    }
}

// ---------------------------------------------------------- sneak, hide

/// `sneak`: move without being noticed for a while.
pub fn do_sneak(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "You attempt to move silently.\n");
    world.affect_strip(ch, gsn::SNEAK);
    if world.ch(ch).is_some_and(|c| c.is_affected(aff::SNEAK)) {
        return;
    }
    if world.rng.percent() < world.get_skill(ch, gsn::SNEAK) {
        check_improve(world, ch, gsn::SNEAK, true, 3);
        let lvl = level(world, ch);
        world.affect_to_char(
            ch,
            Affect {
                where_: to::AFFECTS,
                skill: gsn::SNEAK,
                level: lvl,
                duration: lvl,
                location: apply::NONE,
                modifier: 0,
                bits: aff::SNEAK,
            },
        );
    } else {
        check_improve(world, ch, gsn::SNEAK, false, 3);
    }
}

/// `hide`: slip out of sight until the next command.
pub fn do_hide(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "You attempt to hide.\n");
    if let Some(c) = world.ch_mut(ch) {
        c.affected_by &= !aff::HIDE;
    }
    if world.rng.percent() < world.get_skill(ch, gsn::HIDE) {
        if let Some(c) = world.ch_mut(ch) {
            c.affected_by |= aff::HIDE;
        }
        check_improve(world, ch, gsn::HIDE, true, 3);
    } else {
        check_improve(world, ch, gsn::HIDE, false, 3);
    }
}

// ----------------------------------------------------------------- steal

/// ROM's `is_clan`.
fn is_clan(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.is_clan())
}

/// The four things a victim yells at a clumsy thief.
fn insult(which: i32, name: &str, sex: i32) -> String {
    match which {
        0 => format!("{name} is a lousy thief!"),
        1 => format!(
            "{name} couldn't rob {} way out of a paper bag!",
            if sex == SEX_FEMALE { "her" } else { "his" }
        ),
        2 => format!("{name} tried to rob me!"),
        _ => format!("Keep your hands out of there, {name}!"),
    }
}

/// `steal <item|coins|gold|silver> <victim>`.
pub fn do_steal(world: &mut World, ch: CharId, arg: &str) {
    let (what, rest) = one_argument(arg);
    let (whom, _) = one_argument(rest);
    if what.is_empty() || whom.is_empty() {
        world.send(ch, "Steal what from whom?\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &whom) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if victim == ch {
        world.send(ch, "That's pointless.\n");
        return;
    }
    if fight::is_safe(world, ch, victim) {
        return;
    }
    let Some(v) = world.ch(victim) else { return };
    if v.is_npc() && v.position == pos::FIGHTING {
        world.send(
            ch,
            "Kill stealing is not permitted.\nYou'd better not -- you might get hit.\n",
        );
        return;
    }
    wait_state(world, ch, beats(gsn::STEAL));
    let mut percent = world.rng.percent();
    let Some(v) = world.ch(victim) else { return };
    let victim_npc = v.is_npc();
    let victim_level = v.level;
    if v.position <= pos::SLEEPING {
        percent -= 10;
    } else if !world.can_see(victim, ch) {
        percent += 25;
    } else {
        percent += 50;
    }
    let Some(c) = world.ch(ch) else { return };
    let thief_npc = c.is_npc();
    let far_apart = c.level + 7 < victim_level || c.level - 7 > victim_level;
    let fails = (far_apart && !victim_npc && !thief_npc)
        || (!thief_npc && percent > world.get_skill(ch, gsn::STEAL))
        || (!thief_npc && !is_clan(world, ch));
    if fails {
        steal_failed(world, ch, victim);
        return;
    }
    if matches!(what.as_str(), "coin" | "coins" | "gold" | "silver") {
        let lvl = level(world, ch);
        let (vgold, vsilver) = world.ch(victim).map_or((0, 0), |v| (v.gold, v.silver));
        let gold = vgold * i64::from(world.rng.range(1, lvl)) / i64::from(MAX_LEVEL);
        let silver = vsilver * i64::from(world.rng.range(1, lvl)) / i64::from(MAX_LEVEL);
        if gold <= 0 && silver <= 0 {
            world.send(ch, "You couldn't get any coins.\n");
            return;
        }
        if let Some(c) = world.ch_mut(ch) {
            c.gold += gold;
            c.silver += silver;
        }
        if let Some(v) = world.ch_mut(victim) {
            v.gold -= gold;
            v.silver -= silver;
        }
        let text = if silver <= 0 {
            format!("Bingo!  You got {gold} gold coins.\n")
        } else if gold <= 0 {
            format!("Bingo!  You got {silver} silver coins.\n")
        } else {
            format!("Bingo!  You got {silver} silver and {gold} gold coins.\n")
        };
        world.send(ch, &text);
        check_improve(world, ch, gsn::STEAL, true, 2);
        return;
    }
    let carried: Vec<ObjId> = world
        .ch(victim)
        .map(|v| v.carrying.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|&o| world.obj(o).is_some_and(|o| o.wear_loc == wear_loc::NONE))
        .collect();
    let Some(obj) = world.get_obj_list(ch, &what, &carried) else {
        world.send(ch, "You can't find it.\n");
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    if !act_obj::can_drop_obj(world, ch, obj)
        || o.extra_flags & extra::INVENTORY != 0
        || o.level > level(world, ch)
    {
        world.send(ch, "You can't pry it away.\n");
        return;
    }
    if world.carry_number(ch) + world.get_obj_number(obj) > world.can_carry_n(ch) {
        world.send(ch, "You have your hands full.\n");
        return;
    }
    if object_weight(world, ch) + world.get_obj_weight(obj) > world.can_carry_w(ch) {
        world.send(ch, "You can't carry that much weight.\n");
        return;
    }
    world.obj_from(obj);
    world.obj_to_char(obj, ch);
    world.act("You pocket $p.", ch, ActArgs::obj(obj), To::Char);
    check_improve(world, ch, gsn::STEAL, true, 2);
    world.send(ch, "Got it!\n");
}

/// A theft gone wrong: "Oops.", the victim wakes and yells, and a mob
/// victim attacks while a player victim brands the thief a THIEF.
fn steal_failed(world: &mut World, ch: CharId, victim: CharId) {
    world.send(ch, "Oops.\n");
    world.affect_strip(ch, gsn::SNEAK);
    if let Some(c) = world.ch_mut(ch) {
        c.affected_by &= !aff::SNEAK;
    }
    world.act(
        "$n tried to steal from you.",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    world.act(
        "$n tried to steal from $N.",
        ch,
        ActArgs::vict(victim),
        To::NotVict,
    );
    let which = world.rng.range(0, 3);
    let Some(c) = world.ch(ch) else { return };
    let cry = insult(which, &c.name, c.sex);
    let thief_npc = c.is_npc();
    if world
        .ch(victim)
        .is_some_and(|v| v.position <= pos::SLEEPING)
    {
        act_move::do_wake(world, victim, "");
    }
    if world.ch(victim).is_some_and(|v| v.position > pos::SLEEPING) {
        fight::yell(world, victim, &cry);
    }
    if thief_npc {
        return;
    }
    if is_npc(world, victim) {
        check_improve(world, ch, gsn::STEAL, false, 2);
        multi_hit(world, victim, ch, TYPE_UNDEFINED);
    } else if world.ch(ch).is_some_and(|c| c.act & plr::THIEF == 0) {
        if let Some(c) = world.ch_mut(ch) {
            c.act |= plr::THIEF;
        }
        world.send(ch, "*** You are now a THIEF!! ***\n");
        world.requests.push(Request::Save(ch));
    }
}

// ------------------------------------------------------------- pick lock

/// `pick <door|container|portal>`: open a lock without its key.
pub fn do_pick(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(ch, "Pick what?\n");
        return;
    }
    wait_state(world, ch, beats(gsn::PICK_LOCK));
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let my_level = level(world, ch);
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    let guard = people.into_iter().find(|&g| {
        world
            .ch(g)
            .is_some_and(|g| g.is_npc() && g.position > pos::SLEEPING && my_level + 5 < g.level)
    });
    if let Some(g) = guard {
        world.act(
            "$N is standing too close to the lock.",
            ch,
            ActArgs::vict(g),
            To::Char,
        );
        return;
    }
    if !is_npc(world, ch) && world.rng.percent() > world.get_skill(ch, gsn::PICK_LOCK) {
        world.send(ch, "You failed.\n");
        check_improve(world, ch, gsn::PICK_LOCK, false, 2);
        return;
    }
    if let Some(obj) = world.get_obj_here(ch, &word) {
        pick_object(world, ch, obj);
        return;
    }
    if let Some(door) = act_move::find_door(world, ch, &word) {
        pick_door(world, ch, room, door);
    }
}

fn pick_object(world: &mut World, ch: CharId, obj: ObjId) {
    let Some(o) = world.obj(obj) else { return };
    let v1 = o.values[1] as Flags;
    let (closed, locked, pickproof, key) = if o.item_type == item::PORTAL {
        if v1 & EX_ISDOOR == 0 {
            world.send(ch, "You can't do that.\n");
            return;
        }
        (
            v1 & EX_CLOSED != 0,
            v1 & EX_LOCKED != 0,
            v1 & EX_PICKPROOF != 0,
            o.values[4],
        )
    } else if o.item_type == item::CONTAINER {
        (
            v1 & cont::CLOSED != 0,
            v1 & cont::LOCKED != 0,
            v1 & cont::PICKPROOF != 0,
            o.values[2],
        )
    } else {
        world.send(ch, "That's not a container.\n");
        return;
    };
    if !closed {
        world.send(ch, "It's not closed.\n");
        return;
    }
    if key < 0 {
        world.send(ch, "It can't be unlocked.\n");
        return;
    }
    if !locked {
        world.send(ch, "It's already unlocked.\n");
        return;
    }
    if pickproof {
        world.send(ch, "You failed.\n");
        return;
    }
    let lock_bit = if o.item_type == item::PORTAL {
        EX_LOCKED
    } else {
        cont::LOCKED
    };
    if let Some(o) = world.obj_mut(obj) {
        o.values[1] = (v1 & !lock_bit) as i64;
    }
    world.act("You pick the lock on $p.", ch, ActArgs::obj(obj), To::Char);
    world.act("$n picks the lock on $p.", ch, ActArgs::obj(obj), To::Room);
    check_improve(world, ch, gsn::PICK_LOCK, true, 2);
}

fn pick_door(world: &mut World, ch: CharId, room: RoomVnum, door: usize) {
    let immortal = world.ch(ch).is_some_and(|c| c.is_immortal());
    let flags = act_move::exit_flags(world, room, door);
    let key = world
        .room(room)
        .and_then(|r| r.exits[door].as_ref())
        .and_then(|e| e.proto.key)
        .map_or(-1, |k| i64::from(k.0));
    if flags & EX_CLOSED == 0 && !immortal {
        world.send(ch, "It's not closed.\n");
        return;
    }
    if key < 0 && !immortal {
        world.send(ch, "It can't be picked.\n");
        return;
    }
    if flags & EX_LOCKED == 0 {
        world.send(ch, "It's already unlocked.\n");
        return;
    }
    if flags & EX_PICKPROOF != 0 && !immortal {
        world.send(ch, "You failed.\n");
        return;
    }
    act_move::set_exit_flags(world, room, door, 0, EX_LOCKED);
    world.send(ch, "*Click*\n");
    let keyword = act_move::keyword_of(world, room, door);
    world.act(
        "$n picks the $d.",
        ch,
        ActArgs::default().with_text2(&keyword),
        To::Room,
    );
    check_improve(world, ch, gsn::PICK_LOCK, true, 2);
    if let Some((far, back)) = act_move::reverse_exit(world, room, door) {
        act_move::set_exit_flags(world, far, back, 0, EX_LOCKED);
    }
}

// --------------------------------------------------------------- envenom

/// `envenom <item>`: poison food, drink or an edged weapon.
pub fn do_envenom(world: &mut World, ch: CharId, arg: &str) {
    let arg = arg.trim();
    if arg.is_empty() {
        world.send(ch, "Envenom what item?\n");
        return;
    }
    let carrying = world.ch(ch).map(|c| c.carrying.clone()).unwrap_or_default();
    let Some(obj) = world.get_obj_list(ch, arg, &carrying) else {
        world.send(ch, "You don't have that item.\n");
        return;
    };
    let skill = world.get_skill(ch, gsn::ENVENOM);
    if skill < 1 {
        world.send(ch, "Are you crazy? You'd poison yourself!\n");
        return;
    }
    let Some(o) = world.obj(obj) else { return };
    let (kind, flags, values) = (o.item_type, o.extra_flags, o.values);
    let wait = beats(gsn::ENVENOM);
    if kind == item::FOOD || kind == item::DRINK_CON {
        if flags & (extra::BLESS | extra::BURN_PROOF) != 0 {
            world.act("You fail to poison $p.", ch, ActArgs::obj(obj), To::Char);
            return;
        }
        let already = values[3] != 0;
        if world.rng.percent() < skill {
            world.act(
                "$n treats $p with deadly poison.",
                ch,
                ActArgs::obj(obj),
                To::Room,
            );
            world.act(
                "You treat $p with deadly poison.",
                ch,
                ActArgs::obj(obj),
                To::Char,
            );
            if !already {
                if let Some(o) = world.obj_mut(obj) {
                    o.values[3] = 1;
                }
                check_improve(world, ch, gsn::ENVENOM, true, 4);
            }
        } else {
            world.act("You fail to poison $p.", ch, ActArgs::obj(obj), To::Char);
            if !already {
                check_improve(world, ch, gsn::ENVENOM, false, 4);
            }
        }
        wait_state(world, ch, wait);
        return;
    }
    if kind != item::WEAPON {
        world.act("You can't poison $p.", ch, ActArgs::obj(obj), To::Char);
        return;
    }
    let wflags = values[4] as Flags;
    let refused = weapon::FLAMING
        | weapon::FROST
        | weapon::VAMPIRIC
        | weapon::SHARP
        | weapon::VORPAL
        | weapon::SHOCKING;
    if wflags & refused != 0 || flags & (extra::BLESS | extra::BURN_PROOF) != 0 {
        world.act(
            "You can't seem to envenom $p.",
            ch,
            ActArgs::obj(obj),
            To::Char,
        );
        return;
    }
    let blunt = usize::try_from(values[3])
        .ok()
        .and_then(|i| ATTACKS.get(i))
        .is_none_or(|a| a.dam_class == DAM_BASH || a.dam_class == DAM_NONE);
    if blunt {
        world.send(ch, "You can only envenom edged weapons.\n");
        return;
    }
    if wflags & weapon::POISON != 0 {
        world.act("$p is already envenomed.", ch, ActArgs::obj(obj), To::Char);
        return;
    }
    let percent = world.rng.percent();
    if percent < skill {
        let lvl = level(world, ch);
        let af = Affect {
            where_: to::WEAPON,
            skill: gsn::POISON,
            level: lvl * percent / 100,
            duration: lvl / 2 * percent / 100,
            location: apply::NONE,
            modifier: 0,
            bits: weapon::POISON,
        };
        if let Some(o) = world.obj_mut(obj) {
            o.affects.insert(0, af);
            o.values[4] |= weapon::POISON as i64;
        }
        world.act(
            "$n coats $p with deadly venom.",
            ch,
            ActArgs::obj(obj),
            To::Room,
        );
        world.act("You coat $p with venom.", ch, ActArgs::obj(obj), To::Char);
        check_improve(world, ch, gsn::ENVENOM, true, 3);
    } else {
        world.act("You fail to envenom $p.", ch, ActArgs::obj(obj), To::Char);
        check_improve(world, ch, gsn::ENVENOM, false, 3);
    }
    wait_state(world, ch, wait);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ConnId;
    use crate::game::{act_info, act_magic_item, interp};
    use crate::world::proto::ExitProto;
    use crate::world::{AreaId, AreaProto, Char, MobVnum, ObjProto, ObjVnum, Protos, RoomProto};

    const HERE: RoomVnum = RoomVnum(3001);
    const NORTH: RoomVnum = RoomVnum(3002);
    const KEY: ObjVnum = ObjVnum(60);

    fn door(to: RoomVnum) -> Option<ExitProto> {
        Some(ExitProto {
            keyword: "door".into(),
            flags: EX_ISDOOR | EX_CLOSED | EX_LOCKED,
            key: Some(KEY),
            to: Some(to),
            ..Default::default()
        })
    }

    fn sn(name: &str) -> i64 {
        i64::from(rules::skill_exact(name).map_or(-1, |s| s.0))
    }

    fn world(seed: u64) -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 9999,
            ..Default::default()
        });
        for (vnum, exit_dir, to) in [(HERE, 0, NORTH), (NORTH, 2, HERE)] {
            let mut exits: [Option<ExitProto>; 6] = Default::default();
            exits[exit_dir] = door(to);
            p.rooms.insert(
                vnum,
                RoomProto {
                    vnum,
                    area: AreaId(0),
                    name: "Room".into(),
                    sector: SECT_FIELD,
                    exits,
                    ..Default::default()
                },
            );
        }
        p.mobs
            .insert(MobVnum(3062), crate::world::proto::test_fido(10, 500));
        let objs: [(i32, i32, &str, [i64; 5]); 10] = [
            (50, item::FOOD, "bread", [5, 5, 0, 0, 0]),
            // slash ("slice" is attack 3 in ROM's table)
            (51, item::WEAPON, "sword", [WEAPON_SWORD as i64, 2, 4, 3, 0]),
            // crush: a bash-type attack
            (52, item::WEAPON, "club", [WEAPON_MACE as i64, 2, 4, 8, 0]),
            (53, item::POTION, "potion", [5, sn("cure light"), -1, -1, 0]),
            (54, item::SCROLL, "scroll", [5, sn("armor"), -1, -1, 0]),
            (55, item::STAFF, "staff", [5, 2, 2, sn("cure light"), 0]),
            (56, item::WAND, "wand", [5, 2, 1, sn("magic missile"), 0]),
            (57, item::TREASURE, "ring", [0; 5]),
            (60, item::KEY, "key", [0; 5]),
            (61, item::DRINK_CON, "flask", [10, 10, 0, 0, 0]),
        ];
        for (v, kind, word, values) in objs {
            p.objs.insert(
                ObjVnum(v),
                ObjProto {
                    vnum: ObjVnum(v),
                    keywords: word.into(),
                    short_descr: format!("a {word}"),
                    item_type: kind,
                    values,
                    weight: 1,
                    wear_flags: wear::TAKE | wear::HOLD,
                    ..Default::default()
                },
            );
        }
        World::new(p, seed)
    }

    fn pc(w: &mut World, name: &str, class: usize, level: i32) -> CharId {
        let id = w.chars.insert(Char {
            name: name.into(),
            pc: Some(Box::default()),
            level,
            class: class as i32,
            hit: 100,
            max_hit: 100,
            mana: 100,
            max_mana: 100,
            mv: 100,
            max_mv: 100,
            perm_stat: [13; 5],
            armor: [100; 4],
            size: Size::Medium,
            position: pos::STANDING,
            conn: Some(ConnId(w.players.len() + 1)),
            ..Char::default()
        });
        w.char_to_room(id, HERE);
        w.players.push(id);
        id
    }

    fn learn(w: &mut World, ch: CharId, skill: Sn, pct: i32) {
        if let Some(pc) = w.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
            pc.learned.insert(skill, pct);
        }
    }

    fn mob(w: &mut World) -> CharId {
        let Some(id) = w.create_mobile(MobVnum(3062)) else {
            panic!("no mob prototype");
        };
        w.char_to_room(id, HERE);
        if let Some(m) = w.ch_mut(id) {
            m.perm_stat = [13; 5];
            m.size = Size::Medium;
        }
        id
    }

    fn give(w: &mut World, ch: CharId, vnum: i32) -> ObjId {
        let Some(o) = w.create_object(ObjVnum(vnum), 0) else {
            panic!("no object {vnum}");
        };
        w.obj_to_char(o, ch);
        o
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    fn c(w: &World, ch: CharId) -> &Char {
        w.ch(ch).expect("character")
    }

    fn fight(w: &mut World, a: CharId, b: CharId) {
        fight::set_fighting(w, a, b);
        fight::set_fighting(w, b, a);
    }

    // ---------------------------------------------------------------- kick

    #[test]
    fn kick_needs_a_fight_and_lags_twelve_either_way() {
        let mut w = world(1);
        let me = pc(&mut w, "Kicker", rules::CLASS_WARRIOR, 20);
        let dog = mob(&mut w);
        do_kick(&mut w, me, "");
        assert_eq!(out(&mut w, me), "You aren't fighting anyone.\n");
        assert_eq!(c(&w, me).wait, 0);
        fight(&mut w, me, dog);
        learn(&mut w, me, gsn::KICK, 100);
        let before = c(&w, dog).hit;
        do_kick(&mut w, me, "");
        assert_eq!(c(&w, me).wait, 12);
        // 100 % > any roll but 100: with this seed the kick lands, 1..=20.
        let lost = before - c(&w, dog).hit;
        assert!((1..=20).contains(&lost), "{lost}");
        // A 0 % kick always misses: no damage, the same lag.
        learn(&mut w, me, gsn::KICK, 0);
        if let Some(m) = w.ch_mut(me) {
            m.wait = 0;
        }
        let before = c(&w, dog).hit;
        do_kick(&mut w, me, "");
        assert_eq!(c(&w, dog).hit, before);
        assert_eq!(c(&w, me).wait, 12);
        // Too low a level for the class.
        let novice = pc(&mut w, "Novice", rules::CLASS_WARRIOR, 2);
        do_kick(&mut w, novice, "");
        assert!(out(&mut w, novice).contains("martial arts"));
    }

    #[test]
    fn a_mob_kicks_only_with_its_flag() {
        let mut w = world(2);
        let me = pc(&mut w, "Target", rules::CLASS_WARRIOR, 20);
        let dog = mob(&mut w);
        fight(&mut w, dog, me);
        do_kick(&mut w, dog, "");
        assert_eq!(c(&w, dog).wait, 0);
        if let Some(m) = w.ch_mut(dog) {
            m.off |= off::KICK;
        }
        do_kick(&mut w, dog, "");
        assert_eq!(c(&w, dog).wait, 12);
    }

    // ---------------------------------------------------------------- bash

    #[test]
    fn bash_chance_follows_the_formula() {
        let mut w = world(3);
        let me = pc(&mut w, "Basher", rules::CLASS_WARRIOR, 10);
        let dog = mob(&mut w);
        if let Some(m) = w.ch_mut(me) {
            m.perm_stat[STAT_STR] = 18;
        }
        if let Some(m) = w.ch_mut(dog) {
            m.perm_stat[STAT_DEX] = 12;
        }
        // 75 + 18 str - 12*4/3 dex - 100/25 ac = 73.
        assert_eq!(bash_chance(&w, me, dog, 75), 73);
        // Smaller by one size: -15.
        if let Some(m) = w.ch_mut(me) {
            m.size = Size::Small;
        }
        assert_eq!(bash_chance(&w, me, dog, 75), 58);
        // Bigger by one: +10; hasted +10; a hasted target -30; 5 levels up +5.
        if let Some(m) = w.ch_mut(me) {
            m.size = Size::Large;
            m.affected_by |= aff::HASTE;
            m.level = 15;
        }
        if let Some(m) = w.ch_mut(dog) {
            m.off |= off::FAST;
        }
        assert_eq!(bash_chance(&w, me, dog, 75), 73 + 10 + 10 - 30 + 5);
        // A player target dodging 90 against 73: 73 - 3 * 17 = 22.
        let other = pc(&mut w, "Dodger", rules::CLASS_THIEF, 10);
        learn(&mut w, other, gsn::DODGE, 90);
        if let Some(m) = w.ch_mut(other) {
            m.perm_stat[STAT_DEX] = 12;
        }
        if let Some(m) = w.ch_mut(me) {
            m.size = Size::Medium;
            m.affected_by = 0;
            m.level = 10;
        }
        assert_eq!(bash_chance(&w, me, other, 75), 22);
    }

    #[test]
    fn bash_success_dazes_and_floors_the_target() {
        let mut w = world(4);
        let me = pc(&mut w, "Basher", rules::CLASS_WARRIOR, 10);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::BASH, 100);
        if let Some(m) = w.ch_mut(me) {
            m.perm_stat[STAT_STR] = 25;
        }
        if let Some(m) = w.ch_mut(dog) {
            m.perm_stat[STAT_DEX] = 3;
        }
        // damage() stands a target with an idle timer <= 4 straight back up
        // to fighting (rom-mechanics 5.4); an idle one stays down.
        fight(&mut w, me, dog);
        if let Some(m) = w.ch_mut(dog) {
            m.timer = 5;
        }
        do_bash(&mut w, me, "");
        assert_eq!(c(&w, dog).daze, 36);
        assert_eq!(c(&w, dog).position, pos::RESTING);
        assert_eq!(c(&w, me).wait, 24);
        assert_eq!(c(&w, me).fighting, Some(dog));
        assert!(c(&w, dog).hit < 500);
        // A resting target cannot be bashed again.
        if let Some(m) = w.ch_mut(me) {
            m.wait = 0;
        }
        do_bash(&mut w, me, "");
        assert!(out(&mut w, me).contains("get back up first"));
        assert_eq!(c(&w, me).wait, 0);
    }

    #[test]
    fn bash_failure_floors_the_basher() {
        let mut w = world(5);
        let me = pc(&mut w, "Basher", rules::CLASS_WARRIOR, 10);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::BASH, 1);
        if let Some(m) = w.ch_mut(dog) {
            m.perm_stat[STAT_DEX] = 25;
        }
        do_bash(&mut w, me, "fido");
        assert_eq!(c(&w, me).position, pos::RESTING);
        assert_eq!(c(&w, me).wait, 36);
        assert_eq!(c(&w, dog).daze, 0);
        // The miss still starts the fight.
        assert_eq!(c(&w, dog).fighting, Some(me));
        // Without the skill: refused.
        let other = pc(&mut w, "Mage", rules::CLASS_MAGE, 10);
        do_bash(&mut w, other, "fido");
        assert_eq!(out(&mut w, other), "Bashing? What's that?\n");
    }

    // ---------------------------------------------------------------- dirt

    #[test]
    fn dirt_kicking_blinds_for_the_tick() {
        let mut w = world(6);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 10);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::DIRT_KICKING, 100);
        if let Some(m) = w.ch_mut(me) {
            m.perm_stat[STAT_DEX] = 25;
        }
        if let Some(m) = w.ch_mut(dog) {
            m.perm_stat[STAT_DEX] = 3;
        }
        // 100 + 25 - 6 = 119, +1 (not a multiple of 5 -> stays), field +5.
        assert_eq!(dirt_chance(&w, me, dog, 100), 124);
        do_dirt(&mut w, me, "fido");
        let d = c(&w, dog);
        assert!(d.is_affected(aff::BLIND));
        let af = d
            .affects
            .iter()
            .find(|a| a.skill == gsn::DIRT_KICKING)
            .expect("dirt affect");
        assert_eq!(
            (af.duration, af.location, af.modifier),
            (0, apply::HITROLL, -4)
        );
        assert_eq!(c(&w, me).wait, 24);
        // Already blind: refused.
        if let Some(m) = w.ch_mut(me) {
            m.wait = 0;
        }
        do_dirt(&mut w, me, "fido");
        assert!(out(&mut w, me).contains("already been blinded"));
        assert_eq!(c(&w, me).wait, 0);
    }

    #[test]
    fn no_dirt_on_water() {
        let mut w = world(7);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 10);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::DIRT_KICKING, 100);
        if let Some(r) = w.room_mut(HERE) {
            r.sector = SECT_WATER_SWIM;
        }
        do_dirt(&mut w, me, "fido");
        assert!(out(&mut w, me).contains("There isn't any dirt to kick."));
        assert_eq!(c(&w, me).wait, 0);
        assert!(!c(&w, dog).is_affected(aff::BLIND));
    }

    // ---------------------------------------------------------------- trip

    #[test]
    fn trip_waits_and_dazes() {
        let mut w = world(8);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 10);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::TRIP, 100);
        if let Some(m) = w.ch_mut(me) {
            m.perm_stat[STAT_DEX] = 25;
        }
        // 100 + 25 - 13*3/2 = 106.
        assert_eq!(trip_chance(&w, me, dog, 100), 106);
        fight(&mut w, me, dog);
        if let Some(m) = w.ch_mut(dog) {
            m.timer = 5;
        }
        do_trip(&mut w, me, "");
        assert_eq!(c(&w, dog).daze, 24);
        assert_eq!(c(&w, dog).position, pos::RESTING);
        assert_eq!(c(&w, me).wait, 24);
        // Failure: 16.
        w.extract_char(dog);
        let other = pc(&mut w, "Clumsy", rules::CLASS_THIEF, 10);
        learn(&mut w, other, gsn::TRIP, 1);
        let dog2 = mob(&mut w);
        if let Some(m) = w.ch_mut(dog2) {
            m.perm_stat[STAT_DEX] = 25;
        }
        do_trip(&mut w, other, "fido");
        assert_eq!(c(&w, other).wait, 16);
        assert_eq!(c(&w, dog2).daze, 0);
        // Yourself: 48, and a flyer cannot be tripped.
        let third = pc(&mut w, "Oaf", rules::CLASS_THIEF, 10);
        learn(&mut w, third, gsn::TRIP, 50);
        do_trip(&mut w, third, "self");
        assert_eq!(c(&w, third).wait, 48);
        if let Some(m) = w.ch_mut(dog2) {
            m.affected_by |= aff::FLYING;
            m.fighting = None;
        }
        if let Some(m) = w.ch_mut(third) {
            m.wait = 0;
        }
        out(&mut w, third);
        do_trip(&mut w, third, "fido");
        assert!(out(&mut w, third).contains("feet aren't on the ground"));
        assert_eq!(c(&w, third).wait, 0);
    }

    // -------------------------------------------------------------- disarm

    #[test]
    fn disarm_sends_the_weapon_down_and_a_mob_picks_it_up() {
        let mut w = world(9);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::DISARM, 100);
        learn(&mut w, me, gsn::SWORD, 100);
        if let Some(m) = w.ch_mut(me) {
            m.perm_stat[STAT_DEX] = 25;
        }
        let mine = give(&mut w, me, 51);
        w.equip_char(me, mine, wear_loc::WIELD);
        let theirs = give(&mut w, dog, 51);
        w.equip_char(dog, theirs, wear_loc::WIELD);
        do_disarm(&mut w, me, "");
        assert_eq!(out(&mut w, me), "You aren't fighting anyone.\n");
        fight(&mut w, me, dog);
        do_disarm(&mut w, me, "");
        assert_eq!(c(&w, me).wait, 24);
        assert_eq!(w.get_eq_char(dog, wear_loc::WIELD), None);
        // Straight back into the mob's inventory, not its hand.
        let o = w.obj(theirs).expect("sword");
        assert_eq!(o.loc, ObjLoc::Carried(dog));
        assert_eq!(o.wear_loc, wear_loc::NONE);
        // A no-remove weapon won't budge.
        w.equip_char(dog, theirs, wear_loc::WIELD);
        if let Some(o) = w.obj_mut(theirs) {
            o.extra_flags |= extra::NOREMOVE;
        }
        out(&mut w, me);
        disarm(&mut w, me, dog);
        assert!(out(&mut w, me).contains("won't budge"));
        assert_eq!(w.get_eq_char(dog, wear_loc::WIELD), Some(theirs));
    }

    // ------------------------------------------------------------ backstab

    #[test]
    fn backstab_opens_a_fight() {
        let mut w = world(10);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::BACKSTAB, 100);
        do_backstab(&mut w, me, "fido");
        assert_eq!(out(&mut w, me), "You need to wield a weapon to backstab.\n");
        let knife = give(&mut w, me, 51);
        w.equip_char(me, knife, wear_loc::WIELD);
        do_backstab(&mut w, me, "fido");
        assert_eq!(c(&w, me).wait, 24);
        assert_eq!(c(&w, dog).fighting, Some(me));
        assert_eq!(c(&w, me).fighting, Some(dog));
        // Once fighting: the wrong end.
        out(&mut w, me);
        do_backstab(&mut w, me, "fido");
        assert_eq!(out(&mut w, me), "You're facing the wrong end.\n");
        // A badly hurt target is suspicious.
        w.extract_char(dog);
        let other = mob(&mut w);
        if let Some(m) = w.ch_mut(other) {
            m.hit = m.max_hit / 3 - 1;
        }
        let sneak = pc(&mut w, "Sneak", rules::CLASS_THIEF, 20);
        let k2 = give(&mut w, sneak, 51);
        w.equip_char(sneak, k2, wear_loc::WIELD);
        do_backstab(&mut w, sneak, "fido");
        assert!(out(&mut w, sneak).contains("hurt and suspicious"));
        assert_eq!(c(&w, sneak).wait, 0);
    }

    // ------------------------------------------------------------- berserk

    #[test]
    fn berserk_affect_numbers() {
        let mut w = world(11);
        let me = pc(&mut w, "Dwarf", rules::CLASS_WARRIOR, 20);
        learn(&mut w, me, gsn::BERSERK, 100);
        if let Some(m) = w.ch_mut(me) {
            m.hit = 10;
        }
        let before = c(&w, me).clone();
        do_berserk(&mut w, me, "");
        let after = c(&w, me);
        assert!(after.is_affected(aff::BERSERK));
        assert_eq!(after.wait, 12);
        assert_eq!(after.mana, 50);
        assert_eq!(after.mv, 50);
        assert_eq!(after.hit, 10 + 40);
        assert_eq!(after.hitroll - before.hitroll, 4);
        assert_eq!(after.damroll - before.damroll, 4);
        assert_eq!(after.armor[0] - before.armor[0], 40);
        let afs: Vec<&Affect> = after
            .affects
            .iter()
            .filter(|a| a.skill == gsn::BERSERK)
            .collect();
        assert_eq!(afs.len(), 3);
        assert!(afs.iter().all(|a| (1..=3).contains(&a.duration)));
        // Again: a little madder, nothing spent.
        do_berserk(&mut w, me, "");
        assert_eq!(c(&w, me).mana, 50);
        // A failure (0 % skill at full health: chance 0 + 25 - 50 < 0).
        let other = pc(&mut w, "Calm", rules::CLASS_WARRIOR, 20);
        learn(&mut w, other, gsn::BERSERK, 1);
        do_berserk(&mut w, other, "");
        let o = c(&w, other);
        assert_eq!((o.wait, o.mana, o.mv), (36, 75, 50));
        assert!(!o.is_affected(aff::BERSERK));
    }

    // ------------------------------------------------------- sneak and hide

    #[test]
    fn sneaking_moves_are_silent() {
        let mut w = world(12);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        let watcher = pc(&mut w, "Watcher", rules::CLASS_MAGE, 20);
        w.char_from_room(watcher);
        w.char_to_room(watcher, NORTH);
        act_move::set_exit_flags(&mut w, HERE, 0, 0, EX_CLOSED | EX_LOCKED);
        act_move::set_exit_flags(&mut w, NORTH, 2, 0, EX_CLOSED | EX_LOCKED);
        // Walking in normally is seen.
        act_move::move_char(&mut w, me, 0, false);
        assert!(out(&mut w, watcher).contains("Thief has arrived."));
        act_move::move_char(&mut w, me, 2, false);
        assert!(out(&mut w, watcher).contains("Thief leaves south."));
        learn(&mut w, me, gsn::SNEAK, 100);
        out(&mut w, me);
        do_sneak(&mut w, me, "");
        assert_eq!(out(&mut w, me), "You attempt to move silently.\n");
        let af = c(&w, me)
            .affects
            .iter()
            .find(|a| a.skill == gsn::SNEAK)
            .cloned()
            .expect("sneak affect");
        assert_eq!(af.duration, 20);
        act_move::move_char(&mut w, me, 0, false);
        assert_eq!(c(&w, me).room, Some(NORTH));
        act_move::move_char(&mut w, me, 2, false);
        assert_eq!(out(&mut w, watcher), "");
    }

    #[test]
    fn sneakers_slip_past_eyes_unless_they_detect_hidden() {
        let mut w = world(13);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        let watcher = pc(&mut w, "Watcher", rules::CLASS_MAGE, 1);
        learn(&mut w, me, gsn::SNEAK, 100);
        if let Some(m) = w.ch_mut(me) {
            m.affected_by |= aff::SNEAK;
        }
        // chance = 100 + 13*3/2 - 13*2 - (1 - 30) = 122: never seen.
        assert!((0..50).all(|_| !w.can_see(watcher, me)));
        if let Some(m) = w.ch_mut(watcher) {
            m.affected_by |= aff::DETECT_HIDDEN;
        }
        assert!(w.can_see(watcher, me));
        // Fighting sneakers are seen.
        if let Some(m) = w.ch_mut(watcher) {
            m.affected_by = 0;
        }
        let dog = mob(&mut w);
        fight(&mut w, me, dog);
        assert!(w.can_see(watcher, me));
    }

    #[test]
    fn hiding_lasts_until_the_next_command() {
        let mut w = world(15);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        let watcher = pc(&mut w, "Watcher", rules::CLASS_MAGE, 20);
        learn(&mut w, me, gsn::HIDE, 100);
        interp::interpret(&mut w, me, "hide");
        assert_eq!(out(&mut w, me), "You attempt to hide.\n");
        assert!(c(&w, me).is_affected(aff::HIDE));
        assert!(!w.can_see(watcher, me));
        interp::interpret(&mut w, me, "inventory");
        assert!(!c(&w, me).is_affected(aff::HIDE));
        assert!(w.can_see(watcher, me));
        // A failed attempt leaves you in plain sight.
        learn(&mut w, me, gsn::HIDE, 0);
        interp::interpret(&mut w, me, "hide");
        assert!(!c(&w, me).is_affected(aff::HIDE));
    }

    // --------------------------------------------------------------- steal

    #[test]
    fn a_failed_theft_makes_the_mob_attack() {
        let mut w = world(15);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::STEAL, 100);
        if let Some(m) = w.ch_mut(dog) {
            m.gold = 600;
        }
        // Clanless players always fail.
        do_steal(&mut w, me, "gold fido");
        let text = out(&mut w, me);
        assert!(text.starts_with("Oops.\n"), "{text}");
        assert!(
            text.contains("You yell") || text.contains("yells"),
            "{text}"
        );
        assert_eq!(c(&w, me).wait, 24);
        assert_eq!(c(&w, dog).fighting, Some(me));
        assert_eq!(c(&w, dog).gold, 600);
        // A mob in combat is off limits.
        do_steal(&mut w, me, "gold fido");
        assert!(out(&mut w, me).contains("Kill stealing is not permitted."));
    }

    #[test]
    fn a_mob_thief_takes_a_share_of_the_coins() {
        let mut w = world(16);
        let thief = mob(&mut w);
        let mark = mob(&mut w);
        if let Some(m) = w.ch_mut(mark) {
            m.name = "mark".into();
            m.gold = 600;
            m.silver = 6000;
        }
        do_steal(&mut w, thief, "coins mark");
        let (g, s) = (c(&w, thief).gold, c(&w, thief).silver);
        // level 10: 600 * (1..=10) / 60 and 6000 * (1..=10) / 60.
        assert!(g % 10 == 0 && (10..=100).contains(&g), "{g}");
        assert!(s % 100 == 0 && (100..=1000).contains(&s), "{s}");
        assert_eq!(c(&w, mark).gold, 600 - g);
        assert_eq!(c(&w, mark).silver, 6000 - s);
        assert!(out(&mut w, thief).is_empty());
    }

    // ----------------------------------------------------------- pick lock

    #[test]
    fn pick_lock_unlocks_both_sides() {
        let mut w = world(17);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        learn(&mut w, me, gsn::PICK_LOCK, 100);
        do_pick(&mut w, me, "north");
        assert_eq!(out(&mut w, me), "*Click*\n");
        assert_eq!(c(&w, me).wait, 12);
        let flags = |w: &World, r, d| act_move::exit_flags(w, r, d);
        assert_eq!(flags(&w, HERE, 0) & EX_LOCKED, 0);
        assert_eq!(flags(&w, NORTH, 2) & EX_LOCKED, 0);
        assert_ne!(flags(&w, HERE, 0) & EX_CLOSED, 0);
        do_pick(&mut w, me, "door");
        assert_eq!(out(&mut w, me), "It's already unlocked.\n");
    }

    #[test]
    fn pick_lock_refusals() {
        let mut w = world(18);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        learn(&mut w, me, gsn::PICK_LOCK, 100);
        // A much stronger mob awake nearby.
        let dog = mob(&mut w);
        if let Some(m) = w.ch_mut(dog) {
            m.level = 26;
        }
        do_pick(&mut w, me, "north");
        assert!(out(&mut w, me).contains("standing too close to the lock"));
        assert_eq!(c(&w, me).wait, 12);
        w.extract_char(dog);
        // Pick-proof.
        act_move::set_exit_flags(&mut w, HERE, 0, EX_PICKPROOF, 0);
        do_pick(&mut w, me, "north");
        assert_eq!(out(&mut w, me), "You failed.\n");
        assert_ne!(act_move::exit_flags(&w, HERE, 0) & EX_LOCKED, 0);
    }

    // ------------------------------------------------------------- envenom

    #[test]
    fn envenom_poisons_food_and_edged_weapons() {
        let mut w = world(19);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        learn(&mut w, me, gsn::ENVENOM, 100);
        let bread = give(&mut w, me, 50);
        do_envenom(&mut w, me, "bread");
        assert_eq!(w.obj(bread).map(|o| o.values[3]), Some(1));
        assert_eq!(c(&w, me).wait, 36);
        // A blunt weapon is refused, with no lag.
        if let Some(m) = w.ch_mut(me) {
            m.wait = 0;
        }
        give(&mut w, me, 52);
        out(&mut w, me);
        do_envenom(&mut w, me, "club");
        assert_eq!(out(&mut w, me), "You can only envenom edged weapons.\n");
        assert_eq!(c(&w, me).wait, 0);
        // An edged one takes the poison (unless the roll is 100).
        let sword = give(&mut w, me, 51);
        do_envenom(&mut w, me, "sword");
        let o = w.obj(sword).expect("sword");
        assert_ne!(o.values[4] as Flags & weapon::POISON, 0);
        let af = o.affects.first().expect("poison affect");
        assert_eq!((af.where_, af.skill), (to::WEAPON, gsn::POISON));
        assert!(af.level <= 20 && af.duration <= 10);
        assert_eq!(c(&w, me).wait, 36);
        // When it wears off, the flag goes with it.
        w.affect_remove_obj(sword, 0);
        assert_eq!(
            w.obj(sword).map(|o| o.values[4] as Flags & weapon::POISON),
            Some(0)
        );
        // Without the skill.
        let mage = pc(&mut w, "Mage", rules::CLASS_MAGE, 20);
        give(&mut w, mage, 61);
        do_envenom(&mut w, mage, "flask");
        assert!(out(&mut w, mage).contains("poison yourself"));
    }

    // ---------------------------------------------------------------- peek

    #[test]
    fn peek_shows_the_inventory() {
        let mut w = world(20);
        let me = pc(&mut w, "Thief", rules::CLASS_THIEF, 20);
        let dog = mob(&mut w);
        give(&mut w, dog, 57);
        act_info::do_look(&mut w, me, "fido");
        assert!(!out(&mut w, me).contains("You peek at the inventory:"));
        learn(&mut w, me, gsn::PEEK, 100);
        act_info::do_look(&mut w, me, "fido");
        let text = out(&mut w, me);
        assert!(text.contains("You peek at the inventory:"), "{text}");
        assert!(text.contains("a ring"), "{text}");
    }

    // --------------------------------------------------- mob special attacks

    #[test]
    fn a_bashing_mob_bashes_in_its_rounds() {
        let mut w = world(21);
        let me = pc(&mut w, "Tank", rules::CLASS_WARRIOR, 50);
        let dog = mob(&mut w);
        if let Some(m) = w.ch_mut(dog) {
            m.off = off::BASH;
            m.level = 60;
            m.perm_stat[STAT_STR] = 25;
        }
        if let Some(m) = w.ch_mut(me) {
            m.max_hit = 100_000;
            m.hit = 100_000;
            m.perm_stat[STAT_DEX] = 3;
        }
        fight(&mut w, dog, me);
        let mut bashed = false;
        for _ in 0..40 {
            if let Some(m) = w.ch_mut(me) {
                m.position = pos::FIGHTING;
            }
            fight::multi_hit(&mut w, dog, me, TYPE_UNDEFINED);
            if c(&w, me).daze == 36 {
                bashed = true;
                break;
            }
        }
        assert!(bashed, "the mob never bashed");
        assert!(c(&w, dog).wait >= 24);
    }

    // -------------------------------------------------------------- recall

    #[test]
    fn recalling_from_combat_costs_experience_down_to_gain_exps_floor() {
        let mut w = world(26);
        let me = pc(&mut w, "Coward", rules::CLASS_WARRIOR, 5);
        w.char_from_room(me);
        w.char_to_room(me, NORTH);
        let dog = mob(&mut w);
        w.char_from_room(dog);
        w.char_to_room(dog, NORTH);
        fight(&mut w, me, dog);
        // Recall unlearned: 80 * 0 / 100 = 0, so it never fails.
        let floor = rules::exp_per_level(c(&w, me));
        if let Some(m) = w.ch_mut(me) {
            m.exp = floor + 10;
        }
        act_move::do_recall(&mut w, me, "");
        assert!(out(&mut w, me).contains("You recall from combat!"));
        assert_eq!(c(&w, me).room, Some(HERE));
        assert_eq!(c(&w, me).fighting, None);
        // 25 lost, but never below one level's worth (gain_exp's floor).
        assert_eq!(c(&w, me).exp, floor);
        assert_eq!(c(&w, me).mv, 50);
    }

    // --------------------------------------------------------- magic items

    #[test]
    fn quaffing_a_potion_casts_its_spell_and_uses_it_up() {
        let mut w = world(22);
        let me = pc(&mut w, "Drinker", rules::CLASS_WARRIOR, 10);
        if let Some(m) = w.ch_mut(me) {
            m.hit = 50;
        }
        let potion = give(&mut w, me, 53);
        act_magic_item::do_quaff(&mut w, me, "potion");
        // cure light at level 5: 1d8 + 1.
        let healed = c(&w, me).hit - 50;
        assert!((2..=9).contains(&healed), "{healed}");
        assert!(w.obj(potion).is_none());
        // Too strong a potion.
        let strong = give(&mut w, me, 53);
        if let Some(o) = w.obj_mut(strong) {
            o.level = 11;
        }
        out(&mut w, me);
        act_magic_item::do_quaff(&mut w, me, "potion");
        assert!(out(&mut w, me).contains("too powerful"));
        assert!(w.obj(strong).is_some());
        // The blind can still find a potion, and nothing else.
        w.extract_obj(strong);
        let bread = give(&mut w, me, 50);
        let potion = give(&mut w, me, 53);
        if let Some(m) = w.ch_mut(me) {
            m.affected_by |= aff::BLIND;
        }
        assert!(!w.can_see_obj(me, bread));
        act_magic_item::do_quaff(&mut w, me, "potion");
        assert!(w.obj(potion).is_none());
    }

    #[test]
    fn reciting_a_scroll() {
        let mut w = world(3);
        let me = pc(&mut w, "Reader", rules::CLASS_MAGE, 10);
        learn(&mut w, me, gsn::SCROLLS, 100);
        let scroll = give(&mut w, me, 54);
        act_magic_item::do_recite(&mut w, me, "scroll");
        assert!(w.is_affected(me, rules::skill_exact("armor").expect("armor")));
        assert!(w.obj(scroll).is_none());
        // With no skill the odds are 20 %: most readings fail, and the
        // scroll is gone either way.
        let other = pc(&mut w, "Dunce", rules::CLASS_MAGE, 10);
        let mut failed = 0;
        for _ in 0..20 {
            let s = give(&mut w, other, 54);
            act_magic_item::do_recite(&mut w, other, "scroll");
            assert!(w.obj(s).is_none());
            if out(&mut w, other).contains("You mispronounce a syllable.") {
                failed += 1;
            }
        }
        assert!(failed >= 10, "{failed}");
    }

    #[test]
    fn brandishing_a_staff() {
        let mut w = world(24);
        let me = pc(&mut w, "Cleric", rules::CLASS_CLERIC, 10);
        let friend = pc(&mut w, "Friend", rules::CLASS_WARRIOR, 10);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::STAVES, 100);
        for ch in [me, friend] {
            if let Some(m) = w.ch_mut(ch) {
                m.hit = 50;
            }
        }
        if let Some(m) = w.ch_mut(dog) {
            m.hit = 50;
        }
        act_magic_item::do_brandish(&mut w, me, "");
        assert_eq!(out(&mut w, me), "You hold nothing in your hand.\n");
        let staff = give(&mut w, me, 55);
        w.equip_char(me, staff, wear_loc::HOLD);
        act_magic_item::do_brandish(&mut w, me, "");
        assert_eq!(c(&w, me).wait, 24);
        // Defensive: every player, not the mob.
        assert!(c(&w, me).hit > 50);
        assert!(c(&w, friend).hit > 50);
        assert_eq!(c(&w, dog).hit, 50);
        assert_eq!(w.obj(staff).map(|o| o.values[2]), Some(1));
        act_magic_item::do_brandish(&mut w, me, "");
        assert!(w.obj(staff).is_none());
    }

    #[test]
    fn zapping_a_wand() {
        let mut w = world(25);
        let me = pc(&mut w, "Zapper", rules::CLASS_MAGE, 10);
        let dog = mob(&mut w);
        learn(&mut w, me, gsn::WANDS, 100);
        let wand = give(&mut w, me, 56);
        w.equip_char(me, wand, wear_loc::HOLD);
        act_magic_item::do_zap(&mut w, me, "");
        assert_eq!(out(&mut w, me), "Zap whom or what?\n");
        let before = c(&w, dog).hit;
        act_magic_item::do_zap(&mut w, me, "fido");
        assert_eq!(c(&w, me).wait, 24);
        assert!(c(&w, dog).hit < before);
        // The victim fights back, and the wand's one charge is spent.
        assert_eq!(c(&w, dog).fighting, Some(me));
        assert!(w.obj(wand).is_none());
    }
}
