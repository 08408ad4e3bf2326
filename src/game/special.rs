//! "special.c": the special procedures (rom-mechanics 11).
//!
//! A mobile whose area file gives it a special function (`#SPECIALS`,
//! `M <vnum> spec_fido`) has the function registered here under that name
//! run for it every mobile pulse (`mobile_update`, rom-mechanics 10.2 and
//! 11) before anything else it does; a procedure that acted returns true
//! and the mobile does nothing else that pulse. A procedure acts only
//! through the world's handlers; spells are cast directly at the mobile's
//! level (`magic::mob_cast`: no mana, no failure, no lag).
//!
//! All 22 of ROM's procedures are here, and a test keeps the registry and
//! the name table (`db::tables::SPEC_FUNS`, which the area loader checks
//! names against) in step. The mayor's walk is kept in `World::mayor` and
//! carried across a copyover. Departures from ROM: the words the adept,
//! the executioner, the gangs, the patrolman and the mayor say are our own
//! (the mayor speaks of "the city", as our world is not Midgaard); the
//! guard's "PROTECT THE INNOCENT!!  BANZAI!!" and the fido's and janitor's
//! lines are ROM's.

use super::act_move::{do_close, do_open, move_char};
use super::fight::{self, multi_hit, TYPE_UNDEFINED};
use super::magic::{self, SpellTarget};
use crate::db::tables;
use crate::world::act::{ActArgs, To};
use crate::world::rules::{self, gsn};
use crate::world::{aff, comm, item, plr, pos, wear, wear_loc, CharId, MobVnum, ObjVnum};
use crate::world::{World, ACT_UPDATE_ALWAYS, LEVEL_IMMORTAL};

/// A special procedure: acts for the mobile; true if it did something.
pub type SpecFn = fn(&mut World, CharId) -> bool;

/// The procedures, by ROM name.
pub static SPEC_FUNS: &[(&str, SpecFn)] = &[
    ("spec_breath_any", spec_breath_any),
    ("spec_breath_acid", spec_breath_acid),
    ("spec_breath_fire", spec_breath_fire),
    ("spec_breath_frost", spec_breath_frost),
    ("spec_breath_gas", spec_breath_gas),
    ("spec_breath_lightning", spec_breath_lightning),
    ("spec_cast_adept", spec_cast_adept),
    ("spec_cast_cleric", spec_cast_cleric),
    ("spec_cast_judge", spec_cast_judge),
    ("spec_cast_mage", spec_cast_mage),
    ("spec_cast_undead", spec_cast_undead),
    ("spec_executioner", spec_executioner),
    ("spec_fido", spec_fido),
    ("spec_guard", spec_guard),
    ("spec_janitor", spec_janitor),
    ("spec_mayor", spec_mayor),
    ("spec_poison", spec_poison),
    ("spec_thief", spec_thief),
    ("spec_nasty", spec_nasty),
    ("spec_troll_member", spec_troll_member),
    ("spec_ogre_member", spec_ogre_member),
    ("spec_patrolman", spec_patrolman),
];

/// ROM's procedures not written yet (none left).
pub static PENDING: &[&str] = &[];

/// The function named `name` (a `spec_*` name as areas write it).
pub fn spec_fn(name: &str) -> Option<SpecFn> {
    let canonical = tables::spec_lookup(name)?;
    SPEC_FUNS
        .iter()
        .find(|(n, _)| *n == canonical)
        .map(|(_, f)| *f)
}

/// Run `ch`'s procedure, if it has one; true if it acted.
pub fn run(world: &mut World, ch: CharId) -> bool {
    let Some(name) = world.ch(ch).and_then(|c| c.spec_fun.clone()) else {
        return false;
    };
    match spec_fn(&name) {
        Some(f) => f(world, ch),
        None => false,
    }
}

/// Whether a mobile's procedure may run now (mobile_update's first test):
/// an uncharmed mobile in a room of a non-empty area, or one that is
/// updated always.
pub fn may_run(world: &World, ch: CharId) -> bool {
    let Some(c) = world.ch(ch) else { return false };
    if !c.is_npc() || c.is_affected(aff::CHARM) {
        return false;
    }
    let Some(area) = c.room.and_then(|r| world.room(r)).map(|r| r.area) else {
        return false;
    };
    let empty = world.areas.get(area.0).is_none_or(|a| a.empty);
    !empty || c.act & ACT_UPDATE_ALWAYS != 0
}

// ---------------------------------------------------------------- helpers

fn people(world: &World, ch: CharId) -> Vec<CharId> {
    world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .map(|r| r.people.clone())
        .unwrap_or_default()
}

fn awake(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.position > pos::SLEEPING)
}

fn fighting(world: &World, ch: CharId) -> Option<CharId> {
    world.ch(ch).and_then(|c| c.fighting)
}

fn position(world: &World, ch: CharId) -> crate::world::Position {
    world.ch(ch).map_or(pos::DEAD, |c| c.position)
}

fn level(world: &World, ch: CharId) -> i32 {
    world.ch(ch).map_or(0, |c| c.level)
}

fn is_npc(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.is_npc())
}

/// The first occupant fighting `ch` that passes a 1-in-`odds` roll.
fn pick_fighter(world: &World, ch: CharId, odds: i32) -> Option<CharId> {
    people(world, ch)
        .into_iter()
        .find(|&v| fighting(world, v) == Some(ch) && world.rng.range(0, odds - 1) == 0)
}

/// Cast `spell` from `ch` at `target`, at `ch`'s level.
fn cast(world: &mut World, ch: CharId, spell: &str, target: SpellTarget) -> bool {
    match rules::skill_lookup(spell) {
        Some(sn) => magic::mob_cast(world, ch, sn, target),
        None => false,
    }
}

// ------------------------------------------------------------------ breath

fn dragon(world: &mut World, ch: CharId, spell: &str) -> bool {
    if position(world, ch) != pos::FIGHTING {
        return false;
    }
    let Some(victim) = pick_fighter(world, ch, 8) else {
        return false;
    };
    cast(world, ch, spell, SpellTarget::Char(victim))
}

fn spec_breath_any(world: &mut World, ch: CharId) -> bool {
    if position(world, ch) != pos::FIGHTING {
        return false;
    }
    match world.rng.range(0, 7) {
        0 => spec_breath_fire(world, ch),
        1 | 2 => spec_breath_lightning(world, ch),
        3 => spec_breath_gas(world, ch),
        4 => spec_breath_acid(world, ch),
        _ => spec_breath_frost(world, ch),
    }
}

fn spec_breath_acid(world: &mut World, ch: CharId) -> bool {
    dragon(world, ch, "acid breath")
}

fn spec_breath_fire(world: &mut World, ch: CharId) -> bool {
    dragon(world, ch, "fire breath")
}

fn spec_breath_frost(world: &mut World, ch: CharId) -> bool {
    dragon(world, ch, "frost breath")
}

fn spec_breath_lightning(world: &mut World, ch: CharId) -> bool {
    dragon(world, ch, "lightning breath")
}

fn spec_breath_gas(world: &mut World, ch: CharId) -> bool {
    if position(world, ch) != pos::FIGHTING {
        return false;
    }
    cast(world, ch, "gas breath", SpellTarget::None)
}

// ----------------------------------------------------------------- casters

/// The adept: helps young players with small blessings.
fn spec_cast_adept(world: &mut World, ch: CharId) -> bool {
    if !awake(world, ch) {
        return false;
    }
    let victim = people(world, ch).into_iter().find(|&v| {
        v != ch
            && world.can_see(ch, v)
            && world.rng.range(0, 1) == 0
            && !is_npc(world, v)
            && level(world, v) < 11
    });
    let Some(victim) = victim else { return false };
    let (word, spell) = match world.rng.range(0, 15) {
        0 => ("shelvane", "armor"),
        1 => ("lumeth", "bless"),
        2 => ("oculis aperta", "cure blindness"),
        3 => ("sanatus minor", "cure light"),
        4 => ("venenum fugit", "cure poison"),
        5 => ("vigor redit", "refresh"),
        6 => ("morbus fugit", "cure disease"),
        _ => return false,
    };
    world.act(
        "$n utters the word '$t'.",
        ch,
        ActArgs::text(word),
        To::Room,
    );
    cast(world, ch, spell, SpellTarget::Char(victim));
    true
}

/// ROM's caster scheme: while fighting, pick a fighter (1 in 4), then roll
/// `number_bits(4)` until the mob's level reaches the spell's minimum.
fn caster(world: &mut World, ch: CharId, table: fn(i32) -> (i32, &'static str)) -> bool {
    if position(world, ch) != pos::FIGHTING {
        return false;
    }
    let Some(victim) = pick_fighter(world, ch, 4) else {
        return false;
    };
    let lvl = level(world, ch);
    // Every table has a level-0 entry, so this ends; bounded all the same.
    for _ in 0..1000 {
        let (min, spell) = table(world.rng.range(0, 15));
        if lvl >= min {
            return cast(world, ch, spell, SpellTarget::Char(victim));
        }
    }
    false
}

fn cleric_spell(roll: i32) -> (i32, &'static str) {
    match roll {
        0 => (0, "blindness"),
        1 => (3, "cause serious"),
        2 => (7, "earthquake"),
        3 => (9, "cause critical"),
        4 => (10, "dispel evil"),
        5 => (12, "curse"),
        6 => (12, "change sex"),
        7 => (13, "flamestrike"),
        8..=10 => (15, "harm"),
        11 => (15, "plague"),
        _ => (16, "dispel magic"),
    }
}

fn mage_spell(roll: i32) -> (i32, &'static str) {
    match roll {
        0 => (0, "blindness"),
        1 => (3, "chill touch"),
        2 => (7, "weaken"),
        3 => (8, "teleport"),
        4 => (11, "colour spray"),
        5 => (12, "change sex"),
        6 => (13, "energy drain"),
        7..=9 => (15, "fireball"),
        10 => (20, "plague"),
        _ => (20, "acid blast"),
    }
}

fn undead_spell(roll: i32) -> (i32, &'static str) {
    match roll {
        0 => (0, "curse"),
        1 => (3, "weaken"),
        2 => (6, "chill touch"),
        3 => (9, "blindness"),
        4 => (12, "poison"),
        5 => (15, "energy drain"),
        6 => (18, "harm"),
        7 => (21, "teleport"),
        8 => (20, "plague"),
        _ => (18, "harm"),
    }
}

fn spec_cast_cleric(world: &mut World, ch: CharId) -> bool {
    caster(world, ch, cleric_spell)
}

fn spec_cast_mage(world: &mut World, ch: CharId) -> bool {
    caster(world, ch, mage_spell)
}

fn spec_cast_undead(world: &mut World, ch: CharId) -> bool {
    caster(world, ch, undead_spell)
}

fn spec_cast_judge(world: &mut World, ch: CharId) -> bool {
    if position(world, ch) != pos::FIGHTING {
        return false;
    }
    let Some(victim) = pick_fighter(world, ch, 4) else {
        return false;
    };
    cast(world, ch, "high explosive", SpellTarget::Char(victim))
}

// ------------------------------------------------------------------ the law

/// The first visible KILLER or THIEF player in the room, with the crime.
fn criminal(world: &World, ch: CharId, victim: CharId) -> Option<&'static str> {
    let c = world.ch(victim)?;
    if c.is_npc() || !world.can_see(ch, victim) {
        return None;
    }
    if c.act & plr::KILLER != 0 {
        Some("KILLER")
    } else if c.act & plr::THIEF != 0 {
        Some("THIEF")
    } else {
        None
    }
}

fn spec_executioner(world: &mut World, ch: CharId) -> bool {
    if !awake(world, ch) || fighting(world, ch).is_some() {
        return false;
    }
    let found = people(world, ch)
        .into_iter()
        .find_map(|v| criminal(world, ch, v).map(|crime| (v, crime)));
    let Some((victim, crime)) = found else {
        return false;
    };
    let name = world.ch(victim).map(|c| c.name.clone()).unwrap_or_default();
    if let Some(c) = world.ch_mut(ch) {
        c.comm &= !comm::NOSHOUT;
    }
    fight::yell(
        world,
        ch,
        &format!("{name} is a {crime}!  Stand aside: the law will have its due!"),
    );
    multi_hit(world, ch, victim, TYPE_UNDEFINED);
    true
}

fn spec_guard(world: &mut World, ch: CharId) -> bool {
    if !awake(world, ch) || fighting(world, ch).is_some() {
        return false;
    }
    let mut max_evil = 300;
    let mut evil = None;
    for v in people(world, ch) {
        if let Some(crime) = criminal(world, ch, v) {
            let name = world.ch(v).map(|c| c.name.clone()).unwrap_or_default();
            if let Some(c) = world.ch_mut(ch) {
                c.comm &= !comm::NOSHOUT;
            }
            fight::yell(
                world,
                ch,
                &format!("{name} is a {crime}!  PROTECT THE INNOCENT!!  BANZAI!!"),
            );
            multi_hit(world, ch, v, TYPE_UNDEFINED);
            return true;
        }
        let Some(c) = world.ch(v) else { continue };
        if c.fighting.is_some_and(|f| f != ch) && c.alignment < max_evil {
            max_evil = c.alignment;
            evil = Some(v);
        }
    }
    let Some(victim) = evil else { return false };
    world.act(
        "$n screams 'PROTECT THE INNOCENT!!  BANZAI!!'",
        ch,
        ActArgs::default(),
        To::Room,
    );
    multi_hit(world, ch, victim, TYPE_UNDEFINED);
    true
}

// ---------------------------------------------------------- scavengers

fn floor(world: &World, ch: CharId) -> Vec<crate::world::ObjId> {
    world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .map(|r| r.contents.clone())
        .unwrap_or_default()
}

fn spec_fido(world: &mut World, ch: CharId) -> bool {
    if !awake(world, ch) {
        return false;
    }
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return false;
    };
    let corpse = floor(world, ch).into_iter().find(|&o| {
        world
            .obj(o)
            .is_some_and(|o| o.item_type == item::CORPSE_NPC)
    });
    let Some(corpse) = corpse else { return false };
    world.act(
        "$n savagely devours a corpse.",
        ch,
        ActArgs::default(),
        To::Room,
    );
    let contents = world
        .obj(corpse)
        .map(|o| o.contains.clone())
        .unwrap_or_default();
    for o in contents {
        world.obj_to_room(o, room);
    }
    world.extract_obj(corpse);
    true
}

fn spec_janitor(world: &mut World, ch: CharId) -> bool {
    if !awake(world, ch) {
        return false;
    }
    let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
    let trash = floor(world, ch).into_iter().find(|&o| {
        world.obj(o).is_some_and(|o| {
            let lootable = o
                .owner
                .as_ref()
                .is_none_or(|w| w.eq_ignore_ascii_case(&name));
            o.wear_flags & wear::TAKE != 0
                && lootable
                && (o.item_type == item::DRINK_CON || o.item_type == item::TRASH || o.cost < 10)
        })
    });
    let Some(trash) = trash else { return false };
    world.act("$n picks up some trash.", ch, ActArgs::default(), To::Room);
    world.obj_to_char(trash, ch);
    true
}

// ---------------------------------------------------------------- the rest

fn spec_poison(world: &mut World, ch: CharId) -> bool {
    if position(world, ch) != pos::FIGHTING {
        return false;
    }
    let Some(victim) = fighting(world, ch) else {
        return false;
    };
    if world.rng.percent() > 2 * level(world, ch) {
        return false;
    }
    world.act("You bite $N!", ch, ActArgs::vict(victim), To::Char);
    world.act("$n bites $N!", ch, ActArgs::vict(victim), To::NotVict);
    world.act("$n bites you!", ch, ActArgs::vict(victim), To::Vict);
    magic::mob_cast(world, ch, gsn::POISON, SpellTarget::Char(victim));
    true
}

fn spec_thief(world: &mut World, ch: CharId) -> bool {
    if position(world, ch) != pos::STANDING {
        return false;
    }
    let lvl = level(world, ch);
    for v in people(world, ch) {
        let Some(c) = world.ch(v) else { continue };
        if c.is_npc() || c.level >= LEVEL_IMMORTAL || world.rng.range(0, 31) != 0 {
            continue;
        }
        if !world.can_see(ch, v) {
            continue;
        }
        if awake(world, v) && world.rng.range(0, lvl.max(0)) == 0 {
            world.act(
                "You discover $n's hands in your wallet!",
                ch,
                ActArgs::vict(v),
                To::Vict,
            );
            world.act(
                "$N discovers $n's hands in $S wallet!",
                ch,
                ActArgs::vict(v),
                To::NotVict,
            );
            return true;
        }
        let cap = i64::from(lvl) * i64::from(lvl);
        let share = i64::from(world.rng.range(1, 20).min(lvl / 2));
        let gold = world
            .ch(v)
            .map_or(0, |c| c.gold * share / 100)
            .min(cap * 10);
        let share = i64::from(world.rng.range(1, 20).min(lvl / 2));
        let silver = world
            .ch(v)
            .map_or(0, |c| c.silver * share / 100)
            .min(cap * 25);
        if let Some(c) = world.ch_mut(v) {
            c.gold -= gold;
            c.silver -= silver;
        }
        if let Some(c) = world.ch_mut(ch) {
            c.gold += gold;
            c.silver += silver;
        }
        return true;
    }
    false
}

fn spec_nasty(world: &mut World, ch: CharId) -> bool {
    if !awake(world, ch) {
        return false;
    }
    let lvl = level(world, ch);
    if position(world, ch) != pos::FIGHTING {
        let target = people(world, ch).into_iter().find(|&v| {
            world
                .ch(v)
                .is_some_and(|c| !c.is_npc() && c.level > lvl && c.level < lvl + 10)
        });
        let Some(v) = target else { return false };
        let name = world.ch(v).map(|c| c.name.clone()).unwrap_or_default();
        super::act_skill::do_backstab(world, ch, &name);
        if position(world, ch) != pos::FIGHTING {
            fight::do_murder(world, ch, &name);
        }
        return true;
    }
    let Some(victim) = fighting(world, ch) else {
        return false;
    };
    match world.rng.range(0, 3) {
        0 => {
            world.act(
                "$n rips apart your coin purse, spilling your gold!",
                ch,
                ActArgs::vict(victim),
                To::Vict,
            );
            world.act(
                "You slash apart $N's coin purse and gather $S gold.",
                ch,
                ActArgs::vict(victim),
                To::Char,
            );
            world.act(
                "$N's coin purse is ripped apart!",
                ch,
                ActArgs::vict(victim),
                To::NotVict,
            );
            let gold = world.ch(victim).map_or(0, |c| c.gold / 10);
            if let Some(c) = world.ch_mut(victim) {
                c.gold -= gold;
            }
            if let Some(c) = world.ch_mut(ch) {
                c.gold += gold;
            }
            true
        }
        1 => {
            fight::do_flee(world, ch, "");
            true
        }
        _ => false,
    }
}

/// The patrolman's vnum (a gang member does nothing while one is near).
const MOB_VNUM_PATROLMAN: MobVnum = MobVnum(2106);
const GROUP_VNUM_TROLLS: i32 = 2100;
const GROUP_VNUM_OGRES: i32 = 2101;
/// The patrolman's whistle.
const OBJ_VNUM_WHISTLE: ObjVnum = ObjVnum(2116);

fn calm_or_busy(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_none_or(|c| {
        c.position <= pos::SLEEPING
            || c.is_affected(aff::CALM)
            || c.is_affected(aff::CHARM)
            || c.fighting.is_some()
            || c.room.is_none()
    })
}

const TROLL_TAUNTS: [&str; 7] = [
    "$n yells 'There you are, ogre! I have been looking for you!'",
    "$n growls at $N and cracks $s knuckles.",
    "$n sneers 'Your whole tribe smells, $N.'",
    "$n spits at $N's feet.",
    "$n says 'This is our street. Get off it.'",
    "$n bares $s tusks and roars at $N.",
    "$n says 'You picked the wrong alley, ogre.'",
];

const OGRE_TAUNTS: [&str; 7] = [
    "$n yells 'Troll! I smell troll! Stand and fight!'",
    "$n pounds $s fists together and glares at $N.",
    "$n sneers 'Your kind belongs under bridges, $N.'",
    "$n spits at $N's feet.",
    "$n says 'This is ogre ground now. Move.'",
    "$n bellows a challenge at $N.",
    "$n says 'You'll regret coming here, troll.'",
];

fn gang_member(world: &mut World, ch: CharId, enemy_group: i32, taunts: &[&str; 7]) -> bool {
    if calm_or_busy(world, ch) {
        return false;
    }
    let lvl = level(world, ch);
    let mut victim = None;
    let mut count = 0;
    for v in people(world, ch) {
        let Some(c) = world.ch(v) else { continue };
        if !c.is_npc() || v == ch {
            continue;
        }
        if c.vnum == Some(MOB_VNUM_PATROLMAN) {
            return false;
        }
        if c.group_num == enemy_group
            && lvl > c.level - 2
            && fight::safe_reason(world, ch, v).is_none()
        {
            if world.rng.range(0, count) == 0 {
                victim = Some(v);
            }
            count += 1;
        }
    }
    let Some(victim) = victim else { return false };
    let line = taunts[world.rng.range(0, 6) as usize];
    world.act(line, ch, ActArgs::vict(victim), To::Char);
    world.act(line, ch, ActArgs::vict(victim), To::Room);
    multi_hit(world, ch, victim, TYPE_UNDEFINED);
    true
}

fn spec_troll_member(world: &mut World, ch: CharId) -> bool {
    gang_member(world, ch, GROUP_VNUM_OGRES, &TROLL_TAUNTS)
}

fn spec_ogre_member(world: &mut World, ch: CharId) -> bool {
    gang_member(world, ch, GROUP_VNUM_TROLLS, &OGRE_TAUNTS)
}

fn spec_patrolman(world: &mut World, ch: CharId) -> bool {
    if calm_or_busy(world, ch) {
        return false;
    }
    let mut victim = None;
    let mut count = 0;
    for v in people(world, ch) {
        if v == ch {
            continue;
        }
        let Some(opp) = fighting(world, v) else {
            continue;
        };
        if world.rng.range(0, count) == 0 {
            victim = Some(if level(world, v) > level(world, opp) {
                v
            } else {
                opp
            });
        }
        count += 1;
    }
    let Some(victim) = victim else { return false };
    let same_spec = world.ch(victim).is_some_and(|v| {
        v.is_npc()
            && v.spec_fun.is_some()
            && v.spec_fun == world.ch(ch).and_then(|c| c.spec_fun.clone())
    });
    if same_spec {
        return false;
    }
    let whistle = [wear_loc::NECK_1, wear_loc::NECK_2]
        .into_iter()
        .find_map(|loc| {
            world
                .get_eq_char(ch, loc)
                .filter(|&o| world.obj(o).is_some_and(|o| o.vnum == OBJ_VNUM_WHISTLE))
        });
    if let Some(w) = whistle {
        world.act("You blow down hard on $p.", ch, ActArgs::obj(w), To::Char);
        world.act(
            "$n blows on $p: a piercing shriek fills the air!",
            ch,
            ActArgs::obj(w),
            To::Room,
        );
        let here = world.ch(ch).and_then(|c| c.room);
        let area = here.and_then(|r| world.room(r)).map(|r| r.area);
        let listeners: Vec<CharId> = world
            .chars
            .iter()
            .filter(|(_, c)| {
                c.room
                    .is_some_and(|r| Some(r) != here && world.room(r).map(|rm| rm.area) == area)
            })
            .map(|(id, _)| id)
            .collect();
        for l in listeners {
            world.send(l, "You hear a shrill whistling sound.\n");
        }
    }
    let line = match world.rng.range(0, 6) {
        0 => Some("$n yells 'All right, break it up!'"),
        1 => Some("$n says 'Not on my beat, you don't.'"),
        2 => Some("$n mutters 'Every night the same.'"),
        3 => Some("$n shouts 'Stop in the name of the watch!'"),
        4 => Some("$n sighs and draws $s cudgel."),
        5 => Some("$n says 'You'll sleep in the cells tonight.'"),
        _ => None,
    };
    if let Some(line) = line {
        world.act(line, ch, ActArgs::default(), To::Char);
        world.act(line, ch, ActArgs::default(), To::Room);
    }
    multi_hit(world, ch, victim, TYPE_UNDEFINED);
    true
}

// --------------------------------------------------------------- the mayor

const OPEN_PATH: &[u8] = b"W3a3003b33000c111d0d111Oe333333Oe22c222112212111a1S.";
const CLOSE_PATH: &[u8] = b"W3a3003b33000c111d0d111CE333333CE22c222112212111a1S.";

fn spec_mayor(world: &mut World, ch: CharId) -> bool {
    if !world.mayor.moving {
        if world.hour == 6 {
            world.mayor = crate::world::MayorWalk {
                path: 1,
                pos: 0,
                moving: true,
            };
        }
        if world.hour == 20 {
            world.mayor = crate::world::MayorWalk {
                path: 2,
                pos: 0,
                moving: true,
            };
        }
    }
    if fighting(world, ch).is_some() {
        return spec_cast_mage(world, ch);
    }
    if !world.mayor.moving || position(world, ch) < pos::SLEEPING {
        return false;
    }
    let path = if world.mayor.path == 2 {
        CLOSE_PATH
    } else {
        OPEN_PATH
    };
    let Some(&step) = path.get(world.mayor.pos) else {
        world.mayor.moving = false;
        return false;
    };
    let say = |world: &mut World, text: &str| {
        world.act(text, ch, ActArgs::default(), To::Room);
    };
    match step {
        b'0'..=b'3' => move_char(world, ch, usize::from(step - b'0'), false),
        b'W' => {
            if let Some(c) = world.ch_mut(ch) {
                c.position = pos::STANDING;
            }
            say(world, "$n awakens and groans loudly.");
        }
        b'S' => {
            if let Some(c) = world.ch_mut(ch) {
                c.position = pos::SLEEPING;
            }
            say(world, "$n lies down and falls asleep.");
        }
        b'a' => say(world, "$n says 'Good morning, my dear!'"),
        b'b' => say(
            world,
            "$n says 'What a fine prospect!  Pity about the dump.'",
        ),
        b'c' => say(world, "$n says 'Vandals again!  Is nothing sacred?'"),
        b'd' => say(world, "$n says 'A good day to you, citizens!'"),
        b'e' => say(world, "$n says 'I declare the city open!'"),
        b'E' => say(world, "$n says 'I declare the city closed for the night!'"),
        b'O' => do_open(world, ch, "gate"),
        b'C' => do_close(world, ch, "gate"),
        b'.' => world.mayor.moving = false,
        _ => {}
    }
    world.mayor.pos += 1;
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    use crate::world::{Char, Obj, PcData, RoomVnum};

    /// Two rooms (3001 and 3002 to its east) in one area, a player in 3001
    /// so the area is not empty.
    fn world(seed: u64) -> (World, CharId) {
        let p = crate::world::proto::two_room_protos();
        let mut w = World::new(p, seed);
        let pc = w.chars.insert(Char {
            name: "Tess".into(),
            level: 5,
            hit: 100,
            max_hit: 100,
            gold: 1000,
            silver: 1000,
            position: pos::STANDING,
            conn: Some(crate::engine::ConnId(1)),
            pc: Some(Box::new(PcData::default())),
            ..Char::default()
        });
        w.players.push(pc);
        w.char_to_room(pc, RoomVnum(3001));
        for a in w.areas.iter_mut() {
            a.empty = false;
        }
        (w, pc)
    }

    fn mob(w: &mut World, name: &str, level: i32, spec: &str) -> CharId {
        let m = w.chars.insert(Char {
            vnum: Some(MobVnum(3000 + level)),
            name: name.into(),
            short_descr: name.into(),
            level,
            hit: 500,
            max_hit: 500,
            position: pos::STANDING,
            spec_fun: Some(spec.into()),
            ..Char::default()
        });
        w.char_to_room(m, RoomVnum(3001));
        m
    }

    fn thing(w: &mut World, name: &str, kind: i32, cost: i32) -> crate::world::ObjId {
        let o = w.objs.insert(Obj {
            name: name.into(),
            short_descr: format!("a {name}"),
            item_type: kind,
            wear_flags: wear::TAKE,
            cost,
            wear_loc: -1,
            ..Obj::default()
        });
        w.obj_to_room(o, RoomVnum(3001));
        o
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    fn fight(w: &mut World, a: CharId, b: CharId) {
        for (x, y) in [(a, b), (b, a)] {
            if let Some(c) = w.ch_mut(x) {
                c.fighting = Some(y);
                c.position = pos::FIGHTING;
            }
        }
    }

    #[test]
    fn the_fido_devours_corpses_and_the_janitor_tidies() {
        let (mut w, pc) = world(1);
        let fido = mob(&mut w, "fido", 2, "spec_fido");
        let corpse = thing(&mut w, "corpse", item::CORPSE_NPC, 0);
        let bone = thing(&mut w, "bone", item::TRASH, 0);
        w.obj_to_obj(bone, corpse);
        assert!(run(&mut w, fido));
        assert!(w.obj(corpse).is_none(), "devoured");
        assert!(w
            .room(RoomVnum(3001))
            .is_some_and(|r| r.contents.contains(&bone)));
        assert!(out(&mut w, pc).contains("savagely devours a corpse"));
        assert!(!run(&mut w, fido), "nothing left to eat");
        let janitor = mob(&mut w, "janitor", 2, "spec_janitor");
        let gem = thing(&mut w, "gem", item::TREASURE, 500);
        assert!(run(&mut w, janitor), "takes the bone (trash)");
        assert!(w.ch(janitor).is_some_and(|c| c.carrying.contains(&bone)));
        assert!(!run(&mut w, janitor), "a costly gem is not trash");
        assert!(w
            .room(RoomVnum(3001))
            .is_some_and(|r| r.contents.contains(&gem)));
        assert!(out(&mut w, pc).contains("picks up some trash"));
    }

    #[test]
    fn guards_attack_killers_and_the_evil_side_of_a_fight() {
        let (mut w, pc) = world(2);
        let guard = mob(&mut w, "guard", 20, "spec_guard");
        assert!(!run(&mut w, guard), "nobody to arrest");
        if let Some(c) = w.ch_mut(pc) {
            c.act |= plr::KILLER;
        }
        assert!(run(&mut w, guard));
        assert_eq!(w.ch(guard).and_then(|c| c.fighting), Some(pc));
        // An evil mob fighting someone else is the guard's next target.
        let (mut w, pc) = world(3);
        let guard = mob(&mut w, "guard", 20, "spec_guard");
        let orc = mob(&mut w, "orc", 3, "");
        if let Some(c) = w.ch_mut(orc) {
            c.alignment = -500;
        }
        fight(&mut w, pc, orc);
        assert!(run(&mut w, guard));
        assert!(out(&mut w, pc).contains("PROTECT THE INNOCENT!!  BANZAI!!"));
        assert_eq!(w.ch(guard).and_then(|c| c.fighting), Some(orc));
    }

    #[test]
    fn the_adept_blesses_young_players_and_casters_fight() {
        let (mut w, pc) = world(4);
        let adept = mob(&mut w, "adept", 30, "spec_cast_adept");
        let mut acted = 0;
        for _ in 0..200 {
            if run(&mut w, adept) {
                acted += 1;
            }
        }
        // 1/2 for the coin flip × 7/16 for a spell.
        assert!((20..=80).contains(&acted), "{acted}");
        assert!(out(&mut w, pc).contains("utters the word"));
        // A level-20 mage caster fighting the player casts at it.
        let (mut w, pc) = world(5);
        let mage = mob(&mut w, "mage", 20, "spec_cast_mage");
        assert!(!run(&mut w, mage), "not fighting");
        fight(&mut w, pc, mage);
        if let Some(c) = w.ch_mut(pc) {
            c.max_hit = 100_000;
            c.hit = 100_000;
        }
        let mut cast = 0;
        for _ in 0..100 {
            if fighting(&w, mage).is_none() {
                fight(&mut w, pc, mage);
            }
            if run(&mut w, mage) {
                cast += 1;
            }
        }
        // One fighter, picked 1 time in 4.
        assert!((10..=45).contains(&cast), "{cast}");
        // The tables: a level-2 caster only ever gets level-0 spells.
        assert_eq!(mage_spell(0), (0, "blindness"));
        assert_eq!(cleric_spell(15), (16, "dispel magic"));
        assert_eq!(undead_spell(7), (21, "teleport"));
    }

    #[test]
    fn dragons_breathe_on_their_foes() {
        let (mut w, pc) = world(10);
        let dragon = mob(&mut w, "dragon", 30, "spec_breath_fire");
        assert!(!run(&mut w, dragon), "only while fighting");
        fight(&mut w, pc, dragon);
        if let Some(c) = w.ch_mut(pc) {
            (c.hit, c.max_hit) = (100_000, 100_000);
        }
        let mut tries = 0;
        while !run(&mut w, dragon) {
            tries += 1;
            assert!(tries < 500, "never breathed");
        }
        assert!(w.ch(pc).is_some_and(|c| c.hit < 100_000), "burned");
        // Gas needs no victim: the whole room.
        let wyrm = mob(&mut w, "wyrm", 30, "spec_breath_gas");
        if let Some(c) = w.ch_mut(wyrm) {
            c.position = pos::FIGHTING;
            c.fighting = Some(pc);
        }
        let before = w.ch(pc).map_or(0, |c| c.hit);
        assert!(run(&mut w, wyrm));
        assert!(w.ch(pc).is_some_and(|c| c.hit < before));
    }

    #[test]
    fn the_thief_lifts_coins_and_poisoners_bite() {
        let (mut w, pc) = world(6);
        let thief = mob(&mut w, "thief", 10, "spec_thief");
        if let Some(c) = w.ch_mut(pc) {
            c.position = pos::SLEEPING;
        }
        let mut tries = 0;
        while !run(&mut w, thief) {
            tries += 1;
            assert!(tries < 2000, "never acted");
        }
        let (g, s) = w.ch(thief).map_or((0, 0), |c| (c.gold, c.silver));
        // Asleep: never caught. Up to min(20, 10/2) = 5 % of each purse.
        assert!(g + s > 0 && g <= 50 && s <= 50, "{g} {s}");
        assert_eq!(w.ch(pc).map(|c| c.gold + g), Some(1000));
        let (mut w, pc) = world(7);
        let snake = mob(&mut w, "snake", 50, "spec_poison");
        fight(&mut w, pc, snake);
        assert!(run(&mut w, snake), "2 × 50 > any percent");
        assert!(out(&mut w, pc).contains("bites you!"));
    }

    #[test]
    fn the_mayor_walks_his_path_and_keeps_his_place() {
        let (mut w, pc) = world(8);
        let mayor = mob(&mut w, "mayor", 10, "spec_mayor");
        if let Some(c) = w.ch_mut(mayor) {
            c.position = pos::SLEEPING;
        }
        w.hour = 5;
        assert!(!run(&mut w, mayor));
        assert!(!w.mayor.moving, "too early");
        w.hour = 6;
        run(&mut w, mayor);
        assert_eq!((w.mayor.path, w.mayor.pos, w.mayor.moving), (1, 1, true));
        assert_eq!(position(&w, mayor), pos::STANDING, "W: he gets up");
        run(&mut w, mayor);
        // '3' is west: no exit west of 3001, so he stays; the path goes on.
        assert_eq!(w.mayor.pos, 2);
        run(&mut w, mayor);
        assert!(out(&mut w, pc).contains("Good morning"), "a: greeting");
        // The walk ends at '.' (by then it is past six: a walk of 52
        // steps takes longer than an hour), with the mayor asleep again.
        w.hour = 7;
        for _ in 0..OPEN_PATH.len() {
            run(&mut w, mayor);
        }
        assert!(!w.mayor.moving, "{:?}", w.mayor);
        assert_eq!(position(&w, mayor), pos::SLEEPING);
        run(&mut w, mayor);
        assert!(!w.mayor.moving, "one walk a morning");
        // At eight in the evening the closing walk starts.
        w.hour = 20;
        run(&mut w, mayor);
        assert_eq!((w.mayor.path, w.mayor.pos), (2, 1));
    }

    #[test]
    fn gangs_fight_their_rivals_unless_the_watch_is_here() {
        let (mut w, pc) = world(9);
        let troll = mob(&mut w, "troll", 10, "spec_troll_member");
        let ogre = mob(&mut w, "ogre", 10, "spec_ogre_member");
        if let Some(c) = w.ch_mut(troll) {
            c.group_num = GROUP_VNUM_TROLLS;
        }
        if let Some(c) = w.ch_mut(ogre) {
            c.group_num = GROUP_VNUM_OGRES;
        }
        let cop = mob(&mut w, "patrolman", 6, "spec_patrolman");
        if let Some(c) = w.ch_mut(cop) {
            c.vnum = Some(MOB_VNUM_PATROLMAN);
        }
        assert!(!run(&mut w, troll), "not with the watch here");
        w.char_to_room(cop, RoomVnum(3002));
        assert!(run(&mut w, troll));
        assert_eq!(fighting(&w, troll), Some(ogre));
        assert!(!out(&mut w, pc).is_empty());
        // The patrolman breaks it up: the higher level of the two (a tie
        // goes to the troll's opponent, the ogre).
        w.char_to_room(cop, RoomVnum(3001));
        if let Some(c) = w.ch_mut(ogre) {
            c.fighting = Some(troll);
        }
        assert!(run(&mut w, cop));
        let target = fighting(&w, cop);
        assert!(target == Some(ogre) || target == Some(troll), "{target:?}");
    }

    /// Every name the loader accepts has a function or is pending; nothing
    /// is both, and nothing else is in either list.
    #[test]
    fn every_special_has_a_function_or_is_pending() {
        let table: BTreeSet<&str> = tables::SPEC_FUNS.iter().map(|w| w.0).collect();
        let written: BTreeSet<&str> = SPEC_FUNS.iter().map(|(n, _)| *n).collect();
        let pending: BTreeSet<&str> = PENDING.iter().copied().collect();
        assert_eq!(written.len(), SPEC_FUNS.len(), "registered twice");
        assert_eq!(pending.len(), PENDING.len(), "pending twice");
        assert!(written.is_disjoint(&pending));
        let covered: BTreeSet<&str> = written.union(&pending).copied().collect();
        assert_eq!(covered, table);
        for (name, _) in SPEC_FUNS {
            assert!(spec_fn(name).is_some());
        }
        assert!(spec_fn("spec_no_such_thing").is_none());
    }
}
