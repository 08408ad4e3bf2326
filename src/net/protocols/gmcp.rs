//! GMCP (option 201): `IAC SB GMCP <Package.Message> <json> IAC SE`.
//!
//! The net side frames messages and keeps what the client said about
//! itself: `Core.Hello` (client name and version) and the module list from
//! `Core.Supports.Set`/`Add`/`Remove`. Until a client sends a
//! `Core.Supports` list, every package is sent (TinTin++ never sends one);
//! after that, only packages whose module (`Char` for `Char.Vitals`, or the
//! full name) it listed, plus `Core`.

use std::collections::BTreeMap;

use super::json::{self, Value};

/// Most modules remembered for one client.
pub const MAX_MODULES: usize = 64;
/// Longest module name kept.
pub const MAX_MODULE_NAME: usize = 64;

/// Split a client's GMCP payload into (package, json text).
pub fn split(data: &[u8]) -> Option<(String, String)> {
    let text = String::from_utf8_lossy(data);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let (pkg, rest) = match text.find(|c: char| c.is_ascii_whitespace()) {
        Some(i) => (&text[..i], text[i..].trim()),
        None => (text, ""),
    };
    if pkg.len() > MAX_MODULE_NAME
        || !pkg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
    {
        return None;
    }
    Some((pkg.to_string(), rest.to_string()))
}

/// The payload for a message we send.
pub fn payload(package: &str, json: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(package.len() + json.len() + 1);
    v.extend_from_slice(package.as_bytes());
    if !json.is_empty() {
        v.push(b' ');
        v.extend_from_slice(json.as_bytes());
    }
    v
}

/// What a client told us over GMCP.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientGmcp {
    /// From `Core.Hello`.
    pub client: String,
    pub version: String,
    /// Module → version; `None` until the first `Core.Supports`.
    pub supports: Option<BTreeMap<String, u32>>,
}

/// What a message changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handled {
    /// Hello or Supports: the client's description changed.
    Changed,
    /// Understood, nothing to record (or not for us).
    Ignored,
}

impl ClientGmcp {
    /// Handle one message from the client.
    pub fn receive(&mut self, package: &str, data: &str) -> Handled {
        let lower = package.to_ascii_lowercase();
        match lower.as_str() {
            "core.hello" => {
                let Ok(v) = json::parse(data) else {
                    return Handled::Ignored;
                };
                let clean = |s: Option<&str>| -> String {
                    s.unwrap_or("")
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(MAX_MODULE_NAME)
                        .collect()
                };
                self.client = clean(v.get("client").and_then(Value::as_str));
                self.version = clean(v.get("version").and_then(Value::as_str));
                Handled::Changed
            }
            "core.supports.set" | "core.supports.add" | "core.supports.remove" => {
                let Ok(Value::Arr(items)) = json::parse(data) else {
                    return Handled::Ignored;
                };
                let set = self.supports.get_or_insert_with(BTreeMap::new);
                if lower.ends_with(".set") {
                    set.clear();
                }
                for item in items.iter().filter_map(Value::as_str) {
                    let mut parts = item.split_whitespace();
                    let Some(module) = parts.next() else { continue };
                    if module.len() > MAX_MODULE_NAME {
                        continue;
                    }
                    let version = parts.next().and_then(|v| v.parse().ok()).unwrap_or(1);
                    if lower.ends_with(".remove") {
                        set.remove(&module.to_ascii_lowercase());
                    } else if set.len() < MAX_MODULES
                        || set.contains_key(&module.to_ascii_lowercase())
                    {
                        set.insert(module.to_ascii_lowercase(), version);
                    }
                }
                Handled::Changed
            }
            _ => Handled::Ignored,
        }
    }

    /// Should a message of `package` go to this client?
    pub fn wants(&self, package: &str) -> bool {
        let Some(set) = &self.supports else {
            return true;
        };
        let p = package.to_ascii_lowercase();
        if p.starts_with("core.") || p == "core" {
            return true;
        }
        // "Char.Vitals" is covered by "char.vitals" or "char".
        let mut prefix = p.as_str();
        loop {
            if set.contains_key(prefix) {
                return true;
            }
            match prefix.rfind('.') {
                Some(i) => prefix = &prefix[..i],
                None => return false,
            }
        }
    }

    /// The supported modules as `Name version` strings (for display/export).
    pub fn modules(&self) -> Vec<String> {
        self.supports
            .as_ref()
            .map(|s| s.iter().map(|(m, v)| format!("{m} {v}")).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_payload() {
        assert_eq!(
            split(b"Core.Hello { \"client\": \"Mudlet\" }"),
            Some(("Core.Hello".into(), "{ \"client\": \"Mudlet\" }".into()))
        );
        assert_eq!(
            split(b"Core.Ping"),
            Some(("Core.Ping".into(), String::new()))
        );
        assert_eq!(split(b"  "), None);
        assert_eq!(split(b"Bad\x1bName {}"), None);
        assert_eq!(payload("Char.Vitals", "{}"), b"Char.Vitals {}");
    }

    #[test]
    fn hello_and_supports() {
        let mut g = ClientGmcp::default();
        assert!(g.wants("Room.Info"), "everything before Core.Supports");
        assert_eq!(
            g.receive("Core.Hello", r#"{"client":"Mudlet","version":"4.17.2"}"#),
            Handled::Changed
        );
        assert_eq!(
            (g.client.as_str(), g.version.as_str()),
            ("Mudlet", "4.17.2")
        );
        g.receive(
            "Core.Supports.Set",
            r#"["Char 1", "Room 1", "Comm.Channel 1"]"#,
        );
        assert!(g.wants("Char.Vitals"));
        assert!(g.wants("Room.Info"));
        assert!(g.wants("Comm.Channel.Text"));
        assert!(!g.wants("Comm.Other"));
        assert!(g.wants("Core.Goodbye"));
        g.receive("Core.Supports.Remove", r#"["Room"]"#);
        assert!(!g.wants("Room.Info"));
        g.receive("core.supports.add", r#"["Room.Info 1"]"#);
        assert!(g.wants("Room.Info"));
        assert!(!g.wants("Room.Players"));
        g.receive("Core.Supports.Set", r#"["Room 1"]"#);
        assert!(!g.wants("Char.Vitals"));
        assert_eq!(g.modules(), vec!["room 1"]);
        // Garbage changes nothing.
        assert_eq!(
            g.receive("Core.Supports.Set", "[\"Char 1\""),
            Handled::Ignored
        );
        assert_eq!(g.receive("Core.Hello", "nope"), Handled::Ignored);
        assert_eq!(g.receive("Char.Login", "{}"), Handled::Ignored);
        assert_eq!(g.modules(), vec!["room 1"]);
        // The set is bounded.
        let many: Vec<String> = (0..500).map(|i| format!("\"M{i} 1\"")).collect();
        g.receive("Core.Supports.Add", &format!("[{}]", many.join(",")));
        assert!(g.modules().len() <= MAX_MODULES);
    }
}
