//! "magic2.c" and the rest of magic.c: spells that move characters
//! (gate, summon, portal, nexus, teleport), create or change objects
//! (create food/spring/water/rose, continual light, floating disc,
//! enchant, recharge, identify, locate object) and the crowd spells
//! (calm, charm person, faerie fog, mass invis, ventriloquate), with
//! control weather, farsight, cure disease and remove curse.
//!
//! Formulas, tables and refusal conditions follow rom-mechanics 6.8
//! ("Defensive and utility spells"), 8.6 (enchanting, recharging) and
//! 16.3 (random rooms). Spells that read words of their own (ROM's
//! `target_name`) find them in [`World::spell_arg`], which `do_cast` sets
//! for the length of the spell; from objects and mobiles it is empty, so
//! gate, summon and the like find nobody there, as in ROM.
//!
//! The objects these spells make are the well-known vnums of rom-mechanics
//! 15.2 (mushroom 20, ball of light 21, spring 22, disc 23, portal 25,
//! rose 1001); a world without one gets a message instead of the object.
//!
//! Messages are our own words, except the short ones players script on
//! ("You failed.", "Spell failed.", "Ok.", identify's line layout).
//!
//! Departures from ROM:
//! * clans do not exist yet, so the "target in another clan" refusal of
//!   gate, portal and nexus never applies;
//! * a random room (teleport, random portals) is drawn uniformly from the
//!   rooms that qualify rather than by redrawing vnums until one does: the
//!   same distribution, but a world with no qualifying room makes the spell
//!   fail instead of looping forever;
//! * the weather exists only as state (`World::weather`): control weather
//!   moves `change` and create water reads the sky, but nothing changes
//!   the sky on its own yet;
//! * ventriloquate with no words to say asks for them instead of making
//!   the speaker say an empty line; calm that fails tells the caster so.

use super::act_comm;
use super::fight;
use super::magic::{
    already, check_dispel, saves_dispel, saves_spell, send, spell_affect, victim_of, SpellFn,
    SpellTarget,
};
use crate::db::tables;
use crate::world::act::{ActArgs, To};
use crate::world::handler::{is_name, one_argument};
use crate::world::rules::{self, gsn, Sn};
use crate::world::{aff, apply, extra, irv, item, pos, to, wear_loc};
use crate::world::{
    Affect, CharId, ObjId, ObjLoc, ObjVnum, RoomVnum, World, ACT_AGGRESSIVE, ACT_UNDEAD,
    DAM_CHARM, DAM_NONE, DAM_OTHER, LEVEL_HERO, LEVEL_IMMORTAL, ROOM_LAW, ROOM_NO_RECALL,
    ROOM_PRIVATE, ROOM_SAFE, ROOM_SOLITARY, SKY_RAINING,
};

/// The spells of this module that have a function, by skill name.
pub static SPELLS: &[(&str, SpellFn)] = &[
    ("calm", spell_calm),
    ("charm person", spell_charm_person),
    ("continual light", spell_continual_light),
    ("control weather", spell_control_weather),
    ("create food", spell_create_food),
    ("create rose", spell_create_rose),
    ("create spring", spell_create_spring),
    ("create water", spell_create_water),
    ("cure disease", spell_cure_disease),
    ("enchant armor", spell_enchant_armor),
    ("enchant weapon", spell_enchant_weapon),
    ("faerie fog", spell_faerie_fog),
    ("farsight", spell_farsight),
    ("floating disc", spell_floating_disc),
    ("gate", spell_gate),
    ("identify", spell_identify),
    ("locate object", spell_locate_object),
    ("mass invis", spell_mass_invis),
    ("nexus", spell_nexus),
    ("portal", spell_portal),
    ("recharge", spell_recharge),
    ("remove curse", spell_remove_curse),
    ("summon", spell_summon),
    ("teleport", spell_teleport),
    ("ventriloquate", spell_ventriloquate),
];

/// The spells of this module not written yet (`magic`'s test keeps the
/// lists and the skill table in step).
pub static PENDING: &[&str] = &[];

/// Well-known object vnums (rom-mechanics 15.2).
pub const OBJ_VNUM_MUSHROOM: ObjVnum = ObjVnum(20);
pub const OBJ_VNUM_LIGHT_BALL: ObjVnum = ObjVnum(21);
pub const OBJ_VNUM_SPRING: ObjVnum = ObjVnum(22);
pub const OBJ_VNUM_DISC: ObjVnum = ObjVnum(23);
pub const OBJ_VNUM_PORTAL: ObjVnum = ObjVnum(25);
pub const OBJ_VNUM_ROSE: ObjVnum = ObjVnum(1001);

// ------------------------------------------------------------- helpers

fn room_of(world: &World, ch: CharId) -> Option<RoomVnum> {
    world.ch(ch).and_then(|c| c.room)
}

fn room_flagged(world: &World, room: RoomVnum, flags: u64) -> bool {
    world.room(room).is_some_and(|r| r.flags & flags != 0)
}

fn sn_named(name: &str) -> Sn {
    rules::skill_exact(name).unwrap_or(Sn::NONE)
}

/// Make one of the well-known objects, or tell the caster the world lacks it.
fn conjure(world: &mut World, ch: CharId, vnum: ObjVnum) -> Option<ObjId> {
    let obj = world.create_object(vnum, 0);
    if obj.is_none() {
        send(
            world,
            ch,
            "The magic gathers, but this world has nothing for it to take shape as.",
        );
    }
    obj
}

/// The character the spell's words name (anywhere), with both rooms; `None`
/// for nobody, the caster himself, or someone nowhere.
fn named_target(world: &World, ch: CharId) -> Option<(CharId, RoomVnum, RoomVnum)> {
    let (name, _) = one_argument(&world.spell_arg);
    if name.is_empty() {
        return None;
    }
    let victim = world.get_char_world(ch, &name)?;
    if victim == ch {
        return None;
    }
    let to_room = room_of(world, victim)?;
    let from_room = room_of(world, ch)?;
    Some((victim, to_room, from_room))
}

/// The refusals gate, portal and nexus share (rom-mechanics 6.8): true if
/// the spell fails. `nexus` adds the checks on the caster's own room;
/// `save_class` is the class of the mob's saving throw.
fn transport_refused(
    world: &mut World,
    ch: CharId,
    (victim, to_room, from_room): (CharId, RoomVnum, RoomVnum),
    level: i32,
    save_class: i32,
    nexus: bool,
) -> bool {
    let Some(v) = world.ch(victim) else {
        return true;
    };
    let (v_npc, v_level, v_imm) = (v.is_npc(), v.level, v.imm);
    if !world.can_see_room(ch, to_room) || (nexus && !world.can_see_room(ch, from_room)) {
        return true;
    }
    if room_flagged(world, to_room, ROOM_SAFE)
        || (nexus && room_flagged(world, from_room, ROOM_SAFE))
        || room_flagged(world, to_room, ROOM_PRIVATE | ROOM_SOLITARY | ROOM_NO_RECALL)
        || room_flagged(world, from_room, ROOM_NO_RECALL)
    {
        return true;
    }
    if v_level >= level + 3 || (!v_npc && v_level >= LEVEL_HERO) {
        return true;
    }
    if v_npc && v_imm & irv::SUMMON != 0 {
        return true;
    }
    v_npc && saves_spell(world, level, victim, save_class)
}

/// Portal and nexus need a warp stone held (consumed) unless the caster is
/// immortal. False (after saying so) if the component is missing.
fn use_warp_stone(world: &mut World, ch: CharId) -> bool {
    let stone = world
        .get_eq_char(ch, wear_loc::HOLD)
        .filter(|&s| world.obj(s).is_some_and(|o| o.item_type == item::WARP_STONE));
    let immortal = world.ch(ch).is_some_and(|c| c.is_immortal());
    match stone {
        Some(stone) => {
            world.act(
                "You draw on the power stored in $p.",
                ch,
                ActArgs::obj(stone),
                To::Char,
            );
            world.act(
                "It blazes white and is gone!",
                ch,
                ActArgs::obj(stone),
                To::Char,
            );
            world.extract_obj(stone);
            true
        }
        None if immortal => true,
        None => {
            send(world, ch, "You lack the proper component for this spell.");
            false
        }
    }
}

/// A portal (object 25) in `room` leading to `dest`, fading after `timer`.
fn place_portal(
    world: &mut World,
    ch: CharId,
    room: RoomVnum,
    dest: RoomVnum,
    timer: i32,
) -> Option<ObjId> {
    let portal = conjure(world, ch, OBJ_VNUM_PORTAL)?;
    if let Some(o) = world.obj_mut(portal) {
        o.timer = timer;
        o.values[3] = i64::from(dest.0);
    }
    world.obj_to_room(portal, room);
    Some(portal)
}

/// Announce a new portal to whoever is in its room.
fn portal_rises(world: &mut World, portal: ObjId, room: RoomVnum) {
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    if let Some(&first) = people.first() {
        world.act(
            "$p tears open in the air.",
            first,
            ActArgs::obj(portal),
            To::All,
        );
    }
}

/// Move `who` to `room` with a departure and an arrival line, then look.
fn relocate(world: &mut World, who: CharId, room: RoomVnum, leave: &str, arrive: &str) {
    world.act(leave, who, ActArgs::default(), To::Room);
    world.char_to_room(who, room);
    world.act(arrive, who, ActArgs::default(), To::Room);
    super::act_info::do_look(world, who, "auto");
}

// ------------------------------------------------------- crowd spells

/// Calm (rom-mechanics 6.8): everyone in the room stops fighting and gets
/// hitroll and damroll −5 (players) / −2 (mobs) for L/4, if
/// `number_range(0, 4L − highest fighting level + 2 × fighters)` reaches
/// the fighters' summed levels (players count half; 0 for an immortal).
/// The walk stops at the first magic-immune or undead mob, or anyone
/// already calm, berserk or frenzied.
pub(crate) fn spell_calm(world: &mut World, sn: Sn, level: i32, ch: CharId, _t: SpellTarget) {
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    let (mut count, mut mlevel, mut high) = (0, 0, 0);
    for &v in &people {
        let Some(c) = world.ch(v) else { continue };
        if c.position == pos::FIGHTING {
            count += 1;
            mlevel += if c.is_npc() { c.level } else { c.level / 2 };
            high = high.max(c.level);
        }
    }
    let chance = 4 * level - high + 2 * count;
    if world.ch(ch).is_some_and(|c| c.is_immortal()) {
        mlevel = 0;
    }
    if world.rng.range(0, chance) < mlevel {
        send(world, ch, "The tempers here are too hot for your spell.");
        return;
    }
    let frenzy = sn_named("frenzy");
    for v in people {
        let Some(c) = world.ch(v) else { continue };
        if c.is_npc() && (c.imm & irv::MAGIC != 0 || c.act & ACT_UNDEAD != 0) {
            return;
        }
        if c.is_affected(aff::CALM | aff::BERSERK) || world.is_affected(v, frenzy) {
            return;
        }
        let npc = c.is_npc();
        let fighting = c.fighting.is_some() || c.position == pos::FIGHTING;
        send(world, v, "A wave of stillness washes over you.");
        if fighting {
            world.stop_fighting(v, false);
        }
        let m = if npc { -2 } else { -5 };
        let d = level / 4;
        world.affect_to_char(v, spell_affect(sn, level, d, apply::HITROLL, m, aff::CALM));
        world.affect_to_char(v, spell_affect(sn, level, d, apply::DAMROLL, m, aff::CALM));
    }
}

/// Charm person: the target follows the caster and takes him as its group
/// leader for `number_fuzzy(L/4)`.
pub(crate) fn spell_charm_person(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    if fight::is_safe(world, ch, victim) {
        return;
    }
    if victim == ch {
        send(world, ch, "You are already quite taken with yourself.");
        return;
    }
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return;
    };
    if v.is_affected(aff::CHARM)
        || c.is_affected(aff::CHARM)
        || level < v.level
        || v.imm & irv::CHARM != 0
    {
        return;
    }
    if saves_spell(world, level, victim, DAM_CHARM)
    {
        return;
    }
    if room_of(world, victim).is_some_and(|r| room_flagged(world, r, ROOM_LAW)) {
        send(world, ch, "Charming is against the law within the city walls.");
        return;
    }
    if world.ch(victim).is_some_and(|v| v.master.is_some()) {
        act_comm::stop_follower(world, victim);
    }
    act_comm::add_follower(world, victim, ch);
    if let Some(v) = world.ch_mut(victim) {
        v.leader = Some(ch);
    }
    let duration = world.rng.fuzzy(level / 4);
    world.affect_to_char(
        victim,
        spell_affect(sn, level, duration, apply::NONE, 0, aff::CHARM),
    );
    world.act(
        "$n seems so very wonderful to you.",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    if ch != victim {
        world.act(
            "$N gazes at you with adoring eyes.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
    }
}

/// Faerie fog: everyone here but the caster and wizinvis immortals who
/// fails a save [other] loses invisibility, mass invis and sneak.
pub(crate) fn spell_faerie_fog(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let Some(room) = room_of(world, ch) else {
        return;
    };
    world.act(
        "$n calls up a swirl of violet mist.",
        ch,
        ActArgs::default(),
        To::Room,
    );
    send(world, ch, "You call up a swirl of violet mist.");
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for v in people {
        if world.ch(v).is_none_or(|c| c.invis_level() > 0) {
            continue;
        }
        if v == ch || saves_spell(world, level, v, DAM_OTHER) {
            continue;
        }
        world.affect_strip(v, gsn::INVISIBILITY);
        world.affect_strip(v, gsn::MASS_INVIS);
        world.affect_strip(v, gsn::SNEAK);
        if let Some(c) = world.ch_mut(v) {
            c.affected_by &= !(aff::HIDE | aff::INVISIBLE | aff::SNEAK);
        }
        world.act(
            "The mist clings to $n, showing $m plainly!",
            v,
            ActArgs::default(),
            To::Room,
        );
        send(world, v, "The mist clings to you: you are revealed!");
    }
}

/// Mass invis: every group member here not yet invisible turns invisible
/// (affect level L/2, 24 ticks).
pub(crate) fn spell_mass_invis(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for g in people {
        if !act_comm::is_same_group(world, g, ch) || super::magic::has_bit(world, g, aff::INVISIBLE)
        {
            continue;
        }
        world.act(
            "$n thins away to nothing.",
            g,
            ActArgs::default(),
            To::Room,
        );
        send(world, g, "You thin away to nothing.");
        world.affect_to_char(
            g,
            spell_affect(
                gsn::MASS_INVIS,
                level / 2,
                24,
                apply::NONE,
                0,
                aff::INVISIBLE,
            ),
        );
    }
    send(world, ch, "Ok.");
}

/// Ventriloquate: `<speaker> <text>`; everyone awake here but the speaker
/// hears the speaker say it, unless they save [other] and see through it.
pub(crate) fn spell_ventriloquate(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let arg = world.spell_arg.clone();
    let (speaker, text) = one_argument(&arg);
    let text = text.trim();
    if speaker.is_empty() || text.is_empty() {
        send(world, ch, "Make whom say what?");
        return;
    }
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let mut name = speaker.clone();
    if let Some(first) = name.get(..1) {
        let upper = first.to_ascii_uppercase();
        name.replace_range(..1, &upper);
    }
    let heard = format!("{name} says '{text}'.\n");
    let seen = format!("Someone makes {speaker} say '{text}'.\n");
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for v in people {
        let Some(c) = world.ch(v) else { continue };
        let is_speaker = c.name.split_whitespace().any(|w| w.eq_ignore_ascii_case(&speaker));
        if is_speaker || c.position <= pos::SLEEPING {
            continue;
        }
        let line = if saves_spell(world, level, v, DAM_OTHER) {
            &seen
        } else {
            &heard
        };
        world.send(v, line);
    }
}

// ---------------------------------------------------- creation spells

/// Continual light: with words, the named carried object glows; without, a
/// ball of light (21) appears in the room.
pub(crate) fn spell_continual_light(
    world: &mut World,
    _sn: Sn,
    _level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let arg = world.spell_arg.clone();
    if !arg.is_empty() {
        let Some(obj) = world.get_obj_carry(ch, &arg) else {
            send(world, ch, "You don't see that here.");
            return;
        };
        if world
            .obj(obj)
            .is_some_and(|o| o.extra_flags & extra::GLOW != 0)
        {
            world.act("$p is already glowing.", ch, ActArgs::obj(obj), To::Char);
            return;
        }
        if let Some(o) = world.obj_mut(obj) {
            o.extra_flags |= extra::GLOW;
        }
        world.act(
            "$p begins to shine with a clear white light.",
            ch,
            ActArgs::obj(obj),
            To::All,
        );
        return;
    }
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let Some(light) = conjure(world, ch, OBJ_VNUM_LIGHT_BALL) else {
        return;
    };
    world.obj_to_room(light, room);
    world.act(
        "$n snaps $s fingers and $p blinks into being.",
        ch,
        ActArgs::obj(light),
        To::Room,
    );
    world.act(
        "You snap your fingers and $p blinks into being.",
        ch,
        ActArgs::obj(light),
        To::Char,
    );
}

/// Control weather: "better" adds `dice(L/3, 4)` to the pressure change,
/// "worse" takes it away.
pub(crate) fn spell_control_weather(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let arg = world.spell_arg.to_ascii_lowercase();
    match arg.as_str() {
        "better" => world.weather.change += world.rng.dice(level / 3, 4),
        "worse" => world.weather.change -= world.rng.dice(level / 3, 4),
        _ => send(world, ch, "Should the weather get better or worse?"),
    }
    send(world, ch, "Ok.");
}

/// Create food: a mushroom (20) in the room, `L/2` fullness and `L` hunger.
pub(crate) fn spell_create_food(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let Some(food) = conjure(world, ch, OBJ_VNUM_MUSHROOM) else {
        return;
    };
    if let Some(o) = world.obj_mut(food) {
        o.values[0] = i64::from(level / 2);
        o.values[1] = i64::from(level);
    }
    world.obj_to_room(food, room);
    world.act("$p pops up out of nowhere.", ch, ActArgs::obj(food), To::All);
}

/// Create rose: a rose (1001) in the caster's hands.
pub(crate) fn spell_create_rose(
    world: &mut World,
    _sn: Sn,
    _level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let Some(rose) = conjure(world, ch, OBJ_VNUM_ROSE) else {
        return;
    };
    world.act(
        "$n cups $s hands, and a red rose blooms between them.",
        ch,
        ActArgs::obj(rose),
        To::Room,
    );
    send(world, ch, "You cup your hands, and a red rose blooms between them.");
    world.obj_to_char(rose, ch);
}

/// Create spring: a spring (22) in the room that dries up after L ticks.
pub(crate) fn spell_create_spring(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let Some(room) = room_of(world, ch) else {
        return;
    };
    let Some(spring) = conjure(world, ch, OBJ_VNUM_SPRING) else {
        return;
    };
    if let Some(o) = world.obj_mut(spring) {
        o.timer = level;
    }
    world.obj_to_room(spring, room);
    world.act(
        "$p bubbles up out of the ground.",
        ch,
        ActArgs::obj(spring),
        To::All,
    );
}

/// Create water: a drink container that is empty or holds water gains
/// `min(L × 2, free space)` of water (× 4 while raining or worse).
pub(crate) fn spell_create_water(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let SpellTarget::Obj(obj) = target else {
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    if o.item_type != item::DRINK_CON {
        send(world, ch, "That cannot hold water.");
        return;
    }
    let water_liq = tables::liquid_lookup("water").unwrap_or(0) as i64;
    if o.values[2] != water_liq && o.values[1] != 0 {
        send(world, ch, "There is some other liquid in it already.");
        return;
    }
    let factor = if world.weather.sky >= SKY_RAINING {
        4
    } else {
        2
    };
    let water = (i64::from(level) * factor).min(o.values[0] - o.values[1]);
    if water <= 0 {
        return;
    }
    if let Some(o) = world.obj_mut(obj) {
        o.values[2] = water_liq;
        o.values[1] += water;
        if !is_name("water", &o.name) {
            o.name = format!("{} water", o.name);
        }
    }
    world.act("$p fills with clear water.", ch, ActArgs::obj(obj), To::Char);
}

/// Floating disc: a disc (23) that floats by the caster, holding
/// `10 × caster level` (`5 ×` per item), for
/// `2 × caster level − number_range(0, L/2)` ticks.
pub(crate) fn spell_floating_disc(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    if let Some(floating) = world.get_eq_char(ch, wear_loc::FLOAT) {
        if world
            .obj(floating)
            .is_some_and(|o| o.extra_flags & extra::NOREMOVE != 0)
        {
            world.act(
                "You can't remove $p.",
                ch,
                ActArgs::obj(floating),
                To::Char,
            );
            return;
        }
    }
    let ch_level = world.ch(ch).map_or(0, |c| c.level);
    let Some(disc) = conjure(world, ch, OBJ_VNUM_DISC) else {
        return;
    };
    let timer = ch_level * 2 - world.rng.range(0, level / 2);
    if let Some(o) = world.obj_mut(disc) {
        o.values[0] = i64::from(ch_level * 10);
        o.values[3] = i64::from(ch_level * 5);
        o.timer = timer;
    }
    world.act(
        "$n shapes a flat disc of force out of thin air.",
        ch,
        ActArgs::default(),
        To::Room,
    );
    send(world, ch, "You shape a flat disc of force out of thin air.");
    world.obj_to_char(disc, ch);
    super::act_obj::wear_obj(world, ch, disc, true);
}

// ------------------------------------------------------ curing spells

/// Cure disease: `check_dispel` against plague.
pub(crate) fn spell_cure_disease(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    if !world.is_affected(victim, gsn::PLAGUE) {
        already(
            world,
            ch,
            victim,
            "You aren't ill.",
            "$N doesn't appear to be diseased.",
        );
        return;
    }
    if check_dispel(world, level, victim, gsn::PLAGUE) {
        world.act(
            "$n's sores fade away, and $e looks much relieved.",
            victim,
            ActArgs::default(),
            To::Room,
        );
    } else {
        send(world, ch, "Spell failed.");
    }
}

/// Is `o` cursed in remove curse's sense (no-drop or no-remove, and not
/// protected by *nouncurse*)?
fn uncursable(o: &crate::world::Obj) -> bool {
    o.extra_flags & (extra::NODROP | extra::NOREMOVE) != 0
        && o.extra_flags & extra::NOUNCURSE == 0
}

/// Remove curse: on an object, lift no-drop and no-remove unless it passes
/// `saves_dispel(L + 2, object level, 0)`; on a character, `check_dispel`
/// against curse, then uncurse the first carried item that fails
/// `saves_dispel(L, item level, 0)`.
pub(crate) fn spell_remove_curse(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let victim = match target {
        SpellTarget::Obj(obj) => {
            let Some(o) = world.obj(obj) else { return };
            if o.extra_flags & (extra::NODROP | extra::NOREMOVE) == 0 {
                world.act(
                    "You find no curse on $p.",
                    ch,
                    ActArgs::obj(obj),
                    To::Char,
                );
                return;
            }
            let olevel = o.level;
            if o.extra_flags & extra::NOUNCURSE == 0 && !saves_dispel(world, level + 2, olevel, 0)
            {
                if let Some(o) = world.obj_mut(obj) {
                    o.extra_flags &= !(extra::NODROP | extra::NOREMOVE);
                }
                world.act(
                    "$p shines a soft blue.",
                    ch,
                    ActArgs::obj(obj),
                    To::All,
                );
                return;
            }
            world.act(
                "The curse on $p is beyond your power.",
                ch,
                ActArgs::obj(obj),
                To::Char,
            );
            return;
        }
        SpellTarget::Char(v) => v,
        SpellTarget::None => return,
    };
    if check_dispel(world, level, victim, gsn::CURSE) {
        send(world, victim, "You feel better.");
        world.act(
            "$n looks a great deal easier.",
            victim,
            ActArgs::default(),
            To::Room,
        );
    }
    let carrying = world
        .ch(victim)
        .map(|c| c.carrying.clone())
        .unwrap_or_default();
    for obj in carrying {
        let Some(o) = world.obj(obj) else { continue };
        if !uncursable(o) {
            continue;
        }
        let olevel = o.level;
        if !saves_dispel(world, level, olevel, 0) {
            if let Some(o) = world.obj_mut(obj) {
                o.extra_flags &= !(extra::NODROP | extra::NOREMOVE);
            }
            world.act(
                "Your $p shines a soft blue.",
                victim,
                ActArgs::obj(obj),
                To::Char,
            );
            world.act(
                "$n's $p shines a soft blue.",
                victim,
                ActArgs::obj(obj),
                To::Room,
            );
            break;
        }
    }
}

// ---------------------------------------------------- enchant, recharge

/// The outcome of an enchanting roll (rom-mechanics 8.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enchant {
    Destroyed,
    Disenchanted,
    Nothing,
    Success,
    Exceptional,
}

/// Which band `roll` falls in for `fail`: destroyed below `fail/5`,
/// disenchanted below `fail/dis_div`, nothing up to `fail`, success up to
/// `top`, exceptional above.
pub fn enchant_outcome(roll: i32, fail: i32, dis_div: i32, top: i32) -> Enchant {
    if roll < fail / 5 {
        Enchant::Destroyed
    } else if roll < fail / dis_div {
        Enchant::Disenchanted
    } else if roll <= fail {
        Enchant::Nothing
    } else if roll <= top {
        Enchant::Success
    } else {
        Enchant::Exceptional
    }
}

/// The affects enchanting counts: the prototype's (unless the object is
/// already enchanted), then the object's own, as (location, modifier).
fn counted_affects(world: &World, obj: ObjId) -> Vec<(i32, i32)> {
    let Some(o) = world.obj(obj) else {
        return Vec::new();
    };
    let mut v = Vec::new();
    if !o.enchanted {
        if let Some(p) = world.obj_index.get(&o.vnum) {
            v.extend(p.proto.applies.iter().map(|a| (a.location, a.modifier)));
        }
    }
    v.extend(o.affects.iter().map(|a| (a.location, a.modifier)));
    v
}

/// Copy the prototype's applies onto the object once (ROM's "enchanted").
fn copy_proto_affects(world: &mut World, obj: ObjId) {
    let Some(o) = world.obj(obj) else { return };
    if o.enchanted {
        return;
    }
    let olevel = o.level;
    let copies: Vec<Affect> = world
        .obj_index
        .get(&o.vnum)
        .map(|p| {
            p.proto
                .applies
                .iter()
                .map(|a| Affect {
                    where_: match a.where_ {
                        b'A' => to::AFFECTS,
                        b'I' => to::IMMUNE,
                        b'R' => to::RESIST,
                        b'V' => to::VULN,
                        _ => to::OBJECT,
                    },
                    skill: Sn::NONE,
                    level: olevel,
                    duration: -1,
                    location: a.location,
                    modifier: a.modifier,
                    bits: a.bits,
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(o) = world.obj_mut(obj) {
        o.enchanted = true;
        let own = std::mem::take(&mut o.affects);
        o.affects = copies;
        o.affects.extend(own);
    }
}

/// Add `added` to the object's `location` affects (retyped as `sn`), or a
/// new permanent one; true if some modifier now exceeds 4.
fn add_enchant(world: &mut World, obj: ObjId, sn: Sn, level: i32, location: i32, added: i32) -> bool {
    let Some(o) = world.obj_mut(obj) else {
        return false;
    };
    let mut found = false;
    let mut big = false;
    for a in o.affects.iter_mut().filter(|a| a.location == location) {
        found = true;
        a.skill = sn;
        a.modifier += added;
        a.level = a.level.max(level);
        big |= a.modifier > 4;
    }
    if !found {
        o.affects.insert(
            0,
            Affect {
                where_: to::OBJECT,
                skill: sn,
                level,
                duration: -1,
                location,
                modifier: added,
                bits: 0,
            },
        );
        big = added > 4;
    }
    big
}

/// What happens to an object that blows up or loses its magic.
fn enchant_mishap(world: &mut World, ch: CharId, obj: ObjId, outcome: Enchant) -> bool {
    match outcome {
        Enchant::Destroyed => {
            world.act(
                "$p flares with blinding light... and is gone!",
                ch,
                ActArgs::obj(obj),
                To::All,
            );
            world.extract_obj(obj);
            true
        }
        Enchant::Disenchanted => {
            world.act(
                "$p flashes, then dims... all its magic has drained away.",
                ch,
                ActArgs::obj(obj),
                To::All,
            );
            if let Some(o) = world.obj_mut(obj) {
                o.enchanted = true;
                o.affects.clear();
                o.extra_flags = 0;
            }
            true
        }
        Enchant::Nothing => {
            send(world, ch, "Nothing seemed to happen.");
            true
        }
        _ => false,
    }
}

/// The object may be enchanted: a carried (not worn) item of `kind`.
fn enchantable(world: &mut World, ch: CharId, obj: ObjId, kind: i32, wrong: &str) -> bool {
    let Some(o) = world.obj(obj) else {
        return false;
    };
    if o.item_type != kind {
        send(world, ch, wrong);
        return false;
    }
    if o.wear_loc != wear_loc::NONE {
        send(world, ch, "The item must be carried to be enchanted.");
        return false;
    }
    true
}

/// The fail adjustments for blessed and glowing objects.
fn aura_bonus(world: &World, obj: ObjId) -> i32 {
    let flags = world.obj(obj).map_or(0, |o| o.extra_flags);
    let mut b = 0;
    if flags & extra::BLESS != 0 {
        b += 15;
    }
    if flags & extra::GLOW != 0 {
        b += 5;
    }
    b
}

/// One level more on a successful enchant (at most 50).
fn level_up(world: &mut World, obj: ObjId) {
    if let Some(o) = world.obj_mut(obj) {
        if o.level < LEVEL_HERO {
            o.level = (o.level + 1).min(LEVEL_HERO - 1);
        }
    }
}

/// Enchant armor (rom-mechanics 8.6).
pub(crate) fn spell_enchant_armor(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let SpellTarget::Obj(obj) = target else {
        return;
    };
    if !enchantable(world, ch, obj, item::ARMOR, "That isn't an armor.") {
        return;
    }
    let mut fail = 25;
    for (location, modifier) in counted_affects(world, obj) {
        fail += if location == apply::AC {
            5 * modifier * modifier
        } else {
            20
        };
    }
    fail -= level + aura_bonus(world, obj);
    let fail = fail.clamp(5, 85);
    let roll = world.rng.percent();
    let outcome = enchant_outcome(roll, fail, 3, 90 - level / 5);
    if enchant_mishap(world, ch, obj, outcome) {
        return;
    }
    copy_proto_affects(world, obj);
    let (added, flags, text) = if outcome == Enchant::Success {
        (-1, extra::MAGIC, "$p takes on a faint golden sheen.")
    } else {
        (
            -2,
            extra::MAGIC | extra::GLOW,
            "$p blazes with a rich golden light!",
        )
    };
    world.act(text, ch, ActArgs::obj(obj), To::All);
    if let Some(o) = world.obj_mut(obj) {
        o.extra_flags |= flags;
    }
    level_up(world, obj);
    add_enchant(world, obj, sn, level, apply::AC, added);
}

/// Enchant weapon (rom-mechanics 8.6).
pub(crate) fn spell_enchant_weapon(
    world: &mut World,
    sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let SpellTarget::Obj(obj) = target else {
        return;
    };
    if !enchantable(world, ch, obj, item::WEAPON, "That isn't a weapon.") {
        return;
    }
    let mut fail = 25;
    for (location, modifier) in counted_affects(world, obj) {
        fail += if location == apply::HITROLL || location == apply::DAMROLL {
            2 * modifier * modifier
        } else {
            25
        };
    }
    fail -= 3 * level / 2 + aura_bonus(world, obj);
    let fail = fail.clamp(5, 95);
    let roll = world.rng.percent();
    let outcome = enchant_outcome(roll, fail, 2, 100 - level / 5);
    if enchant_mishap(world, ch, obj, outcome) {
        return;
    }
    copy_proto_affects(world, obj);
    let (added, flags, text) = if outcome == Enchant::Success {
        (1, extra::MAGIC, "$p gleams with a pale blue light.")
    } else {
        (
            2,
            extra::MAGIC | extra::GLOW,
            "$p flares a deep, brilliant blue!",
        )
    };
    world.act(text, ch, ActArgs::obj(obj), To::All);
    if let Some(o) = world.obj_mut(obj) {
        o.extra_flags |= flags;
    }
    level_up(world, obj);
    let big_dam = add_enchant(world, obj, sn, level, apply::DAMROLL, added);
    let big_hit = add_enchant(world, obj, sn, level, apply::HITROLL, added);
    if big_dam || big_hit {
        if let Some(o) = world.obj_mut(obj) {
            o.extra_flags |= extra::HUM;
        }
    }
}

/// Recharge a wand or staff (rom-mechanics 8.6; `v3`, the spell's table
/// index, is its difficulty).
pub(crate) fn spell_recharge(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let SpellTarget::Obj(obj) = target else {
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    if o.item_type != item::WAND && o.item_type != item::STAFF {
        send(world, ch, "That item does not carry charges.");
        return;
    }
    let (v1, v2, v3) = (o.values[1], o.values[2], o.values[3]);
    let level64 = i64::from(level);
    if v3 >= 3 * level64 / 2 {
        send(world, ch, "Your skills are not great enough for that.");
        return;
    }
    if v1 == 0 {
        send(world, ch, "That item has already been recharged once.");
        return;
    }
    let chance = (40 + 2 * level64 - v3 - (v1 - v2) * (v1 - v2)).max(level64 / 2);
    let p = i64::from(world.rng.percent());
    if p < chance / 2 {
        world.act("$p hums softly.", ch, ActArgs::obj(obj), To::All);
        if let Some(o) = world.obj_mut(obj) {
            o.values[2] = v1.max(v2);
            o.values[1] = 0;
        }
    } else if p <= chance {
        world.act("$p hums softly.", ch, ActArgs::obj(obj), To::All);
        if let Some(o) = world.obj_mut(obj) {
            if v1 > v2 {
                o.values[2] += ((v1 - v2) * p / 100).max(1);
            }
            o.values[1] = 0;
        }
    } else if p <= (3 * chance / 2).min(95) {
        send(world, ch, "Nothing seems to happen.");
        if let Some(o) = world.obj_mut(obj) {
            if o.values[1] > 1 {
                o.values[1] -= 1;
            }
        }
    } else {
        world.act(
            "$p shudders, glows white hot and bursts apart!",
            ch,
            ActArgs::obj(obj),
            To::All,
        );
        world.extract_obj(obj);
    }
}

// ---------------------------------------------------- knowing things

fn spell_name(index: i64) -> Option<&'static str> {
    let i = i32::try_from(index).ok().filter(|&i| i > 0)?;
    Sn(i).name()
}

/// The lines identify shows for one affect.
fn affect_lines(out: &mut String, a: &Affect, timed: bool) {
    if a.location != apply::NONE && a.modifier != 0 {
        let name = tables::apply_name(a.location).unwrap_or("unknown");
        out.push_str(&format!("Affects {name} by {}", a.modifier));
        if timed && a.duration > -1 {
            out.push_str(&format!(", {} hours", a.duration));
        }
        out.push_str(".\n");
    }
    if a.bits != 0 {
        let line = match a.where_ {
            to::AFFECTS => format!(
                "Adds {} affect.\n",
                tables::flag_string(tables::AFFECT_FLAGS, a.bits)
            ),
            to::OBJECT => format!(
                "Adds {} object flag.\n",
                tables::flag_string(tables::EXTRA_FLAGS, a.bits)
            ),
            to::WEAPON => format!(
                "Adds {} weapon flags.\n",
                tables::flag_string(tables::WEAPON_FLAGS, a.bits)
            ),
            to::IMMUNE => format!(
                "Adds immunity to {}.\n",
                tables::flag_string(tables::IRV_FLAGS, a.bits)
            ),
            to::RESIST => format!(
                "Adds resistance to {}.\n",
                tables::flag_string(tables::IRV_FLAGS, a.bits)
            ),
            to::VULN => format!(
                "Adds vulnerability to {}.\n",
                tables::flag_string(tables::IRV_FLAGS, a.bits)
            ),
            other => format!("Unknown bit {other}: {}\n", a.bits),
        };
        out.push_str(&line);
    }
}

/// What identify tells about `obj` (rom-mechanics 6.8).
pub fn identify_text(world: &World, obj: ObjId) -> String {
    let Some(o) = world.obj(obj) else {
        return String::new();
    };
    let v = o.values;
    let mut out = format!(
        "Object '{}' is type {}, extra flags {}.\nWeight is {}, value is {}, level is {}.\n",
        o.name,
        tables::item_type_name(o.item_type),
        tables::flag_string(tables::EXTRA_FLAGS, o.extra_flags),
        o.weight / 10,
        o.cost,
        o.level
    );
    match o.item_type {
        item::SCROLL | item::POTION | item::PILL => {
            out.push_str(&format!("Level {} spells of:", v[0]));
            for s in v[1..].iter().filter_map(|&s| spell_name(s)) {
                out.push_str(&format!(" '{s}'"));
            }
            out.push_str(".\n");
        }
        item::WAND | item::STAFF => {
            out.push_str(&format!("Has {} charges of level {}", v[2], v[0]));
            if let Some(s) = spell_name(v[3]) {
                out.push_str(&format!(" '{s}'"));
            }
            out.push_str(".\n");
        }
        item::DRINK_CON => {
            let liq = usize::try_from(v[2])
                .ok()
                .and_then(|i| tables::LIQUIDS.get(i));
            if let Some(l) = liq {
                out.push_str(&format!("It holds {}-colored {}.\n", l.color, l.name));
            }
        }
        item::CONTAINER => {
            out.push_str(&format!(
                "Capacity: {}#  Maximum weight: {}#  flags: {}\n",
                v[0],
                v[3],
                tables::flag_string(tables::CONTAINER_FLAGS, v[1] as u64)
            ));
            if v[4] != 100 {
                out.push_str(&format!("Weight multiplier: {}%\n", v[4]));
            }
        }
        item::WEAPON => {
            let class = usize::try_from(v[0])
                .ok()
                .and_then(|i| tables::WEAPON_CLASS_NAMES.get(i))
                .copied()
                .unwrap_or("unknown");
            out.push_str(&format!("Weapon type is {class}.\n"));
            out.push_str(&format!(
                "Damage is {}d{} (average {}).\n",
                v[1],
                v[2],
                (1 + v[2]) * v[1] / 2
            ));
            if v[4] != 0 {
                out.push_str(&format!(
                    "Weapons flags: {}\n",
                    tables::flag_string(tables::WEAPON_FLAGS, v[4] as u64)
                ));
            }
        }
        item::ARMOR => {
            out.push_str(&format!(
                "Armor class is {} pierce, {} bash, {} slash, and {} vs. magic.\n",
                v[0], v[1], v[2], v[3]
            ));
        }
        _ => {}
    }
    if !o.enchanted {
        if let Some(p) = world.obj_index.get(&o.vnum) {
            for a in &p.proto.applies {
                let af = Affect {
                    where_: match a.where_ {
                        b'A' => to::AFFECTS,
                        b'I' => to::IMMUNE,
                        b'R' => to::RESIST,
                        b'V' => to::VULN,
                        _ => to::OBJECT,
                    },
                    location: a.location,
                    modifier: a.modifier,
                    bits: a.bits,
                    duration: -1,
                    ..Affect::default()
                };
                affect_lines(&mut out, &af, false);
            }
        }
    }
    for a in &o.affects {
        affect_lines(&mut out, a, true);
    }
    out
}

/// Identify: everything there is to know about a carried object.
pub(crate) fn spell_identify(
    world: &mut World,
    _sn: Sn,
    _level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let SpellTarget::Obj(obj) = target else {
        return;
    };
    let text = identify_text(world, obj);
    world.send(ch, &text);
}

/// Locate object: where things of that name are, each kept only with
/// `number_percent() ≤ 2L`, at most 2L of them (200 for immortals).
pub(crate) fn spell_locate_object(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    let arg = world.spell_arg.clone();
    let Some(c) = world.ch(ch) else { return };
    let (ch_level, immortal) = (c.level, c.is_immortal());
    let max_found = if immortal { 200 } else { 2 * level };
    let ids: Vec<ObjId> = world.objs.ids();
    let mut out = String::new();
    let mut number = 0;
    for obj in ids {
        let Some(o) = world.obj(obj) else { continue };
        if !world.can_see_obj(ch, obj)
            || !is_name(&arg, &o.name)
            || o.extra_flags & extra::NOLOCATE != 0
        {
            continue;
        }
        let olevel = o.level;
        if world.rng.percent() > 2 * level || ch_level < olevel {
            continue;
        }
        number += 1;
        // The outermost container.
        let mut outer = obj;
        for _ in 0..100 {
            match world.obj(outer).map(|o| o.loc) {
                Some(ObjLoc::In(c)) => outer = c,
                _ => break,
            }
        }
        let loc = world.obj(outer).map_or(ObjLoc::Nowhere, |o| o.loc);
        let mut line = match loc {
            ObjLoc::Carried(holder) if world.can_see(ch, holder) => {
                format!("one is carried by {}\n", world.pers(holder, ch))
            }
            ObjLoc::Room(r) => {
                let name = world.room(r).map_or("somewhere", |r| r.name.as_str());
                if immortal {
                    format!("one is in {name} [Room {}]\n", r.0)
                } else {
                    format!("one is in {name}\n")
                }
            }
            _ => "one is in somewhere\n".to_string(),
        };
        crate::world::act::capitalize_first(&mut line);
        out.push_str(&line);
        if number >= max_found {
            break;
        }
    }
    if number == 0 {
        send(world, ch, "Nothing like that in heaven or earth.");
    } else {
        world.send(ch, &out);
    }
}

/// Farsight: `scan` in the direction given (refused while blind).
pub(crate) fn spell_farsight(
    world: &mut World,
    _sn: Sn,
    _level: i32,
    ch: CharId,
    _t: SpellTarget,
) {
    if super::magic::has_bit(world, ch, aff::BLIND) {
        send(world, ch, "Maybe it would help if you could see?");
        return;
    }
    let arg = world.spell_arg.clone();
    super::act_info::do_scan(world, ch, &arg);
}

// --------------------------------------------------- moving characters

/// Gate: the caster (and his pet, if here) steps to the named character.
pub(crate) fn spell_gate(world: &mut World, _sn: Sn, level: i32, ch: CharId, _t: SpellTarget) {
    let Some(dest) = named_target(world, ch) else {
        send(world, ch, "You failed.");
        return;
    };
    if transport_refused(world, ch, dest, level, DAM_OTHER, false) {
        send(world, ch, "You failed.");
        return;
    }
    let (_, to_room, from_room) = dest;
    let pet = world
        .ch(ch)
        .and_then(|c| c.pet)
        .filter(|&p| room_of(world, p) == Some(from_room));
    send(world, ch, "You step through a shimmering gate and are gone.");
    relocate(
        world,
        ch,
        to_room,
        "$n steps through a shimmering gate and is gone.",
        "$n steps out of a shimmering gate.",
    );
    if let Some(pet) = pet {
        send(world, pet, "You step through a shimmering gate and are gone.");
        relocate(
            world,
            pet,
            to_room,
            "$n steps through a shimmering gate and is gone.",
            "$n steps out of a shimmering gate.",
        );
    }
}

/// Summon: the named character comes to the caster.
pub(crate) fn spell_summon(world: &mut World, _sn: Sn, level: i32, ch: CharId, _t: SpellTarget) {
    let refused = match named_target(world, ch) {
        None => None,
        Some((victim, to_room, from_room)) => {
            let shop = |w: &World| {
                w.ch(victim)
                    .and_then(|v| v.vnum)
                    .and_then(|vn| w.mob_index.get(&vn))
                    .is_some_and(|m| m.proto.shop.is_some())
            };
            let v = world.ch(victim);
            let bad = v.is_none_or(|v| {
                room_flagged(world, from_room, ROOM_SAFE)
                    || room_flagged(
                        world,
                        to_room,
                        ROOM_SAFE | ROOM_PRIVATE | ROOM_SOLITARY | ROOM_NO_RECALL,
                    )
                    || (v.is_npc() && v.act & ACT_AGGRESSIVE != 0)
                    || v.level >= level + 3
                    || (!v.is_npc() && v.level >= LEVEL_IMMORTAL)
                    || v.fighting.is_some()
                    || (v.is_npc() && v.imm & irv::SUMMON != 0)
                    || (v.is_npc() && shop(world))
                    || (!v.is_npc() && v.act & crate::world::plr::NOSUMMON != 0)
            });
            let npc = world.ch(victim).is_some_and(|v| v.is_npc());
            if bad || (npc && saves_spell(world, level, victim, DAM_OTHER)) {
                None
            } else {
                Some((victim, from_room))
            }
        }
    };
    let Some((victim, here)) = refused else {
        send(world, ch, "You failed.");
        return;
    };
    world.act(
        "$n is gone in a blink.",
        victim,
        ActArgs::default(),
        To::Room,
    );
    world.char_to_room(victim, here);
    world.act(
        "$n appears out of thin air.",
        victim,
        ActArgs::default(),
        To::Room,
    );
    world.act(
        "$n has summoned you!",
        ch,
        ActArgs::vict(victim),
        To::Vict,
    );
    super::act_info::do_look(world, victim, "auto");
}

/// Teleport: the target goes to a random room (rom-mechanics 16.3).
pub(crate) fn spell_teleport(
    world: &mut World,
    _sn: Sn,
    level: i32,
    ch: CharId,
    target: SpellTarget,
) {
    let Some(victim) = victim_of(target) else {
        return;
    };
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return;
    };
    let no_recall = v
        .room
        .is_none_or(|r| room_flagged(world, r, ROOM_NO_RECALL));
    let refused = no_recall
        || (victim != ch && v.imm & irv::SUMMON != 0)
        || (!c.is_npc() && v.fighting.is_some());
    let refused =
        refused || (victim != ch && saves_spell(world, level - 5, victim, DAM_OTHER));
    let dest = if refused {
        None
    } else {
        super::act_move::random_room(world, victim)
    };
    let Some(dest) = dest else {
        send(world, ch, "You failed.");
        return;
    };
    if victim != ch {
        send(world, victim, "You have been teleported!");
    }
    relocate(
        world,
        victim,
        dest,
        "$n winks out of sight!",
        "$n shimmers slowly into view.",
    );
}

/// Portal: one portal (25) here to the named character's room, for
/// `2 + L/25` ticks; needs a warp stone.
pub(crate) fn spell_portal(world: &mut World, _sn: Sn, level: i32, ch: CharId, _t: SpellTarget) {
    let Some(dest) = named_target(world, ch) else {
        send(world, ch, "You failed.");
        return;
    };
    if transport_refused(world, ch, dest, level, DAM_NONE, false) {
        send(world, ch, "You failed.");
        return;
    }
    if !use_warp_stone(world, ch) {
        return;
    }
    let (_, to_room, from_room) = dest;
    if let Some(p) = place_portal(world, ch, from_room, to_room, 2 + level / 25) {
        portal_rises(world, p, from_room);
    }
}

/// Nexus: a portal here to the named character's room and one back, for
/// `1 + L/10` ticks; needs a warp stone.
pub(crate) fn spell_nexus(world: &mut World, _sn: Sn, level: i32, ch: CharId, _t: SpellTarget) {
    let Some(dest) = named_target(world, ch) else {
        send(world, ch, "You failed.");
        return;
    };
    if transport_refused(world, ch, dest, level, DAM_NONE, true) {
        send(world, ch, "You failed.");
        return;
    }
    if !use_warp_stone(world, ch) {
        return;
    }
    let (_, to_room, from_room) = dest;
    let timer = 1 + level / 10;
    if let Some(p) = place_portal(world, ch, from_room, to_room, timer) {
        portal_rises(world, p, from_room);
    }
    if to_room == from_room {
        return;
    }
    if let Some(p) = place_portal(world, ch, to_room, from_room, timer) {
        portal_rises(world, p, to_room);
    }
}
