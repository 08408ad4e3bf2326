//! Movement, doors, positions and recall.
//!
//! (stubs: being written)

use crate::world::{CharId, World};

pub fn do_north(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_east(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_south(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_west(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_up(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_down(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_rest(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_sit(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_stand(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_unlock(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_close(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_lock(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_open(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_recall(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_sleep(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_wake(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

