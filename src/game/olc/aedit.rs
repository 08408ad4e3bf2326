//! `aedit`: (being written).

use super::EdCmd;
#[allow(unused_imports)]
use crate::world::{AreaId, CharId, MobVnum, ObjVnum, RoomVnum, World};

pub static TABLE: &[EdCmd<AreaId>] = &[];

pub fn show(world: &mut World, ch: CharId, _target: AreaId, _arg: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_aedit(world: &mut World, ch: CharId, _argument: &str) {
    world.send(ch, "Not yet.\n");
}

pub fn do_alist(world: &mut World, ch: CharId, _argument: &str) {
    world.send(ch, "Not yet.\n");
}
