//! The area writer's round trip: every file of `../shared/rom-areas` and of
//! `areas/` is loaded, made into a running world, written back from that
//! world with `db::writer` (as OLC's `asave` does), and loaded again;
//! the prototypes must come back the same (their file:line origins and the
//! reset line numbers aside, and the order of helps and socials, which the
//! writer groups by area).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gracemud::db::{load_area_dir, writer};
use gracemud::world::{AreaId, Origin, Protos, World};

/// One canonical text per part of the prototypes.
fn canonical(p: &Protos) -> Vec<(String, String)> {
    let mut p = p.clone();
    for r in p.rooms.values_mut() {
        r.origin = Origin::default();
    }
    for m in p.mobs.values_mut() {
        m.origin = Origin::default();
    }
    for o in p.objs.values_mut() {
        o.origin = Origin::default();
    }
    for a in &mut p.areas {
        for r in &mut a.resets {
            r.line = 0;
        }
    }
    let mut helps: Vec<String> = p.helps.iter().map(|h| format!("{h:?}")).collect();
    helps.sort();
    let mut socials: Vec<String> = p.socials.iter().map(|s| format!("{s:?}")).collect();
    socials.sort();
    let mut parts = Vec::new();
    for a in &p.areas {
        parts.push((format!("area {}", a.file), format!("{a:#?}")));
    }
    for (v, r) in &p.rooms {
        parts.push((format!("room {}", v.0), format!("{r:#?}")));
    }
    for (v, m) in &p.mobs {
        parts.push((format!("mob {}", v.0), format!("{m:#?}")));
    }
    for (v, o) in &p.objs {
        parts.push((format!("obj {}", v.0), format!("{o:#?}")));
    }
    parts.push(("helps".into(), helps.join("\n")));
    parts.push(("socials".into(), socials.join("\n")));
    parts.push(("mobprogs".into(), format!("{:#?}", p.mobprogs)));
    parts
}

fn fresh_dir(tag: &str) -> PathBuf {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let d = std::env::temp_dir().join(format!("gracemud-rt-{tag}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

/// Load `dir`, write it to a new directory, load that; differences.
fn round_trip(dir: &Path, tag: &str) -> Vec<String> {
    let a = load_area_dir(dir);
    assert!(a.errors.is_empty(), "{}: {:?}", dir.display(), a.errors);
    let out = fresh_dir(tag);
    let mut list = String::new();
    // Written from the running world's own data, as `asave` writes it: the
    // world built from the prototypes gives them back whole.
    let live = World::new(a.protos.clone(), 1).protos();
    if let Some(text) = writer::write_unowned(&live) {
        std::fs::write(out.join("unowned.are"), writer::latin1_bytes(&text))
            .unwrap_or_else(|e| panic!("{e}"));
        list.push_str("unowned.are\n");
    }
    for (i, area) in a.protos.areas.iter().enumerate() {
        let text = writer::write_area(&live, AreaId(i));
        std::fs::write(out.join(&area.file), writer::latin1_bytes(&text))
            .unwrap_or_else(|e| panic!("{}: {e}", area.file));
        let _ = writeln!(list, "{}", area.file);
    }
    list.push_str("$\n");
    std::fs::write(out.join("area.lst"), list).unwrap_or_else(|e| panic!("{e}"));
    let b = load_area_dir(&out);
    let mut diffs: Vec<String> = b
        .errors
        .iter()
        .map(|e| format!("reload error: {e}"))
        .collect();
    assert!(
        !b.protos.rooms.is_empty() && b.protos.rooms.len() == a.protos.rooms.len(),
        "{} rooms became {}",
        a.protos.rooms.len(),
        b.protos.rooms.len()
    );
    println!(
        "{tag}: {} areas, {} rooms, {} mobiles, {} objects, {} resets, {} helps, {} socials, {} mobprogs round-trip",
        b.protos.areas.len(),
        b.protos.rooms.len(),
        b.protos.mobs.len(),
        b.protos.objs.len(),
        b.protos.reset_count(),
        b.protos.helps.len(),
        b.protos.socials.len(),
        b.protos.mobprogs.len()
    );
    let (ca, cb) = (canonical(&a.protos), canonical(&b.protos));
    if ca.len() != cb.len() {
        diffs.push(format!("{} parts became {}", ca.len(), cb.len()));
    }
    for ((name, x), (_, y)) in ca.iter().zip(cb.iter()) {
        if x != y {
            let line = x
                .lines()
                .zip(y.lines())
                .find(|(p, q)| p != q)
                .map(|(p, q)| format!("{} | {}", p.trim(), q.trim()))
                .unwrap_or_else(|| "lengths differ".into());
            diffs.push(format!("{name}: {line}"));
        }
    }
    // File by file: what each holds and whether it came back the same.
    for (i, area) in a.protos.areas.iter().enumerate() {
        let id = AreaId(i);
        let rooms: Vec<i32> = a
            .protos
            .rooms
            .values()
            .filter(|r| r.area == id)
            .map(|r| r.vnum.0)
            .collect();
        let mobs: Vec<i32> = a
            .protos
            .mobs
            .values()
            .filter(|m| m.area == id)
            .map(|m| m.vnum.0)
            .collect();
        let objs: Vec<i32> = a
            .protos
            .objs
            .values()
            .filter(|o| o.area == id)
            .map(|o| o.vnum.0)
            .collect();
        let mine = |d: &String| {
            d.starts_with(&format!("area {}:", area.file))
                || rooms.iter().any(|v| d.starts_with(&format!("room {v}:")))
                || mobs.iter().any(|v| d.starts_with(&format!("mob {v}:")))
                || objs.iter().any(|v| d.starts_with(&format!("obj {v}:")))
        };
        let bad = diffs.iter().filter(|d| mine(d)).count();
        println!(
            "  {:<14} {:4} rooms {:4} mobiles {:4} objects {:4} resets {:3} helps: {}",
            area.file,
            rooms.len(),
            mobs.len(),
            objs.len(),
            area.resets.len(),
            a.protos.helps.iter().filter(|h| h.area == Some(id)).count(),
            if bad == 0 {
                "identical".to_string()
            } else {
                format!("{bad} differences")
            }
        );
    }
    // GRACEMUD_KEEP_ROUNDTRIP=1 keeps the written files to compare by hand.
    if std::env::var("GRACEMUD_KEEP_ROUNDTRIP").is_ok_and(|v| v == "1") {
        println!("{tag}: written files kept in {}", out.display());
    } else if diffs.is_empty() {
        let _ = std::fs::remove_dir_all(&out);
    }
    diffs
}

#[test]
fn the_bundled_world_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("areas");
    let diffs = round_trip(&dir, "bundled");
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs[..diffs.len().min(20)].join("\n")
    );
}

#[test]
fn every_stock_file_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/rom-areas");
    if !dir.join("area.lst").is_file() {
        println!("skipped: {} is not here", dir.display());
        return;
    }
    let diffs = round_trip(&dir, "stock");
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs[..diffs.len().min(20)].join("\n")
    );
}
