//! `asave`: (being written).
use crate::world::{CharId, Request, World};

pub fn do_asave(world: &mut World, ch: CharId, argument: &str) {
    world.requests.push(Request::Asave {
        ch,
        arg: argument.to_string(),
    });
}

impl crate::game::Game {
    pub(crate) fn asave_command(&mut self, ch: CharId, _arg: &str) {
        self.world.send(ch, "Not yet.\n");
    }
}
