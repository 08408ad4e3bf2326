//! "update.c": what happens as time passes, one pulse (a quarter second) at
//! a time.
//!
//! Every pulse: command lag (`wait`) and `daze` run down. Every
//! [`PULSE_MOBILE`]: mobiles wander. Every [`PULSE_TICK`] (one game hour):
//! the clock and sunlight, the weather (13.3), then the character tick —
//! regeneration (rom-mechanics 7.1), hunger and thirst, burning lights,
//! idle timers, affects wearing off, plague (hurting and spreading) or
//! poison, else the incapacitated and mortally wounded bleeding (7.4). Every [`PULSE_VIOLENCE`]: a combat round
//! (`fight::violence_update`). Every [`PULSE_AREA`]: areas age and reset
//! (12.1). The order is ROM's (1.2): areas, mobiles, violence, tick (the
//! clock, then [`char_update`], then [`obj_update`]: object timers and
//! decay, 8.4), then aggressive mobiles (`fight::aggr_update`, every pulse).
//!
//! Everything acts on `&mut World` only; saving and quitting idle players is
//! the `Game`'s part (it has the player directory and the connections).
//!
//! Departures from ROM: a plague of level 1 or less still hurts its carrier each tick as the spec says
//! (ROM's code skipped the damage then) and one of level 0 or less no
//! longer spreads (the spec's "level > 1"; ROM tested for exactly 1);
//! plague spreads to a room its carrier *walks* into
//! ([`plague_on_entry`], called by `move_char`), where ROM's
//! `char_to_room` also did it on recall, summons and the like.

use crate::game::skills::check_improve;
use crate::world::rules::gsn;
use std::time::{Duration, Instant};

use crate::world::act::{ActArgs, To};
use crate::world::rules;
use crate::world::{
    aff, item, pos, wear, wear_loc, AreaId, CharId, ObjId, ObjLoc, Position, RoomVnum, Size, World,
    ACT_INDOORS, ACT_OUTDOORS, ACT_STAY_AREA, LEVEL_IMMORTAL, ROOM_INDOORS, ROOM_NO_MOB,
    ROOM_VNUM_LIMBO, ROOM_VNUM_SCHOOL, STAT_CON, STAT_DEX, STAT_INT, STAT_WIS,
};
use crate::world::{Weather, SKY_CLOUDLESS, SKY_CLOUDY, SKY_LIGHTNING, SKY_RAINING};

pub const PULSE_PER_SECOND: u64 = 4;
pub const PULSE_VIOLENCE: u64 = 3 * PULSE_PER_SECOND;
pub const PULSE_MOBILE: u64 = 4 * PULSE_PER_SECOND;
pub const PULSE_TICK: u64 = 60 * PULSE_PER_SECOND;
pub const PULSE_MUSIC: u64 = 6 * PULSE_PER_SECOND;
pub const PULSE_AREA: u64 = 120 * PULSE_PER_SECOND;

/// Condition slots in `PcData::condition`.
pub use crate::world::{COND_DRUNK, COND_FULL, COND_HUNGER, COND_THIRST};

/// One combat round as timed by [`pulse`]: how long `violence_update` took
/// and how many characters were fighting when it began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViolenceRound {
    pub took: Duration,
    pub fighting: usize,
}

/// Rounds per [`ViolenceWindow`] summary (10 rounds: 30 seconds).
pub const VIOLENCE_WINDOW_ROUNDS: usize = 10;

/// The combat rounds of the last [`VIOLENCE_WINDOW_ROUNDS`], summed up in
/// one log line per window (none for a window in which nobody fought).
#[derive(Debug, Default)]
pub struct ViolenceWindow {
    took: Vec<Duration>,
    fighting_sum: usize,
    fighting_max: usize,
}

impl ViolenceWindow {
    /// Note one round; at the end of a window in which anybody fought,
    /// returns the summary line, e.g. `violence_update: 10 rounds in 30 s,
    /// p50 0.412 ms, max 1.204 ms, 498 fighting (max 512)`.
    pub fn record(&mut self, round: ViolenceRound) -> Option<String> {
        self.took.push(round.took);
        self.fighting_sum += round.fighting;
        self.fighting_max = self.fighting_max.max(round.fighting);
        if self.took.len() < VIOLENCE_WINDOW_ROUNDS {
            return None;
        }
        let line = (self.fighting_max > 0).then(|| {
            let n = self.took.len();
            self.took.sort_unstable();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let p50 = self.took.get((n - 1) / 2).copied().unwrap_or_default();
            let max = self.took.last().copied().unwrap_or_default();
            format!(
                "violence_update: {n} rounds in {} s, p50 {:.3} ms, max {:.3} ms, {} fighting (max {})",
                n as u64 * PULSE_VIOLENCE / PULSE_PER_SECOND,
                ms(p50),
                ms(max),
                self.fighting_sum / n,
                self.fighting_max
            )
        });
        self.took.clear();
        self.fighting_sum = 0;
        self.fighting_max = 0;
        line
    }
}

/// Advance the world by one pulse. On a combat pulse, returns how long
/// the round took (the caller logs it; the world does no I/O).
pub fn pulse(world: &mut World) -> Option<ViolenceRound> {
    let mut round = None;
    world.pulse += 1;
    for (_, c) in world.chars.iter_mut() {
        if c.wait > 0 {
            c.wait -= 1;
        }
        if c.daze > 0 {
            c.daze -= 1;
        }
    }
    if world.pulse.is_multiple_of(PULSE_AREA) {
        area_update(world);
    }
    if world.pulse.is_multiple_of(PULSE_MUSIC) {
        super::music::song_update(world);
    }
    if world.pulse.is_multiple_of(PULSE_MOBILE) {
        mobile_update(world);
    }
    if world.pulse.is_multiple_of(PULSE_VIOLENCE) {
        let fighting = world
            .chars
            .iter()
            .filter(|(_, c)| c.fighting.is_some())
            .count();
        let started = Instant::now();
        super::fight::violence_update(world);
        round = Some(ViolenceRound {
            took: started.elapsed(),
            fighting,
        });
    }
    if world.pulse.is_multiple_of(PULSE_TICK) {
        super::wiznet::wiznet(world, "TICK!", None, None, super::wiznet::TICKS, 0, 0);
        time_update(world);
        weather_update(world);
        char_update(world);
        obj_update(world);
    }
    super::fight::aggr_update(world);
    super::mob_prog::run_heard(world);
    round
}

// ------------------------------------------------------------------ areas

/// The area holding the mud school, which resets every few minutes.
fn school_area(world: &World) -> Option<AreaId> {
    world.room(ROOM_VNUM_SCHOOL).map(|r| r.area)
}

/// Area ageing and resets (rom-mechanics 12.1).
pub fn area_update(world: &mut World) {
    let school = school_area(world);
    for a in 0..world.areas.len() {
        let (age, empty, nplayer) = {
            let area = &mut world.areas[a];
            area.age += 1;
            (area.age, area.empty, area.nplayer)
        };
        if age < 3 {
            continue;
        }
        if !((!empty && (nplayer == 0 || age >= 15)) || age >= 31) {
            continue;
        }
        if nplayer > 0 {
            let awake: Vec<CharId> = world
                .players
                .iter()
                .copied()
                .filter(|&p| {
                    world.ch(p).is_some_and(|c| {
                        c.position > pos::SLEEPING
                            && c.room
                                .and_then(|r| world.room(r))
                                .is_some_and(|r| r.area.0 == a)
                    })
                })
                .collect();
            for p in awake {
                world.send(
                    p,
                    "Somewhere nearby, small things scurry back to where they belong.\n",
                );
            }
        }
        world.reset_area(AreaId(a));
        let line = format!("{} has just been reset.", world.areas[a].proto.name);
        super::wiznet::wiznet(world, &line, None, None, super::wiznet::RESETS, 0, 0);
        let new_age = world.rng.range(0, 3);
        let area = &mut world.areas[a];
        area.age = new_age;
        if school == Some(AreaId(a)) {
            area.age = 13;
            area.empty = false;
        } else if area.nplayer == 0 {
            area.empty = true;
        }
    }
}

// --------------------------------------------------------------- mobiles

/// ROM's mobile_update (rom-mechanics 10.2): for each uncharmed mobile in
/// an area with players (or flagged `update_always`), its special
/// procedure first (one that acted ends its turn), a shopkeeper's pay,
/// then, standing only, scavenging (1 in 64) and wandering: a non-sentinel
/// mobile, 1 time in 8, tries a random door (`number_bits(5)`, so most
/// tries find no exit) that is open and leads to a room not flagged
/// `no_mob` (its own area for `stay_area`, indoors/outdoors as flagged),
/// through the normal movement code.
pub fn mobile_update(world: &mut World) {
    let ids = world.chars.ids();
    for id in ids {
        // Uncharmed mobiles in occupied areas (or updated always) only.
        if !super::special::may_run(world, id) {
            continue;
        }
        // The special procedure first; one that acted ends the update.
        if super::special::run(world, id) {
            continue;
        }
        // A shopkeeper below its wealth is paid a little (rom-mechanics 9.1).
        super::act_shop::keeper_refill(world, id);
        if super::mob_prog::update_triggers(world, id) {
            continue;
        }
        let Some(c) = world.ch(id) else { continue };
        if c.position != pos::STANDING {
            continue;
        }
        let Some(here) = c.room else { continue };
        // Scavengers pick up the most valuable thing they may take.
        if c.act & crate::world::ACT_SCAVENGER != 0
            && world.room(here).is_some_and(|r| !r.contents.is_empty())
            && world.rng.range(0, 63) == 0
        {
            scavenge(world, id, here);
        }
        let Some(c) = world.ch(id) else { continue };
        if c.act & crate::world::ACT_SENTINEL != 0 || c.room != Some(here) {
            continue;
        }
        let Some(room) = world.room(here) else {
            continue;
        };
        let area = room.area;
        if world.rng.range(0, 7) != 0 {
            continue;
        }
        let door = world.rng.range(0, 31) as usize;
        if door > 5 {
            continue;
        }
        let Some(room) = world.room(here) else {
            continue;
        };
        let Some(exit) = room.exits[door].as_ref() else {
            continue;
        };
        if exit.is_closed() {
            continue;
        }
        let Some(to) = exit.to() else { continue };
        let Some(dest) = world.room(to) else { continue };
        let act = world.ch(id).map_or(0, |c| c.act);
        let indoors = dest.flags & ROOM_INDOORS != 0;
        // Only *stay_area* keeps a mobile in its own area (rom-mechanics 10.2).
        if dest.flags & ROOM_NO_MOB != 0
            || (act & ACT_STAY_AREA != 0 && dest.area != area)
            || (act & ACT_OUTDOORS != 0 && indoors)
            || (act & ACT_INDOORS != 0 && !indoors)
        {
            continue;
        }
        // The normal movement code: doors, private rooms and visibility
        // still apply, and followers come along.
        super::act_move::move_char(world, id, door, false);
    }
}

// ------------------------------------------------------------------ time

fn is_outside(world: &World, ch: CharId) -> bool {
    world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .is_some_and(crate::world::handler::room_is_outside)
}

/// A scavenger takes the costliest object on the floor that it may carry
/// off (takeable, nobody's corpse loot), as ROM's mobile_update does.
fn scavenge(world: &mut World, ch: CharId, room: crate::world::RoomVnum) {
    let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
    let contents = world
        .room(room)
        .map(|r| r.contents.clone())
        .unwrap_or_default();
    let mut best: Option<(ObjId, i32)> = None;
    for o in contents {
        let Some(obj) = world.obj(o) else { continue };
        let lootable = obj
            .owner
            .as_ref()
            .is_none_or(|w| w.eq_ignore_ascii_case(&name));
        if obj.wear_flags & wear::TAKE != 0 && lootable && obj.cost > best.map_or(1, |(_, c)| c) {
            best = Some((o, obj.cost));
        }
    }
    if let Some((o, _)) = best {
        world.obj_to_char(o, ch);
        world.act("$n gets $p.", ch, ActArgs::obj(o), To::Room);
    }
}

/// Tell every awake player outdoors.
fn tell_outdoors(world: &mut World, msg: &str) {
    let players = world.players.clone();
    for p in players {
        let awake = world.ch(p).is_some_and(|c| c.position > pos::SLEEPING);
        if awake && is_outside(world, p) {
            world.send(p, msg);
        }
    }
}

/// The sky a pressure gives (rom-mechanics 13.3, at boot).
fn sky_for(mmhg: i32) -> i32 {
    match mmhg {
        i32::MIN..=980 => SKY_LIGHTNING,
        981..=1000 => SKY_RAINING,
        1001..=1020 => SKY_CLOUDY,
        _ => SKY_CLOUDLESS,
    }
}

/// The weather at boot: pressure drawn by season, the sky from it.
pub fn weather_at_boot(world: &mut World) {
    let top = if (7..=12).contains(&world.month) {
        50
    } else {
        80
    };
    let mmhg = 960 + world.rng.range(1, top);
    world.weather = Weather {
        mmhg,
        change: 0,
        sky: sky_for(mmhg),
    };
}

/// One tick of weather (rom-mechanics 13.3): the pressure drifts toward
/// the season's mean, the sky follows it, and those outdoors hear of it.
pub fn weather_update(world: &mut World) {
    let mean_high = if (9..=16).contains(&world.month) {
        world.weather.mmhg > 985
    } else {
        world.weather.mmhg > 1015
    };
    let diff = if mean_high { -2 } else { 2 };
    let roll = diff * world.rng.dice(1, 4) + world.rng.dice(2, 6) - world.rng.dice(2, 6);
    let w = &mut world.weather;
    w.change = (w.change + roll).clamp(-12, 12);
    w.mmhg = (w.mmhg + w.change).clamp(960, 1040);
    let mmhg = w.mmhg;
    let chance = || world.rng.range(0, 3) == 0;
    let (sky, msg) = match world.weather.sky {
        SKY_CLOUDLESS if mmhg < 990 || (mmhg < 1010 && chance()) => {
            (SKY_CLOUDY, Some("The sky is getting cloudy.\n"))
        }
        SKY_CLOUDY => {
            if mmhg < 970 || (mmhg < 990 && chance()) {
                (SKY_RAINING, Some("It starts to rain.\n"))
            } else if mmhg > 1030 && chance() {
                (SKY_CLOUDLESS, Some("The clouds disappear.\n"))
            } else {
                (SKY_CLOUDY, None)
            }
        }
        SKY_RAINING => {
            if mmhg < 970 && chance() {
                (SKY_LIGHTNING, Some("Lightning flashes in the sky.\n"))
            } else if mmhg > 1030 || (mmhg > 1010 && chance()) {
                (SKY_CLOUDY, Some("The rain stopped.\n"))
            } else {
                (SKY_RAINING, None)
            }
        }
        SKY_LIGHTNING if mmhg > 1010 || (mmhg > 990 && chance()) => {
            (SKY_RAINING, Some("The lightning has stopped.\n"))
        }
        other => (other, None),
    };
    world.weather.sky = sky;
    if let Some(msg) = msg {
        tell_outdoors(world, msg);
    }
}

/// One game hour passes; sunrise and sunset are announced outdoors.
pub fn time_update(world: &mut World) {
    world.hour += 1;
    let msg = match world.hour {
        5 => Some("The day has begun.\n"),
        6 => Some("The sun rises in the east.\n"),
        19 => Some("The sun slowly disappears in the west.\n"),
        20 => Some("The night has begun.\n"),
        _ => None,
    };
    if world.hour >= 24 {
        world.hour = 0;
        world.day += 1;
        if world.day >= 35 {
            world.day = 0;
            world.month += 1;
            if world.month >= 17 {
                world.month = 0;
                world.year += 1;
            }
        }
    }
    if let Some(msg) = msg {
        tell_outdoors(world, msg);
    }
}

// ------------------------------------------------------------ characters

/// Class bonus to hit point regeneration (ROM's `hp_max - 10`).
fn class_hp_bonus(class: i32) -> i32 {
    rules::class_by_number(class).map_or(0, |k| k.hp_max - 10)
}

/// A mobile's hit point or mana gain `g`, scaled by position.
fn npc_position_share(g: i32, position: Position) -> i32 {
    match position {
        pos::SLEEPING => g * 3 / 2,
        pos::RESTING => g,
        pos::FIGHTING => g / 3,
        _ => g / 2,
    }
}

/// A player's hit point or mana gain `g`, cut by position (sleep keeps it all).
fn pc_position_share(g: i32, position: Position) -> i32 {
    match position {
        pos::SLEEPING => g,
        pos::RESTING => g / 2,
        pos::FIGHTING => g / 6,
        _ => g / 4,
    }
}

/// Multiply by a furniture value (percent) and the room's rate.
fn place_factor(world: &World, ch: CharId, gain: i32, mana: bool) -> i32 {
    let Some(c) = world.ch(ch) else { return gain };
    let mut gain = gain;
    if let Some(r) = c.room.and_then(|r| world.room(r)) {
        let rate = if mana { r.mana_rate } else { r.heal_rate };
        gain = gain * rate / 100;
    }
    if let Some(o) = c.on.and_then(|o| world.obj(o)) {
        if o.item_type == item::FURNITURE {
            let v = if mana { o.values[4] } else { o.values[3] } as i32;
            gain = gain * v / 100;
        }
    }
    if c.is_affected(aff::POISON) {
        gain /= 4;
    }
    if c.is_affected(aff::PLAGUE) {
        gain /= 8;
    }
    if c.is_affected(aff::HASTE) || c.is_affected(aff::SLOW) {
        gain /= 2;
    }
    gain
}

/// Hit points regained this tick (rom-mechanics 7.1): fast healing may
/// add up to its percentage (and improve while hurt), the regeneration bit
/// doubles a mobile's gain.
pub fn hit_gain(world: &mut World, ch: CharId) -> i32 {
    let Some(c) = world.ch(ch) else { return 0 };
    let gain = if c.is_npc() {
        let mut g = 5 + c.level;
        if c.is_affected(aff::REGENERATION) {
            g *= 2;
        }
        npc_position_share(g, c.position)
    } else {
        let (level, class, position, hurt) = (c.level, c.class, c.position, c.hit < c.max_hit);
        let con = world.get_curr_stat(ch, STAT_CON);
        let mut g = (con - 3 + level / 2).max(3) + class_hp_bonus(class);
        let n = world.rng.percent();
        if n < world.get_skill(ch, gsn::FAST_HEALING) {
            g += n * g / 100;
            if hurt {
                check_improve(world, ch, gsn::FAST_HEALING, true, 8);
            }
        }
        let Some(c) = world.ch(ch) else { return 0 };
        hunger_factor(c, pc_position_share(g, position))
    };
    let Some(c) = world.ch(ch) else { return 0 };
    place_factor(world, ch, gain, false)
        .min(c.max_hit - c.hit)
        .max(0)
}

/// Mana regained this tick: meditation may add up to its percentage (and
/// improve while mana is not full).
pub fn mana_gain(world: &mut World, ch: CharId) -> i32 {
    let Some(c) = world.ch(ch) else { return 0 };
    let gain = if c.is_npc() {
        npc_position_share(5 + c.level, c.position)
    } else {
        let (level, class, position, low) = (c.level, c.class, c.position, c.mana < c.max_mana);
        let (wis, int) = (
            world.get_curr_stat(ch, STAT_WIS),
            world.get_curr_stat(ch, STAT_INT),
        );
        let mut g = (wis + int + level) / 2;
        let n = world.rng.percent();
        if n < world.get_skill(ch, gsn::MEDITATION) {
            g += n * g / 100;
            if low {
                check_improve(world, ch, gsn::MEDITATION, true, 8);
            }
        }
        // Thieves and warriors do not gain mana by class.
        if rules::class_by_number(class).is_some_and(|k| !k.gains_mana) {
            g /= 2;
        }
        let Some(c) = world.ch(ch) else { return 0 };
        hunger_factor(c, pc_position_share(g, position))
    };
    let Some(c) = world.ch(ch) else { return 0 };
    place_factor(world, ch, gain, true)
        .min(c.max_mana - c.mana)
        .max(0)
}

/// Movement regained this tick.
pub fn move_gain(world: &mut World, ch: CharId) -> i32 {
    let Some(c) = world.ch(ch) else { return 0 };
    let gain = if c.is_npc() {
        c.level
    } else {
        let dex = world.get_curr_stat(ch, STAT_DEX);
        let mut g = c.level.max(15);
        match c.position {
            pos::SLEEPING => g += dex,
            pos::RESTING => g += dex / 2,
            _ => {}
        }
        hunger_factor(c, g)
    };
    place_factor(world, ch, gain, false)
        .min(c.max_mv - c.mv)
        .max(0)
}

fn hunger_factor(c: &crate::world::Char, mut g: i32) -> i32 {
    if let Some(pc) = c.pc.as_ref() {
        if pc.condition[COND_HUNGER] == 0 {
            g /= 2;
        }
        if pc.condition[COND_THIRST] == 0 {
            g /= 2;
        }
    }
    g
}

/// Change one condition (players below immortal only; -1 never changes).
pub fn gain_condition(world: &mut World, ch: CharId, which: usize, delta: i32) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() || c.level >= LEVEL_IMMORTAL {
        return;
    }
    let Some(pc) = c.pc.as_mut() else { return };
    let old = pc.condition[which];
    if old == -1 {
        return;
    }
    let new = (old + delta).clamp(0, 48);
    pc.condition[which] = new;
    if new == 0 {
        let msg = match which {
            COND_HUNGER => Some("You are hungry.\n"),
            COND_THIRST => Some("You are thirsty.\n"),
            COND_DRUNK if old != 0 => Some("You are sober.\n"),
            _ => None,
        };
        if let Some(m) = msg {
            world.send(ch, m);
        }
    }
}

/// The character tick: regeneration, lights, idle timers, conditions.
pub fn char_update(world: &mut World) {
    let ids = world.chars.ids();
    for ch in ids {
        let Some(c) = world.ch(ch) else { continue };
        if c.position >= pos::STUNNED {
            let (h, m, v) = (
                hit_gain(world, ch),
                mana_gain(world, ch),
                move_gain(world, ch),
            );
            if let Some(c) = world.ch_mut(ch) {
                c.hit = if c.hit < c.max_hit {
                    c.hit + h
                } else {
                    c.max_hit
                };
                c.mana = if c.mana < c.max_mana {
                    c.mana + m
                } else {
                    c.max_mana
                };
                c.mv = if c.mv < c.max_mv { c.mv + v } else { c.max_mv };
            }
        }
        // A stunned character is looked at again (7.4 step 3).
        if world.ch(ch).is_some_and(|c| c.position == pos::STUNNED) {
            world.update_pos(ch);
        }
        let Some(c) = world.ch(ch) else { continue };
        if !c.is_npc() {
            player_tick(world, ch);
        }
        world.affect_tick(ch);
        // Damage over time (7.4 step 6): plague, else poison, else the
        // badly hurt bleed.
        let Some(c) = world.ch(ch) else { continue };
        let plagued = c.affects.iter().any(|a| a.skill == rules::gsn::PLAGUE);
        let poisoned = c.is_affected(aff::POISON) && !c.is_affected(aff::SLOW);
        if plagued {
            plague_tick(world, ch);
        } else if poisoned {
            poison_tick(world, ch);
        } else {
            match world.ch(ch).map(|c| c.position) {
                Some(pos::INCAP) if world.rng.range(0, 1) == 0 => bleed(world, ch),
                Some(pos::MORTAL) => bleed(world, ch),
                _ => {}
            }
        }
    }
}

/// A plagued character's tick (rom-mechanics 7.4): it suffers in front
/// of the room; while its plague's level is above 1 it may pass it on
/// (level − 1, duration `number_range(1, 2 × (level − 1))`, str −5) to
/// each other mortal here who is not plagued, fails a save at
/// `level − 3` against disease and loses a 1-in-16 roll; then it loses
/// `min(level, plague level/5 + 1)` mana, move and hit points.
fn plague_tick(world: &mut World, ch: CharId) {
    use crate::world::DAM_DISEASE;
    let Some(c) = world.ch(ch) else { return };
    let Some(room) = c.room else { return };
    let Some(level) = c
        .affects
        .iter()
        .find(|a| a.skill == rules::gsn::PLAGUE)
        .map(|a| a.level)
    else {
        return;
    };
    let ch_level = c.level;
    world.act(
        "$n writhes in agony as plague sores break open on $s skin.",
        ch,
        ActArgs::default(),
        To::Room,
    );
    world.send(ch, "You writhe in agony from the plague.\n");
    spread_plague(world, room, level, 4);
    let dam = ch_level.min(level / 5 + 1);
    if let Some(c) = world.ch_mut(ch) {
        c.mana -= dam;
        c.mv -= dam;
    }
    super::fight::damage(world, ch, ch, dam, rules::gsn::PLAGUE.0, DAM_DISEASE, false);
}

/// A plagued character arrives in `room` (ROM's `char_to_room`): the
/// same contagion as the tick, but one time in 64.
pub fn plague_on_entry(world: &mut World, ch: CharId) {
    let Some(c) = world.ch(ch) else { return };
    if !c.is_affected(aff::PLAGUE) {
        return;
    }
    let Some(room) = c.room else { return };
    let Some(level) = c
        .affects
        .iter()
        .find(|a| a.skill == rules::gsn::PLAGUE)
        .map(|a| a.level)
    else {
        return;
    };
    spread_plague(world, room, level, 6);
}

/// Plague of `level` passes to those in `room` (the carrier is already
/// plagued and immune to it): while `level > 1`, each who fails a save at
/// `level − 3` vs disease, is mortal, not plagued, and rolls 0 on
/// `number_bits(bits)` catches it at `level − 1` for
/// `number_range(1, 2 × (level − 1))` ticks (str −5), joined.
fn spread_plague(world: &mut World, room: RoomVnum, level: i32, bits: u32) {
    use super::magic::saves_spell;
    use crate::world::{apply, to, Affect, DAM_DISEASE};
    if level <= 1 {
        return;
    }
    let plague = Affect {
        where_: to::AFFECTS,
        skill: rules::gsn::PLAGUE,
        level: level - 1,
        duration: world.rng.range(1, 2 * (level - 1)),
        location: apply::STR,
        modifier: -5,
        bits: aff::PLAGUE,
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for vch in people {
        if saves_spell(world, plague.level - 2, vch, DAM_DISEASE) {
            continue;
        }
        let Some(v) = world.ch(vch) else { continue };
        if v.is_immortal() || v.is_affected(aff::PLAGUE) || world.rng.bits(bits) != 0 {
            continue;
        }
        world.send(vch, "A burning fever comes over you.\n");
        world.act(
            "$n shivers and looks very ill.",
            vch,
            ActArgs::default(),
            To::Room,
        );
        world.affect_join(vch, plague.clone());
    }
}

/// A poisoned (and not slowed) character's tick: `poison level/10 + 1`
/// poison damage to itself.
fn poison_tick(world: &mut World, ch: CharId) {
    let Some(level) = world.ch(ch).and_then(|c| {
        c.affects
            .iter()
            .find(|a| a.skill == rules::gsn::POISON)
            .map(|a| a.level)
    }) else {
        return;
    };
    world.act("$n shivers and suffers.", ch, ActArgs::default(), To::Room);
    world.send(ch, "You shiver and suffer.\n");
    super::fight::damage(
        world,
        ch,
        ch,
        level / 10 + 1,
        rules::gsn::POISON.0,
        crate::world::DAM_POISON,
        false,
    );
}

/// One point of bleeding for the incapacitated or mortally wounded: ROM's
/// `damage(ch, ch, 1, TYPE_UNDEFINED, DAM_NONE, FALSE)` (7.4), with its
/// position messages, and death at -11.
fn bleed(world: &mut World, ch: CharId) {
    use super::fight::{damage, TYPE_UNDEFINED};
    damage(
        world,
        ch,
        ch,
        1,
        TYPE_UNDEFINED,
        crate::world::DAM_NONE,
        false,
    );
}

/// A player's part of the tick: lights, idle timer, conditions.
fn player_tick(world: &mut World, ch: CharId) {
    let Some(c) = world.ch(ch) else { return };
    if c.get_trust() >= LEVEL_IMMORTAL {
        if let Some(c) = world.ch_mut(ch) {
            c.timer = 0;
        }
        return;
    }
    burn_light(world, ch);
    let big = world.ch(ch).is_some_and(|c| c.size > Size::Medium);
    if let Some(c) = world.ch_mut(ch) {
        c.timer += 1;
    }
    gain_condition(world, ch, COND_DRUNK, -1);
    gain_condition(world, ch, COND_FULL, if big { -4 } else { -2 });
    gain_condition(world, ch, COND_THIRST, -1);
    gain_condition(world, ch, COND_HUNGER, if big { -2 } else { -1 });
}

/// A worn light burns an hour; at 0 it goes out and is destroyed.
fn burn_light(world: &mut World, ch: CharId) {
    let Some(light) = world.get_eq_char(ch, wear_loc::LIGHT) else {
        return;
    };
    let Some(o) = world.obj_mut(light) else {
        return;
    };
    if o.item_type != item::LIGHT || o.values[2] <= 0 {
        return;
    }
    o.values[2] -= 1;
    let left = o.values[2];
    let room = world.ch(ch).and_then(|c| c.room);
    if left == 0 {
        if let Some(r) = room.and_then(|r| world.room_mut(r)) {
            r.light = (r.light - 1).max(0);
        }
        world.act("$p goes out.", ch, ActArgs::obj(light), To::Room);
        world.act(
            "$p flickers and goes out.",
            ch,
            ActArgs::obj(light),
            To::Char,
        );
        world.extract_obj(light);
    } else if left <= 5 {
        world.act("$p flickers.", ch, ActArgs::obj(light), To::Char);
    }
}

// --------------------------------------------------------------- objects

/// What ROM's obj_update says when `o` decays (rom-mechanics 8.4).
fn decay_message(o: &crate::world::Obj) -> &'static str {
    match o.item_type {
        item::FOUNTAIN => "$p dries up.",
        item::CORPSE_NPC | item::CORPSE_PC => "$p decays into dust.",
        item::FOOD => "$p decomposes.",
        item::POTION => "$p has evaporated from disuse.",
        item::PORTAL => "$p fades out of existence.",
        item::CONTAINER if o.wear_flags & wear::FLOAT != 0 => {
            if o.contains.is_empty() {
                "$p flickers and vanishes."
            } else {
                "$p flickers and vanishes, spilling its contents on the floor."
            }
        }
        _ => "$p crumbles into dust.",
    }
}

/// The object tick (rom-mechanics 8.4): every timer counts down, and an
/// object whose timer reaches 0 decays with its item type's message. The
/// message goes to the carrier (and the room for a floating item) or to the
/// room the object lies in; objects inside containers go silently, as in
/// ROM. A shopkeeper is paid `cost / 5` silver instead of told. A pc corpse
/// or a floating container spills its contents where it is; anything else
/// takes its contents with it.
///
/// Before that, the object's affects age (`World::obj_affect_tick`).
pub fn obj_update(world: &mut World) {
    for obj in world.objs.ids() {
        world.obj_affect_tick(obj);
        let Some(o) = world.obj_mut(obj) else {
            continue;
        };
        if o.timer <= 0 {
            continue;
        }
        o.timer -= 1;
        if o.timer > 0 {
            continue;
        }
        decay(world, obj);
    }
}

/// One object's end: message, spill, extract.
fn decay(world: &mut World, obj: ObjId) {
    let Some(o) = world.obj(obj) else { return };
    let message = decay_message(o);
    let (loc, floating, spills) = (
        o.loc,
        o.wear_loc == wear_loc::FLOAT,
        o.item_type == item::CORPSE_PC || o.wear_loc == wear_loc::FLOAT,
    );
    let cost = o.cost;
    match loc {
        ObjLoc::Carried(carrier) => {
            let shopkeeper = world.ch(carrier).is_some_and(|c| {
                c.vnum
                    .and_then(|v| world.mob_index.get(&v))
                    .is_some_and(|m| m.proto.shop.is_some())
            });
            if shopkeeper {
                if let Some(c) = world.ch_mut(carrier) {
                    c.silver += i64::from(cost / 5);
                }
            } else {
                world.act(message, carrier, ActArgs::obj(obj), To::Char);
                if floating {
                    world.act(message, carrier, ActArgs::obj(obj), To::Room);
                }
            }
        }
        ObjLoc::Room(r) => {
            if let Some(&rch) = world.room(r).and_then(|r| r.people.first()) {
                world.act(message, rch, ActArgs::obj(obj), To::Room);
                world.act(message, rch, ActArgs::obj(obj), To::Char);
            }
        }
        ObjLoc::In(_) | ObjLoc::Nowhere => {}
    }
    if spills {
        let contents = world
            .obj(obj)
            .map(|o| o.contains.clone())
            .unwrap_or_default();
        for t in contents {
            match loc {
                ObjLoc::In(container) => world.obj_to_obj(t, container),
                ObjLoc::Carried(carrier) if floating => {
                    match world.ch(carrier).and_then(|c| c.room) {
                        Some(r) => world.obj_to_room(t, r),
                        None => world.extract_obj(t),
                    }
                }
                ObjLoc::Carried(carrier) => world.obj_to_char(t, carrier),
                ObjLoc::Room(r) => world.obj_to_room(t, r),
                ObjLoc::Nowhere => world.extract_obj(t),
            }
        }
    }
    world.extract_obj(obj);
}

// ------------------------------------------------------------------ void

/// Move an idle player into limbo, remembering where they were.
pub fn send_to_void(world: &mut World, ch: CharId) {
    if !world.rooms.contains_key(&ROOM_VNUM_LIMBO) {
        return;
    }
    let Some(here) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    if here == ROOM_VNUM_LIMBO {
        return;
    }
    world.act(
        "$n disappears into the void.",
        ch,
        ActArgs::default(),
        To::Room,
    );
    world.send(ch, "You disappear into the void.\n");
    if world.ch(ch).is_some_and(|c| c.fighting.is_some()) {
        world.stop_fighting(ch, true);
    }
    if let Some(c) = world.ch_mut(ch) {
        if let Some(pc) = c.pc.as_mut() {
            pc.saved_room = Some(here);
        }
    }
    world.char_to_room(ch, ROOM_VNUM_LIMBO);
}

/// Bring a player back from the void when they type something.
pub fn return_from_void(world: &mut World, ch: CharId) {
    let Some(c) = world.ch(ch) else { return };
    if c.room != Some(ROOM_VNUM_LIMBO) {
        return;
    }
    let Some(back) = c.pc.as_ref().and_then(|p| p.saved_room) else {
        return;
    };
    if let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        pc.saved_room = None;
    }
    world.char_to_room(ch, back);
    world.act(
        "$n has returned from the void.",
        ch,
        ActArgs::default(),
        To::Room,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{
        AreaProto, ExitProto, MobProto, MobVnum, PcData, Protos, RoomProto, RoomVnum,
    };

    #[test]
    fn violence_window_logs_only_when_somebody_fought() {
        let mut w = ViolenceWindow::default();
        let round = |ms: u64, fighting| ViolenceRound {
            took: Duration::from_millis(ms),
            fighting,
        };
        for _ in 0..VIOLENCE_WINDOW_ROUNDS {
            assert_eq!(w.record(round(1, 0)), None);
        }
        for k in 1..VIOLENCE_WINDOW_ROUNDS as u64 {
            assert_eq!(w.record(round(k, 4)), None);
        }
        let line = w.record(round(20, 6)).unwrap_or_default();
        assert_eq!(
            line,
            "violence_update: 10 rounds in 30 s, p50 5.000 ms, max 20.000 ms, 4 fighting (max 6)"
        );
    }

    fn world_two_rooms() -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 99,
            ..Default::default()
        });
        p.areas.push(AreaProto {
            name: "Other".into(),
            low_vnum: 100,
            high_vnum: 199,
            ..Default::default()
        });
        for (v, area) in [(2, 0), (10, 0), (11, 0), (100, 1)] {
            p.rooms.insert(
                RoomVnum(v),
                RoomProto {
                    vnum: RoomVnum(v),
                    area: AreaId(area),
                    name: format!("Room {v}"),
                    sector: 1,
                    heal_rate: 100,
                    mana_rate: 100,
                    ..Default::default()
                },
            );
        }
        // 10 <-> 11 north/south, 10 -> 100 east (other area).
        let exit = |to: i32| {
            Some(ExitProto {
                to: Some(RoomVnum(to)),
                ..Default::default()
            })
        };
        if let Some(r) = p.rooms.get_mut(&RoomVnum(10)) {
            r.exits[0] = exit(11);
            r.exits[1] = exit(100);
        }
        if let Some(r) = p.rooms.get_mut(&RoomVnum(11)) {
            r.exits[2] = exit(10);
        }
        p.mobs.insert(
            MobVnum(50),
            MobProto {
                vnum: MobVnum(50),
                keywords: "rat".into(),
                short_descr: "a rat".into(),
                act: ACT_STAY_AREA,
                level: 1,
                start_pos: pos::STANDING,
                default_pos: pos::STANDING,
                ..Default::default()
            },
        );
        World::new(p, 7)
    }

    fn player(world: &mut World, room: i32) -> CharId {
        let c = crate::world::Char {
            name: "Tester".into(),
            pc: Some(Box::new(PcData {
                condition: [0, 48, 48, 48],
                ..Default::default()
            })),
            level: 5,
            hit: 1,
            max_hit: 100,
            mana: 1,
            max_mana: 100,
            mv: 1,
            max_mv: 100,
            perm_stat: [13; 5],
            position: pos::STANDING,
            conn: Some(crate::world::ConnId(1)),
            ..Default::default()
        };
        let id = world.chars.insert(c);
        world.players.push(id);
        world.char_to_room(id, RoomVnum(room));
        id
    }

    #[test]
    fn wait_and_daze_run_down_each_pulse() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        if let Some(c) = w.ch_mut(p) {
            c.wait = 2;
            c.daze = 1;
        }
        pulse(&mut w);
        assert_eq!(w.ch(p).map(|c| (c.wait, c.daze)), Some((1, 0)));
        pulse(&mut w);
        assert_eq!(w.ch(p).map(|c| c.wait), Some(0));
    }

    #[test]
    fn tick_regenerates_by_rom_formula_and_ages_timer() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        // Standing player, CON 13, level 5, class mage: max(3, 13-3+2) - 2 = 10, /4 = 2.
        assert_eq!(hit_gain(&mut w, p), 2);
        // Mana: (13 + 13 + 5) / 2 = 15, /4 = 3.
        assert_eq!(mana_gain(&mut w, p), 3);
        // Move: max(15, 5) = 15.
        assert_eq!(move_gain(&mut w, p), 15);
        if let Some(c) = w.ch_mut(p) {
            c.position = pos::SLEEPING;
        }
        assert_eq!(hit_gain(&mut w, p), 10);
        w.pulse = PULSE_TICK - 1;
        pulse(&mut w);
        let c = w.ch(p).cloned().unwrap_or_default();
        assert_eq!(c.hit, 11);
        assert_eq!(c.timer, 1);
        assert_eq!(c.pc.map(|p| p.condition), Some([0, 46, 47, 47]));
    }

    fn affect(skill: rules::Sn, level: i32, bits: crate::world::Flags) -> crate::world::Affect {
        crate::world::Affect {
            where_: crate::world::to::AFFECTS,
            skill,
            level,
            duration: 10,
            location: crate::world::apply::STR,
            modifier: -5,
            bits,
        }
    }

    /// Plague (rom-mechanics 7.4): min(level, af.level/5 + 1) off hit
    /// points, mana and move; it spreads to the unplagued at level − 1 for
    /// 1..=2(level − 1) ticks, one time in sixteen (after a save).
    #[test]
    fn plague_hurts_and_spreads_in_the_tick() {
        let mut w = world_two_rooms();
        let sick = player(&mut w, 10);
        let healthy = player(&mut w, 10);
        let imm = player(&mut w, 10);
        for (c, level) in [(sick, 5), (healthy, 5), (imm, LEVEL_IMMORTAL)] {
            if let Some(c) = w.ch_mut(c) {
                c.level = level;
                c.hit = 100;
                c.mana = 100;
                c.mv = 100;
            }
        }
        w.affect_to_char(sick, affect(rules::gsn::PLAGUE, 40, aff::PLAGUE));
        plague_tick(&mut w, sick);
        // min(5, 40/5 + 1 = 9) = 5.
        let c = w.ch(sick).cloned().unwrap_or_default();
        assert_eq!((c.hit, c.mana, c.mv), (95, 95, 95));
        let mut ticks = 0;
        while !w.is_affected(healthy, rules::gsn::PLAGUE) {
            plague_tick(&mut w, sick);
            if let Some(c) = w.ch_mut(sick) {
                c.hit = 100;
            }
            ticks += 1;
            assert!(ticks < 500);
        }
        let a = w.ch(healthy).map(|c| c.affects[0].clone());
        let Some(a) = a else { panic!("no plague") };
        assert_eq!((a.level, a.modifier, a.bits), (39, -5, aff::PLAGUE));
        assert!((1..=78).contains(&a.duration), "{}", a.duration);
        assert!(
            !w.is_affected(imm, rules::gsn::PLAGUE),
            "immortals are spared"
        );
        // at level 1 it no longer spreads, but still hurts.
        let mut w = world_two_rooms();
        let sick = player(&mut w, 10);
        let healthy = player(&mut w, 10);
        if let Some(c) = w.ch_mut(sick) {
            c.hit = 100;
        }
        w.affect_to_char(sick, affect(rules::gsn::PLAGUE, 1, aff::PLAGUE));
        for _ in 0..200 {
            plague_tick(&mut w, sick);
        }
        assert!(!w.is_affected(healthy, rules::gsn::PLAGUE));
        assert!(w.ch(sick).is_some_and(|c| c.hit < 100));
    }

    /// Walking into a room while plagued: one in 64 per occupant.
    #[test]
    fn plague_spreads_to_the_room_its_carrier_walks_into() {
        let mut w = world_two_rooms();
        let sick = player(&mut w, 10);
        let there = player(&mut w, 11);
        w.affect_to_char(sick, affect(rules::gsn::PLAGUE, 40, aff::PLAGUE));
        let mut moves = 0;
        while !w.is_affected(there, rules::gsn::PLAGUE) {
            if let Some(c) = w.ch_mut(sick) {
                c.mv = 100;
            }
            let dir = if w.ch(sick).and_then(|c| c.room) == Some(RoomVnum(10)) {
                0
            } else {
                2
            };
            super::super::act_move::move_char(&mut w, sick, dir, false);
            moves += 1;
            assert!(moves < 3000);
        }
        assert!(moves > 2, "one in 64 is not every time ({moves})");
        let a = w.ch(there).map(|c| c.affects[0].level);
        assert_eq!(a, Some(39));
    }

    /// Poison: level/10 + 1 damage in the tick, none while slowed, and
    /// the plague comes first.
    #[test]
    fn poison_hurts_each_tick_unless_slowed() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        let mut af = affect(rules::gsn::POISON, 30, aff::POISON);
        af.duration = 50;
        w.affect_to_char(p, af);
        let before = |w: &World| w.ch(p).map_or(0, |c| c.hit);
        if let Some(c) = w.ch_mut(p) {
            c.hit = 50;
            c.max_hit = 50;
        }
        char_update(&mut w);
        // full hp: no regeneration; 30/10 + 1 = 4.
        assert_eq!(before(&w), 46);
        if let Some(c) = w.ch_mut(p) {
            c.hit = 50;
            c.affected_by |= aff::SLOW;
        }
        char_update(&mut w);
        assert_eq!(before(&w), 50, "slowed: the poison waits");
        if let Some(c) = w.ch_mut(p) {
            c.affected_by &= !aff::SLOW;
        }
        w.affect_to_char(p, affect(rules::gsn::PLAGUE, 10, aff::PLAGUE));
        char_update(&mut w);
        // plague instead of poison: min(5, 10/5 + 1) = 3.
        assert_eq!(before(&w), 47);
    }

    #[test]
    fn the_weather_follows_the_pressure() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        w.month = 3;
        // Low pressure turns a clear sky cloudy at once (mmhg < 990).
        w.weather = Weather {
            mmhg: 970,
            change: 0,
            sky: SKY_CLOUDLESS,
        };
        weather_update(&mut w);
        assert_eq!(w.weather.sky, SKY_CLOUDY);
        // The pressure moved by `change`, itself within -12..=12.
        assert!((-12..=12).contains(&w.weather.change));
        assert_eq!(w.weather.mmhg, (970 + w.weather.change).clamp(960, 1040));
        // Lightning stops above 1010 without fail; the pressure stays in bounds.
        w.weather = Weather {
            mmhg: 1040,
            change: 12,
            sky: SKY_LIGHTNING,
        };
        weather_update(&mut w);
        assert_eq!(w.weather.sky, SKY_RAINING);
        assert!(w.weather.mmhg <= 1040);
        // Over many ticks pressure and change stay bounded and drift.
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..2000 {
            weather_update(&mut w);
            assert!((960..=1040).contains(&w.weather.mmhg));
            assert!((-12..=12).contains(&w.weather.change));
            seen.insert(w.weather.sky);
        }
        assert_eq!(seen.len(), 4, "every sky comes round: {seen:?}");
        let out = w.ch(p).map(|c| c.output.clone()).unwrap_or_default();
        assert!(
            out.contains("It starts to rain.") && out.contains("The rain stopped."),
            "{out}"
        );
        // Boot draws 961..=1040 in months 0-6 and 961..=1010 in 7-12.
        w.month = 8;
        for _ in 0..200 {
            weather_at_boot(&mut w);
            assert!((961..=1010).contains(&w.weather.mmhg));
            assert_eq!(w.weather.sky, sky_for(w.weather.mmhg));
        }
        assert_eq!(
            (sky_for(980), sky_for(981), sky_for(1020), sky_for(1021)),
            (3, 2, 1, 0)
        );
    }

    #[test]
    fn fast_healing_meditation_and_ailments_shape_the_gain() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        if let Some(c) = w.ch_mut(p) {
            c.position = pos::SLEEPING;
            c.level = 30;
            c.max_hit = 1000;
            c.max_mana = 1000;
            c.max_mv = 1000;
            c.hit = 1;
            c.mana = 1;
            c.mv = 1;
        }
        // Sleeping level-30 mage, CON 13: max(3, 13 - 3 + 15) - 2 = 23.
        assert_eq!(hit_gain(&mut w, p), 23);
        // Mana: (13 + 13 + 30) / 2 = 28.
        assert_eq!(mana_gain(&mut w, p), 28);
        // With both skills at 100 % the gain grows by a random n % (n < 100).
        if let Some(pc) = w.ch_mut(p).and_then(|c| c.pc.as_deref_mut()) {
            pc.learned.insert(gsn::FAST_HEALING, 100);
            pc.learned.insert(gsn::MEDITATION, 100);
        }
        let (mut hits, mut manas) = (Vec::new(), Vec::new());
        for _ in 0..200 {
            hits.push(hit_gain(&mut w, p));
            manas.push(mana_gain(&mut w, p));
        }
        assert!(hits.iter().all(|&g| (23..=23 + 23 * 99 / 100).contains(&g)));
        assert!(manas
            .iter()
            .all(|&g| (28..=28 + 28 * 99 / 100).contains(&g)));
        assert!(hits.iter().any(|&g| g > 35) && manas.iter().any(|&g| g > 42));
        if let Some(pc) = w.ch_mut(p).and_then(|c| c.pc.as_deref_mut()) {
            pc.learned.clear();
        }
        // Poison /4, plague /8, haste or slow /2, on every gain.
        for (bit, div) in [
            (aff::POISON, 4),
            (aff::PLAGUE, 8),
            (aff::HASTE, 2),
            (aff::SLOW, 2),
        ] {
            if let Some(c) = w.ch_mut(p) {
                c.affected_by |= bit;
            }
            assert_eq!(hit_gain(&mut w, p), 23 / div, "{bit:#x}");
            assert_eq!(mana_gain(&mut w, p), 28 / div, "{bit:#x}");
            // Move: max(15, 30) + DEX 13 asleep = 43.
            assert_eq!(move_gain(&mut w, p), 43 / div, "{bit:#x}");
            if let Some(c) = w.ch_mut(p) {
                c.affected_by &= !bit;
            }
        }
        // A mobile: 5 + level, doubled by the regeneration bit, standing /2.
        let mob = w.chars.insert(crate::world::Char {
            level: 10,
            position: pos::STANDING,
            max_hit: 1000,
            hit: 1,
            ..Default::default()
        });
        w.char_to_room(mob, RoomVnum(10));
        assert_eq!(hit_gain(&mut w, mob), 7);
        if let Some(c) = w.ch_mut(mob) {
            c.affected_by |= aff::REGENERATION;
        }
        assert_eq!(hit_gain(&mut w, mob), 15);
    }

    #[test]
    fn hunger_at_zero_halves_gain() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        // As a file from before the floor (or, later, a day without food).
        if let Some(pc) = w.ch_mut(p).and_then(|c| c.pc.as_mut()) {
            pc.condition[COND_HUNGER] = 0;
        }
        if let Some(c) = w.ch_mut(p) {
            c.position = pos::SLEEPING;
        }
        assert_eq!(hit_gain(&mut w, p), 5);
    }

    #[test]
    fn mobiles_wander_only_within_their_area_with_messages() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 11);
        let rat = w
            .create_mobile(MobVnum(50))
            .unwrap_or_else(|| panic!("no rat"));
        w.char_to_room(rat, RoomVnum(10));
        w.areas[0].empty = false;
        let mut seen_11 = false;
        for _ in 0..2000 {
            mobile_update(&mut w);
            let r = w.ch(rat).and_then(|c| c.room);
            assert_ne!(r, Some(RoomVnum(100)), "the rat left its area");
            seen_11 |= r == Some(RoomVnum(11));
        }
        assert!(seen_11, "the rat never moved");
        let out = w.ch(p).map(|c| c.output.clone()).unwrap_or_default();
        assert!(
            out.contains("A rat has arrived.") && out.contains("A rat leaves south."),
            "{out}"
        );
    }

    /// Only `stay_area` keeps a mobile home; others wander where exits go.
    #[test]
    fn only_stay_area_mobiles_stay_in_their_area() {
        let mut w = world_two_rooms();
        let rat = w
            .create_mobile(MobVnum(50))
            .unwrap_or_else(|| panic!("no rat"));
        if let Some(c) = w.ch_mut(rat) {
            c.act &= !ACT_STAY_AREA;
        }
        w.char_to_room(rat, RoomVnum(10));
        w.areas[0].empty = false;
        let mut left = false;
        for _ in 0..5000 {
            if w.ch(rat).and_then(|c| c.room) == Some(RoomVnum(100)) {
                left = true;
                break;
            }
            mobile_update(&mut w);
        }
        assert!(left, "a mobile without stay_area never left its area");
    }

    /// Sunlight by the hour, and rooms lit by sector, not by the indoors flag.
    #[test]
    fn darkness_follows_rom_hours_and_sectors() {
        let mut w = world_two_rooms();
        if let Some(r) = w.room_mut(RoomVnum(10)) {
            r.sector = 3; // forest
            r.flags |= ROOM_INDOORS;
        }
        let dark_at = |w: &mut World, h: i32| {
            w.hour = h;
            w.room_is_dark(RoomVnum(10))
        };
        for h in 0..24 {
            let expect_dark = !(5..=18).contains(&h);
            assert_eq!(dark_at(&mut w, h), expect_dark, "hour {h}");
        }
        if let Some(r) = w.room_mut(RoomVnum(10)) {
            r.sector = 0; // inside
        }
        assert!(!dark_at(&mut w, 23));
        // Outside is any room without the indoors flag, sector 0 included.
        let p = player(&mut w, 11);
        if let Some(r) = w.room_mut(RoomVnum(11)) {
            r.sector = 0;
        }
        w.hour = 4;
        time_update(&mut w);
        assert!(w
            .ch(p)
            .is_some_and(|c| c.output.contains("The day has begun.")));
    }

    /// Hunger and thirst run down to 0, where they halve regeneration and
    /// say so every tick.
    #[test]
    fn hunger_and_thirst_reach_zero_and_halve_gain() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        if let Some(c) = w.ch_mut(p) {
            (c.hit, c.max_hit, c.position) = (1, 500, pos::SLEEPING);
        }
        let fed = hit_gain(&mut w, p);
        assert!(fed >= 8, "{fed}");
        for _ in 0..100 {
            char_update(&mut w);
        }
        let cond = w
            .ch(p)
            .and_then(|c| c.pc.as_ref())
            .map(|pc| pc.condition)
            .unwrap_or_default();
        assert_eq!((cond[COND_HUNGER], cond[COND_THIRST]), (0, 0));
        let out = w.ch(p).map(|c| c.output.clone()).unwrap_or_default();
        assert!(out.contains("You are hungry.") && out.contains("You are thirsty."));
        if let Some(c) = w.ch_mut(p) {
            c.hit = 1;
        }
        assert_eq!(hit_gain(&mut w, p), fed / 4, "halved twice");
    }

    #[test]
    fn sentinels_stay_put() {
        let mut w = world_two_rooms();
        let rat = w
            .create_mobile(MobVnum(50))
            .unwrap_or_else(|| panic!("no rat"));
        if let Some(c) = w.ch_mut(rat) {
            c.act |= crate::world::ACT_SENTINEL;
        }
        w.char_to_room(rat, RoomVnum(10));
        w.areas[0].empty = false;
        for _ in 0..500 {
            mobile_update(&mut w);
        }
        assert_eq!(w.ch(rat).and_then(|c| c.room), Some(RoomVnum(10)));
    }

    #[test]
    fn areas_reset_after_aging_as_rom_does() {
        let mut w = world_two_rooms();
        w.areas[0].proto.resets.push(crate::world::Reset {
            cmd: crate::world::ResetCmd::Mob {
                mob: MobVnum(50),
                world_limit: 5,
                room: RoomVnum(11),
                room_limit: 5,
            },
            line: 1,
        });
        w.areas[0].age = 0;
        w.areas[0].empty = true;
        // An empty area waits until age 31.
        for _ in 0..30 {
            area_update(&mut w);
        }
        assert_eq!(w.mob_index[&MobVnum(50)].count, 0);
        area_update(&mut w);
        assert_eq!(w.mob_index[&MobVnum(50)].count, 1);
        assert!(w.areas[0].age <= 3);
        // With a player present (not empty): reset at age 15, with a message.
        let p = player(&mut w, 10);
        w.areas[0].age = 0;
        for _ in 0..14 {
            area_update(&mut w);
        }
        assert_eq!(w.mob_index[&MobVnum(50)].count, 1);
        area_update(&mut w);
        assert_eq!(w.mob_index[&MobVnum(50)].count, 2);
        assert!(w.ch(p).is_some_and(|c| c.output.contains("scurry back")));
    }

    #[test]
    fn time_advances_and_the_sun_rises_outdoors() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        w.hour = 5;
        time_update(&mut w);
        assert_eq!(w.hour, 6);
        assert!(w
            .ch(p)
            .is_some_and(|c| c.output.contains("The sun rises in the east.")));
        w.hour = 23;
        time_update(&mut w);
        assert_eq!((w.hour, w.day), (0, 1));
    }

    #[test]
    fn void_and_back() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        send_to_void(&mut w, p);
        assert_eq!(w.ch(p).and_then(|c| c.room), Some(ROOM_VNUM_LIMBO));
        // Saved where they were, not in limbo.
        let text = crate::save::write_player_at(&w, p, 0);
        assert!(text.contains("\nRoom 10\n"), "{text}");
        return_from_void(&mut w, p);
        assert_eq!(w.ch(p).and_then(|c| c.room), Some(RoomVnum(10)));
    }

    fn thing(w: &mut World, name: &str, item_type: i32, timer: i32) -> ObjId {
        w.objs.insert(crate::world::Obj {
            name: name.into(),
            short_descr: format!("the {name}"),
            item_type,
            wear_flags: wear::TAKE,
            wear_loc: wear_loc::NONE,
            timer,
            cost: 50,
            ..Default::default()
        })
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn objects_decay_with_their_item_types_message() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        for (name, t, msg) in [
            ("fountain", item::FOUNTAIN, "The fountain dries up.\n"),
            ("corpse", item::CORPSE_NPC, "The corpse decays into dust.\n"),
            ("bread", item::FOOD, "The bread decomposes.\n"),
            (
                "potion",
                item::POTION,
                "The potion has evaporated from disuse.\n",
            ),
            (
                "portal",
                item::PORTAL,
                "The portal fades out of existence.\n",
            ),
            ("bag", item::CONTAINER, "The bag crumbles into dust.\n"),
            ("sword", item::WEAPON, "The sword crumbles into dust.\n"),
        ] {
            let o = thing(&mut w, name, t, 2);
            w.obj_to_room(o, RoomVnum(10));
            obj_update(&mut w);
            assert_eq!(w.obj(o).map(|o| o.timer), Some(1));
            assert_eq!(out(&mut w, p), "");
            obj_update(&mut w);
            assert!(w.obj(o).is_none(), "{name}");
            assert_eq!(out(&mut w, p), msg, "{name}");
        }
        // No timer, no decay.
        let rock = thing(&mut w, "rock", item::TRASH, 0);
        w.obj_to_room(rock, RoomVnum(10));
        obj_update(&mut w);
        assert!(w.obj(rock).is_some());
    }

    #[test]
    fn the_tick_decays_objects_after_the_character_tick() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        let o = thing(&mut w, "bread", item::FOOD, 1);
        w.obj_to_char(o, p);
        w.pulse = PULSE_TICK - 1;
        pulse(&mut w);
        assert!(w.obj(o).is_none());
        // Carried: the carrier is told.
        assert!(out(&mut w, p).contains("The bread decomposes.\n"));
    }

    #[test]
    fn decaying_corpses_spill_or_take_their_contents() {
        let mut w = world_two_rooms();
        let _p = player(&mut w, 10);
        // A pc corpse spills onto the floor.
        let pc = thing(&mut w, "corpse alice", item::CORPSE_PC, 1);
        w.obj_to_room(pc, RoomVnum(10));
        let ring = thing(&mut w, "ring", item::JEWELRY, 0);
        w.obj_to_obj(ring, pc);
        // An npc corpse takes its contents with it.
        let npc = thing(&mut w, "corpse rat", item::CORPSE_NPC, 1);
        w.obj_to_room(npc, RoomVnum(10));
        let tail = thing(&mut w, "tail", item::TRASH, 0);
        w.obj_to_obj(tail, npc);
        obj_update(&mut w);
        assert!(w.obj(pc).is_none() && w.obj(npc).is_none());
        assert_eq!(w.obj(ring).map(|o| o.loc), Some(ObjLoc::Room(RoomVnum(10))));
        assert!(w.obj(tail).is_none());
        // A pc corpse inside a container spills into that container, silently.
        let chest = thing(&mut w, "chest", item::CONTAINER, 0);
        w.obj_to_room(chest, RoomVnum(11));
        let pc2 = thing(&mut w, "corpse bob", item::CORPSE_PC, 1);
        w.obj_to_obj(pc2, chest);
        let gem = thing(&mut w, "gem", item::GEM, 0);
        w.obj_to_obj(gem, pc2);
        obj_update(&mut w);
        assert_eq!(w.obj(gem).map(|o| o.loc), Some(ObjLoc::In(chest)));
    }

    #[test]
    fn a_floating_container_spills_to_the_floor_and_the_room_sees_it() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        let q = player(&mut w, 10);
        let disc = thing(&mut w, "disc", item::CONTAINER, 1);
        if let Some(o) = w.obj_mut(disc) {
            o.wear_flags |= wear::FLOAT;
        }
        w.obj_to_char(disc, p);
        assert!(w.equip_char(p, disc, wear_loc::FLOAT));
        let book = thing(&mut w, "book", item::TRASH, 0);
        w.obj_to_obj(book, disc);
        obj_update(&mut w);
        let msg = "The disc flickers and vanishes, spilling its contents on the floor.\n";
        assert_eq!(out(&mut w, p), msg);
        assert_eq!(out(&mut w, q), msg);
        assert_eq!(w.obj(book).map(|o| o.loc), Some(ObjLoc::Room(RoomVnum(10))));
    }

    #[test]
    fn a_shopkeepers_decaying_stock_pays_a_fifth_of_its_cost() {
        let mut w = world_two_rooms();
        if let Some(m) = w.mob_index.get_mut(&MobVnum(50)) {
            m.proto.shop = Some(Default::default());
        }
        let Some(keeper) = w.create_mobile(MobVnum(50)) else {
            panic!("no shopkeeper");
        };
        w.char_to_room(keeper, RoomVnum(10));
        let o = thing(&mut w, "bread", item::FOOD, 1);
        w.obj_to_char(o, keeper);
        let before = w.ch(keeper).map_or(0, |c| c.silver);
        obj_update(&mut w);
        assert!(w.obj(o).is_none());
        assert_eq!(w.ch(keeper).map(|c| c.silver), Some(before + 10));
    }

    #[test]
    fn the_badly_hurt_bleed_each_tick() {
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        let q = player(&mut w, 10);
        // Mortally wounded: 1 hp a tick, and the messages of damage().
        if let Some(c) = w.ch_mut(p) {
            c.hit = -7;
            c.position = pos::MORTAL;
        }
        char_update(&mut w);
        assert_eq!(
            w.ch(p).map(|c| (c.hit, c.position)),
            Some((-8, pos::MORTAL))
        );
        assert!(
            out(&mut w, p).contains("You are mortally wounded, and will die soon, if not aided.\n")
        );
        assert!(out(&mut w, q).contains("Tester is mortally wounded"));
        // Incapacitated: 1 hp half the time.
        if let Some(c) = w.ch_mut(p) {
            c.hit = -3;
            c.position = pos::INCAP;
        }
        let mut hp = -3;
        for _ in 0..40 {
            char_update(&mut w);
            hp = w.ch(p).map_or(0, |c| c.hit);
        }
        // Bleeding on, through mortally wounded, ends in death at -11.
        let died = (0..200).any(|_| {
            char_update(&mut w);
            out(&mut w, p).contains("You have been KILLED!!")
        });
        assert!(died, "never died; hp {hp}");
        // A stunned character with hit points again stands up.
        if let Some(c) = w.ch_mut(p) {
            c.hit = 5;
            c.position = pos::STUNNED;
        }
        char_update(&mut w);
        assert_eq!(w.ch(p).map(|c| c.position), Some(pos::STANDING));
        // Immortals never drop below 1.
        if let Some(c) = w.ch_mut(q) {
            c.level = LEVEL_IMMORTAL;
            c.hit = 0;
            c.position = pos::MORTAL;
        }
        char_update(&mut w);
        assert!(w.ch(q).is_some_and(|c| c.hit >= 1));
    }

    #[test]
    fn object_affects_age_and_end_off_the_wearer() {
        use crate::world::{apply, extra, to, Affect};
        let mut w = world_two_rooms();
        let p = player(&mut w, 10);
        let ring = thing(&mut w, "ring", item::JEWELRY, 0);
        if let Some(o) = w.obj_mut(ring) {
            o.wear_flags |= wear::FINGER;
            o.affects.push(Affect {
                where_: to::AFFECTS,
                duration: 1,
                location: apply::HITROLL,
                modifier: 3,
                bits: aff::INFRARED,
                ..Default::default()
            });
            o.affects.push(Affect {
                where_: to::OBJECT,
                duration: 0,
                bits: extra::GLOW,
                ..Default::default()
            });
            o.extra_flags |= extra::GLOW;
        }
        w.obj_to_char(ring, p);
        assert!(w.equip_char(p, ring, wear_loc::FINGER_L));
        assert_eq!(w.ch(p).map(|c| c.hitroll), Some(3));
        // The glow ends at once; the hitroll a tick later.
        obj_update(&mut w);
        assert_eq!(w.obj(ring).map(|o| o.extra_flags & extra::GLOW), Some(0));
        assert_eq!(w.obj(ring).map(|o| o.affects.len()), Some(1));
        assert_eq!(w.ch(p).map(|c| c.hitroll), Some(3));
        obj_update(&mut w);
        obj_update(&mut w);
        assert_eq!(w.obj(ring).map(|o| o.affects.len()), Some(0));
        assert_eq!(
            w.ch(p).map(|c| (c.hitroll, c.is_affected(aff::INFRARED))),
            Some((0, false))
        );
    }
}
