//! The rest of ROM's talking (rom-mechanics 14): the public channels beside
//! gossip (auction, music, question/answer, quote, grats, clan), `yell`,
//! `pmote` and `pose`, the channel list and the COMM toggles `deaf`,
//! `quiet` and `afk`, `replay` of the tells kept while away, and the
//! immortals' punishments `noemote`, `noshout`, `notell` and `nochannels`.
//!
//! Every channel line goes through [`World::act_channel`], so clients that
//! speak GMCP get `Comm.Channel.Text` for each.
//!
//! Departures from ROM:
//! * `auction` with no text only toggles the channel (ROM also broadcasts an
//!   empty auction, a slip nobody relies on).
//! * `pose` uses this game's own short pose lines, one set for every class.
//! * The tells kept for `replay` are saved with the character (`Rply`), so
//!   they outlast a copyover and a quit (ROM's buffer lives only as long as
//!   the connection).

use super::act_comm::channel_listeners;
use crate::world::act::{ActArgs, To};
use crate::world::*;

/// Most text `replay` keeps (older tells are dropped past it).
const REPLAY_LIMIT: usize = 16 * 1024;

/// One public channel (14.1).
pub(crate) struct Channel {
    /// The name GMCP reports.
    pub(crate) gmcp: &'static str,
    /// The flag that turns it off for a listener.
    pub(crate) off: Flags,
    /// What toggling says: (now on, now off).
    pub(crate) toggled: (&'static str, &'static str),
    /// The speaker's line and everyone else's.
    pub(crate) mine: &'static str,
    pub(crate) theirs: &'static str,
    /// Listeners' lowest position.
    pub(crate) min_pos: Position,
}

const AUCTION: Channel = Channel {
    gmcp: "auction",
    off: comm::NOAUCTION,
    toggled: (
        "Auction channel is now ON.\n",
        "Auction channel is now OFF.\n",
    ),
    mine: "You auction '$t'",
    theirs: "$n auctions '$t'",
    min_pos: pos::DEAD,
};
const MUSIC: Channel = Channel {
    gmcp: "music",
    off: comm::NOMUSIC,
    toggled: ("Music channel is now ON.\n", "Music channel is now OFF.\n"),
    mine: "You MUSIC: '$t'",
    theirs: "$n MUSIC: '$t'",
    min_pos: pos::SLEEPING,
};
const QUESTION: Channel = Channel {
    gmcp: "question",
    off: comm::NOQUESTION,
    toggled: ("Q/A channel is now ON.\n", "Q/A channel is now OFF.\n"),
    mine: "You question '$t'",
    theirs: "$n questions '$t'",
    min_pos: pos::SLEEPING,
};
const ANSWER: Channel = Channel {
    gmcp: "answer",
    off: comm::NOQUESTION,
    toggled: ("Q/A channel is now ON.\n", "Q/A channel is now OFF.\n"),
    mine: "You answer '$t'",
    theirs: "$n answers '$t'",
    min_pos: pos::SLEEPING,
};
const QUOTE: Channel = Channel {
    gmcp: "quote",
    off: comm::NOQUOTE,
    toggled: ("Quote channel is now ON.\n", "Quote channel is now OFF.\n"),
    mine: "You quote '$t'",
    theirs: "$n quotes '$t'",
    min_pos: pos::SLEEPING,
};
const GRATS: Channel = Channel {
    gmcp: "grats",
    off: comm::NOGRATS,
    toggled: ("Grats channel is now ON.\n", "Grats channel is now OFF.\n"),
    mine: "You grats '$t'",
    theirs: "$n grats '$t'",
    min_pos: pos::SLEEPING,
};

/// The shared pattern of 14.1: toggle with no text, else speak.
pub(crate) fn public_channel(world: &mut World, ch: CharId, arg: &str, chan: &Channel) {
    let text = arg.trim();
    let Some(c) = world.ch_mut(ch) else { return };
    if text.is_empty() {
        let now_off = c.comm & chan.off == 0;
        c.comm ^= chan.off;
        let msg = if now_off {
            chan.toggled.1
        } else {
            chan.toggled.0
        };
        world.send(ch, msg);
        return;
    }
    if c.comm & comm::QUIET != 0 {
        world.send(ch, "You must turn off quiet mode first.\n");
        return;
    }
    if c.comm & comm::NOCHANNELS != 0 {
        world.send(ch, "The gods have revoked your channel privileges.\n");
        return;
    }
    c.comm &= !chan.off;
    let args = ActArgs::text(text);
    world.act_channel(chan.gmcp, chan.mine, ch, args, To::Char, pos::DEAD);
    for p in channel_listeners(world, ch, chan.off, chan.min_pos) {
        world.act_channel(
            chan.gmcp,
            chan.theirs,
            ch,
            args.with_vict(p),
            To::Vict,
            chan.min_pos,
        );
    }
}

/// `auction [text]`.
pub fn do_auction(world: &mut World, ch: CharId, arg: &str) {
    public_channel(world, ch, arg, &AUCTION);
}

/// `music [text]`.
pub fn do_music(world: &mut World, ch: CharId, arg: &str) {
    public_channel(world, ch, arg, &MUSIC);
}

/// `question [text]`.
pub fn do_question(world: &mut World, ch: CharId, arg: &str) {
    public_channel(world, ch, arg, &QUESTION);
}

/// `answer [text]` (the Q/A channel's other half).
pub fn do_answer(world: &mut World, ch: CharId, arg: &str) {
    public_channel(world, ch, arg, &ANSWER);
}

/// `quote [text]`.
pub fn do_quote(world: &mut World, ch: CharId, arg: &str) {
    public_channel(world, ch, arg, &QUOTE);
}

/// `grats [text]`.
pub fn do_grats(world: &mut World, ch: CharId, arg: &str) {
    public_channel(world, ch, arg, &GRATS);
}

/// `clan [text]`: members of the speaker's own (non-independent) clan.
pub fn do_clantalk(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if !c.is_clan() || crate::db::tables::clan_independent(c.clan) {
        world.send(ch, "You aren't in a clan.\n");
        return;
    }
    let text = arg.trim();
    let Some(c) = world.ch_mut(ch) else { return };
    if text.is_empty() {
        c.comm ^= comm::NOCLAN;
        let on = c.comm & comm::NOCLAN == 0;
        world.send(
            ch,
            if on {
                "Clan channel is now ON.\n"
            } else {
                "Clan channel is now OFF.\n"
            },
        );
        return;
    }
    if c.comm & comm::NOCHANNELS != 0 {
        world.send(ch, "The gods have revoked your channel privileges.\n");
        return;
    }
    c.comm &= !comm::NOCLAN;
    let clan = c.clan;
    let args = ActArgs::text(text);
    world.act_channel("clan", "You clan '$t'", ch, args, To::Char, pos::DEAD);
    let members: Vec<CharId> = channel_listeners(world, ch, comm::NOCLAN, pos::SLEEPING)
        .into_iter()
        .filter(|&p| world.ch(p).is_some_and(|c| c.clan == clan))
        .collect();
    for p in members {
        world.act_channel(
            "clan",
            "$n clans '$t'",
            ch,
            args.with_vict(p),
            To::Vict,
            pos::SLEEPING,
        );
    }
}

/// `yell <text>`: awake players in the same area who are not quiet.
pub fn do_yell(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.comm & comm::NOSHOUT != 0 {
        world.send(ch, "You can't yell.\n");
        return;
    }
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Yell what?\n");
        return;
    }
    let area = c.room.and_then(|r| world.room(r)).map(|r| r.area);
    let args = ActArgs::text(text);
    world.act_channel("yell", "You yell '$t'", ch, args, To::Char, pos::DEAD);
    let hearers: Vec<CharId> = world
        .players
        .iter()
        .copied()
        .filter(|&p| p != ch)
        .filter(|&p| {
            world.ch(p).is_some_and(|v| {
                v.conn.is_some()
                    && v.comm & comm::QUIET == 0
                    && area.is_some()
                    && v.room.and_then(|r| world.room(r)).map(|r| r.area) == area
            })
        })
        .collect();
    for p in hearers {
        world.act_channel(
            "yell",
            "$n yells '$t'",
            ch,
            args.with_vict(p),
            To::Vict,
            pos::RESTING,
        );
    }
}

/// Whether a character may emote (players with `noemote` may not).
fn may_emote(world: &mut World, ch: CharId) -> bool {
    let Some(c) = world.ch(ch) else { return false };
    if !c.is_npc() && c.comm & comm::NOEMOTE != 0 {
        world.send(ch, "You can't show your emotions.\n");
        return false;
    }
    true
}

/// `text` as `reader` should read it: each whole-word use of the reader's
/// name becomes "you" ("Name's" becomes "your").
fn pmote_for(text: &str, name: &str) -> String {
    if name.is_empty() {
        return text.to_string();
    }
    let lower = text.to_ascii_lowercase();
    let lname = name.to_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_word && lower[i..].starts_with(&lname) {
            let end = i + lname.len();
            let after = &lower[end..];
            if after.starts_with("'s") {
                out.push_str("your");
                i = end + 2;
                continue;
            }
            if !after
                .as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_alphanumeric())
            {
                out.push_str("you");
                i = end;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `pmote <text>`: an emote in which each reader sees their own name as
/// "you".
pub fn do_pmote(world: &mut World, ch: CharId, arg: &str) {
    if !may_emote(world, ch) {
        return;
    }
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Emote what?\n");
        return;
    }
    world.act("$n $t", ch, ActArgs::text(text), To::Char);
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for p in people {
        if p == ch {
            continue;
        }
        let name = world.ch(p).map(|v| v.name.clone()).unwrap_or_default();
        let first = name.split_whitespace().next().unwrap_or("").to_string();
        let mine = pmote_for(text, &first);
        world.act("$n $t", ch, ActArgs::text(&mine).with_vict(p), To::Vict);
    }
}

/// Our own poses: (what the poser reads, what the room reads).
const POSES: &[(&str, &str)] = &[
    (
        "You stretch until your joints crack.",
        "$n stretches until $s joints crack.",
    ),
    ("You strike a heroic stance.", "$n strikes a heroic stance."),
    (
        "You balance a coin on one knuckle.",
        "$n balances a coin on one knuckle.",
    ),
    (
        "You gaze into the distance, looking wise.",
        "$n gazes into the distance, looking wise.",
    ),
    (
        "You twirl around and bow deeply.",
        "$n twirls around and bows deeply.",
    ),
    (
        "You flex, and nobody is impressed.",
        "$n flexes, and nobody is impressed.",
    ),
];

/// `pose`: one of the poses, more of them open to higher levels.
pub fn do_pose(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() {
        return;
    }
    let top = ((c.level / 10) as usize).min(POSES.len() - 1);
    let pick = world.rng.range(0, top as i32) as usize;
    let (mine, theirs) = POSES[pick.min(POSES.len() - 1)];
    world.act(mine, ch, ActArgs::default(), To::Char);
    world.act(theirs, ch, ActArgs::default(), To::Room);
}

// ------------------------------------------------- immortal punishments

/// One of the punishments that take away a way of talking.
struct Punishment {
    whom: &'static str,
    flag: Flags,
    /// NPCs cannot be given it (ROM: noshout, notell, nochannels).
    players_only: bool,
    /// To the victim and the immortal when lifted, then when imposed.
    lifted: (&'static str, &'static str),
    imposed: (&'static str, &'static str),
    /// Wiznet lines: `$N` the immortal, `{}` the victim.
    wiz: (&'static str, &'static str),
}

/// ROM's do_noemote and its kin: toggle `p.flag` on a character of lower
/// trust, tell both, tell wiznet (penalties).
fn punish(world: &mut World, ch: CharId, arg: &str, p: &Punishment) {
    let (who, _) = crate::world::handler::one_argument(arg);
    if who.is_empty() {
        world.send(ch, p.whom);
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let Some(v) = world.ch(victim) else { return };
    if p.players_only && v.is_npc() {
        world.send(ch, "Not on NPC's.\n");
        return;
    }
    let trust = world.ch(ch).map_or(0, |c| c.get_trust());
    if v.get_trust() >= trust {
        world.send(ch, "You failed.\n");
        return;
    }
    let name = v.name.clone();
    let now_set = v.comm & p.flag == 0;
    if let Some(v) = world.ch_mut(victim) {
        v.comm ^= p.flag;
    }
    let (to_victim, to_ch, wiz) = if now_set {
        (p.imposed.0, p.imposed.1, p.wiz.1)
    } else {
        (p.lifted.0, p.lifted.1, p.wiz.0)
    };
    world.send(victim, to_victim);
    world.send(ch, to_ch);
    super::wiznet::wiznet(
        world,
        &wiz.replace("{}", &name),
        Some(ch),
        None,
        super::wiznet::PENALTIES,
        super::wiznet::SECURE,
        0,
    );
}

/// `noemote <char>`.
pub fn do_noemote(world: &mut World, ch: CharId, arg: &str) {
    punish(
        world,
        ch,
        arg,
        &Punishment {
            whom: "Noemote whom?\n",
            flag: comm::NOEMOTE,
            players_only: false,
            lifted: ("You can emote again.\n", "NOEMOTE removed.\n"),
            imposed: ("You can't emote!\n", "NOEMOTE set.\n"),
            wiz: ("$N restores emotes to {}.", "$N revokes {}'s emotes."),
        },
    );
}

/// `noshout <char>`.
pub fn do_noshout(world: &mut World, ch: CharId, arg: &str) {
    punish(
        world,
        ch,
        arg,
        &Punishment {
            whom: "Noshout whom?\n",
            flag: comm::NOSHOUT,
            players_only: true,
            lifted: ("You can shout again.\n", "NOSHOUT removed.\n"),
            imposed: ("You can't shout!\n", "NOSHOUT set.\n"),
            wiz: ("$N restores shouts to {}.", "$N revokes {}'s shouts."),
        },
    );
}

/// `notell <char>`.
pub fn do_notell(world: &mut World, ch: CharId, arg: &str) {
    punish(
        world,
        ch,
        arg,
        &Punishment {
            whom: "Notell whom?\n",
            flag: comm::NOTELL,
            players_only: true,
            lifted: ("You can tell again.\n", "NOTELL removed.\n"),
            imposed: ("You can't tell!\n", "NOTELL set.\n"),
            wiz: ("$N restores tells to {}.", "$N revokes {}'s tells."),
        },
    );
}

/// `nochannels <char>`.
pub fn do_nochannels(world: &mut World, ch: CharId, arg: &str) {
    punish(
        world,
        ch,
        arg,
        &Punishment {
            whom: "Nochannel whom?\n",
            flag: comm::NOCHANNELS,
            players_only: true,
            lifted: (
                "The gods have restored your channel privileges.\n",
                "NOCHANNELS removed.\n",
            ),
            imposed: (
                "The gods have revoked your channel privileges.\n",
                "NOCHANNELS set.\n",
            ),
            wiz: ("$N restores channels to {}.", "$N revokes {}'s channels."),
        },
    );
}

// ------------------------------------------------------------ comm toggles

/// `deaf`: stop (or start again) hearing tells.
pub fn do_deaf(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    c.comm ^= comm::DEAF;
    let msg = if c.comm & comm::DEAF != 0 {
        "From now on, you won't hear tells.\n"
    } else {
        "You can now hear tells again.\n"
    };
    world.send(ch, msg);
}

/// `quiet`: hear only says and emotes (or everything again).
pub fn do_quiet(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    c.comm ^= comm::QUIET;
    let msg = if c.comm & comm::QUIET != 0 {
        "From now on, you will only hear says and emotes.\n"
    } else {
        "Quiet mode removed.\n"
    };
    world.send(ch, msg);
}

/// `afk`: away from the keyboard; tells wait for `replay`.
pub fn do_afk(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    c.comm ^= comm::AFK;
    let msg = if c.comm & comm::AFK != 0 {
        "AFK mode set.\n"
    } else if c.pc.as_ref().is_some_and(|p| !p.replay.is_empty()) {
        "AFK mode removed. Type 'replay' to see tells.\n"
    } else {
        "AFK mode removed.\n"
    };
    world.send(ch, msg);
}

/// Keep `line` for `replay` (bounded: the oldest go first).
pub fn keep_for_replay(world: &mut World, ch: CharId, line: &str) {
    let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) else {
        return;
    };
    pc.replay.push_str(line);
    while pc.replay.len() > REPLAY_LIMIT {
        match pc.replay.find('\n') {
            Some(i) => {
                pc.replay.drain(..=i);
            }
            None => pc.replay.clear(),
        }
    }
}

/// `replay`: the tells kept while away, once.
pub fn do_replay(world: &mut World, ch: CharId, _arg: &str) {
    let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) else {
        world.send(ch, "You can't replay.\n");
        return;
    };
    let text = std::mem::take(&mut pc.replay);
    if text.is_empty() {
        world.send(ch, "You have no tells to replay.\n");
        return;
    }
    world.send(ch, &text);
}

/// `channels`: which channels are on, and what else limits talking.
pub fn do_channels(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let on = |flag: Flags| if c.comm & flag == 0 { "ON" } else { "OFF" };
    let set = |flag: Flags| if c.comm & flag != 0 { "ON" } else { "OFF" };
    let mut out = String::from("   channel     status\n---------------------\n");
    let mut row = |name: &str, state: &str| out.push_str(&format!("{name:<15}{state}\n"));
    row("gossip", on(comm::NOGOSSIP));
    row("auction", on(comm::NOAUCTION));
    row("music", on(comm::NOMUSIC));
    row("Q/A", on(comm::NOQUESTION));
    row("Quote", on(comm::NOQUOTE));
    row("grats", on(comm::NOGRATS));
    if c.is_immortal() {
        row("god channel", on(comm::NOWIZ));
    }
    row("shouts", on(comm::SHOUTSOFF));
    row("tells", on(comm::DEAF));
    row("quiet mode", set(comm::QUIET));
    if c.comm & comm::AFK != 0 {
        out.push_str("You are AFK.\n");
    }
    if let Some(pc) = c.pc.as_ref() {
        if pc.lines > 0 {
            out.push_str(&format!("You display {} lines of scroll.\n", pc.lines + 2));
        } else {
            out.push_str("Scroll buffering is off.\n");
        }
        if !pc.prompt.is_empty() {
            out.push_str(&format!("Your current prompt is: {}\n", pc.prompt));
        }
    }
    for (flag, what) in [
        (comm::NOSHOUT, "You cannot shout.\n"),
        (comm::NOTELL, "You cannot use tell.\n"),
        (comm::NOCHANNELS, "You cannot use channels.\n"),
        (comm::NOEMOTE, "You cannot show emotions.\n"),
    ] {
        if c.comm & flag != 0 {
            out.push_str(what);
        }
    }
    world.send(ch, &out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(names: &[&str]) -> (World, Vec<CharId>) {
        let mut w = World::new(Default::default(), 1);
        w.rooms.insert(RoomVnum(1), Room::default());
        let ids: Vec<CharId> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let id = w.chars.insert(Char {
                    name: n.to_string(),
                    level: 10,
                    position: pos::STANDING,
                    conn: Some(crate::engine::ConnId(i + 1)),
                    pc: Some(Box::default()),
                    ..Default::default()
                });
                w.players.push(id);
                w.char_to_room(id, RoomVnum(1));
                id
            })
            .collect();
        (w, ids)
    }

    fn sent(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    fn set(w: &mut World, ch: CharId, f: impl FnOnce(&mut Char)) {
        if let Some(c) = w.ch_mut(ch) {
            f(c);
        }
    }

    #[test]
    fn channels_follow_the_off_flags_quiet_and_positions() {
        let (mut w, ids) = world(&["Ann", "Bob", "Cy"]);
        let (ann, bob, cy) = (ids[0], ids[1], ids[2]);
        // Bob sleeps: auction (any position) and music (sleeping) reach him.
        set(&mut w, bob, |c| c.position = pos::SLEEPING);
        do_auction(&mut w, ann, "a hat");
        assert_eq!(sent(&mut w, ann), "You auction 'a hat'\n");
        assert_eq!(sent(&mut w, bob), "Ann auctions 'a hat'\n");
        // Cy is stunned: auction still, music not.
        set(&mut w, cy, |c| c.position = pos::STUNNED);
        do_music(&mut w, ann, "tra la");
        assert_eq!(sent(&mut w, bob), "Ann MUSIC: 'tra la'\n");
        assert!(sent(&mut w, cy).contains("auctions"), "only the auction");
        // Off flags: question and answer share one.
        do_question(&mut w, bob, "");
        assert_eq!(sent(&mut w, bob), "Q/A channel is now OFF.\n");
        do_answer(&mut w, ann, "yes");
        assert_eq!(sent(&mut w, bob), "");
        do_answer(&mut w, bob, "");
        assert_eq!(sent(&mut w, bob), "Q/A channel is now ON.\n");
        // Speaking turns your own channel back on.
        let _ = sent(&mut w, ann);
        do_grats(&mut w, ann, "");
        assert_eq!(sent(&mut w, ann), "Grats channel is now OFF.\n");
        do_grats(&mut w, ann, "well done");
        assert_eq!(w.ch(ann).map(|c| c.comm & comm::NOGRATS), Some(0));
        let _ = (sent(&mut w, ann), sent(&mut w, bob));
        // Quiet hears nothing and may not speak; nochannels may not speak.
        set(&mut w, bob, |c| c.comm |= comm::QUIET);
        do_quote(&mut w, ann, "to be");
        assert_eq!(sent(&mut w, bob), "");
        do_quote(&mut w, bob, "or not");
        assert_eq!(sent(&mut w, bob), "You must turn off quiet mode first.\n");
        let _ = sent(&mut w, ann);
        set(&mut w, ann, |c| c.comm |= comm::NOCHANNELS);
        do_grats(&mut w, ann, "hi");
        assert_eq!(
            sent(&mut w, ann),
            "The gods have revoked your channel privileges.\n"
        );
        do_clantalk(&mut w, ann, "hello");
        assert_eq!(sent(&mut w, ann), "You aren't in a clan.\n");
    }

    #[test]
    fn punishments_toggle_on_lower_trust_and_say_so() {
        let (mut w, ids) = world(&["Ann", "Bob"]);
        let (ann, bob) = (ids[0], ids[1]);
        set(&mut w, ann, |c| c.level = 56);
        do_noemote(&mut w, ann, "");
        assert_eq!(sent(&mut w, ann), "Noemote whom?\n");
        do_notell(&mut w, ann, "nobody");
        assert_eq!(sent(&mut w, ann), "They aren't here.\n");
        do_noshout(&mut w, bob, "ann");
        assert_eq!(sent(&mut w, bob), "You failed.\n");
        for (f, flag, set_text, told) in [
            (
                do_noemote as fn(&mut World, CharId, &str),
                comm::NOEMOTE,
                "NOEMOTE set.\n",
                "You can't emote!\n",
            ),
            (
                do_noshout,
                comm::NOSHOUT,
                "NOSHOUT set.\n",
                "You can't shout!\n",
            ),
            (
                do_notell,
                comm::NOTELL,
                "NOTELL set.\n",
                "You can't tell!\n",
            ),
            (
                do_nochannels,
                comm::NOCHANNELS,
                "NOCHANNELS set.\n",
                "The gods have revoked your channel privileges.\n",
            ),
        ] {
            f(&mut w, ann, "bob");
            assert_eq!(sent(&mut w, ann), set_text);
            assert_eq!(sent(&mut w, bob), told);
            assert_ne!(w.ch(bob).map_or(0, |c| c.comm & flag), 0);
            f(&mut w, ann, "bob");
            assert!(sent(&mut w, ann).ends_with("removed.\n"));
            let _ = sent(&mut w, bob);
            assert_eq!(w.ch(bob).map_or(1, |c| c.comm & flag), 0);
        }
        set(&mut w, bob, |c| c.comm |= comm::NOCHANNELS);
        do_channels(&mut w, bob, "");
        assert!(sent(&mut w, bob).contains("You cannot use channels."));
    }

    #[test]
    fn yell_stays_in_the_area_and_noshout_forbids_it() {
        let (mut w, ids) = world(&["Ann", "Bob", "Cy"]);
        let (ann, bob, cy) = (ids[0], ids[1], ids[2]);
        w.rooms.insert(
            RoomVnum(2),
            Room {
                area: AreaId(1),
                ..Default::default()
            },
        );
        w.char_to_room(cy, RoomVnum(2));
        do_yell(&mut w, ann, "help");
        assert_eq!(sent(&mut w, ann), "You yell 'help'\n");
        assert_eq!(sent(&mut w, bob), "Ann yells 'help'\n");
        assert_eq!(sent(&mut w, cy), "", "another area");
        set(&mut w, ann, |c| c.comm |= comm::NOSHOUT);
        do_yell(&mut w, ann, "help");
        assert_eq!(sent(&mut w, ann), "You can't yell.\n");
    }

    #[test]
    fn afk_keeps_tells_for_replay_and_channels_lists_the_state() {
        let (mut w, ids) = world(&["Ann", "Bob"]);
        let (ann, bob) = (ids[0], ids[1]);
        do_afk(&mut w, bob, "");
        assert_eq!(sent(&mut w, bob), "AFK mode set.\n");
        super::super::act_comm::do_tell(&mut w, ann, "bob are you there");
        assert!(sent(&mut w, ann).contains("will go through when"));
        assert_eq!(sent(&mut w, bob), "");
        do_channels(&mut w, bob, "");
        let list = sent(&mut w, bob);
        assert!(list.contains("You are AFK."), "{list}");
        assert!(list.contains("gossip         ON"), "{list}");
        do_afk(&mut w, bob, "");
        assert!(sent(&mut w, bob).contains("Type 'replay' to see tells."));
        do_replay(&mut w, bob, "");
        assert_eq!(sent(&mut w, bob), "Ann tells you 'are you there'\n");
        do_replay(&mut w, bob, "");
        assert_eq!(sent(&mut w, bob), "You have no tells to replay.\n");
    }

    #[test]
    fn pmote_turns_the_readers_name_into_you() {
        assert_eq!(pmote_for("pokes Bob.", "Bob"), "pokes you.");
        assert_eq!(pmote_for("steals Bob's hat", "bob"), "steals your hat");
        assert_eq!(pmote_for("waves at Bobby", "Bob"), "waves at Bobby");
        assert_eq!(pmote_for("hugs Ann", "Bob"), "hugs Ann");
    }
}
