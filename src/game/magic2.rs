//! "magic2.c" and the rest of magic.c: spells that move characters
//! (gate, summon, portal, nexus, teleport), create or change objects
//! (create food/spring/water/rose, continual light, floating disc,
//! enchant, recharge, identify, locate object) and the crowd spells
//! (calm, charm person, faerie fog, mass invis, ventriloquate).

use super::magic::SpellFn;

/// The spells of this module that have a function, by skill name.
pub static SPELLS: &[(&str, SpellFn)] = &[];

/// The spells of this module not written yet (`magic`'s test keeps the
/// lists and the skill table in step).
pub static PENDING: &[&str] = &[
    "calm",
    "charm person",
    "continual light",
    "control weather",
    "create food",
    "create rose",
    "create spring",
    "create water",
    "cure disease",
    "enchant armor",
    "enchant weapon",
    "faerie fog",
    "farsight",
    "floating disc",
    "gate",
    "identify",
    "locate object",
    "mass invis",
    "nexus",
    "portal",
    "recharge",
    "remove curse",
    "summon",
    "teleport",
    "ventriloquate",
];
