//! The game: the login dialogue, the command interpreter, and the game's
//! side of the network seam (`net::engine::Engine`).

pub mod act_comm;
pub mod act_info;
pub mod act_move;
pub mod act_obj;
pub mod act_wiz;
pub mod interp;
