//! "interp.c": the command table and the interpreter.
//!
//! A player's line becomes `command argument`; the command word is matched
//! against [`COMMANDS`] by prefix in table order (so `n` is north and `l` is
//! look, as ROM players expect), then against socials, else `Huh?`. The
//! table carries each command's minimum position and level. Commands get
//! `&mut World` and the actor's id, and only queue text and requests.

use super::{act_comm, act_config, act_info, act_move, act_obj, act_wiz};
use crate::world::handler::one_argument;
use crate::world::{pos, CharId, World};

/// A command handler: acts on the world for `ch` with the rest of the line.
pub type CmdFn = fn(&mut World, CharId, &str);

/// Whether a command's use is logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Log {
    Normal,
    Always,
    Never,
}

/// One row of the command table.
pub struct Cmd {
    pub name: &'static str,
    pub func: CmdFn,
    pub min_pos: i32,
    pub level: i32,
    pub log: Log,
}

/// The command table, in ROM's order of precedence for abbreviations.
pub static COMMANDS: &[Cmd] = &[
    Cmd {
        name: "north",
        func: act_move::do_north,
        min_pos: pos::STANDING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "east",
        func: act_move::do_east,
        min_pos: pos::STANDING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "south",
        func: act_move::do_south,
        min_pos: pos::STANDING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "west",
        func: act_move::do_west,
        min_pos: pos::STANDING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "up",
        func: act_move::do_up,
        min_pos: pos::STANDING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "down",
        func: act_move::do_down,
        min_pos: pos::STANDING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "at",
        func: act_wiz::do_at,
        min_pos: pos::DEAD,
        level: 52,
        log: Log::Normal,
    },
    Cmd {
        name: "exits",
        func: act_info::do_exits,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "get",
        func: act_obj::do_get,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "goto",
        func: act_wiz::do_goto,
        min_pos: pos::DEAD,
        level: 52,
        log: Log::Normal,
    },
    Cmd {
        name: "group",
        func: act_comm::do_group,
        min_pos: pos::SLEEPING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "hold",
        func: act_obj::do_wear,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "inventory",
        func: act_info::do_inventory,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "look",
        func: act_info::do_look,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "rest",
        func: act_move::do_rest,
        min_pos: pos::SLEEPING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "sit",
        func: act_move::do_sit,
        min_pos: pos::SLEEPING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "stand",
        func: act_move::do_stand,
        min_pos: pos::SLEEPING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "tell",
        func: act_comm::do_tell,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "unlock",
        func: act_move::do_unlock,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "wield",
        func: act_obj::do_wear,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "affects",
        func: act_info::do_affects,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "commands",
        func: act_info::do_commands,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "equipment",
        func: act_info::do_equipment,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "examine",
        func: act_info::do_examine,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "help",
        func: act_info::do_help,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "score",
        func: act_info::do_score,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "scan",
        func: act_info::do_scan,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "who",
        func: act_info::do_who,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "where",
        func: act_info::do_where,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "description",
        func: act_info::do_description,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "password",
        func: act_info::do_password,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Always,
    },
    Cmd {
        name: "prompt",
        func: act_info::do_prompt,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "title",
        func: act_info::do_title,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "emote",
        func: act_comm::do_emote,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "gossip",
        func: act_comm::do_gossip,
        min_pos: pos::SLEEPING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "reply",
        func: act_comm::do_reply,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "say",
        func: act_comm::do_say,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "'",
        func: act_comm::do_say,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "shout",
        func: act_comm::do_shout,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "close",
        func: act_move::do_close,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "drop",
        func: act_obj::do_drop,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "give",
        func: act_obj::do_give,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "lock",
        func: act_move::do_lock,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "open",
        func: act_move::do_open,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "put",
        func: act_obj::do_put,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "remove",
        func: act_obj::do_remove,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "wear",
        func: act_obj::do_wear,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "recall",
        func: act_move::do_recall,
        min_pos: pos::FIGHTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "/",
        func: act_move::do_recall,
        min_pos: pos::FIGHTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "sleep",
        func: act_move::do_sleep,
        min_pos: pos::SLEEPING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "wake",
        func: act_move::do_wake,
        min_pos: pos::SLEEPING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "follow",
        func: act_comm::do_follow,
        min_pos: pos::RESTING,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "save",
        func: act_comm::do_save,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "quit",
        func: act_comm::do_quit,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "socials",
        func: act_comm::do_socials,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "advance",
        func: act_wiz::do_advance,
        min_pos: pos::DEAD,
        level: 60,
        log: Log::Normal,
    },
    Cmd {
        name: "copyover",
        func: act_wiz::do_copyover,
        min_pos: pos::DEAD,
        level: 60,
        log: Log::Normal,
    },
    Cmd {
        name: "shutdown",
        func: act_wiz::do_shutdown,
        min_pos: pos::DEAD,
        level: 60,
        log: Log::Normal,
    },
    Cmd {
        name: "wizlock",
        func: act_wiz::do_wizlock,
        min_pos: pos::DEAD,
        level: 59,
        log: Log::Normal,
    },
    Cmd {
        name: "load",
        func: act_wiz::do_load,
        min_pos: pos::DEAD,
        level: 56,
        log: Log::Normal,
    },
    Cmd {
        name: "purge",
        func: act_wiz::do_purge,
        min_pos: pos::DEAD,
        level: 56,
        log: Log::Normal,
    },
    Cmd {
        name: "restore",
        func: act_wiz::do_restore,
        min_pos: pos::DEAD,
        level: 55,
        log: Log::Normal,
    },
    Cmd {
        name: "stat",
        func: act_wiz::do_stat,
        min_pos: pos::DEAD,
        level: 53,
        log: Log::Normal,
    },
    Cmd {
        name: "transfer",
        func: act_wiz::do_transfer,
        min_pos: pos::DEAD,
        level: 54,
        log: Log::Normal,
    }, // Client settings (act_config).
    Cmd {
        name: "colour",
        func: act_config::do_colour,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "color",
        func: act_config::do_colour,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "compress",
        func: act_config::do_compress,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "wrap",
        func: act_config::do_wrap,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "telnetga",
        func: act_config::do_telnetga,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
    Cmd {
        name: "client",
        func: act_config::do_client,
        min_pos: pos::DEAD,
        level: 0,
        log: Log::Normal,
    },
];

/// Find the command a typed word names, for a character of `trust`.
pub fn find_command(word: &str, trust: i32) -> Option<&'static Cmd> {
    if word.is_empty() {
        return None;
    }
    COMMANDS
        .iter()
        .find(|c| c.level <= trust && c.name.starts_with(word))
}

/// Does this line (or the beginning of one) run a command whose arguments
/// are secret (`password`)? Such lines are never logged in full nor written
/// into a copyover's state file.
pub fn is_secret(line: &str, trust: i32) -> bool {
    let (word, _) = one_argument(line.trim_start());
    find_command(&word, trust).is_some_and(|c| c.log == Log::Never || c.name == "password")
}

/// Interpret one line typed by a playing character.
pub fn interpret(world: &mut World, ch: CharId, line: &str) {
    let line = line.trim_start();
    if line.is_empty() {
        return;
    }
    // Punctuation commands take no space: `'hello`, `/`.
    let (word, rest) = match line.chars().next() {
        Some(c @ ('\'' | '/')) => (c.to_string(), line[c.len_utf8()..].trim_start()),
        _ => one_argument(line),
    };
    let Some(c) = world.ch(ch) else { return };
    let trust = c.get_trust();
    let position = c.position;
    let Some(cmd) = find_command(&word, trust) else {
        if !act_comm::check_social(world, ch, &word, rest) {
            world.send(ch, "Huh?\n");
        }
        return;
    };
    if cmd.log == Log::Always || (cmd.log == Log::Normal && trust >= crate::world::LEVEL_IMMORTAL) {
        let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
        let shown = if cmd.name == "password" {
            "password ********"
        } else {
            line
        };
        world.log(format!("Log {name}: {shown}"));
    }
    if position < cmd.min_pos {
        let msg = match position {
            pos::DEAD => "Lie still; you are DEAD.\n",
            pos::MORTAL | pos::INCAP => "You are hurt far too bad for that.\n",
            pos::STUNNED => "You are too stunned to do that.\n",
            pos::SLEEPING => "In your dreams, or what?\n",
            pos::RESTING => "Nah... You feel too relaxed...\n",
            pos::SITTING => "Better stand up first.\n",
            pos::FIGHTING => "No way!  You are still fighting!\n",
            _ => "You can't do that right now.\n",
        };
        world.send(ch, msg);
        return;
    }
    (cmd.func)(world, ch, rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_follow_table_order() {
        assert_eq!(find_command("n", 1).map(|c| c.name), Some("north"));
        assert_eq!(find_command("l", 1).map(|c| c.name), Some("look"));
        assert_eq!(find_command("g", 1).map(|c| c.name), Some("get"));
        assert_eq!(find_command("i", 1).map(|c| c.name), Some("inventory"));
        assert_eq!(find_command("sh", 60).map(|c| c.name), Some("shout"));
        assert!(find_command("goto", 1).is_none());
        assert_eq!(find_command("goto", 60).map(|c| c.name), Some("goto"));
    }
}
