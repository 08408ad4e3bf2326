//! `mpedit`: (being written).

use super::EdCmd;
#[allow(unused_imports)]
use crate::world::{AreaId, CharId, MobVnum, ObjVnum, RoomVnum, World};

pub static TABLE: &[EdCmd<i32>] = &[];

pub fn show(world: &mut World, ch: CharId, _target: i32, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_mpedit(world: &mut World, ch: CharId, _argument: &str) {
    world.send(ch, "Not yet.\n");
}
