//! Talking, socials, following and grouping, saving and quitting — ROM's
//! "act_comm.c".
//!
//! Says and emotes reach the room, tells one character anywhere, gossip and
//! shout every player (filtered by COMM flags). Socials come from the
//! `#SOCIALS` table and are found by prefix after the command table misses.
//! Followers and groups are plain `master` / `leader` ids on characters; the
//! helpers here (`add_follower`, `stop_follower`, `die_follower`,
//! `is_same_group`) are for other command families too. `save` and `quit`
//! only queue a [`Request`]: the server does the file work and extraction.

use super::act_talk::{public_channel, Channel};
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::*;

/// Most text kept waiting on a link-dead character by tells.
const LINKDEAD_TELL_LIMIT: usize = 16 * 1024;

fn is_awake(c: &Char) -> bool {
    c.position > pos::SLEEPING
}

// ------------------------------------------------------------- local talk

/// `say <text>` (and `'<text>`).
pub fn do_say(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Say what?\n");
        return;
    }
    let args = ActArgs {
        text2: Some(text),
        ..Default::default()
    };
    world.act_channel("say", "$n says '$T'", ch, args, To::Room, pos::RESTING);
    world.act_channel("say", "You say '$T'", ch, args, To::Char, pos::RESTING);
    super::mob_prog::speech_trigger(world, ch, text);
}

/// `emote <text>`: "$n <text>" to the room.
pub fn do_emote(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if !c.is_npc() && c.comm & comm::NOEMOTE != 0 {
        world.send(ch, "You can't show your emotions.\n");
        return;
    }
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Emote what?\n");
        return;
    }
    let args = ActArgs {
        text2: Some(text),
        ..Default::default()
    };
    world.mprog.quiet = true; // emotes set off no act programs (ROM's MOBtrigger)
    world.act("$n $T", ch, args, To::Room);
    world.act("$n $T", ch, args, To::Char);
    world.mprog.quiet = false;
}

// ------------------------------------------------------------------ tells

/// Deliver a tell or reply from `ch` to `victim` (ROM's checks 3–7, 14.3).
fn send_tell(world: &mut World, ch: CharId, victim: CharId, text: &str, is_reply: bool) {
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return;
    };
    let ch_imm = c.is_immortal();
    let ch_level = c.level;
    let v_npc = v.is_npc();
    let v_awake = is_awake(v);
    let v_comm = v.comm;
    let linkdead = !v_npc && v.conn.is_none();
    let args = ActArgs {
        vict: Some(victim),
        text1: Some(text),
        ..Default::default()
    };

    if linkdead {
        world.act_pos(
            "$N seems to have misplaced $S link...try again later.",
            ch,
            args,
            To::Char,
            pos::DEAD,
        );
        // Keep it waiting on the character for when the link comes back.
        let line = world.act_format("$n tells you '$t'", ch, &args, victim);
        if let Some(v) = world.ch_mut(victim) {
            // Bounded, so a link-dead character cannot be flooded.
            if v.output.len() + line.len() <= LINKDEAD_TELL_LIMIT {
                v.output.push_str(&line);
            }
            v.reply = Some(ch);
        }
        return;
    }
    let may_wake = if is_reply {
        ch_imm
    } else {
        ch_imm && ch_level > LEVEL_IMMORTAL
    };
    if !v_awake && !may_wake {
        world.act_pos("$E can't hear you.", ch, args, To::Char, pos::DEAD);
        return;
    }
    if v_comm & (comm::QUIET | comm::DEAF) != 0 && !ch_imm {
        world.act_pos("$E is not receiving tells.", ch, args, To::Char, pos::DEAD);
        return;
    }
    if v_comm & comm::AFK != 0 {
        if v_npc {
            world.act_pos(
                "$E is AFK, and not receiving tells.",
                ch,
                args,
                To::Char,
                pos::DEAD,
            );
            return;
        }
        world.act_pos(
            "$E is AFK, but your tell will go through when $E returns.",
            ch,
            args,
            To::Char,
            pos::DEAD,
        );
        // Kept for `replay` (rom-mechanics 14.3, step 6).
        let line = world.act_format("$n tells you '$t'", ch, &args, victim);
        super::act_talk::keep_for_replay(world, victim, &line);
        if let Some(v) = world.ch_mut(victim) {
            v.reply = Some(ch);
        }
        return;
    }
    world.act_channel("tell", "You tell $N '$t'", ch, args, To::Char, pos::DEAD);
    world.act_channel("tell", "$n tells you '$t'", ch, args, To::Vict, pos::DEAD);
    if let Some(v) = world.ch_mut(victim) {
        v.reply = Some(ch);
    }
}

/// The sender's own restrictions on tells; true if they may tell.
fn may_tell(world: &mut World, ch: CharId) -> bool {
    let Some(c) = world.ch(ch) else { return false };
    if c.comm & (comm::NOTELL | comm::DEAF) != 0 {
        world.send(ch, "Your message didn't get through.\n");
        return false;
    }
    if c.comm & comm::QUIET != 0 {
        world.send(ch, "You must turn off quiet mode first.\n");
        return false;
    }
    true
}

/// `tell <char> <text>`: players anywhere, mobiles in the same room.
pub fn do_tell(world: &mut World, ch: CharId, arg: &str) {
    if !may_tell(world, ch) {
        return;
    }
    let (who, text) = one_argument(arg);
    let text = text.trim();
    if who.is_empty() || text.is_empty() {
        world.send(ch, "Tell whom what?\n");
        return;
    }
    let here = world.ch(ch).and_then(|c| c.room);
    // Players anywhere by name first (link-dead ones too), then anyone visible.
    let victim = world
        .find_player_by_name(&who)
        .filter(|&v| world.can_see(ch, v))
        .or_else(|| world.get_char_world(ch, &who))
        .filter(|&v| world.ch(v).is_some_and(|v| !v.is_npc() || v.room == here));
    let Some(victim) = victim else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    send_tell(world, ch, victim, text, false);
}

/// `reply <text>`: tell whoever told you last.
pub fn do_reply(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.comm & comm::NOTELL != 0 {
        world.send(ch, "Your message didn't get through.\n");
        return;
    }
    let Some(victim) = c.reply.filter(|&v| world.chars.contains(v)) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Reply what?\n");
        return;
    }
    send_tell(world, ch, victim, text, true);
}

// --------------------------------------------------------------- channels

/// The players who hear a world-wide line from `ch` (gossip, shout, the
/// channels of `act_talk`): connected, placed, not `quiet`, without the
/// channel's off flag, at least at `min_pos`.
pub(crate) fn channel_listeners(
    world: &World,
    ch: CharId,
    off_flag: Flags,
    min_pos: Position,
) -> Vec<CharId> {
    world
        .players
        .iter()
        .copied()
        .filter(|&p| p != ch)
        .filter(|&p| {
            world.ch(p).is_some_and(|c| {
                c.conn.is_some()
                    && c.room.is_some()
                    && c.comm & (off_flag | comm::QUIET) == 0
                    && c.position >= min_pos
            })
        })
        .collect()
}

/// The gossip channel (14.1).
const GOSSIP: Channel = Channel {
    gmcp: "gossip",
    off: comm::NOGOSSIP,
    toggled: (
        "Gossip channel is now ON.\n",
        "Gossip channel is now OFF.\n",
    ),
    mine: "You gossip '$t'",
    theirs: "$n gossips '$t'",
    min_pos: pos::SLEEPING,
};

/// `gossip <text>`; `gossip` alone toggles the channel.
pub fn do_gossip(world: &mut World, ch: CharId, arg: &str) {
    public_channel(world, ch, arg, &GOSSIP);
}

/// `shout <text>`: every awake player; `shout` alone toggles hearing shouts.
pub fn do_shout(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    let Some(c) = world.ch_mut(ch) else { return };
    if text.is_empty() {
        if c.comm & comm::SHOUTSOFF != 0 {
            c.comm &= !comm::SHOUTSOFF;
            world.send(ch, "You can hear shouts again.\n");
        } else {
            c.comm |= comm::SHOUTSOFF;
            world.send(ch, "You will no longer hear shouts.\n");
        }
        return;
    }
    if c.comm & comm::NOSHOUT != 0 {
        world.send(ch, "You can't shout.\n");
        return;
    }
    if c.comm & comm::QUIET != 0 {
        world.send(ch, "You must turn off quiet mode first.\n");
        return;
    }
    c.comm &= !comm::SHOUTSOFF;
    c.wait = c.wait.max(12);
    let args = ActArgs::text(text);
    world.act_channel("shout", "You shout '$t'", ch, args, To::Char, pos::DEAD);
    for p in channel_listeners(world, ch, comm::SHOUTSOFF, pos::RESTING) {
        world.act_channel(
            "shout",
            "$n shouts '$t'",
            ch,
            args.with_vict(p),
            To::Vict,
            pos::RESTING,
        );
    }
}

/// `gtell <text>` (and `;<text>`): every member of the group, wherever
/// they are, even asleep.
pub fn do_gtell(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Tell your group what?\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if c.comm & comm::NOTELL != 0 {
        world.send(ch, "Your message didn't get through!\n");
        return;
    }
    let args = ActArgs::text(text);
    world.act_channel(
        "gtell",
        "You tell the group '$t'",
        ch,
        args,
        To::Char,
        pos::DEAD,
    );
    let members: Vec<CharId> = world
        .chars
        .ids()
        .into_iter()
        .filter(|&m| m != ch && is_same_group(world, m, ch))
        .collect();
    for m in members {
        world.act_channel(
            "gtell",
            "$n tells the group '$t'",
            ch,
            args.with_vict(m),
            To::Vict,
            pos::SLEEPING,
        );
    }
}

/// `immtalk <text>` (and `:<text>`): the immortals' channel; alone, it
/// toggles hearing it.
pub fn do_immtalk(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    let Some(c) = world.ch_mut(ch) else { return };
    if text.is_empty() {
        if c.comm & comm::NOWIZ != 0 {
            c.comm &= !comm::NOWIZ;
            world.send(ch, "Immortal channel is now ON\n");
        } else {
            c.comm |= comm::NOWIZ;
            world.send(ch, "Immortal channel is now OFF\n");
        }
        return;
    }
    c.comm &= !comm::NOWIZ;
    let args = ActArgs::text(text);
    world.act_channel("immtalk", "[$n]: $t", ch, args, To::Char, pos::DEAD);
    let listeners: Vec<CharId> = world
        .players
        .iter()
        .copied()
        .filter(|&p| p != ch)
        .filter(|&p| {
            world
                .ch(p)
                .is_some_and(|c| c.conn.is_some() && c.is_immortal() && c.comm & comm::NOWIZ == 0)
        })
        .collect();
    for p in listeners {
        world.act_channel(
            "immtalk",
            "[$n]: $t",
            ch,
            args.with_vict(p),
            To::Vict,
            pos::DEAD,
        );
    }
}

// ---------------------------------------------------------------- socials

/// Run a social if `word` names one; false if it does not.
pub fn check_social(world: &mut World, ch: CharId, word: &str, arg: &str) -> bool {
    let word = word.to_ascii_lowercase();
    if word.is_empty() {
        return false;
    }
    let Some(social) = world
        .socials
        .iter()
        .find(|s| s.name.to_ascii_lowercase().starts_with(&word))
        .cloned()
    else {
        return false;
    };
    let Some(c) = world.ch(ch) else { return true };
    if !c.is_npc() && c.comm & comm::NOEMOTE != 0 {
        world.send(ch, "You are anti-social!\n");
        return true;
    }
    let refusal = match c.position {
        pos::DEAD => Some("Lie still; you are DEAD.\n"),
        pos::MORTAL | pos::INCAP => Some("You are hurt far too bad for that.\n"),
        pos::STUNNED => Some("You are too stunned to do that.\n"),
        // Snoring is the one social a sleeper can do.
        pos::SLEEPING if social.name != "snore" => Some("In your dreams, or what?\n"),
        _ => None,
    };
    if let Some(msg) = refusal {
        world.send(ch, msg);
        return true;
    }
    let msg = |m: &Option<String>| m.clone().unwrap_or_default();
    let (target, _) = one_argument(arg);
    if target.is_empty() {
        world.act(
            &msg(&social.others_no_arg),
            ch,
            ActArgs::default(),
            To::Room,
        );
        // The actor sees its own message even asleep (a snorer knows).
        world.act_pos(
            &msg(&social.char_no_arg),
            ch,
            ActArgs::default(),
            To::Char,
            pos::SLEEPING,
        );
        return true;
    }
    let Some(victim) = world.get_char_room(ch, &target) else {
        world.send(ch, "They aren't here.\n");
        return true;
    };
    if victim == ch {
        world.act(&msg(&social.others_auto), ch, ActArgs::default(), To::Room);
        world.act(&msg(&social.char_auto), ch, ActArgs::default(), To::Char);
        return true;
    }
    let args = ActArgs::vict(victim);
    world.act(&msg(&social.others_found), ch, args, To::NotVict);
    world.act(&msg(&social.char_found), ch, args, To::Char);
    world.act(&msg(&social.vict_found), ch, args, To::Vict);

    // An idle mobile answers back: 9 in 16 the same social, 4 in 16 a slap.
    let answers = world.ch(ch).is_some_and(|c| !c.is_npc())
        && world.ch(victim).is_some_and(|v| {
            v.is_npc() && !v.is_affected(aff::CHARM) && is_awake(v) && v.conn.is_none()
        });
    if answers {
        let back = ActArgs::vict(ch);
        match world.rng.range(0, 15) {
            0..=8 => {
                world.act(&msg(&social.others_found), victim, back, To::NotVict);
                world.act(&msg(&social.vict_found), victim, back, To::Vict);
            }
            9..=12 => {
                world.act("$n slaps $N.", victim, back, To::NotVict);
                world.act("$n slaps you.", victim, back, To::Vict);
            }
            _ => {}
        }
    }
    true
}

/// `socials`: every social name, six to a line.
pub fn do_socials(world: &mut World, ch: CharId, _arg: &str) {
    let mut out = String::new();
    for row in world.socials.chunks(6) {
        for s in row {
            out.push_str(&format!("{:<12}", s.name));
        }
        out.push('\n');
    }
    if world.socials.is_empty() {
        out.push_str("There are no socials.\n");
    }
    world.send(ch, &out);
}

// ------------------------------------------------------ following, groups

/// Make `ch` follow `master` (ROM's add_follower).
pub fn add_follower(world: &mut World, ch: CharId, master: CharId) {
    if !world.chars.contains(master) {
        return;
    }
    if let Some(c) = world.ch_mut(ch) {
        c.master = Some(master);
        c.leader = None;
    } else {
        return;
    }
    if world.can_see(master, ch) {
        world.act("$n now follows you.", ch, ActArgs::vict(master), To::Vict);
    }
    world.act("You now follow $N.", ch, ActArgs::vict(master), To::Char);
}

/// Stop `ch` following its master (ROM's stop_follower); charm breaks too.
pub fn stop_follower(world: &mut World, ch: CharId) {
    let Some(c) = world.ch_mut(ch) else { return };
    let Some(master) = c.master.take() else {
        return;
    };
    c.leader = None;
    c.affected_by &= !aff::CHARM;
    let placed = c.room.is_some();
    if placed && world.chars.contains(master) && world.can_see(master, ch) {
        world.act(
            "$n stops following you.",
            ch,
            ActArgs::vict(master),
            To::Vict,
        );
        world.act(
            "You stop following $N.",
            ch,
            ActArgs::vict(master),
            To::Char,
        );
    }
    if let Some(m) = world.ch_mut(master) {
        if m.pet == Some(ch) {
            m.pet = None;
        }
    }
}

/// Release everyone who follows or is led by `ch`, and stop `ch` following
/// (ROM's die_follower, for quitting and death).
pub fn die_follower(world: &mut World, ch: CharId) {
    stop_follower(world, ch);
    if let Some(c) = world.ch_mut(ch) {
        c.leader = None;
    }
    let ids = world.chars.ids();
    for other in ids {
        if other == ch {
            continue;
        }
        if world.ch(other).is_some_and(|o| o.master == Some(ch)) {
            stop_follower(world, other);
        }
        if let Some(o) = world.ch_mut(other) {
            if o.leader == Some(ch) {
                o.leader = None;
            }
        }
    }
}

fn group_leader(world: &World, ch: CharId) -> CharId {
    world
        .ch(ch)
        .and_then(|c| c.leader)
        .filter(|&l| world.chars.contains(l))
        .unwrap_or(ch)
}

/// Two characters are grouped when they have the same leader (a leader leads itself).
pub fn is_same_group(world: &World, a: CharId, b: CharId) -> bool {
    world.chars.contains(a)
        && world.chars.contains(b)
        && group_leader(world, a) == group_leader(world, b)
}

/// How many of `ch`'s group (`ch` included) are in its room; with
/// `skip_charmed`, charmed members do not count.
pub fn group_here(world: &World, ch: CharId, skip_charmed: bool) -> usize {
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return 0;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    people
        .into_iter()
        .filter(|&g| {
            is_same_group(world, g, ch)
                && !(skip_charmed && world.ch(g).is_some_and(|c| c.is_affected(aff::CHARM)))
        })
        .count()
}

/// C's `atoi`: an optional sign and the leading digits; 0 when there are
/// none (so `split lots` is a split of nothing).
pub(crate) fn atoi(word: &str) -> i64 {
    let (neg, digits) = match word.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, word.strip_prefix('+').unwrap_or(word)),
    };
    let n = digits
        .chars()
        .take_while(char::is_ascii_digit)
        .fold(0i64, |n, d| {
            n.saturating_mul(10)
                .saturating_add(i64::from(d.to_digit(10).unwrap_or(0)))
        });
    if neg {
        -n
    } else {
        n
    }
}

/// `split <silver> [gold]` (rom-mechanics 9.5): the coins are shared among
/// the uncharmed group members in the room; each gets `amount / members`
/// and the splitter keeps the remainder too.
pub fn do_split(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, rest) = one_argument(arg);
    let (arg2, _) = one_argument(rest);
    if arg1.is_empty() {
        world.send(ch, "Split how much?\n");
        return;
    }
    let silver = atoi(&arg1);
    let gold = if arg2.is_empty() { 0 } else { atoi(&arg2) };
    if gold < 0 || silver < 0 {
        world.send(ch, "Your group wouldn't like that.\n");
        return;
    }
    if gold == 0 && silver == 0 {
        world.send(ch, "You hand out zero coins, but no one notices.\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if c.gold < gold || c.silver < silver {
        world.send(ch, "You don't have that much to split.\n");
        return;
    }
    let members = group_here(world, ch, true) as i64;
    if members < 2 {
        world.send(ch, "Just keep it all.\n");
        return;
    }
    let (share_silver, extra_silver) = (silver / members, silver % members);
    let (share_gold, extra_gold) = (gold / members, gold % members);
    if share_gold == 0 && share_silver == 0 {
        world.send(ch, "Don't even bother, cheapskate.\n");
        return;
    }
    if let Some(c) = world.ch_mut(ch) {
        c.silver += share_silver + extra_silver - silver;
        c.gold += share_gold + extra_gold - gold;
    }
    if share_silver > 0 {
        world.send(
            ch,
            &format!(
                "You split {silver} silver coins. Your share is {} silver.\n",
                share_silver + extra_silver
            ),
        );
    }
    if share_gold > 0 {
        world.send(
            ch,
            &format!(
                "You split {gold} gold coins. Your share is {} gold.\n",
                share_gold + extra_gold
            ),
        );
    }
    let msg = if share_gold == 0 {
        format!("$n splits {silver} silver coins. Your share is {share_silver} silver.")
    } else if share_silver == 0 {
        format!("$n splits {gold} gold coins. Your share is {share_gold} gold.")
    } else {
        format!(
            "$n splits {silver} silver and {gold} gold coins, giving you {share_silver} silver and {share_gold} gold."
        )
    };
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for g in people {
        let member = g != ch
            && is_same_group(world, g, ch)
            && !world.ch(g).is_some_and(|c| c.is_affected(aff::CHARM));
        if !member {
            continue;
        }
        world.act(&msg, ch, ActArgs::vict(g), To::Vict);
        if let Some(c) = world.ch_mut(g) {
            c.gold += share_gold;
            c.silver += share_silver;
        }
    }
}

/// `follow <char>`; `follow self` stops following.
pub fn do_follow(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() {
        world.send(ch, "Follow whom?\n");
        return;
    }
    let Some(victim) = world.get_char_room(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let Some(c) = world.ch(ch) else { return };
    if c.is_affected(aff::CHARM) {
        if let Some(master) = c.master {
            world.act(
                "But you'd rather follow $N!",
                ch,
                ActArgs::vict(master),
                To::Char,
            );
            return;
        }
    }
    if victim == ch {
        if c.master.is_none() {
            world.send(ch, "You already follow yourself.\n");
        } else {
            stop_follower(world, ch);
        }
        return;
    }
    let ch_imm = c.is_immortal();
    let ch_npc = c.is_npc();
    let nofollow = world
        .ch(victim)
        .is_some_and(|v| !v.is_npc() && v.act & plr::NOFOLLOW != 0);
    if nofollow && !ch_imm {
        world.act(
            "$N doesn't seem to want any followers.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    }
    if let Some(c) = world.ch_mut(ch) {
        if !ch_npc {
            c.act &= !plr::NOFOLLOW;
        }
    }
    if world.ch(ch).is_some_and(|c| c.master.is_some()) {
        stop_follower(world, ch);
    }
    add_follower(world, ch, victim);
}

/// `group` lists your group; `group <follower>` adds or removes one.
pub fn do_group(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() {
        let leader = group_leader(world, ch);
        let mut out = format!("{}'s group:\n", world.pers(leader, ch));
        for (id, g) in world.chars.iter() {
            if !is_same_group(world, id, ch) || g.room.is_none() {
                continue;
            }
            let class = if g.is_npc() {
                "Mob"
            } else {
                crate::world::rules::class_by_number(g.class.max(0)).map_or("???", |k| k.who_name)
            };
            let mut name = world.pers(id, ch);
            crate::world::act::capitalize_first(&mut name);
            out.push_str(&format!(
                "[{:2} {}] {:<16} {:4}/{:4} hp {:4}/{:4} mana {:4}/{:4} mv {:5} xp\n",
                g.level, class, name, g.hit, g.max_hit, g.mana, g.max_mana, g.mv, g.max_mv, g.exp
            ));
        }
        world.send(ch, &out);
        return;
    }
    let Some(victim) = world.get_char_room(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let Some(c) = world.ch(ch) else { return };
    if c.master.is_some() || c.leader.is_some_and(|l| l != ch) {
        world.send(ch, "But you are following someone else!\n");
        return;
    }
    let ch_charmed = c.is_affected(aff::CHARM);
    let Some(v) = world.ch(victim) else { return };
    if v.master != Some(ch) && ch != victim {
        world.act_pos(
            "$N isn't following you.",
            ch,
            ActArgs::vict(victim),
            To::Char,
            pos::SLEEPING,
        );
        return;
    }
    if v.is_affected(aff::CHARM) {
        world.send(ch, "You can't remove charmed mobs from your group.\n");
        return;
    }
    if ch_charmed {
        world.act_pos(
            "You like your master too much to leave $m!",
            ch,
            ActArgs::vict(victim),
            To::Vict,
            pos::SLEEPING,
        );
        return;
    }
    let args = ActArgs::vict(victim);
    if ch != victim && is_same_group(world, victim, ch) {
        if let Some(v) = world.ch_mut(victim) {
            v.leader = None;
        }
        world.act_pos(
            "$n removes $N from $s group.",
            ch,
            args,
            To::NotVict,
            pos::RESTING,
        );
        world.act_pos(
            "$n removes you from $s group.",
            ch,
            args,
            To::Vict,
            pos::SLEEPING,
        );
        world.act_pos(
            "You remove $N from your group.",
            ch,
            args,
            To::Char,
            pos::SLEEPING,
        );
        return;
    }
    if let Some(v) = world.ch_mut(victim) {
        v.leader = Some(ch);
    }
    world.act_pos("$N joins $n's group.", ch, args, To::NotVict, pos::RESTING);
    world.act_pos("You join $n's group.", ch, args, To::Vict, pos::SLEEPING);
    world.act_pos("$N joins your group.", ch, args, To::Char, pos::SLEEPING);
}

// ---------------------------------------------------------- save and quit

/// `save`: ask the server to write the player file now.
pub fn do_save(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    c.wait = c.wait.max(48);
    // "Saving." comes from the game once the writer has the file on disk.
    world.requests.push(Request::SaveCommand(ch));
}

/// `q`, `qu`, `qui`: quitting has to be spelled out.
pub fn do_qui(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "If you want to QUIT, you have to spell it out.\n");
}

/// `quit`: refused while fighting or badly hurt; otherwise the server says
/// goodbye, saves and removes the character.
pub fn do_quit(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() {
        return;
    }
    if c.position == pos::FIGHTING || c.fighting.is_some() {
        world.send(ch, "No way! You are fighting.\n");
        return;
    }
    if c.position < pos::STUNNED {
        world.send(ch, "You're not DEAD yet.\n");
        return;
    }
    if !world.requests.contains(&Request::Quit(ch)) {
        world.requests.push(Request::Quit(ch));
    }
}
