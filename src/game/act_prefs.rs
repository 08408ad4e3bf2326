//! ROM's player preferences beside the `auto*` ones: `alias` and `unalias`
//! (and the substitution the game makes before a typed line is
//! interpreted), `brief`, `compact`, `combine`, `show`, `scroll`, `nofollow`,
//! `noloot`, `nosummon`, `autoall`, `outfit`, `visible`, `rent` and
//! `delete`.
//!
//! Aliases are `PcData::aliases` (at most [`MAX_ALIAS`], saved as `Alias`
//! lines). Only the first word of a line typed by a player is looked up,
//! once: an alias's expansion is not expanded again (ROM).
//!
//! `delete` asks the game ([`Request::Delete`]) to remove the player file
//! and the character; the game does the file work.
//!
//! Departures from ROM: `scroll` with no number also says how to turn
//! paging on, and paging starts off (see `game::pager`); `outfit` names no
//! god.

use super::act_comm;
use crate::world::handler::one_argument;
use crate::world::*;

/// ROM's MAX_ALIAS.
pub const MAX_ALIAS: usize = 5;

/// Longest line an alias may make (ROM's MAX_INPUT_LENGTH).
const MAX_INPUT: usize = 256;

/// Whose aliases `ch` uses: a switched immortal keeps their own (ROM's
/// `desc->original`).
fn alias_owner(world: &World, ch: CharId) -> CharId {
    world.ch(ch).and_then(|c| c.original).unwrap_or(ch)
}

/// The line a player typed with its first word's alias expanded (ROM's
/// substitute_alias). `alias`, `unalias` and `prefix` lines are left alone.
pub fn substitute_alias(world: &mut World, ch: CharId, line: &str) -> String {
    let owner = alias_owner(world, ch);
    let Some(pc) = world.ch(owner).and_then(|c| c.pc.as_ref()) else {
        return line.to_string();
    };
    if pc.aliases.is_empty() {
        return line.to_string();
    }
    let trimmed = line.trim_start();
    let (word, rest) = one_argument(trimmed);
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("alias") || lower.starts_with("una") || lower.starts_with("prefix") {
        return line.to_string();
    }
    let Some((_, sub)) = pc
        .aliases
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(&word))
    else {
        return line.to_string();
    };
    let mut out = sub.clone();
    let rest = rest.trim_start();
    if !rest.is_empty() {
        out.push(' ');
        out.push_str(rest);
    }
    if out.len() > MAX_INPUT {
        let mut cut = MAX_INPUT;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        world.send(ch, "Alias substitution too long. Truncated.\n");
    }
    out
}

/// `alias` lists, `alias <word>` shows one, `alias <word> <text>` sets one.
pub fn do_alias(world: &mut World, ch: CharId, arg: &str) {
    let owner = alias_owner(world, ch);
    let Some(pc) = world.ch(owner).and_then(|c| c.pc.as_ref()) else {
        return;
    };
    let (word, rest) = one_argument(arg);
    let word = word.to_ascii_lowercase();
    let sub = rest.trim().replace('~', "-");
    if word.is_empty() {
        if pc.aliases.is_empty() {
            world.send(ch, "You have no aliases defined.\n");
            return;
        }
        let mut out = String::from("Your current aliases are:\n");
        for (w, s) in &pc.aliases {
            out.push_str(&format!("    {w}:  {s}\n"));
        }
        world.send(ch, &out);
        return;
    }
    if word.starts_with("una") || word == "alias" {
        world.send(ch, "Sorry, that word is reserved.\n");
        return;
    }
    if sub.is_empty() {
        let found = pc.aliases.iter().find(|(w, _)| *w == word).cloned();
        match found {
            Some((w, s)) => world.send(ch, &format!("{w} aliases to '{s}'.\n")),
            None => world.send(ch, "That alias is not defined.\n"),
        }
        return;
    }
    let lower = sub.to_ascii_lowercase();
    if lower.starts_with("delete") || lower.starts_with("prefix") {
        world.send(ch, "That shall not be done!\n");
        return;
    }
    let Some(pc) = world.ch_mut(owner).and_then(|c| c.pc.as_mut()) else {
        return;
    };
    if let Some(entry) = pc.aliases.iter_mut().find(|(w, _)| *w == word) {
        entry.1 = sub.clone();
        world.send(ch, &format!("{word} is now realiased to '{sub}'.\n"));
        return;
    }
    if pc.aliases.len() >= MAX_ALIAS {
        world.send(ch, "Sorry, you have reached the alias limit.\n");
        return;
    }
    pc.aliases.push((word.clone(), sub.clone()));
    world.send(ch, &format!("{word} is now aliased to '{sub}'.\n"));
}

/// `unalias <word>`.
pub fn do_unalias(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    let word = word.to_ascii_lowercase();
    let owner = alias_owner(world, ch);
    let Some(pc) = world.ch_mut(owner).and_then(|c| c.pc.as_mut()) else {
        return;
    };
    if word.is_empty() {
        world.send(ch, "Unalias what?\n");
        return;
    }
    let before = pc.aliases.len();
    pc.aliases.retain(|(w, _)| *w != word);
    if pc.aliases.len() < before {
        world.send(ch, "Alias removed.\n");
    } else {
        world.send(ch, "No alias of that name to remove.\n");
    }
}

/// Flip a COMM bit on a player and say which way it went.
fn toggle_comm(world: &mut World, ch: CharId, bit: Flags, now_on: &str, now_off: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    c.comm ^= bit;
    let on = c.comm & bit != 0;
    world.send(ch, if on { now_on } else { now_off });
}

/// `brief`: no room descriptions when walking.
pub fn do_brief(world: &mut World, ch: CharId, _arg: &str) {
    toggle_comm(
        world,
        ch,
        comm::BRIEF,
        "Short descriptions activated.\n",
        "Full descriptions activated.\n",
    );
}

/// `compact`: no blank line before the prompt.
pub fn do_compact(world: &mut World, ch: CharId, _arg: &str) {
    toggle_comm(
        world,
        ch,
        comm::COMPACT,
        "Compact mode set.\n",
        "Compact mode removed.\n",
    );
}

/// `combine`: list identical objects once, with a count.
pub fn do_combine(world: &mut World, ch: CharId, _arg: &str) {
    toggle_comm(
        world,
        ch,
        comm::COMBINE,
        "Combined inventory selected.\n",
        "Long inventory selected.\n",
    );
}

/// `show`: whether `score` lists your affects too.
pub fn do_show(world: &mut World, ch: CharId, _arg: &str) {
    toggle_comm(
        world,
        ch,
        comm::SHOW_AFFECTS,
        "Affects will now be shown in score.\n",
        "Affects will no longer be shown in score.\n",
    );
}

/// `nofollow`: refuse followers (and lose the ones you have).
pub fn do_nofollow(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    if c.is_affected(aff::CHARM) {
        world.send(ch, "You don't want to leave your beloved master.\n");
        return;
    }
    c.act ^= plr::NOFOLLOW;
    if c.act & plr::NOFOLLOW != 0 {
        world.send(ch, "You no longer accept followers.\n");
        act_comm::die_follower(world, ch);
    } else {
        world.send(ch, "You now accept followers.\n");
    }
}

/// `noloot`: whether others may loot your corpse (ROM's CANLOOT).
pub fn do_noloot(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    c.act ^= plr::CANLOOT;
    if c.act & plr::CANLOOT != 0 {
        world.send(ch, "Your corpse may now be looted.\n");
    } else {
        world.send(ch, "Your corpse is now safe from thieves.\n");
    }
}

/// `nosummon`: whether summoning may reach you.
pub fn do_nosummon(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    c.act ^= plr::NOSUMMON;
    if c.act & plr::NOSUMMON != 0 {
        world.send(ch, "You are now immune to summoning.\n");
    } else {
        world.send(ch, "You are no longer immune to summon.\n");
    }
}

/// `scroll [lines]`: page long answers (`scroll 0` turns paging off).
pub fn do_scroll(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) else {
        return;
    };
    if word.is_empty() {
        let text = if pc.lines <= 0 {
            "You do not page long messages. (SCROLL <lines> turns paging on.)\n".to_string()
        } else {
            format!("You currently display {} lines per page.\n", pc.lines + 2)
        };
        world.send(ch, &text);
        return;
    }
    let Ok(lines) = word.parse::<i32>() else {
        world.send(ch, "You must provide a number.\n");
        return;
    };
    if lines == 0 {
        pc.lines = 0;
        world.send(ch, "Paging disabled.\n");
        return;
    }
    if !(10..=100).contains(&lines) {
        world.send(ch, "You must provide a reasonable number.\n");
        return;
    }
    pc.lines = lines - 2;
    world.send(ch, &format!("Scroll set to {lines} lines.\n"));
}

/// `autoall on|off`: every auto setting at once (QuickMUD).
pub fn do_autoall(world: &mut World, ch: CharId, arg: &str) {
    const ALL: Flags = plr::AUTOASSIST
        | plr::AUTOEXIT
        | plr::AUTOGOLD
        | plr::AUTOLOOT
        | plr::AUTOSAC
        | plr::AUTOSPLIT;
    let (word, _) = one_argument(arg);
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    match word.to_ascii_lowercase().as_str() {
        "on" => {
            c.act |= ALL;
            world.send(ch, "All autos turned on.\n");
        }
        "off" => {
            c.act &= !ALL;
            world.send(ch, "All autos turned off.\n");
        }
        _ => world.send(ch, "Usage: autoall [on|off]\n"),
    }
}

/// `outfit`: the school kit again, for what is missing, while level 5 or
/// below (rom-mechanics 2.6).
pub fn do_outfit(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() || c.level > 5 {
        world.send(ch, "Find it yourself!\n");
        return;
    }
    super::nanny::outfit(world, ch);
    world.send(
        ch,
        "The school's quartermaster sees that you are equipped.\n",
    );
}

/// `visible`: drop invisibility, sneaking and hiding.
pub fn do_visible(world: &mut World, ch: CharId, _arg: &str) {
    for sn in [
        rules::gsn::INVISIBILITY,
        rules::gsn::MASS_INVIS,
        rules::gsn::SNEAK,
    ] {
        world.affect_strip(ch, sn);
    }
    if let Some(c) = world.ch_mut(ch) {
        c.affected_by &= !(aff::HIDE | aff::INVISIBLE | aff::SNEAK);
    }
    world.send(ch, "Ok.\n");
}

/// `rent`: there is none.
pub fn do_rent(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "There is no rent here.  Just save and quit.\n");
}

/// `delet`: deleting has to be spelled out.
pub fn do_delet(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "You must type the full command to delete yourself.\n");
}

/// `delete`: typed once it asks, typed again it deletes; with an argument
/// it takes the first one back.
pub fn do_delete(world: &mut World, ch: CharId, arg: &str) {
    let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) else {
        return;
    };
    if pc.confirm_delete {
        if !arg.trim().is_empty() {
            pc.confirm_delete = false;
            world.send(ch, "Delete status removed.\n");
            return;
        }
        if !world.requests.contains(&Request::Delete(ch)) {
            super::wiznet::wiznet(
                world,
                "$N has deleted their character.",
                Some(ch),
                None,
                0,
                0,
                0,
            );
            world.requests.push(Request::Delete(ch));
        }
        return;
    }
    if !arg.trim().is_empty() {
        world.send(ch, "Just type delete. No argument.\n");
        return;
    }
    pc.confirm_delete = true;
    world.send(
        ch,
        "Type delete again to confirm this command.\n\
         WARNING: this command is irreversible.\n\
         Typing delete with an argument will undo delete status.\n",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> (World, CharId) {
        let mut w = World::new(Default::default(), 1);
        let ch = w.chars.insert(Char {
            name: "Ann".into(),
            conn: Some(crate::engine::ConnId(1)),
            pc: Some(Box::default()),
            ..Default::default()
        });
        (w, ch)
    }

    fn sent(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn aliases_expand_the_first_word_once_and_stop_at_five() {
        let (mut w, ch) = world();
        do_alias(&mut w, ch, "gg get all corpse");
        assert!(sent(&mut w, ch).contains("gg is now aliased to 'get all corpse'."));
        assert_eq!(substitute_alias(&mut w, ch, "gg"), "get all corpse");
        assert_eq!(
            substitute_alias(&mut w, ch, "gg  now"),
            "get all corpse now"
        );
        assert_eq!(substitute_alias(&mut w, ch, "look gg"), "look gg");
        // A mobile switched into by Ann uses Ann's aliases.
        let mob = w.chars.insert(Char {
            name: "mob".into(),
            original: Some(ch),
            ..Default::default()
        });
        assert_eq!(substitute_alias(&mut w, mob, "gg"), "get all corpse");
        do_alias(&mut w, ch, "x gg");
        assert_eq!(
            substitute_alias(&mut w, ch, "x"),
            "gg",
            "not expanded twice"
        );
        assert_eq!(substitute_alias(&mut w, ch, "alias gg"), "alias gg");
        do_alias(&mut w, ch, "gg get all");
        assert!(sent(&mut w, ch).contains("realiased"));
        for a in ["a1", "a2", "a3"] {
            do_alias(&mut w, ch, &format!("{a} look"));
        }
        let _ = sent(&mut w, ch);
        do_alias(&mut w, ch, "a4 look");
        assert_eq!(
            sent(&mut w, ch),
            "Sorry, you have reached the alias limit.\n"
        );
        do_alias(&mut w, ch, "zz delete");
        assert_eq!(sent(&mut w, ch), "That shall not be done!\n");
        do_alias(&mut w, ch, "unalias x");
        assert_eq!(sent(&mut w, ch), "Sorry, that word is reserved.\n");
        do_unalias(&mut w, ch, "a1");
        assert_eq!(sent(&mut w, ch), "Alias removed.\n");
        do_unalias(&mut w, ch, "a1");
        assert_eq!(sent(&mut w, ch), "No alias of that name to remove.\n");
        assert_eq!(
            w.ch(ch)
                .and_then(|c| c.pc.as_ref())
                .map(|p| p.aliases.len()),
            Some(4)
        );
    }

    #[test]
    fn scroll_and_delete_ask_as_rom_does() {
        let (mut w, ch) = world();
        do_scroll(&mut w, ch, "5");
        assert_eq!(sent(&mut w, ch), "You must provide a reasonable number.\n");
        do_scroll(&mut w, ch, "20");
        assert_eq!(
            w.ch(ch).and_then(|c| c.pc.as_ref()).map(|p| p.lines),
            Some(18)
        );
        do_scroll(&mut w, ch, "");
        assert!(sent(&mut w, ch).contains("display 20 lines per page"));
        do_delete(&mut w, ch, "");
        assert!(sent(&mut w, ch).contains("Type delete again"));
        assert!(w.requests.is_empty());
        do_delete(&mut w, ch, "no");
        assert!(sent(&mut w, ch).contains("Delete status removed."));
        do_delete(&mut w, ch, "");
        do_delete(&mut w, ch, "");
        assert_eq!(w.requests, vec![Request::Delete(ch)]);
    }

    #[test]
    fn autoall_visible_and_rent() {
        let (mut w, ch) = world();
        do_autoall(&mut w, ch, "on");
        assert_eq!(sent(&mut w, ch), "All autos turned on.\n");
        let all = plr::AUTOASSIST
            | plr::AUTOEXIT
            | plr::AUTOGOLD
            | plr::AUTOLOOT
            | plr::AUTOSAC
            | plr::AUTOSPLIT;
        assert_eq!(w.ch(ch).map(|c| c.act & all), Some(all));
        do_autoall(&mut w, ch, "off");
        assert_eq!(w.ch(ch).map(|c| c.act & all), Some(0));
        do_autoall(&mut w, ch, "maybe");
        assert!(sent(&mut w, ch).ends_with("Usage: autoall [on|off]\n"));
        if let Some(c) = w.ch_mut(ch) {
            c.affected_by |= aff::HIDE | aff::SNEAK | aff::INVISIBLE;
        }
        do_visible(&mut w, ch, "");
        assert_eq!(sent(&mut w, ch), "Ok.\n");
        assert_eq!(
            w.ch(ch)
                .map(|c| c.affected_by & (aff::HIDE | aff::SNEAK | aff::INVISIBLE)),
            Some(0)
        );
        do_rent(&mut w, ch, "");
        assert!(sent(&mut w, ch).contains("Just save and quit."));
        if let Some(c) = w.ch_mut(ch) {
            c.level = 6;
        }
        do_outfit(&mut w, ch, "");
        assert_eq!(sent(&mut w, ch), "Find it yourself!\n");
    }

    #[test]
    fn toggles_flip_their_bits() {
        let (mut w, ch) = world();
        do_brief(&mut w, ch, "");
        do_compact(&mut w, ch, "");
        do_nosummon(&mut w, ch, "");
        do_noloot(&mut w, ch, "");
        let c = w.ch(ch).expect("ch");
        assert_ne!(c.comm & comm::BRIEF, 0);
        assert_ne!(c.comm & comm::COMPACT, 0);
        assert_ne!(c.act & plr::NOSUMMON, 0);
        assert_ne!(c.act & plr::CANLOOT, 0);
        do_combine(&mut w, ch, "");
        assert!(sent(&mut w, ch).ends_with("Combined inventory selected.\n"));
        do_show(&mut w, ch, "");
        assert_eq!(sent(&mut w, ch), "Affects will now be shown in score.\n");
        assert_ne!(w.ch(ch).map_or(0, |c| c.comm & comm::SHOW_AFFECTS), 0);
    }
}
