//! Command tests for objects (act_obj), talk/socials/groups (act_comm) and
//! immortal commands (act_wiz), on a small hand-built world driven through
//! the real interpreter. No network: text is read off `Char::output`.

use gracemud::game::interp::interpret;
use gracemud::world::*;
use std::collections::BTreeMap;

const TEMPLE: RoomVnum = RoomVnum(3001);
const HALL: RoomVnum = RoomVnum(3002);

fn room(vnum: i32, name: &str) -> RoomProto {
    RoomProto {
        vnum: RoomVnum(vnum),
        name: name.to_string(),
        description: "A room.\n".into(),
        ..Default::default()
    }
}

fn obj(
    vnum: i32,
    kw: &str,
    short: &str,
    item_type: i32,
    wear_flags: Flags,
    weight: i32,
    values: [i64; 5],
) -> ObjProto {
    ObjProto {
        vnum: ObjVnum(vnum),
        keywords: kw.into(),
        short_descr: short.into(),
        long_descr: format!("{short} is here."),
        item_type,
        wear_flags,
        weight,
        values,
        condition: 100,
        ..Default::default()
    }
}

fn protos() -> Protos {
    let mut rooms = BTreeMap::new();
    for r in [room(3001, "The Temple"), room(3002, "The Hall")] {
        rooms.insert(r.vnum, r);
    }
    let mut objs = BTreeMap::new();
    let t = wear::TAKE;
    let list = vec![
        obj(
            1,
            "coin silver",
            "a silver coin",
            item::MONEY,
            t,
            0,
            [1, 0, 0, 0, 0],
        ),
        obj(
            2,
            "coin gold",
            "a gold coin",
            item::MONEY,
            t,
            0,
            [0, 1, 0, 0, 0],
        ),
        obj(3, "coins gold", "%d gold coins", item::MONEY, t, 0, [0; 5]),
        obj(
            4,
            "coins silver",
            "%d silver coins",
            item::MONEY,
            t,
            0,
            [0; 5],
        ),
        obj(
            5,
            "coins silver gold",
            "%d silver coins and %d gold coins",
            item::MONEY,
            t,
            0,
            [0; 5],
        ),
        obj(
            100,
            "sword long",
            "a long sword",
            item::WEAPON,
            t | wear::WIELD,
            50,
            [1, 2, 6, 3, 0],
        ),
        obj(
            101,
            "bag sack",
            "a sack",
            item::CONTAINER,
            t | wear::HOLD,
            10,
            [100, 0, -1, 60, 100],
        ),
        obj(
            102,
            "ring silver",
            "a silver ring",
            item::JEWELRY,
            t | wear::FINGER,
            1,
            [0; 5],
        ),
        obj(
            103,
            "helmet",
            "an iron helmet",
            item::ARMOR,
            t | wear::HEAD,
            20,
            [2, 2, 2, 0, 0],
        ),
        obj(
            104,
            "fountain",
            "a marble fountain",
            item::FOUNTAIN,
            0,
            1000,
            [0; 5],
        ),
        obj(
            105,
            "box",
            "a small box",
            item::CONTAINER,
            t,
            5,
            [50, 1 | 4, -1, 50, 100],
        ),
        obj(
            106,
            "boulder",
            "a huge boulder",
            item::TRASH,
            t,
            900_000,
            [0; 5],
        ),
        obj(
            107,
            "torch",
            "a torch",
            item::LIGHT,
            t | wear::HOLD,
            5,
            [0, 0, 10, 0, 0],
        ),
        obj(
            108,
            "pouch",
            "a tiny pouch",
            item::CONTAINER,
            t,
            10,
            [5, 0, -1, 1, 100],
        ),
        obj(
            109,
            "cap",
            "a leather cap",
            item::ARMOR,
            t | wear::HEAD,
            5,
            [1, 1, 1, 0, 0],
        ),
        obj(
            110,
            "satchel",
            "a lightening satchel",
            item::CONTAINER,
            t,
            10,
            [100, 0, -1, 60, 50],
        ),
    ];
    for o in list {
        objs.insert(o.vnum, o);
    }
    let mut mobs = BTreeMap::new();
    mobs.insert(
        MobVnum(200),
        MobProto {
            vnum: MobVnum(200),
            keywords: "guard cityguard".into(),
            short_descr: "the cityguard".into(),
            long_descr: "A cityguard stands here.\n".into(),
            level: 10,
            hit: Dice {
                number: 2,
                size: 10,
                bonus: 50,
            },
            start_pos: pos::STANDING,
            default_pos: pos::STANDING,
            sex: 1,
            size: Size::Medium,
            ..Default::default()
        },
    );
    let social = |name: &str, msgs: [&str; 8]| {
        let m = |i: usize| (!msgs[i].is_empty()).then(|| msgs[i].to_string());
        Social {
            name: name.into(),
            char_no_arg: m(0),
            others_no_arg: m(1),
            char_found: m(2),
            others_found: m(3),
            vict_found: m(4),
            char_not_found: m(5),
            char_auto: m(6),
            others_auto: m(7),
        }
    };
    let socials = vec![
        social(
            "kiss",
            [
                "Isn't there someone you want to kiss?",
                "",
                "You kiss $M.",
                "$n kisses $N.",
                "$n kisses you.",
                "Never around when required.",
                "All the lonely people :(",
                "$n kisses $mself.",
            ],
        ),
        social(
            "smile",
            [
                "You smile happily.",
                "$n smiles happily.",
                "You smile at $M.",
                "$n beams a smile at $N.",
                "$n smiles at you.",
                "",
                "You smile at yourself.",
                "$n smiles at $mself.",
            ],
        ),
        social(
            "snore",
            [
                "Zzzzzzzzzzzzzzzzz.",
                "$n snores loudly.",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        ),
    ];
    Protos {
        areas: vec![AreaProto {
            name: "Test Area".into(),
            low_vnum: 3000,
            high_vnum: 3099,
            ..Default::default()
        }],
        rooms,
        objs,
        mobs,
        socials,
        ..Default::default()
    }
}

fn world() -> World {
    World::new(protos(), 7)
}

fn player(w: &mut World, name: &str, level: i32, at: RoomVnum) -> CharId {
    let n = w.players.len() + 1;
    let c = Char {
        pc: Some(Box::new(PcData {
            id: n as i64,
            points: 40,
            ..Default::default()
        })),
        conn: Some(ConnId(n)),
        name: name.into(),
        short_descr: name.into(),
        level,
        sex: 1,
        class: 3,
        hit: 50,
        max_hit: 100,
        mana: 50,
        max_mana: 100,
        mv: 50,
        max_mv: 100,
        position: pos::STANDING,
        perm_stat: [16; 5],
        size: Size::Medium,
        ..Default::default()
    };
    let id = w.chars.insert(c);
    w.players.push(id);
    w.char_to_room(id, at);
    id
}

/// Take everything queued for `ch`.
fn out(w: &mut World, ch: CharId) -> String {
    w.ch_mut(ch)
        .map(|c| std::mem::take(&mut c.output))
        .unwrap_or_default()
}

fn run(w: &mut World, ch: CharId, line: &str) -> String {
    out(w, ch);
    interpret(w, ch, line);
    out(w, ch)
}

fn load_to_room(w: &mut World, vnum: i32, r: RoomVnum) -> ObjId {
    let o = w
        .create_object(ObjVnum(vnum), 0)
        .expect("test prototype exists");
    w.obj_to_room(o, r);
    o
}

fn load_to_char(w: &mut World, vnum: i32, ch: CharId) -> ObjId {
    let o = w
        .create_object(ObjVnum(vnum), 0)
        .expect("test prototype exists");
    w.obj_to_char(o, ch);
    o
}

fn carries(w: &World, ch: CharId, o: ObjId) -> bool {
    w.obj(o).is_some_and(|x| x.loc == ObjLoc::Carried(ch))
}

// ------------------------------------------------------------------ objects

#[test]
fn get_and_drop_single_items_with_room_messages() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let sword = load_to_room(&mut w, 100, TEMPLE);
    out(&mut w, bob);
    assert_eq!(run(&mut w, al, "get sword"), "You get a long sword.\n");
    assert!(carries(&w, al, sword));
    assert_eq!(out(&mut w, bob), "Alice gets a long sword.\n");
    assert_eq!(run(&mut w, al, "get sword"), "I see no sword here.\n");
    assert_eq!(run(&mut w, al, "get"), "Get what?\n");
    assert_eq!(run(&mut w, al, "drop sword"), "You drop a long sword.\n");
    assert_eq!(out(&mut w, bob), "Alice drops a long sword.\n");
    assert_eq!(w.obj(sword).map(|o| o.loc), Some(ObjLoc::Room(TEMPLE)));
    assert_eq!(
        run(&mut w, al, "drop sword"),
        "You do not have that item.\n"
    );
    let fountain = load_to_room(&mut w, 104, TEMPLE);
    assert_eq!(run(&mut w, al, "get fountain"), "You can't take that.\n");
    assert!(w
        .obj(fountain)
        .is_some_and(|o| o.loc == ObjLoc::Room(TEMPLE)));
}

#[test]
fn get_all_forms_and_numbered_names() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let s1 = load_to_room(&mut w, 100, TEMPLE);
    let s2 = load_to_room(&mut w, 100, TEMPLE); // newest first: s2 is "1.sword"
    let ring = load_to_room(&mut w, 102, TEMPLE);
    assert_eq!(run(&mut w, al, "get 2.sword"), "You get a long sword.\n");
    assert!(carries(&w, al, s1) && !carries(&w, al, s2));
    assert_eq!(run(&mut w, al, "get all.sword"), "You get a long sword.\n");
    assert!(carries(&w, al, s2) && !carries(&w, al, ring));
    assert_eq!(run(&mut w, al, "get all.sword"), "I see no sword here.\n");
    assert_eq!(run(&mut w, al, "get all"), "You get a silver ring.\n");
    assert_eq!(run(&mut w, al, "get all"), "I see nothing here.\n");
    // drop all.sword leaves the ring; drop all drops the rest.
    let t = run(&mut w, al, "drop all.sword");
    assert_eq!(t.matches("You drop a long sword.").count(), 2);
    assert!(carries(&w, al, ring));
    assert_eq!(run(&mut w, al, "drop all"), "You drop a silver ring.\n");
    assert_eq!(
        run(&mut w, al, "drop all"),
        "You are not carrying anything.\n"
    );
}

#[test]
fn carry_limits_use_rom_messages() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let boulder = load_to_room(&mut w, 106, TEMPLE);
    assert_eq!(
        run(&mut w, al, "get boulder"),
        "Boulder: you can't carry that much weight.\n"
    );
    assert!(!carries(&w, al, boulder));
    let limit = w.can_carry_n(al);
    for _ in 0..limit {
        load_to_char(&mut w, 109, al);
    }
    let one_more = load_to_room(&mut w, 102, TEMPLE); // jewelry counts no item
    load_to_room(&mut w, 109, TEMPLE);
    let t = run(&mut w, al, "get all");
    assert!(t.contains("You get a silver ring."), "{t}");
    assert!(t.contains("Cap: you can't carry that many items."), "{t}");
    assert!(carries(&w, al, one_more));
}

#[test]
fn money_objects_become_coins_and_drop_merges_piles() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    w.ch_mut(al).expect("alice").gold = 20;
    w.ch_mut(al).expect("alice").silver = 7;
    assert_eq!(run(&mut w, al, "drop 5 gold"), "OK.\n");
    assert_eq!(out(&mut w, bob), "Alice drops some coins.\n");
    assert_eq!(run(&mut w, al, "drop 3 gold"), "OK.\n");
    let floor = w.room(TEMPLE).expect("temple").contents.clone();
    assert_eq!(floor.len(), 1, "piles merge");
    let pile = w.obj(floor[0]).expect("pile");
    assert_eq!(
        (pile.item_type, pile.values[1], pile.short_descr.as_str()),
        (item::MONEY, 8, "8 gold coins")
    );
    assert_eq!(run(&mut w, al, "drop 2 silver"), "OK.\n");
    let floor = w.room(TEMPLE).expect("temple").contents.clone();
    assert_eq!(
        w.obj(floor[0]).map(|o| o.short_descr.clone()).as_deref(),
        Some("2 silver coins and 8 gold coins")
    );
    assert_eq!(
        run(&mut w, al, "drop 100 gold"),
        "You don't have that much gold.\n"
    );
    assert_eq!(
        run(&mut w, al, "drop 3 bananas"),
        "Sorry, you can't do that.\n"
    );
    assert_eq!(
        run(&mut w, al, "get coins"),
        "You get 2 silver coins and 8 gold coins.\n"
    );
    let a = w.ch(al).expect("alice");
    assert_eq!((a.gold, a.silver), (20, 7));
    assert!(
        w.room(TEMPLE).expect("temple").contents.is_empty(),
        "money object is destroyed"
    );
}

#[test]
fn containers_put_get_closed_and_capacity() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let bag = load_to_char(&mut w, 101, al);
    let sword = load_to_char(&mut w, 100, al);
    let ring = load_to_char(&mut w, 102, al);
    out(&mut w, bob);
    assert_eq!(
        run(&mut w, al, "put sword in bag"),
        "You put a long sword in a sack.\n"
    );
    assert_eq!(out(&mut w, bob), "Alice puts a long sword in a sack.\n");
    assert_eq!(w.obj(sword).map(|o| o.loc), Some(ObjLoc::In(bag)));
    assert_eq!(
        run(&mut w, al, "put bag bag"),
        "You can't fold it into itself.\n"
    );
    assert_eq!(run(&mut w, al, "put ring box"), "I see no box here.\n");
    let pouch = load_to_char(&mut w, 108, al);
    assert_eq!(
        run(&mut w, al, "put helmet pouch"),
        "You do not have that item.\n"
    );
    load_to_char(&mut w, 103, al);
    assert_eq!(run(&mut w, al, "put helmet pouch"), "It won't fit.\n");
    let box_ = load_to_room(&mut w, 105, TEMPLE);
    assert_eq!(run(&mut w, al, "put ring box"), "The box is closed.\n");
    assert_eq!(run(&mut w, al, "get all box"), "The box is closed.\n");
    assert_eq!(
        run(&mut w, al, "put ring helmet"),
        "That's not a container.\n"
    );
    assert_eq!(
        run(&mut w, al, "put all.ring bag"),
        "You put a silver ring in a sack.\n"
    );
    assert_eq!(w.obj(ring).map(|o| o.loc), Some(ObjLoc::In(bag)));
    assert_eq!(
        run(&mut w, al, "get ring bag"),
        "You get a silver ring from a sack.\n"
    );
    assert!(carries(&w, al, ring));
    assert_eq!(
        run(&mut w, al, "get all bag"),
        "You get a long sword from a sack.\n"
    );
    assert_eq!(
        run(&mut w, al, "get all bag"),
        "I see nothing in the bag.\n"
    );
    assert_eq!(run(&mut w, al, "get all all.bag"), "You can't do that.\n");
    let _ = (pouch, box_);
}

#[test]
fn give_objects_and_coins() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let carol = player(&mut w, "Carol", 10, TEMPLE);
    let sword = load_to_char(&mut w, 100, al);
    out(&mut w, bob);
    out(&mut w, carol);
    assert_eq!(
        run(&mut w, al, "give sword bob"),
        "You give a long sword to Bob.\n"
    );
    assert!(carries(&w, bob, sword));
    assert_eq!(out(&mut w, bob), "Alice gives you a long sword.\n");
    assert_eq!(out(&mut w, carol), "Alice gives a long sword to Bob.\n");
    assert_eq!(
        run(&mut w, al, "give sword bob"),
        "You do not have that item.\n"
    );
    assert_eq!(run(&mut w, bob, "give sword nobody"), "They aren't here.\n");
    assert_eq!(run(&mut w, bob, "give sword"), "Give what to whom?\n");
    w.ch_mut(al).expect("alice").gold = 30;
    assert_eq!(
        run(&mut w, al, "give 10 gold bob"),
        "You give Bob 10 gold.\n"
    );
    assert_eq!(out(&mut w, bob), "Alice gives you 10 gold.\n");
    assert_eq!(out(&mut w, carol), "Alice gives Bob some coins.\n");
    assert_eq!(
        (w.ch(al).expect("a").gold, w.ch(bob).expect("b").gold),
        (20, 10)
    );
    assert_eq!(
        run(&mut w, al, "give 99 gold bob"),
        "You haven't got that much.\n"
    );
    // An NPC receiver.
    let guard = w.create_mobile(MobVnum(200)).expect("mob");
    w.char_to_room(guard, TEMPLE);
    let ring = load_to_char(&mut w, 102, al);
    assert_eq!(
        run(&mut w, al, "give ring guard"),
        "You give a silver ring to the cityguard.\n"
    );
    assert!(carries(&w, guard, ring));
    // No-drop items stay put.
    let cursed = load_to_char(&mut w, 102, al);
    w.obj_mut(cursed).expect("ring").extra_flags |= extra::NODROP;
    assert_eq!(
        run(&mut w, al, "give ring bob"),
        "You can't let go of it.\n"
    );
    assert_eq!(run(&mut w, al, "drop ring"), "You can't let go of it.\n");
}

#[test]
fn wear_picks_slots_replaces_and_removes() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let helmet = load_to_char(&mut w, 103, al);
    let armor_before = w.ch(al).expect("a").armor;
    out(&mut w, bob);
    assert_eq!(
        run(&mut w, al, "wear helmet"),
        "You wear an iron helmet on your head.\n"
    );
    assert_eq!(
        out(&mut w, bob),
        "Alice wears an iron helmet on his head.\n"
    );
    assert_eq!(w.obj(helmet).map(|o| o.wear_loc), Some(wear_loc::HEAD));
    assert_eq!(
        w.ch(al).expect("a").armor[0],
        armor_before[0] - 4,
        "head armour counts double"
    );
    // A second head item replaces the first.
    let cap = load_to_char(&mut w, 109, al);
    assert_eq!(
        run(&mut w, al, "wear cap"),
        "You stop using an iron helmet.\nYou wear a leather cap on your head.\n"
    );
    assert_eq!(w.obj(helmet).map(|o| o.wear_loc), Some(wear_loc::NONE));
    assert_eq!(w.obj(cap).map(|o| o.wear_loc), Some(wear_loc::HEAD));
    // Rings fill left, then right, then replace the left.
    let r1 = load_to_char(&mut w, 102, al);
    let r2 = load_to_char(&mut w, 102, al);
    let r3 = load_to_char(&mut w, 102, al);
    assert_eq!(
        run(&mut w, al, "wear ring"),
        "You wear a silver ring on your left finger.\n"
    );
    assert_eq!(
        run(&mut w, al, "wear ring"),
        "You wear a silver ring on your right finger.\n"
    );
    let t = run(&mut w, al, "wear ring");
    assert_eq!(
        t,
        "You stop using a silver ring.\nYou wear a silver ring on your left finger.\n"
    );
    let worn: Vec<i32> = [r1, r2, r3]
        .iter()
        .map(|&r| w.obj(r).map_or(-9, |o| o.wear_loc))
        .collect();
    assert_eq!(worn.iter().filter(|&&l| l == wear_loc::FINGER_L).count(), 1);
    assert_eq!(worn.iter().filter(|&&l| l == wear_loc::FINGER_R).count(), 1);
    assert_eq!(worn.iter().filter(|&&l| l == wear_loc::NONE).count(), 1);
    // wield
    let sword = load_to_char(&mut w, 100, al);
    assert_eq!(run(&mut w, al, "wield sword"), "You wield a long sword.\n");
    assert_eq!(w.obj(sword).map(|o| o.wear_loc), Some(wear_loc::WIELD));
    assert_eq!(
        run(&mut w, al, "wear boulder"),
        "You do not have that item.\n"
    );
    let fountain = w.create_object(ObjVnum(104), 0).expect("fountain");
    w.obj_to_char(fountain, al);
    assert_eq!(
        run(&mut w, al, "wear fountain"),
        "You can't wear, wield, or hold that.\n"
    );
    // A light lights the room.
    assert_eq!(w.room(TEMPLE).expect("t").light, 0);
    assert_eq!(
        run(&mut w, al, "hold torch"),
        "You do not have that item.\n"
    );
    load_to_char(&mut w, 107, al);
    assert_eq!(
        run(&mut w, al, "hold torch"),
        "You light a torch and hold it.\n"
    );
    assert_eq!(w.room(TEMPLE).expect("t").light, 1);
    // wear all fills only empty slots: the spare helmet and ring stay loose.
    let t = run(&mut w, al, "wear all");
    assert!(!t.contains("stop using"), "{t}");
    assert_eq!(w.obj(helmet).map(|o| o.wear_loc), Some(wear_loc::NONE));
    // remove and NOREMOVE
    w.obj_mut(cap).expect("cap").extra_flags |= extra::NOREMOVE;
    assert_eq!(
        run(&mut w, al, "remove cap"),
        "You can't remove a leather cap.\n"
    );
    assert_eq!(
        run(&mut w, al, "remove sword"),
        "You stop using a long sword.\n"
    );
    assert_eq!(w.obj(sword).map(|o| o.wear_loc), Some(wear_loc::NONE));
    let t = run(&mut w, al, "remove all");
    assert!(
        t.contains("You stop using a torch.") && t.contains("You can't remove a leather cap."),
        "{t}"
    );
    assert_eq!(w.room(TEMPLE).expect("t").light, 0);
    assert_eq!(
        w.ch(al).expect("a").armor[0],
        armor_before[0] - 2,
        "only the cap is still worn"
    );
}

#[test]
fn level_and_alignment_limits_on_wearing() {
    let mut w = world();
    let al = player(&mut w, "Alice", 1, TEMPLE);
    let helmet = load_to_char(&mut w, 103, al);
    w.obj_mut(helmet).expect("h").level = 5;
    assert_eq!(
        run(&mut w, al, "wear helmet"),
        "You must be level 5 to use this object.\n"
    );
    w.obj_mut(helmet).expect("h").level = 0;
    w.obj_mut(helmet).expect("h").extra_flags |= extra::ANTI_NEUTRAL;
    let t = run(&mut w, al, "wear helmet");
    assert!(
        t.ends_with("You are zapped by an iron helmet and drop it.\n"),
        "{t}"
    );
    assert_eq!(w.obj(helmet).map(|o| o.loc), Some(ObjLoc::Room(TEMPLE)));
}

// -------------------------------------------------------------------- talk

#[test]
fn say_tell_and_reply() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let carol = player(&mut w, "Carol", 10, HALL);
    out(&mut w, bob);
    out(&mut w, carol);
    assert_eq!(
        run(&mut w, al, "say hello there"),
        "You say 'hello there'\n"
    );
    assert_eq!(out(&mut w, bob), "Alice says 'hello there'\n");
    assert_eq!(out(&mut w, carol), "", "say stays in the room");
    assert_eq!(run(&mut w, al, "'hi"), "You say 'hi'\n");
    assert_eq!(run(&mut w, al, "say"), "Say what?\n");
    assert_eq!(run(&mut w, carol, "reply hi"), "They aren't here.\n");
    assert_eq!(
        run(&mut w, al, "tell carol are you there?"),
        "You tell Carol 'are you there?'\n"
    );
    assert_eq!(out(&mut w, carol), "Alice tells you 'are you there?'\n");
    assert_eq!(run(&mut w, carol, "reply yes"), "You tell Alice 'yes'\n");
    assert_eq!(out(&mut w, al), "Carol tells you 'yes'\n");
    assert_eq!(run(&mut w, al, "tell nobody hi"), "They aren't here.\n");
    assert_eq!(run(&mut w, al, "tell carol"), "Tell whom what?\n");
    // A sleeping target cannot hear a mortal.
    w.ch_mut(carol).expect("c").position = pos::SLEEPING;
    assert_eq!(run(&mut w, al, "tell carol psst"), "He can't hear you.\n");
    w.ch_mut(carol).expect("c").position = pos::STANDING;
    // Link-dead: told so, and the tell still waits on the character.
    w.ch_mut(carol).expect("c").conn = None;
    assert_eq!(
        run(&mut w, al, "tell carol come back"),
        "Carol seems to have misplaced his link...try again later.\n"
    );
    let c = w.ch(carol).expect("c");
    assert!(
        c.output.contains("Alice tells you 'come back'"),
        "{}",
        c.output
    );
    assert_eq!(c.reply, Some(al));
    // Emote
    out(&mut w, bob);
    assert_eq!(run(&mut w, al, "emote waves."), "Alice waves.\n");
    assert_eq!(out(&mut w, bob), "Alice waves.\n");
}

#[test]
fn gossip_reaches_everyone_listening_and_toggles() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let carol = player(&mut w, "Carol", 10, HALL);
    out(&mut w, bob);
    out(&mut w, carol);
    assert_eq!(
        run(&mut w, al, "gossip hello world"),
        "You gossip 'hello world'\n"
    );
    assert_eq!(out(&mut w, bob), "Alice gossips 'hello world'\n");
    assert_eq!(out(&mut w, carol), "Alice gossips 'hello world'\n");
    assert_eq!(run(&mut w, carol, "gossip"), "Gossip channel is now OFF.\n");
    run(&mut w, al, "gossip again");
    assert_eq!(out(&mut w, carol), "");
    assert_eq!(out(&mut w, bob), "Alice gossips 'again'\n");
    assert_eq!(run(&mut w, carol, "gossip"), "Gossip channel is now ON.\n");
    w.ch_mut(bob).expect("b").comm |= comm::QUIET;
    run(&mut w, al, "gossip third");
    assert_eq!(out(&mut w, bob), "", "quiet hears no channels");
    assert_eq!(
        run(&mut w, bob, "gossip me"),
        "You must turn off quiet mode first.\n"
    );
    // shout: everyone awake, with lag
    out(&mut w, carol);
    assert_eq!(run(&mut w, al, "shout HEY"), "You shout 'HEY'\n");
    assert_eq!(out(&mut w, carol), "Alice shouts 'HEY'\n");
    assert!(w.ch(al).expect("a").wait >= 12);
}

#[test]
fn punctuation_shortcuts_gtell_and_immtalk() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let carol = player(&mut w, "Carol", 10, HALL);
    let zeus = player(&mut w, "Zeus", 52, HALL);
    let hera = player(&mut w, "Hera", 60, HALL);
    for c in [bob, carol, zeus, hera] {
        out(&mut w, c);
    }
    // `.` is gossip and `,` emote, with or without a space.
    assert_eq!(run(&mut w, al, ".hello all"), "You gossip 'hello all'\n");
    assert_eq!(out(&mut w, carol), "Alice gossips 'hello all'\n");
    assert_eq!(run(&mut w, al, ", waves."), "Alice waves.\n");
    assert_eq!(
        out(&mut w, bob),
        "Alice gossips 'hello all'\nAlice waves.\n"
    );
    // gtell and `;`: the group, wherever they are, even asleep.
    w.ch_mut(carol).expect("c").master = Some(al);
    w.ch_mut(carol).expect("c").leader = Some(al);
    w.ch_mut(carol).expect("c").position = pos::SLEEPING;
    out(&mut w, carol);
    assert_eq!(
        run(&mut w, al, ";meet at the gate"),
        "You tell the group 'meet at the gate'\n"
    );
    assert_eq!(
        out(&mut w, carol),
        "Alice tells the group 'meet at the gate'\n"
    );
    assert_eq!(out(&mut w, bob), "", "not in the group");
    assert_eq!(
        run(&mut w, carol, "gtell on my way"),
        "You tell the group 'on my way'\n"
    );
    assert_eq!(out(&mut w, al), "Carol tells the group 'on my way'\n");
    assert_eq!(run(&mut w, al, "gtell"), "Tell your group what?\n");
    w.ch_mut(al).expect("a").comm |= comm::NOTELL;
    assert_eq!(run(&mut w, al, ";hi"), "Your message didn't get through!\n");
    // immtalk and `:` are for immortals; mortals do not hear it.
    out(&mut w, hera);
    out(&mut w, zeus);
    assert_eq!(run(&mut w, al, ":hi"), "Huh?\n");
    assert_eq!(run(&mut w, zeus, ":all quiet"), "[Zeus]: all quiet\n");
    assert_eq!(out(&mut w, hera), "[Zeus]: all quiet\n");
    assert_eq!(out(&mut w, carol), "");
    assert_eq!(
        run(&mut w, hera, "immtalk"),
        "Immortal channel is now OFF\n"
    );
    run(&mut w, zeus, "immtalk again");
    assert_eq!(out(&mut w, hera), "");
    assert_eq!(run(&mut w, hera, "imm"), "Immortal channel is now ON\n");
    // q, qu and qui never quit: in ROM's order q and qu are question (the
    // Q/A channel's toggle) and qui is quiet.
    assert_eq!(run(&mut w, bob, "q"), "Q/A channel is now OFF.\n");
    assert_eq!(run(&mut w, bob, "qu"), "Q/A channel is now ON.\n");
    assert_eq!(
        run(&mut w, bob, "qui"),
        "From now on, you will only hear says and emotes.\n"
    );
    assert_eq!(run(&mut w, bob, "quie"), "Quiet mode removed.\n");
    assert!(w.requests.is_empty(), "{:?}", w.requests);
}

#[test]
fn socials_with_and_without_target() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let carol = player(&mut w, "Carol", 10, TEMPLE);
    w.ch_mut(al).expect("a").sex = 2;
    out(&mut w, bob);
    out(&mut w, carol);
    assert_eq!(run(&mut w, al, "smile"), "You smile happily.\n");
    assert_eq!(out(&mut w, bob), "Alice smiles happily.\n");
    out(&mut w, carol);
    assert_eq!(run(&mut w, al, "kiss bob"), "You kiss him.\n");
    assert_eq!(out(&mut w, bob), "Alice kisses you.\n");
    assert_eq!(out(&mut w, carol), "Alice kisses Bob.\n");
    // `ki` is `kill` (commands come before socials, as in ROM); `kis` is kiss.
    assert_eq!(run(&mut w, al, "ki"), "Kill whom?\n");
    assert_eq!(
        run(&mut w, al, "kis"),
        "Isn't there someone you want to kiss?\n",
        "prefix match"
    );
    assert_eq!(out(&mut w, bob), "", "an absent message is not sent");
    assert_eq!(run(&mut w, al, "kiss zed"), "They aren't here.\n");
    assert_eq!(run(&mut w, al, "kiss self"), "All the lonely people :(\n");
    assert_eq!(out(&mut w, bob), "Alice kisses herself.\n");
    assert_eq!(run(&mut w, al, "xyzzy"), "Huh?\n");
    w.ch_mut(al).expect("a").position = pos::SLEEPING;
    assert_eq!(run(&mut w, al, "smile"), "In your dreams, or what?\n");
    out(&mut w, bob);
    assert_eq!(run(&mut w, al, "snore"), "Zzzzzzzzzzzzzzzzz.\n");
    assert_eq!(out(&mut w, bob), "Alice snores loudly.\n");
    w.ch_mut(al).expect("a").position = pos::STANDING;
    let list = run(&mut w, al, "socials");
    assert!(
        list.contains("kiss") && list.contains("smile") && list.contains("snore"),
        "{list}"
    );
}

#[test]
fn follow_and_group() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let carol = player(&mut w, "Carol", 10, TEMPLE);
    out(&mut w, al);
    assert_eq!(run(&mut w, bob, "follow alice"), "You now follow Alice.\n");
    assert_eq!(out(&mut w, al), "Bob now follows you.\n");
    assert_eq!(w.ch(bob).expect("b").master, Some(al));
    assert_eq!(
        run(&mut w, al, "group carol"),
        "Carol isn't following you.\n"
    );
    assert_eq!(run(&mut w, al, "group bob"), "Bob joins your group.\n");
    assert_eq!(out(&mut w, bob), "You join Alice's group.\n");
    assert_eq!(out(&mut w, carol), "Bob joins Alice's group.\n");
    assert_eq!(
        run(&mut w, bob, "group carol"),
        "But you are following someone else!\n"
    );
    let list = run(&mut w, bob, "group");
    assert!(list.starts_with("Alice's group:\n"), "{list}");
    assert!(
        list.contains("Alice") && list.contains("Bob") && !list.contains("Carol"),
        "{list}"
    );
    assert!(list.contains("50/ 100 hp"), "{list}");
    assert_eq!(
        run(&mut w, al, "group bob"),
        "You remove Bob from your group.\n"
    );
    assert_eq!(w.ch(bob).expect("b").leader, None);
    assert_eq!(
        run(&mut w, bob, "follow self"),
        "You stop following Alice.\n"
    );
    assert_eq!(w.ch(bob).expect("b").master, None);
    assert_eq!(
        run(&mut w, bob, "follow self"),
        "You already follow yourself.\n"
    );
    w.ch_mut(carol).expect("c").act |= plr::NOFOLLOW;
    assert_eq!(
        run(&mut w, bob, "follow carol"),
        "Carol doesn't seem to want any followers.\n"
    );
}

#[test]
fn save_and_quit_queue_requests() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    // "Saving." is the game's answer once the file is written, not the
    // command's.
    let t = run(&mut w, al, "save");
    assert!(t.is_empty(), "{t}");
    assert_eq!(w.requests, vec![Request::SaveCommand(al)]);
    w.requests.clear();
    let guard = w.create_mobile(MobVnum(200)).expect("mob");
    w.char_to_room(guard, TEMPLE);
    {
        let a = w.ch_mut(al).expect("a");
        a.fighting = Some(guard);
        a.position = pos::FIGHTING;
    }
    assert_eq!(run(&mut w, al, "quit"), "No way! You are fighting.\n");
    assert!(w.requests.is_empty());
    {
        let a = w.ch_mut(al).expect("a");
        a.fighting = None;
        a.position = pos::STANDING;
    }
    run(&mut w, al, "quit");
    assert_eq!(w.requests, vec![Request::Quit(al)]);
    assert!(w.chars.contains(al), "quit does not extract by itself");
}

// ---------------------------------------------------------------- immortal

#[test]
fn mortals_cannot_use_immortal_commands() {
    let mut w = world();
    let al = player(&mut w, "Alice", 10, TEMPLE);
    for cmd in [
        "goto 3002",
        "transfer alice",
        "load obj 100",
        "purge",
        "restore",
        "advance alice 20",
        "stat room",
    ] {
        assert_eq!(run(&mut w, al, cmd), "Huh?\n", "{cmd}");
    }
    assert_eq!(w.ch(al).expect("a").room, Some(TEMPLE));
}

#[test]
fn goto_transfer_and_at() {
    let mut w = world();
    let imm = player(&mut w, "Zeus", 60, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    let carol = player(&mut w, "Carol", 10, HALL);
    out(&mut w, bob);
    out(&mut w, carol);
    run(&mut w, imm, "goto 3002");
    assert_eq!(w.ch(imm).expect("z").room, Some(HALL));
    assert_eq!(out(&mut w, bob), "Zeus leaves in a swirling mist.\n");
    assert_eq!(out(&mut w, carol), "Zeus appears in a swirling mist.\n");
    assert_eq!(run(&mut w, imm, "goto 9999"), "No such location.\n");
    run(&mut w, imm, "goto bob");
    assert_eq!(w.ch(imm).expect("z").room, Some(TEMPLE));
    w.ch_mut(imm).expect("z").pc.as_mut().expect("pc").bamfout = "Zeus vanishes in thunder.".into();
    out(&mut w, bob);
    run(&mut w, imm, "goto 3002");
    assert_eq!(out(&mut w, bob), "Zeus vanishes in thunder.\n");
    // transfer brings bob here
    let t = run(&mut w, imm, "transfer bob");
    assert!(t.ends_with("Ok.\n"), "{t}");
    assert_eq!(w.ch(bob).expect("b").room, Some(HALL));
    assert!(out(&mut w, bob).contains("Zeus has transferred you."));
    run(&mut w, imm, "transfer bob 3001");
    assert_eq!(w.ch(bob).expect("b").room, Some(TEMPLE));
    assert_eq!(run(&mut w, imm, "transfer nobody"), "They aren't here.\n");
    run(&mut w, imm, "transfer all 3001");
    assert_eq!(w.ch(carol).expect("c").room, Some(TEMPLE));
    assert_eq!(w.ch(imm).expect("z").room, Some(HALL));
    // at: act elsewhere and come back
    out(&mut w, bob);
    assert_eq!(
        run(&mut w, imm, "at 3001 say hello temple"),
        "You say 'hello temple'\n"
    );
    assert_eq!(out(&mut w, bob), "Zeus says 'hello temple'\n");
    assert_eq!(w.ch(imm).expect("z").room, Some(HALL));
    assert_eq!(run(&mut w, imm, "at bob"), "At where what?\n");
    run(&mut w, imm, "at bob quit");
    assert_eq!(w.ch(imm).expect("z").room, Some(HALL));
    assert!(w.requests.contains(&Request::Quit(imm)));
}

#[test]
fn load_purge_and_stat() {
    let mut w = world();
    let imm = player(&mut w, "Zeus", 60, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    assert_eq!(
        run(&mut w, imm, "load obj 100"),
        "You have created a long sword!\n"
    );
    let sword = w
        .get_obj_carry(imm, "sword")
        .expect("loaded into inventory");
    assert_eq!(w.obj(sword).map(|o| o.level), Some(60));
    run(&mut w, imm, "load obj 104 5");
    let fountain = w
        .room(TEMPLE)
        .expect("t")
        .contents
        .first()
        .copied()
        .expect("fountain on floor");
    assert_eq!(w.obj(fountain).map(|o| o.vnum), Some(ObjVnum(104)));
    assert_eq!(
        run(&mut w, imm, "load obj 999"),
        "No object has that vnum.\n"
    );
    assert_eq!(
        run(&mut w, imm, "load obj 100 61"),
        "Level must be be between 0 and your level.\n"
    );
    assert_eq!(
        run(&mut w, imm, "load mob 200"),
        "You have created the cityguard!\n"
    );
    let guard = w.get_char_room(imm, "guard").expect("mob in room");
    assert!(out(&mut w, bob).contains("Zeus has created the cityguard!"));
    assert_eq!(w.mob_index[&MobVnum(200)].count, 1);
    // stat
    let t = run(&mut w, imm, "stat guard");
    assert!(
        t.contains("Name: guard cityguard") && t.contains("Vnum: 200") && t.contains("Format: npc"),
        "{t}"
    );
    let t = run(&mut w, imm, "stat obj sword");
    assert!(
        t.contains("Vnum: 100") && t.contains("Type: weapon") && t.contains("Values: 1 2 6 3 0"),
        "{t}"
    );
    let t = run(&mut w, imm, "stat room");
    assert!(
        t.contains("Name: 'The Temple'")
            && t.contains("Area: 'Test Area'")
            && t.contains("Vnum: 3001"),
        "{t}"
    );
    let t = run(&mut w, imm, "stat room 3002");
    assert!(t.contains("The Hall"), "{t}");
    w.ch_mut(bob).expect("b").race = 2;
    let t = run(&mut w, imm, "stat bob");
    assert!(
        t.contains("Name: Bob") && t.contains("Format: pc") && t.contains("Lv: 10"),
        "{t}"
    );
    // Race and class by name, as ROM shows them.
    assert!(
        t.contains("Race: elf  Group:") && t.contains("Class: warrior  Align:"),
        "{t}"
    );
    let t = run(&mut w, imm, "stat guard");
    assert!(t.contains("Class: mobile") && !t.contains("Race: 0"), "{t}");
    assert_eq!(
        run(&mut w, imm, "stat nothing"),
        "Nothing by that name found anywhere.\n"
    );
    // purge: one mob, then the room; players stay.
    assert_eq!(run(&mut w, imm, "purge guard"), "Ok.\n");
    assert!(!w.chars.contains(guard));
    assert_eq!(w.mob_index[&MobVnum(200)].count, 0);
    run(&mut w, imm, "load mob 200");
    run(&mut w, imm, "drop sword");
    assert_eq!(run(&mut w, imm, "purge"), "Ok.\n");
    let r = w.room(TEMPLE).expect("t");
    assert!(r.contents.is_empty(), "objects purged");
    assert_eq!(r.people.len(), 2, "only the players are left");
    run(&mut w, imm, "purge bob");
    assert!(w.chars.contains(bob), "players are never purged");
    let boss = player(&mut w, "Hera", 60, TEMPLE);
    assert_eq!(
        run(&mut w, imm, "purge hera"),
        "Maybe that wasn't a good idea...\n"
    );
    assert!(out(&mut w, boss).contains("Zeus tried to purge you!"));
}

#[test]
fn score_and_stat_agree_on_carried_items_and_weight() {
    let mut w = world();
    let imm = player(&mut w, "Zeus", 60, TEMPLE);
    let bob = player(&mut w, "Bob", 10, TEMPLE);
    // A satchel that halves what it holds (v4 = 50) with two swords in it,
    // a worn helmet, a ring (no item) and coins (weight, no item).
    let satchel = load_to_char(&mut w, 110, bob);
    for _ in 0..2 {
        let sword = w.create_object(ObjVnum(100), 0).expect("sword prototype");
        w.obj_to_obj(sword, satchel);
    }
    load_to_char(&mut w, 102, bob);
    let helmet = load_to_char(&mut w, 103, bob);
    run(&mut w, bob, "wear helmet");
    assert_eq!(w.obj(helmet).map(|o| o.wear_loc), Some(wear_loc::HEAD));
    if let Some(c) = w.ch_mut(bob) {
        c.gold = 100;
        c.silver = 55;
    }
    // satchel 10 + swords 2 * 50 * 50% + ring 1 + helmet 20 + gold 40 + silver 5
    assert_eq!(w.carry_weight(bob), 126);
    // the two swords and the helmet
    assert_eq!(w.carry_number(bob), 3);
    let score = run(&mut w, bob, "score");
    assert!(
        score.contains("You are carrying 3/") && score.contains("items with weight 12/"),
        "{score}"
    );
    let stat = run(&mut w, imm, "stat bob");
    assert!(
        stat.contains("Carry number: 3  Carry weight: 12\n"),
        "{stat}"
    );
    assert_eq!(w.get_obj_weight(satchel), 60);
    assert_eq!(w.get_true_weight(satchel), 110);
}

#[test]
fn restore_and_advance() {
    let mut w = world();
    let imm = player(&mut w, "Zeus", 58, TEMPLE);
    let bob = player(&mut w, "Bob", 10, HALL);
    out(&mut w, bob);
    assert_eq!(run(&mut w, imm, "restore bob"), "Ok.\n");
    let b = w.ch(bob).expect("b");
    assert_eq!((b.hit, b.mana, b.mv), (b.max_hit, b.max_mana, b.max_mv));
    assert_eq!(out(&mut w, bob), "Zeus has restored you.\n");
    w.ch_mut(bob).expect("b").hit = 1;
    assert_eq!(
        run(&mut w, imm, "restore all"),
        "They aren't here.\n",
        "restore all needs level 59"
    );
    assert_eq!(w.ch(bob).expect("b").hit, 1);
    // advance is an implementor command; below that trust the function refuses too.
    assert_eq!(run(&mut w, imm, "advance bob 20"), "Huh?\n");
    gracemud::game::act_wiz::do_advance(&mut w, imm, "bob 59");
    assert_eq!(out(&mut w, imm), "Limited to your trust level.\n");
    assert_eq!(w.ch(bob).expect("b").level, 10);
    let imm = player(&mut w, "Odin", 60, TEMPLE);
    let hp_before = w.ch(bob).expect("b").max_hit;
    assert_eq!(
        run(&mut w, imm, "advance bob 20"),
        "Raising a player's level!\n"
    );
    let b = w.ch(bob).expect("b");
    assert_eq!(b.level, 20);
    assert!(b.max_hit >= hp_before + 20, "ten levels of hit points");
    assert_eq!(b.pc.as_ref().expect("pc").train, 10);
    assert!(out(&mut w, bob).contains("You are now level 20."));
    assert!(w.requests.contains(&Request::Save(bob)));
    assert_eq!(
        run(&mut w, imm, "advance bob 61"),
        "Level must be 1 to 60.\n"
    );
    assert_eq!(
        run(&mut w, imm, "advance bob 5"),
        "Lowering a player's level!\n"
    );
    assert_eq!(w.ch(bob).expect("b").level, 5);
    assert_eq!(
        run(&mut w, imm, "advance bob"),
        "Syntax: advance <char> <level>.\n"
    );
    let guard = w.create_mobile(MobVnum(200)).expect("mob");
    w.char_to_room(guard, TEMPLE);
    assert_eq!(run(&mut w, imm, "advance guard 5"), "Not on NPC's.\n");
    // an implementor can restore everyone
    let boss = player(&mut w, "Hera", 60, TEMPLE);
    assert!(run(&mut w, boss, "restore all").ends_with("All active players restored.\n"));
    let b = w.ch(bob).expect("b");
    assert_eq!(b.hit, b.max_hit);
}

#[test]
fn wizlock_shutdown_copyover() {
    let mut w = world();
    let imm = player(&mut w, "Zeus", 60, TEMPLE);
    let bob = player(&mut w, "Bob", 10, HALL);
    assert_eq!(run(&mut w, imm, "wizlock"), "Game wizlocked.\n");
    assert!(w.wizlock);
    assert_eq!(run(&mut w, imm, "wizlock"), "Game un-wizlocked.\n");
    assert!(!w.wizlock);
    assert_eq!(
        run(&mut w, imm, "copyover testing"),
        "Copyover requested.\n"
    );
    let req = w.copyover_requested.clone().expect("requested");
    assert_eq!((req.by, req.reason.as_str()), (Some(imm), "testing"));
    out(&mut w, bob);
    run(&mut w, imm, "shutdown");
    assert!(w.shutdown_requested);
    assert_eq!(out(&mut w, bob), "Shutdown by Zeus.\n");
    assert_eq!(run(&mut w, bob, "shutdown"), "Huh?\n");
}
