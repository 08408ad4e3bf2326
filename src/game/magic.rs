//! "magic.c": the spell registry — which function casts which spell.
//!
//! Every row of the skill table whose kind is `Spell` is cast by one
//! function registered in [`SPELLS`] under the skill's name. A spell
//! function gets the world, its skill number, the level it is cast at, the
//! caster and its target, and acts only through the world's handlers
//! (`affect_to_char`, damage, ...). `cast`, spell-casting mobiles, potions,
//! scrolls, wands and staves all go through [`spell_fn`].
//!
//! The spells themselves arrive with the magic issue; until then
//! [`PENDING`] lists the ones without a function, and a test keeps the two
//! lists and the table in step (a spell moves from `PENDING` to `SPELLS`
//! when it is written).

use crate::world::rules::{self, SkillKind, Sn};
use crate::world::{CharId, ObjId, World};

/// What a spell is cast at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpellTarget {
    /// No target (area spells, `ignore` targets).
    None,
    Char(CharId),
    Obj(ObjId),
}

/// A spell: `(world, sn, level, caster, target)`.
pub type SpellFn = fn(&mut World, Sn, i32, CharId, SpellTarget);

/// The spells that have a function, by skill name.
pub static SPELLS: &[(&str, SpellFn)] = &[];

/// Spells of the skill table not written yet (see the module docs).
pub static PENDING: &[&str] = &[
    "acid blast",
    "armor",
    "bless",
    "blindness",
    "burning hands",
    "call lightning",
    "calm",
    "cancellation",
    "cause critical",
    "cause light",
    "cause serious",
    "chain lightning",
    "change sex",
    "charm person",
    "chill touch",
    "colour spray",
    "continual light",
    "control weather",
    "create food",
    "create rose",
    "create spring",
    "create water",
    "cure blindness",
    "cure critical",
    "cure disease",
    "cure light",
    "cure poison",
    "cure serious",
    "curse",
    "demonfire",
    "detect evil",
    "detect good",
    "detect hidden",
    "detect invis",
    "detect magic",
    "detect poison",
    "dispel evil",
    "dispel good",
    "dispel magic",
    "earthquake",
    "enchant armor",
    "enchant weapon",
    "energy drain",
    "faerie fire",
    "faerie fog",
    "farsight",
    "fireball",
    "fireproof",
    "flamestrike",
    "fly",
    "floating disc",
    "frenzy",
    "gate",
    "giant strength",
    "harm",
    "haste",
    "heal",
    "heat metal",
    "holy word",
    "identify",
    "infravision",
    "invisibility",
    "know alignment",
    "lightning bolt",
    "locate object",
    "magic missile",
    "mass healing",
    "mass invis",
    "nexus",
    "pass door",
    "plague",
    "poison",
    "portal",
    "protection evil",
    "protection good",
    "ray of truth",
    "recharge",
    "refresh",
    "remove curse",
    "sanctuary",
    "shield",
    "shocking grasp",
    "sleep",
    "slow",
    "stone skin",
    "summon",
    "teleport",
    "ventriloquate",
    "weaken",
    "word of recall",
    "acid breath",
    "fire breath",
    "frost breath",
    "gas breath",
    "lightning breath",
    "general purpose",
    "high explosive",
];

/// The function that casts spell `sn`, if it has one.
pub fn spell_fn(sn: Sn) -> Option<SpellFn> {
    let name = rules::skill_name(sn)?;
    SPELLS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The names of the table's spells.
pub fn table_spells() -> impl Iterator<Item = &'static str> {
    rules::SKILLS
        .iter()
        .filter(|s| s.kind == SkillKind::Spell)
        .map(|s| s.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every spell of the table has a function or is listed as pending;
    /// nothing is both, and nothing else is in either list.
    #[test]
    fn every_spell_has_a_function_or_is_pending() {
        let table: BTreeSet<&str> = table_spells().collect();
        let written: BTreeSet<&str> = SPELLS.iter().map(|(n, _)| *n).collect();
        let pending: BTreeSet<&str> = PENDING.iter().copied().collect();
        assert_eq!(written.len(), SPELLS.len(), "a spell registered twice");
        assert_eq!(pending.len(), PENDING.len(), "a spell pending twice");
        assert!(
            written.is_disjoint(&pending),
            "{:?}",
            written.intersection(&pending)
        );
        let covered: BTreeSet<&str> = written.union(&pending).copied().collect();
        assert_eq!(covered, table, "registry and table differ");
        for (name, _) in SPELLS {
            assert!(spell_fn(rules::skill_exact(name).unwrap_or(Sn::NONE)).is_some());
        }
    }

    #[test]
    fn skills_are_not_spells() {
        assert!(spell_fn(rules::gsn::BASH).is_none());
        assert!(!table_spells().any(|n| n == "bash"));
    }
}
