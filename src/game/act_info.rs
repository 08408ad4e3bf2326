//! Looking at the world and at yourself: look, score, who, help, settings.
//!
//! (stubs: being written)

use crate::world::{CharId, World};

pub fn do_exits(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_inventory(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_look(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_affects(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_commands(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_equipment(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_examine(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_help(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_score(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_scan(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_who(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_where(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_description(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_password(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_prompt(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_title(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

