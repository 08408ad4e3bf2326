//! What happens right after a kill: the killer's auto flags (autoloot,
//! autogold, autosac, autosplit; rom-mechanics 5.12).
//!
//! `fight::damage` calls [`after_kill`] once the victim is dead and its
//! corpse made. The auto flags land here (their own issue); until then the
//! hook does nothing.

use crate::world::{CharId, ObjId, World};

/// After `killer` killed someone: the auto flags land here (autoloot,
/// autogold, autosac, rom-mechanics 5.12). `corpse` is the corpse the death
/// left, if any.
pub fn after_kill(world: &mut World, killer: CharId, victim_was_npc: bool, corpse: Option<ObjId>) {
    let _ = (world, killer, victim_was_npc, corpse);
}
