//! "special.c": the special-procedure registry.
//!
//! A mobile whose area file gives it a special function (`#SPECIALS`,
//! `M <vnum> spec_fido`) has the function registered here under that name
//! run for it every mobile pulse (`mobile_update`, rom-mechanics 10.2 and
//! 11); a procedure that acted returns true and the mobile does nothing else
//! that pulse. A procedure acts only through the world's handlers.
//!
//! The procedures arrive with the living-world issue; until then
//! [`PENDING`] lists the ROM names without a function, and a test keeps the
//! registry, the pending list and the name table (`db::tables::SPEC_FUNS`,
//! which the area loader checks names against) in step.

use crate::db::tables;
use crate::world::{CharId, World};

/// A special procedure: acts for the mobile; true if it did something.
pub type SpecFn = fn(&mut World, CharId) -> bool;

/// The procedures that have a function, by ROM name.
pub static SPEC_FUNS: &[(&str, SpecFn)] = &[];

/// ROM's procedures not written yet (see the module docs).
pub static PENDING: &[&str] = &[
    "spec_breath_any",
    "spec_breath_acid",
    "spec_breath_fire",
    "spec_breath_frost",
    "spec_breath_gas",
    "spec_breath_lightning",
    "spec_cast_adept",
    "spec_cast_cleric",
    "spec_cast_judge",
    "spec_cast_mage",
    "spec_cast_undead",
    "spec_executioner",
    "spec_fido",
    "spec_guard",
    "spec_janitor",
    "spec_mayor",
    "spec_poison",
    "spec_thief",
    "spec_nasty",
    "spec_troll_member",
    "spec_ogre_member",
    "spec_patrolman",
];

/// The function named `name` (a `spec_*` name as areas write it).
pub fn spec_fn(name: &str) -> Option<SpecFn> {
    let canonical = tables::spec_lookup(name)?;
    SPEC_FUNS
        .iter()
        .find(|(n, _)| *n == canonical)
        .map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
