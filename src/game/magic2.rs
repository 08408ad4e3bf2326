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
//! Portal and nexus consume a held item of type *warp stone* (the bundled
//! world's is object 24, which the town's provisioner sells).
//!
//! Messages are our own words, except the short ones players script on
//! ("You failed.", "Spell failed.", "Ok.", identify's line layout).
//!
//! Departures from ROM:
//! * a random room (teleport, random portals) is drawn uniformly from the
//!   rooms that qualify rather than by redrawing vnums until one does: the
//!   same distribution, but a world with no qualifying room makes the spell
//!   fail instead of looping forever;
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
    Affect, CharId, ObjId, ObjLoc, ObjVnum, RoomVnum, World, ACT_AGGRESSIVE, ACT_UNDEAD, DAM_CHARM,
    DAM_NONE, DAM_OTHER, LEVEL_HERO, LEVEL_IMMORTAL, ROOM_LAW, ROOM_NO_RECALL, ROOM_PRIVATE,
    ROOM_SAFE, ROOM_SOLITARY, SKY_RAINING,
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
        || room_flagged(
            world,
            to_room,
            ROOM_PRIVATE | ROOM_SOLITARY | ROOM_NO_RECALL,
        )
        || room_flagged(world, from_room, ROOM_NO_RECALL)
    {
        return true;
    }
    if v_level >= level + 3 || (!v_npc && v_level >= LEVEL_HERO) {
        return true;
    }
    // A clan member's other-clan rivals cannot come through.
    let other_clan = match (world.ch(ch), world.ch(victim)) {
        (Some(c), Some(v)) => v.is_clan() && !c.is_same_clan(v),
        _ => false,
    };
    if other_clan {
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
    let stone = world.get_eq_char(ch, wear_loc::HOLD).filter(|&s| {
        world
            .obj(s)
            .is_some_and(|o| o.item_type == item::WARP_STONE)
    });
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
    if saves_spell(world, level, victim, DAM_CHARM) {
        return;
    }
    if room_of(world, victim).is_some_and(|r| room_flagged(world, r, ROOM_LAW)) {
        send(
            world,
            ch,
            "Charming is against the law within the city walls.",
        );
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
        world.act("$n thins away to nothing.", g, ActArgs::default(), To::Room);
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
        let is_speaker = c
            .name
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case(&speaker));
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
    world.act(
        "$p pops up out of nowhere.",
        ch,
        ActArgs::obj(food),
        To::All,
    );
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
    send(
        world,
        ch,
        "You cup your hands, and a red rose blooms between them.",
    );
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
    world.act(
        "$p fills with clear water.",
        ch,
        ActArgs::obj(obj),
        To::Char,
    );
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
            world.act("You can't remove $p.", ch, ActArgs::obj(floating), To::Char);
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
    o.extra_flags & (extra::NODROP | extra::NOREMOVE) != 0 && o.extra_flags & extra::NOUNCURSE == 0
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
                world.act("You find no curse on $p.", ch, ActArgs::obj(obj), To::Char);
                return;
            }
            let olevel = o.level;
            if o.extra_flags & extra::NOUNCURSE == 0 && !saves_dispel(world, level + 2, olevel, 0) {
                if let Some(o) = world.obj_mut(obj) {
                    o.extra_flags &= !(extra::NODROP | extra::NOREMOVE);
                }
                world.act("$p shines a soft blue.", ch, ActArgs::obj(obj), To::All);
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
fn add_enchant(
    world: &mut World,
    obj: ObjId,
    sn: Sn,
    level: i32,
    location: i32,
    added: i32,
) -> bool {
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
        let name = super::act_info::affect_loc_name(a.location);
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
            let class = match v[0] {
                3 => "spear/staff",
                n => usize::try_from(n)
                    .ok()
                    .and_then(|i| tables::WEAPON_CLASS_NAMES.get(i))
                    .copied()
                    .unwrap_or("unknown"),
            };
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
pub(crate) fn spell_farsight(world: &mut World, _sn: Sn, _level: i32, ch: CharId, _t: SpellTarget) {
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
    send(
        world,
        ch,
        "You step through a shimmering gate and are gone.",
    );
    relocate(
        world,
        ch,
        to_room,
        "$n steps through a shimmering gate and is gone.",
        "$n steps out of a shimmering gate.",
    );
    if let Some(pet) = pet {
        send(
            world,
            pet,
            "You step through a shimmering gate and are gone.",
        );
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
    let allowed = match named_target(world, ch) {
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
    let Some((victim, here)) = allowed else {
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
    world.act("$n has summoned you!", ch, ActArgs::vict(victim), To::Vict);
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
    let refused = refused || (victim != ch && saves_spell(world, level - 5, victim, DAM_OTHER));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ConnId;
    use crate::world::{plr, SKY_CLOUDLESS};
    use crate::world::{
        AreaId, AreaProto, Char, MobProto, MobVnum, ObjApply, ObjProto, Protos, RoomProto,
    };

    const HERE: RoomVnum = RoomVnum(3001);
    const THERE: RoomVnum = RoomVnum(3002);
    const SAFE: RoomVnum = RoomVnum(3003);
    const NORECALL: RoomVnum = RoomVnum(3004);

    fn sn(name: &str) -> Sn {
        rules::skill_exact(name).unwrap_or(Sn::NONE)
    }

    fn obj_proto(v: i32, words: &str, kind: i32, values: [i64; 5]) -> ObjProto {
        ObjProto {
            vnum: ObjVnum(v),
            keywords: words.into(),
            short_descr: format!("a {words}"),
            item_type: kind,
            values,
            wear_flags: crate::world::wear::TAKE,
            weight: 50,
            ..Default::default()
        }
    }

    fn world_with(seed: u64, objs: bool) -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 9999,
            ..Default::default()
        });
        for (v, flags) in [
            (HERE, 0),
            (THERE, 0),
            (SAFE, ROOM_SAFE),
            (NORECALL, ROOM_NO_RECALL),
        ] {
            p.rooms.insert(
                v,
                RoomProto {
                    vnum: v,
                    area: AreaId(0),
                    name: format!("Room {}", v.0),
                    flags,
                    ..Default::default()
                },
            );
        }
        p.mobs
            .insert(MobVnum(3062), crate::world::proto::test_fido(1, 500));
        p.mobs.insert(
            MobVnum(3063),
            MobProto {
                vnum: MobVnum(3063),
                keywords: "keeper".into(),
                short_descr: "the keeper".into(),
                level: 1,
                shop: Some(crate::world::Shop::default()),
                start_pos: pos::STANDING,
                default_pos: pos::STANDING,
                ..Default::default()
            },
        );
        if objs {
            let mut list = vec![
                obj_proto(20, "mushroom", item::FOOD, [5, 5, 0, 0, 0]),
                obj_proto(21, "ball light", item::LIGHT, [0, 0, -1, 0, 0]),
                obj_proto(22, "spring", item::FOUNTAIN, [100, 100, 0, 0, 0]),
                obj_proto(23, "disc", item::CONTAINER, [0, 0, 0, 0, 100]),
                obj_proto(24, "warp stone", item::WARP_STONE, [0; 5]),
                obj_proto(25, "portal rift", item::PORTAL, [0; 5]),
                obj_proto(1001, "rose", item::TRASH, [0; 5]),
                obj_proto(50, "bread", item::FOOD, [5, 5, 0, 0, 0]),
                obj_proto(51, "sword", item::WEAPON, [1, 2, 5, 3, 0]),
                obj_proto(52, "vest", item::ARMOR, [3, 4, 5, 6, 0]),
                obj_proto(53, "wand", item::WAND, [10, 5, 1, 2, 0]),
                obj_proto(54, "flask", item::DRINK_CON, [20, 0, 0, 0, 0]),
                obj_proto(55, "potion", item::POTION, [12, 2, 80, -1, 0]),
            ];
            list[3].wear_flags |= crate::world::wear::FLOAT;
            list[9].applies.push(ObjApply {
                where_: 0,
                location: apply::AC,
                modifier: -1,
                bits: 0,
            });
            list[4].wear_flags |= crate::world::wear::HOLD;
            for o in list {
                p.objs.insert(o.vnum, o);
            }
        }
        World::new(p, seed)
    }

    fn world(seed: u64) -> World {
        world_with(seed, true)
    }

    fn player(w: &mut World, name: &str, level: i32) -> CharId {
        let id = w.chars.insert(Char {
            name: name.into(),
            pc: Some(Box::default()),
            level,
            class: rules::CLASS_MAGE as i32,
            hit: 100,
            max_hit: 100,
            mana: 100,
            max_mana: 100,
            mv: 100,
            max_mv: 100,
            perm_stat: [13; 5],
            armor: [100; 4],
            position: pos::STANDING,
            conn: Some(ConnId(w.players.len() + 1)),
            ..Char::default()
        });
        w.char_to_room(id, HERE);
        w.players.push(id);
        id
    }

    fn mage(w: &mut World, level: i32) -> CharId {
        player(w, "Merlin", level)
    }

    fn mob(w: &mut World) -> CharId {
        let Some(id) = w.create_mobile(MobVnum(3062)) else {
            panic!("no mob prototype");
        };
        w.char_to_room(id, HERE);
        id
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    fn cast(w: &mut World, name: &str, level: i32, ch: CharId, t: SpellTarget, arg: &str) {
        let s = sn(name);
        let Some(f) = super::super::magic::spell_fn(s) else {
            panic!("{name} has no function");
        };
        w.spell_arg = arg.to_string();
        f(w, s, level, ch, t);
        w.spell_arg.clear();
    }

    fn give(w: &mut World, ch: CharId, vnum: i32) -> ObjId {
        let Some(o) = w.create_object(ObjVnum(vnum), 0) else {
            panic!("no object {vnum}");
        };
        w.obj_to_char(o, ch);
        o
    }

    fn room_objs(w: &World, room: RoomVnum) -> Vec<ObjId> {
        w.room(room).map(|r| r.contents.clone()).unwrap_or_default()
    }

    fn in_room(w: &World, ch: CharId) -> Option<RoomVnum> {
        w.ch(ch).and_then(|c| c.room)
    }

    #[test]
    fn every_spell_of_the_module_is_registered() {
        assert!(PENDING.is_empty());
        assert_eq!(SPELLS.len(), 25);
    }

    #[test]
    fn creation_spells_make_the_well_known_objects() {
        let mut w = world(1);
        let m = mage(&mut w, 20);
        cast(&mut w, "create food", 20, m, SpellTarget::None, "");
        let food = room_objs(&w, HERE)[0];
        let o = w.obj(food).map(|o| (o.vnum, o.values[0], o.values[1]));
        assert_eq!(o, Some((OBJ_VNUM_MUSHROOM, 10, 20)));
        cast(&mut w, "create spring", 20, m, SpellTarget::None, "");
        let spring = room_objs(&w, HERE)[0];
        assert_eq!(
            w.obj(spring).map(|o| (o.vnum, o.timer)),
            Some((OBJ_VNUM_SPRING, 20))
        );
        cast(&mut w, "create rose", 20, m, SpellTarget::None, "");
        let rose = w.ch(m).map(|c| c.carrying[0]);
        assert_eq!(
            rose.and_then(|r| w.obj(r)).map(|o| o.vnum),
            Some(OBJ_VNUM_ROSE)
        );
        cast(&mut w, "continual light", 20, m, SpellTarget::None, "");
        let ball = room_objs(&w, HERE)[0];
        assert_eq!(w.obj(ball).map(|o| o.vnum), Some(OBJ_VNUM_LIGHT_BALL));
        // with a name: the carried object glows; twice is refused.
        let bread = give(&mut w, m, 50);
        cast(&mut w, "continual light", 20, m, SpellTarget::None, "bread");
        assert!(w
            .obj(bread)
            .is_some_and(|o| o.extra_flags & extra::GLOW != 0));
        out(&mut w, m);
        cast(&mut w, "continual light", 20, m, SpellTarget::None, "bread");
        assert!(out(&mut w, m).contains("already glowing"));
    }

    #[test]
    fn a_world_without_the_object_says_so() {
        let mut w = world_with(2, false);
        let m = mage(&mut w, 20);
        for name in [
            "create food",
            "create rose",
            "create spring",
            "floating disc",
        ] {
            cast(&mut w, name, 20, m, SpellTarget::None, "");
            assert!(
                out(&mut w, m).contains("nothing for it to take shape"),
                "{name}"
            );
        }
        assert!(room_objs(&w, HERE).is_empty());
    }

    #[test]
    fn create_water_fills_by_level_and_weather() {
        let mut w = world(3);
        let m = mage(&mut w, 8);
        let flask = give(&mut w, m, 54);
        cast(&mut w, "create water", 8, m, SpellTarget::Obj(flask), "");
        let o = w
            .obj(flask)
            .map(|o| (o.values[1], o.values[2], o.name.clone()));
        assert_eq!(o, Some((16, 0, "flask water".to_string())));
        // only 4 more fit; the name is not doubled.
        cast(&mut w, "create water", 8, m, SpellTarget::Obj(flask), "");
        assert_eq!(w.obj(flask).map(|o| o.values[1]), Some(20));
        assert_eq!(
            w.obj(flask).map(|o| o.name.clone()),
            Some("flask water".into())
        );
        // rain: four times the level.
        w.weather.sky = SKY_RAINING;
        let f2 = give(&mut w, m, 54);
        if let Some(o) = w.obj_mut(f2) {
            o.values[0] = 100;
        }
        cast(&mut w, "create water", 8, m, SpellTarget::Obj(f2), "");
        assert_eq!(w.obj(f2).map(|o| o.values[1]), Some(32));
        w.weather.sky = SKY_CLOUDLESS;
        // another liquid, or not a drink container: refused.
        if let Some(o) = w.obj_mut(f2) {
            o.values[2] = 1;
        }
        out(&mut w, m);
        cast(&mut w, "create water", 8, m, SpellTarget::Obj(f2), "");
        assert!(out(&mut w, m).contains("other liquid"));
        assert_eq!(w.obj(f2).map(|o| o.values[1]), Some(32));
        let bread = give(&mut w, m, 50);
        cast(&mut w, "create water", 8, m, SpellTarget::Obj(bread), "");
        assert!(out(&mut w, m).contains("cannot hold water"));
    }

    #[test]
    fn floating_disc_floats_with_capacity_by_level() {
        let mut w = world(4);
        let m = mage(&mut w, 20);
        cast(&mut w, "floating disc", 20, m, SpellTarget::None, "");
        let Some(disc) = w.get_eq_char(m, wear_loc::FLOAT) else {
            panic!("no disc floating");
        };
        let o = w
            .obj(disc)
            .map(|o| (o.vnum, o.values[0], o.values[3], o.timer));
        let Some((vnum, cap, per, timer)) = o else {
            panic!()
        };
        assert_eq!((vnum, cap, per), (OBJ_VNUM_DISC, 200, 100));
        assert!((30..=40).contains(&timer), "{timer}");
        // a second disc replaces the first; a no-remove float item blocks it.
        cast(&mut w, "floating disc", 20, m, SpellTarget::None, "");
        let second = w.get_eq_char(m, wear_loc::FLOAT);
        assert!(second.is_some() && second != Some(disc));
        if let Some(o) = second.and_then(|d| w.obj_mut(d)) {
            o.extra_flags |= extra::NOREMOVE;
        }
        out(&mut w, m);
        cast(&mut w, "floating disc", 20, m, SpellTarget::None, "");
        assert!(out(&mut w, m).contains("You can't remove"));
        assert_eq!(w.get_eq_char(m, wear_loc::FLOAT), second);
    }

    #[test]
    fn enchant_bands_follow_the_formula() {
        // armor, fail 10 at L 20: <2 destroyed, <3 disenchanted, <=10
        // nothing, <=86 success, else exceptional.
        let top = 90 - 20 / 5;
        assert_eq!(enchant_outcome(1, 10, 3, top), Enchant::Destroyed);
        assert_eq!(enchant_outcome(2, 10, 3, top), Enchant::Disenchanted);
        assert_eq!(enchant_outcome(3, 10, 3, top), Enchant::Nothing);
        assert_eq!(enchant_outcome(10, 10, 3, top), Enchant::Nothing);
        assert_eq!(enchant_outcome(11, 10, 3, top), Enchant::Success);
        assert_eq!(enchant_outcome(86, 10, 3, top), Enchant::Success);
        assert_eq!(enchant_outcome(87, 10, 3, top), Enchant::Exceptional);
        // weapon: disenchanted below fail/2.
        assert_eq!(enchant_outcome(20, 50, 2, 96), Enchant::Disenchanted);
        assert_eq!(enchant_outcome(25, 50, 2, 96), Enchant::Nothing);
    }

    #[test]
    fn enchant_armor_outcomes_and_rates() {
        let mut w = world(5);
        let m = mage(&mut w, 20);
        let (mut gone, mut bare, mut same, mut ok, mut great) = (0, 0, 0, 0, 0);
        let n = 2000;
        for _ in 0..n {
            let vest = give(&mut w, m, 52);
            cast(&mut w, "enchant armor", 20, m, SpellTarget::Obj(vest), "");
            let Some(o) = w.obj(vest) else {
                gone += 1;
                continue;
            };
            let ac: Vec<i32> = o
                .affects
                .iter()
                .filter(|a| a.location == apply::AC)
                .map(|a| a.modifier)
                .collect();
            match (o.enchanted, ac.as_slice()) {
                (false, []) => same += 1,
                (true, []) => bare += 1,
                (true, [-2]) => {
                    assert_eq!(o.level, 1);
                    assert!(o.extra_flags & extra::MAGIC != 0);
                    ok += 1
                }
                (true, [-3]) => {
                    assert!(o.extra_flags & extra::GLOW != 0);
                    great += 1
                }
                other => panic!("{other:?}"),
            }
            w.extract_obj(vest);
        }
        // fail = 25 + 5 × 1² − 20 = 10: 1 %, 1 %, 8 %, 76 %, 14 %.
        let r = |k: i32| f64::from(k) / f64::from(n);
        assert!(r(gone) < 0.025 && r(bare) < 0.025, "{gone} {bare}");
        assert!((r(same) - 0.08).abs() < 0.025, "{same}");
        assert!((r(ok) - 0.76).abs() < 0.04, "{ok}");
        assert!((r(great) - 0.14).abs() < 0.03, "{great}");
        // the copied AC apply no longer counts twice when worn.
        let vest = give(&mut w, m, 52);
        while w.obj(vest).is_some_and(|o| !o.enchanted) {
            cast(&mut w, "enchant armor", 20, m, SpellTarget::Obj(vest), "");
        }
        let ac_sum: i32 = w
            .obj(vest)
            .map(|o| o.affects.iter().map(|a| a.modifier).sum())
            .unwrap_or(0);
        assert!(w.equip_char(m, vest, wear_loc::BODY));
        // armor values 3/4/5/6 at body ×3 plus the affect sum.
        let got = w.ch(m).map(|c| c.armor[0]);
        assert_eq!(got, Some(100 - 9 + ac_sum));
        // refusals: not armor; worn.
        let sword = give(&mut w, m, 51);
        out(&mut w, m);
        cast(&mut w, "enchant armor", 20, m, SpellTarget::Obj(sword), "");
        assert!(out(&mut w, m).contains("isn't an armor"));
        cast(&mut w, "enchant armor", 20, m, SpellTarget::Obj(vest), "");
        assert!(out(&mut w, m).contains("must be carried"));
    }

    #[test]
    fn enchant_weapon_adds_hit_and_damage_and_hums_above_four() {
        let mut w = world(6);
        let m = mage(&mut w, 40);
        let sword = give(&mut w, m, 51);
        let mut casts = 0;
        loop {
            cast(&mut w, "enchant weapon", 40, m, SpellTarget::Obj(sword), "");
            casts += 1;
            let Some(o) = w.obj(sword) else {
                panic!("destroyed after {casts}");
            };
            let hit: Vec<i32> = o
                .affects
                .iter()
                .filter(|a| a.location == apply::HITROLL)
                .map(|a| a.modifier)
                .collect();
            let dam: Vec<i32> = o
                .affects
                .iter()
                .filter(|a| a.location == apply::DAMROLL)
                .map(|a| a.modifier)
                .collect();
            assert_eq!(hit, dam);
            if let [h] = hit.as_slice() {
                assert!(o.affects.iter().all(|a| a.skill == sn("enchant weapon")));
                assert_eq!(o.extra_flags & extra::HUM != 0, *h > 4, "{h}");
                if *h > 4 {
                    break;
                }
            }
            assert!(casts < 60, "no hum after {casts} casts");
        }
    }

    #[test]
    fn recharge_follows_its_table() {
        let mut w = world(7);
        let m = mage(&mut w, 20);
        // v3 = 2 (a low index): chance = max(10, 40 + 40 − 2 − 16) = 62.
        let mut seen = [0; 4];
        for _ in 0..400 {
            let wand = give(&mut w, m, 53);
            cast(&mut w, "recharge", 20, m, SpellTarget::Obj(wand), "");
            match w.obj(wand).map(|o| (o.values[1], o.values[2])) {
                Some((0, 5)) => seen[0] += 1,
                Some((0, c)) => {
                    assert!((2..5).contains(&c), "{c}");
                    seen[1] += 1
                }
                Some((4, 1)) => seen[2] += 1,
                None => seen[3] += 1,
                other => panic!("{other:?}"),
            }
            if let Some(o) = w.obj(wand) {
                let _ = o;
                w.extract_obj(wand);
            }
        }
        // p < 31: full (30 %); 31..=62 partial (32 %); 63..=93 nothing
        // (31 %); 94..=100 explodes (7 %).
        let r = |k: i32| f64::from(k) / 400.0;
        assert!((r(seen[0]) - 0.30).abs() < 0.07, "{seen:?}");
        assert!((r(seen[1]) - 0.32).abs() < 0.07, "{seen:?}");
        assert!((r(seen[2]) - 0.31).abs() < 0.07, "{seen:?}");
        assert!((r(seen[3]) - 0.07).abs() < 0.05, "{seen:?}");
        // refusals.
        let wand = give(&mut w, m, 53);
        if let Some(o) = w.obj_mut(wand) {
            o.values[3] = 30;
        }
        out(&mut w, m);
        cast(&mut w, "recharge", 20, m, SpellTarget::Obj(wand), "");
        assert!(out(&mut w, m).contains("not great enough"));
        if let Some(o) = w.obj_mut(wand) {
            o.values[3] = 2;
            o.values[1] = 0;
        }
        cast(&mut w, "recharge", 20, m, SpellTarget::Obj(wand), "");
        assert!(out(&mut w, m).contains("already been recharged"));
        let bread = give(&mut w, m, 50);
        cast(&mut w, "recharge", 20, m, SpellTarget::Obj(bread), "");
        assert!(out(&mut w, m).contains("does not carry charges"));
    }

    #[test]
    fn identify_lists_everything() {
        let mut w = world(8);
        let m = mage(&mut w, 20);
        let sword = give(&mut w, m, 51);
        if let Some(o) = w.obj_mut(sword) {
            o.values[4] = crate::world::weapon::FLAMING as i64;
            o.affects.push(Affect {
                where_: to::OBJECT,
                skill: sn("bless"),
                level: 10,
                duration: 7,
                location: apply::HITROLL,
                modifier: 2,
                bits: 0,
            });
        }
        cast(&mut w, "identify", 20, m, SpellTarget::Obj(sword), "");
        let text = out(&mut w, m);
        assert!(
            text.contains("Object 'sword' is type weapon, extra flags none."),
            "{text}"
        );
        assert!(
            text.contains("Weight is 5, value is 0, level is 0."),
            "{text}"
        );
        assert!(text.contains("Weapon type is sword."), "{text}");
        assert!(text.contains("Damage is 2d5 (average 6)."), "{text}");
        assert!(text.contains("Weapons flags: flaming"), "{text}");
        if let Some(o) = w.obj_mut(sword) {
            o.values[0] = 3;
        }
        cast(&mut w, "identify", 20, m, SpellTarget::Obj(sword), "");
        assert!(out(&mut w, m).contains("Weapon type is spear/staff."));
        assert!(text.contains("Affects hit roll by 2, 7 hours."), "{text}");
        let vest = give(&mut w, m, 52);
        cast(&mut w, "identify", 20, m, SpellTarget::Obj(vest), "");
        let text = out(&mut w, m);
        assert!(text.contains("Armor class is 3 pierce, 4 bash, 5 slash, and 6 vs. magic."));
        assert!(text.contains("Affects armor class by -1."), "{text}");
        let potion = give(&mut w, m, 55);
        cast(&mut w, "identify", 20, m, SpellTarget::Obj(potion), "");
        let text = out(&mut w, m);
        let armor = sn("armor").name().unwrap_or("?");
        assert!(
            text.contains(&format!("Level 12 spells of: '{armor}'")),
            "{text}"
        );
        let wand = give(&mut w, m, 53);
        cast(&mut w, "identify", 20, m, SpellTarget::Obj(wand), "");
        assert!(out(&mut w, m).contains("Has 1 charges of level 10"));
        let flask = give(&mut w, m, 54);
        cast(&mut w, "identify", 20, m, SpellTarget::Obj(flask), "");
        assert!(out(&mut w, m).contains("It holds clear-colored water."));
    }

    #[test]
    fn locate_object_finds_what_it_may() {
        let mut w = world(9);
        let m = mage(&mut w, 50);
        let v = mob(&mut w);
        w.char_to_room(v, THERE);
        give(&mut w, v, 50);
        let bread = w.create_object(ObjVnum(50), 0);
        if let Some(b) = bread {
            w.obj_to_room(b, THERE);
        }
        let hidden = give(&mut w, v, 50);
        if let Some(o) = w.obj_mut(hidden) {
            o.extra_flags |= extra::NOLOCATE;
        }
        cast(&mut w, "locate object", 50, m, SpellTarget::None, "bread");
        let text = out(&mut w, m);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(
            text.contains("One is carried by the beastly fido"),
            "{text}"
        );
        assert!(text.contains("One is in Room 3002"), "{text}");
        cast(&mut w, "locate object", 50, m, SpellTarget::None, "unicorn");
        assert!(out(&mut w, m).contains("Nothing like that"));
        // items above the caster's level stay hidden.
        if let Some(b) = bread.and_then(|b| w.obj_mut(b)) {
            b.level = 60;
        }
        cast(&mut w, "locate object", 50, m, SpellTarget::None, "bread");
        assert_eq!(out(&mut w, m).lines().count(), 1);
    }

    #[test]
    fn calm_stops_fights_and_stops_at_the_undead() {
        let mut w = world(10);
        let m = mage(&mut w, 30);
        let a = mob(&mut w);
        let b = mob(&mut w);
        fight::set_fighting(&mut w, a, b);
        fight::set_fighting(&mut w, b, a);
        cast(&mut w, "calm", 30, m, SpellTarget::None, "");
        for v in [a, b] {
            assert!(w.ch(v).is_some_and(|c| c.fighting.is_none()));
            let got: Vec<(i32, i32, i32)> = w
                .ch(v)
                .map(|c| {
                    c.affects
                        .iter()
                        .map(|a| (a.location, a.modifier, a.duration))
                        .collect()
                })
                .unwrap_or_default();
            // (ROM prepends: the damroll part, added last, comes first.)
            assert_eq!(got, [(apply::DAMROLL, -2, 7), (apply::HITROLL, -2, 7)]);
            assert!(w.ch(v).is_some_and(|c| c.is_affected(aff::CALM)));
        }
        // the caster, a player, gets -5.
        let mine: Vec<i32> = w
            .ch(m)
            .map(|c| c.affects.iter().map(|a| a.modifier).collect())
            .unwrap_or_default();
        assert_eq!(mine, [-5, -5]);
        // the walk stops at an undead mob (newest first in the room).
        let mut w = world(11);
        let m = mage(&mut w, 30);
        let calm_one = mob(&mut w);
        let undead = mob(&mut w);
        if let Some(c) = w.ch_mut(undead) {
            c.act |= ACT_UNDEAD;
        }
        cast(&mut w, "calm", 30, m, SpellTarget::None, "");
        assert!(!w.ch(calm_one).is_some_and(|c| c.is_affected(aff::CALM)));
        assert!(!w.ch(m).is_some_and(|c| c.is_affected(aff::CALM)));
    }

    #[test]
    fn charm_person_makes_a_follower() {
        let mut w = world(12);
        let m = mage(&mut w, 30);
        let v = mob(&mut w);
        let mut tries = 0;
        while !w.ch(v).is_some_and(|c| c.is_affected(aff::CHARM)) {
            cast(&mut w, "charm person", 30, m, SpellTarget::Char(v), "");
            tries += 1;
            assert!(tries < 20);
        }
        let c = w.ch(v).map(|c| (c.master, c.leader));
        assert_eq!(c, Some((Some(m), Some(m))));
        let a = w.ch(v).map(|c| c.affects[0].duration).unwrap_or(0);
        assert!((6..=8).contains(&a), "{a}");
        // too high a level, and law rooms, refuse.
        let v2 = mob(&mut w);
        if let Some(c) = w.ch_mut(v2) {
            c.level = 31;
        }
        for _ in 0..10 {
            cast(&mut w, "charm person", 30, m, SpellTarget::Char(v2), "");
        }
        assert!(w.ch(v2).is_some_and(|c| c.master.is_none()));
        if let Some(c) = w.ch_mut(v2) {
            c.level = 1;
        }
        if let Some(r) = w.room_mut(HERE) {
            r.flags |= ROOM_LAW;
        }
        out(&mut w, m);
        for _ in 0..10 {
            cast(&mut w, "charm person", 30, m, SpellTarget::Char(v2), "");
        }
        assert!(w.ch(v2).is_some_and(|c| c.master.is_none()));
        assert!(out(&mut w, m).contains("against the law"));
    }

    #[test]
    fn faerie_fog_and_mass_invis() {
        let mut w = world(13);
        let m = mage(&mut w, 30);
        let friend = player(&mut w, "Ann", 10);
        if let Some(c) = w.ch_mut(friend) {
            c.leader = Some(m);
        }
        let stranger = mob(&mut w);
        cast(&mut w, "mass invis", 30, m, SpellTarget::None, "");
        for g in [m, friend] {
            let a = w.ch(g).map(|c| c.affects.clone()).unwrap_or_default();
            assert_eq!(a.len(), 1);
            assert_eq!(
                (a[0].skill, a[0].level, a[0].duration, a[0].bits),
                (gsn::MASS_INVIS, 15, 24, aff::INVISIBLE)
            );
        }
        assert!(!w
            .ch(stranger)
            .is_some_and(|c| c.is_affected(aff::INVISIBLE)));
        // faerie fog reveals everyone but the caster (level 1 mob... and
        // Ann, who is level 10 against 30: 5 % to save).
        if let Some(c) = w.ch_mut(stranger) {
            c.affected_by |= aff::HIDE | aff::SNEAK;
        }
        let mut tries = 0;
        while w.ch(friend).is_some_and(|c| c.is_affected(aff::INVISIBLE))
            || w.ch(stranger).is_some_and(|c| c.is_affected(aff::HIDE))
        {
            cast(&mut w, "faerie fog", 30, m, SpellTarget::None, "");
            tries += 1;
            assert!(tries < 10);
        }
        assert!(!w.is_affected(friend, gsn::MASS_INVIS));
        assert!(!w.ch(stranger).is_some_and(|c| c.is_affected(aff::SNEAK)));
        assert!(w.ch(m).is_some_and(|c| c.is_affected(aff::INVISIBLE)));
    }

    #[test]
    fn ventriloquate_throws_the_voice() {
        let mut w = world(14);
        let m = mage(&mut w, 30);
        let ann = player(&mut w, "Ann", 1);
        let bob = player(&mut w, "Bob", 1);
        cast(
            &mut w,
            "ventriloquate",
            30,
            m,
            SpellTarget::None,
            "bob the cake is a lie",
        );
        let heard = out(&mut w, ann);
        assert!(
            heard == "Bob says 'the cake is a lie'.\n"
                || heard == "Someone makes bob say 'the cake is a lie'.\n",
            "{heard}"
        );
        assert_eq!(out(&mut w, bob), "");
        cast(&mut w, "ventriloquate", 30, m, SpellTarget::None, "bob");
        assert!(out(&mut w, m).contains("Make whom say what?"));
    }

    #[test]
    fn control_weather_moves_the_pressure_change() {
        let mut w = world(15);
        let m = mage(&mut w, 30);
        cast(
            &mut w,
            "control weather",
            30,
            m,
            SpellTarget::None,
            "better",
        );
        let up = w.weather.change;
        assert!((10..=40).contains(&up), "{up}");
        cast(&mut w, "control weather", 30, m, SpellTarget::None, "worse");
        let down = up - w.weather.change;
        assert!((10..=40).contains(&down), "{down}");
        let before = w.weather.change;
        out(&mut w, m);
        cast(
            &mut w,
            "control weather",
            30,
            m,
            SpellTarget::None,
            "purple",
        );
        assert_eq!(w.weather.change, before);
        assert!(out(&mut w, m).contains("better or worse"));
    }

    #[test]
    fn cure_disease_and_remove_curse() {
        let mut w = world(16);
        let m = mage(&mut w, 40);
        let plague =
            super::super::magic::spell_affect(gsn::PLAGUE, 1, 10, apply::STR, -5, aff::PLAGUE);
        w.affect_to_char(m, plague);
        let mut tries = 0;
        while w.is_affected(m, gsn::PLAGUE) {
            cast(&mut w, "cure disease", 40, m, SpellTarget::Char(m), "");
            tries += 1;
            assert!(tries < 20);
        }
        assert!(!w.ch(m).is_some_and(|c| c.is_affected(aff::PLAGUE)));
        out(&mut w, m);
        cast(&mut w, "cure disease", 40, m, SpellTarget::Char(m), "");
        assert!(out(&mut w, m).contains("You aren't ill."));
        // remove curse on an object: nodrop and noremove go.
        let sword = give(&mut w, m, 51);
        if let Some(o) = w.obj_mut(sword) {
            o.extra_flags |= extra::NODROP | extra::NOREMOVE;
        }
        while w
            .obj(sword)
            .is_some_and(|o| o.extra_flags & extra::NODROP != 0)
        {
            cast(&mut w, "remove curse", 40, m, SpellTarget::Obj(sword), "");
        }
        assert_eq!(
            w.obj(sword).map(|o| o.extra_flags & extra::NOREMOVE),
            Some(0)
        );
        // nouncurse holds.
        if let Some(o) = w.obj_mut(sword) {
            o.extra_flags |= extra::NODROP | extra::NOUNCURSE;
        }
        for _ in 0..10 {
            cast(&mut w, "remove curse", 40, m, SpellTarget::Obj(sword), "");
        }
        assert!(w
            .obj(sword)
            .is_some_and(|o| o.extra_flags & extra::NODROP != 0));
        // on a character: the curse and one carried item per cast.
        let curse =
            super::super::magic::spell_affect(gsn::CURSE, 1, 10, apply::NONE, 0, aff::CURSE);
        w.affect_to_char(m, curse);
        let a = give(&mut w, m, 50);
        let b = give(&mut w, m, 50);
        for o in [a, b] {
            if let Some(o) = w.obj_mut(o) {
                o.extra_flags |= extra::NODROP;
            }
        }
        let cursed = |w: &World| {
            [a, b]
                .iter()
                .filter(|&&o| w.obj(o).is_some_and(|o| o.extra_flags & extra::NODROP != 0))
                .count()
        };
        let mut casts = 0;
        while cursed(&w) == 2 {
            cast(&mut w, "remove curse", 40, m, SpellTarget::Char(m), "");
            casts += 1;
        }
        assert_eq!(cursed(&w), 1, "one item per cast");
        while w.is_affected(m, gsn::CURSE) || cursed(&w) > 0 {
            cast(&mut w, "remove curse", 40, m, SpellTarget::Char(m), "");
            casts += 1;
            assert!(casts < 50);
        }
    }

    #[test]
    fn gate_goes_to_the_target_with_the_pet() {
        let mut w = world(17);
        let m = mage(&mut w, 30);
        let ann = player(&mut w, "Ann", 10);
        w.char_to_room(ann, THERE);
        let pet = mob(&mut w);
        if let Some(c) = w.ch_mut(m) {
            c.pet = Some(pet);
        }
        cast(&mut w, "gate", 30, m, SpellTarget::None, "ann");
        assert_eq!(in_room(&w, m), Some(THERE));
        assert_eq!(in_room(&w, pet), Some(THERE));
        // refusals: nobody named, self, a safe room, a no-recall room
        // (either side), a target level ≥ L + 3, a hero.
        let refused = |w: &mut World, arg: &str, level: i32| {
            let before = in_room(w, m);
            out(w, m);
            cast(w, "gate", level, m, SpellTarget::None, arg);
            assert_eq!(in_room(w, m), before, "{arg}");
            assert!(out(w, m).contains("You failed."), "{arg}");
        };
        w.char_to_room(m, HERE);
        refused(&mut w, "", 30);
        refused(&mut w, "merlin", 30);
        w.char_to_room(ann, SAFE);
        refused(&mut w, "ann", 30);
        w.char_to_room(ann, NORECALL);
        refused(&mut w, "ann", 30);
        w.char_to_room(ann, THERE);
        refused(&mut w, "ann", 7);
        w.char_to_room(m, NORECALL);
        refused(&mut w, "ann", 30);
        w.char_to_room(m, HERE);
        if let Some(c) = w.ch_mut(ann) {
            c.level = LEVEL_HERO;
        }
        refused(&mut w, "ann", 60);
    }

    #[test]
    fn summon_brings_the_target_unless_refused() {
        let mut w = world(18);
        let m = mage(&mut w, 30);
        let ann = player(&mut w, "Ann", 10);
        w.char_to_room(ann, THERE);
        cast(&mut w, "summon", 30, m, SpellTarget::None, "ann");
        assert_eq!(in_room(&w, ann), Some(HERE));
        assert!(out(&mut w, ann).contains("Merlin has summoned you!"));
        let refused = |w: &mut World, setup: &dyn Fn(&mut World)| {
            w.char_to_room(ann, THERE);
            setup(w);
            let before = in_room(w, ann);
            out(w, m);
            cast(w, "summon", 30, m, SpellTarget::None, "ann");
            assert_eq!(in_room(w, ann), before);
            assert!(out(w, m).contains("You failed."));
        };
        refused(&mut w, &|w| {
            if let Some(c) = w.ch_mut(ann) {
                c.act |= plr::NOSUMMON;
            }
        });
        refused(&mut w, &|w| {
            if let Some(c) = w.ch_mut(ann) {
                c.act = 0;
                c.level = 33;
            }
        });
        refused(&mut w, &|w| {
            if let Some(c) = w.ch_mut(ann) {
                c.level = 10;
            }
            w.char_to_room(ann, NORECALL);
        });
        refused(&mut w, &|w| {
            w.char_to_room(m, SAFE);
        });
        w.char_to_room(m, HERE);
        // an aggressive mob and a summon-immune one never come.
        let v = mob(&mut w);
        w.char_to_room(v, THERE);
        if let Some(c) = w.ch_mut(v) {
            c.act |= ACT_AGGRESSIVE;
        }
        for _ in 0..10 {
            cast(&mut w, "summon", 30, m, SpellTarget::None, "fido");
        }
        assert_eq!(in_room(&w, v), Some(THERE));
    }

    #[test]
    fn teleport_lands_somewhere_allowed() {
        let mut w = world(19);
        let m = mage(&mut w, 30);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..40 {
            cast(&mut w, "teleport", 30, m, SpellTarget::Char(m), "");
            let r = in_room(&w, m);
            assert!(r != Some(SAFE), "teleported into a safe room");
            seen.insert(r);
            if r == Some(NORECALL) {
                w.char_to_room(m, HERE);
            }
        }
        // HERE, THERE and NORECALL are the candidates.
        assert_eq!(seen.len(), 3, "{seen:?}");
        w.char_to_room(m, NORECALL);
        out(&mut w, m);
        cast(&mut w, "teleport", 30, m, SpellTarget::Char(m), "");
        assert_eq!(in_room(&w, m), Some(NORECALL));
        assert!(out(&mut w, m).contains("You failed."));
    }

    #[test]
    fn portal_and_nexus_need_a_warp_stone_and_lead_there() {
        let mut w = world(20);
        let m = mage(&mut w, 30);
        let ann = player(&mut w, "Ann", 10);
        w.char_to_room(ann, THERE);
        cast(&mut w, "portal", 30, m, SpellTarget::None, "ann");
        assert!(out(&mut w, m).contains("lack the proper component"));
        assert!(room_objs(&w, HERE).is_empty());
        let stone = give(&mut w, m, 24);
        assert!(w.equip_char(m, stone, wear_loc::HOLD));
        cast(&mut w, "portal", 30, m, SpellTarget::None, "ann");
        assert!(w.obj(stone).is_none(), "the stone is used up");
        let portal = room_objs(&w, HERE)[0];
        let p = w.obj(portal).map(|o| (o.vnum, o.values[3], o.timer));
        assert_eq!(p, Some((OBJ_VNUM_PORTAL, 3002, 3)));
        assert!(room_objs(&w, THERE).is_empty());
        // walking through it.
        super::super::act_move::do_enter(&mut w, m, "portal");
        assert_eq!(in_room(&w, m), Some(THERE));
        // nexus: a portal each way, 1 + L/10.
        w.char_to_room(m, HERE);
        if let Some(c) = w.ch_mut(m) {
            c.level = LEVEL_IMMORTAL;
        }
        w.extract_obj(portal);
        cast(&mut w, "nexus", 30, m, SpellTarget::None, "ann");
        let here: Vec<(i64, i32)> = room_objs(&w, HERE)
            .iter()
            .filter_map(|&o| w.obj(o).map(|o| (o.values[3], o.timer)))
            .collect();
        let there: Vec<(i64, i32)> = room_objs(&w, THERE)
            .iter()
            .filter_map(|&o| w.obj(o).map(|o| (o.values[3], o.timer)))
            .collect();
        assert_eq!((here, there), (vec![(3002, 4)], vec![(3001, 4)]));
        // nexus refuses from a safe room; portal does not check that.
        w.char_to_room(m, SAFE);
        out(&mut w, m);
        cast(&mut w, "nexus", 30, m, SpellTarget::None, "ann");
        assert!(out(&mut w, m).contains("You failed."));
        cast(&mut w, "portal", 30, m, SpellTarget::None, "ann");
        assert_eq!(room_objs(&w, SAFE).len(), 1);
    }

    #[test]
    fn enter_counts_charges_and_refuses_the_cursed() {
        let mut w = world(21);
        let m = mage(&mut w, 30);
        let Some(portal) = w.create_object(OBJ_VNUM_PORTAL, 0) else {
            panic!()
        };
        if let Some(o) = w.obj_mut(portal) {
            o.values = [1, 0, 0, 3002, 0];
        }
        w.obj_to_room(portal, HERE);
        if let Some(c) = w.ch_mut(m) {
            c.affected_by |= aff::CURSE;
        }
        super::super::act_move::do_enter(&mut w, m, "portal");
        assert_eq!(in_room(&w, m), Some(HERE));
        assert!(out(&mut w, m).contains("Something prevents you from leaving"));
        if let Some(c) = w.ch_mut(m) {
            c.affected_by = 0;
        }
        if let Some(o) = w.obj_mut(portal) {
            o.values[1] = crate::world::EX_CLOSED as i64;
        }
        super::super::act_move::do_enter(&mut w, m, "portal");
        assert!(out(&mut w, m).contains("can't seem to find a way in"));
        if let Some(o) = w.obj_mut(portal) {
            o.values[1] = 0;
        }
        // one charge: through, and the portal fades behind.
        let ann = player(&mut w, "Ann", 10);
        super::super::act_move::do_enter(&mut w, m, "portal");
        assert_eq!(in_room(&w, m), Some(THERE));
        assert!(w.obj(portal).is_none());
        assert!(out(&mut w, ann).contains("fades out of existence"));
    }

    #[test]
    fn farsight_scans_unless_blind() {
        let mut w = world(22);
        let m = mage(&mut w, 30);
        let _v = mob(&mut w);
        cast(&mut w, "farsight", 30, m, SpellTarget::None, "");
        assert!(out(&mut w, m).contains("beastly fido"));
        if let Some(c) = w.ch_mut(m) {
            c.affected_by |= aff::BLIND;
        }
        cast(&mut w, "farsight", 30, m, SpellTarget::None, "");
        assert!(out(&mut w, m).contains("if you could see"));
    }

    /// Cast `name` at `level` with words `arg`; whether anything moved or
    /// appeared (the caster's room, the target's room, the floor there).
    fn refused(w: &mut World, name: &str, level: i32, ch: CharId, v: CharId, arg: &str) -> bool {
        let rooms = |w: &World| {
            (
                in_room(w, ch),
                in_room(w, v),
                in_room(w, ch).map(|r| room_objs(w, r).len()),
            )
        };
        let before = rooms(w);
        out(w, ch);
        let t = if name == "teleport" {
            SpellTarget::Char(v)
        } else {
            SpellTarget::None
        };
        cast(w, name, level, ch, t, arg);
        let said = out(w, ch).contains("You failed.");
        rooms(w) == before && said
    }

    #[test]
    fn transport_refusals_follow_the_doc() {
        let mut w = world(23);
        let m = mage(&mut w, 30);
        if let Some(c) = w.ch_mut(m) {
            c.level = LEVEL_IMMORTAL; // no warp stones needed
        }
        let v = mob(&mut w);
        w.char_to_room(v, THERE);
        let set_v = |w: &mut World, f: &dyn Fn(&mut Char)| {
            if let Some(c) = w.ch_mut(v) {
                f(c);
            }
        };
        // A summon-immune mob: gate, summon, portal, nexus and teleport.
        set_v(&mut w, &|c| c.imm = irv::SUMMON);
        for name in ["gate", "summon", "portal", "nexus", "teleport"] {
            assert!(refused(&mut w, name, 30, m, v, "fido"), "{name}");
        }
        set_v(&mut w, &|c| c.imm = 0);
        // Level ≥ L + 3.
        set_v(&mut w, &|c| c.level = 33);
        for name in ["gate", "summon", "portal", "nexus"] {
            assert!(refused(&mut w, name, 30, m, v, "fido"), "{name}");
        }
        set_v(&mut w, &|c| c.level = 1);
        // The target's room private or solitary (the flags, even when
        // nearly empty).
        for flag in [ROOM_PRIVATE, ROOM_SOLITARY] {
            if let Some(r) = w.room_mut(THERE) {
                r.flags = flag;
            }
            for name in ["gate", "summon", "portal", "nexus"] {
                assert!(refused(&mut w, name, 30, m, v, "fido"), "{name}");
            }
        }
        if let Some(r) = w.room_mut(THERE) {
            r.flags = 0;
        }
        // The caster's room not visible to him: nexus only.
        if let Some(c) = w.ch_mut(m) {
            c.level = 30;
        }
        let stone = give(&mut w, m, 24);
        assert!(w.equip_char(m, stone, wear_loc::HOLD));
        if let Some(r) = w.room_mut(HERE) {
            r.flags = crate::world::ROOM_GODS_ONLY;
        }
        assert!(refused(&mut w, "nexus", 30, m, v, "fido"));
        if let Some(r) = w.room_mut(HERE) {
            r.flags = 0;
        }
        // Summon: fighting, shopkeepers.
        let other = mob(&mut w);
        w.char_to_room(other, THERE);
        fight::set_fighting(&mut w, v, other);
        assert!(refused(&mut w, "summon", 30, m, v, "fido"));
        w.stop_fighting(v, true);
        let Some(keeper) = w.create_mobile(MobVnum(3063)) else {
            panic!()
        };
        w.char_to_room(keeper, THERE);
        assert!(refused(&mut w, "summon", 30, m, keeper, "keeper"));
        // Teleport: a player caster may not move a fighting target; a mob
        // caster may.
        fight::set_fighting(&mut w, v, other);
        assert!(refused(&mut w, "teleport", 30, m, v, ""));
        let mut moved = false;
        for _ in 0..20 {
            w.char_to_room(v, THERE);
            fight::set_fighting(&mut w, v, other);
            cast(&mut w, "teleport", 30, other, SpellTarget::Char(v), "");
            moved |= in_room(&w, v) != Some(THERE);
        }
        assert!(moved, "a mob's teleport ignores the fight");
    }

    #[test]
    fn identify_shows_containers_and_locate_shows_vnums_to_immortals() {
        let mut w = world(24);
        let m = mage(&mut w, 20);
        let Some(disc) = w.create_object(OBJ_VNUM_DISC, 0) else {
            panic!()
        };
        if let Some(o) = w.obj_mut(disc) {
            o.values = [100, 17, 0, 50, 50];
        }
        w.obj_to_char(disc, m);
        cast(&mut w, "identify", 20, m, SpellTarget::Obj(disc), "");
        let text = out(&mut w, m);
        assert!(
            text.contains("Capacity: 100#  Maximum weight: 50#  flags: closeable puton"),
            "{text}"
        );
        assert!(text.contains("Weight multiplier: 50%"), "{text}");
        if let Some(c) = w.ch_mut(m) {
            c.level = LEVEL_IMMORTAL;
        }
        let Some(bread) = w.create_object(ObjVnum(50), 0) else {
            panic!()
        };
        w.obj_to_room(bread, THERE);
        cast(&mut w, "locate object", 20, m, SpellTarget::None, "bread");
        assert!(out(&mut w, m).contains("One is in Room 3002 [Room 3002]"));
    }

    #[test]
    fn charm_refuses_self_and_the_immune() {
        let mut w = world(25);
        let m = mage(&mut w, 30);
        cast(&mut w, "charm person", 30, m, SpellTarget::Char(m), "");
        assert!(out(&mut w, m).contains("taken with yourself"));
        let v = mob(&mut w);
        if let Some(c) = w.ch_mut(v) {
            c.imm = irv::CHARM;
        }
        for _ in 0..10 {
            cast(&mut w, "charm person", 30, m, SpellTarget::Char(v), "");
        }
        assert!(w.ch(v).is_some_and(|c| c.master.is_none()));
        // a charmed caster cannot charm.
        if let Some(c) = w.ch_mut(v) {
            c.imm = 0;
        }
        if let Some(c) = w.ch_mut(m) {
            c.affected_by |= aff::CHARM;
        }
        for _ in 0..10 {
            cast(&mut w, "charm person", 30, m, SpellTarget::Char(v), "");
        }
        assert!(w.ch(v).is_some_and(|c| c.master.is_none()));
    }
}
