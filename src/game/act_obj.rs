//! Handling objects: get, drop, put, give, wear, remove.
//!
//! (stubs: being written)

use crate::world::{CharId, World};

pub fn do_get(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_wear(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_drop(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_give(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_put(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_remove(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

