//! Talking, socials, following and grouping, saving and quitting.
//!
//! (stubs: being written)

use crate::world::{CharId, World};

pub fn do_group(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_tell(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_emote(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_gossip(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_reply(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_say(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_shout(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_follow(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_save(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_quit(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_socials(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

/// Run a social if `word` names one; false if it does not.
pub fn check_social(_world: &mut World, _ch: CharId, _word: &str, _arg: &str) -> bool {
    false
}
