//! The heavy damage spells (call and chain lightning, demonfire, dispel
//! evil/good, earthquake, energy drain, heat metal, holy word, ray of
//! truth), plague, the NPC breath weapons and the mob-only spells.

use super::magic::SpellFn;

/// The spells of this module that have a function, by skill name.
pub static SPELLS: &[(&str, SpellFn)] = &[];

/// The spells of this module not written yet (`magic`'s test keeps the
/// lists and the skill table in step).
pub static PENDING: &[&str] = &[
    "call lightning",
    "chain lightning",
    "demonfire",
    "dispel evil",
    "dispel good",
    "earthquake",
    "energy drain",
    "heat metal",
    "holy word",
    "ray of truth",
    "plague",
    "acid breath",
    "fire breath",
    "frost breath",
    "gas breath",
    "lightning breath",
    "general purpose",
    "high explosive",
];
