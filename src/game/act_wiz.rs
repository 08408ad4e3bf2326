//! Immortal commands.
//!
//! (stubs: being written)

use crate::world::{CharId, World};

pub fn do_at(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_goto(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_advance(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_copyover(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_shutdown(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_wizlock(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_load(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_purge(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_restore(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_stat(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_transfer(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

