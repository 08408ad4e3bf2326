//! ROM's `act()`: format a message with `$n $N $e $m $s $p $t $d` codes once
//! per reader and queue it on the characters it is for.
//!
//! | code | meaning |
//! |---|---|
//! | `$n` / `$N` | name of the actor / victim as the reader sees them |
//! | `$e` / `$E` | he, she, it (actor / victim) |
//! | `$m` / `$M` | him, her, it |
//! | `$s` / `$S` | his, her, its |
//! | `$p` / `$P` | short description of obj1 / obj2 |
//! | `$t` / `$T` | text argument 1 / 2 |
//! | `$d` | the door keyword in `$T` (first word), or "door" |
//! | `$$` | a literal `$` |

use super::*;

/// Who receives an `act()` message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum To {
    /// The actor only.
    Char,
    /// The victim only.
    Vict,
    /// Everyone in the actor's room but the actor.
    Room,
    /// Everyone in the room but the actor and the victim.
    NotVict,
    /// Everyone in the room including the actor.
    All,
}

/// The optional arguments of an `act()` call.
#[derive(Clone, Copy, Debug, Default)]
pub struct ActArgs<'a> {
    pub vict: Option<CharId>,
    pub obj1: Option<ObjId>,
    pub obj2: Option<ObjId>,
    pub text1: Option<&'a str>,
    pub text2: Option<&'a str>,
}

impl<'a> ActArgs<'a> {
    pub fn vict(v: CharId) -> Self {
        ActArgs {
            vict: Some(v),
            ..Default::default()
        }
    }
    pub fn obj(o: ObjId) -> Self {
        ActArgs {
            obj1: Some(o),
            ..Default::default()
        }
    }
    pub fn text(t: &'a str) -> Self {
        ActArgs {
            text1: Some(t),
            ..Default::default()
        }
    }
    pub fn with_obj2(mut self, o: ObjId) -> Self {
        self.obj2 = Some(o);
        self
    }
    pub fn with_vict(mut self, v: CharId) -> Self {
        self.vict = Some(v);
        self
    }
    pub fn with_text2(mut self, t: &'a str) -> Self {
        self.text2 = Some(t);
        self
    }
}

const HE: [&str; 3] = ["it", "he", "she"];
const HIM: [&str; 3] = ["it", "him", "her"];
const HIS: [&str; 3] = ["its", "his", "her"];

impl World {
    /// `act(format, ch, ..., to)` with ROM's default minimum position (resting).
    pub fn act(&mut self, format: &str, ch: CharId, args: ActArgs<'_>, to: To) {
        self.act_pos(format, ch, args, to, pos::RESTING);
    }

    /// `act()` delivering only to readers at or above `min_pos`.
    pub fn act_pos(
        &mut self,
        format: &str,
        ch: CharId,
        args: ActArgs<'_>,
        to: To,
        min_pos: Position,
    ) {
        self.act_to(format, ch, args, to, min_pos, None);
    }

    /// `act_pos()` for a line of a channel: every reader whose client takes
    /// GMCP also gets a [`ChannelEvent`] (the game turns it into
    /// `Comm.Channel.Text`). The channel commands call this, so new channels
    /// need nothing more for GMCP.
    pub fn act_channel(
        &mut self,
        channel: &'static str,
        format: &str,
        ch: CharId,
        args: ActArgs<'_>,
        to: To,
        min_pos: Position,
    ) {
        self.act_to(format, ch, args, to, min_pos, Some(channel));
    }

    fn act_to(
        &mut self,
        format: &str,
        ch: CharId,
        args: ActArgs<'_>,
        to: To,
        min_pos: Position,
        channel: Option<&'static str>,
    ) {
        if format.is_empty() {
            return;
        }
        let readers: Vec<CharId> = match to {
            To::Char => vec![ch],
            To::Vict => args.vict.into_iter().collect(),
            To::Room | To::NotVict | To::All => {
                let Some(room) = self.ch(ch).and_then(|c| c.room) else {
                    return;
                };
                self.room(room)
                    .map(|r| r.people.clone())
                    .unwrap_or_default()
            }
        };
        // What a reader reads depends on the reader only through what it
        // can see ($n, $N, $p, $P): format once per distinct view, not once
        // per reader (a crowded fight sends each blow to a roomful).
        let mut made: Vec<([bool; 4], String)> = Vec::new();
        for reader in readers {
            let skip = match to {
                To::Room => reader == ch,
                To::NotVict => reader == ch || Some(reader) == args.vict,
                _ => false,
            };
            if skip {
                continue;
            }
            let Some(r) = self.ch(reader) else { continue };
            // A mobile an immortal has switched into reads instead (ROM).
            if !self.mprog.quiet
                && r.is_npc()
                && r.conn.is_none()
                && r.position >= min_pos
                && self.has_trigger(reader, "act")
            {
                self.hear_act(format, ch, &args, reader);
            }
            let Some(r) = self.ch(reader) else { continue };
            if r.conn.is_none() || r.position < min_pos {
                continue;
            }
            let gmcp = channel.is_some()
                && r.conn
                    .and_then(|c| self.clients.get(&c))
                    .is_some_and(|i| i.gmcp);
            let view = [
                self.can_see(reader, ch),
                args.vict.is_some_and(|v| self.can_see(reader, v)),
                args.obj1.is_some_and(|o| self.can_see_obj(reader, o)),
                args.obj2.is_some_and(|o| self.can_see_obj(reader, o)),
            ];
            let i = match made.iter().position(|(v, _)| *v == view) {
                Some(i) => i,
                None => {
                    made.push((view, self.act_format(format, ch, &args, reader)));
                    made.len() - 1
                }
            };
            let text = &made[i].1;
            self.send(reader, text);
            if let (Some(channel), true) = (channel, gmcp) {
                self.channel_events.push(ChannelEvent {
                    channel,
                    talker: ch,
                    listener: reader,
                    text: text.trim_end_matches('\n').to_string(),
                });
            }
        }
    }

    /// A mobile with an `act` program heard a line: queue its trigger
    /// (QuickMUD runs it inside `act()`; see `game::mob_prog`).
    fn hear_act(&mut self, format: &str, ch: CharId, args: &ActArgs<'_>, mob: CharId) {
        let text = self.act_format(format, ch, args, mob);
        self.mprog.heard.push(HeardAct {
            mob,
            text,
            ch,
            obj1: args.obj1,
            vict: args.vict,
            obj2: args.obj2,
        });
    }

    /// Expand the `$` codes of `format` for one reader, capitalised, with a newline.
    pub fn act_format(
        &self,
        format: &str,
        ch: CharId,
        args: &ActArgs<'_>,
        reader: CharId,
    ) -> String {
        let mut out = String::with_capacity(format.len() + 32);
        let mut chars = format.chars();
        let sex = |id: Option<CharId>| -> usize {
            id.and_then(|i| self.ch(i))
                .map_or(0, |c| c.sex.clamp(0, 2) as usize)
        };
        while let Some(c) = chars.next() {
            if c != '$' {
                out.push(c);
                continue;
            }
            let Some(code) = chars.next() else { break };
            match code {
                'n' => out.push_str(&self.pers(ch, reader)),
                'N' => match args.vict {
                    Some(v) => out.push_str(&self.pers(v, reader)),
                    None => out.push_str("someone"),
                },
                'e' => out.push_str(HE[sex(Some(ch))]),
                'E' => out.push_str(HE[sex(args.vict)]),
                'm' => out.push_str(HIM[sex(Some(ch))]),
                'M' => out.push_str(HIM[sex(args.vict)]),
                's' => out.push_str(HIS[sex(Some(ch))]),
                'S' => out.push_str(HIS[sex(args.vict)]),
                'p' => match args.obj1 {
                    Some(o) => out.push_str(&self.obj_pers(o, reader)),
                    None => out.push_str("something"),
                },
                'P' => match args.obj2 {
                    Some(o) => out.push_str(&self.obj_pers(o, reader)),
                    None => out.push_str("something"),
                },
                't' => out.push_str(args.text1.unwrap_or("")),
                'T' => out.push_str(args.text2.unwrap_or("")),
                'd' => {
                    let door = args
                        .text2
                        .and_then(|t| t.split_whitespace().next())
                        .unwrap_or("door");
                    out.push_str(door);
                }
                '$' => out.push('$'),
                other => {
                    out.push('$');
                    out.push(other);
                }
            }
        }
        capitalize_first(&mut out);
        out.push('\n');
        out
    }
}

/// Upper-case the first letter, skipping leading colour codes (`{x`).
/// Works on characters, never on byte offsets, so any UTF-8 is safe.
pub fn capitalize_first(s: &mut String) {
    let mut it = s.char_indices();
    let first = loop {
        match it.next() {
            Some((_, '{')) => {
                // A colour code: `{` and the character after it.
                if it.next().is_none() {
                    return;
                }
            }
            other => break other,
        }
    };
    if let Some((i, c)) = first {
        if c.is_lowercase() {
            let up: String = c.to_uppercase().collect();
            s.replace_range(i..i + c.len_utf8(), &up);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::capitalize_first;
    use super::*;

    /// Random strings from a pool that mixes ASCII, act and colour codes,
    /// multi-byte letters, emoji, combining marks and C1 controls through
    /// act(), capitalisation and the argument parsers: none may panic
    /// (`net::color` does the same for rendering; the `text` fuzz target in
    /// `fuzz/` runs both for longer).
    #[test]
    fn arbitrary_utf8_through_act_and_arguments() {
        const POOL: &[&str] = &[
            "a",
            "Z",
            " ",
            "$",
            "$n",
            "$N",
            "$t",
            "$T",
            "$d",
            "$p",
            "$e",
            "{",
            "{r",
            "{=",
            "{#",
            "{=12",
            "{#ff00",
            "\u{e9}",
            "\u{c9}",
            "\u{df}",
            "\u{1f600}",
            "\u{301}",
            "\u{85}",
            "\u{9b}",
            "\n",
            "\r",
            "~",
            "'",
            "\"",
            "0",
            "9.",
            "\u{202e}",
            "\u{ffff}",
        ];
        let mut w = World::new(crate::world::proto::Protos::default(), 11);
        let a = w.chars.insert(Char {
            name: "Alice".into(),
            pc: Some(Box::default()),
            ..Char::default()
        });
        let b = w.chars.insert(Char {
            name: "Bob".into(),
            pc: Some(Box::default()),
            ..Char::default()
        });
        let rng = Rng::new(99);
        for _ in 0..20_000 {
            let n = rng.range(0, 12) as usize;
            let text: String = (0..n)
                .map(|_| POOL[rng.range(0, POOL.len() as i32 - 1) as usize])
                .collect();
            if let Some(c) = w.ch_mut(a) {
                c.name = text.clone();
            }
            let args = ActArgs {
                vict: Some(b),
                text1: Some(&text),
                text2: Some(&text),
                ..Default::default()
            };
            let _ = w.act_format(&text, a, &args, b);
            let _ = w.act_format("$n tells $N '$t' ($T, $d)", a, &args, b);
            let mut s = text.clone();
            capitalize_first(&mut s);
            let (_, rest) = crate::world::handler::one_argument(&text);
            let _ = crate::world::handler::number_argument(rest);
            let _ = crate::world::handler::is_name(&text, "alice bob");
        }
    }

    fn cap(s: &str) -> String {
        let mut s = s.to_string();
        capitalize_first(&mut s);
        s
    }

    #[test]
    fn capitalize_first_skips_colour_codes_on_any_utf8() {
        assert_eq!(cap("bob arrives."), "Bob arrives.");
        assert_eq!(cap("{rbob"), "{rBob");
        assert_eq!(cap("{r{gbob"), "{r{gBob");
        // A colour code whose letter is not ASCII: once a panic in `goto`.
        assert_eq!(cap("{\u{e9}tienne"), "{\u{e9}Tienne");
        assert_eq!(cap("{\u{e9}\u{e9}"), "{\u{e9}\u{c9}");
        assert_eq!(cap("\u{e9}mile"), "\u{c9}mile");
        assert_eq!(cap("{"), "{");
        assert_eq!(cap(""), "");
        assert_eq!(cap("{\u{1f600}"), "{\u{1f600}");
        // Characters whose upper case is longer.
        assert_eq!(cap("\u{df}x"), "SSx");
    }
}
