//! Unit-style tests of the information and movement commands: a small world
//! is built by hand (no area files, no network), commands are called
//! directly or through the interpreter, and the text queued on characters
//! is checked.

use gracemud::game::{act_info, act_move, interp};
use gracemud::world::*;

const TEMPLE: i32 = 3001;
const HALL: i32 = 3002;
const VAULT: i32 = 3003;
const CELLAR: i32 = 3004;
const PRISON: i32 = 3005;
const KEY: i32 = 3100;
const SWORD: i32 = 3101;
const CHEST: i32 = 3102;
const LANTERN: i32 = 3103;

fn exit(to: i32, flags: Flags, key: Option<i32>, keyword: &str, desc: &str) -> Option<ExitProto> {
    Some(ExitProto {
        description: desc.to_string(),
        keyword: keyword.to_string(),
        flags,
        key: key.map(ObjVnum),
        to: Some(RoomVnum(to)),
    })
}

fn room(vnum: i32, name: &str, desc: &str, flags: Flags, sector: i32) -> RoomProto {
    RoomProto {
        vnum: RoomVnum(vnum),
        name: name.to_string(),
        description: desc.to_string(),
        flags,
        sector,
        ..RoomProto::default()
    }
}

fn obj(
    vnum: i32,
    keywords: &str,
    short: &str,
    long: &str,
    item_type: i32,
    values: [i64; 5],
) -> ObjProto {
    ObjProto {
        vnum: ObjVnum(vnum),
        keywords: keywords.to_string(),
        short_descr: short.to_string(),
        long_descr: long.to_string(),
        item_type,
        values,
        wear_flags: wear::TAKE,
        weight: 5,
        ..ObjProto::default()
    }
}

/// Temple (3001) -north-> Hall (3002) -east, locked door-> Vault (3003);
/// Temple -down-> Cellar (3004, dark); Prison (3005) is no-recall, west of Temple.
fn world() -> World {
    let mut protos = Protos::default();
    protos.areas.push(AreaProto {
        name: "Test".into(),
        low_vnum: 3000,
        high_vnum: 3199,
        ..AreaProto::default()
    });
    let mut temple = room(
        TEMPLE,
        "The Temple",
        "A quiet temple.\nCandles burn here.\n",
        ROOM_INDOORS,
        0,
    );
    temple.exits[0] = exit(HALL, 0, None, "", "You see a long hall.\n");
    temple.exits[5] = exit(CELLAR, 0, None, "", "");
    temple.exits[3] = exit(PRISON, 0, None, "", "");
    temple.extra.push(ExtraDescr {
        keyword: "candles".into(),
        description: "Old candles.\n".into(),
    });
    temple.extra.push(ExtraDescr {
        keyword: "candles wax".into(),
        description: "Dripping wax.\n".into(),
    });
    let mut hall = room(HALL, "The Hall", "A long hall.\n", 0, 1);
    hall.exits[2] = exit(TEMPLE, 0, None, "", "");
    hall.exits[1] = exit(
        VAULT,
        EX_ISDOOR,
        Some(KEY),
        "door iron",
        "A heavy iron door.\n",
    );
    let mut vault = room(VAULT, "The Vault", "Gold everywhere.\n", ROOM_INDOORS, 0);
    vault.exits[3] = exit(HALL, EX_ISDOOR, Some(KEY), "door iron", "");
    let mut cellar = room(CELLAR, "The Cellar", "Damp.\n", ROOM_DARK, 0);
    cellar.exits[4] = exit(TEMPLE, 0, None, "", "");
    let mut prison = room(
        PRISON,
        "The Prison",
        "No way out.\n",
        ROOM_NO_RECALL | ROOM_INDOORS,
        0,
    );
    prison.exits[1] = exit(TEMPLE, 0, None, "", "");
    for r in [temple, hall, vault, cellar, prison] {
        protos.rooms.insert(r.vnum, r);
    }
    for o in [
        obj(
            KEY,
            "key iron",
            "an iron key",
            "An iron key lies here.",
            item::KEY,
            [0; 5],
        ),
        obj(
            SWORD,
            "sword long",
            "a long sword",
            "A long sword lies here.",
            item::WEAPON,
            [1, 2, 4, 3, 0],
        ),
        obj(
            CHEST,
            "chest",
            "a wooden chest",
            "A wooden chest stands here.",
            item::CONTAINER,
            [
                100,
                (cont::CLOSEABLE | cont::CLOSED | cont::LOCKED) as i64,
                KEY as i64,
                50,
                100,
            ],
        ),
        obj(
            LANTERN,
            "lantern",
            "a brass lantern",
            "A brass lantern is here.",
            item::LIGHT,
            [0, 0, -1, 0, 0],
        ),
    ] {
        protos.objs.insert(o.vnum, o);
    }
    protos.helps.push(Help {
        level: 0,
        keywords: "SUMMARY".into(),
        text: ".  Help summary text.\n".into(),
        area: None,
    });
    protos.helps.push(Help {
        level: 0,
        keywords: "MOVEMENT NORTH".into(),
        text: "How to walk.\n".into(),
        area: None,
    });
    protos.helps.push(Help {
        level: 0,
        keywords: "MOVES".into(),
        text: "Movement points.\n".into(),
        area: None,
    });
    protos.helps.push(Help {
        level: 55,
        keywords: "SECRETS".into(),
        text: "Immortal lore.\n".into(),
        area: None,
    });
    let mut w = World::new(protos, 7);
    w.hour = 12;
    w
}

fn player(w: &mut World, name: &str, room: i32) -> CharId {
    let pc = PcData {
        title: " the Apprentice".into(),
        points: 40,
        ..PcData::default()
    };
    let c = Char {
        pc: Some(Box::new(pc)),
        conn: Some(ConnId(w.players.len() + 1)),
        name: name.to_string(),
        level: 1,
        race: 1,
        class: 0,
        sex: 1,
        hit: 20,
        max_hit: 20,
        mana: 100,
        max_mana: 100,
        mv: 100,
        max_mv: 100,
        position: pos::STANDING,
        perm_stat: [13; 5],
        comm: comm::COMBINE | comm::PROMPT,
        // As a new player starts (nanny): exits shown on `look`.
        act: plr::NOSUMMON | plr::AUTOEXIT,
        armor: [100; 4],
        ..Char::default()
    };
    let id = w.chars.insert(c);
    w.players.push(id);
    w.char_to_room(id, RoomVnum(room));
    id
}

fn mob(w: &mut World, keywords: &str, short: &str, long: &str, room: i32) -> CharId {
    let c = Char {
        vnum: Some(MobVnum(3000)),
        name: keywords.to_string(),
        short_descr: short.to_string(),
        long_descr: long.to_string(),
        level: 5,
        hit: 50,
        max_hit: 50,
        mv: 100,
        max_mv: 100,
        position: pos::STANDING,
        default_pos: pos::STANDING,
        perm_stat: [13; 5],
        ..Char::default()
    };
    let id = w.chars.insert(c);
    w.char_to_room(id, RoomVnum(room));
    id
}

fn give(w: &mut World, ch: CharId, vnum: i32) -> ObjId {
    let o = w
        .create_object(ObjVnum(vnum), 1)
        .expect("test object prototype exists");
    w.obj_to_char(o, ch);
    o
}

fn drop_in(w: &mut World, room: i32, vnum: i32) -> ObjId {
    let o = w
        .create_object(ObjVnum(vnum), 1)
        .expect("test object prototype exists");
    w.obj_to_room(o, RoomVnum(room));
    o
}

/// Take everything queued for `ch`.
fn out(w: &mut World, ch: CharId) -> String {
    w.ch_mut(ch)
        .map(|c| std::mem::take(&mut c.output))
        .unwrap_or_default()
}

fn room_of(w: &World, ch: CharId) -> Option<i32> {
    w.ch(ch).and_then(|c| c.room).map(|r| r.0)
}

#[test]
fn look_shows_room_exits_objects_and_people() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let _bob = player(&mut w, "Bob", TEMPLE);
    mob(
        &mut w,
        "guard",
        "the guard",
        "A guard stands watch here.\n",
        TEMPLE,
    );
    drop_in(&mut w, TEMPLE, SWORD);
    drop_in(&mut w, TEMPLE, SWORD);
    drop_in(&mut w, TEMPLE, KEY);
    act_info::do_look(&mut w, alice, "");
    let text = out(&mut w, alice);
    assert!(
        text.starts_with("The Temple\n  A quiet temple.\nCandles burn here.\n"),
        "{text}"
    );
    assert!(text.contains("\n[Exits: north west down]\n"), "{text}");
    assert!(text.contains("( 2) A long sword lies here.\n"), "{text}");
    assert!(text.contains("     An iron key lies here.\n"), "{text}");
    assert!(text.contains("Bob the Apprentice is here.\n"), "{text}");
    assert!(text.contains("A guard stands watch here.\n"), "{text}");
    assert!(!text.contains("Alice"), "you do not see yourself: {text}");
}

#[test]
fn brief_auto_look_skips_the_description_but_plain_look_shows_it() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    if let Some(c) = w.ch_mut(alice) {
        c.comm |= comm::BRIEF;
    }
    act_info::do_look(&mut w, alice, "auto");
    let text = out(&mut w, alice);
    assert!(text.starts_with("The Temple\n\n[Exits:"), "{text}");
    act_info::do_look(&mut w, alice, "");
    assert!(out(&mut w, alice).contains("A quiet temple."));
}

#[test]
fn sleeping_and_resting_people_are_described_by_position() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let bob = player(&mut w, "Bob", TEMPLE);
    let guard = mob(
        &mut w,
        "guard",
        "the guard",
        "A guard stands watch here.\n",
        TEMPLE,
    );
    act_move::do_sleep(&mut w, bob, "");
    if let Some(g) = w.ch_mut(guard) {
        g.position = pos::RESTING;
    }
    out(&mut w, alice);
    act_info::do_look(&mut w, alice, "");
    let text = out(&mut w, alice);
    assert!(text.contains("Bob is sleeping here.\n"), "{text}");
    assert!(text.contains("The guard is resting here.\n"), "{text}");
}

#[test]
fn dark_room_hides_everything() {
    let mut w = world();
    let alice = player(&mut w, "Alice", CELLAR);
    drop_in(&mut w, CELLAR, SWORD);
    act_info::do_look(&mut w, alice, "");
    let text = out(&mut w, alice);
    assert_eq!(text, "It is pitch black ... \n");
    // A burning light makes it visible.
    let lantern = give(&mut w, alice, LANTERN);
    assert!(w.equip_char(alice, lantern, wear_loc::LIGHT));
    act_info::do_look(&mut w, alice, "");
    let text = out(&mut w, alice);
    assert!(text.starts_with("The Cellar\n"), "{text}");
    assert!(text.contains("A long sword lies here."), "{text}");
}

#[test]
fn walking_through_an_open_exit_costs_moves_and_is_announced() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let bob = player(&mut w, "Bob", TEMPLE);
    let carol = player(&mut w, "Carol", HALL);
    interp::interpret(&mut w, alice, "n");
    assert_eq!(room_of(&w, alice), Some(HALL));
    let text = out(&mut w, alice);
    assert!(
        text.starts_with("The Hall\n"),
        "auto look on arrival: {text}"
    );
    assert!(text.contains("Carol the Apprentice is here."), "{text}");
    assert_eq!(out(&mut w, bob), "Alice leaves north.\n");
    assert_eq!(out(&mut w, carol), "Alice has arrived.\n");
    let c = w.ch(alice).expect("alice");
    // inside (1) + city (2) / 2 = 1
    assert_eq!(c.mv, 99);
    assert_eq!(c.wait, 1);
}

#[test]
fn no_exit_and_exhaustion() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    act_move::do_east(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "Alas, you cannot go that way.\n");
    if let Some(c) = w.ch_mut(alice) {
        c.mv = 0;
    }
    act_move::do_north(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You are too exhausted.\n");
    assert_eq!(room_of(&w, alice), Some(TEMPLE));
}

#[test]
fn closed_door_blocks_then_key_unlocks_and_opens_both_sides() {
    let mut w = world();
    let alice = player(&mut w, "Alice", HALL);
    let inside = player(&mut w, "Victor", VAULT);
    // The reset would close and lock it; do it by hand on both sides.
    act_move::do_close(&mut w, alice, "door");
    assert_eq!(out(&mut w, alice), "Ok.\n");
    assert_eq!(out(&mut w, inside), "The door closes.\n");
    let vault_side = |w: &World| {
        w.room(RoomVnum(VAULT))
            .and_then(|r| r.exits[3].as_ref())
            .map(|e| e.flags)
    };
    assert_eq!(vault_side(&w).map(|f| f & EX_CLOSED != 0), Some(true));

    act_move::do_east(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "The door is closed.\n");
    assert_eq!(room_of(&w, alice), Some(HALL));

    // By keyword ("iron") and by direction.
    act_move::do_lock(&mut w, alice, "iron");
    assert_eq!(out(&mut w, alice), "You lack the key.\n");
    give(&mut w, alice, KEY);
    act_move::do_lock(&mut w, alice, "east");
    assert_eq!(out(&mut w, alice), "*Click*\n");
    assert_eq!(vault_side(&w).map(|f| f & EX_LOCKED != 0), Some(true));
    act_move::do_lock(&mut w, alice, "door");
    assert_eq!(out(&mut w, alice), "It's already locked.\n");
    act_move::do_open(&mut w, alice, "door");
    assert_eq!(out(&mut w, alice), "It's locked.\n");

    act_move::do_unlock(&mut w, alice, "door");
    assert_eq!(out(&mut w, alice), "*Click*\n");
    assert_eq!(
        out(&mut w, inside),
        "",
        "unlocking is silent on the far side"
    );
    act_move::do_open(&mut w, alice, "e");
    assert_eq!(out(&mut w, alice), "Ok.\n");
    assert_eq!(out(&mut w, inside), "The door opens.\n");
    assert_eq!(vault_side(&w).map(|f| f & (EX_CLOSED | EX_LOCKED)), Some(0));
    act_move::do_open(&mut w, alice, "door");
    assert_eq!(out(&mut w, alice), "It's already open.\n");

    act_move::do_east(&mut w, alice, "");
    assert_eq!(room_of(&w, alice), Some(VAULT));
}

#[test]
fn door_commands_on_things_that_are_not_doors() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    act_move::do_open(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "Open what?\n");
    act_move::do_open(&mut w, alice, "gate");
    assert_eq!(out(&mut w, alice), "I see no gate here.\n");
    act_move::do_open(&mut w, alice, "east");
    assert_eq!(out(&mut w, alice), "I see no door east here.\n");
    act_move::do_open(&mut w, alice, "north");
    assert_eq!(out(&mut w, alice), "You can't do that.\n");
    act_move::do_unlock(&mut w, alice, "north");
    assert_eq!(out(&mut w, alice), "You can't do that.\n");
}

#[test]
fn containers_lock_unlock_open_and_show_contents() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let bob = player(&mut w, "Bob", TEMPLE);
    let chest = drop_in(&mut w, TEMPLE, CHEST);
    let sword = w.create_object(ObjVnum(SWORD), 1).expect("sword");
    w.obj_to_obj(sword, chest);
    act_info::do_look(&mut w, alice, "in chest");
    assert_eq!(out(&mut w, alice), "It is closed.\n");
    act_move::do_open(&mut w, alice, "chest");
    assert_eq!(out(&mut w, alice), "It's locked.\n");
    act_move::do_unlock(&mut w, alice, "chest");
    assert_eq!(out(&mut w, alice), "You lack the key.\n");
    give(&mut w, alice, KEY);
    act_move::do_unlock(&mut w, alice, "chest");
    assert_eq!(out(&mut w, alice), "You unlock a wooden chest.\n");
    out(&mut w, bob);
    act_move::do_open(&mut w, alice, "chest");
    assert_eq!(out(&mut w, alice), "You open a wooden chest.\n");
    assert_eq!(out(&mut w, bob), "Alice opens a wooden chest.\n");
    act_info::do_look(&mut w, alice, "in chest");
    assert_eq!(
        out(&mut w, alice),
        "A wooden chest holds:\n     a long sword\n"
    );
    act_move::do_lock(&mut w, alice, "chest");
    assert_eq!(out(&mut w, alice), "It's not closed.\n");
    act_move::do_close(&mut w, alice, "chest");
    assert_eq!(out(&mut w, alice), "You close a wooden chest.\n");
    let flags = w.obj(chest).map(|o| o.values[1] as Flags).unwrap_or(0);
    assert_eq!(flags & (cont::CLOSED | cont::LOCKED), cont::CLOSED);
    act_info::do_examine(&mut w, alice, "sword");
    assert!(out(&mut w, alice).contains("You do not see that here."));
}

#[test]
fn followers_follow_their_leader() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let bob = player(&mut w, "Bob", TEMPLE);
    let dog = mob(
        &mut w,
        "dog",
        "a small dog",
        "A small dog wags its tail.\n",
        TEMPLE,
    );
    let sitter = player(&mut w, "Sam", TEMPLE);
    for f in [bob, dog, sitter] {
        if let Some(c) = w.ch_mut(f) {
            c.master = Some(alice);
        }
    }
    act_move::do_sit(&mut w, sitter, "");
    out(&mut w, sitter);
    act_move::do_north(&mut w, alice, "");
    assert_eq!(room_of(&w, alice), Some(HALL));
    assert_eq!(room_of(&w, bob), Some(HALL));
    assert_eq!(room_of(&w, dog), Some(HALL));
    assert_eq!(room_of(&w, sitter), Some(TEMPLE), "sitting followers stay");
    let text = out(&mut w, bob);
    assert!(
        text.contains(
            "Alice leaves north.\nA small dog leaves north.\nYou follow Alice.\nThe Hall\n"
        ),
        "{text}"
    );
    let text = out(&mut w, sitter);
    assert!(
        text.contains("Alice leaves north.") && text.contains("Bob leaves north."),
        "{text}"
    );
}

#[test]
fn positions_and_wake() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let bob = player(&mut w, "Bob", TEMPLE);
    act_move::do_rest(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You rest.\n");
    assert_eq!(out(&mut w, bob), "Alice sits down and rests.\n");
    act_move::do_sit(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You stop resting.\n");
    act_move::do_sleep(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You go to sleep.\n");
    act_move::do_sleep(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You are already sleeping.\n");
    interp::interpret(&mut w, alice, "north");
    assert_eq!(out(&mut w, alice), "In your dreams, or what?\n");
    out(&mut w, bob);
    act_move::do_wake(&mut w, bob, "alice");
    let text = out(&mut w, alice);
    assert!(
        text.starts_with("Bob wakes you.\nYou wake and stand up.\nThe Temple\n"),
        "{text}"
    );
    assert_eq!(w.ch(alice).map(|c| c.position), Some(pos::STANDING));
    assert_eq!(out(&mut w, bob), "Alice wakes and stands up.\n");
    act_move::do_wake(&mut w, bob, "alice");
    assert_eq!(out(&mut w, bob), "Alice is already awake.\n");
    act_move::do_stand(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You are already standing.\n");
    // Waking yourself from sleep shows the room (ROM: wake -> stand -> look
    // auto); standing up from a rest does not.
    interp::interpret(&mut w, alice, "sleep");
    out(&mut w, alice);
    interp::interpret(&mut w, alice, "wake");
    let text = out(&mut w, alice);
    assert!(
        text.starts_with("You wake and stand up.\nThe Temple\n  A quiet temple.\n"),
        "{text}"
    );
    assert!(text.contains("[Exits: north west down]"), "{text}");
    interp::interpret(&mut w, alice, "rest");
    out(&mut w, alice);
    interp::interpret(&mut w, alice, "wake");
    assert_eq!(out(&mut w, alice), "You stand up.\n");
}

#[test]
fn recall_goes_to_the_temple_but_not_from_no_recall_rooms() {
    let mut w = world();
    let alice = player(&mut w, "Alice", HALL);
    let bob = player(&mut w, "Bob", HALL);
    let priest = player(&mut w, "Pete", TEMPLE);
    interp::interpret(&mut w, alice, "recall");
    assert_eq!(room_of(&w, alice), Some(TEMPLE));
    assert_eq!(
        out(&mut w, bob),
        "Alice prays for transportation!\nAlice disappears.\n"
    );
    assert_eq!(out(&mut w, priest), "Alice appears in the room.\n");
    assert!(out(&mut w, alice).starts_with("The Temple\n"));
    assert_eq!(w.ch(alice).map(|c| c.mv), Some(50));

    w.char_to_room(alice, RoomVnum(PRISON));
    interp::interpret(&mut w, alice, "/");
    assert_eq!(out(&mut w, alice), "The gods have forsaken you.\n");
    assert_eq!(room_of(&w, alice), Some(PRISON));
}

#[test]
fn look_at_directions_extras_and_characters() {
    let mut w = world();
    let alice = player(&mut w, "Alice", HALL);
    let bob = player(&mut w, "Bob", HALL);
    act_move::do_close(&mut w, alice, "door");
    out(&mut w, alice);
    act_info::do_look(&mut w, alice, "east");
    assert_eq!(
        out(&mut w, alice),
        "A heavy iron door.\nThe door is closed.\n"
    );
    act_info::do_look(&mut w, alice, "south");
    assert_eq!(out(&mut w, alice), "Nothing special there.\n");

    let sword = give(&mut w, bob, SWORD);
    assert!(w.equip_char(bob, sword, wear_loc::WIELD));
    if let Some(b) = w.ch_mut(bob) {
        b.description = "A tall fellow.\n".into();
    }
    out(&mut w, bob);
    act_info::do_look(&mut w, alice, "bob");
    assert_eq!(
        out(&mut w, alice),
        "A tall fellow.\nBob is in excellent condition.\n\nBob is using:\n<wielded>           a long sword\n"
    );
    assert_eq!(out(&mut w, bob), "Alice looks at you.\n");

    w.char_to_room(alice, RoomVnum(TEMPLE));
    // Newest extra description (last in the file) wins.
    act_info::do_look(&mut w, alice, "candles");
    assert_eq!(out(&mut w, alice), "Dripping wax.\n");
    act_info::do_look(&mut w, alice, "unicorn");
    assert_eq!(out(&mut w, alice), "You do not see that here.\n");
}

#[test]
fn exits_lists_open_exits() {
    let mut w = world();
    let alice = player(&mut w, "Alice", HALL);
    act_move::do_close(&mut w, alice, "door");
    out(&mut w, alice);
    act_info::do_exits(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "Obvious exits:\nSouth - The Temple\n");
    act_info::do_exits(&mut w, alice, "auto");
    assert_eq!(out(&mut w, alice), "[Exits: south]\n");
    w.char_to_room(alice, RoomVnum(TEMPLE));
    act_info::do_exits(&mut w, alice, "");
    assert_eq!(
        out(&mut w, alice),
        "Obvious exits:\nNorth - The Hall\nWest  - The Prison\nDown  - Too dark to tell\n"
    );
}

#[test]
fn scan_lists_people_nearby() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    player(&mut w, "Bob", HALL);
    player(&mut w, "Vera", VAULT);
    mob(&mut w, "guard", "the guard", "A guard.\n", TEMPLE);
    act_info::do_scan(&mut w, alice, "");
    let text = out(&mut w, alice);
    assert!(text.starts_with("Looking around you see:\n"), "{text}");
    assert!(text.contains("the guard, right here.\n"), "{text}");
    assert!(text.contains("Bob, nearby to the north.\n"), "{text}");
    assert!(
        !text.contains("Vera"),
        "east of the hall is not north: {text}"
    );
    act_info::do_scan(&mut w, alice, "sideways");
    assert_eq!(out(&mut w, alice), "Which way do you want to scan?\n");
}

#[test]
fn inventory_and_equipment() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    act_info::do_inventory(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You are carrying:\n     Nothing.\n");
    act_info::do_equipment(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You are using:\nNothing.\n");
    give(&mut w, alice, KEY);
    give(&mut w, alice, KEY);
    let lantern = give(&mut w, alice, LANTERN);
    w.equip_char(alice, lantern, wear_loc::LIGHT);
    if let Some(o) = w.obj_mut(lantern) {
        o.extra_flags |= 1; // glow
    }
    act_info::do_inventory(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You are carrying:\n( 2) an iron key\n");
    act_info::do_equipment(&mut w, alice, "");
    assert_eq!(
        out(&mut w, alice),
        "You are using:\n<used as light>     (Glowing) a brass lantern\n"
    );
}

#[test]
fn help_finds_entries_by_prefix_and_respects_level() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    act_info::do_help(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "SUMMARY\n  Help summary text.\n");
    act_info::do_help(&mut w, alice, "nor");
    assert_eq!(out(&mut w, alice), "MOVEMENT NORTH\nHow to walk.\n");
    act_info::do_help(&mut w, alice, "mov");
    let text = out(&mut w, alice);
    assert!(
        text.starts_with("MOVEMENT NORTH\nHow to walk.\n\n===="),
        "{text}"
    );
    assert!(text.ends_with("\nMOVES\nMovement points.\n"), "{text}");
    act_info::do_help(&mut w, alice, "secrets");
    assert_eq!(out(&mut w, alice), "No help on that word.\n");
    assert!(w.log.iter().any(|l| l.contains("secrets")), "{:?}", w.log);
    if let Some(c) = w.ch_mut(alice) {
        c.level = 55;
    }
    act_info::do_help(&mut w, alice, "secrets");
    assert_eq!(out(&mut w, alice), "SECRETS\nImmortal lore.\n");
}

#[test]
fn prompt_title_and_description_are_stored() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    act_info::do_prompt(&mut w, alice, "<%h/%Hhp %m/%Mm %v/%Vmv %X>");
    assert_eq!(
        out(&mut w, alice),
        "Prompt set to <%h/%Hhp %m/%Mm %v/%Vmv %X> \n"
    );
    let prompt = |w: &World| {
        w.ch(alice)
            .and_then(|c| c.pc.as_ref())
            .map(|p| p.prompt.clone())
    };
    assert_eq!(prompt(&w).as_deref(), Some("<%h/%Hhp %m/%Mm %v/%Vmv %X> "));
    act_info::do_prompt(&mut w, alice, "all");
    out(&mut w, alice);
    assert_eq!(prompt(&w).as_deref(), Some("<%hhp %mm %vmv> "));
    act_info::do_prompt(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You will no longer see prompts.\n");
    assert_eq!(w.ch(alice).map(|c| c.comm & comm::PROMPT), Some(0));
    act_info::do_prompt(&mut w, alice, "");
    assert_eq!(out(&mut w, alice), "You will now see prompts.\n");

    act_info::do_title(&mut w, alice, "the Brave");
    assert_eq!(out(&mut w, alice), "Ok.\n");
    let title = |w: &World| {
        w.ch(alice)
            .and_then(|c| c.pc.as_ref())
            .map(|p| p.title.clone())
    };
    assert_eq!(title(&w).as_deref(), Some(" the Brave"));
    act_info::do_title(&mut w, alice, ", Esq.");
    out(&mut w, alice);
    assert_eq!(title(&w).as_deref(), Some(", Esq."));
    act_info::do_title(&mut w, alice, &"x".repeat(60));
    out(&mut w, alice);
    assert_eq!(title(&w).map(|t| t.len()), Some(46));

    act_info::do_description(&mut w, alice, "A small woman.");
    assert_eq!(out(&mut w, alice), "Your description is:\nA small woman.\n");
    act_info::do_description(&mut w, alice, "+ She smiles.");
    assert_eq!(
        out(&mut w, alice),
        "Your description is:\nA small woman.\nShe smiles.\n"
    );
    act_info::do_description(&mut w, alice, "-");
    assert_eq!(out(&mut w, alice), "Your description is:\nA small woman.\n");
    act_info::do_description(&mut w, alice, "-");
    assert_eq!(out(&mut w, alice), "Description cleared.\n");
    act_info::do_description(&mut w, alice, "-");
    assert_eq!(out(&mut w, alice), "No lines left to remove.\n");
}

#[test]
fn password_requests_go_to_the_engine() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    act_info::do_password(&mut w, alice, "old");
    assert_eq!(out(&mut w, alice), "Syntax: password <old> <new>.\n");
    act_info::do_password(&mut w, alice, "OldPass abc");
    assert_eq!(
        out(&mut w, alice),
        "New password must be at least five characters long.\n"
    );
    assert!(w.requests.is_empty());
    act_info::do_password(&mut w, alice, "OldPass NewSecret");
    assert_eq!(out(&mut w, alice), "");
    assert_eq!(
        w.requests,
        vec![Request::ChangePassword {
            ch: alice,
            old: "OldPass".into(),
            new: "NewSecret".into()
        }]
    );
}

#[test]
fn who_where_and_score() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let bob = player(&mut w, "Bob", HALL);
    if let Some(b) = w.ch_mut(bob) {
        b.level = 60;
    }
    act_info::do_who(&mut w, alice, "");
    assert_eq!(
        out(&mut w, alice),
        "[ 1  Human Mag] Alice the Apprentice\n[60  Human IMP] Bob the Apprentice\n\nPlayers found: 2\n"
    );
    act_info::do_who(&mut w, alice, "imm");
    assert!(out(&mut w, alice).ends_with("Players found: 1\n"));
    act_info::do_where(&mut w, alice, "");
    assert_eq!(
        out(&mut w, alice),
        format!(
            "Players near you:\n{:<28} The Temple\n{:<28} The Hall\n",
            "Alice", "Bob"
        )
    );
    act_info::do_score(&mut w, alice, "");
    let text = out(&mut w, alice);
    assert!(
        text.starts_with("You are Alice the Apprentice, level 1, 17 years old (0 hours).\n"),
        "{text}"
    );
    assert!(
        text.contains("Race: human  Sex: male  Class: mage\n"),
        "{text}"
    );
    assert!(
        text.contains("You have 20/20 hit, 100/100 mana, 100/100 movement.\n"),
        "{text}"
    );
    assert!(text.contains("Str: 13(13)  Int: 13(13)"), "{text}");
    assert!(text.contains("You need 2000 exp to level.\n"), "{text}");
    assert!(text.contains("You are standing.\n"), "{text}");
    // Race and class words of `who` (ROM's prefix rule); who names are five wide.
    let carol = player(&mut w, "Carol", HALL);
    if let Some(c) = w.ch_mut(carol) {
        (c.race, c.class) = (2, 2);
    }
    act_info::do_who(&mut w, alice, "el");
    assert_eq!(
        out(&mut w, alice),
        "[ 1   Elf  Thi] Carol the Apprentice\n\nPlayers found: 1\n"
    );
    act_info::do_who(&mut w, alice, "thief");
    assert!(out(&mut w, alice).contains("Carol"));
    act_info::do_who(&mut w, alice, "warrior");
    assert_eq!(out(&mut w, alice), "\nPlayers found: 0\n");
    act_info::do_who(&mut w, alice, "orc");
    assert_eq!(out(&mut w, alice), "That's not a valid race or class.\n");
    act_info::do_score(&mut w, carol, "");
    assert!(out(&mut w, carol).contains("Race: elf  Sex: male  Class: thief\n"));
}

#[test]
fn score_reads_each_condition_from_its_own_slot() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    let score_with = |w: &mut World, condition: [i32; 4]| {
        if let Some(pc) = w.ch_mut(alice).and_then(|c| c.pc.as_mut()) {
            pc.condition = condition;
        }
        act_info::do_score(w, alice, "");
        let text = out(w, alice);
        (
            text.contains("You are drunk.\n"),
            text.contains("You are thirsty.\n"),
            text.contains("You are hungry.\n"),
        )
    };
    // drunk, full, thirst, hunger (ROM's COND_* order).
    assert_eq!(score_with(&mut w, [0, 48, 48, 48]), (false, false, false));
    assert_eq!(
        score_with(&mut w, [0, 0, 48, 48]),
        (false, false, false),
        "an empty stomach is not thirst"
    );
    assert_eq!(score_with(&mut w, [0, 48, 0, 48]), (false, true, false));
    assert_eq!(score_with(&mut w, [0, 48, 48, 0]), (false, false, true));
    assert_eq!(score_with(&mut w, [11, 48, 48, 48]), (true, false, false));
}

#[test]
fn commands_that_a_mobile_runs_do_not_panic() {
    let mut w = world();
    let guard = mob(&mut w, "guard", "the guard", "A guard.\n", TEMPLE);
    player(&mut w, "Alice", TEMPLE);
    for (f, arg) in [
        (act_info::do_who as fn(&mut World, CharId, &str), ""),
        (act_info::do_score, ""),
        (act_info::do_look, ""),
        (act_info::do_affects, ""),
        (act_info::do_where, "alice"),
        (act_info::do_prompt, "%h"),
        (act_info::do_title, "x"),
        (act_info::do_password, "a bcdefg"),
        (interp::do_commands, ""),
        (act_info::do_help, "nothing"),
        (act_move::do_recall, ""),
        (act_move::do_north, ""),
    ] {
        f(&mut w, guard, arg);
    }
    assert!(w.requests.is_empty());
    assert_eq!(room_of(&w, guard), Some(HALL), "mobiles walk for free");
}

#[test]
fn commands_lists_six_per_row() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    interp::do_commands(&mut w, alice, "");
    let text = out(&mut w, alice);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(
            "cast        auction     buy         channels    exits       get         "
        ),
        "{text}"
    );
    assert!(
        !text.contains("north") && !text.contains("goto") && !text.contains("shutdown"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.len() <= 72), "{text}");
}

/// The bundled world: every room can be looked at, every exit walked and
/// every door operated without a panic, and look always starts with the
/// room's name.
#[test]
fn the_bundled_world_can_be_walked() {
    let report = gracemud::db::load_area_dir(std::path::Path::new("areas"));
    assert!(
        report.is_ok(),
        "areas/ should load: {:?}",
        report.errors.first()
    );
    let mut w = World::new(report.protos, 1);
    w.reset_all();
    let alice = player(&mut w, "Alice", TEMPLE);
    if let Some(c) = w.ch_mut(alice) {
        c.act |= plr::HOLYLIGHT;
    }
    let mut rooms: Vec<RoomVnum> = w.rooms.keys().copied().collect();
    rooms.sort();
    for vnum in rooms {
        w.char_to_room(alice, vnum);
        out(&mut w, alice);
        act_info::do_look(&mut w, alice, "");
        let name = w.room(vnum).map(|r| r.name.clone()).unwrap_or_default();
        let text = out(&mut w, alice);
        assert!(text.starts_with(&name), "room {}: {text}", vnum.0);
        for cmd in [
            "exits",
            "scan",
            "examine all",
            "look in fountain",
            "who",
            "where",
            "score",
            "inventory",
        ] {
            interp::interpret(&mut w, alice, cmd);
        }
        for (dir, dir_name) in DIR_NAMES.iter().enumerate() {
            for cmd in ["open", "close", "unlock", "lock", "open", "look"] {
                let line = format!("{cmd} {dir_name}");
                interp::interpret(&mut w, alice, &line);
            }
            w.char_to_room(alice, vnum);
            if let Some(c) = w.ch_mut(alice) {
                c.mv = 100;
                c.wait = 0;
                c.position = pos::STANDING;
            }
            act_move::move_char(&mut w, alice, dir, false);
        }
    }
    // Help from the real help file.
    out(&mut w, alice);
    act_info::do_help(&mut w, alice, "look");
    assert!(out(&mut w, alice).starts_with("LOOK\n"));
}

/// The bundled world, reset, with no players.
fn bundled_world() -> World {
    let report = gracemud::db::load_area_dir(std::path::Path::new("areas"));
    assert!(
        report.is_ok(),
        "areas/ should load: {:?}",
        report.errors.first()
    );
    let mut w = World::new(report.protos, 1);
    w.reset_all();
    w
}

/// The keywords of a help entry, lower-cased (quoted phrases are one).
fn keywords_of(keywords: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = keywords;
    loop {
        let (word, r) = gracemud::world::handler::one_argument(rest);
        if word.is_empty() {
            return out;
        }
        out.push(word);
        rest = r;
    }
}

/// Every command `commands` or `wizhelp` lists has an entry in the bundled
/// help file with its name as a keyword, readable by whoever may use it.
#[test]
fn every_listed_command_has_bundled_help() {
    let w = bundled_world();
    let missing: Vec<&str> = interp::COMMANDS
        .iter()
        .filter(|c| c.show)
        .filter(|c| {
            !act_info::find_helps(&w, c.name, c.level)
                .iter()
                .any(|h| keywords_of(&h.keywords).iter().any(|k| k == c.name))
        })
        .map(|c| c.name)
        .collect();
    assert!(missing.is_empty(), "no help for: {missing:?}");
}

/// `help <race>` (also at the race question) shows the race's real numbers.
#[test]
fn race_help_tells_the_tables_truth() {
    use gracemud::world::rules::PC_RACES;
    let w = bundled_world();
    let numbers = |line: &str| -> Vec<i32> {
        line.split_whitespace()
            .filter_map(|t| t.trim_end_matches(['%', '.', ',']).parse().ok())
            .collect()
    };
    for race in PC_RACES {
        let text = act_info::help_text(&w, race.name, 0).unwrap_or_default();
        let line = |head: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(head))
                .map(numbers)
                .unwrap_or_default()
        };
        assert_eq!(line("Start"), race.stats, "{}:\n{text}", race.name);
        assert_eq!(line("Maximum"), race.max_stats, "{}:\n{text}", race.name);
        assert_eq!(
            line("Experience"),
            race.class_mult,
            "{}:\n{text}",
            race.name
        );
        assert!(
            text.contains(&format!("Creation points: {}.", race.points)),
            "{}:\n{text}",
            race.name
        );
    }
    // What the race question shows for a bare `help`.
    let text = act_info::help_text(&w, "race help", 0).unwrap_or_default();
    assert!(text.contains("HUMAN") && text.contains("GIANT"), "{text}");
}

#[test]
fn help_takes_a_quoted_topic() {
    let mut w = world();
    w.helps.push(Help {
        level: 0,
        keywords: "'MAGIC MISSILE' MISSILE".into(),
        text: "A dart of force.\n".into(),
        area: None,
    });
    let alice = player(&mut w, "Alice", TEMPLE);
    for typed in ["'magic missile'", "magic missile", "\"magic missile\""] {
        interp::interpret(&mut w, alice, &format!("help {typed}"));
        assert_eq!(
            out(&mut w, alice),
            "'MAGIC MISSILE' MISSILE\nA dart of force.\n",
            "{typed}"
        );
    }
}

#[test]
fn autoexit_decides_whether_look_shows_the_exits_line() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    interp::interpret(&mut w, alice, "autoexit");
    assert_eq!(out(&mut w, alice), "Exits will no longer be displayed.\n");
    act_info::do_look(&mut w, alice, "");
    let text = out(&mut w, alice);
    assert!(
        text.starts_with("The Temple\n") && !text.contains("[Exits:"),
        "{text}"
    );
    // `exits` still lists them.
    interp::interpret(&mut w, alice, "exits auto");
    assert!(out(&mut w, alice).contains("[Exits: north west down]"));
    interp::interpret(&mut w, alice, "autoexit");
    assert_eq!(out(&mut w, alice), "Exits will now be displayed.\n");
    act_info::do_look(&mut w, alice, "");
    assert!(out(&mut w, alice).contains("\n[Exits: north west down]\n"));
}

#[test]
fn auto_toggles_and_autolist_as_rom_shows_them() {
    let mut w = world();
    let alice = player(&mut w, "Alice", TEMPLE);
    for (cmd, on, off) in [
        (
            "autoassist",
            "You will now assist when needed.\n",
            "Autoassist removed.\n",
        ),
        (
            "autogold",
            "Automatic gold looting set.\n",
            "Autogold removed.\n",
        ),
        (
            "autoloot",
            "Automatic corpse looting set.\n",
            "Autolooting removed.\n",
        ),
        (
            "autosac",
            "Automatic corpse sacrificing set.\n",
            "Autosacrificing removed.\n",
        ),
        (
            "autosplit",
            "Automatic gold splitting set.\n",
            "Autosplitting removed.\n",
        ),
    ] {
        interp::interpret(&mut w, alice, cmd);
        assert_eq!(out(&mut w, alice), on, "{cmd}");
        interp::interpret(&mut w, alice, cmd);
        assert_eq!(out(&mut w, alice), off, "{cmd}");
    }
    interp::interpret(&mut w, alice, "autoloot");
    interp::interpret(&mut w, alice, "autosplit");
    out(&mut w, alice);
    let act = w.ch(alice).map_or(0, |c| c.act);
    assert_eq!(
        act,
        plr::NOSUMMON | plr::AUTOEXIT | plr::AUTOLOOT | plr::AUTOSPLIT
    );
    interp::interpret(&mut w, alice, "autolist");
    assert_eq!(
        out(&mut w, alice),
        "   action     status\n\
         ---------------------\n\
         autoassist     OFF\n\
         autoexit       ON\n\
         autogold       OFF\n\
         autoloot       ON\n\
         autosac        OFF\n\
         autosplit      ON\n\
         compact mode   OFF\n\
         prompt         ON\n\
         combine items  ON\n\
         Your corpse is safe from thieves.\n\
         You cannot be summoned.\n\
         You accept followers.\n"
    );
}
