//! The heavy damage spells (call and chain lightning, demonfire, dispel
//! evil/good, earthquake, energy drain, heat metal, holy word, ray of
//! truth), plague, the NPC breath weapons and the mob-only spells
//! (rom-mechanics 6.8 "Other damage spells" and 6.9).
//!
//! All damage goes through `fight::damage` with the spell's number as the
//! damage type (its noun names the hit). Room-wide spells spare whom
//! `fight::is_safe_spell` says to spare. Breaths also work on the gear
//! of those they hit (`effects`). Messages are our own words.
//!
//! Notes: call lightning rolls its `dice(L/2, 8)` once and every target
//! takes that roll (as ROM does). Departures from ROM: spells that follow
//! their damage with an affect (demonfire's curse, ray of truth's
//! blindness) skip it when the damage killed a mobile, which ROM would have
//! cast on a freed character; chain lightning stops when its caster dies of
//! his own bolt (ROM went on arcing through the room he woke in).

use super::act_obj::{can_drop_obj, remove_obj};
use super::fight::{self, is_safe_spell};
use super::magic::{
    align_band, saves_spell, send, spell_blindness, spell_bless, spell_curse, spell_frenzy,
    victim_of, SpellFn, SpellTarget,
};
use super::effects::{
    acid_effect, cold_effect, fire_effect, poison_effect, shock_effect, EffectTarget,
};
use crate::world::act::{ActArgs, To};
use crate::world::handler::room_is_outside;
use crate::world::rules::{self, gsn, Sn};
use crate::world::{aff, apply, extra, item, pos, to, weapon, wear_loc};
use crate::world::{Affect, CharId, World, ACT_UNDEAD, SKY_RAINING, STAT_DEX};
use crate::world::{DAM_ACID, DAM_BASH, DAM_COLD, DAM_DISEASE, DAM_ENERGY, DAM_FIRE};
use crate::world::{DAM_HOLY, DAM_LIGHTNING, DAM_NEGATIVE, DAM_PIERCE, DAM_POISON};

/// The spells of this module that have a function, by skill name.
pub static SPELLS: &[(&str, SpellFn)] = &[
    ("call lightning", spell_call_lightning),
    ("chain lightning", spell_chain_lightning),
    ("demonfire", spell_demonfire),
    ("dispel evil", spell_dispel_alignment),
    ("dispel good", spell_dispel_alignment),
    ("earthquake", spell_earthquake),
    ("energy drain", spell_energy_drain),
    ("heat metal", spell_heat_metal),
    ("holy word", spell_holy_word),
    ("ray of truth", spell_ray_of_truth),
    ("plague", spell_plague),
    ("acid breath", spell_acid_breath),
    ("fire breath", spell_cone_breath),
    ("frost breath", spell_cone_breath),
    ("gas breath", spell_gas_breath),
    ("lightning breath", spell_lightning_breath),
    ("general purpose", spell_mob_shot),
    ("high explosive", spell_mob_shot),
];

/// The spells of this module not written yet (`magic`'s test keeps the
/// lists and the skill table in step).
pub static PENDING: &[&str] = &[];

fn is_good(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.alignment >= 350)
}

fn is_evil(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.alignment <= -350)
}

fn is_npc(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.is_npc())
}

fn room_of(world: &World, ch: CharId) -> Option<crate::world::RoomVnum> {
    world.ch(ch).and_then(|c| c.room)
}

/// Those in `ch`'s room, most recent arrival first (ROM's people list).
fn people_here(world: &World, ch: CharId) -> Vec<CharId> {
    room_of(world, ch)
        .and_then(|r| world.room(r))
        .map(|r| r.people.clone())
        .unwrap_or_default()
}

/// Every character, in the order ROM's character list is walked.
fn everyone(world: &World) -> Vec<CharId> {
    let mut ids = world.chars.ids();
    ids.reverse();
    ids
}

/// Is `vch` still alive in `room`?
fn present(world: &World, vch: CharId, room: Option<crate::world::RoomVnum>) -> bool {
    world
        .ch(vch)
        .is_some_and(|c| c.room.is_some() && c.room == room && c.position > pos::DEAD)
}

fn is_outside(world: &World, ch: CharId) -> bool {
    room_of(world, ch)
        .and_then(|r| world.room(r))
        .is_some_and(room_is_outside)
}

// -------------------------------------------------------- damage spells

/// Call lightning: outdoors in rain or worse, `dice(L/2, 8)` (half on a
/// save) to every mob in the room if a player casts it, to every player
/// if a mob does.
pub(crate) fn spell_call_lightning(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    _target: SpellTarget,
) {
    if !is_outside(world, ch) {
        send(world, ch, "You need the open sky above you for that.");
        return;
    }
    if world.weather.sky < SKY_RAINING {
        send(world, ch, "The weather is too fair to call down lightning.");
        return;
    }
    let dam = world.rng.dice(level / 2, 8);
    send(world, ch, "Lightning answers your call and strikes your foes!");
    world.act(
        "$n calls down lightning upon $s foes!",
        ch,
        ActArgs::default(),
        To::Room,
    );
    let here = room_of(world, ch);
    let caster_npc = is_npc(world, ch);
    for vch in everyone(world) {
        let Some(r) = room_of(world, vch) else {
            continue;
        };
        if Some(r) == here {
            if vch != ch && caster_npc != is_npc(world, vch) {
                let d = if saves_spell(world, level, vch, DAM_LIGHTNING) {
                    dam / 2
                } else {
                    dam
                };
                fight::damage(world, ch, vch, d, sn.0, DAM_LIGHTNING, true);
            }
            continue;
        }
        let same_area = here
            .and_then(|h| world.room(h))
            .map(|h| h.area)
            .zip(world.room(r).map(|r| r.area))
            .is_some_and(|(a, b)| a == b);
        let awake = world.ch(vch).is_some_and(|c| c.position > pos::SLEEPING);
        if same_area && is_outside(world, vch) && awake {
            send(world, vch, "Lightning flashes across the sky.");
        }
    }
}

/// Chain lightning: `dice(L, 6)` (a third on a save) to the target, then
/// the bolt jumps on at 4 levels less each hit (see rom-mechanics 6.8).
pub(crate) fn spell_chain_lightning(
    world: &mut World,
    sn: Sn,
    mut level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    world.act(
        "Lightning leaps from $n's hand and arcs into $N.",
        ch,
        ActArgs::vict(victim),
        To::NotVict,
    );
    world.act(
        "Lightning leaps from your hand and arcs into $N.",
        ch,
        ActArgs::vict(victim),
        To::Char,
    );
    world.act(
        "Lightning leaps from $n's hand and strikes you!",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    let Some(here) = room_of(world, ch) else {
        return;
    };
    chain_hit(world, sn, level, ch, victim);
    let mut last = victim;
    level -= 4;
    while level > 0 {
        if room_of(world, ch) != Some(here) {
            // The caster died of his own bolt and woke elsewhere.
            return;
        }
        let mut found = false;
        for vch in people_here(world, ch) {
            if !present(world, vch, Some(here)) {
                continue;
            }
            if !is_safe_spell(world, ch, vch, true) && vch != last {
                found = true;
                last = vch;
                world.act("The bolt jumps to $n!", vch, ActArgs::default(), To::Room);
                send(world, vch, "The bolt jumps to you!");
                chain_hit(world, sn, level, ch, vch);
                level -= 4;
            }
        }
        if !found {
            if last == ch {
                world.act(
                    "The lightning sputters and dies.",
                    ch,
                    ActArgs::default(),
                    To::Room,
                );
                send(world, ch, "The last of the bolt runs through you into the ground.");
                return;
            }
            last = ch;
            world.act(
                "The bolt turns back on $n!",
                ch,
                ActArgs::default(),
                To::Room,
            );
            send(world, ch, "Your own lightning strikes you!");
            chain_hit(world, sn, level, ch, ch);
            level -= 4;
        }
    }
}

fn chain_hit(world: &mut World, sn: Sn, level: i32, ch: CharId, vch: CharId) {
    let mut dam = world.rng.dice(level, 6);
    if saves_spell(world, level, vch, DAM_LIGHTNING) {
        dam /= 3;
    }
    fight::damage(world, ch, vch, dam, sn.0, DAM_LIGHTNING, true);
}

/// Demonfire: `dice(L, 10)` negative (half on a save); a player who is
/// not evil burns himself; the caster's alignment falls 50; then curse at
/// `3L/4`.
pub(crate) fn spell_demonfire(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(mut victim) = victim_of(target) else {
        return;
    };
    if !is_npc(world, ch) && !is_evil(world, ch) {
        victim = ch;
        send(world, ch, "The demons you called turn on you!");
    }
    if let Some(c) = world.ch_mut(ch) {
        c.alignment = (c.alignment - 50).max(-1000);
    }
    if victim != ch {
        world.act(
            "$n looses the fiends of the pit upon $N!",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        world.act(
            "$n looses the fiends of the pit upon you!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        send(world, ch, "You loose the fiends of the pit!");
    }
    let mut dam = world.rng.dice(level, 10);
    if saves_spell(world, level, victim, DAM_NEGATIVE) {
        dam /= 2;
    }
    fight::damage(world, ch, victim, dam, sn.0, DAM_NEGATIVE, true);
    if world.chars.contains(victim) {
        spell_curse(
            world,
            gsn::CURSE,
            3 * level / 4,
            ch,
            SpellTarget::Char(victim),
        );
    }
}

/// Dispel evil (holy) and dispel good (negative): a player of the wrong
/// side hits himself; the other side is protected, neutrals unaffected.
/// `dice(L, 4)`, or at least the target's hit points when those are at
/// most 4 × the caster's level; half on a save.
pub(crate) fn spell_dispel_alignment(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(mut victim) = victim_of(target) else {
        return;
    };
    let (against_evil, class) = match sn.name() {
        Some("dispel evil") => (true, DAM_HOLY),
        Some("dispel good") => (false, DAM_NEGATIVE),
        _ => return,
    };
    let (own_side, other_side): (fn(&World, CharId) -> bool, fn(&World, CharId) -> bool) =
        if against_evil {
            (is_evil, is_good)
        } else {
            (is_good, is_evil)
        };
    if !is_npc(world, ch) && own_side(world, ch) {
        victim = ch;
    }
    if other_side(world, victim) {
        world.act(
            "The gods shield $N.",
            ch,
            ActArgs::vict(victim),
            To::Room,
        );
        return;
    }
    if world.ch(victim).is_some_and(|v| align_band(v.alignment) == 0) {
        world.act(
            "$N does not seem to be affected.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    }
    let hp = world.ch(victim).map_or(0, |v| v.hit);
    let caster_level = world.ch(ch).map_or(0, |c| c.level);
    let mut dam = if hp > caster_level * 4 {
        world.rng.dice(level, 4)
    } else {
        hp.max(world.rng.dice(level, 4))
    };
    if saves_spell(world, level, victim, class) {
        dam /= 2;
    }
    fight::damage(world, ch, victim, dam, sn.0, class, true);
}

/// Earthquake: `L + 2d8` bash to everyone here but the caster who is not
/// area-safe (0 to the flying); the rest of the area feels it.
pub(crate) fn spell_earthquake(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    _target: SpellTarget,
) {
    send(world, ch, "The ground heaves and shakes beneath you!");
    world.act(
        "$n sets the ground heaving and shaking.",
        ch,
        ActArgs::default(),
        To::Room,
    );
    let here = room_of(world, ch);
    let Some(area) = here.and_then(|h| world.room(h)).map(|r| r.area) else {
        return;
    };
    for vch in everyone(world) {
        let Some(r) = room_of(world, vch) else {
            continue;
        };
        if Some(r) == here {
            if vch != ch && !is_safe_spell(world, ch, vch, true) {
                let dam = if world.ch(vch).is_some_and(|v| v.is_affected(aff::FLYING)) {
                    0
                } else {
                    level + world.rng.dice(2, 8)
                };
                fight::damage(world, ch, vch, dam, sn.0, DAM_BASH, true);
            }
            continue;
        }
        if world.room(r).is_some_and(|r| r.area == area) {
            send(world, vch, "The earth trembles and shivers.");
        }
    }
}

/// Energy drain: the caster's alignment falls 50 (unless self); on a
/// save only a chill. A target of level 2 or less takes the caster's hit
/// points + 1; any other loses `number_range(L/2, 3L/2)` experience and
/// half its mana and move, takes `1d(L)` and the caster gains as much.
pub(crate) fn spell_energy_drain(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    if victim != ch {
        if let Some(c) = world.ch_mut(ch) {
            c.alignment = (c.alignment - 50).max(-1000);
        }
    }
    if saves_spell(world, level, victim, DAM_NEGATIVE) {
        send(world, victim, "You feel a momentary chill.");
        return;
    }
    let dam = if world.ch(victim).is_some_and(|v| v.level <= 2) {
        world.ch(ch).map_or(1, |c| c.hit + 1)
    } else {
        let loss = world.rng.range(level / 2, 3 * level / 2);
        fight::gain_exp(world, victim, -i64::from(loss));
        if let Some(v) = world.ch_mut(victim) {
            v.mana /= 2;
            v.mv /= 2;
        }
        let dam = world.rng.dice(1, level);
        if let Some(c) = world.ch_mut(ch) {
            c.hit += dam;
        }
        dam
    };
    send(world, victim, "Your life is draining out of you!");
    send(world, ch, "Stolen life surges through you!");
    fight::damage(world, ch, victim, dam, sn.0, DAM_NEGATIVE, true);
}

/// Heat metal (rom-mechanics 6.8): armour and weapons the target carries
/// grow hot; what can be shed is thrown down, the rest sears. The sum of
/// the burns is the fire damage (2/3 on a final save).
pub(crate) fn spell_heat_metal(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    let mut dam = 0;
    let mut fail = true;
    let fire_immune = world
        .ch(victim)
        .is_some_and(|v| v.imm & crate::world::irv::FIRE != 0);
    if !saves_spell(world, level + 2, victim, DAM_FIRE) && !fire_immune {
        let carried = world
            .ch(victim)
            .map(|v| v.carrying.clone())
            .unwrap_or_default();
        for obj in carried {
            let Some(o) = world.obj(obj) else { continue };
            let olevel = o.level;
            if world.rng.range(1, 2 * level) <= olevel
                || saves_spell(world, level, victim, DAM_FIRE)
            {
                continue;
            }
            let Some(o) = world.obj(obj) else { continue };
            if o.extra_flags & (extra::NONMETAL | extra::BURN_PROOF) != 0 {
                continue;
            }
            let (kind, worn_at, weight, flaming) = (
                o.item_type,
                o.wear_loc,
                o.weight,
                o.values[4] as u64 & weapon::FLAMING != 0,
            );
            let worn = worn_at != wear_loc::NONE;
            match kind {
                item::ARMOR if worn => {
                    let dex = world.get_curr_stat(victim, STAT_DEX);
                    if can_drop_obj(world, victim, obj)
                        && weight / 10 < world.rng.range(1, 2 * dex)
                        && remove_obj(world, victim, worn_at, true)
                    {
                        throw_down(
                            world,
                            victim,
                            obj,
                            "$n yelps and flings $p to the ground!",
                            "You tear off $p and drop it before it burns you.",
                        );
                        dam += world.rng.range(1, olevel) / 3;
                    } else {
                        world.act("$p sears your skin!", victim, ActArgs::obj(obj), To::Char);
                        dam += world.rng.range(1, olevel);
                    }
                    fail = false;
                }
                item::WEAPON if worn => {
                    if flaming {
                        continue;
                    }
                    if can_drop_obj(world, victim, obj) && remove_obj(world, victim, worn_at, true)
                    {
                        throw_down(
                            world,
                            victim,
                            obj,
                            "$n is burned by $p and flings it to the ground.",
                            "Your weapon glows red hot and you fling it away!",
                        );
                        dam += 1;
                    } else {
                        send(world, victim, "Your red-hot weapon burns your hand!");
                        dam += world.rng.range(1, olevel);
                    }
                    fail = false;
                }
                item::ARMOR | item::WEAPON => {
                    if can_drop_obj(world, victim, obj) {
                        throw_down(
                            world,
                            victim,
                            obj,
                            "$n yelps and flings a glowing $p to the ground!",
                            "You drop $p before it burns you.",
                        );
                        dam += world.rng.range(1, olevel) / 6;
                    } else {
                        world.act("$p sears your skin!", victim, ActArgs::obj(obj), To::Char);
                        dam += world.rng.range(1, olevel) / 2;
                    }
                    fail = false;
                }
                _ => {}
            }
        }
    }
    if fail {
        send(world, ch, "Your spell had no effect.");
        send(world, victim, "You feel a little warmer for a moment.");
        return;
    }
    if saves_spell(world, level, victim, DAM_FIRE) {
        dam = 2 * dam / 3;
    }
    fight::damage(world, ch, victim, dam, sn.0, DAM_FIRE, true);
}

fn throw_down(world: &mut World, victim: CharId, obj: crate::world::ObjId, room: &str, me: &str) {
    world.act(room, victim, ActArgs::obj(obj), To::Room);
    world.act(me, victim, ActArgs::obj(obj), To::Char);
    if let Some(r) = room_of(world, victim) {
        world.obj_to_room(obj, r);
    }
}

/// Holy word: everyone in the room, the caster included. Those of the
/// caster's side get frenzy and bless at L; the opposite side (good vs
/// evil), unless area-safe, is cursed at L and takes `dice(L, 6)` energy;
/// a neutral caster curses the non-neutral at L/2 for `dice(L, 4)`. The
/// caster is left with no movement and half his hit points.
pub(crate) fn spell_holy_word(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    _target: SpellTarget,
) {
    let frenzy = rules::skill_exact("frenzy").unwrap_or(Sn::NONE);
    let bless = rules::skill_exact("bless").unwrap_or(Sn::NONE);
    world.act(
        "$n speaks a word of terrible holiness!",
        ch,
        ActArgs::default(),
        To::Room,
    );
    send(world, ch, "You speak a word of terrible holiness.");
    let mine = world.ch(ch).map_or(0, |c| align_band(c.alignment));
    let here = room_of(world, ch);
    for vch in people_here(world, ch) {
        if !present(world, vch, here) {
            continue;
        }
        let theirs = world.ch(vch).map_or(0, |c| align_band(c.alignment));
        if mine == theirs {
            send(world, vch, "Holy power fills you.");
            spell_frenzy(world, frenzy, level, ch, SpellTarget::Char(vch));
            spell_bless(world, bless, level, ch, SpellTarget::Char(vch));
        } else if mine * theirs == -1 {
            if !is_safe_spell(world, ch, vch, true) {
                spell_curse(world, gsn::CURSE, level, ch, SpellTarget::Char(vch));
                send(world, vch, "The word strikes you down!");
                let dam = world.rng.dice(level, 6);
                fight::damage(world, ch, vch, dam, sn.0, DAM_ENERGY, true);
            }
        } else if mine == 0 && !is_safe_spell(world, ch, vch, true) {
            spell_curse(world, gsn::CURSE, level / 2, ch, SpellTarget::Char(vch));
            send(world, vch, "The word strikes you down!");
            let dam = world.rng.dice(level, 4);
            fight::damage(world, ch, vch, dam, sn.0, DAM_ENERGY, true);
        }
    }
    send(world, ch, "The word leaves you drained.");
    if let Some(c) = world.ch_mut(ch) {
        c.mv = 0;
        c.hit /= 2;
    }
}

/// Ray of truth: `dice(L, 10)` holy (half on a save), scaled by how far
/// the target's alignment is from 350; an evil caster hits himself, the
/// good are unharmed. Then blindness at `3L/4`.
pub(crate) fn spell_ray_of_truth(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(mut victim) = victim_of(target) else {
        return;
    };
    if is_evil(world, ch) {
        victim = ch;
        send(world, ch, "The holy light bursts inside you!");
    }
    if victim != ch {
        world.act(
            "$n lifts a hand and a searing ray of light lances out!",
            ch,
            ActArgs::default(),
            To::Room,
        );
        send(world, ch, "You lift a hand and a searing ray of light lances out!");
    }
    if is_good(world, victim) {
        world.act(
            "The light washes harmlessly over $n.",
            victim,
            ActArgs::default(),
            To::Room,
        );
        send(world, victim, "The light cannot harm you.");
        return;
    }
    let mut dam = world.rng.dice(level, 10);
    if saves_spell(world, level, victim, DAM_HOLY) {
        dam /= 2;
    }
    let alignment = world.ch(victim).map_or(0, |v| v.alignment);
    let dam = ray_scale(dam, alignment);
    fight::damage(world, ch, victim, dam, sn.0, DAM_HOLY, true);
    if world.chars.contains(victim) {
        spell_blindness(
            world,
            gsn::BLINDNESS,
            3 * level / 4,
            ch,
            SpellTarget::Char(victim),
        );
    }
}

/// Ray of truth's scaling: `a = alignment − 350`, compressed below −1000
/// to a third, then `dam × a × a / 1 000 000`.
pub fn ray_scale(dam: i32, alignment: i32) -> i32 {
    let mut a = i64::from(alignment) - 350;
    if a < -1000 {
        a = -1000 + (a + 1000) / 3;
    }
    i32::try_from(i64::from(dam) * a * a / 1_000_000).unwrap_or(i32::MAX)
}

/// Plague: str −5 and the plague bit at level `3L/4` for L, joined with
/// plague already there; a save against disease or an undead mob resists.
pub(crate) fn spell_plague(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    let undead = world
        .ch(victim)
        .is_some_and(|v| v.is_npc() && v.act & ACT_UNDEAD != 0);
    if saves_spell(world, level, victim, DAM_DISEASE) || undead {
        if victim == ch {
            send(world, ch, "A wave of sickness passes over you and is gone.");
        } else {
            world.act(
                "$N seems to be unaffected.",
                ch,
                ActArgs::vict(victim),
                To::Char,
            );
        }
        return;
    }
    world.affect_join(
        victim,
        Affect {
            where_: to::AFFECTS,
            skill: sn,
            level: level * 3 / 4,
            duration: level,
            location: apply::STR,
            modifier: -5,
            bits: aff::PLAGUE,
        },
    );
    send(world, victim, "You cry out as plague sores burst open on your skin.");
    world.act(
        "$n cries out as plague sores burst open on $s skin.",
        victim,
        ActArgs::default(),
        To::Room,
    );
}

// ------------------------------------------------------------- breaths

/// ROM's breath damage: `max(hp_dam + dice_dam/10, dice_dam + hp_dam/10)`.
fn breath_damage(hp_dam: i32, dice_dam: i32) -> i32 {
    (hp_dam + dice_dam / 10).max(dice_dam + hp_dam / 10)
}

fn breather_hp(world: &World, ch: CharId, floor: i32) -> i32 {
    world.ch(ch).map_or(floor, |c| c.hit.max(floor))
}

/// Acid breath at one target: `hpch = max(12, hp)`,
/// `hp_dam = number_range(hpch/11 + 1, hpch/6)`, `dice(L, 16)`.
pub(crate) fn spell_acid_breath(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    world.act(
        "$n spews acid over $N.",
        ch,
        ActArgs::vict(victim),
        To::NotVict,
    );
    world.act(
        "$n spews a stream of burning acid over you.",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    world.act("You spew acid over $N.", ch, ActArgs::vict(victim), To::Char);
    let hpch = breather_hp(world, ch, 12);
    let hp_dam = world.rng.range(hpch / 11 + 1, hpch / 6);
    let dice_dam = world.rng.dice(level, 16);
    let dam = breath_damage(hp_dam, dice_dam);
    single_breath(world, sn, level, ch, victim, dam, DAM_ACID, acid_effect);
}

/// Lightning breath at one target: `hpch = max(10, hp)`,
/// `hp_dam = number_range(hpch/9 + 1, hpch/5)`, `dice(L, 20)`.
pub(crate) fn spell_lightning_breath(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    world.act(
        "$n breathes a crackling bolt of lightning at $N.",
        ch,
        ActArgs::vict(victim),
        To::NotVict,
    );
    world.act(
        "$n breathes a crackling bolt of lightning at you!",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    world.act(
        "You breathe a crackling bolt of lightning at $N.",
        ch,
        ActArgs::vict(victim),
        To::Char,
    );
    let hpch = breather_hp(world, ch, 10);
    let hp_dam = world.rng.range(hpch / 9 + 1, hpch / 5);
    let dice_dam = world.rng.dice(level, 20);
    let dam = breath_damage(hp_dam, dice_dam);
    single_breath(
        world,
        sn,
        level,
        ch,
        victim,
        dam,
        DAM_LIGHTNING,
        shock_effect,
    );
}

type Effect = fn(&mut World, EffectTarget, i32, i32);

/// A breath at one character: on a save the effect at `(L/2, dam/4)` and
/// half damage, else the effect at `(L, dam)` and full damage.
#[allow(clippy::too_many_arguments)]
fn single_breath(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    victim: CharId,
    dam: i32,
    class: i32,
    effect: Effect,
) {
    let target = EffectTarget::Char(victim);
    if saves_spell(world, level, victim, class) {
        effect(world, target, level / 2, dam / 4);
        fight::damage(world, ch, victim, dam / 2, sn.0, class, true);
    } else {
        effect(world, target, level, dam);
        fight::damage(world, ch, victim, dam, sn.0, class, true);
    }
}

/// Fire and frost breath: a cone over everyone in the target's room (and
/// the floor); the target takes the full breath, the others less.
pub(crate) fn spell_cone_breath(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    let (fire, class, effect): (bool, i32, Effect) = match sn.name() {
        Some("fire breath") => (true, DAM_FIRE, fire_effect),
        Some("frost breath") => (false, DAM_COLD, cold_effect),
        _ => return,
    };
    if fire {
        world.act(
            "$n breathes out a roaring cone of fire.",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        world.act(
            "$n breathes a roaring cone of fire over you!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        send(world, ch, "You breathe out a roaring cone of fire.");
    } else {
        world.act(
            "$n breathes out a freezing cone of frost!",
            ch,
            ActArgs::vict(victim),
            To::NotVict,
        );
        world.act(
            "$n breathes a freezing cone of frost over you!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
        send(world, ch, "You breathe out a cone of frost.");
    }
    let (floor, divisor_lo, divisor_hi, size) = if fire { (10, 9, 5, 20) } else { (12, 11, 6, 16) };
    let hpch = breather_hp(world, ch, floor);
    let hp_dam = world.rng.range(hpch / divisor_lo + 1, hpch / divisor_hi);
    let dice_dam = world.rng.dice(level, size);
    let dam = breath_damage(hp_dam, dice_dam);
    let Some(room) = room_of(world, victim) else {
        return;
    };
    effect(world, EffectTarget::Room(room), level, dam / 2);
    let ch_npc = is_npc(world, ch);
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for vch in people {
        if !present(world, vch, Some(room)) {
            continue;
        }
        let mutual = fight_each_other(world, ch, vch);
        if is_safe_spell(world, ch, vch, true) || (is_npc(world, vch) && ch_npc && !mutual) {
            continue;
        }
        if vch == victim {
            single_breath(world, sn, level, ch, vch, dam, class, effect);
            continue;
        }
        let target = EffectTarget::Char(vch);
        if saves_spell(world, level - 2, vch, class) {
            effect(world, target, level / 4, dam / 8);
            fight::damage(world, ch, vch, dam / 4, sn.0, class, true);
        } else {
            effect(world, target, level / 2, dam / 4);
            fight::damage(world, ch, vch, dam / 2, sn.0, class, true);
        }
    }
}

/// Are `ch` and `vch` fighting each other (both ways)?
fn fight_each_other(world: &World, ch: CharId, vch: CharId) -> bool {
    world.ch(ch).and_then(|c| c.fighting) == Some(vch)
        && world.ch(vch).and_then(|v| v.fighting) == Some(ch)
}

/// Gas breath: everyone in the breather's room (and the floor):
/// `hpch = max(16, hp)`, `hp_dam = number_range(hpch/15 + 1, 8)`,
/// `dice(L, 12)`. Among mobs it skips those fighting the breather (ROM's
/// inverted test, kept).
pub(crate) fn spell_gas_breath(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    _target: SpellTarget,
) {
    world.act(
        "$n exhales a choking cloud of poison gas!",
        ch,
        ActArgs::default(),
        To::Room,
    );
    send(world, ch, "You exhale a choking cloud of poison gas.");
    let hpch = breather_hp(world, ch, 16);
    let hp_dam = world.rng.range(hpch / 15 + 1, 8);
    let dice_dam = world.rng.dice(level, 12);
    let dam = breath_damage(hp_dam, dice_dam);
    let Some(room) = room_of(world, ch) else {
        return;
    };
    poison_effect(world, EffectTarget::Room(room), level, dam);
    let ch_npc = is_npc(world, ch);
    for vch in people_here(world, ch) {
        if !present(world, vch, Some(room)) {
            continue;
        }
        let either = world.ch(ch).and_then(|c| c.fighting) == Some(vch)
            || world.ch(vch).and_then(|v| v.fighting) == Some(ch);
        if is_safe_spell(world, ch, vch, true) || (ch_npc && is_npc(world, vch) && either) {
            continue;
        }
        single_breath(world, sn, level, ch, vch, dam, DAM_POISON, poison_effect);
    }
}

/// General purpose (`number_range(25, 100)`) and high explosive
/// (`number_range(30, 120)`): pierce damage, half on a save.
pub(crate) fn spell_mob_shot(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    let mut dam = match sn.name() {
        Some("general purpose") => world.rng.range(25, 100),
        Some("high explosive") => world.rng.range(30, 120),
        _ => return,
    };
    if saves_spell(world, level, victim, DAM_PIERCE) {
        dam /= 2;
    }
    fight::damage(world, ch, victim, dam, sn.0, DAM_PIERCE, true);
}
