//! "fight.c": combat rounds, damage, death and experience.
//!
//! [`violence_update`] runs every `PULSE_VIOLENCE` (3 seconds, from
//! `update::pulse`): each character fighting someone in the same room gets
//! its round of attacks (rom-mechanics 5.1), [`multi_hit`] → [`one_hit`] →
//! [`damage`]. A death goes through [`raw_kill`] (death cry, corpse, the
//! altar for players) and then `autoloot::after_kill`, where the auto flags
//! live. [`aggr_update`] runs every pulse (10.3). The commands `kill`,
//! `murder`, `consider`, `flee`, `wimpy`, `rescue`, `slay` and `peace` are
//! here too, and [`is_safe_spell`], the silent safety test of spells
//! (5.5). Weapon flags after a hit (poison, vampiric, flaming, frost,
//! shocking) are in `weapon_flags`; the elements also work on the victim's
//! gear through `effects`. Shared rules (visibility, `get_skill`,
//! `check_immune`, AC, `stop_fighting`, `update_pos`) live in
//! `world::handler`.
//!
//! Departures from ROM, and why:
//! * Damage verbs use stock ROM's absolute amounts (5.7), not QuickMUD's
//!   percentages.
//! * `#MOBOLD` mobiles are converted to the new format at load, so the
//!   old-format damage roll (5.3) never applies.
//! * The self-hit message reads "$mself" as the spec writes it (ROM's C
//!   string `$melf` prints "himelf").
//! * The character list is walked newest slot first (arena order), which is
//!   ROM's "most recently created first" except where slots were reused.
//! * The assist target pick scans the room only (Appendix C.14 walks the
//!   global list from the room's first occupant; a pick outside the room did
//!   nothing in ROM anyway, but it could shift which target was taken).
//! * Not yet here: kill counters, titles on level up. (`mob_hit`'s special
//!   attacks call the skill commands of `act_skill`.)
//! * A world without the altar (3054) sends dead players to the temple, and
//!   one without corpse objects (10, 11) drops the belongings on the floor.
//! * Clans (`guild`) open player killing as ROM has it: both in a clan,
//!   within 8 levels, or a KILLER/THIEF victim; clan members' corpses are
//!   anyone's and hold half their coins.

use super::act_comm::{is_same_group, stop_follower};
use super::act_move::move_char;
use super::act_obj::create_money;
use super::skills::check_improve;
use crate::db::tables::ATTACKS;
use crate::world::act::{ActArgs, To};
use crate::world::handler::{one_argument, Immunity};
use crate::world::rules::{self, exp_per_level, gsn, Sn, CLASS_THIEF, RACES};
use crate::world::*;

/// ROM's TYPE_UNDEFINED: pick the attack from the weapon or the attacker.
pub const TYPE_UNDEFINED: i32 = -1;
/// ROM's TYPE_HIT: `dt` at or above it is a weapon-type hit (attack table).
pub const TYPE_HIT: i32 = 1000;
/// One combat round, in pulses.
const PULSE_VIOLENCE: i32 = 12;

fn awake(c: &Char) -> bool {
    c.position > pos::SLEEPING
}

fn is_good(c: &Char) -> bool {
    c.alignment >= 350
}
fn is_evil(c: &Char) -> bool {
    c.alignment <= -350
}

/// ROM's `is_clan`.
fn is_clan(c: &Char) -> bool {
    c.is_clan()
}

fn interpolate(level: i32, v00: i32, v32: i32) -> i32 {
    v00 + level * (v32 - v00) / 32
}

fn fighting(world: &World, ch: CharId) -> Option<CharId> {
    world.ch(ch).and_then(|c| c.fighting)
}

fn room_of(world: &World, ch: CharId) -> Option<RoomVnum> {
    world.ch(ch).and_then(|c| c.room)
}

fn wait_state(world: &mut World, ch: CharId, pulses: i32) {
    if let Some(c) = world.ch_mut(ch) {
        c.wait = c.wait.max(pulses);
    }
}

// ------------------------------------------------------------- the round

/// One combat round for everyone who is fighting (rom-mechanics 5.1).
pub fn violence_update(world: &mut World) {
    let mut ids = world.chars.ids();
    ids.reverse();
    for ch in ids {
        let Some(c) = world.ch(ch) else { continue };
        let (Some(victim), Some(room)) = (c.fighting, c.room) else {
            continue;
        };
        let same_room = room_of(world, victim) == Some(room);
        if awake(c) && same_room {
            multi_hit(world, ch, victim, TYPE_UNDEFINED);
        } else {
            world.stop_fighting(ch, false);
        }
        if let Some(victim) = fighting(world, ch) {
            check_assist(world, ch, victim);
            super::mob_prog::fight_triggers(world, ch, victim);
        }
    }
}

/// ROM's check_assist (rom-mechanics 5.1): bystanders in `ch`'s room join
/// `ch`'s fight against `victim` — mobiles with `ASSIST_PLAYERS` for
/// players, players with autoassist and charmed followers for their group,
/// and mobiles helping their own (`ASSIST_ALL/RACE/ALIGN/VNUM`, mob group).
pub fn check_assist(world: &mut World, ch: CharId, victim: CharId) {
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for rch in people {
        let (Some(c), Some(r), Some(v)) = (world.ch(ch), world.ch(rch), world.ch(victim)) else {
            continue;
        };
        if !awake(r) || r.fighting.is_some() || r.room != c.room {
            continue;
        }
        if !c.is_npc() && r.is_npc() && r.off & off::ASSIST_PLAYERS != 0 && r.level + 6 > v.level {
            world.act("$n screams and attacks!", rch, ActArgs::default(), To::Room);
            multi_hit(world, rch, victim, TYPE_UNDEFINED);
            continue;
        }
        if !c.is_npc() || c.is_affected(aff::CHARM) {
            let willing =
                (!r.is_npc() && r.act & plr::AUTOASSIST != 0) || r.is_affected(aff::CHARM);
            if willing && is_same_group(world, ch, rch) && !is_safe_quiet(world, rch, victim) {
                multi_hit(world, rch, victim, TYPE_UNDEFINED);
            }
            continue;
        }
        if !r.is_npc() {
            continue;
        }
        let same_band = (is_good(r) && is_good(c))
            || (is_evil(r) && is_evil(c))
            || (!is_good(r) && !is_evil(r) && !is_good(c) && !is_evil(c));
        let helps = r.off & off::ASSIST_ALL != 0
            || (r.group_num != 0 && r.group_num == c.group_num)
            || (r.race == c.race && r.off & off::ASSIST_RACE != 0)
            || (r.off & off::ASSIST_ALIGN != 0 && same_band)
            || (r.vnum.is_some() && r.vnum == c.vnum && r.off & off::ASSIST_VNUM != 0);
        if !helps || world.rng.bits(1) == 0 {
            continue;
        }
        let candidates = world
            .room(room)
            .map(|r| r.people.clone())
            .unwrap_or_default();
        let mut target = None;
        let mut number = 0;
        for vch in candidates {
            if world.can_see(rch, vch)
                && is_same_group(world, vch, victim)
                && world.rng.range(0, number) == 0
            {
                target = Some(vch);
                number += 1;
            }
        }
        if let Some(t) = target {
            world.act("$n screams and attacks!", rch, ActArgs::default(), To::Room);
            multi_hit(world, rch, t, TYPE_UNDEFINED);
        }
    }
}

/// A round of attacks (rom-mechanics 5.2).
pub fn multi_hit(world: &mut World, ch: CharId, victim: CharId, dt: i32) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.conn.is_none() {
        c.wait = (c.wait - PULSE_VIOLENCE).max(0);
        c.daze = (c.daze - PULSE_VIOLENCE).max(0);
    }
    if c.position < pos::RESTING {
        return;
    }
    if c.is_npc() {
        mob_hit(world, ch, victim, dt);
        return;
    }
    let hasted = c.is_affected(aff::HASTE);
    let slowed = c.is_affected(aff::SLOW);
    one_hit(world, ch, victim, dt);
    if fighting(world, ch) != Some(victim) {
        return;
    }
    if hasted {
        one_hit(world, ch, victim, dt);
    }
    if fighting(world, ch) != Some(victim) || dt == gsn::BACKSTAB.0 {
        return;
    }
    let mut chance = world.get_skill(ch, gsn::SECOND_ATTACK) / 2;
    if slowed {
        chance /= 2;
    }
    if world.rng.percent() < chance {
        one_hit(world, ch, victim, dt);
        check_improve(world, ch, gsn::SECOND_ATTACK, true, 5);
        if fighting(world, ch) != Some(victim) {
            return;
        }
    }
    let chance = if slowed {
        0
    } else {
        world.get_skill(ch, gsn::THIRD_ATTACK) / 4
    };
    if world.rng.percent() < chance {
        one_hit(world, ch, victim, dt);
        check_improve(world, ch, gsn::THIRD_ATTACK, true, 6);
    }
}

/// A mobile's round (rom-mechanics 5.2, `mob_hit`).
fn mob_hit(world: &mut World, ch: CharId, victim: CharId, dt: i32) {
    one_hit(world, ch, victim, dt);
    if fighting(world, ch) != Some(victim) {
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    let (offf, hasted, slowed) = (c.off, c.is_affected(aff::HASTE), c.is_affected(aff::SLOW));
    if offf & off::AREA_ATTACK != 0 {
        let people = c
            .room
            .and_then(|r| world.room(r))
            .map(|r| r.people.clone())
            .unwrap_or_default();
        for vch in people {
            if vch != victim && fighting(world, vch) == Some(ch) {
                one_hit(world, ch, vch, dt);
            }
        }
    }
    if hasted || (offf & off::FAST != 0 && !slowed) {
        one_hit(world, ch, victim, dt);
    }
    if fighting(world, ch) != Some(victim) || dt == gsn::BACKSTAB.0 {
        return;
    }
    let slow_hurts = slowed && offf & off::FAST == 0;
    let mut chance = world.get_skill(ch, gsn::SECOND_ATTACK) / 2;
    if slow_hurts {
        chance /= 2;
    }
    if world.rng.percent() < chance {
        one_hit(world, ch, victim, dt);
        if fighting(world, ch) != Some(victim) {
            return;
        }
    }
    let chance = if slow_hurts {
        0
    } else {
        world.get_skill(ch, gsn::THIRD_ATTACK) / 4
    };
    if world.rng.percent() < chance {
        one_hit(world, ch, victim, dt);
        if fighting(world, ch) != Some(victim) {
            return;
        }
    }
    mob_special_attack(world, ch);
}

/// The end of `mob_hit` (rom-mechanics 5.2): a mob with no lag picks one of
/// nine slots and, if its flags allow, uses that skill as a command would
/// (at its current opponent). Tail and crush do nothing; backstab is
/// refused in combat.
fn mob_special_attack(world: &mut World, ch: CharId) {
    use super::act_skill;
    let Some(c) = world.ch(ch) else { return };
    if c.wait > 0 {
        return;
    }
    let (offf, act, berserk) = (c.off, c.act, c.is_affected(aff::BERSERK));
    match world.rng.range(0, 8) {
        0 if offf & off::BASH != 0 => act_skill::do_bash(world, ch, ""),
        1 if offf & off::BERSERK != 0 && !berserk => act_skill::do_berserk(world, ch, ""),
        2 if offf & off::DISARM != 0
            || (weapon_sn(world, ch) != gsn::HAND_TO_HAND
                && act & (ACT_WARRIOR | ACT_THIEF) != 0) =>
        {
            act_skill::do_disarm(world, ch, "")
        }
        3 if offf & off::KICK != 0 => act_skill::do_kick(world, ch, ""),
        4 if offf & off::KICK_DIRT != 0 => act_skill::do_dirt(world, ch, ""),
        6 if offf & off::TRIP != 0 => act_skill::do_trip(world, ch, ""),
        8 if offf & off::BACKSTAB != 0 => act_skill::do_backstab(world, ch, ""),
        _ => {}
    }
}

/// The skill for the wielded weapon (ROM's get_weapon_sn): hand to hand
/// without one, `Sn::NONE` for exotic weapons.
pub(crate) fn weapon_sn(world: &World, ch: CharId) -> Sn {
    let wield = world
        .get_eq_char(ch, wear_loc::WIELD)
        .and_then(|o| world.obj(o))
        .filter(|o| o.item_type == item::WEAPON);
    let Some(w) = wield else {
        return gsn::HAND_TO_HAND;
    };
    match w.values[0] as i32 {
        WEAPON_SWORD => gsn::SWORD,
        WEAPON_DAGGER => gsn::DAGGER,
        WEAPON_SPEAR => gsn::SPEAR,
        WEAPON_MACE => gsn::MACE,
        WEAPON_AXE => gsn::AXE,
        WEAPON_FLAIL => gsn::FLAIL,
        WEAPON_WHIP => gsn::WHIP,
        WEAPON_POLEARM => gsn::POLEARM,
        _ => Sn::NONE,
    }
}

/// ROM's get_weapon_skill (rom-mechanics 6.3), 0..100.
pub(crate) fn weapon_skill(world: &World, ch: CharId, sn: Sn) -> i32 {
    let Some(c) = world.ch(ch) else { return 0 };
    let skill = if c.is_npc() {
        if sn == Sn::NONE {
            3 * c.level
        } else if sn == gsn::HAND_TO_HAND {
            40 + 2 * c.level
        } else {
            40 + 5 * c.level / 2
        }
    } else if sn == Sn::NONE {
        3 * c.level
    } else {
        c.pc.as_ref()
            .and_then(|p| p.learned.get(&sn).copied())
            .unwrap_or(0)
    };
    skill.clamp(0, 100)
}

/// The damage class of an attack-table entry; "hit" (none) counts as bash.
fn attack_class(n: i64) -> i32 {
    let class = usize::try_from(n)
        .ok()
        .and_then(|i| ATTACKS.get(i))
        .map_or(DAM_BASH, |a| a.dam_class);
    if class == DAM_NONE {
        DAM_BASH
    } else {
        class
    }
}

/// One attack (rom-mechanics 5.3).
pub fn one_hit(world: &mut World, ch: CharId, victim: CharId, dt: i32) {
    if ch == victim {
        return;
    }
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return;
    };
    if v.position == pos::DEAD || c.room != v.room || c.room.is_none() {
        return;
    }
    let wield = world
        .get_eq_char(ch, wear_loc::WIELD)
        .and_then(|o| world.obj(o).map(|ob| (o, ob.clone())));
    let weapon = wield.as_ref().filter(|(_, o)| o.item_type == item::WEAPON);
    let own_attack = weapon.map_or(c.dam_type as i64, |(_, o)| o.values[3]);
    let dt = if dt == TYPE_UNDEFINED {
        TYPE_HIT + own_attack as i32
    } else {
        dt
    };
    let dam_type = if dt < TYPE_HIT {
        let n = wield
            .as_ref()
            .map_or(c.dam_type as i64, |(_, o)| o.values[3]);
        attack_class(n)
    } else {
        attack_class(i64::from(dt - TYPE_HIT))
    };
    let sn = weapon_sn(world, ch);
    let skill = 20 + weapon_skill(world, ch, sn);
    let (t00, t32) = if c.is_npc() {
        let t32 = if c.act & ACT_WARRIOR != 0 {
            -10
        } else if c.act & ACT_THIEF != 0 {
            -4
        } else if c.act & ACT_CLERIC != 0 {
            2
        } else if c.act & ACT_MAGE != 0 {
            6
        } else {
            -4
        };
        (20, t32)
    } else {
        rules::class_by_number(c.class).map_or((20, 20), |k| (k.thac0_00, k.thac0_32))
    };
    let level = c.level;
    let mut thac0 = interpolate(level, t00, t32);
    if thac0 < 0 {
        thac0 /= 2;
    }
    if thac0 < -5 {
        thac0 = -5 + (thac0 + 5) / 2;
    }
    thac0 -= world.get_hitroll(ch) * skill / 100;
    thac0 += 5 * (100 - skill) / 100;
    if dt == gsn::BACKSTAB.0 {
        // Faithful quirk (Appendix C.2): a poorer backstabber hits more.
        thac0 -= 10 * (100 - world.get_skill(ch, gsn::BACKSTAB));
    }
    let ac_type = match dam_type {
        DAM_PIERCE => 0,
        DAM_BASH => 1,
        DAM_SLASH => 2,
        _ => 3,
    };
    let mut victim_ac = world.get_ac(victim, ac_type) / 10;
    if victim_ac < -15 {
        victim_ac = (victim_ac + 15) / 5 - 15;
    }
    if !world.can_see(ch, victim) {
        victim_ac -= 4;
    }
    let vpos = v.position;
    if vpos < pos::FIGHTING {
        victim_ac += 4;
    }
    if vpos < pos::RESTING {
        victim_ac += 6;
    }
    let diceroll = loop {
        let r = world.rng.bits(5);
        if r < 20 {
            break r;
        }
    };
    if diceroll == 0 || (diceroll != 19 && diceroll < thac0 - victim_ac) {
        damage(world, ch, victim, 0, dt, dam_type, true);
        return;
    }
    if sn != Sn::NONE {
        check_improve(world, ch, sn, true, 5);
    }
    let is_npc = world.ch(ch).is_some_and(|c| c.is_npc());
    // Dice from files are bounded so that nothing below can overflow (no
    // stock weapon or mobile comes near these limits).
    let bound = |n: i64, max: i64| n.clamp(0, max) as i32;
    let mut dam = match (is_npc, weapon) {
        (true, None) => {
            let d = world.ch(ch).map_or(Dice::default(), |c| c.damage);
            let (n, s) = (bound(d.number.into(), 1000), bound(d.size.into(), 10_000));
            world.rng.dice(n, s)
        }
        (_, Some((_, w))) => {
            let (n, s) = (bound(w.values[1], 1000), bound(w.values[2], 10_000));
            let mut dam = world.rng.dice(n, s) * skill / 100;
            if world.get_eq_char(ch, wear_loc::SHIELD).is_none() {
                dam = dam * 11 / 10;
            }
            if w.values[4] as u64 & weapon::SHARP != 0 {
                let percent = world.rng.percent();
                if percent <= skill / 8 {
                    dam = 2 * dam + dam * 2 * percent / 100;
                }
            }
            dam
        }
        (false, None) => world
            .rng
            .range(1 + 4 * skill / 100, 2 * level / 3 * skill / 100),
    };
    let enhanced = world.get_skill(ch, gsn::ENHANCED_DAMAGE);
    if enhanced > 0 {
        let roll = world.rng.percent();
        if roll <= enhanced {
            check_improve(world, ch, gsn::ENHANCED_DAMAGE, true, 6);
            dam += 2 * (dam * roll / 300);
        }
    }
    match world.ch(victim).map(|v| v.position) {
        Some(p) if p <= pos::SLEEPING => dam *= 2,
        Some(p) if p < pos::FIGHTING => dam = dam * 3 / 2,
        _ => {}
    }
    if dt == gsn::BACKSTAB.0 {
        if let Some((_, w)) = &wield {
            if w.values[0] as i32 != WEAPON_DAGGER {
                dam *= 2 + level / 10;
            } else {
                dam *= 2 + level / 8;
            }
        }
    }
    dam += world.get_damroll(ch) * skill.min(100) / 100;
    if dam <= 0 {
        dam = 1;
    }
    let result = damage(world, ch, victim, dam, dt, dam_type, true);
    if let (true, Some((wid, w))) = (result, &wield) {
        weapon_flags(world, ch, victim, *wid, w);
    }
}

/// What a weapon's flags do after a hit (rom-mechanics 5.3), each while
/// `ch` still fights `victim`: poison (a saving throw, then a joined poison
/// affect; the weapon's own poison wears down), then the extra damage of
/// vampiric, flaming, frost and shocking weapons. The elements also work
/// on the victim and its gear (`effects`, at half the weapon's level)
/// before their damage lands, as in ROM.
fn weapon_flags(world: &mut World, ch: CharId, victim: CharId, wid: ObjId, w: &Obj) {
    use super::effects::{cold_effect, fire_effect, shock_effect, EffectTarget};
    let flags = w.values[4] as u64;
    let wlevel = w.level.clamp(0, 1000);
    let still = |world: &World| fighting(world, ch) == Some(victim);
    let show = |world: &mut World, room: &str, me: &str| {
        world.act(room, victim, ActArgs::obj(wid), To::Room);
        world.act(me, victim, ActArgs::obj(wid), To::Char);
    };
    if still(world) && flags & weapon::POISON != 0 {
        weapon_poison(world, ch, victim, wid);
    }
    if still(world) && flags & weapon::VAMPIRIC != 0 {
        let dam = world.rng.range(1, wlevel / 5 + 1);
        show(
            world,
            "$p draws life from $n.",
            "You feel $p drawing your life away.",
        );
        damage(world, ch, victim, dam, 0, DAM_NEGATIVE, false);
        if let Some(c) = world.ch_mut(ch) {
            c.alignment = (c.alignment - 1).max(-1000);
            c.hit += dam / 2;
        }
    }
    let target = EffectTarget::Char(victim);
    if still(world) && flags & weapon::FLAMING != 0 {
        let dam = world.rng.range(1, wlevel / 4 + 1);
        show(world, "$n is burned by $p.", "$p sears your flesh.");
        fire_effect(world, target, wlevel / 2, dam);
        damage(world, ch, victim, dam, 0, DAM_FIRE, false);
    }
    if still(world) && flags & weapon::FROST != 0 {
        let dam = world.rng.range(1, wlevel / 6 + 2);
        show(
            world,
            "$p freezes $n.",
            "The cold touch of $p surrounds you with ice.",
        );
        cold_effect(world, target, wlevel / 2, dam);
        damage(world, ch, victim, dam, 0, DAM_COLD, false);
    }
    if still(world) && flags & weapon::SHOCKING != 0 {
        let dam = world.rng.range(1, wlevel / 5 + 2);
        show(
            world,
            "$n is struck by lightning from $p.",
            "You are shocked by $p.",
        );
        shock_effect(world, target, wlevel / 2, dam);
        damage(world, ch, victim, dam, 0, DAM_LIGHTNING, false);
    }
}

/// A poisoned weapon's hit: its poison affect's level (or the weapon's
/// level) `l`; unless the victim saves at `l/2` vs poison it is poisoned
/// (level `3l/4`, duration `l/2`, str −1, joined). The weapon's poison
/// then loses 2 levels and 1 duration (the tick removes it at 0).
fn weapon_poison(world: &mut World, ch: CharId, victim: CharId, wid: ObjId) {
    let Some(w) = world.obj(wid) else { return };
    let found = w.affects.iter().position(|a| a.skill == gsn::POISON);
    let level = found
        .and_then(|i| w.affects.get(i))
        .map_or(w.level, |a| a.level);
    if !super::magic::saves_spell(world, level / 2, victim, DAM_POISON) {
        world.send(victim, "Poison seeps into your blood.\n");
        world.act(
            "$n is poisoned by the venom on $p.",
            victim,
            ActArgs::obj(wid),
            To::Room,
        );
        world.affect_join(
            victim,
            Affect {
                where_: to::AFFECTS,
                skill: gsn::POISON,
                level: level * 3 / 4,
                duration: level / 2,
                location: apply::STR,
                modifier: -1,
                bits: aff::POISON,
            },
        );
    }
    let Some(i) = found else { return };
    let worn_off = world
        .obj_mut(wid)
        .and_then(|o| o.affects.get_mut(i))
        .map(|a| {
            a.level = (a.level - 2).max(0);
            a.duration = (a.duration - 1).max(0);
            a.level == 0 || a.duration == 0
        });
    if worn_off == Some(true) {
        world.act(
            "The poison on $p has worn off.",
            ch,
            ActArgs::obj(wid),
            To::Char,
        );
    }
}

// ---------------------------------------------------------------- damage

/// Apply damage (rom-mechanics 5.4). Returns whether damage was done (a
/// kill included).
pub fn damage(
    world: &mut World,
    ch: CharId,
    victim: CharId,
    mut dam: i32,
    dt: i32,
    dam_type: i32,
    show: bool,
) -> bool {
    let Some(v) = world.ch(victim) else {
        return false;
    };
    if v.position == pos::DEAD {
        return false;
    }
    if dam > 1200 && dt >= TYPE_HIT {
        dam = 1200;
        if !world.ch(ch).is_some_and(|c| c.is_immortal()) {
            world.send(ch, "You really shouldn't cheat.\n");
            if let Some(w) = world.get_eq_char(ch, wear_loc::WIELD) {
                world.extract_obj(w);
            }
        }
    }
    if dam > 35 {
        dam = (dam - 35) / 2 + 35;
    }
    if dam > 80 {
        dam = (dam - 80) / 2 + 80;
    }
    if victim != ch {
        if is_safe(world, ch, victim) {
            return false;
        }
        check_killer(world, ch, victim);
        if world.ch(victim).is_some_and(|v| v.position > pos::STUNNED) {
            if fighting(world, victim).is_none() {
                set_fighting(world, victim, ch);
                super::mob_prog::kill_trigger(world, victim, ch);
            }
            if let Some(v) = world.ch_mut(victim) {
                if v.timer <= 4 {
                    v.position = pos::FIGHTING;
                }
            }
        }
        if world.ch(victim).is_some_and(|v| v.position > pos::STUNNED)
            && fighting(world, ch).is_none()
        {
            set_fighting(world, ch, victim);
        }
        if world.ch(victim).and_then(|v| v.master) == Some(ch) {
            stop_follower(world, victim);
        }
    }
    if world.ch(ch).is_some_and(|c| c.is_affected(aff::INVISIBLE)) {
        world.affect_strip(ch, gsn::INVISIBILITY);
        world.affect_strip(ch, gsn::MASS_INVIS);
        if let Some(c) = world.ch_mut(ch) {
            c.affected_by &= !aff::INVISIBLE;
        }
        world.act("$n fades into existence.", ch, ActArgs::default(), To::Room);
    }
    let Some(v) = world.ch(victim) else {
        return false;
    };
    if dam > 1 {
        if v.pc.as_ref().is_some_and(|p| p.condition[COND_DRUNK] > 10) {
            dam = 9 * dam / 10;
        }
        if v.is_affected(aff::SANCTUARY) {
            dam /= 2;
        }
        let (ch_good, ch_evil) = world
            .ch(ch)
            .map_or((false, false), |c| (is_good(c), is_evil(c)));
        if (v.is_affected(aff::PROTECT_EVIL) && ch_evil)
            || (v.is_affected(aff::PROTECT_GOOD) && ch_good)
        {
            dam -= dam / 4;
        }
    }
    if dt >= TYPE_HIT && ch != victim {
        if check_parry(world, ch, victim) {
            return false;
        }
        if check_dodge(world, ch, victim) {
            return false;
        }
        if check_shield_block(world, ch, victim) {
            return false;
        }
    }
    let mut immune = false;
    match world.check_immune(victim, dam_type) {
        Immunity::Immune => {
            immune = true;
            dam = 0;
        }
        Immunity::Resistant => dam -= dam / 3,
        Immunity::Vulnerable => dam += dam / 2,
        Immunity::Normal => {}
    }
    if show {
        dam_message(world, ch, victim, dam, dt, immune);
    }
    if dam == 0 {
        return false;
    }
    if let Some(v) = world.ch_mut(victim) {
        v.hit -= dam;
        if !v.is_npc() && v.level >= LEVEL_IMMORTAL && v.hit < 1 {
            v.hit = 1;
        }
    }
    world.update_pos(victim);
    let Some(v) = world.ch(victim) else {
        return false;
    };
    let (position, max_hit, hit) = (v.position, v.max_hit, v.hit);
    let room_and_self = |world: &mut World, room: &str, me: &str| {
        world.act(room, victim, ActArgs::default(), To::Room);
        world.send(victim, me);
    };
    match position {
        pos::MORTAL => room_and_self(
            world,
            "$n is mortally wounded, and will die soon, if not aided.",
            "You are mortally wounded, and will die soon, if not aided.\n",
        ),
        pos::INCAP => room_and_self(
            world,
            "$n is incapacitated and will slowly die, if not aided.",
            "You are incapacitated and will slowly die, if not aided.\n",
        ),
        pos::STUNNED => room_and_self(
            world,
            "$n is stunned, but will probably recover.",
            "You are stunned, but will probably recover.\n",
        ),
        pos::DEAD => room_and_self(world, "$n is DEAD!!", "You have been KILLED!!\n\n"),
        _ => {
            if dam > max_hit / 4 {
                world.send(victim, "That really did HURT!\n");
            }
            if hit < max_hit / 4 {
                world.send(victim, "You sure are BLEEDING!\n");
            }
        }
    }
    if position <= pos::SLEEPING {
        world.stop_fighting(victim, false);
    }
    if position == pos::DEAD {
        handle_death(world, ch, victim);
        return true;
    }
    if victim == ch {
        return true;
    }
    let Some(v) = world.ch(victim) else {
        return true;
    };
    if !v.is_npc() && v.conn.is_none() && world.rng.range(0, v.wait.max(0)) == 0 {
        super::act_move::do_recall(world, victim, "");
        return true;
    }
    let Some(v) = world.ch(victim) else {
        return true;
    };
    if v.is_npc() && dam > 0 && v.wait < PULSE_VIOLENCE / 2 {
        let (wimpy, hit, max_hit) = (v.act & ACT_WIMPY != 0, v.hit, v.max_hit);
        let master_gone =
            v.is_affected(aff::CHARM) && v.master.is_some_and(|m| room_of(world, m) != v.room);
        let flees = (wimpy && world.rng.bits(2) == 0 && hit < max_hit / 5) || master_gone;
        if flees {
            do_flee(world, victim, "");
        }
    } else if !v.is_npc() && v.hit > 0 && v.hit <= v.wimpy && v.wait < PULSE_VIOLENCE / 2 {
        do_flee(world, victim, "");
    }
    true
}

/// A death inside [`damage`] (rom-mechanics 5.4 step 13).
fn handle_death(world: &mut World, ch: CharId, victim: CharId) {
    group_gain(world, ch, victim);
    let Some(v) = world.ch(victim) else { return };
    let victim_was_npc = v.is_npc();
    if !victim_was_npc {
        let killer = world
            .ch(ch)
            .map(|c| {
                if c.is_npc() {
                    c.short_descr.clone()
                } else {
                    c.name.clone()
                }
            })
            .unwrap_or_default();
        let room = room_of(world, ch).map_or(0, |r| r.0);
        let name = v.name.clone();
        let floor = exp_per_level(v) * i64::from(v.level);
        let exp = v.exp;
        world.log(format!("{name} killed by {killer} at {room}"));
        if exp > floor {
            let loss = 2 * (floor - exp) / 3 + 50;
            gain_exp(world, victim, loss);
        }
    }
    super::mob_prog::death_trigger(world, victim, ch);
    let corpse = raw_kill(world, victim);
    let (ch_is_pc, same_clan) = match (world.ch(ch), world.ch(victim)) {
        (Some(c), Some(v)) => (!c.is_npc(), c.is_same_clan(v)),
        _ => (false, false),
    };
    if ch != victim && ch_is_pc && !same_clan {
        if let Some(v) = world.ch_mut(victim) {
            if v.act & plr::KILLER != 0 {
                v.act &= !plr::KILLER;
            } else {
                v.act &= !plr::THIEF;
            }
        }
    }
    if ch != victim && world.chars.contains(ch) {
        super::autoloot::after_kill(world, ch, victim_was_npc, corpse);
    }
}

/// ROM's set_fighting: `ch` starts fighting `victim` (a sleep spell breaks).
pub fn set_fighting(world: &mut World, ch: CharId, victim: CharId) {
    if fighting(world, ch).is_some() {
        return;
    }
    if world.ch(ch).is_some_and(|c| c.is_affected(aff::SLEEP)) {
        world.affect_strip(ch, gsn::SLEEP);
    }
    if let Some(c) = world.ch_mut(ch) {
        c.fighting = Some(victim);
        c.position = pos::FIGHTING;
    }
}

// -------------------------------------------------------------- defences

/// Whether the defender's check `number_percent() < chance + def - att`
/// passes (rom-mechanics 5.6).
fn defence_roll(world: &mut World, ch: CharId, victim: CharId, chance: i32) -> bool {
    let att = world.ch(ch).map_or(0, |c| c.level);
    let def = world.ch(victim).map_or(0, |c| c.level);
    world.rng.percent() < chance + def - att
}

/// The end every defence shares: the roll, then on success the two
/// messages (to the defender, to the attacker) and learning by use.
fn defended(
    world: &mut World,
    ch: CharId,
    victim: CharId,
    chance: i32,
    sn: Sn,
    [to_victim, to_attacker]: [&str; 2],
) -> bool {
    if !defence_roll(world, ch, victim, chance) {
        return false;
    }
    world.act(to_victim, ch, ActArgs::vict(victim), To::Vict);
    world.act(to_attacker, ch, ActArgs::vict(victim), To::Char);
    check_improve(world, victim, sn, true, 6);
    true
}

fn check_parry(world: &mut World, ch: CharId, victim: CharId) -> bool {
    let Some(v) = world.ch(victim) else {
        return false;
    };
    if !awake(v) {
        return false;
    }
    let npc = v.is_npc();
    let mut chance = world.get_skill(victim, gsn::PARRY) / 2;
    if world.get_eq_char(victim, wear_loc::WIELD).is_none() {
        if npc {
            chance /= 2;
        } else {
            return false;
        }
    }
    if !world.can_see(ch, victim) {
        chance /= 2;
    }
    defended(
        world,
        ch,
        victim,
        chance,
        gsn::PARRY,
        ["You parry $n's attack.", "$N parries your attack."],
    )
}

fn check_dodge(world: &mut World, ch: CharId, victim: CharId) -> bool {
    if !world.ch(victim).is_some_and(awake) {
        return false;
    }
    let mut chance = world.get_skill(victim, gsn::DODGE) / 2;
    if !world.can_see(victim, ch) {
        chance /= 2;
    }
    defended(
        world,
        ch,
        victim,
        chance,
        gsn::DODGE,
        ["You dodge $n's attack.", "$N dodges your attack."],
    )
}

fn check_shield_block(world: &mut World, ch: CharId, victim: CharId) -> bool {
    if !world.ch(victim).is_some_and(awake) {
        return false;
    }
    if world.get_eq_char(victim, wear_loc::SHIELD).is_none() {
        return false;
    }
    let chance = world.get_skill(victim, gsn::SHIELD_BLOCK) / 5 + 3;
    defended(
        world,
        ch,
        victim,
        chance,
        gsn::SHIELD_BLOCK,
        [
            "You block $n's attack with your shield.",
            "$N blocks your attack with a shield.",
        ],
    )
}

// -------------------------------------------------------------- messages

/// Stock ROM's damage verbs by amount (rom-mechanics 5.7): (you, $n).
pub fn dam_verbs(dam: i32) -> (&'static str, &'static str) {
    match dam {
        i32::MIN..=0 => ("miss", "misses"),
        1..=4 => ("scratch", "scratches"),
        5..=8 => ("graze", "grazes"),
        9..=12 => ("hit", "hits"),
        13..=16 => ("injure", "injures"),
        17..=20 => ("wound", "wounds"),
        21..=24 => ("maul", "mauls"),
        25..=28 => ("decimate", "decimates"),
        29..=32 => ("devastate", "devastates"),
        33..=36 => ("maim", "maims"),
        37..=40 => ("MUTILATE", "MUTILATES"),
        41..=44 => ("DISEMBOWEL", "DISEMBOWELS"),
        45..=48 => ("DISMEMBER", "DISMEMBERS"),
        49..=52 => ("MASSACRE", "MASSACRES"),
        53..=56 => ("MANGLE", "MANGLES"),
        57..=60 => ("*** DEMOLISH ***", "*** DEMOLISHES ***"),
        61..=75 => ("*** DEVASTATE ***", "*** DEVASTATES ***"),
        76..=100 => ("=== OBLITERATE ===", "=== OBLITERATES ==="),
        101..=125 => (">>> ANNIHILATE <<<", ">>> ANNIHILATES <<<"),
        126..=150 => ("<<< ERADICATE >>>", "<<< ERADICATES >>>"),
        _ => ("do UNSPEAKABLE things to", "does UNSPEAKABLE things to"),
    }
}

/// The noun of attack `dt`: a skill's damage noun below [`TYPE_HIT`], the
/// attack table's at or above it.
fn attack_noun(dt: i32) -> &'static str {
    if dt >= TYPE_HIT {
        usize::try_from(dt - TYPE_HIT)
            .ok()
            .and_then(|i| ATTACKS.get(i))
            .or(ATTACKS.first())
            .map_or("hit", |a| a.noun)
    } else {
        Sn(dt).skill().map_or("hit", |s| s.noun)
    }
}

/// ROM's dam_message (rom-mechanics 5.7).
pub fn dam_message(world: &mut World, ch: CharId, victim: CharId, dam: i32, dt: i32, immune: bool) {
    let (vs, vp) = dam_verbs(dam);
    let punct = if dam <= 24 { '.' } else { '!' };
    let (to_room, to_char, to_vict);
    if dt == TYPE_HIT {
        if ch == victim {
            to_room = format!("$n {vp} $mself{punct}");
            to_char = format!("You {vs} yourself{punct}");
            to_vict = String::new();
        } else {
            to_room = format!("$n {vp} $N{punct}");
            to_char = format!("You {vs} $N{punct}");
            to_vict = format!("$n {vp} you{punct}");
        }
    } else {
        let attack = attack_noun(dt);
        if immune {
            if ch == victim {
                to_room = format!("$n is unaffected by $s own {attack}.");
                to_char = "Luckily, you are immune to that.".to_string();
                to_vict = String::new();
            } else {
                to_room = format!("$N is unaffected by $n's {attack}!");
                to_char = format!("$N is unaffected by your {attack}!");
                to_vict = format!("$n's {attack} is powerless against you.");
            }
        } else if ch == victim {
            to_room = format!("$n's {attack} {vp} $m{punct}");
            to_char = format!("Your {attack} {vp} you{punct}");
            to_vict = String::new();
        } else {
            to_room = format!("$n's {attack} {vp} $N{punct}");
            to_char = format!("Your {attack} {vp} $N{punct}");
            to_vict = format!("$n's {attack} {vp} you{punct}");
        }
    }
    if ch == victim {
        world.act(&to_room, ch, ActArgs::default(), To::Room);
        world.act(&to_char, ch, ActArgs::default(), To::Char);
    } else {
        world.act(&to_room, ch, ActArgs::vict(victim), To::NotVict);
        world.act(&to_char, ch, ActArgs::vict(victim), To::Char);
        world.act(&to_vict, ch, ActArgs::vict(victim), To::Vict);
    }
}

// ------------------------------------------------------------ who may fight

/// ROM's is_safe (rom-mechanics 5.5): true if `ch` may not attack
/// `victim`, with the reason told to `ch`.
pub fn is_safe(world: &mut World, ch: CharId, victim: CharId) -> bool {
    match safe_reason(world, ch, victim) {
        Some(msg) => {
            if !msg.is_empty() {
                world.act(msg, ch, ActArgs::vict(victim), To::Char);
            }
            true
        }
        None => false,
    }
}

/// [`is_safe`] without the message (used by assist checks).
fn is_safe_quiet(world: &World, ch: CharId, victim: CharId) -> bool {
    safe_reason(world, ch, victim).is_some()
}

/// ROM's is_safe_spell (rom-mechanics 5.5): the silent test of spells,
/// true if `ch`'s spell must spare `victim`. With `area` (room-wide
/// spells) the caster always spares himself, high immortals get no
/// exemption, and a mob's spell hits only mobs of its opponent's group.
pub fn is_safe_spell(world: &World, ch: CharId, victim: CharId, area: bool) -> bool {
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return true;
    };
    let (Some(_), Some(vroom)) = (c.room, v.room) else {
        return true;
    };
    if victim == ch && area {
        return true;
    }
    if v.fighting == Some(ch) || victim == ch {
        return false;
    }
    if c.is_immortal() && c.level > LEVEL_IMMORTAL && !area {
        return false;
    }
    let safe_room = world.room(vroom).is_some_and(|r| r.flags & ROOM_SAFE != 0);
    if v.is_npc() {
        if safe_room {
            return true;
        }
        let shopkeeper = v
            .vnum
            .and_then(|vn| world.mob_index.get(&vn))
            .is_some_and(|m| m.proto.shop.is_some());
        if shopkeeper || v.act & (ACT_TRAIN | ACT_PRACTICE | ACT_HEALER | ACT_IS_CHANGER) != 0 {
            return true;
        }
        if !c.is_npc() {
            if v.act & ACT_PET != 0 {
                return true;
            }
            if v.is_affected(aff::CHARM) && (area || v.master != Some(ch)) {
                return true;
            }
            // No kill stealing: a mob fighting outside the caster's group.
            if let Some(f) = v.fighting {
                if !is_same_group(world, ch, f) {
                    return true;
                }
            }
        } else if area {
            // A mob's area spell hits only its opponent's side.
            match c.fighting {
                Some(f) if is_same_group(world, victim, f) => {}
                _ => return true,
            }
        }
    } else {
        if area && v.is_immortal() && v.level > LEVEL_IMMORTAL {
            return true;
        }
        if c.is_npc() {
            if c.is_affected(aff::CHARM) {
                if let Some(m) = c.master {
                    if fighting(world, m) != Some(victim) {
                        return true;
                    }
                }
            }
            if safe_room {
                return true;
            }
            if let Some(f) = c.fighting {
                if !is_same_group(world, f, victim) {
                    return true;
                }
            }
        } else {
            if !is_clan(c) {
                return true;
            }
            if v.act & (plr::KILLER | plr::THIEF) != 0 {
                return false;
            }
            if !is_clan(v) || c.level > v.level + 8 {
                return true;
            }
        }
    }
    false
}

/// Why `ch` may not attack `victim` (an `act` line, possibly empty), or
/// `None` if it may.
pub(crate) fn safe_reason(world: &World, ch: CharId, victim: CharId) -> Option<&'static str> {
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return Some("");
    };
    let (Some(_), Some(vroom)) = (c.room, v.room) else {
        return Some("");
    };
    if v.fighting == Some(ch) || ch == victim {
        return None;
    }
    if c.is_immortal() && c.level > LEVEL_IMMORTAL {
        return None;
    }
    let safe_room = world.room(vroom).is_some_and(|r| r.flags & ROOM_SAFE != 0);
    if v.is_npc() {
        if safe_room {
            return Some("Not in this room.");
        }
        let shopkeeper = v
            .vnum
            .and_then(|vn| world.mob_index.get(&vn))
            .is_some_and(|m| m.proto.shop.is_some());
        if shopkeeper {
            return Some("The shopkeeper wouldn't like that.");
        }
        if v.act & (ACT_TRAIN | ACT_PRACTICE | ACT_HEALER | ACT_IS_CHANGER) != 0 {
            return Some("I don't think Mota would approve.");
        }
        if !c.is_npc() {
            if v.act & ACT_PET != 0 {
                return Some("But $N looks so cute and cuddly...");
            }
            if v.is_affected(aff::CHARM) && v.master != Some(ch) {
                return Some("You don't own that monster.");
            }
        }
    } else if c.is_npc() {
        if safe_room {
            return Some("Not in this room.");
        }
        if c.is_affected(aff::CHARM) {
            if let Some(m) = c.master {
                if fighting(world, m) != Some(victim) {
                    return Some("Players are your friends!");
                }
            }
        }
    } else {
        if !is_clan(c) {
            return Some("Join a clan if you want to kill players.");
        }
        if v.act & (plr::KILLER | plr::THIEF) != 0 {
            return None;
        }
        if !is_clan(v) {
            return Some("They aren't in a clan, leave them alone.");
        }
        if c.level > v.level + 8 {
            return Some("Pick on someone your own size.");
        }
    }
    None
}

/// ROM's check_killer (rom-mechanics 5.5): attacking a player may make
/// the attacker a KILLER.
pub fn check_killer(world: &mut World, ch: CharId, victim: CharId) {
    let mut victim = victim;
    for _ in 0..16 {
        match world.ch(victim) {
            Some(v) if v.is_affected(aff::CHARM) && v.master.is_some() => {
                victim = v.master.unwrap_or(victim);
            }
            _ => break,
        }
    }
    let Some(v) = world.ch(victim) else { return };
    if v.is_npc() || v.act & (plr::KILLER | plr::THIEF) != 0 {
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if c.is_affected(aff::CHARM) {
        if c.master.is_none() {
            world.affect_strip(ch, gsn::CHARM_PERSON);
            if let Some(c) = world.ch_mut(ch) {
                c.affected_by &= !aff::CHARM;
            }
        } else {
            stop_follower(world, ch);
        }
        return;
    }
    if c.is_npc()
        || ch == victim
        || c.level >= LEVEL_IMMORTAL
        || !is_clan(c)
        || c.act & plr::KILLER != 0
        || c.fighting == Some(victim)
    {
        return;
    }
    world.send(ch, "*** You are now a KILLER!! ***\n");
    if let Some(c) = world.ch_mut(ch) {
        c.act |= plr::KILLER;
    }
    world.requests.push(Request::Save(ch));
}

// ----------------------------------------------------------------- death

/// ROM's raw_kill (rom-mechanics 5.9): death cry, corpse, and a mobile
/// leaves the world while a player wakes at the altar. Returns the corpse.
pub fn raw_kill(world: &mut World, victim: CharId) -> Option<ObjId> {
    world.stop_fighting(victim, true);
    death_cry(world, victim);
    let corpse = make_corpse(world, victim);
    let Some(v) = world.ch(victim) else {
        return corpse;
    };
    if v.is_npc() {
        let line = format!(
            "{} dies in room {}.",
            v.short_descr,
            v.room.map_or(0, |r| r.0)
        );
        super::wiznet::wiznet(world, &line, None, None, super::wiznet::MOBDEATHS, 0, 0);
        world.extract_char(victim);
        return corpse;
    }
    let place = v
        .room
        .and_then(|r| world.room(r).map(|x| format!("{} [room {}]", x.name, r.0)))
        .unwrap_or_default();
    let line = format!("$N dies at {place}.");
    let pet = v.pet;
    super::wiznet::wiznet(
        world,
        &line,
        Some(victim),
        None,
        super::wiznet::DEATHS,
        0,
        0,
    );
    if let Some(pet) = pet {
        if world.ch(pet).is_some_and(|p| p.is_npc()) {
            world.act("$n slowly fades away.", pet, ActArgs::default(), To::Room);
            world.extract_char(pet);
        }
    }
    world.char_from_room(victim);
    let death_room = if world.room(ROOM_VNUM_ALTAR).is_some() {
        ROOM_VNUM_ALTAR
    } else {
        ROOM_VNUM_TEMPLE
    };
    world.char_to_room(victim, death_room);
    while world.ch(victim).is_some_and(|v| !v.affects.is_empty()) {
        world.affect_remove(victim, 0);
    }
    if let Some(v) = world.ch_mut(victim) {
        v.pet = None;
        v.affected_by = RACES.get(v.race).map_or(0, |r| r.aff);
        v.armor = [100; 4];
        v.position = pos::RESTING;
        v.hit = v.hit.max(1);
        v.mana = v.mana.max(1);
        v.mv = v.mv.max(1);
    }
    corpse
}

/// ROM's death_cry (rom-mechanics 5.9): a message, perhaps a body part
/// (when that object exists in the world), and a cry next door.
pub fn death_cry(world: &mut World, ch: CharId) {
    let Some(c) = world.ch(ch) else { return };
    let (parts, form, npc) = (c.parts, c.form, c.is_npc());
    let mut msg = "You hear $n's death cry.";
    let mut vnum = None;
    let roll = world.rng.bits(4);
    let part = |bit: Flags| parts & bit != 0;
    match roll {
        0 => msg = "$n hits the ground ... DEAD.",
        // Case 1 only for characters without a material: players (C.15);
        // mobiles fall through to the guts.
        1 if !npc => msg = "$n splatters blood on your armor.",
        1 | 2 if part(part::GUTS) => {
            msg = "$n spills $s guts all over the floor.";
            vnum = Some(OBJ_VNUM_GUTS);
        }
        3 if part(part::HEAD) => {
            msg = "$n's severed head plops on the ground.";
            vnum = Some(OBJ_VNUM_SEVERED_HEAD);
        }
        4 if part(part::HEART) => {
            msg = "$n's heart is torn from $s chest.";
            vnum = Some(OBJ_VNUM_TORN_HEART);
        }
        5 if part(part::ARMS) => {
            msg = "$n's arm is sliced from $s dead body.";
            vnum = Some(OBJ_VNUM_SLICED_ARM);
        }
        6 if part(part::LEGS) => {
            msg = "$n's leg is sliced from $s dead body.";
            vnum = Some(OBJ_VNUM_SLICED_LEG);
        }
        7 if part(part::BRAINS) => {
            msg = "$n's head is shattered, and $s brains splash all over you.";
            vnum = Some(OBJ_VNUM_BRAINS);
        }
        _ => {}
    }
    world.act(msg, ch, ActArgs::default(), To::Room);
    let Some(room) = room_of(world, ch) else {
        return;
    };
    if let Some(vnum) = vnum {
        if let Some(obj) = world.create_object(vnum, 0) {
            let name = world.ch(ch).map_or_else(String::new, |c| {
                if c.is_npc() {
                    c.short_descr.clone()
                } else {
                    c.name.clone()
                }
            });
            let timer = world.rng.range(4, 7);
            if let Some(o) = world.obj_mut(obj) {
                o.timer = timer;
                o.short_descr = o.short_descr.replace("%s", &name);
                o.description = o.description.replace("%s", &name);
                if o.item_type == item::FOOD {
                    if form & form::POISON != 0 {
                        o.values[3] = 1;
                    } else if form & form::EDIBLE == 0 {
                        o.item_type = item::TRASH;
                    }
                }
            }
            world.obj_to_room(obj, room);
        }
    }
    let cry = if npc {
        "You hear something's death cry.\n"
    } else {
        "You hear someone's death cry.\n"
    };
    let exits: Vec<RoomVnum> = world
        .room(room)
        .map(|r| {
            r.exits
                .iter()
                .flatten()
                .filter_map(|e| e.to())
                .filter(|&to| to != room)
                .collect()
        })
        .unwrap_or_default();
    for to in exits {
        let people = world.room(to).map(|r| r.people.clone()).unwrap_or_default();
        for p in people {
            if world.ch(p).is_some_and(awake) {
                world.send(p, cry);
            }
        }
    }
}

/// ROM's make_corpse (rom-mechanics 5.9). Without a corpse object in the
/// world, the belongings fall to the floor instead.
pub fn make_corpse(world: &mut World, ch: CharId) -> Option<ObjId> {
    let c = world.ch(ch)?;
    let room = c.room?;
    let npc = c.is_npc();
    let name = if npc {
        c.short_descr.clone()
    } else {
        c.name.clone()
    };
    let (level, gold, silver, clan) = (c.level, c.gold, c.silver, is_clan(c));
    let corpse = world.create_object(
        if npc {
            OBJ_VNUM_CORPSE_NPC
        } else {
            OBJ_VNUM_CORPSE_PC
        },
        0,
    );
    if let Some(corpse) = corpse {
        let timer = if npc {
            world.rng.range(3, 6)
        } else {
            world.rng.range(25, 40)
        };
        if let Some(o) = world.obj_mut(corpse) {
            o.timer = timer;
            o.cost = 0;
            o.level = level;
            o.short_descr = o.short_descr.replace("%s", &name);
            o.description = o.description.replace("%s", &name);
            if !npc && !clan {
                o.owner = Some(name.clone());
            }
        }
        if npc {
            // Faithful quirk (C.5): a mobile with silver only keeps it.
            if gold > 0 {
                if let Some(m) = create_money(world, gold, silver) {
                    world.obj_to_obj(m, corpse);
                }
                if let Some(c) = world.ch_mut(ch) {
                    c.gold = 0;
                    c.silver = 0;
                }
            }
        } else {
            if let Some(c) = world.ch_mut(ch) {
                c.act &= !plr::CANLOOT;
            }
            if clan && (gold > 1 || silver > 1) {
                if let Some(m) = create_money(world, gold / 2, silver / 2) {
                    world.obj_to_obj(m, corpse);
                }
                if let Some(c) = world.ch_mut(ch) {
                    c.gold -= gold / 2;
                    c.silver -= silver / 2;
                }
            }
        }
    }
    let carrying = world.ch(ch).map(|c| c.carrying.clone()).unwrap_or_default();
    for obj in carrying {
        let Some(o) = world.obj(obj) else { continue };
        let floating = o.wear_loc == wear_loc::FLOAT;
        let item_type = o.item_type;
        world.obj_from(obj);
        let timer = match item_type {
            item::POTION => Some(world.rng.range(500, 1000)),
            item::SCROLL => Some(world.rng.range(1000, 2500)),
            _ => None,
        };
        let rot = world
            .obj(obj)
            .is_some_and(|o| o.extra_flags & extra::ROT_DEATH != 0);
        let rot_timer = (rot && !floating).then(|| world.rng.range(5, 10));
        let Some(o) = world.obj_mut(obj) else {
            continue;
        };
        if let Some(t) = timer {
            o.timer = t;
        }
        if let Some(t) = rot_timer {
            o.timer = t;
            o.extra_flags &= !extra::ROT_DEATH;
        }
        o.extra_flags &= !extra::VIS_DEATH;
        if o.extra_flags & extra::INVENTORY != 0 {
            world.extract_obj(obj);
        } else if floating {
            if o.extra_flags & extra::ROT_DEATH != 0 {
                let contents = o.contains.clone();
                if contents.is_empty() {
                    world.act("$p evaporates.", ch, ActArgs::obj(obj), To::Room);
                } else {
                    world.act(
                        "$p evaporates, scattering its contents.",
                        ch,
                        ActArgs::obj(obj),
                        To::Room,
                    );
                    for inner in contents {
                        world.obj_to_room(inner, room);
                    }
                }
                world.extract_obj(obj);
            } else {
                world.act("$p falls to the floor.", ch, ActArgs::obj(obj), To::Room);
                world.obj_to_room(obj, room);
            }
        } else if let Some(corpse) = corpse {
            world.obj_to_obj(obj, corpse);
        } else {
            world.obj_to_room(obj, room);
        }
    }
    if let Some(corpse) = corpse {
        world.obj_to_room(corpse, room);
    }
    corpse
}

// ------------------------------------------------------------ experience

/// ROM's group_gain (rom-mechanics 5.10): every player of the killer's
/// group in the room earns experience for `victim`.
pub fn group_gain(world: &mut World, ch: CharId, victim: CharId) {
    if ch == victim {
        return;
    }
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    let mut members = 0;
    let mut group_levels = 0;
    for &g in &people {
        if is_same_group(world, g, ch) {
            if let Some(gc) = world.ch(g) {
                members += 1;
                group_levels += if gc.is_npc() { gc.level / 2 } else { gc.level };
            }
        }
    }
    if members == 0 {
        group_levels = world.ch(ch).map_or(1, |c| c.level);
    }
    for g in people {
        if !is_same_group(world, g, ch) || world.ch(g).is_none_or(|c| c.is_npc()) {
            continue;
        }
        let xp = xp_compute(world, g, victim, group_levels);
        world.send(g, &format!("You receive {xp} experience points.\n"));
        gain_exp(world, g, i64::from(xp));
        zap_equipment(world, ch);
    }
}

/// Anti-alignment equipment the killer can no longer wear drops to the
/// floor (only the killer's, Appendix C.4).
fn zap_equipment(world: &mut World, ch: CharId) {
    let Some(c) = world.ch(ch) else { return };
    let (good, evil) = (is_good(c), is_evil(c));
    let (carrying, room) = (c.carrying.clone(), c.room);
    for obj in carrying {
        let Some(o) = world.obj(obj) else { continue };
        if o.wear_loc == wear_loc::NONE {
            continue;
        }
        let f = o.extra_flags;
        let zapped = (f & extra::ANTI_EVIL != 0 && evil)
            || (f & extra::ANTI_GOOD != 0 && good)
            || (f & extra::ANTI_NEUTRAL != 0 && !good && !evil);
        if zapped {
            world.act("You are zapped by $p.", ch, ActArgs::obj(obj), To::Char);
            world.act("$n is zapped by $p.", ch, ActArgs::obj(obj), To::Room);
            if let Some(r) = room {
                world.obj_to_room(obj, r);
            }
        }
    }
}

/// Seconds played, this session included.
fn played_secs(c: &Char) -> i64 {
    let Some(pc) = &c.pc else { return 0 };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let session = if pc.last_logon > 0 {
        (now - pc.last_logon).max(0)
    } else {
        0
    };
    pc.played_secs.saturating_add(session)
}

/// ROM's xp_compute (rom-mechanics 5.10): the experience `gch` earns for
/// killing `victim` in a group of `total_levels`; shifts `gch`'s alignment.
pub fn xp_compute(world: &mut World, gch: CharId, victim: CharId, total_levels: i32) -> i32 {
    let (Some(g), Some(v)) = (world.ch(gch), world.ch(victim)) else {
        return 0;
    };
    let total_levels = total_levels.max(1);
    // Levels and alignments from files are kept in ROM's ranges here so the
    // arithmetic below cannot overflow.
    let (glevel, galign, valign) = (
        g.level.clamp(0, MAX_LEVEL),
        g.alignment.clamp(-1000, 1000),
        v.alignment.clamp(-1000, 1000),
    );
    let vlevel = v.level.clamp(0, 1000);
    let noalign = v.act & ACT_NOALIGN != 0;
    let d = vlevel - glevel;
    let base: i32 = match d {
        ..=-10 => 0,
        -9 => 1,
        -8 => 2,
        -7 => 5,
        -6 => 9,
        -5 => 11,
        -4 => 22,
        -3 => 33,
        -2 => 50,
        -1 => 66,
        0 => 83,
        1 => 99,
        2 => 121,
        3 => 143,
        4 => 165,
        _ => 160 + 20 * (d - 4),
    };
    let mut align = galign;
    if !noalign {
        let a = valign - galign;
        if a > 500 {
            let change = ((a - 500) * base / 500 * glevel / total_levels).max(1);
            align = (align - change).max(-1000);
        } else if a < -500 {
            let change = ((-a - 500) * base / 500 * glevel / total_levels).max(1);
            align = (align + change).min(1000);
        } else {
            let change = align * base / 500 * glevel / total_levels;
            align -= change;
        }
    }
    let played = played_secs(g);
    if let Some(g) = world.ch_mut(gch) {
        g.alignment = align;
    }
    let mut xp = if noalign {
        base
    } else if align > 500 {
        match valign {
            ..-750 => base * 4 / 3,
            -750..-500 => base * 5 / 4,
            751.. => base / 4,
            501..=750 => base / 2,
            251..=500 => base * 3 / 4,
            _ => base,
        }
    } else if align < -500 {
        match valign {
            751.. => base * 5 / 4,
            501..=750 => base * 11 / 10,
            ..-750 => base / 2,
            -750..-500 => base * 3 / 4,
            -500..-250 => base * 9 / 10,
            _ => base,
        }
    } else if align > 200 {
        match valign {
            ..-500 => base * 6 / 5,
            751.. => base / 2,
            1..=750 => base * 3 / 4,
            _ => base,
        }
    } else if align < -200 {
        match valign {
            501.. => base * 6 / 5,
            ..-750 => base / 2,
            -750..0 => base * 3 / 4,
            _ => base,
        }
    } else if !(-500..=500).contains(&valign) {
        base * 4 / 3
    } else if valign > -200 && valign < 200 {
        base / 2
    } else {
        base
    };
    if glevel < 6 {
        xp = 10 * xp / (glevel + 4).max(1);
    }
    if glevel > 35 {
        xp = 15 * xp / (glevel - 25);
    }
    let glevel_nz = glevel.max(1);
    let mut tpl = i32::try_from(4 * played / 3600 / i64::from(glevel_nz))
        .unwrap_or(12)
        .clamp(2, 12);
    if glevel < 15 {
        tpl = tpl.max(15 - glevel);
    }
    xp = xp * tpl / 12;
    xp = world.rng.range(xp * 3 / 4, xp * 5 / 4);
    xp * glevel / (total_levels - 1).max(1)
}

/// ROM's gain_exp (rom-mechanics 3.2): experience never drops below one
/// level's worth; enough of it raises levels (up to hero).
pub fn gain_exp(world: &mut World, ch: CharId, gain: i64) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() || c.level >= LEVEL_HERO {
        return;
    }
    let epl = exp_per_level(c);
    if let Some(c) = world.ch_mut(ch) {
        c.exp = epl.max(c.exp + gain);
    }
    loop {
        let Some(c) = world.ch(ch) else { return };
        if c.level >= LEVEL_HERO || c.exp < epl * i64::from(c.level + 1) {
            break;
        }
        let (hit, mana, mv, prac) = (
            c.max_hit,
            c.max_mana,
            c.max_mv,
            c.pc.as_ref().map_or(0, |p| p.practice),
        );
        world.send(ch, "You raise a level!!  ");
        let (name, level) = match world.ch_mut(ch) {
            Some(c) => {
                c.level += 1;
                (c.name.clone(), c.level)
            }
            None => return,
        };
        world.log(format!("{name} gained level {level}"));
        let line = format!("$N has attained level {level}!");
        super::wiznet::wiznet(world, &line, Some(ch), None, super::wiznet::LEVELS, 0, 0);
        super::act_wiz::advance_level(world, ch);
        let Some(c) = world.ch(ch) else { return };
        let (dh, dm, dv, dp) = (
            c.max_hit - hit,
            c.max_mana - mana,
            c.max_mv - mv,
            c.pc.as_ref().map_or(0, |p| p.practice) - prac,
        );
        world.send(
            ch,
            &format!(
                "You gain {dh} hit point{}, {dm} mana, {dv} move, and {dp} practice{}.\n",
                if dh == 1 { "" } else { "s" },
                if dp == 1 { "" } else { "s" }
            ),
        );
        world.requests.push(Request::Save(ch));
    }
}

// ------------------------------------------------------------ aggression

/// ROM's aggr_update (rom-mechanics 10.3), every pulse: aggressive mobiles
/// attack players below immortal level in their room.
pub fn aggr_update(world: &mut World) {
    let mut players = world.players.clone();
    players.reverse();
    for wch in players {
        let Some(w) = world.ch(wch) else { continue };
        if w.is_npc() || w.level >= LEVEL_IMMORTAL {
            continue;
        }
        let Some(room) = w.room else { continue };
        let Some(r) = world.room(room) else { continue };
        if world.areas.get(r.area.0).is_none_or(|a| a.empty) {
            continue;
        }
        let safe = r.flags & ROOM_SAFE != 0;
        let people = r.people.clone();
        for mob in people.iter().copied() {
            let Some(m) = world.ch(mob) else { continue };
            let Some(w) = world.ch(wch) else { break };
            if !m.is_npc()
                || m.act & ACT_AGGRESSIVE == 0
                || m.room != Some(room)
                || safe
                || m.is_affected(aff::CALM)
                || m.fighting.is_some()
                || m.is_affected(aff::CHARM)
                || !awake(m)
                || (m.act & ACT_WIMPY != 0 && awake(w))
                || !world.can_see(mob, wch)
            {
                continue;
            }
            let (mlevel, wimpy) = (m.level, m.act & ACT_WIMPY != 0);
            if world.rng.bits(1) == 0 {
                continue;
            }
            let mut count = 0;
            let mut victim = None;
            let here = world
                .room(room)
                .map(|r| r.people.clone())
                .unwrap_or_default();
            for vch in here {
                let Some(v) = world.ch(vch) else { continue };
                if !v.is_npc()
                    && v.level < LEVEL_IMMORTAL
                    && mlevel >= v.level - 5
                    && (!wimpy || !awake(v))
                    && world.can_see(mob, vch)
                {
                    if world.rng.range(0, count) == 0 {
                        victim = Some(vch);
                    }
                    count += 1;
                }
            }
            if let Some(v) = victim {
                multi_hit(world, mob, v, TYPE_UNDEFINED);
            }
        }
    }
}

// -------------------------------------------------------------- commands

/// `kill <char>` (also `hit`).
pub fn do_kill(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Kill whom?\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &name) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if victim == ch {
        world.send(ch, "You hit yourself.  Ouch!\n");
        multi_hit(world, ch, ch, TYPE_UNDEFINED);
        return;
    }
    if !start_attack(world, ch, victim, true) {
        return;
    }
    check_killer(world, ch, victim);
    multi_hit(world, ch, victim, TYPE_UNDEFINED);
}

/// The checks `kill` and `murder` share after finding the victim; sets the
/// wait when the attack may go ahead.
fn start_attack(world: &mut World, ch: CharId, victim: CharId, any_victim: bool) -> bool {
    if is_safe(world, ch, victim) {
        return false;
    }
    let Some(v) = world.ch(victim) else {
        return false;
    };
    if let Some(vf) = v.fighting {
        if (any_victim || v.is_npc()) && !is_same_group(world, ch, vf) {
            world.send(ch, "Kill stealing is not permitted.\n");
            return false;
        }
    }
    let Some(c) = world.ch(ch) else { return false };
    if c.is_affected(aff::CHARM) && c.master == Some(victim) {
        world.act(
            "$N is your beloved master.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return false;
    }
    if c.position == pos::FIGHTING {
        world.send(ch, "You do the best you can!\n");
        return false;
    }
    wait_state(world, ch, PULSE_VIOLENCE);
    true
}

/// `murde`: ROM's guard against typing `murder` by accident.
pub fn do_murde(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "If you want to MURDER, spell it out.\n");
}

/// `murder <char>`: attack, and the victim yells for help.
pub fn do_murder(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Murder whom?\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if c.is_affected(aff::CHARM) || (c.is_npc() && c.act & ACT_PET != 0) {
        return;
    }
    let Some(victim) = world.get_char_room(ch, &name) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if victim == ch {
        world.send(ch, "Suicide is a mortal sin.\n");
        return;
    }
    if !start_attack(world, ch, victim, false) {
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    let cry = if c.is_npc() {
        format!("Help! I am being attacked by {}!", c.short_descr)
    } else {
        format!("Help!  I am being attacked by {}!", c.name)
    };
    yell(world, victim, &cry);
    check_killer(world, ch, victim);
    multi_hit(world, ch, victim, TYPE_UNDEFINED);
}

/// ROM's `yell` as `murder` uses it: heard by everyone awake in the area.
pub(crate) fn yell(world: &mut World, ch: CharId, text: &str) {
    let Some(area) = room_of(world, ch)
        .and_then(|r| world.room(r))
        .map(|r| r.area)
    else {
        return;
    };
    world.act("You yell '$t'", ch, ActArgs::text(text), To::Char);
    let listeners: Vec<CharId> = world
        .players
        .iter()
        .copied()
        .filter(|&p| p != ch)
        .filter(|&p| {
            room_of(world, p)
                .and_then(|r| world.room(r))
                .is_some_and(|r| r.area == area)
                && world
                    .ch(p)
                    .is_some_and(|c| awake(c) && c.comm & comm::QUIET == 0)
        })
        .collect();
    for p in listeners {
        let line = world.act_format("$n yells '$t'", ch, &ActArgs::text(text), p);
        world.send(p, &line);
    }
}

/// `consider <char>`: how a fight would go, by level difference.
pub fn do_consider(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Consider killing whom?\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &name) else {
        world.send(ch, "They're not here.\n");
        return;
    };
    if is_safe(world, ch, victim) {
        world.send(ch, "Don't even think about it.\n");
        return;
    }
    let diff = world.ch(victim).map_or(0, |v| v.level) - world.ch(ch).map_or(0, |c| c.level);
    world.act(consider_message(diff), ch, ActArgs::vict(victim), To::Char);
}

/// ROM's seven answers to `consider` by level difference (rom-mechanics 5.13).
pub fn consider_message(diff: i32) -> &'static str {
    match diff {
        ..=-10 => "You can kill $N naked and weaponless.",
        -9..=-5 => "$N is no match for you.",
        -4..=-2 => "$N looks like an easy kill.",
        -1..=1 => "The perfect match!",
        2..=4 => "$N says 'Do you feel lucky, punk?'.",
        5..=9 => "$N laughs at you mercilessly.",
        _ => "Death will thank you for your gift.",
    }
}

/// `flee`: up to six tries at a random open exit (rom-mechanics 5.11).
pub fn do_flee(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.fighting.is_none() {
        if c.position == pos::FIGHTING {
            if let Some(c) = world.ch_mut(ch) {
                c.position = pos::STANDING;
            }
        }
        world.send(ch, "You aren't fighting anyone.\n");
        return;
    }
    let Some(was_in) = c.room else { return };
    let npc = c.is_npc();
    for _ in 0..6 {
        let door = world.rng.door();
        let exit = world.room(was_in).and_then(|r| r.exits[door].clone());
        let Some(exit) = exit else { continue };
        let Some(to) = exit.to().filter(|&t| world.room(t).is_some()) else {
            continue;
        };
        let daze = world.ch(ch).map_or(0, |c| c.daze.max(0));
        if exit.is_closed()
            || world.rng.range(0, daze) != 0
            || (npc && world.room(to).is_some_and(|r| r.flags & ROOM_NO_MOB != 0))
        {
            continue;
        }
        move_char(world, ch, door, false);
        let Some(now_in) = room_of(world, ch) else {
            return;
        };
        if now_in == was_in {
            continue;
        }
        // "$n has fled!" is for the room left behind.
        if let Some(c) = world.ch_mut(ch) {
            c.room = Some(was_in);
        }
        world.act("$n has fled!", ch, ActArgs::default(), To::Room);
        if let Some(c) = world.ch_mut(ch) {
            c.room = Some(now_in);
        }
        if !npc {
            world.send(ch, "You flee from combat!\n");
            let Some(c) = world.ch(ch) else { return };
            let (class, level) = (c.class, c.level);
            if class == CLASS_THIEF as i32 && world.rng.percent() < 3 * (level / 2) {
                world.send(ch, "You snuck away safely.\n");
            } else {
                world.send(ch, "You lost 10 exp points.\n");
                gain_exp(world, ch, -10);
            }
        }
        world.stop_fighting(ch, true);
        return;
    }
    world.send(ch, "PANIC! You couldn't escape!\n");
}

/// `wimpy [hp]`: flee automatically at or below that many hit points.
pub fn do_wimpy(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    let Some(c) = world.ch(ch) else { return };
    let max_hit = c.max_hit;
    // ROM reads the number with atoi: `wimpy none` is wimpy 0, `wimpy 12hp`
    // is 12.
    let wimpy = if word.is_empty() {
        max_hit / 5
    } else {
        let n = super::act_comm::atoi(&word);
        i32::try_from(n).unwrap_or(if n < 0 { -1 } else { i32::MAX })
    };
    if wimpy < 0 {
        world.send(ch, "Your courage exceeds your wisdom.\n");
        return;
    }
    if wimpy > max_hit / 2 {
        world.send(ch, "Such cowardice ill becomes you.\n");
        return;
    }
    if let Some(c) = world.ch_mut(ch) {
        c.wimpy = wimpy;
    }
    world.send(ch, &format!("Wimpy set to {wimpy} hit points.\n"));
}

/// `rescue <char>`: take over the fight of someone in trouble.
pub fn do_rescue(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Rescue whom?\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &name) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if victim == ch {
        world.send(ch, "What about fleeing instead?\n");
        return;
    }
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return;
    };
    if !c.is_npc() && v.is_npc() {
        world.send(ch, "Doesn't need your help!\n");
        return;
    }
    if c.fighting == Some(victim) {
        world.send(ch, "Too late.\n");
        return;
    }
    let Some(fch) = v.fighting else {
        world.send(ch, "That person is not fighting right now.\n");
        return;
    };
    if world.ch(fch).is_some_and(|f| f.is_npc()) && !is_same_group(world, ch, victim) {
        world.send(ch, "Kill stealing is not permitted.\n");
        return;
    }
    let beats = gsn::RESCUE.skill().map_or(12, |s| s.beats);
    wait_state(world, ch, beats);
    if world.rng.percent() > world.get_skill(ch, gsn::RESCUE) {
        world.send(ch, "You fail the rescue.\n");
        check_improve(world, ch, gsn::RESCUE, false, 1);
        return;
    }
    world.act("You rescue $N!", ch, ActArgs::vict(victim), To::Char);
    world.act("$n rescues you!", ch, ActArgs::vict(victim), To::Vict);
    world.act("$n rescues $N!", ch, ActArgs::vict(victim), To::NotVict);
    check_improve(world, ch, gsn::RESCUE, true, 1);
    world.stop_fighting(fch, false);
    world.stop_fighting(victim, false);
    check_killer(world, ch, fch);
    world.stop_fighting(ch, false);
    set_fighting(world, ch, fch);
    set_fighting(world, fch, ch);
}

/// `sla`: ROM's guard against typing `slay` by accident.
pub fn do_sla(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "If you want to SLAY, spell it out.\n");
}

/// `slay <char>`: an immortal kills outright (no experience changes hands).
pub fn do_slay(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Slay whom?\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &name) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if ch == victim {
        world.send(ch, "Suicide is a mortal sin.\n");
        return;
    }
    let trust = world.ch(ch).map_or(0, |c| c.get_trust());
    if world
        .ch(victim)
        .is_some_and(|v| !v.is_npc() && v.get_trust() >= trust)
    {
        world.send(ch, "You failed.\n");
        return;
    }
    world.act(
        "You slay $M in cold blood!",
        ch,
        ActArgs::vict(victim),
        To::Char,
    );
    world.act(
        "$n slays you in cold blood!",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    world.act(
        "$n slays $N in cold blood!",
        ch,
        ActArgs::vict(victim),
        To::NotVict,
    );
    raw_kill(world, victim);
}

/// `peace`: every fight in the room stops and aggressive mobiles calm down.
pub fn do_peace(world: &mut World, ch: CharId, _arg: &str) {
    let people = room_of(world, ch)
        .and_then(|r| world.room(r))
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for rch in people {
        if fighting(world, rch).is_some() {
            world.stop_fighting(rch, true);
        }
        if let Some(r) = world.ch_mut(rch) {
            if r.is_npc() {
                r.act &= !ACT_AGGRESSIVE;
            }
        }
    }
    world.send(ch, "Ok.\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ConnId;
    use crate::world::{AreaId, AreaProto, MobProto, MobVnum, ObjProto, Protos, RoomProto};

    const HERE: RoomVnum = RoomVnum(3001);
    const EAST: RoomVnum = RoomVnum(3002);

    /// Temple (3001) with an exit east (3002), the altar (3054), both corpse
    /// objects and a plain mobile (3062) — everything fixed-seeded.
    fn world() -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 9999,
            ..Default::default()
        });
        for v in [3001, 3002, 3054] {
            let mut room = RoomProto {
                vnum: RoomVnum(v),
                area: AreaId(0),
                name: format!("Room {v}"),
                ..Default::default()
            };
            if v == 3001 {
                room.exits[1] = Some(ExitProto {
                    to: Some(EAST),
                    ..Default::default()
                });
            }
            p.rooms.insert(RoomVnum(v), room);
        }
        for (v, kind, short) in [
            (10, item::CORPSE_NPC, "the corpse of %s"),
            (11, item::CORPSE_PC, "the corpse of %s"),
        ] {
            p.objs.insert(
                ObjVnum(v),
                ObjProto {
                    vnum: ObjVnum(v),
                    keywords: "corpse".into(),
                    short_descr: short.into(),
                    long_descr: "The corpse of %s is lying here.".into(),
                    item_type: kind,
                    ..Default::default()
                },
            );
        }
        p.objs.insert(
            ObjVnum(3702),
            ObjProto {
                vnum: ObjVnum(3702),
                keywords: "sword".into(),
                short_descr: "a sword".into(),
                item_type: item::WEAPON,
                wear_flags: wear::TAKE | wear::WIELD,
                ..Default::default()
            },
        );
        p.mobs.insert(
            MobVnum(3062),
            MobProto {
                wealth: 400,
                ..crate::world::proto::test_fido(1, 20)
            },
        );
        World::new(p, 7)
    }

    fn player(w: &mut World, name: &str, level: i32) -> CharId {
        let id = w.chars.insert(Char {
            name: name.into(),
            pc: Some(Box::default()),
            level,
            class: rules::CLASS_WARRIOR as i32,
            hit: 100,
            max_hit: 100,
            mana: 100,
            max_mana: 100,
            mv: 100,
            max_mv: 100,
            perm_stat: [13; 5],
            armor: [100; 4],
            position: pos::STANDING,
            dam_type: 17,
            conn: Some(ConnId(w.players.len() + 1)),
            ..Char::default()
        });
        w.char_to_room(id, HERE);
        w.players.push(id);
        id
    }

    fn mob(w: &mut World) -> CharId {
        let Some(id) = w.create_mobile(MobVnum(3062)) else {
            panic!("no mob prototype");
        };
        w.char_to_room(id, HERE);
        id
    }

    fn edit(w: &mut World, id: CharId, f: impl FnOnce(&mut Char)) {
        if let Some(c) = w.ch_mut(id) {
            f(c);
        }
    }

    fn take_output(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    /// Hits train the weapon skill in use (rom-mechanics 6.6, multiplier 5).
    #[test]
    fn hits_improve_the_weapon_skill() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 50);
        let fido = mob(&mut w);
        edit(&mut w, hero, |c| {
            if let Some(p) = c.pc.as_mut() {
                p.learned.insert(gsn::HAND_TO_HAND, 50);
            }
        });
        let learned = |w: &World| {
            w.ch(hero)
                .and_then(|c| c.pc.as_ref())
                .and_then(|p| p.learned.get(&gsn::HAND_TO_HAND).copied())
        };
        let mut tries = 0;
        while learned(&w) == Some(50) && tries < 5000 {
            edit(&mut w, fido, |c| (c.hit, c.max_hit) = (30_000, 30_000));
            one_hit(&mut w, hero, fido, TYPE_UNDEFINED);
            tries += 1;
        }
        assert_eq!(learned(&w), Some(51));
        assert!(take_output(&mut w, hero).contains("You have become better at hand to hand!\n"));
    }

    #[test]
    fn consider_gives_roms_seven_answers() {
        let cases = [
            (-10, "You can kill $N naked and weaponless."),
            (-9, "$N is no match for you."),
            (-5, "$N is no match for you."),
            (-4, "$N looks like an easy kill."),
            (-2, "$N looks like an easy kill."),
            (-1, "The perfect match!"),
            (1, "The perfect match!"),
            (2, "$N says 'Do you feel lucky, punk?'."),
            (4, "$N says 'Do you feel lucky, punk?'."),
            (5, "$N laughs at you mercilessly."),
            (9, "$N laughs at you mercilessly."),
            (10, "Death will thank you for your gift."),
        ];
        for (diff, msg) in cases {
            assert_eq!(consider_message(diff), msg, "diff {diff}");
        }
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let _fido = mob(&mut w);
        do_consider(&mut w, hero, "fido");
        assert_eq!(take_output(&mut w, hero), "The perfect match!\n");
    }

    #[test]
    fn is_safe_follows_rom() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let other = player(&mut w, "Other", 10);
        let fido = mob(&mut w);
        assert!(!is_safe(&mut w, hero, fido));
        // No player killing without clans.
        assert!(is_safe(&mut w, hero, other));
        assert!(take_output(&mut w, hero).contains("Join a clan"));
        // Shopkeepers, healers and trainers are protected.
        for flag in [ACT_HEALER, ACT_TRAIN, ACT_PRACTICE, ACT_IS_CHANGER] {
            edit(&mut w, fido, |c| c.act |= flag);
            assert!(is_safe(&mut w, hero, fido));
            assert_eq!(
                take_output(&mut w, hero),
                "I don't think Mota would approve.\n"
            );
            edit(&mut w, fido, |c| c.act &= !flag);
        }
        if let Some(m) = w.mob_index.get_mut(&MobVnum(3062)) {
            m.proto.shop = Some(Default::default());
        }
        assert!(is_safe(&mut w, hero, fido));
        assert_eq!(
            take_output(&mut w, hero),
            "The shopkeeper wouldn't like that.\n"
        );
        if let Some(m) = w.mob_index.get_mut(&MobVnum(3062)) {
            m.proto.shop = None;
        }
        // Someone else's charmed follower.
        edit(&mut w, fido, |c| {
            c.affected_by |= aff::CHARM;
            c.master = Some(other);
        });
        assert!(is_safe(&mut w, hero, fido));
        assert_eq!(take_output(&mut w, hero), "You don't own that monster.\n");
        edit(&mut w, fido, |c| c.master = Some(hero));
        assert!(!is_safe(&mut w, hero, fido));
        // Safe rooms.
        edit(&mut w, fido, |c| c.affected_by &= !aff::CHARM);
        if let Some(r) = w.room_mut(HERE) {
            r.flags |= ROOM_SAFE;
        }
        assert!(is_safe(&mut w, hero, fido));
        assert_eq!(take_output(&mut w, hero), "Not in this room.\n");
    }

    #[test]
    fn damage_reduces_big_hits_and_applies_sanctuary_and_immunity() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let fido = mob(&mut w);
        let set_hp = |w: &mut World| {
            if let Some(c) = w.ch_mut(fido) {
                c.hit = 1000;
                c.max_hit = 1000;
            }
        };
        let hp = |w: &World| w.ch(fido).map_or(0, |c| c.hit);
        set_hp(&mut w);
        assert!(damage(&mut w, hero, fido, 100, TYPE_HIT, DAM_BASH, true));
        assert_eq!(hp(&w), 1000 - 67, "100 reduces to 67");
        assert_eq!(
            take_output(&mut w, hero),
            "You *** DEVASTATE *** the beastly fido!\n"
        );
        assert_eq!(fighting(&w, hero), Some(fido));
        assert_eq!(fighting(&w, fido), Some(hero));
        set_hp(&mut w);
        edit(&mut w, fido, |c| c.affected_by |= aff::SANCTUARY);
        damage(&mut w, hero, fido, 100, TYPE_HIT, DAM_BASH, false);
        assert_eq!(hp(&w), 1000 - 33, "sanctuary halves");
        edit(&mut w, fido, |c| c.affected_by &= !aff::SANCTUARY);
        set_hp(&mut w);
        edit(&mut w, fido, |c| c.res = irv::BASH);
        damage(&mut w, hero, fido, 30, TYPE_HIT, DAM_BASH, false);
        assert_eq!(hp(&w), 1000 - 20, "resistant: -1/3");
        set_hp(&mut w);
        edit(&mut w, fido, |c| {
            c.res = 0;
            c.vuln = irv::WEAPON;
        });
        damage(&mut w, hero, fido, 30, TYPE_HIT, DAM_BASH, false);
        assert_eq!(hp(&w), 1000 - 45, "vulnerable: +1/2");
        set_hp(&mut w);
        edit(&mut w, fido, |c| c.imm = irv::PIERCE);
        take_output(&mut w, hero);
        assert!(!damage(
            &mut w,
            hero,
            fido,
            30,
            TYPE_HIT + 11,
            DAM_PIERCE,
            true
        ));
        assert_eq!(hp(&w), 1000);
        assert_eq!(
            take_output(&mut w, hero),
            "The beastly fido is unaffected by your pierce!\n"
        );
    }

    #[test]
    fn one_hit_misses_or_hurts_within_the_dice() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let fido = mob(&mut w);
        let mut hits = 0;
        for _ in 0..200 {
            if let Some(c) = w.ch_mut(fido) {
                c.hit = 10_000;
                c.max_hit = 10_000;
            }
            one_hit(&mut w, hero, fido, TYPE_UNDEFINED);
            let dealt = 10_000 - w.ch(fido).map_or(0, |c| c.hit);
            // Bare-handed level 10, no skill: 1 + 4*20/100 ..= 2*10/3*20/100 → 1..=1.
            assert!((0..=1).contains(&dealt), "dealt {dealt}");
            hits += dealt;
        }
        assert!(hits > 0, "some punches land");
        assert!(take_output(&mut w, hero).contains("Your punch"));
    }

    #[test]
    fn xp_compute_follows_the_table_and_shifts_alignment() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let fido = mob(&mut w);
        // Level 1 vs level 1: base 83; neutral vs neutral ×1/2 = 41; low
        // level ×10/5 = 82; playing time ×14/12 = 95; scatter 71..=118.
        for _ in 0..50 {
            let xp = xp_compute(&mut w, hero, fido, 1);
            assert!((71..=118).contains(&xp), "xp {xp}");
        }
        edit(&mut w, fido, |c| c.alignment = 1000);
        xp_compute(&mut w, hero, fido, 1);
        assert_eq!(w.ch(hero).map(|c| c.alignment), Some(-83));
        edit(&mut w, fido, |c| c.act |= ACT_NOALIGN);
        xp_compute(&mut w, hero, fido, 1);
        assert_eq!(w.ch(hero).map(|c| c.alignment), Some(-83));
        // Ten levels below: nothing.
        edit(&mut w, hero, |c| c.level = 11);
        assert_eq!(xp_compute(&mut w, hero, fido, 11), 0);
    }

    #[test]
    fn gain_exp_raises_levels() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let epl = exp_per_level(w.ch(hero).map_or(&Char::default(), |c| c));
        edit(&mut w, hero, |c| c.exp = epl);
        gain_exp(&mut w, hero, epl);
        assert_eq!(w.ch(hero).map(|c| c.level), Some(2));
        let out = take_output(&mut w, hero);
        assert!(out.starts_with("You raise a level!!  You gain "), "{out}");
        // Experience never drops below one level's worth.
        gain_exp(&mut w, hero, -100_000);
        assert_eq!(w.ch(hero).map(|c| c.exp), Some(epl));
    }

    #[test]
    fn killing_a_mobile_leaves_a_corpse_and_pays_experience() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let fido = mob(&mut w);
        let gold = w.ch(fido).map_or(0, |c| c.gold);
        assert!(damage(&mut w, hero, fido, 500, TYPE_HIT, DAM_BASH, true));
        assert!(w.ch(fido).is_none(), "the mobile left the world");
        let out = take_output(&mut w, hero);
        assert!(out.contains("The beastly fido is DEAD!!"), "{out}");
        assert!(out.contains("You receive "), "{out}");
        let corpse = w.room(HERE).and_then(|r| {
            r.contents
                .iter()
                .copied()
                .find(|&o| w.obj(o).is_some_and(|o| o.vnum == OBJ_VNUM_CORPSE_NPC))
        });
        let Some(corpse) = corpse else {
            panic!("no corpse")
        };
        let c = w.obj(corpse).cloned().unwrap_or_default();
        assert_eq!(c.short_descr, "the corpse of the beastly fido");
        assert!((3..=6).contains(&c.timer));
        assert_eq!(c.contains.is_empty(), gold == 0);
        assert_eq!(fighting(&w, hero), None);
        assert_eq!(w.ch(hero).map(|c| c.position), Some(pos::STANDING));
    }

    #[test]
    fn a_dead_player_wakes_at_the_altar_and_leaves_a_corpse() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 5);
        let fido = mob(&mut w);
        let Some(sword) = w.create_object(ObjVnum(3702), 1) else {
            panic!("no sword")
        };
        w.obj_to_char(sword, hero);
        w.equip_char(hero, sword, wear_loc::WIELD);
        let epl = exp_per_level(w.ch(hero).map_or(&Char::default(), |c| c));
        edit(&mut w, hero, |c| {
            c.exp = epl * 5 + 300;
            c.armor = [-20; 4];
        });
        damage(&mut w, fido, hero, 1000, TYPE_HIT, DAM_BASH, true);
        let out = take_output(&mut w, hero);
        assert!(out.contains("You have been KILLED!!"), "{out}");
        let c = w.ch(hero).cloned().unwrap_or_default();
        assert_eq!(c.room, Some(ROOM_VNUM_ALTAR));
        assert_eq!(c.position, pos::RESTING);
        assert_eq!(c.hit, 1);
        assert_eq!(c.armor, [100; 4]);
        assert!(c.carrying.is_empty());
        // Two thirds of the 300 above the level's floor are lost, +50.
        assert_eq!(c.exp, epl * 5 + 300 - 200 + 50);
        assert_eq!(fighting(&w, fido), None);
        let corpse = w.room(HERE).and_then(|r| {
            r.contents
                .iter()
                .copied()
                .find(|&o| w.obj(o).is_some_and(|o| o.vnum == OBJ_VNUM_CORPSE_PC))
        });
        let Some(corpse) = corpse else {
            panic!("no corpse")
        };
        let o = w.obj(corpse).cloned().unwrap_or_default();
        assert_eq!(o.owner.as_deref(), Some("Hero"));
        assert_eq!(o.contains, vec![sword]);
        assert!((25..=40).contains(&o.timer));
    }

    #[test]
    fn violence_update_fights_to_the_death() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let fido = mob(&mut w);
        edit(&mut w, hero, |c| {
            c.hit = 10_000;
            c.max_hit = 10_000;
        });
        do_kill(&mut w, hero, "fido");
        assert_eq!(w.ch(hero).map(|c| c.wait), Some(PULSE_VIOLENCE));
        for _ in 0..500 {
            if w.ch(fido).is_none() {
                break;
            }
            violence_update(&mut w);
        }
        assert!(w.ch(fido).is_none(), "fido died");
        assert_eq!(w.ch(hero).map(|c| c.fighting), Some(None));
    }

    #[test]
    fn aggressive_mobiles_attack_visible_players() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let fido = mob(&mut w);
        edit(&mut w, fido, |c| c.act |= ACT_AGGRESSIVE);
        edit(&mut w, hero, |c| c.hit = 10_000);
        for _ in 0..50 {
            aggr_update(&mut w);
            if fighting(&w, fido).is_some() {
                break;
            }
        }
        assert_eq!(fighting(&w, fido), Some(hero));
        // Immortals are left alone.
        let mut w = world();
        let imm = player(&mut w, "Imm", LEVEL_IMMORTAL);
        let fido = mob(&mut w);
        edit(&mut w, fido, |c| c.act |= ACT_AGGRESSIVE);
        for _ in 0..50 {
            aggr_update(&mut w);
        }
        assert_eq!(fighting(&w, fido), None);
        let _ = imm;
    }

    #[test]
    fn flee_leaves_the_room_and_costs_experience() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let fido = mob(&mut w);
        let epl = exp_per_level(w.ch(hero).map_or(&Char::default(), |c| c));
        edit(&mut w, hero, |c| c.exp = epl + 100);
        set_fighting(&mut w, hero, fido);
        set_fighting(&mut w, fido, hero);
        for _ in 0..20 {
            if room_of(&w, hero) == Some(EAST) {
                break;
            }
            do_flee(&mut w, hero, "");
        }
        assert_eq!(room_of(&w, hero), Some(EAST));
        let out = take_output(&mut w, hero);
        assert!(out.contains("You flee from combat!"), "{out}");
        assert!(out.contains("You lost 10 exp points."), "{out}");
        assert_eq!(w.ch(hero).map(|c| c.exp), Some(epl + 90));
        assert_eq!(fighting(&w, hero), None);
        assert_eq!(fighting(&w, fido), None);
    }

    #[test]
    fn wimpy_and_peace_and_restore() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 1);
        let fido = mob(&mut w);
        do_wimpy(&mut w, hero, "");
        assert_eq!(take_output(&mut w, hero), "Wimpy set to 20 hit points.\n");
        do_wimpy(&mut w, hero, "51");
        assert_eq!(
            take_output(&mut w, hero),
            "Such cowardice ill becomes you.\n"
        );
        // atoi, as ROM reads it.
        do_wimpy(&mut w, hero, "12hp");
        assert_eq!(take_output(&mut w, hero), "Wimpy set to 12 hit points.\n");
        do_wimpy(&mut w, hero, "none");
        assert_eq!(take_output(&mut w, hero), "Wimpy set to 0 hit points.\n");
        do_wimpy(&mut w, hero, "-3");
        assert_eq!(
            take_output(&mut w, hero),
            "Your courage exceeds your wisdom.\n"
        );
        do_wimpy(&mut w, hero, "99999999999999");
        assert_eq!(
            take_output(&mut w, hero),
            "Such cowardice ill becomes you.\n"
        );
        set_fighting(&mut w, hero, fido);
        set_fighting(&mut w, fido, hero);
        do_peace(&mut w, hero, "");
        assert_eq!(fighting(&w, hero), None);
        assert_eq!(fighting(&w, fido), None);
        set_fighting(&mut w, hero, fido);
        set_fighting(&mut w, fido, hero);
        super::super::act_wiz::do_restore(&mut w, hero, "hero");
        assert_eq!(fighting(&w, hero), None);
        assert_eq!(fighting(&w, fido), None);
    }

    #[test]
    fn mobiles_and_autoassisting_players_join_fights() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let friend = player(&mut w, "Friend", 10);
        let fido = mob(&mut w);
        let brother = mob(&mut w);
        for id in [hero, friend, fido, brother] {
            edit(&mut w, id, |c| {
                c.hit = 10_000;
                c.max_hit = 10_000;
            });
        }
        edit(&mut w, brother, |c| c.off |= off::ASSIST_VNUM);
        edit(&mut w, friend, |c| {
            c.act |= plr::AUTOASSIST;
            c.leader = Some(hero);
        });
        set_fighting(&mut w, hero, fido);
        set_fighting(&mut w, fido, hero);
        // The player's group first: autoassist joins at once.
        check_assist(&mut w, hero, fido);
        assert_eq!(fighting(&w, friend), Some(fido));
        // The fido's brother helps with even odds each round.
        for _ in 0..50 {
            if fighting(&w, brother).is_some() {
                break;
            }
            check_assist(&mut w, fido, hero);
        }
        let target = fighting(&w, brother);
        assert!(target == Some(hero) || target == Some(friend), "{target:?}");
        assert!(take_output(&mut w, hero).contains("The beastly fido screams and attacks!"));
    }

    #[test]
    fn rescue_takes_over_the_fight() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let friend = player(&mut w, "Friend", 10);
        let fido = mob(&mut w);
        edit(&mut w, hero, |c| {
            if let Some(pc) = c.pc.as_mut() {
                pc.learned.insert(gsn::RESCUE, 100);
            }
        });
        edit(&mut w, friend, |c| c.leader = Some(hero));
        set_fighting(&mut w, friend, fido);
        set_fighting(&mut w, fido, friend);
        do_rescue(&mut w, hero, "friend");
        assert_eq!(take_output(&mut w, hero), "You rescue Friend!\n");
        assert_eq!(take_output(&mut w, friend), "Hero rescues you!\n");
        assert_eq!(fighting(&w, fido), Some(hero));
        assert_eq!(fighting(&w, hero), Some(fido));
        assert_eq!(fighting(&w, friend), None);
        assert_eq!(w.ch(hero).map(|c| c.wait), Some(12));
    }

    #[test]
    fn kill_refuses_kill_stealing_and_murder_yells() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let other = player(&mut w, "Other", 10);
        let fido = mob(&mut w);
        set_fighting(&mut w, fido, other);
        do_kill(&mut w, hero, "fido");
        assert_eq!(
            take_output(&mut w, hero),
            "Kill stealing is not permitted.\n"
        );
        do_kill(&mut w, hero, "nobody");
        assert_eq!(take_output(&mut w, hero), "They aren't here.\n");
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let other = player(&mut w, "Other", 10);
        let _fido = mob(&mut w);
        edit(&mut w, hero, |c| {
            c.hit = 10_000;
            c.max_hit = 10_000;
        });
        do_murder(&mut w, hero, "fido");
        assert!(take_output(&mut w, other)
            .contains("The beastly fido yells 'Help!  I am being attacked by Hero!'"),);
    }

    /// Backstab multiplies a weapon's damage by 2 + level/10 (a dagger's by
    /// 2 + level/8; rom-mechanics 5.3): the mean of the landed blows, with
    /// the same weapon, grows by that factor.
    #[test]
    fn backstab_multiplies_the_weapon_damage() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 40);
        let fido = mob(&mut w);
        let Some(sword) = w.create_object(ObjVnum(3702), 40) else {
            panic!("no sword")
        };
        if let Some(o) = w.obj_mut(sword) {
            // 2d3: small enough that a backstab stays under 35, where
            // `damage` starts to shave big hits (rom-mechanics 5.4).
            o.values = [1, 2, 3, 3, 0];
        }
        w.obj_to_char(sword, hero);
        w.equip_char(hero, sword, wear_loc::WIELD);
        if let Some(pc) = w.ch_mut(hero).and_then(|c| c.pc.as_mut()) {
            pc.learned.insert(gsn::SWORD, 100);
            pc.learned.insert(gsn::BACKSTAB, 100);
        }
        let mut mean = |dt: i32| {
            let (mut total, mut hits) = (0i64, 0i64);
            for _ in 0..400 {
                edit(&mut w, fido, |c| {
                    c.hit = 100_000;
                    c.max_hit = 100_000;
                    c.position = pos::STANDING;
                });
                one_hit(&mut w, hero, fido, dt);
                w.stop_fighting(hero, true);
                let dealt = 100_000 - w.ch(fido).map_or(0, |c| c.hit);
                if dealt > 0 {
                    total += i64::from(dealt);
                    hits += 1;
                }
            }
            assert!(hits > 50, "{hits} hits");
            total as f64 / hits as f64
        };
        let plain = mean(TYPE_UNDEFINED);
        let stab = mean(gsn::BACKSTAB.0);
        // 2 + 40/10 = 6 for a sword.
        let ratio = stab / plain;
        assert!((5.0..=7.0).contains(&ratio), "{stab} / {plain} = {ratio}");
    }

    #[test]
    fn flaming_weapons_burn_after_a_hit() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 20);
        let fido = mob(&mut w);
        let Some(sword) = w.create_object(ObjVnum(3702), 20) else {
            panic!("no sword")
        };
        if let Some(o) = w.obj_mut(sword) {
            o.values = [1, 2, 4, 3, weapon::FLAMING as i64];
        }
        w.obj_to_char(sword, hero);
        w.equip_char(hero, sword, wear_loc::WIELD);
        let mut burned = false;
        for _ in 0..100 {
            edit(&mut w, fido, |c| {
                c.hit = 10_000;
                c.max_hit = 10_000;
            });
            one_hit(&mut w, hero, fido, TYPE_UNDEFINED);
            if take_output(&mut w, hero).contains("The beastly fido is burned by a sword.") {
                burned = true;
                break;
            }
        }
        assert!(burned);
    }

    /// The silent spell version (rom-mechanics 5.5): area spells spare the
    /// caster, charmed mobs, mobs fighting strangers; a mob's area spell
    /// hits only its opponent's side.
    /// Player killing needs both in a clan, within 8 levels, unless the
    /// victim is a KILLER or THIEF; killing a non-clanmate clears the
    /// victim's KILLER flag (rom-mechanics 5.5).
    #[test]
    fn clans_open_player_killing() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let other = player(&mut w, "Other", 10);
        assert!(safe_reason(&w, hero, other).is_some());
        for (p, clan) in [(hero, 2), (other, 2)] {
            if let Some(c) = w.ch_mut(p) {
                c.clan = clan;
            }
        }
        assert!(safe_reason(&w, hero, other).is_none());
        assert!(!is_safe_spell(&w, hero, other, false));
        if let Some(c) = w.ch_mut(hero) {
            c.level = 19;
        }
        assert!(safe_reason(&w, hero, other).is_some(), "more than 8 levels");
        if let Some(c) = w.ch_mut(other) {
            c.act |= plr::THIEF;
            c.clan = 0;
        }
        assert!(
            safe_reason(&w, hero, other).is_none(),
            "thieves are fair game"
        );
        // Loners are never the same clan; rom members are.
        let (mut a, mut b) = (Char::default(), Char::default());
        (a.clan, b.clan) = (1, 1);
        assert!(!a.is_same_clan(&b));
        (a.clan, b.clan) = (2, 2);
        assert!(a.is_same_clan(&b) && a.is_clan());
    }

    #[test]
    fn is_safe_spell_follows_rom() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let other = player(&mut w, "Other", 10);
        let fido = mob(&mut w);
        let rex = mob(&mut w);
        assert!(is_safe_spell(&w, hero, hero, true));
        assert!(!is_safe_spell(&w, hero, hero, false));
        assert!(!is_safe_spell(&w, hero, fido, true));
        assert!(is_safe_spell(&w, hero, other, true), "no clans, no pk");
        // a charmed mob: never for area spells, its master may target it.
        edit(&mut w, fido, |c| {
            c.affected_by |= aff::CHARM;
            c.master = Some(hero);
        });
        assert!(is_safe_spell(&w, hero, fido, true));
        assert!(!is_safe_spell(&w, hero, fido, false));
        edit(&mut w, fido, |c| {
            c.affected_by &= !aff::CHARM;
            c.master = None;
        });
        // kill stealing: fido fights Other, who is not in Hero's group.
        edit(&mut w, fido, |c| c.fighting = Some(other));
        assert!(is_safe_spell(&w, hero, fido, false));
        edit(&mut w, fido, |c| c.fighting = None);
        // a mob's area spell: players of its opponent's group only, mobs
        // only of that side too.
        assert!(is_safe_spell(&w, rex, fido, true), "not fighting: no mobs");
        assert!(!is_safe_spell(&w, rex, hero, true));
        edit(&mut w, rex, |c| c.fighting = Some(hero));
        assert!(!is_safe_spell(&w, rex, hero, true));
        assert!(is_safe_spell(&w, rex, other, true));
        assert!(is_safe_spell(&w, rex, fido, true));
        // safe rooms protect mobs from everyone.
        if let Some(r) = w.room_mut(HERE) {
            r.flags |= ROOM_SAFE;
        }
        assert!(is_safe_spell(&w, hero, fido, false));
    }

    /// A poisoned weapon: the victim saves at level/2 or is poisoned at
    /// 3/4 of the poison's level for level/2 (str −1, joined); the
    /// weapon's poison loses 2 levels and 1 duration a hit.
    #[test]
    fn poisoned_weapons_poison_and_wear_down() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 20);
        let fido = mob(&mut w);
        let Some(sword) = w.create_object(ObjVnum(3702), 20) else {
            panic!("no sword")
        };
        if let Some(o) = w.obj_mut(sword) {
            o.values = [1, 2, 4, 3, weapon::POISON as i64];
            o.affects.push(Affect {
                where_: to::WEAPON,
                skill: gsn::POISON,
                level: 20,
                duration: 2,
                location: 0,
                modifier: 0,
                bits: weapon::POISON,
            });
        }
        w.obj_to_char(sword, hero);
        w.equip_char(hero, sword, wear_loc::WIELD);
        set_fighting(&mut w, hero, fido);
        let Some(snapshot) = w.obj(sword).cloned() else {
            panic!("no sword")
        };
        weapon_flags(&mut w, hero, fido, sword, &snapshot);
        let weapon_af = w
            .obj(sword)
            .map(|o| (o.affects[0].level, o.affects[0].duration));
        assert_eq!(weapon_af, Some((18, 1)));
        // level 1 fido vs save level 10: saves 5 %, so poisoned almost surely.
        let af = w
            .ch(fido)
            .and_then(|c| c.affects.iter().find(|a| a.skill == gsn::POISON).cloned());
        let Some(af) = af else {
            panic!("fido resisted at 5 %")
        };
        assert_eq!(
            (af.level, af.duration, af.location, af.modifier, af.bits),
            (15, 10, apply::STR, -1, aff::POISON)
        );
        // the second hit empties the poison: it has worn off.
        weapon_flags(&mut w, hero, fido, sword, &snapshot);
        assert!(take_output(&mut w, hero).contains("The poison on a sword has worn off."));
        let af = w
            .ch(fido)
            .and_then(|c| c.affects.iter().find(|a| a.skill == gsn::POISON).cloned());
        assert!(af.is_some_and(|a| a.duration >= 10 && a.modifier <= -1));
        // the object tick removes the spent poison and the weapon flag.
        w.obj_affect_tick(sword);
        assert_eq!(w.obj(sword).map(|o| o.affects.len()), Some(0));
        assert_eq!(
            w.obj(sword).map(|o| o.values[4] as u64 & weapon::POISON),
            Some(0)
        );
        // without a poison affect the weapon's own level is used.
        if let Some(o) = w.obj_mut(sword) {
            o.values[4] = weapon::POISON as i64;
        }
        let fido2 = mob(&mut w);
        w.stop_fighting(hero, true);
        set_fighting(&mut w, hero, fido2);
        let Some(snapshot) = w.obj(sword).cloned() else {
            panic!("no sword")
        };
        let mut tries = 0;
        while !w.is_affected(fido2, gsn::POISON) {
            weapon_flags(&mut w, hero, fido2, sword, &snapshot);
            tries += 1;
            assert!(tries < 50);
        }
        let lvl = w.ch(fido2).map(|c| c.affects[0].level);
        assert_eq!(lvl, Some(15));
    }

    /// Frost on a hit works on the victim's gear at half the weapon's
    /// level: a carried potion shatters sooner or later.
    #[test]
    fn frost_weapons_shatter_the_victims_potions() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 20);
        let fido = mob(&mut w);
        let Some(sword) = w.create_object(ObjVnum(3702), 100) else {
            panic!("no sword")
        };
        if let Some(o) = w.obj_mut(sword) {
            o.values = [1, 2, 4, 3, weapon::FROST as i64];
        }
        w.obj_to_char(sword, hero);
        w.equip_char(hero, sword, wear_loc::WIELD);
        let Some(flask) = w.create_object(ObjVnum(3702), 0) else {
            panic!("no object")
        };
        if let Some(o) = w.obj_mut(flask) {
            o.item_type = item::POTION;
        }
        w.obj_to_char(flask, fido);
        let Some(snapshot) = w.obj(sword).cloned() else {
            panic!("no sword")
        };
        let mut hits = 0;
        set_fighting(&mut w, hero, fido);
        while w.obj(flask).is_some() {
            edit(&mut w, fido, |c| c.hit = 10_000);
            weapon_flags(&mut w, hero, fido, sword, &snapshot);
            hits += 1;
            assert!(hits < 100, "the potion never froze");
        }
    }

    #[test]
    fn death_cries_carry_next_door_and_leave_body_parts() {
        let mut w = world();
        let hero = player(&mut w, "Hero", 10);
        let neighbour = player(&mut w, "Neighbour", 10);
        w.char_to_room(neighbour, EAST);
        // Only the guts exist in this world; other parts give the plain cry.
        w.obj_index.insert(
            OBJ_VNUM_GUTS,
            ObjIndex {
                proto: ObjProto {
                    vnum: OBJ_VNUM_GUTS,
                    keywords: "guts".into(),
                    short_descr: "the guts of %s".into(),
                    item_type: item::FOOD,
                    ..Default::default()
                },
                count: 0,
            },
        );
        let mut guts = false;
        for _ in 0..64 {
            let fido = mob(&mut w);
            edit(&mut w, fido, |c| c.parts = part::GUTS | part::HEAD);
            take_output(&mut w, neighbour);
            raw_kill(&mut w, fido);
            assert_eq!(
                take_output(&mut w, neighbour),
                "You hear something's death cry.\n"
            );
            let out = take_output(&mut w, hero);
            if out.contains("The beastly fido spills its guts all over the floor.") {
                guts = true;
            }
        }
        assert!(guts, "a fido spilled its guts at least once in 64 deaths");
        let parts: Vec<String> = w
            .room(HERE)
            .map(|r| {
                r.contents
                    .iter()
                    .filter_map(|&o| w.obj(o))
                    .filter(|o| o.vnum == OBJ_VNUM_GUTS)
                    .map(|o| format!("{} {}", o.short_descr, o.item_type))
                    .collect()
            })
            .unwrap_or_default();
        assert!(!parts.is_empty());
        // Fidos are not edible: their guts are trash.
        assert!(parts
            .iter()
            .all(|p| p == &format!("the guts of the beastly fido {}", item::TRASH)));
    }
}
