//! "fight.c": combat rounds, damage, death and experience.
//!
//! [`violence_update`] runs every `PULSE_VIOLENCE` (3 seconds, from
//! `update::pulse`): each character fighting someone in the same room gets
//! its round of attacks (rom-mechanics 5.1). The rounds themselves, damage,
//! death, experience, flee and consider arrive with the combat issue; the
//! pulse, the `fighting` links (carried over a copyover in the world
//! snapshot) and `stop_fighting` (`world::handler`) are in place.

use crate::world::World;

/// One combat round for everyone who is fighting (rom-mechanics 5.1).
/// Empty until combat arrives: fights started by other code simply hold.
pub fn violence_update(world: &mut World) {
    let _ = world;
}
