//! "music.c": songs, jukeboxes and the music channel (rom-mechanics 14.5).
//!
//! Songs come from `music.txt` in the area directory (not listed in
//! `area.lst`): for each song its group and name as `~` strings, then one
//! lyric per line up to a line holding only `~`; a `#` ends the file. At
//! most 20 songs of at most 100 lines are kept (ROM's MAX_SONGS and
//! MAX_LINES). `play [loud] <song>` at a jukebox queues a song on the
//! jukebox (4 deep: values 1..4, value 0 the line being played) or, with
//! `loud`, on the world's music channel (10 deep); `play list [artist]`
//! shows what the jukebox holds. Every music pulse (6 s) the channel sings
//! its next line to everyone listening (not `nomusic`, not `quiet`) and
//! every jukebox with a song plays a line to its room. The channel's queue
//! is carried across a copyover in the world snapshot; a jukebox's queue
//! lives in its values, which the snapshot keeps anyway. The "Music:" and
//! "$p bops:" lines are ROM's shapes; the rest is in our own words.

use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::{comm, item, CharId, ObjLoc, Song, World};

pub const MAX_SONGS: usize = 20;
pub const MAX_LINES: usize = 100;
/// Songs the music channel can hold in its queue.
pub const MAX_GLOBAL: usize = 10;

/// Parse a songs file; problems come back as `line: message` notes, and
/// the songs read before them are kept.
pub fn parse_songs(text: &str) -> (Vec<Song>, Vec<String>) {
    let mut songs = Vec::new();
    let mut notes = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    // A `~` string that may span lines.
    let read_string = |i: &mut usize| -> Option<String> {
        let mut s = String::new();
        while *i < lines.len() {
            let l = lines[*i];
            *i += 1;
            if let Some(head) = l.strip_suffix('~') {
                s.push_str(head);
                return Some(s.trim().to_string());
            }
            s.push_str(l);
            s.push(' ');
        }
        None
    };
    while songs.len() < MAX_SONGS {
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        if i >= lines.len() {
            break;
        }
        if lines[i].trim_start().starts_with('#') {
            break;
        }
        let start = i + 1;
        let (Some(group), Some(name)) = (read_string(&mut i), read_string(&mut i)) else {
            notes.push(format!(
                "{start}: a song needs its group and name as ~ strings"
            ));
            break;
        };
        let mut lyrics = Vec::new();
        let mut ended = false;
        while i < lines.len() {
            let l = lines[i];
            i += 1;
            if l.trim() == "~" {
                ended = true;
                break;
            }
            if lyrics.len() < MAX_LINES {
                lyrics.push(l.trim_end().to_string());
            }
        }
        if !ended {
            notes.push(format!("{start}: song '{name}' has no closing ~ line"));
        }
        songs.push(Song {
            group,
            name,
            lyrics,
        });
        if !ended {
            break;
        }
    }
    (songs, notes)
}

/// The song whose name starts with `word` (ROM's song_lookup).
fn song_lookup(world: &World, word: &str) -> Option<usize> {
    let w = word.trim().to_ascii_lowercase();
    if w.is_empty() {
        return None;
    }
    world
        .songs
        .iter()
        .position(|s| s.name.to_ascii_lowercase().starts_with(&w))
}

pub fn do_play(world: &mut World, ch: CharId, arg: &str) {
    let room = world.ch(ch).and_then(|c| c.room);
    let juke = room
        .and_then(|r| world.room(r))
        .map(|r| r.contents.clone())
        .unwrap_or_default()
        .into_iter()
        .find(|&o| {
            world.obj(o).is_some_and(|o| o.item_type == item::JUKEBOX) && world.can_see_obj(ch, o)
        });
    if arg.trim().is_empty() {
        world.send(ch, "Play what?\n");
        return;
    }
    let Some(juke) = juke else {
        world.send(ch, "You see nothing to play.\n");
        return;
    };
    let (word, rest) = one_argument(arg);
    if word.eq_ignore_ascii_case("list") {
        let (what, artist) = one_argument(rest);
        let by_artist = what.eq_ignore_ascii_case("artist");
        let filter = if by_artist { artist } else { what.as_str() }.to_ascii_lowercase();
        let mut buf = String::new();
        let name = world
            .obj(juke)
            .map(|o| o.short_descr.clone())
            .unwrap_or_default();
        let mut first = name.chars();
        let name = match first.next() {
            Some(c) => c.to_uppercase().collect::<String>() + first.as_str(),
            None => name,
        };
        buf.push_str(&format!("{name} has the following songs available:\n"));
        let mut col = 0;
        for s in &world.songs {
            let keep = filter.is_empty()
                || if by_artist {
                    s.group.to_ascii_lowercase().starts_with(&filter)
                } else {
                    s.name.to_ascii_lowercase().starts_with(&filter)
                };
            if !keep {
                continue;
            }
            let cell = if by_artist {
                format!("{:<39} ", s.name)
            } else {
                format!("{:<39} ", format!("{}: {}", s.group, s.name))
            };
            buf.push_str(&cell);
            col += 1;
            if col % 2 == 0 {
                buf.push('\n');
            }
        }
        if col % 2 != 0 {
            buf.push('\n');
        }
        world.send(ch, &buf);
        return;
    }
    let (loud, title) = if word.eq_ignore_ascii_case("loud") {
        (true, rest)
    } else {
        (false, arg)
    };
    let Some(song) = song_lookup(world, title) else {
        world.send(ch, "That song isn't available.\n");
        return;
    };
    let song = song as i64;
    if loud {
        let queue = &mut world.channel_songs;
        match (1..=MAX_GLOBAL).find(|&i| queue[i] < 0) {
            Some(i) => {
                if i == 1 {
                    queue[0] = -1;
                }
                queue[i] = song;
            }
            None => {
                world.send(ch, "The jukebox is full up right now.\n");
                return;
            }
        }
    } else {
        let Some(o) = world.obj_mut(juke) else { return };
        match (1..5).find(|&i| o.values[i] < 0) {
            Some(i) => {
                if i == 1 {
                    o.values[0] = -1;
                }
                o.values[i] = song;
            }
            None => {
                world.send(ch, "The jukebox is full up right now.\n");
                return;
            }
        }
    }
    world.send(ch, "Coming right up.\n");
}

/// One music pulse: the channel's next line, then every jukebox's.
pub fn song_update(world: &mut World) {
    let count = world.songs.len() as i64;
    if world.channel_songs[1] >= count {
        world.channel_songs[1] = -1;
    }
    if world.channel_songs[1] > -1 {
        let song = world.channel_songs[1] as usize;
        let at = world.channel_songs[0];
        let lines = world.songs.get(song).map_or(0, |s| s.lyrics.len()) as i64;
        if at >= MAX_LINES as i64 || at >= lines {
            world.channel_songs[0] = -1;
            world.channel_songs.copy_within(2..=MAX_GLOBAL, 1);
            world.channel_songs[MAX_GLOBAL] = -1;
        } else {
            let text = match world.songs.get(song) {
                Some(s) if at < 0 => format!("Music: {}, {}", s.group, s.name),
                Some(s) => format!("Music: '{}'", s.lyrics[at as usize]),
                None => String::new(),
            };
            world.channel_songs[0] = if at < 0 { 0 } else { at + 1 };
            let listeners: Vec<CharId> = world
                .players
                .iter()
                .copied()
                .filter(|&p| {
                    world.ch(p).is_some_and(|c| {
                        c.conn.is_some() && c.comm & (comm::NOMUSIC | comm::QUIET) == 0
                    })
                })
                .collect();
            for p in listeners {
                world.send(p, &format!("{text}\n"));
            }
        }
    }
    let boxes: Vec<_> = world
        .objs
        .iter()
        .filter(|(_, o)| o.item_type == item::JUKEBOX && o.values[1] >= 0)
        .map(|(id, _)| id)
        .collect();
    for juke in boxes {
        let Some(o) = world.obj(juke) else { continue };
        if o.values[1] >= count {
            if let Some(o) = world.obj_mut(juke) {
                o.values[1] = -1;
            }
            continue;
        }
        let room = match o.loc {
            ObjLoc::Room(r) => Some(r),
            ObjLoc::Carried(c) => world.ch(c).and_then(|c| c.room),
            _ => None,
        };
        let Some(room) = room else { continue };
        let song = o.values[1] as usize;
        let at = o.values[0];
        let Some(s) = world.songs.get(song).cloned() else {
            continue;
        };
        let text = if at < 0 {
            if let Some(o) = world.obj_mut(juke) {
                o.values[0] = 0;
            }
            format!("$p starts playing {}, {}.", s.group, s.name)
        } else if at >= MAX_LINES as i64 || at >= s.lyrics.len() as i64 {
            if let Some(o) = world.obj_mut(juke) {
                o.values[0] = -1;
                o.values.copy_within(2..5, 1);
                o.values[4] = -1;
            }
            continue;
        } else {
            let line = format!("$p bops: '{}'", s.lyrics[at as usize]);
            if let Some(o) = world.obj_mut(juke) {
                o.values[0] += 1;
            }
            line
        };
        let first = world.room(room).and_then(|r| r.people.first().copied());
        if let Some(rch) = first {
            world.act(&text, rch, ActArgs::obj(juke), To::Char);
            world.act(&text, rch, ActArgs::obj(juke), To::Room);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{pos, Char, Obj, PcData, RoomVnum};

    const SONGS: &str = "The Lamplighters~\nRiver Road~\nDown the river road we go\nWhere the willows bend and the slow boats row\n~\nOld Hobb~\nLast Orders~\nOne more cup before the bell\n~\n#\n";

    fn world() -> (World, CharId, crate::world::ObjId) {
        let mut w = crate::game::nanny::tests::test_world();
        let room = w.rooms.keys().next().copied().unwrap_or(RoomVnum(1));
        let (songs, notes) = parse_songs(SONGS);
        assert!(notes.is_empty(), "{notes:?}");
        w.songs = songs;
        let ch = w.chars.insert(Char {
            name: "Tess".into(),
            level: 5,
            position: pos::STANDING,
            conn: Some(crate::engine::ConnId(1)),
            pc: Some(Box::new(PcData::default())),
            ..Char::default()
        });
        w.players.push(ch);
        w.char_to_room(ch, room);
        let juke = w.objs.insert(Obj {
            name: "jukebox".into(),
            short_descr: "a jukebox".into(),
            item_type: item::JUKEBOX,
            values: [-1; 5],
            wear_loc: -1,
            ..Obj::default()
        });
        w.obj_to_room(juke, room);
        (w, ch, juke)
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn songs_parse_and_limits_hold() {
        let (songs, notes) = parse_songs(SONGS);
        assert_eq!(songs.len(), 2);
        assert_eq!(songs[0].group, "The Lamplighters");
        assert_eq!(songs[0].lyrics.len(), 2);
        assert!(notes.is_empty());
        let (songs, notes) = parse_songs("A~\nB~\nno end\n");
        assert_eq!(songs.len(), 1);
        assert!(notes[0].contains("no closing"), "{notes:?}");
        let many: String = (0..30).map(|i| format!("G~\nS{i}~\nla\n~\n")).collect();
        assert_eq!(parse_songs(&many).0.len(), MAX_SONGS);
    }

    #[test]
    fn a_jukebox_plays_its_queue_line_by_line() {
        let (mut w, ch, juke) = world();
        do_play(&mut w, ch, "list");
        let t = out(&mut w, ch);
        assert!(
            t.contains("A jukebox has the following songs available:"),
            "{t}"
        );
        assert!(t.contains("The Lamplighters: River Road"), "{t}");
        do_play(&mut w, ch, "nonesuch");
        assert!(out(&mut w, ch).contains("That song isn't available."));
        do_play(&mut w, ch, "river");
        assert!(out(&mut w, ch).contains("Coming right up."));
        do_play(&mut w, ch, "last");
        assert_eq!(w.obj(juke).map(|o| o.values), Some([-1, 0, 1, -1, -1]));
        song_update(&mut w);
        assert!(out(&mut w, ch).contains("A jukebox starts playing The Lamplighters, River Road."));
        song_update(&mut w);
        assert!(out(&mut w, ch).contains("A jukebox bops: 'Down the river road we go'"));
        song_update(&mut w);
        song_update(&mut w);
        // The first song is over: the second moves up.
        assert_eq!(
            w.obj(juke).map(|o| (o.values[0], o.values[1])),
            Some((-1, 1))
        );
        for _ in 0..3 {
            do_play(&mut w, ch, "river");
        }
        do_play(&mut w, ch, "river");
        assert!(out(&mut w, ch).contains("The jukebox is full up right now."));
    }

    #[test]
    fn a_loud_song_goes_out_on_the_music_channel() {
        let (mut w, ch, _) = world();
        do_play(&mut w, ch, "loud last");
        out(&mut w, ch);
        song_update(&mut w);
        assert!(out(&mut w, ch).contains("Music: Old Hobb, Last Orders"));
        song_update(&mut w);
        assert!(out(&mut w, ch).contains("Music: 'One more cup before the bell'"));
        if let Some(c) = w.ch_mut(ch) {
            c.comm |= comm::NOMUSIC;
        }
        do_play(&mut w, ch, "loud river");
        song_update(&mut w);
        song_update(&mut w);
        assert!(!out(&mut w, ch).contains("Music:"));
    }
}
