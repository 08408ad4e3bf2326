//! `resets`: (being written).
use crate::world::{CharId, World};

pub fn do_resets(world: &mut World, ch: CharId, _argument: &str) {
    world.send(ch, "Not yet.\n");
}
